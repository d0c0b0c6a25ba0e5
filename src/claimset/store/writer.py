"""The one writer: every file claimset writes goes through this module.

Exports, the corpus output with its part file and journal, release files and build's
directory, the site, the SQLite export, ``fmt``, ``add-source``, ``reanchor``,
``confirm``, the registry, the download cache and private scratch directories: all are
written by the functions here (``tests/test_writer.py`` fails any other module that
opens a file for writing, renames, deletes or makes a directory), so a new writer is
safe by construction.  The rules, each with its code:

1. **Regular files only.**  An existing target that is a symlink, FIFO, device, socket
   or directory is never replaced or opened (CS112).  A file appended to in place (a
   part file, a journal) is opened without following a link and without blocking, then
   judged by ``fstat`` on the descriptor, so a FIFO never hangs a run.
2. **Never through a symlink.**  No directory on the way to an output may be a symlink
   where it lies inside the current directory or a checkout being written: places whose
   contents a pull request decides (a committed ``dist`` link).  A link elsewhere on the
   user's own system (``/tmp`` on macOS) is followed (CS142).
3. **Never onto an input.**  An output is never a file the run reads (the same file,
   by device and inode, whatever the path says), nor a file inside a folder the run
   reads where the run would read it back (CS141).
4. **Never outside the directory named.**  What goes into an output directory (build's
   ``dist/``, the site) is named relative to it, without ``..``, and nothing below it
   may be a symlink (CS142).
5. **Under a lock where two runs can meet.**  :func:`output_lock` holds ``.NAME.lock``
   beside an output (``extract --out``, ``build``, a two-file SQLite export); the
   checkout lock (:mod:`claimset.store.lock`) covers a checkout's own files.
6. **Atomic.**  A whole file is written to a temporary beside it, fsynced and renamed
   (:mod:`claimset.store.atomic`); several files as one change go through
   :func:`write_files` (every temporary first, the renames undone on an error).

Every refusal happens before anything is written, names the file and says what to do.
The checks read paths, so a local user who swaps a directory for a link while claimset
runs is out of scope; what a pull request commits, or a corpus holds, is not.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, BinaryIO

import attrs

from claimset.core.errors import InputError, UsageError
from claimset.store import atomic
from claimset.store.layout import resolve_root

__all__ = ["NOTHING", "OutputDirectory", "Reads", "anonymous_file", "checked_directory",
           "checked_output", "create_file", "dataset_reads", "lock_path", "open_appending",
           "output_directory", "output_lock", "publish", "remove_file", "scratch_directory",
           "streamed", "write_file", "write_files"]


# -- what a run reads --------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Reads:
    """What a run reads, so that nothing it writes is one of them.

    ``files`` are read as they are; each of ``folders`` is a directory the run walks
    (recursively) with the glob its file names must match.
    """

    files: tuple[Path, ...] = ()
    folders: tuple[tuple[Path, str], ...] = ()

    def __add__(self, other: Reads) -> Reads:
        return Reads(files=self.files + other.files, folders=self.folders + other.folders)


NOTHING = Reads()


def dataset_reads(path: str | os.PathLike[str]) -> Reads:
    """What reading the dataset at ``path`` reads: a checkout's ``dataset/`` and ``seeds/``,
    or a bundle and the shards beside it."""
    kind, root = resolve_root(Path(path))
    if kind == "bundle":
        return Reads(files=(root,), folders=((root.parent, "claimset-*.shard-*.json"),))
    return Reads(folders=((root / "dataset", "*"), (root / "seeds", "*")))


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = Path(path).stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _refuse_input(shown: Path, physical: Path, reads: Reads) -> None:
    """CS141 when the output at ``physical`` is a file the run reads or would read back."""
    target = _identity(physical)
    for read in reads.files:
        if (target is not None and target == _identity(read)) or physical == _physical_or(read):
            raise UsageError(f"{shown} is also an input of this run ({read}): writing it would "
                             "replace what is being read; write the output elsewhere (nothing "
                             "was written)", code="CS141")
    for folder, pattern in reads.folders:
        where = _physical_or(folder)
        if _inside(physical.parent, where) and fnmatch.fnmatchcase(physical.name, pattern):
            raise UsageError(f"{shown} lies in {folder}, which this run reads ({pattern!r}): it "
                             "would read its own output back; write the output outside "
                             f"{folder} (nothing was written)", code="CS141")


def _physical_or(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


# -- where a path really leads ---------------------------------------------------------------


def _protected(roots: Iterable[Path]) -> list[Path]:
    """The places whose contents a pull request or a corpus may decide: the current
    directory and the given roots (a checkout, an output directory), as real paths."""
    return [Path.cwd().resolve(), *(_physical_or(Path(root)) for root in roots)]


def _walk(path: Path, protected: Sequence[Path], *, directory: bool) -> Path:
    """The real path ``path`` leads to, one component at a time (CS142 for a symlink inside
    a protected place, or anywhere as the last component of a directory)."""
    parts = path.parts
    current = Path(parts[0]) if path.is_absolute() else Path.cwd().resolve()
    rest = parts[1:] if path.is_absolute() else parts
    for index, part in enumerate(rest):
        if part in ("", "."):
            continue
        if part == "..":
            current = current.parent
            continue
        candidate = current / part
        last = index == len(rest) - 1
        try:
            mode = os.lstat(candidate).st_mode
        except FileNotFoundError:
            current = candidate
            continue
        except OSError as error:
            raise InputError(f"{path}: cannot write: {error.strerror or error}",
                             code="CS109") from None
        if stat.S_ISLNK(mode) and not (last and not directory):
            if last or any(_inside(current, place) for place in protected):
                raise UsageError(
                    f"{path}: {candidate} is a symlink, and claimset never writes through a "
                    "link a checkout or the current directory holds (a pull request can "
                    "commit one): give the real directory (nothing was written)",
                    code="CS142")
            current = candidate.resolve(strict=True)
            continue
        if not last and not stat.S_ISDIR(mode):
            raise UsageError(f"{path}: {candidate} is not a directory (nothing was written)",
                             code="CS142")
        current = candidate
    return current


def checked_output(path: str | os.PathLike[str], *, reads: Reads = NOTHING,
                   roots: Sequence[str | os.PathLike[str]] = ()) -> Path:
    """The real path to write the output file ``path`` to, after every rule: no symlink on
    the way inside the current directory or ``roots`` (CS142), an existing target a
    regular file (CS112), and not a file ``reads`` holds (CS141)."""
    shown = Path(path)
    physical = _walk(shown, _protected(Path(root) for root in roots), directory=False)
    atomic.refuse_non_regular(physical)
    _refuse_input(shown, physical, reads)
    return physical


def checked_directory(path: str | os.PathLike[str], *, reads: Reads = NOTHING,
                      roots: Sequence[str | os.PathLike[str]] = (), create: bool = True,
                      mode: int = 0o777) -> Path:
    """The real path of the output directory ``path``, made if missing (``create``, with
    ``mode`` less the umask): never a symlink itself, nothing on the way through one
    inside a protected place (CS142), and not inside a folder ``reads`` holds (CS141)."""
    shown = Path(path)
    physical = _walk(shown, _protected(Path(root) for root in roots), directory=True)
    for folder, _ in reads.folders:
        if _inside(physical, _physical_or(folder)):
            raise UsageError(f"{shown} lies in {folder}, which this run reads: write the "
                             f"output outside {folder} (nothing was written)", code="CS141")
    if create:
        _make_directories(shown, physical, mode=mode)
    elif physical.exists() and not physical.is_dir():
        raise UsageError(f"{shown} is not a directory", code="CS142")
    return physical


def _make_directories(shown: Path, physical: Path, *, mode: int = 0o777) -> None:
    """``physical`` and any missing parent, each made without following a link."""
    missing = []
    current = physical
    while not os.path.lexists(current):
        missing.append(current)
        current = current.parent
    if not stat.S_ISDIR(os.lstat(current).st_mode):
        raise UsageError(f"{shown}: {current} is a file, not a directory (nothing was written)",
                         code="CS142")
    for directory in reversed(missing):
        try:
            directory.mkdir(mode=mode)
        except FileExistsError:
            pass  # made meanwhile by another run: judged below like any other
        except OSError as error:
            raise InputError(f"{shown}: cannot make {directory}: {error.strerror or error}",
                             code="CS109") from None
        if not stat.S_ISDIR(os.lstat(directory).st_mode):
            raise UsageError(f"{shown}: {directory} is not a directory (nothing was written)",
                             code="CS142")


# -- whole files -------------------------------------------------------------------------------


def write_file(path: str | os.PathLike[str], data: bytes, *, reads: Reads = NOTHING,
               roots: Sequence[str | os.PathLike[str]] = (), durable: bool = True,
               mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` atomically, after the rules; the real path written.

    ``durable=False`` skips the fsyncs (a scratch file or a test fixture, where a power
    cut loses nothing worth keeping); ``mode`` sets the file's permissions (default: an
    existing file's, else the umask's)."""
    physical = checked_output(path, reads=reads, roots=roots)
    checked_directory(physical.parent, roots=roots)
    with _cannot_write(Path(path)):
        atomic.write_files_atomic([(physical, data)], durable=durable, mode=mode)
    return physical


