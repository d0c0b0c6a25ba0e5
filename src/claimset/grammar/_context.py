"""The plain words beside a position, found once per text and shared by every probe."""

from __future__ import annotations

import re
from collections.abc import Iterable

from claimset.grammar import _lexicon as lex

_CLOSING = {"(": ")", "[": "]"}


def is_marker(text: str, start: int, end: int) -> bool:
    """ "(1)", "[3]": a number of one to three digits alone in brackets is a footnote or
    list marker, not a count."""
    return start > 0 and end - start <= 3 and text[start:end].isdigit() and \
        _CLOSING.get(text[start - 1]) == text[end:end + 1]


_OWNER_BEFORE = re.compile(r"(?<![\w])(?P<w>[A-Za-z]+)[ \t]+$")


def names_a_year(text: str, start: int, round_number: bool) -> bool:
    """Whether the four digits at ``start`` are a year even before a plural noun: glued
    to ``FY`` ("FY2024 appropriations") or, unless round, after ``the``, ``its``... ("the
    2023 figures"; "the 2000 people" stays a count)."""
    if text[max(0, start - 2):start] == "FY":
        return True
    owner = _OWNER_BEFORE.search(text, max(0, start - 8), start)
    return not round_number and owner is not None and owner.group("w").lower() in lex.YEAR_OWNERS


# --------------------------------------------------------------------------- context words

# Every figure is read in context: a dozen regex probes look for a qualifier, a
# currency, a month, "percent" ... right before or after it.  Each probe costs a
# regex call, and for almost every figure none of them matches.  In the usual
# case the figure stands between spaces with a plain word on each side ("some
# 150,000 troops"), and then the word alone settles most probes: a probe whose
# match would end (or start) with a whole word there can only match when that
# word is one of its own.  Those words are kept next to each probe (``*WORDS``,
# lower case); ``word_before`` and ``word_after`` give the plain word, or None
# when the text there is anything else (a tab, a line break, punctuation, a
# non-ASCII letter, text edges), and then the probe runs.  Being ASCII letters,
# the word folds case exactly as the regexes do.  tests/test_numbers_context.py
# checks every probe against its word set, on every lexicon word and random text.


def word_before(text: str, pos: int) -> str | None:
    """The word of ASCII letters in `` word `` right before ``pos``, or None.

    "the 5" -> "the" (``pos`` at 5); "(about 5", "city’s 5", "about  5" -> None.
    """
    if pos < 3 or text[pos - 1] != " ":
        return None
    space = text.rfind(" ", max(0, pos - 40), pos - 1)
    word = text[space + 1:pos - 1]
    if space < 0 or not (word.isascii() and word.isalpha()):
        return None
    return word


def word_after(text: str, pos: int) -> str | None:
    """The word of ASCII letters in `` word `` right after ``pos``, or None.

    "5 troops are" -> "troops" (``pos`` after 5); "5 troops." -> None.
    """
    if text[pos:pos + 1] != " ":
        return None
    space = text.find(" ", pos + 1, pos + 40)
    word = text[pos + 1:space]
    if space < 0 or not (word.isascii() and word.isalpha()):
        return None
    return word


#: Positions :class:`PlainWords` keeps before :meth:`PlainWords.forget_before` prunes.
_KEEP_POSITIONS = 1024


class PlainWords:
    """``word_before`` and ``word_after`` of one text, lower-cased, each found once.

    All layers ask about the same two neighbours of a figure (its run, its sign,
    currency, percent, qualifier, unit ...), so a dict per text keeps them.
    ``may_end(pos, words)`` says whether a probe that must end at ``pos`` with
    one of ``words`` (then blanks) can match, ``may_start`` the same after ``pos``.
    """

    __slots__ = ("_after", "_before", "_forget_at", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # "" marks a position not looked at yet: a plain word is never empty
        self._before: dict[int, str | None] = {}
        self._after: dict[int, str | None] = {}
        self._forget_at = _KEEP_POSITIONS

    def before(self, pos: int) -> str | None:
        word = self._before.get(pos, "")
        if word == "":
            word = self._before[pos] = _lower(word_before(self.text, pos))
        return word

    def after(self, pos: int) -> str | None:
        word = self._after.get(pos, "")
        if word == "":
            word = self._after[pos] = _lower(word_after(self.text, pos))
        return word

    def forget_before(self, pos: int) -> None:
        """Drop what was found before ``pos`` once many positions are kept.

        The extractor reads left to right and asks only about positions near the
        figure it reads, so a streaming read keeps its memory bounded by forgetting
        what lies far behind; a forgotten position asked again is found again, so
        forgetting changes no answer.
        """
        if len(self._before) + len(self._after) < self._forget_at:
            return
        self._before = {at: word for at, word in self._before.items() if at >= pos}
        self._after = {at: word for at, word in self._after.items() if at >= pos}
        # Next time only when as many again have come: on number-dense text more than
        # _KEEP_POSITIONS may lie after ``pos``, and pruning at every figure would cost
        # all of them each time.
        self._forget_at = max(_KEEP_POSITIONS, 2 * (len(self._before) + len(self._after)))

    def may_end(self, pos: int, words: frozenset[str]) -> bool:
        word = self._before.get(pos, "")
        if word == "":
            word = self.before(pos)
        return word is None or word in words

    def may_start(self, pos: int, words: frozenset[str]) -> bool:
        word = self._after.get(pos, "")
        if word == "":
            word = self.after(pos)
        return word is None or word in words


def _lower(word: str | None) -> str | None:
    return None if word is None else word.lower()


def first_words(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(phrase.split(" ")[0] for phrase in phrases)

