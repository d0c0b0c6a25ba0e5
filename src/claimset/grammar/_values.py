"""The grammar's value objects: a run's Token, a Reading of its tokens, a Number, a Quantity.

One idiom for all of them, the house's (``Candidate`` too): frozen, slotted attrs
classes with no I/O.  The scan makes one ``Token`` per word or digit string of a
run, one ``Reading`` per number read and one ``Number`` and ``Quantity`` per
figure, so the grammar's own hot paths build them positionally
(``claimset.core.construct``: ``_token``, ``_reading``, ``_number``, ``_quantity``),
which stores the slots directly instead of through a keyword ``__init__``; the
object is the same frozen instance the keyword call would make.  Measured against
the named tuples and plain slotted classes these replace, extraction of prose
costs the same within the machine's noise (``docs/extractor.md``, "Speed").

The words a token can be (its ``Role``) and the forms a number can take (its
``Form``) are closed vocabularies, written once here as ``Literal`` types.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

import attrs

from claimset.core.construct import positional_constructor

__all__ = ["Form", "Number", "Quantity", "Reading", "Role", "Token", "to_python"]

#: What one token of a run is.  Digit strings: ``num`` (a number), ``fraction`` ("3/4",
#: "½"), ``ordnum`` ("82nd"), ``decade`` ("1940s").  Number words: ``unit`` (0-9),
#: ``teen``, ``tens``, ``hundred``, ``scale`` (a thousand and up), ``dozen``, ``vague``
#: (a plural scale: "thousands"), the ordinals ``ord_unit`` ... ``ord_scale``,
#: ``denominator`` ("fifths"), ``half`` ("half", "quarter"), ``mult`` ("double").
#: Connectors that only continue a number: ``and``, ``a``, ``of``, ``point``, ``over``,
#: ``out``, ``in``, ``every``, ``oh`` ("nineteen oh-one"); the vague counts ``several``,
#: ``few``, ``couple``; ``single`` ("a single").
Role = Literal[
    "num", "fraction", "ordnum", "decade",
    "unit", "teen", "tens", "hundred", "scale", "dozen", "vague",
    "ord_unit", "ord_teen", "ord_tens", "ord_hundred", "ord_scale", "denominator", "half",
    "mult", "and", "a", "of", "point", "over", "out", "in", "every", "several", "few",
    "couple", "oh", "single",
]

#: What a number read from a run is: a ``cardinal`` ("three hundred"), a ``fraction``
#: ("two-thirds", "2 1/4"), an ``ordinal``, a ``multiplier`` ("double"), a ``decade``
#: ("1940s"), a share (``ratio``: "one in five") or ``vague`` ("thousands": a lower bound).
Form = Literal["cardinal", "fraction", "ordinal", "multiplier", "decade", "ratio", "vague"]


@attrs.frozen
class Token:
    """One word or digit string of a run: ``text[start:end]``."""

    start: int
    end: int
    role: Role
    #: int when whole: int arithmetic is ten times faster than Fraction
    value: Fraction | int
    #: bare integer digits without separators or decimals ("2004")
    plain: bool = False
    #: a glued suffix scale ("10k": 1000)
    scale: int | None = None


@attrs.frozen
class Reading:
    """A number read from a run's tokens: its exact value and the tokens it took."""

    value: Fraction | int
    #: tokens consumed (the index after the last one)
    end_index: int
    form: Form = "cardinal"
    #: the last scale word's factor ("3.5 million" -> 1000000)
    scale: int | None = None
    #: written with number words (not only digits)
    words: bool = False
    #: bare integer digits without separators or decimals
    plain: bool = False


@attrs.frozen
class Number:
    """A bare number in the text: ``text[start:end]`` is its own words."""

    start: int
    end: int
    value: int | float
    form: Form
    #: the last scale word's factor ("3.5 million" -> 1000000), for ranges like "2 to 3 million"
    scale: int | None = None
    #: written with number words (not only digits)
    words: bool = False
    #: bare integer digits without separators or decimals ("2004", not "2,004")
    plain: bool = False

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@attrs.frozen
class Quantity:
    """A number with its currency, percent or multiplier words (``start:end`` covers them)."""

    start: int
    end: int
    value: int | float | None
    number: Number | None
    currency: str | None = None
    #: "percent" or "percentage points" when the number is a percentage
    percent: str | None = None
    multiplier: bool = False
    #: the unit of measure written with it, by its normalised name: a time unit the words
    #: state with no number of their own ("decades": at least two; "century-long": 100
    #: years)
    unit: str | None = None

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


# Positional constructors, every field in declaration order: the grammar's hot paths.
_token = positional_constructor(Token)
_reading = positional_constructor(Reading)
_number = positional_constructor(Number)
_quantity = positional_constructor(Quantity)


def to_python(value: Fraction | int) -> int | float:
    """Exact value to the plainest Python number: int when whole, else float."""
    if isinstance(value, int):
        return value
    if value.denominator == 1:
        return int(value.numerator)
    return float(value)
