"""A source text cut into the runs a page shows: quotes, figures and exclusions.

Pure and HTML-free: :func:`text_events` turns code-point spans into a flat
stream of events (open a mark, a run of text, close a mark) that a template
walks with a plain loop, so the text is escaped by the template engine and no
markup is ever built by string concatenation.

Figures and exclusions are *marks*: elements whose text is exactly the span's.
Marks nest when their spans nest (a range figure holding another claim's
bound); a mark that only partly overlaps an open one is cut at that one's end,
the one case (which the checker's coverage rules already make odd) where a
mark's text is shorter than its span.  Quotes may overlap freely (two claims in
one sentence): they are never elements of their own, but classes on each run
of text, so overlapping quotes need no overlapping elements.  Offsets are code
points (Python ``str`` indices), so astral characters and combining marks never
shift a highlight: the browser receives the very characters between the offsets.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import attrs

FIGURE = "figure"
EXCLUSION = "exclusion"


@attrs.frozen(kw_only=True)
class Mark:
    """A figure (of one or more claims with the same span) or an exclusion."""

    kind: str
    start: int
    end: int
    #: Page-local numbers of the claims whose figure this is (empty for an exclusion).
    claims: tuple[int, ...] = ()
    #: Page-local number of the exclusion (None for a figure).
    exclusion: int | None = None


@attrs.frozen(kw_only=True)
class Run:
    """Text between two boundaries, with the claims whose quotes cover it."""

    text: str
    quotes: tuple[int, ...]


@attrs.frozen(kw_only=True)
class Open:
    mark: Mark


@attrs.frozen(kw_only=True)
class Close:
    mark: Mark


Event = Open | Run | Close


def marks_of(figures: Sequence[tuple[int, int]],
             exclusions: Sequence[tuple[int, int]]) -> list[Mark]:
    """One mark per distinct figure span (claims sharing a span share it) and per exclusion."""
    by_span: dict[tuple[int, int], list[int]] = {}
    for number, span in enumerate(figures):
        by_span.setdefault(span, []).append(number)
    marks = [Mark(kind=FIGURE, start=start, end=end, claims=tuple(numbers))
             for (start, end), numbers in by_span.items()]
    marks += [Mark(kind=EXCLUSION, start=start, end=end, exclusion=number)
              for number, (start, end) in enumerate(exclusions)]
    return marks


def _nested(marks: list[Mark], length: int) -> list[Mark]:
    """The marks, clamped to the text, outermost first, cut so that they nest."""
    kept: list[Mark] = []
    stack: list[Mark] = []
    ordered = sorted(marks, key=lambda mark: (mark.start, -mark.end, mark.kind != FIGURE))
    for mark in ordered:
        start, end = max(0, mark.start), min(length, mark.end)
        if start >= end:
            continue
        while stack and stack[-1].end <= start:
            stack.pop()
        if stack and end > stack[-1].end:
            end = stack[-1].end  # partial overlap: keep the mark inside the open one
        mark = attrs.evolve(mark, start=start, end=end)
        kept.append(mark)
        stack.append(mark)
    return kept


def text_events(text: str, *, quotes: Sequence[tuple[int, int]],
                marks: Sequence[Mark]) -> list[Event]:
    """The events that render ``text`` with its quotes (by claim number) and marks.

    Concatenating the ``Run`` texts gives back ``text`` exactly; each ``Open`` is
    matched by a ``Close`` in properly nested order.
    """
    length = len(text)
    nested = _nested(list(marks), length)
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, int] = {}
    for mark in nested:
        starts.setdefault(mark.start, []).append(mark)
        ends[mark.end] = ends.get(mark.end, 0) + 1
    quote_starts: dict[int, list[int]] = {}
    quote_ends: dict[int, list[int]] = {}
    for number, (start, end) in enumerate(quotes):
        start, end = max(0, start), min(length, end)
        if start < end:
            quote_starts.setdefault(start, []).append(number)
            quote_ends.setdefault(end, []).append(number)
    cuts = sorted({0, length, *starts, *ends, *quote_starts, *quote_ends})
    events: list[Event] = []
    stack: list[Mark] = []
    active: set[int] = set()
    covering: tuple[int, ...] = ()
    for here, after in itertools.pairwise(cuts):
        while stack and stack[-1].end == here:
            events.append(Close(mark=stack.pop()))
        changed = False
        for number in quote_ends.get(here, ()):
            active.discard(number)
            changed = True
        for number in quote_starts.get(here, ()):
            active.add(number)
            changed = True
        if changed:
            covering = tuple(sorted(active))
        for mark in starts.get(here, ()):
            events.append(Open(mark=mark))
            stack.append(mark)
        events.append(Run(text=text[here:after], quotes=covering))
    while stack:
        events.append(Close(mark=stack.pop()))
    return events