def create_file(path: str | os.PathLike[str], data: bytes, *, reads: Reads = NOTHING,
                roots: Sequence[str | os.PathLike[str]] = (), mode: int | None = None) -> bool:
    """Make the new file ``path`` holding ``data``, after the rules, unless a racing run
    made it first (then its file stands, whole, and this returns False).  For a file
    several runs may create at once and must then agree on (the grammar cache's key)."""
    physical = checked_output(path, reads=reads, roots=roots)
    checked_directory(physical.parent, roots=roots)
    with _cannot_write(Path(path)):
        return atomic.create_whole(physical, data, mode=mode)


def write_files(files: Sequence[tuple[str | os.PathLike[str], bytes]], *,
                reads: Reads = NOTHING, roots: Sequence[str | os.PathLike[str]] = (),
                ) -> list[Path]:
    """Write several files as one change (:func:`claimset.store.atomic.write_files_atomic`:
    every temporary first, then the renames in the order given, undone on an error).
    Every target is checked before anything is written, so one refused target leaves
    every file as it was."""
    physical = [(checked_output(path, reads=reads, roots=roots), data) for path, data in files]
    for directory in dict.fromkeys(path.parent for path, _ in physical):
        checked_directory(directory, roots=roots)
    with _cannot_write(Path(files[0][0]) if len(files) == 1 else None):
        atomic.write_files_atomic(physical)
    return [path for path, _ in physical]


