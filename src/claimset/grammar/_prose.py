"""Words and clauses of a sentence: the small reader the meaning rules share.

:mod:`~claimset.grammar.frames`, :mod:`~claimset.grammar.references`,
:mod:`~claimset.grammar.facts` and :mod:`~claimset.grammar.reasons` see a sentence as
words with their code-point spans, and split it into clauses where English marks
them: a semicolon, a colon, a dash or a bracket; a comma before a coordinator or a
subordinator; "but" or "yet"; and the comma that ends a clause opened by "if",
"although", "when" ...  No parser: a clause here is where a hedge or a negation stops
governing, which is all these rules ask.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable

import attrs

from claimset.core.construct import positional_constructor
from claimset.core.meaning import CLAUSE_COORDINATORS, SUBORDINATORS
from claimset.grammar._words import trie_alternation

__all__ = [
    "Word",
    "WordIndex",
    "clause_of",
    "clauses",
    "first_word",
    "first_words",
    "quotations",
    "quote_role",
    "tokens",
    "words",
]

# A word: an abbreviation with dots ("U.S."), a numeral glued to letters ("82nd"), a
# digit group ("2,096", "1.5"), or letters with apostrophes inside ("didn't", "Iraq's");
# a hyphen or a slash splits words ("US-led" is "US", "led").
_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|\d+[^\W\d_]+|\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*")
# Strong clause boundaries: ; : ( ) [ ] and dashes set off by spaces (or doubled).
_STRONG = re.compile(r"[;:()\[\]]|\s[—–]\s|—|\s--\s")
_COMMA_THEN = re.compile(r",\s+([A-Za-z]+)")
_CLAUSE_COMMA = re.compile(r",(?=\s)")
_BUT = re.compile(r"\s(?:but|yet)\s", re.IGNORECASE)


@attrs.frozen
class Word:
    """A word of a text at ``text[start:end]``; ``lower`` is its case-folded form."""

    start: int
    end: int
    text: str
    lower: str


_word = positional_constructor(Word)


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]`` in order (abbreviations such as "U.S." are one)."""
    return [_word(match.start(), match.end(), token, token.casefold())
            for match in _WORD.finditer(text, start, len(text) if end is None else end)
            for token in (match.group(),)]


def tokens(text: str) -> list[str]:
    """Every word of ``text``, as written (no positions: what a scan for facts needs)."""
    return _WORD.findall(text)


def first_word(text: str, start: int, end: int) -> str:
    """The first word of ``text[start:end]``, case-folded ("" when there is none)."""
    match = _WORD.search(text, start, end)
    return match.group().casefold() if match is not None else ""


_LETTERS = re.compile(r"[^\W\d_]+")


class WordIndex:
    """Where the words of one vocabulary occur in texts: each text is scanned once, by one
    trie-shaped regex (cached for the last few texts), and :meth:`any_between` is then a
    bisection.  This is the rules' cheap test before they read a sentence word by word:
    a sentence with no frame word has no frame."""

    def __init__(self, vocabulary: frozenset[str]) -> None:
        self._pattern = re.compile(r"(?<![\w'’])(?:" + trie_alternation(sorted(vocabulary))
                                   + r")(?![\w])", re.IGNORECASE)
        self._positions = functools.lru_cache(maxsize=8)(self._scan)

    def _scan(self, text: str) -> list[int]:
        return [match.start() for match in self._pattern.finditer(text)]

    def any_between(self, text: str, start: int, end: int) -> bool:
        """Whether a word of the vocabulary starts in ``text[start:end]``."""
        positions = self._positions(text)
        at = bisect.bisect_left(positions, start)
        return at < len(positions) and positions[at] < end


def first_words(vocabulary: Iterable[str]) -> frozenset[str]:
    """The words a phrase of ``vocabulary`` can be found by: each word of each phrase, in
    lower case, split at every character that is not a letter ("n't" gives "n" and "t")."""
    return frozenset(word for phrase in vocabulary for word in _LETTERS.findall(phrase.lower()))


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of the sentence ``text[start:end]``, in order, covering it."""
    cuts = {start, end}
    for match in _STRONG.finditer(text, start, end):
        cuts.add(match.start())
        cuts.add(match.end())
    for match in _COMMA_THEN.finditer(text, start, end):
        following = match.group(1).casefold()
        # ", and", ", but", ", which", ", although": a new clause (or a list's next item,
        # which no hedge of the one before governs either).
        if following in SUBORDINATORS or following in CLAUSE_COORDINATORS or \
                following in {"which", "who", "whom", "whose"}:
            cuts.add(match.start() + 1)
    for match in _BUT.finditer(text, start, end):
        cuts.add(match.start() + 1)
    ordered = sorted(cut for cut in cuts if start <= cut <= end)
    spans = [(low, high) for low, high in itertools.pairwise(ordered) if high > low]
    result: list[tuple[int, int]] = []
    for low, high in spans:
        # A clause opened by a subordinator ("If X, Y") ends at its first comma.
        if first_word(text, low, min(high, low + 40)) in SUBORDINATORS:
            comma = _CLAUSE_COMMA.search(text, low, high)
            if comma is not None:
                result.extend([(low, comma.start() + 1), (comma.start() + 1, high)])
                continue
        result.append((low, high))
    return result


def clause_of(text: str, start: int, end: int, position: int) -> tuple[int, int]:
    """The clause of the sentence ``text[start:end]`` that holds ``text[position]``."""
    for low, high in clauses(text, start, end):
        if low <= position < high:
            return low, high
    return start, end


#: What may stand before an opening quotation mark.
_BEFORE_OPENING = " \t\n([{“\"‘'—–-:/«"
#: Which opening marks each closing mark closes.
CLOSES: dict[str, str] = {"”": "“\"", "’": "‘'", "»": "«", "\"": "\"“", "'": "'‘"}
QUOTE_MARKS = "\"“”'‘’«»"


def quote_role(text: str, at: int) -> str:
    """What the quotation mark ``text[at]`` does: ``open``, ``close`` or ``apostrophe``
    (a letter on both sides: "Saddam's", "don't").  A straight mark after a space and
    before a word opens; one that cannot open closes."""
    mark = text[at]
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if mark in "'’" and before.isalnum() and after.isalpha():
        return "apostrophe"
    if mark in "“‘«" or (mark in "\"'" and before in _BEFORE_OPENING and not after.isspace()):
        return "open"
    return "close"


def quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quotations inside ``text[start:end]`` as ``(opening mark, closing mark)``
    positions, outermost first; a mark that closes nothing is ignored, and a quotation
    still open at ``end`` runs to it."""
    found: list[tuple[int, int]] = []
    open_marks: list[tuple[str, int]] = []
    for at in range(start, end):
        if text[at] not in QUOTE_MARKS:
            continue
        role = quote_role(text, at)
        if role == "open":
            if len(open_marks) < 4:
                open_marks.append((text[at], at))
        elif role == "close":
            for depth in range(len(open_marks) - 1, -1, -1):
                if open_marks[depth][0] in CLOSES[text[at]]:
                    found.append((open_marks[depth][1], at))
                    del open_marks[depth:]
                    break
    found.extend((opened, end) for _, opened in open_marks)
    return sorted(found)
