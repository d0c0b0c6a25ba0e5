"""Fetching released bundles: registry, checksum, cache, offline mode and a lock.

A sharded release (:mod:`claimset.store.shards`) is fetched the same way: the
registry pins the manifest, and the manifest pins each shard (name, size, sha256),
each fetched, verified, locked and cached like the bundle beside it.

The module is longer than 500 lines because registry, cache and network are one
protocol: a file is trusted only through the registry entry that pins it (or a
manifest so pinned), and that rule reads best in one place.

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
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any, Literal

import attrs

from claimset.core.errors import DownloadError, InputError, UsageError
from claimset.core.escape import one_line
from claimset.core.semver import Version
from claimset.store.canonical import dumps
from claimset.store.jsonio import parse_json_text, read_json
from claimset.store.shards import shard_references

if TYPE_CHECKING:  # pragma: no cover
    import requests

    from claimset.store.model import Dataset

DEFAULT_BASE_URL = "https://github.com/claimset/claimset/releases/download"
#: (connect, read) seconds: a stalled server fails instead of hanging forever.
DEFAULT_TIMEOUT = (10.0, 60.0)
#: How long to wait for another process that is downloading the same file.
DEFAULT_LOCK_TIMEOUT = 600.0
CHUNK_BYTES = 64 * 1024

ENV_BASE_URL = "CLAIMSET_BASE_URL"
ENV_CACHE = "CLAIMSET_CACHE"
ENV_OFFLINE = "CLAIMSET_OFFLINE"
ENV_REGISTRY = "CLAIMSET_REGISTRY"

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_TRUE = frozenset({"1", "true", "yes", "on"})


# -- versions ----------------------------------------------------------------------


def parse_version(text: str) -> str:
    """``text`` as a semantic version (a leading ``v`` is dropped); UsageError otherwise."""
    version = text[1:] if text[:1] in ("v", "V") else text
    if Version.parse(version) is None:
        raise UsageError(f"{text!r} is not a version: give MAJOR.MINOR.PATCH (e.g. 1.0.0) "
                         "or 'latest'")
    return version


def version_key(version: str) -> tuple[Any, ...]:
    """Sort key in semver precedence: 1.0.0-rc.1 < 1.0.0 < 1.0.1 < 1.10.0."""
    parsed = Version.parse(version)
    if parsed is None:
        raise UsageError(f"{version!r} is not a version")
    return parsed.sort_key()


def is_prerelease(version: str) -> bool:
    return "-" in version


# -- the registry ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RegistryEntry:
    """A released bundle: which file, how many bytes, which sha256."""

    version: str
    file: str
    size: int
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "size": self.size, "sha256": self.sha256}


def _entries(value: Mapping[str, RegistryEntry]) -> Mapping[str, RegistryEntry]:
    ordered = sorted(value.items(), key=lambda item: version_key(item[0]))
    return MappingProxyType(dict(ordered))


@attrs.frozen
class Registry:
    """Every released version, oldest first."""

    entries: Mapping[str, RegistryEntry] = attrs.field(factory=dict, converter=_entries)

    def versions(self) -> list[str]:
        return list(self.entries)

    def latest(self) -> RegistryEntry:
        """The highest version, ignoring pre-releases unless there is nothing else."""
        if not self.entries:
            raise DownloadError("the registry lists no releases yet", code="CS603")
        finals = [version for version in self.entries if not is_prerelease(version)]
        return self.entries[(finals or list(self.entries))[-1]]

    def entry(self, version: str) -> RegistryEntry:
        """The entry for ``version`` ("latest" or MAJOR.MINOR.PATCH)."""
        if version == "latest":
            return self.latest()
        wanted = parse_version(version)
        try:
            return self.entries[wanted]
        except KeyError:
            known = ", ".join(self.entries) or "none"
            raise DownloadError(
                f"version {wanted} does not exist in the registry (known: {known}); a newer "
                f"package, or {ENV_REGISTRY}=<registry.json>, knows newer releases",
                code="CS603") from None

    def with_entry(self, entry: RegistryEntry, *, replace: bool = False) -> Registry:
        """A registry with ``entry`` added; a released version's content never changes."""
        old = self.entries.get(entry.version)
        if old is not None and old != entry and not replace:
            raise DownloadError(
                f"version {entry.version} is already released with sha256 {old.sha256}, this "
                f"build has {entry.sha256}: bump the version in dataset/index.json (or pass "
                "--replace for a version that was never published)", code="CS605")
        return Registry({**self.entries, entry.version: entry})

    def to_json(self) -> str:
        """Canonical JSON (versions in ascending order), as in the package."""
        return dumps({"releases": {version: entry.to_json()
                                   for version, entry in self.entries.items()}})

    @classmethod
    def from_json(cls, text: str, *, file: str = "registry.json") -> Registry:
        data = parse_json_text(text, file=file).data
        releases = data.get("releases") if isinstance(data, dict) else None
        if not isinstance(releases, dict):
            raise InputError(f"{file}: not a claimset registry (no 'releases' object)",
                             code="CS606")
        entries = {}
        for version, item in releases.items():
            if not (Version.parse(version) is not None and isinstance(item, dict)
                    and isinstance(item.get("file"), str) and _safe_name(item["file"])
                    and isinstance(item.get("size"), int) and item["size"] >= 0
                    and isinstance(item.get("sha256"), str) and _SHA256.match(item["sha256"])):
                raise InputError(f"{file}: release {version!r} needs a safe file name, a size "
                                 "and a lower-case hex sha256", code="CS606")
            entries[version] = RegistryEntry(version=version, file=item["file"],
                                             size=item["size"], sha256=item["sha256"])
        return cls(entries)


