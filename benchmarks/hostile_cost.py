"""What a hostile seed costs: the extractor on number-dense text, and the limit in front.

    python benchmarks/hostile_cost.py [--kilobytes N] [--rounds R]

* extraction of ``1 1 1 …`` (one figure per two bytes) at N, 2N and 4N KB (default 50),
  rounds alternating the sizes:
  - time of the streaming read (``iter_extract``, every figure consumed), tracemalloc
    off, and its ratios 2N/N and 4N/N (linear: 2 and 4);
  - the peak of Python's allocations (tracemalloc) during the streaming read, as a
    multiple of the text's bytes (issue 12's target: at most 20x, linear): what reading
    costs, whatever the text;
  - the same peak for ``extract()``, which returns every figure as a list: that list is
    the caller's output, so it is reported too, as bytes per figure;
* the limit: ``read_seed`` on a 16 MiB seed of ``1 1 1 …`` (the seed size limit), which
  must refuse it (CS117) before extracting: its time and peak allocation, against
  reading a 16 MiB seed of prose with the same code (the baseline in the same run).

Every figure is the median of the rounds with its spread (min..max); times are CPU time
(a shared machine stretches the wall clock).  Results: benchmarks/results/hostile_cost.json.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimset.grammar.extract import extract, iter_extract  # noqa: E402
from claimset.store.layout import MAX_SEED_BYTES, SourceEntry, read_seed  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import record  # noqa: E402


def _measure(run: Callable[[], object]) -> tuple[float, int]:
    """CPU seconds and the peak traced allocation of ``run()``."""
    tracemalloc.start()
    started = time.process_time()
    run()
    elapsed = time.process_time() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak


def _timed(run: Callable[[], object]) -> float:
    """CPU seconds of ``run()`` (a shared machine stretches the wall clock)."""
    started = time.process_time()
    run()
    return time.process_time() - started


def _stream(text: str) -> int:
    """Read every figure of ``text``, keeping none (what a streaming consumer does)."""
    count = 0
    for _ in iter_extract(text):
        count += 1
    return count


def _spread(values: list[float], unit: str = "") -> str:
    return (f"{statistics.median(values):.3g}{unit} "
            f"({min(values):.3g}..{max(values):.3g})")


def _seed_entry(root: Path, name: str, data: bytes) -> tuple[SourceEntry, str]:
    from claimset.store.jsonio import JsonFile

    (root / "seeds").mkdir(exist_ok=True)
    (root / "seeds" / name).write_bytes(data)
    document = {"source": {"path": f"seeds/{name}", "sha256": hashlib.sha256(data).hexdigest()}}
    file = JsonFile(file="dataset/x.json", data=document, source=["{}"])
    return SourceEntry(file=file, pointer="", data=document, name_id="x"), f"seeds/{name}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kilobytes", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    run = record.Run("hostile_cost", args, argv)
    sizes = [args.kilobytes * 1024 * factor for factor in (1, 2, 4)]
    texts = {size: "1 " * (size // 2) for size in sizes}
    times: dict[int, list[float]] = {size: [] for size in sizes}
    stream_peaks: dict[int, list[float]] = {size: [] for size in sizes}
    list_peaks: dict[int, list[float]] = {size: [] for size in sizes}
    per_figure: dict[int, list[float]] = {size: [] for size in sizes}
    figures = {size: _stream(texts[size]) for size in sizes}
    for number in range(args.rounds):
        for size in sizes if number % 2 == 0 else reversed(sizes):
            text = texts[size]
            times[size].append(_timed(lambda text=text: _stream(text)))  # type: ignore[misc]
            _, peak = _measure(lambda text=text: _stream(text))  # type: ignore[misc]
            stream_peaks[size].append(peak / size)
            _, peak = _measure(lambda text=text: extract(text))  # type: ignore[misc]
            list_peaks[size].append(peak / size)
            per_figure[size].append(peak / figures[size])
    print(f"'1 1 1 ...' ({args.rounds} rounds, alternating; peaks with tracemalloc):")
    for size in sizes:
        print(f"  {size // 1024:>6} KB, {figures[size]} figures: iter_extract "
              f"{_spread(times[size], ' s')}, peak {_spread(stream_peaks[size], 'x')} the "
              f"text's bytes; extract() (the list) peak {_spread(list_peaks[size], 'x')}, "
              f"{_spread(per_figure[size], ' B')} per figure")
    for size in sizes:
        run.figure(f"stream-peak-{size // 1024}k", f"`iter_extract` peak memory on `1 1 1 …`, "
                   f"{size // 1024} KB, over the text's bytes", stream_peaks[size], unit="x",
                   digits=1, target="≤ 20x", met=statistics.median(stream_peaks[size]) <= 20)
    base = statistics.median(times[sizes[0]])
    for size in sizes[1:]:
        print(f"  iter_extract time ratio {size // sizes[0]}x size: "
              f"{_spread([t / base for t in times[size]], 'x')} (linear: {size // sizes[0]})")
        run.figure(f"time-{size // sizes[0]}x", f"`iter_extract` time on `1 1 1 …`, "
                   f"{size // sizes[0]}x the text", [t / base for t in times[size]], unit="x",
                   target=f"linear ({size // sizes[0]}x)",
                   met=statistics.median(times[size]) / base <= 1.25 * size / sizes[0])

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        dense, dense_path = _seed_entry(root, "dense.txt", b"1 " * (MAX_SEED_BYTES // 2))
        words = b"The planners wrote at length about the war and its many costs. "
        prose_bytes = words * (MAX_SEED_BYTES // len(words))
        prose, prose_path = _seed_entry(root, "prose.txt", prose_bytes)
        dense_runs, prose_runs, dense_peaks = [], [], []
        for _ in range(args.rounds):
            elapsed, peak = _measure(lambda: read_seed(dense, root, dense_path))
            seed = read_seed(dense, root, dense_path)
            assert seed.text is None and seed.problems[0].code == "CS117", seed.problems
            dense_runs.append(elapsed)
            dense_peaks.append(peak / MAX_SEED_BYTES)
            elapsed, _ = _measure(lambda: read_seed(prose, root, prose_path))
            prose_runs.append(elapsed)
    print(f"read_seed on a {MAX_SEED_BYTES // 2**20} MiB seed of '1 1 1 ...' (refused, CS117): "
          f"{_spread(dense_runs, ' s')}, peak allocation {_spread(dense_peaks, 'x')} its bytes; "
          f"the same size of prose (read, no numbers): {_spread(prose_runs, ' s')}")
    run.figure("refused-seed", f"`read_seed` of a {MAX_SEED_BYTES // 2**20} MiB seed of "
               "`1 1 1 …` (refused, CS117): peak allocation over its bytes", dense_peaks,
               unit="x", digits=2)
    run.save()


if __name__ == "__main__":
    main()
