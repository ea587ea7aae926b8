"""People named in an article, with the role, country and affiliation the text gives them.

Roles are learned from the words around a name, never from a list of names: the modifiers in
front of it (`Chinese President Xi Jinping`, `foreign ministry spokeswoman Mao Ning`, `NATO chief
Mark Rutte`), the noun it stands in apposition to (`his Ukrainian counterpart Dmytro Kuleba`), or
an appositive after it (`Ja-Ian Chong, an associate professor at the National University of
Singapore`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dateline.language.gazetteer import Gazetteer, GazetteerEntry
from dateline.language.organisations import ENTITY_LABELS, ORG_KIND_NOUNS, OrgMention, organisation_of
from dateline.language.phrases import doc_text

__all__ = ["GOVERNMENT_ROLES", "HONORIFICS", "ROLE_WORDS", "PersonMention", "find_persons", "lone_name", "role_head"]

# Nouns that name a position a person holds. Government roles imply a state: with no country
# in the text, the story's dateline country is assumed (`the foreign ministry spokeswoman`).
GOVERNMENT_ROLES = frozenset({
    "president", "premier", "minister", "chancellor", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "ambassador", "envoy", "diplomat", "official", "king", "queen", "prince",
    "emir", "sheikh", "senator", "lawmaker", "governor", "mayor", "general", "admiral",
    "commander", "negotiator", "aide", "adviser", "advisor", "deputy", "vice", "counterpart",
    "leader", "ruler", "monarch", "dictator", "foreign", "defence", "defense", "prime", "press",
})
ROLE_WORDS = GOVERNMENT_ROLES | frozenset({
    "chief", "head", "director", "chair", "chairman", "chairwoman", "ceo", "founder", "professor",
    "analyst", "expert", "specialist", "researcher", "scholar", "economist", "fellow", "lecturer",
    "journalist", "correspondent", "reporter", "editor", "lawyer", "attorney", "judge",
    "prosecutor", "activist", "candidate", "representative", "delegate", "coordinator",
    "executive", "officer", "strategist", "observer", "member", "secretary-general", "pope",
    "vp", "svp", "evp", "coo", "cfo", "cto",
})
# Courtesy and rank titles in front of a name (`Mr. Trump`, `Lt. Col. Vindman`): not name words.
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col",
                        "maj", "capt", "cmdr", "adm", "sgt", "rev", "sir", "dame", "lord", "lady"})
# Last words of a newspaper's or magazine's name: never a person's (`the Hartford Courant`).
_MEDIA_HEADS = frozenset({"herald", "courant", "times", "post", "journal", "tribune", "gazette", "news",
                          "magazine", "chronicle", "telegraph", "observer", "examiner", "inquirer"})
# A spokesperson or a ministry with no country named speaks for the state the story is filed
# from (`foreign ministry spokeswoman Mao Ning` under a Beijing dateline).
_STATE_BODY_WORDS = frozenset({"ministry", "council", "department", "cabinet", "government",
                               "spokesman", "spokeswoman", "spokesperson"})
_MAX_DESCRIPTION = 10
# Small words inside a person's name (`Richard von Weizsacker`, `Ahmed bin Salman`).
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "du", "da", "di", "del", "della", "la", "le",
                            "bin", "ibn", "al", "el", "ben", "ter", "zu"})
# A title runs on through `to`/`for` (`Ambassador to the European Union`, `Special Envoy for
# Ukraine`): what follows is where or for what the office is held, not whom it serves.
_TITLE_PREPS = frozenset({"to", "for"})
# Roles whose country modifier names a subject of study, not a nationality (`a Ukraine
# specialist`, `a China expert`); a nationality adjective still gives one (`a Chinese expert`).
_TOPIC_ROLES = frozenset({"specialist", "expert", "analyst", "scholar", "researcher", "watcher",
                          "correspondent", "reporter", "hand", "adviser", "advisor", "director"})
# Words that qualify a role rather than describe the person (`foreign ministry spokeswoman`).
_ROLE_MODIFIERS = frozenset({
    "foreign", "defence", "defense", "interior", "finance", "economy", "trade", "justice",
    "ministry", "ministries", "national", "security", "council", "press", "deputy", "vice", "prime",
    "state", "associate", "assistant", "senior", "top", "former", "acting", "special", "general",
    "military", "army", "navy", "party", "government", "presidential", "chief", "foreign-policy",
    "department", "affairs", "policy", "intelligence", "supreme", "joint", "staff", "union", "opposition",
})
# Entity labels NER sometimes gives a person's name (`Lars Eklund` as ORG).
_MISLABELS = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "LOC"})
_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "det", "case", "punct", "nummod", "prep", "pobj"}
_ORG_PREPS = {"at", "of", "with", "from", "for", "on"}
# Where a one-word name acts as a person: subject, object, possessor, or coordinated with one.
_ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "conj"})


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A full name in a doc, and what the text around it says about the person."""

    name: str
    start: int  # char offsets of the name in the doc
    end: int
    head: int  # token index of the name's last word
    role: str | None = None
    country: str | None = None
    affiliation: str | None = None  # an organisation the person speaks for (`NATO`)
    affiliation_code: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(w for w in self.name.replace("-", " ").split() if w)