@contextlib.contextmanager
def _cannot_write(shown: Path | None) -> Iterator[None]:
    """An OSError of the operating system (a full disk, no permission) as claimset's own
    error, CS109, naming the file; the files are as they were (store.atomic undid it)."""
    try:
        yield
    except OSError as error:
        where = shown or (Path(error.filename) if error.filename else None)
        raise InputError(f"{where or 'a file'}: cannot write: {error.strerror or error} "
                         "(the files are as they were)", code="CS109") from None


@contextlib.contextmanager
def streamed(path: str | os.PathLike[str], *, reads: Reads = NOTHING,
             roots: Sequence[str | os.PathLike[str]] = ()) -> Iterator[BinaryIO]:
    """A stream whose bytes replace ``path`` atomically when the block ends without an
    error (a temporary beside it, fsynced and renamed); on an error the temporary goes.
    For outputs too large to hold in memory (Parquet, a download)."""
    physical = checked_output(path, reads=reads, roots=roots)
    checked_directory(physical.parent, roots=roots)
    with atomic.temporary_stream(physical) as stream:
        yield stream


def publish(finished: Path, path: str | os.PathLike[str], *, reads: Reads = NOTHING,
            roots: Sequence[str | os.PathLike[str]] = ()) -> Path:
    """Rename ``finished`` (a file this run wrote beside ``path``, e.g. ``OUT.part``) onto
    ``path``, after the rules, and make the rename durable; the real path."""
    physical = checked_output(path, reads=reads, roots=roots)
    with _cannot_write(Path(path)):
        atomic.rename_into_place(finished, physical)
    return physical


def remove_file(path: str | os.PathLike[str], *, links_too: bool = False) -> bool:
    """Delete a regular file claimset wrote (a finished run's part file and journal, a
    stale site page, a damaged download); whether it was there.  A symlink, FIFO or
    socket is left alone, unless ``links_too`` (a cache claimset owns: unlinking a link
    never touches what it points at); a directory always is."""
    target = Path(path)
    try:
        mode = os.lstat(target).st_mode
        if stat.S_ISDIR(mode) or not (stat.S_ISREG(mode) or links_too):
            return False
        target.unlink()
    except FileNotFoundError:
        return False
    return True


# -- files written in place --------------------------------------------------------------------


def open_appending(path: str | os.PathLike[str], *, fresh: bool, reads: Reads = NOTHING,
                   roots: Sequence[str | os.PathLike[str]] = ()) -> BinaryIO:
    """A stream appending to ``path`` (a part file, a journal), readable and truncatable.

    ``fresh`` starts a new file: an old one is removed first (never truncated through a
    hard link) and the new one made exclusively.  Otherwise the file must be there.
    Either way the path is opened without following a symlink and without blocking on a
    FIFO, and judged on the descriptor: only a regular file with one link is written
    (CS112).
    """
    physical = checked_output(path, reads=reads, roots=roots)
    flags = (os.O_RDWR | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
             | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    if fresh:
        remove_file(physical)
        flags |= os.O_CREAT | os.O_EXCL
    try:
        descriptor = os.open(physical, flags, 0o666)
    except FileExistsError:
        raise UsageError(f"{path}: made by another run meanwhile: is another claimset writing "
                         "this output? (nothing was written)", code="CS143") from None
    except OSError as error:
        raise _not_writable(Path(path), error) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_nlink != 1:
            what = "has other hard links" if stat.S_ISREG(status.st_mode) else "is not a " \
                "regular file"
            raise InputError(f"{path}: {what}, which claimset never writes in place: remove it "
                             "and run again (nothing was written)", code="CS112")
        os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "r+b")
    except BaseException:
        os.close(descriptor)
        raise


