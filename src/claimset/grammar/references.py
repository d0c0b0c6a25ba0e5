"""Back-references: words of a quote's first sentence that point before the quote.

"The victims of these air attacks included 88 children." cannot be read alone: "these
air attacks" are named in the sentence before.  A quote leans on what is outside it
when its first sentence holds

- a demonstrative ("this", "these", "those", "such", "the latter") whose noun the quote
  has not named before it ("these trends" after "three powerful trends" is resolved),
  or which stands alone with no clause before it in the quote ("This went against
  ...");
- a personal pronoun ("it", "they", "them", "he", "she", "him") with no possible
  antecedent in an earlier clause of the quote, or a possessive ("its", "their", "his")
  with none before it at all.  A possible antecedent is a capitalised word that does not
  start the sentence, or a word after a determiner, a number or a possessive.

Not back-references: "this evening", "this book" (the speaker's here and now),
"those who", "such as" (pointing forward), the expletive "it" of "it is true that", "it
was not until ... that", and pronouns inside a quotation (the quoted speaker's).

The words are :mod:`claimset.core.meaning`'s; the checker and the curation assistant
(which widens a drafted quote to the sentence pointed to) read them only here.
"""

from __future__ import annotations

from typing import Literal

import attrs

from claimset.core.meaning import (
    ANTECEDENT_LINKS,
    BACK_REFERENCE_DEMONSTRATIVES,
    BACK_REFERENCE_PRONOUNS,
    CATAPHORIC_AFTER_DEMONSTRATIVE,
    DEICTIC_NOUNS,
    EXPLETIVE_COMPLEMENTS,
    EXPLETIVE_IT_VERBS,
    EXPLETIVE_OBJECT_VERBS,
    NOT_NOUNS_AFTER_DEMONSTRATIVE,
    NOT_PLURAL_NOUNS,
    NOUN_DETERMINERS,
    PLURAL_PRONOUNS,
    PLURAL_WORDS,
    POSSESSIVE_DETERMINERS,
    POSSESSIVE_PRONOUNS,
    SUBJECT_PRONOUNS,
)
from claimset.grammar._prose import Word, WordIndex, clauses, first_words, quotations, words
from claimset.grammar.sentences import sentence_around

__all__ = ["BackReference", "ReferenceKind", "back_references", "first_sentence"]

ReferenceKind = Literal["demonstrative", "pronoun"]


@attrs.frozen
class BackReference:
    """A word that points before the quote: ``text[start:end]`` ("these", "it"), and the
    phrase it opens (``phrase``: "these air attacks"; the word alone for a pronoun)."""

    kind: ReferenceKind
    start: int
    end: int
    text: str
    phrase: tuple[int, int]


