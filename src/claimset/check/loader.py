"""Loading a dataset into value objects: the bundled one, a checkout, or a bundle file.

Loading reads through the checker's one route (:func:`claimset.check.checker.
checked_sources`) with the load checks, and builds each source's value objects as
the route yields it, while its parsed document is still fresh in memory.  How the
objects are built fast (the collector paused, positional constructors) is
:mod:`claimset.check._fast`'s business alone.
"""

from __future__ import annotations

import os
from pathlib import Path

from claimset.check._fast import SourceParts, assemble, build_source, collector_paused
from claimset.check.checker import checked_sources
from claimset.check.context import CheckOptions
from claimset.core import arguments
from claimset.core.errors import DatasetError
from claimset.core.problems import Problem, Report
from claimset.core.resources import data_root
from claimset.store.layout import RawDataset, read_dataset
from claimset.store.model import Dataset

__all__ = ["LOAD_CHECKS", "checked_dataset", "load"]

#: What loading proves: structure and citations (hash, offsets, exact text).
#: Values, coverage and formatting are the full checker's job (`claimset validate`).
LOAD_CHECKS = CheckOptions(values=False, coverage=False, canonical=False, meaning=False)


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load a dataset, proving every citation on the way.

    With no ``path``, the dataset bundled with the package (no network, from
    any directory).  ``path`` may be a checkout, a dataset directory or a
    release bundle.  Raises :class:`~claimset.core.errors.DatasetError` (with
    ``problems``) when the data is malformed or a citation does not hold.
    """
    arguments.path("claimset.load", "path", path)
    target = Path(path) if path is not None else data_root()
    with collector_paused():
        # In a function of its own, so the parsed documents are freed before the
        # collector resumes and its first pass meets only the objects that stay.
        report, dataset = _load(target)
    if dataset is None:
        first = report.errors[0]
        more = len(report.errors) - 1
        raise DatasetError(
            f"{first.location}: {first.code} {first.message}"
            + (f" (and {more} more; run `claimset validate {target}`)" if more else ""),
            code=first.code, problems=report.errors)
    return dataset


def _load(target: Path) -> tuple[Report, Dataset | None]:
    return checked_dataset(read_dataset(target))


def checked_dataset(raw: RawDataset, *, options: CheckOptions = LOAD_CHECKS
                    ) -> tuple[Report, Dataset | None]:
    """The report of ``options``' checks over ``raw``, and its value objects unless the
    report has errors (``load()`` and ``claimset build`` read through this)."""
    problems: list[Problem] = []
    parts: dict[str, SourceParts] = {}
    with collector_paused():
        for verdict in checked_sources(raw, options=options):
            problems.extend(verdict.problems)
            if verdict.usable:
                assert verdict.source is not None and verdict.source.text is not None
                parts[verdict.source.source_id] = build_source(verdict.source.entry.data,
                                                               verdict.source.text)
        report = Report.of(problems)
        return report, assemble(raw, parts) if report.ok else None
