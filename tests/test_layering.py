"""The layering of the analysis: language below events below the reading loop, the store apart.

Read from the source (every import statement of every module, at any depth, by walking its
syntax tree), so that a stage reaching into another's internals fails here however it imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "dateline"

# What the event coder may use of the language stage: the tables (the gazetteer), a sentence's
# tense, and what both stages read off the parse the same way (speech cues and reported
# subjects, compound proper names). The actors of an article it reads through
# `events.resolver.Resolver`, never through the language stage's registry.
EVENTS_MAY_USE = frozenset({"dateline.language.gazetteer", "dateline.language.tense",
                            "dateline.language.attribution", "dateline.language.phrases"})
# Stages above the language stage, which it must not know.
ABOVE_LANGUAGE = ("dateline.events", "dateline.reading", "dateline.store", "dateline.ingest", "dateline.cli",
                  "dateline.web", "dateline.spark")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every module the file at `path` imports (`imports_in`)."""
    return imports_in(path.read_text(encoding="utf-8"), _module(path), package=path.name == "__init__.py")


def imports_in(source: str, module: str, *, package: bool = False) -> set[str]:
    """Every module the source of `module` imports, by its full dotted name (`from a import b`
    counts as `a.b` when `a.b` is a module of ours, else as `a`); relative imports made absolute."""
    here = module if package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if _is_ours(candidate) else base)
    return found


def _is_ours(name: str) -> bool:
    relative = Path(*name.split(".")[1:]) if name.startswith("dateline.") else None
    return relative is not None and ((PACKAGE / relative).with_suffix(".py").exists() or (PACKAGE / relative).is_dir())


def _under(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("language"), ids=lambda p: p.name)
def test_layering_language_imports_no_later_stage(path: Path) -> None:
    later = {name for name in imports_of(path) if any(_under(name, above) for above in ABOVE_LANGUAGE)}
    assert not later, f"{_module(path)} imports {sorted(later)}"


@pytest.mark.parametrize("path", _modules("events"), ids=lambda p: p.name)
def test_layering_events_use_only_the_language_interfaces(path: Path) -> None:
    used = {name for name in imports_of(path) if _under(name, "dateline.language")}
    assert used <= EVENTS_MAY_USE, f"{_module(path)} imports {sorted(used - EVENTS_MAY_USE)}"
    above = {name for name in imports_of(path) if any(_under(name, a) for a in ABOVE_LANGUAGE[1:])}
    assert not above, f"{_module(path)} imports {sorted(above)}"


@pytest.mark.parametrize("path", _modules("store"), ids=lambda p: p.name)
def test_layering_store_reads_no_language_table(path: Path) -> None:
    """The store writes and reads what the analysis found; it computes nothing from the
    language stage's tables (an export reads codes stored at analysis time)."""
    used = {name for name in imports_of(path) if _under(name, "dateline.language")}
    assert not used, f"{_module(path)} imports {sorted(used)}"


def test_layering_the_rule_sees_every_form_of_import() -> None:
    """The import reader finds imports at any depth and in each form, so the rules above can fail."""
    source = ("import dateline.language.actors\n"
              "from dateline.language import persons\n"
              "from ..language.speakers import can_speak\n"
              "from . import nominal\n"
              "def f():\n    from dateline.reading import analyse_article\n")
    found = imports_in(source, "dateline.events.coder")
    assert found == {"dateline.language.actors", "dateline.language.persons", "dateline.language.speakers",
                     "dateline.events.nominal", "dateline.reading"}
