"""Corpus-wide surname resolution: a person an article names only by surname (`Putin`) is the
corpus's one full-name person whose last name is that surname (`Vladimir Putin`).

Within an article the language stage already resolves `Putin` to `Vladimir Putin`; an article
that never gives the full name (a headline, a short wire item) makes a person of the surname
alone. `link_surnames` joins the two across the corpus, when exactly one full-name person has
the surname as a name word at all and it is their last one (`Wang` beside `Wang Yi` and `Wang
Wenbin`, or `Vladimir` beside `Vladimir Putin`, stays apart), their countries do not conflict,
and no article names both (that article tells them apart).

How: the surname-only person's rows (quotations, events, mentions, roles per article) are
rewritten to the full-name person's id, and its `actors` row stays, hidden, with `same_as`
naming that person. Every reader (listings, timelines, the actor page, exports, the covering
indexes of migrations 7 and 8) then sees one id per person without following a link; only the
lookups by name or id (`find_actor_ids`, `get_actor`, `list_actors`) read `same_as`.
`actor_links` records which articles' rows were rewritten, so that a link can be undone when a
later article makes the surname ambiguous: each run undoes every link, then recomputes them all
from the rows as analysed, so the store is the same whatever order articles came in, and a
re-analysed article (written with the surname's id again) is linked again.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.store.language import refresh_countries

__all__ = ["Person", "link_surnames", "surname_links"]

# The columns that hold an actor id in an article's rows: what a link rewrites.
_ACTOR_COLUMNS = (("quotes", "speaker_id"), ("events", "source_id"), ("events", "target_id"),
                  ("mentions", "actor_id"), ("actor_articles", "actor_id"))
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@dataclass(frozen=True, slots=True)
class Person:
    """A person actor as the linking reads it."""

    id: str
    name: str
    country: str | None


def _words(name: str) -> tuple[str, ...]:
    """A name's words as compared: case-folded, hyphens split, a possessive dropped."""
    return tuple(w for w in (_POSSESSIVE.sub("", w) for w in name.replace("-", " ").casefold().split()) if w)


def surname_links(persons: Sequence[Person]) -> dict[str, str]:
    """Surname-only person id -> the full-name person id it is: the one full-name person with
    that word in their name, as its last word, and no other country than the surname's."""
    having: defaultdict[str, list[Person]] = defaultdict(list)
    for p in persons:
        words = _words(p.name)
        if len(words) > 1:
            for w in set(words):
                having[w].append(p)
    links: dict[str, str] = {}
    for p in persons:
        words = _words(p.name)
        if len(words) != 1 or len(having[words[0]]) != 1:
            continue
        (full,) = having[words[0]]
        if _words(full.name)[-1] == words[0] and (p.country is None or full.country in (None, p.country)):
            links[p.id] = full.id
    return links


def link_surnames(conn: sqlite3.Connection) -> int:
    """Recompute every surname link, in the caller's transaction; returns how many there are."""
    _unlink(conn)
    links: dict[str, str] = {}
    for short, full in sorted(surname_links(_persons(conn)).items()):
        # One article may hold two surname-only persons of one name (a teaser list repeating it):
        # only the first becomes the full name there, so no article gets the full name twice.
        if not any(_named_together(conn, short, other) for other in (full, *_linked_to(links, full))):
            links[short] = full
    conn.executemany("UPDATE actors SET same_as = ? WHERE id = ?", ((f, s) for s, f in links.items()))
    for table, column in _ACTOR_COLUMNS:
        conn.executemany(f"INSERT OR IGNORE INTO actor_links(article_id, alias_id, actor_id)"
                         f" SELECT DISTINCT article_id, ?1, ?2 FROM {table} WHERE {column} = ?1", links.items())
    _move(conn, "alias_id", "actor_id")
    refresh_countries(conn, sorted(set(links.values())))
    return len(links)


def _unlink(conn: sqlite3.Connection) -> None:
    """Put every linked row back to the id its analysis gave it, and the countries with them."""
    linked = sorted({i for row in conn.execute("SELECT DISTINCT alias_id, actor_id FROM actor_links") for i in row})
    _move(conn, "actor_id", "alias_id")
    conn.execute("DELETE FROM actor_links")
    conn.execute("UPDATE actors SET same_as = NULL WHERE same_as IS NOT NULL")
    refresh_countries(conn, linked)


def _move(conn: sqlite3.Connection, old: str, new: str) -> None:
    """In each linked article, rows with the link's `old` id get its `new` one."""
    for table, column in _ACTOR_COLUMNS:
        conn.execute(f"UPDATE {table} SET {column} = l.{new} FROM actor_links l"
                     f" WHERE l.article_id = {table}.article_id AND {table}.{column} = l.{old}")


def _persons(conn: sqlite3.Connection) -> list[Person]:
    """The persons some article names (an actor whose articles are all gone does not count)."""
    rows = conn.execute("SELECT id, name, country FROM actors a WHERE kind = 'person'"
                        " AND EXISTS (SELECT 1 FROM actor_articles aa WHERE aa.actor_id = a.id) ORDER BY id")
    return [Person(*r) for r in rows]


def _linked_to(links: dict[str, str], full: str) -> list[str]:
    """The surname-only persons already linked to `full`."""
    return [short for short, f in links.items() if f == full]


def _named_together(conn: sqlite3.Connection, short: str, full: str) -> bool:
    return conn.execute("SELECT 1 FROM actor_articles a JOIN actor_articles b ON b.article_id = a.article_id"
                        " WHERE a.actor_id = ? AND b.actor_id = ? LIMIT 1", (short, full)).fetchone() is not None
