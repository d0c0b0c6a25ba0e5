"""Figures as news, reports and commentary write them (issue 13), one category at a time.

Each category has examples and, where the input space is large, a hypothesis
property: a generated range, ratio or amount is written out as prose writes it
and must read back to itself, through ``extract`` (in a sentence) and through
``read_figure`` (the checker's reading of a figure's own text).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimset.grammar import _lexicon as lex
from claimset.grammar._currencies import CURRENCY_WORDS, UPPER_CODES
from claimset.grammar.extract import Candidate, extract, read_figure
from claimset.grammar.numbers import find_numbers


def only(text: str) -> Candidate:
    found = extract(text)
    assert len(found) == 1, found
    return found[0]


def reads(text: str, figure: str) -> Candidate:
    found = [c for c in extract(text) if c.text == figure]
    assert len(found) == 1, (figure, extract(text))
    again = read_figure(figure)  # the checker reads the figure's own text the same way
    assert again is not None and (again.value, again.lower, again.upper) == \
        (found[0].value, found[0].lower, found[0].upper), (figure, again)
    return found[0]


# --------------------------------------------------------------------------- ranges

@pytest.mark.parametrize(("text", "figure", "kind", "lower", "upper", "unit"), [
    ("Estimates ranged from 100,000 to 150,000 last year.", "from 100,000 to 150,000",
     "count", 100_000, 150_000, None),
    ("It costs from 10 to 20 dollars.", "from 10 to 20 dollars", "money", 10, 20, "USD"),
    ("in the years 2005–2010 the toll", "2005–2010", "year", 2005, 2010, None),
    ("Between 2005–2010 it rose.", "Between 2005–2010", "year", 2005, 2010, None),
    ("There were 2 to 3 million refugees.", "2 to 3 million", "count", 2_000_000, 3_000_000,
     "refugees"),
    ("between 25 and 40 per cent of voters", "between 25 and 40 per cent", "percent", 25, 40,
     "percent"),
    ("about 1-2 thousand people", "1-2 thousand", "count", 1000, 2000, "people"),
    ("a cost of $10–20 billion", "$10–20 billion", "money", 10**10, 2 * 10**10, "USD"),
    ("some 10 to 15 per cent", "10 to 15 per cent", "percent", 10, 15, "percent"),
])
def test_ranges(text: str, figure: str, kind: str, lower: int, upper: int,
                unit: str | None) -> None:
    candidate = reads(text, figure)
    assert (candidate.kind, candidate.qualifier, candidate.value) == (kind, "range", None)
    assert (candidate.lower, candidate.upper, candidate.unit) == (lower, upper, unit)


@pytest.mark.parametrize("text", [
    "Prices rose from 10 to 20 dollars.", "The toll went from 100 to 150.",
    "It was cut from 5,000 to 3,000 troops.", "up from 61% to 70%",
])
def test_from_to_after_a_change_word_is_two_figures(text: str) -> None:
    found = extract(text)
    assert len(found) == 2 and all(c.qualifier != "range" for c in found)


_SCALES = st.sampled_from([("", 1), (" thousand", 1000), (" million", 10**6),
                           (" billion", 10**9)])
_JOINS = st.sampled_from([("", " to ", ""), ("", "-", ""), ("", "–", ""),
                          ("between ", " and ", ""), ("from ", " to ", ""),
                          ("", " – ", "")])
_UNITS = st.sampled_from([("", None, "count"), (" per cent", "percent", "percent"),
                          ("%", "percent", "percent"), (" dollars", "USD", "money"),
                          (" euros", "EUR", "money")])


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 998), st.integers(1, 999), _SCALES, _JOINS, _UNITS)
def test_a_generated_range_reads_back_to_itself(low: int, gap: int, scale: tuple[str, int],
                                                join: tuple[str, str, str],
                                                unit: tuple[str, str | None, str]) -> None:
    high = low + gap
    words, factor = scale
    before, middle, _ = join
    suffix, unit_name, kind = unit
    if suffix == "%" and words:
        suffix = " per cent"
    figure = f"{before}{low}{middle}{high}{words}{suffix}"
    candidate = reads(f"The report gave {figure} in all.", figure)
    assert (candidate.lower, candidate.upper) == (low * factor, high * factor)
    assert (candidate.qualifier, candidate.kind, candidate.unit) == ("range", kind, unit_name)


# --------------------------------------------------------------------------- scales

@pytest.mark.parametrize(("text", "figure", "value"), [
    ("He earned 1.2m dollars", "1.2m dollars", 1_200_000),
    ("some 2.5m people fled", "2.5m", 2_500_000),
    ("a bill of $87bn", "$87bn", 87 * 10**9),
    ("a deficit of 3.5bn", "3.5bn", 3_500_000_000),
    ("debts of £4tn", "£4tn", 4 * 10**12),
    ("40k jobs", "40k", 40_000),
    ("2.3 mln tonnes", "2.3 mln tonnes", 2_300_000),
    ("1.5 crore rupees", "1.5 crore rupees", 15_000_000),
    ("30 lakh people", "30 lakh", 3_000_000),
    ("two thousand million pounds", "two thousand million pounds", 2 * 10**9),
    ("three lakh crore", "three lakh crore", 3 * 10**12),
    ("three billions of stars", "three billions", 3 * 10**9),
    ("5 quadrillion", "5 quadrillion", 5 * 10**15),
    ("2 sextillion atoms", "2 sextillion", 2 * 10**21),
])
def test_scales(text: str, figure: str, value: int) -> None:
    assert reads(text, figure).value == value


def test_a_glued_m_before_a_plural_noun_is_a_million() -> None:
    # alone, "3m" may be three metres: read_figure needs no context, extract has it
    assert [(c.text, c.value) for c in extract("3m refugees")] == [("3m", 3_000_000)]


@pytest.mark.parametrize("text", ["a wall 1.8m tall", "the 100m final", "500m away",
                                  "a 3m fall"])
def test_a_glued_m_after_a_length_is_a_metre(text: str) -> None:
    assert all(c.value is None or c.value < 1000 for c in extract(text))


# --------------------------------------------------------------------------- multipliers

@pytest.mark.parametrize(("text", "figure", "value", "qualifier"), [
    ("The price doubled.", "doubled", 2, "exact"),
    ("The price nearly doubled.", "doubled", 2, "nearly"),
    ("Costs tripled.", "tripled", 3, "exact"),
    ("Output quadrupled.", "quadrupled", 4, "exact"),
    ("Rations were halved.", "halved", 0.5, "exact"),
    ("a tenfold increase", "tenfold", 10, "exact"),
    ("a three-fold rise", "three-fold", 3, "exact"),
])
def test_multipliers(text: str, figure: str, value: float, qualifier: str) -> None:
    candidate = reads(text, figure)
    assert (candidate.kind, candidate.unit, candidate.value, candidate.qualifier) == \
        ("ratio", "times", value, qualifier)


# --------------------------------------------------------------------------- ratios

@pytest.mark.parametrize(("text", "figure", "value", "qualifier"), [
    ("one in five children", "one in five", 1 / 5, "exact"),
    ("one in 160 of Baghdad's 6.5 million people", "one in 160", 1 / 160, "exact"),
    ("three out of four voters", "three out of four", 3 / 4, "exact"),
    ("nine of every ten doctors", "nine of every ten", 9 / 10, "exact"),
    ("nine out of every ten doctors", "nine out of every ten", 9 / 10, "exact"),
    ("one in a million", "one in a million", 1 / 10**6, "exact"),
    ("almost half of the troops", "half", 1 / 2, "nearly"),
    ("a third of the budget", "a third", 1 / 3, "exact"),
    ("two-thirds of voters", "two-thirds", 2 / 3, "exact"),
])
def test_ratios(text: str, figure: str, value: float, qualifier: str) -> None:
    candidate = reads(text, figure)
    assert (candidate.kind, candidate.qualifier) == ("ratio", qualifier)
    assert candidate.value == pytest.approx(value)
    assert 0 <= candidate.value <= 1


@pytest.mark.parametrize("text", ["one in 2004", "one in ten years", "five in three",
                                  "one in the morning"])
def test_not_ratios(text: str) -> None:
    assert all(c.kind != "ratio" for c in extract(text))


_SMALL = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


@settings(max_examples=120, deadline=None)
@given(st.integers(1, 9), st.integers(2, 2000), st.booleans(),
       st.sampled_from([" in ", " out of ", " in every ", " of every ", " out of every "]))
def test_a_generated_ratio_reads_back_to_itself(part: int, whole: int, in_words: bool,
                                                join: str) -> None:
    whole = max(whole, part + 1)
    if 1800 <= whole <= 2100:
        whole += 300  # a plain year after "in" is a year, on purpose
    numerator = _SMALL[part - 1] if in_words else str(part)
    figure = f"{numerator}{join}{whole:,}"
    candidate = reads(f"Officials said {figure} residents had left.", figure)
    assert candidate.kind == "ratio" and candidate.value == pytest.approx(part / whole)


# --------------------------------------------------------------------------- currencies

@pytest.mark.parametrize(("text", "figure", "value", "currency"), [
    ("It costs USD 5.", "USD 5", 5, "USD"),
    ("It costs 42 MYR.", "42 MYR", 42, "MYR"),
    ("It costs RM 42.", "RM 42", 42, "MYR"),
    ("It costs 10 ILS.", "10 ILS", 10, "ILS"),
    ("paid 500 riyals", "500 riyals", 500, "SAR"),
    ("paid 20 rupees", "20 rupees", 20, "INR"),
    ("paid 1000 rials", "1000 rials", 1000, "IRR"),
    ("paid 30 dinars", "30 dinars", 30, "IQD"),
    ("paid 5000 Lebanese pounds", "5000 Lebanese pounds", 5000, "LBP"),
    ("paid 3 kuwaiti dinar", "3 kuwaiti dinar", 3, "KWD"),
    ("paid 40 Pakistani rupees", "40 Pakistani rupees", 40, "PKR"),
    ("₹500 each", "₹500", 500, "INR"),
    ("₪20 each", "₪20", 20, "ILS"),
    ("₩1000 each", "₩1000", 1000, "KRW"),
    ("₽50 each", "₽50", 50, "RUB"),
    ("a 50¢ stamp", "50¢", 50, "cents"),
    ("US$5 each", "US$5", 5, "USD"),
    ("A$10 each", "A$10", 10, "AUD"),
    ("C$20 each", "C$20", 20, "CAD"),
    ("HK$30 each", "HK$30", 30, "HKD"),
    ("It cost 3.14US$.", "3.14US$", 3.14, "USD"),
    ("It cost Rs20.", "Rs20", 20, "INR"),
    ("It cost 42MYR.", "42MYR", 42, "MYR"),
    ("It was $20 and 43c.", "$20 and 43c", 20.43, "USD"),
    ("It cost a dollar.", "a dollar", 1, "USD"),
    ("about a euro each", "a euro", 1, "EUR"),
])
def test_currencies(text: str, figure: str, value: float, currency: str) -> None:
    candidate = reads(text, figure)
    assert (candidate.kind, candidate.unit) == ("money", currency)
    assert candidate.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["a pound of flour", "try 5 times", "TOP 10 tips",
                                  "5 real people", "₽50 and 50¢"])
def test_not_money(text: str) -> None:
    found = extract(text)
    if text.startswith("₽"):  # two amounts, not one: roubles have no cents
        assert [c.unit for c in found] == ["RUB", "cents"]
    else:
        assert all(c.kind != "money" for c in found)


_NAMED = sorted((word, code) for word, code in CURRENCY_WORDS.items()
                if code not in lex.SUBUNITS and code != "satoshi")


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 10**9), st.sampled_from(sorted(UPPER_CODES)), st.booleans())
def test_every_iso_code_reads_back(amount: int, code: str, before: bool) -> None:
    figure = f"{code} {amount:,}" if before else f"{amount:,} {code}"
    candidate = reads(f"The fine was {figure} in all.", figure)
    assert (candidate.kind, candidate.unit, candidate.value) == ("money", code, amount)


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 10**6), st.sampled_from(_NAMED))
def test_every_currency_name_reads_back(amount: int, named: tuple[str, str]) -> None:
    word, code = named
    figure = f"{amount:,} {word}"
    candidate = reads(f"They paid {figure} for it.", figure)
    assert (candidate.kind, candidate.unit, candidate.value) == ("money", code, amount)


# --------------------------------------------------------------------------- qualifiers

@pytest.mark.parametrize(("text", "qualifier", "words"), [
    ("lower than 5 men", "less than", "lower than"),
    ("higher than 10 men", "more than", "higher than"),
    ("just over 20 men", "more than", "just over"),
    ("well over 30 men", "more than", "well over"),
    ("in excess of 40 men", "more than", "in excess of"),
    ("a little more than 50 men", "more than", "a little more than"),
    ("60 or so men", "approximately", "or so"),
    ("70-odd men", "more than", "odd"),
    ("80-plus men", "at least", "plus"),
    ("200+ men", "at least", "+"),
    ("more or less 90 men", "approximately", "more or less"),
    ("fewer than 100 men", "less than", "fewer than"),
    ("an estimated 110 men", "approximately", "an estimated"),
    ("50 or more men", "at least", "or more"),
])
def test_qualifiers(text: str, qualifier: str, words: str) -> None:
    candidate = only(text)
    assert candidate.qualifier == qualifier
    assert candidate.qualifier_span is not None
    start, end = candidate.qualifier_span
    assert text[start:end] == words
    assert end <= candidate.start or start >= candidate.end


# --------------------------------------------------------------------------- vague

@pytest.mark.parametrize(("text", "figure", "least"), [
    ("a few people", "a few", 2),
    ("a couple of cars", "a couple of", 2),
    ("several houses", "several", 3),
    ("dozens of books", "dozens", 24),
    ("hundreds of people", "hundreds", 200),
    ("tens of thousands of people", "tens of thousands", 20_000),
    ("several hundred thousand refugees", "several hundred thousand", 300_000),
    ("thousands of troops", "thousands", 2000),
    ("a few hundred men", "a few hundred", 200),
    ("a couple of thousand men", "a couple of thousand", 2000),
    ("several dozen men", "several dozen", 36),
    ("a few thousand men", "a few thousand", 2000),
])
def test_vague_quantities_are_lower_bounds(text: str, figure: str, least: int) -> None:
    candidate = reads(text, figure)
    assert (candidate.value, candidate.qualifier) == (least, "at least")


@pytest.mark.parametrize("text", ["few people came", "the couple left", "a couple from Leeds"])
def test_few_and_couple_alone_are_not_figures(text: str) -> None:
    assert extract(text) == []


# --------------------------------------------------------------------------- misreadings

def test_an_and_join_does_not_cross_a_unit() -> None:
    found = extract("$20 billion and 61% of the revenue")
    assert [(c.text, c.value) for c in found] == [("$20 billion", 20 * 10**9), ("61%", 61)]
    assert reads("3 hundred and 21 men", "3 hundred and 21").value == 321


@pytest.mark.parametrize("text", ["One cannot know.", "One may count them.",
                                  "It is one of the reasons.", "one should ask",
                                  "one of them said"])
def test_impersonal_one_is_not_a_count(text: str) -> None:
    assert extract(text) == []


def test_ordinals_after_the_are_ordinals() -> None:
    assert only("the one hundredth anniversary").kind == "ordinal"
    assert only("It was the one hundredth.").value == 100
    assert reads("one hundredth of a second", "one hundredth").value == 0.01


# --------------------------------------------------------------------------- less common

@pytest.mark.parametrize(("text", "figure", "value"), [
    ("one point five percent", "one point five percent", 1.5),
    ("a million people", "a million", 10**6),
    ("-3.5 percent", "-3.5 percent", -3.5),
    ("minus 4 degrees", "minus 4", -4),
    ("−4 degrees", "−4", -4),
    ("1.5e6 cells", "1.5e6", 1_500_000),
    ("10^6 cells", "10^6", 10**6),
    ("a quadrillion dollars", "a quadrillion dollars", 10**15),
])
def test_less_common_forms(text: str, figure: str, value: float) -> None:
    assert reads(text, figure).value == pytest.approx(value)


def test_numbers_stay_exact_above_a_trillion() -> None:
    assert find_numbers("7 quintillion")[0].value == 7 * 10**18


# --------------------------------------------------------------------------- precision

@pytest.mark.parametrize("text", [
    "The administration lurched from one approach to another.",
    "Militants may move from one group to another.",
    "If one assumes that the figures are right, the toll is larger.",
    "They wanted better tools to serve the current one.",
    "It was a one-sided debate.", "The tribunal was a one-off.",
    "One by one, the provinces were handed over.",
    "They doubled down on the strategy.",
])
def test_words_that_are_not_figures(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(("text", "figure"), [
    ("He flew home on Air Force One.", "One"), ("She follows Formula One closely.", "One"),
    ("The Gang of Four was put on trial.", "Four"),
    ("They watched Ocean's Eleven on the plane.", "Eleven"),
    ("He wrote a history of World War One.", "One"),
])
def test_a_capitalised_number_word_in_a_name_is_an_identifier(text: str, figure: str) -> None:
    assert (only(text).text, only(text).kind) == (figure, "identifier")


def test_names_do_not_swallow_counts() -> None:
    assert only("In Baghdad Three soldiers died.").kind == "identifier"  # (a name's shape)
    assert only("Three soldiers died.").kind == "count"  # a sentence's first word
    assert only("a one-year term").kind == "duration"


def test_an_ordinal_adjective_is_not_a_fraction() -> None:
    assert [(c.text, c.kind) for c in extract("A tenth-century mosque")] == [
        ("tenth", "ordinal")]
