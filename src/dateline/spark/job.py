"""`dateline spark ingest`: the embedded ingest's three passes as one Spark job.

Steps (each keyed, so the driver only ever holds the list of input files and counts):

1. one task per input file (a path, or a URI read through `remote`): pass one (`ingest.run.scan_file`);
2. documents keyed by their bytes' hash: the first in file order is kept, the others become
   `duplicate of` records; text dumps' lines counted per site (`reduceByKey`) give each site's
   chrome, joined back to the files that need it;
3. one task per input file: pass two, extraction and the file's rows (`tasks.extract_file`);
4. stories: MinHash band keys grouped (`groupByKey`) give each article its earlier candidates,
   fingerprints its exact copies; each article's parent is then the story it joins, resolved to
   the story's first article by pointer jumping, and the canonical copy is the earliest;
5. the language stage over the canonical article of each story (`tasks.analyse_partition`),
   actors merged by id with the store's own country rule;
6. every store table written as Parquet (`dateline.store.tables` layout; events partitioned by
   date), and a manifest with the inputs, counts and versions.

A task's failure on one file is a `failed` source row, not a failed job. The output depends
only on the inputs: a re-run over the same inputs writes the same rows.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from dateline import __version__
from dateline.config import IngestSettings
from dateline.ingest.files import discover
from dateline.spark.remote import is_uri, list_uri, read_text, resolve
from dateline.spark.tasks import (
    FileItem,
    Row,
    StoryArticle,
    analyse_partition,
    band_pairs,
    best_near_copy,
    earliest_key,
    exact_parents,
    extract_file,
    finish_actors,
    record_keys,
    scan_file,
)
from dateline.store.schema import SCHEMA_VERSION
from dateline.store.tables import PARTITIONS, TABLES, table_columns
from dateline.stories import StorySettings

__all__ = ["LIST_SUFFIXES", "SparkReport", "expand_inputs", "spark_ingest"]

# A file with one of these names lists inputs, one path a line (Common Crawl's `warc.paths.gz`).
LIST_SUFFIXES = (".paths", ".paths.gz", ".list")
MANIFEST = "manifest.json"


@dataclass(slots=True)
class SparkReport:
    """What a job wrote: rows per table and sources per status."""

    out: Path
    rows: dict[str, int] = field(default_factory=dict)
    sources: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return self.sources["failed"] == 0


def _listed(path: str) -> list[str]:
    """The inputs a list file (a path or a URI) names, one a line; relative ones are relative to
    the list."""
    if is_uri(path):
        lines = [line.strip() for line in read_text(path).splitlines()]
        return [resolve(path, line) for line in lines if line and not line.startswith("#")]
    opener: Callable[..., Any] = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        lines = [line.strip() for line in fh]
    base = os.path.dirname(os.path.abspath(path))
    return [line if os.path.isabs(line) or is_uri(line) else os.path.join(base, line) for line in lines
            if line and not line.startswith("#")]


def expand_inputs(paths: Sequence[str]) -> list[str]:
    """The inputs with every list file replaced by the paths it lists (in order)."""
    out: list[str] = []
    for p in paths:
        if p.endswith(LIST_SUFFIXES) and (is_uri(p) or os.path.isfile(p)):
            out += _listed(p)
        else:
            out.append(p)
    return out


def _found(paths: Sequence[str]) -> Iterator[tuple[str, str, str]]:
    """(path, problem, status) of every input file: local paths as the embedded ingest finds
    them (`discover`), URIs listed through their file system (`remote.list_uri`)."""
    local: list[str] = []
    for p in [*paths, ""]:
        if p and not is_uri(p):
            local.append(p)
            continue
        yield from ((f.path, f.problem, f.status) for f in discover(local))
        local = []
        if p:
            try:
                yield from ((uri, "", "failed") for uri in list_uri(p))
            except OSError as exc:
                yield p, f"cannot read: {exc}", "failed"


def _files(paths: Sequence[str]) -> list[FileItem]:
    """Every input file in the embedded ingest's order (`discover`), with its index."""
    return [FileItem(n, *found) for n, found in enumerate(_found(expand_inputs(paths)))]


