"""Numbers of every form read out of a run of tokens, on the cardinals of ``_cardinal_numbers``.

A small state machine over the tokens of one run: cardinals ("three hundred and
six", "2.5 million"), fractions ("two thirds", "a half", "3/4"), ordinals,
multipliers, vague plurals ("thousands").  It never goes back more than a
handful of tokens: scales must decrease, so a number has boundedly many tokens.
All arithmetic is exact (:class:`fractions.Fraction`).
"""

from __future__ import annotations

import re
from fractions import Fraction

from claimset.grammar import _lexicon as lex
from claimset.grammar._cardinal_numbers import (
    ORD_ROLES,
    PLURAL_SCALE_VALUES,
    UNITLIKE,
    cardinal,
    is_abbreviation,
)
from claimset.grammar._values import Form, Reading, Role, Token
from claimset.grammar._words import phrases

_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)")


def _fraction_after(tokens: list[Token], k: int) -> tuple[Fraction | int, int] | None:
    """A fraction starting at ``tokens[k]``: "a half", "three quarters", "two thirds"."""
    n = len(tokens)
    if k >= n:
        return None
    tok = tokens[k]
    if (tok.role == "a" or (tok.role == "unit" and tok.value == 1)) and k + 1 < n:
        den = tokens[k + 1]
        if den.role in ("half",) or (den.role == "ord_unit" and den.value >= 3) or \
                    den.role in ("ord_teen", "ord_tens", "ord_hundred", "ord_scale"):
            return Fraction(1) / den.value, k + 2
        if den.role == "denominator" and tok.role != "a":
            return Fraction(1) / den.value, k + 2
    if tok.role in ("fraction",):
        return tok.value, k + 1
    if tok.role in UNITLIKE:
        reading, _ = cardinal(tokens, k)
        if reading and reading.end_index < n and reading.form == "cardinal":
            den = tokens[reading.end_index]
            if den.role == "denominator" or (den.role == "half" and den.value == 4 and \
                    tokens[reading.end_index].end - tokens[reading.end_index].start == 8):
                return Fraction(reading.value) / den.value, reading.end_index + 1
    return None


