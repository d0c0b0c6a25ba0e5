"""Property tests: any text, any valid span, and the exactness of the check.

Offsets are code points and nothing is normalised, so astral characters,
combining marks, CRLF and curly quotes must behave like any other character.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import claimset
from claimset.core.errors import DatasetError
from claimset.core.vocabulary import QUALIFIER_BOUNDS

from conftest import source_document, write_checkout, write_source_file

# Characters that make offsets differ between code points, UTF-16 and UTF-8.
TRICKY = ["\U0001F600", "\U00010348", "e\u0301", "\u0301", "\r\n", "\u2019", "\u201c", "\u2026",
          "\u2013", "\u200b", "\u200f", "\ufeff", " ", "\n", "a"]
texts = st.lists(st.sampled_from(TRICKY) | st.characters(
    blacklist_categories=("Cs", "Nd", "No", "Nl"), blacklist_characters="\x00"),
    max_size=30).map("".join)
FIGURE = "150,000"


def build(prefix: str, before: str, after: str, suffix: str) -> tuple[str, dict[str, object]]:
    text = prefix + before + FIGURE + after + suffix
    quote_start = len(prefix)
    figure_start = quote_start + len(before)
    quote_end = figure_start + len(FIGURE) + len(after)
    claim = {
        "id": "demo/figure",
        "quote": {"start": quote_start, "end": quote_end, "text": text[quote_start:quote_end]},
        "figure": {"start": figure_start, "end": figure_start + len(FIGURE), "text": FIGURE},
        "value": 150000, "unit": "troops", "qualifier": "exact", "lower": None, "upper": None,
        "measure": "a figure", "period": None, "place": None, "attribution": None,
        "stance": "asserted", "tags": [], "note": None,
    }
    return text, read_as_the_grammar_does(text, claim)


def read_as_the_grammar_does(text: str, claim: dict[str, object]) -> dict[str, object]:
    """The claim with the qualifier the words around its figure state ("150,000+" is at least).

    The checker reads the qualifier with the one number grammar (CS214), so a claim
    built from any surrounding text must record what that grammar reads there.
    """
    figure = claim["figure"]
    assert isinstance(figure, dict)
    for candidate in claimset.extract(text):
        if (candidate.start, candidate.end) == (figure["start"], figure["end"]):
            qualifier = candidate.qualifier
            bounds = QUALIFIER_BOUNDS[qualifier]
            return {**claim, "qualifier": qualifier,
                    "lower": _bound(candidate.lower, claim["value"], "lower" in bounds),
                    "upper": _bound(candidate.upper, claim["value"], "upper" in bounds)}
    return claim


def _bound(stated: object, value: object, carried: bool) -> object:
    if stated is not None:
        return stated
    return value if carried else None


def codes_for(text: str, claim: dict[str, object]) -> set[str]:
    assume(not text.startswith("\ufeff"))  # a leading U+FEFF is a BOM: refused (CS303)
    with tempfile.TemporaryDirectory() as directory:
        root = write_checkout(Path(directory), text=text, claims=[claim])
        # Citations of any text: the checks of meaning (whole sentences, frames) read
        # sentences, which text made of tricky characters need not have.
        codes = claimset.validate(root, coverage=False, meaning=False).codes()
        # load() decides the common case by a shorter route: it must agree with the checks
        # it stands for.
        expected = {problem.code for problem in claimset.validate(
            root, values=False, coverage=False, canonical=False, meaning=False).errors}
        try:
            claimset.load(root)
            loaded: set[str] = set()
        except DatasetError as error:
            loaded = {problem.code for problem in error.problems}
        assert loaded == expected
        return codes


PROPERTY_SETTINGS = settings(max_examples=60, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(texts, texts, texts, texts)
@example("", "", "", "+")  # "150,000+" states "at least": hypothesis found it
def test_a_claim_built_from_any_text_validates(prefix: str, before: str, after: str,
                                               suffix: str) -> None:
    text, claim = build(prefix, before, after, suffix)
    assert codes_for(text, claim) == set()


@PROPERTY_SETTINGS
@given(texts, texts, texts, texts, st.data())
def test_changing_one_character_of_the_quote_fails_with_cs201(
        prefix: str, before: str, after: str, suffix: str, data: st.DataObject) -> None:
    text, claim = build(prefix, before, after, suffix)
    quote = dict(claim["quote"])  # type: ignore[arg-type]
    position = data.draw(st.integers(0, len(quote["text"]) - 1))
    replacement = data.draw(st.sampled_from([*TRICKY[:3], "x", "0"]).filter(
        lambda c: c != quote["text"][position]))
    quote["text"] = quote["text"][:position] + replacement + quote["text"][position + 1:]
    assert "CS201" in codes_for(text, {**claim, "quote": quote})


@PROPERTY_SETTINGS
@given(texts, texts, texts, texts, st.sampled_from(["quote", "figure"]),
       st.sampled_from(["start", "end"]), st.sampled_from([-1, 1]))
def test_moving_an_offset_by_one_fails_with_the_right_code(
        prefix: str, before: str, after: str, suffix: str, which: str, key: str,
        step: int) -> None:
    text, claim = build(prefix, before, after, suffix)
    span = dict(claim[which])  # type: ignore[arg-type]
    span[key] += step
    if span[key] < 0:
        return  # the schema forbids negative offsets; tested elsewhere
    mismatch = "CS201" if which == "quote" else "CS202"
    codes = codes_for(text, {**claim, which: span})
    assert codes & {mismatch, "CS203", "CS204"}, codes


def test_the_source_document_in_the_helpers_matches_the_text(tmp_path: Path) -> None:
    text, claim = build("\U0001F600", "e\u0301 ", " \u2019", "\r\n")
    root = write_checkout(tmp_path, text=text, claims=[claim])
    write_source_file(root, source_document(text, [claim]))
    assert claimset.validate(root, coverage=False, meaning=False).ok
