"""Checks are data: the checker runs what ``claimset.check.registry`` lists, and no
check is skipped for a clean claim unless its own proof says it would find nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimset.check.checker import check_raw
from claimset.check.context import CheckOptions, ClaimUnderCheck
from claimset.check.registry import REGISTRY, ClaimCheck, Registry, SourceCheck
from claimset.core.codes import CATALOGUE
from claimset.core.problems import Problem
from claimset.store.layout import read_dataset

from conftest import demo_claims, write_checkout

LOAD = CheckOptions(values=False, coverage=False, canonical=False)


def _recorder(seen: list[str], *, layer: Any = "claims",
              proof: Any = None, name: str = "recorder") -> ClaimCheck:
    def run(under: ClaimUnderCheck) -> list[Problem]:
        seen.append(under.claim["id"])
        return [under.problem("CS212", "registered check ran", "/id")]

    return ClaimCheck(name=name, codes=("CS212",), layer=layer, reads=frozenset({"claim"}),
                      run=run, proof=proof)


def _clean_and_dirty(root: Path) -> Path:
    """One clean claim (every proof holds) and one whose quote is wrong."""
    claims = demo_claims()
    claims[1]["quote"]["start"] += 1
    return write_checkout(root, claims=claims)


@pytest.mark.parametrize("options", [CheckOptions(), LOAD], ids=["validate", "load"])
def test_a_registered_check_runs_on_clean_and_dirty_claims(tmp_path: Path,
                                                           options: CheckOptions) -> None:
    raw = read_dataset(_clean_and_dirty(tmp_path))
    seen: list[str] = []
    report = check_raw(raw, options=options, registry=REGISTRY.with_check(_recorder(seen)))
    assert seen == ["demo/troops", "demo/cost"]
    assert [p.message for p in report.problems].count("registered check ran") == 2
    assert "CS201" in report.codes()  # the dirty claim's own problem is still reported


def test_clean_claims_take_the_fast_path_only_through_proofs(tmp_path: Path) -> None:
    raw = read_dataset(write_checkout(tmp_path, claims=demo_claims()[:1]))  # one clean claim
    proven: list[str] = []
    unproven: list[str] = []
    registry = (REGISTRY.with_check(_recorder(proven, name="proven", proof=lambda c, t: True))
                .with_check(_recorder(unproven, name="unproven", proof=lambda c, t: False)))
    check_raw(raw, options=LOAD, registry=registry)
    assert proven == []
    assert unproven == ["demo/troops"]


def test_a_check_placed_after_another_runs_in_that_order(tmp_path: Path) -> None:
    raw = read_dataset(write_checkout(tmp_path))
    order: list[str] = []
    first = _recorder(order, name="first")
    second = ClaimCheck(name="second", codes=("CS212",), layer="claims",
                        reads=frozenset({"claim", "earlier"}),
                        run=lambda under: order.append("first" in under.failed) or [])
    registry = REGISTRY.with_check(second).with_check(first, after="review")
    check_raw(raw, options=LOAD, registry=registry)
    assert order == ["demo/troops", True, "demo/cost", True]


def test_a_disabled_layer_does_not_run(tmp_path: Path) -> None:
    raw = read_dataset(write_checkout(tmp_path))
    seen: list[str] = []
    check_raw(raw, options=LOAD, registry=REGISTRY.with_check(_recorder(seen, layer="values")))
    assert seen == []
    check_raw(raw, registry=REGISTRY.with_check(_recorder(seen, layer="values")))
    assert seen == ["demo/troops", "demo/cost"]


def test_a_registered_source_check_runs_once_per_source(tmp_path: Path) -> None:
    raw = read_dataset(write_checkout(tmp_path))
    seen: list[tuple[str, int]] = []
    check = SourceCheck(name="per source", codes=(), layer="sources",
                        reads=frozenset({"document"}),
                        run=lambda checked, candidates: seen.append(
                            (checked.source_id, len(candidates))) or [])
    check_raw(raw, options=LOAD, registry=REGISTRY.with_check(check))
    assert seen == [("demo", 0)]  # nothing it reads needs the extractor


def test_only_checks_that_read_figures_make_the_checker_extract() -> None:
    assert REGISTRY.needs_extraction()
    assert not REGISTRY.enabled(LOAD).needs_extraction()
    assert REGISTRY.enabled(CheckOptions(coverage=False)).needs_extraction()


def test_the_registry_refuses_two_checks_of_one_name() -> None:
    with pytest.raises(ValueError, match="unique"):
        REGISTRY.with_check(_recorder([], name="citation"))
    with pytest.raises(ValueError, match="layer"):
        Registry((_recorder([], layer="nowhere"),))


def test_every_registered_code_is_a_known_code() -> None:
    assert REGISTRY.codes() <= set(CATALOGUE)


def test_every_claim_and_coverage_code_belongs_to_a_registered_check() -> None:
    # CS2xx are the claims' codes, CS4xx coverage's: each is reported by a declared check.
    claim_codes = {code for code in CATALOGUE if code[2] in "24"}
    missing = sorted(claim_codes - REGISTRY.codes())
    assert not missing, (f"{missing}: add each to the `codes` of the check that reports it in "
                         "REGISTRY (src/claimset/check/registry.py)")
