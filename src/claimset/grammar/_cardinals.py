"""The grammar proper: numbers read out of a run of tokens.

A small state machine over the tokens of one run: cardinals ("three hundred and
six", "2.5 million"), fractions ("two thirds", "a half", "3/4"), ordinals,
multipliers, vague plurals ("thousands").  It never goes back more than a
handful of tokens: scales must decrease, so a number has boundedly many tokens.
All arithmetic is exact (:class:`fractions.Fraction`).
"""

from __future__ import annotations

from fractions import Fraction

from claimset.grammar._tokens import Token


class Reading:
    """A number read from a run's tokens (a plain slotted class: one per checkpoint)."""

    __slots__ = ("end_index", "form", "plain", "scale", "value", "words")

    def __init__(self, value: Fraction | int, end_index: int, form: str = "cardinal",
                 scale: int | None = None, words: bool = False, plain: bool = False) -> None:
        self.value = value
        self.end_index = end_index  # tokens consumed (exclusive)
        self.form = form
        self.scale = scale
        self.words = words
        self.plain = plain


_UNITLIKE = frozenset({"unit", "teen", "tens"})
_ORD_ROLES = frozenset({"ord_unit", "ord_teen", "ord_tens", "ord_hundred", "ord_scale"})


def _cardinal(tokens: list[Token], i: int) -> tuple[Reading | None, Fraction | int | None]:
    """The longest cardinal from ``tokens[i]``, and the value before its last "and".

    State: ``total`` (finished groups of a thousand and up), ``hundreds`` and
    ``small`` (the current group), ``kind`` of the small part.  A checkpoint is
    kept after every token that completes a valid number; when a later token
    does not fit, the reading falls back to it ("3 hundred and 2 hundred" is
    two numbers, so a scale that fails after "and" falls back to before "and").
    """
    n = len(tokens)
    total: Fraction | int = 0
    hundreds: Fraction | int = 0
    small: Fraction | int | None = None
    kind: str | None = None  # unit, teen, tens, tensunit, digits, a
    has_hundred = False
    last_big: int | None = None
    last_scale: int | None = None
    started_digits = tokens[i].role == "num"
    best: Reading | None = None
    before_and: Fraction | int | None = None  # value at the checkpoint before the last "and"
    and_checkpoint: Reading | None = None  # set while an "and" follows the last scale
    pending_and = False
    provisional = False
    words = False
    k = i
    while k < n:
        tok = tokens[k]
        role = tok.role
        if role == "and":
            if pending_and or best is None or kind == "a" or \
                    not (has_hundred or (small is None and last_big)):
                break
            pending_and = True
            before_and = best.value
            and_checkpoint = best
            k += 1
            continue
        ordinal = role in _ORD_ROLES
        if ordinal and started_digits:
            break  # "$ 280 million first preferred notes"
        base = role[4:] if ordinal else role
        if base in _UNITLIKE:
            if tok.value == 0:
                if k != i:
                    break
                return Reading(0, k + 1, words=True), None
            if small is None:
                small, kind = tok.value, base
            elif kind == "tens" and base == "unit":
                small, kind = small + tok.value, "tensunit"
            else:
                break
        elif role == "a":
            if k != i or k + 1 >= n or tokens[k + 1].role not in ("hundred", "scale", "dozen") \
                    or _is_abbreviation(tokens, k + 1):
                break
            small, kind = 1, "a"
            words = True
            k += 1
            continue
        elif role == "num":
            if k == i or (started_digits and small is None and (has_hundred or last_big)
                  and tok.value.denominator == 1 and 0 < tok.value < (100 if has_hundred else 1000)
                  and tok.scale is None):
                small, kind = tok.value, "digits"
            else:
                break
        elif base == "hundred":
            if has_hundred or (small is None and k != i):
                if and_checkpoint is not None:
                    return and_checkpoint, None
                break
            if small is None:  # bare "hundred": only as in "hundred thousand"
                if k + 1 >= n or tokens[k + 1].role != "scale":
                    break
                small = 1
            hundreds, small, kind, has_hundred = small * 100, None, None, True
            last_scale = 100
            and_checkpoint = None
        elif base == "scale":
            scale = int(tok.value)
            if _is_abbreviation(tokens, k) and (k == i or tokens[k - 1].role != "num"):
                break
            group = hundreds + (small if small is not None else 0)
            if (last_big is not None and scale >= last_big) or (tokens[k - 1].scale and k > i) \
                    or (group == 0 and k != i):
                if and_checkpoint is not None:
                    return and_checkpoint, None
                break
            if group == 0:  # bare "thousand million"... only "a"/bare at the start
                if k + 1 >= n or tokens[k + 1].role not in ("scale",):
                    break
                group = 1
                provisional = not ordinal
            total += group * scale
            hundreds, small, kind, has_hundred = 0, None, None, False
            last_big = last_scale = scale
            and_checkpoint = None
        elif role == "dozen":
            if (small is None and not has_hundred) or ordinal:
                break
            if before_and is not None and pending_and is False and and_checkpoint is not None:
                # "three hundred and two dozens": the dozen counts what follows "and"
                value = before_and + (total + hundreds + (small or 0) - before_and) * 12
            else:
                value = (total + hundreds + (small or 0)) * 12
            return Reading(value, k + 1, words=True, scale=12), None
        else:
            break
        if role != "num":
            words = True
        pending_and = False
        if provisional:
            # A bare leading scale is a number only with the scale after it: alone,
            # "thousand" is a word ("thousand thousand" must not read as 1000).
            provisional = False
            k += 1
            continue
        value = total + hundreds + (small if small is not None and kind != "a" else 0)
        best = Reading(value, k + 1, "cardinal", last_scale, words,
                        started_digits and k == i and tok.plain)
        if tok.scale:
            best.scale = tok.scale
            break  # "10k", "1.2bn": a glued scale ends the number
        if ordinal:
            best.form = "ordinal"
            break
        k += 1
    return best, before_and


