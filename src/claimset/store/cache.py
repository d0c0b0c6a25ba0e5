"""The grammar cache: the figures of a text, read once per grammar, kept between runs.

Reading every figure of every source is most of what ``claimset validate`` costs, and a
contributor validates the same texts again and again.  The figures of a text are a pure
function of the text and the grammar, so they are kept here, keyed by the text's sha256
and a *fingerprint* of the grammar (every file of ``claimset/grammar`` and
``claimset/core``, claimset's version, Python's, and pint's when installed): a text
that changes, or a grammar that changes, is read again.  A figure's reading on its own
(``read_figure``, the value check's fallback) is kept by the figure's text.

**Where, and what it is trusted with.**  The cache lives in the user's cache directory
(platformdirs' ``user_cache_dir("claimset")``, or ``CLAIMSET_CACHE_DIR``), never in a
checkout: a pull request or a bundle brings data, never cache entries, and a
``CLAIMSET_CACHE_DIR`` inside the dataset being checked is refused (CS910).  Each entry
is sealed with an HMAC-SHA256 under a key that only this user's claimset holds (a
random key file in the cache directory, made with mode 0600, or ``CLAIMSET_CACHE_KEY``):
an entry written with another key (copied from elsewhere, or from a run that had no
business writing it), truncated or corrupt fails its seal and is ignored, and the text
is read again and its entry rewritten.  A sealed entry is used only after the checks
the checker can make cheaply: it names this text (sha256 and length) and this grammar,
and every figure it holds lies inside the text, in order, and takes its characters from
the text itself.  What a figure *means* (value, kind, unit) cannot be re-derived
without the grammar, so the seal is what stands behind it; where a run judges data it
does not trust (the workflow's job that checks a pull request with the base branch's
checker) the cache is off, and no run of a pull request's code saves one.

**One store, safe to share.**  The entries live in one SQLite database
(``grammar-1.sqlite3``, write-ahead log, a busy timeout): many readers and one writer at
a time, each run's new entries written in one transaction at its end, so the cost of an
empty cache is one insert per text.  The store is bounded (``CLAIMSET_CACHE_MAX_MB``,
default :data:`DEFAULT_MAX_BYTES`): a run that wrote entries then evicts the least
recently used over the bound, under a file lock so that two runs never evict at once.
A database that is not one (corrupt, or not a regular file) is set aside and a new one
made; anything the cache cannot do (a full disk, a database locked past the timeout)
only makes the run slower: a cache is never a reason for a validation to fail.

``CLAIMSET_NO_CACHE=1`` (``claimset validate --no-cache``) turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import operator
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from claimset.core.errors import ClaimsetError, InputError
from claimset.store.cache_keys import (
    DEFAULT_MAX_BYTES,
    DIRECTORY_ENV,
    DISABLE_ENV,
    cache_directory,
    cache_disabled,
    grammar_fingerprint,
    inside,
    max_bytes,
    text_digest,
    user_key,
)
from claimset.store.writer import checked_directory, remove_file

__all__ = ["DATABASE", "GrammarCache", "open_cache", "text_digest"]

#: Figure readings kept per grammar; past it the least recently used half goes.
MAX_READINGS = 200_000
#: How long a run waits for another run's write to the database (seconds).
BUSY_TIMEOUT = 10.0

DATABASE = "grammar-1.sqlite3"
_LOCK_NAME = ".lock"
#: A cached figure is a Candidate's fields but its text (the text's own characters at
#: start:end): (start, end, value, kind, unit, qualifier, lower, upper, qualifier_span).
_ROW_LENGTH = 9

_UNKNOWN = object()
#: What is kept of a candidate: its fields but the text (the text's own characters).
_stored_fields = operator.attrgetter("start", "end", "value", "kind", "unit", "qualifier",
                                     "lower", "upper", "qualifier_span")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS figures (
    grammar BLOB NOT NULL, digest BLOB NOT NULL, length INTEGER NOT NULL,
    seal BLOB NOT NULL, payload BLOB NOT NULL, used INTEGER NOT NULL,
    PRIMARY KEY (grammar, digest));
CREATE TABLE IF NOT EXISTS readings (
    grammar BLOB NOT NULL, figure TEXT NOT NULL, seal BLOB NOT NULL, payload BLOB NOT NULL,
    used INTEGER NOT NULL, PRIMARY KEY (grammar, figure));
CREATE INDEX IF NOT EXISTS figures_used ON figures (used);
"""


