"""Physical units: their dimensions and conversions, from pint's registry.

A claim's unit for a physical quantity is pint's canonical name of it, as the grammar
writes it (``kilometer``, ``mile / hour``, ``kilometer ** 2``, ``degree_Celsius``; see
docs/dataset.md).  Two such quantities of one dimension compare across units (930 miles
and 1,500 km); of two dimensions they never do (:class:`DimensionMismatch`).

pint is imported on the first conversion only, never by ``import claimset`` (its
registry takes a second to load): :func:`is_physical` and everything else here import it
when called, so a dataset with no physical unit never loads it.  Its bundled definitions
file is the only thing read.

Converting an interval converts both ends (temperatures with their offsets: 40 °C is
104 °F) and widens each by the conversion's own floating-point rounding, so exactly
equivalent figures (1 km and 1,000 m) always meet.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any

import attrs

from claimset.core.intervals import Interval

__all__ = ["DimensionMismatch", "convert", "dimension", "is_physical"]

#: How far a converted end may stray by floating-point rounding: a relative error well
#: above a double's (about 1e-16 per operation) and far below any figure's precision.
CONVERSION_ROUNDING = 1e-9

# A name as the grammar writes one: words of letters and underscores, joined by " / ",
# " * " or raised by " ** N".  Anything else (a counted noun, "percentage points") is no
# physical unit, and pint is not asked.
_NAME = re.compile(r"[A-Za-z_]+(?: \*\* [0-9]+)?(?: [/*] [A-Za-z_]+(?: \*\* [0-9]+)?)*")


@attrs.frozen
class DimensionMismatch(ValueError):
    """Two physical units of different dimensions: no conversion relates them."""

    first: str
    second: str
    first_dimension: str
    second_dimension: str

    def __str__(self) -> str:
        return (f"{self.first} measures {self.first_dimension}, {self.second} "
                f"{self.second_dimension}")


@functools.cache
def _registry() -> Any:
    import pint  # the only import of pint: see the module's docstring

    return pint.UnitRegistry()


@functools.lru_cache(maxsize=1024)
def is_physical(unit: str | None) -> bool:
    """Whether ``unit`` is a physical unit's canonical name (pint's, as the grammar writes
    it): ``kilometer`` is, ``troops``, ``years`` (a duration's plural) and ``USD`` are not."""
    if not isinstance(unit, str) or _NAME.fullmatch(unit) is None:
        return False
    registry = _registry()
    try:
        parsed = registry.Unit(unit)
    except Exception:  # pint's parse errors share no public base class
        return False
    information = unit.split(" ")[0].endswith(("bit", "byte"))
    return str(parsed) == unit and (not parsed.dimensionless or information)


def dimension(unit: str) -> str:
    """What ``unit`` measures, as pint writes it: ``[length]``, ``[mass] / [length] ** 3``."""
    return str(_registry().Unit(unit).dimensionality)


def convert(interval: Interval, source: str, target: str) -> Interval:
    """``interval`` in ``source`` units as an interval in ``target`` units, widened by the
    conversion's rounding; :class:`DimensionMismatch` if they measure different things."""
    if source == target:
        return interval
    registry = _registry()
    if registry.Unit(source).dimensionality != registry.Unit(target).dimensionality:
        raise DimensionMismatch(source, target, dimension(source), dimension(target))
    lower, upper = (_convert_end(registry, value, source, target)
                    for value in (interval.lower, interval.upper))
    return Interval(lower - _slack(lower), upper + _slack(upper), interval.lower_open,
                    interval.upper_open)


def _convert_end(registry: Any, value: float, source: str, target: str) -> float:
    if math.isinf(value):
        return value  # pint's units all grow the same way: -∞ stays -∞
    return float(registry.Quantity(value, source).to(target).magnitude)


def _slack(value: float) -> float:
    """How far a converted end may be off by the conversion's own rounding."""
    return 0.0 if math.isinf(value) else abs(value) * CONVERSION_ROUNDING
