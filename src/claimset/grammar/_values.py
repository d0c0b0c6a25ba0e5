"""What the number grammar hands out: a Number and a Quantity, as named tuples.

One representation, inside claimset and out: the scan reads every number and
quantity of a text, and the extractor reads them all only to make its own
figures, so a type that costs a microsecond to build (a frozen attrs class)
would be a tenth of extraction.  Named tuples are as cheap as tuples, immutable,
and have named fields.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple


class Number(NamedTuple):
    """A bare number in the text: ``text[start:end]`` is its own words."""

    start: int
    end: int
    value: int | float
    #: cardinal, fraction, ordinal, multiplier, decade, vague ("thousands": a lower bound)
    form: str
    #: the last scale word's factor ("3.5 million" -> 1000000), for ranges like "2 to 3 million"
    scale: int | None = None
    #: written with number words (not only digits)
    words: bool = False
    #: bare integer digits without separators or decimals ("2004", not "2,004")
    plain: bool = False

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


class Quantity(NamedTuple):
    """A number with its currency, percent or multiplier words (``start:end`` covers them)."""

    start: int
    end: int
    value: int | float | None
    number: Number | None
    currency: str | None = None
    #: "percent" or "percentage points" when the number is a percentage
    percent: str | None = None
    multiplier: bool = False

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


def to_python(value: Fraction | int) -> int | float:
    """Exact value to the plainest Python number: int when whole, else float."""
    if isinstance(value, int):
        return value
    if value.denominator == 1:
        return int(value.numerator)
    return float(value)
