"""The SQLite schema, as numbered migrations applied in order (PRAGMA user_version)."""

from __future__ import annotations

import sqlite3

from dateline.errors import StoreError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "migrate"]

MIGRATIONS: tuple[str, ...] = (
    # 1: sources, pages, articles with full-text search, and per-site line frequencies.
    """
    CREATE TABLE sources (
        path      TEXT PRIMARY KEY,
        sha256    TEXT,
        size      INTEGER,
        format    TEXT,
        status    TEXT NOT NULL CHECK (status IN ('ingested', 'skipped', 'failed')),
        reason    TEXT NOT NULL DEFAULT '',
        articles  INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sources_sha256 ON sources(sha256);
    CREATE TABLE pages (
        id          TEXT PRIMARY KEY,
        source      TEXT NOT NULL,
        site        TEXT,
        site_key    TEXT NOT NULL,
        section     TEXT,
        crawl_date  TEXT,
        text        TEXT NOT NULL,
        reason      TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE articles (
        id          TEXT PRIMARY KEY,
        page_id     TEXT NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
        source      TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('main', 'sidebar', 'teaser')),
        parent_id   TEXT,
        site        TEXT,
        section     TEXT,
        headline    TEXT NOT NULL,
        authors     TEXT NOT NULL DEFAULT '[]',
        byline      TEXT,
        place       TEXT,
        agency      TEXT,
        date        TEXT,
        crawl_date  TEXT,
        body        TEXT NOT NULL DEFAULT '',
        paragraphs  TEXT NOT NULL DEFAULT '[]',
        start       INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        fingerprint TEXT NOT NULL
    );
    CREATE INDEX articles_page ON articles(page_id);
    CREATE INDEX articles_kind_date ON articles(kind, date);
    CREATE INDEX articles_site ON articles(site);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        headline, body, content='articles', content_rowid='rowid'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, headline, body) VALUES (new.rowid, new.headline, new.body);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, headline, body)
        VALUES ('delete', old.rowid, old.headline, old.body);
    END;
    CREATE TABLE line_stats (
        site_key  TEXT NOT NULL,
        line_key  TEXT NOT NULL,
        pages     INTEGER NOT NULL,
        PRIMARY KEY (site_key, line_key)
    ) WITHOUT ROWID;
    CREATE TABLE line_counted (
        page_id   TEXT PRIMARY KEY,
        site_key  TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 2: the language stage: actors (corpus-wide) with aliases and roles, and per article the
    # mentions, quotations (+ FTS5) and resolved dates. Per-article rows go with their article.
    """
    CREATE TABLE actors (
        id        TEXT PRIMARY KEY,
        name      TEXT NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN ('country', 'org', 'person', 'group')),
        country   TEXT,
        sector    TEXT,
        code      TEXT
    );
    CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
    CREATE INDEX actors_country ON actors(country);
    CREATE TABLE actor_aliases (
        actor_id  TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
        alias     TEXT NOT NULL,
        PRIMARY KEY (actor_id, alias)
    ) WITHOUT ROWID;
    CREATE TABLE actor_articles (
        actor_id   TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        role       TEXT NOT NULL DEFAULT '',
        country    TEXT,
        date       TEXT,
        PRIMARY KEY (actor_id, article_id, role)
    ) WITHOUT ROWID;
    CREATE INDEX actor_articles_article ON actor_articles(article_id);
    -- Key columns come first, in key order: SQLite 3.40's integrity_check misreads
    -- WITHOUT ROWID tables whose key columns are declared out of order.
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start      INTEGER NOT NULL,
        "end"      INTEGER NOT NULL,
        actor_id   TEXT NOT NULL,
        text       TEXT NOT NULL,
        PRIMARY KEY (article_id, start, "end", actor_id)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_actor ON mentions(actor_id);
    CREATE TABLE quotes (
        id              TEXT PRIMARY KEY,
        article_id      TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        text            TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('direct', 'partial')),
        speaker_id      TEXT,
        speaker_country TEXT,
        speaker_role    TEXT,
        cue             TEXT,
        start           INTEGER NOT NULL,
        "end"           INTEGER NOT NULL
    );
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE INDEX quotes_speaker ON quotes(speaker_id);
    CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='rowid');
    CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE TABLE date_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start      INTEGER NOT NULL,
        text       TEXT NOT NULL,
        "end"      INTEGER NOT NULL,
        date       TEXT NOT NULL,
        date_end   TEXT,
        precision  TEXT NOT NULL,
        PRIMARY KEY (article_id, start)
    ) WITHOUT ROWID;
    CREATE TABLE analysed (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        analyser   TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    # 3: events, one row per (article, source, code, target, date), with its evidence sentence.
    """
    CREATE TABLE events (
        id             TEXT PRIMARY KEY,
        article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        source_id      TEXT NOT NULL,
        source_country TEXT,
        target_id      TEXT,
        target_country TEXT,
        cameo          TEXT NOT NULL,
        root           TEXT NOT NULL,
        quad           INTEGER NOT NULL,
        goldstein      REAL NOT NULL,
        date           TEXT,
        date_end       TEXT,
        date_precision TEXT,
        modality       TEXT NOT NULL CHECK (modality IN
                       ('asserted', 'planned', 'negated', 'reported', 'hypothetical')),
        location       TEXT,
        sentence       TEXT NOT NULL,
        start          INTEGER NOT NULL,
        "end"          INTEGER NOT NULL,
        rule           TEXT NOT NULL,
        confidence     REAL NOT NULL,
        mentions       INTEGER NOT NULL
    );
    CREATE INDEX events_article ON events(article_id);
    CREATE INDEX events_source ON events(source_id, date);
    CREATE INDEX events_target ON events(target_id, date);
    CREATE INDEX events_cameo ON events(cameo);
    CREATE INDEX events_date ON events(date);
    """,
    # 4: wire copies grouped into stories. `story_bands` is the persisted LSH index over body
    # MinHash bands (keys embed the signature settings); `article_stories` gives each article
    # its story, the story's canonical (earliest) article and the similarity that joined it.
    # When a canonical article goes, the trigger hands the role to the next earliest copy
    # (same order as dateline.store.stories: date, crawl date, id; unknown dates last).
    """
    CREATE INDEX articles_fingerprint ON articles(fingerprint);
    CREATE TABLE story_bands (
        band_key   TEXT NOT NULL,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (band_key, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_bands_article ON story_bands(article_id);
    CREATE TABLE article_stories (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id   TEXT NOT NULL,
        canonical  INTEGER NOT NULL CHECK (canonical IN (0, 1)),
        similarity REAL
    );
    CREATE INDEX article_stories_story ON article_stories(story_id, canonical);
    CREATE TRIGGER article_stories_ad AFTER DELETE ON article_stories WHEN old.canonical = 1
    BEGIN
        UPDATE article_stories SET canonical = 1 WHERE article_id = (
            SELECT s.article_id FROM article_stories s JOIN articles a ON a.id = s.article_id
            WHERE s.story_id = old.story_id
            ORDER BY a.date IS NULL, a.date, a.crawl_date IS NULL, a.crawl_date, a.id
            LIMIT 1
        );
    END;
    """,
    # 5: inputs that hold many documents (WARC, JSONL): one row per record of every input, and
    # the URL a page or article was fetched from.
    """
    ALTER TABLE pages ADD COLUMN url TEXT;
    ALTER TABLE articles ADD COLUMN url TEXT;
    CREATE TABLE records (
        source   TEXT NOT NULL,
        key      TEXT NOT NULL,
        status   TEXT NOT NULL CHECK (status IN ('ingested', 'skipped', 'failed')),
        reason   TEXT NOT NULL DEFAULT '',
        page_id  TEXT,
        url      TEXT,
        articles INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (source, key)
    ) WITHOUT ROWID;
    CREATE INDEX records_page ON records(page_id);
    """,
    # 6: an actor's events with a given counterpart (the timeline's `with`): seek by the pair of
    # actors, or by the actor and the counterpart's country, instead of reading all the actor's
    # events (dateline.store.events.timeline).
    """
    CREATE INDEX events_pair_source ON events(source_id, target_id);
    CREATE INDEX events_pair_source_country ON events(source_id, target_country);
    CREATE INDEX events_pair_target ON events(target_id, source_id);
    CREATE INDEX events_pair_target_country ON events(target_id, source_country);
    """,
    # 7: timelines and event listings read from indexes alone, in their own order. Whether a
    # record's article is a teaser, and a quotation's day (its article's date, else its crawl
    # date), are copied onto the record, so that indexes hold everything a page filters and sorts
    # by (`date IS NULL` first: undated records sort last). A page is then a merge of index ranges
    # that stops after the page, however many records match (dateline.store.events). Partial
    # indexes hold the events without a country of their own, whose actor's country then counts.
    """
    ALTER TABLE events ADD COLUMN in_teaser INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE quotes ADD COLUMN in_teaser INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE quotes ADD COLUMN day TEXT;
    UPDATE events SET in_teaser = 1 WHERE article_id IN (SELECT id FROM articles WHERE kind = 'teaser');
    UPDATE quotes SET in_teaser = 1 WHERE article_id IN (SELECT id FROM articles WHERE kind = 'teaser');
    UPDATE quotes SET day = (SELECT COALESCE(a.date, a.crawl_date) FROM articles a WHERE a.id = quotes.article_id);
    DROP INDEX events_source;
    DROP INDEX events_target;
    DROP INDEX events_pair_source;
    DROP INDEX events_pair_source_country;
    DROP INDEX events_pair_target;
    DROP INDEX events_pair_target_country;
    CREATE INDEX events_day ON events(in_teaser, date IS NULL, date, start, id, cameo);
    CREATE INDEX events_source ON events(source_id, in_teaser, date IS NULL, date, start, id, cameo,
                                         source_country, target_id, target_country);
    CREATE INDEX events_target ON events(target_id, in_teaser, date IS NULL, date, start, id, cameo,
                                         target_country, source_id, source_country);
    CREATE INDEX events_pair_source ON events(source_id, target_id, in_teaser, date IS NULL, date, start, id,
                                              cameo, source_country, target_country);
    CREATE INDEX events_pair_target ON events(target_id, source_id, in_teaser, date IS NULL, date, start, id,
                                              cameo, target_country, source_country);
    CREATE INDEX events_pair_source_country ON events(source_id, target_country, in_teaser, date IS NULL, date,
                                                      start, id, cameo, target_id, source_country);
    CREATE INDEX events_pair_target_country ON events(target_id, source_country, in_teaser, date IS NULL, date,
                                                      start, id, cameo, source_id, target_country);
    CREATE INDEX events_source_country ON events(source_country, in_teaser, date IS NULL, date, start, id, cameo,
                                                 source_id, target_id, target_country);
    CREATE INDEX events_target_country ON events(target_country, in_teaser, date IS NULL, date, start, id, cameo,
                                                 target_id, source_id, source_country);
    CREATE INDEX events_source_uncountried ON events(source_id, in_teaser, date IS NULL, date, start, id, cameo,
                                                     source_country, target_id, target_country)
        WHERE source_country IS NULL;
    CREATE INDEX events_target_uncountried ON events(target_id, in_teaser, date IS NULL, date, start, id, cameo,
                                                     target_country, source_id, source_country)
        WHERE target_country IS NULL;
    CREATE INDEX quotes_speaker_day ON quotes(speaker_id, in_teaser, day IS NULL, day, start, id, article_id);
    """,
    # 8: quotations listed by date from index ranges like events (dateline.store.ranges): all of
    # them, by the quotation's country, by speaker (migration 7), and by a speaker without a
    # country of the quotation's own; articles in listing order.
    """
    CREATE INDEX quotes_day ON quotes(in_teaser, day IS NULL, day, start, id);
    CREATE INDEX quotes_country ON quotes(speaker_country, in_teaser, day IS NULL, day, start, id, speaker_id);
    CREATE INDEX quotes_speaker_uncountried ON quotes(speaker_id, in_teaser, day IS NULL, day, start, id,
                                                      speaker_country) WHERE speaker_country IS NULL;
    CREATE INDEX articles_order ON articles(source, start, id);
    """,
    # 9: surnames linked corpus-wide (dateline.store.surnames): a person known only by surname
    # names, in `same_as`, the full-name person its rows were rewritten to; `actor_links` records
    # which articles' rows were, so that a link can be undone.
    """
    ALTER TABLE actors ADD COLUMN same_as TEXT;
    CREATE INDEX actors_same_as ON actors(same_as) WHERE same_as IS NOT NULL;
    CREATE TABLE actor_links (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        alias_id   TEXT NOT NULL,
        actor_id   TEXT NOT NULL,
        PRIMARY KEY (article_id, alias_id)
    ) WITHOUT ROWID;
    """,
    # 10: a page is replaced by its source path (`write_page`): without this index, writing a
    # page read every stored page, and an ingest's writing grew with the square of its size.
    """
    CREATE INDEX pages_source ON pages(source);
    """,
    # 11: articles listed by date (their date, else their crawl date; undated last) read in the
    # index's order and stop after the page; an article's sidebars and teasers by parent.
    """
    CREATE INDEX articles_day ON articles(COALESCE(date, crawl_date) IS NULL, COALESCE(date, crawl_date),
                                          source, start, id);
    CREATE INDEX articles_parent ON articles(parent_id) WHERE parent_id IS NOT NULL;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to SCHEMA_VERSION; returns the version it started from."""
    (current,) = conn.execute("PRAGMA user_version").fetchone()
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this dateline ({SCHEMA_VERSION}); upgrade dateline"
        )
    for version in range(current + 1, SCHEMA_VERSION + 1):
        # executescript commits first; each migration then runs in its own transaction.
        conn.executescript(f"BEGIN;\n{MIGRATIONS[version - 1]}\nPRAGMA user_version = {version};\nCOMMIT;")
    return int(current)
