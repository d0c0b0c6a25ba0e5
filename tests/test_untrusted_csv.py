"""A CSV made for people never carries a live spreadsheet formula (issue 27).

``find --format csv``, ``export --format csv``, ``list --format csv`` and the
release's CSV guard every text cell that a spreadsheet would run (OWASP: a cell
starting with ``= + - @``, tab or CR) with an apostrophe, by default; ``--raw-csv``
(``raw=True``) is the documented way out; ``read_claims_csv`` reads a guarded CSV
back to the same values.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimset.cli import main
from claimset.core.escape import spreadsheet_cell, unguarded_cell
from claimset.release.build import build_release
from claimset.testing import write_checkout

from conftest import DEMO_TEXT, make_claim, source_document

FORMULAS = ["=HYPERLINK(\"https://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)",
            "\tindented", "\r=1", "'=already", "''+x"]
#: Cells a spreadsheet would run: the first character after any apostrophes.
LIVE = ("=", "+", "-", "@", "\t", "\r")


def formula_checkout(root: Path) -> Path:
    claims = [make_claim(DEMO_TEXT, f"c{n}", "a force of some 150,000 troops would maintain "
                         "order", "150,000", 150000, qualifier="approximately", measure=formula,
                         attribution=formula, note=formula, place=formula)
              for n, formula in enumerate(FORMULAS[:1])]
    claims[0]["unit"] = "=troops"
    document = source_document(DEMO_TEXT, claims, source_id="demo")
    document["source"]["title"] = "=HYPERLINK(\"https://evil.example\")"
    document["source"]["authors"] = ["@evil", "-dash"]
    document["source"]["publisher"] = "+publisher"
    return write_checkout(root, text=DEMO_TEXT, document=document)


def live_cells(data: bytes) -> list[str]:
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return [cell for row in rows[1:] for cell in row
            if cell.startswith(LIVE) and not _is_number(cell)]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return formula_checkout(tmp_path / "repo")


@pytest.mark.parametrize("argv", [
    ["export", "--format", "csv"], ["export", "--format", "csv", "--excel"],
    ["find", "--format", "csv", "--path"], ["list", "--format", "csv", "--path"]])
def test_no_csv_for_people_carries_a_formula(root: Path, argv: list[str],
                                             capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main([*argv, os.fspath(root)]) == 0
    out = capfdbinary.readouterr().out
    assert "HYPERLINK" in out.decode() and live_cells(out) == []
    assert main([argv[0], "--raw-csv", *argv[1:], os.fspath(root)]) == 0
    assert live_cells(capfdbinary.readouterr().out)  # the way out: as it is


def test_the_release_csv_is_guarded(root: Path) -> None:
    release = build_release(root)
    csv_file = next(artefact for artefact in release.artefacts
                    if artefact.name.endswith(".csv"))
    assert b"HYPERLINK" in csv_file.data and live_cells(csv_file.data) == []


def test_export_out_file_is_guarded_and_raw_is_refused_for_other_formats(
        root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "claims.csv"
    assert main(["export", os.fspath(root), "--out", os.fspath(out)]) == 0
    assert live_cells(out.read_bytes()) == []
    before = out.read_bytes()
    for argv in (["export", os.fspath(root), "--format", "jsonl", "--raw-csv", "--out",
                  os.fspath(out)],
                 ["find", "--path", os.fspath(root), "--format", "json", "--raw-csv"],
                 ["list", "--path", os.fspath(root), "--raw-csv"]):
        assert main(argv) == 2, argv
        captured = capsys.readouterr()
        assert "--raw-csv applies to --format csv only" in captured.err and captured.out == ""
    assert out.read_bytes() == before  # nothing written by a refused command


def test_read_claims_csv_reads_a_guarded_csv_back_to_the_same_values(root: Path) -> None:
    pandas = pytest.importorskip("pandas")
    import claimset
    from claimset.release.export import to_csv
    from claimset.store.frames import read_claims_csv

    dataset = claimset.load(root)
    back = read_claims_csv(io.BytesIO(to_csv(dataset)))
    pandas.testing.assert_frame_equal(back, dataset.to_pandas())
    raw = read_claims_csv(io.BytesIO(to_csv(dataset, raw=True)), guarded=False)
    pandas.testing.assert_frame_equal(raw, dataset.to_pandas())


@settings(max_examples=300)
@given(text=st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "a", "1",
                                              " "]), max_size=8) | st.text(max_size=20))
def test_the_guard_is_read_back_exactly_and_leaves_no_live_cell(text: str) -> None:
    shown = spreadsheet_cell(text)
    assert unguarded_cell(shown) == text
    assert not shown.startswith(LIVE)
    if shown != text:
        assert shown == "'" + text


def test_a_json_export_is_never_guarded(root: Path,
                                        capfdbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["export", os.fspath(root), "--format", "jsonl"]) == 0
    record = json.loads(capfdbinary.readouterr().out.decode().splitlines()[0])
    assert record["measure"].startswith("=HYPERLINK")
