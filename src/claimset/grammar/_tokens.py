"""Tokens of a number run: digit strings (with separators, decimals, exponents, suffixes) and words.

A run is read once, left to right, with bounded regexes: every digit pattern has
a bounded lookahead and no nested quantifier, so no text makes a token backtrack.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from claimset.grammar import _lexicon as lex
from claimset.grammar._context import PlainWords
from claimset.grammar._currencies import UPPER_CODES
from claimset.grammar._measures import (
    GLUED_SYMBOLS,
    glued_temperature,
    kelvin_context,
    molar_context,
)
from claimset.grammar._values import Token, _token
from claimset.grammar._words import (
    MAX_DIGITS,
    MAX_EXPONENT,
    VULGAR_VALUES,
    WORDS,
    trie_alternation,
)

# Letters glued to digits that still leave a number: currency codes ("115USD",
# "42MYR"), dollar signs written after ("3.14US$"), local prefixes before ("Rs20").
_CODES = (r"(?i:m?(?:" + "|".join(sorted(lex.CURRENCY_CODES, key=len, reverse=True)) + r"))"
          r"|(?-i:" + trie_alternation(sorted(UPPER_CODES)) + r")")
_GLUED_CODES = (r"(?:" + _CODES + "|" + trie_alternation(list(lex.DOLLARS_AFTER))
                + r")(?![A-Za-z])")
_CODE_BEFORE = re.compile(r"(?<![A-Za-z])(?:" + _CODES + r"|(?-i:"
                          + trie_alternation(list(lex.LOCAL_PREFIXES)) + r"))\$?$")

# Measurement units glued to digits ("10km", "600MW"): the number stands.
_GLUED_UNITS = r"(?-i:" + trie_alternation(GLUED_SYMBOLS) + r")(?![A-Za-z])"
# After a scale letter, the rest of a unit it begins ("10kmph", "5 MW", "2 kWh").
_LONGER_UNIT = re.compile(r"(?-i:" + trie_alternation(
    [s for s in GLUED_SYMBOLS if s[:1] in "kKmMGBTbt" and len(s) > 1]) + r")(?![A-Za-z])")
# "40pc" (per cent), "50p" (pence), "3am", "9pm" (a time of day): read by the quantity
# and date layers.
_GLUED_OTHER = r"(?-i:pc?|[ap]m|[CF])(?![A-Za-z])"
_GLUED_AFTER = _GLUED_CODES + "|" + _GLUED_UNITS + "|" + _GLUED_OTHER
# (No "Hz": after a spaced scale letter it would let "2.80 GHz" read as 2.8 billion.)

# Prices as most of the English-speaking world's shops write them, beside a currency only
# (unambiguous there, and "1,500" in English prose is never one): a decimal comma of two
# digits after groups of three by dot, space or apostrophe ("34,50 €", "1 298,00 €",
# "2.109,00 €", "€1'049,95"), two or more dot groups ("$ 1.144.000"), apostrophe groups
# ("CHF 1'049.95").
_CURRENCY_CHARS = "".join(re.escape(s) for s in lex.CURRENCY_SYMBOLS if len(s) == 1)
_CONT_AMOUNT = (r"[0-9]{1,3}(?:[.'’\u00a0\u202f\ ][0-9]{3})*,[0-9]{2}(?![0-9])"
                r"|[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9])"
                r"|[0-9]{1,3}(?:['’][0-9]{3})+(?:\.[0-9]{2})?(?![0-9])")
_CONTINENTAL = (r"(?:(?<=[" + _CURRENCY_CHARS + r"])|(?<=[" + _CURRENCY_CHARS
                + r"][\ \u00a0])|(?<=[A-Z]{3}\ ))(?:" + _CONT_AMOUNT + r")"
                r"|(?:" + _CONT_AMOUNT + r")(?=[\ \u00a0]?(?:[" + _CURRENCY_CHARS
                + r"]|[A-Z]{3}(?![A-Za-z])|(?:" + "|".join(lex.LOCAL_CURRENCIES_AFTER)
                + r")(?!\w)))")

# One token of a run.  Digits: thousands groups (bounded lookahead, no nested
# quantifiers that could backtrack), Indian lakh groups (bounded), space groups
# ("1 234 567"), decimals, exponents, then an optional suffix.
_TOKEN = re.compile(
    r"""
    (?P<cont>""" + _CONTINENTAL + r""")
  | (?P<frac>(?<![0-9/])[0-9]{1,3}/[0-9]{1,3}(?![0-9/]))
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
            |\ ?[x×]\ ?10(?:\^[-+−]?[0-9]{1,3}(?![0-9])|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?![⁰¹²³⁴⁵⁶⁷⁸⁹]))
            |[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?![⁰¹²³⁴⁵⁶⁷⁸⁹]))?
    (?:
        (?P<ord>st|nd|rd|th)
      | (?P<decade>s|['’]s)
      | (?P<suffix>[\ \t]{0,2}(?:K|k|M|MM|G|B|T|bn|bln|mn|mln|mil|tln|tn|trn)|b|m)
    )?
    (?:(?![A-Za-z0-9])|(?=""" + _GLUED_AFTER + r"""))
  | (?P<vulgar>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒])
  | (?P<word>[A-Za-z]+)(?![\w'’])
    """,
    re.VERBOSE,
)
_SYMBOL_SET = frozenset(lex.CURRENCY_SYMBOLS)
_GROUP_MARKS = re.compile(r"[.'’\u00a0\u202f ](?=[0-9]{3}(?![0-9]))")
# Between tokens of one number: spaces, at most one line break, at most one hyphen.
_SEPARATOR = re.compile(r"[ \t\u00a0\u202f]*(?:\r?\n[ \t]*)?(?:[-‐‑][ \t]*)?")
# The characters a separator can start with (it matches nothing before any other);
# "" is in it too, so the end of the text goes to the regex.
_SEPARATOR_FIRST = " \t\u00a0\u202f\r\n-‐‑"
_NON_DIGITS = re.compile(r"[^0-9]")
# Superscript digits and signs ("10⁻³") as plain ones, and the minus sign as a hyphen.
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺−", "0123456789-+-")
_SUPERSCRIPT_FIRST = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")


def _fiscal_year(text: str, start: int, end: int) -> bool:
    """ "FY2024", "FY2023/24": a fiscal year's four digits glued to ``FY`` are a year."""
    return end - start == 4 and text[max(0, start - 2):start] == "FY" and \
        (start < 3 or not text[start - 3].isalnum())


def _digit_token(match: re.Match[str]) -> Token | None:
    start, end = match.span()
    continental, frac, raw, decimal, exp, ordinal, decade, suffix, _, _ = match.groups()
    if continental is not None:
        # "34,50 €", "2.109,00 €", "€1'049,95", "$ 1.144.000": groups by dot, space or
        # apostrophe, a decimal comma of two digits; read only beside a currency
        amount = _GROUP_MARKS.sub("", continental).replace(",", ".")
        return _token(start, end, "num", Fraction(Decimal(amount)), False, None)
    if frac is not None:
        num, den = frac.split("/")
        if int(den) == 0:
            return None
        return _token(start, end, "fraction", Fraction(int(num), int(den)), False, None)
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
            return _token(start, match.end("int"), "num", int(digits), raw.isdigit(), None)
    if len(digits) > MAX_DIGITS:
        return None
    try:
        value: Fraction | int = Fraction(Decimal(digits + decimal)) if decimal else int(digits)
    except (InvalidOperation, ValueError):  # pragma: no cover - the regex rules it out
        return None
    if exp and exp[0] in _SUPERSCRIPT_FIRST:
        if raw != "10" or decimal:
            # "12³", "25²": a footnote mark or a square, not read; only "10⁶" is a power
            exp = ordinal = decade = suffix = None
            end = match.start("exp")
        else:
            exp = "^" + exp.translate(_SUPERSCRIPT_DIGITS)
    if exp:
        # "1.5 x 10^6", "6.02×10²³": the power of ten as written, spaces and superscripts
        exp = exp.replace(" ", "").translate(_SUPERSCRIPT_DIGITS)
        scientific = exp[0] in "eEx×"  # 1e10, 1.3x10^6 (else 1.1^23 is a power)
        digits_of_power = exp.split("^")[-1] if "^" in exp else \
            exp[3:] if exp[0] in "x×" else exp[1:]
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
        return _token(start, end, "ordnum", value, False, None)
    if decade:
        if plain and len(digits) == 4 and digits.endswith("0"):
            return _token(start, end, "decade", value, False, None)
        # a possessive ("2004's"): the number stops before it
        end = match.start("decade")
    scale = None
    if suffix and (text[end:end + 1].isalpha() or
                   _unit_not_scale(text, start, match.start("suffix"), end, suffix)):
        # "7200 K" beside a temperature, "0.2 M NaOH", "10kmph", "1.8m tall", "9 800 Kč": the
        # letters are a unit's or a currency's, read after the number
        end, suffix = match.start("suffix"), None
    if suffix == "m" and text[max(0, start - 2):start].strip(" ") not in _SYMBOL_SET and \
            _MONEY_RANGE_BEFORE.search(text, max(0, start - 16), start) is None and \
            not _million_m(text, end, decimal=bool(decimal)):
        return None  # "1m" alone is neither a metre nor a million: never guessed
    if suffix:
        scale = lex.SCALE_SUFFIXES[suffix.strip()]
        value *= scale
        plain = False
    return _token(start, end, "num", value, plain, scale)


def _unit_not_scale(text: str, start: int, suffix_start: int, end: int, suffix: str) -> bool:
    """Whether a scale letter after digits is a unit's symbol: the start of a longer unit
    ("10kmph", "5 MW"), kelvin beside a temperature, molar beside a solution, metres before
    a length word."""
    letter = suffix.strip()
    if _LONGER_UNIT.match(text, suffix_start + len(suffix) - len(letter)) is not None:
        return True
    if letter == "K":
        return kelvin_context(text, start, suffix_start)
    if letter == "M":
        return molar_context(text, start, suffix_start, end)
    if letter == "m":
        word = _WORD_AFTER.match(text, end)
        return word is not None and word.group("w").lower() in lex.LENGTH_WORDS and \
            text[max(0, start - 2):start].strip(" ") not in _SYMBOL_SET
    return False


# "£2-3m", "$5–10m": the top of a money range, a million like the bottom's currency says.
_MONEY_RANGE_BEFORE = re.compile(
    "[" + "".join(re.escape(symbol) for symbol in lex.CURRENCY_SYMBOLS if len(symbol) == 1)
    + r"][ \t]?[0-9][0-9,.]{0,10}[ \t]?[-–][ \t]?$")
_WORD_AFTER = re.compile(r"[ \t]{1,2}(?P<w>[A-Za-z]+)")


def _million_m(text: str, end: int, *, decimal: bool) -> bool:
    """Whether a glued "m" with no currency before it is a million: "2.5m people", "3m
    refugees", not "100m away" or "1.8m tall".  A decimal reads as a million unless a
    length word follows; a whole number only before a plural noun ("3m refugees")."""
    after = _WORD_AFTER.match(text, end)
    word = after.group("w") if after is not None else None
    if word is not None and word.lower() in lex.LENGTH_WORDS:
        return False
    if decimal:
        return True
    return word is not None and word.islower() and len(word) > 2 and (
        word in ("people", "children", "men", "women") or
        (word.endswith("s") and not word.endswith(("ss", "us", "is"))))


def _ordinal_suffix_ok(value: int, suffix: str) -> bool:
    if value % 100 in (11, 12, 13):
        return suffix == "th"
    return suffix == {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


#: Tokens one run holds at most.  A number is a few dozen tokens at the very most, but
#: "1 1 1 …" is one run as long as the text; the scanner reads a longer run in pieces
#: (see ``claimset.grammar._scan``), so memory stays bounded on number-dense text.
MAX_RUN_TOKENS = 512


def read_run(text: str, pos: int, words: PlainWords) -> tuple[list[Token], int]:
    """Tokens of the number run starting at ``pos``, and where the run stops.

    At most :data:`MAX_RUN_TOKENS` tokens: a run cut there has exactly that many.
    """
    tokens: list[Token] = []
    n = len(text)
    end = pos
    match_token = _TOKEN.match
    while pos < n and len(tokens) < MAX_RUN_TOKENS:
        match = match_token(text, pos)
        if match is None:
            break
        alternative = match.lastgroup  # "word", "vulgar", "frac", or a group of a digit string
        if alternative == "word":
            entry = WORDS.get(match.group().lower())
            if entry is None:
                break
            role, value = entry
            tokens.append(_token(match.start(), match.end(), role, value, False, None))
        elif alternative == "vulgar":
            tokens.append(_token(match.start(), match.end(), "fraction",
                                 VULGAR_VALUES[match.group()], False, None))
        else:
            if match.start() > 0 and text[match.start() - 1].isalpha() and not tokens and \
                    _CODE_BEFORE.search(text, max(0, match.start() - 5), match.start()) is None \
                    and not _fiscal_year(text, match.start(), match.end()):
                break  # "G8", "F-16": glued to a word
            token = _digit_token(match)
            if token is None:
                break
            if text[token.end:token.end + 1] in ("C", "F") and \
                    not glued_temperature(text, match.start(), token.end):
                break  # "room 10C", "gate 4F"
            tokens.append(token)
        end = tokens[-1].end
        if text[end:end + 1] in VULGAR_VALUES and tokens[-1].plain and \
                tokens[-1].role == "num" and alternative not in ("word", "vulgar", "frac"):
            pos = end  # "2½": a whole number and a fraction glued, as "2 ½" is
            continue
        if text[end:end + 1] in "—–" and tokens[-1].role == "tens" and \
                text[end + 1:end + 2].isalpha():
            pos = end + 1  # "twenty—fifth": a dash for the hyphen between tens and units
            continue
        if text[end:end + 1] not in _SEPARATOR_FIRST:
            break  # glued to something that is not a separator (",", ".", "%")
        if alternative != "word":  # digits are mostly followed by a word that ends the run
            after = words.after(end)
            if after is not None and after not in WORDS:
                break  # "5 troops": the separator and token regexes would find "troops" and stop
        separator = _SEPARATOR.match(text, end)
        if separator is None or separator.end() == end:
            break  # (the separator regex matches "" anywhere: None is for the type checker)
        pos = separator.end()
    return tokens, end

