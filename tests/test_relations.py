"""Relations and quantities: figures that check each other.

The interval table (docs/dataset.md, ``QUALIFIER_INTERVALS``), relation outcomes
(holds, undecided, fails) on the real data and under hypothesis, every relation
code at its location with nothing written, and `claimset corroborate`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimset
from claimset.cli import main
from claimset.core.corroboration import period_days, periods_nest
from claimset.core.intervals import (
    INFINITY,
    Interval,
    Operand,
    combine,
    evaluate,
    figure_interval,
    statement_interval,
)
from claimset.core.vocabulary import QUALIFIERS, RELATION_KINDS

ROOT = Path(__file__).resolve().parent.parent
STEELE = "steele-2008"
DOUBLE = f"{STEELE}/ibc-air-strike-deaths-rise-2007"


@pytest.fixture
def repo(real_checkout: Path) -> Path:
    return real_checkout


def edit(root: Path, source: str, change: Callable[[dict[str, Any]], None]) -> Path:
    path = root / "dataset" / f"{source}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def claim_of(document: dict[str, Any], claim_id: str) -> dict[str, Any]:
    [found] = [c for c in document["claims"] if c["id"] == claim_id]
    return found


def problems(root: Path, code: str) -> list[Any]:
    report = claimset.validate(root)
    return [p for p in report.problems if p.code == code]


# -- the table -----------------------------------------------------------------------------


def test_the_qualifier_table_reads_as_docs_dataset_says() -> None:
    assert statement_interval("up to", 623) == Interval(0, 623)
    assert statement_interval("more than", 2) == Interval(2, INFINITY, lower_open=True)
    assert statement_interval("at least", 266) == Interval(266, INFINITY)
    assert statement_interval("less than", 3) == Interval(0, 3, upper_open=True)
    assert statement_interval("nearly", 4) == Interval(3.6, 4)
    assert statement_interval("approximately", 2600) == Interval(2340, 2860)
    assert statement_interval("exact", 1326) == Interval(1325.5, 1326.5, upper_open=True)
    assert statement_interval("exact", 2.5) == Interval(2.45, 2.55, upper_open=True)
    assert statement_interval("range", None, 2, 3) == Interval(2, 3)
    assert statement_interval("at most", -5) == Interval(-INFINITY, -5)
    assert figure_interval("up to", 623) == Interval.point(623)
    assert set(QUALIFIERS) == {q for q in QUALIFIERS if statement_interval(q, 1, 1, 1)}


def test_a_round_figure_is_exact_to_its_last_non_zero_digit() -> None:
    # "150,000" is a count rounded to the ten thousand, not to the soldier.
    assert statement_interval("exact", 150_000) == Interval(145_000, 155_000, upper_open=True)
    assert statement_interval("exact", 120) == Interval(115, 125, upper_open=True)
    assert statement_interval("exact", 1_000) == Interval(500, 1_500, upper_open=True)
    assert statement_interval("exact", 0) == Interval(-0.5, 0.5, upper_open=True)
    assert statement_interval("exact", -2_000) == Interval(-2_500, -1_500, upper_open=True)
    # approximately: still 10%, never less than that rounding
    assert statement_interval("approximately", 150_000) == Interval(135_000, 165_000)
    assert statement_interval("approximately", 20) == Interval(15, 25)
    # two exact round figures that differ within their precision agree
    assert statement_interval("exact", 150_000).meets(statement_interval("exact", 149_000))
    assert not statement_interval("exact", 150_000).meets(statement_interval("exact", 130_000))
    # ... but round figures one unit apart do not, though their intervals touch: rounding
    # half up writes 1,500 as "2,000", so "1,000" admits [500, 1,500) and "2,000" [1,500, 2,500)
    assert not statement_interval("exact", 1_000).meets(statement_interval("exact", 2_000))
    assert not statement_interval("exact", 2_000).meets(statement_interval("exact", 1_000))
    assert statement_interval("exact", 1_000).meets(statement_interval("exact", 1_400))


def test_docs_dataset_has_a_row_per_qualifier() -> None:
    text = (ROOT / "docs" / "dataset.md").read_text(encoding="utf-8")
    table = text.split("## Relations and quantities", 1)[1]
    for qualifier in QUALIFIERS:
        assert f"| `{qualifier}` |" in table, qualifier


# -- the real data --------------------------------------------------------------------------


def test_more_than_double_holds_over_up_to_623() -> None:
    ds = claimset.load(ROOT)
    claim = ds.claim(DOUBLE)
    [relation] = claim.relations
    outcome = ds.relation_outcome(claim, relation)
    assert outcome.outcome == "holds"
    assert outcome.admitted is not None and outcome.admitted.upper == INFINITY
    assert "1,326/623 = 2.13" in outcome.reason


def test_relations_whose_other_side_is_not_in_the_text_are_undecided_with_a_note() -> None:
    ds = claimset.load(ROOT)
    for claim in ds.claims:
        for relation in claim.relations:
            if None in relation.of:
                assert ds.relation_outcome(claim, relation).outcome == "undecided"
                assert relation.note, claim.id


def test_nearly_four_fails_with_its_code_at_the_relation(repo: Path) -> None:
    def nearly_four(document: dict[str, Any]) -> None:
        relation = claim_of(document, DOUBLE)["relations"][0]
        relation.update(qualifier="nearly", value=4, lower=None, upper=4)

    path = edit(repo, STEELE, nearly_four)
    before = path.read_bytes()
    [problem] = problems(repo, "CS701")
    assert "ratio 1,326/623 = 2.13 does not satisfy 'nearly 4'" in problem.message
    position = [c["id"] for c in json.loads(before)["claims"]].index(DOUBLE)
    assert problem.pointer == f"/claims/{position}/relations/0"
    assert problem.file == f"dataset/{STEELE}.json" and problem.line is not None
    assert main(["validate", str(repo)]) == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize(("change", "code"), [
    (lambda r: r.update(of=[f"{STEELE}/no-such-claim", r["of"][1]]), "CS702"),
    (lambda r: r.update(kind="sum"), "CS704"),
    (lambda r: r.update(lower=3), "CS705"),
    (lambda r: r.update(of=r["of"] + [r["of"][0]]), "CS705"),
    (lambda r: r.update(qualifier="nearly", value=2.2, lower=None, upper=2.2), "CS706"),
], ids=["unknown-claim", "units", "bounds", "arity", "undecided"])
def test_each_relation_problem_has_its_code(repo: Path, change: Callable[[dict[str, Any]], None],
                                            code: str) -> None:
    def apply(document: dict[str, Any]) -> None:
        relation = claim_of(document, DOUBLE)["relations"][0]
        change(relation)
        if code == "CS704":  # a sum of civilians and times
            relation["of"] = [f"{STEELE}/ibc-air-strike-deaths-2007", DOUBLE]

    edit(repo, STEELE, apply)
    found = problems(repo, code)
    assert len(found) == 1, [p.message for p in claimset.validate(repo).problems]
    assert found[0].pointer is not None and "/relations/0" in found[0].pointer


def test_a_retracted_claim_in_a_relation_is_a_warning(repo: Path) -> None:
    def retract(document: dict[str, Any]) -> None:
        claim_of(document, f"{STEELE}/ibc-air-strike-deaths-2006")["retracted"] = {
            "reason": "test", "version": "1.1.0"}

    edit(repo, STEELE, retract)
    [problem] = problems(repo, "CS703")
    assert problem.severity.value == "warning"


def test_a_relation_the_schema_refuses_is_a_schema_problem(repo: Path) -> None:
    edit(repo, STEELE, lambda d: claim_of(d, DOUBLE)["relations"][0].update(kind="product"))
    assert problems(repo, "CS104")
    assert main(["validate", str(repo)]) == 1


# -- hypothesis over intervals ---------------------------------------------------------------

_VALUE = st.integers(min_value=1, max_value=10**6)
_HEDGE = st.sampled_from(["exact", "approximately", "nearly", "at least", "more than", "up to",
                          "at most", "less than"])


def _operand(qualifier: Any, value: int) -> Operand:
    return Operand(figure_interval(qualifier, value), statement_interval(qualifier, value),
                   str(value))


@settings(max_examples=80, deadline=None)
@given(kind=st.sampled_from(RELATION_KINDS), a=_VALUE, b=_VALUE, qa=_HEDGE, qb=_HEDGE)
def test_a_relation_built_to_hold_holds_and_nudged_out_it_fails(
        kind: Any, a: int, b: int, qa: Any, qb: Any) -> None:
    operands = [_operand(qa, a), _operand(qb, b)]
    admitted = combine(kind, [o.support for o in operands])
    at_figures = combine(kind, [o.figure for o in operands])
    assert admitted is not None and at_figures is not None
    assert admitted.contains(at_figures)
    # Built to hold: a statement that admits everything the figures admit.
    if admitted.lower > -INFINITY and admitted.upper < INFINITY:
        built = evaluate(kind, operands, qualifier="range", value=None, lower=admitted.lower,
                         upper=admitted.upper, said="built")
    elif admitted.lower > -INFINITY:
        built = evaluate(kind, operands, qualifier="at least", value=admitted.lower,
                         lower=admitted.lower, said="built")
    else:  # unbounded below (a difference from an open-ended figure): no qualifier says it
        built = None
    assert built is None or built.outcome == "holds", built.reason
    # Nudged: a statement the figures as given lie outside.
    point = at_figures.upper
    gap = abs(point) * 0.5 + 1
    nudged = evaluate(kind, operands, qualifier="range", value=None, lower=point + gap,
                      upper=point + 2 * gap, said="nudged")
    assert nudged.outcome == "fails", nudged.reason


@settings(max_examples=100, deadline=None)
@given(low=st.floats(-1e6, 1e6), width=st.floats(0, 1e6), inner=st.floats(0, 1),
       size=st.floats(0, 1))
def test_an_interval_contains_and_meets_what_lies_inside_it(low: float, width: float,
                                                           inner: float, size: float) -> None:
    outer = Interval(low, low + width)
    start = low + inner * width
    # min(): start + size * (top - start) can round one ulp past the top
    inside = Interval(start, min(start + size * (low + width - start), low + width))
    assert outer.contains(inside) and outer.meets(inside) and inside.meets(outer)
    assert not outer.meets(Interval(low + width + 1, low + width + 2))
    assert outer.intersection(inside) == inside


def test_division_by_an_interval_through_zero() -> None:
    assert combine("ratio", [Interval(1326, 1326), Interval(0, 623)]) == Interval(
        1326 / 623, INFINITY)
    assert combine("ratio", [Interval(1, 1), Interval(0, 0)]) is None
    assert combine("share", [Interval(88, 88), Interval(1326, 1326)]) == Interval(
        100 * 88 / 1326, 100 * 88 / 1326)
    assert combine("difference", [Interval(5, 6), Interval(1, 2)]) == Interval(3, 5)


# -- quantities -------------------------------------------------------------------------------


def test_periods_nest() -> None:
    assert periods_nest("2003", "2003-04")
    assert periods_nest("2003-04/2005-03", "2004-04/2005-03")
    assert not periods_nest("2006", "2007")
    assert periods_nest(None, "2007")
    assert period_days("2007-02-31") is None
    assert period_days("2008/2007") is None


def test_quantities_of_the_real_data_agree() -> None:
    ds = claimset.load(ROOT)
    troops = ds.quantity("us-troops-in-iraq-2003")
    assert troops.agreement == "agree"
    # 1.2.0: Daalder & Lake's "force of some 150,000 troops" does not say whose (no key).
    assert set(troops.sources) == {"wrong-lessons-2008"}
    assert troops.joint is not None and troops.joint.lower <= 150000 <= troops.joint.upper
    assert set(ds.quantities()) == {"us-troops-in-iraq-2003", "fallujah-deaths-2003-04"}
    with pytest.raises(KeyError, match="did you mean us-troops-in-iraq-2003"):
        ds.quantity("us-troops-in-iraq-2004")


def test_disagreeing_sources_are_a_warning_and_corroborate_exits_1(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(repo, STEELE, lambda d: claim_of(d, f"{STEELE}/shias-killed-after-1991-uprising").update(
        quantity="fallujah-deaths-2003-04", period="2003-04"))
    [problem] = problems(repo, "CS710")
    assert problem.severity.value == "warning" and "no value fits both" in problem.message
    assert claimset.validate(repo).ok
    assert main(["corroborate", "fallujah-deaths-2003-04", "--path", str(repo)]) == 1
    assert "disagree" in capsys.readouterr().out


def test_claims_of_different_periods_cannot_be_compared(repo: Path) -> None:
    edit(repo, STEELE, lambda d: claim_of(d, f"{STEELE}/fallujah-incursion-dead").update(
        period="2004"))
    [problem] = problems(repo, "CS711")
    assert "different periods" in problem.message and problem.severity.value == "note"


@pytest.mark.parametrize("format", ["text", "json", "markdown"])
def test_corroborate_prints_each_quantity(format: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corroborate", "--path", str(ROOT), "--format", format]) == 0
    out = capsys.readouterr().out
    assert "us-troops-in-iraq-2003" in out and "wrong-lessons-2008/us-troops-in-iraq" in out
    if format == "json":
        document = json.loads(out)
        [troops] = [q for q in document["quantities"] if q["key"] == "us-troops-in-iraq-2003"]
        assert troops["agreement"] == "agree" and len(troops["claims"]) == 2
        assert {"lower": 12, "upper": None, "lower_open": True, "upper_open": False} in [
            c["admits"] for q in document["quantities"] for c in q["claims"]]
    if format == "markdown":
        assert "| claim | source | says | admits | period |" in out


def test_corroborate_an_unknown_key_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corroborate", "no-such-key", "--path", str(ROOT)]) == 2
    assert "no quantity 'no-such-key'" in capsys.readouterr().err


def test_show_links_a_claim_to_its_relations_and_quantity(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", DOUBLE, "--path", str(ROOT), "--color", "never"]) == 0
    assert "relation:" in capsys.readouterr().out
    assert main(["show", "wrong-lessons-2008/us-troops-in-iraq", "--path", str(ROOT),
                 "--color", "never"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "quantity: us-troops-in-iraq-2003: agree" in out
    assert "wrong-lessons-2008/us-troops-when-baghdad-fell" in out
