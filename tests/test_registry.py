"""Checks are data: the checker runs what ``claimset.check.registry`` lists, and no
check is skipped for a clean claim unless its own proof says it would find nothing.

What a check depends on is declared (``needs``, ``reads``, the registry's
``reading_after``), never inferred: a check added by CONTRIBUTING's recipe, of any
layer, reading anything, needing anything, leaves every other check's problems as
they were (the property test at the end, over registrations and broken datasets).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimset.check.checker import check, checked_sources
from claimset.check.context import CheckedSource, CheckOptions, ClaimUnderCheck
from claimset.check.registry import (
    LAYERS,
    READS,
    REGISTRY,
    ClaimCheck,
    DatasetCheck,
    Registry,
    SourceCheck,
)
from claimset.core.codes import CATALOGUE
from claimset.core.problems import Problem, Report
from claimset.store.layout import RawDataset, read_dataset

from conftest import DEMO_TEXT, demo_claims, make_claim, write_checkout

LOAD = CheckOptions(values=False, coverage=False, canonical=False, meaning=False)
EVERY = CheckOptions()


def _recorder(seen: list[str], *, layer: Any = "claims", proof: Any = None,
              name: str = "recorder", **declared: Any) -> ClaimCheck:
    def run(under: ClaimUnderCheck) -> list[Problem]:
        seen.append(under.claim["id"])
        return [under.problem("CS212", "registered check ran", "/id")]

    return ClaimCheck(name=name, codes=("CS212",), layer=layer, run=run, proof=proof,
                      **declared)


def _clean_and_dirty(root: Path) -> Path:
    """One clean claim (every proof holds) and one whose quote is wrong."""
    claims = demo_claims()
    claims[1]["quote"]["start"] += 1
    return write_checkout(root, claims=claims)


@pytest.mark.parametrize("options", [EVERY, LOAD], ids=["validate", "load"])
def test_a_registered_check_runs_on_clean_and_dirty_claims(tmp_path: Path,
                                                           options: CheckOptions) -> None:
    raw = read_dataset(_clean_and_dirty(tmp_path))
    seen: list[str] = []
    report = check(raw, options=options, registry=REGISTRY.with_check(_recorder(seen)))
    assert seen == ["demo/troops", "demo/cost"]
    assert [p.message for p in report.problems].count("registered check ran") == 2
    assert "CS201" in report.codes()  # the dirty claim's own problem is still reported


def test_clean_claims_take_the_fast_path_only_through_proofs(tmp_path: Path) -> None:
    raw = read_dataset(write_checkout(tmp_path, claims=demo_claims()[:1]))  # one clean claim
    proven: list[str] = []
    unproven: list[str] = []
    registry = (REGISTRY.with_check(_recorder(proven, name="proven", proof=lambda c, t: True))
                .with_check(_recorder(unproven, name="unproven", proof=lambda c, t: False)))
    check(raw, options=LOAD, registry=registry)
    assert proven == []
    assert unproven == ["demo/troops"]


def test_a_check_placed_after_another_runs_in_that_order(tmp_path: Path) -> None:
    raw = read_dataset(write_checkout(tmp_path))
    order: list[str] = []
    first = _recorder(order, name="first")
    second = ClaimCheck(name="second", codes=("CS212",), layer="claims",
                        run=lambda under: order.append("first" in under.failed) or [])
    registry = REGISTRY.with_check(second).with_check(first, after="review")
    check(raw, options=LOAD, registry=registry)
    assert order == ["demo/troops", True, "demo/cost", True]


def test_a_check_that_needs_another_runs_only_where_that_one_passed(tmp_path: Path) -> None:
    raw = read_dataset(_clean_and_dirty(tmp_path))
    seen: list[str] = []
    check(raw, options=LOAD, registry=REGISTRY.with_check(
        _recorder(seen, needs=("citation",))))
    assert seen == ["demo/troops"]  # the cost claim's quote is wrong: the citation failed


def test_the_figure_is_read_in_context_only_after_the_citation_holds(tmp_path: Path) -> None:
    raw = read_dataset(_clean_and_dirty(tmp_path))
    readings: dict[str, Any] = {}

    def run(under: ClaimUnderCheck) -> list[Problem]:
        readings[under.claim["id"]] = under.reading
        return []

    check(raw, registry=REGISTRY.with_check(ClaimCheck(
        name="reader", codes=(), layer="claims", reads=frozenset({"reading"}), run=run)))
    assert readings["demo/troops"].text == "150,000"
    assert readings["demo/cost"] is None


def test_a_new_check_that_reads_the_text_switches_no_other_check_off(tmp_path: Path) -> None:
    """The defect issue 23 found: a claims check reading the text, failing, took the
    figure's reading from the qualifier check (CS214 vanished)."""
    claims = demo_claims()
    claims[0]["qualifier"] = "exact"  # the text says "some": CS214
    raw = read_dataset(write_checkout(tmp_path, claims=claims))
    assert "CS214" in check(raw).codes()
    nosy = ClaimCheck(name="nosy", codes=("CS212",), layer="claims",
                      run=lambda under: [under.problem("CS212", "nosy", "/quote")] if (
                          under.source.text) else [])
    for place in (None, "review", "citation"):
        assert "CS214" in check(raw, registry=REGISTRY.with_check(nosy, after=place)).codes()


