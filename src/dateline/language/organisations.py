"""Organisations named in an article, and the country each belongs to, read from its name.

Real news is full of bodies no table will ever list in full: think tanks, companies, agencies,
universities, parties, police forces, committees. Each organisation the tagger finds becomes an
actor; what it is and whose it is comes, in this order, from:

- the tables, for the whole name (`Pentagon`, `NATO`, `Stanford University` in institutions.tsv);
- a country's name or adjective inside the name (`Chinese Center for Disease Control`, `Israeli
  Defense Forces`, `Alliance for American Manufacturing`), with the rest of the name looked up
  (`U.S. Customs and Border Protection` is the table's `Customs and Border Protection`);
- a place inside the name, through the gazetteer (`University of Pennsylvania`, `New York State
  Attorney General`, `Washington Healthcare Authority`: a US state or city gives USA);
- the description around it (`Kohelet Policy Forum, an Israeli think tank`, `the Spokane ad
  agency DH`).

The kind of body (university, party, police, company) comes from the words of its name, an
English pattern: `... University`, `... Party`, `... Corp.`. Lookups only: no extra pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dateline.language.gazetteer import Gazetteer, GazetteerEntry, actor_code

__all__ = ["ENTITY_LABELS", "ORG_KIND_NOUNS", "OrgMention", "find_organisations", "organisation_of", "read_organisation"]

# The sector an organisation's name words say it is, first match from the end of the name wins.
_SECTOR_WORDS: dict[str, str] = {
    "university": "academic", "college": "academic", "school": "academic", "academy": "academic",
    "institute": "academic", "laboratory": "academic", "laboratories": "academic", "lab": "academic",
    "hospital": "academic", "clinic": "academic",
    "party": "party",
    "police": "cop", "constabulary": "cop", "sheriff": "cop",
    "army": "mil", "navy": "mil", "military": "mil", "forces": "mil", "command": "mil", "guard": "mil",
    "court": "jud", "tribunal": "jud",
    "parliament": "leg", "congress": "leg", "senate": "leg", "house": "leg", "assembly": "leg",
    "committee": "leg", "legislature": "leg",
    "ministry": "gov", "department": "gov", "agency": "gov", "administration": "gov", "commission": "gov",
    "authority": "gov", "office": "gov", "bureau": "gov", "government": "gov", "council": "gov",
    "service": "gov", "attorney": "gov", "general": "gov",
    "company": "business", "corp": "business", "corporation": "business", "inc": "business",
    "ltd": "business", "llc": "business", "plc": "business", "group": "business", "holdings": "business",
    "bank": "business", "capital": "business", "partners": "business", "media": "business",
    "systems": "business", "technologies": "business", "robotics": "business", "machines": "business",
    "interactive": "business", "motors": "business", "airlines": "business", "co": "business",
    "foundation": "ngo", "center": "ngo", "centre": "ngo", "forum": "ngo", "federation": "ngo",
    "alliance": "ngo", "association": "ngo", "society": "ngo", "union": "ngo", "network": "ngo",
    "coalition": "ngo", "trust": "ngo", "fund": "ngo", "project": "ngo", "partnership": "ngo",
}
# Description nouns that say what an organisation is (`an Israeli think tank`, `the ad agency`).
ORG_KIND_NOUNS = frozenset({"tank", "agency", "company", "firm", "group", "organization", "organisation",
                         "institute", "university", "publisher", "chain", "retailer", "maker",
                         "manufacturer", "startup", "charity", "lobby", "regulator", "bank", "party",
                         "network", "newspaper", "broadcaster", "operator", "developer", "insurer"})
# Entity labels an organisation's name gets: ORG, and FAC for a name the small model takes for a
# building (`the Kohelet Policy Forum`), kept only when its words say it is a body.
ENTITY_LABELS = frozenset({"ORG", "FAC"})
_STATE_VIAS = ("name", "adjective", "capital", "seat")
_TRIM = re.compile(r"^(?:the\s+)|(?:'s|')$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class OrgMention:
    """An organisation named in a doc: its name, what it is, and its token span."""

    name: str
    start: int  # token offsets of the name in the doc
    end: int
    head: int  # token index of the name's head
    entry: GazetteerEntry | None  # the table's entry when a table knows the whole name
    country: str | None
    sector: str | None

    @property
    def code(self) -> str | None:
        """The CAMEO-style code: the table's, else country + sector role (USAEDU, ISRNGO)."""
        if self.entry is not None:
            return self.entry.code
        return actor_code(self.country, self.sector) if self.country else None


def _clean(text: str) -> str:
    text = " ".join(text.replace("\u2019", "'").split())
    while (trimmed := _TRIM.sub("", text).strip()) != text:
        text = trimmed
    return text


def _sector(words: Sequence[str]) -> str | None:
    for word in reversed(words):
        if (found := _SECTOR_WORDS.get(word.lower().rstrip("."))) is not None:
            return found
    return None


