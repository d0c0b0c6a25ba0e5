"""What a figure's clause says of when it holds: a present perfect, or words of time.

A count stated in a present perfect ("Iraq's neighbours have held several rounds of
talks", "Conflicts have grown within the two main groups") is a stock at the time of
writing; a clause that names a time of its own ("at the time", "then", "before he was
killed", "in 1991") or a modal perfect ("would have sent", "may have died") is not.
The curation assistant dates such a figure at the text's date
(:mod:`claimset.contrib.periods`), and drafts a period of ``null`` for a counterfactual
whose sentence names no time (:mod:`claimset.contrib.drafts`).

Clauses are the meaning rules' (:func:`claimset.grammar._prose.clause_of`, as
:mod:`claimset.grammar.frames` reads them); the words are
:mod:`claimset.core.curation`'s.
"""

from __future__ import annotations

import re

from claimset.core.curation import (
    IRREGULAR_PARTICIPLES,
    NOT_PARTICIPLES,
    PERFECT_INSERTS,
    TIME_WORDS,
    WEEKDAYS,
)
from claimset.core.meaning import COUNTERFACTUAL_MODALS, MONTH_NAMES
from claimset.grammar._prose import clause_of, words
from claimset.grammar.sentences import sentence_at

__all__ = ["clause_around", "names_a_time", "present_perfect_in_clause"]

#: Words before "have" that make it a modal perfect or an infinitive, not a present perfect.
_NOT_PRESENT = COUNTERFACTUAL_MODALS | {"may", "must", "will", "shall", "can", "to", "had"}
_MONTHS = frozenset(month.casefold() for month in MONTH_NAMES)
#: Several words that name a time together ("at the time", "that year").
_TIME_PHRASES = re.compile(r"\b(?:at[ \t]+the[ \t]+time|at[ \t]+that[ \t]+(?:time|point|moment)|"
                           r"(?:that|the[ \t]+same|the[ \t]+previous|the[ \t]+following)[ \t]+"
                           r"(?:year|month|week|day|period|decade|spring|summer|autumn|"
                           r"winter))\b", re.IGNORECASE)


def clause_around(text: str, position: int) -> tuple[int, int]:
    """The clause holding ``text[position]``, in the meaning rules' reading of its sentence."""
    sentence = sentence_at(text, position)
    return clause_of(text, sentence[0], sentence[1], position)


def _is_participle(word: str) -> bool:
    if word in NOT_PARTICIPLES:
        return False
    return word in IRREGULAR_PARTICIPLES or (len(word) > 3 and word.endswith("ed"))


def present_perfect_in_clause(text: str, start: int, end: int) -> bool:
    """Whether the clause of ``text[start:end]`` has a present perfect ("have gone", "has
    been written", "have been battling"), not a modal perfect ("would have done") or a
    possession ("have 40 doctors")."""
    low, high = clause_around(text, start)
    said = words(text, low, max(high, end))
    for index, word in enumerate(said):
        if word.lower not in ("have", "has", "'ve", "’ve"):
            continue
        if index and said[index - 1].lower in _NOT_PRESENT:
            continue
        following = index + 1
        while following < len(said) and said[following].lower in PERFECT_INSERTS:
            following += 1
        if following < len(said) and (said[following].lower == "been"
                                      or _is_participle(said[following].lower)):
            return True
    return False


def names_a_time(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has words that place what it says in time other than
    the moment of writing: a word of :data:`TIME_WORDS` ("then", "ago", "before",
    "years"), a month or weekday, a numeral year, or a phrase such as "at the time"."""
    if _TIME_PHRASES.search(text, start, end):
        return True
    for word in words(text, start, end):
        lower = word.lower
        if lower in TIME_WORDS or lower in _MONTHS or lower in WEEKDAYS:
            return True
        if len(lower) == 4 and lower.isdigit() and 1000 <= int(lower) <= 2199:
            return True
    return False