def test_a_disabled_layer_does_not_run(tmp_path: Path) -> None:
    raw = read_dataset(write_checkout(tmp_path))
    seen: list[str] = []
    check(raw, options=LOAD, registry=REGISTRY.with_check(_recorder(seen, layer="values")))
    assert seen == []
    check(raw, registry=REGISTRY.with_check(_recorder(seen, layer="values")))
    assert seen == ["demo/troops", "demo/cost"]


def test_a_check_needing_a_disabled_check_still_runs(tmp_path: Path) -> None:
    raw = read_dataset(write_checkout(tmp_path))
    seen: list[str] = []
    check(raw, options=LOAD, registry=REGISTRY.with_check(_recorder(seen, needs=("value",))))
    assert seen == ["demo/troops", "demo/cost"]  # "value" is off when loading: it never failed


def test_a_registered_source_check_runs_once_per_source(tmp_path: Path) -> None:
    raw = read_dataset(write_checkout(tmp_path))
    seen: list[tuple[str, int]] = []
    source_check = SourceCheck(name="per source", codes=(), layer="sources",
                               run=lambda checked, candidates: seen.append(
                                   (checked.source_id, len(candidates))) or [])
    check(raw, options=LOAD, registry=REGISTRY.with_check(source_check))
    assert seen == [("demo", 0)]  # nothing it reads needs the extractor


def test_only_checks_that_read_figures_make_the_checker_extract() -> None:
    assert REGISTRY.needs_extraction()
    assert not REGISTRY.enabled(LOAD).needs_extraction()
    assert REGISTRY.enabled(CheckOptions(coverage=False)).needs_extraction()


def test_the_route_yields_the_dataset_first_then_each_source(tmp_path: Path) -> None:
    raw = read_dataset(write_checkout(tmp_path))
    verdicts = list(checked_sources(raw))
    assert verdicts[0].source is None
    assert [v.source.source_id for v in verdicts[1:] if v.source is not None] == ["demo"]
    assert verdicts[1].usable and verdicts[1].candidates  # validate reads the figures
    assert not list(checked_sources(raw, options=LOAD))[1].candidates


@pytest.mark.parametrize(("make", "message"), [
    (lambda: REGISTRY.with_check(_recorder([], name="citation")), "unique"),
    (lambda: Registry((_recorder([], layer="nowhere"),)), "layer"),
    (lambda: REGISTRY.with_check(_recorder([], reads=frozenset({"text"}))), "read only"),
    (lambda: REGISTRY.with_check(_recorder([], needs=("later",))), "registered before"),
    (lambda: REGISTRY.with_check(_recorder([], needs=("qualifier",)), after="review"),
     "registered before"),
    (lambda: REGISTRY.with_check(_recorder([], reads=frozenset({"reading"})), after="review"),
     "after"),
])
def test_the_registry_refuses_what_it_cannot_honour(make: Callable[[], Registry],
                                                    message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def test_every_registered_code_is_a_known_code() -> None:
    assert REGISTRY.codes() <= set(CATALOGUE)


def test_every_claim_and_coverage_code_belongs_to_a_registered_check() -> None:
    # CS2xx are the claims' codes, CS4xx coverage's: each is reported by a declared check.
    claim_codes = {code for code in CATALOGUE if code[2] in "24"}
    missing = sorted(claim_codes - REGISTRY.codes())
    assert not missing, (f"{missing}: add each to the `codes` of the check that reports it in "
                         "REGISTRY (src/claimset/check/registry.py)")


# -- any check added by the recipe leaves the others' problems unchanged ------------------

_MARK = "added by the property test"


def _broken_datasets(root: Path) -> list[RawDataset]:
    """Datasets that trip every kind of claim check, each in its own way."""
    text = DEMO_TEXT + "It cost 12 lives.\n"
    base = demo_claims(text)
    variants: list[list[dict[str, Any]]] = [copy.deepcopy(base) for _ in range(7)]
    variants[1][0]["quote"]["start"] += 1                      # citation (CS201)
    variants[2][0]["value"] = 150001                           # value (CS206)
    variants[3][0]["qualifier"] = "exact"                      # qualifier (CS214)
    variants[4][1]["upper"] = 1                                # bounds (CS213)
    variants[5][1]["review"] = "placed fuzzily"                # review (CS212)
    variants[6][0]["figure"]["start"] += 1                     # figure and value together
    variants[6][1]["quote"]["text"] = "changed"
    variants.append([*copy.deepcopy(base), make_claim(text, "lives", "It cost 12 lives.", "12",
                                                      12, unit="lives")])
    datasets = []
    for number, claims in enumerate(variants):
        datasets.append(read_dataset(write_checkout(root / str(number), text=text,
                                                    claims=claims)))
    datasets.append(read_dataset(write_checkout(root / "schema", text=text, claims=[
        {**base[0], "qualifier": "roughly"}, base[1]])))
    return datasets


_FIRES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "always": lambda claim: True,
    "never": lambda claim: False,
    "on even quotes": lambda claim: claim["quote"]["start"] % 2 == 0,
    "on hedged claims": lambda claim: claim.get("qualifier") != "exact",
}


