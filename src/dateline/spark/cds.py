"""A class-data sharing archive for local mode's JVM: `python -m dateline.spark.cds` (run by
`make spark-venv`) starts Spark once in local mode, runs a small job of the kinds `dateline spark
ingest` runs (Python tasks, shuffles, a join, a persisted RDD), and has the JVM write the
classes it loaded to `ARCHIVE` when it exits (`-XX:ArchiveClassesAtExit`). Later local runs map
that archive instead of reading and verifying thousands of classes from Spark's jars one by one
(`-XX:SharedArchiveFile`, see `job.local_jvm_options`): seconds of a JVM's start. The archive
belongs to this virtualenv's Spark jars and Java; a JVM that finds it does not match ignores it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__ = ["ARCHIVE", "build"]

ARCHIVE = Path(sys.prefix) / "share" / "dateline" / "spark-classes.jsa"
# The archive's warnings (a jar changed, another Java) are not the user's business: the JVM
# then starts as it would without it.
QUIET = "-Xlog:cds=off -Xlog:cds+dynamic=off -Xshare:auto"

_JOB = """
import os, sys
from pyspark import SparkConf, SparkContext
conf = (SparkConf().setMaster("local[2]").setAppName("dateline-cds").set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false").set("spark.python.worker.reuse", "true")
        .set("spark.driver.extraJavaOptions", sys.argv[1]))
sc = SparkContext.getOrCreate(conf)
from pyspark import StorageLevel
a = sc.parallelize([(i % 7, str(i)) for i in range(500)], 4).persist(StorageLevel.MEMORY_AND_DISK)
b = a.reduceByKey(lambda x, y: x + y, 2).join(a.groupByKey(2).mapValues(list), 2)
c = sc.union([a, b.mapValues(len)]).coalesce(2).filter(lambda kv: kv[0] > 0).distinct(2)
c.leftOuterJoin(a, 2).mapPartitionsWithIndex(lambda n, it: [(n, sum(1 for _ in it))]).collect()
c.isEmpty()
sc.stop()
"""


def build(archive: Path = ARCHIVE) -> bool:
    """Write the archive (replacing an older one); False when there is no Java to run."""
    from dateline.spark.job import LOCAL_JVM_OPTIONS

    archive.parent.mkdir(parents=True, exist_ok=True)
    partial = archive.with_suffix(f".{os.getpid()}.tmp")
    options = f"{LOCAL_JVM_OPTIONS} -XX:ArchiveClassesAtExit={partial} -Xlog:cds=off -Xlog:cds+dynamic=off"
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    try:
        subprocess.run([sys.executable, "-c", _JOB, options], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    except (OSError, subprocess.SubprocessError):
        partial.unlink(missing_ok=True)
        return False
    # The JVM writes the archive as it exits, after the Python process that started it
    for _ in range(600):
        if partial.exists() and not _writing(partial):
            break
        import time
        time.sleep(0.1)
    if not partial.exists():
        return False
    partial.replace(archive)
    return True


def _writing(path: Path) -> bool:
    """Whether a process still has `path` open (the exiting JVM writing it)."""
    target = str(path)
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                    return True
        except OSError:
            continue
    return False


if __name__ == "__main__":
    ok = build()
    print(f"{'wrote' if ok else 'no Java: did not write'} {ARCHIVE}", file=sys.stderr)