def read_organisation(name: str, gazetteer: Gazetteer) -> tuple[GazetteerEntry | None, str | None, str | None]:
    """What an organisation's name says of it: (table entry, country, sector). A table entry
    for the whole name wins; else a country or place inside the name gives the country, and
    the rest of the name may still be a table's (`U.S. Customs and Border Protection`)."""
    name = _clean(name)
    if not name:
        return None, None, None
    entry = gazetteer.lookup(name)
    words = name.split()
    if entry is None and len(words) > 1 and words[-1].islower() and words[-1] in _SECTOR_WORDS:
        # house styles write a name's last word small (`the Democratic Progressive party`)
        entry = gazetteer.lookup(" ".join([*words[:-1], words[-1].capitalize()]))
    if entry is not None and not entry.is_place:
        return entry, entry.country, entry.sector
    if entry is not None and entry.is_place:
        return None, entry.country, None  # a name that is only a place is not an organisation
    country: str | None = None
    place: str | None = None
    rest_from = 0
    i = 0
    while i < len(words):
        match = gazetteer.match_at(words, i)
        if match is None:
            i += 1
            continue
        found, size = match
        if found.via in _STATE_VIAS and found.kind != "org":
            if country is not None and found.country != country:
                return None, None, _sector(words)  # two states named: not one state's body
            country = found.country
            if i == rest_from:
                rest_from = i + size
        elif found.is_place and place is None:
            place = found.country
        i += size
    sector = _sector(words)
    if country is not None and rest_from and rest_from < len(words):
        rest = gazetteer.lookup(" ".join(words[rest_from:]))
        if rest is not None and not rest.is_place and rest.kind == "org" and rest.country in (None, country):
            return rest, country, rest.sector
    return None, country or place, sector


def _described_country(tokens: Sequence[Token], gazetteer: Gazetteer) -> tuple[str | None, bool]:
    """The country a description names (`an Israeli think tank`, `the Spokane ad agency`), and
    whether it says it is an organisation at all."""
    country = next((c for t in tokens if t.pos_ in ("ADJ", "PROPN", "NOUN")
                    and ((c := gazetteer.country_of(t.text)) or (c := gazetteer.place_country(t.text)))), None)
    return country, any(t.lower_ in ORG_KIND_NOUNS for t in tokens)


def _context_country(span: Span, gazetteer: Gazetteer) -> str | None:
    """A country the words around the name give it: an apposition that says what it is (`...,
    an Israeli think tank`; `an Israeli think tank, ...`) or a description in front of it (`the
    Spokane ad agency DH`)."""
    root = span.root
    for prep in root.children:  # `the Institute for X in France`
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for obj in prep.children:
                if obj.dep_ == "pobj" and ((c := gazetteer.country_of(obj.text)) or (c := gazetteer.place_country(obj.text))):
                    return c
    for child in root.children:
        if child.dep_ == "appos" and not span.start <= child.i < span.end:
            country, is_org = _described_country(list(child.subtree), gazetteer)
            if country and is_org:
                return country
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        head = root.head
        country, is_org = _described_country([t for t in head.subtree if t.i <= head.i], gazetteer)
        if country and is_org:
            return country
    before = [t for t in span.doc[max(0, span.start - 4):span.start]]
    while before and before[0].pos_ not in ("ADJ", "PROPN", "NOUN"):
        before.pop(0)
    if before and all(t.pos_ in ("ADJ", "PROPN", "NOUN", "DET") for t in before):
        country, is_org = _described_country(before, gazetteer)
        if country and is_org:
            return country
    return None


def organisation_of(span: Span, gazetteer: Gazetteer) -> OrgMention | None:
    """The organisation a span names, with its country; None for a span that names a place,
    a country, a news medium or nothing at all (a FAC span whose words name no kind of body:
    `Union Station` is a place, `the Kohelet Policy Forum` a body)."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if start >= end or not any(t.is_alpha for t in doc[start:end]):
        return None
    root = doc[start:end].root
    while start > 0 and doc[start - 1].head.i == root.i and doc[start - 1].dep_ in ("amod", "compound") \
            and gazetteer.country_of(doc[start - 1].text) is not None:
        start -= 1  # `the Chinese CDC`: the state is part of the body's name
    name = doc[start:end]
    entry, country, sector = read_organisation(name.text, gazetteer)
    if entry is not None and (entry.sector == "media" or entry.kind != "org"):
        return None
    if entry is None and (found := gazetteer.lookup(name.text)) is not None and found.is_place:
        return None
    if entry is None and span.label_ == "FAC" and (sector is None or sector in ("gov", "leg")):
        return None
    if country is None and entry is None:
        country = _context_country(name, gazetteer)
    return OrgMention(entry.name if entry else _clean(name.text), start, end, name.root.i, entry,
                      country, sector)


def find_organisations(doc: Doc, gazetteer: Gazetteer) -> Iterator[OrgMention]:
    """Every organisation the tagger marks in `doc`, read by `organisation_of`."""
    for ent in doc.ents:
        named = ent.label_ in ENTITY_LABELS or (  # `energy company Burisma`, whatever the tagger says
            ent.start > 0 and doc[ent.start - 1].lower_ in ORG_KIND_NOUNS and ent.label_ in ("PERSON", "GPE"))
        if named and (found := organisation_of(ent, gazetteer)) is not None:
            yield found
