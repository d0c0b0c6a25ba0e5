"""Scale (issue 7): import cost, load time and memory, and how validation grows.

``python benchmarks/scale.py [--sizes 10000,100000] [--full] [--repeat N] [--only PART]``

Every figure is measured against a baseline in the same run:

* import: ``python -c "import claimset.check.loader"`` (what the first ``load()``
  imports) against ``python -c "pass"`` (fresh processes, alternating, CPU time; ``import
  claimset`` alone is benchmarks/startup.py's);
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
* validation growth: ``claimset.validate`` (grammar cache off) of 100 claims per source at each
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
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import record
import synthetic
from validate import best_of, dataset_at

CLAIMS_PER_SOURCE = 100
HERE = Path(__file__).resolve()


def import_cost(repeat: int, args: argparse.Namespace) -> None:
    run = record.Run("scale-import", args, script="scale")
    bare, loader = ["-c", "pass"], ["-c", "import claimset.check.loader"]
    env = record.environment()
    cpu: list[float] = []
    wall: list[float] = []
    for number in range(repeat):
        order = (bare, loader) if number % 2 == 0 else (loader, bare)
        times = {tuple(arguments): record.child(arguments, env) for arguments in order}
        cpu.append(times[tuple(loader)][0] / times[tuple(bare)][0])
        wall.append(times[tuple(loader)][1] / times[tuple(bare)][1])
    print(f"import: `import claimset.check.loader` (what the first load() imports) "
          f"{statistics.median(cpu):.2f}x `python -c pass` (CPU time, median of {repeat}; "
          f"rounds {min(cpu):.2f}-{max(cpu):.2f}x)")
    run.figure("loader", "`import claimset.check.loader` (the first `load()`'s imports) vs "
               "`python -c pass`", cpu, unit="x", cpu=True, wall=wall,
               baseline="`python -c pass`")
    run.save()


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
    cpu = min(_cpu_of(action, root) for _ in range(repeat))
    seconds = best_of(repeat, lambda: action(root))
    if not memory:
        return {"seconds": seconds, "cpu": cpu}
    gc.collect()
    tracemalloc.start()
    kept = action(root)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del kept
    return {"seconds": seconds, "cpu": cpu, "peak": peak}


def _cpu_of(action: Callable[[Path], Any], root: Path) -> float:
    started = time.process_time()
    action(root)
    return time.process_time() - started


def _in_subprocess(*args: str) -> dict[str, float]:
    result = subprocess.run([sys.executable, os.fspath(HERE), *args], check=True,
                            capture_output=True, text=True)
    last: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return last


def load_cost(root: Path, rounds: int, args: argparse.Namespace) -> None:
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
    claims = sum(1 for _ in synthetic.dataset_files(root)) * CLAIMS_PER_SOURCE
    run = record.Run("scale-load", args, script="scale")
    run.figure("time", f"`claimset.load()` of {claims:,} claims vs `json.load` of the same "
               "files and texts (time, best of 2 in each fresh process)",
               [b["cpu"] / a["cpu"] for a, b in zip(plain, loaded, strict=True)], unit="x",
               cpu=True, wall=per_round, baseline="`json.load`", target="≤ 2x",
               met=statistics.median(b["cpu"] / a["cpu"] for a, b in zip(
                   plain, loaded, strict=True)) <= 2)
    run.figure("memory", f"`claimset.load()` of {claims:,} claims, peak memory vs `json.load`",
               memory_ratio, unit="x", baseline="`json.load` (tracemalloc peak)",
               target="≤ 3x", met=memory_ratio <= 3)
    run.save()


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
    started, cpu = time.perf_counter(), time.process_time()
    # Every text read by the grammar: no run depends on what an earlier one left in the
    # user's grammar cache (benchmarks/validate.py measures the cache).
    report = claimset.validate(root, cache=False)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert report.ok, [f"{p.location} {p.code} {p.message}" for p in report.problems[:5]]
    return {"seconds": seconds, "cpu": cpu, "rss": _rss_bytes() - before}


def validation_growth(sizes: list[int], directory: Path | None,
                      args: argparse.Namespace) -> None:
    run = record.Run("scale-growth", args, script="scale")
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
        run.figure(f"validate-{total}", f"full `claimset.validate` of {total:,} claims, per claim",
                   measured["cpu"] / total * 1e6, unit="µs", digits=1, cpu=True,
                   wall=measured["seconds"] / total * 1e6,
                   detail=f"{measured['rss'] / total / 1024:.2f} KB per claim")
    run.save()


def _child_build(root: Path, out: Path, site: bool) -> dict[str, float]:
    from claimset.release.build import build_release, write_release

    before = _rss_bytes()
    started, cpu = time.perf_counter(), time.process_time()
    release = build_release(root, site=site)
    write_release(release, out)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "bytes": release.bundle.size + sum(
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
                   site: bool, args: argparse.Namespace) -> None:
    """Build, then load, a release at each size (each in a fresh process); load against
    json.load of the release's own files, alternating rounds, time and memory."""
    print(f"releases (build{' with the site' if site else ' without the site'} and load of "
          "the release files, each in a fresh process):")
    print(f"  {'claims':>10} {'MB':>7} {'shards':>6} {'build s':>8} {'µs/claim':>9} "
          f"{'build MB':>8} {'load s':>7} {'µs/claim':>9} {'json s':>7} {'time x':>7} "
          f"{'memory x':>8}")
    run = record.Run("scale-release", args, script="scale")
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
        run.figure(f"build-{total}", f"release build of {total:,} claims"
                   f"{' with the site' if site else ''}, per claim", built["cpu"] / total * 1e6,
                   unit="µs", digits=1, cpu=True, wall=built["seconds"] / total * 1e6,
                   detail=f"{int(built['shards'])} shards, {built['bytes'] / 1e6:.1f} MB, "
                          f"peak {built['rss'] / 2**20:.0f} MB")
        ratios = [b["cpu"] / a["cpu"] for a, b in zip(plain, loaded, strict=True)]
        run.figure(f"load-{total}", f"`load()` of the {total:,}-claim release vs `json.load` "
                   "of its files", ratios, unit="x", cpu=True,
                   wall=[b["seconds"] / a["seconds"] for a, b in zip(plain, loaded,
                                                                    strict=True)],
                   baseline="`json.load`", target="≤ 2x",
                   met=statistics.median(ratios) <= 2)
        if "peak" in loaded[0]:
            run.figure(f"load-memory-{total}", f"`load()` of the {total:,}-claim release, "
                       "peak memory vs `json.load`", loaded[0]["peak"] / plain[0]["peak"],
                       unit="x", target="≤ 3x", met=loaded[0]["peak"] / plain[0]["peak"] <= 3)
    run.save()


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
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    if args.full and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores")
    if args.only in (None, "import"):
        import_cost(max(args.repeat, 10), args)
    if args.only in (None, "load"):
        sources = max(1, args.load_claims // CLAIMS_PER_SOURCE)
        root = dataset_at(args.dir / f"{sources}x{CLAIMS_PER_SOURCE}" if args.dir else None,
                          sources, CLAIMS_PER_SOURCE)
        load_cost(root, args.repeat, args)
    if args.only in (None, "growth"):
        validation_growth(sizes, args.dir, args)
    if args.only in (None, "release"):
        release_growth(sizes, args.dir, max(1, min(args.repeat, 3)), site=args.site, args=args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
