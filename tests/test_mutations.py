"""Corruption caught: a few hundred seeded corruptions, each caught with the right code.

The catalogue is benchmarks/mutations.py (the benchmark prints the same table
for the real dataset).  Here it runs on a small synthetic dataset that is
valid by construction, so every new error is the corruption's.  Coverage is
left out to keep the file fast; the codes asserted do not depend on it.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import claimset
from claimset import testing as synthetic

from conftest import benchmark_module

mutations = benchmark_module("mutations")

PER_KIND = 20
VALUES = mutations.extractor_available()
CATCHABLE = [kind for kind in mutations.CATALOGUE if kind.catchable]
NOT_CATCHABLE = [kind for kind in mutations.CATALOGUE if not kind.catchable]


@pytest.fixture(scope="module")
def tree() -> synthetic.Tree:
    return synthetic.build_tree(3, 12, seed=7)


@pytest.fixture(scope="module")
def real_tree() -> synthetic.Tree:
    """The repository's own dataset and seeds: the only data with relations to corrupt."""
    root = Path(__file__).resolve().parents[1]
    return {str(path.relative_to(root)): path.read_bytes()
            for folder in ("dataset", "seeds") for path in sorted((root / folder).iterdir())
            if path.is_file()}


def test_the_synthetic_dataset_is_valid(tree: synthetic.Tree, tmp_path: Path) -> None:
    root = synthetic.write_tree(tree, tmp_path / "repo")
    report = claimset.validate(root, values=VALUES, coverage=VALUES)
    assert report.ok, [f"{p.location}: {p.code} {p.message}" for p in report.problems]
    assert not report.problems


def _run(tree: synthetic.Tree, kind: mutations.Kind, count: int,
         tmp_path: Path) -> list[mutations.Outcome]:
    results = mutations.run(tree, per_kind=count, seed=11, values=VALUES, coverage=False,
                            kinds=(kind,), workdir=tmp_path)
    return results[kind.name]


@pytest.mark.parametrize("kind", CATCHABLE, ids=lambda kind: kind.name)
def test_every_corruption_is_caught_with_its_code(tree: synthetic.Tree,
                                                  real_tree: synthetic.Tree,
                                                  kind: mutations.Kind, tmp_path: Path) -> None:
    outcomes = _run(tree, kind, PER_KIND, tmp_path)
    if not outcomes:  # the synthetic data has nothing this kind corrupts (relations)
        outcomes = _run(real_tree, kind, 5, tmp_path)
    assert outcomes, f"{kind.name} found nothing to corrupt, even in the real dataset"
    missed = [(o.mutation.detail, sorted(o.mutation.expected), sorted(o.new_codes))
              for o in outcomes if not o.right]
    assert not missed, f"{kind.name}: not caught with the expected code: {missed}"


@pytest.mark.parametrize("kind", NOT_CATCHABLE, ids=lambda kind: kind.name)
def test_what_a_citation_check_cannot_see_stays_documented(
        tree: synthetic.Tree, kind: mutations.Kind, tmp_path: Path) -> None:
    # If this fails, the checker learnt to catch the kind: make it catchable in
    # the catalogue with its code, and update docs/robustness.md.
    outcomes = _run(tree, kind, 5, tmp_path)
    assert outcomes
    assert not any(o.caught for o in outcomes), [o.mutation.detail for o in outcomes if o.caught]


def test_mutations_are_reproducible(tree: synthetic.Tree) -> None:
    kind = CATCHABLE[0]
    first = [m.detail for m in mutations.mutations(tree, kind, 5, random.Random(3), values=True)]
    again = [m.detail for m in mutations.mutations(tree, kind, 5, random.Random(3), values=True)]
    assert first == again


def test_the_benchmark_never_writes_to_the_tree_it_reads(tree: synthetic.Tree,
                                                         tmp_path: Path) -> None:
    before = dict(tree)
    mutations.run(tree, per_kind=1, values=False, coverage=False, workdir=tmp_path)
    assert tree == before
    assert not list(tmp_path.iterdir())  # its temporary copies are gone
