"""The writer's primitives: a crash leaves the old file or the new one, never a mix.

Temporaries beside their target (``.NAME.PID.XXXXXXXX.tmp``), fsynced, renamed; several
files as one change; abandoned temporaries swept.  Nothing here checks where a path
leads: every caller is :mod:`claimset.store.writer`, which does (``tests/test_writer.py``
fails any other module that imports this one).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from claimset.core.errors import InputError


def write_files_atomic(files: Sequence[tuple[Path, bytes]], *, durable: bool = True,
                       mode: int | None = None) -> None:
    """Write several files as one change: the one multi-file write of claimset.

    Every temporary is written and fsynced first, and only then are they renamed into
    place, in the order given.  A failure before the renames leaves every file as it
    was; an exception during them (a full disk, a file swapped for a symlink meanwhile)
    puts back the files already renamed, newest first, so the change is all or nothing.
    Only a kill (SIGKILL, a power cut) between two renames can leave a prefix of the
    files replaced, so give the files in the order in which a rerun can recognise and
    finish the job (e.g. the index last).  ``durable=False`` skips the fsyncs (scratch
    files and test fixtures, where a power cut loses nothing worth keeping); ``mode``
    sets the files' permissions (default: each existing file's, else the umask's).

    Callers go through :mod:`claimset.store.writer`, which checks every target first.
    """
    files = [(Path(path), data) for path, data in files]
    if len({path for path, _ in files}) != len(files):
        raise ValueError("write_files_atomic: a file is named twice")
    for path, _ in files:
        refuse_non_regular(path)
    for path, _ in files:
        remove_abandoned_temporaries(path)
    temporaries: list[Path] = []
    replaced: list[tuple[Path, Path | None]] = []  # (file, its old content kept aside, or None)
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporaries.append(_temporary(path, data, durable=durable, mode=mode))
        for (path, _), temporary in zip(files, temporaries, strict=True):
            refuse_non_regular(path)  # again: it may have been swapped while we wrote
            kept = _keep_aside(path) if len(files) > 1 else None
            try:
                temporary.replace(path)
            except BaseException:
                if kept is not None:
                    with contextlib.suppress(OSError):
                        kept.unlink()
                raise
            replaced.append((path, kept))
    except BaseException:
        _undo(replaced)
        for temporary in temporaries:
            with contextlib.suppress(OSError):
                temporary.unlink()
        raise
    finally:
        for _, kept in replaced:
            if kept is not None:
                with contextlib.suppress(OSError):
                    kept.unlink()
    if durable:
        for directory in dict.fromkeys(path.parent for path, _ in files):
            fsync_directory(directory)


@contextlib.contextmanager
def temporary_stream(path: Path) -> Iterator[BinaryIO]:
    """A stream into a temporary beside ``path`` that replaces it when the block ends
    without an error (flushed, fsynced, renamed; the directory fsynced); on an error the
    temporary is deleted and ``path`` is as it was."""
    remove_abandoned_temporaries(path)
    handle, name = tempfile.mkstemp(prefix=temporary_prefix(path), suffix=".tmp",
                                    dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w+b") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            temporary.chmod(_mode_for(path))
        rename_into_place(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def create_whole(path: Path, data: bytes, *, mode: int | None = None) -> bool:
    """Make ``path`` holding ``data`` unless something is there already: the first of
    several racing writers wins, and every reader sees the whole file or none.  The
    temporary is hard-linked to its name (which fails when the name is taken); where
    the file system has no hard links the name is created exclusively and written.
    Whether this call made it."""
    remove_abandoned_temporaries(path)
    temporary = _temporary(path, data, mode=mode)
    try:
        os.link(temporary, path, follow_symlinks=False)
    except FileExistsError:
        return False
    except OSError:  # no hard links here
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        try:
            descriptor = os.open(path, flags, 0o600 if mode is None else mode)
        except FileExistsError:
            return False
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    fsync_directory(path.parent)
    return True


def rename_into_place(finished: Path, path: Path) -> None:
    """Rename ``finished`` (a whole file written beside ``path``) onto ``path``, which must
    be a regular file or absent (CS112), and make the rename durable."""
    refuse_non_regular(path)
    finished.replace(path)
    fsync_directory(path.parent)


def _keep_aside(path: Path) -> Path | None:
    """A hard link to ``path``'s current content, named as a temporary (so a killed
    writer's is swept like any other), or None when there is no such file."""
    if not os.path.lexists(path):
        return None
    for _ in range(16):
        kept = path.with_name(f"{temporary_prefix(path)}{secrets.token_hex(4)}.tmp")
        try:
            os.link(path, kept, follow_symlinks=False)
            return kept
        except FileExistsError:
            continue
        except OSError:  # no hard links here: a copy of the bytes does the same
            return _temporary(path, path.read_bytes())
    return _temporary(path, path.read_bytes())


def _undo(replaced: list[tuple[Path, Path | None]]) -> None:
    """Put back, newest first, the files a failed multi-file write had renamed."""
    for path, kept in reversed(replaced):
        with contextlib.suppress(OSError):
            if kept is None:
                path.unlink()  # it did not exist before
            else:
                kept.replace(path)


def temporary_prefix(path: Path) -> str:
    """How this process names a temporary of ``path`` (``.NAME.PID.``, then ``.tmp``).

    The writer's process id is in the name, so a later writer can tell a temporary
    whose writer was killed (SIGKILL, a power cut) from one still being written.
    """
    return f".{path.name}.{os.getpid()}."


def remove_abandoned_temporaries(path: Path) -> list[Path]:
    """Delete the temporaries of ``path`` that a killed writer left; return them."""
    return _remove_abandoned(path.parent, of=path.name)


def remove_abandoned_temporaries_in(directory: Path) -> list[Path]:
    """Delete every temporary a killed writer left in ``directory``; return them.

    A directory that is a symlink is left alone (it may lead out of the checkout).
    """
    try:
        if not stat.S_ISDIR(os.lstat(directory).st_mode):
            return []
    except OSError:
        return []
    return _remove_abandoned(directory, of=None)


def _remove_abandoned(directory: Path, *, of: str | None) -> list[Path]:
    """A temporary is abandoned when the process whose id its name carries is gone; one
    of a live process (or of an id reused since) is left alone, so a concurrent writer
    never loses its file.  Only regular files named as :func:`temporary_prefix` names
    them (``.NAME.PID.XXXXXXXX.tmp``) are touched."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        parts = entry.name.rsplit(".", 3)
        if len(parts) != 4 or parts[3] != "tmp" or not parts[0].startswith(".") or \
                not parts[1].isdigit() or (of is not None and parts[0] != f".{of}"):
            continue
        if _is_alive(int(parts[1])):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                Path(entry.path).unlink()
                removed.append(Path(entry.path))
    return removed


def _is_alive(pid: int) -> bool:
    if pid <= 0:
        return True  # not a process id claimset wrote: leave the file alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or unknowable: keep it
    return True


def _temporary(path: Path, data: bytes, *, durable: bool = True,
               mode: int | None = None) -> Path:
    handle, name = tempfile.mkstemp(prefix=temporary_prefix(path), suffix=".tmp",
                                    dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            temporary.chmod(_mode_for(path) if mode is None else mode)
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
