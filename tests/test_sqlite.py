"""The SQLite export: tables, keys, indexes and full-text search, read by sqlite3 and Datasette."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import claimset
from claimset.cli import main
from claimset.release.sqlite import TABLES, database_bytes, datasette_metadata

from conftest import DEMO_TEXT, demo_claims, make_claim, tree_digest, write_checkout

pytest.importorskip("sqlite_utils")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "claimset.db"
    assert main(["export", "--format", "sqlite", "--out", os.fspath(path)]) == 0
    return path


def query(path: Path, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, parameters).fetchall()


def test_tables_hold_every_row(database: Path) -> None:
    dataset = claimset.load()
    counts = {table: query(database, f"select count(*) from {table}")[0][0] for table in TABLES}
    assert counts == {"sources": len(dataset.sources), "texts": len(dataset.sources),
                      "claims": len(dataset.claims), "exclusions": len(dataset.exclusions),
                      "tags": sum(len(claim.tags) for claim in dataset.claims),
                      "quantities": len(dataset.quantities())}
    claim = dataset.claims[0]
    [row] = query(database, "select source, quote_start, quote, value, qualifier, tags "
                            "from claims where id = ?", claim.id)
    assert row == (claim.source, claim.quote.start, claim.quote.text, claim.value,
                   claim.qualifier, json.dumps(list(claim.tags)))
    # The quote slices out of the source's text in SQL too (offsets are code points).
    mismatches = query(database, "select c.id from claims c join texts t on t.source = c.source "
                                 "where substr(t.text, c.quote_start + 1, "
                                 "c.quote_end - c.quote_start) != c.quote")
    assert mismatches == []


def test_primary_and_foreign_keys(database: Path) -> None:
    def primary_key(table: str) -> list[str]:
        rows = query(database, f"pragma table_info({table})")
        return [row[1] for row in sorted(rows, key=lambda row: row[5]) if row[5]]

    assert primary_key("sources") == ["id"] and primary_key("claims") == ["id"]
    assert primary_key("tags") == ["claim_id", "tag"]
    assert primary_key("exclusions") == ["source", "position"]
    keys = {table: {(row[3], row[2], row[4]) for row in
                    query(database, f"pragma foreign_key_list({table})")}
            for table in ("claims", "exclusions", "tags")}
    assert keys == {"claims": {("source", "sources", "id")},
                    "exclusions": {("source", "sources", "id")},
                    "tags": {("claim_id", "claims", "id")}}
    with sqlite3.connect(database) as connection:
        assert connection.execute("pragma foreign_key_check").fetchall() == []
        connection.execute("pragma foreign_keys = on")
        with pytest.raises(sqlite3.IntegrityError):
            connection.execute("insert into tags values ('no/such-claim', 'x')")
        connection.rollback()


def test_indexes_on_the_filtered_columns(database: Path) -> None:
    indexed = {(row[0], row[1]) for table in TABLES
               for index in query(database, f"pragma index_list({table})")
               for row in [(table, query(database, f"pragma index_info('{index[1]}')")[0][2])]}
    for pair in [("claims", "source"), ("claims", "unit"), ("claims", "qualifier"),
                 ("claims", "stance"), ("claims", "attribution"), ("claims", "period"),
                 ("tags", "tag"), ("exclusions", "reason")]:
        assert pair in indexed


def test_full_text_search_over_quote_and_measure(database: Path) -> None:
    dataset = claimset.load()
    found = {row[0] for row in query(
        database, "select id from claims where rowid in "
                  "(select rowid from claims_fts where claims_fts match ?)", "civilian*")}
    expected = {claim.id for claim in dataset.claims
                if "civilian" in (claim.quote.text + " " + claim.measure).casefold()}
    assert found and found == expected


def test_datasette_serves_it_with_the_metadata(database: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")
    metadata = json.loads((database.parent / "metadata.json").read_text(encoding="utf-8"))
    assert metadata == datasette_metadata(claimset.load(), database="claimset")
    datasette = datasette_app.Datasette([os.fspath(database)], metadata=metadata)

    async def get(path: str) -> Any:
        await datasette.invoke_startup()
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        return response.json()

    dataset = claimset.load()
    rows = asyncio.run(get("/claimset/claims.json?_shape=array&_size=max"))
    assert {row["id"] for row in rows} == {claim.id for claim in dataset.claims}
    searched = asyncio.run(get("/claimset/claims.json?_search=civilian*&_shape=array"))
    assert searched and all("civilian" in (row["quote"] + row["measure"]).casefold()
                            for row in searched)
    tagged = asyncio.run(get("/claimset/tags.json?tag=iraq-body-count&_shape=array"))
    assert {row["claim_id"] for row in tagged} == {
        claim.id for claim in dataset.claims if "iraq-body-count" in claim.tags}
    served = asyncio.run(get("/-/metadata.json"))
    columns = served["databases"]["claimset"]["tables"]["claims"]["columns"]
    assert columns["quote"].startswith("The passage")
    info = asyncio.run(get("/claimset/claims.json?_size=0&_extra=columns"))
    assert "measure" in info["columns"]


def test_every_column_is_described(database: Path) -> None:
    metadata = json.loads((database.parent / "metadata.json").read_text(encoding="utf-8"))
    tables = metadata["databases"]["claimset"]["tables"]
    for table in TABLES:
        columns = [row[1] for row in query(database, f"pragma table_info({table})")]
        assert set(tables[table]["columns"]) == set(columns), table
        assert all(tables[table]["columns"][column] for column in columns)
    assert metadata["license"] == "CC-BY-4.0" and metadata["source_url"]


def test_building_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    root = write_checkout(tmp_path / "checkout", claims=demo_claims())
    dataset = claimset.load(root)
    assert database_bytes(dataset) == database_bytes(dataset)


def test_a_whole_value_beyond_64_bits_is_stored_as_a_real(tmp_path: Path) -> None:
    # The schema admits any whole value a float holds; SQLite's INTEGER stops at 2**63 - 1
    # (a fuzzed dataset found build ending in an internal error on one).
    text = "They counted 12 quintillion stars. Then 5 troops came. " + DEMO_TEXT
    [claim] = [make_claim(text, "stars", "They counted 12 quintillion stars.",
                          "12 quintillion", 12 * 10 ** 18, unit="stars")]
    small = make_claim(text, "troops", "Then 5 troops came.", "5", 5)
    root = write_checkout(tmp_path / "checkout", text=text, claims=[claim, small])
    out = tmp_path / "out.db"
    assert main(["export", os.fspath(root), "--format", "sqlite", "--out",
                 os.fspath(out)]) == 0
    rows = {row[0]: row[1:] for row in query(
        out, "select id, value, typeof(value), lower, typeof(lower) from claims")}
    assert rows["demo/stars"][:2] == (1.2e19, "real")
    assert rows["demo/troops"][:2] == (5, "integer")


def test_hostile_text_is_stored_as_data(tmp_path: Path) -> None:
    text = "Robert'); DROP TABLE claims;-- " + DEMO_TEXT
    root = write_checkout(tmp_path / "checkout", text=text, claims=demo_claims(text))
    out = tmp_path / "out.db"
    assert main(["export", os.fspath(root), "--format", "sqlite", "--out",
                 os.fspath(out)]) == 0
    assert query(out, "select count(*) from claims")[0][0] == 2
    assert query(out, "select text from texts")[0][0] == text


def test_usage_errors_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_digest(tmp_path)
    assert main(["export", "--format", "sqlite"]) == 2
    assert "needs --out" in capsys.readouterr().err
    (tmp_path / "dir").mkdir()
    assert main(["export", "--format", "sqlite", "--out", os.fspath(tmp_path / "a.db"),
                 "--metadata", os.fspath(tmp_path / "dir")]) == 2
    assert "is a directory" in capsys.readouterr().err
    assert main(["export", "--format", "csv", "--metadata", os.fspath(tmp_path / "m.json")]) == 2
    assert "--format sqlite only" in capsys.readouterr().err
    assert tree_digest(tmp_path) == before


def test_the_release_ships_the_database_with_its_metadata() -> None:
    from claimset.release.build import build_release

    release = build_release(Path(__file__).resolve().parents[1], site=False)
    files = {artefact.name: artefact for artefact in release.artefacts}
    database = files[f"claimset-{release.version}.db"]
    metadata = json.loads(files["metadata.json"].data)
    # Datasette names a database after its file: the metadata must use that name.
    assert list(metadata["databases"]) == [f"claimset-{release.version}"]
    assert database.data == database_bytes(claimset.load(Path(__file__).resolve().parents[1]))


# -- issue 29: what a data journalist meets in Datasette ----------------------------------

def test_the_sources_table_is_metadata_and_the_texts_are_apart(database: Path) -> None:
    columns = [row[1] for row in query(database, "pragma table_info(sources)")]
    assert "text" not in columns and {"id", "title", "length", "sha256"} <= set(columns)
    assert query(database, "select max(length(text)) from texts")[0][0] > 10_000


def test_whole_numbers_are_integers_and_tags_a_json_array(database: Path) -> None:
    rows = query(database, "select id, value, typeof(value), tags from claims")
    dataset = claimset.load()
    by_id = {claim.id: claim for claim in dataset.claims}
    for claim_id, value, kind, tags in rows:
        claim = by_id[claim_id]
        if claim.value is None:
            assert kind == "null"
        elif float(claim.value).is_integer():
            assert kind == "integer" and value == claim.value, claim_id
        else:
            assert kind == "real" and value == claim.value, claim_id
        assert json.loads(tags) == list(claim.tags)
    assert query(database, "select value from claims where id = ?",
                 "daalder-lake-2004/occupation-troops") == [(150000,)]
    tagged = query(database, "select count(*) from claims, json_each(claims.tags) "
                             "where json_each.value = 'iraq-body-count'")[0][0]
    assert tagged == sum("iraq-body-count" in claim.tags for claim in dataset.claims)


def test_datasette_shows_integers_and_runs_the_canned_queries(database: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")
    metadata = json.loads((database.parent / "metadata.json").read_text(encoding="utf-8"))
    datasette = datasette_app.Datasette([os.fspath(database)], metadata=metadata)

    async def get(path: str) -> Any:
        await datasette.invoke_startup()
        response = await datasette.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        return response

    page = asyncio.run(get("/claimset/claims?id=daalder-lake-2004%2Foccupation-troops")).text
    assert "150000" in page and "150000.0" not in page
    sources_page = asyncio.run(get("/claimset/sources")).text
    assert len(sources_page) < 40_000  # no seed text in it (they are 20,000+ characters)
    dataset = claimset.load()
    rows = asyncio.run(get("/claimset/claims_by_attribution.json?_shape=array")).json()
    counts = {row["attribution"]: row["claims"] for row in rows}
    assert counts["Iraq Body Count"] == len(dataset.find(attribution="Iraq Body Count"))
    disagreeing = asyncio.run(get("/claimset/quantities_that_disagree.json?_shape=array")).json()
    assert disagreeing == []  # the bundled quantities agree
    quantities = asyncio.run(get("/claimset/quantities.json?_shape=array")).json()
    assert {row["key"] for row in quantities} == set(dataset.quantities())


def test_quantities_that_disagree_lists_their_claims(tmp_path: Path) -> None:
    text = ("Officials counted 1,326 dead in May. Doctors counted 2,417 dead in May.\n")
    claims = [make_claim(text, slug, quote, figure, value, unit="people", quantity="may-dead",
                         period="2004-05", measure="deaths in May")
              for slug, quote, figure, value in (
                  ("officials", "Officials counted 1,326 dead in May", "1,326", 1326),
                  ("doctors", "Doctors counted 2,417 dead in May", "2,417", 2417))]
    root = write_checkout(tmp_path / "checkout", text=text, claims=claims)
    dataset = claimset.load(root)
    assert dataset.quantity("may-dead").agreement == "disagree"
    out = tmp_path / "out.db"
    assert main(["export", os.fspath(root), "--format", "sqlite", "--out",
                 os.fspath(out)]) == 0
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    sql = metadata["databases"]["out"]["queries"]["quantities_that_disagree"]["sql"]
    rows = query(out, sql)
    assert [(row[0], row[2], row[5]) for row in rows] == [
        ("may-dead", "demo/doctors", 2417), ("may-dead", "demo/officials", 1326)]
