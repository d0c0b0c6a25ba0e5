"""`claimset fmt`: canonical form, --check, and never touching what it cannot read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimset.cli import main
from claimset.store.canonical import canonical_text

from conftest import tree_digest

REPO = Path(__file__).resolve().parent.parent


def scramble(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(document, indent=4, sort_keys=True), encoding="utf-8")


def test_fmt_check_prints_a_diff_and_changes_nothing(
        checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scramble(checkout / "dataset" / "demo.json")
    before = tree_digest(checkout)
    assert main(["fmt", "--check", str(checkout)]) == 1
    captured = capsys.readouterr()
    assert "--- a/dataset/demo.json" in captured.out and "+++ b/dataset/demo.json" in captured.out
    assert "run `claimset fmt`" in captured.err
    assert tree_digest(checkout) == before


def test_fmt_rewrites_into_canonical_form_and_keeps_the_data(
        checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = checkout / "dataset" / "demo.json"
    original = path.read_text(encoding="utf-8")
    scramble(path)
    assert main(["fmt", str(checkout)]) == 0
    assert "reformatted dataset/demo.json" in capsys.readouterr().out
    assert path.read_text(encoding="utf-8") == original
    assert main(["fmt", "--check", str(checkout)]) == 0


def test_fmt_leaves_unreadable_files_alone(checkout: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = checkout / "dataset" / "demo.json"
    path.write_text('{"a": 1, "a": 2}', encoding="utf-8")
    before = tree_digest(checkout)
    assert main(["fmt", str(checkout)]) == 2
    assert "CS102" in capsys.readouterr().err
    assert tree_digest(checkout) == before


def test_the_repository_dataset_is_canonical() -> None:
    for path in sorted((REPO / "dataset").glob("*.json")):
        kind = "index" if path.name == "index.json" else "source"
        text = path.read_text(encoding="utf-8")
        assert text == canonical_text(json.loads(text), kind=kind), (
            f"{path.name} is not in canonical form: run `claimset fmt`")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=8,
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["source", "claims", "exclusions", "extra"]),
                       json_values))
def test_canonical_form_is_stable_and_loses_nothing(document: dict[str, object]) -> None:
    text = canonical_text(document, kind="source")
    assert json.loads(text) == document
    assert canonical_text(json.loads(text), kind="source") == text
    assert text.endswith("\n")
