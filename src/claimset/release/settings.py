"""Download settings: defaults, environment variables and the retry policy (pure).

Every cost of a download has a limit here: the connect and read timeouts, the
total deadline over all attempts, the redirects followed, the lock wait.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path

import attrs

from claimset.core import limits
from claimset.core.errors import DownloadError, UsageError
from claimset.core.escape import one_line
from claimset.release.registry import RegistryEntry

DEFAULT_BASE_URL = "https://github.com/claimset/claimset/releases/download"
#: (connect, read) seconds: a stalled server fails instead of hanging forever.
DEFAULT_TIMEOUT = (10.0, 60.0)
#: How long to wait for another process that is downloading the same file.
DEFAULT_LOCK_TIMEOUT = 600.0
#: How long one download may take in all, retries included (seconds): a server that
#: sends a byte a second never trips the read timeout, and would hold the lock for days.
#: CLAIMSET_DOWNLOAD_DEADLINE or ``deadline=`` sets another.
DEFAULT_DEADLINE = limits.DOWNLOAD_DEADLINE
#: Redirects followed before giving up (a loop ends here).
MAX_REDIRECTS = limits.DOWNLOAD_REDIRECTS
CHUNK_BYTES = 64 * 1024

ENV_BASE_URL = "CLAIMSET_BASE_URL"
ENV_CACHE = "CLAIMSET_CACHE"
ENV_OFFLINE = "CLAIMSET_OFFLINE"
ENV_DEADLINE = "CLAIMSET_DOWNLOAD_DEADLINE"

_TRUE = frozenset({"1", "true", "yes", "on"})


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


#: A dataset release's git tag, and the folder of its files under the download base: the
#: dataset's version after ``dataset-``, apart from the package's own ``vX.Y.Z`` tags
#: (docs/releases.md, "Tags").
DATASET_TAG_PREFIX = "dataset-"


def dataset_tag(version: str) -> str:
    """``dataset-1.1.0``: the git tag of a dataset release (a GitHub release's tag)."""
    return f"{DATASET_TAG_PREFIX}{version}"


def release_url(base_url: str, entry: RegistryEntry) -> str:
    """The release's address; DownloadError CS608 when ``base_url`` is not an http(s) URL."""
    return f"{checked_base_url(base_url).rstrip('/')}/{dataset_tag(entry.version)}/{entry.file}"


def checked_base_url(base_url: str) -> str:
    """``base_url`` when it is an absolute http or https URL with a host (CS608 otherwise)."""
    from urllib.parse import urlsplit

    problem = None
    if any(character.isspace() or ord(character) < 32 or ord(character) == 127
           for character in base_url):
        problem = "contains spaces or control characters"
    else:
        try:
            parts = urlsplit(base_url)
            port = parts.port  # raises ValueError on a port that is not a number
        except ValueError as error:
            problem, port = str(error), None
        else:
            if parts.scheme not in ("http", "https"):
                problem = f"scheme {parts.scheme or '(none)'!r} is not http or https"
            elif not parts.hostname:
                problem = "has no host"
        del port
    if problem is not None:
        raise DownloadError(f"base URL {one_line(base_url)!r} {problem}: give an http(s) URL "
                            f"(--base-url or {ENV_BASE_URL})", code="CS608")
    return base_url


def deadline_seconds(deadline: float | None, environ: Mapping[str, str]) -> float:
    """An explicit ``deadline`` wins, then CLAIMSET_DOWNLOAD_DEADLINE, then the default."""
    if deadline is None:
        raw = environ.get(ENV_DEADLINE)
        if raw is None:
            return DEFAULT_DEADLINE
        try:
            deadline = float(raw)
        except ValueError:
            deadline = -1.0
    if not 0 < deadline <= 7 * 86_400:
        raise UsageError(f"download deadline {deadline!r} is not a number of seconds from 0 to "
                         f"604800 ({ENV_DEADLINE})")
    return deadline


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
