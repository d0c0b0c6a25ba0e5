"""A dataset against another one: the two sides of a diff, and the policy ``--base`` applies.

A side is a checkout, a dataset directory or a bundle when it names a path, else a git
revision of the repository (read through ``git archive`` into a private directory,
never touching the work tree: :mod:`claimset.contrib.gitread`).  :func:`diff_sides`
reads the two sides ``claimset diff`` compares; :func:`base_problems` is what
``claimset validate --base REV`` adds to a report: the version policy
(:func:`claimset.contrib.versioning.check_version`) and a warning for each exclusion the
change adds (CS507).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from claimset.check.api import find_checkout
from claimset.contrib.diff import DatasetDiff, Snapshot, diff, snapshot_from_raw
from claimset.contrib.gitread import checkout_at
from claimset.contrib.review import added_exclusion_problems
from claimset.contrib.versioning import check_version
from claimset.core.errors import ClaimsetError, UsageError
from claimset.core.problems import Problem
from claimset.store.layout import RawDataset, read_dataset, require_dataset

__all__ = ["base_problems", "compare", "diff_sides", "revision_snapshot", "side_snapshot"]

#: The label of the work tree's side when compared with ``--base``.
WORK_TREE = "work tree"


def revision_snapshot(revision: str, *, repo: str | os.PathLike[str]) -> Snapshot:
    """The dataset at git ``revision`` of the repository holding ``repo`` (an empty
    snapshot when that revision has no dataset yet).

    Raises :class:`~claimset.core.errors.UsageError` for a revision git does not know
    and :class:`~claimset.core.errors.InputError` when the revision cannot be read
    within its limits (CS503, CS506).
    """
    with checkout_at(Path(repo), revision) as root:
        if root is None:
            return Snapshot(label=revision, index={}, sources={})
        return snapshot_from_raw(read_dataset(root), label=revision)


def side_snapshot(spec: str, *, repo: str | os.PathLike[str] | None) -> Snapshot:
    """A checkout, dataset directory or bundle when ``spec`` is a path, else a git
    revision of the repository at ``repo`` (None: no repository to look it up in)."""
    path = Path(spec)
    if path.exists():
        return snapshot_from_raw(require_dataset(read_dataset(path), label=spec), label=spec)
    if repo is None:
        raise UsageError(f"{spec!r} is neither a path nor a git revision (no checkout here to "
                         "look it up in)")
    return revision_snapshot(spec, repo=repo)


def _checkout_or_none(start: Path | None) -> Path | None:
    try:
        return find_checkout(start)
    except ClaimsetError:
        return None


def diff_sides(sides: Sequence[str], *, base: str | None = None) -> tuple[Snapshot, Snapshot]:
    """The old and new side ``claimset diff`` compares.

    With ``base``, the work tree (``sides[0]``, else the checkout containing the
    current directory) against git revision ``base``; without it, exactly two
    ``sides``, each a path or a revision of the checkout containing the current
    directory.
    """
    if base is not None:
        if len(sides) > 1:
            raise UsageError("with --base give at most one path (the new side)")
        new_path = Path(sides[0]) if sides else find_checkout()
        new = snapshot_from_raw(require_dataset(read_dataset(new_path), label=str(new_path)),
                                label=WORK_TREE)
        return revision_snapshot(base, repo=new_path.resolve()), new
    if len(sides) != 2:
        raise UsageError("give OLD and NEW (paths or git revisions), or --base REV")
    repo = _checkout_or_none(None)
    return side_snapshot(sides[0], repo=repo), side_snapshot(sides[1], repo=repo)


def compare(sides: Sequence[str], *, base: str | None = None) -> DatasetDiff:
    """What changed between the two sides :func:`diff_sides` reads."""
    old, new = diff_sides(sides, base=base)
    return diff(old, new)


def base_problems(raw: RawDataset, base: str) -> list[Problem]:
    """The version policy of the checkout read as ``raw`` against git revision ``base``
    (bump, changelog entry, retractions), and a warning for each exclusion the change
    adds (CS507): what ``claimset validate --base`` adds to the report."""
    if raw.kind != "checkout" or raw.root is None:
        raise UsageError("--base needs a checkout (a git work tree), not a bundle")
    new = snapshot_from_raw(raw, label=WORK_TREE)
    with checkout_at(raw.root, base) as old_root:
        old = snapshot_from_raw(read_dataset(old_root), label=base) if old_root else None
    return [*check_version(old, new), *added_exclusion_problems(old, new)]
