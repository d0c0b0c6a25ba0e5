"""``iter_extract``: the same figures as ``extract()``, read in memory that does not grow.

Issue 12: a seed of ``1 1 1 …`` cost 5.5 GB to extract.  The extractor now reads a
text as a stream: runs of number words are read in pieces of at most
``MAX_RUN_TOKENS`` tokens, the context words far behind are forgotten, and the
"a month", "a dollar" additions are merged in as they come.  None of that may change
a figure.
"""

from __future__ import annotations

import tracemalloc
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimset.grammar import _context, _scan, _tokens
from claimset.grammar import extract as extract_module
from claimset.grammar.extract import extract, iter_extract

ROOT = Path(__file__).resolve().parent.parent

# Words that make numbers, join them, hedge them and give them units: a run of these
# is where the streaming pieces meet.
_WORDS = ["1", "2", "15", "1,000", "3.5", "one", "two", "twenty", "hundred", "thousand",
          "million", "a", "an", "and", "to", "-", "between", "from", "half", "a few",
          "dozens", "of", "several", "minus", "$5", "€20", "61%", "per cent", "times",
          "twice", "a month", "a year", "a dollar", "June", "30,", "2004", "troops", "the",
          "one of", "nearly", "some", "bn", "k", "www.example.org/1", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=60))
def test_the_stream_is_the_list(words: list[str]) -> None:
    text = " ".join(words)
    assert list(iter_extract(text)) == extract(text)


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda p: p.name)
def test_a_seed_streams_to_the_same_figures(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert list(iter_extract(text)) == extract(text)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=20, max_size=120))
def test_a_run_read_in_pieces_reads_as_one(words: list[str]) -> None:
    """Cutting runs every 24 tokens (reading up to 12 before the cut) changes no figure:
    no number here is longer than 12 tokens, so each is read whole in one piece."""
    text = " ".join(words)
    whole = extract(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_tokens, "MAX_RUN_TOKENS", 24)
        patch.setattr(_scan, "MAX_RUN_TOKENS", 24)
        patch.setattr(_scan, "_RUN_TAIL", 12)
        pieces = extract(text)
    assert pieces == whole


@pytest.mark.parametrize("unit", ["1 one hundred and twenty-five 2 3.5 million",
                                  "1 2 3", "one", "a few hundred", "twenty-one 7 and 3"])
def test_a_run_longer_than_a_piece_reads_as_if_whole(unit: str) -> None:
    text = " ".join([unit] * 400)  # one run of up to 3,200 tokens: several pieces
    found = extract(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_tokens, "MAX_RUN_TOKENS", 10**6)
        patch.setattr(_scan, "MAX_RUN_TOKENS", 10**6)
        whole = extract(text)
    assert found == whole
    assert len(found) >= 400
    assert all(a.end <= b.start for a, b in pairwise(found))
    assert all(text[c.start:c.end] == c.text for c in found)


def test_forgetting_context_words_changes_no_figure() -> None:
    text = "some 1,000 troops and nearly $20 billion, a month later 61 per cent " * 300
    whole = extract(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_context, "_KEEP_POSITIONS", 2)  # forget early and often ...
        patch.setattr(extract_module, "_WORDS_KEPT_BEHIND", 0)  # ... all that is behind
        assert extract(text) == whole


def _stream_peak(text: str) -> int:
    tracemalloc.start()
    try:
        for _ in iter_extract(text):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_streaming_memory_does_not_grow_with_number_dense_text() -> None:
    """Twice the figures cost no more than a few copies of the extra text (the text
    itself is lower-cased once): what the reader holds does not grow with the figures."""
    extract("1 a month, a dollar")  # compiled patterns are not the text's cost
    small, large = "1 " * 10_000, "1 " * 20_000
    small_peak, large_peak = _stream_peak(small), _stream_peak(large)
    assert large_peak - small_peak < 4 * (len(large) - len(small))
    assert large_peak < 20 * len(large)
