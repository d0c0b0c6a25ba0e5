"""Loading a dataset into value objects: the bundled one, a checkout, or a bundle file.

How it is made fast (the collector paused, positional constructors, value
objects built per source) is :mod:`claimset.check._fast`'s business alone.
"""

from __future__ import annotations

import os
from pathlib import Path

from claimset.check._fast import SourceParts, assemble, build_source, load_checked
from claimset.check.context import CheckOptions
from claimset.core.errors import DatasetError
from claimset.core.resources import data_root
from claimset.store.layout import RawDataset
from claimset.store.model import Dataset

__all__ = ["LOAD_CHECKS", "SourceParts", "build_dataset", "build_source", "load"]

#: What loading proves: structure and citations (hash, offsets, exact text).
#: Values, coverage and formatting are the full checker's job (`claimset validate`).
LOAD_CHECKS = CheckOptions(values=False, coverage=False, canonical=False)


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load a dataset, proving every citation on the way.

    With no ``path``, the dataset bundled with the package (no network, from
    any directory).  ``path`` may be a checkout, a dataset directory or a
    release bundle.  Raises :class:`~claimset.core.errors.DatasetError` (with
    ``problems``) when the data is malformed or a citation does not hold.
    """
    target = Path(path) if path is not None else data_root()
    report, dataset = load_checked(target, options=LOAD_CHECKS)
    if dataset is None:
        first = report.errors[0]
        more = len(report.errors) - 1
        raise DatasetError(
            f"{first.location}: {first.code} {first.message}"
            + (f" (and {more} more; run `claimset validate {target}`)" if more else ""),
            code=first.code, problems=report.errors)
    return dataset


def build_dataset(raw: RawDataset, texts: dict[str, str]) -> Dataset:
    """Value objects from data that passed the load checks."""
    return assemble(raw, {entry.data["source"]["id"]: build_source(
        entry.data, texts[entry.data["source"]["id"]]) for entry in raw.entries})
