"""Quantities written without a number word: "a month", "a dollar", "decades", "century-long".

The number grammar finds numbers; these are one of a unit with only "a", "an" or
"one" before it, a time unit's plural alone (at least two) or a unit as a compound
adjective ("a century-long history").  Each is a stage over the stream of quantities:
its matches are interleaved in order of start, and one that overlaps a quantity is never
added.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterator

from claimset.grammar import _lexicon as lex
from claimset.grammar._currencies import CURRENCY_WORDS
from claimset.grammar._quantities import cents_after
from claimset.grammar._values import to_python
from claimset.grammar._words import phrases
from claimset.grammar.numbers import Number, Quantity, fold, trie_alternation

__all__ = ["with_one_currency", "with_unit_durations"]


def _forms(words: list[str]) -> list[str]:
    """Each word in lower, Capitalised and UPPER case, for a case-sensitive pattern."""
    return sorted({form for word in words for form in (word, word.capitalize(), word.upper())})


def _starts_word(text: str, start: int) -> bool:
    """No letter, digit, apostrophe or hyphen right before ``start``."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_'’-")


# "about a month", "within a year": a duration of one unit, written without a number.
# Case-sensitive over lower, Capitalised and UPPER forms, and the word boundary
# before checked by hand (``_starts_word``): several times faster than IGNORECASE
# with a lookbehind, and these scan the whole text.
# The singular time units "a" or "one" stands before (not "a second": also an ordinal).
_ONE_UNITS = [u for u in lex.TIME_UNITS if not u.endswith("s") and u != "second"]
_A_DURATION = re.compile(
    r"(?:[aA][nN]?|[oO]ne|ONE)[ \t]+(?P<u>" + trie_alternation(_forms(_ONE_UNITS)) + r")(?![\w-])")
_ONE_WORD = re.compile(r"[ \t]+(?P<w>[A-Za-z][\w'’-]*)[ \t]+")
_RATE_WORD_BEFORE = re.compile(r"(?<![\w])(?:" + phrases(lex.RATE_WORDS_BEFORE_UNIT) + r")[ \t]+$",
                               re.IGNORECASE)


def _interleaved(quantities: Iterator[Quantity], matches: Iterator[re.Match[str]],
                 admit: Callable[[re.Match[str], tuple[int, ...]], Quantity | None],
                 ) -> Iterator[Quantity]:
    """``quantities`` with a quantity for each match ``admit`` takes, in order of start.

    A match overlapping a quantity is never admitted.  ``admit`` is given the match and
    the ends of the (at most three) quantities of ``quantities`` right before it: the
    only ones that can end within two characters of it.
    """
    pending = next(quantities, None)
    recent_ends: tuple[int, ...] = ()
    for match in matches:
        start, end = match.span()
        while pending is not None and pending.start < start:
            yield pending
            recent_ends = (*recent_ends[-2:], pending.end)
            pending = next(quantities, None)
        if (pending is not None and pending.start < end) or \
                (recent_ends and recent_ends[-1] > start):
            continue
        extra = admit(match, recent_ends)
        if extra is not None:
            yield extra  # matches never overlap, so an added one rules out no later match
    if pending is not None:
        yield pending
    yield from quantities


def with_one_currency(text: str, lower: str, quantities: Iterator[Quantity]
                       ) -> Iterator[Quantity]:
    """Add "a dollar", "a euro": one of a currency, with no number word of its own."""
    if not any(word in lower for word in lex.ONE_CURRENCY_STEMS):
        return quantities

    def admit(match: re.Match[str], recent_ends: tuple[int, ...]) -> Quantity | None:
        start, end = match.span()
        if not _starts_word(text, start):
            return None
        currency = CURRENCY_WORDS[fold(match.group("c"))]
        number = Number(start, match.start("c") - 1, 1, "cardinal", None, True, False)
        cents = cents_after(text, end, currency)  # "a dollar and 42 cents"
        if cents is not None:
            return Quantity(start, cents[1], to_python(1 + cents[0]), number, currency, None,
                            False, None)
        return Quantity(start, end, 1, number, currency, None, False, None)

    return _interleaved(quantities, _A_CURRENCY.finditer(text), admit)


def with_unit_durations(text: str, lower: str, quantities: Iterator[Quantity],
                        is_noun: Callable[[str], bool] = lambda word: False,
                        ) -> Iterator[Quantity]:
    """Add "a month", "a year": durations of one unit with no number word of their own; and
    the spans ``_span`` reads ("decades", "century-long").  One stage for both: each stage
    costs every quantity of the text a generator's step.

    Not the unit of a rate: right after a number ("a thousand a month") or after a
    number and the noun ``is_noun`` says it counts ("300 attacks a month").
    """
    ones = any(word in lower for word in _ONE_UNITS)
    spans = any(hint in lower for hint in _SPAN_HINTS)
    if not ones and not spans:
        return quantities
    matches: Iterator[re.Match[str]] = heapq.merge(
        _A_DURATION.finditer(text) if ones else iter(()),
        _span_matches(text, lower) if spans else iter(()), key=lambda match: match.start())

    def admit(match: re.Match[str], recent_ends: tuple[int, ...]) -> Quantity | None:
        if match.re is _UNIT_SPAN:
            return _span(text, match, recent_ends)
        start = match.start()
        if not _starts_word(text, start):
            return None
        # "a thousand a month", "twice a year": the unit of a rate, not a duration
        after_number = any(start - k in recent_ends and not text[start - k:start].strip()
                           for k in range(1, 3))
        if after_number or _RATE_WORD_BEFORE.search(text, max(0, start - 8), start):
            return None
        for end in recent_ends[-1:]:
            noun = _ONE_WORD.fullmatch(text, end, start) if 0 < start - end < 40 else None
            if noun is not None and noun.group("w").lower() not in lex.TIME_UNITS and \
                    is_noun(noun.group("w")):
                return None  # "300 attacks a month", "10 million barrels a day": a rate
        number = Number(start=start, end=match.start("u") - 1, value=1, form="cardinal",
                        words=True)
        return Quantity(start=start, end=match.start("u") - 1, value=1, number=number)

    return _interleaved(quantities, matches, admit)



