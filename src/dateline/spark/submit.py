"""The Spark job's entry point for `spark-submit`, which gives the master and the resources:

    spark-submit [spark options] path/to/dateline/spark/submit.py PATH... --out DIR

takes the arguments of `dateline spark ingest` (docs/scale-out.md).
"""

from __future__ import annotations

from dateline.cli.scale import spark_ingest_cmd

if __name__ == "__main__":
    spark_ingest_cmd(prog_name="dateline spark ingest")
