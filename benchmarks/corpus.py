"""Corpus extraction speed and memory (issue 17): one process, a pool of 2, Dask, in one run.

``python benchmarks/corpus.py [--mb 200] [--small-mb 50] [--rounds 1] [--dir DIR] [--no-dask]
[--base-src DIR]``

Makes a corpus of about ``--mb`` MB under the temporary directory (or ``--dir``): the
pinned seed texts and synthetic news-like reports (every sentence carries figures:
counts, money, percentages, dates, ranges), as text files in folders of 500 and one
JSONL file of documents, reused when already there.  Then runs ``claimset extract
CORPUS --out figures.jsonl`` as a command, alternating for ``--rounds`` rounds:

* ``--jobs 1`` (one process: the baseline),
* ``--jobs 2`` (the local process pool),
* ``--engine dask --jobs 2`` (a LocalCluster of two worker processes),

and reports MB/s of each and its ratio to the baseline (best and worst round: the
spread), checks that all three wrote the same bytes, and compares the peak resident
memory of the whole process tree (sampled from /proc) at ``--small-mb`` and ``--mb``
(flat if streaming holds).  It also reports each engine's CPU time, summed over its
processes and of the busiest one (from /proc): one process's CPU time over the busiest
process's is the speed-up the split of the work allows on idle cores, a figure that a
loaded machine does not distort the way it distorts wall time.

Targets on a 2-core machine: ``--jobs 2`` at least 1.7x one process; Dask within 15%
of the local pool; memory flat as the corpus grows.  With ``--base-src DIR`` the code
before a change runs ``--jobs 1`` and ``--jobs 2`` in the same rounds.  The corpora
are never committed; the figures go to ``benchmarks/results/corpus.json``
(``benchmarks/record.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import record  # noqa: E402

GENERATOR = "1"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
PLACES = ("the northern province", "the capital", "three border districts", "the delta",
          "coastal towns", "the eastern region", "the river valley")
SUBJECTS = ("people were displaced", "households lost power", "schools reopened",
            "jobs were created", "homes were damaged", "patients were treated")


def sentence(rng: random.Random) -> str:
    shape = rng.randrange(6)
    count = f"{rng.randrange(1_000, 9_000_000):,}"
    if shape == 0:
        return (f"Officials said {count} {rng.choice(SUBJECTS)} in {rng.choice(PLACES)} by "
                f"{rng.choice(MONTHS)} {rng.randrange(1990, 2026)}.")
    if shape == 1:
        return (f"The programme cost nearly ${rng.randrange(2, 900)} million, about "
                f"{rng.randrange(1, 60)}% more than planned.")
    if shape == 2:
        return (f"Between {rng.randrange(10, 40)} and {rng.randrange(41, 90)} per cent of "
                f"residents said prices had doubled in the last {rng.randrange(2, 12)} months.")
    if shape == 3:
        return (f"At least {count} {rng.choice(SUBJECTS)}, and some two thousand more were "
                f"reported on {rng.choice(MONTHS)} {rng.randrange(1, 28)}.")
    if shape == 4:
        return (f"Turnout rose from {rng.randrange(20, 50)}.{rng.randrange(10)}% to "
                f"{rng.randrange(50, 90)}% in {rng.randrange(2000, 2026)}, the commission said.")
    return (f"A spokesman for Gen. Ortiz said the force of {count} troops would stay "
            f"for three to four years.")


def news(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randrange(4, 30)):
        paragraphs.append(" ".join(sentence(rng) for _ in range(rng.randrange(2, 7))))
    return "\n\n".join(paragraphs) + "\n"


def make_corpus(directory: Path, megabytes: int) -> Path:
    marker = directory / ".complete"
    stamp = f"{megabytes} MB generator {GENERATOR}\n"
    if marker.exists() and marker.read_text(encoding="utf-8") == stamp:
        return directory
    if directory.exists() and any(directory.iterdir()) and not marker.exists():
        raise SystemExit(f"{directory} exists and is not a corpus of ours: give another --dir")
    rng = random.Random(megabytes)
    seeds = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    target, written, number = megabytes * 1_000_000, 0, 0
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "wire.jsonl").open("w", encoding="utf-8") as wire:
        while written < target:
            text = seeds[number % len(seeds)] if number % 50 == 0 else news(rng)
            if number % 10 == 9:  # a tenth of the documents come as JSONL
                wire.write(json.dumps({"id": f"wire-{number}", "text": text}) + "\n")
            else:
                folder = directory / f"part-{number // 500:04d}"
                folder.mkdir(exist_ok=True)
                (folder / f"doc-{number:07d}.txt").write_text(text, encoding="utf-8")
            written += len(text.encode("utf-8"))
            number += 1
    marker.write_text(stamp, encoding="utf-8")
    return directory


def corpus_bytes(directory: Path) -> int:
    return sum(path.stat().st_size for path in directory.rglob("*")
               if path.is_file() and path.suffix in {".txt", ".jsonl"})


def run(corpus: Path, out: Path, extra: list[str],
        env: dict[str, str] | None = None) -> tuple[float, int, list[float]]:
    """Seconds, peak resident memory (KiB, the whole process tree) and the CPU seconds
    of each process of the tree, busiest first (sampled every 0.1 s from /proc, so a
    process's last tenth of a second may be missed) of one extraction."""
    command = [sys.executable, "-m", "claimset", "extract", str(corpus / "wire.jsonl"),
               str(corpus), "--out", str(out), *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=env or record.environment())
    peak = 0
    cpu: dict[int, float] = {}
    while process.poll() is None:
        tree = record.process_tree(process.pid)
        peak = max(peak, sum(rss for rss, _ in tree.values()))
        for pid, (_, seconds) in tree.items():
            cpu[pid] = max(cpu.get(pid, 0.0), seconds)
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {error}")
    return seconds, peak, sorted(cpu.values(), reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--small-mb", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--no-dask", action="store_true")
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    recorded = record.Run("corpus", args, argv)

    now = record.environment()
    engines = {"--jobs 1": (["--jobs", "1"], now), "--jobs 2": (["--jobs", "2"], now)}
    if not args.no_dask:
        engines["dask, 2 workers"] = (["--engine", "dask", "--jobs", "2"], now)
    if args.base_src is not None:
        before = record.environment(args.base_src)
        engines["--jobs 1 (before)"] = (["--jobs", "1"], before)
        engines["--jobs 2 (before)"] = (["--jobs", "2"], before)
    corpus = make_corpus(args.dir / f"claimset-corpus-{args.mb}mb", args.mb)
    size = corpus_bytes(corpus) / 1e6
    print(f"corpus: {size:.1f} MB in {corpus}; {args.rounds} round(s), alternating")
    times: dict[str, list[float]] = {name: [] for name in engines}
    busiest: dict[str, list[float]] = {name: [] for name in engines}
    total_cpu: dict[str, list[float]] = {name: [] for name in engines}
    memory: dict[str, int] = {}
    outputs: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for number in range(args.rounds):
            order = list(engines) if number % 2 == 0 else list(engines)[::-1]
            for name in order:
                extra, env = engines[name]
                out = Path(scratch) / f"{len(outputs)}.jsonl"
                seconds, rss, cpu = run(corpus, out, extra, env)
                times[name].append(seconds)
                busiest[name].append(cpu[0])
                total_cpu[name].append(sum(cpu))
                memory[name] = max(memory.get(name, 0), rss)
                outputs[name] = hashlib.sha256(out.read_bytes()).hexdigest()
                out.unlink()
    assert len(set(outputs.values())) == 1, "the engines wrote different bytes"
    base = min(times["--jobs 1"])
    for name, seconds in times.items():
        best, worst = min(seconds), max(seconds)
        print(f"{name:<18} {size / best:6.2f} MB/s  {base / best:5.2f}x one process  "
              f"(rounds {best:.1f}-{worst:.1f} s)  peak RSS {memory[name] / 1024:.0f} MiB")
    # What the work's split allows, whatever else runs on the machine: one process's
    # CPU time over the busiest process's (wall time on idle cores is at least that).
    one = min(total_cpu["--jobs 1"])
    for name in engines:
        print(f"{name:<18} CPU {min(total_cpu[name]):6.1f} s in all processes "
              f"({min(total_cpu[name]) / one:4.2f}x one process's), busiest process "
              f"{min(busiest[name]):6.1f} s: the split allows {one / min(busiest[name]):4.2f}x "
              "on idle cores")
    if "dask, 2 workers" in times:
        ratio = min(times["dask, 2 workers"]) / min(times["--jobs 2"])
        print(f"dask / local pool time = {ratio:.2f} (target within 1.15)")
    _record(recorded, times, total_cpu, busiest, size)
    small = make_corpus(args.dir / f"claimset-corpus-{args.small_mb}mb", args.small_mb)
    with tempfile.TemporaryDirectory() as scratch:
        _, small_rss, _ = run(small, Path(scratch) / "s.jsonl", ["--jobs", "2"])
    print(f"peak RSS with --jobs 2: {small_rss / 1024:.0f} MiB at {corpus_bytes(small) / 1e6:.0f}"
          f" MB, {memory['--jobs 2'] / 1024:.0f} MiB at {size:.0f} MB")
    recorded.figure("memory", f"peak memory of `extract --jobs 2` (the process tree), "
                    f"{corpus_bytes(small) / 1e6:.0f} MB corpus vs {size:.0f} MB",
                    memory["--jobs 2"] / small_rss, unit="x",
                    detail=f"{small_rss / 1024:.0f} → {memory['--jobs 2'] / 1024:.0f} MiB",
                    target="flat (1x)", met=memory["--jobs 2"] / small_rss <= 1.2)
    recorded.save()
    return 0


def _record(recorded: record.Run, times: dict[str, list[float]],
            total_cpu: dict[str, list[float]], busiest: dict[str, list[float]],
            size: float) -> None:
    """Per round: one process's time over the pool's (and Dask's), and what the split of
    the CPU time allows on idle cores."""
    def over(numerator: str, denominator: str, table: dict[str, list[float]]) -> list[float]:
        return [a / b for a, b in zip(table[numerator], table[denominator], strict=True)]

    before = "--jobs 1 (before)" in times
    recorded.figure(
        "jobs2", f"`claimset extract --jobs 2` vs `--jobs 1` ({size:.0f} MB news corpus)",
        over("--jobs 1", "--jobs 2", times), unit="x", cpu=False,
        before=over("--jobs 1 (before)", "--jobs 2 (before)", times) if before else None,
        baseline="`--jobs 1` in the same round", target="≥ 1.7x",
        met=statistics.median(over("--jobs 1", "--jobs 2", times)) >= 1.7)
    split = [one / most for one, most in zip(total_cpu["--jobs 1"], busiest["--jobs 2"],
                                             strict=True)]
    recorded.figure(
        "jobs2-split", "what `--jobs 2`'s CPU split allows on idle cores (one process's CPU "
        "time over the busiest process's)", split, unit="x", cpu=True,
        detail=f"{statistics.median(total_cpu['--jobs 2']):.1f} s of CPU in all processes, "
               f"{statistics.median(total_cpu['--jobs 1']):.1f} s in one")
    if "dask, 2 workers" in times:
        recorded.figure("dask", "Dask (LocalCluster of 2) time vs the local pool's",
                        over("dask, 2 workers", "--jobs 2", times), unit="x", cpu=False,
                        target="≤ 1.15x", met=statistics.median(
                            over("dask, 2 workers", "--jobs 2", times)) <= 1.15)


if __name__ == "__main__":
    sys.exit(main())
