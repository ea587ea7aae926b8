"""Docs stay true: every command is in the CLI reference, every docs page the README names exists."""

from __future__ import annotations

from pathlib import Path

from dateline.cli import ACTOR_FIELDS, ARTICLE_FIELDS, EVENT_FIELDS, QUOTE_FIELDS, SOURCE_FIELDS, main

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_docs_cli_reference_names_every_command() -> None:
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert f"`dateline {name}" in reference, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt not in ("--help", "--db", "--format"):
                    assert opt in reference, f"{name} {opt}"


def test_docs_cli_reference_lists_the_exact_jsonl_fields() -> None:
    reference = (DOCS / "cli.md").read_text(encoding="utf-8").replace("`", "").replace("\n", " ")
    assert ", ".join(SOURCE_FIELDS) in reference
    assert all(f in reference for f in ARTICLE_FIELDS)
    assert ", ".join(QUOTE_FIELDS) in reference
    assert all(f in reference for f in ACTOR_FIELDS)
    assert ", ".join(EVENT_FIELDS) in reference
