"""`claimset agree`: two curations of one source compared field by field.

Records are matched by the number's span; each field gets its share of agreements and
Krippendorff's alpha (nominal, from the krippendorff package), and every disagreement
is listed with both readings, as text, JSON or Markdown.
"""

from __future__ import annotations

import copy
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimset.cli import main
from claimset.contrib.agree import (
    AGREEMENT_RENDERERS,
    agreement,
    krippendorff_alpha,
    read_curation,
)
from claimset.core.errors import ClaimsetError, InputError, UsageError
from prdata import (
    SOURCE_ID,
    init_repo,
    read_source,
    source_document,
    tree_digest,
    write_checkout,
    write_source,
)


def curation(document: dict[str, Any]) -> dict[str, Any]:
    return {document["source"]["id"]: document}


@pytest.fixture
def pair() -> tuple[dict[str, Any], dict[str, Any]]:
    """Curation A, and B that reads the same text differently."""
    a = source_document()
    b = copy.deepcopy(a)
    b["claims"][0]["measure"] = "Troops planned to keep order after the invasion"
    b["claims"][1]["stance"] = "asserted"
    b["claims"][1]["attribution"] = None
    b["exclusions"][1]["reason"] = "name or title"
    # B makes the poll's number an exclusion instead of a claim
    poll = b["claims"].pop(2)
    b["exclusions"].append({**poll["figure"], "reason": "rhetorical", "note": None})
    return a, b


def test_every_field_is_counted_and_every_disagreement_listed(
        pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    a, b = pair
    result = agreement(curation(a), curation(b), a_label="alice", b_label="bob")
    assert result.sources == (SOURCE_ID,) and result.numbers == 5
    decision = result.field("decision")
    assert (decision.compared, decision.agreed) == (5, 4)
    assert (result.field("reason").compared, result.field("reason").agreed) == (2, 1)
    assert (result.field("measure").compared, result.field("measure").agreed) == (2, 1)
    assert (result.field("value").compared, result.field("value").agreed) == (2, 2)
    assert [(item.field, item.text, item.a, item.b) for item in result.disagreements] == [
        ("measure", "150,000", "the troops figure",
         "Troops planned to keep order after the invasion"),
        ("attribution", "$20 billion", "officials", None),
        ("stance", "$20 billion", "attributed", "asserted"),
        ("reason", "third", "ordinal", "name or title"),
        ("decision", "61%", "claim", "exclusion"),
    ]


def test_alpha_is_krippendorffs_nominal_alpha_for_two_coders() -> None:
    # Krippendorff's coincidence-matrix formula for two coders, written out independently.
    a = ["x", "x", "y", "y", "z", "x", "y", "z", "z", "x"]
    b = ["x", "y", "y", "y", "z", "x", "x", "z", "z", "x"]
    pairs = [*zip(a, b, strict=True)]
    coincidences = Counter[tuple[str, str]]()
    for x, y in pairs:
        coincidences[x, y] += 1
        coincidences[y, x] += 1
    n = 2 * len(pairs)
    totals = Counter[str]()
    for (x, _), count in coincidences.items():
        totals[x] += count
    observed = sum(count for (x, y), count in coincidences.items() if x != y) / n
    expected = sum(totals[x] * totals[y] for x in totals for y in totals if x != y) / (
        n * (n - 1))
    alpha, why = krippendorff_alpha(pairs)
    assert why is None and alpha == pytest.approx(1 - observed / expected)


def test_alpha_is_undefined_when_it_cannot_be_computed() -> None:
    assert krippendorff_alpha([("a", "a"), ("a", "a")]) == (None, "every reading is the same value")
    assert krippendorff_alpha([]) == (None, "no number both curations read")
    assert krippendorff_alpha([(1, 1), (2, 2)])[0] == pytest.approx(1.0)


@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c", None, 1, 1.0, True]),
                          st.sampled_from(["a", "b", "c", None, 1, 2.5, False])),
                max_size=30))
def test_alpha_is_symmetric_and_at_most_one(pairs: list[tuple[Any, Any]]) -> None:
    forward = krippendorff_alpha(pairs)
    backward = krippendorff_alpha([(y, x) for x, y in pairs])
    assert forward[1] == backward[1]
    if forward[0] is not None:
        assert backward[0] == pytest.approx(forward[0])
        assert forward[0] <= 1 + 1e-9


