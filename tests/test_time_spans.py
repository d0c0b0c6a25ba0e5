"""Time units that state a duration with no number of their own (issue 24).

"decades" and "centuries" alone are at least two of the unit, as "dozens" is at least
two dozen; "century-long" is a duration of 100 years, "decade-old" 10 years, "year-long"
one year; "decades-long" at least two decades; "three-decade-long" three decades.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimset import extract, read_figure


def _read(text: str) -> list[tuple[str, object, str, str | None, str]]:
    return [(c.text, c.value, c.kind, c.unit, c.qualifier) for c in extract(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("There's been a century-long history of Anglo-American intervention.",
     [("century-long", 100, "duration", "years", "exact")]),
    ("our Army cannot easily transform itself after decades of avoiding those missions.",
     [("decades", 2, "duration", "decades", "at least")]),
    ("Centuries of rule ended.", [("Centuries", 2, "duration", "centuries", "at least")]),
    ("The feud had gone on for decades.", [("decades", 2, "duration", "decades", "at least")]),
    ("a decade-long war", [("decade-long", 10, "duration", "years", "exact")]),
    ("a decade-old law", [("decade-old", 10, "duration", "years", "exact")]),
    ("a year-long siege", [("year-long", 1, "duration", "years", "exact")]),
    ("a month-long strike", [("month-long", 1, "duration", "months", "exact")]),
    ("a decades-long conflict", [("decades-long", 2, "duration", "decades", "at least")]),
    ("centuries-old buildings", [("centuries-old", 2, "duration", "centuries", "at least")]),
    ("a three-decade-long war", [("three-decade-long", 3, "duration", "decades", "exact")]),
    ("a 30-year-long feud", [("30-year-long", 30, "duration", "years", "exact")]),
    # a number before the unit keeps the reading it had: the unit is the number's
    ("two decades of war", [("two decades", 2, "duration", "decades", "exact")]),
    ("several decades later", [("several decades", 3, "duration", "decades", "at least")]),
    ("a few decades ago", [("a few decades", 2, "duration", "decades", "at least")]),
    ("two to three decades", [("two to three decades", None, "duration", "decades", "range")]),
])
def test_time_units_without_a_number_read_as_durations(text: str, expected: list) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize("text", [
    "the decades after the war",  # a period named, not an amount
    "Those centuries were hard.",
    "in recent years",  # "years", "months" alone are not read
    "for months the talks went nowhere",
    "a long-decayed building",
    "the decadeslong quarrel",  # no hyphen: no compound
    "a long-term plan",
])
def test_not_every_time_word_is_a_span(text: str) -> None:
    assert extract(text) == []


def test_a_century_is_still_one_century() -> None:
    assert _read("a century ago") == [("a century", 1, "duration", "centuries", "exact")]


_SINGULAR = {"century": (100, "years"), "decade": (10, "years"), "year": (1, "years"),
             "month": (1, "months"), "week": (1, "weeks"), "day": (1, "days"),
             "hour": (1, "hours"), "minute": (1, "minutes")}


@given(unit=st.sampled_from(sorted(_SINGULAR)), suffix=st.sampled_from(["long", "old"]),
       case=st.sampled_from([str.lower, str.capitalize]),
       before=st.sampled_from(["It was a ", "After a ", "A ", "the "]),
       after=st.sampled_from([" war.", " siege", ", and then", ""]))
def test_a_unit_as_a_compound_adjective_is_one_span(unit: str, suffix: str, case: object,
                                                     before: str, after: str) -> None:
    word = case(f"{unit}-{suffix}")  # type: ignore[operator]
    text = before + word + after
    value, name = _SINGULAR[unit]
    found = [c for c in extract(text) if c.kind == "duration"]
    assert [(c.text, c.value, c.unit) for c in found] == [(word, value, name)]
    figure = read_figure(word)
    assert figure is not None and (figure.value, figure.unit) == (value, name)


@given(plural=st.sampled_from(["decades", "centuries"]),
       before=st.sampled_from(["for ", "after ", "It took ", "in ", "", "many "]),
       after=st.sampled_from([" of neglect", " ago.", "-long", "-old", ".", ""]))
def test_the_vague_plurals_are_at_least_two(plural: str, before: str, after: str) -> None:
    text = before + plural + after
    found = [c for c in extract(text) if c.kind == "duration"]
    assert len(found) == 1
    assert (found[0].value, found[0].unit, found[0].qualifier) == (2, plural, "at least")
    assert read_figure(found[0].text) == found[0].__class__(
        start=0, end=len(found[0].text), text=found[0].text, value=2, kind="duration",
        unit=plural, qualifier="at least")


@given(number=st.sampled_from(["two", "three", "2", "10", "several", "a few"]),
       plural=st.sampled_from(["decades", "centuries"]))
def test_a_number_before_the_plural_is_its_count(number: str, plural: str) -> None:
    found = extract(f"It lasted {number} {plural}.")
    assert len(found) == 1 and found[0].text == f"{number} {plural}" and found[0].unit == plural
