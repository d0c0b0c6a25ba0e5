"""Whether claims of one quantity agree: the intervals they admit, compared.

Claims that measure the same thing, in the same place and period, share a
quantity key (``claim.quantity``).  Their sources agree when the intervals their
hedged figures admit overlap (:mod:`claimset.core.intervals`), and then jointly
support the overlap; they disagree when no value is admitted by all; they cannot
be compared when their units differ or their periods do not nest ("2003"
contains "2003-04"; "2006" and "2007" do not nest).

Physical units of one dimension are no difference: 930 miles and 1,500 km are compared
in the first claim's unit, each interval converted with the conversion's own rounding
(:mod:`claimset.core.units`, pint loaded only then); physical units of two dimensions
(a length and a mass) are refused, ``Verdict.mismatch == "dimension"`` (CS712).

Pure functions on plain values: the model (:meth:`Dataset.quantities`) and the
checker (CS710, CS711) both use them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

import attrs

from claimset.core.intervals import Interval
from claimset.core.units import DimensionMismatch, convert, is_physical
from claimset.core.vocabulary import Agreement

__all__ = ["Member", "Verdict", "corroborate", "period_days", "periods_nest"]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@attrs.frozen
class Member:
    """One claim of a quantity, reduced to what comparing needs."""

    claim_id: str
    source: str
    unit: str | None
    period: str | None
    admitted: Interval
    said: str


@attrs.frozen
class Verdict:
    """The quantity's agreement, the interval its claims jointly support (when they
    agree) and a sentence saying why."""

    agreement: Agreement
    reason: str
    joint: Interval | None = None
    #: the unit ``joint`` is in (the first claim's), when the claims' units differ
    unit: str | None = None
    #: why they cannot be compared: "unit" (a counted noun or a currency each), "dimension"
    #: (physical units that measure different things), "period"; None when they can
    mismatch: str | None = None


def _date_span(text: str) -> tuple[int, int] | None:
    match = _DATE.match(text)
    if match is None:
        return None
    year = int(match[1])
    try:
        if match[3] is not None:
            day = datetime.date(year, int(match[2]), int(match[3])).toordinal()
            return day, day
        if match[2] is not None:
            month = int(match[2])
            first = datetime.date(year, month, 1)
            following = datetime.date(year + month // 12, month % 12 + 1, 1)
            return first.toordinal(), following.toordinal() - 1
        return (datetime.date(year, 1, 1).toordinal(),
                datetime.date(year, 12, 31).toordinal())
    except ValueError:  # the schema's pattern admits 2007-02-31
        return None


def period_days(period: str) -> tuple[int, int] | None:
    """The first and last day (proleptic Gregorian ordinals) an ISO 8601 period covers:
    a year, a month, a day, or an interval of two of them; None if it is not one."""
    start_text, slash, end_text = period.partition("/")
    start = _date_span(start_text)
    end = _date_span(end_text) if slash else start
    if start is None or end is None or start[0] > end[1]:
        return None
    return start[0], end[1]


def periods_nest(first: str | None, second: str | None) -> bool:
    """One period lies within the other (an unknown period nests with any)."""
    if first is None or second is None or first == second:
        return True
    a, b = period_days(first), period_days(second)
    if a is None or b is None:
        return False
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def corroborate(members: Sequence[Member]) -> Verdict:
    """Agree (the admitted intervals overlap), disagree, or cannot be compared."""
    if len(members) < 2:
        return Verdict("single", "one claim: nothing to compare it with",
                       members[0].admitted if members else None)
    units = sorted({str(member.unit) for member in members})
    unit: str | None = None
    if len(units) > 1:
        if not all(is_physical(member.unit) for member in members):
            return Verdict("incomparable", f"different units: {', '.join(units)}",
                           mismatch="unit")
        unit = members[0].unit
        assert unit is not None
        try:
            members = [attrs.evolve(member, unit=unit, admitted=convert(
                member.admitted, str(member.unit), unit)) for member in members]
        except DimensionMismatch as mismatch:
            return Verdict("incomparable", f"different dimensions: {mismatch}",
                           mismatch="dimension")
    for position, member in enumerate(members):
        for other in members[position + 1:]:
            if not periods_nest(member.period, other.period):
                return Verdict("incomparable", f"different periods: {member.claim_id} is "
                                               f"{member.period}, {other.claim_id} {other.period}",
                               mismatch="period")
    joint = members[0].admitted
    for member in members[1:]:
        joint = joint.intersection(member.admitted)
    if joint.is_empty:
        # Name the first pair that does not overlap: the reader's place to start.
        for position, member in enumerate(members):
            for other in members[position + 1:]:
                if not member.admitted.meets(other.admitted):
                    return Verdict(
                        "disagree", f"{member.claim_id} says {member.said} "
                                    f"({member.admitted}{_in(unit)}), {other.claim_id} says "
                                    f"{other.said} ({other.admitted}{_in(unit)}): no value fits "
                                    "both", unit=unit)
        return Verdict("disagree", "no value fits every claim", unit=unit)
    return Verdict("agree", f"{len(members)} claims from "
                            f"{len({m.source for m in members})} source(s) overlap in {joint}"
                            f"{_in(unit)}", joint, unit)


def _in(unit: str | None) -> str:
    return "" if unit is None else f" {unit}"
