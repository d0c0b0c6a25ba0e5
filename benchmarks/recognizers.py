"""Score claimset's number grammar against Microsoft Recognizers-Text's English specs.

    python benchmarks/recognizers.py [PATH] [--show-failures N]

PATH is the folder holding ``Number/English/*.json`` and
``NumberWithUnit/English/CurrencyModel.json`` (default: ../shared/benchmarks/
recognizers-text next to the repository).  The specs are test data from
elsewhere (MIT); nothing here depends on them at test time.

Scoring: every expected result of every case counts, including cases the
Recognizers ports themselves mark NotSupported.  A result is matched when
claimset reports an expression with exactly the same span (``Start`` to
``End`` inclusive) and the same value (relative tolerance 1e-9, since the
specs round to 15 significant digits).  A second column counts whole cases
that come out exactly right: all expected results and nothing else.

The adapter, per model:

* NumberModel(PercentMode): :func:`claimset.grammar.numbers.find_numbers`, cardinals
  and fractions (bare numbers: "$20" is read as "20", as the spec expects).  A number
  glued to a unit ("the 180ml liquid", "29km") is the DimensionModel's: the spec
  expects none there, so those are left out.
* OrdinalModel: ``find_numbers`` ordinals, value = the ordinal's number.
* PercentModel(PercentMode): :func:`claimset.grammar.numbers.find_quantities` with a
  percent; "61%" resolves as "61%", i.e. value 61.
* CurrencyModel: ``find_quantities`` with a currency; value is the amount
  ("$ 75 million" -> 75000000), currency names are not compared.
* Percent and currency words without a number ("a small percent", "the dollar")
  resolve to null in the specs; ``find_quantities(text, bare_units=True)``
  reports them with value None (the extractor leaves them out).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimset.grammar.numbers import find_numbers, find_quantities  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import record  # noqa: E402

DEFAULT_PATH = ROOT.parent / "shared" / "benchmarks" / "recognizers-text"

Found = list[tuple[int, int, float | None]]  # (start, end exclusive, value)


def _dimension(text: str, end: int) -> bool:
    """A number glued to a unit ("180ml", "29km"): the DimensionModel's, not the NumberModel's."""
    return text[end:end + 1].isalpha()


def _numbers(text: str) -> Found:
    return [(n.start, n.end, n.value) for n in find_numbers(text)
            if n.form in ("cardinal", "fraction", "ratio") and not _dimension(text, n.end)]


_SHARE_JOIN = re.compile(r"\s+(?:in|out\s+of|of)(?:\s+every)?\s+", re.IGNORECASE)


def _numbers_percent_mode(text: str) -> Found:
    """NumberModel in Recognizers' PercentMode, which reads a share ("one out of three",
    "1 in twenty-one") as its two numbers: each ratio is read again as its parts."""
    found: Found = []
    for n in find_numbers(text):
        if n.form == "ratio":
            for part in _SHARE_JOIN.split(text[n.start:n.end]):
                offset = text.index(part, n.start)
                found += [(offset + p.start, offset + p.end, p.value)
                          for p in find_numbers(part) if p.form == "cardinal"]
        elif n.form in ("cardinal", "fraction") and not _dimension(text, n.end):
            found.append((n.start, n.end, n.value))
    return found


def _ordinals(text: str) -> Found:
    return [(n.start, n.end, n.value) for n in find_numbers(text) if n.form == "ordinal"]


def _percents(text: str) -> Found:
    return [(q.start, q.end, q.value) for q in find_quantities(text, bare_units=True)
            if q.percent]


def _currencies(text: str) -> Found:
    return [(q.start, q.end, q.value) for q in find_quantities(text, bare_units=True)
            if q.currency]


MODELS: list[tuple[str, Callable[[str], Found]]] = [
    ("Number/English/NumberModel.json", _numbers),
    ("Number/English/NumberModelPercentMode.json", _numbers_percent_mode),
    ("Number/English/OrdinalModel.json", _ordinals),
    ("Number/English/PercentModel.json", _percents),
    ("Number/English/PercentModelPercentMode.json", _percents),
    ("NumberWithUnit/English/CurrencyModel.json", _currencies),
]


def _expected_value(result: dict) -> float | None:
    raw = result.get("Resolution", {}).get("value")
    if raw is None or raw == "null":
        return None
    try:
        return float(str(raw).rstrip("%"))
    except ValueError:
        return math.nan  # "end+0" and other relative ordinals: nothing numeric to match


def _matches(expected: tuple[int, int, float | None], found: Found) -> bool:
    start, end, value = expected
    for f_start, f_end, f_value in found:
        if (f_start, f_end) != (start, end):
            continue
        if value is None:
            return f_value is None
        if f_value is not None and math.isclose(f_value, value, rel_tol=1e-9, abs_tol=1e-15):
            return True
    return False


def score(path: Path, reader: Callable[[str], Found], *, show: int) -> tuple[int, int, int, int]:
    cases = json.loads(path.read_text(encoding="utf-8"))
    matched = total = exact_cases = 0
    failures: list[str] = []
    for case in cases:
        text = case["Input"]
        found = reader(text)
        expected = [(r["Start"], r["End"] + 1, _expected_value(r)) for r in case["Results"]]
        hits = [_matches(e, found) for e in expected]
        matched += sum(hits)
        total += len(expected)
        if all(hits) and len(found) == len(expected):
            exact_cases += 1
        for (start, end, value), hit in zip(expected, hits, strict=True):
            if not hit and len(failures) < show:
                got = ", ".join(f"{text[s:e]!r}={v}" for s, e, v in found) or "nothing"
                failures.append(f"    {text[:90]!r}\n      expected {text[start:end]!r}={value}"
                                f"; got {got}")
    if failures:
        print("\n".join(failures))
    return matched, total, exact_cases, len(cases)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH,
                        help=f"Recognizers-Text specs folder (default: {DEFAULT_PATH})")
    parser.add_argument("--show-failures", type=int, default=0, metavar="N",
                        help="print up to N failing expected results per file")
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    if not args.path.is_dir():
        print(f"no specs at {args.path}: pass the recognizers-text folder", file=sys.stderr)
        return 2
    run = record.Run("recognizers", args, argv)
    all_matched = all_total = 0
    print(f"{'file':48} {'results':>15} {'%':>7} {'exact cases':>13}")
    for relative, reader in MODELS:
        path = args.path / relative
        if not path.exists():
            print(f"{relative:48} missing")
            continue
        matched, total, exact, cases = score(path, reader, show=args.show_failures)
        all_matched += matched
        all_total += total
        print(f"{relative:48} {matched:>6} / {total:<6} {100 * matched / max(total, 1):6.1f}%"
              f" {exact:>5} / {cases:<5}")
        model = Path(relative).stem
        run.figure(model, f"Recognizers-Text {model} (exact span and value, every case)",
                   100 * matched / max(total, 1), unit="%", digits=1,
                   detail=f"{matched}/{total}; {exact}/{cases} cases exactly right")
    print(f"{'overall':48} {all_matched:>6} / {all_total:<6}"
          f" {100 * all_matched / max(all_total, 1):6.1f}%")
    run.figure("overall", "Recognizers-Text, every model above",
               100 * all_matched / max(all_total, 1), unit="%", digits=1,
               detail=f"{all_matched}/{all_total}")
    run.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
