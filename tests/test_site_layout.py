"""The cutting of a source text into runs and marks (claimset.release.site.layout)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimset.release.site.layout import (
    EXCLUSION,
    FIGURE,
    Close,
    Event,
    Mark,
    Open,
    Run,
    marks_of,
    text_events,
)

Rendered = tuple[str, list[tuple[Mark, str]], list[tuple[str, tuple[int, ...]]]]


def rendered(events: list[Event]) -> Rendered:
    """The text, each mark with the text inside it, and each run with its quotes."""
    text: list[str] = []
    stack: list[tuple[Mark, int]] = []
    marks: list[tuple[Mark, str]] = []
    runs: list[tuple[str, tuple[int, ...]]] = []
    for event in events:
        if isinstance(event, Run):
            text.append(event.text)
            runs.append((event.text, event.quotes))
        elif isinstance(event, Open):
            stack.append((event.mark, len("".join(text))))
        elif isinstance(event, Close):
            mark, start = stack.pop()
            assert mark is event.mark, "marks close in the order they opened"
            marks.append((mark, "".join(text)[start:]))
    assert not stack
    return "".join(text), marks, runs


CHARS = st.sampled_from(["a", " ", "1", ",", "\n", "😀", "𝟏", "e\u0301"[1], "é", "\u200d", "🇮"])


@st.composite
def texts_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]],
                                              list[tuple[int, int]]]:
    text = "".join(draw(st.lists(CHARS, min_size=1, max_size=40)))
    bounds = st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted).map(tuple)
    spans = st.lists(bounds.filter(lambda pair: pair[0] < pair[1]), max_size=6)
    return text, draw(spans), draw(spans), draw(spans)  # type: ignore[return-value]


@settings(max_examples=150, deadline=None)
@given(texts_and_spans())
def test_events_give_back_the_text_and_each_run_knows_its_quotes(
        case: tuple[str, list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]],
) -> None:
    text, quotes, figures, exclusions = case
    events = text_events(text, quotes=quotes, marks=marks_of(figures, exclusions))
    whole, marks, runs = rendered(events)
    assert whole == text
    position = 0
    for run_text, covering in runs:
        start, end = position, position + len(run_text)
        expected = tuple(number for number, (qs, qe) in enumerate(quotes)
                         if qs <= start and end <= qe)
        assert covering == expected
        # no quote boundary falls inside a run
        assert all(not (start < qs < end or start < qe < end) for qs, qe in quotes)
        position = end
    figure_spans = set(figures)
    assert {mark.claims for mark, _ in marks if mark.kind == FIGURE} <= {
        tuple(n for n, span in enumerate(figures) if span == wanted) for wanted in figure_spans}
    numbers = sorted(m.exclusion for m, _ in marks if m.kind == EXCLUSION)
    assert numbers == list(range(len(exclusions)))


@settings(max_examples=150, deadline=None)
@given(texts_and_spans())
def test_nested_or_disjoint_marks_hold_exactly_their_text(
        case: tuple[str, list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]],
) -> None:
    text, quotes, figures, _ = case
    # keep figures that nest or are disjoint with each other (what valid data gives)
    kept: list[tuple[int, int]] = []
    for start, end in figures:
        if all(end <= s or e <= start or (s <= start and end <= e) or (start <= s and e <= end)
               for s, e in kept):
            kept.append((start, end))
    _, marks, _ = rendered(text_events(text, quotes=quotes, marks=marks_of(kept, [])))
    assert len(marks) == len(set(kept))
    for mark, inside in marks:
        assert inside == text[mark.start:mark.end]
        assert (mark.start, mark.end) in kept


def test_astral_characters_and_combining_marks_do_not_shift_a_mark() -> None:
    text = "😀 e\u0301 𝟏𝟐 then 1,326 🇮🇶 people"
    start = text.index("1,326")
    events = text_events(text, quotes=[(text.index("then"), len(text))],
                         marks=marks_of([(start, start + 5)], []))
    _, marks, runs = rendered(events)
    assert [inside for _, inside in marks] == ["1,326"]
    assert "".join(run for run, quotes in runs if quotes) == text[text.index("then"):]


def test_a_partial_overlap_is_cut_to_nest_and_nothing_is_lost() -> None:
    text = "0123456789"
    events = text_events(text, quotes=[], marks=marks_of([(2, 6), (4, 8)], [(0, 3)]))
    whole, marks, _ = rendered(events)
    assert whole == text
    # (2, 6) starts inside the exclusion (0, 3) and ends after it: cut at 3
    assert sorted((m.start, m.end) for m, _ in marks) == [(0, 3), (2, 3), (4, 8)]


def test_claims_sharing_a_figure_share_one_mark() -> None:
    marks = marks_of([(1, 3), (1, 3), (5, 6)], [])
    assert [mark.claims for mark in marks] == [(0, 1), (2,)]


def test_spans_outside_the_text_are_clamped() -> None:
    events = text_events("abc", quotes=[(1, 99)], marks=marks_of([(2, 50)], []))
    whole, marks, runs = rendered(events)
    assert runs == [("a", ()), ("b", (0,)), ("c", (0,))]
    assert whole == "abc"
    assert [inside for _, inside in marks] == ["c"]
