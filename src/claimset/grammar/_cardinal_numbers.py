"""Cardinal numbers: the longest cardinal a run's tokens hold from a given token.

"three hundred and six", "2.5 million", "two thousand million", "4 thousand 3
hundred and 21": units, teens, tens, "hundred", scales (which must decrease, or
multiply when one follows another: "thousand million"), "and", "a", "dozen".
It never goes back more than a handful of tokens.
"""

from __future__ import annotations

from fractions import Fraction

from claimset.grammar import _lexicon as lex
from claimset.grammar._values import Reading, Role, Token, _reading

UNITLIKE: frozenset[Role] = frozenset({"unit", "teen", "tens"})
PLURAL_SCALE_VALUES = frozenset(lex.PLURAL_SCALES.values())
ORD_ROLES: frozenset[Role] = frozenset({"ord_unit", "ord_teen", "ord_tens", "ord_hundred",
                                        "ord_scale"})


def cardinal(tokens: list[Token], i: int, *, bare_scale: bool = False
             ) -> tuple[Reading | None, Fraction | int | None]:
    """The longest cardinal from ``tokens[i]``, and the value before its last "and".

    ``bare_scale``: a scale word may start the number as one of itself ("hundred
    and twelve", "million"); the caller decides from the words around it.

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
    total_before_scale: Fraction | int = 0  # the total before the last scale's group
    last_group: Fraction | int = 0
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
        ordinal = role in ORD_ROLES
        if ordinal and started_digits:
            break  # "$ 280 million first preferred notes"
        base = role[4:] if ordinal else role
        if role == "vague" and k != i and tok.value in PLURAL_SCALE_VALUES:
            base = "hundred" if tok.value == 100 else "scale"  # "three billions"
        if base in UNITLIKE:
            if tok.value == 0:
                if k != i:
                    break
                return _reading(0, k + 1, "cardinal", None, True, False), None
            if small is None:
                small, kind = tok.value, base
            elif kind == "tens" and base == "unit":
                small, kind = small + tok.value, "tensunit"
            else:
                break
        elif role == "a":
            if k != i or k + 1 >= n or tokens[k + 1].role not in ("hundred", "scale", "dozen") \
                    or is_abbreviation(tokens, k + 1):
                break
            small, kind = 1, "a"
            words = True
            k += 1
            continue
        elif role == "num":
            # "3 hundred and 21", but "20 billion and 61%" is two numbers: digits after
            # "and" continue a number only after "hundred"
            if k == i or (started_digits and small is None and (has_hundred or last_big)
                  and (has_hundred or not pending_and)
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
            if small is None:  # bare "hundred": as in "hundred thousand", or when allowed
                if not (bare_scale and k == i) and (k + 1 >= n or tokens[k + 1].role != "scale"):
                    break
                small = 1
            hundreds, small, kind, has_hundred = small * 100, None, None, True
            last_scale = 100
            and_checkpoint = None
        elif base == "scale":
            scale = int(tok.value)
            if is_abbreviation(tokens, k) and (k == i or tokens[k - 1].role != "num"):
                break
            if (k - 1 > i or bare_scale) and last_big is not None and \
                    tokens[k - 1].role == "scale" and \
                    scale > last_big and small is None and hundreds == 0 and \
                    not is_abbreviation(tokens, k - 1) and not tokens[k - 1].scale:
                # "two thousand million" (the British billion), "one lakh crore": the
                # scales multiply
                total = total_before_scale + last_group * last_big * scale
                last_big = last_scale = last_big * scale
                and_checkpoint = None
                value = total
                best = _reading(value, k + 1, "cardinal", last_scale, True, False)
                k += 1
                continue
            group = hundreds + (small if small is not None else 0)
            if (last_big is not None and scale >= last_big) or (tokens[k - 1].scale and k > i) \
                    or (group == 0 and k != i):
                if and_checkpoint is not None:
                    return and_checkpoint, None
                break
            if group == 0:  # bare "thousand million"... only "a"/bare at the start
                if bare_scale and k == i:
                    group = 1
                else:
                    if k + 1 >= n or tokens[k + 1].role not in ("scale",):
                        break
                    group = 1
                    provisional = not ordinal
            total_before_scale, last_group = total, group
            total += group * scale
            hundreds, small, kind, has_hundred = 0, None, None, False
            last_big = last_scale = scale
            and_checkpoint = None
        elif role == "dozen":
            if (small is None and not has_hundred) or ordinal:
                break
            if before_and is not None and pending_and is False and and_checkpoint is not None:
                # "three hundred and two dozens": the dozen counts what follows "and"
                value = before_and + (total + hundreds + (small or 0) - before_and) * tok.value
            else:
                value = (total + hundreds + (small or 0)) * tok.value  # a dozen, a pair
            return _reading(value, k + 1, "cardinal", int(tok.value), True, False), None
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
        plain = started_digits and k == i and tok.plain
        if tok.scale:
            # "10k", "1.2bn": a glued scale ends the number
            best = _reading(value, k + 1, "cardinal", tok.scale, words, plain)
            break
        if ordinal:
            best = _reading(value, k + 1, "ordinal", last_scale, words, plain)
            break
        best = _reading(value, k + 1, "cardinal", last_scale, words, plain)
        k += 1
    return best, before_and


def is_abbreviation(tokens: list[Token], k: int) -> bool:
    return tokens[k].end - tokens[k].start <= 3 and \
        int(tokens[k].value) in (10**6, 10**7, 10**9, 10**12)
