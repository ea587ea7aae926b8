"""The Python daemon of each Spark executor, with the language stage loaded before it forks.

PySpark starts one daemon per executor and forks a worker from it for each Python task runner
(`spark.python.daemon.module` names this module instead of `pyspark.daemon`). Loading spaCy's
model, the knowledge tables and the event dictionaries here, once, means every worker the
executor forks has them already (shared copy-on-write pages): the model loads once per executor,
not once per worker, task or record. The caches are the package's own (`load_nlp`,
`load_gazetteer`, the dictionary loaders), so the stages find them where they always look.
"""

from __future__ import annotations


def preload() -> None:
    """Load what the language stage loads on first use, in this process, and import what the
    job's tasks run (the ingest, the extractors, the store's Parquet writer, and what the package
    imports lazily to keep `dateline`'s start-up short: datasketch with scipy for the stories,
    the reading loop): a worker that imported them itself would pay seconds for it in its first
    task of each kind, and every worker the daemon forks would pay it again."""
    # the story step's MinHash: `stories.signature_of` imports datasketch (and scipy) lazily
    import datasketch  # type: ignore[import-untyped]  # noqa: F401

    import dateline.reading  # noqa: F401 - the analysis tasks' entry (tasks.analyse_partition)
    import dateline.spark.job  # noqa: F401 - imported for the forked workers
    from dateline.events.cameo import load_cameo
    from dateline.events.dictionary import load_dictionary, load_nouns, load_verdicts
    from dateline.language.gazetteer import load_gazetteer
    from dateline.language.nlp import load_nlp

    load_nlp()
    load_gazetteer()
    load_dictionary()
    load_nouns()
    load_verdicts()
    load_cameo()


if __name__ == "__main__":
    import gc
    import warnings

    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.daemon import manager

    preload()
    gc.freeze()  # the loaded model is read, never freed: forked workers' collections skip it
    manager()
