"""Dates in prose: "June 30", "June 30, 2004", "30 June 2004", "January 2008"."""

from __future__ import annotations

import re

from claimset.core.vocabulary import Kind
from claimset.grammar import _lexicon as lex
from claimset.grammar._candidate import Candidate
from claimset.grammar.numbers import PlainWords, Quantity, fold, trie_alternation

_MONTHS = trie_alternation([m.capitalize() for m in lex.MONTHS])
_MONTH_WORDS = frozenset(lex.MONTHS)  # the month patterns are case-sensitive: a wider test
_MONTH_BEFORE = re.compile(r"(?<![\w])(?P<m>" + _MONTHS + r")\.?[ \t]+$")
_MONTH_AFTER = re.compile(r"[ \t]+(?P<m>" + _MONTHS + r")\.?(?![\w])")
_YEAR_AFTER = re.compile(r",?[ \t]+(?P<y>1[0-9]{3}|20[0-9]{2})(?![\w])")


def read_date(text: str, quantity: Quantity, following: Quantity | None, words: PlainWords
          ) -> tuple[Candidate, int] | None:
    """ "June 30", "June 30, 2004", "30 June 2004", "January 2008": (candidate, quantities used)."""
    number = quantity.number
    assert number is not None
    if quantity.currency or quantity.percent or quantity.multiplier or \
            number.form not in ("cardinal", "ordinal") or not isinstance(number.value, int) or \
            not text[number.start].isdigit():
        return None
    value = number.value
    is_year = number.form == "cardinal" and number.plain and 1000 <= value <= 2100 and \
        quantity.end - quantity.start == 4
    is_day = 1 <= value <= 31
    if not (is_year or is_day):
        return None  # with or without a month, not a date
    month_before = _MONTH_BEFORE.search(text, max(0, quantity.start - 12), quantity.start) \
        if words.may_end(quantity.start, _MONTH_WORDS) else None
    year = month = day = 0
    start = quantity.start
    end = quantity.end
    used = 1
    if month_before is not None:
        month = lex.MONTHS[fold(month_before.group("m"))]
        start = month_before.start()
        if is_year:
            year = value
        elif is_day:
            day = value
            year_after = _YEAR_AFTER.match(text, end)
            if year_after is not None and following is not None and \
                    following.start == year_after.start("y"):
                year, end, used = int(year_after.group("y")), year_after.end(), 2
        else:
            return None
    else:
        if not is_day:
            return None
        month_after = _MONTH_AFTER.match(text, end) \
            if words.may_start(end, _MONTH_WORDS) else None
        if month_after is None:
            return None
        day, month, end = value, lex.MONTHS[fold(month_after.group("m"))], month_after.end()
        year_after = _YEAR_AFTER.match(text, end)
        if year_after is not None and "," not in year_after.group(0) and following is not None \
                and following.start == year_after.start("y"):
            year, end, used = int(year_after.group("y")), year_after.end(), 2
    iso = (f"{year:04d}" if year else "-") + f"-{month:02d}" + (f"-{day:02d}" if day else "")
    if not year and day:
        iso = f"--{month:02d}-{day:02d}"
    figure = text[start:end]
    kind: Kind = "identifier" if figure.lower() in lex.NAMED_EVENTS else "date"
    candidate = Candidate(start=start, end=end, text=figure, value=year * 10000 + month * 100 + day,
                          kind=kind, unit=iso)
    return candidate, used
