"""The pipeline on Apache Spark, for corpora that outgrow one machine (`dateline spark ingest`).

It sits on top of the package: it imports the stages and the store, and nothing imports it.
`tasks` holds what executors run (plain functions over plain values, calling the embedded
ingest's own functions); `job` builds the Spark job from them and writes the store's tables as
Parquet (`dateline.store.tables`), which `dateline import` loads into SQLite.
"""
