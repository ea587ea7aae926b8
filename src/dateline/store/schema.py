"""The SQLite schema, as numbered migrations applied in order (PRAGMA user_version)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from dateline.errors import StoreError

__all__ = ["COPY_OF_MAIN", "MIGRATIONS", "SCHEMA_VERSION", "MENTIONS", "MENTIONS_FILL", "TALLIES", "TALLIES_FILL", "migrate"]

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


# --- migration 12: tallies kept in step with the records they count ---------------------------
# A list page's total and facets are sums over these tables, not counts over the records: a
# facet over a million events reads a few hundred rows. Triggers keep them in the writing
# transaction, so a tally can never disagree with its records, whatever the writer (analysis,
# re-analysis, surname links, deletes by cascade) and however it stops (a killed write rolls
# both back). `''` stands for NULL in key columns (a primary key column cannot hold NULL).
#
# `tallies`: per `side` (`events` all events, `events.source` keyed by each event's source
# actor and own source country, `events.target` by its target, `quotes` all quotations,
# `quotes.speaker` by each quotation's speaker and own country), per `facet` (`all` counts every record; `month`, `root`,
# `source_country`, `target_country` and `site` count the facet values the listings'
# facets read) and `in_teaser`, how many records there are.
# `actor_months`: an actor's events (as source or target, once) by period (a month, or a year
# for an event dated only to its year; '' undated) and CAMEO root: the actor page's chart.
# `article_tally`: articles by site, kind and month of their day; `copy` 1 counts the
# non-canonical copies of a story (`article_stories.canonical = 0`), which a listing of stories
# leaves out, so that its count is the `copy` 0 rows minus the `copy` 1 rows.
# The key columns (actor_id, country) of each side, and the value of each facet, of a record `r`.
_EVENT_SIDES = {"events": ("''", "''"), "events.source": ("{r}.source_id", "COALESCE({r}.source_country, '')"),
                "events.target": ("COALESCE({r}.target_id, '')", "COALESCE({r}.target_country, '')")}
_EVENT_VALUES = {"all": "''", "month": "COALESCE(substr({r}.date, 1, 7), '')", "root": "substr({r}.cameo, 1, 2)",
                 "source_country": "COALESCE({r}.source_country, '#' || {r}.source_id)",
                 "target_country": "COALESCE({r}.target_country, '#' || {r}.target_id, '')"}
_QUOTE_VALUES = {"all": "''", "month": "COALESCE(substr({r}.day, 1, 7), '')",
                 "site": "COALESCE((SELECT site FROM articles WHERE id = {r}.article_id), '')"}
_PERIOD = ("CASE WHEN {r}.date IS NULL THEN '' WHEN {r}.date_precision = 'year' THEN substr({r}.date, 1, 4)"
           " ELSE substr({r}.date, 1, 7) END")
_MONTH = "COALESCE(substr(COALESCE({r}.date, {r}.crawl_date), 1, 7), '')"
_UPSERT = " ON CONFLICT(side, facet, actor_id, country, in_teaser, value) DO UPDATE SET n = n + excluded.n;"


def _tally_rows(r: str, sign: int, sides: Mapping[str, tuple[str, str]], values: Mapping[str, str],
                counted: str = "1") -> str:
    """The statement adding (`sign` 1) or taking away (-1) record `r`'s (`new` or `old`) tally
    rows: one per side it is counted under (actor and country SQL) and facet value (SQL); none
    unless `counted` (SQL over `r`) holds."""
    side_rows = " UNION ALL ".join(f"SELECT '{side}' AS side, {a.format(r=r)} AS actor_id, {c.format(r=r)} AS country"
                                   for side, (a, c) in sides.items())
    value_rows = " UNION ALL ".join(f"SELECT '{facet}' AS facet, {v.format(r=r)} AS value" for facet, v in values.items())
    return f"""
        INSERT INTO tallies(side, facet, actor_id, country, in_teaser, value, n)
        SELECT s.side, f.facet, s.actor_id, s.country, {r}.in_teaser, f.value, {sign}
        FROM ({side_rows}) s, ({value_rows}) f WHERE {counted.format(r=r)}{_UPSERT}"""


def _event_rows(r: str, sign: int) -> str:
    """The tally rows of event `r` (`new` or `old`), added (`sign` 1) or taken away (-1)."""
    return _tally_rows(r, sign, _EVENT_SIDES, _EVENT_VALUES) + f"""
        INSERT INTO actor_months(actor_id, in_teaser, period, root, n)
        SELECT a.actor_id, {r}.in_teaser, {_PERIOD.format(r=r)}, substr({r}.cameo, 1, 2), {sign}
        FROM (SELECT {r}.source_id AS actor_id UNION ALL SELECT {r}.target_id WHERE {r}.target_id IS NOT {r}.source_id) a
        WHERE a.actor_id IS NOT NULL ON CONFLICT(actor_id, in_teaser, period, root) DO UPDATE SET n = n + excluded.n;"""


_QUOTE_SIDES = {"quotes": ("''", "''"), "quotes.speaker": ("COALESCE({r}.speaker_id, '')",
                                                        "COALESCE({r}.speaker_country, '')")}


def _quote_rows(r: str, sign: int, *, copies: bool = True) -> str:
    """The tally rows of quotation `r`, as `_event_rows`; without `copies`, none for a copy of
    its main article's quotation (`quotes.copy`, migration 15), which no listing shows."""
    return _tally_rows(r, sign, _QUOTE_SIDES, _QUOTE_VALUES, "1" if copies else "{r}.copy = 0")