@st.composite
def _registrations(draw: st.DrawFn) -> tuple[Any, str | None]:
    kind = draw(st.sampled_from(["claim", "source", "dataset"]))
    layer = draw(st.sampled_from(LAYERS))
    fires = _FIRES[draw(st.sampled_from(sorted(_FIRES)))]
    names = [c.name for c in REGISTRY.checks]
    after = draw(st.sampled_from([None, *names]))
    if kind == "dataset":
        def run_dataset(raw: RawDataset, sources: list[CheckedSource],
                        options: CheckOptions) -> list[Problem]:
            return [s.problem("CS212", _MARK, "/source") for s in sources
                    if fires({"quote": {"start": len(s.source_id)}, "qualifier": "x"})]
        return DatasetCheck(name="added", codes=("CS212",), layer=layer,
                            run=run_dataset), after
    reads = frozenset(draw(st.sets(st.sampled_from(READS))))
    if kind == "source":
        def run_source(checked: CheckedSource, candidates: list[Any]) -> list[Problem]:
            return [checked.problem("CS212", _MARK, "/source")] if candidates or fires(
                {"quote": {"start": 0}, "qualifier": "x"}) else []
        return SourceCheck(name="added", codes=("CS212",), layer=layer, reads=reads,
                           run=run_source), after
    # A claim check: it may need any claim check before it, read the figure only after
    # the checks that place it, and carry a proof only if it is exact (the recipe's rule).
    position = len(names) if after is None else names.index(after) + 1
    before = [c.name for c in REGISTRY.checks[:position] if isinstance(c, ClaimCheck)]
    if "reading" in reads and not set(REGISTRY.reading_after) <= set(before):
        reads = reads - {"reading"}
    needs = tuple(draw(st.lists(st.sampled_from(before), unique=True, max_size=2))
                  if before else [])

    def run_claim(under: ClaimUnderCheck) -> list[Problem]:
        failed_before = bool(under.failed)
        return [under.problem("CS212", _MARK, "/id")] if fires(under.claim) or (
            failed_before and fires is _FIRES["always"]) else []

    exact = draw(st.booleans())
    proof = (lambda claim, text: not fires(claim)) if exact and fires is not _FIRES[
        "always"] else None
    return ClaimCheck(name="added", codes=("CS212",), layer=layer, reads=reads, needs=needs,
                      run=run_claim, proof=proof), after


def _others(report: Report) -> list[Problem]:
    return [problem for problem in report.problems if problem.message != _MARK]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[RawDataset, CheckOptions,
                                                                   list[Problem]]]:
    root = tmp_path_factory.mktemp("broken")
    return [(raw, options, list(check(raw, options=options).problems))
            for raw in _broken_datasets(root) for options in (EVERY, LOAD)]


def test_the_broken_datasets_trip_every_claim_check(
        broken: list[tuple[RawDataset, CheckOptions, list[Problem]]]) -> None:
    codes = {problem.code for _, _, problems in broken for problem in problems}
    assert {"CS201", "CS206", "CS212", "CS213", "CS214", "CS104", "CS401"} <= codes


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(registration=_registrations())
def test_a_check_added_by_the_recipe_leaves_every_other_problem_unchanged(
        broken: list[tuple[RawDataset, CheckOptions, list[Problem]]],
        registration: tuple[Any, str | None]) -> None:
    added, after = registration
    registry = REGISTRY.with_check(added, after=after)
    for raw, options, expected in broken:
        assert _others(check(raw, options=options, registry=registry)) == expected
