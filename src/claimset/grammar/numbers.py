"""The number grammar: finds numeric expressions in English text and computes them.

This is the only number parser in claimset; the extractor and the dataset checker
both stand on it.  Two layers of output:

* :func:`find_numbers` - bare numbers: "150,000", "3.5 million", "one hundred and
  six", "a million and a half", "two-thirds", "a dozen", "82nd", "1940s", "double".
* :func:`find_quantities` - numbers with what is written around them: currency
  ("$20 billion", "20 billion dollars"), percent ("61%", "61 per cent") and
  multipliers ("four times").

How it stays fast and linear: one compiled anchor regex (a trie of the number
words, plus digits) finds where a number may start; from there a run of number
tokens is read once with bounded regexes, and a small state machine reads
numbers out of the run.  Every number the grammar accepts has a bounded number
of tokens (scales must decrease), so no input makes it go back further than a
handful of tokens.  All arithmetic is exact (:class:`fractions.Fraction`) and
only turned into ``int``/``float`` at the end.

The work is split by job into private modules (``_tokens``, ``_cardinal_numbers``,
``_number_forms``, ``_scan``, ``_quantities`` ...); ``claimset.grammar``'s docstring
maps them all.
"""

from __future__ import annotations

from claimset.grammar._context import PlainWords, word_after, word_before
from claimset.grammar._quantities import find_quantities, iter_quantities, read_quantities
from claimset.grammar._scan import scan_numbers
from claimset.grammar._values import Number, Quantity, to_python
from claimset.grammar._words import NUMBER_WORDS, fold, trie_alternation

__all__ = ["NUMBER_WORDS", "Number", "PlainWords", "Quantity", "find_numbers", "find_quantities",
           "fold", "iter_quantities", "read_quantities", "to_python", "trie_alternation",
           "word_after", "word_before"]


def find_numbers(text: str) -> list[Number]:
    """Every bare number in ``text``, sorted and disjoint."""
    return scan_numbers(text, PlainWords(text))