def _article_rows(r: str, sign: int, *, copy: bool) -> str:
    """Article `r` counted (or no longer) under its site, kind and month; with `copy`, also as a
    non-canonical copy when its story row says it is one."""
    rows = f"""
        INSERT INTO article_tally(site, kind, copy, month, n)
        SELECT COALESCE({r}.site, ''), {r}.kind, 0, {_MONTH.format(r=r)}, {sign}"""
    if copy:
        rows += f"""
        UNION ALL SELECT COALESCE({r}.site, ''), {r}.kind, 1, {_MONTH.format(r=r)}, {sign}
        WHERE EXISTS (SELECT 1 FROM article_stories WHERE article_id = {r}.id AND canonical = 0)"""
    return rows + " ON CONFLICT(site, kind, copy, month) DO UPDATE SET n = n + excluded.n;"


def _story_rows(r: str, sign: int) -> str:
    """A story row `r` that marks its article a non-canonical copy, counted (or no longer)."""
    return f"""
        INSERT INTO article_tally(site, kind, copy, month, n)
        SELECT COALESCE(a.site, ''), a.kind, 1, {_MONTH.format(r="a")}, {sign}
        FROM articles a WHERE {r}.canonical = 0 AND a.id = {r}.article_id
        ON CONFLICT(site, kind, copy, month) DO UPDATE SET n = n + excluded.n;"""


def _quote_backfill(counted: str) -> list[str]:
    """The quotations' tallies of the records already stored (those where `counted`, SQL over
    `q`, holds): one GROUP BY per side and facet."""
    return [f"INSERT INTO tallies(side, facet, actor_id, country, in_teaser, value, n)"
            f" SELECT '{side}', '{facet}', {a.format(r='q')}, {c.format(r='q')}, q.in_teaser, {v.format(r='q')},"
            f" COUNT(*) FROM quotes q WHERE {counted} GROUP BY 3, 4, 5, 6;"
            for side, (a, c) in _QUOTE_SIDES.items() for facet, v in _QUOTE_VALUES.items()]