def first_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The part of ``text[start:end]`` that lies in the sentence where it starts."""
    _, sentence_end = sentence_around(text, start, start + 1)
    return start, max(start, min(end, sentence_end))


#: Every word a back-reference starts with: a first sentence without one points nowhere.
_REFERENCE_WORDS = WordIndex(first_words(BACK_REFERENCE_PRONOUNS | {
    phrase.split()[-1] for phrase in BACK_REFERENCE_DEMONSTRATIVES}))


def back_references(text: str, start: int, end: int) -> list[BackReference]:
    """The words of the first sentence of the quote ``text[start:end]`` that point to
    something before the quote, in text order."""
    low, high = first_sentence(text, start, end)
    if not _REFERENCE_WORDS.any_between(text, low, high):
        return []
    tokens = words(text, low, high)
    if not tokens:
        return []
    sentence_start, sentence_end = sentence_around(text, low, high)
    spans = clauses(text, sentence_start, sentence_end)
    quoted = quotations(text, sentence_start, sentence_end)
    found: list[BackReference] = []
    number = 0
    while number < len(tokens):
        token = tokens[number]
        if any(opened < token.start < closed for opened, closed in quoted):
            number += 1
            continue
        reference = (_demonstrative(text, tokens, number, low, spans)
                     or _pronoun(text, tokens, number, low, spans))
        if reference is not None:
            found.append(reference)
        number += 1
    return found


def _clause_start(spans: list[tuple[int, int]], position: int) -> int:
    for low, high in spans:
        if low <= position < high:
            return low
    return position


def _earlier_clause(spans: list[tuple[int, int]], quote_start: int, position: int) -> bool:
    """Whether the quote holds a clause before the one at ``position``."""
    return _clause_start(spans, position) > quote_start and any(
        low < _clause_start(spans, position) and high > quote_start for low, high in spans)


def _demonstrative(text: str, tokens: list[Word], number: int, quote_start: int,
                   spans: list[tuple[int, int]]) -> BackReference | None:
    token = tokens[number]
    word = token.lower
    taken = 1
    if word in {"the"} and number + 1 < len(tokens) and \
            f"the {tokens[number + 1].lower}" in BACK_REFERENCE_DEMONSTRATIVES:
        word, taken = f"the {tokens[number + 1].lower}", 2
    if word not in BACK_REFERENCE_DEMONSTRATIVES:
        return None
    if word == "such" and (number + 1 >= len(tokens) or tokens[number + 1].lower not in
                           {"a", "an"}):
        return None  # "such deep crisis", "such as": an intensifier or an example
    last = tokens[number + taken - 1]
    following = tokens[number + taken] if number + taken < len(tokens) else None
    gap = text[last.end:following.start] if following is not None else text[last.end:]
    if ":" in gap or (following is not None and following.lower in
                      CATAPHORIC_AFTER_DEMONSTRATIVE and gap.strip() == ""):
        return None  # "those who", "such as", "this:": pointing forward
    if following is not None and gap.strip() == "" and following.lower in DEICTIC_NOUNS \
            and word in {"this", "these"}:
        return None  # "this evening", "this book"
    if following is None or gap.strip() or taken == 2 or \
            following.lower in NOT_NOUNS_AFTER_DEMONSTRATIVE:
        # A pronoun: "This went against ...", "the latter".
        if _earlier_clause(spans, quote_start, token.start):
            return None
        return BackReference("demonstrative", token.start, last.end,
                             text[token.start:last.end], (token.start, last.end))
    # A determiner: the noun phrase runs to the next word that cannot be in it.
    phrase_end = number + 1
    while phrase_end < len(tokens) and phrase_end - number <= 3 and \
            tokens[phrase_end].lower not in NOT_NOUNS_AFTER_DEMONSTRATIVE and \
            not (phrase_end > number + 1 and tokens[phrase_end].lower.endswith(("ed", "ing"))) and \
            text[tokens[phrase_end - 1].end:tokens[phrase_end].start].strip() == "":
        phrase_end += 1
    head = tokens[phrase_end - 1].lower
    stems = {head, head.rstrip("s"), head + "s"}
    if any(earlier.lower in stems for earlier in tokens[:number]
           if earlier.start >= quote_start):
        return None  # "these trends" after "three powerful trends"
    if any(mark in text[quote_start:token.start] for mark in ",;:—–"):
        return None  # "..., viewing those actions as ...": named earlier in the sentence
    return BackReference("demonstrative", token.start, token.end, token.text,
                         (token.start, tokens[phrase_end - 1].end))


def _expletive_it(tokens: list[Word], number: int) -> bool:
    """ "it is true that", "it was not until ... that", "it would be hard for X to",
    "made it difficult ... for X to"."""
    after = tokens[number + 2:number + 9]
    if number > 0 and tokens[number - 1].lower == "when" and number + 2 < len(tokens) and \
            tokens[number + 1].lower in {"comes", "came"} and tokens[number + 2].lower == "to":
        return True  # "when it comes to"
    if number + 1 < len(tokens) and tokens[number + 1].lower in EXPLETIVE_IT_VERBS:
        return any(word.lower in EXPLETIVE_COMPLEMENTS for word in after)
    if number > 0 and tokens[number - 1].lower in EXPLETIVE_OBJECT_VERBS:
        return any(word.lower in EXPLETIVE_COMPLEMENTS for word in tokens[number + 1:
                                                                         number + 9])
    return False


def _plural(tokens: list[Word], index: int) -> bool:
    word = tokens[index]
    if word.lower in PLURAL_WORDS or word.text[0].isdigit():
        return True
    if index > 0 and (tokens[index - 1].lower in PLURAL_WORDS
                      or tokens[index - 1].text[0].isdigit()):
        return True
    return word.lower.endswith("s") and not word.lower.endswith(("ss", "'s", "’s", "us"))


def _candidate(tokens: list[Word], index: int, quote_start: int,
               sentence_start: int) -> bool:
    """A possible antecedent: a capitalised word not first in its sentence, a word after
    a determiner, a number or a possessive, or a number that counts people or things."""
    word = tokens[index]
    if word.lower in BACK_REFERENCE_PRONOUNS:
        return False
    if word.text[0].isupper() and word.text != "I" and word.start != sentence_start:
        return True
    if word.lower in PLURAL_WORDS - {"many", "few", "both", "all", "several"} or \
            word.text[0].isdigit():
        return True
    if len(word.lower) > 3 and word.lower.endswith("s") and not word.lower.endswith(
            ("ss", "us", "'s", "’s")) and word.lower not in NOT_PLURAL_NOUNS:
        return True  # a bare plural: "foreign nations", "extremists"
    previous = tokens[index - 1] if index > 0 else None
    return previous is not None and previous.start >= quote_start and (
        previous.lower in NOUN_DETERMINERS or previous.lower in POSSESSIVE_DETERMINERS
        or previous.text[0].isdigit() or previous.lower in PLURAL_WORDS
        or previous.lower.endswith(("'s", "’s")))


def _antecedent_before(text: str, tokens: list[Word], number: int, quote_start: int,
                       sentence_start: int) -> bool:
    """Whether a possible antecedent for the pronoun ``tokens[number]`` stands before it
    in the quote, agreeing in number.  An object pronoun ("among them", "saw him") cannot
    take the subject of its own clause: a comma or a linking word ("during", "before",
    "who") must stand between them."""
    pronoun = tokens[number]
    plural = pronoun.lower in PLURAL_PRONOUNS
    subject = pronoun.lower in SUBJECT_PRONOUNS or pronoun.lower in POSSESSIVE_PRONOUNS
    for index in range(number):
        word = tokens[index]
        if word.start < quote_start or not _candidate(tokens, index, quote_start,
                                                      sentence_start):
            continue
        if plural != _plural(tokens, index) and not word.text[0].isupper():
            continue
        if subject:
            return True
        between = tokens[index + 1:number]
        if any(mark in text[word.end:pronoun.start] for mark in ",;:—–") or any(
                w.lower in ANTECEDENT_LINKS for w in between):
            return True
    return False


def _pronoun(text: str, tokens: list[Word], number: int, quote_start: int,
             spans: list[tuple[int, int]]) -> BackReference | None:
    token = tokens[number]
    if token.lower not in BACK_REFERENCE_PRONOUNS or token.text == "IT":
        return None
    if token.lower == "it" and _expletive_it(tokens, number):
        return None
    sentence_start = spans[0][0] if spans else quote_start
    if _antecedent_before(text, tokens, number, quote_start, sentence_start):
        return None
    return BackReference("pronoun", token.start, token.end, token.text,
                         (token.start, token.end))
