"""``claimset validate --jobs N``: the same problems, in the same order, as ``--jobs 1``.

Two routes: on a checkout, workers read, parse and check whole sources
(:mod:`claimset.check.workers`); on a bundle (or with ``--base``), workers read the
figures only (:mod:`claimset.check.parallel`)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from claimset.check import parallel, workers
from claimset.check.api import read_and_check
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
    monkeypatch.setattr(workers, "MIN_PARALLEL_BYTES", 0)
    monkeypatch.setattr(workers, "BATCH_BYTES", 20_000)


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


def _write(path: Path, document: object) -> None:
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def broken_whole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every kind of problem a worker or this process must report, in one checkout: an
    unreadable file, a broken source object, schema problems in claims, a claim id used
    twice across files, a source file the index does not list and a listed one missing,
    and the damaged values and coverage of the fixture above."""
    root = synthetic.write_dataset(tmp_path_factory.mktemp("whole"), 30, 5, seed=9)
    files = sorted(p for p in (root / "dataset").glob("synth-*.json"))
    (root / "dataset" / "broken.json").write_text("{not json", encoding="utf-8")
    first = json.loads(files[0].read_text(encoding="utf-8"))
    first["source"]["id"] = 7                                              # CS104 on the source
    _write(files[0], first)
    second = json.loads(files[1].read_text(encoding="utf-8"))
    second["claims"][0]["quote"]["start"] = "zero"                         # CS104 in a claim
    second["claims"][1]["id"] = json.loads(files[2].read_text(encoding="utf-8"))[
        "claims"][0]["id"]                                                 # CS209, CS210
    _write(files[1], second)
    third = json.loads(files[3].read_text(encoding="utf-8"))
    third["claims"][0]["value"] = (third["claims"][0]["value"] or 0) + 7  # CS206
    del third["claims"][1]                                                  # CS401
    _write(files[3], third)
    shutil.copy(files[4], root / "dataset" / "unlisted.json")             # CS307, CS311, CS308
    index = json.loads((root / "dataset" / "index.json").read_text(encoding="utf-8"))
    index["sources"].append("gone")                                         # CS306
    _write(root / "dataset" / "index.json", index)
    return root


def test_workers_that_check_whole_sources_report_what_one_process_reports(
        broken_whole: Path, eager_workers: None) -> None:
    one = read_and_check(broken_whole, jobs=1, cache=False)[1].problems
    two = read_and_check(broken_whole, jobs=2, cache=False)[1].problems
    codes = {problem.code for problem in one}
    assert {"CS101", "CS104", "CS206", "CS209", "CS306", "CS307", "CS311", "CS401"} <= codes
    assert two == one
    assert read_and_check(broken_whole, jobs=3)[1].problems == one  # and through the cache


def test_a_dataset_with_relations_is_judged_here_from_its_documents(
        tmp_path: Path, eager_workers: None) -> None:
    """Relations and quantities cannot be settled from the summaries: this process reads
    the dataset and runs them, and finds what one process finds."""
    root = tmp_path / "repo"
    repository = Path(__file__).resolve().parents[1]
    for folder in ("dataset", "seeds"):
        shutil.copytree(repository / folder, root / folder)
    source = sorted((root / "dataset").glob("*.json"))[0]
    document = json.loads(source.read_text(encoding="utf-8"))
    related = next((claim for claim in document["claims"] if claim.get("relations")), None)
    if related is None:  # the dataset's relations live in another file: break any claim's
        related = document["claims"][0]
        related["relations"] = [{"kind": "ratio", "of": ["nowhere/x", "nowhere/y"],
                                 "qualifier": "exact", "value": 2}]
    else:
        related["relations"][0]["of"][0] = "nowhere/x"                      # CS701
    _write(source, document)
    one = read_and_check(root, jobs=1, cache=False)[1].problems
    two = read_and_check(root, jobs=2, cache=False)[1].problems
    assert two == one and any(problem.code.startswith("CS70") for problem in one)


def test_a_clean_checkout_is_never_read_by_this_process(tmp_path: Path, eager_workers: None,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = synthetic.write_dataset(tmp_path / "clean", 12, 5, seed=1)

    def refuse(path: Path) -> None:
        raise AssertionError("the dataset-wide checks were settled by the summaries")

    monkeypatch.setattr(workers, "read_dataset", refuse)
    raw, report = read_and_check(root, jobs=2, cache=False)
    assert report.ok and not report.problems
    assert len(raw.entries) == 12 and sum(len(entry.data["claims"]) for entry in raw.entries) == 60


def test_the_dataset_wide_proofs_hold_only_when_the_checks_are_silent(
        broken_whole: Path, damaged: Path) -> None:
    """Each ``quiet`` proof of the registry, on datasets that trip its check and datasets
    that do not: True only where the check reports nothing."""
    from claimset.check.context import EVERY_CHECK, summarize
    from claimset.check.documents import check_source_document
    from claimset.check.registry import REGISTRY

    repository = Path(__file__).resolve().parents[1]
    unsettled: dict[Path, set[str]] = {}
    for root in (broken_whole, damaged, repository):
        raw = read_dataset(root)
        sources = [checked for entry in raw.entries
                   for _, checked in [check_source_document(entry, raw)] if checked is not None]
        summaries = [summarize(checked) for checked in sources]
        for dataset_check in REGISTRY.dataset_checks():
            if dataset_check.quiet is not None and dataset_check.quiet(raw, summaries):
                assert not list(dataset_check.run(raw, sources, EVERY_CHECK)), (
                    root, dataset_check.name)
            elif dataset_check.quiet is not None:
                unsettled.setdefault(root, set()).add(dataset_check.name)
    assert {"membership", "claim ids"} <= unsettled[broken_whole]
    assert "relations" in unsettled[repository]
