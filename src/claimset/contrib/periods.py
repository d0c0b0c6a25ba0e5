"""When a figure applies: the dates and relative time words of its sentence, resolved.

The draft of a claim's ``period`` (ISO 8601: ``2007``, ``2007-01``, ``2004-04/2005-03``),
resolved the way Duckling and Recognizers-Text resolve time expressions against a
*reference time*, here the source's ``published`` date:

* dates and years the number grammar reads in the sentence ("in 2006", "in April 2003",
  "30 January 2008"), and ranges of two ("between April 2004 and March 2005", "from 2004
  to 2006");
* words that point at the reference time: "last year" (the year before it), "this
  year", "next year", "last month"; a month with one of them ("In January last year");
* "over the last five months", "in the past two years": the N units up to the
  reference, each end at the unit's precision (the start rounded to the nearest
  boundary: five months before 30 January 2008 is 2007-09/2008-01, five years is
  2003/2008);
* "since March 2003": from that date to the reference;
* a month alone ("By December") in the year the sentence before names, as a reader
  follows a narrative (never resolved against the reference alone: "in April" in a
  2008 text may be any April);
* a stock stated now ("There are now three...", "Two million people have gone abroad",
  "so far"): the reference's month.

Anything else is left empty (None): a wrong period costs more than none, because a
reviewer may accept it.  Words that date only in relation to another event ("the
previous year", "twelve years later", "the first two years of the occupation") are
not resolved.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from claimset.core.meaning import MONTH_NAMES
from claimset.grammar.conditionals import conditional_reading
from claimset.grammar.tense import names_a_time, present_perfect_in_clause

__all__ = ["Figures", "PeriodReading", "Reference", "TimeExpression", "as_figures",
           "draft_period", "figures_between", "period_reading", "reference_of",
           "time_expressions"]

MONTHS = tuple(month.casefold() for month in MONTH_NAMES)
_MONTH = "(?:" + "|".join(MONTH_NAMES) + ")"
_UNITS = {"year": "year", "years": "year", "month": "month", "months": "month"}

#: "last year", "this month", "next year": the unit around the reference time.
_DEICTIC = re.compile(r"\b(?P<which>last|this|next)[ \t]+(?P<unit>year|month)\b(?!['’]s\b)",
                      re.IGNORECASE)
#: "In January last year", "in March this year".
_MONTH_DEICTIC = re.compile(r"\b(?P<month>" + _MONTH + r")[ \t,]+(?:of[ \t]+)?(?P<which>last|"
                            r"this|next)[ \t]+year\b")
#: "over the last five months", "in the past two years", "during the last 18 months".
_LAST_N = re.compile(r"\b(?:over|in|during|for|throughout)[ \t]+the[ \t]+(?:last|past)[ \t]+$",
                     re.IGNORECASE)
#: "since March 2003", "since 2004": from then to the reference.
_SINCE = re.compile(r"\bsince[ \t]+(?:(?:the|its|their)[ \t]+[\w-]+[ \t]+(?:of|in)[ \t]+)?$",
                    re.IGNORECASE)
#: "between A and B", "from A to B": the words before A, and between A and B.
_RANGE_OPEN = re.compile(r"\b(?P<word>between|from)[ \t]+$", re.IGNORECASE)
_RANGE_JOIN = {"between": re.compile(r"^[ \t]+and[ \t]+$", re.IGNORECASE),
               "from": re.compile(r"^[ \t]+(?:to|until|till|through)[ \t]+$", re.IGNORECASE)}
#: A month alone, after a preposition ("By December", "in January").
_BARE_MONTH = re.compile(r"\b(?:[Ii]n|[Bb]y|[Dd]uring|[Uu]ntil|[Ss]ince|[Tt]hrough|[Ff]rom|"
                         r"[Oo]f|[Ii]n[ \t]+early|[Ii]n[ \t]+late|[Ii]n[ \t]+mid-?)[ \t]+"
                         r"(?P<month>" + _MONTH + r")\b(?![ \t,]+(?:[0-9]|last|this|next))")
#: "since" in a sentence: a present perfect counts from a time it names, which the dates
#: of the sentence resolve ("since March 2021") or nothing does.
_SINCE_WORD = re.compile(r"\bsince\b", re.IGNORECASE)
#: Words that state a figure as it stands at the time of writing.
_NOW = re.compile(r"\b(?:now|so far|currently|today|at present|to date|as of now|these days)\b",
                  re.IGNORECASE)
#: A present perfect right after the figure's noun phrase: "people have gone", "book has
#: been written", "A million and a half have been displaced".
_PERFECT_AFTER = re.compile(r"^(?:[ \t]+(?!(?:would|could|should|might|must|may|will|shall|"
                            r"can|to)\b)[a-z][\w'’-]*){0,4}?[ \t]+(?:have|has)[ \t]+"
                            r"(?:been[ \t]+|now[ \t]+|already[ \t]+|all[ \t]+)*[a-z]+(?:ed|en|wn|"
                            r"ne|ght|un|t)\b")


@attrs.frozen
class Reference:
    """The time a text's relative words point at: its publication date, as precise as
    it is known."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def text(self) -> str:
        """The reference as ISO 8601, as precise as it is known ("2008-01-30", "2008")."""
        return "-".join([f"{self.year:04d}", *(f"{part:02d}" for part in (self.month, self.day)
                                               if part is not None)])

    @property
    def month_text(self) -> str | None:
        return f"{self.year:04d}-{self.month:02d}" if self.month is not None else None

    def instant(self) -> dt.date:
        """The reference as a day (the middle of a month or year whose day is unknown)."""
        return dt.date(self.year, self.month or 7, self.day or (15 if self.month else 1))


