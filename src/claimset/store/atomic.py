"""Atomic file writes: a crash leaves the old file or the new one, never a mix."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from claimset.core.errors import InputError


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory.

    The temporary file is flushed and fsynced before ``os.replace`` so the
    rename never exposes a partly written file, even after a power cut.  A
    ``path`` that is a symlink, FIFO, device or directory is refused (CS112).
    """
    write_files_atomic([(Path(path), data)])


def write_files_atomic(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files as nearly as a unit: every temporary is written and
    fsynced first, and only then are they renamed into place, in the order given.

    A failure before the renames leaves every file as it was.  A crash during
    them leaves a prefix of the files replaced, so give the files in the order in
    which a rerun can recognise and finish the job (e.g. the index last).
    """
    files = [(Path(path), data) for path, data in files]
    for path, _ in files:
        refuse_non_regular(path)
    temporaries: list[Path] = []
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporaries.append(_temporary(path, data))
        for (path, _), temporary in zip(files, temporaries, strict=True):
            refuse_non_regular(path)  # again: it may have been swapped while we wrote
            temporary.replace(path)
    except BaseException:
        for temporary in temporaries:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
    for directory in dict.fromkeys(path.parent for path, _ in files):
        fsync_directory(directory)


def _temporary(path: Path, data: bytes) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            temporary.chmod(_mode_for(path))
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    return temporary


def refuse_non_regular(path: Path) -> None:
    """InputError CS112 when ``path`` exists and is not a regular file.

    A rename replaces whatever has the name: a symlink (not its target), a FIFO, a
    device such as /dev/null.  None of those is ever what a writer means to replace.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror or error}",
                         code="CS109") from None
    if not stat.S_ISREG(mode):
        kind = ("a symlink" if stat.S_ISLNK(mode) else "a directory" if stat.S_ISDIR(mode)
                else "a FIFO" if stat.S_ISFIFO(mode) else "a device or socket")
        raise InputError(f"{path}: is {kind}, which claimset never replaces: write to a "
                         "regular file's path or a new one (nothing was written)", code="CS112")


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def fsync_directory(directory: Path) -> None:
    """Make a rename into ``directory`` durable (not possible on every platform)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