def _backfill(quotes_counted: str = "1") -> str:
    """The tallies of the records already stored: one GROUP BY per side and facet (quotations
    only where `quotes_counted`, SQL over `q`, holds)."""
    sql = [f"INSERT INTO tallies(side, facet, actor_id, country, in_teaser, value, n)"
           f" SELECT '{side}', '{facet}', {a.format(r='e')}, {c.format(r='e')}, e.in_teaser, {v.format(r='e')},"
           f" COUNT(*) FROM events e GROUP BY 3, 4, 5, 6;"
           for side, (a, c) in _EVENT_SIDES.items() for facet, v in _EVENT_VALUES.items()]
    sql += _quote_backfill(quotes_counted)
    sql.append(f"""
    INSERT INTO actor_months(actor_id, in_teaser, period, root, n)
    SELECT actor_id, in_teaser, period, root, COUNT(*) FROM (
        SELECT e.source_id AS actor_id, e.in_teaser AS in_teaser, {_PERIOD.format(r='e')} AS period,
               substr(e.cameo, 1, 2) AS root FROM events e
        UNION ALL SELECT e.target_id, e.in_teaser, {_PERIOD.format(r='e')}, substr(e.cameo, 1, 2) FROM events e
        WHERE e.target_id IS NOT NULL AND e.target_id != e.source_id)
    GROUP BY 1, 2, 3, 4;
    INSERT INTO article_tally(site, kind, copy, month, n)
    SELECT COALESCE(a.site, ''), a.kind, c.copy, {_MONTH.format(r='a')}, COUNT(*)
    FROM articles a, (SELECT 0 AS copy UNION ALL SELECT 1) c
    WHERE c.copy = 0 OR EXISTS (SELECT 1 FROM article_stories s WHERE s.article_id = a.id AND s.canonical = 0)
    GROUP BY 1, 2, 3, 4;""")
    return "\n    ".join(sql)


_EVENT_COLUMNS = "source_id, source_country, target_id, target_country, cameo, date, date_precision, in_teaser"
_QUOTE_COLUMNS = "speaker_id, speaker_country, in_teaser, day, article_id"
_ARTICLE_COLUMNS = "site, kind, date, crawl_date"

TALLIES = f"""
    CREATE TABLE tallies (
        side       TEXT NOT NULL,
        facet      TEXT NOT NULL,
        actor_id   TEXT NOT NULL,
        country    TEXT NOT NULL,
        in_teaser  INTEGER NOT NULL,
        value      TEXT NOT NULL,
        n          INTEGER NOT NULL,
        PRIMARY KEY (side, facet, actor_id, country, in_teaser, value)
    ) WITHOUT ROWID;
    CREATE TABLE actor_months (
        actor_id   TEXT NOT NULL,
        in_teaser  INTEGER NOT NULL,
        period     TEXT NOT NULL,
        root       TEXT NOT NULL,
        n          INTEGER NOT NULL,
        PRIMARY KEY (actor_id, in_teaser, period, root)
    ) WITHOUT ROWID;
    CREATE TABLE article_tally (
        site       TEXT NOT NULL,
        kind       TEXT NOT NULL,
        copy       INTEGER NOT NULL,
        month      TEXT NOT NULL,
        n          INTEGER NOT NULL,
        PRIMARY KEY (site, kind, copy, month)
    ) WITHOUT ROWID;
    CREATE TRIGGER events_tally_ai AFTER INSERT ON events BEGIN {_event_rows("new", 1)}
    END;
    CREATE TRIGGER events_tally_ad AFTER DELETE ON events BEGIN {_event_rows("old", -1)}
    END;
    CREATE TRIGGER events_tally_au AFTER UPDATE OF {_EVENT_COLUMNS} ON events BEGIN {_event_rows("old", -1)}
        {_event_rows("new", 1)}
    END;
    CREATE TRIGGER quotes_tally_ai AFTER INSERT ON quotes BEGIN {_quote_rows("new", 1)}
    END;
    CREATE TRIGGER quotes_tally_ad AFTER DELETE ON quotes BEGIN {_quote_rows("old", -1)}
    END;
    CREATE TRIGGER quotes_tally_au AFTER UPDATE OF {_QUOTE_COLUMNS} ON quotes BEGIN {_quote_rows("old", -1)}
        {_quote_rows("new", 1)}
    END;
    CREATE TRIGGER articles_tally_ai AFTER INSERT ON articles BEGIN {_article_rows("new", 1, copy=False)}
    END;
    -- Before the article goes, its story row and quotations go (as the cascade would), while the
    -- article is still there to say under which site, kind and month they were counted.
    CREATE TRIGGER articles_tally_bd BEFORE DELETE ON articles BEGIN
        DELETE FROM article_stories WHERE article_id = old.id;
        DELETE FROM quotes WHERE article_id = old.id;
        {_article_rows("old", -1, copy=False)}
    END;
    CREATE TRIGGER articles_tally_au AFTER UPDATE OF {_ARTICLE_COLUMNS} ON articles BEGIN
        {_article_rows("old", -1, copy=True)}
        {_article_rows("new", 1, copy=True)}
    END;
    CREATE TRIGGER article_stories_tally_ai AFTER INSERT ON article_stories BEGIN {_story_rows("new", 1)}
    END;
    CREATE TRIGGER article_stories_tally_ad AFTER DELETE ON article_stories BEGIN {_story_rows("old", -1)}
    END;
    CREATE TRIGGER article_stories_tally_au AFTER UPDATE OF canonical, article_id ON article_stories BEGIN
        {_story_rows("old", -1)}
        {_story_rows("new", 1)}
    END;
"""
MENTIONS = """
    CREATE TABLE actor_mentions (
        actor_id   TEXT PRIMARY KEY,
        n          INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TRIGGER mentions_tally_ai AFTER INSERT ON mentions BEGIN
        INSERT INTO actor_mentions(actor_id, n) VALUES (new.actor_id, 1)
        ON CONFLICT(actor_id) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER mentions_tally_ad AFTER DELETE ON mentions BEGIN
        UPDATE actor_mentions SET n = n - 1 WHERE actor_id = old.actor_id;
    END;
    CREATE TRIGGER mentions_tally_au AFTER UPDATE OF actor_id ON mentions BEGIN
        UPDATE actor_mentions SET n = n - 1 WHERE actor_id = old.actor_id;
        INSERT INTO actor_mentions(actor_id, n) VALUES (new.actor_id, 1)
        ON CONFLICT(actor_id) DO UPDATE SET n = n + 1;
    END;
"""
MENTIONS_FILL = "INSERT INTO actor_mentions(actor_id, n) SELECT actor_id, COUNT(*) FROM mentions GROUP BY actor_id;"
MIGRATIONS += (
    # 12: the tallies above, filled from the records already stored.
    TALLIES + _backfill(),
    # 13: the roles articles give an actor (the directory's and the actor page's), read from an
    # index that skips its many mentions without a role (a country's, in every other article).
    """
    CREATE INDEX actor_articles_roles ON actor_articles(actor_id, role, country, date, article_id);
    """,
    # 14: how many mentions each actor has, kept like the tallies (migration 12): the actor
    # directory shows it for every actor on its page, and the big countries have tens of thousands.
    MENTIONS + MENTIONS_FILL,
)


