"""Annotations a contributor can click: the line and column name the offending value.

Each test corrupts one thing in a copy of the tiny fixture, runs ``claimset
validate --format github`` (and text and json), parses the output and reads
the named line of the named file: it must hold the offending value, and the
column must point at its first character.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimset.cli import main
from prdata import TEXT, read_source, write_checkout, write_source

_ANNOTATION = re.compile(r"^::(?P<level>error|warning|notice) file=(?P<file>[^,]+),"
                         r"line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[^:]*)::"
                         r"(?P<code>CS\d{3}) (?P<message>.*)$")


def validate(root: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    main(["validate", str(root), "--format", fmt, "--verbose"])
    return capsys.readouterr().out


def annotations(root: Path, capsys) -> list[dict[str, Any]]:
    found = []
    for line in validate(root, "github", capsys).splitlines():
        match = _ANNOTATION.match(line)
        if match:
            found.append({**match.groupdict(), "line": int(match["line"]),
                          "col": int(match["col"])})
        else:
            assert not line.startswith("::"), line
    return found


def value_at(document: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        document = document[int(token)] if isinstance(document, list) else document[token]
    return document


def line_of(root: Path, file: str, number: int) -> str:
    return (root / file).read_text("utf-8").splitlines()[number - 1]


def assert_points_at_value(root: Path, capsys, code: str) -> dict[str, Any]:
    """The json report's problem with ``code`` sits where its pointer's value is written,
    and the github annotation says the same file, line and column."""
    report = json.loads(validate(root, "json", capsys))
    problems = [p for p in report["problems"] if p["code"] == code]
    assert problems
    for problem in problems:
        text = line_of(root, problem["file"], problem["line"])[problem["column"] - 1:]
        document = json.loads((root / problem["file"]).read_text("utf-8"))
        value = value_at(document, problem["pointer"])
        if isinstance(value, dict | list):
            assert text.startswith("{" if isinstance(value, dict) else "["), (problem, text)
        else:
            assert text.startswith(json.dumps(value, ensure_ascii=False)), (problem, text)
    located = [(a["file"], a["line"], a["col"]) for a in annotations(root, capsys)
               if a["code"] == code]
    assert located == [(p["file"], p["line"], p["column"]) for p in problems]
    text_report = validate(root, "text", capsys)
    for problem in problems:
        assert f"{problem['file']}:{problem['line']}:{problem['column']}: {code} " in text_report
    return problems[0]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "repo")


def edit(root: Path, change: Callable[[dict[str, Any]], None]) -> None:
    document = read_source(root)
    change(document)
    write_source(root, document)


def test_clean_fixture_has_no_annotations(checkout, capsys):
    assert annotations(checkout, capsys) == []


def test_corrupted_value_is_annotated_on_its_value_line(checkout, capsys):
    edit(checkout, lambda d: d["claims"][1].update(value=2_000_000_000))
    [annotation] = annotations(checkout, capsys)
    assert annotation["code"] == "CS206" and annotation["file"] == "dataset/tiny.json"
    line = line_of(checkout, annotation["file"], annotation["line"])
    assert line.strip() == '"value": 2000000000,'
    assert line[annotation["col"] - 1:].startswith("2000000000")
    # and it is this claim's value, not another's: the nearest id above is tiny/cost
    above = (checkout / "dataset/tiny.json").read_text("utf-8").splitlines()[:annotation["line"]]
    assert next(text for text in reversed(above) if '"id"' in text).strip() == \
        '"id": "tiny/cost",'
    assert_points_at_value(checkout, capsys, "CS206")


CORRUPTIONS: dict[str, Callable[[dict[str, Any]], None]] = {
    "CS201": lambda d: d["claims"][0]["quote"].update(text="a force of some 150,000 soldiers"),
    "CS202": lambda d: d["claims"][2]["figure"].update(start=d["claims"][2]["figure"]["start"]
                                                       + 1),
    "CS203": lambda d: d["claims"][2]["figure"].update(end=len(TEXT) + 5),
    "CS204": lambda d: d["claims"][1]["quote"].update(end=d["claims"][1]["quote"]["start"]),
    "CS213": lambda d: d["claims"][1].update(upper=10),
    "CS214": lambda d: d["claims"][0].update(qualifier="exact"),
    "CS215": lambda d: d["claims"][2].update(unit="people"),
    "CS209": lambda d: d["claims"][2].update(id="tiny/troops"),
    "CS210": lambda d: d["claims"][2].update(id="other/poll"),
    "CS212": lambda d: d["claims"][0].update(review="check the figure"),
    "CS304": lambda d: d["source"].update(sha256="0" * 64),
    "CS305": lambda d: d["source"].update(length=3),
    "CS402": lambda d: d["exclusions"][0].update(text="2004"),
    "CS404": lambda d: d["exclusions"][1].update(reason="year"),
}


@pytest.mark.parametrize("code", sorted(CORRUPTIONS))
def test_every_kind_of_claim_and_source_problem_points_at_its_value(checkout, capsys, code):
    edit(checkout, CORRUPTIONS[code])
    assert_points_at_value(checkout, capsys, code)


@pytest.mark.parametrize(("field", "bad"), [("stance", "maybe"), ("value", "many"),
                                            ("tags", ["Not A Tag"]), ("unit", "")])
def test_schema_violations_point_at_the_value(checkout, capsys, field, bad):
    edit(checkout, lambda d: d["claims"][2].update({field: bad}))
    problem = assert_points_at_value(checkout, capsys, "CS104")
    assert problem["pointer"].startswith(f"/claims/2/{field}")


def test_missing_field_points_at_the_claim_that_lacks_it(checkout, capsys):
    edit(checkout, lambda d: d["claims"][1].pop("measure"))
    problem = assert_points_at_value(checkout, capsys, "CS104")
    assert problem["pointer"] == "/claims/1"
    following = line_of(checkout, problem["file"], problem["line"] + 1)
    assert following.strip() == '"id": "tiny/cost",'


def test_uncovered_number_points_at_the_number_in_the_seed(checkout, capsys):
    edit(checkout, lambda d: d["exclusions"].pop(0))
    report = json.loads(validate(checkout, "json", capsys))
    [problem] = [p for p in report["problems"] if p["code"] == "CS401"]
    assert problem["file"] == "seeds/tiny.txt" and "dataset/tiny.json" in problem["message"]
    line = line_of(checkout, problem["file"], problem["line"])
    assert line[problem["column"] - 1:].startswith("2003")
    [annotation] = [a for a in annotations(checkout, capsys) if a["code"] == "CS401"]
    assert (annotation["file"], annotation["line"], annotation["col"]) == (
        problem["file"], problem["line"], problem["column"])


def test_duplicate_key_and_invalid_json_are_located_in_the_text(checkout, capsys):
    path = checkout / "dataset" / "tiny.json"
    original = path.read_text("utf-8")
    path.write_text(original.replace('"unit": "USD",', '"unit": "USD",\n      "unit": "EUR",'),
                    "utf-8")
    [annotation] = annotations(checkout, capsys)
    assert annotation["code"] == "CS102"
    line = line_of(checkout, "dataset/tiny.json", annotation["line"])
    assert line.strip() == '"unit": "EUR",' and line[annotation["col"] - 1:].startswith('"unit"')
    path.write_text(original.replace('"value": 61,', '"value": 61,,'), "utf-8")
    [annotation] = annotations(checkout, capsys)
    assert annotation["code"] == "CS101"
    line = line_of(checkout, "dataset/tiny.json", annotation["line"])
    assert '"value": 61,,' in line and line[annotation["col"] - 1] == ","


def test_non_canonical_file_points_at_the_first_differing_line(checkout, capsys):
    path = checkout / "dataset" / "tiny.json"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if '"measure"' in line)
    lines[number] = "  " + lines[number]
    path.write_text("".join(lines), "utf-8")
    [annotation] = [a for a in annotations(checkout, capsys) if a["code"] == "CS105"]
    assert annotation["line"] == number + 1 and annotation["level"] == "warning"


def test_index_problems_point_into_the_index(checkout, capsys):
    path = checkout / "dataset" / "index.json"
    index = json.loads(path.read_text("utf-8"))
    index["sources"].append("missing-source")
    path.write_text(json.dumps(index, indent=2) + "\n", "utf-8")
    problem = assert_points_at_value(checkout, capsys, "CS306")
    assert problem["pointer"] == "/sources/1"


def test_non_ascii_before_the_value_counts_code_points(checkout, capsys):
    # A title with an en dash and an emoji (two UTF-16 units): the column of a later
    # problem on a line is unaffected, and lines stay lines.
    edit(checkout, lambda d: d["source"].update(title="A tiny source – 🙂", length=3))
    problem = assert_points_at_value(checkout, capsys, "CS305")
    assert line_of(checkout, problem["file"], problem["line"]).strip() == '"length": 3,'


def test_annotation_escapes_keep_one_line_per_problem(checkout, capsys):
    edit(checkout, lambda d: d["claims"][0].update(review="line one\nline two, 100% sure: ok"))
    [annotation] = [a for a in annotations(checkout, capsys) if a["code"] == "CS212"]
    assert "%0A" in annotation["message"] and "%25" in annotation["message"]
