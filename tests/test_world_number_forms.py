"""Number forms beyond US/UK habits (issue 26): prices with a decimal comma and other
groupings, lakh and crore, spoken numbers, compound amounts and lengths, and "one" as a
determiner.  Made-up cases per category, cases that must not read, hypothesis properties.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimset import extract, read_figure


def _read(text: str) -> list[tuple[str, object, str, str | None]]:
    return [(c.text, c.value, c.kind, c.unit) for c in extract(text)]


# -- prices: a decimal comma, groups by dot, space or apostrophe, beside a currency ------------

@pytest.mark.parametrize(("text", "figure", "value", "currency"), [
    ("34,50 €", "34,50 €", 34.5, "EUR"),
    ("1 298,00 €", "1 298,00 €", 1298, "EUR"),
    ("€1'049,95", "€1'049,95", 1049.95, "EUR"),
    ("2.109,00 €", "2.109,00 €", 2109, "EUR"),
    ("$ 1.144.000", "$ 1.144.000", 1144000, "USD"),
    ("CHF 1'049.95", "CHF 1'049.95", 1049.95, "CHF"),
    ("Preis: EUR 12,99", "EUR 12,99", 12.99, "EUR"),
    ("now only 9,99 €!", "9,99 €", 9.99, "EUR"),
    ("3,49 zł za sztukę", "3,49 zł", 3.49, "PLN"),
    ("Cena 9 800 Kč", "9 800 Kč", 9800, "CZK"),
    ("17 940,00 руб", "17 940,00 руб", 17940, "RUB"),
    ("12,50 lei", "12,50 lei", 12.5, "RON"),
])
def test_a_price_with_a_decimal_comma_or_other_groups(text: str, figure: str, value: float,
                                                       currency: str) -> None:
    [candidate] = extract(text)
    assert (candidate.text, candidate.value, candidate.kind, candidate.unit) == (
        figure, value, "money", currency)


@pytest.mark.parametrize(("text", "values"), [
    ("In 1,500 cases", [1500]),  # English prose: a thousands comma, as ever
    ("a budget of $1,500", [1500]),
    ("$1,500.25", [1500.25]),
    ("34,50 people", [34, 50]),  # no currency: no decimal comma
    ("results of 3,45", [3, 45]),
])
def test_english_grouping_is_unchanged(text: str, values: list[float]) -> None:
    assert [c.value for c in extract(text)] == values


@given(euros=st.integers(0, 999_999), cents=st.integers(0, 99),
       grouping=st.sampled_from([".", " ", "'", "\u202f"]),
       place=st.sampled_from(["{} €", "€{}", "{} EUR", "EUR {}", "€ {}"]))
def test_generated_prices_read_back(euros: int, cents: int, grouping: str, place: str) -> None:
    grouped = f"{euros:,}".replace(",", grouping)
    amount = place.format(f"{grouped},{cents:02d}")
    [candidate] = [c for c in extract(f"Es kostet {amount} heute.") if c.kind == "money"]
    assert candidate.text == amount and candidate.unit == "EUR"
    assert candidate.value == pytest.approx(euros + cents / 100)
    again = read_figure(amount)
    assert again is not None and again.value == candidate.value


# -- lakh and crore ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "figure", "value", "kind"), [
    ("Rs 3 crore", "Rs 3 crore", 30_000_000, "money"),
    ("30 lakh people", "30 lakh", 3_000_000, "count"),
    ("12,34,567 voters", "12,34,567", 1_234_567, "count"),
    ("three hundred krores", "three hundred krores", 3_000_000_000, "count"),
    ("Rs 5 cr", "Rs 5 cr", 50_000_000, "money"),
    ("₹1.5 lakh crore", "₹1.5 lakh crore", 1_500_000_000_000, "money"),
])
def test_lakh_and_crore(text: str, figure: str, value: int, kind: str) -> None:
    candidate = extract(text)[0]
    assert (candidate.text, candidate.value, candidate.kind) == (figure, value, kind)


# -- spoken numbers ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "figure", "value"), [
    ("It happened in nineteen ninety.", "nineteen ninety", 1990),
    ("the battle of ten sixty-six", "ten sixty-six", 1066),
    ("born in nineteen oh-one", "nineteen oh-one", 1901),
    ("In twenty twenty the plague came", "twenty twenty", 2020),
    ("flight one twenty-two", "one twenty-two", 122),
    ("It grew 1 point 1 percent", "1 point 1 percent", 1.1),
    ("a rise of point 77", "point 77", 0.77),
    ("three point five million", "three point five million", 3_500_000),
    ("a pair of shoes", "a pair", 2),
    ("two pairs of boots", "two pairs", 4),
    ("a couple of days", "a couple of days", 2),
    ("not a single soldier", "a single", 1),
    ("on the twenty—fifth", "twenty—fifth", 25),
    ("on the twentyfifth", "twentyfifth", 25),
    ("the twenty–five", "twenty–five", 25),
    ("nineteen hundred", "nineteen hundred", 1900),
])
def test_spoken_forms(text: str, figure: str, value: float) -> None:
    [candidate] = extract(text)
    assert (candidate.text, candidate.value) == (figure, value)


@pytest.mark.parametrize(("text", "values"), [
    ("ten twenty-dollar bills", [10, 20]),  # a hyphenated word after: no spoken pair
    ("one two three", [1, 2, 3]),
    ("three twenty seven", [3, 27]),  # a list of numbers: only "one twenty-two" is one
    ("one two three four twenty five", [1, 2, 3, 4, 25]),
    ("the point 5 made", [5]),  # "the point": no decimal point
    ("They took the point.", []),
])
def test_spoken_pairs_that_are_not_one_number(text: str, values: list[float]) -> None:
    assert [c.value for c in extract(text)] == values


_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@given(century=st.integers(10, 19), tens=st.integers(2, 9), unit=st.integers(0, 9))
def test_a_year_in_pairs_reads_as_the_year(century: int, tens: int, unit: int) -> None:
    second = _TENS[tens - 2] + ("" if unit == 0 else "-" + _UNITS[unit - 1])
    spoken = f"{_TEENS[century - 10]} {second}"
    [candidate] = extract(f"It was in {spoken}.")
    assert (candidate.text, candidate.value) == (spoken, century * 100 + tens * 10 + unit)


@given(century=st.integers(10, 19), unit=st.integers(1, 9))
def test_a_year_with_oh_reads_as_the_year(century: int, unit: int) -> None:
    spoken = f"{_TEENS[century - 10]} oh-{_UNITS[unit - 1]}"
    [candidate] = extract(f"In {spoken} it began.")
    assert candidate.value == century * 100 + unit


@given(tens=st.integers(2, 9), unit=st.integers(1, 9),
       dash=st.sampled_from(["-", "—", "–", ""]), ordinal=st.booleans())
def test_tens_and_units_joined_any_way(tens: int, unit: int, dash: str, ordinal: bool) -> None:
    ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                "ninth"]
    word = _TENS[tens - 2] + dash + (ordinals if ordinal else _UNITS)[unit - 1]
    [candidate] = extract(f"on the {word} of them")
    assert (candidate.text, candidate.value) == (word, tens * 10 + unit)


# -- compound quantities ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "figure", "value", "unit"), [
    ("a dollar and 42 cents", "a dollar and 42 cents", 1.42, "USD"),
    ("20 ringgit and 43 sen", "20 ringgit and 43 sen", 20.43, "MYR"),
    ("3 CHF 4 cents", "3 CHF 4 cents", 3.04, "CHF"),
    ("She is 5 ft 2 in tall.", "5 ft 2 in", 62, "inch"),
    ("5 feet and 2 inches", "5 feet and 2 inches", 62, "inch"),
    ("a 6 ft 1 in man", "6 ft 1 in", 73, "inch"),
    ("He weighs 2 lb 3 oz.", "2 lb 3 oz", 35, "ounce"),
])
def test_a_compound_quantity_is_one(text: str, figure: str, value: float, unit: str) -> None:
    [candidate] = extract(text)
    assert (candidate.text, candidate.unit) == (figure, unit)
    assert candidate.value == pytest.approx(value)


def test_a_subunit_of_another_currency_is_no_compound() -> None:
    assert [c.text for c in extract("$5 and 43 sen")] == ["$5", "43"]


@given(feet=st.integers(1, 9), inches=st.integers(0, 11),
       join=st.sampled_from([" ", " and "]), feet_word=st.sampled_from(["ft", "feet"]),
       inch_word=st.sampled_from(["in", "inches"]))
def test_feet_and_inches_are_inches(feet: int, inches: int, join: str, feet_word: str,
                                    inch_word: str) -> None:
    written = f"{feet} {feet_word}{join}{inches} {inch_word}"
    [candidate] = extract(f"He stood {written} tall.")
    assert (candidate.text, candidate.value, candidate.unit) == (
        written, feet * 12 + inches, "inch")


# -- "one" as a determiner ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "It was one thing to topple a statue, another to run a country.",
    "One team won, another lost.",
    "one side said so; another side disagreed",
])
def test_one_answered_by_another_is_a_determiner(text: str) -> None:
    assert [c for c in extract(text) if c.value == 1] == []


def test_one_counted_stays_a_count() -> None:
    assert [c.value for c in extract("Only one soldier died, and another was hurt later.")] \
        == [1]
