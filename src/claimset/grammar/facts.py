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
from claimset.grammar._prose import words

__all__ = ["Fact", "FactKind", "KnownFacts", "facts_in", "facts_of_period", "known_facts",
           "text_facts"]

FactKind = Literal["number", "year", "month", "name"]

_MONTHS = {name.casefold(): name for name in MONTH_NAMES}
_NUMBER_WORDS: dict[str, int] = {**lex.UNITS, **lex.TEENS, **lex.TENS, **{
    word: value for word, value in lex.SCALES.items() if isinstance(value, int)}}
_NUMBER_WORDS.pop("a", None)
_NUMBER_WORDS.pop("an", None)
# An identifier is no fact of the text: "steele-2008/ibc-air-strike-deaths-2006", "AB123".
_IDENTIFIER = re.compile(r"[\w.]*[A-Za-z][\w.]*(?:[-/][\w.]+)*[-/]\d[\w.-]*"
                         r"|[\w-]+/[\w/-]+|\b[A-Z]{1,4}\d{2,}\b")
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


def facts_in(prose: str) -> list[Fact]:
    """The words of ``prose`` that state facts, in order."""
    skip = [match.span() for match in _IDENTIFIER.finditer(prose)]
    found: list[Fact] = []
    for word in words(prose):
        if any(low <= word.start < high for low, high in skip):
            continue
        text = word.text
        month = _MONTHS.get(text.casefold()) if text[0].isupper() else None
        if month is not None:
            found.append(Fact("month", word.start, word.end, text, month))
            continue
        if text.isdigit() and len(text) == 4 and 1000 <= int(text) <= 2100:
            found.append(Fact("year", word.start, word.end, text, text))
            continue
        value = _number(text)
        if value is not None:
            found.append(Fact("number", word.start, word.end, text, value))
            continue
        if not text[0].isupper() or text in {"I", "A"} or text[0].isdigit():
            continue
        acronym = sum(char.isupper() for char in text) >= 2
        if not acronym and _starts_sentence(prose, word.start):
            continue
        found.append(Fact("name", word.start, word.end, text, _name_key(text)))
    return found


def _starts_sentence(prose: str, position: int) -> bool:
    before = prose[:position]
    stripped = before.rstrip("'‘\"“(* \t")
    return not stripped or _SENTENCE_END.search(before.rstrip("'‘\"“(*") + " ") is not None \
        or stripped.endswith((":", ";"))


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
    for word in words(text):
        token = word.text
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
