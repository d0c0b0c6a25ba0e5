"""Facts in prose: the numbers, years, months and names a curator's words state.

A claim's ``measure``, ``period``, ``note`` and ``attribution`` (and an exclusion's
``note``) are the curator's words, not the text's; every fact in them should come from
the text.  :func:`facts_in` finds the words that state facts: numbers (digits or number
words: "2,096", "seventeen"), years ("2007"), months ("January") and capitalised names
("UN", "Moqtada", "Body") that do not merely start a sentence.  :class:`KnownFacts` is
what a text (and a claim's own figure, period and related claims) states, and
:meth:`KnownFacts.knows` says whether a fact is among them.  A name is known when the
text writes it (case and dots aside: "US" is "U.S."); a number when the text states the
same value (in digits or words).

Pure functions of strings; the checker builds one :class:`KnownFacts` per text (cached).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Literal

import attrs

from claimset.core.meaning import MONTH_NAMES
from claimset.grammar import _lexicon as lex
from claimset.grammar._prose import tokens

__all__ = ["Fact", "FactKind", "KnownFacts", "facts_in", "facts_of_period", "known_facts",
           "text_facts"]

FactKind = Literal["number", "year", "month", "name"]

_MONTHS = {name.casefold(): name for name in MONTH_NAMES}
_NUMBER_WORDS: dict[str, int] = {**lex.UNITS, **lex.TEENS, **lex.TENS, **{
    word: value for word, value in lex.SCALES.items() if isinstance(value, int)}}
_NUMBER_WORDS.pop("a", None)
_NUMBER_WORDS.pop("an", None)
# An identifier is no fact of the text: "steele-2008/ibc-air-strike-deaths-2006", "AB123":
# a run of non-spaces with a slash, or letters and digits joined (not "2003-04").
_IDENTIFIER = re.compile(r"/|[A-Za-z][-_]?\d|\d[-_][A-Za-z]")
_ISO_IN_PROSE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?(?:/\d{4}(?:-\d{2}){0,2})?")
_SENTENCE_END = re.compile(r"[.!?]['’\"”)]*\s+$")
_ISO_PERIOD = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?")


@attrs.frozen
class Fact:
    """A word of prose that states a fact: ``text`` at ``start..end`` of the prose;
    ``key`` is what must be found (a name without dots or a possessive, a month's name,
    a year's digits, a number's value)."""

    kind: FactKind
    start: int
    end: int
    text: str
    key: str | float


def _name_key(word: str) -> str:
    return word.removesuffix("'s").removesuffix("’s").replace(".", "").casefold()


def _number(word: str) -> float | None:
    if word[0].isdigit():
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    value = _NUMBER_WORDS.get(word.casefold())
    return float(value) if value is not None else None


# The words of a chunk (a run of non-spaces) that can state a fact: an abbreviation
# with dots, a numeral, a word; a chunk that joins letters and digits by a slash or a
# hyphen, or glues them, is an identifier ("steele-2008/ibc-...", "AB123"), not a fact.
_CHUNK_WORD = re.compile(r"(?:[A-Za-z]\.){2,}|\d+[^\W\d_]+|\d+(?:[.,]\d+)*"
                         r"|[^\W\d_]+(?:['’][^\W\d_]+)*")
_PUNCTUATION = "\"'“”‘’()[]{}.,;:!?*"
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")


def facts_in(prose: str) -> list[Fact]:
    """The words of ``prose`` that state facts, in order."""
    found: list[Fact] = []
    position = 0
    for chunk in prose.split():
        at = prose.index(chunk, position)
        position = at + len(chunk)
        if chunk.islower() and chunk.isalpha() and chunk not in _NUMBER_WORDS:
            continue  # the common case: a plain lower-case word
        core = chunk.strip(_PUNCTUATION)
        if _DOTTED.fullmatch(chunk.strip(_PUNCTUATION.replace(".", ""))) is not None:
            core = chunk.strip(_PUNCTUATION.replace(".", ""))  # "U.S." keeps its dots
        if not core:
            continue
        offset = at + chunk.index(core)
        if _ISO_IN_PROSE.fullmatch(core) is not None:  # "2003-04": a year and a month
            found.extend(attrs.evolve(fact, start=fact.start + offset, end=fact.end + offset)
                         for fact in facts_of_period(core))
            continue
        if _IDENTIFIER.search(core) is not None:
            continue
        for word in _CHUNK_WORD.finditer(core):
            fact = _fact(prose, offset + word.start(), word.group())
            if fact is not None:
                found.append(fact)
    return found


def _fact(prose: str, start: int, text: str) -> Fact | None:
    """What the word ``text`` at ``start`` of ``prose`` states, if a fact."""
    end = start + len(text)
    month = _MONTHS.get(text.casefold()) if text[0].isupper() else None
    if month is not None:
        return Fact("month", start, end, text, month)
    if text.isdigit() and len(text) == 4 and 1000 <= int(text) <= 2100:
        return Fact("year", start, end, text, text)
    value = _number(text)
    if value is not None:
        return Fact("number", start, end, text, value)
    if not text[0].isupper() or text in {"I", "A"}:
        return None
    acronym = sum(char.isupper() for char in text) >= 2
    if not acronym and _starts_sentence(prose, start):
        return None
    return Fact("name", start, end, text, _name_key(text))


def _starts_sentence(prose: str, position: int) -> bool:
    """Whether the word at ``position`` is the first of its sentence (or of a clause after a
    colon): its capital says nothing then."""
    stripped = prose[:position].rstrip("'‘\"“(* \t")
    if not stripped or stripped.endswith((":", ";")):
        return True
    # A stop (and closing marks) before the spaces: only the last few characters matter.
    tail = prose[max(0, position - 8):position].rstrip("'‘\"“(*")
    return _SENTENCE_END.search(tail + " ") is not None


def facts_of_period(period: str) -> list[Fact]:
    """The years and months a period states ("2007-09/2008-01": 2007, September, 2008,
    January), as facts of the period's own text."""
    found: list[Fact] = []
    for match in _ISO_PERIOD.finditer(period):
        found.append(Fact("year", match.start(1), match.end(1), match.group(1),
                          match.group(1)))
        if match.group(2) is not None and 1 <= int(match.group(2)) <= 12:
            name = MONTH_NAMES[int(match.group(2)) - 1]
            found.append(Fact("month", match.start(2), match.end(2), name, name))
    return found


