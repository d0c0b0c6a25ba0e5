"""Validation speed (issue 2): `claimset validate` against plain `json.loads`, in one run.

``python benchmarks/validate.py [--sources 1000] [--claims 100] [--dir DIR] [--cli] [--profile]``

Writes a synthetic dataset (benchmarks/synthetic.py: every claim real, every
number covered) of sources x claims, then times, best of ``--repeat``:

* parse: reading and ``json.loads`` of every dataset file (the baseline);
* ``claimset.validate(path)`` in process, in layers: structure and citations
  (schema, sha256, offsets, exact text), + canonical form, + values (the
  figure grammar), + coverage (the extractor over every text) = full;
* optionally ``claimset validate PATH`` as a command (start-up included).

Target: full validation within 3x the parse time.  ``--profile`` prints where
a full validation spends its time (cProfile, top 25 by own time).

``--parallel`` (issue 17) then times full validation with ``--jobs 1`` and ``--jobs 2``
(``read_and_check(root, jobs=N)``, the command's own route),
alternating for ``--repeat`` rounds, each as a ratio to the parse time and to the
*floor*: parse + sha256 of every seed + one regex pass over every text, the least any
validator that proves citations and reads numbers must do.  Best and worst round of
each are reported (the spread).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import itertools
import json
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import claimset
import synthetic

TARGET = 3.0


def best_of(repeat: int, action: Callable[[], Any]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def cold() -> None:
    """Forget cached figure readings, so every timed run pays what a fresh process pays."""
    from claimset.check import checker, claims, coverage, documents

    for module in (checker, claims, coverage, documents):
        for name in dir(module):
            cache_clear = getattr(getattr(module, name), "cache_clear", None)
            if callable(cache_clear):
                cache_clear()


def validate_cold(root: Path, **options: bool) -> Any:
    cold()
    return claimset.validate(root, **options)


def parse_all(root: Path) -> int:
    count = 0
    for path in synthetic.dataset_files(root):
        document = json.loads(path.read_bytes())
        count += len(document.get("claims", ())) if isinstance(document, dict) else 0
    return count


def dataset_at(directory: Path | None, sources: int, claims: int) -> Path:
    """A synthetic dataset of that size: reused from ``directory`` when it is already there."""
    if directory is None:
        directory = Path(tempfile.gettempdir()) / f"claimset-synthetic-{sources}x{claims}"
    marker = directory / ".complete"
    stamp = f"{sources}x{claims} generator {synthetic.GENERATOR_VERSION}\n"
    if not marker.exists() or marker.read_text(encoding="utf-8") != stamp:
        if marker.exists():  # an older synthetic dataset of ours: safe to replace
            shutil.rmtree(directory)
        elif directory.exists() and any(directory.iterdir()):
            raise SystemExit(f"{directory} exists and is not a synthetic dataset: give "
                             "another --dir")
        started = time.perf_counter()
        synthetic.write_dataset(directory, sources, claims)
        marker.write_text(stamp, encoding="utf-8")
        print(f"wrote {sources * claims:,} claims to {directory} in "
              f"{time.perf_counter() - started:.1f} s", flush=True)
    return directory


def megabytes(root: Path) -> tuple[float, float]:
    data = sum(path.stat().st_size for path in synthetic.dataset_files(root)) / 2**20
    texts = sum(path.stat().st_size for path in (root / "seeds").iterdir()) / 2**20
    return data, texts


_NUMBERISH = re.compile(r"\d[\d,.]*|\b(?:one|two|three|hundred|thousand|million)\b",
                        re.IGNORECASE)


def floor_pass(root: Path) -> int:
    """Parse every file, hash every seed and run one regex over every text."""
    found = parse_all(root)
    for path in sorted((root / "seeds").iterdir()):
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        found += sum(1 for _ in _NUMBERISH.finditer(data.decode("utf-8")))
    return found


def parallel_rounds(root: Path, parse: float, *, repeat: int) -> None:
    from claimset.check.api import read_and_check
    from claimset.check.checker import CheckOptions

    floor = best_of(repeat, lambda: floor_pass(root))
    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeat):
        for jobs in (1, 2):
            cold()
            started = time.perf_counter()
            _, report = read_and_check(root, options=CheckOptions(), jobs=jobs)
            times[jobs].append(time.perf_counter() - started)
            assert report.ok
    print(f"{'floor':<24} {floor:8.2f} s {floor / parse:6.2f}x parse")
    for jobs, seconds in times.items():
        best, worst = min(seconds), max(seconds)
        print(f"{f'validate --jobs {jobs}':<24} {best:8.2f} s {best / parse:6.2f}x parse "
              f"{best / floor:6.2f}x floor   (rounds {best:.2f}-{worst:.2f} s)")
    print(f"--jobs 2 / --jobs 1 = {min(times[2]) / min(times[1]):.2f} (best rounds)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100, help="claims per source")
    parser.add_argument("--dir", type=Path, default=None,
                        help="where the synthetic dataset lives (reused if complete)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cli", action="store_true", help="also time the command line")
    parser.add_argument("--profile", action="store_true", help="cProfile a full validation")
    parser.add_argument("--parallel", action="store_true",
                        help="also time --jobs 1 against --jobs 2, and the floor")
    args = parser.parse_args(argv)

    root = dataset_at(args.dir, args.sources, args.claims)
    data_mb, text_mb = megabytes(root)
    total = args.sources * args.claims
    print(f"dataset: {args.sources:,} sources x {args.claims:,} claims = {total:,} claims; "
          f"{data_mb:.1f} MB JSON, {text_mb:.1f} MB source text; best of {args.repeat}")

    assert parse_all(root) == total
    parse = best_of(args.repeat, lambda: parse_all(root))
    layers = [
        ("structure + citations", {"values": False, "coverage": False, "canonical": False}),
        ("+ canonical form", {"values": False, "coverage": False, "canonical": True}),
        ("+ values", {"values": True, "coverage": False, "canonical": True}),
        ("+ coverage = full", {"values": True, "coverage": True, "canonical": True}),
    ]
    report = claimset.validate(root)  # warm-up: imports, schema compilation
    assert report.ok, report.problems[:5]
    print(f"{'json.loads (baseline)':<24} {parse:8.2f} s   1.00x")
    timings = {}
    for name, options in layers:
        timings[name] = best_of(args.repeat, lambda options=options: validate_cold(
            root, **options))
        print(f"{name:<24} {timings[name]:8.2f} s {timings[name] / parse:6.2f}x   "
              f"({timings[name] / total * 1e6:.1f} µs per claim)", flush=True)
    full = timings["+ coverage = full"]
    names = [name for name, _ in layers]
    split = [timings[names[0]]] + [timings[b] - timings[a] for a, b in itertools.pairwise(names)]
    print("time split: " + ", ".join(
        f"{label} {seconds:.2f} s" for label, seconds in zip(
            ["schema+citations", "canonical", "values", "coverage"], split, strict=True)))
    if args.cli:
        command = [sys.executable, "-m", "claimset", "validate", str(root)]
        seconds = best_of(args.repeat, lambda: subprocess.run(command, check=True,
                                                              capture_output=True))
        print(f"{'claimset validate (CLI)':<24} {seconds:8.2f} s {seconds / parse:6.2f}x")
    verdict = "met" if full <= TARGET * parse else "MISSED"
    print(f"full validation / parse = {full / parse:.2f}x (target <= {TARGET:g}x: {verdict})")
    if args.parallel:
        parallel_rounds(root, parse, repeat=args.repeat)
    if args.profile:
        profiler = cProfile.Profile()
        cold()
        profiler.runcall(claimset.validate, root)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
