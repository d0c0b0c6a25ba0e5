"""Export formats against the CSV export, in one run (ratios, not seconds).

``python benchmarks/formats.py [--sources 100] [--claims 100] [--rounds 5]``

Writes a synthetic dataset (benchmarks/synthetic.py: every claim real), loads it
once, then times each format in alternating rounds (CSV, then each other format,
round after round, so drift in the machine's load hits all alike):

* csv: ``to_csv`` (the baseline);
* jsonl: ``to_jsonl``;
* pandas: ``Dataset.to_pandas()`` (explicit dtypes);
* sqlite: the whole database file (sqlite-utils: tables, keys, indexes, FTS5);
* w3c: the AnnotationCollection as JSON-LD bytes (selectors made unique per text).

Prints, per format, the median ratio to CSV over the rounds and the spread
(lowest and highest ratio), in CPU time of this process with the wall clock beside it;
the figures go to ``benchmarks/results/formats.json`` (``benchmarks/record.py``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import claimset
import record
import synthetic
from claimset.release.export import to_csv, to_jsonl
from claimset.release.sqlite import database_bytes
from claimset.release.w3c import to_w3c


def timed(action: Callable[[], Any]) -> tuple[float, float]:
    """CPU seconds of this process and wall seconds of ``action()``."""
    start, cpu = time.perf_counter(), time.process_time()
    action()
    return time.process_time() - cpu, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=100)
    parser.add_argument("--claims", type=int, default=100, help="claims per source")
    parser.add_argument("--rounds", type=int, default=5)
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    run = record.Run("formats", args, argv)
    with tempfile.TemporaryDirectory(prefix="claimset-formats-") as directory:
        root = synthetic.write_dataset(Path(directory), args.sources, args.claims)
        dataset = claimset.load(root)
    formats: dict[str, Callable[[], Any]] = {
        "jsonl": lambda: to_jsonl(dataset),
        "pandas": dataset.to_pandas,
        "sqlite": lambda: database_bytes(dataset),
        "w3c": lambda: to_w3c(dataset),
    }
    ratios: dict[str, list[float]] = {name: [] for name in formats}
    walls: dict[str, list[float]] = {name: [] for name in formats}
    baseline: list[float] = []
    for _ in range(args.rounds):
        for name, action in formats.items():
            csv_cpu, csv_wall = timed(lambda: to_csv(dataset))
            baseline.append(csv_wall)
            cpu, wall = timed(action)
            ratios[name].append(cpu / csv_cpu)
            walls[name].append(wall / csv_wall)
    print(f"{len(dataset):,} claims in {len(dataset.sources):,} sources; CSV export "
          f"{statistics.median(baseline) * 1000:.0f} ms (median of {len(baseline)})")
    print(f"{'format':<8} {'x CSV (median, CPU)':>20} {'spread':>16}")
    labels = {"jsonl": "JSON Lines", "pandas": "`to_pandas()`",
              "sqlite": "SQLite (tables, keys, indexes, FTS5, vacuumed)",
              "w3c": "W3C annotations (unique quote selectors)"}
    for name, values in ratios.items():
        print(f"{name:<8} {statistics.median(values):>20.2f} "
              f"{min(values):>7.2f}-{max(values):<8.2f}")
        run.figure(name, f"{labels[name]}, {len(dataset):,} claims, vs the CSV export", values,
                   unit="x", cpu=True, wall=walls[name], baseline="`to_csv` in the same round")
    run.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