def reference_of(published: str | None) -> Reference | None:
    """The reference time of a source's ``published`` (``2008-01-30``, ``2008-01``,
    ``2008``), or None."""
    if not isinstance(published, str):
        return None
    match = re.fullmatch(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", published)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return Reference(year=year, month=month, day=day)


@attrs.frozen
class Figures:
    """A text's figures (sorted by start, as the grammar gives them) and their starts, so
    that the figures of a span are found by bisection: a text's figures are looked at once,
    not once per figure, and a number-dense text stays linear."""

    candidates: Sequence[Any]
    starts: Sequence[int]

    @classmethod
    def of(cls, candidates: Sequence[Any] | Figures) -> Figures:
        if isinstance(candidates, Figures):
            return candidates
        ordered = sorted(candidates, key=lambda candidate: candidate.start)
        return cls(candidates=ordered, starts=[candidate.start for candidate in ordered])

    def __iter__(self) -> Iterator[Any]:
        return iter(self.candidates)

    def __len__(self) -> int:
        return len(self.candidates)

    def between(self, start: int, end: int) -> Sequence[Any]:
        """The figures that lie in ``start..end``."""
        low = bisect.bisect_left(self.starts, start)
        high = bisect.bisect_left(self.starts, end)
        return [candidate for candidate in self.candidates[low:high] if candidate.end <= end]


def as_figures(candidates: Sequence[Any] | Figures) -> Figures:
    """``candidates`` as :class:`Figures` (a converter for attrs fields)."""
    return Figures.of(candidates)


def figures_between(candidates: Sequence[Any] | Figures, start: int,
                    end: int) -> Sequence[Any]:
    """The figures of ``candidates`` that lie in ``start..end``."""
    return Figures.of(candidates).between(start, end)


@attrs.frozen
class TimeExpression:
    """Words that say when (``text[start:end]``), resolved to an ISO 8601 period."""

    start: int
    end: int
    period: str
    kind: str  # "date", "range", "deictic", "last", "since", "month", "now"


def _iso(candidate: Any) -> str | None:
    """The ISO date of a date or year the grammar read (None for "June 30" with no year)."""
    if candidate.kind == "year" and candidate.unit is None:
        if candidate.value is not None:
            return f"{int(candidate.value):04d}"
        if candidate.lower is not None and candidate.upper is not None:
            return f"{int(candidate.lower):04d}/{int(candidate.upper):04d}"
        return None
    unit = candidate.unit
    if candidate.kind == "date" and isinstance(unit, str) and re.fullmatch(
            r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?", unit):
        return unit
    return None


def _month_before(year: int, month: int, back: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - back
    return index // 12, index % 12 + 1


def _last_n(amount: float, unit: str, reference: Reference) -> str | None:
    """The ``amount`` units up to the reference, the start rounded to the nearest
    boundary of the unit."""
    if amount != int(amount) or not 1 <= amount <= 200:
        return None
    count = int(amount)
    if unit == "year":
        instant = reference.instant()
        start = instant.replace(year=instant.year - count) if not (
            instant.month == 2 and instant.day == 29) else dt.date(instant.year - count, 3, 1)
        year = start.year + (1 if start.timetuple().tm_yday > 183 else 0)
        return f"{year:04d}/{reference.year:04d}"
    if reference.month is None:
        return None
    day = reference.day or 15
    start_year, start_month = _month_before(reference.year, reference.month, count)
    if day > 15:  # the start falls in the second half of its month: the next boundary
        start_year, start_month = _month_before(start_year, start_month, -1)
    return f"{start_year:04d}-{start_month:02d}/{reference.month_text}"


def time_expressions(text: str, start: int, end: int, *, candidates: Sequence[Any] | Figures,
                     reference: Reference | None, anchor_year: int | None = None,
                     ) -> list[TimeExpression]:
    """Every resolvable expression of time in ``text[start:end]``, in text order.

    ``candidates`` are the number grammar's figures of the text, sorted by start (those
    outside the span are passed over); ``anchor_year`` is the year the text before names
    (a month alone is resolved in it).
    """
    inside = figures_between(candidates, start, end)
    found: list[TimeExpression] = []
    used: set[int] = set()
    for position, candidate in enumerate(inside):
        if id(candidate) in used:
            continue
        iso = _iso(candidate)
        before = text[max(start, candidate.start - 60):candidate.start]
        if candidate.kind == "duration" and reference is not None and \
                _LAST_N.search(before) and candidate.value is not None:
            unit = _UNITS.get(str(candidate.unit))
            period = _last_n(candidate.value, unit, reference) if unit else None
            if period is not None:
                low = candidate.start - len(_LAST_N.search(before).group())  # type: ignore[union-attr]
                found.append(TimeExpression(low, candidate.end, period, "last"))
            continue
        if iso is None:
            continue
        opened = _RANGE_OPEN.search(before)
        if opened is not None and position + 1 < len(inside):
            following = inside[position + 1]
            other = _iso(following)
            join = _RANGE_JOIN[opened["word"].lower()]
            if other is not None and join.match(text[candidate.end:following.start]) and \
                    "/" not in iso + other:
                used.add(id(following))
                found.append(TimeExpression(candidate.start - len(opened.group()),
                                            following.end, f"{iso}/{other}", "range"))
                continue
        since = _SINCE.search(before)
        if since is not None and reference is not None and "/" not in iso:
            end_text = reference.month_text if "-" in iso and reference.month else \
                f"{reference.year:04d}"
            if end_text is not None and end_text > iso:
                found.append(TimeExpression(candidate.start - len(since.group()), candidate.end,
                                            f"{iso}/{end_text}", "since"))
                continue
        found.append(TimeExpression(candidate.start, candidate.end, iso, "date"))
    if reference is not None:
        found.extend(_deictic(text, start, end, reference))
    found.extend(_bare_months(text, start, end, anchor_year, found, reference))
    found.sort(key=lambda item: (item.start, item.end))
    return found


def _deictic(text: str, start: int, end: int, reference: Reference) -> list[TimeExpression]:
    found = []
    covered: list[tuple[int, int]] = []
    for match in _MONTH_DEICTIC.finditer(text, start, end):
        shift = {"last": -1, "this": 0, "next": 1}[match["which"].lower()]
        month = MONTHS.index(match["month"].lower()) + 1
        found.append(TimeExpression(match.start(), match.end(),
                                    f"{reference.year + shift:04d}-{month:02d}", "deictic"))
        covered.append(match.span())
    for match in _DEICTIC.finditer(text, start, end):
        if any(low <= match.start() and match.end() <= high for low, high in covered):
            continue
        shift = {"last": -1, "this": 0, "next": 1}[match["which"].lower()]
        if match["unit"].lower() == "year":
            period = f"{reference.year + shift:04d}"
        elif reference.month is not None:
            year, month = _month_before(reference.year, reference.month, -shift)
            period = f"{year:04d}-{month:02d}"
        else:
            continue
        found.append(TimeExpression(match.start(), match.end(), period, "deictic"))
    return found


def _bare_months(text: str, start: int, end: int, anchor_year: int | None,
                 found: Sequence[TimeExpression],
                 reference: Reference | None = None) -> list[TimeExpression]:
    if anchor_year is None:
        return []
    months = []
    for match in _BARE_MONTH.finditer(text, start, end):
        low, high = match.span("month")
        if any(item.start <= low and high <= item.end for item in found):
            continue
        month = MONTHS.index(match["month"].lower()) + 1
        year = anchor_year
        if reference is not None and reference.month is not None and \
                (year, month) > (reference.year, reference.month):
            year -= 1  # a text reports what has happened: not a month still to come
        months.append(TimeExpression(low, high, f"{year:04d}-{month:02d}", "month"))
    return months


def _year_of(period: str) -> int:
    return int(period.rpartition("/")[2][:4])


def anchor_year_of(expressions: Sequence[TimeExpression]) -> int | None:
    """The year a sentence's time expressions settle on (the last one's), for a month
    alone in the next sentence; None when they name none."""
    return _year_of(expressions[-1].period) if expressions else None


#: How far back in its paragraph a month alone looks for its year.
ANCHOR_REACH = 1500


def narrative_before(text: str, start: int) -> tuple[int, int]:
    """The text of the paragraph before ``start`` (at most :data:`ANCHOR_REACH` code
    points): where a reader finds the year a month alone belongs to."""
    low = max(0, start - ANCHOR_REACH)
    paragraph = text.rfind("\n\n", low, start)
    return (paragraph + 2 if paragraph >= 0 else low, start)


@attrs.frozen
class PeriodReading:
    """A drafted period and, when the text does not write it but the reader works it out
    from the text's date ("last year", "over the last five months", "now", a month
    alone in the year its paragraph names), the words it was worked out from."""

    period: str | None
    #: How the period was worked out, for a reviewer ("'last year' in a text of
    #: 2008-01-30"); None when the text writes it.
    why: str | None = None


#: Kinds of time expression resolved against the reference or the paragraph's year.
_RELATIVE_KINDS = frozenset({"deictic", "last", "since", "month"})


def period_reading(text: str, figure: tuple[int, int], sentence: tuple[int, int], *,
                   candidates: Sequence[Any] | Figures, reference: Reference | None,
                   scope: tuple[int, int] | None = None) -> PeriodReading:
    """The period of the figure at ``figure`` in ``sentence`` (both ``(start, end)``),
    None when the text does not say it plainly, and the words it was worked out from.

    A month alone takes the last year named before it in its paragraph.  ``scope`` is
    what a reporting frame that governs the figure reports: a date outside it dates the
    report ("it was not until December 2006 that the report mentioned ... 61%"), not the
    figure, and is not used.
    """
    candidates = Figures.of(candidates)
    anchor = anchor_year_of(time_expressions(text, *narrative_before(text, sentence[0]),
                                             candidates=candidates, reference=reference))
    expressions = [item for item in time_expressions(
        text, *sentence, candidates=candidates, reference=reference, anchor_year=anchor)
        if not (item.start <= figure[0] and figure[1] <= item.end)
        and (scope is None or (scope[0] <= item.start and item.end <= scope[1]))]
    if expressions:
        periods = {item.period for item in expressions}
        period = periods.pop() if len(periods) == 1 else _nearest(expressions, figure)
        used = [item for item in expressions if item.period == period]
        relative = next((item for item in used if item.kind in _RELATIVE_KINDS), None)
        if relative is None or any(item.kind not in _RELATIVE_KINDS for item in used):
            return PeriodReading(period)
        words = " ".join(text[relative.start:relative.end].split())
        if relative.kind == "month":
            return PeriodReading(period, f"'{words}' in the year its paragraph names before it")
        assert reference is not None  # the other relative kinds need one
        return PeriodReading(period, f"'{words}' in a text of {reference.text}")
    if reference is not None and reference.month is not None:
        now = _states_now(text, figure, sentence)
        if now is not None:
            return PeriodReading(reference.month_text, f"{now} in a text of {reference.text}")
    return PeriodReading(None)


def draft_period(text: str, figure: tuple[int, int], sentence: tuple[int, int], *,
                 candidates: Sequence[Any] | Figures, reference: Reference | None,
                 scope: tuple[int, int] | None = None) -> str | None:
    """The period :func:`period_reading` drafts, or None."""
    return period_reading(text, figure, sentence, candidates=candidates,
                          reference=reference, scope=scope).period


def _nearest(expressions: Sequence[TimeExpression], figure: tuple[int, int]) -> str | None:
    """Of several different periods, the one nearest the figure before it (a sentence's
    dates are written before what they date), when it stands clearly nearer."""
    before = [item for item in expressions if item.end <= figure[0]]
    if not before:
        return None
    return before[-1].period


def _states_now(text: str, figure: tuple[int, int], sentence: tuple[int, int]) -> str | None:
    """How the sentence states the figure as it stands at the time of writing (its
    words), or None: "now", "so far", a present perfect right after the figure's noun
    phrase, or one in the figure's clause ("Iraq's neighbours have held several rounds of
    talks") when the sentence names no time of its own
    (:func:`claimset.grammar.tense.names_a_time`: "at the time", "before he was killed")
    and no modal or condition governs the figure."""
    start, end = sentence
    now = _NOW.search(text, start, end)
    if now is not None:
        return f"'{now.group()}'"
    if _SINCE_WORD.search(text, start, end):
        return None  # "have returned since the offensive began": from when?
    if _PERFECT_AFTER.match(text[figure[1]:end]) is not None:
        return "a present perfect"
    if present_perfect_in_clause(text, *figure) and not (
            names_a_time(text, start, figure[0]) or names_a_time(text, figure[1], end)) and \
            conditional_reading(text, *figure) is None:
        return "a present perfect"
    return None
