"""Reading claims from the command line: find, list, show, and which dataset they read."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimset
from claimset.cli import main
from claimset.cli._terminal import render_styled, table, use_color, wrap_spans
from claimset.core.resources import data_root
from claimset.core.vocabulary import EXPORT_COLUMN_NAMES

from conftest import DEMO_TEXT, read_source_file, tree_digest, write_checkout, write_source_file

BUNDLED = claimset.load()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
    assert stop.value.code == 2
    return capsys.readouterr().err


# ---- find -------------------------------------------------------------------------------

FILTERS = {
    "source": sorted(BUNDLED.sources),
    "tag": sorted(BUNDLED.tags()),
    "unit": sorted({c.unit for c in BUNDLED.claims if c.unit}),
    "attribution": sorted({c.attribution.upper() for c in BUNDLED.claims if c.attribution}),
    "qualifier": sorted({c.qualifier for c in BUNDLED.claims}),
    "period": sorted({c.period[:4] for c in BUNDLED.claims if c.period}),
    "text": ["troops", "CIVILIANS", "billion", "no such words anywhere"],
}


@settings(max_examples=25, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(FILTERS)), st.none(), max_size=3).flatmap(
    lambda keys: st.fixed_dictionaries({key: st.sampled_from(FILTERS[key]) for key in keys})))
def test_find_lists_exactly_what_dataset_find_finds(filters: dict[str, str]) -> None:
    argv = ["find", "--format", "json", "--path", str(data_root())]
    for name, value in filters.items():
        argv += [f"--{name}", value]
    printed = io.StringIO()

    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        assert main(argv) == 0
    rows = json.loads(printed.getvalue())
    assert [row["id"] for row in rows] == [c.id for c in BUNDLED.find(**filters)]
    assert all(list(row) == list(EXPORT_COLUMN_NAMES) for row in rows)


def test_find_table_shows_each_claim_and_counts_them(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "find", "--attribution", "iraq body count")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "period", "qualifier", "figure", "unit", "attribution"]
    expected = BUNDLED.find(attribution="Iraq Body Count")
    assert [line.split()[0] for line in lines[1:]] == [c.id for c in expected]
    assert "at least" in out and "1,326" in out
    retracted = sum(claim.is_retracted for claim in BUNDLED.claims)
    assert retracted  # the bundled dataset has one: the count says it was not searched
    assert err == (f"{len(expected)} of {len(BUNDLED) - retracted} claims (+{retracted} "
                   f"retracted, not searched) in claimset {BUNDLED.version}\n")
    _, _, err = run(capsys, "find", "--attribution", "iraq body count", "--include-retracted")
    every = BUNDLED.find(attribution="Iraq Body Count", include_retracted=True)
    assert err.startswith(f"{len(every)} of {len(BUNDLED)} claims in claimset")
    assert all(line == line.rstrip() for line in lines)


def test_find_csv_is_the_export_csv_of_the_matching_claims(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "find", "--tag", "us-troops-in-iraq", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [row["id"] for row in rows] == [c.id for c in BUNDLED.find(tag="us-troops-in-iraq")]
    assert list(rows[0]) == list(EXPORT_COLUMN_NAMES)


def test_find_with_no_match_says_so_and_prints_no_table(
        capsys: pytest.CaptureFixture[str]) -> None:
    current = sum(not claim.is_retracted for claim in BUNDLED.claims)
    assert run(capsys, "find", "--unit", "unicorns") == (
        0, "", f"no claim matches among {current} (+1 retracted, not searched) in claimset "
        f"{BUNDLED.version}\nno claim has --unit 'unicorns'\n")
    code, out, _ = run(capsys, "find", "--unit", "unicorns", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_find_refuses_an_unknown_qualifier_under_its_own_usage(
        capsys: pytest.CaptureFixture[str]) -> None:
    err = usage_error(capsys, "find", "--qualifier", "roughly")
    assert err.startswith("usage: claimset find")
    assert "CS001" in err and "roughly" in err


def test_find_shows_retracted_claims_only_when_asked_and_marks_them(
        checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = read_source_file(checkout)
    document["claims"][0]["retracted"] = {"reason": "misread", "version": "1.0.0"}
    write_source_file(checkout, document)
    code, out, _ = run(capsys, "find", "--path", str(checkout))
    assert code == 0 and "demo/troops" not in out and "demo/cost" in out
    code, out, _ = run(capsys, "find", "--path", str(checkout), "--include-retracted")
    assert "demo/troops (retracted)" in out


def test_find_escapes_control_characters_from_the_data(
        checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = read_source_file(checkout)
    document["claims"][0]["attribution"] = "Evil\x1b[2J\u202eCorp"
    write_source_file(checkout, document)
    code, out, _ = run(capsys, "find", "--path", str(checkout))
    assert code == 0
    assert "\x1b" not in out and "\u202e" not in out
    assert "Evil\\x1b[2J\\u202eCorp" in out


# ---- list -------------------------------------------------------------------------------

def test_list_shows_every_source_with_its_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    for source in BUNDLED.sources:
        [line] = [row for row in lines if row.startswith(source + " ")]
        claims = BUNDLED.claims_of(source)
        retracted = sum(claim.is_retracted for claim in claims)
        shown = f"{len(claims) - retracted}" + (f" (+{retracted} retracted)" if retracted else "")
        after_source = line[len(source):]
        assert after_source.lstrip().startswith(shown + " ")
        assert int(after_source.lstrip()[len(shown):].split()[0]) == len(
            BUNDLED.exclusions_of(source))
    current = sum(not claim.is_retracted for claim in BUNDLED.claims)
    assert lines[-1] == (f"{len(BUNDLED.sources)} sources, {current} claims "
                         f"(+{len(BUNDLED) - current} retracted), "
                         f"{len(BUNDLED.exclusions)} exclusions in claimset {BUNDLED.version}")


@pytest.mark.parametrize("format", ["json", "csv"])
def test_list_as_data(format: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--format", format)
    assert code == 0
    rows: list[dict[str, Any]] = (json.loads(out) if format == "json"
                                  else list(csv.DictReader(io.StringIO(out, newline=""))))
    assert [row["source"] for row in rows] == list(BUNDLED.sources)
    assert sum(int(row["claims"]) + int(row["retracted"]) for row in rows) == len(BUNDLED)


# ---- show -------------------------------------------------------------------------------

def test_show_help_names_a_real_claim() -> None:
    import argparse

    from claimset.cli import build_parser

    parser = build_parser()
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    [claim_id] = [a for a in subparsers.choices["show"]._actions if a.dest == "claim_id"]
    example = re.search(r"e\.g\.\s+(\S+)", claim_id.help or "")
    assert example is not None and example[1] in BUNDLED


def test_show_says_what_is_known_of_an_untitled_source(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, "show", "daalder-lake-2004/occupation-troops", "--color",
                       "never")
    assert code == 0
    assert "(untitled)" not in out and "date unknown" not in out
    assert "Ivo H. Daalder and Anthony Lake, Center for American" in out
    assert "Boston Globe" in out  # the source's notes
    assert "some [150,000] troops" in " ".join(out.split())


@pytest.mark.parametrize("columns", [40, 60, 100])
@pytest.mark.parametrize("color", ["never", "always"])
def test_show_wraps_to_the_terminal_width_with_or_without_colour(
        columns: int, color: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run(capsys, "show", "steele-2008/us-troop-surge", "--color", color)
    assert code == 0
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    words = [line for line in plain.splitlines() if " " in line.strip()]
    assert max(len(line) for line in words) <= columns
    assert ("\x1b[1;7m27,000" in out) is (color == "always")
    assert ("[27,000]" in out) is (color == "never")


def test_show_honours_no_color_and_color_always_overrides_it(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert use_color("auto", Tty(), {}) is True
    assert use_color("auto", Tty(), {"NO_COLOR": "1"}) is False
    assert use_color("auto", Tty(), {"NO_COLOR": ""}) is True  # set but empty: no effect
    assert use_color("auto", Tty(), {"TERM": "dumb"}) is False
    assert use_color("auto", io.StringIO(), {}) is False
    assert use_color("always", io.StringIO(), {"NO_COLOR": "1"}) is True
    assert use_color("never", Tty(), {}) is False
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = run(capsys, "show", "steele-2008/us-troop-surge", "--color", "always")
    assert code == 0 and "\x1b[" in out


def test_show_escapes_a_hostile_text_and_metadata(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    text = "Evil \x1b]0;pwned\x07 intro.\n" + DEMO_TEXT
    root = write_checkout(tmp_path / "repo", text=text)
    document = read_source_file(root)
    document["source"]["notes"] = "note \x1b[31mred\u202e"
    write_source_file(root, document)
    code, out, _ = run(capsys, "show", "demo/troops", "--path", str(root), "--color", "always")
    assert code == 0
    assert "\x1b]" not in out and "\x07" not in out and "\u202e" not in out
    assert "\x1b[31m" not in out and "\\x1b]0;pwned\\x07" in out


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab  \t"), max_size=80), st.integers(1, 30))
def test_wrapping_keeps_every_word_and_respects_the_limit(text: str, limit: int) -> None:
    spans = wrap_spans(text, limit)
    assert [word for start, end in spans for word in text[start:end].split()] == text.split()
    for start, end in spans:
        line = text[start:end]
        assert len(line) <= limit or (" " not in line and "\t" not in line)
        assert line == line.strip()


def test_styles_survive_wrapping() -> None:
    lines = render_styled([("", "one two "), ("1", "three four"), ("", " five")],
                          limit=9, indent="")
    assert lines == ["one two", "\x1b[1mthree\x1b[0m", "\x1b[1mfour\x1b[0m five"]
    assert table(["a", "b"], [["x\ny", "\x1b[2J"]]) == ["a     b", "x\\ny  \\x1b[2J"]


# ---- one rule for the dataset -----------------------------------------------------------

def test_validate_outside_a_checkout_validates_the_bundled_dataset_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "validate")
    assert code == 0
    assert out.startswith(f"claimset {BUNDLED.version} (")
    assert "not inside a checkout" in err and "bundled" in err and str(data_root()) in err


@pytest.mark.parametrize("argv", [["show", "demo/troops", "--color", "never"], ["find"],
                                  ["list"], ["export"], ["validate"], ["coverage"],
                                  ["suggest", "demo"]])
def test_every_reading_command_reads_the_checkout_it_runs_in(
        argv: list[str], checkout: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(checkout / "dataset")
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    # Each names something only the demo checkout has (one source, "demo").
    marker = {"validate": "(1 sources, 2 claims)", "coverage": "of 1 source"}.get(argv[0], "demo")
    assert marker in out + err
    assert "bundled" not in err


@pytest.mark.parametrize("argv", [["fmt"], ["build"], ["reanchor", "x", "y"]])
def test_writing_commands_need_a_checkout(argv: list[str], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_digest(data_root() / "dataset")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *argv)
    assert code == 2 and "not inside a claimset checkout" in err
    assert tree_digest(data_root() / "dataset") == before


# ---- what is not a dataset --------------------------------------------------------------

@pytest.mark.parametrize(("name", "content", "says"), [
    ("README.md", "# claimset\n", "not a .json file"),
    ("notes.txt", "1, 2, 3", "not a .json file"),
    ("package.json", '{"name": "x", "version": "1.0.0"}', "without the bundle's"),
    ("list.json", "[1, 2]", "an array"),
    ("null.json", "null", "is null"),
])
def test_a_file_that_is_no_dataset_is_cs310_not_invalid_json(
        name: str, content: str, says: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"claimset: error: CS310 {path}: not a dataset: ")
    assert says in err and err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == content


def test_a_source_file_given_for_a_dataset_points_to_its_checkout(
        checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", str(checkout / "dataset" / "demo.json"))
    assert code == 2 and "CS310" in err and "give the checkout that holds it" in err


def test_a_broken_bundle_is_still_reported_as_broken_json(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bundle = tmp_path / "claimset-1.0.0.json"
    bundle.write_text('{"sources": [', encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(bundle))
    assert code == 1 and "CS101" in out


@pytest.mark.parametrize("argv", [["validate", "--formt", "json"], ["show", "x", "--colour"],
                                  ["export", "--excell"], ["list", "--bogus"]])
def test_a_bad_flag_is_reported_under_its_subcommands_usage(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    err = usage_error(capsys, *argv)
    assert err.startswith(f"usage: claimset {argv[0]} ")
    bad = "--formt" if argv[0] == "validate" else argv[-1]  # json is taken for the path
    assert err.rstrip().endswith(f"CS001 unrecognized arguments: {bad}")
