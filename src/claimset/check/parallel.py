"""``validate --jobs N``: the sources' figures read by worker processes.

Reading every figure of every source (the number grammar) is most of what
``claimset validate`` costs; it is a pure function of each source's text, so it
runs in a pool of worker processes while this process goes on checking schemas and
seed texts.  Everything else -- every check, in the registry's order -- still runs
here on the same figures, so ``--jobs N`` reports the same problems in the same
order as ``--jobs 1``.  Only texts travel to the workers and only figures come back
(as tuples): the parsed documents never cross a process boundary.

Workers start with ``forkserver`` where the platform has it, else ``spawn``; texts
go in batches of about :data:`BATCH_CHARACTERS`, so a dataset of many small
sources does not pay a round trip per source.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from claimset.store.cache import GrammarCache

__all__ = ["BATCH_CHARACTERS", "MIN_PARALLEL_CHARACTERS", "Prefetcher", "default_jobs",
           "prefetching"]

BATCH_CHARACTERS = 256 * 1024
#: Text (code points) a dataset must hold before workers are started at all.
MIN_PARALLEL_CHARACTERS = 1024 * 1024


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def _extract_batch(texts: list[str]) -> list[list[tuple[Any, ...]]]:
    from claimset.grammar.extract import extract, rows_of

    return [rows_of(extract(text)) for text in texts]


class Prefetcher:
    """Hands texts to the pool as they come; :meth:`get` returns a text's figures.

    The pool starts only once :data:`MIN_PARALLEL_CHARACTERS` of text have come: for a
    small dataset, starting workers costs more than they save, and its figures are read
    here, the same as with ``--jobs 1``.  A text whose figures the grammar ``cache``
    holds goes to no worker; the figures the workers read are kept in it.
    """

    def __init__(self, jobs: int, cache: GrammarCache | None = None) -> None:
        self._jobs = jobs
        self._cache = cache
        self._ready: dict[int, list[Any]] = {}
        self._texts: dict[int, str] = {}
        self._executor: ProcessPoolExecutor | None = None
        self._buffer: list[str] = []
        self._buffered = 0
        self._total = 0
        self._batches: list[Future[list[list[tuple[Any, ...]]]]] = []
        self._where: list[tuple[int, int]] = []

    def add(self, text: str, digest: bytes | None = None) -> int:
        """Queue ``text`` (``digest``: its sha256, when known); the handle to :meth:`get`
        its figures with."""
        if self._cache is not None:
            handle = len(self._where)
            cached = self._cache.cached(text, digest)
            if cached is not None:
                self._where.append((-1, -1))
                self._ready[handle] = cached
                return handle
            self._texts[handle] = text
        self._where.append((len(self._batches), len(self._buffer)))
        self._buffer.append(text)
        self._buffered += len(text)
        self._total += len(text)
        if self._buffered >= BATCH_CHARACTERS and self._total >= MIN_PARALLEL_CHARACTERS:
            self._flush()
        return len(self._where) - 1

    def _flush(self) -> None:
        if not self._buffer:
            return
        if self._executor is None:
            self._executor = ProcessPoolExecutor(max_workers=self._jobs, mp_context=_context())
        self._batches.append(self._executor.submit(_extract_batch, self._buffer))
        self._buffer, self._buffered = [], 0

    def get(self, handle: int) -> list[Any]:
        from claimset.grammar.extract import candidates_from_rows, extract

        if handle in self._ready:
            return self._ready.pop(handle)
        batch, position = self._where[handle]
        if batch == len(self._batches):  # still in the buffer
            if self._executor is None:
                found = extract(self._buffer[position])
                if self._cache is not None:
                    self._cache.keep(self._texts.pop(handle), found)
                return found
            self._flush()
        rows = self._batches[batch].result()[position]
        if self._cache is not None:
            self._cache.keep_rows(self._texts.pop(handle), rows)
        return candidates_from_rows(rows)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


@contextmanager
def prefetching(jobs: int, cache: GrammarCache | None = None) -> Iterator[Prefetcher | None]:
    """A :class:`Prefetcher` over up to ``jobs`` worker processes, or None for one job."""
    if jobs <= 1:
        yield None
        return
    prefetcher = Prefetcher(jobs, cache)
    try:
        yield prefetcher
    finally:
        prefetcher.close()
