"""Reading the dataset as it was at a git revision, without touching the work tree.

``git archive REV -- dataset seeds`` is streamed into a temporary directory
(regular files only, each written by this module under a name it has checked: a
plain relative path, no ``..``, no absolute or empty part; each file's size checked
from its header before it is read, see the limits below), which the ordinary loader
then reads.  tarfile's ``extract(..., filter="data")`` would do the same but exists
only from Python 3.11.4, and Debian 12's own python3 is 3.11.2.  The index, the work tree
and HEAD are never changed.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from claimset.core import limits
from claimset.core.errors import ClaimsetError, InputError
from claimset.store.layout import DATASET_DIR, SEEDS_DIR
from claimset.store.writer import OutputDirectory, anonymous_file, scratch_directory

#: Limits on what a base revision may unpack, checked from each tar header before the
#: file is read: no file bigger than the largest a dataset may hold (a 64 MiB JSON file),
#: and at most this many files and bytes in all.  The archive is streamed, never held.
MAX_BASE_FILE_BYTES = limits.BASE_FILE_BYTES
MAX_BASE_FILES = limits.BASE_FILES
MAX_BASE_BYTES = limits.BASE_BYTES

#: git can hang on a credential prompt; never let it ask.
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    try:
        done = subprocess.run(["git", "-C", os.fspath(repo), *args], capture_output=True,
                              env={**os.environ, **_ENV}, check=False)
    except FileNotFoundError:
        raise InputError("git is not installed: it is needed to read a base revision",
                         code="CS503") from None
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"git {args[0]} failed: {message[-1] if message else done.returncode}",
                         code="CS503")
    return done


def repository_of(path: Path) -> tuple[Path, str]:
    """The work tree's top directory and ``path``'s prefix inside it ("" at the top)."""
    directory = path if path.is_dir() else path.parent
    done = _git(directory, "rev-parse", "--show-toplevel", "--show-prefix", check=False)
    if done.returncode != 0:
        raise InputError(f"{path} is not inside a git repository: --base needs one "
                         "(or compare two paths with `claimset diff OLD NEW`)", code="CS503")
    lines = done.stdout.decode("utf-8").splitlines()
    return Path(lines[0]), (lines[1] if len(lines) > 1 else "")


def resolve_revision(repo: Path, revision: str) -> str:
    """The commit ``revision`` names; InputError CS503 when git does not know it."""
    if not revision or revision.startswith("-"):
        raise InputError(f"{revision!r} is not a revision", code="CS503")
    done = _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", check=False)
    if done.returncode != 0:
        raise InputError(f"unknown revision {revision!r}: git does not know it here (in a "
                         "shallow clone, fetch it first: actions/checkout with fetch-depth: 0)",
                         code="CS503")
    return done.stdout.decode("ascii").strip()


def _present(repo: Path, commit: str, paths: list[str]) -> list[str]:
    done = _git(repo, "ls-tree", "--name-only", commit, "--", *paths)
    names = set(done.stdout.decode("utf-8").splitlines())
    return [path for path in paths if path in names]


def export_revision(path: Path, revision: str, destination: Path) -> Path | None:
    """Write dataset/ and seeds/ as they were at ``revision`` under ``destination``.

    ``path`` is the checkout (inside a git work tree).  Returns the directory
    that plays the checkout's part, or None when the revision has no dataset/
    (the data did not exist yet).
    """
    top, prefix = repository_of(path.resolve())
    commit = resolve_revision(top, revision)
    wanted = [prefix + DATASET_DIR, prefix + SEEDS_DIR]
    present = _present(top, commit, wanted)
    if prefix + DATASET_DIR not in present:
        return None
    _extract_archive(top, commit, present, destination)
    return destination / prefix if prefix else destination


def _extract_archive(top: Path, commit: str, paths: list[str], destination: Path) -> None:
    """Stream ``git archive`` into ``destination``: regular files and folders only, each
    file's size checked against the limits from its tar header before it is read."""
    with anonymous_file() as errors:
        try:
            process = subprocess.Popen(
                ["git", "-C", os.fspath(top), "archive", "--format=tar", commit, "--", *paths],
                stdout=subprocess.PIPE, stderr=errors, env={**os.environ, **_ENV})
        except FileNotFoundError:
            raise InputError("git is not installed: it is needed to read a base revision",
                             code="CS503") from None
        assert process.stdout is not None
        try:
            _unpack(process.stdout, destination)
        except tarfile.TarError as error:
            raise InputError(f"git archive of {commit[:12]} could not be read: {error}",
                             code="CS503") from None
        finally:
            process.stdout.close()
            process.kill()  # stops git when the limits stopped the reading
            status = process.wait()
        if status not in (0, -9):
            errors.seek(0)
            message = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise InputError(f"git archive failed: {message[-1] if message else status}",
                             code="CS503")


def _unpack(stream: IO[bytes], destination: Path) -> None:
    total = files = 0
    with tarfile.open(fileobj=stream, mode="r|") as tar:
        for member in tar:
            if member.isdir():
                continue
            if not member.isfile():
                # A symlink (or device) in the base revision is data deciding where to
                # read or write: never unpacked.  The base then lacks that file, and its
                # checks say so (a seed that is a symlink is refused in the work tree too).
                continue
            files += 1
            total += member.size
            if member.size > MAX_BASE_FILE_BYTES:
                raise InputError(f"{member.name} at the base revision is {member.size} bytes, "
                                 f"over the {MAX_BASE_FILE_BYTES}-byte limit for one file: "
                                 "compare against another revision", code="CS506")
            if files > MAX_BASE_FILES or total > MAX_BASE_BYTES:
                raise InputError(f"the base revision's dataset/ and seeds/ hold over "
                                 f"{MAX_BASE_FILES} files or {MAX_BASE_BYTES} bytes: compare "
                                 "against another revision", code="CS506")
            _write_member(tar, member, destination)


def _member_path(name: str, destination: Path) -> Path:
    """Where a tar member may be written: refused (CS503) unless a plain relative path."""
    parts = name.split("/")
    if (not name or name.startswith("/") or "\\" in name or "\0" in name
            or any(part in ("", ".", "..") for part in parts)):
        raise InputError(f"git archive holds an unsafe path {name!r}", code="CS503")
    return destination.joinpath(*parts)


def _write_member(tar: tarfile.TarFile, member: tarfile.TarInfo, destination: Path) -> None:
    """A regular file of the archive into ``destination``, through the writer: only
    folders it made lie on its way (the archive's symlinks are never unpacked), and it is
    created, never opened if it exists, copied in chunks (its size was checked against
    the limits; the archive is streamed, never held)."""
    _member_path(member.name, destination)
    source = tar.extractfile(member)
    assert source is not None  # a regular file
    try:
        with source:
            OutputDirectory(destination).create(member.name, source)
    except OSError as error:  # a name twice
        raise InputError(f"git archive's {member.name!r} could not be unpacked: "
                         f"{error.strerror or error}", code="CS503") from None
    except ClaimsetError as error:  # the writer's refusal: a file where a folder must go
        raise InputError(f"git archive's {member.name!r} could not be unpacked: "
                         f"{error.message}", code="CS503") from None


@contextlib.contextmanager
def checkout_at(path: Path, revision: str) -> Iterator[Path | None]:
    """A temporary directory holding the checkout at ``revision`` (None: no dataset there)."""
    with scratch_directory(prefix="claimset-base-") as directory:
        yield export_revision(path, revision, directory)
