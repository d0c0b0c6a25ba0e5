"""The number grammar: bare numbers and quantities, by form."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimset.grammar.numbers import find_numbers, find_quantities

# --------------------------------------------------------------------------- a speller
# An independent int -> words speller, written the plain way, so the grammar is
# checked against something that does not share its code.
_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))


def _below_thousand(n: int, *, british: bool) -> str:
    parts = []
    if n >= 100:
        parts.append(f"{_SMALL[n // 100]} hundred")
        n %= 100
        if n and british:
            parts.append("and")
    if n >= 20:
        parts.append(_TENS[n // 10] + (f"-{_SMALL[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(_SMALL[n])
    return " ".join(parts)


def spell(n: int, *, british: bool = False) -> str:
    if n < 1000:
        return _below_thousand(n, british=british) if n else "zero"
    parts = []
    for size, name in _SCALES:
        if n >= size:
            parts.append(f"{_below_thousand(n // size, british=british)} {name}")
            n %= size
    if n:
        parts.append(_below_thousand(n, british=british))
    return " ".join(parts)


def only(text: str):
    found = find_numbers(text)
    assert len(found) == 1, found
    return found[0]


def whole(text: str):
    """The single quantity covering all of ``text``."""
    found = find_quantities(text)
    assert len(found) == 1, found
    assert (found[0].start, found[0].end) == (0, len(text)), found
    return found[0]


# --------------------------------------------------------------------------- properties

@given(st.integers(min_value=0, max_value=10**15))
def test_grouped_integers_read_back(n: int) -> None:
    text = f"{n:,}"
    number = only(text)
    assert (number.start, number.end, number.value) == (0, len(text), n)


@given(st.integers(min_value=0, max_value=10**15 - 1), st.booleans())
def test_spelled_integers_read_back(n: int, british: bool) -> None:
    text = spell(n, british=british)
    number = only(text)
    assert (number.start, number.end, number.value) == (0, len(text), n), text


@given(st.integers(min_value=1, max_value=10**9 - 1))
def test_spelled_integers_read_back_in_a_sentence(n: int) -> None:
    words = spell(n)
    text = f"They counted {words} people."
    number = only(text)
    assert text[number.start:number.end] == words
    assert number.value == n


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_decimals_read_back(d) -> None:
    text = f"{d:,}"
    number = only(text)
    assert math.isclose(number.value, float(d))


# --------------------------------------------------------------------------- tables

@pytest.mark.parametrize(("text", "value"), [
    ("150,000", 150000), ("2,096", 2096), ("1,234,567.89", 1234567.89), ("4.800", 4.8),
    (".08", 0.08), ("12,34,567", 1234567), ("1 234 567", 1234567), ("-1", -1),
    ("10k", 10000), ("10M", 10000000), ("1.2bn", 1200000000), ("2.33 k", 2330),
    ("1e10", 10**10), ("3.5 million", 3500000), ("322 hundred", 32200),
    ("Seventeen", 17), ("one hundred and six", 106), ("twenty-seven thousand", 27000),
    ("fifty - two", 52), ("two thousand and two hundred", 2200),
    ("twenty-one trillion and three hundred", 21000000000300),
    ("a million and a half", 1500000), ("A million and a half", 1500000),
    ("five and a half million", 5500000), ("one billion and a half million", 1000500000),
    ("3 million and a quarter", 3250000), ("a dozen", 12), ("three dozens", 36),
    ("half a dozen", 6), ("half million", 500000), ("a quarter million", 250000),
    ("two-thirds", 2 / 3), ("five eighths", 0.625), ("a quarter", 0.25), ("one fifth", 0.2),
    ("twenty and three fifths", 20.6), ("one hundred and three quarters", 100.75),
    ("3/4", 0.75), ("2 1/4", 2.25), ("½", 0.5), ("two hundred point zero three", 200.03),
    ("nine point nought four", 9.04), ("minus five", -5), ("a hundred thousand", 100000),
])
def test_cardinals_and_fractions(text: str, value: float) -> None:
    number = only(text)
    assert (number.start, number.end) == (0, len(text))
    assert math.isclose(number.value, value), number


@pytest.mark.parametrize(("text", "value"), [
    ("82nd", 82), ("21st", 21), ("first", 1), ("second", 2), ("twenty-fifth", 25),
    ("one hundred twenty fifth", 125), ("two hundredth", 200),
])
def test_ordinals(text: str, value: int) -> None:
    number = only(text)
    assert (number.form, number.value, number.end) == ("ordinal", value, len(text))


@pytest.mark.parametrize(("text", "value"), [
    ("thousands", 2000), ("dozens", 24), ("hundreds of thousands", 200000),
    ("tens of thousands", 20000), ("several hundred thousand", 300000),
])
def test_vague_plurals_are_lower_bounds(text: str, value: int) -> None:
    number = only(text)
    assert (number.form, number.value, number.end) == ("vague", value, len(text))


@pytest.mark.parametrize(("text", "spans"), [
    ("192.168.1.2", ["192", "168", "1", "2"]),
    ("1, 234, 567", ["1", "234", "567"]),
    ("3 hundred and 2 hundred", ["3 hundred", "2 hundred"]),
    ("4 thousand 3 hundred and 0", ["4 thousand 3 hundred", "0"]),
    ("5/17/2018", ["5", "17", "2018"]),
    ("22,24,26,31", ["22", "24", "26", "31"]),
    ("one one one", ["one", "one", "one"]),
    ("2,096, almost", ["2,096"]),
    ("in 2004.", ["2004"]),
])
def test_boundaries(text: str, spans: list[str]) -> None:
    assert [text[n.start:n.end] for n in find_numbers(text)] == spans


@pytest.mark.parametrize("text", [
    "1m isn't a number", "The one you mentioned",
    "half-responsible", "a", "and and and", "G8 summit",
    "see https://example.com/a%2020b?q=30%25",
])
def test_not_numbers(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("$20 billion", 20000000000, "USD"), ("20 billion dollars", 20000000000, "USD"),
    ("$ 75 million", 75000000, "USD"), ("US$ 150 million", 150000000, "USD"),
    ("c $ 16.4 million", 16400000, "CAD"), ("£8.10 million", 8100000, "GBP"),
    ("€ 2 million", 2000000, "EUR"), ("¥500", 500, "JPY"), ("5 dinars", 5, "IQD"),
    ("323 million euros", 323000000, "EUR"), ("361 million pounds", 361000000, "GBP"),
    ("five million yen", 5000000, "JPY"), ("3 dollars 50 cents", 3.5, "USD"),
    ("thirteen dollars and forty-five cents", 13.45, "USD"), ("USD 200", 200, "USD"),
    ("115USD", 115, "USD"), ("30 MUSD", 30000000, "USD"), ("10 €", 10, "EUR"),
])
def test_currency(text: str, value: float, currency: str) -> None:
    quantity = whole(text)
    assert quantity.currency == currency
    assert math.isclose(quantity.value, value)


@pytest.mark.parametrize(("text", "value"), [
    ("61%", 61), ("61 percent", 61), ("61 per cent", 61), ("27 %", 27),
    ("twenty percent", 20), ("minus five percent", -5), ("per cent of 210", 210),
])
def test_percent(text: str, value: float) -> None:
    quantity = whole(text)
    assert quantity.percent == "percent"
    assert quantity.value == value


def test_percentage_points() -> None:
    assert whole("2.5 percentage points").percent == "percentage points"


@pytest.mark.parametrize(("text", "value"), [
    ("double", 2), ("twice", 2), ("four times", 4), ("threefold", 3), ("10-fold", 10),
])
def test_multipliers(text: str, value: int) -> None:
    quantity = whole(text)
    assert quantity.value == value
    assert quantity.multiplier or quantity.number.form == "multiplier"


def test_huge_digit_runs_are_not_figures() -> None:
    assert find_numbers("9" * 5000) == []
    assert find_numbers("1," * 3000 + "1") != []  # read piecewise, without int() blowing up


def test_bare_units_only_on_request() -> None:
    text = "Only a small percent, paid in dollars, not 5 dollars."
    assert [q.value for q in find_quantities(text)] == [5]
    bare = find_quantities(text, bare_units=True)
    assert [(text[q.start:q.end], q.value) for q in bare] == \
        [("percent", None), ("dollars", None), ("5 dollars", 5)]


@pytest.mark.parametrize(("text", "value"), [
    ("one over three", 1 / 3), ("2000 over 3", 2000 / 3), ("two out of five hundred", 0.004),
    ("five billion and three quarters", 5750000000), ("two million and one half", 2500000),
    ("1.3x10^6", 1300000),
])
def test_more_fractions_and_scales(text: str, value: float) -> None:
    number = only(text)
    assert (number.start, number.end) == (0, len(text))
    assert math.isclose(number.value, value)


def test_over_before_a_noun_is_not_a_fraction() -> None:
    assert [n.value for n in find_numbers("$2000 over 3 years")] == [2000, 3]


def test_an_article_is_not_an_australian_dollar() -> None:
    quantity = whole("$48.2 million")
    assert quantity.currency == "USD"
    assert [q.currency for q in find_quantities("won a $48.2 million contract")] == ["USD"]
    assert whole("A$5").currency == "AUD"