def _is_abbreviation(tokens: list[Token], k: int) -> bool:
    return tokens[k].end - tokens[k].start <= 3 and int(tokens[k].value) in (10**6, 10**9, 10**12)


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
    if tok.role in _UNITLIKE:
        reading, _ = _cardinal(tokens, k)
        if reading and reading.end_index < n and reading.form == "cardinal":
            den = tokens[reading.end_index]
            if den.role == "denominator" or (den.role == "half" and den.value == 4 and \
                    tokens[reading.end_index].end - tokens[reading.end_index].start == 8):
                return Fraction(reading.value) / den.value, reading.end_index + 1
    return None


def _scale_after(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """A scale word at ``k`` (optionally "of a million"): its factor and the next index."""
    n = len(tokens)
    if k < n and tokens[k].role in ("scale", "hundred") and not _is_abbreviation(tokens, k):
        return int(tokens[k].value), k + 1
    if k + 2 < n and tokens[k].role == "of" and tokens[k + 1].role == "a" and \
            tokens[k + 2].role == "scale":
        return int(tokens[k + 2].value), k + 3
    return None


def _point_decimals(tokens: list[Token], k: int) -> tuple[Fraction, int] | None:
    """Spoken decimals after "point": "point zero three", "point seventy-one"."""
    n = len(tokens)
    if k >= n or tokens[k].role != "point":
        return None
    k += 1
    digits = ""
    if k < n and tokens[k].role in ("teen", "tens"):
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
            return Reading(tok.value, i + 1, form="multiplier", words=True)
        if role == "ordnum":
            return Reading(tok.value, i + 1, form="ordinal")
        if role == "decade":
            return Reading(tok.value, i + 1, form="decade")
        if role == "vague":
            return _vague(tokens, i)
        if role == "dozen":
            if text[tok.end - 1:tok.end].lower() == "s" and tok.end - tok.start == 6:
                return _vague(tokens, i)  # "dozens"
            return None
        if role == "several":
            # "several hundred thousand": at least three of them ("several" is more than "a couple")
            reading, _ = _cardinal(tokens, i + 1) if i + 1 < n and \
                tokens[i + 1].role in ("hundred", "scale", "dozen") else (None, None)
            if reading is None:
                return None
            return Reading(3 * reading.value, reading.end_index, form="vague", words=True,
                            scale=reading.scale)
        if role == "fraction":
            reading = Reading(tok.value, i + 1, form="fraction")
            return _with_scale(tokens, reading)
        if role in _ORD_ROLES:
            return Reading(tok.value, i + 1, form="ordinal", words=True)
        if role == "half":
            return _half(tokens, i, text)
        if role == "a":
            if i + 1 < n and tokens[i + 1].role == "half":
                frac = _fraction_after(tokens, i)
                if frac is None:
                    return None
                value, k = frac
                if tokens[i + 1].value == 4 and not _fraction_context(tokens, k, text):
                    return None
                return _with_scale(tokens, Reading(value, k, form="fraction", words=True))
            if i + 1 < n and tokens[i + 1].role in _ORD_ROLES:
                den = tokens[i + 1]
                if (den.role != "ord_unit" or den.value >= 3) and \
                        _fraction_context(tokens, i + 2, text):
                    return Reading(Fraction(1, den.value), i + 2, form="fraction", words=True)
                return None
    reading, before_and = _cardinal(tokens, i)
    if reading is None:
        return None
    k = reading.end_index
    if reading.form == "ordinal":
        # "one fifth", "a hundred trillionths" are fractions; "one hundred twenty fifth" is not.
        last = tokens[k - 1]
        if k - i == 2 and tokens[i].role in ("unit",) and tokens[i].value == 1 and \
                (last.role != "ord_unit" or last.value >= 3) and _fraction_context(tokens, k, text):
            return Reading(Fraction(1, last.value), k, form="fraction", words=True)
        return reading
    # "one fifth", "one twenty-fifth"
    if k < n and k == i + 1 and tokens[i].role == "unit" and reading.value == 1 and \
            tokens[k].role in _ORD_ROLES and (tokens[k].role != "ord_unit" or
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
        denominator, k = ratio
        return Reading(Fraction(reading.value) / denominator, k, form="fraction",
                        words=True)
    decimals = _point_decimals(tokens, k) if reading.words else None
    if decimals is not None:
        value, k = decimals
        reading = Reading(reading.value + value, k, words=True, scale=reading.scale)
        return _with_scale(tokens, reading)
    # "2 1/4": a whole number and a fraction
    if k < n and tokens[k].role == "fraction" and tokens[i].role == "num" and k == i + 1 and \
            reading.value.denominator == 1 and tokens[k].value < 1:
        return Reading(reading.value + tokens[k].value, k + 1, form="fraction")
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
    if tokens[j].role in ("a", "of", "and", "over", "out"):
        return None
    reading, _ = _cardinal(tokens, j)
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
    rest = text[end:end + 8].lstrip(" \t\u00a0")
    if not rest or not (rest[0].isalnum()):
        return True
    return rest.lower().startswith(("of ", "and "))


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