def _safe_name(name: str) -> bool:
    # The file name becomes a path in the cache: no directories, no dot files.
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name))


def bundled_registry_path() -> Path:
    return Path(__file__).resolve().parent.parent / "registry.json"


def read_registry(path: str | os.PathLike[str]) -> Registry:
    document = read_json(Path(path), follow_symlinks=True)  # a path a person set
    return Registry.from_json(document.text, file=document.file)


def resolve_registry(registry: Registry | str | os.PathLike[str] | None, *,
                     environ: Mapping[str, str]) -> Registry:
    """The registry given, else the file ``CLAIMSET_REGISTRY`` names, else the package's."""
    if isinstance(registry, Registry):
        return registry
    if registry is not None:
        return read_registry(registry)
    named = environ.get(ENV_REGISTRY)
    return read_registry(named if named else bundled_registry_path())


# -- configuration (pure) ----------------------------------------------------------


def default_cache_dir(environ: Mapping[str, str], *, home: Path) -> Path:
    """``CLAIMSET_CACHE``, else ``$XDG_CACHE_HOME/claimset``, else ``~/.cache/claimset``."""
    if environ.get(ENV_CACHE):
        return Path(environ[ENV_CACHE])
    if environ.get("XDG_CACHE_HOME"):
        return Path(environ["XDG_CACHE_HOME"]) / "claimset"
    return home / ".cache" / "claimset"


def is_offline(offline: bool | None, environ: Mapping[str, str]) -> bool:
    """An explicit argument wins; otherwise ``CLAIMSET_OFFLINE=1`` (or true/yes/on)."""
    if offline is not None:
        return offline
    return environ.get(ENV_OFFLINE, "").strip().lower() in _TRUE


