"""Throughput of claimset's extractor, against a regex floor and its peers, in one run.

    python benchmarks/extract.py [SEEDS_DIR] [--megabytes N] [--rounds R]
                                 [--skip-peers] [--skip-categories] [--skip-adversarial]

* prose: the seed texts concatenated and repeated to at least N MB (default 5);
  extract() and one ``re.finditer`` pass with a pattern for digits and number words
  (the floor: no parsing at all) are timed in alternating rounds; the ratio of
  their times is reported as the median and the range over the rounds, so load on
  the machine (which moves both) cancels out.
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

Sizes are in MB of UTF-8; throughput is MB of UTF-8 per second of wall time.
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


def prose(base: str, megabytes: float, rounds: int) -> None:
    text = base * max(1, int(megabytes * 1e6 // len(base.encode("utf-8"))) + 1)
    size = _mb(text)
    found = len(extract(text))
    ours, floor, ratio, spread = _alternate(
        lambda: extract(text), lambda: sum(1 for _ in FLOOR.finditer(text)), rounds)
    print(f"prose: {size:.2f} MB, {found} figures, {rounds} alternating rounds")
    print(f"  claimset extract()      {size / ours:8.2f} MB/s  (best {ours:.2f} s)")
    print(f"  re.finditer floor       {size / floor:8.2f} MB/s  (best {floor:.2f} s)")
    print(f"  claimset / floor time   {ratio:8.2f}x  (median; range over rounds {spread:.2f})")


def peers(base: str) -> None:
    piece = base[:20_000]
    paragraphs = [p for p in re.split(r"\n\s*\n", piece) if p.strip()]
    ours = min(_time(lambda: extract(piece)) for _ in range(3))
    found = len(extract(piece))
    print(f"peers on {_mb(piece) * 1000:.0f} kB of prose ({len(paragraphs)} paragraphs), "
          "each warmed up first:")
    print(f"  claimset extract()      {_mb(piece) / ours:8.2f} MB/s  {found:5d} figures")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser as quantulum
            quantulum.parse("It cost $20 billion.")  # warm: its first call loads its tables
            seconds = min(_time(lambda: quantulum.parse(piece)) for _ in range(2))
            count = len(quantulum.parse(piece))
        print(f"  quantulum3 parse()      {_mb(piece) / seconds:8.2f} MB/s  {count:5d} quantities"
              f"  (claimset is {seconds / ours:.0f}x faster)")
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
        print(f"  Recognizers-Text        {_mb(piece) / seconds:8.2f} MB/s  {recognizers():5d} "
              f"numbers and amounts  (claimset is {seconds / ours:.0f}x faster)")
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


def categories(rounds: int) -> None:
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


def adversarial(memory: bool) -> None:
    print("adversarial inputs (time for 1 MB, 2 MB; ratio should be near 2"
          + ("; peak memory per MB of input" if memory else "") + "):")
    for name, make in ADVERSARIAL:
        one, two = make(1_000_000), make(2_000_000)
        t1 = min(_time(lambda one=one: extract(one)) for _ in range(2))
        t2 = min(_time(lambda two=two: extract(two)) for _ in range(2))
        line = f"  {name:26} {t1:6.2f} s  {t2:6.2f} s  ratio {t2 / t1:4.2f}"
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
    args = parser.parse_args(argv)
    base = _seed_text(args.seeds)
    if not base:
        print(f"no seed texts in {args.seeds}", file=sys.stderr)
        return 2
    prose(base, args.megabytes, args.rounds)
    if not args.skip_peers:
        peers(base)
    if not args.skip_categories:
        categories(args.rounds)
    if not args.skip_adversarial:
        adversarial(args.memory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
