"""More forms from the open world (issue 13, second pass): one rule of the grammar per test.

Found by scoring other parsers' public test suites (``benchmarks/peers.py``);
each rule is tested here with made-up sentences, never the suites' own.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimset.grammar.extract import Candidate, extract, read_figure


def figures(text: str) -> list[tuple[str, object, str, str | None, str]]:
    return [(c.text, c.value if c.value is not None else (c.lower, c.upper), c.kind, c.unit,
             c.qualifier) for c in extract(text)]


def one(text: str) -> Candidate:
    found = extract(text)
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- bounds after

@pytest.mark.parametrize(("text", "qualifier", "words"), [
    ("voters aged 65 or older", "at least", "or older"),
    ("a score of 200 or greater", "at least", "or greater"),
    ("rates of 5% or higher", "at least", "or higher"),
    ("a grade of 70 or above", "at least", "or above"),
    ("children aged 12 or under", "at most", "or under"),
    ("an income of $20,000 or below", "at most", "or below"),
    ("a rating of 3 or lower", "at most", "or lower"),
    ("players aged 21 or younger", "at most", "or younger"),
])
def test_a_bound_written_after_the_figure(text: str, qualifier: str, words: str) -> None:
    candidate = one(text)
    assert candidate.qualifier == qualifier
    assert candidate.qualifier_span is not None
    assert text[slice(*candidate.qualifier_span)] == words
    assert words not in candidate.text  # the figure's text stays the number's own


@pytest.mark.parametrize(("text", "qualifier", "words"), [
    ("a crowd larger than 5,000", "more than", "larger than"),
    ("a force bigger than 10,000 men", "more than", "bigger than"),
    ("a margin smaller than 2%", "less than", "smaller than"),
    ("damage exceeding $3 billion", "more than", "exceeding"),
    ("sales surpassing 1 million copies", "more than", "surpassing"),
])
def test_comparatives_before_the_figure(text: str, qualifier: str, words: str) -> None:
    candidate = one(text)
    assert candidate.qualifier == qualifier
    assert candidate.qualifier_span is not None
    assert text[slice(*candidate.qualifier_span)] == words


# --------------------------------------------------------------------------- ranges

@pytest.mark.parametrize(("text", "figure", "lower", "upper"), [
    ("1000-5000 people", "1000-5000", 1000, 5000),
    ("The range is 1000–5000.", "1000–5000", 1000, 5000),
    ("1998-2500 troops", "1998-2500", 1998, 2500),
])
def test_a_tight_range_whose_top_is_no_year_is_a_count(text: str, figure: str, lower: int,
                                                       upper: int) -> None:
    candidate = one(text)
    assert (candidate.text, candidate.kind, candidate.qualifier) == (figure, "count", "range")
    assert (candidate.lower, candidate.upper) == (lower, upper)


def test_year_ranges_stay_years_and_a_spaced_dash_stays_a_pause() -> None:
    assert figures("the war of 1939-1945") == [("1939-1945", (1939, 1945), "year", None,
                                                "range")]
    assert [f[2] for f in figures("In 1991 - 300 people died.")] == ["year", "count"]


@settings(max_examples=100, deadline=None)
@given(st.integers(1000, 2100), st.integers(2200, 99_999), st.sampled_from(["-", "–"]))
def test_a_generated_tight_range_reads_back(low: int, high: int, dash: str) -> None:
    text = f"{low}{dash}{high}"
    candidate = one(f"an estimated {text} fighters")
    assert (candidate.text, candidate.lower, candidate.upper) == (text, low, high)
    again = read_figure(text)
    assert again is not None and (again.lower, again.upper) == (low, high)


@pytest.mark.parametrize(("text", "first", "second"), [
    ("Oil fell more than 6% to $48.20 a barrel.", "6%", "$48.20"),
    ("Prices fell 1.8% to 254,000 pounds.", "1.8%", "254,000 pounds"),
    ("from $5 to 7 euros", "$5", "7 euros"),
    ("up 3 per cent to £12bn", "3 per cent", "£12bn"),
])
def test_a_change_and_a_level_in_other_units_are_two_figures(text: str, first: str,
                                                             second: str) -> None:
    assert [f[0] for f in figures(text)] == [first, second]


def test_a_money_range_with_the_currency_once_is_still_one_range() -> None:
    assert figures("$10–20 billion") == [("$10–20 billion", (10**10, 2 * 10**10), "money",
                                          "USD", "range")]


# --------------------------------------------------------------------------- signs

@pytest.mark.parametrize(("text", "figure", "value"), [
    ("a margin of error of plus or minus 3 percentage points", "3 percentage points", 3),
    ("accurate to plus or minus 2.5%", "2.5%", 2.5),
])
def test_plus_or_minus_is_a_margin_not_a_negative(text: str, figure: str, value: float) -> None:
    candidate = one(text)
    assert (candidate.text, candidate.value) == (figure, value)


def test_minus_alone_is_still_a_sign() -> None:
    assert one("minus 4 degrees").value == -4
