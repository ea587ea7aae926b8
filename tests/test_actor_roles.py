"""Roles with their dates and provenance, on a small store of pages written for this test: the
CLI (`dateline actors`, `dateline actors NAME`), the JSON API and the actor page show, for each
role, the knowledge row it came from (source note and validity dates) or the articles that said
it; re-analysis and deletes keep it consistent."""

from __future__ import annotations

import json
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.exceptions import StarletteDeprecationWarning

from dateline.cli import main
from dateline.cli.language import role_text
from dateline.language.knowledge.factbook import edition
from dateline.store import connect
from dateline.store.language import get_actor
from dateline.web.api import api_routes
from dateline.web.app import ServeSettings, create_app
from dateline.web.pages import page_routes

with warnings.catch_warnings():  # starlette 1.x prefers httpx2, which the lock does not carry
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

_HEAD = """{headline} - The Lakeside Courier

The Lakeside Courier
Home
World
Africa

{headline}
{standfirst}
By Peter Mwangi
{date} 10.15 GMT

"""
# Kenya's president since 13 September 2022 is a Factbook row (people.tsv does not list him);
# the spokeswoman is invented, and only the articles say what she is.
PAGES = {
    "talks_2023.txt": _HEAD.format(headline="Kenya hosts regional talks on river dispute",
                                   standfirst="Delegations from three neighbours meet in Nairobi",
                                   date="Tue 2 May 2023") + """\
NAIROBI (Lakeside Courier) - President Ruto said on Tuesday that the talks on sharing the waters of the river would resume next week in Nairobi.

"We will not leave this table until every country has a fair share," Ruto told reporters after meeting the delegations.

Kenyan foreign ministry spokeswoman Amina Odhiambo said the ministry had invited observers from the African Union.

Farmers along the river have complained for months that upstream dams have cut the flow during the dry season.
""",
    "talks_2024.txt": _HEAD.format(headline="River talks end with an agreement on dry-season flows",
                                   standfirst="Three neighbours sign a water-sharing accord in Nairobi",
                                   date="Thu 1 Feb 2024") + """\
NAIROBI (Lakeside Courier) - President Ruto said on Thursday that the accord would guarantee every country a fair share of the river in the dry season.

"This is a good day for the farmers of the whole region," Ruto told a news conference.

Kenyan foreign ministry spokeswoman Amina Odhiambo said the ministers of the three countries would meet again in June to review the accord.

Farmers groups welcomed the deal but said they would watch closely how the dams are run.
""",
}
SPOKESWOMAN = "foreign ministry spokeswoman"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pages = tmp_path_factory.mktemp("pages")
    for name, text in PAGES.items():
        (pages / name).write_text(text, encoding="utf-8")
    db = tmp_path_factory.mktemp("store") / "roles.db"
    code, out = _run("ingest", str(pages), "--db", str(db), "--workers", "1")
    assert code == 0, out
    return db


def _article(db: Path, date: str) -> str:
    with connect(db) as conn:
        return str(conn.execute("SELECT id FROM articles WHERE kind = 'main' AND date = ?", (date,)).fetchone()[0])


def _roles(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["role"]: r for r in record["roles"]}


def _check_president(record: dict[str, Any]) -> None:
    assert record["name"] == "William Ruto" and record["country"] == "KEN"
    president = _roles(record)["president"]
    assert president["learned_from"] == "knowledge" and president["source"] == edition()
    assert (president["valid_from"], president["valid_until"]) == ("2022-09-13", None)
    assert (president["first_seen"], president["last_seen"], president["articles"]) == ("2023-05-02", "2024-02-01", 2)


def _check_spokeswoman(record: dict[str, Any], db: Path) -> None:
    role = _roles(record)[SPOKESWOMAN]
    assert role["learned_from"] == "article" and role["source"] is None and role["valid_from"] is None
    assert role["article_id"] == _article(db, "2023-05-02") and role["articles"] == 2
    assert (role["first_seen"], role["last_seen"]) == ("2023-05-02", "2024-02-01")


def test_cli_one_actor_shows_each_role_with_its_provenance(store: Path) -> None:
    code, out = _run("actors", "William Ruto", "--db", str(store), "--format", "json")
    assert code == 0, out
    _check_president(json.loads(out)[0])
    code, out = _run("actors", "Odhiambo", "--db", str(store), "--format", "json")
    assert code == 0, out
    _check_spokeswoman(json.loads(out)[0], store)


def test_cli_table_names_the_source_and_the_article(store: Path) -> None:
    code, out = _run("actors", "Amina Odhiambo", "--db", str(store))
    assert code == 0 and SPOKESWOMAN in out and "article" in out and _article(store, "2023-05-02") in out
    code, out = _run("actors", "--db", str(store), "--kind", "person")
    assert code == 0 and "2022-09-13–" in out and "CIA World" in out and "from article" in out
    with connect(store) as conn:
        amina = get_actor(conn, conn.execute("SELECT id FROM actors WHERE name = 'Amina Odhiambo'").fetchone()[0])
    assert role_text(amina.roles[0]) == (
        f"{SPOKESWOMAN} (KEN) from article {_article(store, '2023-05-02')[:12]} of 2023-05-02, 2 articles")
    code, out = _run("actors", "Nobody Known", "--db", str(store))
    assert code != 0


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    app = create_app(ServeSettings(db=store), routes=[*api_routes(), *page_routes()])
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_api_actor_carries_roles_with_provenance(client: TestClient, store: Path) -> None:
    _check_president(client.get("/api/actors/William Ruto").json())
    listed = {r["name"]: r for r in client.get("/api/actors", params={"kind": "person"}).json()["items"]}
    _check_spokeswoman(listed["Amina Odhiambo"], store)
    _check_president(listed["William Ruto"])


def test_actor_page_shows_roles_with_dates_and_where_they_came_from(client: TestClient, store: Path) -> None:
    with sqlite3.connect(store) as conn:
        ruto, amina = (conn.execute("SELECT id FROM actors WHERE name = ?", (n,)).fetchone()[0]
                       for n in ("William Ruto", "Amina Odhiambo"))
    page = client.get(f"/actors/{ruto}")
    assert page.status_code == 200
    assert "knowledge: CIA World Factbook" in page.text and "2022-09-13–" in page.text
    page = client.get(f"/actors/{amina}")
    assert SPOKESWOMAN in page.text
    assert f'href="/articles/{_article(store, "2023-05-02")}"' in page.text and "article of 2023-05-02" in page.text
    assert "and 1 more" in page.text


def test_re_analysis_and_deletes_keep_the_roles_consistent(tmp_path: Path, store: Path) -> None:
    db = tmp_path / "copy.db"
    with sqlite3.connect(store) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    code, out = _run("analyse", "--db", str(db), "--force", "--quiet")
    assert code == 0, out
    with connect(db) as conn:
        ruto = conn.execute("SELECT id FROM actors WHERE name = 'William Ruto'").fetchone()[0]
        before = get_actor(conn, ruto).roles
        assert [(r.role, r.source, r.articles) for r in before] == [("president", edition(), 2)]
        conn.execute("DELETE FROM articles WHERE id = ?", (_article(db, "2023-05-02"),))
        after = get_actor(conn, ruto).roles
    assert [(r.role, r.articles, r.first_seen.isoformat() if r.first_seen else None) for r in after] == [
        ("president", 1, "2024-02-01")]
