"""Score claimset's extractor on other number parsers' own public test suites.

    python benchmarks/peers.py PATH [--show] [--suite NAME]

PATH is a folder with one sub-folder per suite, each holding that project's test
files exactly as published (nothing here depends on them at test time, and none
of them is in this repository).  The test files are never imported or run: the
Python ones are read with :mod:`ast` and only their literal test data is taken.

Folders and the files copied into them from each project's repository:

* ``w2n`` (akshaynagpal/w2n): ``unit_testing.py``;
* ``number-parser`` (scrapinghub/number-parser): ``tests/test_language_en.py`` and
  ``tests/data/*/en_*.csv`` as ``data/*/en_*.csv``;
* ``numerizer`` (jaidevd/numerizer): ``test_numerize.py``;
* ``quantulum3`` (nielstron/quantulum3): ``quantulum3/_lang/en_US/tests/quantities.json``
  and ``quantities.ambiguity.json``;
* ``price-parser`` (scrapinghub/price-parser): ``tests/test_price_parsing.py``;
* ``recognizers-text`` (microsoft/Recognizers-Text):
  ``Specs/Number/English/NumberRangeModel.json`` as ``Number/English/...``.

What "correct" means, per suite (the reader is always :func:`claimset.grammar.extract.extract`,
the extractor ``claimset extract`` and ``coverage`` use; a range's value is its two bounds):

* **w2n, number-parser** (``parse_number``, the CSV tables of cardinals and
  ordinals): the whole string, stripped, is one figure with the expected value.
* **number-parser** ``parse`` and **numerizer** (text in, text with digits out):
  the figures' values, in order, equal the numbers written in the expected output
  ("1/2" is 0.5, "42nd" is 42).  A case whose expected output is its input
  ("pennyweight", "11/02/2007") is correct when no number is read from words.
* **quantulum3**: per expected quantity, a figure overlapping its surface text
  with its value (a range: its middle, as quantulum3 reports "10-15" as 12.5).
  Units other than money and percent (metres, grams, ...) are not compared:
  claimset reads them as counts; their values are.  Case: all right.
* **price-parser**: the amount, and the currency when the suite's currency is one
  claimset can name: an ISO 4217 code, or a symbol in :data:`SYMBOLS` ("$" is any
  dollar).  The amount is the first money figure in ``price_raw``, else its first
  figure; when the suite gives the currency only as the page's hint
  (``currency_raw``), the hint is read alone as a currency word.  Expected "no
  price" means no figure.
* **recognizers-text NumberRangeModel**: a figure (with its qualifier words)
  overlapping the spec's span, with the same bounds and a qualifier of the same
  kind: "(10," is "more than 10", "[10," "at least", ",10)" "less than", ",10]"
  "at most" or "up to", both bounds a range (open or closed ends not compared:
  claimset's ranges do not say).  Spans are not compared exactly because
  claimset's figure covers its unit ("thirty years"), the spec's does not.

Out of scope for an extractor of English figures, counted apart (never dropped):
text in other languages or scripts; continental digit grouping (a comma as the
decimal mark, a dot or space or apostrophe grouping thousands: English prose reads
"12,50" as 1250); cases that pass an option (a decimal-separator hint, numerizer's
``ignore``/``bias``); whole-string validation (w2n's and number-parser's "this
string is not one number": an extractor reads the figures inside any text); a
parser's error value (w2n returns 0 for "point nineteen"); internal APIs and
spaCy extensions.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from claimset.grammar._iso4217 import CURRENCIES  # noqa: E402
from claimset.grammar.extract import Candidate, extract  # noqa: E402
from claimset.grammar.numbers import find_numbers  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import record  # noqa: E402


@attrs.frozen
class Case:
    suite: str
    category: str
    text: str
    #: what the suite expects, in the suite adapter's own terms
    expected: object
    #: None when in scope, else why an English-figure extractor is not asked it
    out_of_scope: str | None = None


@attrs.frozen
class Outcome:
    case: Case
    correct: bool
    got: str


def _values(candidate: Candidate) -> list[float]:
    if candidate.value is None:
        return [float(b) for b in (candidate.lower, candidate.upper) if b is not None]
    return [float(candidate.value)]


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _show(found: list[Candidate]) -> str:
    return ", ".join(f"{c.text!r}={c.value if c.value is not None else (c.lower, c.upper)}"
                     f"{'/' + c.unit if c.unit else ''}" for c in found) or "nothing"


_FOREIGN = re.compile(r"[^\x00-\x7f£€¥₹₪₩₽¢$₤₶°²³½¼¾–—‘’“”…×−]")


def _foreign(text: str) -> bool:
    return any(unicodedata.category(ch).startswith("L") for ch in _FOREIGN.findall(text))


# --------------------------------------------------------------------------- scoring

def _whole(case: Case) -> Outcome:
    """One figure covering the whole (stripped) string, with the expected value."""
    text = case.text.strip()
    found = extract(text)
    expected = float(case.expected)  # type: ignore[arg-type]
    ok = (len(found) == 1 and found[0].start == 0 and found[0].end >= len(text.rstrip(".,"))
          and _close(_values(found[0])[0] if _values(found[0]) else None, expected))
    return Outcome(case, ok, _show(found))


_WRITTEN = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:/(\d+))?(?:st|nd|rd|th)?(?![\w])")


def _written_values(text: str) -> list[float]:
    return [float(m[1]) / float(m[2]) if m[2] else float(m[1]) for m in _WRITTEN.finditer(text)]


def _rewritten(case: Case) -> Outcome:
    """Text in, text with digits out: the same numbers in the same order."""
    found = extract(case.text)
    expected = str(case.expected)
    if expected == case.text:
        worded = [n for n in find_numbers(case.text) if n.words]
        return Outcome(case, not worded, "words read: " + ", ".join(
            repr(case.text[n.start:n.end]) for n in worded) if worded else "nothing")
    got = [v for c in found for v in _values(c)]
    want = _written_values(expected)
    ok = len(got) == len(want) and all(_close(a, b) for a, b in zip(got, want, strict=True))
    return Outcome(case, ok, f"{_show(found)} (want {want})")


def _reads_as(candidate: Candidate, value: float) -> bool:
    """The value, or for a range its middle (quantulum3 reports "10-15" as 12.5 +- 2.5)."""
    values = _values(candidate)
    if candidate.value is None and len(values) == 2 and _close(sum(values) / 2, value):
        return True
    return any(_close(v, value) for v in values)


def _quantities(case: Case) -> Outcome:
    found = extract(case.text)
    pos = 0
    ok = True
    for item in case.expected:  # type: ignore[attr-defined]
        start = case.text.find(item["surface"], pos)
        if start < 0:
            start = case.text.find(item["surface"])
        end = start + len(item["surface"])
        pos = end if start >= 0 else pos
        hit = any(c.start < end and start < c.end and _reads_as(c, float(item["value"]))
                  for c in found)
        ok = ok and hit
    return Outcome(case, ok, _show(found))


#: Currency symbols and words price-parser reports, as ISO 4217 codes; "$" is any dollar.
SYMBOLS: dict[str, frozenset[str]] = {
    "€": frozenset({"EUR"}), "£": frozenset({"GBP"}), "₤": frozenset({"GBP", "ITL"}),
    "¥": frozenset({"JPY", "CNY"}), "₹": frozenset({"INR"}), "₪": frozenset({"ILS"}),
    "₩": frozenset({"KRW"}), "₽": frozenset({"RUB"}), "US$": frozenset({"USD"}),
    "A$": frozenset({"AUD"}), "C$": frozenset({"CAD"}), "HK$": frozenset({"HKD"}),
    "NZ$": frozenset({"NZD"}), "S$": frozenset({"SGD"}), "R$": frozenset({"BRL"}),
    "Rs": frozenset({"INR", "PKR", "LKR", "NPR"}), "Rs.": frozenset({"INR", "PKR", "LKR", "NPR"}),
    "RM": frozenset({"MYR"}),
}
_DOLLARS = frozenset(code for code, name in CURRENCIES.items() if name.endswith("Dollar"))


def _currency_codes(raw: str | None) -> frozenset[str] | None:
    """The ISO codes a suite's currency string may mean; None when claimset cannot say."""
    if raw is None:
        return None
    if raw == "$":
        return _DOLLARS
    if raw in CURRENCIES:
        return frozenset({raw})
    return SYMBOLS.get(raw)


