"""``claimset validate --jobs N``: the same problems, in the same order, as ``--jobs 1``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from claimset.check import parallel
from claimset.check.checker import check
from claimset.cli import main
from claimset.store.layout import read_dataset

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import synthetic


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 sources, with values, figures, qualifiers and coverage broken in many of them."""
    root = synthetic.write_dataset(tmp_path_factory.mktemp("damaged"), 40, 6, seed=3)
    for number, path in enumerate(sorted((root / "dataset").glob("synth-*.json"))):
        document = json.loads(path.read_text(encoding="utf-8"))
        claims = document["claims"]
        if number % 3 == 0:
            claims[0]["value"] = (claims[0]["value"] or 0) + 1            # CS206
        if number % 4 == 1:
            del claims[1]                                                  # CS401
        if number % 5 == 2:
            claims[2]["qualifier"] = "more than"                           # CS214 ...
        if number % 7 == 3:
            claims[0]["figure"]["text"] = "nothing"                        # CS202
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    return root


@pytest.fixture
def eager_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers start at once and take small batches, so the test dataset crosses them."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL_CHARACTERS", 0)
    monkeypatch.setattr(parallel, "BATCH_CHARACTERS", 5000)


def test_two_workers_report_the_same_problems_in_the_same_order(damaged: Path,
                                                                eager_workers: None) -> None:
    raw = read_dataset(damaged)
    one = check(raw, jobs=1).problems
    two = check(raw, jobs=2).problems
    assert len(one) > 20 and {"CS206", "CS401", "CS202"} <= {problem.code for problem in one}
    assert two == one


def test_the_command_prints_the_same_report(damaged: Path, eager_workers: None, capsys) -> None:
    outputs = []
    for jobs in ("1", "2"):
        assert main(["validate", str(damaged), "--format", "json", "--jobs", jobs]) == 1
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]


def test_a_small_dataset_starts_no_worker(damaged: Path, monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", refuse)
    raw = read_dataset(damaged)
    assert check(raw, jobs=4).problems == check(raw, jobs=1).problems


def test_jobs_must_be_positive(damaged: Path, capsys) -> None:
    assert main(["validate", str(damaged), "--jobs", "0"]) == 2
    assert "CS001 --jobs must be at least 1" in capsys.readouterr().err
