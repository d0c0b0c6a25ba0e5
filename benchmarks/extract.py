"""Throughput of claimset's extractor, against a regex floor and quantulum3, in one run.

    python benchmarks/extract.py [SEEDS_DIR] [--megabytes N]

* prose: the seed texts concatenated and repeated to at least N MB (default 5);
  extract() is timed against (a) one ``re.finditer`` pass with a pattern for
  digits and number words (the floor: no parsing at all) and (b) quantulum3's
  ``parser.parse`` (optional; timed on a slice and extrapolated, as it is slow).
* adversarial inputs: 1 MB and 2 MB of digits and commas, "one one one ...",
  runs of "and", "hundred hundred ..."; time must grow linearly, so the 2 MB /
  1 MB ratio should be near 2.

Sizes are in MB of UTF-8; throughput is MB of UTF-8 per second of wall time
(best of 3 runs for the prose, of 2 for adversarial inputs).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
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


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _mb(text: str) -> float:
    return len(text.encode("utf-8")) / 1e6


def prose(seeds: Path, megabytes: float) -> None:
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt")))
    if not base:
        print(f"no seed texts in {seeds}", file=sys.stderr)
        return
    text = base * max(1, int(megabytes * 1e6 // len(base.encode("utf-8"))) + 1)
    size = _mb(text)
    found = len(extract(text))
    ours = _best(lambda: extract(text), 3)
    floor = _best(lambda: sum(1 for _ in FLOOR.finditer(text)), 3)
    print(f"prose: {size:.2f} MB, {found} figures")
    print(f"  claimset extract()      {size / ours:8.2f} MB/s  ({ours:.2f} s)")
    print(f"  re.finditer floor       {size / floor:8.2f} MB/s  ({floor:.2f} s)"
          f"  claimset takes {ours / floor:.1f}x the floor's time")
    try:
        from quantulum3 import parser as quantulum
    except Exception as error:  # optional baseline: say why it is skipped, whatever it is
        print(f"  quantulum3              skipped ({type(error).__name__}: {error})")
        return
    piece = base[: 20_000]
    seconds = _best(lambda: quantulum.parse(piece), 1)
    rate = _mb(piece) / seconds
    print(f"  quantulum3 parse()      {rate:8.2f} MB/s  (timed on {_mb(piece) * 1000:.0f} kB,"
          f" extrapolated: {size / rate:.0f} s for {size:.1f} MB)"
          f"  claimset is {rate and (size / ours) / rate:.0f}x faster")


ADVERSARIAL: list[tuple[str, Callable[[int], str]]] = [
    ("digits and commas", lambda n: ("1234,567,8," * (n // 11 + 1))[:n]),
    ("digits only", lambda n: "9" * n),
    ("one one one ...", lambda n: ("one " * (n // 4 + 1))[:n]),
    ("and and and ...", lambda n: ("and " * (n // 4 + 1))[:n]),
    ("hundred hundred ...", lambda n: ("hundred " * (n // 8 + 1))[:n]),
    ("1 and 1 and ...", lambda n: ("1 and " * (n // 6 + 1))[:n]),
    ("a million and a half ...", lambda n: ("a million and a half " * (n // 21 + 1))[:n]),
    ("1,000 - 2,000 - ...", lambda n: ("1,000 - 2,000 - " * (n // 16 + 1))[:n]),
]


def adversarial() -> None:
    print("adversarial inputs (time for 1 MB, 2 MB; ratio should be near 2):")
    for name, make in ADVERSARIAL:
        one, two = make(1_000_000), make(2_000_000)
        t1 = _best(lambda one=one: extract(one), 2)
        t2 = _best(lambda two=two: extract(two), 2)
        print(f"  {name:26} {t1:6.2f} s  {t2:6.2f} s  ratio {t2 / t1:4.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seeds", nargs="?", type=Path, default=ROOT / "seeds",
                        help="folder of seed .txt files (default: the repository's seeds/)")
    parser.add_argument("--megabytes", type=float, default=5.0,
                        help="repeat the seeds to at least this many MB (default 5)")
    parser.add_argument("--skip-adversarial", action="store_true")
    args = parser.parse_args(argv)
    prose(args.seeds, args.megabytes)
    if not args.skip_adversarial:
        adversarial()
    return 0


if __name__ == "__main__":
    sys.exit(main())
