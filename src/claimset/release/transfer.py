"""One download over HTTP: stream into a temporary file, verify, rename; retries
with backoff, all within a deadline.

Split from :mod:`claimset.release.download` (the cache, the lock and the entry
points), which is the module to use.  ``requests`` is imported only here, and
only when a download actually happens.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

import attrs

from claimset.core.errors import DownloadError
from claimset.core.escape import one_line
from claimset.release.registry import RegistryEntry
from claimset.release.settings import (
    CHUNK_BYTES,
    DEFAULT_DEADLINE,
    DEFAULT_TIMEOUT,
    ENV_CACHE,
    ENV_DEADLINE,
    MAX_REDIRECTS,
    RetryPolicy,
)
from claimset.store.writer import streamed

if TYPE_CHECKING:  # pragma: no cover
    import requests


# -- the network (I/O) -------------------------------------------------------------


class _Transient(Exception):
    """A failure worth retrying (connection trouble, a 5xx, a truncated body)."""


def _cache_error(directory: Path, error: OSError) -> DownloadError:
    return DownloadError(f"the cache directory {directory} cannot be used: "
                         f"{error.strerror or error}: give a writable directory "
                         f"(--cache-dir or {ENV_CACHE})", code="CS610")


@attrs.frozen
class _Clock:
    """When the whole download must be over (time.monotonic)."""

    ends: float
    seconds: float

    def check(self, what: str) -> None:
        if time.monotonic() > self.ends:
            raise DownloadError(f"{what} took longer than the {self.seconds:g} s deadline: "
                                f"try again later, or set {ENV_DEADLINE} for a slow network",
                                code="CS612")

    def left(self) -> float:
        return max(0.0, self.ends - time.monotonic())


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


def _chunks(response: requests.Response) -> Iterator[bytes]:
    """The body as it arrives: ``read1`` returns whatever bytes came, so a trickling
    server still lets the deadline be checked between chunks (iter_content waits for
    a whole chunk: 64 KiB at a byte a second is 18 hours)."""
    read1 = getattr(response.raw, "read1", None)
    if read1 is None:  # pragma: no cover - urllib3 < 2
        yield from response.iter_content(CHUNK_BYTES)
        return
    while chunk := read1(CHUNK_BYTES, decode_content=True):
        yield chunk


def _stream_to(response: requests.Response, stream: IO[bytes], entry: RegistryEntry,
               progress: Progress | None, clock: _Clock | None = None) -> tuple[int, str]:
    import requests
    import urllib3

    digest = hashlib.sha256()
    size = 0
    header = response.headers.get("Content-Length")
    if header and header.isdigit() and int(header) > entry.size and response.headers.get(
            "Content-Encoding", "identity") == "identity":
        raise _too_long(entry, f"announces {header} bytes")
    total = int(header) if header and header.isdigit() else entry.size
    try:
        for chunk in _chunks(response):
            digest.update(chunk)
            size += len(chunk)
            if size > entry.size:  # no need to read (or keep) the rest to know it is wrong
                raise _too_long(entry, f"sent over {entry.size} bytes")
            stream.write(chunk)
            if progress is not None:
                progress.update(size, total)
            if clock is not None:
                clock.check(f"downloading {entry.file}")
    except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ConnectionError,
            requests.exceptions.Timeout, urllib3.exceptions.HTTPError, OSError) as error:
        raise _Transient(f"the transfer broke off after {size} bytes ({_reason(error)})") from None
    # Content-Length counts encoded bytes; only an unencoded body can be compared with it.
    encoded = response.headers.get("Content-Encoding", "identity") != "identity"
    if header and header.isdigit() and size < int(header) and not encoded:
        raise _Transient(f"the transfer broke off after {size} of {header} bytes")
    return size, digest.hexdigest()


def _too_long(entry: RegistryEntry, what: str) -> DownloadError:
    return DownloadError(f"the server {what} for {entry.file}, which the registry says is "
                         f"{entry.size} bytes: not the release (nothing was kept)", code="CS611")


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:199] + "…"


def _fetch_once(session: requests.Session, url: str, target: Path, entry: RegistryEntry, *,
                timeout: tuple[float, float], progress: Progress | None,
                clock: _Clock | None = None) -> None:
    """One attempt: stream into a temporary file beside ``target``, verify, rename."""
    import requests

    if clock is not None:
        left = clock.left()
        timeout = (min(timeout[0], left) or 0.001, min(timeout[1], left) or 0.001)
    try:
        response = session.get(url, stream=True, timeout=timeout)
    except requests.exceptions.TooManyRedirects:
        raise DownloadError(f"{url} redirects more than {MAX_REDIRECTS} times (a redirect "
                            "loop?): check the base URL", code="CS609") from None
    except (requests.exceptions.InvalidSchema, requests.exceptions.InvalidURL,
            requests.exceptions.MissingSchema) as error:
        raise DownloadError(f"{url} redirects to an address claimset does not fetch from "
                            f"({_reason(error)}): only http and https", code="CS608") from None
    except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as error:
        if clock is not None:
            clock.check(f"reaching {url}")
        raise _Transient(f"cannot reach {url}: {_reason(error)}") from None
    except requests.exceptions.RequestException as error:
        raise DownloadError(f"cannot download {url}: {_reason(error)}", code="CS601") from None
    with response:
        if response.status_code == 404:
            raise DownloadError(f"version {entry.version} does not exist at {url} (HTTP 404)",
                                code="CS603")
        if response.status_code >= 500 or response.status_code == 429:
            raise _Transient(f"{url} answered HTTP {response.status_code}")
        if response.status_code != 200:
            raise DownloadError(f"{url} answered HTTP {response.status_code}", code="CS601")
        try:
            # A temporary beside the target, renamed only once verified: readers see no
            # file or all of it, and a mismatch deletes the temporary.
            with streamed(target) as stream:
                size, digest = _stream_to(response, stream, entry, progress, clock)
                if size != entry.size or digest != entry.sha256:
                    raise DownloadError(
                        f"{entry.file} from {url} failed its checksum: expected sha256 "
                        f"{entry.sha256} ({entry.size} bytes), got {digest} "
                        f"({size}{'+' if size > entry.size else ''} bytes); the download was "
                        "deleted", code="CS602")
        except OSError as error:
            raise _cache_error(target.parent, error) from None


def fetch_with_retries(url: str, target: Path, entry: RegistryEntry, *,
                       timeout: tuple[float, float] = DEFAULT_TIMEOUT,
                       retry: RetryPolicy = RetryPolicy(), progress: bool = False,
                       deadline: float = DEFAULT_DEADLINE) -> None:
    """Download ``url`` to ``target``, retrying transient failures with backoff, all
    within ``deadline`` seconds (DownloadError CS612 after it)."""
    import requests

    from claimset._version import __version__

    clock = _Clock(ends=time.monotonic() + deadline, seconds=deadline)
    delays = retry.delays()
    with requests.Session() as session:
        session.headers["User-Agent"] = f"claimset/{__version__}"
        session.max_redirects = MAX_REDIRECTS
        for attempt in range(len(delays) + 1):
            reporter = Progress(name=entry.file) if progress else None
            try:
                _fetch_once(session, url, target, entry, timeout=timeout, progress=reporter,
                            clock=clock)
                return
            except _Transient as error:
                last = str(error)
                if attempt == len(delays) or delays[attempt] >= clock.left():
                    break
                retry.sleep(delays[attempt])
            finally:
                if reporter is not None:
                    reporter.close()
    raise DownloadError(f"could not download {entry.file} after {len(delays) + 1} attempt(s): "
                        f"{last}", code="CS601")
