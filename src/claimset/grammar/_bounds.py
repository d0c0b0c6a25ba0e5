"""Two bounds that make one range: "more than 10 and less than 20"; "over" a duration as a bound.

A stage over the extractor's stream of figures: a figure with a bound before it
("more than 10") is held back one figure, and if the next is the other bound,
joined to it by "and" or "but" alone, the two become one range whose text covers
both bounds.  It holds at most one figure, so the stream stays flat in memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimset.core.vocabulary import LOWER_BOUND_QUALIFIERS, UPPER_BOUND_QUALIFIERS
from claimset.grammar import _lexicon as lex
from claimset.grammar._candidate import Candidate, _candidate
from claimset.grammar._words import phrases

__all__ = ["duration_bound", "two_sided_joined"]


# "over 60 years old", "under five years of age", "over 200 years ago": an age or a time
# back, which "over" bounds; "in over 30 years", "for over a decade", "with over 10 years
# of experience": after a preposition "over" cannot be one itself.
_AGE_OR_AGO_AFTER = re.compile(
    r"[ \t]+(?:" + phrases(lex.AGE_OR_AGO_AFTER) + r")(?![\w-])", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(
    r"(?<![\w'’])(?:" + phrases(lex.PREPOSITIONS_BEFORE_BOUND) + r")[ \t]+$", re.IGNORECASE)


def duration_bound(text: str, qualifier_start: int, end: int) -> bool:
    """Whether "over"/"under"/"above"/"below" before a duration is a bound, not a
    preposition: before an age or "ago", or after a preposition."""
    return text[end - 3:end].lower() == "old" or text[end - 4:end].lower() == "olds" or \
        _AGE_OR_AGO_AFTER.match(text, end) is not None or \
        _PREPOSITION_BEFORE.search(text, max(0, qualifier_start - 8), qualifier_start) is not None


def two_sided_joined(text: str, figures: Iterator[Candidate]) -> Iterator[Candidate]:
    """``figures``, with a bound held back one figure to see if the next closes a range."""
    held: Candidate | None = None
    for candidate in figures:
        if held is not None:
            both = _two_sided(text, held, candidate) \
                if candidate.qualifier_span is not None else None
            yield held if both is None else both
            held = None
            if both is not None:
                continue
        if candidate.qualifier_span is not None and candidate.qualifier in _BOUNDS:
            held = candidate
        else:
            yield candidate
    if held is not None:
        yield held


_LOWER_BOUNDS: frozenset[str] = LOWER_BOUND_QUALIFIERS
# "nearly 20" is at most 20 but says it is close to it: no range's top
_UPPER_BOUNDS: frozenset[str] = UPPER_BOUND_QUALIFIERS - {"nearly"}
_BOUNDS = _LOWER_BOUNDS | _UPPER_BOUNDS
_BOUND_JOIN = re.compile(r",?[ \t]+(?:and|but)[ \t]+$", re.IGNORECASE)


def _two_sided(text: str, left: Candidate, right: Candidate) -> Candidate | None:
    """ "more than 10 and less than 20", "above 1,000 but below 1,500": one range.

    Both bounds are written before their numbers and joined by "and" or "but"
    alone, so "more than 40 killed and fewer than 10 hurt" stays two figures."""
    assert left.qualifier_span is not None and right.qualifier_span is not None
    if left.qualifier_span[0] >= left.start or right.qualifier_span[0] < left.end:
        return None  # a bound after its figure ("500 or more") does not open a range
    pair = {left.qualifier, right.qualifier}
    if not (pair & _LOWER_BOUNDS and pair & _UPPER_BOUNDS):
        return None
    join = _BOUND_JOIN.search(text, left.end, right.qualifier_span[0])
    if join is None or join.start() != left.end:
        return None
    if left.kind != right.kind and not (left.kind == "count" and left.unit is None):
        return None
    if left.kind == right.kind and left.unit is not None and right.unit is not None and \
            left.unit != right.unit:
        return None
    if left.value is None or right.value is None:
        return None
    lower, upper = (left.value, right.value) if left.qualifier in _LOWER_BOUNDS \
        else (right.value, left.value)
    if lower >= upper:
        return None
    start = left.qualifier_span[0]
    return _candidate(start, right.end, text[start:right.end], None, right.kind,
                      right.unit or left.unit, "range", lower, upper, None)
