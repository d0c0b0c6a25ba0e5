"""Scale (issue 7): import cost, load time and memory, and how validation grows.

``python benchmarks/scale.py [--sizes 10000,100000] [--full] [--repeat N] [--only PART]``

Every figure is measured against a baseline in the same run:

* import: ``python -c "import claimset"`` against ``python -c "pass"`` (subprocess,
  best of N), the ratio of the two;
* load: ``claimset.load(path)`` of a synthetic 100,000-claim dataset against
  ``json.load`` of the same files (plus reading the same seed texts, which the
  loaded Dataset holds): time and peak memory (tracemalloc), each in a fresh
  subprocess so one does not inherit the other's caches, the two alternating
  for N rounds (best time of each side);
  Targets: within 2x the time and 3x the memory;
* releases (issue 17): ``claimset build`` of each size (a sharded release above
  32 MiB; without the static site unless ``--site``: benchmarks/site.py measures it),
  then ``claimset.load`` of the built release against ``json.load`` of its files,
  alternating rounds in fresh processes: build and load cost per claim (flat if
  linear, 10,000 to 1,000,000 with ``--full`` or ``--sizes``), the build's peak memory,
  and load's time and peak memory as ratios to json.load (targets at 100,000: within 2x
  and 3x).  Above 100,000 claims a load is timed once, cold, and not traced;
* validation growth: ``claimset.validate`` of 100 claims per source at each
  size (10,000 and 100,000 claims; ``--full`` adds 1,000,000): time, peak
  memory, and the cost per claim, which stays flat if validation is linear.
  Each size runs in a fresh subprocess; memory is the peak resident set
  minus the resident set after import (ru_maxrss), so it includes memory
  that tracemalloc cannot see (the compiled schema validator's).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic
from validate import best_of, dataset_at

CLAIMS_PER_SOURCE = 100
HERE = Path(__file__).resolve()


def _interpreter(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


def import_cost(repeat: int) -> None:
    bare = min(_interpreter("pass") for _ in range(repeat))
    imported = min(_interpreter("import claimset") for _ in range(repeat))
    loaded = min(_interpreter("import claimset.check.loader") for _ in range(repeat))
    print(f"import: bare interpreter {bare * 1000:.0f} ms, `import claimset` "
          f"{imported * 1000:.0f} ms ({imported / bare:.2f}x, +{(imported - bare) * 1000:.0f} ms)"
          f"; `import claimset.check.loader` (first load() call) {loaded * 1000:.0f} ms "
          f"({loaded / bare:.2f}x)")


def _plain_load(root: Path) -> Any:
    documents = []
    for path in synthetic.dataset_files(root):
        with path.open(encoding="utf-8") as handle:
            documents.append(json.load(handle))
    texts = [path.read_text(encoding="utf-8") for path in sorted((root / "seeds").iterdir())]
    return documents, texts


def _claimset_load(root: Path) -> Any:
    import claimset

    return claimset.load(root)


LOADERS: dict[str, Callable[[Path], Any]] = {"json": _plain_load, "claimset": _claimset_load}


def _measure_one(kind: str, root: Path, repeat: int, *, memory: bool,
                 warm: bool = True) -> dict[str, float]:
    """In this (fresh) process: best time, then (``memory``) the peak traced memory of
    one more call.  ``warm``: one untimed call first (imports, schema compilation, file
    cache); a release too large to load twice in reasonable time is timed cold."""
    action = LOADERS[kind]
    if warm:
        action(root)
    seconds = best_of(repeat, lambda: action(root))
    if not memory:
        return {"seconds": seconds}
    gc.collect()
    tracemalloc.start()
    kept = action(root)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del kept
    return {"seconds": seconds, "peak": peak}


def _in_subprocess(*args: str) -> dict[str, float]:
    result = subprocess.run([sys.executable, os.fspath(HERE), *args], check=True,
                            capture_output=True, text=True)
    last: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return last


def load_cost(root: Path, rounds: int) -> None:
    """Baseline and claimset alternate, round by round, each in a fresh process: a busy
    moment on a shared machine then slows both sides, not one."""
    plain: list[dict[str, float]] = []
    loaded: list[dict[str, float]] = []
    for number in range(rounds):
        memory = "1" if number == 0 else "0"
        plain.append(_in_subprocess("--child-load", "json", os.fspath(root), "2", memory))
        loaded.append(_in_subprocess("--child-load", "claimset", os.fspath(root), "2", memory))
    plain_seconds = min(result["seconds"] for result in plain)
    loaded_seconds = min(result["seconds"] for result in loaded)
    time_ratio = loaded_seconds / plain_seconds
    memory_ratio = loaded[0]["peak"] / plain[0]["peak"]
    per_round = sorted(b["seconds"] / a["seconds"] for a, b in zip(plain, loaded, strict=True))
    print(f"load: json.load {plain_seconds:.2f} s, {plain[0]['peak'] / 2**20:.0f} MB peak; "
          f"claimset.load {loaded_seconds:.2f} s, {loaded[0]['peak'] / 2**20:.0f} MB peak "
          f"(best of {rounds} alternating rounds)")
    print(f"load: time {time_ratio:.2f}x (target <= 2x: {'met' if time_ratio <= 2 else 'MISSED'})"
          f"; per round {per_round[0]:.2f}x to {per_round[-1]:.2f}x, median "
          f"{per_round[len(per_round) // 2]:.2f}x; memory {memory_ratio:.2f}x (target <= 3x: "
          f"{'met' if memory_ratio <= 3 else 'MISSED'})")


def _rss_bytes() -> int:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _child_validate(root: Path) -> dict[str, float]:
    import claimset
    from claimset.check import checker, schema

    schema.validate({}, document="sourceFile")  # compile the validators before measuring
    checker.CheckOptions()
    before = _rss_bytes()
    started = time.perf_counter()
    report = claimset.validate(root)
    seconds = time.perf_counter() - started
    assert report.ok, [f"{p.location} {p.code} {p.message}" for p in report.problems[:5]]
    return {"seconds": seconds, "rss": _rss_bytes() - before}


def validation_growth(sizes: list[int], directory: Path | None) -> None:
    print(f"validation growth ({CLAIMS_PER_SOURCE} claims per source, each size in a fresh "
          "process):")
    print(f"  {'claims':>10} {'sources':>8} {'seconds':>9} {'µs/claim':>9} {'peak MB':>8} "
          f"{'KB/claim':>9}")
    for size in sizes:
        sources = max(1, size // CLAIMS_PER_SOURCE)
        root = dataset_at(directory / f"{sources}x{CLAIMS_PER_SOURCE}" if directory else None,
                          sources, CLAIMS_PER_SOURCE)
        measured = _in_subprocess("--child-validate", os.fspath(root))
        total = sources * CLAIMS_PER_SOURCE
        print(f"  {total:>10,} {sources:>8,} {measured['seconds']:>9.2f} "
              f"{measured['seconds'] / total * 1e6:>9.1f} {measured['rss'] / 2**20:>8.0f} "
              f"{measured['rss'] / total / 1024:>9.2f}", flush=True)


def _child_build(root: Path, out: Path, site: bool) -> dict[str, float]:
    from claimset.release.build import build_release, write_release

    before = _rss_bytes()
    started = time.perf_counter()
    release = build_release(root, site=site)
    write_release(release, out)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "bytes": release.bundle.size + sum(
        shard.size for shard in release.shards), "shards": len(release.shards),
            "rss": _rss_bytes() - before}


def _release_files(out: Path) -> list[Path]:
    return sorted(path for path in out.glob("claimset-*.json"))


def _plain_release_load(out: Path) -> Any:
    documents = []
    for path in _release_files(out):
        with path.open(encoding="utf-8") as handle:
            documents.append(json.load(handle))
    return documents


def _claimset_release_load(out: Path) -> Any:
    import claimset

    (manifest,) = [path for path in _release_files(out) if ".shard-" not in path.name]
    return claimset.load(manifest)


LOADERS["release-json"] = _plain_release_load
LOADERS["release-claimset"] = _claimset_release_load


#: Largest release whose load is also traced for memory and warmed up first: tracing
#: every allocation of 1,000,000 claims triples a load that takes a minute already.
TRACED_CLAIMS = 100_000


def release_growth(sizes: list[int], directory: Path | None, rounds: int, *,
                   site: bool) -> None:
    """Build, then load, a release at each size (each in a fresh process); load against
    json.load of the release's own files, alternating rounds, time and memory."""
    print(f"releases (build{' with the site' if site else ' without the site'} and load of "
          "the release files, each in a fresh process):")
    print(f"  {'claims':>10} {'MB':>7} {'shards':>6} {'build s':>8} {'µs/claim':>9} "
          f"{'build MB':>8} {'load s':>7} {'µs/claim':>9} {'json s':>7} {'time x':>7} "
          f"{'memory x':>8}")
    for size in sizes:
        sources = max(1, size // CLAIMS_PER_SOURCE)
        root = dataset_at(directory / f"{sources}x{CLAIMS_PER_SOURCE}" if directory else None,
                          sources, CLAIMS_PER_SOURCE)
        small = size <= TRACED_CLAIMS
        with tempfile.TemporaryDirectory(prefix="claimset-release-") as scratch:
            out = Path(scratch)
            built = _in_subprocess("--child-build", os.fspath(root), os.fspath(out),
                                   "1" if site else "0")
            plain, loaded = [], []
            for number in range(rounds if small else 1):
                options = ("1", "1" if number == 0 and small else "0", "1" if small else "0")
                plain.append(_in_subprocess("--child-load", "release-json", os.fspath(out),
                                            *options))
                loaded.append(_in_subprocess("--child-load", "release-claimset",
                                             os.fspath(out), *options))
        total = sources * CLAIMS_PER_SOURCE
        json_s = min(result["seconds"] for result in plain)
        load_s = min(result["seconds"] for result in loaded)
        memory = (f"{loaded[0]['peak'] / plain[0]['peak']:>8.2f}" if "peak" in loaded[0]
                  else f"{'-':>8}")
        print(f"  {total:>10,} {built['bytes'] / 1e6:>7.1f} {int(built['shards']):>6} "
              f"{built['seconds']:>8.2f} {built['seconds'] / total * 1e6:>9.1f} "
              f"{built['rss'] / 2**20:>8.0f} {load_s:>7.2f} {load_s / total * 1e6:>9.1f} "
              f"{json_s:>7.2f} {load_s / json_s:>7.2f} {memory}", flush=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child-load"]:
        print(json.dumps(_measure_one(argv[1], Path(argv[2]), int(argv[3]),
                                      memory=argv[4] == "1", warm=argv[5:6] != ["0"])))
        return 0
    if argv[:1] == ["--child-build"]:
        print(json.dumps(_child_build(Path(argv[1]), Path(argv[2]), argv[3] == "1")))
        return 0
    if argv[:1] == ["--child-validate"]:
        print(json.dumps(_child_validate(Path(argv[1]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help="claim counts for the growth table (comma separated)")
    parser.add_argument("--full", action="store_true", help="add 1,000,000 claims")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--load-claims", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=None,
                        help="where synthetic datasets live (reused when complete)")
    parser.add_argument("--only", choices=["import", "load", "growth", "release"], default=None)
    parser.add_argument("--site", action="store_true",
                        help="build releases with the static site (benchmarks/site.py "
                             "measures it; at 1,000,000 claims it is most of the build)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    if args.full and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores")
    if args.only in (None, "import"):
        import_cost(max(args.repeat, 10))
    if args.only in (None, "load"):
        sources = max(1, args.load_claims // CLAIMS_PER_SOURCE)
        root = dataset_at(args.dir / f"{sources}x{CLAIMS_PER_SOURCE}" if args.dir else None,
                          sources, CLAIMS_PER_SOURCE)
        load_cost(root, args.repeat)
    if args.only in (None, "growth"):
        validation_growth(sizes, args.dir)
    if args.only in (None, "release"):
        release_growth(sizes, args.dir, max(1, min(args.repeat, 3)), site=args.site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
