"""`dateline serve` latency on a large synthetic store, under concurrent load.

usage: .venv/bin/python bench/serve_latency.py [--scale 1.0] [--keep DIR] [--requests 200]
                                               [--load-rate 20] [--seed 7]

Builds a store through the store's own schema (`dateline.store.connect` runs the migrations)
with, at scale 1, 100,000 articles (40 sites, dates over 3 years, short bodies), 1,000,000
events (Zipf-like actor frequencies over ~350 actors with CHN, RUS, UKR and USA among the most
frequent; CAMEO codes from the packaged table with GDELT-like root frequencies), 200,000
quotations, and the actors, aliases, actor-article links and mentions the queries read. Then
it starts `dateline serve` on a free loopback port and, while a second process (this script
with `--load`) requests other routes at a bounded rate, measures p50/p95 of

- `/api/timeline?actor=China&with=UKR` (and its third page) and `?actor=Russia&with=Ukraine`
  (frequent actor pairs),
- `/api/timeline?actor=China` (an actor's whole timeline, the actor page's first view),
- `/api/events?source=CHN` (a country filter),
- `/api/articles?search=...` (full-text search),
- `/openapi.json`, a route that does no database work (the server's own overhead),
- the pages `/actors/<China's id>` (a page of entries, the total and the chart's counts), `/`
  with no query, and every list page (`/quotes`, `/events`, `/articles`, `/actors`) with its
  facets, unfiltered and filtered.

Each route's reference is its bare SQL: the statements its library call runs (captured with
the parameters filled in), executed in this process on an open read-only connection,
interleaved with the HTTP requests so both see the same load.

The requests are interleaved round-robin, so the reference sees the same load as the routes
it is compared with. Request counts and durations are bounded; everything stays on 127.0.0.1.
A store kept with `--keep DIR` is reused by the next run with the same scale and seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx

from dateline.events.cameo import load_cameo
from dateline.store import connect, list_articles
from dateline.store.events import count_events, event_facets, find_actor_ids, list_events, timeline, timeline_summary
from dateline.store.language import actor_directory, count_actors, count_quotes, list_quotes, quote_facets
from dateline.store.queries import article_facets, count_articles

ARTICLES, EVENTS, QUOTES = 100_000, 1_000_000, 200_000
START = dt.date(2022, 1, 1)
DAYS = 3 * 365
CHUNK = 50_000

# (code, name, capital): the first four are the most frequent actors of the event stream.
COUNTRIES = [
    ("USA", "United States", "Washington"), ("CHN", "China", "Beijing"), ("RUS", "Russia", "Moscow"),
    ("UKR", "Ukraine", "Kyiv"), ("GBR", "United Kingdom", "London"), ("FRA", "France", "Paris"),
    ("DEU", "Germany", "Berlin"), ("IRN", "Iran", "Tehran"), ("ISR", "Israel", "Jerusalem"),
    ("IND", "India", "New Delhi"), ("JPN", "Japan", "Tokyo"), ("TUR", "Turkey", "Ankara"),
    ("KOR", "South Korea", "Seoul"), ("PRK", "North Korea", "Pyongyang"), ("SAU", "Saudi Arabia", "Riyadh"),
    ("PAK", "Pakistan", "Islamabad"), ("BRA", "Brazil", "Brasilia"), ("POL", "Poland", "Warsaw"),
    ("EGY", "Egypt", "Cairo"), ("QAT", "Qatar", "Doha"), ("SYR", "Syria", "Damascus"),
    ("ZAF", "South Africa", "Pretoria"), ("NGA", "Nigeria", "Abuja"), ("ETH", "Ethiopia", "Addis Ababa"),
    ("MEX", "Mexico", "Mexico City"), ("CAN", "Canada", "Ottawa"), ("AUS", "Australia", "Canberra"),
    ("IDN", "Indonesia", "Jakarta"), ("VNM", "Vietnam", "Hanoi"), ("PHL", "Philippines", "Manila"),
    ("TWN", "Taiwan", "Taipei"), ("BLR", "Belarus", "Minsk"), ("HUN", "Hungary", "Budapest"),
    ("ITA", "Italy", "Rome"), ("ESP", "Spain", "Madrid"), ("ARE", "United Arab Emirates", "Abu Dhabi"),
    ("IRQ", "Iraq", "Baghdad"), ("AFG", "Afghanistan", "Kabul"), ("LBN", "Lebanon", "Beirut"),
    ("YEM", "Yemen", "Sanaa"), ("SDN", "Sudan", "Khartoum"), ("KEN", "Kenya", "Nairobi"),
    ("VEN", "Venezuela", "Caracas"), ("ARG", "Argentina", "Buenos Aires"), ("CHL", "Chile", "Santiago"),
    ("NOR", "Norway", "Oslo"), ("SWE", "Sweden", "Stockholm"), ("FIN", "Finland", "Helsinki"),
    ("GEO", "Georgia", "Tbilisi"), ("ARM", "Armenia", "Yerevan"), ("AZE", "Azerbaijan", "Baku"),
    ("KAZ", "Kazakhstan", "Astana"), ("MLI", "Mali", "Bamako"), ("NER", "Niger", "Niamey"),
    ("SRB", "Serbia", "Belgrade"), ("MDA", "Moldova", "Chisinau"), ("LTU", "Lithuania", "Vilnius"),
    ("EST", "Estonia", "Tallinn"), ("LVA", "Latvia", "Riga"), ("JOR", "Jordan", "Amman"),
]
ORGS = ["United Nations", "NATO", "European Union", "IAEA", "African Union", "ASEAN", "World Bank", "IMF",
        "WHO", "OPEC", "G7", "G20", "Red Cross", "Security Council", "OSCE", "Arab League", "WTO", "BRICS",
        "UNHCR", "Interpol", "European Commission", "Pentagon", "Kremlin", "State Department", "Hamas",
        "Hezbollah", "Taliban", "Wagner Group", "Houthis", "ECOWAS"]
FIRST = ["Wang", "Sergei", "Olena", "John", "Maria", "Ahmed", "Li", "Anna", "David", "Fatima", "Kim", "Hans",
         "Emma", "Ali", "Yuki", "Carlos", "Ivan", "Sara", "Omar", "Elena"]
LAST = ["Chen", "Lavrov", "Kovalenko", "Smith", "Garcia", "Hassan", "Wei", "Novak", "Miller", "Rahman", "Park",
        "Schmidt", "Dubois", "Khan", "Tanaka", "Silva", "Petrov", "Cohen", "Aziz", "Popescu"]
ROLES = ["president", "foreign minister", "prime minister", "spokesman", "defence minister", "ambassador",
         "envoy", "general", "senator", "secretary-general"]
# GDELT-like shares of the CAMEO roots: statements, appeals and consultations dominate.
ROOT_WEIGHTS = {"01": 14, "02": 7, "03": 7, "04": 22, "05": 8, "06": 3, "07": 3, "08": 3, "09": 2, "10": 2,
                "11": 6, "12": 2, "13": 3, "14": 2, "15": 1, "16": 2, "17": 5, "18": 3, "19": 6, "20": 0.2}
MODALITIES = (["asserted"] * 70 + ["reported"] * 12 + ["planned"] * 10 + ["negated"] * 5 + ["hypothetical"] * 3)
TOPIC = ["peace", "talks", "ceasefire", "sanctions", "minister", "president", "summit", "troops", "border",
         "agreement", "trade", "security", "nuclear", "aid", "grain", "election", "protest", "envoy", "war",
         "negotiations", "military", "economy", "energy", "gas", "oil", "visit", "meeting", "delegation"]


def _vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """~3,000 words with Zipf-like frequencies: function words, topic words, then a long tail."""
    function = ["the", "of", "and", "to", "in", "a", "on", "said", "for", "with", "that", "was", "by", "at",
                "is", "its", "from", "as", "he", "it", "have", "will", "has", "were", "after", "an", "would"]
    tail = {"".join(rng.choice("abcdefghijklmnoprstuvwy") for _ in range(rng.randint(4, 10))) for _ in range(3000)}
    words = function + TOPIC + sorted(tail - set(function) - set(TOPIC))
    cum = list(itertools.accumulate(1.0 / (rank + 2) ** 1.05 for rank in range(len(words))))
    return words, cum


def _hex(rng: random.Random, digits: int = 16) -> str:
    return f"{rng.getrandbits(digits * 4):0{digits}x}"


def _zipf(n: int, s: float = 1.0) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + 1) ** s for rank in range(n)))


def _day(offset: int) -> str:
    return (START + dt.timedelta(days=offset)).isoformat()


def _insert(conn: sqlite3.Connection, sql: str, rows: Iterator[tuple[Any, ...]]) -> int:
    """executemany in chunks inside one transaction; the number of rows."""
    total = 0
    conn.execute("BEGIN")
    while chunk := list(itertools.islice(rows, CHUNK)):
        conn.executemany(sql, chunk)
        total += len(chunk)
    conn.execute("COMMIT")
    return total


def build(db: Path, scale: float, seed: int) -> dict[str, int]:
    """Fill a fresh store at `db` with synthetic records; the count of each table written."""
    rng = random.Random(seed)
    words, word_cum = _vocabulary(rng)

    def text(k: int) -> str:
        return " ".join(rng.choices(words, cum_weights=word_cum, k=k))

    n_articles, n_events, n_quotes = int(ARTICLES * scale), int(EVENTS * scale), int(QUOTES * scale)
    conn = connect(db)  # creates the schema through the migrations
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -200000")
    counts: dict[str, int] = {}

    # Actors: countries, organisations and people, ranked for the Zipf draws below.
    actors: list[tuple[str, str, str, str | None, str | None]] = []  # id, name, kind, country, code
    aliases: list[tuple[str, str]] = []
    for code, name, capital in COUNTRIES:
        aid = _hex(rng)
        actors.append((aid, name, "country", code, code))
        aliases += [(aid, name), (aid, capital)]
    for name in ORGS:
        aid = _hex(rng)
        actors.append((aid, name, "org", None, None))
        aliases.append((aid, name))
    people = sorted({f"{f} {last}" for f in FIRST for last in LAST})
    for name in rng.sample(people, 260):
        aid = _hex(rng)
        country = rng.choice(COUNTRIES[:25])[0]
        actors.append((aid, name, "person", country, None))
        aliases += [(aid, name), (aid, name.split()[-1])]
    # Rank: the four big countries first, then a shuffled mix (people and other countries).
    ranked = actors[:4] + rng.sample(actors[4:], len(actors) - 4)
    actor_cum = _zipf(len(ranked), 1.0)
    speakers = [a for a in ranked if a[2] in ("person", "country", "org")]
    speaker_cum = _zipf(len(speakers), 0.9)
    counts["actors"] = _insert(conn, "INSERT INTO actors(id, name, kind, country, sector, code)"
                               " VALUES (?, ?, ?, ?, NULL, ?)", iter(actors))
    counts["actor_aliases"] = _insert(conn, "INSERT OR IGNORE INTO actor_aliases(actor_id, alias) VALUES (?, ?)",
                                      iter(aliases))

    # Sites, sources, pages, articles, stories.
    sites = [f"{rng.choice(['Daily', 'Global', 'World', 'Morning', 'Evening'])} "
             f"{rng.choice(['Herald', 'Times', 'Post', 'Wire', 'News', 'Monitor'])} {i}" for i in range(40)]
    site_cum = _zipf(len(sites), 0.8)
    article_ids: list[str] = []
    article_days: list[int] = []
    article_kinds = rng.choices(["main", "sidebar", "teaser"], weights=[70, 20, 10], k=n_articles)
    page_rows: list[tuple[Any, ...]] = []
    article_rows: list[tuple[Any, ...]] = []
    source_rows: list[tuple[Any, ...]] = []
    record_rows: list[tuple[Any, ...]] = []
    story_rows: list[tuple[str, str, int, float | None]] = []
    for i in range(n_articles):
        aid, pid = _hex(rng), _hex(rng, 64)
        site = rng.choices(sites, cum_weights=site_cum)[0]
        day = rng.randrange(DAYS)
        path = f"/crawl/{site.replace(' ', '_').lower()}/{i:06d}.txt"
        headline, body = text(rng.randint(6, 12)).capitalize(), text(rng.randint(40, 90)) + "."
        paragraphs = json.dumps([[body, len(headline) + 1, len(headline) + 1 + len(body), False]])
        article_ids.append(aid)
        article_days.append(day)
        source_rows.append((path, pid, len(body) + 200, "text", "ingested", "", 1))
        record_rows.append((path, "", "ingested", "", pid, None, 1))
        page_rows.append((pid, path, site, site.lower(), "World", _day(min(day + 1, DAYS)), f"{headline}\n{body}"))
        article_rows.append((aid, pid, path, article_kinds[i], site, "World", headline, "[]", None,
                             rng.choice(COUNTRIES)[2], rng.choice(["AFP", "Reuters", "AP", None]), _day(day),
                             _day(min(day + 1, DAYS)), body, paragraphs, 0, len(headline) + 1 + len(body),
                             _hex(rng, 64)))
        if i > 100 and rng.random() < 0.1:  # a wire copy of a recent story
            story_rows.append((aid, story_rows[rng.randrange(max(0, i - 200), i)][1], 0, 0.8))
        else:
            story_rows.append((aid, aid, 1, None))
    counts["sources"] = _insert(conn, "INSERT INTO sources(path, sha256, size, format, status, reason, articles)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)", iter(source_rows))
    counts["records"] = _insert(conn, "INSERT INTO records(source, key, status, reason, page_id, url, articles)"
                                " VALUES (?, ?, ?, ?, ?, ?, ?)", iter(record_rows))
    counts["pages"] = _insert(conn, "INSERT INTO pages(id, source, site, site_key, section, crawl_date, text)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?)", iter(page_rows))
    counts["articles"] = _insert(
        conn, "INSERT INTO articles(id, page_id, source, kind, site, section, headline, authors, byline, place,"
        ' agency, date, crawl_date, body, paragraphs, start, "end", fingerprint) VALUES'
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", iter(article_rows))
    counts["article_stories"] = _insert(conn, "INSERT INTO article_stories(article_id, story_id, canonical, similarity)"
                                        " VALUES (?, ?, ?, ?)", iter(story_rows))
    del page_rows, article_rows, source_rows, record_rows, story_rows

    # Who each article names: actor_articles and mentions (3-6 actors an article).
    named: list[list[tuple[str, str, str, str | None, str | None]]] = []
    aa_rows: list[tuple[Any, ...]] = []
    mention_rows: list[tuple[Any, ...]] = []
    for i, aid in enumerate(article_ids):
        chosen = {a[0]: a for a in rng.choices(ranked, cum_weights=actor_cum, k=rng.randint(3, 6))}
        named.append(list(chosen.values()))
        for n, actor in enumerate(chosen.values()):
            role = rng.choice(ROLES) if actor[2] == "person" else ""
            aa_rows.append((actor[0], aid, role, actor[3], _day(article_days[i])))
            mention_rows.append((aid, 20 + 40 * n, 30 + 40 * n, actor[0], actor[1]))
    counts["actor_articles"] = _insert(conn, "INSERT OR IGNORE INTO actor_articles(actor_id, article_id, role, country,"
                                       " date) VALUES (?, ?, ?, ?, ?)", iter(aa_rows))
    counts["mentions"] = _insert(conn, 'INSERT OR IGNORE INTO mentions(article_id, start, "end", actor_id, text)'
                                 " VALUES (?, ?, ?, ?, ?)", iter(mention_rows))
    del aa_rows, mention_rows

    # Events: Zipf sources and targets, CAMEO roots by GDELT-like shares.
    cameo = load_cameo()
    by_root: dict[str, list[Any]] = {}
    for c in cameo.values():
        by_root.setdefault(c.root, []).append(c)
    roots = sorted(by_root)
    root_cum = list(itertools.accumulate(ROOT_WEIGHTS.get(r, 1) for r in roots))

    def events() -> Iterator[tuple[Any, ...]]:
        for _ in range(n_events):
            i = rng.randrange(n_articles)
            source, target = rng.choices(ranked, cum_weights=actor_cum, k=2)
            if rng.random() < 0.08:
                target_id, target_country = None, None
            else:
                target_id = target[0]
                target_country = target[3] if target[2] == "country" or rng.random() < 0.5 else None
            source_country = source[3] if source[2] == "country" or rng.random() < 0.5 else None
            code = rng.choice(by_root[rng.choices(roots, cum_weights=root_cum)[0]])
            day = article_days[i] - rng.randint(0, 7)
            date = _day(max(day, 0)) if rng.random() < 0.9 else None
            start = rng.randrange(2000)
            yield (_hex(rng), article_ids[i], source[0], source_country, target_id, target_country, code.code,
                   code.root, code.quad, code.goldstein, date, None, "day" if date else None,
                   rng.choice(MODALITIES), None, text(rng.randint(12, 24)) + ".", start, start + 120,
                   "synthetic:rule", 0.7, 1, int(article_kinds[i] == "teaser"))

    counts["events"] = _insert(
        conn, "INSERT INTO events(id, article_id, source_id, source_country, target_id, target_country, cameo,"
        " root, quad, goldstein, date, date_end, date_precision, modality, location, sentence, start, \"end\","
        " rule, confidence, mentions, in_teaser)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        events())

    def quotes() -> Iterator[tuple[Any, ...]]:
        for _ in range(n_quotes):
            i = rng.randrange(n_articles)
            speaker = rng.choices(speakers, cum_weights=speaker_cum)[0] if rng.random() < 0.9 else None
            start = rng.randrange(2000)
            yield (_hex(rng), article_ids[i], text(rng.randint(8, 20)), rng.choice(["direct", "partial"]),
                   speaker[0] if speaker else None, speaker[3] if speaker and rng.random() < 0.5 else None,
                   rng.choice(ROLES) if speaker and speaker[2] == "person" else None, "say", start, start + 90,
                   int(article_kinds[i] == "teaser"), _day(article_days[i]))

    counts["quotes"] = _insert(
        conn, "INSERT INTO quotes(id, article_id, text, kind, speaker_id, speaker_country, speaker_role, cue,"
        ' start, "end", in_teaser, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', quotes())
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return counts


# --- the load generator (a second process) -------------------------------------------------

LOAD_ROUTES = [
    ("/api/events", {"source": "USA", "code": "04"}), ("/api/quotes", {"country": "RUS"}),
    ("/api/articles", {"kind": "main", "since": "2023-06-01"}), ("/api/actors", {"kind": "person"}),
    ("/api/events", {"target": "UKR", "quad": "4"}), ("/api/quotes", {"search": "ceasefire"}),
    ("/api/articles", {"site": "Daily Herald 3"}), ("/api/sources", {"status": "ingested"}),
]


def run_load(base: str, rate: float, duration: float, threads: int) -> None:
    """Request LOAD_ROUTES at about `rate` requests a second in all, for at most `duration` s."""
    stop_at = time.monotonic() + duration
    interval = threads / rate
    halt = threading.Event()  # set by SIGTERM: the measuring process is done
    signal.signal(signal.SIGTERM, lambda *_: halt.set())
    done = [0, 0]  # requests, failures

    def worker(k: int) -> None:
        with httpx.Client(base_url=base, timeout=httpx.Timeout(30.0, connect=5.0)) as client:
            for n in itertools.count(k):
                t0 = time.monotonic()
                if halt.is_set() or t0 >= stop_at or n - k > rate * duration / threads:
                    return
                path, params = LOAD_ROUTES[n % len(LOAD_ROUTES)]
                try:
                    ok = client.get(path, params=params).status_code == 200
                except httpx.HTTPError:
                    ok = False
                done[0] += 1
                done[1] += 0 if ok else 1
                halt.wait(max(0.0, interval - (time.monotonic() - t0)))

    began = time.monotonic()
    pool = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    seconds = time.monotonic() - began
    print(json.dumps({"requests": done[0], "failures": done[1], "seconds": round(seconds),
                      "achieved_rate": round(done[0] / max(seconds, 1e-9), 1)}), flush=True)


# --- measurement ---------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"dateline serve did not start: {proc.stderr.read().decode() if proc.stderr else ''}")


def _stop(proc: subprocess.Popen[Any]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


_EVENT_FACETS = ("year", "month", "root", "quad", "source_country", "target_country")
PAGE = 50  # the server's default page size; a route reads PAGE + 1 records to know if more follow

# (name, path, query, the library call the route makes: (connection, offset) -> records)
Call = Callable[[sqlite3.Connection, int], object]
TARGETS: list[tuple[str, str, dict[str, str], Call | None]] = [
    ("openapi (no database)", "/openapi.json", {}, None),
    ("timeline China with UKR", "/api/timeline", {"actor": "China", "with": "UKR"},
     lambda c, o: timeline(c, "China", with_actor="UKR", limit=PAGE + 1, offset=o)),
    ("timeline Russia with Ukraine", "/api/timeline", {"actor": "Russia", "with": "Ukraine"},
     lambda c, o: timeline(c, "Russia", with_actor="Ukraine", limit=PAGE + 1, offset=o)),
    ("timeline China+UKR page 3", "/api/timeline", {"actor": "China", "with": "UKR", "page": "3"},
     lambda c, o: timeline(c, "China", with_actor="UKR", limit=PAGE + 1, offset=o)),
    ("timeline China (all)", "/api/timeline", {"actor": "China"},
     lambda c, o: timeline(c, "China", limit=PAGE + 1, offset=o)),
    ("events --source CHN", "/api/events", {"source": "CHN"},
     lambda c, o: list_events(c, source="CHN", limit=PAGE + 1, offset=o)),
    ("search 'peace talks'", "/api/articles", {"search": "peace talks"},
     lambda c, o: list_articles(c, search="peace talks", limit=PAGE + 1, offset=o)),
    ("search ceasefire", "/api/articles", {"search": "ceasefire"},
     lambda c, o: list_articles(c, search="ceasefire", limit=PAGE + 1, offset=o)),
    # Pages: the actor page (a page of its timeline, its total and the counts behind its chart),
    # the search page with no query (the first stories and quotations with their totals), and
    # every list page with its facets (each facet counted over the whole filtered listing).
    ("page /actors/<China>", "/actors/{China}", {},
     lambda c, o: (timeline(c, "China", limit=PAGE + 1), timeline_summary(c, "China"), timeline_summary(c, "China"))),
    ("page / (no query)", "/", {},
     lambda c, o: (list_articles(c, limit=11), count_articles(c), list_quotes(c, limit=11), count_quotes(c))),
    ("page /quotes + facets", "/quotes", {},
     lambda c, o: (list_quotes(c, limit=PAGE + 1), count_quotes(c),
                   [quote_facets(c, f) for f in ("year", "month", "speaker", "country", "site")])),
    ("page /quotes?country=RUS + facets", "/quotes", {"country": "RUS"},
     lambda c, o: (list_quotes(c, country="RUS", limit=PAGE + 1), count_quotes(c, country="RUS"),
                   [quote_facets(c, f, country="RUS") for f in ("year", "month", "speaker", "country", "site")])),
    ("page /events + facets", "/events", {},
     lambda c, o: (list_events(c, limit=PAGE + 1), count_events(c),
                   [event_facets(c, f) for f in _EVENT_FACETS])),
    ("page /events?source=CHN + facets", "/events", {"source": "CHN"},
     lambda c, o: (list_events(c, source="CHN", limit=PAGE + 1), count_events(c, source="CHN"),
                   [event_facets(c, f, source="CHN") for f in _EVENT_FACETS])),
    ("page /articles + facets", "/articles", {},
     lambda c, o: (list_articles(c, limit=PAGE + 1), count_articles(c),
                   [article_facets(c, f) for f in ("year", "month", "site", "kind")])),
    ("page /actors", "/actors", {},
     lambda c, o: (actor_directory(c, limit=PAGE + 1), count_actors(c))),
]


def bare_sql(conn: sqlite3.Connection, call: Call, offset: int) -> list[str]:
    """The SQL statements (parameters filled in) a route's library call runs: the reference."""
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        call(conn, offset)
    finally:
        conn.set_trace_callback(None)
    return statements


