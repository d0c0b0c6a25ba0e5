"""What the grammar cache is keyed and sealed by, and where it lives.

* the grammar's *fingerprint*: the sha256 of every file of ``claimset/grammar`` and
  ``claimset/core`` (code, tables, compiled modules), claimset's and Python's versions,
  and pint's when installed: a grammar that changes in any way reads every text again;
* a text's digest: the sha256 of its UTF-8 (a seed's pinned sha256);
* the user's sealing key: ``CLAIMSET_CACHE_KEY``, or a random key file in the cache
  directory, made once with mode 0600;
* the cache directory: ``CLAIMSET_CACHE_DIR`` or platformdirs' user cache directory, and
  the environment that turns the cache off or bounds it.

:mod:`claimset.store.cache` is the cache itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
import sys
from pathlib import Path

from claimset.core.errors import ClaimsetError, InputError
from claimset.store.writer import checked_directory, create_file, remove_file

__all__ = ["DEFAULT_MAX_BYTES", "DIRECTORY_ENV", "DISABLE_ENV", "KEY_ENV", "KEY_NAME",
           "MAX_BYTES_ENV", "cache_directory", "cache_disabled", "fingerprint_of",
           "grammar_fingerprint", "inside", "max_bytes", "text_digest", "user_key"]

DISABLE_ENV = "CLAIMSET_NO_CACHE"
DIRECTORY_ENV = "CLAIMSET_CACHE_DIR"
KEY_ENV = "CLAIMSET_CACHE_KEY"
MAX_BYTES_ENV = "CLAIMSET_CACHE_MAX_MB"
#: How much the cache may hold (its entries' bytes) before the least recently used go.
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
KEY_NAME = "key"


def cache_disabled() -> bool:
    """``CLAIMSET_NO_CACHE`` set to anything but "", "0", "false" or "no"."""
    value = os.environ.get(DISABLE_ENV, "").strip().lower()
    return value not in {"", "0", "false", "no"}


def cache_directory() -> Path:
    """Where the cache lives: ``CLAIMSET_CACHE_DIR``, or the user's cache directory."""
    configured = os.environ.get(DIRECTORY_ENV)
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("claimset", appauthor=False))


def max_bytes() -> int:
    """The bound ``CLAIMSET_CACHE_MAX_MB`` sets (InputError CS910 when it is no size)."""
    raw = os.environ.get(MAX_BYTES_ENV)
    if raw is None:
        return DEFAULT_MAX_BYTES
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = -1.0
    if not 0 <= megabytes <= 1024 * 1024:
        raise InputError(f"{MAX_BYTES_ENV}={raw!r} is not a size in MB from 0 to 1048576 "
                         "(the grammar cache's bound)", code="CS910")
    return int(megabytes * 1024 * 1024)


_fingerprint: bytes | None = None


def grammar_fingerprint() -> bytes:
    """sha256 of what the grammar's output depends on: every file of ``claimset/grammar``
    and ``claimset/core`` (code, tables, compiled modules), claimset's and Python's
    versions, and pint's when installed.  Computed once per process."""
    global _fingerprint
    if _fingerprint is None:
        from claimset import _version

        _fingerprint = fingerprint_of(str(Path(_version.__file__).parent))
    return _fingerprint


def fingerprint_of(package: str) -> bytes:
    """The fingerprint of the claimset package at ``package`` (a folder)."""
    import platform

    from claimset import _version

    digest = hashlib.sha256()
    digest.update(f"{_version.__version__}\0{platform.python_implementation()}\0"
                  f"{sys.version_info[:2]}\0{_package_version('pint')}\0".encode())
    for folder in ("grammar", "core"):
        for relative, path in _files_under(package, folder):
            with open(path, "rb") as stream:  # noqa: PTH123 (os paths: half the cost)
                digest.update(relative.encode() + b"\0" + hashlib.sha256(
                    stream.read()).digest())
    return digest.digest()


def _files_under(package: str, folder: str) -> list[tuple[str, str]]:
    """Every file below ``package/folder`` but bytecode caches: (relative name, path),
    sorted by name."""
    found: list[tuple[str, str]] = []
    pending = [folder]
    while pending:
        relative = pending.pop()
        with os.scandir(f"{package}/{relative}") as entries:
            for entry in entries:
                name = f"{relative}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        pending.append(name)
                elif entry.is_file():
                    found.append((name, entry.path))
    return sorted(found)


def _package_version(name: str) -> str:
    """The installed version of package ``name`` ("-" when it is not installed), from its
    dist-info folder's name: ``importlib.metadata`` would cost more than the rest of
    the fingerprint."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return "-"
    site = Path(spec.origin).parent.parent
    with contextlib.suppress(OSError):
        for entry in os.scandir(site):
            stem, _, version = entry.name.removesuffix(".dist-info").partition("-")
            if entry.name.endswith(".dist-info") and stem.lower() == name.lower():
                return version
    return "?"


def inside(directory: Path, root: Path) -> bool:
    """Whether ``directory`` is ``root`` or inside it (a bundle file: inside its folder)."""
    try:
        resolved, base = directory.resolve(), root.resolve()
    except (OSError, RuntimeError):
        return False
    if base.is_file():
        base = base.parent
    return resolved == base or base in resolved.parents


def user_key(directory: Path) -> bytes:
    """The sealing key: ``CLAIMSET_CACHE_KEY``, or the cache's own key file (made once,
    mode 0600; one that is not a regular file of 32 bytes is replaced)."""
    configured = os.environ.get(KEY_ENV)
    if configured:
        return hashlib.sha256(configured.encode()).digest()
    path = directory / KEY_NAME
    try:
        checked_directory(directory, mode=0o700)
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISREG(os.lstat(path).st_mode):
                key = path.read_bytes()
                if len(key) == 32:
                    return key
            remove_file(path, links_too=True)  # there, but no regular file of 32 bytes
        # Runs that start at once race to make the key: the first one's stands, whole,
        # and every run reads that one, so all seal with the same key.
        create_file(path, secrets.token_bytes(32), mode=0o600)
    except ClaimsetError as error:  # the writer's refusal: no usable cache here
        raise OSError(error.message) from None
    return path.read_bytes()


def text_digest(text: str) -> bytes:
    """sha256 of ``text`` in UTF-8: the key of its figures (a seed's pinned sha256)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
