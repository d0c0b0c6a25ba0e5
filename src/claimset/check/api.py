"""The library's entry points that take paths (the command line calls these too).

They read the dataset at a path and hand it to the checker's one route
(:func:`claimset.check.checker.check`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from claimset.check._fast import collector_paused
from claimset.check.checker import check, checked_sources
from claimset.check.context import EVERY_CHECK, CheckOptions
from claimset.check.coverage import uncovered
from claimset.check.registry import REGISTRY
from claimset.core import arguments
from claimset.core.errors import UsageError
from claimset.core.problems import Problem, Report
from claimset.core.resources import data_root
from claimset.store.layout import (
    DATASET_DIR,
    INDEX_NAME,
    RawDataset,
    read_dataset,
    resolve_root,
)

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from claimset.store.cache import GrammarCache

__all__ = ["coverage_gaps", "dataset_for_command", "find_checkout", "read_and_check", "validate"]

#: What finding the uncovered numbers needs: the coverage layer (which reads every figure).
_COVERAGE = CheckOptions(values=False, coverage=True, canonical=False, meaning=False)


def find_checkout(start: str | os.PathLike[str] | None = None) -> Path:
    """The checkout containing ``start`` (default: the current directory)."""
    here = Path(start if start is not None else Path.cwd()).resolve()
    for directory in (here, *here.parents):
        if (directory / DATASET_DIR / INDEX_NAME).is_file():
            return directory
    raise UsageError(f"{here} is not inside a claimset checkout (no dataset/index.json above it): "
                     "give the path of a checkout, a dataset directory or a bundle")


def dataset_for_command(path: str | os.PathLike[str] | None, *,
                        start: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """The dataset a reading command works on, and whether it is the bundled one.

    One rule for every command that reads data (validate, show, find, list,
    export, coverage, suggest): the path given; else the checkout containing
    the current directory (``start``), so a contributor sees their own edits;
    else the dataset bundled with the package.  Commands that write (fmt,
    add-source, reanchor, build) need a checkout and use :func:`find_checkout`.
    """
    if path is not None:
        return Path(path), False
    try:
        return find_checkout(start), False
    except UsageError:
        return data_root(), True


def validate(path: str | os.PathLike[str] | None = None, *, values: bool = True,
             coverage: bool = True, canonical: bool = True, cache: bool = True,
             meaning: bool = True) -> Report:
    """Check a dataset completely and return the :class:`Report`.

    ``path`` is a checkout, a dataset directory or a release bundle; by default
    the checkout containing the current directory.  Problems in the data are in
    the report; only a path that is not a dataset at all raises
    :class:`~claimset.core.errors.InputError` (CS109, CS310).  ``cache``: keep the
    figures of each text in the user's grammar cache between runs (the same report
    either way; ``CLAIMSET_NO_CACHE=1`` turns it off too: docs/performance.md).
    ``meaning=False`` leaves out the checks of meaning (CS220-CS230, CS408-CS412).
    """
    arguments.path("claimset.validate", "path", path)
    for name, value in (("values", values), ("coverage", coverage), ("canonical", canonical),
                        ("cache", cache), ("meaning", meaning)):
        arguments.flag("claimset.validate", name, value)
    target = Path(path) if path is not None else find_checkout()
    return read_and_check(target, options=CheckOptions(values=values, coverage=coverage,
                                                       canonical=canonical,
                                                       meaning=meaning), cache=cache)[1]


def read_and_check(path: Path, *, options: CheckOptions = EVERY_CHECK,
                   before: Callable[[RawDataset], list[Problem]] | None = None,
                   jobs: int = 1, cache: bool = True) -> tuple[RawDataset, Report]:
    """What was read at ``path`` and its report (``claimset validate``'s route).

    ``before(raw)`` runs between reading and checking, and its problems join the
    report (the command's ``--base`` version policy: a bad revision is reported
    before any data); ``jobs`` worker processes read and check the sources of a
    checkout (:mod:`claimset.check.workers`; then the :class:`RawDataset` returned holds
    the index and each source's ids only) or read the figures of any other dataset (the
    same report for any number); ``cache``: use the user's grammar cache (the same report either
    way; a ``CLAIMSET_CACHE_DIR`` inside ``path`` is refused, CS910).
    """
    figures = _open_cache(path, options, cache)
    try:
        with collector_paused():
            if jobs > 1 and before is None and path.is_dir():
                # Workers read, parse and check the sources of a checkout themselves.
                from claimset.check.workers import check_in_workers

                kind, root = resolve_root(path)
                done = check_in_workers(root, options=options, jobs=jobs, cache=figures) if (
                    kind == "checkout") else None
                if done is not None:
                    return done
            raw = read_dataset(path)
            extra = before(raw) if before is not None else []
            report = check(raw, options=options, jobs=jobs, cache=figures)
    finally:
        if figures is not None:
            figures.close()
    return raw, Report.of([*report.problems, *extra]) if extra else report


def _open_cache(path: Path, options: CheckOptions, enabled: bool) -> GrammarCache | None:
    """The grammar cache, when it is on and a check enabled by ``options`` reads figures."""
    if not (enabled and REGISTRY.enabled(options).needs_extraction()):
        return None
    from claimset.store.cache import open_cache

    return open_cache(outside=path)


def coverage_gaps(raw: RawDataset, *, cache: bool = True) -> dict[str, tuple[str, list[Any]]]:
    """Source id -> its text and its uncovered candidates (the CS401 rule, shared with
    the checker through :func:`~claimset.check.coverage.uncovered`), for every source
    whose document and text can be read; ``cache``: as for :func:`read_and_check`."""
    gaps: dict[str, tuple[str, list[Any]]] = {}
    where = raw.root if raw.root is not None else (
        Path(raw.index.file) if raw.index is not None else None)
    figures = _open_cache(where, _COVERAGE, cache) if where is not None else None
    try:
        for verdict in checked_sources(raw, options=_COVERAGE, cache=figures):
            checked = verdict.source
            if checked is not None and checked.text is not None:
                gaps[checked.source_id] = (checked.text,
                                           uncovered(checked, list(verdict.candidates)))
    finally:
        if figures is not None:
            figures.close()
    return gaps