def role_head(role: str | None) -> str | None:
    """The last role word of a role phrase (`foreign ministry spokeswoman` → `spokeswoman`)."""
    if not role:
        return None
    words = [w for w in role.lower().split() if w in ROLE_WORDS]
    return words[-1] if words else None


def _name_spans(doc: Doc, gazetteer: Gazetteer) -> Iterator[Span]:
    """Full names (two words or more) that our tables do not know as places or bodies: PERSON
    entities, widened to a first name NER left out (`Turkey's Mehmet [Demir]`), and names NER
    mislabels as another kind of entity right after a role (`NATO chief [Lars Eklund]`)."""
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            span = _one_name(_widen_left(_strip_titles(ent), gazetteer))
        elif ent.label_ in _MISLABELS and (_after_role(ent) or _describes_person(ent.root)) \
                and all(_name_word(t, gazetteer) for t in ent):
            span = _one_name(ent)
        else:
            continue
        if _credit_or_title(span):
            continue
        words = [t for t in span if t.is_alpha]
        if len(words) < 2 or not all(t.text[:1].isupper() or (t.lower_ in NAME_PARTICLES and 0 < k < len(words) - 1)
                                     for k, t in enumerate(words)):
            continue
        if span.start > 0 and span.doc[span.start - 1].lower_ in ORG_KIND_NOUNS:
            continue  # `energy company Burisma`: a body's name, read by organisations.py
        if gazetteer.lookup(span.text) is not None:
            continue
        yield span


def _credit_or_title(span: Span) -> bool:
    """What only looks like a name: a photo or contributor credit (`Jane ROE / AFP`, an
    all-capitals surname), a newspaper (`the Hartford Courant`), a word broken at a line's end
    (`Ocasio-` ), or titles alone (`Lt Col`)."""
    words = [t for t in span if t.is_alpha]
    return (any(t.text in ("/", "|") for t in span)
            or any(len(t.text) > 2 and t.text.isupper() for t in words)
            or (bool(words) and words[-1].lower_ in _MEDIA_HEADS)
            or span.text.endswith("-")
            or all(t.lower_.rstrip(".") in HONORIFICS | ROLE_WORDS for t in words))


def _one_name(span: Span) -> Span:
    """A name ends where it starts over (`Jane Roe Jane Roe Weekly Digest`, a page's hover card
    glued to the name) or at a line break (a name never runs into the next line's chrome)."""
    end = next((t.i for t in span[1:] if "\n" in t.doc[t.i - 1].whitespace_ + t.text), span.end)
    end = next((t.i for t in span[1:end - span.start] if t.text == span[0].text), end)
    return span.doc[span.start:end]


def _name_word(token: Token, gazetteer: Gazetteer) -> bool:
    """A word that can be part of a person's name: a capitalised proper noun (not an acronym)
    that is neither a role nor a name in our tables."""
    return (token.pos_ == "PROPN" and token.is_alpha and token.is_title
            and token.lower_ not in ROLE_WORDS | _STATE_BODY_WORDS and token.lower_.rstrip(".") not in HONORIFICS
            and gazetteer.lookup(token.text) is None)


