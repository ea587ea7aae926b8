# Two entry points a fresh machine needs: `make demo` and `make test` (see README Quickstart).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= demo.db

.PHONY: demo test venv dev-venv bench clean

# The stamp files make set-up idempotent: pip runs again only when a lock file changes.
$(VENV)/.runtime: requirements/runtime.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/runtime.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	touch $@

venv: $(VENV)/.runtime
dev-venv: $(VENV)/.dev

demo: venv
	$(BIN)/dateline ingest examples/corpus --db $(DB)
	$(BIN)/dateline articles --db $(DB) --kind main
	$(BIN)/dateline quotes --db $(DB) --limit 12
	$(BIN)/dateline events --db $(DB) --limit 12

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

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
