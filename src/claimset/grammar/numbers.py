"""The number grammar: finds numeric expressions in English text and computes them.

This is the only number parser in claimset; the extractor and the dataset checker
both stand on it.  Two layers of output:

* :func:`find_numbers` - bare numbers: "150,000", "3.5 million", "one hundred and
  six", "a million and a half", "two-thirds", "a dozen", "82nd", "1940s", "double".
* :func:`find_quantities` - numbers with what is written around them: currency
  ("$20 billion", "20 billion dollars"), percent ("61%", "61 per cent") and
  multipliers ("four times").

How it stays fast and linear: one compiled anchor regex (a trie of the number
words, plus digits) finds where a number may start; from there a run of number
tokens is read once with bounded regexes, and a small state machine reads
numbers out of the run.  Every number the grammar accepts has a bounded number
of tokens (scales must decrease), so no input makes it go back further than a
handful of tokens.  All arithmetic is exact (:class:`fractions.Fraction`) and
only turned into ``int``/``float`` at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import NamedTuple

import attrs

from claimset.core._construct import positional_constructor
from claimset.grammar import _lexicon as lex

__all__ = ["Number", "Quantity", "find_numbers", "find_quantities", "to_python"]

# Longer digit strings are serial numbers or noise, not figures, and int() of a
# megabyte of digits would be quadratic.
MAX_DIGITS = 30
MAX_EXPONENT = 40


@attrs.frozen(kw_only=True)
class Number:
    """A bare number in the text: ``text[start:end]`` is its own words."""

    start: int
    end: int
    value: int | float
    #: cardinal, fraction, ordinal, multiplier, decade, vague ("thousands": a lower bound)
    form: str
    #: the last scale word's factor ("3.5 million" -> 1000000), for ranges like "2 to 3 million"
    scale: int | None = None
    #: written with number words (not only digits)
    words: bool = False
    #: bare integer digits without separators or decimals ("2004", not "2,004")
    plain: bool = False

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@attrs.frozen(kw_only=True)
class Quantity:
    """A number with its currency, percent or multiplier words (``start:end`` covers them)."""

    start: int
    end: int
    value: int | float | None
    number: Number | None
    currency: str | None = None
    #: "percent" or "percentage points" when the number is a percentage
    percent: str | None = None
    multiplier: bool = False

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


class RawNumber(NamedTuple):
    """A ``Number``'s fields as the scan finds them; ``public()`` makes the Number.

    A frozen attrs object costs about a microsecond to build, and the extractor
    reads every number and quantity of a text only to make its own figures of
    them, so inside claimset they travel as tuples; ``find_numbers`` and
    ``find_quantities`` hand out the value objects.
    """

    start: int
    end: int
    value: int | float
    form: str
    scale: int | None = None
    words: bool = False
    plain: bool = False

    def public(self) -> Number:
        return _number(*self)  # the same fields in the same order


class RawQuantity(NamedTuple):
    """A ``Quantity``'s fields as the scan finds them; ``public()`` makes the Quantity."""

    start: int
    end: int
    value: int | float | None
    number: RawNumber | None
    currency: str | None = None
    percent: str | None = None
    multiplier: bool = False

    def public(self) -> Quantity:
        number = None if self.number is None else self.number.public()
        return _quantity_object(self.start, self.end, self.value, number, self.currency,
                                self.percent, self.multiplier)


# Number(...) and Quantity(...) with positional fields: cheaper than their keyword __init__.
_number = positional_constructor(Number)
_quantity_object = positional_constructor(Quantity)


# Letters that Python's case-insensitive regexes match with an ASCII letter but that
# str.lower() leaves apart: long s (ſ ~ s), dotless i (ı ~ i), and the dot that
# "İ".lower() adds.  (The Kelvin sign lowers to "k" by itself.)
_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0307": None})


def fold(word: str) -> str:
    """``word`` as the lexicon spells it, for any case a case-insensitive pattern matched:
    "DOLLARS", "dollarſ" and "Dollars" all give "dollars"."""
    return word.lower().translate(_FOLD)


def to_python(value: Fraction | int) -> int | float:
    """Exact value to the plainest Python number: int when whole, else float."""
    if isinstance(value, int):
        return value
    if value.denominator == 1:
        return int(value.numerator)
    return float(value)


# --------------------------------------------------------------------------- lexicon

