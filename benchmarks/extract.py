"""Throughput of claimset's extractor, against a regex floor and its peers, in one run.

    python benchmarks/extract.py [SEEDS_DIR] [--megabytes N] [--rounds R] [--base-src DIR]
                                 [--skip-peers] [--skip-categories] [--skip-adversarial]

* prose and news: the seed texts concatenated and repeated to at least N MB (default
  5), and number-dense synthetic news (benchmarks/corpus.py's generator, N/2 MB);
  extract() and one ``re.finditer`` pass with a pattern for digits and number words
  (the floor: no parsing at all) are timed one after the other in a fresh process per
  round (CPU time, the wall clock beside it), and the speed ratio (floor time over
  extract's time: 1.0x is the floor's speed) is reported as the median and the range
  over the rounds, so load on the machine (which moves both) cancels out.  With
  ``--base-src DIR`` the code before a change runs in the same rounds, alternating,
  and both must find the same figures (a digest of every candidate).
* peers, on the same 20 kB of prose, each warmed up by one call first:
  quantulum3's ``parser.parse`` (its first call loads its unit tables, which took
  about half of its time in the old benchmark) and Recognizers-Text's
  ``recognize_number`` and ``recognize_currency`` fed paragraph by paragraph
  (given the whole text it raises inside and returns nothing); each peer's count of
  what it found is printed beside its speed.  Missing peers are skipped.
* categories: for each kind of figure the grammar reads (plain counts, ranges,
  scales, multipliers, shares, currencies, qualifiers, vague counts), a 1 MB text
  of sentences with one such figure each; reported as MB/s and microseconds per
  figure, beside the plain-count text, so each category's extra cost shows.
* adversarial inputs: 1 MB and 2 MB of digits and commas, "one one one ...",
  "1 1 1 ...", runs of "and", "hundred hundred ...": time must grow linearly, so
  the 2 MB / 1 MB ratio should be near 2; the peak memory of one extraction of
  each (tracemalloc) is printed per MB of input.

Sizes are in MB of UTF-8; throughput is MB of UTF-8 per second.  Each part writes
``benchmarks/results/extract-PART.json`` (``benchmarks/record.py``).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimset.grammar.extract import extract  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # noqa: E402
import record  # noqa: E402

FLOOR = re.compile(
    r"\d[\d,.]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen)\b",
    re.IGNORECASE,
)


def _time(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _mb(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def _alternate(ours: Callable[[], object], base: Callable[[], object], rounds: int
               ) -> tuple[float, float, float, float]:
    """(best time of ours, best of base, median ratio ours/base, max - min ratio)."""
    ours_times, base_times, ratios = [], [], []
    for _ in range(rounds):
        a = _time(ours)
        b = _time(base)
        ours_times.append(a)
        base_times.append(b)
        ratios.append(a / b)
    return min(ours_times), min(base_times), statistics.median(ratios), max(ratios) - min(ratios)


def _seed_text(seeds: Path) -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))


#: Run in a fresh interpreter per round: import the grammar from PYTHONPATH, warm it up,
#: then time the floor and one extraction of the text file (CPU and wall each), and
#: print them with the count and a digest of the figures.
_PROBE = """
import hashlib, json, re, sys, time
from claimset.grammar.extract import extract
text = open(sys.argv[1], encoding="utf-8").read()
floor = re.compile(sys.argv[2], re.IGNORECASE)
extract(text[:20000])
def timed(action):
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.process_time() - cpu, time.perf_counter() - wall, result
floor_cpu, floor_wall, _ = timed(lambda: sum(1 for _ in floor.finditer(text)))
ours_cpu, ours_wall, found = timed(lambda: extract(text))
digest = hashlib.sha256(repr([(c.start, c.end, c.value, c.kind, c.unit, c.qualifier)
                              for c in found]).encode()).hexdigest()[:16]
print(json.dumps({"floor": [floor_cpu, floor_wall], "ours": [ours_cpu, ours_wall],
                  "found": len(found), "digest": digest}))
