"""Issue 12's coverage defects: an exclusion's reason must mean something, a number is a
claim or an exclusion (never both), and a reviewer sees every exclusion a change adds."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import claimset
from claimset.cli import main
from prdata import git, init_repo

from conftest import DEMO_TEXT, demo_claims, span, write_checkout, write_source_file


def troops_excluded(reason: str, note: str | None = None) -> dict[str, Any]:
    return {**span(DEMO_TEXT, "150,000"), "reason": reason, "note": note}


def codes(root: Path) -> set[str]:
    return claimset.validate(root).codes()


@pytest.mark.parametrize("reason", ["not a quantity", "rhetorical"])
def test_a_deleted_claim_cannot_hide_behind_a_reason(tmp_path: Path, reason: str) -> None:
    # The attack: delete the claim on "150,000 troops", exclude its figure instead.
    root = write_checkout(tmp_path / "repo", claims=demo_claims()[1:],
                          exclusions=[troops_excluded(reason)])
    found = codes(root)
    assert "CS406" in found and not claimset.validate(root).ok


@pytest.mark.parametrize(("text", "figure"), [
    ("The bill came to $20 billion in all.\n", "$20 billion"),
    ("Of those asked, 61% said no.\n", "61%"),
])
def test_amounts_and_percents_are_counted_too(tmp_path: Path, text: str, figure: str) -> None:
    exclusion = {**span(text, figure), "reason": "not a quantity", "note": None}
    root = write_checkout(tmp_path / "repo", text=text, claims=[], exclusions=[exclusion])
    assert "CS406" in codes(root)


def test_a_note_saying_why_lets_the_reason_stand(tmp_path: Path) -> None:
    root = write_checkout(tmp_path / "repo", claims=demo_claims()[1:], exclusions=[
        troops_excluded("rhetorical", "a figure of speech here: the planners' slogan")])
    assert "CS406" not in codes(root)


def test_a_bare_number_word_may_be_not_a_quantity(tmp_path: Path) -> None:
    text = DEMO_TEXT + "No one said so.\n"
    exclusion = {**span(text, "one"), "reason": "not a quantity", "note": None}
    root = write_checkout(tmp_path / "repo", text=text, exclusions=[exclusion])
    assert claimset.validate(root).ok  # 'one' counts nothing named: the reason fits


def test_an_exclusion_on_a_claims_figure_is_an_error(tmp_path: Path) -> None:
    root = write_checkout(tmp_path / "repo",
                          exclusions=[troops_excluded("quoted speech", "said by planners")])
    report = claimset.validate(root)
    assert "CS407" in report.codes() and not report.ok
    [problem] = [p for p in report.problems if p.code == "CS407"]
    assert "demo/troops" in problem.message and problem.pointer == "/exclusions/0"


def test_validate_base_lists_every_exclusion_the_change_adds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = DEMO_TEXT + "No one said so, and one more time nobody did.\n"
    root = write_checkout(tmp_path / "repo", text=text)
    first = {**span(text, "one said"), "reason": "not a quantity", "note": None}
    first["end"] = first["start"] + 3
    first["text"] = "one"
    second = {**first, "start": text.index("one more"), "end": text.index("one more") + 3}
    from conftest import source_document
    write_source_file(root, source_document(text, demo_claims(text), exclusions=[first]))
    base = init_repo(root)
    write_source_file(root, source_document(text, demo_claims(text),
                                            exclusions=[first, second]))
    git(root, "add", "-A")
    capsys.readouterr()
    code = main(["validate", os.fspath(root), "--base", base, "--no-coverage"])
    out = capsys.readouterr().out
    added = [line for line in out.splitlines() if "CS507" in line]
    assert len(added) == 1, out  # the one the change adds, not the one the base had
    assert "dataset/demo.json:" in added[0] and "'one'" in added[0]
    assert code in (0, 1)