def trie_alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` shaped as a trie, so the engine never retries a prefix.

    It matches exactly what the plain alternation ``w1|w2|...`` sorted longest first
    matches, and prefers the same word: the words that can match at one position
    lie on one path of the trie (its branches start with different characters),
    and the trie tries the deeper, longer word first, as the sorted alternation
    does.  A space in a word matches a run of spaces and tabs ("per cent").
    Against a plain alternation of a hundred words it is several times faster,
    and the extractor runs a dozen such probes around every number.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        optional = "" in node
        branches = [(r"[ \t]+" if c == " " else re.escape(c)) + build(sub)
                    for c, sub in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if optional:
            body = "(?:" + body + ")?"
        return body

    return build(root)


# role, value
_WORDS: dict[str, tuple[str, int]] = {}
_WORDS.update({w: ("unit", v) for w, v in lex.UNITS.items()})
_WORDS.update({w: ("teen", v) for w, v in lex.TEENS.items()})
_WORDS.update({w: ("tens", v) for w, v in lex.TENS.items()})
_WORDS["hundred"] = ("hundred", 100)
_WORDS.update({w: ("scale", v) for w, v in lex.SCALES.items()})
_WORDS.update({w: ("dozen", v) for w, v in lex.DOZENS.items()})
_WORDS.update({w: ("vague", v) for w, v in lex.VAGUE_PLURALS.items() if w != "dozens"})
_WORDS["tens"] = ("vague", 10)
_WORDS.update({w: ("ord_unit", v) for w, v in lex.ORDINAL_UNITS.items()})
_WORDS.update({w: ("ord_teen", v) for w, v in lex.ORDINAL_TEENS.items()})
_WORDS.update({w: ("ord_tens", v) for w, v in lex.ORDINAL_TENS.items()})
_WORDS["hundredth"] = ("ord_hundred", 100)
_WORDS.update({w: ("ord_scale", v) for w, v in lex.ORDINAL_SCALES.items() if v > 100})
_ORDINAL_VALUES = {**lex.ORDINAL_UNITS, **lex.ORDINAL_TEENS, **lex.ORDINAL_TENS,
                   **lex.ORDINAL_SCALES}
# Plural ordinals are denominators only ("five eighths", "two hundredths").
_WORDS.update({w + "s": ("denominator", v) for w, v in _ORDINAL_VALUES.items()
               if w not in ("first", "second")})
_WORDS.update({w: ("half", v) for w, v in lex.HALVES.items()})
_WORDS.update({w: ("mult", v) for w, v in lex.MULTIPLIER_WORDS.items()})
_WORDS.update({"and": ("and", 0), "a": ("a", 1), "an": ("a", 1), "of": ("of", 0),
               "point": ("point", 0), "several": ("several", 3), "over": ("over", 0),
               "out": ("out", 0)})

# Words that can begin a number: the anchors.  Connectors ("and", "a", "of") and
# denominators only continue one; "a"/"minus"/"several" are found by looking back.
_ANCHOR_WORDS = sorted(w for w, (role, _) in _WORDS.items()
                       if role not in ("and", "a", "of", "point", "several", "denominator",
                                       "over", "out")
                       and w not in lex.SCALE_ABBREVIATIONS)
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_VULGAR_VALUES = {
    "½": Fraction(1, 2), "⅓": Fraction(1, 3), "⅔": Fraction(2, 3), "¼": Fraction(1, 4),
    "¾": Fraction(3, 4), "⅕": Fraction(1, 5), "⅖": Fraction(2, 5), "⅗": Fraction(3, 5),
    "⅘": Fraction(4, 5), "⅙": Fraction(1, 6), "⅚": Fraction(5, 6), "⅐": Fraction(1, 7),
    "⅛": Fraction(1, 8), "⅜": Fraction(3, 8), "⅝": Fraction(5, 8), "⅞": Fraction(7, 8),
    "⅑": Fraction(1, 9), "⅒": Fraction(1, 10),
}

# Case-sensitive over lower, Capitalised and UPPER forms ("tWo" is not read): it
# halves the scan time against re.IGNORECASE, and the scan is most of the cost.
# The lookahead on the first character lets the engine skip most positions fast.
_ANCHOR_FORMS = sorted({form for word in _ANCHOR_WORDS
                        for form in (word, word.capitalize(), word.upper())})
_ANCHOR = re.compile(
    r"(?=[0-9" + _VULGAR + "".join(sorted({w[0] for w in _ANCHOR_FORMS})) + r"])"
    r"(?:[0-9" + _VULGAR + r"]|\b(?:" + trie_alternation(_ANCHOR_FORMS) + r")\b)"
)

# Letters glued to digits that still leave a number: currency codes ("115USD").
_GLUED_CODES = (r"(?i:m?(?:" + "|".join(sorted(lex.CURRENCY_CODES, key=len, reverse=True))
                + r"))(?![A-Za-z])")
_CODE_BEFORE = re.compile(r"(?<![A-Za-z])" + _GLUED_CODES[:-len(r"(?![A-Za-z])")] + r"\$?$")

# One token of a run.  Digits: thousands groups (bounded lookahead, no nested
# quantifiers that could backtrack), Indian lakh groups (bounded), space groups
# ("1 234 567"), decimals, exponents, then an optional suffix.
_TOKEN = re.compile(
    r"""
    (?P<frac>(?<![0-9/])[0-9]{1,3}/[0-9]{1,3}(?![0-9/]))
  | (?P<int>
        (?<![\w.])(?=\.[0-9])
      |
        [0-9]{1,3}(?:,[0-9]{3}(?![0-9]))+
      | [0-9]{1,2}(?:,[0-9]{2}){1,6},[0-9]{3}(?![0-9])
      | [0-9]{1,3}(?:[\ \u00a0\u202f\u2009][0-9]{3}(?![0-9,]))+
      | [0-9]+
    )
    (?P<dec>\.[0-9]+)?
    (?P<exp>[eE][-+]?[0-9]{1,3}(?![0-9])|\^[-+]{0,2}[0-9]{1,3}(?![0-9])
            |[x×]10\^[-+]?[0-9]{1,3}(?![0-9]))?
    (?:
        (?P<ord>st|nd|rd|th)
      | (?P<decade>s|['’]s)
      | (?P<suffix>[\ \t]{0,2}(?:K|k|M|MM|G|B|T|bn|bln|mn|mln|mil|tln)|b|m)
    )?
    (?:(?![A-Za-z0-9])|(?=""" + _GLUED_CODES + r"""))
  | (?P<vulgar>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒])
  | (?P<word>[A-Za-z]+)(?![\w'’])
    """,
    re.VERBOSE,
)
_SYMBOL_SET = frozenset(lex.CURRENCY_SYMBOLS)
_SUFFIX_SCALES = {
    "k": 10**3, "K": 10**3, "M": 10**6, "MM": 10**6, "mn": 10**6, "mln": 10**6,
    "mil": 10**6, "m": 10**6, "G": 10**9, "B": 10**9, "b": 10**9, "bn": 10**9, "bln": 10**9,
    "T": 10**12, "tln": 10**12,
}
# Between tokens of one number: spaces, at most one line break, at most one hyphen.
_SEPARATOR = re.compile(r"[ \t\u00a0\u202f]*(?:\r?\n[ \t]*)?(?:[-‐‑][ \t]*)?")
# The characters a separator can start with (it matches nothing before any other);
# "" is in it too, so the end of the text goes to the regex.
_SEPARATOR_FIRST = " \t\u00a0\u202f\r\n-‐‑"
_NON_DIGITS = re.compile(r"[^0-9]")


class _Token:
    """One word or digit string of a run (a plain slotted class: runs can be long)."""

    __slots__ = ("end", "plain", "role", "scale", "start", "value")

    def __init__(self, start: int, end: int, role: str, value: Fraction | int,
                 plain: bool = False, scale: int | None = None) -> None:
        self.start = start
        self.end = end
        self.role = role
        self.value = value  # int when whole: int arithmetic is ten times faster than Fraction
        self.plain = plain
        self.scale = scale  # a glued suffix scale ("10k")


def _digit_token(match: re.Match[str]) -> _Token | None:
    start, end = match.span()
    frac, raw, decimal, exp, ordinal, decade, suffix, _, _ = match.groups()
    if frac is not None:
        num, den = frac.split("/")
        if int(den) == 0:
            return None
        return _Token(start, end, "fraction", Fraction(int(num), int(den)))
    text = match.string
    # the regex allows only [0-9] and group separators in raw, so isdigit() means "no separators"
    digits = raw if raw.isdigit() else raw.replace(",", "")
    if not digits.isdigit():
        digits = _NON_DIGITS.sub("", digits)  # space groups ("1 234 567"), or "" before ".5"
    if decimal and raw:
        after = match.end("dec")
        if (start >= 2 and text[start - 1] == "." and text[start - 2].isdigit()) or \
                (text[after:after + 1] == "." and text[after + 1:after + 2].isdigit()):
            # "192.168.1.2" is four numbers, not two decimals
            return _Token(start, match.end("int"), "num", int(digits), plain=raw.isdigit())
    if len(digits) > MAX_DIGITS:
        return None
    try:
        value: Fraction | int = Fraction(Decimal(digits + decimal)) if decimal else int(digits)
    except (InvalidOperation, ValueError):  # pragma: no cover - the regex rules it out
        return None
    if exp:
        scientific = exp[0] in "eEx×"  # 1e10, 1.3x10^6 (else 1.1^23 is a power)
        digits_of_power = exp.split("^")[-1] if "^" in exp else exp[1:]
        power = int(digits_of_power.replace("-", "").replace("+", "") or "0")
        if digits_of_power.count("-") % 2 == 1:
            power = -power
        if abs(power) > MAX_EXPONENT:
            return None
        value = value * Fraction(10) ** power if scientific else Fraction(value) ** power
    plain = raw == digits and not decimal and not exp
    if ordinal:
        if decimal or exp or not _ordinal_suffix_ok(int(value), ordinal):
            return None
        return _Token(start, end, "ordnum", value)
    if decade:
        if plain and len(digits) == 4 and digits.endswith("0"):
            return _Token(start, end, "decade", value)
        # a possessive ("2004's"): the number stops before it
        end = match.start("decade")
    scale = None
    if suffix == "m" and text[max(0, start - 2):start].strip(" ") not in _SYMBOL_SET:
        return None  # "1m" is a metre; "£5m" is five million pounds
    if suffix:
        scale = _SUFFIX_SCALES[suffix.strip()]
        value *= scale
        plain = False
    return _Token(start, end, "num", value, plain, scale)


def _ordinal_suffix_ok(value: int, suffix: str) -> bool:
    if value % 100 in (11, 12, 13):
        return suffix == "th"
    return suffix == {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def _read_run(text: str, pos: int, words: PlainWords) -> tuple[list[_Token], int]:
    """Tokens of the number run starting at ``pos``, and where the run stops."""
    tokens: list[_Token] = []
    n = len(text)
    end = pos
    match_token = _TOKEN.match
    while pos < n:
        match = match_token(text, pos)
        if match is None:
            break
        alternative = match.lastgroup  # "word", "vulgar", "frac", or a group of a digit string
        if alternative == "word":
            entry = _WORDS.get(match.group().lower())
            if entry is None:
                break
            role, value = entry
            tokens.append(_Token(match.start(), match.end(), role, value))
        elif alternative == "vulgar":
            tokens.append(_Token(match.start(), match.end(), "fraction",
                                 _VULGAR_VALUES[match.group()]))
        else:
            if match.start() > 0 and text[match.start() - 1].isalpha() and not tokens and \
                    _CODE_BEFORE.search(text, max(0, match.start() - 5), match.start()) is None:
                break  # "G8", "F-16": glued to a word
            token = _digit_token(match)
            if token is None:
                break
            tokens.append(token)
        end = tokens[-1].end
        if text[end:end + 1] not in _SEPARATOR_FIRST:
            break  # glued to something that is not a separator (",", ".", "%")
        if alternative != "word":  # digits are mostly followed by a word that ends the run
            after = words.after(end)
            if after is not None and after not in _WORDS:
                break  # "5 troops": the separator and token regexes would find "troops" and stop
        pos = _SEPARATOR.match(text, end).end()
        if pos == end:
            break
    return tokens, end


# --------------------------------------------------------------------------- grammar

class _Reading:
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


def _cardinal(tokens: list[_Token], i: int) -> tuple[_Reading | None, Fraction | None]:
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
    best: _Reading | None = None
    before_and: Fraction | None = None  # value at the checkpoint before the last "and"
    and_checkpoint: _Reading | None = None  # set while an "and" follows the last scale
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
                return _Reading(0, k + 1, words=True), None
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
                value = before_and + (total + hundreds + small - before_and) * 12
            else:
                value = (total + hundreds + (small or 0)) * 12
            return _Reading(value, k + 1, words=True, scale=12), None
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
        best = _Reading(value, k + 1, "cardinal", last_scale, words,
                        started_digits and k == i and tok.plain)
        if tok.scale:
            best.scale = tok.scale
            break  # "10k", "1.2bn": a glued scale ends the number
        if ordinal:
            best.form = "ordinal"
            break
        k += 1
    return best, before_and


def _is_abbreviation(tokens: list[_Token], k: int) -> bool:
    return tokens[k].end - tokens[k].start <= 3 and int(tokens[k].value) in (10**6, 10**9, 10**12)


def _fraction_after(tokens: list[_Token], k: int) -> tuple[Fraction, int] | None:
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


def _scale_after(tokens: list[_Token], k: int) -> tuple[int, int] | None:
    """A scale word at ``k`` (optionally "of a million"): its factor and the next index."""
    n = len(tokens)
    if k < n and tokens[k].role in ("scale", "hundred") and not _is_abbreviation(tokens, k):
        return int(tokens[k].value), k + 1
    if k + 2 < n and tokens[k].role == "of" and tokens[k + 1].role == "a" and \
            tokens[k + 2].role == "scale":
        return int(tokens[k + 2].value), k + 3
    return None


def _point_decimals(tokens: list[_Token], k: int) -> tuple[Fraction, int] | None:
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


def _read(tokens: list[_Token], i: int, text: str) -> _Reading | None:
    """The number starting at ``tokens[i]``, or None if none starts there."""
    n = len(tokens)
    tok = tokens[i]
    role = tok.role
    if role != "num":  # digits start a cardinal; words may start something else
        if role == "mult":
            return _Reading(tok.value, i + 1, form="multiplier", words=True)
        if role == "ordnum":
            return _Reading(tok.value, i + 1, form="ordinal")
        if role == "decade":
            return _Reading(tok.value, i + 1, form="decade")
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
            return _Reading(3 * reading.value, reading.end_index, form="vague", words=True,
                            scale=reading.scale)
        if role == "fraction":
            reading = _Reading(tok.value, i + 1, form="fraction")
            return _with_scale(tokens, reading)
        if role in _ORD_ROLES:
            return _Reading(tok.value, i + 1, form="ordinal", words=True)
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
                return _with_scale(tokens, _Reading(value, k, form="fraction", words=True))
            if i + 1 < n and tokens[i + 1].role in _ORD_ROLES:
                den = tokens[i + 1]
                if (den.role != "ord_unit" or den.value >= 3) and \
                        _fraction_context(tokens, i + 2, text):
                    return _Reading(Fraction(1, den.value), i + 2, form="fraction", words=True)
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
            return _Reading(Fraction(1, last.value), k, form="fraction", words=True)
        return reading
    # "one fifth", "one twenty-fifth"
    if k < n and k == i + 1 and tokens[i].role == "unit" and reading.value == 1 and \
            tokens[k].role in _ORD_ROLES and (tokens[k].role != "ord_unit" or
                                              tokens[k].value >= 3) and \
            _fraction_context(tokens, k + 1, text):
        return _Reading(Fraction(1, tokens[k].value), k + 1, form="fraction", words=True)
    # "twenty-three fifths", "one hundred and three quarters", "two million and one half"
    if k < n and reading.words and (tokens[k].role == "denominator" or tokens[k].role == "half"):
        den = tokens[k].value
        word = text[tokens[k].start:tokens[k].end].lower()
        after_and = reading.value - before_and if before_and is not None else None
        if word in ("half", "quarter") and (after_and if after_and is not None
                                            else reading.value) != 1:
            return reading  # "two half", "three quarter": not fractions
        if after_and is not None and 0 < after_and < den:
            fraction = Fraction(after_and) / den
            # a fraction after "X million and" is a fraction of a million
            unit = reading.scale if reading.scale and reading.scale >= 1000 else 1
            scale = _scale_after(tokens, k + 1)
            if scale is not None:
                unit, k = scale[0], scale[1] - 1
            value = before_and + fraction * unit
            return _Reading(value, k + 1, words=True, scale=reading.scale,
                            form="fraction" if unit == 1 else "cardinal")
        value = Fraction(reading.value) / den
        return _with_scale(tokens, _Reading(value, k + 1, form="fraction", words=True))
    ratio = _over(tokens, k, text)
    if ratio is not None and reading.form == "cardinal":
        denominator, k = ratio
        return _Reading(Fraction(reading.value) / denominator, k, form="fraction",
                        words=True)
    decimals = _point_decimals(tokens, k) if reading.words else None
    if decimals is not None:
        value, k = decimals
        reading = _Reading(reading.value + value, k, words=True, scale=reading.scale)
        return _with_scale(tokens, reading)
    # "2 1/4": a whole number and a fraction
    if k < n and tokens[k].role == "fraction" and tokens[i].role == "num" and k == i + 1 and \
            reading.value.denominator == 1 and tokens[k].value < 1:
        return _Reading(reading.value + tokens[k].value, k + 1, form="fraction")
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
                return _Reading(total, j, words=True, scale=factor)
            if reading.scale and reading.scale >= 1000:
                return _Reading(reading.value + value * reading.scale, j, words=True,
                                scale=reading.scale)
            return _Reading(reading.value + value, j, words=True, form="fraction")
    return reading


def _over(tokens: list[_Token], k: int, text: str) -> tuple[Fraction | int, int] | None:
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


def _fraction_context(tokens: list[_Token], k: int, text: str) -> bool:
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


def _with_scale(tokens: list[_Token], reading: _Reading) -> _Reading:
    scale = _scale_after(tokens, reading.end_index)
    if scale is None:
        return reading
    factor, k = scale
    return _Reading(reading.value * factor, k, form="cardinal", scale=factor, words=True)


def _half(tokens: list[_Token], i: int, text: str) -> _Reading | None:
    tok = tokens[i]
    n = len(tokens)
    word = text[tok.start:tok.end].lower()
    if word not in ("half", "quarter"):
        return None
    value = Fraction(1, int(tok.value))
    # "half a dozen", "half a million"
    if i + 2 < n and tokens[i + 1].role == "a" and tokens[i + 2].role in ("dozen", "scale"):
        return _Reading(value * tokens[i + 2].value, i + 3, words=True,
                        scale=int(tokens[i + 2].value))
    scaled = _with_scale(tokens, _Reading(value, i + 1, form="fraction", words=True))
    if scaled.end_index > i + 1:
        return scaled
    if word == "quarter":
        return None  # "the first quarter", "quarter-final"
    end = tok.end
    if text[end:end + 1] in "-‐‑" and text[end + 1:end + 2].isalpha():
        return None  # "half-responsible"
    return scaled


def _vague(tokens: list[_Token], i: int) -> _Reading | None:
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
    return _Reading(2 * factor, k, form="vague", words=True, scale=int(tokens[k - 1].value))


# --------------------------------------------------------------------------- context words

# Every figure is read in context: a dozen regex probes look for a qualifier, a
# currency, a month, "percent" ... right before or after it.  Each probe costs a
# regex call, and for almost every figure none of them matches.  In the usual
# case the figure stands between spaces with a plain word on each side ("some
# 150,000 troops"), and then the word alone settles most probes: a probe whose
# match would end (or start) with a whole word there can only match when that
# word is one of its own.  Those words are kept next to each probe (``*_WORDS``,
# lower case); ``word_before`` and ``word_after`` give the plain word, or None
# when the text there is anything else (a tab, a line break, punctuation, a
# non-ASCII letter, text edges), and then the probe runs.  Being ASCII letters,
# the word folds case exactly as the regexes do.  tests/test_numbers_context.py
# checks every probe against its word set, on every lexicon word and random text.


def word_before(text: str, pos: int) -> str | None:
    """The word of ASCII letters in `` word `` right before ``pos``, or None.

    "the 5" -> "the" (``pos`` at 5); "(about 5", "city’s 5", "about  5" -> None.
    """
    if pos < 3 or text[pos - 1] != " ":
        return None
    space = text.rfind(" ", max(0, pos - 40), pos - 1)
    word = text[space + 1:pos - 1]
    if space < 0 or not (word.isascii() and word.isalpha()):
        return None
    return word


def word_after(text: str, pos: int) -> str | None:
    """The word of ASCII letters in `` word `` right after ``pos``, or None.

    "5 troops are" -> "troops" (``pos`` after 5); "5 troops." -> None.
    """
    if text[pos:pos + 1] != " ":
        return None
    space = text.find(" ", pos + 1, pos + 40)
    word = text[pos + 1:space]
    if space < 0 or not (word.isascii() and word.isalpha()):
        return None
    return word


class PlainWords:
    """``word_before`` and ``word_after`` of one text, lower-cased, each found once.

    All layers ask about the same two neighbours of a figure (its run, its sign,
    currency, percent, qualifier, unit ...), so a dict per text keeps them.
    ``may_end(pos, words)`` says whether a probe that must end at ``pos`` with
    one of ``words`` (then blanks) can match, ``may_start`` the same after ``pos``.
    """

    __slots__ = ("_after", "_before", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # "" marks a position not looked at yet: a plain word is never empty
        self._before: dict[int, str | None] = {}
        self._after: dict[int, str | None] = {}

    def before(self, pos: int) -> str | None:
        word = self._before.get(pos, "")
        if word == "":
            word = self._before[pos] = _lower(word_before(self.text, pos))
        return word

    def after(self, pos: int) -> str | None:
        word = self._after.get(pos, "")
        if word == "":
            word = self._after[pos] = _lower(word_after(self.text, pos))
        return word

    def may_end(self, pos: int, words: frozenset[str]) -> bool:
        word = self._before.get(pos, "")
        if word == "":
            word = self.before(pos)
        return word is None or word in words

    def may_start(self, pos: int, words: frozenset[str]) -> bool:
        word = self._after.get(pos, "")
        if word == "":
            word = self.after(pos)
        return word is None or word in words


def _lower(word: str | None) -> str | None:
    return None if word is None else word.lower()


def _first_words(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(phrase.split(" ")[0] for phrase in phrases)


# --------------------------------------------------------------------------- scanning

# A sign glued to the digits, or spaced only at the very start ("- 1 4/5"): a
# spaced hyphen inside prose is a dash or a range, not a minus.
_NEGATION = re.compile(r"(?:\b(?:minus|negative)[ \t]+|^[-−][ \t]?|(?<=[\s(\[])[-−])$",
                       re.IGNORECASE)
_NEGATION_WORDS = frozenset({"minus", "negative"})
_A_BEFORE = re.compile(r"(?:(?<![\w'’])(?:an?|several|half[ \t]+an?)[ \t]+)$", re.IGNORECASE)
_A_WORDS = frozenset({"a", "an", "several"})
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]{1,2000}", re.IGNORECASE)


def _url_spans(text: str) -> list[tuple[int, int]]:
    if "://" not in text and "www." not in text:
        return []
    return [m.span() for m in _URL.finditer(text)]


def _iter_readings(text: str, words: PlainWords) -> Iterator[tuple[int, int, _Reading]]:
    """Every bare number as (start, end, reading), left to right, disjoint."""
    urls = _url_spans(text)
    url_index = 0
    pos = 0
    n = len(text)
    find_anchor = _ANCHOR.search
    while pos < n:
        anchor = find_anchor(text, pos)
        if anchor is None:
            return
        start = anchor.start()
        if start > 0 and text[start - 1].isdigit():
            pos = start + 1
            continue
        if urls:
            while url_index < len(urls) and urls[url_index][1] <= start:
                url_index += 1
            if url_index < len(urls) and urls[url_index][0] <= start:
                pos = urls[url_index][1]
                continue
        run_start = start
        if start > 0 and text[start - 1] == "." and text[start].isdigit() and (
                start < 2 or not (text[start - 2].isalnum() or text[start - 2] in ".,")):
            run_start = start = start - 1  # ".08"
        # A leading "a"/"an"/"several"/"half a" belongs to the run ("a million").
        lead = _A_BEFORE.search(text, max(0, start - 12), start) \
            if words.may_end(start, _A_WORDS) else None
        if lead is not None:
            run_start = lead.start()
        tokens, run_end = _read_run(text, run_start, words)
        if not tokens or (tokens[0].start != run_start and lead is None):
            pos = _skip_word(text, start)
            continue
        i = 0
        while i < len(tokens):
            reading = _read(tokens, i, text)
            if reading is None or reading.end_index <= i:
                i += 1
                continue
            yield tokens[i].start, tokens[reading.end_index - 1].end, reading
            i = reading.end_index
        # Every token of the run has been tried as a start, so the next search
        # begins after the run whether or not it held a number: reading the run
        # again from its second word would make "hundred hundred ..." quadratic.
        pos = max(run_end, start + 1)
        if pos <= start:
            pos = start + 1


def _skip_word(text: str, start: int) -> int:
    """The end of the word or digit string at ``start`` ("180.25ml", "USD115.5")."""
    end = start + 1
    n = len(text)
    while end < n and (text[end].isalnum() or (text[end] in ".,/" and end + 1 < n
                       and text[end + 1].isalnum())):
        end += 1
    return end


_DETERMINER_BEFORE = re.compile(
    r"(?<![\w'’])(?:the|this|that|which|each|every|any|no|another|the\s+only|the\s+same|"
    r"a\s+single|my|your|his|her|its|our|their)[ \t]+$", re.IGNORECASE)
_PRONOUN_AFTER = re.compile(r"(?:['’]s\b|[ \t]+another\b)", re.IGNORECASE)


def _is_pronoun_one(text: str, start: int, end: int) -> bool:
    """ "the one you mentioned", "one another", "one's": "one" that is not a number."""
    if text[start:end].lower() != "one":
        return False
    return (_DETERMINER_BEFORE.search(text, max(0, start - 16), start) is not None
            or _PRONOUN_AFTER.match(text, end) is not None)


def find_numbers(text: str) -> list[Number]:
    """Every bare number in ``text``, sorted and disjoint."""
    return [number.public() for number in _numbers(text, PlainWords(text))]


def _numbers(text: str, words: PlainWords) -> list[RawNumber]:
    found: list[RawNumber] = []
    for start, end, reading in _iter_readings(text, words):
        value = reading.value
        if end - start == 3 and value == 1 and _is_pronoun_one(text, start, end):
            continue
        negative = None
        if reading.form in ("cardinal", "fraction") and start > 0 and \
                words.may_end(start, _NEGATION_WORDS):
            negative = _NEGATION.search(text, max(0, start - 10), start)
        if negative is not None and (found == [] or found[-1].end <= negative.start()):
            start = negative.start()
            value = -value
        found.append(RawNumber(start, end, to_python(value), reading.form, reading.scale,
                               reading.words, reading.plain and negative is None))
    return found


# --------------------------------------------------------------------------- quantities

_SYMBOLS = "".join(re.escape(s) for s in lex.CURRENCY_SYMBOLS if len(s) == 1)
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![\w.])(?:(?P<pre>" + trie_alternation(list(lex.DOLLAR_PREFIXES)) + r")[ \t]?"
    r"|(?-i:(?P<glued>" + trie_alternation(list(lex.GLUED_DOLLAR_PREFIXES)) + r")))(?=\$))?"
    r"(?P<sym>[" + _SYMBOLS + r"])[ \t]{0,2}$"
    r"|(?<![\w$])(?P<code>" + trie_alternation(list(lex.CURRENCY_CODES)) + r"|dollars?)"
    r"(?P<codesym>\$)?[ \t]?$",
    re.IGNORECASE,
)
_CURRENCY_BEFORE_WORDS = frozenset({*lex.CURRENCY_CODES, "dollar", "dollars"})
_CURRENCY_AFTER = re.compile(
    r"(?P<sep>[ \t]{0,2}|-)(?:"
    r"(?P<word>" + trie_alternation(list(lex.CURRENCY_WORDS)) + r")(?![\w])"
    r"|(?P<code>m?(?:" + trie_alternation(list(lex.CURRENCY_CODES)) + r"))(?![\w])"
    r"|(?P<sym>[" + _SYMBOLS + r"]|ரூ)(?![0-9])"
    r")(?P<million>[ \t]+million(?![\w]))?",
    re.IGNORECASE,
)
_CURRENCY_AFTER_WORDS = _first_words(lex.CURRENCY_WORDS) | frozenset(
    {*lex.CURRENCY_CODES, *("m" + code for code in lex.CURRENCY_CODES)})
_PERCENT_AFTER = re.compile(
    r"[ \t]?(?:(?P<sign>%)|(?P<word>" + trie_alternation(list(lex.PERCENT_WORDS)) + r")(?![\w]))",
    re.IGNORECASE,
)
_PERCENT_AFTER_WORDS = _first_words(lex.PERCENT_WORDS)
_PERCENT_BEFORE = re.compile(
    r"(?<![\w])(?:percents?|per[ \t]?cent|percentage)[ \t]+of[ \t]+$", re.IGNORECASE)
_PERCENT_BEFORE_WORDS = frozenset({"of"})
_TIMES_AFTER = re.compile(r"(?:[ \t]+times|[-‐]?fold)(?![\w])", re.IGNORECASE)
_TIMES_AFTER_WORDS = frozenset({"times"})
# "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50."
_CENTS_AFTER = re.compile(
    r"[ \t]+(?:and[ \t]+)?(?P<num>[0-9]{1,2}|[a-z]+(?:[ \t-]+[a-z]+)?)"
    r"(?P<cents>[ \t]+(?:cents?|pence))?(?=[ \t]*(?:[.,;:!?)]|$))",
    re.IGNORECASE,
)


_BARE_UNIT = re.compile(
    r"(?<![\w])(?P<percent>percent(?:age)?s?|per[ \t]cent)(?![\w])|(?P<sign>%)"
    r"|(?<![\w])(?P<currency>" + trie_alternation([w for w in lex.CURRENCY_WORDS if " " not in w])
    + r")(?![\w])",
    re.IGNORECASE,
)


def find_quantities(text: str, *, bare_units: bool = False) -> list[Quantity]:
    """Every number with its currency, percent or "times" attached, sorted and disjoint.

    With ``bare_units``, percent and currency words with no number of their own
    ("a small percent", "the dollar") come too, with ``value`` and ``number`` None:
    Recognizers-Text reports them; the extractor does not want them.
    """
    found = [quantity.public() for quantity in read_quantities(text, PlainWords(text))]
    if not bare_units:
        return found
    taken = [(q.start, q.end) for q in found] + _url_spans(text)
    bare: list[Quantity] = []
    for match in _BARE_UNIT.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        if match.group("currency"):
            word = fold(match.group("currency"))
            bare.append(Quantity(start=start, end=end, value=None, number=None,
                                 currency=lex.CURRENCY_WORDS[word]))
        else:
            bare.append(Quantity(start=start, end=end, value=None, number=None,
                                 percent="percent"))
    return sorted([*found, *bare], key=lambda q: q.start)


def read_quantities(text: str, words: PlainWords) -> list[RawQuantity]:
    """``find_quantities(text)`` as tuples, with the text's words (the extractor shares them)."""
    out: list[RawQuantity] = []
    prev_end = 0
    for number in _numbers(text, words):
        if number.start < prev_end:
            continue  # inside the previous quantity ("3 dollars 50 cents")
        quantity = _quantity(text, number, prev_end, words)
        out.append(quantity)
        prev_end = quantity.end
    return out


def _quantity(text: str, number: RawNumber, prev_end: int, words: PlainWords) -> RawQuantity:
    start, end = number.start, number.end
    if number.form in ("ordinal", "decade", "multiplier"):
        return RawQuantity(start=start, end=end, value=number.value, number=number)
    left, right = words.before(start), words.after(end)  # plain words rule out probes
    # currency before: "$20", "US$ 150", "c $ 16.4", "USD 200", "£8"
    before = _CURRENCY_BEFORE.search(text, max(prev_end, start - 8), start) \
        if left is None or left in _CURRENCY_BEFORE_WORDS else None
    if before is not None and number.form != "vague":
        value = Fraction(number.value)
        currency = _currency_from_before(before)
        qstart = before.start()
        qend = end
        after = _CURRENCY_AFTER.match(text, end)
        if after is not None and after.group("word") and before.end() - before.start("sym") > 1 \
                and lex.CURRENCY_WORDS.get(
                after.group("word").lower().replace("\t", " ")) == currency:
            qend = after.end()  # "$ 10 dollars"
        cents = _cents(text, qend) if qend == end else None
        if cents is not None:
            value, qend = value + cents[0], cents[1]  # "c $ 100 and fifty."
        return RawQuantity(start=qstart, end=qend, value=to_python(value), number=number,
                        currency=currency)
    # percent after: "61%", "61 percent", "61 per cent"
    percent = _PERCENT_AFTER.match(text, end) \
        if right is None or right in _PERCENT_AFTER_WORDS else None
    if percent is not None and number.form != "vague":
        unit = "percent"
        word = (percent.group("word") or "").lower()
        if word.startswith("percentage point"):
            unit = "percentage points"
        return RawQuantity(start=start, end=percent.end(), value=number.value, number=number,
                        percent=unit)
    percent_before = _PERCENT_BEFORE.search(text, max(prev_end, start - 20), start) \
        if left is None or left in _PERCENT_BEFORE_WORDS else None
    if percent_before is not None:
        return RawQuantity(start=percent_before.start(), end=end, value=number.value,
                        number=number, percent="percent")
    # currency after: "20 billion dollars", "10 €", "115USD", "12-cent"
    after = _CURRENCY_AFTER.match(text, end) \
        if right is None or right in _CURRENCY_AFTER_WORDS else None
    bare = RawQuantity(start, end, number.value, number)
    if after is not None and (after.group("sep") != "-" or after.group("word")):
        value = Fraction(number.value)
        currency = _currency_from_after(after)
        qend = after.end()
        if after.group("million"):
            value *= 10**6
        if (after.group("code") or "").lower().startswith("m") and \
                after.group("code").lower()[1:] in lex.CURRENCY_CODES:
            value *= 10**6  # "30 MUSD"
        if currency not in lex.SUBUNITS and after.group("sep") != "-":
            cents = _cents(text, qend)
            if cents is not None:
                value, qend = value + cents[0], cents[1]
        if number.form == "vague":
            return bare
        return RawQuantity(start=start, end=qend, value=to_python(value), number=number,
                        currency=currency)
    times = _TIMES_AFTER.match(text, end) \
        if right is None or right in _TIMES_AFTER_WORDS else None
    if times is not None and number.form in ("cardinal", "fraction"):
        return RawQuantity(start=start, end=times.end(), value=number.value, number=number,
                        multiplier=True)
    return bare


def _currency_from_before(match: re.Match[str]) -> str:
    if match.group("sym"):
        if match.group("glued"):
            return lex.GLUED_DOLLAR_PREFIXES[match.group("glued")]
        prefix = (match.group("pre") or "").lower()
        if prefix:
            return lex.DOLLAR_PREFIXES.get(prefix, "USD")
        return lex.CURRENCY_SYMBOLS[match.group("sym")]
    code = fold(match.group("code"))
    if code.startswith("dollar"):
        return "USD"
    return lex.CURRENCY_CODES[code]


def _currency_from_after(match: re.Match[str]) -> str:
    if match.group("word"):
        word = re.sub(r"[ \t]+", " ", fold(match.group("word")))
        return lex.CURRENCY_WORDS[word]
    if match.group("code"):
        code = fold(match.group("code"))
        if code not in lex.CURRENCY_CODES:
            code = code[1:]
        return lex.CURRENCY_CODES[code]
    symbol = match.group("sym")
    return lex.CURRENCY_SYMBOLS.get(symbol, "USD")


def _cents(text: str, end: int) -> tuple[Fraction, int] | None:
    """ "... 50 cents", "... and forty-five cents", "... 50." after an amount: (cents, end)."""
    match = _CENTS_AFTER.match(text, end)
    if match is None:
        return None
    extra = _small_number(match.group("num"))
    if extra is None or not 0 < extra < 100:
        return None
    return Fraction(extra, 100), match.end()


def _small_number(text: str) -> int | None:
    """The value of a short number ("50", "forty-five") or None."""
    if text.isdigit():
        return int(text)
    numbers = find_numbers(text)
    if len(numbers) == 1 and numbers[0].start == 0 and numbers[0].end == len(text) and \
            isinstance(numbers[0].value, int) and numbers[0].form == "cardinal":
        return numbers[0].value
    return None
