"""Issue 12's output defects: data never reaches a terminal, a workflow log or a job
summary as control characters, forged annotations or raw HTML."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimset.check.reporters import github_annotation
from claimset.cli import main
from claimset.core.escape import (
    github_data,
    github_line,
    markdown_code,
    markdown_text,
    one_line,
    terminal,
)
from claimset.core.problems import Problem
from claimset.store.canonical import canonical_text

from conftest import read_source_file, write_checkout, write_source_file

FORGED = "\n::error file=README.md,line=1::X"
CLEAR = "\x1b[2J"
#: Every control a terminal or GitHub's log could act on.
ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    assert code != 3 and "Traceback" not in out + err, err
    return code, out, err


def forged_lines(output: str) -> list[str]:
    """Lines that GitHub would run as a workflow command claimset did not mean."""
    return [line for line in output.splitlines()
            if line.lstrip().startswith("::") and "README.md" in line.split("::")[1]]


def set_index(root: Path, **fields: Any) -> None:
    path = root / "dataset" / "index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    index.update(fields)
    path.write_text(canonical_text(index, kind="index"), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "repo")


def test_an_index_name_cannot_forge_an_annotation(repo: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    set_index(repo, name="claimset" + FORGED)
    code, out, _ = run_cli(["validate", os.fspath(repo), "--format", "github"], capsys)
    assert code == 1 and not forged_lines(out)
    assert not ACTIVE.search(out)


def test_a_version_cannot_forge_an_annotation(repo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    set_index(repo, version="1.0.0" + FORGED)
    code, out, _ = run_cli(["validate", os.fspath(repo), "--format", "github"], capsys)
    assert code == 1 and not forged_lines(out)


def test_a_summary_line_never_starts_a_workflow_command() -> None:
    assert not github_line("::error file=README.md::X").startswith("::")
    assert not github_line("  ::warning::X").lstrip().startswith("::")


def test_a_dataset_file_name_with_a_newline_cannot_forge_one_through_fmt_check(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = repo / "dataset" / ("x" + FORGED.replace("/", "_") + ".json")
    odd.write_text('{"a":1}', encoding="utf-8")  # not canonical: fmt --check prints its diff
    code, out, err = run_cli(["fmt", "--check", os.fspath(repo)], capsys)
    assert code == 1 and not forged_lines(out + err)
    assert all(not line.startswith("::") for line in (out + err).splitlines())


def test_a_review_note_prints_on_one_line(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = read_source_file(repo)
    document["claims"][0]["review"] = "check this" + FORGED + CLEAR
    write_source_file(repo, document)
    for form in ("text", "github"):
        code, out, _ = run_cli(["validate", os.fspath(repo), "--format", form], capsys)
        assert code == 0 and not forged_lines(out) and not ACTIVE.search(out)
        assert len([line for line in out.splitlines() if "CS212" in line]) == 1


@pytest.mark.parametrize("field", ["measure", "note", "place"])
def test_terminal_escapes_in_a_claim_never_reach_the_terminal(
        repo: Path, field: str, capsys: pytest.CaptureFixture[str]) -> None:
    document = read_source_file(repo)
    document["claims"][0][field] = f"troops {CLEAR}\x9b31m\u202egnirts"
    write_source_file(repo, document)
    for color in ("never", "always"):
        code, out, _ = run_cli(["show", "demo/troops", "--path", os.fspath(repo),
                                "--color", color], capsys)
        assert code == 0 and CLEAR not in out and "\\x1b[2J" in out
        assert "\x9b" not in out and "\u202e" not in out
    code, out, _ = run_cli(["diff", os.fspath(repo), os.fspath(repo)], capsys)
    assert CLEAR not in out


def test_terminal_escapes_in_a_seed_never_reach_the_terminal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = f"An uncovered {CLEAR}figure of 4,500 tanks.\n"
    root = write_checkout(tmp_path / "repo", text=text, claims=[])
    code, out, _ = run_cli(["coverage", os.fspath(root)], capsys)
    assert code == 1 and "4,500" in out and CLEAR not in out and "\\x1b[2J" in out
    seed = tmp_path / "seed.txt"
    seed.write_text(text, encoding="utf-8")
    code, out, _ = run_cli(["extract", os.fspath(seed)], capsys)
    assert code == 0 and CLEAR not in out
    code, out, _ = run_cli(["validate", os.fspath(root)], capsys)
    assert CLEAR not in out


def test_json_output_stays_valid_json_with_escapes_in_the_data(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = read_source_file(repo)
    document["claims"][0]["measure"] = "troops \x9b\x7f\u202e" + CLEAR
    write_source_file(repo, document)
    code, out, _ = run_cli(["diff", os.fspath(repo), os.fspath(repo), "--format", "json"],
                           capsys)
    assert code == 0 and not ACTIVE.search(out)
    json.loads(out)


def test_a_claim_id_cannot_break_out_of_its_markdown_code_span(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = write_checkout(tmp_path / "old")
    new = write_checkout(tmp_path / "new")
    document = read_source_file(new)
    document["claims"][0]["id"] = "demo/x``<img src=x onerror=alert(1)>``"
    document["claims"][0]["measure"] = "<script>alert(1)</script> | cell"
    write_source_file(new, document)
    code, out, _ = run_cli(["diff", os.fspath(old), os.fspath(new), "--format", "markdown"],
                           capsys)
    assert code == 0
    outside = _outside_code_spans(out)
    assert "<img" not in outside and "<script>" not in outside
    assert "demo/x``<img src=x onerror=alert(1)>``" in out  # shown, inside a longer fence


def _outside_code_spans(markdown: str) -> str:
    """The Markdown with its code spans removed, as CommonMark pairs them."""
    return re.sub(r"(`+)(.+?)(?<!`)\1(?!`)", "", markdown)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_markdown_code_spans_hold_any_text(text: str) -> None:
    shown = markdown_code(text)
    fence = re.match("`+", shown)
    assert fence is not None
    inner = shown[len(fence.group()):-len(fence.group())]
    assert fence.group() not in inner  # nothing inside closes the span
    assert "\n" not in shown and not ACTIVE.search(shown)
    assert "<" not in markdown_text(text).replace("\\<", "")


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40))
def test_escaped_text_has_no_active_characters_and_one_line(text: str) -> None:
    assert not ACTIVE.search(terminal(text))
    assert not ACTIVE.search(one_line(text)) and "\n" not in one_line(text)
    data = github_data(text)
    assert "\n" not in data and "\r" not in data
    annotation = github_annotation(Problem(code="CS201", file=text, line=1, column=1,
                                           pointer="", message=text))
    assert annotation.count("::") == 2 and "\n" not in annotation
    properties = annotation.split("::")[1]
    assert all(part.split("=", 1)[0] in {"error file", "error line", "line", "col", "title"}
               for part in properties.split(","))


def test_not_a_dataset_is_an_error_for_coverage_and_diff(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    passwd, hostname = tmp_path / "passwd", tmp_path / "hostname"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    hostname.write_text("box\n", encoding="utf-8")
    code, _, err = run_cli(["coverage", os.fspath(passwd)], capsys)
    assert code == 2 and "CS310" in err
    code, _, err = run_cli(["diff", os.fspath(passwd), os.fspath(hostname)], capsys)
    assert code == 2 and "CS310" in err
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    code, _, err = run_cli(["coverage", os.fspath(tmp_path / "list.json")], capsys)
    assert code == 2 and "CS310" in err
