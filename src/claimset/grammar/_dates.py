"""Dates in prose: "June 30", "June 30, 2004", "30 June 2004", "January 2008".

Also the other figures written with a colon between two numbers: times of day
("10:30") and ratios ("a 3:1 ratio", "a pupil-teacher ratio of 40:1")."""

from __future__ import annotations

import re
from fractions import Fraction

from claimset.core.vocabulary import Kind
from claimset.grammar import _lexicon as lex
from claimset.grammar._candidate import Candidate
from claimset.grammar.numbers import PlainWords, Quantity, fold, trie_alternation

_MONTHS = trie_alternation([m.capitalize() for m in lex.MONTHS])
_MONTH_WORDS = frozenset(lex.MONTHS)  # the month patterns are case-sensitive: a wider test
_MONTH_BEFORE = re.compile(r"(?<![\w])(?P<m>" + _MONTHS + r")\.?[ \t]+$")
_MONTH_AFTER = re.compile(r"[ \t]+(?P<m>" + _MONTHS + r")\.?(?![\w])")
_YEAR_AFTER = re.compile(r",?[ \t]+(?P<y>1[0-9]{3}|20[0-9]{2})(?![\w])")
_WORD_BEFORE = re.compile(r"(?<![\w])(?P<w>[A-Za-z.]+)[ \t]+$")
# A time of day: "10:30", "8:00 p.m.", "9 a.m.", "3am", "10.30am", "0400 GMT", "23:59:59".
_ZONES = "|".join(lex.TIME_ZONES)
_CLOCK = re.compile(
    r"(?:(?P<h>[0-9]{1,2})(?:(?P<sep>[:.])(?P<m>[0-5][0-9])(?::(?P<s>[0-5][0-9]))?)?"
    r"|(?P<hh>[0-2][0-9])(?P<mm>[0-5][0-9])(?=[ \t]+(?:" + _ZONES + r")(?![\w])))"
    r"(?!:?[0-9])(?:[ \t]?(?P<ampm>(?-i:[ap]\.m\.|[ap]m|[AP]M|[AP]\.M\.))(?![\w]))?"
    r"(?:[ \t]+(?P<zone>" + _ZONES + r")(?![\w]))?")


def read_date(text: str, quantity: Quantity, following: Quantity | None, words: PlainWords
          ) -> tuple[Candidate, int] | None:
    """ "June 30", "June 30, 2004", "30 June 2004", "January 2008": (candidate, quantities used)."""
    number = quantity.number
    assert number is not None
    if not quantity.currency and not quantity.percent and text[number.start].isdigit() and \
            _may_be_clock(text, quantity.end):
        clock = _clock(text, quantity)
        if clock is not None:
            return clock, 1  # the quantities inside it ("10:30": 10 and 30) start before its end
        ratio = _ratio(text, quantity, following)
        if ratio is not None:
            return ratio, 2
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


def _may_be_clock(text: str, end: int) -> bool:
    """Whether ``_CLOCK`` can match a number ending at ``end``: a colon, "am" / "pm" / "a.m."
    or a zone in capitals after it (a quick test: most numbers are none)."""
    first = text[end:end + 1]
    if first == ":":
        return True
    rest = text[end + 1:end + 5] if first in (" ", "\t") else text[end:end + 4]
    return rest[:2].lower() in _CLOCK_STARTS or (rest[:3].isupper() and rest[:3].isalpha())


_CLOCK_STARTS = frozenset({"am", "pm", "a.", "p."})
_WORD_AFTER = re.compile(r"[ \t]+(?P<w>[A-Za-z]+)")
_NOT_RATIO_BEFORE = lex.IDENTIFIER_PREFIXES | lex.TALLY_WORDS


def _inside_longer_number(text: str, start: int) -> bool:
    """Whether a colon or point glues the number at ``start`` to one before it ("1:2:3",
    "2:03:45"): it is not the first of a time or a ratio."""
    return start > 0 and text[start - 1] in (":", ".")


def _ratio(text: str, quantity: Quantity, following: Quantity | None) -> Candidate | None:
    """ "3:1", "40:1", "2:3": two whole numbers joined by a colon that is no time of day
    (the second is not of two digits, as minutes are) are a ratio, their quotient; not
    in a score ("won 2:1"), a verse ("Psalm 2:1") or a longer chain ("1:2:3")."""
    if following is None or following.start != quantity.end + 1 or \
            _inside_longer_number(text, quantity.start) or \
            text[following.end:following.end + 1] == ":" or \
            any(q.currency or q.percent or q.multiplier or q.number is None or
                q.number.form != "cardinal" or not q.number.plain for q in (quantity, following)):
        return None
    assert quantity.number is not None and following.number is not None
    if following.number.value == 0 or following.end - following.start == 2:
        return None  # "3:0" is a score; "25:10", "1:20" look like a time or a verse
    before = _WORD_BEFORE.search(text, max(0, quantity.start - 16), quantity.start)
    after = _WORD_AFTER.match(text, following.end)
    if before is not None and before.group("w").lower() in _NOT_RATIO_BEFORE:
        return None
    if after is not None and after.group("w").lower() in lex.TALLY_WORDS:
        return None
    value = Fraction(str(quantity.number.value)) / Fraction(str(following.number.value))
    return Candidate(start=quantity.start, end=following.end,
                     text=text[quantity.start:following.end], kind="ratio", unit=None,
                     value=int(value) if value.denominator == 1 else float(value))


def _clock(text: str, quantity: Quantity) -> Candidate | None:
    """A time of day, kind ``date`` with an ISO 8601 time as its unit ("T20:00") and
    hours and minutes (and seconds) as its value (2000): "8 p.m." is 8 o'clock at night."""
    if _inside_longer_number(text, quantity.start):
        return None
    match = _CLOCK.match(text, quantity.start)
    if match is None or match.end() < quantity.end:
        return None
    ampm = match.group("ampm")
    if match.group("hh") is not None:
        hour, minute, second = int(match.group("hh")), int(match.group("mm")), None
    else:
        minutes = match.group("m")
        if ampm is None and (minutes is None or match.group("sep") == "."):
            return None  # "10.30" is a decimal, "9" a number; "10:30" and "9 am" are times
        hour, minute = int(match.group("h")), int(minutes or 0)
        second = int(match.group("s")) if match.group("s") else None
    if ampm is not None:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm[0] in "pP" else 0)
    if hour > 24 or (hour == 24 and minute):
        return None
    before = _WORD_BEFORE.search(text, max(0, quantity.start - 12), quantity.start)
    if before is not None and before.group("w").lower() in lex.IDENTIFIER_PREFIXES:
        return None  # "Psalm 23:10" is a verse
    iso = f"T{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")
    value = (hour * 100 + minute) * (100 if second is not None else 1) + (second or 0)
    return Candidate(start=quantity.start, end=match.end(), text=match.group(0), value=value,
                     kind="date", unit=iso)
