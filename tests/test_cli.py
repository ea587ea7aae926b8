"""The command line: exact machine fields, exit codes, and help with an example everywhere."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import ACTOR_FIELDS, ARTICLE_FIELDS, QUOTE_FIELDS, SOURCE_FIELDS, main


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture()
def seeded(seeds_dir: Path, db_path: Path) -> Path:
    code, out = _run("ingest", str(seeds_dir), "--db", str(db_path), "--workers", "1")
    assert code == 0, out
    assert "ingested 2" in out
    return db_path


def test_cli_articles_jsonl_fields_exactly(seeded: Path) -> None:
    code, out = _run("articles", "--db", str(seeded), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(records) == 62
    assert all(tuple(r) == ARTICLE_FIELDS for r in records)
    main_article = next(r for r in records if r["kind"] == "main" and r["crawl_date"])
    assert main_article["date"] == "2025-05-20" and main_article["authors"] == []
    assert main_article["byline"] == "AFP Staff Writers"


def test_cli_sources_jsonl_fields_exactly(seeded: Path) -> None:
    code, out = _run("sources", "--db", str(seeded), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [tuple(r) for r in records] == [SOURCE_FIELDS] * 2
    assert sorted(r["articles"] for r in records) == [30, 32]


@pytest.mark.parametrize("args, expected", [
    (["--kind", "sidebar"], 2),
    (["--kind", "main", "--since", "2024-01-01"], 1),
    (["--until", "2023-03-16", "--kind", "sidebar"], 2),
    (["--search", "Kirby"], 1),
    (["--site", "military space news", "--kind", "main"], 2),
])
def test_cli_articles_filters(seeded: Path, args: list[str], expected: int) -> None:
    code, out = _run("articles", "--db", str(seeded), "--format", "json", *args)
    assert code == 0 and len(json.loads(out)) == expected


def test_cli_show_prints_an_article_by_prefix(seeded: Path) -> None:
    _, out = _run("articles", "--db", str(seeded), "--kind", "main", "--format", "jsonl")
    first = json.loads(out.splitlines()[0])
    code, shown = _run("show", first["id"][:8], "--db", str(seeded))
    assert code == 0 and first["headline"] in shown and f"id: {first['id']}" in shown
    unmarked = re.sub(r" = [\d.-]+\}|[\[\]{}]", "", shown)
    assert first["body"].split(".")[0] in unmarked


def test_cli_errors_have_clear_messages_and_codes(seeded: Path, tmp_path: Path) -> None:
    code, out = _run("articles", "--db", str(seeded), "--search", '"unclosed')
    assert code == 2 and "invalid search" in out
    code, out = _run("articles", "--db", str(seeded), "--since", "yesterday")
    assert code == 2 and "not a date" in out
    code, out = _run("show", "ffffffffffff", "--db", str(seeded))
    assert code == 1 and "no article" in out
    code, out = _run("articles", "--db", str(tmp_path / "missing.db"))
    assert code == 1 and "no store" in out


def test_cli_csv_has_a_header_and_a_row_per_article(seeded: Path) -> None:
    code, out = _run("articles", "--db", str(seeded), "--kind", "main", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("id,source,kind")


def test_cli_every_command_has_help_with_an_example() -> None:
    for name in main.commands:
        code, out = _run(name, "--help")
        assert code == 0 and "Example" in out, name


def test_cli_quotes_jsonl_fields_and_filters(seeded: Path) -> None:
    code, out = _run("quotes", "--db", str(seeded), "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and records and all(tuple(r) == QUOTE_FIELDS for r in records)
    _, kirby = _run("quotes", "--db", str(seeded), "--speaker", "john kirby", "--format", "json")
    assert {q["speaker"] for q in json.loads(kirby)} == {"John Kirby"}
    assert all(q["date"] and q["headline"] and q["speaker_id"] for q in json.loads(kirby))
    _, part = _run("quotes", "--db", str(seeded), "--speaker", "kirb", "--format", "json")
    assert json.loads(part) == []  # a speaker is a whole name or alias
    _, usa = _run("quotes", "--db", str(seeded), "--country", "usa", "--format", "json")
    assert {q["speaker_country"] for q in json.loads(usa)} == {"USA"}
    _, found = _run("quotes", "--db", str(seeded), "--search", "ceasefire OR conquest", "--format", "json")
    assert [q["text"] for q in json.loads(found)] == ["ratify Russia's conquest."]


def test_cli_actors_jsonl_fields(seeded: Path) -> None:
    code, out = _run("actors", "--db", str(seeded), "--kind", "person", "--format", "jsonl")
    records = {r["name"]: r for r in map(json.loads, out.splitlines())}
    assert code == 0 and all(tuple(r) == ACTOR_FIELDS for r in records.values())
    mao = records["Mao Ning"]
    assert (mao["kind"], mao["country"], mao["code"]) == ("person", "CHN", "CHNGOV")
    assert mao["roles"][0] == {"role": "foreign ministry spokeswoman", "country": "CHN",
                               "first_seen": "2025-05-20", "last_seen": "2025-05-20", "learned_from": "article",
                               "source": None, "valid_from": None, "valid_until": None,
                               "article_id": mao["roles"][0]["article_id"], "articles": 1}
    assert mao["roles"][0]["article_id"]
    assert "Mao" in mao["aliases"]


def test_cli_show_marks_speakers_mentions_and_dates(seeded: Path) -> None:
    _, out = _run("articles", "--db", str(seeded), "--kind", "sidebar", "--format", "jsonl")
    sidebar = json.loads(out.splitlines()[0])
    code, shown = _run("show", sidebar["id"], "--db", str(seeded))
    assert code == 0
    assert '"We think it would be a very good thing if the two of them talk," \u27e8John Kirby, USA\u27e9' in shown
    assert "[The White House] said {Thursday = 2023-03-16}" in shown
    code, as_json = _run("show", sidebar["id"], "--db", str(seeded), "--format", "json")
    record = json.loads(as_json)
    assert {"quotes", "mentions", "dates"} <= set(record) and len(record["quotes"]) == 11


def test_cli_analyse_after_ingest_without_analysis(seeds_dir: Path, db_path: Path) -> None:
    code, _ = _run("ingest", str(seeds_dir), "--db", str(db_path), "--workers", "1", "--no-analyse")
    _, before = _run("quotes", "--db", str(db_path), "--format", "jsonl")
    assert code == 0 and before == ""
    code, out = _run("analyse", "--db", str(db_path), "--workers", "1")
    assert code == 0 and "analysed 62" in out
    _, after = _run("quotes", "--db", str(db_path), "--format", "jsonl")
    code, again = _run("analyse", "--db", str(db_path), "--workers", "1")
    assert code == 0 and "analysed 0, already up to date 62" in again
    _, unchanged = _run("quotes", "--db", str(db_path), "--format", "jsonl")
    assert len(after.splitlines()) >= 33 and unchanged == after


@pytest.mark.parametrize("command, facet", [("articles", "site"), ("quotes", "speaker"), ("events", "root")])
def test_cli_count_and_facets_agree_with_the_listing(seeded: Path, command: str, facet: str) -> None:
    code, out = _run(command, "--db", str(seeded), "--format", "jsonl", "--limit", "10000")
    assert code == 0
    listed = [json.loads(line) for line in out.splitlines() if line.strip()]
    code, out = _run(command, "--db", str(seeded), "--format", "json", "--count")
    assert code == 0 and json.loads(out) == {"count": len(listed)} and listed
    code, out = _run(command, "--db", str(seeded), "--format", "jsonl", "--facet", facet)
    assert code == 0
    counts = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert counts and all(c["facet"] == facet and c["count"] > 0 for c in counts)
    assert sum(c["count"] for c in counts) <= len(listed)