def _run_sql(conn: sqlite3.Connection, statements: list[str]) -> None:
    for sql in statements:
        conn.execute(sql).fetchall()


def measure(base: str, db: Path, requests: int, budget: float) -> dict[str, list[float]]:
    """Latencies (ms) of each target over HTTP, and of its bare SQL ("<name> [sql]") on an open
    read-only connection in this process, taken round-robin until `requests` each or `budget` s."""
    samples: dict[str, list[float]] = {}
    stop_at = time.monotonic() + budget
    reference = connect(db, readonly=True)
    with httpx.Client(base_url=base, timeout=httpx.Timeout(60.0, connect=5.0)) as client:
        cursors: dict[str, str] = {}
        sql: dict[str, list[str]] = {}
        paths = {name: path.replace("{China}", find_actor_ids(reference, "China")[0]) for name, path, _, _ in TARGETS}
        for name, _path, params, call in TARGETS:  # warm up; find a third page's cursor
            path = paths[name]
            query = {k: v for k, v in params.items() if k != "page"}
            response = client.get(path, params=query)
            body = response.json() if path.startswith("/api") else {}
            offset = 0
            if "page" in params:
                for _ in range(2):
                    if body.get("next"):
                        cursors[name] = body["next"]
                        offset += PAGE
                        body = client.get(path, params={**query, "cursor": body["next"]}).json()
            if call is not None:
                sql[name] = bare_sql(reference, call, offset)
        for _ in range(requests):
            if time.monotonic() > stop_at:
                break
            for name, _path, params, _call in TARGETS:
                path = paths[name]
                query = {k: v for k, v in params.items() if k != "page"}
                if name in cursors:
                    query["cursor"] = cursors[name]
                t0 = time.perf_counter()
                response = client.get(path, params=query)
                elapsed = (time.perf_counter() - t0) * 1000
                if response.status_code != 200:
                    raise SystemExit(f"{name}: {response.status_code} {response.text[:300]}")
                samples.setdefault(name, []).append(elapsed)
                if name in sql:
                    t0 = time.perf_counter()
                    _run_sql(reference, sql[name])
                    samples.setdefault(f"{name} [sql]", []).append((time.perf_counter() - t0) * 1000)
    reference.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 is 100k articles, 1M events, 200k quotes")
    parser.add_argument("--keep", type=Path, default=None, help="build (or reuse) the store in this folder")
    parser.add_argument("--requests", type=int, default=200, help="requests per measured route (at most)")
    parser.add_argument("--budget", type=float, default=240.0, help="seconds of measuring (at most)")
    parser.add_argument("--load-rate", type=float, default=20.0, help="requests/s of the concurrent load")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--load", default=None, help=argparse.SUPPRESS)  # run as the load generator
    parser.add_argument("--duration", type=float, default=60.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        run_load(args.load, args.load_rate, args.duration, threads=4)
        return

    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / f"synthetic-{args.scale:g}-{args.seed}.db"
        if db.exists():
            t0 = time.perf_counter()
            connect(db).close()  # brings a kept store up to this dateline's schema (indexes, tallies)
            print(f"reusing {db} (brought up to this schema in {time.perf_counter() - t0:.0f} s)")
        else:
            t0 = time.perf_counter()
            partial = db.with_suffix(".partial")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{partial}{suffix}").unlink(missing_ok=True)
            counts = build(partial, args.scale, args.seed)
            partial.rename(db)
            print(f"built {db} in {time.perf_counter() - t0:.0f} s: "
                  + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = _serve(db, port)
        load = subprocess.Popen([sys.executable, __file__, "--load", base, "--load-rate", str(args.load_rate),
                                 "--duration", str(args.budget + 60)], stdout=subprocess.PIPE, text=True)
        try:
            samples = measure(base, db, args.requests, args.budget)
        finally:
            _stop(load)
            _stop(server)
        load_report = load.stdout.read().strip() if load.stdout else ""
        if load.stdout:
            load.stdout.close()

    print(f"\nscale {args.scale:g}: {int(EVENTS * args.scale):,} events, {int(QUOTES * args.scale):,} quotes, "
          f"{int(ARTICLES * args.scale):,} articles; concurrent load offered at {args.load_rate:g} req/s "
          f"({load_report or 'stopped before its report'})")
    print("ratios: the route over HTTP against its own bare SQL, run in this process in the same run")
    print(f"{'route':30} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'sql p50':>9} {'sql p95':>9} {'p50/sql':>8} "
          f"{'p95/sql':>8}")
    for name, _, _, _ in TARGETS:
        values, bare = samples[name], samples.get(f"{name} [sql]")
        p50, p95 = statistics.median(values), _percentile(values, 0.95)
        row = f"{name:30} {len(values):>5} {p50:>9.1f} {p95:>9.1f}"
        if bare:
            s50, s95 = statistics.median(bare), _percentile(bare, 0.95)
            row += f" {s50:>9.1f} {s95:>9.1f} {p50 / s50:>8.1f} {p95 / s95:>8.1f}"
        print(row)


if __name__ == "__main__":
    main()
