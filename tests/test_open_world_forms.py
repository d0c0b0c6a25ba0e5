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


# --------------------------------------------------------------------------- bounds, more

@pytest.mark.parametrize(("text", "qualifier"), [
    ("a score less than or equal to 30", "at most"),
    ("a score equal to or more than 30", "at least"),
    ("incomes greater than or equal to $50,000", "at least"),
    ("deaths exceeded 3,000", "more than"),
    ("costs surpassed $2 billion", "more than"),
])
def test_or_equal_bounds_and_bound_verbs(text: str, qualifier: str) -> None:
    assert one(text).qualifier == qualifier


def test_a_bound_after_the_figure_beats_a_hedge_before_it() -> None:
    candidate = one("about 500 or more")
    assert (candidate.value, candidate.qualifier) == (500, "at least")
    assert one("about 50 or so").qualifier == "approximately"  # a hedge twice stays one


@pytest.mark.parametrize(("text", "figure", "lower", "upper", "kind"), [
    ("a crowd of more than 10 and less than 20", "more than 10 and less than 20", 10, 20,
     "count"),
    ("at least 20 and at most 100 apples", "at least 20 and at most 100", 20, 100, "count"),
    ("above 1,000 but below 1,500", "above 1,000 but below 1,500", 1000, 1500, "count"),
    ("The number is above 1000 and below 1500", "above 1000 and below 1500", 1000, 1500,
     "count"),
    ("above $5 million but below $8 million", "above $5 million but below $8 million",
     5 * 10**6, 8 * 10**6, "money"),
    ("more than 10 and less than 20 per cent", "more than 10 and less than 20 per cent", 10, 20,
     "percent"),
])
def test_two_bounds_joined_are_one_range(text: str, figure: str, lower: int, upper: int,
                                         kind: str) -> None:
    candidate = one(text)
    assert (candidate.text, candidate.qualifier, candidate.kind) == (figure, "range", kind)
    assert (candidate.lower, candidate.upper, candidate.value) == (lower, upper, None)
    again = read_figure(figure)
    assert again is not None and (again.lower, again.upper) == (lower, upper)


@pytest.mark.parametrize("text", [
    "more than 40 killed and fewer than 10 hurt",  # two counts of two things
    "more than 40 and less than 10",  # no range is empty
    "less than 40 and more than 50",
    "500 or more and less than 900",  # a bound after its figure opens nothing
])
def test_two_bounds_that_are_not_a_range(text: str) -> None:
    assert all(c.qualifier != "range" for c in extract(text))


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 10**6), st.integers(1, 10**6),
       st.sampled_from(["more than", "at least", "above"]),
       st.sampled_from(["less than", "at most", "below"]), st.sampled_from(["and", "but"]))
def test_a_generated_two_sided_range_reads_back(low: int, gap: int, lower_word: str,
                                                upper_word: str, join: str) -> None:
    text = f"{lower_word} {low:,} {join} {upper_word} {low + gap:,}"
    candidate = one(f"They counted {text} ballots.")
    assert (candidate.text, candidate.lower, candidate.upper) == (text, low, low + gap)


def test_a_bounded_four_digit_number_is_a_count_not_a_year() -> None:
    assert [f[2] for f in figures("more than 1500 and fewer than 1999")] == ["count"]
    assert figures("in 1991")[0][2] == "year"
    assert figures("up to 2015")[0][2] == "year"  # "up to 2015" may be a date


# --------------------------------------------------------------------------- more ranges

@pytest.mark.parametrize(("text", "figure", "lower", "upper", "kind"), [
    ("five- to 10-year prison terms", "five- to 10-year", 5, 10, "duration"),
    ("an 8- to 16-metre mirror", "8- to 16", 8, 16, "count"),
    ("children ages 5 through 11", "5 through 11", 5, 11, "count"),
    ("from 1990 through 2000", "from 1990 through 2000", 1990, 2000, "year"),
])
def test_suspended_hyphen_and_through_ranges(text: str, figure: str, lower: int, upper: int,
                                             kind: str) -> None:
    candidate = one(text)
    assert (candidate.text, candidate.kind, candidate.lower, candidate.upper) == \
        (figure, kind, lower, upper)


def test_a_phone_number_is_still_no_range() -> None:
    assert all(c.qualifier != "range" for c in extract("call 1-222-2222"))


# --------------------------------------------------------------------------- bare scales

@pytest.mark.parametrize(("text", "values"), [
    ("hundred", [100]), ("thousand", [1000]), ("million", [10**6]),
    ("the sun is hundred and twelve km away", [112]),
    ("billion twenty three million", [1_023_000_000]),
    ("thousand million", [10**9]), ("million million", [10**6, 10**6]),
    ("hundred thousand", [100_000]),
])
def test_a_bare_scale_word_is_one_of_itself(text: str, values: list[int]) -> None:
    assert [c.value for c in extract(text)] == values


@pytest.mark.parametrize("text", [
    "12 deaths per thousand", "parts per million", "the Hundred Years War",
    "the Million Man March", "I counted the dollars thousand of times",
])
def test_a_bare_scale_word_that_is_no_count(text: str) -> None:
    assert all(c.text.lower() not in ("hundred", "thousand", "million") for c in extract(text))


# --------------------------------------------------------------------------- glued units

@pytest.mark.parametrize(("text", "value"), [
    ("a 10km walk", 10), ("The bag weighs 2.5kg.", 2.5), ("winds of 120mph", 120),
    ("a 600MW plant", 600), ("a 1.5GB file", 1.5), ("40ft containers", 40),
])
def test_a_number_glued_to_a_measurement_unit_is_read(text: str, value: float) -> None:
    assert one(text).value == value


def test_a_scale_letter_before_a_unit_is_no_scale() -> None:
    assert [c.value for c in extract("a 2.80 GHz processor")] == [2.8]


@pytest.mark.parametrize("text", ["the G8 summit", "F16 jets", "at 3am", "a 100m sprint",
                                  "room 10C"])
def test_glued_letters_that_are_no_unit_stay_as_they_were(text: str) -> None:
    assert [c for c in extract(text) if c.kind != "identifier"] == []


# --------------------------------------------------------------------------- currencies

@pytest.mark.parametrize(("text", "figure", "currency"), [
    ("$1,190.00 AUD", "$1,190.00 AUD", "AUD"), ("$10 CAD a month", "$10 CAD", "CAD"),
    ("$5 USD", "$5 USD", "USD"), ("$5 EUR", "$5", "USD"),  # a euro is no dollar
])
def test_a_dollar_code_after_a_dollar_amount_names_the_dollar(text: str, figure: str,
                                                              currency: str) -> None:
    candidate = extract(text)[0]
    assert (candidate.text, candidate.unit) == (figure, currency)
