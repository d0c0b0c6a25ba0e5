"""Every problem code: its input, its code, its location, its exit status, and
that checking changed nothing on disk."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import claimset
from claimset.cli import main
from claimset.core.codes import CATALOGUE

from conftest import (
    DEMO_TEXT,
    make_claim,
    read_source_file,
    source_document,
    tree_digest,
    write_checkout,
    write_source_file,
)

Edit = Callable[[dict[str, Any]], None]


def run_validate(root: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    status = main(["validate", str(root), *extra])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def line_of(root: Path, problem: claimset.Problem) -> str:
    assert problem.file is not None and problem.line is not None
    return (root / problem.file).read_text(encoding="utf-8").splitlines()[problem.line - 1]


def set_in(path: tuple[Any, ...], value: Any) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


def claim0(field: str, value: Any) -> Edit:
    return set_in(("claims", 0, field), value)


def span0(which: str, key: str, value: Any) -> Edit:
    return set_in(("claims", 0, which, key), value)


# (code, edit of the demo source document, text expected on the reported line)
CLAIM_CASES: list[tuple[str, Edit, str]] = [
    ("CS201", span0("quote", "text", "a force of some 150,000 troops would maintain ORDER"),
     '"text"'),
    ("CS202", span0("figure", "text", "150.000"), '"text"'),
    ("CS203", span0("quote", "end", len(DEMO_TEXT) + 5), '"end"'),
    ("CS204", span0("figure", "end", 10), '"start"'),
    ("CS206", claim0("value", 15000), '"value"'),
    ("CS213", lambda d: d["claims"][1].update(lower=30_000_000_000), '"lower"'),
    ("CS213", lambda d: d["claims"][1].update(upper=30_000_000_000), '"upper"'),
    ("CS213", lambda d: d["claims"][0].update(lower=150000), '"lower"'),
    ("CS214", claim0("qualifier", "exact"), '"qualifier"'),
    ("CS214", lambda d: d["claims"][1].update(qualifier="up to"), '"qualifier"'),
    ("CS215", lambda d: d["claims"][1].update(unit="EUR"), '"unit"'),
    ("CS215", claim0("unit", "percent"), '"unit"'),
    ("CS210", claim0("id", "other/troops"), '"id"'),
    ("CS104", claim0("qualifier", "roughly"), '"qualifier"'),
    ("CS104", claim0("stance", None), '"stance"'),
    ("CS104", set_in(("source", "sha256"), "XYZ"), '"sha256"'),
    ("CS304", set_in(("source", "sha256"), "0" * 64), '"sha256"'),
    ("CS305", set_in(("source", "length"), len(DEMO_TEXT) - 1), '"length"'),
    ("CS301", set_in(("source", "path"), "seeds/missing.txt"), '"path"'),
    ("CS302", set_in(("source", "path"), "seeds/../../etc/passwd"), '"path"'),
    ("CS302", set_in(("source", "path"), "/etc/passwd"), '"path"'),
]


@pytest.mark.parametrize(("code", "edit", "expected_line"), CLAIM_CASES,
                         ids=[f"{case[0]}-{n}" for n, case in enumerate(CLAIM_CASES)])
def test_each_problem_has_its_code_location_and_exit_status(
        checkout: Path, capsys: pytest.CaptureFixture[str], code: str, edit: Edit,
        expected_line: str) -> None:
    document = read_source_file(checkout)
    edit(document)
    write_source_file(checkout, document)
    before = tree_digest(checkout)

    report = claimset.validate(checkout)
    status, output = run_validate(checkout, capsys)

    assert code in report.codes(), report.problems
    problem = next(p for p in report.problems if p.code == code)
    assert problem.file == "dataset/demo.json"
    assert expected_line in line_of(checkout, problem)
    assert f"dataset/demo.json:{problem.line}:{problem.column}: {code} " in output
    assert status == 1
    assert "Traceback" not in output
    assert tree_digest(checkout) == before


def test_the_demo_checkout_is_clean(checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = claimset.validate(checkout)
    assert report.ok, report.problems
    assert report.problems == ()
    status, output = run_validate(checkout, capsys)
    assert status == 0
    assert output.strip().endswith("ok: 0 error(s), 0 warning(s), 0 note(s)")


def test_a_quote_mismatch_says_what_is_there_and_where_the_quote_occurs(
        edit_source: Callable[[Edit], Path]) -> None:
    def shift(document: dict[str, Any]) -> None:
        for key in ("start", "end"):
            document["claims"][0]["quote"][key] += 3

    root = edit_source(shift)
    [problem] = [p for p in claimset.validate(root).problems if p.code == "CS201"]
    quote = "Planners said a force of some 150,000 troops would maintain order."
    start = DEMO_TEXT.index(quote)
    assert f"it occurs at {start}..{start + len(quote)}" in problem.message
    assert "the source has 'nners said a force" in problem.message


def test_figure_outside_its_quote(tmp_path: Path) -> None:
    claim = make_claim(DEMO_TEXT, "troops", "a force of some 150,000 troops would maintain order",
                       "150,000", 150000, qualifier="approximately")
    claim["quote"] = make_claim(DEMO_TEXT, "x", "The bill came to nearly $20 billion",
                                "$20 billion", 1)["quote"]
    root = write_checkout(tmp_path, claims=[claim, *_cost_claim()])
    assert "CS205" in claimset.validate(root).codes()


def _cost_claim() -> list[dict[str, Any]]:
    return [make_claim(DEMO_TEXT, "cost", "The bill came to nearly $20 billion, officials said",
                       "$20 billion", 20_000_000_000, unit="USD", qualifier="nearly",
                       upper=20_000_000_000, attribution="officials", stance="attributed")]


def test_figure_that_is_not_a_number(tmp_path: Path) -> None:
    claims = [make_claim(DEMO_TEXT, "troops", "a force of some 150,000 troops would maintain order",
                         "troops", 150000), *_cost_claim()]
    report = claimset.validate(write_checkout(tmp_path, claims=claims), coverage=False)
    assert "CS207" in report.codes()


def test_range_bounds_must_be_what_the_figure_says(tmp_path: Path) -> None:
    text = "Deaths rose two to three times after the surge.\n"
    claim = make_claim(text, "rise", "Deaths rose two to three times after the surge",
                       "two to three times", None, unit="times", qualifier="range",
                       lower=2, upper=3)
    assert claimset.validate(write_checkout(tmp_path / "ok", text=text, claims=[claim])).ok
    claim["upper"] = 4
    report = claimset.validate(write_checkout(tmp_path / "bad", text=text, claims=[claim]))
    assert "CS211" in report.codes()


def test_range_bounds_out_of_order(tmp_path: Path) -> None:
    text = "Deaths rose two to three times after the surge.\n"
    claim = make_claim(text, "rise", "Deaths rose two to three times after the surge",
                       "two to three times", None, unit="times", qualifier="range",
                       lower=3, upper=2)
    report = claimset.validate(write_checkout(tmp_path, text=text, claims=[claim]))
    problem = next(p for p in report.problems if p.code == "CS208")
    assert problem.pointer == "/claims/0/upper"


def test_a_qualifier_names_the_words_that_decide_it(edit_source: Callable[[Edit], Path]) -> None:
    root = edit_source(claim0("qualifier", "at least"))
    problem = next(p for p in claimset.validate(root).problems if p.code == "CS214")
    assert "the words 'some' before the figure say 'approximately'" in problem.message


def test_duplicate_claim_ids_name_the_first_place(edit_source: Callable[[Edit], Path]) -> None:
    root = edit_source(lambda d: d["claims"][1].update(id=d["claims"][0]["id"]))
    [problem] = [p for p in claimset.validate(root).problems if p.code == "CS209"]
    assert "dataset/demo.json:" in problem.message
    assert problem.pointer == "/claims/1/id"


def test_review_marks_are_warnings_not_errors(edit_source: Callable[[Edit], Path]) -> None:
    root = edit_source(claim0("review", "placed by fuzzy re-anchoring (score 0.93)"))
    report = claimset.validate(root)
    assert report.ok
    assert [p.code for p in report.warnings] == ["CS212"]


# -- files --------------------------------------------------------------------------

FILE_CASES: list[tuple[str, bytes, str]] = [
    ("CS101", b'{"source": {,}\n', "invalid JSON"),
    ("CS102", b'{"claims": [], "claims": [], "exclusions": [], "source": {}}\n', "duplicate key"),
    ("CS103", b'{"claims": [{"value": NaN}]}\n', "NaN"),
    ("CS103", b'{"claims": [{"value": 1e999}]}\n', "infinity"),
    ("CS103", b'{"claims": [{"value": -Infinity}]}\n', "Infinity"),
    ("CS107", b"\xef\xbb\xbf{}\n", "byte order mark"),
    ("CS107", b'{"a": "\xff"}\n', "not UTF-8"),
    ("CS108", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("CS104", b"[]\n", "is not of type"),
]


@pytest.mark.parametrize(("code", "content", "words"), FILE_CASES,
                         ids=[f"{case[0]}-{n}" for n, case in enumerate(FILE_CASES)])
def test_unreadable_dataset_files(checkout: Path, capsys: pytest.CaptureFixture[str], code: str,
                                  content: bytes, words: str) -> None:
    path = checkout / "dataset" / "demo.json"
    path.write_bytes(content)
    before = tree_digest(checkout)
    report = claimset.validate(checkout)
    status, output = run_validate(checkout, capsys)
    problem = next(p for p in report.problems if p.code == code)
    assert words in problem.message
    assert problem.file == "dataset/demo.json" and problem.line is not None
    assert status == 1 and "Traceback" not in output
    assert tree_digest(checkout) == before


def test_duplicate_keys_are_located_at_the_second_key(checkout: Path) -> None:
    path = checkout / "dataset" / "demo.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    unit_line = next(n for n, line in enumerate(lines) if '"unit"' in line)
    lines.insert(unit_line + 1, lines[unit_line])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [problem] = claimset.validate(checkout).problems
    assert (problem.code, problem.line, problem.pointer) == ("CS102", unit_line + 2,
                                                             "/claims/0/unit")


def test_a_file_over_the_size_limit_is_refused_before_reading(checkout: Path) -> None:
    from claimset.store.jsonio import MAX_JSON_BYTES

    path = checkout / "dataset" / "demo.json"
    with path.open("r+b") as handle:
        handle.truncate(MAX_JSON_BYTES + 1)  # sparse: costs no disk
    problem = next(p for p in claimset.validate(checkout).problems if p.code == "CS106")
    assert str(MAX_JSON_BYTES) in problem.message


def test_a_directory_named_like_a_dataset_file(checkout: Path) -> None:
    (checkout / "dataset" / "odd.json").mkdir()
    assert "CS111" in claimset.validate(checkout).codes()


def test_non_canonical_files_warn_but_pass(checkout: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = checkout / "dataset" / "demo.json"
    path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8"))), encoding="utf-8")
    report = claimset.validate(checkout)
    assert report.ok and [p.code for p in report.warnings] == ["CS105"]
    status, output = run_validate(checkout, capsys)
    assert status == 0 and "CS105 warning: not in canonical form" in output


# -- sources and the index -----------------------------------------------------------


def seed(root: Path) -> Path:
    return root / "seeds" / "demo.txt"


@pytest.mark.parametrize(("content", "words"), [
    (b"\xef\xbb\xbf" + DEMO_TEXT.encode(), "byte order mark"),
    (DEMO_TEXT.encode()[:10] + b"\xc3\x28" + DEMO_TEXT.encode()[12:], "not UTF-8"),
    (DEMO_TEXT.encode().replace(b"Planners", b"Plan\x00ers"), "NUL"),
])
def test_bad_seed_files(checkout: Path, content: bytes, words: str) -> None:
    seed(checkout).write_bytes(content)
    report = claimset.validate(checkout)
    problem = next(p for p in report.problems if p.code == "CS303")
    assert words in problem.message
    assert problem.file == "seeds/demo.txt"


def test_a_seed_converted_to_crlf_fails_its_hash_with_a_hint(checkout: Path) -> None:
    seed(checkout).write_bytes(DEMO_TEXT.encode().replace(b"\n", b"\r\n"))
    problem = next(p for p in claimset.validate(checkout).problems if p.code == "CS304")
    assert "CRLF" in problem.message
    assert "CS305" in claimset.validate(checkout).codes()


def test_a_seed_symlinked_out_of_the_repository(checkout: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(DEMO_TEXT, encoding="utf-8")
    seed(checkout).unlink()
    seed(checkout).symlink_to(outside)
    problem = next(p for p in claimset.validate(checkout).problems if p.code == "CS302")
    assert "symlink" in problem.message


def test_a_seed_symlink_loop(checkout: Path) -> None:
    seed(checkout).unlink()
    loop = checkout / "seeds" / "loop.txt"
    loop.symlink_to(seed(checkout))
    seed(checkout).symlink_to(loop)
    codes = claimset.validate(checkout).codes()
    assert codes & {"CS302", "CS301"}


def test_index_and_files_must_agree(checkout: Path) -> None:
    index_path = checkout / "dataset" / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["sources"].append("ghost")
    index_path.write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
    extra = read_source_file(checkout)
    (checkout / "dataset" / "stray.json").write_text(json.dumps(extra), encoding="utf-8")
    codes = claimset.validate(checkout).codes()
    assert {"CS306", "CS307", "CS308", "CS311"} <= codes


def test_a_missing_index(checkout: Path) -> None:
    (checkout / "dataset" / "index.json").unlink()
    assert "CS309" in claimset.validate(checkout).codes()


def test_not_a_dataset_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, output = run_validate(tmp_path, capsys)
    assert status == 2
    assert output.startswith("claimset: error: CS310 ")
    assert len(output.strip().splitlines()) == 1
    status, output = run_validate(tmp_path / "nope", capsys)
    assert status == 2 and "CS109" in output


# -- coverage ------------------------------------------------------------------------


def test_an_uncovered_number_is_an_error(tmp_path: Path) -> None:
    text = DEMO_TEXT + "Some 4,000 police were trained.\n"
    problem = next(p for p in claimset.validate(write_checkout(tmp_path, text=text)).problems
                   if p.code == "CS401")
    assert "'4,000'" in problem.message and "dataset/demo.json" in problem.message
    assert (problem.file, problem.line, problem.column) == ("seeds/demo.txt", 3, 6)


def test_exclusions_cover_numbers_and_are_checked(tmp_path: Path) -> None:
    text = DEMO_TEXT + "In 2004 the plan changed.\n"
    start = text.index("2004")
    good = {"start": start, "end": start + 4, "text": "2004", "reason": "year", "note": None}
    assert claimset.validate(write_checkout(tmp_path / "a", text=text, exclusions=[good])).ok
    shifted = dict(good, start=start + 1, end=start + 5)
    codes = claimset.validate(write_checkout(tmp_path / "b", text=text,
                                             exclusions=[shifted])).codes()
    assert {"CS402", "CS401"} <= codes


def test_an_exclusion_reason_must_fit_the_number(tmp_path: Path) -> None:
    text = DEMO_TEXT + "Some 4,000 police were trained.\n"
    start = text.index("4,000")
    wrong = {"start": start, "end": start + 5, "text": "4,000", "reason": "year", "note": None}
    codes = claimset.validate(write_checkout(tmp_path, text=text, exclusions=[wrong])).codes()
    assert "CS404" in codes


def test_a_stale_exclusion_warns(tmp_path: Path) -> None:
    start = DEMO_TEXT.index("maintain")
    stale = {"start": start, "end": start + 8, "text": "maintain", "reason": "not a quantity",
             "note": None}
    report = claimset.validate(write_checkout(tmp_path, exclusions=[stale]))
    assert report.ok and "CS405" in report.codes()


def test_every_catalogued_code_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [code for code in CATALOGUE if f"`{code}`" not in readme]
    assert not missing, f"document these codes in README.md: {missing}"


def test_json_reporter_lists_every_problem(checkout: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    document = read_source_file(checkout)
    document["claims"][0]["value"] = 1
    document["claims"][1]["figure"]["text"] = "$21 billion"
    write_source_file(checkout, document)
    status, output = run_validate(checkout, capsys, "--format", "json")
    report = json.loads(output)
    assert status == 1 and report["ok"] is False
    assert {p["code"] for p in report["problems"]} >= {"CS206", "CS202"}


def test_source_document_helper_is_schema_valid() -> None:
    from claimset.check import schema

    assert schema.validate(source_document(DEMO_TEXT, []), document="sourceFile") == []
    assert os.sep  # keep the import used on every platform


# -- bundles and paths ---------------------------------------------------------------


def built_bundle(checkout: Path, out: Path) -> Path:
    assert main(["build", str(checkout), "--out", str(out)]) == 0
    [bundle] = out.glob("claimset-*.json")
    return bundle


def test_a_bundle_with_an_edited_text_names_the_bundle_not_a_seed(
        checkout: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bundle = built_bundle(checkout, tmp_path / "dist")
    document = json.loads(bundle.read_text(encoding="utf-8"))
    document["sources"][0]["text"] = document["sources"][0]["text"].replace("order", "Order")
    bundle.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    report = claimset.validate(bundle)
    problem = next(p for p in report.problems if p.code == "CS304")
    assert "the bundle's text" in problem.message and "seeds/" not in problem.message
    assert "claimset build" in next(p for p in report.problems if p.code == "CS105").message


def test_a_bundle_source_without_text_is_one_schema_problem(checkout: Path,
                                                           tmp_path: Path) -> None:
    bundle = built_bundle(checkout, tmp_path / "dist")
    document = json.loads(bundle.read_text(encoding="utf-8"))
    del document["sources"][0]["text"]
    bundle.write_text(json.dumps(document), encoding="utf-8")
    report = claimset.validate(bundle, canonical=False)
    assert [p.code for p in report.errors] == ["CS104"]
    assert "text" in report.errors[0].message and "required" in report.errors[0].message


def test_the_index_file_stands_for_its_checkout(checkout: Path) -> None:
    assert claimset.validate(checkout / "dataset" / "index.json").ok
    assert claimset.validate(checkout / "dataset").ok


def test_a_duration_that_only_dates_another_figure_may_be_excluded_as_a_date(
        tmp_path: Path) -> None:
    text = DEMO_TEXT + "It happened in the three weeks of April.\n"
    start = text.index("three weeks")
    exclusion = {"start": start, "end": start + 11, "text": "three weeks", "reason": "date",
                 "note": None}
    assert claimset.validate(write_checkout(tmp_path / "a", text=text,
                                            exclusions=[exclusion])).ok
    count_text = DEMO_TEXT + "Some 4,000 police were trained.\n"
    start = count_text.index("4,000")
    as_date = {"start": start, "end": start + 5, "text": "4,000", "reason": "date", "note": None}
    assert "CS404" in claimset.validate(write_checkout(tmp_path / "b", text=count_text,
                                                       exclusions=[as_date])).codes()


def test_a_figure_the_extractor_does_not_find_is_a_note_shown_with_verbose(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = [make_claim(DEMO_TEXT, "troops", "Planners said a force of some 150,000 troops "
                         "would maintain order", "troops", 150000, attribution="Planners",
                         stance="attributed"), *_cost_claim()]
    # The number itself is excluded so that only the note remains.
    root = write_checkout(tmp_path, claims=claims,
                          exclusions=[{**make_claim(DEMO_TEXT, "x", "150,000", "150,000", 1)[
                              "figure"], "reason": "rhetorical",
                                      "note": "a count of troops: needs this note (CS406)"}])
    report = claimset.validate(root, values=False)
    [note] = [p for p in report.problems if p.code == "CS403"]
    assert note.severity.value == "note" and "'troops'" in note.message
    assert report.ok
    assert main(["validate", str(root)]) == 1  # with values on, CS207 fails it
    assert "CS403" not in capsys.readouterr().out
    main(["validate", str(root), "--verbose"])
    assert "CS403 note:" in capsys.readouterr().out
