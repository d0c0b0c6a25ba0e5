"""Fetching released bundles: registry, checksum, cache, offline mode and a lock.

A sharded release (:mod:`claimset.store.shards`) is fetched the same way: the
registry pins the manifest, and the manifest pins each shard (name, size, sha256),
each fetched, verified, locked and cached like the bundle beside it.  The registry
is in :mod:`claimset.release.registry`, the settings and limits in
:mod:`claimset.release.settings`, one HTTP transfer in :mod:`claimset.release.transfer`.

Shaped like pooch's ``retrieve()`` (one function with keyword defaults, a
temporary file beside the target, a strict hash check, then a rename) and a
small pure :func:`download_action` that decides what to do.  Two things pooch
lacks are built in: an offline mode that never touches the network and says
what is missing (pooch #352), and a file lock so that threads or processes
fetching the same version at once leave one complete file (pooch #411).

The registry (``claimset/registry.json``, written by ``claimset build
--update-registry``) is the trust anchor: it names each released version's
file, size and sha256, and a download is only accepted when it matches.
``requests`` and ``filelock`` are imported only when the network or the cache
is actually used, so ``claimset download --list`` stays quick.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from claimset.core import arguments
from claimset.core.errors import DownloadError, InputError, UsageError
from claimset.release.registry import (
    ENV_REGISTRY,
    Registry,
    RegistryEntry,
    bundled_registry_path,
    is_prerelease,
    parse_version,
    read_registry,
    resolve_registry,
    version_key,
)
from claimset.release.settings import (
    CHUNK_BYTES,
    DEFAULT_BASE_URL,
    DEFAULT_DEADLINE,
    DEFAULT_LOCK_TIMEOUT,
    DEFAULT_TIMEOUT,
    ENV_BASE_URL,
    ENV_CACHE,
    ENV_DEADLINE,
    ENV_OFFLINE,
    MAX_REDIRECTS,
    RetryPolicy,
    checked_base_url,
    deadline_seconds,
    default_cache_dir,
    is_offline,
    release_url,
)
from claimset.release.transfer import (
    Progress,
    _cache_error,
    fetch_with_retries,
    progress_line,
)
from claimset.store.shards import shard_references

if TYPE_CHECKING:  # pragma: no cover
    from claimset.store.model import Dataset

__all__ = [
    "CHUNK_BYTES", "DEFAULT_BASE_URL", "DEFAULT_DEADLINE", "DEFAULT_LOCK_TIMEOUT",
    "DEFAULT_TIMEOUT", "ENV_BASE_URL", "ENV_CACHE", "ENV_DEADLINE", "ENV_OFFLINE",
    "ENV_REGISTRY", "MAX_REDIRECTS", "Progress", "Registry", "RegistryEntry", "RetryPolicy",
    "bundled_registry_path", "cache_state", "checked_base_url", "deadline_seconds",
    "default_cache_dir", "download", "download_action", "fetch", "fetch_with_retries",
    "file_digest", "is_offline", "is_prerelease", "offline_message", "parse_version",
    "progress_line", "read_registry", "release_url", "remove_partial_downloads",
    "resolve_registry", "shard_entries", "version_key",
]


# -- the decision (pure) -----------------------------------------------------------

CacheState = Literal["missing", "valid", "corrupt"]
Action = Literal["use", "fetch", "fail"]


def download_action(state: CacheState, *, offline: bool) -> Action:
    """What to do about a file, given the cache's state and whether the network may be used."""
    if state == "valid":
        return "use"
    return "fail" if offline else "fetch"


def offline_message(entry: RegistryEntry, path: Path, state: CacheState) -> str:
    what = "is not in the cache" if state == "missing" else "in the cache is damaged"
    return (f"offline and claimset {entry.version} ({entry.file}) {what} at {path}: run "
            f"`claimset download {entry.version}` once while online, or unset {ENV_OFFLINE}")


# -- the cache (I/O) ---------------------------------------------------------------