@attrs.frozen
class KnownFacts:
    """What some texts state: names (case-folded, without dots), months, years, values."""

    names: frozenset[str]
    months: frozenset[str]
    years: frozenset[str]
    values: frozenset[float]
    #: Every word, case-folded: a name that is no acronym is known written in lower case
    #: too ("Firdous Square" for the text's "Firdous square").
    lowered: frozenset[str] = frozenset()

    def knows(self, fact: Fact) -> bool:
        if fact.kind == "name":
            acronym = sum(char.isupper() for char in fact.text) >= 2
            return fact.key in self.names or (not acronym and fact.key in self.lowered)
        if fact.kind == "month":
            return fact.key in self.months
        if fact.kind == "year":
            return fact.key in self.years
        return isinstance(fact.key, float) and fact.key in self.values

    def with_(self, other: KnownFacts) -> KnownFacts:
        return KnownFacts(self.names | other.names, self.months | other.months,
                          self.years | other.years, self.values | other.values,
                          self.lowered | other.lowered)


def known_facts(*texts: str, values: Iterable[float] = (),
                periods: Iterable[str] = ()) -> KnownFacts:
    """The facts ``texts`` state, with more ``values`` (a claim's own and related figures)
    and ``periods`` (ISO periods: their years, every year between, and their months)."""
    names: set[str] = set()
    months: set[str] = set()
    years: set[str] = set()
    lowered: set[str] = set()
    numbers: set[float] = {float(value) for value in values}
    for text in texts:
        found = _facts_of(text)
        names |= found.names
        months |= found.months
        years |= found.years
        numbers |= found.values
        lowered |= found.lowered
    for period in periods:
        stated = facts_of_period(period)
        stated_years = [int(fact.key) for fact in stated if fact.kind == "year"]
        if stated_years:
            years |= {str(year) for year in range(min(stated_years), max(stated_years) + 1)}
        months |= {str(fact.key) for fact in stated if fact.kind == "month"}
    return KnownFacts(frozenset(names), frozenset(months), frozenset(years),
                      frozenset(numbers), frozenset(lowered))


@functools.lru_cache(maxsize=8)
def text_facts(text: str) -> KnownFacts:
    """Every name, month, year and value a source's ``text`` writes: one pass, cached per
    text (the checker asks it once per claim)."""
    return _facts_of(text)


def _facts_of(text: str) -> KnownFacts:
    """Every name, month, year and value ``text`` writes."""
    names: set[str] = set()
    months: set[str] = set()
    years: set[str] = set()
    values: set[float] = set()
    lowered: set[str] = set()
    for token in set(tokens(text)):
        lowered.add(_name_key(token))
        if token[0].isupper():
            names.add(_name_key(token))
            month = _MONTHS.get(token.casefold())
            if month is not None:
                months.add(month)
        if token.isdigit() and len(token) == 4:
            years.add(token)
        value = _number(token)
        if value is not None:
            values.add(value)
    return KnownFacts(frozenset(names), frozenset(months), frozenset(years),
                      frozenset(values), frozenset(lowered))
