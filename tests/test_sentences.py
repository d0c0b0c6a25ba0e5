"""The one sentence splitter: abbreviations, initials, quotations, headings, list items,
page breaks, and the quote-scope rule built on it."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimset.grammar.sentences import (
    ABBREVIATIONS,
    is_whole_sentences,
    sentence_at,
    sentence_bounds,
    sentence_spans,
    sentences_of,
)


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(("text", "sentences"), [
    ("One. Two. Three.", ["One.", "Two.", "Three."]),
    ("Gen. Douglas MacArthur landed. Then he left.",
     ["Gen. Douglas MacArthur landed.", "Then he left."]),
    ("The U.S. sent troops. Britain did too.", ["The U.S. sent troops.", "Britain did too."]),
    ("Dr. Smith and Mr. Jones met Lt. Col. Brown today. Fine.",
     ["Dr. Smith and Mr. Jones met Lt. Col. Brown today.", "Fine."]),
    ("L. Paul Bremer III was sent. Ivo H. Daalder wrote.",
     ["L. Paul Bremer III was sent.", "Ivo H. Daalder wrote."]),
    ("See Policy Analysis No. 610 today. Next.", ["See Policy Analysis No. 610 today.", "Next."]),
    ("It cost 2.5 million. It rose.", ["It cost 2.5 million.", "It rose."]),
    ("What now? Nothing! Fine.", ["What now?", "Nothing!", "Fine."]),
    ("He said “it cost 3.5 million.” Then left.", ["He said “it cost 3.5 million.”",
                                                   "Then left."]),
    ('He shouted, "We are heroes…. As far as we know, we won," and left. Next.',
     ['He shouted, "We are heroes…. As far as we know, we won," and left.', "Next."]),
    ("Many shouted, 'No to the US. No to Saddam.' Others sang.",
     ["Many shouted, 'No to the US. No to Saddam.'", "Others sang."]),
    ("Saddam's sons were killed. They didn't care.",
     ["Saddam's sons were killed.", "They didn't care."]),
    ("the neo-cons... Makiya was there.", ["the neo-cons...", "Makiya was there."]),
    ("Iraq: The Way Out\n\nThank you all.", ["Iraq: The Way Out", "Thank you all."]),
    ("The point is in the\n\ntitles of two books. Next.",
     ["The point is in the\n\ntitles of two books.", "Next."]),
    ("Figures\n- 150,000 troops\n- $20 billion\nEnd of list.",
     ["Figures", "- 150,000 troops", "- $20 billion", "End of list."]),
    ("# Heading\nA wrapped line with\n42 people in it.",
     ["# Heading", "A wrapped line with\n42 people in it."]),
    ("Costs\nThe bill came to $5.", ["Costs", "The bill came to $5."]),
    ("1. First item\n2. Second item", ["1. First item", "2. Second item"]),
    ("e.g. the troops came. Then.", ["e.g. the troops came.", "Then."]),
    ("", []),
    ("   ", []),
])
def test_sentences(text: str, sentences: list[str]) -> None:
    assert split(text) == sentences


def test_a_hard_wrapped_paragraph_is_not_a_heading() -> None:
    text = ("Over the next year the number of civilian victims rose sharply and\n"
            "American forces killed 2,096 people.")
    assert split(text) == [text]


# Words of two letters or more that are no abbreviation ("ca.", "fig." never end one).
WORD = st.text(alphabet="abcdefghij", min_size=2, max_size=6).filter(
    lambda word: word not in ABBREVIATIONS and word not in {"ch", "dec", "fig", "jan", "feb"})


@st.composite
def prose(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Sentences of lower-case words, each capitalised and ended by a stop, some with an
    abbreviation, an initial or a quotation inside."""
    sentences = []
    for _ in range(draw(st.integers(1, 6))):
        words = draw(st.lists(WORD, min_size=1, max_size=8))
        inside = draw(st.sampled_from(["", "Gen. Smith", "the U.S.", "J. Doe",
                                       "'no. Yes.'", "No. 12", "2.5 million"]))
        if inside:
            words.insert(draw(st.integers(0, len(words))), inside)
        sentence = " ".join(words)
        sentences.append(sentence[0].upper() + sentence[1:] + draw(st.sampled_from(
            [".", "!", "?", ".”"])))
    return " ".join(sentences), sentences


@given(prose())
def test_generated_prose_splits_where_its_sentences_end(case: tuple[str, list[str]]) -> None:
    text, sentences = case
    assert split(text) == sentences


@given(st.text(alphabet=st.sampled_from("ab .?!\n'\"“”‘’-:1A"), max_size=80))
def test_sentences_are_disjoint_ordered_and_trimmed(text: str) -> None:
    previous_end = 0
    for start, end in sentence_spans(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    spans = sentence_spans(text)
    assert text[:spans[0][0] if spans else len(text)].strip() == ""
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert text[end:start].strip() == ""


@given(prose(), st.data())
def test_every_position_is_in_the_sentence_sentence_at_gives(case: tuple[str, list[str]],
                                                             data: st.DataObject) -> None:
    text, _ = case
    position = data.draw(st.integers(0, len(text) - 1))
    start, end = sentence_at(text, position)
    assert start <= position or text[position:start].strip() == ""
    assert any((start, end) == span for span in sentence_spans(text))


def test_whole_sentences() -> None:
    text = "He came. Almost everyone argues that 150,000 were there. Then he left."
    second = text.index("Almost")
    end = text.index("there.") + len("there.")
    assert is_whole_sentences(text, second, end)
    assert is_whole_sentences(text, second, end - 1)  # without its full stop
    assert is_whole_sentences(text, 0, end)
    assert not is_whole_sentences(text, text.index("150,000"), end)  # cut at its start
    assert not is_whole_sentences(text, second, text.index(" were"))  # cut inside


def test_a_question_mark_is_never_left_off() -> None:
    text = "Were 150,000 enough? Nobody knows."
    assert is_whole_sentences(text, 0, text.index("?") + 1)
    assert not is_whole_sentences(text, 0, text.index("?"))


def test_sentences_of_a_span_across_two() -> None:
    text = "One two. Three four. Five."
    assert sentences_of(text, text.index("two"), text.index("Three") + 3) == [(0, 8), (9, 20)]


def test_sentence_bounds_reports_the_reach() -> None:
    text = "word " * 500 + "150 people. End."
    start = text.index("150")
    begin, finish, cut_left, cut_right = sentence_bounds(text, start, start + 3, reach=50)
    assert cut_left and not cut_right and begin == start - 50
    assert text[finish - 1] == "."
