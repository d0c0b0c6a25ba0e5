"""What an excluded number is, read in its sentence: the grammar behind exclusion reasons.

- :func:`pronoun_or_article` says whether "one" is a pronoun ("One is subtitled ...",
  "one of them") or an article ("One evening a crowd gathered", "one British
  ambassador"), the only readings ``not a quantity`` may exclude.  A numeral, a vague
  count ("several rounds", "a few Iraqis", "dozens of books") and a hedged "one" ("at
  least one", "only one") count something.
- :func:`in_quotation` says whether a number lies inside quotation marks in its sentence
  (what ``quoted speech`` excludes).
- :func:`in_name` says whether a number stands beside a capitalised word of a name ("Year
  One", "82nd Airborne", "September 11"), what ``name or title`` excludes.

The words are :mod:`claimset.core.meaning`'s; the checker's exclusion checks and the
curation assistant's triage read them here.
"""

from __future__ import annotations

from typing import Literal

from claimset.core.meaning import (
    COUNTING_AFTER_ONE,
    COUNTING_BEFORE_ONE,
    PRONOUN_AFTER_ONE,
    PRONOUN_OR_ARTICLE_WORDS,
)
from claimset.grammar._prose import quotations, words
from claimset.grammar.frames import governing_words
from claimset.grammar.sentences import sentence_around

__all__ = ["OneReading", "in_name", "in_quotation", "pronoun_or_article"]

OneReading = Literal["pronoun", "article"]


def pronoun_or_article(text: str, start: int, end: int) -> OneReading | None:
    """How ``text[start:end]`` reads when it is "one" that counts nothing: ``pronoun`` or
    ``article``; None when it is no such word, or a count (a numeral, a hedged "one",
    "one or two", "one in five")."""
    if text[start:end].casefold() not in PRONOUN_OR_ARTICLE_WORDS:
        return None
    low, high = sentence_around(text, start, end)
    tokens = words(text, low, high)
    number = next((index for index, word in enumerate(tokens) if word.start == start), None)
    if number is None:
        return None
    if any(governor.kind == "qualifier" and governor.end <= start
           for governor in governing_words(text, start, end)):
        return None  # "at least one", "more than one"
    if number > 0 and tokens[number - 1].lower in COUNTING_BEFORE_ONE and \
            text[tokens[number - 1].end:start].strip() == "":
        return None
    following = tokens[number + 1] if number + 1 < len(tokens) else None
    gap = text[end:following.start] if following is not None else text[end:high]
    if following is None or gap.strip():
        return "pronoun"  # "the one.", "one, two ..." stands alone
    if following.lower in COUNTING_AFTER_ONE:
        return None
    if following.lower in PRONOUN_AFTER_ONE:
        return "pronoun"
    return "article"


def in_quotation(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies inside quotation marks in its sentence."""
    low, high = sentence_around(text, start, end)
    return any(opened < start and end <= closed
               for opened, closed in quotations(text, low, high))


def in_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands beside a capitalised word that does not start
    its sentence, or is itself capitalised inside one ("Year One", "the 82nd Airborne
    Division", "September 11")."""
    low, high = sentence_around(text, start, end)
    tokens = words(text, low, high)
    before = [word for word in tokens if word.end <= start]
    after = [word for word in tokens if word.start >= end]
    neighbours = []
    if before and text[before[-1].end:start].strip(" -") == "":
        neighbours.append(before[-1])
    if after and text[end:after[0].start].strip(" -") == "":
        neighbours.append(after[0])
    return any(word.text[0].isupper() and word.text != "I" and word.start != low
               and not word.text[0].isdigit() for word in neighbours) or (
        text[start].isupper() and start != low)
