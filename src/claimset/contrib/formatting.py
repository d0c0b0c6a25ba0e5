"""Canonical form for a checkout's dataset files: what ``claimset fmt`` rewrites or checks.

Every ``dataset/*.json`` is read strictly and compared with its canonical text
(:func:`claimset.store.canonical.canonical_text`: one key order, 2-space indent, a final
newline).  Checking changes nothing; formatting rewrites each file that differs, under
the checkout lock, through the one writer (atomically, never through a symlink).  A
file that cannot be read is reported, never written.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from claimset.check.api import find_checkout
from claimset.core.errors import InputError
from claimset.core.problems import Problem
from claimset.store.canonical import canonical_text
from claimset.store.jsonio import read_json
from claimset.store.layout import (
    DATASET_DIR,
    INDEX_NAME,
    checked_folder,
    display_path,
    resolve_root,
)
from claimset.store.lock import checkout_lock
from claimset.store.writer import write_file

__all__ = ["FormattedFile", "Formatting", "dataset_files", "format_dataset"]


@attrs.frozen(kw_only=True)
class FormattedFile:
    """A dataset file not in canonical form: its text as it is and as it should be."""

    path: Path
    #: The path as the checkout names it (``dataset/x.json``), for messages.
    shown: str
    before: str = attrs.field(repr=False)
    after: str = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class Formatting:
    """What :func:`format_dataset` found (and, unless checking, rewrote)."""

    changed: tuple[FormattedFile, ...]
    #: Why each unreadable file could not be read (nothing was written to it).
    unreadable: tuple[InputError, ...]
    written: bool

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(problem for error in self.unreadable for problem in error.problems)


def dataset_files(root: Path) -> list[Path]:
    """The checkout's ``dataset/*.json``, in name order."""
    return sorted((root / DATASET_DIR).glob("*.json"))


def format_dataset(path: str | os.PathLike[str] | None = None, *,
                   check: bool = False) -> Formatting:
    """Put every dataset file of the checkout (or dataset directory) at ``path`` (default:
    the checkout containing the current directory) in canonical form; with ``check``
    only say which are not.  InputError CS001 for a bundle."""
    kind, root = resolve_root(Path(path) if path is not None else find_checkout())
    if kind == "bundle":
        raise InputError("fmt works on a checkout or a dataset directory, not a bundle",
                         code="CS001")
    if check:
        return _format(root, write=False)
    with checkout_lock(root):  # a reanchor --write or add-source at once would lose an update
        return _format(root, write=True)


def _format(root: Path, *, write: bool) -> Formatting:
    checked_folder(root, DATASET_DIR)
    changed: list[FormattedFile] = []
    unreadable: list[InputError] = []
    for path in dataset_files(root):
        shown = display_path(path, root)
        try:
            document = read_json(path, file=shown)
        except InputError as error:
            unreadable.append(error)
            continue
        expected = canonical_text(document.data, kind="index" if path.name == INDEX_NAME
                                  else "source")
        if expected == document.text:
            continue
        changed.append(FormattedFile(path=path, shown=shown, before=document.text,
                                     after=expected))
        if write:
            write_file(path, expected.encode("utf-8"), roots=(root,))
    return Formatting(changed=tuple(changed), unreadable=tuple(unreadable), written=write)
