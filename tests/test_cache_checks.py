"""The checker with the grammar cache reports exactly what it reports without it.

A cached dataset is corrupted at random (the catalogue of benchmarks/mutations.py:
offsets, values, qualifiers, units, seed texts, hashes, ids, paths, JSON), one to three
corruptions at a time (hypothesis), and validated with the cache warm from the clean
dataset and with the cache off: every problem, in the same order.  Then the command:
``--no-cache``, the environment, a cache inside the data, and ``--jobs 2`` over a
warm cache.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimset
from claimset import testing as synthetic
from claimset.check import parallel
from claimset.cli import main
from claimset.store.cache import DATABASE

from conftest import benchmark_module

mutations = benchmark_module("mutations")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache of this module's own, for the module (hypothesis reuses it between examples)."""
    folder = tmp_path_factory.mktemp("grammar-cache")
    before = os.environ.get("CLAIMSET_CACHE_DIR")
    os.environ["CLAIMSET_CACHE_DIR"] = str(folder)
    try:
        yield folder
    finally:
        if before is not None:
            os.environ["CLAIMSET_CACHE_DIR"] = before


@pytest.fixture(scope="module")
def trees(cache_folder: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> dict[str, synthetic.Tree]:
    """A synthetic dataset and the repository's own (the one with relations), each
    validated once so that the cache holds every text's figures."""
    real = {str(path.relative_to(ROOT)): path.read_bytes()
            for folder in ("dataset", "seeds") for path in sorted((ROOT / folder).iterdir())
            if path.is_file()}
    found = {"synthetic": synthetic.build_tree(3, 12, seed=7), "real": real}
    for name, tree in found.items():
        root = synthetic.write_tree(tree, tmp_path_factory.mktemp(name) / "repo")
        assert claimset.validate(root).ok
    database = sqlite3.connect(cache_folder / DATABASE)
    assert database.execute("SELECT count(*) FROM figures").fetchone()[0] >= 7
    database.close()
    return found


def _both(tree: synthetic.Tree) -> tuple[claimset.Report, claimset.Report]:
    with tempfile.TemporaryDirectory(prefix="claimset-cache-check-") as scratch:
        root = synthetic.write_tree(tree, Path(scratch) / "repo")
        return claimset.validate(root), claimset.validate(root, cache=False)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(which=st.sampled_from(["synthetic", "real"]),
       kinds=st.lists(st.sampled_from(mutations.CATALOGUE), min_size=1, max_size=3),
       seed=st.integers(0, 2**32 - 1))
def test_every_problem_reported_without_the_cache_is_reported_with_it(
        trees: dict[str, synthetic.Tree], which: str, kinds: list[mutations.Kind],
        seed: int) -> None:
    tree = trees[which]
    rng = random.Random(seed)
    for kind in kinds:
        try:
            mutation = kind.apply(tree, rng)
        except ValueError:  # the catalogue corrupts clean data: not data it made unwritable
            break
        if mutation is not None:
            tree = mutation.tree
    cached, uncached = _both(tree)
    assert cached.problems == uncached.problems


@pytest.mark.parametrize("kind", mutations.CATALOGUE, ids=lambda kind: kind.name)
def test_each_kind_of_corruption_is_reported_alike_with_a_warm_cache(
        trees: dict[str, synthetic.Tree], kind: mutations.Kind) -> None:
    for tree in trees.values():
        mutation = kind.apply(tree, random.Random(5))
        if mutation is None:
            continue
        cached, uncached = _both(mutation.tree)
        assert cached.problems == uncached.problems, kind.name
        if kind.catchable and mutation.expected:
            assert cached.codes() & mutation.expected, (kind.name, cached.codes())


def test_the_command_uses_the_cache_unless_told_not_to(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = synthetic.write_dataset(tmp_path / "repo", 3, 5, seed=2)
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAIMSET_CACHE_DIR", str(folder))
    assert main(["validate", str(root), "--no-cache"]) == 0
    assert not folder.exists()  # not even made
    monkeypatch.setenv("CLAIMSET_NO_CACHE", "1")
    assert main(["validate", str(root)]) == 0
    assert not folder.exists()
    monkeypatch.delenv("CLAIMSET_NO_CACHE")
    capsys.readouterr()
    assert main(["validate", str(root), "--format", "json"]) == 0
    first = capsys.readouterr().out
    database = sqlite3.connect(folder / DATABASE)
    assert database.execute("SELECT count(*) FROM figures").fetchone()[0] == 3
    database.close()
    assert main(["validate", str(root), "--format", "json"]) == 0  # warm: the same report
    assert capsys.readouterr().out == first


def test_a_cache_inside_the_checkout_is_refused_and_nothing_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = synthetic.write_dataset(tmp_path / "repo", 2, 4, seed=1)
    monkeypatch.setenv("CLAIMSET_CACHE_DIR", str(root / "seeds" / ".cache"))
    assert main(["validate", str(root)]) == 2
    error = capsys.readouterr().err
    assert "CS910" in error and "outside the data" in error
    assert not (root / "seeds" / ".cache").exists()
    assert main(["validate", str(root), "--no-cache"]) == 0  # the way out the hint gives


def test_two_workers_over_a_warm_cache_start_no_worker_and_agree(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARACTERS", 0)
    monkeypatch.setattr(parallel, "BATCH_CHARACTERS", 5000)
    monkeypatch.setenv("CLAIMSET_CACHE_DIR", str(tmp_path / "cache"))
    root = synthetic.write_dataset(tmp_path / "repo", 12, 6, seed=4)
    document = root / "dataset" / sorted(p.name for p in (root / "dataset").iterdir()
                                         if p.name != "index.json")[0]
    data = json.loads(document.read_text(encoding="utf-8"))
    data["claims"][0]["value"] = (data["claims"][0]["value"] or 0) + 1
    document.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    from claimset.check.api import read_and_check

    cold = read_and_check(root, jobs=2)[1]  # workers read the texts, the cache keeps them
    uncached = read_and_check(root, jobs=1, cache=False)[1]
    assert cold.problems == uncached.problems and "CS206" in cold.codes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm cache needs no worker")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    assert read_and_check(root, jobs=2)[1].problems == uncached.problems