def lone_name(token: Token, gazetteer: Gazetteer) -> bool:
    """A one-word name NER marks as a person on its own, where a person acts (`Putin said`,
    `met Putin`, `Putin's visit`): a surname an article uses without ever giving the full name.
    Elsewhere (`on Twitter`, `the island of Vaindloo`) a lone PERSON is too often a mislabel.
    The store links a surname to the corpus's one full name ending in it (store.surnames)."""
    doc = token.doc
    alone = token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
    return (alone and token.ent_type_ == "PERSON" and token.dep_ in _ACTING_DEPS
            and _name_word(token, gazetteer))


def _describes_person(head: Token) -> bool:
    """`Jane Roe, a researcher at ...`: an apposition whose head is a role word says the name
    before it is a person's, whatever label the tagger gave it."""
    return any(c.dep_ == "appos" and c.i > head.i and c.lower_ in ROLE_WORDS for c in head.children)


def _after_role(ent: Span) -> bool:
    return ent.start > 0 and ent.doc[ent.start - 1].lower_ in ROLE_WORDS


def _widen_left(span: Span, gazetteer: Gazetteer) -> Span:
    """Take in name words that the parse compounds onto the name but NER left out."""
    start = span.start
    while start > 0 and _name_word(span.doc[start - 1], gazetteer) and (
            span.doc[start - 1].dep_ == "compound" and span.start <= span.doc[start - 1].head.i < span.end):
        start -= 1
    return span.doc[start:span.end]


def _strip_titles(ent: Span) -> Span:
    """NER sometimes takes a title into the name (`President Vladimir Putin`, `Lt Col Alexander
    Vindman`), a sentence's first verb (`Questioning Vindman's`) or a possessive (`Musk's`)."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end - 1 and (doc[start].lower_ in ROLE_WORDS or doc[start].lower_.rstrip(".") in HONORIFICS
                               or doc[start].pos_ in ("VERB", "AUX") or doc[start].is_punct):
        start += 1
    while end > start + 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in ("'s", "\u2019s", "'", "\u2019")):
        end -= 1
    return doc[start:end]


def _left_modifiers(name: Span) -> list[Token]:
    """The description written in front of a name: the adjacent nouns, adjectives, proper nouns
    and possessives (`his Ukrainian counterpart`, `foreign ministry spokeswoman`). Read from the
    words rather than the tree: the parser often attaches such a description as a sibling."""
    doc = name.doc
    tokens: list[Token] = []
    i = name.start - 1
    while i >= 0 and len(tokens) < _MAX_DESCRIPTION:
        t = doc[i]
        if t.pos_ in ("NOUN", "ADJ", "PROPN", "DET", "NUM") or t.tag_ in ("PRP$", "POS") or (
                t.text == "-" and tokens) or (tokens and tokens[-1].text == "-" and t.is_title):
            tokens.append(t)
            i -= 1
            continue
        if t.lower_ in _TITLE_PREPS and tokens and i > 0 and doc[i - 1].lower_ in ROLE_WORDS:
            tokens.append(t)  # `U.S. Ambassador to the European Union Gordon Sondland`
            i -= 1
            continue
        break
    return list(reversed(tokens))


def _noun_phrase_left(noun: Token) -> list[Token]:
    return [t for t in noun.subtree if t.i <= noun.i and (t.dep_ in _MODIFIER_DEPS or t.i == noun.i)]


def _describe(tokens: Sequence[Token], gazetteer: Gazetteer) -> tuple[str | None, str | None, GazetteerEntry | None]:
    """Role text, country and affiliated organisation from the words of a description. Names are
    matched longest first, so that `Arab League spokesman` is affiliated with the Arab League
    and `White House spokesman` speaks for the United States (never for the dateline country)."""
    country: str | None = None
    org: GazetteerEntry | None = None
    role_words: list[str] = []
    if (held_at := next((k for k, t in enumerate(tokens) if t.lower_ in _TITLE_PREPS), None)) is not None:
        tokens = tokens[:held_at]  # `Ambassador to the European Union`: the host is not the employer
    words = [t.text for t in tokens]
    topic = bool(words) and words[-1].lower() in _TOPIC_ROLES
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.dep_ in ("det", "case", "punct") or t.tag_ in ("PRP$", "POS", "DT"):
            i += 1
            continue
        if topic and (e := gazetteer.lookup(t.text)) is not None and e.via == "name" and not e.is_place:
            role_words.append(t.text)  # `a Ukraine specialist`: the subject, not the nationality
            i += 1
            continue
        match = gazetteer.match_at(words, i) if t.text[:1].isupper() else None
        entry, size = match if match is not None else (None, 1)
        if entry is not None and entry.kind == "org" and entry.sector != "gov":
            org = org or entry
        elif entry is not None and entry.kind == "org":  # a seat of government: `Kremlin spokesman`
            country = country or entry.country
            role_words.extend(words[i:i + size])
        elif (c := gazetteer.country_of(" ".join(words[i:i + size]))) is not None:
            country = country or c
        else:
            role_words.extend(words[i:i + size])
        i += size
    role = _role_suffix(role_words)
    return (role.lower() if role else None), country, org


def _role_suffix(words: Sequence[str]) -> str | None:
    """The role at the end of a description (`his strategic ally President` → `President`):
    the longest run of role words, their usual modifiers and proper nouns (`National Security
    Council spokesman`) that ends in a role word."""
    if not words or words[-1].lower() not in ROLE_WORDS:
        return None
    start = len(words) - 1
    while start > 0 and (words[start - 1].lower() in ROLE_WORDS | _ROLE_MODIFIERS or words[start - 1][:1].isupper()):
        start -= 1
    return " ".join(words[start:])


def _appositive_after(head: Token) -> Token | None:
    """The noun in apposition after a name that describes the person: a role (`X, the
    ambassador`), one with a role word in front (`X, a senior fellow`), or any common noun with
    an article (`X, a Stanford immunologist`: what the person is)."""
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i and child.pos_ == "NOUN" and any(
                d.dep_ == "det" for d in child.lefts):
            return child
        if child.dep_ == "appos" and child.i > head.i and child.lower_ in ROLE_WORDS | {"professor"}:
            return child
        if child.dep_ == "appos" and child.i > head.i and any(w.lower_ in ROLE_WORDS for w in child.lefts):
            return child
    return None


def _affiliation_of(noun: Token, gazetteer: Gazetteer) -> tuple[str | None, GazetteerEntry | None]:
    """`professor at the National University of Singapore` → its name (and table entry)."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in _ORG_PREPS:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    span = obj.doc[obj.left_edge.i:obj.right_edge.i + 1]
                    text = span.text[4:] if span.text.lower().startswith("the ") else span.text
                    return text, gazetteer.lookup(text)
    return None, None


