"""The library's entry points that take paths (the command line calls these too)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from claimset.check._fast import read_and_check
from claimset.check.checker import CheckOptions, check_path
from claimset.core.errors import UsageError
from claimset.core.problems import Problem, Report
from claimset.core.resources import data_root
from claimset.store.layout import DATASET_DIR, INDEX_NAME, RawDataset


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
             coverage: bool = True, canonical: bool = True) -> Report:
    """Check a dataset completely and return the :class:`Report`.

    ``path`` is a checkout, a dataset directory or a release bundle; by default
    the checkout containing the current directory.  Problems in the data are in
    the report; only a path that is not a dataset at all raises
    :class:`~claimset.core.errors.InputError` (CS109, CS310).
    """
    target = Path(path) if path is not None else find_checkout()
    return check_path(target, options=CheckOptions(values=values, coverage=coverage,
                                                   canonical=canonical))


def check_dataset(path: Path, *, options: CheckOptions,
                  before: Callable[[RawDataset], list[Problem]] | None = None,
                  jobs: int = 1) -> tuple[RawDataset, Report]:
    """What was read at ``path`` and its report (``claimset validate``'s route).

    ``before(raw)`` runs between reading and checking, and its problems join the
    report (the command's ``--base`` version policy); ``jobs`` worker processes read
    the figures (the same report for any number).
    """
    return read_and_check(path, options=options, before=before, jobs=jobs)
