"""``validate --jobs N`` on a checkout: workers read, parse, check and read the figures of
their sources; this process lists the files, merges the problems in order, and runs the
dataset-wide checks, reading no source itself unless one of them needs it.

Each worker takes a batch of source files and, for each, does everything the checker's
route does for one source (:func:`claimset.check.checker.checked_sources`): reading and
parsing the file, its schema and pinned text (:func:`~claimset.check.documents.
check_source_document`), its figures (through the grammar cache, which each worker opens
for itself), its claim checks and its source checks (:func:`~claimset.check.checker.
source_problems`).  It sends back its problems and a :class:`~claimset.check.context.
SourceSummary`, never the parsed document.  This process puts the problems in the
checker's order (the reading problems, each file's document problems, the dataset-wide
checks', then each source's), so ``--jobs N`` reports what ``--jobs 1`` reports
(``tests/test_parallel_validation.py``).

A dataset-wide check settles itself from the summaries through its ``quiet`` proof
(:class:`~claimset.check.registry.DatasetCheck`); when one cannot (a relation, a
quantity, a repeated id), this process reads the dataset and runs every such check on it,
as ``--jobs 1`` does.  Bundles, and ``--base``'s version policy, which reads the
whole dataset, take the checker's route, with workers reading the figures only
(:mod:`claimset.check.parallel`).

Workers start from a forkserver that has imported the checker and the grammar, so a
worker costs a fork, not an interpreter's start-up and imports.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import attrs

from claimset.check._fast import collector_paused
from claimset.check.checker import figures_of, source_problems
from claimset.check.claims import figures_read_by
from claimset.check.context import CheckedSource, CheckOptions, SourceSummary, summarize
from claimset.check.documents import check_source_document
from claimset.check.registry import REGISTRY
from claimset.core.problems import Problem, Report
from claimset.store.jsonio import JsonFile
from claimset.store.layout import (
    DATASET_DIR,
    RawDataset,
    SourceEntry,
    list_checkout,
    read_dataset,
    read_source_file,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from claimset.store.cache import GrammarCache

__all__ = ["BATCH_BYTES", "MIN_PARALLEL_BYTES", "check_in_workers"]

#: Dataset JSON (bytes) a checkout must hold before workers are started at all: below it,
#: starting them costs more than they save.
MIN_PARALLEL_BYTES = 4 * 1024 * 1024
#: About how much dataset JSON one task carries (several tasks per worker even out the
#: last ones).
BATCH_BYTES = 1024 * 1024


@attrs.frozen
class FileOutcome:
    """What a worker found in one source file."""

    name_id: str
    read_problems: tuple[Problem, ...]
    document_problems: tuple[Problem, ...]
    summary: SourceSummary | None
    source_problems: tuple[Problem, ...]
    claim_count: int = 0


def check_in_workers(root: Path, *, options: CheckOptions, jobs: int,
                     cache: GrammarCache | None) -> tuple[RawDataset, Report] | None:
    """The report of the checkout at ``root``, its sources checked by ``jobs`` worker
    processes; None when the checkout is too small for workers to pay (the caller checks
    it in this process).  The :class:`RawDataset` returned holds the index and, for each
    source file, only its source id and claim ids (the workers hold the documents)."""
    listing = list_checkout(root)
    sizes = []
    for path in listing.files:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)
    if jobs <= 1 or sum(sizes) < MIN_PARALLEL_BYTES:
        return None
    batches: list[list[str]] = [[]]
    held = 0
    for path, size in zip(listing.files, sizes, strict=True):
        if held >= BATCH_BYTES:
            batches.append([])
            held = 0
        batches[-1].append(os.fspath(path))
        held += size
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
        futures = [pool.submit(_check_batch, os.fspath(root), batch, options, cache is not None)
                   for batch in batches]
        outcomes = [outcome for future in futures for outcome in future.result()]
    if cache is not None:
        cache.evict()  # the workers wrote; the bound holds after them too
    return _merge(root, listing.index, listing.problems, outcomes, options)


def _merge(root: Path, index: JsonFile | None, listed: tuple[Problem, ...],
           outcomes: list[FileOutcome], options: CheckOptions) -> tuple[RawDataset, Report]:
    """The workers' problems in the order the checker's route reports them."""
    problems = [*listed, *(problem for outcome in outcomes for problem in outcome.read_problems)]
    readable = [outcome for outcome in outcomes if not outcome.read_problems]
    raw = RawDataset(kind="checkout", root=root, index=index, index_pointer="",
                     entries=tuple(_light_entry(outcome) for outcome in readable),
                     problems=tuple(problems),
                     unreadable=frozenset(o.name_id for o in outcomes if o.read_problems))
    for outcome in readable:
        problems.extend(outcome.document_problems)
    summaries = [outcome.summary for outcome in readable if outcome.summary is not None]
    enabled = REGISTRY.enabled(options)
    checks = enabled.dataset_checks()
    settled = all(not check.reads_sources or (check.quiet is not None
                                              and check.quiet(raw, summaries))
                  for check in checks)
    full: tuple[RawDataset, list[CheckedSource]] | None = None
    for check in checks:
        if not check.reads_sources:
            problems.extend(check.run(raw, [], options))
        elif not settled:
            full = full or _read_for_dataset_checks(root, summaries)
            problems.extend(check.run(full[0], full[1], options))
    for outcome in readable:
        problems.extend(outcome.source_problems)
    return raw, Report.of(problems)


def _read_for_dataset_checks(root: Path, summaries: list[SourceSummary]
                             ) -> tuple[RawDataset, list[CheckedSource]]:
    """The dataset read here, each source as the workers found it (its source id and the
    pointers its schema failed at): what a dataset-wide check that is not quiet reads."""
    raw = read_dataset(root)
    by_name = {summary.name_id: summary for summary in summaries}
    sources = [CheckedSource(entry=entry, source_id=by_name[entry.name_id].source_id, text=None,
                             failed=by_name[entry.name_id].failed)
               for entry in raw.entries if entry.name_id in by_name]
    return raw, sources


def _light_entry(outcome: FileOutcome) -> SourceEntry:
    summary = outcome.summary
    claims: list[dict[str, Any]] = []
    data: dict[str, Any] = {"claims": claims}
    if summary is not None:
        data["source"] = {"id": summary.source_id}
        claims.extend({"id": claim_id} for claim_id in summary.claim_ids)
    claims.extend({} for _ in range(outcome.claim_count - len(claims)))
    file = JsonFile(file=f"{DATASET_DIR}/{outcome.name_id}.json", data=data, source=[""])
    return SourceEntry(file=file, pointer="", data=data, name_id=outcome.name_id)


# -- in the workers --------------------------------------------------------------------

_WORKER_CACHE: dict[str, Any] = {}


def _worker_cache(enabled: bool) -> GrammarCache | None:
    """This worker's connection to the grammar cache, opened once."""
    if not enabled:
        return None
    if "cache" not in _WORKER_CACHE:
        from claimset.store.cache import open_cache

        _WORKER_CACHE["cache"] = open_cache()
    cache: GrammarCache | None = _WORKER_CACHE["cache"]
    return cache