def open_cache(*, enabled: bool = True, outside: Path | None = None) -> GrammarCache | None:
    """The user's grammar cache, or None when it is off (``enabled`` False or
    ``CLAIMSET_NO_CACHE``) or cannot be opened (then the run reads every text itself).

    ``outside``: the dataset being checked; a cache directory inside it is refused
    (InputError CS910), since a checkout's files are data, never cache.
    """
    if not enabled or cache_disabled():
        return None
    directory = cache_directory()
    if outside is not None and inside(directory, outside):
        raise InputError(f"{DIRECTORY_ENV}={directory} is inside the dataset being checked "
                         f"({outside}): the grammar cache lives outside the data it speeds up; "
                         f"point it elsewhere, or set {DISABLE_ENV}=1", code="CS910")
    limit = max_bytes()
    try:
        key = user_key(directory)
    except OSError:
        return None  # an unwritable home: validate without a cache
    return GrammarCache(directory=directory, key=key, fingerprint=grammar_fingerprint(),
                        max_bytes=limit)


@attrs.define(kw_only=True)
class GrammarCache:
    """One run's connection to the cache (see the module's docstring).  Reads go to the
    database at once; new entries are kept in memory and written by :meth:`close`
    (or :meth:`flush`) in one transaction."""

    directory: Path
    key: bytes
    fingerprint: bytes
    max_bytes: int = DEFAULT_MAX_BYTES
    hits: int = 0
    misses: int = 0
    written: int = 0
    _database: Any = None
    _broken: bool = False
    _pending: list[tuple[bytes, int, bytes, bytes]] = attrs.field(factory=list)
    _used: list[bytes] = attrs.field(factory=list)
    _readings: dict[str, Any] = attrs.field(factory=dict)
    _new_readings: dict[str, tuple[Any, ...] | None] = attrs.field(factory=dict)

    @property
    def path(self) -> Path:
        return self.directory / DATABASE

    # -- the figures of a text ----------------------------------------------------------

    def candidates(self, text: str, digest: bytes | None = None) -> list[Any]:
        """The figures of ``text``: from the cache, else read by the grammar and kept.
        ``digest``: the sha256 of ``text`` in UTF-8, when the caller has it already."""
        from claimset.grammar.extract import extract

        digest = digest or text_digest(text)
        found = self.cached(text, digest)
        if found is not None:
            return found
        found = extract(text)
        self.keep(text, found, digest)
        return found

    def cached(self, text: str, digest: bytes | None = None) -> list[Any] | None:
        """The figures of ``text`` if the cache holds an entry it can use, else None."""
        digest = digest or text_digest(text)
        row = self._select("SELECT length, seal, payload FROM figures WHERE grammar = ? AND "
                           "digest = ?", (self.fingerprint, digest))
        found = None
        if row is not None and row[0] == len(text) and self._sealed(
                row[1], b"figures", digest, len(text).to_bytes(8, "big"), row[2]):
            found = _candidates_in(row[2], text)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._used.append(digest)
        return found

    def keep(self, text: str, candidates: list[Any], digest: bytes | None = None) -> None:
        """Keep the figures of ``text`` (written by :meth:`flush`)."""
        self._keep_payload(text, marshal.dumps(list(map(_stored_fields, candidates))), digest)

    def keep_rows(self, text: str, rows: list[tuple[Any, ...]],
                  digest: bytes | None = None) -> None:
        """:meth:`keep` for candidates already turned into rows (``rows_of``)."""
        self._keep_payload(text, marshal.dumps([row[:2] + row[3:] for row in rows]), digest)

    def _keep_payload(self, text: str, payload: bytes, digest: bytes | None) -> None:
        digest = digest or text_digest(text)
        seal = self._seal(b"figures", digest, len(text).to_bytes(8, "big"), payload)
        self._pending.append((digest, len(text), seal, payload))

    # -- figure readings by figure text -------------------------------------------------

    def reading(self, figure: str) -> Any:
        """``read_figure(figure)``, kept by the figure's text."""
        from claimset.grammar.extract import candidates_from_rows, read_figure, rows_of

        row = self._readings.get(figure, _UNKNOWN)
        if row is _UNKNOWN:
            row = self._stored_reading(figure)
            if row is _UNKNOWN:
                found = read_figure(figure)
                row = None if found is None else rows_of([found])[0]
                self._new_readings[figure] = row
            self._readings[figure] = row
        return None if row is None else candidates_from_rows([row])[0]

    def _stored_reading(self, figure: str) -> Any:
        """The reading's row (None: no figure) from the database, or :data:`_UNKNOWN`."""
        from claimset.grammar.extract import rows_of

        stored = self._select("SELECT seal, payload FROM readings WHERE grammar = ? AND "
                              "figure = ?", (self.fingerprint, figure))
        if stored is None or not self._sealed(stored[0], b"reading",
                                              figure.encode("utf-8", "surrogatepass"), b"",
                                              stored[1]):
            return _UNKNOWN
        found = _candidates_in(stored[1], figure, one=True)
        if found is None:
            return _UNKNOWN
        return rows_of(found)[0] if found else None

    # -- writing, bounding, closing -----------------------------------------------------

    def flush(self) -> None:
        """Write what this run read anew, in one transaction, and note what it used."""
        if not (self._pending or self._new_readings or self._used):
            return
        database = self._connect()
        if database is None:
            self._pending.clear()
            self._new_readings.clear()
            self._used.clear()
            return
        now = time.time_ns()
        readings = []
        for figure, row in self._new_readings.items():
            payload = marshal.dumps([] if row is None else [row[:2] + row[3:]])
            key = figure.encode("utf-8", "surrogatepass")
            readings.append((self.fingerprint, figure, self._seal(b"reading", key, b"",
                                                                 payload), payload, now))
        try:
            with database:
                database.executemany(
                    "INSERT OR REPLACE INTO figures VALUES (?, ?, ?, ?, ?, ?)",
                    [(self.fingerprint, digest, length, seal, payload, now)
                     for digest, length, seal, payload in self._pending])
                database.executemany("INSERT OR REPLACE INTO readings VALUES (?, ?, ?, ?, ?)",
                                     readings)
                database.executemany(
                    "UPDATE figures SET used = ? WHERE grammar = ? AND digest = ?",
                    [(now, self.fingerprint, digest) for digest in self._used])
        except self._errors():
            return  # locked past the timeout, a full disk: the next run reads them again
        finally:
            self.written += len(self._pending) + len(readings)
            self._pending.clear()
            self._new_readings.clear()
            self._used.clear()

    def close(self) -> None:
        """Flush, then (if this run wrote anything) evict what is over the bound."""
        wrote = bool(self._pending or self._new_readings)
        self.flush()
        if wrote:
            with contextlib.suppress(OSError):
                self.evict()
        if self._database is not None:
            with contextlib.suppress(Exception):
                self._database.close()
            self._database = None

    def evict(self) -> int:
        """Delete the least recently used entries until the figures held take at most
        ``max_bytes`` (every grammar's count; readings past :data:`MAX_READINGS` go
        too), under the cache's file lock; how many entries went."""
        database = self._connect()
        if database is None:
            return 0
        held = 0
        for suffix in ("", "-wal"):  # the database and what its log holds not yet in it
            with contextlib.suppress(OSError):
                held += Path(f"{self.path}{suffix}").stat().st_size
        if held <= self.max_bytes:
            return 0  # the files hold more than the entries: those are within the bound
        removed = 0
        with self._locked():
            try:
                rows = database.execute(
                    "SELECT rowid, length(payload) FROM figures ORDER BY used DESC").fetchall()
                kept, doomed = 0, []
                for rowid, size in rows:
                    kept += size
                    if kept > self.max_bytes:
                        doomed.append((rowid,))
                count = int(database.execute("SELECT count(*) FROM readings").fetchone()[0])
                with database:
                    database.executemany("DELETE FROM figures WHERE rowid = ?", doomed)
                    if count > MAX_READINGS:
                        database.execute(
                            "DELETE FROM readings WHERE rowid IN (SELECT rowid FROM readings "
                            "ORDER BY used LIMIT ?)", (count - MAX_READINGS // 2,))
                removed = len(doomed) + (count - MAX_READINGS // 2 if count > MAX_READINGS
                                         else 0)
                if removed:
                    database.execute("PRAGMA incremental_vacuum")
            except self._errors():
                return 0
        return removed

    # -- the database ---------------------------------------------------------------------

    @staticmethod
    def _errors() -> tuple[type[BaseException], ...]:
        import sqlite3

        return (sqlite3.Error, OSError, MemoryError)

    def _select(self, query: str, arguments: tuple[Any, ...]) -> tuple[Any, ...] | None:
        database = self._connect()
        if database is None:
            return None
        try:
            row: tuple[Any, ...] | None = database.execute(query, arguments).fetchone()
        except self._errors():
            return None
        return row

    def _connect(self) -> Any:
        """The database, opened (and made, or made again when it is no database) once."""
        if self._database is not None or self._broken:
            return self._database
        try:
            import sqlite3
        except ImportError:  # pragma: no cover - a Python built without SQLite
            self._broken = True
            return None
        for attempt in range(2):
            try:
                self._database = self._open(sqlite3)
                return self._database
            except sqlite3.DatabaseError:
                if attempt == 0:
                    with contextlib.suppress(OSError), self._locked():
                        self._set_aside()
            except (sqlite3.Error, OSError):
                break
        self._broken = True
        return None

    def _open(self, sqlite3: Any) -> Any:
        path = self.path
        with contextlib.suppress(FileNotFoundError):
            if not stat.S_ISREG(os.lstat(path).st_mode):
                raise sqlite3.DatabaseError(f"{path} is not a regular file")
        try:
            checked_directory(self.directory, mode=0o700)
        except ClaimsetError as error:  # the writer's refusal: the cache is off
            raise OSError(error.message) from None
        new = not path.exists()
        database = sqlite3.connect(os.fspath(path), timeout=BUSY_TIMEOUT,
                                   isolation_level=None, check_same_thread=False)
        try:
            if new:
                with contextlib.suppress(OSError):
                    path.chmod(0o600)
                database.execute("PRAGMA auto_vacuum = INCREMENTAL")
            database.execute("PRAGMA journal_mode = WAL")
            database.execute("PRAGMA synchronous = OFF")  # a cache: a lost write is a miss
            database.executescript(_SCHEMA)
            database.execute("PRAGMA quick_check(1)" if new else "SELECT 1").fetchone()
        except BaseException:
            database.close()
            raise
        return database

    def _set_aside(self) -> None:
        """A file that is no database (or no regular file) is removed, its journal too."""
        for suffix in ("", "-wal", "-shm"):
            # A directory in its place is left alone, and the cache is off.
            remove_file(Path(os.fspath(self.path) + suffix), links_too=True)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        from claimset.store.lock import file_lock  # filelock only when the cache is pruned

        with contextlib.ExitStack() as held:
            try:
                checked_directory(self.directory, mode=0o700)
                held.enter_context(file_lock(self.directory / _LOCK_NAME,
                                             timeout=BUSY_TIMEOUT, code="CS910"))
            except ClaimsetError:
                raise OSError("the grammar cache is busy or cannot be locked") from None
            yield

    # -- seals ----------------------------------------------------------------------------

    def _seal(self, kind: bytes, key: bytes, extra: bytes, payload: bytes) -> bytes:
        message = b"\0".join((kind, self.fingerprint, key, extra, payload))
        return hmac.new(self.key, message, hashlib.sha256).digest()

    def _sealed(self, seal: Any, kind: bytes, key: bytes, extra: bytes, payload: Any) -> bool:
        if not isinstance(seal, bytes) or not isinstance(payload, bytes):
            return False
        return hmac.compare_digest(seal, self._seal(kind, key, extra, payload))


def _candidates_in(payload: bytes, text: str, *, one: bool = False) -> list[Any] | None:
    """The candidates of a sealed payload, if every figure lies inside ``text``, in order,
    not overlapping (for a reading: exactly one figure that is the whole text, or none);
    None when they do not."""
    from claimset.grammar.extract import candidates_from_rows

    try:
        # Only a payload whose seal held gets here: one this user's claimset wrote.
        rows = marshal.loads(payload)
        full = []
        end = 0
        for start, stop, *rest in rows:
            if not (type(start) is int and type(stop) is int and end <= start < stop
                    and stop <= len(text) and len(rest) == _ROW_LENGTH - 2):
                return None
            full.append((start, stop, text[start:stop], *rest))
            end = stop
        found = candidates_from_rows(full)
    except (ValueError, EOFError, TypeError):
        return None
    if one and (len(found) > 1 or (found and (found[0].start, found[0].end) != (0, len(text)))):
        return None
    return found