def _session(master: str | None, app: str = "dateline") -> Any:
    """A SparkContext: the job is RDDs only, so no SparkSession (whose SQL state costs the JVM
    seconds of start-up that nothing here uses)."""
    import warnings

    # pyspark warns at import about pandas versions; we do not use its pandas API
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark import SparkConf, SparkContext

    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:
        master = "local[2]"  # not under spark-submit, which gives the master itself
    if master is not None and master.startswith("local") and not os.environ.get("PYSPARK_PYTHON"):
        # Local workers run this interpreter (the virtualenv with dateline and its model); on a
        # cluster, spark-submit's settings say which Python executors run.
        os.environ["PYSPARK_PYTHON"] = sys.executable
    conf = SparkConf() if master is None else SparkConf().setMaster(master)
    if master is not None and master.startswith("local") and "PYSPARK_SUBMIT_ARGS" not in os.environ:
        # Local mode runs the job in the JVM that starts here, a short-lived one on a few cores:
        # the quick compiler only and one garbage collector thread (see LOCAL_JVM_OPTIONS).
        conf = conf.set("spark.driver.extraJavaOptions", local_jvm_options())
    conf = (conf.setAppName(app)
            .set("spark.ui.enabled", "false")
            .set("spark.ui.showConsoleProgress", "false")
            .set("spark.python.worker.reuse", "true")
            # executors' Python daemon loads the language stage once, before forking workers
            .set("spark.python.daemon.module", "dateline.spark.daemon"))
    return SparkContext.getOrCreate(conf)


# A local job's JVM lives for one run and works beside the Python workers on the same cores.
# HotSpot's optimising compiler (C2) and its parallel collector spend seconds of CPU on a JVM's
# start and on code that runs only a few times here (the shuffles of a few thousand small
# rows); C1 alone and the serial collector leave those cores to the Python workers. Measured in
# docs/scale-out.md; a cluster's executors keep the JVM's defaults.
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


def local_jvm_options() -> str:
    """LOCAL_JVM_OPTIONS, and the class-data sharing archive `make spark-venv` writes
    (`dateline.spark.cds`) when there is one."""
    from dateline.spark.cds import ARCHIVE, QUIET

    if ARCHIVE.is_file():
        return f"{LOCAL_JVM_OPTIONS} -XX:SharedArchiveFile={ARCHIVE} {QUIET}"
    return LOCAL_JVM_OPTIONS


def _of(table: str) -> Callable[[tuple[str, Row]], bool]:
    return lambda item: item[0] == table


def spark_ingest(paths: Sequence[str], out: Path, *, master: str | None = None,
                 settings: IngestSettings = IngestSettings(), spark: Any = None,
                 scratch: str | None = None) -> SparkReport:
    """Run the pipeline on Spark over `paths` and write the store's tables to `out`.

    `spark` is a running SparkSession or SparkContext to use (it is then left running);
    otherwise a SparkContext is started on `master` (None: the one spark-submit gives, else
    local[2]) and stopped at the end.
    `scratch` is where tasks keep their scratch stores (the
    executor's temporary directory by default).
    """
    own = spark is None
    session = _session(master) if own else spark
    try:
        return _run(session, list(paths), out, settings, scratch)
    finally:
        if own:
            session.stop()