def _price(case: Case) -> Outcome:
    want_currency, want_amount, hint = case.expected  # type: ignore[misc]
    found = extract(case.text) if case.text else []
    money = [c for c in found if c.kind == "money"]
    amounts = [c for c in found if c.kind != "percent"]
    pick = money[0] if money else (amounts[0] if amounts else None)
    if want_amount is None:
        return Outcome(case, pick is None, _show(found))
    amount_ok = pick is not None and any(_close(v, want_amount) for v in _values(pick))
    codes = _currency_codes(want_currency)
    got_currency = pick.unit if pick is not None and pick.kind == "money" else None
    if got_currency is None and hint:
        got_currency = _hint_currency(hint)
    currency_ok = codes is None or got_currency in codes
    return Outcome(case, amount_ok and currency_ok, f"{_show(found)} currency {got_currency}")


def _hint_currency(hint: str) -> str | None:
    """The page's currency field read as claimset reads a currency beside an amount."""
    for probe in (f"{hint} 1", f"1 {hint}"):
        money = [c.unit for c in extract(probe) if c.kind == "money"]
        if money:
            return money[0]
    return None


_INTERVAL = re.compile(r"^([\[(])([^,]*),([^,]*)([\])])$")


def _range(case: Case) -> Outcome:
    found = extract(case.text)
    ok = True
    for start, end, interval in case.expected:  # type: ignore[attr-defined]
        m = _INTERVAL.match(interval.replace(" ", ""))
        if m is None:
            ok = False
            continue
        low = float(m[2]) if m[2] else None
        high = float(m[3]) if m[3] else None
        if low is not None and high is not None:
            want_q = {"range"}
        elif low is not None:
            want_q = {"more than"} if m[1] == "(" else {"at least"}
        else:
            want_q = {"less than"} if m[4] == ")" else {"at most", "up to"}
        hit = False
        for c in found:
            c_start = min(c.start, c.qualifier_span[0]) if c.qualifier_span else c.start
            if not (c_start < end and start < c.end) or c.qualifier not in want_q:
                continue
            if c.qualifier == "range":
                hit = _close(c.lower, low) and _close(c.upper, high)
            else:
                hit = _close(float(c.value) if c.value is not None else None,
                             low if low is not None else high)
            if hit:
                break
        ok = ok and hit
    return Outcome(case, ok, _show(found))


