# Two entry points a fresh machine needs: `make demo` and `make test` (see README Quickstart).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
UV     := $(BIN)/uv
# Install into the project virtualenv only, with no index other than the one the lock names.
UV_FLAGS := --quiet --python $(BIN)/python --no-config
DB     ?= demo.db

SPARK_OUT ?= spark-out
SPARK_DB  ?= spark.db

.PHONY: demo test venv dev-venv spark-venv spark bench lock clean

# The stamp files make set-up idempotent: packages are installed again only when a lock changes.
# The installer is pinned too: the machine's own pip (23.2 on Python 3.11.7) only installs uv,
# pinned by version and hash in requirements/bootstrap.txt, and uv installs the locks. An old
# pip misreads extras of locked packages (smart-open[http]) once newer releases appear upstream.
$(VENV)/.bootstrap: requirements/bootstrap.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/bootstrap.txt
	touch $@

$(VENV)/.runtime: $(VENV)/.bootstrap requirements/runtime.txt pyproject.toml
	$(UV) pip install $(UV_FLAGS) --require-hashes -r requirements/runtime.txt
	$(UV) pip install $(UV_FLAGS) --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.txt
	$(UV) pip install $(UV_FLAGS) --require-hashes -r requirements/dev.txt
	touch $@

# The optional spark extra (PySpark, hash-pinned in requirements/spark.txt at runtime.txt's versions).
$(VENV)/.spark: $(VENV)/.runtime requirements/spark.txt
	$(UV) pip install $(UV_FLAGS) --require-hashes -r requirements/spark.txt
	touch $@

# Spark starts more Python processes than the embedded ingest (the driver, each executor's
# daemon, `dateline import`), and each imports spaCy, scipy, pyarrow: compiled once here, not
# at every start where .pyc files are not written (uv installs without them; PYTHONDONTWRITEBYTECODE).
$(VENV)/.bytecode: $(VENV)/.spark
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib src >/dev/null
	touch $@

# Local mode's JVM maps the classes a Spark job loads from an archive written once here
# (dateline.spark.cds; skipped without Java): seconds off every local run's start.
$(VENV)/.spark-cds: $(VENV)/.spark
	-command -v java >/dev/null && $(BIN)/python -m dateline.spark.cds
	touch $@

venv: $(VENV)/.runtime
dev-venv: $(VENV)/.dev
spark-venv: $(VENV)/.spark $(VENV)/.bytecode $(VENV)/.spark-cds

demo: venv
	$(BIN)/dateline ingest examples/corpus --db $(DB)
	$(BIN)/dateline articles --db $(DB) --kind main
	$(BIN)/dateline quotes --db $(DB) --limit 12
	$(BIN)/dateline events --db $(DB) --limit 12

# The sample corpus through Spark in local mode, then into a SQLite store. Java 17 comes from
# Debian (`apt-get install openjdk-17-jre-headless`); docs/scale-out.md says how to run it on a cluster.
spark: spark-venv
	@command -v java >/dev/null || { echo "make spark needs Java 17: apt-get install openjdk-17-jre-headless" >&2; exit 1; }
	$(BIN)/dateline spark ingest examples/corpus --out $(SPARK_OUT) --master 'local[2]'
	$(BIN)/dateline import $(SPARK_OUT) --db $(SPARK_DB)
	$(BIN)/dateline events --db $(SPARK_DB) --limit 12

test: dev-venv
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: dev-venv
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/aeb_text.py
	$(BIN)/python bench/aeb_html.py
	$(BIN)/python bench/language_speed.py
	$(BIN)/python bench/events_speed.py
	$(BIN)/python bench/quotes_vs_textacy.py
	$(BIN)/python bench/stories.py
	$(BIN)/python bench/warc_ingest.py
	$(BIN)/python bench/jsonl_ingest.py
	$(BIN)/python bench/serve_latency.py

# Refresh the locks with the same pinned uv. Versions already locked are kept unless a
# constraint moved; `make lock UPGRADE=--upgrade` takes the newest releases.
LOCK := $(UV) pip compile --quiet --no-config --python-version 3.11 --generate-hashes --custom-compile-command "make lock"
lock: $(VENV)/.bootstrap
	$(LOCK) --universal $(UPGRADE) requirements/bootstrap.in -o requirements/bootstrap.txt
	$(LOCK) $(UPGRADE) pyproject.toml -o requirements/runtime.txt
	cd requirements && ../$(LOCK) $(UPGRADE) dev.in -o dev.txt
	$(LOCK) $(UPGRADE) --extra spark -c requirements/runtime.txt pyproject.toml -o requirements/spark.txt

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm $(SPARK_OUT) $(SPARK_DB) $(SPARK_DB)-wal $(SPARK_DB)-shm
