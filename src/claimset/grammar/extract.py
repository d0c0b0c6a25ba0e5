"""The figures layer: every numeric expression in prose, with what it is.

:func:`extract` reads the quantities found by :mod:`claimset.grammar.numbers` and
decides, from the words around them, what each one is (its *kind*), what it
counts (*unit*) and how it is hedged (*qualifier*).  It joins ranges ("two to
three times", "between 2,000 and 3,000") and dates ("June 30, 2004") into one
figure.  :func:`read_figure` is the same reading applied to a figure's own text,
which is how the dataset checker proves a claim's value.

What a figure's text covers (and so what ``read_figure`` accepts):

* the number's own words: "150,000", "a dozen", "A million and a half", "double";
* money with its currency: "$20 billion", "20 billion dollars", "US$ 150 million";
* percent with its sign or word: "61%", "61 per cent";
* a multiplier with "times": "four times"; a duration with its unit: "six months";
* a range with its markers: "two to three times", "between 2,000 and 3,000", "10-20%";
* a date with its month: "June 30", "30 June 2004", "January 2008".

Qualifier words before the figure ("some", "nearly", "more than") are *not* in
it; they are reported by ``qualifier`` and ``qualifier_span``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import attrs

from claimset.core import arguments
from claimset.core.vocabulary import STATED_UNIT_KINDS, Kind, Qualifier
from claimset.grammar import _lexicon as lex
from claimset.grammar._bounds import duration_bound, two_sided_joined
from claimset.grammar._candidate import Candidate, _candidate, candidates_from_rows, rows_of
from claimset.grammar._context import is_marker, names_a_year
from claimset.grammar._dates import read_date
from claimset.grammar._unnumbered import with_one_currency, with_unit_durations
from claimset.grammar.numbers import (
    Number,
    PlainWords,
    Quantity,
    fold,
    iter_quantities,
    trie_alternation,
)

# rows_of / candidates_from_rows: figures as plain tuples, the form in which they cross a
# process boundary (validate --jobs, corpus workers).
__all__ = ["Candidate", "candidates_from_rows", "extract", "iter_extract", "read_figure",
           "rows_of"]


def read_figure(text: str) -> Candidate | None:
    """The reading of a figure's exact text, or None unless one figure covers all of it.

    ``read_figure("150,000").value == 150000``; ``read_figure("nearly $20 billion")``
    is None, because the qualifier is not part of the figure.
    """
    arguments.text("claimset.read_figure", "text", text)
    found = extract(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0]
    return None


# --------------------------------------------------------------------------- patterns

_QUALIFIER_BEFORE = re.compile(
    r"(?<![\w'’])(?P<q>" + trie_alternation(list(lex.QUALIFIERS)) + r")[ \t]+$", re.IGNORECASE)
_QUALIFIER_WORDS = frozenset(q.split(" ")[-1] for q in lex.QUALIFIERS)
# How far back a qualifier may start: the longest phrase and two spaces more.
_QUALIFIER_REACH = max(len(q) for q in lex.QUALIFIERS) + 2
# "50 or so", "70-odd", "80-plus", "200+": qualifier words after the figure.
_QUALIFIER_AFTER = re.compile(
    r"(?:[ \t]+|[-‐])?(?P<q>" + trie_alternation(
        [q for q in lex.QUALIFIERS_AFTER if q != "+"]) + r"|\+)(?![\w+])",
    re.IGNORECASE)
_QUALIFIER_AFTER_FIRST = frozenset(" \t-‐+")
_QUALIFIER_AFTER_WORDS = frozenset(q.split(" ")[0] for q in lex.QUALIFIERS_AFTER)
_BETWEEN_BEFORE = re.compile(r"(?<![\w])between[ \t]+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?<![\w])from[ \t]+$", re.IGNORECASE)
# "2 to 3", "2-3", "2 – 3", "ages 5 through 11", and the suspended hyphen of
# "five- to 10-year terms"
_RANGE_JOIN = re.compile(r"(?:[-‐]?[ \t]+(?:to|through)[ \t]+|[ \t]?[-–—][ \t]?)$",
                         re.IGNORECASE)
_AND_JOIN = re.compile(r"[ \t]+and[ \t]+$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"(?P<w>[\w.#-]+)[ \t]+$")
_TIME_UNIT_AFTER = re.compile(
    r"(?:[ \t]+|(?P<hyphen>[-‐]))(?P<u>" + trie_alternation(list(lex.TIME_UNITS)) + r")"
    # an age or a length: "a 34-year-old man", "a three-decade-long war"
    r"(?:(?(hyphen)[-‐](?:olds?|long)(?![\w-])|(?!))|(?![\w-]))",
    re.IGNORECASE)
_TIME_UNIT_WORDS = frozenset(lex.TIME_UNITS)
_TIME_UNIT_NAMES = frozenset(lex.TIME_UNITS.values())
_RATE_AFTER = re.compile(
    r"[ \t]+(?:(?P<noun>[A-Za-z][\w'’-]*)[ \t]+)?(?:" + "|".join(lex.RATE_WORDS) + r")[ \t]+"
    r"(?P<u>" + trie_alternation(list(lex.RATE_UNITS)) + r")(?![\w])", re.IGNORECASE)
# "12.4 per 100,000 inhabitants", "3.2 deaths per 1,000": a rate per a round base
_PER_BASE = re.compile(
    r"[ \t]+(?:(?P<noun>[A-Za-z][\w'’-]*)[ \t]+)?per[ \t]+(?P<base>(?:10{2,6}|1(?:0{0,2}),000"
    r"(?:,000)?)(?![\w]|[,.][0-9])|(?:(?:a|one)[ \t]+)?(?:hundred|thousand|million)(?![\w])"
    r"|capita(?![\w]))", re.IGNORECASE)
_RATE_WORDS = frozenset(lex.RATE_WORDS)  # the first or second word after
_RATE_WORD_STARTS = frozenset({" ", "\t", *(w[0] for w in _RATE_WORDS),
                               *(w[0].upper() for w in _RATE_WORDS)})
_NEXT_WORD = re.compile(r"[ \t]+(?P<w>[A-Za-z][\w'’]*(?:-[A-Za-z][\w'’]*)*)")
_CAPITALISED_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")


# --------------------------------------------------------------------------- reading

def extract(text: str) -> list[Candidate]:
    """Every figure in ``text``, sorted by start and never overlapping.  Raises only
    :class:`~claimset.core.errors.ArgumentError` (CS121) for what is not a str."""
    arguments.text("claimset.extract", "text", text)
    return list(two_sided_joined(text, _figures(text))) if text else []


def iter_extract(text: str) -> Iterator[Candidate]:
    """:func:`extract`'s figures one at a time, left to right (ArgumentError at once for
    what is not a str).

    The same figures as :func:`extract`; what it holds while reading does not grow
    with the text (number-dense text included), so a consumer that keeps only what it
    needs reads any text in memory a small multiple of its size.
    """
    arguments.text("claimset.iter_extract", "text", text)
    return two_sided_joined(text, _figures(text)) if text else iter(())


def _figures(text: str) -> Iterator[Candidate]:
    """The figures before two bounds are joined into one range."""
    words = PlainWords(text)
    lower = text.lower()
    quantities = with_one_currency(
        text, lower, with_unit_durations(text, lower, iter_quantities(text, words), _is_noun))
    quantity = next(quantities, None)
    following = next(quantities, None)
    last_end = 0
    while quantity is not None:
        used = 1
        if quantity.start >= last_end:
            found = read_date(text, quantity, following, words)
            if found is not None:
                candidate, used = found
            else:
                candidate = _figure(text, quantity, words)
                if following is not None:
                    joined = _range(text, quantity, candidate, following, words)
                    if joined is not None:
                        candidate, used = joined, 2
            yield candidate
            last_end = candidate.end
            if candidate.kind == "rate":
                base = _PER_BASE.match(text, last_end)
                if base is not None and base.group("base")[0].isdigit():
                    last_end = base.end()  # "per 100,000": the rate's base, no figure of its own
            words.forget_before(quantity.start - _WORDS_KEPT_BEHIND)
        if used == 1:
            quantity, following = following, next(quantities, None)
        else:
            quantity, following = next(quantities, None), next(quantities, None)


# How far behind the figure being read the context words stay known: only the figure's
# neighbours are asked about, so this bounds memory and costs no answer.
_WORDS_KEPT_BEHIND = 1024


def _figure(text: str, quantity: Quantity, words: PlainWords) -> Candidate:
    """One quantity, read in context: kind, unit, qualifier."""
    number = quantity.number
    assert number is not None
    start, end, value = quantity.start, quantity.end, quantity.value
    left = words.before(start)  # the plain words beside it, or None: they rule out probes
    unit: str | None = None
    kind: Kind = "count"
    qualifier_ok = True
    if number.form == "decade":
        kind, unit, qualifier_ok = "year", "decade", False
    elif number.form == "ordinal":
        kind, qualifier_ok = "ordinal", False
        if text[number.start].isdigit() and _CAPITALISED_AFTER.match(text, end):
            kind = "identifier"  # "82nd Airborne"
    elif quantity.currency is not None:
        kind, unit = "money", quantity.currency
    elif quantity.percent is not None:
        kind, unit = "percent", quantity.percent
    elif quantity.unit is not None:
        # "decades", "century-long": a duration; "5 km", "40 °C": a physical quantity
        kind = "duration" if quantity.unit in _TIME_UNIT_NAMES else "measurement"
        unit = quantity.unit
    elif number.form == "multiplier" or quantity.multiplier:
        kind, unit = "ratio", "times"
        after = _next_word(text, end, words)
        if quantity.multiplier and text[end - 4:end].lower() != "fold" and \
                (after is None or not _comparative(after[0])):
            kind, unit = "count", "times"  # "called three times"; "a three-fold rise" is a ratio
    elif _is_identifier(text, quantity, left) or _is_name(text, number):
        kind, qualifier_ok = "identifier", False
    elif _is_year(text, quantity, words):
        kind, qualifier_ok = "year", False
    else:
        right = words.after(end)
        duration = _TIME_UNIT_AFTER.match(text, end) \
            if right is None or right in _TIME_UNIT_WORDS else None
        rate = _RATE_AFTER.match(text, end) \
            if duration is None and _may_be_rate(text, end, right) else None
        per_base = _PER_BASE.match(text, end) \
            if duration is None and rate is None and _may_be_rate(text, end, right) else None
        if per_base is not None and per_base.group("noun") is not None and \
                not _is_noun(per_base.group("noun")):
            per_base = None
        if duration is not None:
            kind, unit = "duration", lex.TIME_UNITS[fold(duration.group("u"))]
            end = duration.end()
        elif rate is not None and (rate.group("noun") is None or _is_noun(rate.group("noun"))):
            kind = "rate"
            per = "per " + lex.RATE_UNITS[fold(rate.group("u"))]
            unit = per if rate.group("noun") is None else f"{rate.group('noun')} {per}"
        elif per_base is not None:
            kind = "rate"
            base = re.sub(r"[ \t]+", " ", per_base.group("base"))
            noun = per_base.group("noun")
            counted = _counted_noun(text, per_base.end(), 2, words)
            unit = (f"{noun} " if noun else "") + f"per {base}" + (f" {counted}" if counted else "")
        else:
            unit = _counted_noun(text, end, value, words)
            if unit is None and text[end:end + 1] in _QUALIFIER_AFTER_FIRST and \
                    (right is None or right in _QUALIFIER_AFTER_WORDS):
                after_q = _QUALIFIER_AFTER.match(text, end)
                if after_q is not None:  # "200 or so protesters", "300-odd families"
                    unit = _counted_noun(text, after_q.end(), value, words)
            if _is_share(text, number):
                kind = "ratio"  # "one in five", "three out of four", "two-thirds of voters"
    qualifier: Qualifier = "exact"
    qualifier_span: tuple[int, int] | None = None
    if qualifier_ok:
        found = _QUALIFIER_BEFORE.search(text, max(0, start - _QUALIFIER_REACH), start) \
            if left is None or left in _QUALIFIER_WORDS else None
        if found is not None:
            phrase = re.sub(r"\s+", " ", fold(found.group("q")))
            if not (kind == "duration" and phrase in lex.SPATIAL_QUALIFIERS) or \
                    duration_bound(text, found.start("q"), end):
                qualifier, qualifier_span = lex.QUALIFIERS[phrase], found.span("q")
        if qualifier in ("exact", "approximately"):
            after_q = _QUALIFIER_AFTER.match(text, end) \
                if text[end:end + 1] in _QUALIFIER_AFTER_FIRST else None
            if after_q is not None:
                phrase = re.sub(r"[\s-]+", " ", fold(after_q.group("q"))).strip()
                bound = lex.QUALIFIERS_AFTER[phrase]
                if qualifier == "exact" or bound != "approximately":
                    # a bound says more than a hedge: "about 500 or more" is at least 500
                    qualifier, qualifier_span = bound, after_q.span("q")
        if number.form == "vague" and qualifier == "exact":
            qualifier = "at least"  # "thousands": at least two thousand
    return _candidate(start, end, text[start:end], value, kind, unit, qualifier, None, None,
                      qualifier_span)


# A capitalised word (or "of", "'s" after one) right before a capitalised number word.
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w.]*(?:['’]s|[ \t]+of)?[ \t]+$")


def _is_name(text: str, number: Number) -> bool:
    """ "Air Force One", "Formula One", "the Gang of Four", "Ocean's Eleven": a number word
    capitalised inside a sentence, after a capitalised word, is part of a name."""
    start = number.start
    if not number.words or not text[start].isupper() or text[start:number.end].isupper():
        return False
    return _CAPITALISED_BEFORE.search(text, max(0, start - 40), start) is not None


def _is_share(text: str, number: Number) -> bool:
    """A part of a whole: "one in five", "three out of four", "a third", "half" (not "3/4",
    which may be a date, nor "2 1/2")."""
    if number.form == "ratio":
        return True
    return number.form == "fraction" and 0 < number.value < 1 and \
        "/" not in text[number.start:number.end]


def _may_be_rate(text: str, end: int, word: str | None) -> bool:
    """Whether ``_RATE_AFTER`` can match: "a"/"per"... must be the first or second word.

    ``word`` is the plain word after ``end`` (lower case) or None.  After it (the
    noun: "5 attacks a day") and its space, the second word must start right
    there with a, p or e, unless more blanks follow.
    """
    if word is None or word in _RATE_WORDS:
        return True
    return text[end + len(word) + 2:end + len(word) + 3] in _RATE_WORD_STARTS


def _next_word(text: str, pos: int, words: PlainWords) -> tuple[str, int] | None:
    """The word ``_NEXT_WORD`` matches at ``pos`` (as written) and where it ends, or None."""
    word = words.after(pos)
    if word is not None:
        end = pos + 1 + len(word)
        return text[pos + 1:end], end  # a plain word: what the regex would match
    match = _NEXT_WORD.match(text, pos)
    return None if match is None else (match.group("w"), match.end())


def _comparative(word: str) -> bool:
    word = word.lower()
    return word in lex.COMPARATIVES or (word.endswith("er") and len(word) > 4)


def _is_noun(word: str) -> bool:
    lower = word.lower()
    if lower in lex.NOT_UNITS:
        return False
    return _counted_word(lower)


@lru_cache(maxsize=4096)  # prose repeats its nouns: a dict lookup instead of five tests
def _counted_word(lower: str) -> bool:
    """Whether a lower-case word can name what is counted: "people", a plural ("troops")."""
    return lower in lex.IRREGULAR_PLURALS or (
        len(lower) > 2 and lower.endswith("s") and not lower.endswith(("ss", "us", "sis"))
        and lower not in lex.NOT_UNITS)


def _counted_noun(text: str, end: int, value: int | float | None, words: PlainWords
                  ) -> str | None:
    """The thing counted: "150,000 troops" -> troops, "27,000 US troops" -> troops."""
    if value == 1:
        return None  # a singular noun cannot be told from a verb ("one assumes")
    pos = end
    for _ in range(4):
        found = _next_word(text, pos, words)
        if found is None:
            return None
        word, word_end = found
        lower = word.lower()
        if word.isupper() and len(word) > 1:
            pos = word_end
            continue  # "27,000 US troops"
        if lower == "of" and pos == end:
            pos = word_end
            continue  # "dozens of books"
        if lower in lex.NOT_UNITS:
            return None
        if _counted_word(lower):
            return word
        pos = word_end
    return None


def _is_identifier(text: str, quantity: Quantity, word: str | None) -> bool:
    """ "resolution 1483": ``word`` is the plain word before it (lower case) or None."""
    number = quantity.number
    assert number is not None
    if number.form != "cardinal" or quantity.currency or quantity.percent:
        return False
    if is_marker(text, quantity.start, quantity.end):
        return True  # "(1)", "[3]"
    if word is not None and len(word) < 16:
        # a plain word inside the window is exactly what _WORD_BEFORE would match
        return word in lex.IDENTIFIER_PREFIXES
    before = _WORD_BEFORE.search(text, max(0, quantity.start - 16), quantity.start)
    return before is not None and before.group("w").lower() in lex.IDENTIFIER_PREFIXES


def _is_year(text: str, quantity: Quantity, words: PlainWords) -> bool:
    number = quantity.number
    assert number is not None
    if not number.plain or quantity.end - quantity.start != 4 or quantity.currency or \
            quantity.percent or quantity.multiplier:
        return False
    if not 1000 <= number.value <= 2100:
        return False
    bound = _QUALIFIER_BEFORE.search(text, max(0, quantity.start - _QUALIFIER_REACH),
                                     quantity.start)
    if bound is not None and re.sub(r"\s+", " ", fold(bound.group("q"))) in lex.COUNT_BOUNDS:
        return False  # "more than 1500", "above 1000 and below 1500": no year is more than
    after = _next_word(text, quantity.end, words)
    if after is not None:
        word = after[0]
        # "1500 troops" is a count; "1991 Gulf War", "2006 up to", "the 2023 figures",
        # "FY2024 appropriations" are years
        if word.lower() in lex.TIME_UNITS or (word[0].islower() and _is_noun(word) and
                                              not names_a_year(text, quantity.start,
                                                               number.value % 100 == 0)):
            return False
    return True


# --------------------------------------------------------------------------- ranges

# Kinds whose unit the figure states and which are no duration: two of them in different
# units make no range ("fell 6% to $48.20", "5 km to 3 miles").
_UNITS_OF_THEIR_OWN = STATED_UNIT_KINDS - {"duration"}
_RANGE_KINDS = frozenset({"count", "money", "percent", "ratio", "duration", "rate", "year",
                          "measurement"})


def _range(text: str, left_q: Quantity, left: Candidate, right_q: Quantity,
           words: PlainWords) -> Candidate | None:
    """ "two to three times", "between 2,000 and 3,000", "10-20%": one figure, or None."""
    gap_start, gap_end = left.end, right_q.start
    if gap_end - gap_start > 9:  # first: it rules out almost every pair
        return None
    if left.kind == "year" and text[gap_start:gap_end] in ("-", "–", "/"):
        split = _split_year(text, left, right_q)
        if split is not None:
            return split  # "2023-24", "the 2022/23 season": a fiscal year or a season
    if left.kind not in ("count", "money", "percent", "year", "measurement") or \
            left.end != left_q.end:
        return None
    if left_q.number is None or left_q.number.form not in ("cardinal", "fraction"):
        return None
    between = _BETWEEN_BEFORE.search(text, max(0, left.start - 9), left.start)
    and_join = _AND_JOIN.search(text, gap_start, gap_end) if between is not None else None
    start = left.start
    if and_join is not None and and_join.start() == gap_start:
        start = between.start() if between is not None else start
    else:
        join = _RANGE_JOIN.search(text, gap_start, gap_end)
        if join is None or join.start() != gap_start:
            return None
        if between is not None:
            start = between.start()  # "between 2005–2010"
        from_ = _FROM_BEFORE.search(text, max(0, left.start - 6), left.start)
        if from_ is not None:
            changed = _WORD_BEFORE.search(text, max(0, from_.start() - 16), from_.start())
            if changed is not None and changed.group("w").lower() in lex.CHANGE_WORDS:
                return None  # "rose from 10 to 20" is a change, not a range
            start = from_.start()  # "ranged from 100,000 to 150,000"
        dash = join.group(0).strip(" \t") == "-"  # not a suspended "- to"
        if dash and ((text[max(0, left.start - 1):left.start] in "-/" and
                      left.start > 0) or (text[right_q.end:right_q.end + 1] in "-/"
                                          and right_q.end < len(text))):
            return None  # "1-222-2222" is a phone number
        if dash and text[gap_start:gap_end] in ("-", "–", "—") and \
                _is_tally(text, start, right_q.end, words):
            return None  # "voted 48-52", "a 1-3 defeat": two sides' numbers, not a range
    right = _figure(text, right_q, words)
    if right.kind not in _RANGE_KINDS or right.kind in ("ordinal", "date", "identifier"):
        return None
    tight = and_join is None and text[gap_start:gap_end] in ("-", "–", "—")
    if (left.kind != right.kind and {left.kind, right.kind} <= {"percent", "money"}) or \
            (left.kind == right.kind and left.kind in _UNITS_OF_THEIR_OWN and
             left.unit != right.unit) or (left.kind == "measurement" != right.kind):
        # "fell 6% to $48.20", "rose 4 percentage points to 31%": a change and a level
        return None
    if left.kind == "year" and right.kind != "year":
        # "1000-5000 people": the upper bound is no year, so neither is the lower;
        # spaced ("in 1991 - 300 died") the dash may be a pause, and it stays a year.
        if not (tight and right.kind == "count" and left_q.number.plain):
            return None
        left = attrs.evolve(left, kind="count")
    lower, upper = left.value, right.value
    if lower is None or upper is None:
        return None
    if lower > upper and right.kind == "measurement" and (
            and_join is not None or left.kind == "measurement"):
        # "between −2 and −7 °C", "ranged from -18 °C to -34 °C": the unit on both ends
        lower, upper = upper, lower
    scale = right_q.number.scale if right_q.number else None
    if left_q.number.scale is None and scale and scale >= 1000 and lower < 1000 and \
            lower * scale < upper:
        lower = lower * scale  # "two to three million", "$10-20 billion"
    if lower >= upper:
        return None
    # the upper bound decides unless it says less: "1 to 1000" is not a span of years
    kind = right.kind if right.kind not in ("count", "year") else left.kind
    unit = right.unit or left.unit
    if left.kind == "money" and right.kind in ("count", "rate"):
        # "$10-15 billion a year", "$5-10m people": the currency is written once
        kind, unit = "money", left.unit
    return Candidate(start=start, end=right.end, text=text[start:right.end], value=None,
                     kind=kind, unit=unit, qualifier="range", lower=_plain(lower),
                     upper=_plain(upper))


def _split_year(text: str, left: Candidate, right_q: Quantity) -> Candidate | None:
    """ "2023-24", "2022/23": a year and the two last digits of a later year of its century
    (a fiscal year, a season) are one span of years; with a slash only the next year."""
    number = right_q.number
    if number is None or not number.plain or right_q.end - right_q.start != 2 or \
            not isinstance(left.value, int) or text[right_q.end:right_q.end + 1].isalnum() or \
            (text[right_q.end:right_q.end + 1] in ("-", "/", ".", ":") and
             text[right_q.end + 1:right_q.end + 2].isdigit()):
        return None
    century, upper = left.value - left.value % 100, left.value - left.value % 100 + number.value
    slash = text[left.end:right_q.start] == "/"
    if upper <= left.value or (slash and upper != left.value + 1) or century + 100 <= upper:
        return None
    return Candidate(start=left.start, end=right_q.end, text=text[left.start:right_q.end],
                     value=None, kind="year", unit=None, qualifier="range", lower=left.value,
                     upper=upper)


def _is_tally(text: str, start: int, end: int, words: PlainWords) -> bool:
    """Whether a word before or after a tight pair "52-48" says it is a score or a vote."""
    before = words.before(start)
    if before is None:
        found = _WORD_BEFORE.search(text, max(0, start - 16), start)
        before = found.group("w").lower() if found is not None else None
    if before in lex.TALLY_WORDS:
        return True
    after = _next_word(text, end, words)
    return after is not None and after[0].lower() in lex.TALLY_WORDS


def _plain(value: int | float) -> int | float:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value
