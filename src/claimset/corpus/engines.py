"""Engines: who runs :func:`claimset.corpus.work.process_batch` on the batches.

* ``local``: this process when ``jobs`` is 1, else a pool of ``jobs`` worker
  processes (``forkserver`` where the platform has it, else ``spawn``: never a fork of
  a process that may hold threads and locks);
* ``dask``: the same batches as Dask futures, on the ``distributed`` scheduler at
  ``scheduler`` or, without one, on a ``LocalCluster`` of ``jobs`` worker processes
  on 127.0.0.1 (dashboard off) that lives as long as the run.

Every engine keeps a bounded window of batches in flight (:data:`WINDOW_PER_JOB`
per worker) and hands results back in document order, so memory stays flat
however long the corpus is, and the output does not depend on the engine.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import os
import sys
import types
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

import attrs

from claimset.core.errors import InputError, UsageError
from claimset.corpus.documents import Job
from claimset.corpus.work import Result, process_batch

__all__ = ["ENGINES", "batches", "default_jobs", "run"]

ENGINES = ("local", "dask")
#: Batches in flight per worker: enough to keep each busy while the writer catches up.
WINDOW_PER_JOB = 3
#: A batch closes at this many documents or this many bytes of content.  Small enough
#: that the last batches, which one worker may finish alone while the other idles, are
#: a fraction of a second of work (a 1 MiB batch of news text is about a second).
BATCH_DOCUMENTS = 64
BATCH_BYTES = 256 << 10
#: Seconds to wait for a LocalCluster's workers to start before giving up.
CONNECT_TIMEOUT = 60
#: zlib level of the rendered rows a Dask worker sends back.  Dask moves bytes over TCP
#: in Python, and a corpus's rows are several times its size (every figure a JSON line):
#: at the fastest level they shrink about twelvefold for less CPU than sending them
#: whole took this process.  A local pool's pipe is cheap enough to send them as they are.
DASK_COMPRESSION_LEVEL = 1
#: Dask settings of the LocalCluster claimset starts (a cluster at ``--scheduler`` keeps
#: its own).  Its profiler and system monitor feed a dashboard it does not have, and the
#: event loop's tick and the memory monitor look 50 and 10 times a second, where a batch
#: takes seconds: each wakes a worker's event-loop thread, which takes the GIL from the
#: thread reading figures (a worker spent about 15% more CPU than a pool's worker).
QUIET_LOCAL_CLUSTER: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}


class _Pending(Protocol):
    def result(self) -> list[Result]: ...


def default_jobs() -> int:
    """The cores this process may use (not the machine's, under a CPU affinity mask)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def batches(jobs: Iterable[Job], *, documents: int = BATCH_DOCUMENTS,
            size: int = BATCH_BYTES) -> Iterator[list[Job]]:
    batch: list[Job] = []
    held = 0
    for job in jobs:
        batch.append(job)
        held += job.size
        if len(batch) >= documents or held >= size:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def run(work: Iterable[list[Job]], *, fmt: str, jobs: int | None = None,
        engine: str = "local", scheduler: str | None = None) -> Iterator[Result]:
    """Every document's :class:`Result`, in document order."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if jobs is not None and jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    if scheduler is not None and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    workers = jobs or default_jobs()
    if engine == "dask":
        yield from _dask(work, fmt=fmt, workers=workers, scheduler=scheduler)
    elif workers == 1:
        for batch in work:
            yield from process_batch(batch, fmt)
    else:
        yield from _pool(work, fmt=fmt, workers=workers)


def _windowed(work: Iterable[list[Job]], submit: Callable[[list[Job]], _Pending],
              window: int) -> Iterator[Result]:
    in_flight: collections.deque[_Pending] = collections.deque()
    for batch in work:
        in_flight.append(submit(batch))
        if len(in_flight) >= window:
            yield from in_flight.popleft().result()
    while in_flight:
        yield from in_flight.popleft().result()


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


@contextlib.contextmanager
def workers_skip_main() -> Iterator[None]:
    """While worker processes start, ``__main__`` is an empty stand-in module.

    A ``forkserver`` or ``spawn`` worker re-runs the main script (or ``-m`` module) to
    rebuild ``__main__``, so a plain script that calls ``extract_corpus(..., jobs=4)``
    at its top level, as docs/corpus.md shows it, would start the run again in every
    worker, which fails while the worker is still starting (BrokenProcessPool).  The
    workers need nothing of ``__main__``: they run claimset's own functions on plain
    data.  The stand-in is in place only while this thread starts workers (a pool's
    submit, which starts them at the first call, or a LocalCluster's start, which waits
    for them), and the real module is put back even if that fails.
    """
    main = sys.modules.get("__main__")
    stand_in = types.ModuleType("__main__")
    sys.modules["__main__"] = stand_in
    try:
        yield
    finally:
        if sys.modules.get("__main__") is stand_in:
            if main is None:
                del sys.modules["__main__"]
            else:
                sys.modules["__main__"] = main


def _pool(work: Iterable[list[Job]], *, fmt: str, workers: int) -> Iterator[Result]:
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
    try:
        def submit(batch: list[Job]) -> Future[list[Result]]:
            with workers_skip_main():
                return executor.submit(process_batch, batch, fmt)

        yield from _windowed(work, submit, workers * WINDOW_PER_JOB)
    finally:
        # An abandoned run (an error, a closed generator) must not wait for queued work.
        executor.shutdown(wait=True, cancel_futures=True)


def _dask(work: Iterable[list[Job]], *, fmt: str, workers: int,
          scheduler: str | None) -> Iterator[Result]:
    try:
        import distributed
    except ImportError:
        raise UsageError("--engine dask needs Dask: pip install 'claimset[dask]'",
                         code="CS903") from None
    with contextlib.ExitStack() as stack:
        client = stack.enter_context(_client(distributed, workers=workers,
                                             scheduler=scheduler))
        window = WINDOW_PER_JOB * max(1, len(client.scheduler_info().get("workers", {})) or
                                      workers)

        def submit(batch: list[Job]) -> Any:
            return client.submit(process_batch_compressed, batch, fmt, pure=False)

        for result in _windowed(work, submit, window):
            yield _decompressed(result)


def process_batch_compressed(jobs: list[Job], fmt: str) -> list[Result]:
    """:func:`process_batch` with each rendered payload compressed, for a Dask worker."""
    return [attrs.evolve(result, payload=zlib.compress(result.payload, DASK_COMPRESSION_LEVEL))
            if isinstance(result.payload, bytes) else result
            for result in process_batch(jobs, fmt)]


def _decompressed(result: Result) -> Result:
    if not isinstance(result.payload, bytes):
        return result
    return attrs.evolve(result, payload=zlib.decompress(result.payload))


@contextlib.contextmanager
def _client(distributed: Any, *, workers: int, scheduler: str | None) -> Iterator[Any]:
    if scheduler is not None:
        try:
            # The connect timeout is Dask's own setting (distributed.comm.timeouts.connect,
            # 30 s unless DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT says otherwise).
            client = distributed.Client(scheduler, set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {error}",
                             code="CS904") from None
        with client:
            yield client
        return
    import dask.config

    # the workers are given the config they start with
    with dask.config.set(QUIET_LOCAL_CLUSTER), workers_skip_main():
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=None, silence_logs=40, timeout=CONNECT_TIMEOUT)
        with cluster, distributed.Client(cluster, set_as_default=False) as client:
            yield client