def _run(spark: Any, paths: list[str], out: Path, settings: IngestSettings, scratch: str | None) -> SparkReport:
    from pyspark import StorageLevel

    sc = getattr(spark, "sparkContext", spark)  # a SparkSession's context, or a SparkContext
    stories = StorySettings()
    files = _files(paths)
    n_files = max(1, len(files))
    disk = StorageLevel.MEMORY_AND_DISK
    P = sc.defaultParallelism  # partitions of every keyed step  # noqa: N806
    wide = min(n_files, 2 * P)

    # 1. pass one, one task per file
    items = sc.parallelize([(f.number, f) for f in files], n_files).partitionBy(n_files, lambda i: int(i))
    scans = items.mapValues(partial(scan_file, settings=settings, scratch=scratch)).mapValues(lambda r: r[1]).persist(disk)

    # 2. duplicates across files, and each site's chrome
    _log("scanned {} files", scans)
    # One task per file for the reading; the keyed steps after it run on a few wide partitions
    # (a task per file there would only add scheduling).
    recs = (scans.coalesce(wide).filter(lambda kv: kv[1] is not None)
            .flatMap(lambda kv: record_keys(kv[0], kv[1])))
    first = recs.mapValues(lambda v: (v[0], v[1], v[3])).reduceByKey(min, P)
    judged = recs.join(first, P).persist(disk)  # sha -> (record, first copy)
    duplicates = (judged.filter(lambda kv: kv[1][0][:2] != kv[1][1][:2])
                  .map(lambda kv: (kv[1][0][0], (kv[1][0][2], kv[1][1][2]))))
    kept = judged.filter(lambda kv: kv[1][0][:2] == kv[1][1][:2]).map(lambda kv: (kv[0], kv[1][0]))
    counted = kept.filter(lambda kv: bool(kv[1][5]))
    line_counts = counted.flatMap(lambda kv: [((kv[1][4], k), 1) for k in kv[1][5]]).reduceByKey(
        lambda a, b: a + b, P).persist(disk)
    frequent = (line_counts.filter(lambda kv: kv[1] >= settings.min_chrome_pages)
                .map(lambda kv: kv[0]).groupByKey(P).mapValues(frozenset))
    needs = kept.filter(lambda kv: bool(kv[1][4])).map(lambda kv: (kv[1][4], kv[1][0])).distinct(P)
    chrome = needs.join(frequent, P).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))

    # 3. pass two, one task per file
    plans = sc.union([items.mapValues(lambda f: ("item", f)), scans.mapValues(lambda s: ("scan", s)),
                      duplicates.mapValues(lambda d: ("duplicate", d)), chrome.mapValues(lambda c: ("chrome", c))])
    per_file = (plans.groupByKey(n_files, lambda i: int(i))
                .flatMap(partial(_extract_plan, settings=settings, scratch=scratch)).persist(disk))
    _log("extracted {} rows", per_file)
    extracted = per_file.coalesce(wide)

    # 4. stories
    order = extracted.filter(_of("article_order")).map(lambda kv: (kv[1][0], (kv[1][1], kv[1][2])))
    names = [n for n, _ in table_columns("articles")]
    at = {n: names.index(n) for n in ("id", "kind", "body", "fingerprint", "date", "crawl_date")}
    articles = extracted.filter(_of("articles")).map(lambda kv: (kv[1][at["id"]], kv[1]))
    facts = articles.join(order, P).mapValues(lambda v: StoryArticle(
        v[0][at["id"]], v[1], v[0][at["kind"]], v[0][at["fingerprint"]], bool(v[0][at["body"]].strip()),
        earliest_key(v[0][at["id"]], v[0][at["date"]], v[0][at["crawl_date"]]))).persist(disk)
    bodies = articles.mapValues(lambda r: r[at["body"]])
    parents = _story_parents(extracted, facts, bodies, order, stories, P)
    assigned = _story_roots(parents, P).persist(disk)  # article -> (story, similarity)
    _log("stories of {} articles", assigned)
    canonical = (assigned.join(facts, P).map(lambda kv: (kv[1][0][0], (kv[1][1].earliest, kv[0])))
                 .reduceByKey(min, P).map(lambda kv: (kv[1][1], 1)))
    article_stories = assigned.leftOuterJoin(canonical, P).map(
        lambda kv: ("article_stories", (kv[0], kv[1][0][0], kv[1][1] or 0, kv[1][0][1])))

    # 5. the language stage, once per story. A page's articles go to one task: a sidebar's
    # copies of its main article's quotations are marked from the two (store migration 15).
    to_analyse = articles.join(canonical, P).map(lambda kv: kv[1][0])
    parts, write_parts = _analysis_parts(_count(facts), P)
    page = names.index("page_id")
    analysed = (to_analyse.keyBy(lambda r: r[page]).partitionBy(parts, _page_partition).values()
                .mapPartitions(partial(analyse_partition, scratch=scratch)).persist(disk))
    _log("analysed: {} rows", analysed)
    actors = _actors(analysed, scratch, P)

    # 6. the tables: every task writes its rows of each table (one job for all of them), one task
    # per core or per 64 articles (the union's dozens of small partitions would each be a task
    # and a file per table); the sources' statuses are counted on the way
    tagged = sc.union([
        extracted.filter(lambda kv: kv[0] in _INGEST_ROWS),
        article_stories,
        line_counts.map(lambda kv: ("line_stats", (kv[0][0], kv[0][1], kv[1]))),
        counted.map(lambda kv: ("line_counted", (kv[0], kv[1][4]))),
        analysed.filter(lambda kv: kv[0] in _ANALYSIS_ROWS),
        analysed.filter(_of("actor_aliases")).map(lambda kv: kv[1]).distinct(P).map(lambda r: ("actor_aliases", r)),
        actors.map(lambda r: ("actors", r)),
    ]).coalesce(write_parts)
    target = str(out)
    _clear(out)
    written = tagged.mapPartitionsWithIndex(lambda n, it: _write_partition(target, n, it)).reduceByKey(
        lambda a, b: a + b, P).collect()
    report = SparkReport(out)
    counts = dict(written)
    report.rows = {t: counts.get(t, 0) for t in TABLES}
    report.sources.update({k[1]: n for k, n in counts.items() if isinstance(k, tuple)})
    for t in TABLES:
        (out / t).mkdir(parents=True, exist_ok=True)  # an empty table is an empty dataset
    _log("wrote the tables")
    _manifest(out, paths, files, report, settings, stories, sc.version)
    for rdd in (scans, judged, line_counts, per_file, facts, assigned, analysed):
        rdd.unpersist()
    return report