def _organisation_in(tokens: Sequence[Token], gazetteer: Gazetteer) -> OrgMention | None:
    """The first organisation the tagger marks among `tokens` (`Ubisoft` of `Ubisoft senior VP`,
    `Stanford` of `a Stanford immunologist`), read with its country: the first with a country."""
    first: OrgMention | None = None
    for t in tokens:
        if t.ent_type_ in ENTITY_LABELS:
            start = t.i
            while start > 0 and t.doc[start].ent_iob_ == "I":
                start -= 1
            end = t.i + 1
            while end < len(t.doc) and t.doc[end].ent_iob_ == "I":
                end += 1
            found = organisation_of(next((e for e in t.doc.ents if e.start == start), t.doc[start:end]), gazetteer)
            if found is not None and found.country is not None:
                return found
            first = first or found
    return first  # `of the Institute for X at the National Center for Y in France`: the one with a country


def _employer(head: Token, after: Token | None, gazetteer: Gazetteer) -> OrgMention | None:
    """The organisation a person works for, said after the name: `X of the Tax Policy
    Center`, `X, a senior fellow at the Kohelet Policy Forum`, `X, a Stanford immunologist`."""
    nouns = [head] + ([after] if after is not None else [])
    found: list[OrgMention] = []
    for noun in nouns:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in _ORG_PREPS:
                objects = [o for o in prep.children if o.dep_ == "pobj"]
                if objects and (org := _organisation_in(list(objects[0].subtree), gazetteer)) is not None:
                    found.append(org)
    if after is not None and (org := _organisation_in([t for t in after.subtree if t.i <= after.i], gazetteer)):
        found.append(org)
    if after is None and (org := _organisation_in(_clause_after(head), gazetteer)) is not None:
        found.append(org)
    # the first that says whose it is (`the Institute for A at the National Center for B`)
    return next((o for o in found if o.country is not None), found[0] if found else None)


