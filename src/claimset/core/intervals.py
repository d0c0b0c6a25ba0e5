"""Interval arithmetic for hedged figures, and the evaluation of a relation between them.

A figure with its qualifier admits an interval of values ("up to 623" is [0, 623],
"more than double" is (2, ∞)); the table of what each qualifier admits is
:data:`claimset.core.vocabulary.QUALIFIER_INTERVALS`.  A relation ("1,326 is more
than double the 2006 count") combines the intervals of the figures it names and
compares the result with the interval its own statement admits.

Three outcomes (:func:`evaluate`):

* **fails** when the figures as the text gives them (each figure's own number, or
  a range's two ends) do not satisfy the statement: "ratio 1326/623 = 2.13 does
  not satisfy 'nearly 4'";
* **holds** when every value the figures' hedges admit satisfies it;
* **undecided** otherwise (it holds at the figures given but a hedge admits
  values where it does not; or a side is not a figure), with the reason.

Pure functions on frozen values: no I/O, no claimset objects (the model and the
checker bring the claims).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import attrs

from claimset.core.vocabulary import (
    APPROXIMATE_TOLERANCE,
    NEARLY_TOLERANCE,
    QUALIFIER_INTERVALS,
    RELATION_KINDS,
    IntervalEnd,
    Qualifier,
    RelationKind,
)

__all__ = ["Evaluation", "Interval", "Operand", "Outcome", "combine", "evaluate",
           "figure_interval", "format_number", "statement_interval"]

INFINITY = math.inf
Outcome = Literal["holds", "undecided", "fails"]


@attrs.frozen
class Interval:
    """The real numbers from ``lower`` to ``upper`` (either may be infinite); an open
    end leaves its bound out."""

    lower: float
    upper: float
    lower_open: bool = False
    upper_open: bool = False

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(value, value)

    @property
    def is_point(self) -> bool:
        return self.lower == self.upper

    @property
    def is_empty(self) -> bool:
        return self.lower > self.upper or (
            self.lower == self.upper and (self.lower_open or self.upper_open))

    def contains(self, other: Interval) -> bool:
        """Every value of ``other`` is in this interval."""
        if other.is_empty:
            return True
        low_ok = (other.lower > self.lower or (
            other.lower == self.lower and (not self.lower_open or other.lower_open)))
        high_ok = (other.upper < self.upper or (
            other.upper == self.upper and (not self.upper_open or other.upper_open)))
        return low_ok and high_ok

    def intersection(self, other: Interval) -> Interval:
        if self.lower > other.lower:
            lower, lower_open = self.lower, self.lower_open
        elif self.lower < other.lower:
            lower, lower_open = other.lower, other.lower_open
        else:
            lower, lower_open = self.lower, self.lower_open or other.lower_open
        if self.upper < other.upper:
            upper, upper_open = self.upper, self.upper_open
        elif self.upper > other.upper:
            upper, upper_open = other.upper, other.upper_open
        else:
            upper, upper_open = self.upper, self.upper_open or other.upper_open
        return Interval(lower, upper, lower_open, upper_open)

    def meets(self, other: Interval) -> bool:
        """Some value is in both."""
        return not self.intersection(other).is_empty

    def __str__(self) -> str:
        if self.is_point:
            return format_number(self.lower)
        low = "-∞" if self.lower == -INFINITY else format_number(self.lower)
        high = "∞" if self.upper == INFINITY else format_number(self.upper)
        return (f"{'(' if self.lower_open or self.lower == -INFINITY else '['}{low}, {high}"
                f"{')' if self.upper_open or self.upper == INFINITY else ']'}")


def format_number(value: float) -> str:
    """A number as a reader writes it: 1,326, 2.13, 149,999.5 (at most two decimals)."""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if abs(value) >= 1e15:  # beyond any count a text gives: digits would only mislead
        return f"{value:.3g}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _half_unit(value: float) -> float:
    """Half the unit of the figure's precision: 0.5 for 1,326, 0.05 for 2.5, and for a
    round figure half the unit of its last non-zero digit: 5,000 for 150,000 (a text that
    writes "150,000" is exact to the ten thousand, not to the soldier), 5 for 120."""
    number = float(value)
    if number.is_integer():
        whole, unit = abs(int(number)), 1
        while whole and whole % 10 == 0:
            whole, unit = whole // 10, unit * 10
        return 0.5 * unit
    text = repr(number)
    if "e" in text:
        return 0.5
    decimals = len(text.partition(".")[2])
    return 0.5 * 10.0 ** -decimals


def _end(end: IntervalEnd, value: float, lower: float | None, upper: float | None) -> float:
    if end == "value":
        return value
    if end == "lower":
        return lower if lower is not None else -INFINITY
    if end == "upper":
        return upper if upper is not None else INFINITY
    if end == "zero or below":  # a count's floor; a negative figure has none
        return 0.0 if value >= 0 else -INFINITY
    if end == "infinity":
        return INFINITY
    magnitude = abs(value)
    if end == "value - rounding":
        return value - _half_unit(value)
    if end == "value + rounding":
        return value + _half_unit(value)
    if end == "value - approximate":
        return value - max(APPROXIMATE_TOLERANCE * magnitude, _half_unit(value))
    if end == "value + approximate":
        return value + max(APPROXIMATE_TOLERANCE * magnitude, _half_unit(value))
    if end == "value - nearly":
        return value - NEARLY_TOLERANCE * magnitude
    raise ValueError(f"unknown interval end {end!r}")  # the vocabulary's table is closed


def statement_interval(qualifier: Qualifier, value: float | None, lower: float | None = None,
                       upper: float | None = None) -> Interval:
    """Every value a hedged figure admits, by :data:`QUALIFIER_INTERVALS`."""
    low_end, high_end, low_open, high_open = QUALIFIER_INTERVALS[qualifier]
    number = value if value is not None else (lower if lower is not None else 0.0)
    low = _end(low_end, number, lower, upper)
    high = _end(high_end, number, lower, upper)
    return Interval(low, high, low_open and not math.isinf(low),
                    high_open and not math.isinf(high))


def figure_interval(qualifier: Qualifier, value: float | None, lower: float | None = None,
                    upper: float | None = None) -> Interval:
    """The figure as the text gives it: its own number, or a range's two ends."""
    if value is not None:
        return Interval.point(value)
    return Interval(lower if lower is not None else -INFINITY,
                    upper if upper is not None else INFINITY)