def file_digest(path: Path) -> tuple[int, str]:
    """Size and sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(CHUNK_BYTES), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def cache_state(path: Path, entry: RegistryEntry) -> CacheState:
    """Whether the cached file is there and matches the registry (size first: it is free).

    Only a regular file counts: a FIFO or device in the cache is never opened."""
    try:
        status = path.lstat()
        if not stat.S_ISREG(status.st_mode) or status.st_size != entry.size:
            return "corrupt"
        _, digest = file_digest(path)
    except FileNotFoundError:
        return "missing"
    except OSError as error:  # the cache "directory" is a file, or not readable
        raise _cache_error(path.parent, error) from None
    return "valid" if digest == entry.sha256 else "corrupt"


def remove_partial_downloads(target: Path) -> list[Path]:
    """Delete what killed downloads of ``target`` left (``.<file>.*.part``).

    Call only while holding ``target``'s lock: no download of it can be running
    then, so every partial file is stale.
    """
    from claimset.store.writer import remove_file

    removed = []
    for partial in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
        with contextlib.suppress(OSError):
            if remove_file(partial):
                removed.append(partial)
    return removed


@contextlib.contextmanager
def _locked(path: Path, *, timeout: float) -> Iterator[None]:
    from claimset.store.lock import file_lock  # filelock only when the cache is written

    lock = path.with_name(path.name + ".lock")
    try:
        with file_lock(lock, timeout=timeout, code="CS601"):
            yield
    except InputError as error:
        if error.code != "CS601":
            raise
        raise DownloadError(f"another process has been downloading {path.name} for "
                            f"{timeout:g} s (lock {lock}): wait, or delete the lock file if "
                            "no claimset is running", code="CS601") from None


# -- the entry points --------------------------------------------------------------


def fetch(version: str = "latest", *, base_url: str | None = None,
          cache_dir: str | os.PathLike[str] | None = None, offline: bool | None = None,
          progress: bool = False, registry: Registry | str | os.PathLike[str] | None = None,
          timeout: tuple[float, float] = DEFAULT_TIMEOUT, retry: RetryPolicy = RetryPolicy(),
          lock_timeout: float = DEFAULT_LOCK_TIMEOUT, deadline: float | None = None) -> Path:
    """The path of a verified bundle in the cache, downloading it if needed.

    See :func:`download` for the arguments; this is the same without loading.
    """
    _check_arguments("claimset.release.download.fetch", version=version, base_url=base_url,
                     cache_dir=cache_dir, offline=offline, progress=progress,
                     registry=registry, timeout=timeout, retry=retry,
                     lock_timeout=lock_timeout, deadline=deadline)
    environ = os.environ
    seconds = deadline_seconds(deadline, environ)
    ends = time.monotonic() + seconds  # one deadline for the release: manifest and shards
    entry = resolve_registry(registry, environ=environ).entry(version)
    offline_now = is_offline(offline, environ)
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir(
        environ, home=Path.home())
    base = base_url or environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL

    def ensure(wanted: RegistryEntry) -> Path:
        return _cached(wanted, directory=directory, base_url=base, offline=offline_now,
                       progress=progress, timeout=timeout, retry=retry,
                       lock_timeout=lock_timeout,
                       deadline=max(0.001, ends - time.monotonic()))

    target = ensure(entry)
    # A sharded release: the manifest (pinned by the registry) pins every shard in turn.
    for shard in shard_entries(target, entry):
        ensure(shard)
    return target


def shard_entries(path: Path, entry: RegistryEntry) -> list[RegistryEntry]:
    """The shards a verified release file lists, as entries to fetch; [] for a bundle."""
    return [RegistryEntry(version=entry.version, file=name, size=size, sha256=sha256)
            for name, size, sha256 in shard_references(path)]


def _cached(entry: RegistryEntry, *, directory: Path, base_url: str, offline: bool,
            progress: bool, timeout: tuple[float, float], retry: RetryPolicy,
            lock_timeout: float, deadline: float) -> Path:
    """The path of ``entry``'s verified file in the cache, downloading it if needed."""
    target = directory / entry.file
    state = cache_state(target, entry)
    if download_action(state, offline=offline) == "use":
        return target
    if offline:
        raise DownloadError(offline_message(entry, target, state), code="CS604")
    from claimset.store.writer import checked_directory

    try:
        checked_directory(directory)
    except OSError as error:
        raise _cache_error(directory, error) from None
    except (InputError, UsageError) as error:
        raise DownloadError(f"the cache directory {directory} cannot be used: {error.message}: "
                            "give a writable directory (--cache-dir or CLAIMSET_CACHE)",
                            code="CS610") from None
    url = release_url(base_url, entry)
    try:
        return _fetch_locked(url, target, entry, timeout=timeout, retry=retry,
                             progress=progress, lock_timeout=lock_timeout, deadline=deadline)
    except OSError as error:  # the lock file or the rename: the cache is not writable
        raise _cache_error(directory, error) from None