def test_a_curation_agrees_with_itself(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    a, _ = pair
    result = agreement(curation(a), curation(copy.deepcopy(a)))
    assert not result.disagreements
    assert all(item.agreed == item.compared for item in result.fields)


def test_the_sides_must_pin_the_same_text(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    a, b = pair
    b["source"]["sha256"] = "0" * 64
    with pytest.raises(InputError) as raised:
        agreement(curation(a), curation(b))
    assert raised.value.code == "CS871"


def test_the_sides_must_share_a_source(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    a, b = pair
    b["source"]["id"] = "other"
    with pytest.raises(UsageError) as raised:
        agreement(curation(a), curation(b))
    assert raised.value.code == "CS872"
    with pytest.raises(UsageError, match="no source 'nope'"):
        agreement(curation(a), curation(a), source="nope")


def test_renderers_escape_what_the_data_says(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    a, b = pair
    b["claims"][0]["measure"] = "x | `y` \n::error ::forged \x1b[2J <b>z</b>"
    result = agreement(curation(a), curation(b))
    text = AGREEMENT_RENDERERS["text"](result)
    assert "\x1b" not in text and "\n::error" not in text
    markdown = AGREEMENT_RENDERERS["markdown"](result)
    assert "\n::error" not in markdown
    row = next(line for line in markdown.splitlines() if "measure" in line and "150,000" in line)
    assert row.count(" | ") == 3  # the pipe in the data does not split the cell
    document = json.loads(AGREEMENT_RENDERERS["json"](result))
    # strings are compared (and shown) with their runs of white space as one space
    assert document["disagreements"][0]["b"] == " ".join(b["claims"][0]["measure"].split())
    assert {item["field"] for item in document["fields"]} >= {"decision", "measure", "tags"}


def test_sides_are_files_checkouts_and_revisions(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_checkout(tmp_path / "repo")
    base = init_repo(root)
    document = read_source(root)
    document["claims"][0]["period"] = "2003"
    write_source(root, document)
    monkeypatch.chdir(root)
    before = tree_digest(root)
    for a, b in ((base, "."), (base, "dataset/tiny.json"), ("HEAD", str(root))):
        assert main(["agree", a, b, "--format", "json"]) == 0
        result = json.loads(capsys.readouterr().out)
        assert [(d["field"], d["a"], d["b"]) for d in result["disagreements"]] == [
            ("period", None, "2003")]
    assert tree_digest(root) == before


def test_the_command_prints_each_format(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    a, b = pair
    (tmp_path / "a.json").write_text(json.dumps(a), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(b), encoding="utf-8")
    args = ["agree", str(tmp_path / "a.json"), str(tmp_path / "b.json")]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("a.json vs " + str(tmp_path / "b.json") + ": tiny (5 numbers)")
    assert out[1].split() == ["field", "compared", "agreed", "share", "alpha"]
    assert out[2].split()[:4] == ["decision", "5", "4", "80.0%"]
    assert "disagreements (5):" in out
    assert main([*args, "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "| field | compared | agreed | share | Krippendorff's alpha |" in markdown
    assert "#### Disagreements (5)" in markdown


@pytest.mark.parametrize(("content", "code"), [
    ('{"name": "x"}', "CS310"), ("[1, 2", "CS101"), ('{"source": {}, "claims": [], '
                                                   '"exclusions": []}', "CS873")])
def test_a_side_that_is_no_curation_is_refused(tmp_path: Path, content: str, code: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    (tmp_path / "ok.json").write_text(json.dumps(source_document()), encoding="utf-8")
    status = main(["agree", str(tmp_path / "bad.json"), str(tmp_path / "ok.json")])
    err = capsys.readouterr().err
    assert status in (1, 2) and code in err and "Traceback" not in err


def test_a_revision_outside_a_checkout_is_a_usage_error(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="neither a path nor a git revision"):
        read_curation("main", repo=None)
    assert main(["agree", "main", "HEAD"]) == 2


def test_without_krippendorff_the_error_says_what_to_install(
        pair: tuple[dict[str, Any], dict[str, Any]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "krippendorff", None)
    with pytest.raises(ClaimsetError) as raised:
        agreement(curation(pair[0]), curation(pair[1]))
    assert raised.value.code == "CS870" and "claimset[agree]" in str(raised.value)