def _check_batch(root: str, paths: list[str], options: CheckOptions,
                 cache_on: bool) -> list[FileOutcome]:
    """Read, parse and check each source file of ``paths`` (see the module's docstring)."""
    base = Path(root)
    enabled = REGISTRY.enabled(options)
    extracting = enabled.needs_extraction()
    cache = _worker_cache(cache_on and extracting)
    claim_checks, source_checks = enabled.claim_checks(), enabled.source_checks()
    outcomes: list[FileOutcome] = []
    with collector_paused(), figures_read_by(cache):
        for name in paths:
            path = Path(name)
            entry, read_problems = read_source_file(base, path)
            if entry is None:
                outcomes.append(FileOutcome(path.stem, tuple(read_problems), (), None, ()))
                continue
            one = RawDataset(kind="checkout", root=base, index=None, index_pointer="",
                             entries=(entry,), problems=())
            found, checked = check_source_document(entry, one)
            claims = entry.data.get("claims") if isinstance(entry.data, dict) else None
            count = len(claims) if isinstance(claims, list) else 0
            if checked is None:
                outcomes.append(FileOutcome(path.stem, (), tuple(found), None, (), count))
                continue
            candidates = figures_of(checked, cache=cache) if extracting else []
            problems = source_problems(checked, candidates, claim_checks=claim_checks,
                                       source_checks=source_checks,
                                       reading_after=enabled.reading_after)
            outcomes.append(FileOutcome(path.stem, (), tuple(found), summarize(checked),
                                        tuple(problems), count))
    if cache is not None:
        cache.flush()
    return outcomes


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:  # pragma: no cover - Windows
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The server imports the checker and the grammar once; each worker is a fork of it.
    context.set_forkserver_preload(["claimset.check.workers", "claimset.grammar.extract"])
    return context
