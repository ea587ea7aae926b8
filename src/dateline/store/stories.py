"""Wire copies grouped into stories, with the LSH index persisted in the store.

An article joins a story in three steps, cheapest first:

1. an exact copy (same `Article.fingerprint`, the hash of the normalised body) joins its story
   with similarity 1.0;
2. otherwise the articles sharing an LSH band key with it are candidates, and the one with the
   highest exact shingle Jaccard, if it reaches `StorySettings.threshold`, gives its story;
3. otherwise the article starts a story of its own (story id = its id).

Candidates are verified with the exact Jaccard of shingles recomputed from the stored bodies,
not with the MinHash estimate: the estimate's error at 126 permutations (about 0.045 at
J = 0.5) would make the decision at the threshold a coin toss, the store already holds the
bodies, and only the band keys need to be kept. Teasers and bodies too short to compare never
join by similarity (teasers never join at all).

The canonical article of a story is its earliest copy (article date, then crawl date, then id;
unknown dates last), recomputed whenever a copy joins; the story id stays the id of the article
that started it, so ids held elsewhere never go stale. Every write happens inside a savepoint,
so `assign_story` is atomic inside or outside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from dateline.errors import NotFoundError, StoreError
from dateline.model import Article, ArticleKind
from dateline.stories import StorySettings, body_shingles, jaccard, story_keys

__all__ = ["StoryAssignment", "StoryCopy", "assign_story", "copies_count", "story_copies", "story_of"]

# Earliest first; the same order as the trigger of schema migration 4.
_EARLIEST = "a.date IS NULL, a.date, a.crawl_date IS NULL, a.crawl_date, a.id"


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """The story an article belongs to, its canonical article, and the similarity that joined it.

    `similarity` is 1.0 for an exact copy, the shingle Jaccard with the closest copy for a near
    copy, and None for the article that started the story.
    """

    story_id: str
    canonical_id: str
    similarity: float | None


class StoryCopy(NamedTuple):
    """One copy of a story: the article, the site that ran it and its URL when the store has one."""

    article_id: str
    site: str | None
    url: str | None


@contextmanager
def _savepoint(conn: sqlite3.Connection) -> Iterator[None]:
    """All or nothing, whether or not the caller holds a transaction."""
    conn.execute("SAVEPOINT assign_story")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # SQLITE_FULL and I/O errors roll back everything themselves
            conn.execute("ROLLBACK TO assign_story")
            conn.execute("RELEASE assign_story")
        raise
    conn.execute("RELEASE assign_story")


def story_of(conn: sqlite3.Connection, article_id: str) -> StoryAssignment | None:
    """The current assignment of an article, or None when it has none yet."""
    row = conn.execute(
        "SELECT s.story_id, s.similarity, c.article_id AS canonical_id FROM article_stories s"
        " LEFT JOIN article_stories c ON c.story_id = s.story_id AND c.canonical = 1"
        " WHERE s.article_id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        return None
    return StoryAssignment(row["story_id"], row["canonical_id"] or row["story_id"], row["similarity"])


def assign_story(conn: sqlite3.Connection, article: Article, *, settings: StorySettings) -> StoryAssignment:
    """Put a stored article into a story: an exact copy's, a near copy's, or a new one.

    Idempotent: an article already assigned keeps its story. The article must already be written
    (`write_page`); raises NotFoundError otherwise.
    """
    current = story_of(conn, article.id)
    if current is not None:
        return current
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone() is None:
        raise NotFoundError("article", article.id)
    with _savepoint(conn):
        story_id, similarity = _match(conn, article, settings)
        conn.execute(
            "INSERT INTO article_stories(article_id, story_id, canonical, similarity) VALUES (?, ?, 0, ?)",
            (article.id, story_id or article.id, similarity),
        )
        _elect_canonical(conn, story_id or article.id)
    assigned = story_of(conn, article.id)
    if assigned is None:
        raise StoreError(f"article {article.id} lost its story assignment")
    return assigned


def _match(conn: sqlite3.Connection, article: Article, settings: StorySettings) -> tuple[str | None, float | None]:
    """(story id, similarity) of the story the article joins, (None, None) for a new story.

    Indexes the article's bands on the way, so later copies can find it.
    """
    if article.kind == ArticleKind.TEASER or not article.body.strip():
        return None, None
    exact = conn.execute(
        "SELECT a.id, s.story_id FROM articles a JOIN article_stories s ON s.article_id = a.id"
        f" WHERE a.fingerprint = ? AND a.id != ? AND a.kind != 'teaser' ORDER BY {_EARLIEST} LIMIT 1",
        (article.fingerprint, article.id),
    ).fetchone()
    if exact is not None:
        # Same normalised body, same shingles, same band keys: copy them, no MinHash needed.
        conn.execute(
            "INSERT OR IGNORE INTO story_bands(band_key, article_id)"
            " SELECT band_key, ? FROM story_bands WHERE article_id = ?",
            (article.id, exact["id"]),
        )
        return str(exact["story_id"]), 1.0
    shingles, keys = story_keys(article.body, settings=settings)
    conn.executemany(
        "INSERT OR IGNORE INTO story_bands(band_key, article_id) VALUES (?, ?)",
        ((key, article.id) for key in keys),
    )
    return _near_copy(conn, article.id, shingles, keys, settings)


def _near_copy(
    conn: sqlite3.Connection, article_id: str, shingles: set[str], keys: list[str], settings: StorySettings
) -> tuple[str | None, float | None]:
    """The story of the most similar indexed article at or above the threshold."""
    if not keys:
        return None, None
    rows = conn.execute(
        "SELECT s.story_id, a.body FROM ("
        "  SELECT article_id, COUNT(*) AS shared FROM story_bands"
        "  WHERE band_key IN (SELECT value FROM json_each(?)) AND article_id != ?"
        "  GROUP BY article_id ORDER BY shared DESC, article_id LIMIT ?) c"
        " JOIN article_stories s ON s.article_id = c.article_id"
        " JOIN articles a ON a.id = c.article_id ORDER BY c.shared DESC, c.article_id",
        (json.dumps(keys), article_id, settings.max_candidates),
    ).fetchall()
    best: tuple[float, str] | None = None
    for row in rows:
        score = jaccard(shingles, body_shingles(row["body"], k=settings.k))
        if score >= settings.threshold and (best is None or score > best[0]):
            best = (score, str(row["story_id"]))
    return (None, None) if best is None else (best[1], best[0])


def _elect_canonical(conn: sqlite3.Connection, story_id: str) -> None:
    """Mark the earliest copy of a story canonical and every other copy not."""
    conn.execute(
        "UPDATE article_stories SET canonical = (article_id = ("
        f" SELECT s.article_id FROM article_stories s JOIN articles a ON a.id = s.article_id"
        f" WHERE s.story_id = ?1 ORDER BY {_EARLIEST} LIMIT 1)) WHERE story_id = ?1",
        (story_id,),
    )


def _url_column(conn: sqlite3.Connection) -> str:
    """The article's URL, else its page's, on a schema that has them (migration 5), else NULL."""
    present = [
        f"{alias}.url"
        for table, alias in (("articles", "a"), ("pages", "p"))
        if any(row[1] == "url" for row in conn.execute(f"PRAGMA table_info({table})"))
    ]
    return f"COALESCE({', '.join(present)}, NULL)" if present else "NULL"


def story_copies(conn: sqlite3.Connection, story_id: str) -> list[StoryCopy]:
    """Every copy of a story, the canonical (earliest) first."""
    rows = conn.execute(
        f"SELECT a.id, a.site, {_url_column(conn)} AS url FROM article_stories s"
        " JOIN articles a ON a.id = s.article_id JOIN pages p ON p.id = a.page_id"
        f" WHERE s.story_id = ? ORDER BY s.canonical DESC, {_EARLIEST}",
        (story_id,),
    ).fetchall()
    return [StoryCopy(row["id"], row["site"], row["url"]) for row in rows]


def copies_count(conn: sqlite3.Connection, article_id: str) -> int:
    """How many copies the store holds of the article's story: 1 for a story of its own or an
    article not assigned yet, 0 for an unknown article."""
    row = conn.execute(
        "SELECT COUNT(*) FROM article_stories s JOIN article_stories t ON t.story_id = s.story_id"
        " WHERE s.article_id = ?",
        (article_id,),
    ).fetchone()
    if row[0]:
        return int(row[0])
    known = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
    return 1 if known else 0
