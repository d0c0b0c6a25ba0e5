"""Exports: Dataset.to_records(), CSV that survives a spreadsheet and csv.reader, JSON Lines."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimset
from claimset.cli import main
from claimset.core.escape import unguarded_cell
from claimset.release.export import COLUMN_NAMES, COLUMNS, export, to_csv, to_jsonl
from claimset.store.model import Claim, Dataset, Retraction, Source, Span

from conftest import tree_digest, write_checkout


def make_dataset(quote: str = 'He said, "about 5,000\nmen" – roughly.', *,
                 note: str | None = "a note; with = signs", value: float | None = 5000,
                 tags: tuple[str, ...] = ("troops", "estimate")) -> Dataset:
    text = "Intro. " + quote + " End."
    start = text.index(quote)
    source = Source(id="demo", title="Demo, \"quoted\" title", authors=("A. Writer", "B. Other"),
                    publisher=None, published="2004-02", url="https://example.org/a?b=1,2",
                    path="seeds/demo.txt", sha256="0" * 64, length=len(text), notes=None,
                    text=text)
    claims = [
        Claim(id="demo/men", source="demo", quote=Span(start=start, end=start + len(quote),
                                                       text=quote),
              figure=Span(start=start, end=start + 1, text=quote[0]), value=value, unit="men",
              qualifier="approximately", measure="men, said", attribution="He",
              stance="attributed", tags=tags, note=note),
        Claim(id="demo/retracted", source="demo", quote=Span(start=0, end=6, text="Intro."),
              figure=Span(start=0, end=1, text="I"), value=None, unit=None, qualifier="range",
              lower=1.5, upper=2e10, measure="=SUM(A1)", attribution=None, stance="asserted",
              retracted=Retraction(reason="misread, see demo/men", version="1.1.0")),
    ]
    return Dataset(name="claimset", version="1.0.0", description="d", license="CC-BY-4.0",
                   sources={"demo": source}, claims=claims)


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_records_have_the_documented_columns_in_order() -> None:
    dataset = claimset.load()
    records = dataset.to_records()
    assert len(records) == len(dataset.claims)
    assert all(tuple(record) == COLUMN_NAMES for record in records)
    assert COLUMN_NAMES[:4] == ("id", "source", "quote_start", "quote_end")
    for record, claim in zip(records, dataset.claims, strict=True):
        source = dataset.sources[claim.source]
        assert record["id"] == claim.id
        assert source.text[record["quote_start"]:record["quote_end"]] == record["quote"]
        assert source.text[record["figure_start"]:record["figure_end"]] == record["figure"]
        assert record["tags"].split(";") == list(claim.tags) or (record["tags"] == ""
                                                                  and not claim.tags)
        assert all(not isinstance(value, list | tuple | dict) for value in record.values())


def test_records_of_a_tricky_claim() -> None:
    first, second = make_dataset().to_records()
    assert first["tags"] == "troops;estimate"
    assert first["source_authors"] == "A. Writer;B. Other"
    assert first["retracted"] is None and first["lower"] is None
    assert second["retracted"] == "misread, see demo/men"
    assert second["tags"] == ""
    assert (second["lower"], second["upper"]) == (1.5, 2e10)


def test_csv_round_trips_through_csv_reader() -> None:
    dataset = make_dataset()
    data = to_csv(dataset)
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    rows = read_csv(data)
    assert rows[0] == list(COLUMN_NAMES)
    assert len(rows) == 1 + len(dataset.claims)
    first = dict(zip(COLUMN_NAMES, rows[1], strict=True))
    assert first["quote"] == 'He said, "about 5,000\nmen" – roughly.'
    assert first["value"] == "5000" and first["lower"] == "" and first["retracted"] == ""
    assert first["source_title"] == 'Demo, "quoted" title'
    second = dict(zip(COLUMN_NAMES, rows[2], strict=True))
    assert second["upper"] == "20000000000" and second["lower"] == "1.5"
    assert second["measure"] == "'=SUM(A1)"  # guarded: a CSV is made for people
    raw = dict(zip(COLUMN_NAMES, read_csv(to_csv(dataset, raw=True))[2], strict=True))
    assert raw["measure"] == "=SUM(A1)"  # raw=True keeps the data as it is


def test_csv_for_excel_has_a_bom_and_no_live_formulas() -> None:
    data = to_csv(make_dataset(), excel=True)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read_csv(data)
    assert rows[0][0] == "id"  # utf-8-sig strips the BOM, not part of the column name
    second = dict(zip(COLUMN_NAMES, rows[2], strict=True))
    assert second["measure"] == "'=SUM(A1)"
    assert second["value"] == ""  # numbers are never prefixed


def test_jsonl_is_one_record_per_line() -> None:
    dataset = make_dataset()
    lines = to_jsonl(dataset).decode("utf-8").splitlines()
    assert len(lines) == len(dataset.claims)
    assert [json.loads(line) for line in lines] == dataset.to_records()
    assert "–" in lines[0]  # UTF-8, not \\u escapes


def test_export_rejects_unknown_formats() -> None:
    with pytest.raises(ValueError, match="format must be one of"):
        export(make_dataset(), format="xlsx")
    with pytest.raises(ValueError, match="CSV only"):
        export(make_dataset(), format="jsonl", excel=True)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(quote=_TEXT, note=st.none() | st.text(max_size=20),
       value=st.none() | st.integers(-10**15, 10**15) | st.floats(allow_nan=False,
                                                                   allow_infinity=False),
       tags=st.lists(st.from_regex(r"[a-z]{1,5}", fullmatch=True), max_size=3).map(tuple))
def test_any_text_survives_csv_and_jsonl(quote: str, note: str | None, value: float | None,
                                         tags: tuple[str, ...]) -> None:
    dataset = make_dataset(quote, note=note, value=value, tags=tags)
    record = dataset.to_records()[0]
    row = dict(zip(COLUMN_NAMES, read_csv(to_csv(dataset))[1], strict=True))
    assert unguarded_cell(row["quote"]) == quote  # guarded when it starts like a formula
    assert unguarded_cell(row["note"]) == (note or "")
    raw = dict(zip(COLUMN_NAMES, read_csv(to_csv(dataset, raw=True))[1], strict=True))
    assert raw["quote"] == quote and raw["note"] == (note or "")
    assert row["tags"] == ";".join(tags)
    if value is not None:
        assert float(row["value"]) == value
    assert json.loads(to_jsonl(dataset).decode("utf-8").splitlines()[0]) == record


def test_pandas_reads_the_records_and_the_csv() -> None:
    pandas = pytest.importorskip("pandas")
    dataset = claimset.load()
    frame = pandas.DataFrame(dataset.to_records())
    assert list(frame.columns) == list(COLUMN_NAMES)
    from_csv = pandas.read_csv(io.BytesIO(to_csv(dataset)), keep_default_na=False)
    assert list(from_csv["id"]) == [claim.id for claim in dataset.claims]


def test_column_types_match_the_records() -> None:
    kinds = dict(COLUMNS)
    for record in claimset.load().to_records():
        for name, value in record.items():
            if value is None:
                continue
            expected: Any = {"string": str, "integer": int, "number": int | float}[kinds[name]]
            assert isinstance(value, expected), (name, value)


# -- the command -----------------------------------------------------------------------


def test_cli_exports_csv_to_stdout(capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export"]) == 0
    out = capfdbinary.readouterr().out
    assert out == to_csv(claimset.load())


def test_cli_exports_jsonl_and_excel_to_files(tmp_path: Path) -> None:
    root = write_checkout(tmp_path / "repo")
    out = tmp_path / "out" / "claims.jsonl"
    assert main(["export", os.fspath(root), "--format", "jsonl", "--out", os.fspath(out)]) == 0
    assert out.read_bytes() == to_jsonl(claimset.load(root))
    excel = tmp_path / "claims.csv"
    assert main(["export", os.fspath(root), "--excel", "--out", os.fspath(excel)]) == 0
    assert excel.read_bytes() == to_csv(claimset.load(root), excel=True)
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_cli_exports_a_bundle(tmp_path: Path) -> None:
    from claimset.release.build import build_release, write_release

    root = write_checkout(tmp_path / "repo")
    release = build_release(root)
    write_release(release, tmp_path / "dist")
    out = tmp_path / "claims.csv"
    assert main(["export", os.fspath(tmp_path / "dist" / release.bundle.name), "--out",
                 os.fspath(out)]) == 0
    assert out.read_bytes() == to_csv(claimset.load(root))


@pytest.mark.parametrize("arguments", [
    ["--format", "jsonl", "--excel"],
    ["--out", "{dir}"],
    ["--out", "{file}/claims.csv"],
    ["{missing}"],
    ["--format", "xlsx"],
])
def test_cli_bad_input_is_one_line_and_changes_nothing(
        tmp_path: Path, arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "dir").mkdir()
    (tmp_path / "file").write_text("keep", encoding="utf-8")
    before = tree_digest(tmp_path)
    places = {"dir": os.fspath(tmp_path / "dir"), "file": os.fspath(tmp_path / "file"),
              "missing": os.fspath(tmp_path / "missing")}
    argv = ["export", *(argument.format(**places) for argument in arguments)]
    try:
        status = main(argv)
    except SystemExit as exit_:  # argparse rejects an unknown --format itself
        status = exit_.code  # type: ignore[assignment]
    assert status == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("claimset: error: CS")
    assert tree_digest(tmp_path) == before


def test_jsonl_escapes_unicode_line_breaks() -> None:
    quote = "one\u2028two\x85three\u2029four"
    data = to_jsonl(make_dataset(quote))
    assert len(data.decode("utf-8").splitlines()) == 2
    assert json.loads(data.decode("utf-8").splitlines()[0])["quote"] == quote