_T0 = [0.0]


def _log(message: str, rdd: Any = None) -> None:
    """With DATELINE_SPARK_TRACE set, the time and a step's size (a count is a job of its own,
    so it is only run when traced)."""
    import time
    if os.environ.get("DATELINE_SPARK_TRACE"):
        now = time.monotonic()
        _T0[0] = _T0[0] or now
        print(f"[{now - _T0[0]:7.1f}s] {message.format(_count(rdd) if rdd is not None else '')}",
              file=sys.stderr, flush=True)


_INGEST_ROWS = frozenset({"sources", "records", "pages", "articles", "story_bands"})
_ANALYSIS_ROWS = frozenset({"mentions", "quotes", "date_mentions", "events", "analysed", "actor_articles"})


def _clear(out: Path) -> None:
    """A re-run replaces the tables: what an earlier run wrote there goes first."""
    import shutil

    for table in TABLES:
        shutil.rmtree(out / table, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def _analysis_parts(articles: int, cores: int) -> tuple[int, int]:
    """Partitions of the analysis, and of the write: tasks of at least `_MIN_TASK` articles, up
    to `_TASKS_PER_CORE` per core while that many fit, and `_BATCH` articles a task on average
    at most (pages are spread by a hash, so partitions differ a little). Tasks finish at different times (articles differ in length, and pages are assigned by
    a hash), so a core that finishes early takes the next small task instead of idling while
    the other finishes one big one. The write needs no such spread: a task per core, or per
    `_BATCH` articles, so a file holds a sizeable share of each table."""
    analysis = max(cores, min(_TASKS_PER_CORE * cores, -(-articles // _MIN_TASK)), -(-articles // _BATCH))
    return analysis, max(cores, -(-articles // _BATCH))


_BATCH = 64  # articles a task parses at most (the embedded analysis's batch)
_MIN_TASK = 12  # fewer articles would make a task's fixed cost (its scratch store) count
_TASKS_PER_CORE = 4


def _page_partition(page_id: str) -> int:
    """A page's partition number (before the modulo): the same in every process, unlike
    `hash` of a string, which Python salts per process."""
    return zlib.crc32(page_id.encode("utf-8"))


def _write_partition(out: str, number: int, items: Iterable[tuple[str, Row]]) -> Iterator[tuple[Any, int]]:
    """One partition's rows, table by table, as one Parquet file per table (and date); yields
    (table, rows written), and (("sources", status), files) for the report."""
    from dateline.store.tables import write_part

    tables: dict[str, list[Row]] = {}
    for table, row in items:
        tables.setdefault(table, []).append(row)
    for table, rows in tables.items():
        yield table, write_part(out, table, f"{number:05d}", rows)
    yield from Counter(("sources", row[4]) for row in tables.get("sources", ())).items()


def _count(rdd: Any) -> int:
    return int(rdd.count())


def _extract_plan(kv: tuple[int, Iterable[tuple[str, Any]]], *, settings: IngestSettings,
                  scratch: str | None) -> Iterator[tuple[str, Row]]:
    """One file's plan (its item, scan, duplicates and chrome, grouped by file) to its rows."""
    parts: dict[str, list[Any]] = {"item": [], "scan": [], "duplicate": [], "chrome": []}
    for kind, value in kv[1]:
        parts[kind].append(value)
    yield from extract_file(parts["item"][0], parts["scan"][0], dict(parts["duplicate"]), dict(parts["chrome"]),
                            settings, scratch)


def _story_parents(extracted: Any, facts: Any, bodies: Any, order: Any, stories: StorySettings, P: int) -> Any:
    """article -> (the article whose story it joins, similarity), or (itself, None) for a story of
    its own: an exact copy first (by fingerprint), else the nearest earlier copy (by bands)."""
    bands = extracted.filter(_of("story_bands")).map(lambda kv: (kv[1][1], kv[1][0]))  # article -> band
    keyed = bands.join(order, P).map(lambda kv: (kv[1][0], (kv[1][1], kv[0])))  # band -> (order, article)
    shared = keyed.groupByKey(P).flatMap(lambda kv: band_pairs(kv[1])).reduceByKey(lambda a, b: a + b, P)
    candidates = (shared.map(lambda kv: (kv[0][1], (kv[0][0], kv[1])))  # earlier -> (later, shared)
                  .join(bodies, P).map(lambda kv: (kv[1][0][0], (kv[0], kv[1][0][1], kv[1][1])))
                  .groupByKey(P))
    near = candidates.join(bodies, P).flatMap(
        lambda kv: _near(kv[0], kv[1][1], list(kv[1][0]), stories))
    exact = (facts.map(lambda kv: (kv[1].fingerprint, kv[1])).groupByKey(P)
             .flatMap(lambda kv: exact_parents(kv[1])).mapValues(lambda p: (p, 1.0)))
    return (facts.mapValues(lambda f: (f.id, None)).leftOuterJoin(exact, P).leftOuterJoin(near, P)
            .mapValues(lambda v: v[0][1] or v[1] or v[0][0]))


def _near(article: str, body: str, candidates: list[tuple[str, int, str]],
          stories: StorySettings) -> list[tuple[str, tuple[str, float]]]:
    best = best_near_copy(body, candidates, stories)
    return [] if best is None else [(article, best)]


def _story_roots(parents: Any, P: int) -> Any:
    """article -> (story id, similarity): follow parents to the article that started the story
    (pointer jumping: each round halves the longest chain left)."""
    similarity = parents.mapValues(lambda p: p[1])
    links = parents.mapValues(lambda p: p[0]).persist()
    while True:
        step = links.map(lambda kv: (kv[1], kv[0])).join(links, P).map(lambda kv: (kv[1][0], kv[1][1])).persist()
        if step.join(links, P).filter(lambda kv: kv[1][0] != kv[1][1]).isEmpty():
            links.unpersist()
            links = step
            break
        links.unpersist()
        links = step
    return links.join(similarity, P)


def _actors(analysed: Any, scratch: str | None, P: int) -> Any:
    """Actor rows: the row of each actor's first article (source, start), persons' countries
    recomputed over all their articles."""
    chosen = (analysed.filter(_of("actors")).map(lambda kv: (kv[1][0], (kv[1][1], kv[1][2])))
              .reduceByKey(lambda a, b: a if a[0] <= b[0] else b, P).mapValues(lambda v: v[1]))
    roles = analysed.filter(_of("actor_articles")).map(lambda kv: (kv[1][0], kv[1])).groupByKey(P).mapValues(list)
    return chosen.join(roles, P).mapPartitions(partial(finish_actors, scratch=scratch))


def _manifest(out: Path, paths: Sequence[str], files: Sequence[FileItem], report: SparkReport,
              settings: IngestSettings, stories: StorySettings, spark_version: str) -> None:
    from dateline.language.version import ANALYSER

    manifest = {
        "inputs": list(paths),
        "files": len(files),
        "rows": report.rows,
        "sources": dict(sorted(report.sources.items())),
        "layout": "dateline.store.tables",
        "partitions": dict(PARTITIONS),
        "versions": {"dateline": __version__, "schema": SCHEMA_VERSION, "analyser": ANALYSER,
                     "stories": stories.tag, "spark": spark_version, "python": platform.python_version()},
        "settings": {"max_bytes": settings.max_bytes, "min_chrome_pages": settings.min_chrome_pages,
                     "format": settings.format, "fields": [list(f) for f in settings.fields]},
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