def _not_writable(path: Path, error: OSError) -> InputError:
    import errno

    if error.errno in (errno.ELOOP, errno.ENXIO, errno.EMLINK):
        return InputError(f"{path}: is a symlink or a FIFO, which claimset never writes "
                          "through: remove it and run again (nothing was written)",
                          code="CS112")
    return InputError(f"{path}: cannot write: {error.strerror or error}", code="CS109")


# -- directories -------------------------------------------------------------------------------


@attrs.frozen
class OutputDirectory:
    """A directory claimset writes files into (build's ``dist/``, the site): every name is
    relative to it, without ``..``, and nothing below it is a symlink (CS142)."""

    root: Path

    def path_of(self, relative: str) -> Path:
        parts = relative.split("/")
        if not relative or any(part in ("", ".", "..") or "\\" in part for part in parts):
            raise UsageError(f"{relative!r} is not a plain relative name inside {self.root}",
                             code="CS142")
        return self.root.joinpath(*parts)

    def check(self, relative: str) -> Path:
        """The real path ``root/relative`` would be written to, after the rules (a check
        before a run of writes, so a refusal comes before the first)."""
        return checked_output(self.path_of(relative), roots=(self.root,))

    def write(self, relative: str, data: bytes, *, durable: bool = True) -> Path:
        """Write ``root/relative`` atomically; its path."""
        path = self.path_of(relative)
        return write_file(path, data, roots=(self.root,), durable=durable)

    def create(self, relative: str, data: bytes | IO[bytes]) -> Path:
        """Make the new file ``root/relative`` (and the folders on its way) holding
        ``data`` (bytes, or a stream copied in chunks): never opened if it exists
        (FileExistsError), never through a symlink.  For unpacking into a scratch
        directory, where nothing needs to survive a crash."""
        path = self.path_of(relative)
        checked_output(path, roots=(self.root,))
        checked_directory(path.parent, roots=(self.root,))
        flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                 | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(os.open(path, flags, 0o666), "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                shutil.copyfileobj(data, stream)
        return path

    def remove(self, relative: str) -> bool:
        """Delete ``root/relative`` if it is a regular file below no symlink."""
        path = self.path_of(relative)
        try:
            checked_output(path, roots=(self.root,))
        except (UsageError, InputError):
            return False
        return remove_file(path)


def output_directory(path: str | os.PathLike[str], *, reads: Reads = NOTHING,
                     roots: Sequence[str | os.PathLike[str]] = ()) -> OutputDirectory:
    """The output directory ``path`` (made if missing), checked as :func:`checked_directory`
    checks it."""
    return OutputDirectory(checked_directory(path, reads=reads, roots=roots))


@contextlib.contextmanager
def scratch_directory(prefix: str = "claimset-") -> Iterator[Path]:
    """A private temporary directory, deleted with all it holds when the block ends."""
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def anonymous_file() -> BinaryIO:
    """A private temporary file with no name (gone when closed): e.g. a child process's
    error output, read back after it ends."""
    return tempfile.TemporaryFile()


# -- locks -------------------------------------------------------------------------------------


def lock_path(path: str | os.PathLike[str]) -> Path:
    """``.NAME.lock`` beside the output ``path`` (a file or a directory)."""
    target = Path(path)
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def output_lock(path: str | os.PathLike[str], *, timeout: float | None = None,
                reads: Reads = NOTHING, roots: Sequence[str | os.PathLike[str]] = (),
                ) -> Iterator[None]:
    """Hold the lock of the output ``path`` (``.NAME.lock`` beside it, left in place:
    deleting a lock file is what races); another run waits up to ``timeout`` seconds
    (default: the checkout lock's), then gets InputError CS143."""
    from claimset.store.lock import file_lock  # filelock only when an output is locked

    lock = lock_path(path)
    checked_output(lock, reads=reads, roots=roots)
    checked_directory(lock.parent, roots=roots)
    with file_lock(lock, timeout=timeout, code="CS143",
                   busy=f"another claimset run has been writing {path}"):
        yield