# --- migration 15: one quotation, one record -------------------------------------------------
# A sidebar (or teaser) that copies its main article's text repeats the main article's
# quotations, and the language stage, which reads each article on its own, records both. The
# copy is marked when the page's articles are analysed (`quotes.copy`, kept by
# dateline.store.language.write_analysis), so that listings leave it out with a column test read
# from their covering indexes, and the tallies do not count it.
#
# The text of the paragraph of article `{art}` that holds quotation `{quote}` (both in page-text
# offsets; `articles.paragraphs` is a JSON list of [text, start, end, ...]).
_PARAGRAPH_OF = ("(SELECT json_extract(p.value, '$[0]') FROM json_each({art}.paragraphs) p"
                 " WHERE json_extract(p.value, '$[1]') <= {quote}.start AND {quote}.start < json_extract(p.value, '$[2]'))")
# Whether quotation `{q}` is a copy: it sits in a sidebar or teaser whose parent is a main
# article with a quotation of the same words, and one of the two paragraphs holding them holds
# the other (a copied paragraph, whole or cut short). The same words in a paragraph of the
# sidebar's own are another report of them, and not a copy.
COPY_OF_MAIN = (
    "EXISTS (SELECT 1 FROM articles s JOIN articles m ON m.id = s.parent_id AND m.kind = 'main'"
    " JOIN quotes o ON o.article_id = m.id AND o.text = {q}.text"
    " WHERE s.id = {q}.article_id AND s.kind IN ('sidebar', 'teaser')"
    f" AND (instr({_PARAGRAPH_OF.format(art='m', quote='o')}, {_PARAGRAPH_OF.format(art='s', quote='{q}')}) > 0"
    f" OR instr({_PARAGRAPH_OF.format(art='s', quote='{q}')}, {_PARAGRAPH_OF.format(art='m', quote='o')}) > 0))"
)
TALLIES_FILL = _backfill("q.copy = 0")  # what the tallies hold, computed from the records (tests compare)
MIGRATIONS += (
    # 15: the copy flag, set for the stored quotations; the quotations' tallies recounted without
    # the copies, and their triggers made to skip them and to follow the flag; the listing's
    # indexes hold the flag (last: a copy is rare, so a range still stops after its page).
    # A main article's quotation deleted unmarks the copies that no longer copy anything (an
    # article deleted alone; a re-analysis marks them again, `write_analysis`).
    f"""
    ALTER TABLE quotes ADD COLUMN copy INTEGER NOT NULL DEFAULT 0;
    DROP TRIGGER quotes_tally_ai;
    DROP TRIGGER quotes_tally_ad;
    DROP TRIGGER quotes_tally_au;
    UPDATE quotes SET copy = 1 WHERE article_id IN (SELECT id FROM articles WHERE parent_id IS NOT NULL
        AND kind IN ('sidebar', 'teaser')) AND {COPY_OF_MAIN.format(q='quotes')};
    DELETE FROM tallies WHERE side IN ({', '.join(f"'{side}'" for side in _QUOTE_SIDES)});
    {chr(10).join(_quote_backfill("q.copy = 0"))}
    CREATE TRIGGER quotes_tally_ai AFTER INSERT ON quotes BEGIN {_quote_rows("new", 1, copies=False)}
    END;
    CREATE TRIGGER quotes_tally_ad AFTER DELETE ON quotes BEGIN {_quote_rows("old", -1, copies=False)}
    END;
    CREATE TRIGGER quotes_tally_au AFTER UPDATE OF {_QUOTE_COLUMNS}, copy ON quotes BEGIN
        {_quote_rows("old", -1, copies=False)}
        {_quote_rows("new", 1, copies=False)}
    END;
    CREATE TRIGGER quotes_copy_ad AFTER DELETE ON quotes WHEN old.copy = 0 BEGIN
        UPDATE quotes SET copy = 0 WHERE copy = 1
            AND article_id IN (SELECT id FROM articles WHERE parent_id = old.article_id)
            AND NOT {COPY_OF_MAIN.format(q='quotes')};
    END;
    DROP INDEX IF EXISTS quotes_speaker_day;
    DROP INDEX IF EXISTS quotes_day;
    DROP INDEX IF EXISTS quotes_country;
    DROP INDEX IF EXISTS quotes_speaker_uncountried;
    CREATE INDEX quotes_speaker_day ON quotes(speaker_id, in_teaser, day IS NULL, day, start, id, article_id, copy);
    CREATE INDEX quotes_day ON quotes(in_teaser, day IS NULL, day, start, id, copy);
    CREATE INDEX quotes_country ON quotes(speaker_country, in_teaser, day IS NULL, day, start, id, speaker_id, copy);
    CREATE INDEX quotes_speaker_uncountried ON quotes(speaker_id, in_teaser, day IS NULL, day, start, id,
                                                      speaker_country, copy) WHERE speaker_country IS NULL;
    """,
)
MIGRATIONS += (
    # 16: where each role an article gives an actor was learned. `source` NULL: the article's own
    # words said it (a title or an apposition); else the source note of the knowledge row that
    # gave it (people.tsv, the CIA World Factbook), with the dates that row says the office was
    # held. The rows go with their article (re-analysis rewrites them, a delete cascades), so
    # the provenance shown is always that of the stored analyses. Rows written before this
    # migration read as learned from their article until `dateline analyse` re-runs.
    """
    ALTER TABLE actor_articles ADD COLUMN source TEXT;
    ALTER TABLE actor_articles ADD COLUMN valid_from TEXT;
    ALTER TABLE actor_articles ADD COLUMN valid_until TEXT;
    """,
    # 17: an event's place's geographic resolution (GDELT's ActionGeo_Type), found from the
    # gazetteer when the event is coded, so that the export reads it instead of the tables.
    # Events stored before have none until re-analysed (the analyser's version changed with it).
    """
    ALTER TABLE events ADD COLUMN location_type INTEGER;
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