def _clause_after(head: Token) -> list[Token]:
    """The words after a name that say where the person works, up to the clause's verb or
    end: `X of the Institute for A at the National Center for B in France and ...`."""
    doc = head.doc
    if head.i + 1 >= len(doc) or doc[head.i + 1].lower_ not in _ORG_PREPS:
        return []
    found: list[Token] = []
    for t in doc[head.i + 1:head.sent.end]:
        if t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ".", "(") or t.lower_ in ("and", "who"):
            break
        found.append(t)
    return found


# `Rep. Jane Roe (D-Minn.)`: a member of the US Congress, by the party-and-state tag that follows.
_US_PARTY_TAG = re.compile(r"^\s*,?\s*\((?:D|R|I)[-\u2013](?:[A-Z][A-Za-z.]*\s?){1,3}\)")
# Titles of members of the US Congress, written in front of the name.
_US_LEGISLATOR_TITLES = frozenset({"rep", "sen", "congressman", "congresswoman", "senator", "representative"})


def _us_legislator(name: Span) -> bool:
    """A member of the US Congress by the conventions US news writes them with: a party-and-
    state tag after the name (`(D-Minn.)`, `(R-Texas)`), or `Rep.`/`Sen.` in front of it with
    such a tag or a US word nearby."""
    if _US_PARTY_TAG.match(doc_text(name.doc)[name.end_char:name.end_char + 24]):
        return True
    return False


def find_persons(doc: Doc, gazetteer: Gazetteer, *, default_country: str | None = None) -> list[PersonMention]:
    """Every full name in `doc` with its role, country and affiliation."""
    found: list[PersonMention] = []
    for name in _name_spans(doc, gazetteer):
        head = name[-1]
        description = _left_modifiers(name)
        # An apposition to a common noun describes the person (`counterpart ... Luc Moreau`);
        # one to another name is a parse error on a coordination (`Qin Gang and his counterpart
        # Dmytro Kuleba`), whose description is already the adjacent words.
        if head.dep_ == "appos" and head.head.i < name.start and head.head.pos_ == "NOUN":
            # the noun in apposition is often adjacent too (`her French counterpart Luc Moreau`)
            seen = {t.i for t in description}
            description = [t for t in _noun_phrase_left(head.head) if t.i not in seen] + description
        role, country, org = _describe(description, gazetteer)
        affiliation = org.name if org else None
        code = org.code if org else None
        after = _appositive_after(head)
        if after is not None:
            more_role, more_country, more_org = _describe(_noun_phrase_left(after), gazetteer)
            role = role or more_role
            country = country or more_country
            text, entry = _affiliation_of(after, gazetteer)
            if affiliation is None and (entry or text):
                affiliation, code = (entry.name, entry.code) if entry else (text, None)
        if country is None and org is None:
            # an employer the tagger marks: `Ubisoft senior VP X`, `X of the Tax Policy Center`
            employer = _organisation_in(description, gazetteer) or _employer(head, after, gazetteer)
            if employer is not None:
                affiliation = affiliation or employer.name
                code = code or employer.code
                if employer.sector not in ("media", "igo"):
                    country = employer.country
        if country is None and _us_legislator(name):
            country = "USA"
        if country is None and org is None:  # `University of Pennsylvania researcher`, `a Texas lawyer`
            country = next((c for t in description if t.pos_ == "PROPN"
                            and (c := gazetteer.place_country(t.text)) is not None), None)
        if country is None and org is not None and org.sector not in ("media", "igo"):
            # `Apple CEO Tim Cook` (USABUS), `NSC official`, `FBI agent`: an officer of a company
            # or a state institution is of its country
            country = org.country
        if country is None and affiliation is None and role and _STATE_BODY_WORDS & set(role.split()):
            country = default_country
        found.append(PersonMention(name.text, name.start_char, name.end_char, head.i, role, country,
                                   affiliation, code))
    return found