def _fetch_locked(url: str, target: Path, entry: RegistryEntry, *,
                  timeout: tuple[float, float], retry: RetryPolicy, progress: bool,
                  lock_timeout: float, deadline: float) -> Path:
    from claimset.store.writer import remove_file

    with _locked(target, timeout=lock_timeout):
        # Another thread or process may have finished the download while we waited.
        state = cache_state(target, entry)
        if download_action(state, offline=False) == "use":
            return target
        if state == "corrupt":  # useless, and must not outlive a failed retry
            remove_file(target, links_too=True)
        remove_partial_downloads(target)
        fetch_with_retries(url, target, entry, timeout=timeout, retry=retry, progress=progress,
                           deadline=deadline)
    return target


def download(version: str = "latest", *, base_url: str | None = None,
             cache_dir: str | os.PathLike[str] | None = None, offline: bool | None = None,
             progress: bool = False, registry: Registry | str | os.PathLike[str] | None = None,
             timeout: tuple[float, float] = DEFAULT_TIMEOUT, retry: RetryPolicy = RetryPolicy(),
             lock_timeout: float = DEFAULT_LOCK_TIMEOUT, deadline: float | None = None) -> Dataset:
    """A released version of the dataset, verified against the registry and cached.

    ``version`` is "latest" (the highest release that is not a pre-release) or
    MAJOR.MINOR.PATCH.  The file comes from
    ``<base_url>/v<version>/claimset-<version>.json``; ``base_url`` defaults to
    ``CLAIMSET_BASE_URL`` or the project's GitHub releases.  ``cache_dir``
    defaults to ``CLAIMSET_CACHE``, ``$XDG_CACHE_HOME/claimset`` or
    ``~/.cache/claimset``.  With ``offline=True`` (default: ``CLAIMSET_OFFLINE``)
    the network is never used.  ``registry`` is a :class:`Registry` or the path
    of a registry.json (default: ``CLAIMSET_REGISTRY``, else the package's).

    ``deadline`` bounds the whole download, retries included (default:
    ``CLAIMSET_DOWNLOAD_DEADLINE``, else 900 s).

    Raises :class:`~claimset.core.errors.DownloadError`: CS601 the download failed
    (after retries), CS602 checksum mismatch, CS603 no such version, CS604
    offline and not cached, CS608 a base URL or redirect that is not http(s),
    CS609 a redirect loop, CS610 a cache directory that cannot be used, CS611 a
    body longer than the release, CS612 the deadline passed; and
    :class:`~claimset.core.errors.ArgumentError` (CS121) for an argument of a type or
    value it does not take.
    """
    from claimset.check.loader import load

    _check_arguments("claimset.download", version=version, base_url=base_url,
                     cache_dir=cache_dir, offline=offline, progress=progress,
                     registry=registry, timeout=timeout, retry=retry,
                     lock_timeout=lock_timeout, deadline=deadline)

    return load(fetch(version, base_url=base_url, cache_dir=cache_dir, offline=offline,
                      progress=progress, registry=registry, timeout=timeout, retry=retry,
                      lock_timeout=lock_timeout, deadline=deadline))


def _check_arguments(function: str, *, version: Any, base_url: Any, cache_dir: Any,
                     offline: Any, progress: Any, registry: Any, timeout: Any, retry: Any,
                     lock_timeout: Any, deadline: Any) -> None:
    """ArgumentError (CS121) for an argument :func:`download` and :func:`fetch` do not take."""
    arguments.text(function, "version", version)
    arguments.text(function, "base_url", base_url, optional=True)
    arguments.path(function, "cache_dir", cache_dir)
    arguments.flag(function, "offline", offline, optional=True)
    arguments.flag(function, "progress", progress)
    if not isinstance(registry, Registry):
        arguments.path(function, "registry", registry)
    if not isinstance(timeout, tuple) or len(timeout) != 2:
        raise arguments.refused(function, "timeout", "a (connect, read) tuple of two numbers "
                                "of seconds", timeout)
    for part, seconds in zip(("connect", "read"), timeout, strict=True):
        arguments.number(function, f"timeout's {part} seconds", seconds, above=True)
    arguments.instance(function, "retry", retry, RetryPolicy, takes="a RetryPolicy")
    arguments.number(function, "lock_timeout", lock_timeout)
    arguments.number(function, "deadline", deadline, above=True, optional=True)
