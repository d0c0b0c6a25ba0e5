"""The figures layer: kinds, units, qualifiers, ranges, and the seed examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimset.core.vocabulary import KINDS, QUALIFIERS
from claimset.grammar import _lexicon as lex
from claimset.grammar.extract import Candidate, extract, read_figure
from claimset.grammar.numbers import find_quantities

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def one(text: str, figure: str) -> Candidate:
    """The candidate whose text is ``figure`` (which must occur once in ``text``)."""
    found = [c for c in extract(text) if c.text == figure]
    assert len(found) == 1, (figure, extract(text))
    return found[0]


# --------------------------------------------------------------------------- properties

_ANY_TEXT = st.text(st.characters(codec=None, categories=None), max_size=200)
_NUMBERISH = st.lists(st.sampled_from([
    "one", "two", "hundred", "thousand", "and", "a", "half", "dozen", "million", "1", "0",
    "150", ",", ".", "000", "$", "%", "-", "–", " ", "  ", "\n", "to", "between", "times",
    "June", "30", "2004", "s", "th", "nearly", "some", "at least", "\u00a0", "\ud800",
    "\u0301", "\x00", "𝟙", "½", "per cent", "years", "a month", "first", "k", "M",
]), max_size=40).map("".join)


def _check_invariants(text: str) -> None:
    found = extract(text)
    previous_end = 0
    for candidate in found:
        assert candidate.text == text[candidate.start:candidate.end]
        assert 0 <= candidate.start < candidate.end <= len(text)
        assert candidate.start >= previous_end, "sorted and disjoint"
        previous_end = candidate.end
        assert candidate.kind in KINDS
        assert candidate.qualifier in QUALIFIERS
        if candidate.value is None:
            assert candidate.qualifier == "range"
            assert candidate.lower is not None and candidate.upper is not None
        if candidate.qualifier_span is not None:  # before the figure, or after it ("50 or so")
            assert candidate.qualifier_span[1] <= candidate.start or \
                candidate.qualifier_span[0] >= candidate.end


@given(_ANY_TEXT)
def test_any_text_never_raises_and_keeps_invariants(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=300)
@given(_NUMBERISH)
def test_numberish_text_keeps_invariants(text: str) -> None:
    _check_invariants(text)


@settings(max_examples=300)
@given(_NUMBERISH)
def test_every_figure_reads_back_alone(text: str) -> None:
    for candidate in extract(text):
        reading = read_figure(candidate.text)
        assert reading is not None, candidate
        assert (reading.value, reading.lower, reading.upper) == \
            (candidate.value, candidate.lower, candidate.upper), candidate


@pytest.mark.parametrize("text", ["", "\x00", "\ud800", "\ud800 12", "1\u0301", "9" * 10000,
                                  "and " * 1000, "$", "%", "between", "between 1 and"])
def test_odd_inputs(text: str) -> None:
    _check_invariants(text)


# --------------------------------------------------------------------------- seeds

# (seed, figure text, occurrence, value or (lower, upper), qualifier, unit, kind)
SEED_EXAMPLES = [
    ("daalder-lake-2004", "150,000", 0, 150000, "approximately", "troops", "count"),
    ("daalder-lake-2004", "$20 billion", 0, 20000000000, "nearly", "USD", "money"),
    ("daalder-lake-2004", "1940s", 0, 1940, "exact", "decade", "year"),
    ("daalder-lake-2004", "June 30, 2004", 0, 20040630, "exact", "2004-06-30", "date"),
    ("steele-2008", "61%", 0, 61, "exact", "percent", "percent"),
    ("steele-2008", "266", 0, 266, "at least", "civilians", "count"),
    ("steele-2008", "2,096", 0, 2096, "exact", None, "count"),
    ("steele-2008", "2,600", 0, 2600, "approximately", "civilians", "count"),
    ("steele-2008", "623", 0, 623, "up to", "non-combatants", "count"),
    ("steele-2008", "double", 0, 2, "more than", "times", "ratio"),
    ("steele-2008", "1,326", 0, 1326, "exact", None, "count"),
    ("steele-2008", "88", 0, 88, "exact", "children", "count"),
    ("steele-2008", "27,000", 0, 27000, "exact", "troops", "count"),
    ("steele-2008", "a thousand", 0, 1000, "approximately", "per month", "rate"),
    ("steele-2008", "1,000", 0, 1000, "nearly", "bodies", "count"),
    ("steele-2008", "Two million", 0, 2000000, "exact", "people", "count"),
    ("steele-2008", "A million and a half", 0, 1500000, "exact", None, "count"),
    ("steele-2008", "Seventeen", 0, 17, "exact", "Iraqis", "count"),
    ("steele-2008", "a dozen", 0, 12, "more than", "people", "count"),
    ("steele-2008", "twelve", 0, 12, "at least", None, "count"),
    ("steele-2008", "six months", 0, 6, "at least", "months", "duration"),
    ("steele-2008", "150,000", 0, 150000, "at least", "people", "count"),
    ("steele-2008", "1483", 0, 1483, "exact", None, "identifier"),
    ("steele-2008", "82nd", 0, 82, "exact", None, "identifier"),
    ("steele-2008", "Thousands", 0, 2000, "at least", "Shias", "count"),
    ("steele-2008", "four times", 0, 4, "nearly", "times", "ratio"),
    ("wrong-lessons-2008", "two to three times", 0, (2, 3), "range", "times", "ratio"),
    ("wrong-lessons-2008", "200,000", 0, 200000, "exact", None, "count"),
    ("wrong-lessons-2008", "September 11", 0, 911, "exact", "--09-11", "identifier"),
]


@pytest.fixture(scope="module")
def seed_figures() -> dict[str, list[Candidate]]:
    return {path.stem: extract(path.read_text(encoding="utf-8"))
            for path in sorted(SEEDS.glob("*.txt"))}


@pytest.mark.parametrize(("seed", "figure", "occurrence", "value", "qualifier", "unit", "kind"),
                         SEED_EXAMPLES)
def test_seed_examples(seed_figures, seed, figure, occurrence, value, qualifier, unit, kind):
    matches = [c for c in seed_figures[seed] if c.text == figure]
    assert len(matches) > occurrence, f"{figure!r} not found in {seed}"
    candidate = matches[occurrence]
    if isinstance(value, tuple):
        assert (candidate.lower, candidate.upper, candidate.value) == (*value, None)
    else:
        assert candidate.value == value
    assert (candidate.qualifier, candidate.unit, candidate.kind) == (qualifier, unit, kind)


def test_seed_figures_never_include_trailing_punctuation(seed_figures) -> None:
    for figures in seed_figures.values():
        for candidate in figures:
            assert candidate.text[-1] not in ".,;:", candidate


def test_seed_figures_read_back(seed_figures) -> None:
    for figures in seed_figures.values():
        for candidate in figures:
            reading = read_figure(candidate.text)
            assert reading is not None, candidate
            assert (reading.value, reading.lower, reading.upper) == \
                (candidate.value, candidate.lower, candidate.upper)


# --------------------------------------------------------------------------- kinds

@pytest.mark.parametrize(("text", "figure", "kind", "value", "unit"), [
    ("a force of 150,000 troops", "150,000", "count", 150000, "troops"),
    ("It cost $20 billion.", "$20 billion", "money", 20000000000, "USD"),
    ("It cost 20 billion dollars.", "20 billion dollars", "money", 20000000000, "USD"),
    ("worth €5m", "€5m", "money", 5000000, "EUR"),
    ("a £60,000 fee", "£60,000", "money", 60000, "GBP"),
    ("paid 5,000 dinars", "5,000 dinars", "money", 5000, "IQD"),
    ("61 per cent of them", "61 per cent", "percent", 61, "percent"),
    ("it grew fourfold", "fourfold", "ratio", 4, "times"),
    ("four times higher", "four times", "ratio", 4, "times"),
    ("I called three times.", "three times", "count", 3, "times"),
    ("for six months", "six months", "duration", 6, "months"),
    ("a six-month ceasefire", "six-month", "duration", 6, "months"),
    ("some 300 a day", "300", "rate", 300, "per day"),
    ("in 2004 they left", "2004", "year", 2004, None),
    ("the 1990s", "1990s", "year", 1990, "decade"),
    ("on 30 June 2004 it", "30 June 2004", "date", 20040630, "2004-06-30"),
    ("by June 30 they", "June 30", "date", 630, "--06-30"),
    ("in January 2008 he", "January 2008", "date", 20080100, "2008-01"),
    ("the second model", "second", "ordinal", 2, None),
    ("the 21st century", "21st", "ordinal", 21, None),
    ("adopted resolution 1483", "1483", "identifier", 1483, None),
    ("the 82nd Airborne", "82nd", "identifier", 82, None),
    ("two-thirds of voters", "two-thirds", "ratio", 2 / 3, "voters"),
])
def test_kinds(text: str, figure: str, kind: str, value: float, unit: str | None) -> None:
    candidate = one(text, figure)
    assert (candidate.kind, candidate.value, candidate.unit) == (kind, value, unit)


# --------------------------------------------------------------------------- qualifiers

@pytest.mark.parametrize(("text", "figure", "qualifier", "words"), [
    ("some 150,000 troops", "150,000", "approximately", "some"),
    ("about 40 men", "40", "approximately", "about"),
    ("around 40 men", "40", "approximately", "around"),
    ("roughly 40 men", "40", "approximately", "roughly"),
    ("approximately 40 men", "40", "approximately", "approximately"),
    ("an estimated 40 men", "40", "approximately", "an estimated"),
    ("nearly $20 billion", "$20 billion", "nearly", "nearly"),
    ("almost 1,000 bodies", "1,000", "nearly", "almost"),
    ("close to 40 men", "40", "nearly", "close to"),
    ("just under 40 men", "40", "nearly", "just under"),
    ("at least 266 civilians", "266", "at least", "at least"),
    ("no fewer than 40 men", "40", "at least", "no fewer than"),
    ("more than 40 men", "40", "more than", "more than"),
    ("over 40 men", "40", "more than", "over"),
    ("above 40 men", "40", "more than", "above"),
    ("upwards of 40 men", "40", "more than", "upwards of"),
    ("up to 623 people", "623", "up to", "up to"),
    ("as many as 623 people", "623", "up to", "as many as"),
    ("less than 40 men", "40", "less than", "less than"),
    ("fewer than 40 men", "40", "less than", "fewer than"),
    ("under 40 men", "40", "less than", "under"),
    ("at most 40 men", "40", "at most", "at most"),
    ("no more than 40 men", "40", "at most", "no more than"),
    ("More than a dozen people", "a dozen", "more than", "More than"),
    ("an extra 27,000 US troops", "27,000", "exact", None),
    ("another 200,000 would", "200,000", "exact", None),
])
def test_qualifiers(text: str, figure: str, qualifier: str, words: str | None) -> None:
    candidate = one(text, figure)
    assert candidate.qualifier == qualifier
    if words is None:
        assert candidate.qualifier_span is None
    else:
        assert candidate.qualifier_span is not None
        start, end = candidate.qualifier_span
        assert text[start:end] == words


def test_over_before_a_duration_is_not_a_bound() -> None:
    assert one("over three years", "three years").qualifier == "exact"


@pytest.mark.parametrize(("text", "figure", "lower", "upper", "kind"), [
    ("two to three times larger", "two to three times", 2, 3, "ratio"),
    ("between 2,000 and 3,000 people", "between 2,000 and 3,000", 2000, 3000, "count"),
    ("10-20 people", "10-20", 10, 20, "count"),
    ("10–20%", "10–20%", 10, 20, "percent"),
    ("two to three million people", "two to three million", 2000000, 3000000, "count"),
    ("$10-20 billion", "$10-20 billion", 10**10, 2 * 10**10, "money"),
    ("for two to three years", "two to three years", 2, 3, "duration"),
])
def test_ranges(text: str, figure: str, lower: float, upper: float, kind: str) -> None:
    candidate = one(text, figure)
    assert (candidate.value, candidate.lower, candidate.upper, candidate.qualifier,
            candidate.kind) == (None, lower, upper, "range", kind)


@pytest.mark.parametrize("text", ["rose from 10 to 20", "call 1-222-2222"])
def test_not_ranges(text: str) -> None:
    assert all(c.qualifier != "range" for c in extract(text))


# --------------------------------------------------------------------------- read_figure

@pytest.mark.parametrize(("text", "value"), [
    ("150,000", 150000), ("$20 billion", 20000000000), ("61%", 61), ("a dozen", 12),
    ("A million and a half", 1500000), ("two-thirds", 2 / 3), ("double", 2),
    ("four times", 4), ("six months", 6), ("1940s", 1940), ("a thousand", 1000),
])
def test_read_figure(text: str, value: float) -> None:
    reading = read_figure(text)
    assert reading is not None and reading.value == value


@pytest.mark.parametrize("text", ["nearly $20 billion", " 150,000", "150,000 ", "150,000 troops",
                                  "some 150,000", "", "troops", "150,000 and 3"])
def test_read_figure_needs_exactly_one_figure(text: str) -> None:
    assert read_figure(text) is None


def test_read_figure_range() -> None:
    reading = read_figure("two to three times")
    assert reading is not None
    assert (reading.value, reading.lower, reading.upper) == (None, 2, 3)


@pytest.mark.parametrize(("text", "values"), [
    ("thousand thousand", [1000, 1000]), ("thousand\xa0thousand troops", [1000, 1000]),
    ("million million", [10**6, 10**6]), ("thousand million", [10**9]),
])
def test_a_bare_scale_word_is_one_of_itself(text: str, values: list[int]) -> None:
    # Issue 13: a bare scale word reads as one of it (as w2n and number-parser read
    # "hundred"); two in a row that do not multiply are two numbers.
    assert [c.value for c in extract(text)] == values
    reading = read_figure("thousand")
    assert reading is not None and reading.value == 1000


# Letters Python's case-insensitive patterns match with an ASCII one, which str.lower()
# keeps apart: the lexicon lookups must fold them the same way (they used to raise).
_LOOKALIKES = {"s": "\u017f", "i": "\u0131", "I": "\u0130", "k": "\u212a"}
_LEXICON_WORDS = sorted({word for value in vars(lex).values()
                         if isinstance(value, dict | frozenset | set | tuple)
                         for word in value if isinstance(word, str) and word.strip()})


@settings(max_examples=300)
@given(st.sampled_from(_LEXICON_WORDS), st.data(),
       st.sampled_from(["5 {}", "{} 5 troops", "12 {} 2004", "about 5 {}", "{} 5"]))
def test_lexicon_words_spelt_with_lookalike_letters_never_raise(
        word: str, data: st.DataObject, frame: str) -> None:
    spelt = "".join(data.draw(st.sampled_from([c, _LOOKALIKES[c]])) if c in _LOOKALIKES
                    else c for c in word)
    _check_invariants(frame.format(spelt))
    find_quantities(frame.format(spelt), bare_units=True)


def test_lookalike_letters_read_as_their_ascii_twins() -> None:
    [candidate] = extract("5 dollar\u017f")
    assert (candidate.value, candidate.unit) == (5, "USD")
    [candidate] = extract("\u017fome 5 troops")
    assert candidate.qualifier == "approximately"