# --------------------------------------------------------------------------- adapters

def _literal(node: ast.AST) -> object:
    """A literal, with ``Decimal("1.5")`` read as the float it names."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Decimal":
        return float(ast.literal_eval(node.args[0]))
    return ast.literal_eval(node)


def _calls(tree: ast.AST, name: str) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called == name:
                yield node


def _whole_string_scope(text: str, value: object) -> str | None:
    if value is None:
        return "whole-string validation"
    if value == 0 and not re.search(r"\bzero\b|^0+$", text, re.IGNORECASE):
        return "the parser's error value"
    if not isinstance(text, str):
        return "not a string"
    return None


def w2n_cases(folder: Path) -> Iterator[Case]:
    tree = ast.parse((folder / "unit_testing.py").read_text(encoding="utf-8"))
    for call in _calls(tree, "assertEqual"):
        inner, want = call.args
        if isinstance(inner, ast.Call) and inner.args:
            text = _literal(inner.args[0])
            value = _literal(want)
            yield Case("w2n", "words to number", str(text), value,
                       _whole_string_scope(str(text), value))
    for call in _calls(tree, "assertRaises"):
        text = _literal(call.args[2])
        yield Case("w2n", "rejects", str(text), None, "whole-string validation")


def _parametrized(tree: ast.Module) -> Iterator[tuple[str, list[tuple[object, object]]]]:
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if isinstance(decorator, ast.Call) and getattr(decorator.func, "attr", "") == \
                    "parametrize":
                yield node.name, [tuple(_literal(e) for e in elt.elts)  # type: ignore[misc]
                                  for elt in decorator.args[1].elts]  # type: ignore[attr-defined]


def number_parser_cases(folder: Path) -> Iterator[Case]:
    tree = ast.parse((folder / "test_language_en.py").read_text(encoding="utf-8"))
    for name, rows in _parametrized(tree):
        for text, want in rows:
            text = re.sub(r"\s+", " ", str(text))
            if name.startswith("test_parse_number"):
                yield Case("number-parser", "parse_number", text, want,
                           _whole_string_scope(text, want))
            elif name.startswith("test_parse"):
                yield Case("number-parser", name.removeprefix("test_parse_"), text, want)
    for table in sorted((folder / "data").glob("*/en_*.csv")):
        with table.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield Case("number-parser", f"table {table.parent.name}", row["text"].strip(),
                           int(row["number"]))


def numerizer_cases(folder: Path) -> Iterator[Case]:
    tree = ast.parse((folder / "test_numerize.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for _ in _calls(node, "nlp"):
                yield Case("numerizer", "spaCy extension", node.name, None, "spaCy extension")
            continue
        if not isinstance(node, ast.FunctionDef):
            continue
        category = node.name.removeprefix("test_")
        if any(True for _ in _calls(node, "preprocess")):
            yield Case("numerizer", category, node.name, None, "internal API")
            continue
        for call in _calls(node, "numerize"):
            if call.args and isinstance(call.args[0], ast.Constant):
                parent = _compared_with(node, call)
                if parent is None:
                    continue
                option = "an option (ignore/bias)" if call.keywords else None
                yield Case("numerizer", category, call.args[0].value, parent, option)
        for assign in ast.walk(node):
            if isinstance(assign, ast.Assign) and isinstance(assign.value, ast.Dict):
                table = _literal(assign.value)
                assert isinstance(table, dict)
                for key, value in table.items():
                    if isinstance(key, int):
                        for text in value if isinstance(value, list) else [value]:
                            yield Case("numerizer", category, text, str(key))
                    else:
                        yield Case("numerizer", category, key, value)


def _compared_with(tree: ast.AST, call: ast.Call) -> str | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and len(node.comparators) == 1:
            sides = [node.left, node.comparators[0]]
            if call in sides:
                other = sides[1 - sides.index(call)]
                if isinstance(other, ast.Constant) and isinstance(other.value, str):
                    return other.value
    return None


def _unit_category(unit: str) -> str:
    if unit in ("dollar", "euro", "pound sterling", "yen", "dollar per hour"):
        return "money"
    if unit == "percentage":
        return "percent"
    if unit == "dimensionless":
        return "bare number"
    return "physical unit (value only)"


def quantulum3_cases(folder: Path) -> Iterator[Case]:
    for name in ("quantities.json", "quantities.ambiguity.json"):
        path = folder / name
        if not path.exists():
            continue
        for item in json.loads(path.read_text(encoding="utf-8")):
            units = {_unit_category(r["unit"]) for r in item["res"]}
            category = units.pop() if len(units) == 1 else ("mixed" if units else "no quantity")
            yield Case("quantulum3", category, item["req"], item["res"],
                       "other language" if _foreign(item["req"]) else None)


_CONTINENTAL = re.compile(r"\d[.,' ]\d{3}(?!\d)|\d,\d{1,2}(?!\d)|\d[ ']\d")


def _price_scope(price: str | None, hint: str | None, amount_text: str | None,
                 separator: str | None) -> str | None:
    if separator not in (None, "."):
        return "needs a decimal-separator hint"
    if amount_text is not None:
        groups = re.findall(r"[.,' ]", amount_text.strip())
        if "," in groups and (groups[-1] == "," and len(amount_text.rsplit(",", 1)[1]) != 3):
            return "continental digit grouping"
        if " " in groups or "'" in groups or groups.count(".") > 1 or (
                "." in groups and "," in groups and groups[-1] == ","):
            return "continental digit grouping"
        if groups == ["."] and len(amount_text.rsplit(".", 1)[1]) == 3 \
                and price and not re.search(r"\d\.\d{3}\d", price) \
                and _amount_has_thousands_dot(amount_text):
            return "continental digit grouping"
    if _foreign(price or "") or _foreign(hint or ""):
        return "other language or script"
    return None


def _amount_has_thousands_dot(amount_text: str) -> bool:
    """"1.144" read by the suite as 1144 (a dot grouping thousands)."""
    return bool(re.fullmatch(r"\d{1,3}(\.\d{3})+", amount_text.strip()))


def price_parser_cases(folder: Path) -> Iterator[Case]:
    tree = ast.parse((folder / "test_price_parsing.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if not (isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.List)):
            continue
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        name = getattr(target, "id", "")
        category = name.removeprefix("PRICE_PARSING_").lower() or "examples"
        for element in node.value.elts:
            if not (isinstance(element, ast.Call) and getattr(element.func, "id", "") ==
                    "Example"):
                continue
            args = [_literal(a) for a in element.args]
            keywords = {k.arg: _literal(k.value) for k in element.keywords}
            hint, price, currency, amount_text, amount = args[:5]
            separator = args[5] if len(args) > 5 else keywords.get("decimal_separator")
            if "xfail" in category:
                scope: str | None = "the suite's own expected failures"
            else:
                scope = _price_scope(price, hint, amount_text, separator)  # type: ignore[arg-type]
            yield Case("price-parser", category, price or "", (currency, amount, hint), scope)


def recognizers_range_cases(folder: Path) -> Iterator[Case]:
    path = folder / "Number" / "English" / "NumberRangeModel.json"
    for item in json.loads(path.read_text(encoding="utf-8")):
        expected = [(r["Start"], r["End"] + 1, r["Resolution"]["value"]) for r in item["Results"]]
        category = "no range" if not expected else "range"
        yield Case("recognizers-text", f"NumberRangeModel {category}", item["Input"], expected)


SUITES: dict[str, tuple[Callable[[Path], Iterator[Case]], Callable[[Case], Outcome]]] = {
    "w2n": (w2n_cases, _whole),
    "number-parser": (number_parser_cases, lambda c: (
        _whole(c) if c.category.startswith(("table", "parse_number")) else _rewritten(c))),
    "numerizer": (numerizer_cases, _rewritten),
    "quantulum3": (quantulum3_cases, _quantities),
    "price-parser": (price_parser_cases, _price),
    "recognizers-text": (recognizers_range_cases, lambda c: (
        _range(c) if c.expected else Outcome(c, not [
            f for f in extract(c.text) if f.qualifier == "range"], _show(extract(c.text))))),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="folder with one sub-folder per suite")
    parser.add_argument("--show", action="store_true", help="list every miss")
    parser.add_argument("--suite", action="append", choices=sorted(SUITES),
                        help="score only this suite (repeatable)")
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    if not args.path.is_dir():
        print(f"no suites at {args.path}: pass the folder of peer test suites", file=sys.stderr)
        return 2
    run = record.Run("peers", args, argv)
    print(f"{'suite / category':52} {'cases':>6} {'correct':>8} {'accuracy':>9}")
    overall = [0, 0]
    for name in args.suite or list(SUITES):
        folder = args.path / name
        if not folder.is_dir():
            print(f"{name:52} missing")
            continue
        read, judge = SUITES[name]
        per: dict[str, list[Outcome]] = defaultdict(list)
        skipped: dict[str, int] = defaultdict(int)
        for case in read(folder):
            if case.out_of_scope is not None:
                skipped[case.out_of_scope] += 1
                continue
            per[case.category].append(judge(case))
        total = sum(len(v) for v in per.values())
        right = sum(o.correct for v in per.values() for o in v)
        overall[0] += right
        overall[1] += total
        print(f"{name:52} {total:>6} {right:>8} {100 * right / max(total, 1):8.1f}%")
        run.figure(name, f"{name}'s own test suite (in-scope cases)",
                   100 * right / max(total, 1), unit="%", digits=1, detail=f"{right}/{total}")
        for category, outcomes in per.items():
            good = sum(o.correct for o in outcomes)
            print(f"  {category:50} {len(outcomes):>6} {good:>8}"
                  f" {100 * good / len(outcomes):8.1f}%")
        for reason, count in sorted(skipped.items()):
            print(f"  {'out of scope: ' + reason:50} {count:>6}")
        if args.show:
            for category, outcomes in per.items():
                for o in outcomes:
                    if not o.correct:
                        print(f"    MISS [{category}] {o.case.text[:100]!r}"
                              f" expected {str(o.case.expected)[:80]}; got {o.got[:160]}")
    print(f"{'overall (in scope)':52} {overall[1]:>6} {overall[0]:>8}"
          f" {100 * overall[0] / max(overall[1], 1):8.1f}%")
    run.figure("overall", "other parsers' own test suites, every in-scope case",
               100 * overall[0] / max(overall[1], 1), unit="%", digits=1,
               detail=f"{overall[0]}/{overall[1]}")
    run.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