"""


def speed_against_floor(name: str, label: str, text: str, rounds: int,
                        args: argparse.Namespace, *, target: float) -> None:
    """extract() against the floor on ``text``, in fresh processes; the code before a
    change (``--base-src``) alternating with this one."""
    import json
    import tempfile

    sides = {"now": record.environment()}
    if args.base_src is not None:
        sides["before"] = record.environment(args.base_src)
    speeds: dict[str, tuple[list[float], list[float]]] = {side: ([], []) for side in sides}
    seconds: list[float] = []
    found: dict[str, tuple[int, str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "text.txt"
        path.write_text(text, encoding="utf-8")
        for number in range(rounds):
            order = list(sides) if number % 2 == 0 else list(sides)[::-1]
            for side in order:
                _, _, output = record.child(["-c", _PROBE, str(path), FLOOR.pattern],
                                            sides[side], capture=True)
                measured = json.loads(output)
                speeds[side][0].append(measured["floor"][0] / measured["ours"][0])
                speeds[side][1].append(measured["floor"][1] / measured["ours"][1])
                if side == "now":
                    seconds.append(measured["ours"][0])
                found[side] = (measured["found"], measured["digest"])
    if len(set(found.values())) != 1:
        raise SystemExit(f"{name}: the code before the change found other figures: {found}")
    cpu, wall = speeds["now"]
    before = speeds.get("before", (None, None))[0]
    median = statistics.median(cpu)
    print(f"{name}: {_mb(text):.2f} MB, {found['now'][0]:,} figures, {rounds} rounds in fresh "
          f"processes: extract() at {median:.2f}x the floor's speed (CPU; rounds "
          f"{min(cpu):.2f}-{max(cpu):.2f}; wall {statistics.median(wall):.2f}x)"
          + (f"; before the change {statistics.median(before):.2f}x" if before else ""))
    run = record.Run(f"extract-{name}", args, script="extract")
    run.figure("speed", f"extraction speed on {label} vs one `re.finditer` pass (the floor)",
               cpu, unit="x", cpu=True, wall=wall, before=before,
               baseline="the floor's speed in the same process",
               detail=f"{_mb(text) / statistics.median(seconds):.1f} MB/s",
               target=f"≥ {target:g}x", met=median >= target)
    run.save()


def prose(base: str, megabytes: float, rounds: int, args: argparse.Namespace) -> None:
    text = base * max(1, int(megabytes * 1e6 // len(base.encode("utf-8"))) + 1)
    speed_against_floor("prose", f"prose (the seeds repeated to {_mb(text):.0f} MB)", text,
                        rounds, args, target=1.0)


def news(megabytes: float, rounds: int, args: argparse.Namespace) -> None:
    import random

    rng = random.Random(17)
    parts: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        parts.append(corpus.news(rng))
        size += len(parts[-1])
    text = "\n\n".join(parts)
    speed_against_floor("news", f"number-dense news ({_mb(text):.1f} MB of "
                        "benchmarks/corpus.py's reports)", text, rounds, args, target=0.25)


def peers(base: str, run: record.Run) -> None:
    piece = base[:20_000]
    paragraphs = [p for p in re.split(r"\n\s*\n", piece) if p.strip()]
    ours = min(_time(lambda: extract(piece)) for _ in range(3))
    found = len(extract(piece))
    print(f"peers on {_mb(piece) * 1000:.0f} kB of prose ({len(paragraphs)} paragraphs), "
          "each warmed up first:")
    print(f"  claimset extract()      {_mb(piece) / ours:8.2f} MB/s  {found:5d} figures")
    run.figure("claimset", "claimset `extract()` on 20 kB of prose", _mb(piece) / ours,
               unit="MB/s", digits=1, detail=f"{found} figures", cpu=False)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser as quantulum
            quantulum.parse("It cost $20 billion.")  # warm: its first call loads its tables
            seconds = min(_time(lambda: quantulum.parse(piece)) for _ in range(2))
            count = len(quantulum.parse(piece))
        print(f"  quantulum3 parse()      {_mb(piece) / seconds:8.2f} MB/s  {count:5d} quantities"
              f"  (claimset is {seconds / ours:.0f}x faster)")
        run.figure("quantulum3", "claimset's speed vs quantulum3's `parse()` (warmed up)",
                   seconds / ours, unit="x", digits=0, cpu=False,
                   detail=f"it found {count} quantities")
    except Exception as error:  # an optional peer: say why it is skipped, whatever it is
        print(f"  quantulum3              skipped ({type(error).__name__}: {error})")
    try:
        from recognizers_number import Culture, recognize_number
        from recognizers_number_with_unit import recognize_currency

        def recognizers() -> int:
            return sum(len(recognize_number(p, Culture.English))
                       + len(recognize_currency(p, Culture.English)) for p in paragraphs)

        recognizers()  # warm: its first call compiles its patterns
        seconds = min(_time(recognizers) for _ in range(2))
        count = recognizers()
        print(f"  Recognizers-Text        {_mb(piece) / seconds:8.2f} MB/s  {count:5d} "
              f"numbers and amounts  (claimset is {seconds / ours:.0f}x faster)")
        run.figure("recognizers", "claimset's speed vs Recognizers-Text's number and currency "
                   "models (warmed up)", seconds / ours, unit="x", digits=0, cpu=False,
                   detail=f"it found {count} numbers and amounts")
    except Exception as error:  # an optional peer, as above
        print(f"  Recognizers-Text        skipped ({type(error).__name__}: {error})")


CATEGORIES: list[tuple[str, Callable[[int], str]]] = [
    ("plain counts", lambda i: f"Officials said {1000 + i * 7:,} troops were there."),
    ("ranges", lambda i: f"Estimates ranged from {100 + i} to {300 + i} thousand people."),
    ("scale abbreviations", lambda i: f"The bill came to ${i % 90 + 1}.{i % 10}bn last year."),
    ("multipliers", lambda i: f"The cost {('doubled', 'nearly tripled', 'halved')[i % 3]} "
                              "after the war."),
    ("shares", lambda i: f"About one in {i % 50 + 2} residents had left the city."),
    ("currencies", lambda i: f"They paid {i % 900 + 10} "
                             f"{('riyals', 'MYR', 'Lebanese pounds')[i % 3]} for it."),
    ("qualifiers", lambda i: f"There were {i % 90 + 10}-odd men and {i % 50 + 5} or so women."),
    ("vague counts", lambda i: f"{('A few', 'Several', 'Dozens of')[i % 3]} houses were hit."),
]


def _sentences(make: Callable[[int], str], size: int = 1_000_000) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        sentence = make(i) + " "
        parts.append(sentence)
        total += len(sentence)
        i += 1
    return "".join(parts)


def categories(rounds: int, run: record.Run) -> None:
    print("categories (1 MB of sentences with one or two such figures each; time per "
          "figure against plain counts, alternating rounds, median and range):")
    plain = _sentences(CATEGORIES[0][1])
    plain_found = len(extract(plain))
    for name, make in CATEGORIES:
        text = _sentences(make)
        found = len(extract(text))
        best, _, ratio, spread = _alternate(lambda text=text: extract(text),
                                            lambda: extract(plain), rounds)
        per_figure = ratio * found and ratio * plain_found / found
        print(f"  {name:22} {_mb(text) / best:6.2f} MB/s  {found:6d} figures  "
              f"{best / found * 1e6:5.1f} µs per figure  ({per_figure:.2f}x plain counts, "
              f"range {spread * plain_found / found:.2f})")
        run.figure(name.replace(" ", "-"), f"{name}: time per figure vs plain counts",
                   per_figure, unit="x", cpu=False,
                   detail=f"{best / found * 1e6:.1f} µs per figure, {_mb(text) / best:.1f} MB/s")


ADVERSARIAL: list[tuple[str, Callable[[int], str]]] = [
    ("digits and commas", lambda n: ("1234,567,8," * (n // 11 + 1))[:n]),
    ("digits only", lambda n: "9" * n),
    ("1 1 1 ...", lambda n: ("1 " * (n // 2 + 1))[:n]),
    ("one one one ...", lambda n: ("one " * (n // 4 + 1))[:n]),
    ("and and and ...", lambda n: ("and " * (n // 4 + 1))[:n]),
    ("hundred hundred ...", lambda n: ("hundred " * (n // 8 + 1))[:n]),
    ("1 and 1 and ...", lambda n: ("1 and " * (n // 6 + 1))[:n]),
    ("a million and a half ...", lambda n: ("a million and a half " * (n // 21 + 1))[:n]),
    ("1,000 - 2,000 - ...", lambda n: ("1,000 - 2,000 - " * (n // 16 + 1))[:n]),
    ("one in five in ...", lambda n: ("one in five in " * (n // 15 + 1))[:n]),
    ("$1 and 2c and ...", lambda n: ("$1 and 2c and " * (n // 14 + 1))[:n]),
]


def adversarial(memory: bool, run: record.Run) -> None:
    print("adversarial inputs (time for 1 MB, 2 MB; ratio should be near 2"
          + ("; peak memory per MB of input" if memory else "") + "):")
    for name, make in ADVERSARIAL:
        one, two = make(1_000_000), make(2_000_000)
        t1 = min(_time(lambda one=one: extract(one)) for _ in range(2))
        t2 = min(_time(lambda two=two: extract(two)) for _ in range(2))
        line = f"  {name:26} {t1:6.2f} s  {t2:6.2f} s  ratio {t2 / t1:4.2f}"
        run.figure(re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"),
                   f"`{name}`: time for 2 MB over 1 MB", t2 / t1, unit="x", cpu=False,
                   target="linear (2x)", met=t2 / t1 <= 2.5)
        if memory:
            tracemalloc.start()
            extract(one)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            line += f"  {peak / 1e6:6.0f} MB peak per MB"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seeds", nargs="?", type=Path, default=ROOT / "seeds",
                        help="folder of seed .txt files (default: the repository's seeds/)")
    parser.add_argument("--megabytes", type=float, default=5.0,
                        help="repeat the seeds to at least this many MB (default 5)")
    parser.add_argument("--rounds", type=int, default=5,
                        help="alternating rounds of extract() and the floor (default 5)")
    parser.add_argument("--skip-peers", action="store_true")
    parser.add_argument("--skip-categories", action="store_true")
    parser.add_argument("--skip-adversarial", action="store_true")
    parser.add_argument("--memory", action="store_true",
                        help="also measure the peak memory of each adversarial input (slow)")
    parser.add_argument("--skip-news", action="store_true")
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    base = _seed_text(args.seeds)
    if not base:
        print(f"no seed texts in {args.seeds}", file=sys.stderr)
        return 2
    prose(base, args.megabytes, args.rounds, args)
    if not args.skip_news:
        news(args.megabytes / 2, args.rounds, args)
    parts = [("peers", lambda run: peers(base, run), args.skip_peers),
             ("categories", lambda run: categories(args.rounds, run), args.skip_categories),
             ("adversarial", lambda run: adversarial(args.memory, run), args.skip_adversarial)]
    for name, measure, skipped in parts:
        if not skipped:
            run = record.Run(f"extract-{name}", args, argv, script="extract")
            measure(run)
            run.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
