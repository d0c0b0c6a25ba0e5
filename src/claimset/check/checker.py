"""The citation checker: every problem in a dataset, with code and location.

Checks run in layers.  Files must parse and match the schema; sources must
have their pinned text (path, sha256, length); claims must quote that text
exactly at their offsets, with a value their figure's words say; and every
number the extractor finds must be a claim or an exclusion (coverage).  A
value that fails a layer is not judged by the layers after it, so one
mistake yields one problem, not a cascade.

The checks themselves are declared in :mod:`claimset.check.registry`; this
module only runs them, in the registry's order, over what
:func:`~claimset.store.layout.read_dataset` read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from claimset.check.context import (
    EVERY_CHECK,
    CheckedSource,
    CheckOptions,
    ClaimUnderCheck,
    claims_of,
)
from claimset.check.coverage import coverage_gaps, uncovered
from claimset.check.documents import check_source_document
from claimset.check.parallel import Prefetcher, prefetching
from claimset.check.registry import REGISTRY, ClaimCheck, Registry
from claimset.core.problems import Problem, Report
from claimset.store.layout import RawDataset

__all__ = ["CheckOptions", "CheckedSource", "check_path", "check_raw", "check_with_texts",
           "coverage_gaps", "run_checks", "uncovered"]


def check_path(path: str | os.PathLike[str], *, options: CheckOptions = EVERY_CHECK) -> Report:
    """Check the dataset at ``path`` (checkout, dataset directory or bundle)."""
    from claimset.check._fast import read_and_check  # the read path, which imports this module

    return read_and_check(Path(path), options=options)[1]


def check_raw(raw: RawDataset, *, options: CheckOptions = EVERY_CHECK,
              registry: Registry = REGISTRY, jobs: int = 1) -> Report:
    """Every problem of ``raw``; ``jobs`` worker processes read the figures (the same
    problems in the same order for any number, see :mod:`claimset.check.parallel`)."""
    return run_checks(raw, options=options, registry=registry, jobs=jobs)[0]


def check_with_texts(raw: RawDataset, *, options: CheckOptions = EVERY_CHECK,
                     registry: Registry = REGISTRY) -> tuple[Report, dict[str, str]]:
    """The report, and the text of every source that could be read (by source id)."""
    return run_checks(raw, options=options, registry=registry)


def run_checks(raw: RawDataset, *, options: CheckOptions = EVERY_CHECK,
               registry: Registry = REGISTRY,
               after_source: Callable[[CheckedSource], object] | None = None,
               jobs: int = 1) -> tuple[Report, dict[str, str]]:
    """Every check of ``registry`` whose layer ``options`` enables, over ``raw``.

    ``after_source`` is the read path's hook (:mod:`claimset.check._fast`, and only
    it): called with each source whose document matches the schema and whose text
    was read, right after its checks, while its data is still fresh in memory.
    With ``jobs`` over 1, worker processes read each source's figures while the
    documents are still being checked here (:mod:`claimset.check.parallel`).
    """
    enabled = registry.enabled(options)
    with prefetching(jobs if enabled.needs_extraction() else 1) as prefetch:
        return _run(raw, enabled, options, after_source, prefetch)


def _run(raw: RawDataset, enabled: Registry, options: CheckOptions,
         after_source: Callable[[CheckedSource], object] | None,
         prefetch: Prefetcher | None) -> tuple[Report, dict[str, str]]:
    problems: list[Problem] = list(raw.problems)
    sources: list[CheckedSource] = []
    handles: dict[int, int] = {}
    for entry in raw.entries:
        found, checked = check_source_document(entry, raw)
        problems.extend(found)
        if checked is not None:
            if prefetch is not None and checked.text is not None:
                handles[len(sources)] = prefetch.add(checked.text)
            sources.append(checked)
    for dataset_check in enabled.dataset_checks():
        problems.extend(dataset_check.run(raw, sources, options))
    claim_checks, source_checks = enabled.claim_checks(), enabled.source_checks()
    extract: Callable[[str], list[Any]] | None = None
    if enabled.needs_extraction():
        # Imported here: load() reads no figure, and the grammar's patterns take a while
        # to compile.
        from claimset.grammar.extract import extract
    for number, checked in enumerate(sources):
        # One extraction per source serves every check that reads figures in context.
        if prefetch is not None and number in handles:
            candidates = prefetch.get(handles[number])
        else:
            candidates = (extract(checked.text) if extract is not None and
                          checked.text is not None else [])
        problems.extend(_claim_problems(checked, claim_checks, candidates))
        for source_check in source_checks:
            problems.extend(source_check.run(checked, candidates))
        if after_source is not None and checked.text is not None and not checked.failed:
            after_source(checked)
    texts = {checked.source_id: checked.text for checked in sources if checked.text is not None}
    return Report.of(problems), texts


def _claim_problems(checked: CheckedSource, checks: tuple[ClaimCheck, ...],
                    candidates: list[Any]) -> Iterator[Problem]:
    """Every claim check on every claim of ``checked`` whose schema holds.

    The clean-claim fast path: a check is skipped for a claim only when the check's
    own proof holds for it, so a check without a proof runs on every claim.  When
    every check has a proof (loading: values and coverage are off), a claim all of
    them prove clean costs only the proofs.
    """
    text = checked.text
    at_span = {(candidate.start, candidate.end): candidate for candidate in candidates}
    proofs = [check.proof for check in checks if check.proof is not None]
    all_proven = len(proofs) == len(checks)
    citations = {check.name for check in checks
                 if check.layer == "claims" and "text" in check.reads}
    for position, claim in claims_of(checked):
        if checked.failed and not checked.valid_at(f"/claims/{position}"):
            continue  # its schema problem is reported; judging it further would cascade
        if all_proven:
            for proof in proofs:
                if not proof(claim, text):
                    break
            else:
                continue  # every check proven to pass: nothing to run, nothing to build
        under = ClaimUnderCheck(checked, position, claim)
        for check in checks:
            if check.proof is not None and check.proof(claim, text):
                continue
            if "reading" in check.reads and under.reading is None and not (
                    citations & under.failed):
                # The figure read in context, once the text is proven to hold it there: the
                # same grammar reads the same words, and the source was extracted once.
                figure = claim["figure"]
                under.reading = at_span.get((figure["start"], figure["end"]))
            found = check.run(under)
            if found:
                under.failed.add(check.name)
                yield from found