def _scale_after(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """A scale word at ``k`` (optionally "of a million"): its factor and the next index."""
    n = len(tokens)
    if k < n and tokens[k].role in ("scale", "hundred") and not is_abbreviation(tokens, k):
        return int(tokens[k].value), k + 1
    if k + 2 < n and tokens[k].role == "of" and tokens[k + 1].role == "a" and \
            tokens[k + 2].role == "scale":
        return int(tokens[k + 2].value), k + 3
    return None


def _point_decimals(tokens: list[Token], k: int, text: str) -> tuple[Fraction, int] | None:
    """Spoken decimals after "point": "point zero three", "point seventy-one", "1 point 1",
    "point 77" (digits as written: "point 05" is 0.05)."""
    n = len(tokens)
    if k >= n or tokens[k].role != "point":
        return None
    k += 1
    digits = ""
    if k < n and tokens[k].role == "num" and tokens[k].plain:
        digits = text[tokens[k].start:tokens[k].end]
        k += 1
    elif k < n and tokens[k].role in ("teen", "tens"):
        digits = str(int(tokens[k].value))
        k += 1
        if digits.endswith("0") and k < n and tokens[k].role == "unit" and tokens[k].value:
            digits = digits[0] + str(int(tokens[k].value))
            k += 1
    else:
        while k < n and tokens[k].role == "unit":
            digits += str(int(tokens[k].value))
            k += 1
    if not digits:
        return None
    return Fraction(int(digits), 10 ** len(digits)), k


def read_number(tokens: list[Token], i: int, text: str) -> Reading | None:
    """The number starting at ``tokens[i]``, or None if none starts there."""
    n = len(tokens)
    tok = tokens[i]
    role = tok.role
    if role != "num":  # digits start a cardinal; words may start something else
        if role == "mult":
            if text[tok.end:tok.end + 5].lower() == " down":
                return None  # "doubled down": an idiom
            return Reading(tok.value, i + 1, form="multiplier", words=True)
        if role == "ordnum":
            return Reading(tok.value, i + 1, form="ordinal")
        if role == "decade":
            return Reading(tok.value, i + 1, form="decade")
        if role == "vague":
            if _UNIT_HEADER_BEFORE.search(text, max(0, tok.start - 5), tok.start) and \
                    not _OF_AFTER.match(text, tok.end):
                return None  # "(in millions)", "USD millions": a table's unit, not a count
            return _vague(tokens, i)
        if role == "dozen":
            if text[tok.end - 1:tok.end].lower() == "s" and tok.end - tok.start == 6:
                return _vague(tokens, i)  # "dozens"
            return None
        if role == "several":
            # "several", "several hundred thousand": at least three of them
            return _vague_count(tokens, i + 1, tok.value)
        if role == "fraction":
            reading = Reading(tok.value, i + 1, form="fraction")
            return _with_scale(tokens, reading)
        if role in ORD_ROLES:
            return Reading(tok.value, i + 1, form="ordinal", words=True)
        if role == "half":
            return _half(tokens, i, text)
        if role == "point":
            decimals = _point_decimals(tokens, i, text)  # "point 77", "point five"
            return None if decimals is None else Reading(decimals[0], decimals[1], words=True)
        if role == "a":
            if i + 1 < n and tokens[i + 1].role == "single":
                return Reading(1, i + 2, words=True)  # "a single soldier"
            if i + 1 < n and tokens[i + 1].role in ("few", "couple"):
                # "a few", "a couple of", "a few hundred", "a couple thousand": at least two
                j = i + 2
                if tokens[i + 1].role == "couple":
                    if j < n and tokens[j].role == "of":
                        j += 1
                    elif _scale_run(tokens, j) is None:
                        return None  # "a couple from Leeds"
                return _vague_count(tokens, j, tokens[i + 1].value)
            if i + 1 < n and tokens[i + 1].role == "half":
                frac = _fraction_after(tokens, i)
                if frac is None:
                    return None
                value, k = frac
                if tokens[i + 1].value == 4 and not _fraction_context(tokens, k, text):
                    return None
                return _with_scale(tokens, Reading(value, k, form="fraction", words=True))
            if i + 1 < n and tokens[i + 1].role in ORD_ROLES:
                den = tokens[i + 1]
                if (den.role != "ord_unit" or den.value >= 3) and \
                        _fraction_context(tokens, i + 2, text):
                    return Reading(Fraction(1, den.value), i + 2, form="fraction", words=True)
                return None
    first, before_and = cardinal(tokens, i, bare_scale=role in _SCALE_ROLES and
                                 _bare_scale_allowed(tok, text))
    if first is None:
        return None
    reading = first
    k = reading.end_index
    pair = _spoken_pair(tokens, i, reading, text)
    if pair is not None:
        return pair
    if reading.form == "ordinal":
        # "one fifth", "a hundred trillionths" are fractions; "one hundred twenty fifth" is not,
        # nor "the one hundredth anniversary".
        last = tokens[k - 1]
        if k - i == 2 and tokens[i].role in ("unit",) and tokens[i].value == 1 and \
                not _the_before(text, tokens[i].start) and \
                (last.role != "ord_unit" or last.value >= 3) and _fraction_context(tokens, k, text):
            return Reading(Fraction(1, last.value), k, form="fraction", words=True)
        return reading
    # "one fifth", "one twenty-fifth"
    if k < n and k == i + 1 and tokens[i].role == "unit" and reading.value == 1 and \
            not _the_before(text, tokens[i].start) and \
            tokens[k].role in ORD_ROLES and (tokens[k].role != "ord_unit" or
                                              tokens[k].value >= 3) and \
            _fraction_context(tokens, k + 1, text):
        return Reading(Fraction(1, tokens[k].value), k + 1, form="fraction", words=True)
    # "twenty-three fifths", "one hundred and three quarters", "two million and one half"
    if k < n and reading.words and (tokens[k].role == "denominator" or tokens[k].role == "half"):
        denominator = tokens[k].value
        word = text[tokens[k].start:tokens[k].end].lower()
        after_and = reading.value - before_and if before_and is not None else None
        if word in ("half", "quarter") and (after_and if after_and is not None
                                            else reading.value) != 1:
            return reading  # "two half", "three quarter": not fractions
        if before_and is not None and after_and is not None and 0 < after_and < denominator:
            fraction = Fraction(after_and) / denominator
            # a fraction after "X million and" is a fraction of a million
            unit = reading.scale if reading.scale and reading.scale >= 1000 else 1
            scale = _scale_after(tokens, k + 1)
            if scale is not None:
                unit, k = scale[0], scale[1] - 1
            value = before_and + fraction * unit
            return Reading(value, k + 1, words=True, scale=reading.scale,
                            form="fraction" if unit == 1 else "cardinal")
        value = Fraction(reading.value) / denominator
        return _with_scale(tokens, Reading(value, k + 1, form="fraction", words=True))
    ratio = _over(tokens, k, text)
    if ratio is not None and reading.form == "cardinal":
        # "three out of four" is a share; "2000 over 3" a fraction
        form: Form = "ratio" if tokens[k].role == "out" else "fraction"
        denominator, k = ratio
        return Reading(Fraction(reading.value) / denominator, k, form=form, words=True)
    share = _share(tokens, k, text, reading.value) if reading.form == "cardinal" else None
    if share is not None:
        denominator, k = share
        return Reading(Fraction(reading.value) / denominator, k, form="ratio", words=True)
    decimals = _point_decimals(tokens, k, text) \
        if reading.words or (reading.plain and k == i + 1) else None
    if decimals is not None:
        value, k = decimals
        reading = Reading(reading.value + value, k, words=True, scale=reading.scale)
        return _with_scale(tokens, reading)
    # "2 1/4": a whole number and a fraction
    if k < n and tokens[k].role == "fraction" and tokens[i].role == "num" and k == i + 1 and \
            reading.value.denominator == 1 and tokens[k].value < 1:
        mixed = Reading(reading.value + tokens[k].value, k + 1, form="fraction")
        return _with_scale(tokens, mixed)  # "1 1/2 million" is 1,500,000
    # "... and a half", "... and three quarters", "five and a half million"
    if k + 1 < n and tokens[k].role == "and":
        frac = _fraction_after(tokens, k + 1)
        if frac is not None:
            value, j = frac
            scale = _scale_after(tokens, j)
            if scale is not None:
                factor, j = scale
                if reading.scale and reading.scale >= 1000:
                    total = reading.value + value * factor
                else:
                    total = (reading.value + value) * factor
                return Reading(total, j, words=True, scale=factor)
            if reading.scale and reading.scale >= 1000:
                return Reading(reading.value + value * reading.scale, j, words=True,
                                scale=reading.scale)
            return Reading(reading.value + value, j, words=True, form="fraction")
    return reading


_SCALE_ROLES: frozenset[Role] = frozenset({"hundred", "scale"})
_SMALL_ROLES: frozenset[Role] = frozenset({"unit", "teen", "tens"})


def _small_words(tokens: list[Token], i: int, k: int) -> int | None:
    """The value of ``tokens[i:k]`` when they are one or two words of 1-99 ("nineteen",
    "sixty-six"), else None."""
    if not 0 < k - i <= 2 or any(t.role not in _SMALL_ROLES for t in tokens[i:k]):
        return None
    value = sum(int(t.value) for t in tokens[i:k])
    return value if 0 < value < 100 else None


def _hyphenated_pair(tokens: list[Token], k: int, end: int, text: str) -> bool:
    """Whether ``tokens[k:end]`` are tens and units joined by a hyphen ("twenty-two")."""
    return end - k == 2 and tokens[k].role == "tens" and tokens[k + 1].role == "unit" and \
        tokens[k].end + 1 == tokens[k + 1].start and text[tokens[k].end] in "-‐‑"


def _spoken_pair(tokens: list[Token], i: int, reading: Reading, text: str) -> Reading | None:
    """Numbers spoken in pairs: a year ("nineteen ninety" 1990, "ten sixty-six" 1066,
    "nineteen oh-one" 1901) or a number said as its hundreds and the rest ("one twenty-two"
    122).  Not before a hyphenated word ("ten twenty-dollar bills" is ten bills)."""
    k = reading.end_index
    n = len(tokens)
    if reading.form != "cardinal" or k >= n or tokens[i].role == "num":
        return None
    first = _small_words(tokens, i, k)
    if first is None:
        return None
    if tokens[k].role == "oh" and k + 1 < n and tokens[k + 1].role == "unit" and \
            first >= 10 and tokens[k + 1].value:
        second, end = int(tokens[k + 1].value), k + 2
    else:
        following, _ = cardinal(tokens, k)
        if following is None or following.form != "cardinal":
            return None
        end = following.end_index
        read = _small_words(tokens, k, end)
        if read is None or read < 10 or (first < 10 and not _hyphenated_pair(tokens, k, end, text)):
            return None  # "one twenty-two" is 122; "three twenty seven" is 3 and 27
        second = read
    after = tokens[end - 1].end
    if text[after:after + 1] in "-‐‑" and text[after + 1:after + 2].isalpha():
        return None  # "ten twenty-dollar bills", "two twenty-minute breaks"
    return Reading(first * 100 + second, end, words=True)
# "deaths per thousand", "parts per million": a rate's base, not a count of its own.
_RATE_BASE_BEFORE = re.compile(r"(?<![\w])(?:" + phrases(lex.RATE_BASE_BEFORE) + r")[ \t]+$",
                               re.IGNORECASE)
# "thousand of times" is a misspelt "thousands of": vague, never one thousand.
# Before a bare plural scale, the words of a table's unit: "(in millions)", "($ millions)".
_UNIT_HEADER_BEFORE = re.compile(r"(?:(?<![\w'’])[Ii]n|[$€£¥]|(?<![A-Za-z])(?:USD|EUR|GBP))[ \t]*$")
_OF_AFTER = re.compile(r"[ \t]+of(?![\w])", re.IGNORECASE)
# "N1.2 trillion", "G20 million": after digits no number was read from (glued to a letter),
# the scale word is that unread amount's, not a bare one of itself.
_DIGITS_BEFORE = re.compile(r"[0-9][ \t]{1,2}$")


def _bare_scale_allowed(tok: Token, text: str) -> bool:
    """A scale word alone is one of itself ("hundred and twelve km", "million"), written
    in lower case (capitalised it starts a name: "Hundred Years' War", "Million Man March"),
    not glued by a hyphen to a word before it, not as a rate's base and not after digits."""
    return text[tok.start].islower() and text[tok.start - 1:tok.start] not in ("-", "‐") and \
        _RATE_BASE_BEFORE.search(text, max(0, tok.start - 8), tok.start) is None and \
        _OF_AFTER.match(text, tok.end) is None and \
        _DIGITS_BEFORE.search(text, max(0, tok.start - 3), tok.start) is None


def _over(tokens: list[Token], k: int, text: str) -> tuple[Fraction | int, int] | None:
    """ "over three", "out of five hundred" after a numerator: (denominator, next index).

    "over" only when nothing follows the denominator ("2000 over 3", but "$2000
    over 3 years" is a duration); "out of" always.
    """
    n = len(tokens)
    if k + 1 >= n or tokens[k].role not in ("over", "out"):
        return None
    j = k + 1
    if tokens[k].role == "out":
        if tokens[j].role != "of" or j + 1 >= n:
            return None
        j += 1
    if tokens[k].role == "out" and tokens[j].role == "every" and j + 1 < n:
        j += 1  # "nine out of every ten"
    if tokens[j].role in ("a", "of", "and", "over", "out", "every", "in"):
        return None
    reading, _ = cardinal(tokens, j)
    if reading is None or reading.form != "cardinal" or reading.value == 0:
        return None
    end = tokens[reading.end_index - 1].end
    if tokens[k].role == "over":
        rest = text[end:end + 3].lstrip(" \t")
        if rest[:1].isalnum():
            return None
    return reading.value, reading.end_index


def _fraction_context(tokens: list[Token], k: int, text: str) -> bool:
    """After "a third": a fraction ("a third of", "a third.") or an ordinal ("a third model")?"""
    if k < len(tokens):
        role = tokens[k].role
        if role in ("of", "scale", "and"):
            return True
    end = tokens[k - 1].end
    if text[end:end + 1] in "-‐‑" and text[end + 1:end + 2].isalpha():
        return False  # "a tenth-century mosque", "a third-party claim": an ordinal adjective
    rest = text[end:end + 12].lstrip(" \t\u00a0")
    if not rest or not (rest[0].isalnum()):
        return True
    rest = rest.lower()
    if rest.startswith(("of ", "and ")):
        return True
    # "rose by a third in May", "cut by a quarter since 2020": a change by a fraction
    # (not "paid by a third party": a noun after it makes it an ordinal)
    first = tokens[k - 2] if k >= 2 and tokens[k - 2].role in ("a", "unit") else tokens[k - 1]
    return rest.startswith(lex.AFTER_A_CHANGE) and \
        _BY_BEFORE.search(text, max(0, first.start - 6), first.start) is not None


# "by a third": after a change by a fraction, the words that may follow it.
_BY_BEFORE = re.compile(r"(?<![\w])by[ \t]+$", re.IGNORECASE)


def _with_scale(tokens: list[Token], reading: Reading) -> Reading:
    scale = _scale_after(tokens, reading.end_index)
    if scale is None:
        return reading
    factor, k = scale
    return Reading(reading.value * factor, k, form="cardinal", scale=factor, words=True)


def _half(tokens: list[Token], i: int, text: str) -> Reading | None:
    tok = tokens[i]
    n = len(tokens)
    word = text[tok.start:tok.end].lower()
    if word not in ("half", "quarter"):
        return None
    value = Fraction(1, int(tok.value))
    # "half a dozen", "half a million"
    if i + 2 < n and tokens[i + 1].role == "a" and tokens[i + 2].role in ("dozen", "scale"):
        return Reading(value * tokens[i + 2].value, i + 3, words=True,
                        scale=int(tokens[i + 2].value))
    scaled = _with_scale(tokens, Reading(value, i + 1, form="fraction", words=True))
    if scaled.end_index > i + 1:
        return scaled
    if word == "quarter":
        return None  # "the first quarter", "quarter-final"
    end = tok.end
    if text[end:end + 1] in "-‐‑" and text[end + 1:end + 2].isalpha():
        return None  # "half-responsible"
    return scaled


def _vague(tokens: list[Token], i: int) -> Reading | None:
    """ "thousands", "dozens", "hundreds of thousands", "tens of thousands": lower bounds."""
    n = len(tokens)
    factor = tokens[i].value
    k = i + 1
    if k + 1 < n and tokens[k].role == "of" and tokens[k + 1].role == "vague" and \
            tokens[k + 1].value > factor:
        factor *= tokens[k + 1].value
        k += 2
    elif factor == 10:
        return None  # "tens" alone
    return Reading(2 * factor, k, form="vague", words=True, scale=int(tokens[k - 1].value))



def _the_before(text: str, pos: int) -> bool:
    return text[max(0, pos - 4):pos].lower() == "the "


def _share(tokens: list[Token], k: int, text: str, numerator: Fraction | int
           ) -> tuple[Fraction | int, int] | None:
    """ "one in five", "one in a million", "nine of every ten", "two in every three"
    after a numerator: (denominator, next index).  Not "3 in 2004" (a year), "one in
    ten years" (a time) or "5 in 3" (more than the whole)."""
    n = len(tokens)
    if k + 1 >= n:
        return None
    role = tokens[k].role
    j = k + 1
    if role == "of":
        if tokens[j].role != "every":
            return None
        j += 1
    elif role == "in":
        if tokens[j].role == "every":
            j += 1
    else:
        return None
    if j >= n or numerator.__class__ is not int or numerator <= 0:
        return None
    reading, _ = cardinal(tokens, j)
    if reading is None or reading.form != "cardinal" or not isinstance(reading.value, int) \
            or reading.value <= numerator:
        return None
    if reading.plain and 1800 <= reading.value <= 2100:
        return None  # "one in 2004"
    end = tokens[reading.end_index - 1].end
    after = _WORD_AFTER.match(text, end)
    if after is not None and after.group(1).lower() in lex.TIME_UNITS:
        return None  # "one in ten years"
    return reading.value, reading.end_index


def _scale_run(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """The product of the scale words from ``k`` ("hundred thousand" -> 100000), or None."""
    factor = 1
    j = k
    while j < len(tokens) and j < k + 3 and not is_abbreviation(tokens, j) and (
            tokens[j].role in ("hundred", "scale", "dozen")
            or (tokens[j].role == "vague" and tokens[j].value in PLURAL_SCALE_VALUES)):
        factor *= int(tokens[j].value)
        j += 1
    return None if j == k else (factor, j)


def _vague_count(tokens: list[Token], k: int, least: Fraction | int) -> Reading:
    """ "several", "a few hundred", "a couple of thousand": at least ``least`` of the scale
    words from ``k`` (one rule for every vague quantity, grammar/_lexicon.py)."""
    scale = _scale_run(tokens, k)
    if scale is None:
        return Reading(least, k, form="vague", words=True)
    factor, end = scale
    return Reading(least * factor, end, form="vague", words=True, scale=factor)