# "a dollar": one of a currency whose name is not also a weight ("a pound of flour").
_ONE_CURRENCY_WORDS = sorted(w for w in CURRENCY_WORDS if " " not in w and not w.endswith("s")
                             and w not in ("pound", "sterling"))
_A_CURRENCY = re.compile(
    r"[aA][nN]?[ \t]+(?P<c>" + trie_alternation(_forms(
        [w for w in _ONE_CURRENCY_WORDS if any(h in w for h in lex.ONE_CURRENCY_STEMS)]))
    + r")(?![\w'’-])")


# "decades", "centuries" alone; "century-long", "decade-old", "year-long", "decades-long".
_SINGULAR_UNITS = [u for u in lex.TIME_UNITS if not u.endswith("s")]
_PLURAL_UNITS = sorted({lex.TIME_UNITS[u] for u in _SINGULAR_UNITS})
_UNIT_SPAN = re.compile(
    r"(?:(?P<one>" + trie_alternation(_forms(_SINGULAR_UNITS)) + r")|(?P<many>"
    + trie_alternation(_forms(_PLURAL_UNITS)) + r"))[-‐](?P<suffix>"
    + trie_alternation(lex.SPAN_SUFFIXES) + r")(?![\w-])"
    r"|(?P<vague>" + trie_alternation(_forms(list(lex.VAGUE_TIME_PLURALS))) + r")(?![\w-])")
_DEFINITE_BEFORE = re.compile(
    r"(?<![\w'’])(?:" + phrases(lex.DEFINITE_BEFORE_PLURAL) + r")[ \t]+$", re.IGNORECASE)
_SPAN_HINTS = ("-long", "-old", "‐long", "‐old", "decades", "centuries")
# Where a span can end, found by ``str.find`` on the lower-cased text (a regex tried at
# every position of a text cost a tenth of its extraction): the plural alone, or the
# suffix after a hyphen.
_SPAN_NEEDLES = (*lex.VAGUE_TIME_PLURALS, *(hyphen + suffix for hyphen in "-‐"
                                            for suffix in lex.SPAN_SUFFIXES))


def _span_matches(text: str, lower: str) -> Iterator[re.Match[str]]:
    """``_UNIT_SPAN``'s matches, left to right, each found back from where it ends."""
    if len(lower) != len(text):  # a letter whose lower case is longer ("İ"): keep offsets
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    ends: list[int] = []
    for needle in _SPAN_NEEDLES:
        at = lower.find(needle)
        while at >= 0:
            ends.append(at)
            at = lower.find(needle, at + 1)
    last_end = 0
    for found in sorted(ends):
        start = found
        if text[start] in "-‐":
            while start > 0 and text[start - 1].isalpha() and found - start < 12:
                start -= 1
        match = _UNIT_SPAN.match(text, start)
        if match is not None and match.start() >= last_end and (
                text[found] not in "-‐" or match.start("suffix") == found + 1):
            last_end = match.end()
            yield match


def _span(text: str, match: re.Match[str], recent_ends: tuple[int, ...]) -> Quantity | None:
    """A time unit that states a duration with no number: "decades" and "centuries" alone
    (at least two, as "dozens"), "century-long" (100 years), "a year-long siege",
    "decades-old" (at least two decades).

    Not after a number ("two decades", "several decades": a duration the extractor reads
    from the number) nor after "the", "those"... ("the decades after the war": a period).
    """
    start, end = match.span()
    if not _starts_word(text, start) or \
            any(start - k in recent_ends and not text[start - k:start].strip()
                for k in range(1, 3)):
        return None
    if match.group("vague") is not None:
        if _DEFINITE_BEFORE.search(text, max(0, start - 8), start) is not None:
            return None
        unit: str = fold(match.group("vague"))
        number = Number(start, end, 2, "vague", None, True, False)
        return Quantity(start, end, 2, number, None, None, False, unit)
    if match.group("many") is not None:
        unit = fold(match.group("many"))
        number = Number(start, end, 2, "vague", None, True, False)
        return Quantity(start, end, 2, number, None, None, False, unit)
    word = fold(match.group("one"))
    years = lex.LONG_UNITS_IN_YEARS.get(word)
    value, unit = (years, "years") if years is not None else (1, lex.TIME_UNITS[word])
    number = Number(start, end, value, "cardinal", None, True, False)
    return Quantity(start, end, value, number, None, None, False, unit)