def _add(a: Interval, b: Interval) -> Interval:
    return Interval(a.lower + b.lower, a.upper + b.upper)


def _subtract(a: Interval, b: Interval) -> Interval:
    return Interval(a.lower - b.upper, a.upper - b.lower)


def _quotient(x: float, y: float) -> float:
    """x / y for ends of intervals; ∞/∞ is nan (left out: the other ends bound it)."""
    if math.isinf(y):
        return math.nan if math.isinf(x) else 0.0
    return x / y


def _divide(a: Interval, b: Interval) -> Interval | None:
    """a / b, or None when b is exactly zero (no quotient at all)."""
    if b.lower == 0 == b.upper:
        return None
    if b.lower > 0 or b.upper < 0:
        # Each end divided directly (not times 1/b): 5/53 must be the same float either way.
        quotients = [q for x in (a.lower, a.upper) for y in (b.lower, b.upper)
                     if not math.isnan(q := _quotient(x, y))]
        return Interval(min(quotients), max(quotients))
    if b.lower == 0 and a.lower >= 0:  # b in [0, hi]: a non-negative quotient without top
        return Interval(_quotient(a.lower, b.upper), INFINITY)
    if b.upper == 0 and a.lower >= 0:
        return Interval(-INFINITY, _quotient(a.lower, b.lower))
    return Interval(-INFINITY, INFINITY)


def combine(kind: RelationKind, operands: Sequence[Interval]) -> Interval | None:
    """What ``kind`` makes of the operands' intervals: ratio a/b, difference a−b, sum of
    all, share 100·a/b (percent).  None when a divisor is exactly zero."""
    if kind not in RELATION_KINDS:
        raise ValueError(f"unknown relation kind {kind!r}")
    if kind == "sum":
        total = operands[0]
        for operand in operands[1:]:
            total = _add(total, operand)
        return total
    first, second = operands[0], operands[1]
    if kind == "difference":
        return _subtract(first, second)
    quotient = _divide(first, second)
    if quotient is None or kind == "ratio":
        return quotient
    return Interval(100 * quotient.lower, 100 * quotient.upper)


@attrs.frozen
class Operand:
    """One side of a relation: the figure as given, what its hedge admits, and how to say it."""

    figure: Interval
    support: Interval
    label: str


@attrs.frozen
class Evaluation:
    """A relation's outcome, the intervals behind it and a sentence saying why."""

    outcome: Outcome
    reason: str
    stated: Interval
    at_figures: Interval | None = None
    admitted: Interval | None = None


_SYMBOL = {"ratio": "/", "difference": " - ", "sum": " + ", "share": "/"}


def _expression(kind: RelationKind, labels: Sequence[str]) -> str:
    body = _SYMBOL[kind].join(labels)
    return f"{kind} {body}" + (" × 100" if kind == "share" else "")


def evaluate(kind: RelationKind, operands: Sequence[Operand | None], *, qualifier: Qualifier,
             value: float | None, lower: float | None = None, upper: float | None = None,
             said: str) -> Evaluation:
    """Whether ``kind(operands)`` satisfies the statement ``qualifier value`` (``said`` is
    how the text puts it, e.g. "more than 2", for messages).  A None operand is a side
    the dataset has no figure for: the relation is undecided."""
    stated = statement_interval(qualifier, value, lower, upper)
    missing = [position for position, operand in enumerate(operands) if operand is None]
    if missing:
        return Evaluation("undecided", f"{kind}: side {', '.join(str(p + 1) for p in missing)} "
                                       "is not a figure of this dataset", stated)
    present = [operand for operand in operands if operand is not None]
    at_figures = combine(kind, [operand.figure for operand in present])
    admitted = combine(kind, [operand.support for operand in present])
    expression = _expression(kind, [operand.label for operand in present])
    if at_figures is None or admitted is None:
        return Evaluation("undecided", f"{expression}: divides by zero", stated)
    if not at_figures.meets(stated):
        return Evaluation("fails", f"{expression} = {at_figures} does not satisfy '{said}' "
                                   f"(which admits {stated})", stated, at_figures, admitted)
    if stated.contains(admitted):
        return Evaluation("holds", f"{expression} = {at_figures} satisfies '{said}' (which "
                                   f"admits {stated}) for every value the figures admit, "
                                   f"{admitted}",
                          stated, at_figures, admitted)
    return Evaluation("undecided", f"{expression} = {at_figures} satisfies '{said}' (which "
                                   f"admits {stated}) at the figures given, but their hedges "
                                   f"admit {admitted}, not all of which does", stated,
                      at_figures, admitted)
