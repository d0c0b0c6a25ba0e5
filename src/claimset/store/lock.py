"""The checkout lock: one writer at a time.

Every command that rewrites files of a checkout (``fmt``, ``reanchor --write``,
``add-source``, ``build --update-registry`` and any writer added later) holds
:func:`checkout_lock` around its read-modify-write, so two writers never lose
each other's update: the second waits for the first, then reads what the first
wrote.  The lock is a ``filelock`` on ``<checkout>/.claimset.lock`` (gitignored;
the file is left behind on purpose: deleting a lock file is what races).  The
operating system drops the lock when its holder dies, so a killed writer never
leaves the checkout locked; the next writer to take the lock deletes the temporaries
a killed one left in the checkout, ``dataset/`` and ``seeds/`` (see
``store.atomic.remove_abandoned_temporaries_in``).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import filelock

from claimset.core import limits
from claimset.core.errors import InputError
from claimset.store.atomic import remove_abandoned_temporaries_in
from claimset.store.jsonio import not_regular

LOCK_NAME = ".claimset.lock"
#: How long a writer waits for another one (seconds); CLAIMSET_LOCK_TIMEOUT overrides it.
LOCK_TIMEOUT = limits.LOCK_WAIT


def lock_timeout() -> float:
    raw = os.environ.get("CLAIMSET_LOCK_TIMEOUT")
    if raw is None:
        return LOCK_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 86_400:
        raise InputError(f"CLAIMSET_LOCK_TIMEOUT={raw!r} is not a number of seconds "
                         "from 0 to 86400", code="CS114")
    return value


@contextlib.contextmanager
def file_lock(path: Path, *, timeout: float | None = None, code: str = "CS114",
              busy: str = "another claimset command has been writing here") -> Iterator[None]:
    """Hold a ``filelock`` on ``path`` (made if missing, never through a symlink), waiting
    up to ``timeout`` seconds (default :func:`lock_timeout`); InputError ``code`` when it
    is not free in time.  The operating system drops the lock when its holder dies."""
    wait = lock_timeout() if timeout is None else timeout
    with contextlib.suppress(FileNotFoundError):
        mode = os.lstat(path).st_mode
        if not stat.S_ISREG(mode):  # a symlink planted by a pull request is never followed
            raise not_regular(path.name, mode)
    try:
        lock = filelock.FileLock(os.fspath(path), timeout=wait, is_singleton=False)
        lock.acquire()
    except filelock.Timeout:
        raise InputError(f"{path.name}: {busy} for over {wait:g} s: wait for it to finish, "
                         "then run again (CLAIMSET_LOCK_TIMEOUT sets the wait)",
                         code=code) from None
    except OSError as error:
        raise InputError(f"{path}: cannot take the lock: {error.strerror or error}",
                         code=code) from None
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def checkout_lock(root: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the checkout's write lock (InputError CS114 when it is not free in time)."""
    with file_lock(Path(root) / LOCK_NAME, timeout=timeout, code="CS114",
                   busy="another claimset command has been writing this checkout"):
        # Holding the lock, no other claimset writer is at work here: what a killed one
        # left half-written is swept before this one starts.
        for directory in (Path(root), Path(root) / "dataset", Path(root) / "seeds"):
            remove_abandoned_temporaries_in(directory)
        yield