def release_url(base_url: str, entry: RegistryEntry) -> str:
    return f"{base_url.rstrip('/')}/v{entry.version}/{entry.file}"


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How often to retry a transient failure, and how long to wait in between.

    ``sleep`` is injectable so tests retry without waiting.
    """

    attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, eq=False, repr=False)

    def delays(self) -> list[float]:
        """The wait before each retry: exponential backoff, capped."""
        return [min(self.max_delay, self.base_delay * 2 ** number)
                for number in range(max(0, self.attempts - 1))]


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
    """Whether the cached file is there and matches the registry (size first: it is free)."""
    try:
        if path.stat().st_size != entry.size:
            return "corrupt"
        _, digest = file_digest(path)
    except FileNotFoundError:
        return "missing"
    return "valid" if digest == entry.sha256 else "corrupt"


# -- the network (I/O) -------------------------------------------------------------


class _Transient(Exception):
    """A failure worth retrying (connection trouble, a 5xx, a truncated body)."""


@attrs.frozen(kw_only=True)
class Progress:
    """Prints ``name  41% 1.1/2.6 MB`` on one line of a terminal."""

    name: str
    #: Below the command line's escaping stream (its own carriage returns must pass);
    #: the name, which comes from the registry, is escaped here instead.
    stream: IO[str] = attrs.field(factory=lambda: getattr(sys.stderr, "unescaped", sys.stderr))

    def update(self, done: int, total: int | None) -> None:
        self.stream.write("\r" + progress_line(one_line(self.name), done, total))
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def progress_line(name: str, done: int, total: int | None) -> str:
    megabytes = f"{done / 1e6:.1f}"
    if not total:
        return f"{name}  {megabytes} MB"
    return f"{name}  {min(100, done * 100 // total):3d}% {megabytes}/{total / 1e6:.1f} MB"


def _stream_to(response: requests.Response, stream: IO[bytes], entry: RegistryEntry,
               progress: Progress | None) -> tuple[int, str]:
    import requests

    digest = hashlib.sha256()
    size = 0
    header = response.headers.get("Content-Length")
    total = int(header) if header and header.isdigit() else entry.size
    try:
        for chunk in response.iter_content(CHUNK_BYTES):
            digest.update(chunk)
            size += len(chunk)
            stream.write(chunk)
            if progress is not None:
                progress.update(size, total)
            if size > entry.size:
                break  # longer than the release: no need to read the rest to know it is wrong
    except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError,
            requests.exceptions.Timeout) as error:
        raise _Transient(f"the transfer broke off after {size} bytes ({_reason(error)})") from None
    # Content-Length counts encoded bytes; only an unencoded body can be compared with it.
    encoded = response.headers.get("Content-Encoding", "identity") != "identity"
    if header and header.isdigit() and size < int(header) and not encoded:
        raise _Transient(f"the transfer broke off after {size} of {header} bytes")
    return size, digest.hexdigest()


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _fetch_once(session: requests.Session, url: str, target: Path, entry: RegistryEntry, *,
                timeout: tuple[float, float], progress: Progress | None) -> None:
    """One attempt: stream into a temporary file beside ``target``, verify, rename."""
    import requests

    try:
        response = session.get(url, stream=True, timeout=timeout)
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as error:
        raise _Transient(f"cannot reach {url}: {_reason(error)}") from None
    with response:
        if response.status_code == 404:
            raise DownloadError(f"version {entry.version} does not exist at {url} (HTTP 404)",
                                code="CS603")
        if response.status_code >= 500 or response.status_code == 429:
            raise _Transient(f"{url} answered HTTP {response.status_code}")
        if response.status_code != 200:
            raise DownloadError(f"{url} answered HTTP {response.status_code}", code="CS601")
        handle, temporary = tempfile.mkstemp(prefix=f".{entry.file}.", suffix=".part",
                                             dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                size, digest = _stream_to(response, stream, entry, progress)
                stream.flush()
                os.fsync(stream.fileno())
            if size != entry.size or digest != entry.sha256:
                raise DownloadError(
                    f"{entry.file} from {url} failed its checksum: expected sha256 "
                    f"{entry.sha256} ({entry.size} bytes), got {digest} "
                    f"({size}{'+' if size > entry.size else ''} bytes); the download was "
                    "deleted", code="CS602")
            Path(temporary).replace(target)  # atomic: readers see no file or all of it
        except BaseException:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
            raise


def fetch_with_retries(url: str, target: Path, entry: RegistryEntry, *,
                       timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                       retry: RetryPolicy = RetryPolicy(), progress: bool = False) -> None:
    """Download ``url`` to ``target``, retrying transient failures with backoff."""
    import requests

    from claimset._version import __version__

    delays = retry.delays()
    with requests.Session() as session:
        session.headers["User-Agent"] = f"claimset/{__version__}"
        for attempt in range(len(delays) + 1):
            reporter = Progress(name=entry.file) if progress else None
            try:
                _fetch_once(session, url, target, entry, timeout=timeout, progress=reporter)
                return
            except _Transient as error:
                last = str(error)
                if attempt == len(delays):
                    break
                retry.sleep(delays[attempt])
            finally:
                if reporter is not None:
                    reporter.close()
    raise DownloadError(f"could not download {entry.file} after {len(delays) + 1} attempt(s): "
                        f"{last}", code="CS601")


def remove_partial_downloads(target: Path) -> list[Path]:
    """Delete what killed downloads of ``target`` left (``.<file>.*.part``).

    Call only while holding ``target``'s lock: no download of it can be running
    then, so every partial file is stale.
    """
    removed = []
    for partial in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
        with contextlib.suppress(OSError):
            partial.unlink()
            removed.append(partial)
    return removed


@contextlib.contextmanager
def _locked(path: Path, *, timeout: float) -> Iterator[None]:
    import filelock

    lock = filelock.FileLock(os.fspath(path.with_name(path.name + ".lock")), timeout=timeout)
    try:
        with lock:
            yield
    except filelock.Timeout:
        raise DownloadError(f"another process has been downloading {path.name} for "
                            f"{timeout:g} s (lock {lock.lock_file}): wait, or delete the lock "
                            "file if no claimset is running", code="CS601") from None


# -- the entry points --------------------------------------------------------------


def fetch(version: str = "latest", *, base_url: str | None = None,
          cache_dir: str | os.PathLike[str] | None = None, offline: bool | None = None,
          progress: bool = False, registry: Registry | str | os.PathLike[str] | None = None,
          timeout: tuple[float, float] = DEFAULT_TIMEOUT, retry: RetryPolicy = RetryPolicy(),
          lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> Path:
    """The path of a verified bundle in the cache, downloading it if needed.

    See :func:`download` for the arguments; this is the same without loading.
    """
    environ = os.environ
    entry = resolve_registry(registry, environ=environ).entry(version)
    offline_now = is_offline(offline, environ)
    directory = Path(cache_dir) if cache_dir is not None else default_cache_dir(
        environ, home=Path.home())
    base = base_url or environ.get(ENV_BASE_URL) or DEFAULT_BASE_URL

    def ensure(wanted: RegistryEntry) -> Path:
        return _cached(wanted, directory=directory, base_url=base, offline=offline_now,
                       progress=progress, timeout=timeout, retry=retry,
                       lock_timeout=lock_timeout)

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
            lock_timeout: float) -> Path:
    """The path of ``entry``'s verified file in the cache, downloading it if needed."""
    target = directory / entry.file
    state = cache_state(target, entry)
    if download_action(state, offline=offline) == "use":
        return target
    if offline:
        raise DownloadError(offline_message(entry, target, state), code="CS604")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(f"cannot create the cache directory {directory}: "
                            f"{error.strerror or error}; set {ENV_CACHE}", code="CS601") from None
    url = release_url(base_url, entry)
    with _locked(target, timeout=lock_timeout):
        # Another thread or process may have finished the download while we waited.
        state = cache_state(target, entry)
        if download_action(state, offline=False) == "use":
            return target
        if state == "corrupt":
            target.unlink(missing_ok=True)  # useless, and must not outlive a failed retry
        remove_partial_downloads(target)
        fetch_with_retries(url, target, entry, timeout=timeout, retry=retry, progress=progress)
    return target


def download(version: str = "latest", *, base_url: str | None = None,
             cache_dir: str | os.PathLike[str] | None = None, offline: bool | None = None,
             progress: bool = False, registry: Registry | str | os.PathLike[str] | None = None,
             timeout: tuple[float, float] = DEFAULT_TIMEOUT, retry: RetryPolicy = RetryPolicy(),
             lock_timeout: float = DEFAULT_LOCK_TIMEOUT) -> Dataset:
    """A released version of the dataset, verified against the registry and cached.

    ``version`` is "latest" (the highest release that is not a pre-release) or
    MAJOR.MINOR.PATCH.  The file comes from
    ``<base_url>/v<version>/claimset-<version>.json``; ``base_url`` defaults to
    ``CLAIMSET_BASE_URL`` or the project's GitHub releases.  ``cache_dir``
    defaults to ``CLAIMSET_CACHE``, ``$XDG_CACHE_HOME/claimset`` or
    ``~/.cache/claimset``.  With ``offline=True`` (default: ``CLAIMSET_OFFLINE``)
    the network is never used.  ``registry`` is a :class:`Registry` or the path
    of a registry.json (default: ``CLAIMSET_REGISTRY``, else the package's).

    Raises :class:`~claimset.core.errors.DownloadError`: CS601 the download failed
    (after retries), CS602 checksum mismatch, CS603 no such version, CS604
    offline and not cached.
    """
    from claimset.check.loader import load

    return load(fetch(version, base_url=base_url, cache_dir=cache_dir, offline=offline,
                      progress=progress, registry=registry, timeout=timeout, retry=retry,
                      lock_timeout=lock_timeout))
