"""Reads the unit of measure written after a number: "5 km", "1,500-km", "20kg", "40 °C".

The written forms come from the generated table ``_units`` (pint's definitions): spelled
words in any case ("kilometres", "Degrees Celsius"), symbols as written ("km", "MW",
"°C").  A unit is read spaced, glued or hyphenated before a noun ("a 3-inch pipe"), and
a rate of it per a time unit joins it ("2 million barrels a day": ``barrel / day``).

The symbols that are other things too (``_units_lexicon.AMBIGUOUS_UNIT_SYMBOLS``: "K"
kelvin or a thousand, "M" molar or a million, "m" metres or a million, "pc" per cent or
parsecs, "in" inches or a preposition, "pounds" money or mass) are read only beside the
words that say what they measure, and otherwise left alone: never guessed.
"""

from __future__ import annotations

import re

from claimset.grammar import _lexicon as lex
from claimset.grammar import _units_lexicon as ul
from claimset.grammar._lexicon import LENGTH_WORDS
from claimset.grammar._units import UNIT_MEASURES, UNIT_SYMBOLS, UNIT_WORDS
from claimset.grammar._words import fold, phrases, trie_alternation

__all__ = ["GLUED_SYMBOLS", "UNIT_FIRST_WORDS", "glued_temperature", "kelvin_context",
           "molar_context", "unit_after"]

_SAFE_SYMBOLS = sorted(s for s in UNIT_SYMBOLS if s not in ul.AMBIGUOUS_UNIT_SYMBOLS)
_SAFE_WORDS = sorted(w for w in UNIT_WORDS if w not in ul.AMBIGUOUS_UNIT_SYMBOLS)
# Short words also written glued ("10kmph", "30mpg"), as written in lower case.
_SHORT_WORDS = sorted(w for w in _SAFE_WORDS if " " not in w and len(w) <= 4
                      and w not in UNIT_SYMBOLS)
# A word unit: spaced or hyphenated ("5 miles", "a 3-inch pipe"); a symbol: spaced, glued
# or hyphenated ("5 km", "20kg", "the 1,500-km border", "40 °C", "40°C").
_UNIT_AFTER = re.compile(
    r"(?:(?P<wsep>[ \t\u00a0\u202f]{1,2}|[-‐])(?i:(?P<word>" + trie_alternation(_SAFE_WORDS)
    + r"))(?![\w'’])"
    r"|(?P<ssep>[ \t\u00a0\u202f]?|[-‐])(?P<symbol>" + trie_alternation(
        [*_SAFE_SYMBOLS, *_SHORT_WORDS])
    + r")(?![\w'’]|(?<=\.)[A-Za-z])"
    r"|(?P<dsep>[ \t\u00a0\u202f]?)°[ \t]?(?P<degree>[CFK])(?![\w]))")
#: Units written glued to digits ("20kg", "75ml", "10kmph", "∼400eV"): the digits stay a
#: number.  Symbols of two characters or more and the unambiguous letters.
GLUED_SYMBOLS = sorted({s for s in _SAFE_SYMBOLS if " " not in s and (len(s) > 1 or s in "JLWg")}
                       | {w for w in _SAFE_WORDS if " " not in w and len(w) <= 4})
#: The plain words (lower case) a unit can start with: after any other the regex cannot match.
UNIT_FIRST_WORDS = frozenset(form.split(" ")[0].lower() for form in [
    *UNIT_WORDS, *UNIT_SYMBOLS, "k", "m", "pc", "in", "pound", "pounds", "lb", "lbs"])
_UNIT_AFTER_FIRST = frozenset(" \t\u00a0\u202f-‐°KMmCFpil" + "".join(
    {s[0] for s in [*_SAFE_SYMBOLS, *_SHORT_WORDS]}))
# A rate of a unit: "barrels a day", "km per hour", "kWh/year".
_PER_TIME = re.compile(
    r"(?:[ \t]*/[ \t]*|[ \t]+(?:a|an|per|each)[ \t]+)(?P<time>" + trie_alternation(
        [form for forms in ul.PER_TIME_UNITS.values() for form in forms]) + r")(?![\w])",
    re.IGNORECASE)
_TIME_FORMS = {form: time for time, forms in ul.PER_TIME_UNITS.items() for form in forms}
# What a unit measures that is read per a time unit ("barrels a day"): all but speeds.
_RATE_MEASURES = frozenset(measure for measure in UNIT_MEASURES.values()
                           if measure not in ("speed", "frequency or data rate"))
# A symbol that is other things too, read only beside the words for what it measures.
_AMBIGUOUS_AFTER = re.compile(
    r"(?P<sep>[ \t\u00a0\u202f]?)(?P<symbol>K|M|m|C|F|pc|in|pounds?|lbs?)(?![\w'’])")
_LENGTH_WORD_AFTER = re.compile(r"[ \t]{1,2}(?P<w>[A-Za-z]+)")
_WINDOW = 80


def _near(words: str, text: str, start: int, end: int) -> bool:
    """Whether one of ``words`` (an alternation) is in the clause around ``start:end``."""
    before = text[max(0, start - _WINDOW):start]
    after = text[end:end + _WINDOW // 2]
    clause = re.split(r"[.;!?\n]", before)[-1] + " " + re.split(r"[.;!?\n]", after)[0]
    return re.search(r"(?<![\w-])(?:" + words + r")(?![\w-])", clause, re.IGNORECASE) \
        is not None


_TEMPERATURE = phrases(ul.TEMPERATURE_CONTEXT)
_MOLAR = phrases(ul.MOLAR_CONTEXT)
_PARSEC = phrases(ul.PARSEC_CONTEXT)
_WEIGHT = phrases(ul.WEIGHT_CONTEXT)
_INCH_AFTER = re.compile(r"[ \t]+(?:" + phrases(ul.INCH_CONTEXT) + r")(?![\w])", re.IGNORECASE)
# "0.2 M NaOH", "1 M HCl": a chemical formula after "M" (capital, then letters or digits).
_FORMULA_AFTER = re.compile(r"[ \t]+[A-Z][a-z]?(?:[0-9]|[A-Z][a-z]?){1,8}(?![\w])")


# "40C", "-5C", "104F": degrees Celsius or Fahrenheit as British and American news write
# them, read only beside a word of temperature or after a minus ("flat 10C" stays unread).
_TEMPERATURE_BEFORE = re.compile(
    r"(?i:\b(?:" + trie_alternation(lex.TEMPERATURE_WORDS_BEFORE) + r")\b)[^.;!?\n]{0,40}$")
_TEMPERATURE_AFTER = re.compile(
    r"[CF][ \t]+(?i:" + trie_alternation(lex.TEMPERATURE_WORDS_AFTER) + r")\b")

def glued_temperature(text: str, start: int, end: int) -> bool:
    """Whether the number at ``start``, glued to "C" or "F" at ``end``, is a temperature."""
    if text[start:start + 1] in "-−":
        return True  # a negative number, its sign read already ("lows of -5C", "<-5C")
    if start >= 1 and text[start - 1] in "-−" and (start == 1 or
                                                   text[start - 2] in " \t\n([<>∼~≈≤≥"):
        return True
    return _TEMPERATURE_AFTER.match(text, end) is not None or \
        _TEMPERATURE_BEFORE.search(text, max(0, start - 60), start) is not None



def kelvin_context(text: str, start: int, end: int) -> bool:
    """Whether "K" after the number at ``start:end`` is kelvin: a temperature is spoken of."""
    return _near(_TEMPERATURE, text, start, end)


def molar_context(text: str, start: int, end: int, after: int) -> bool:
    """Whether "M" after the number is molar: a solution is spoken of, or a formula follows."""
    return _FORMULA_AFTER.match(text, after) is not None or _near(_MOLAR, text, start, end)


def unit_after(text: str, start: int, end: int) -> tuple[str, str, int] | None:
    """The unit written right after the number at ``start:end``: (its name, what it
    measures, where its words end), or None."""
    if text[end:end + 1] not in _UNIT_AFTER_FIRST:
        return None
    match = _UNIT_AFTER.match(text, end)
    name: str | None = None
    if match is not None:
        if match.group("word") is not None:
            name = UNIT_WORDS.get(re.sub(r"[ \t]+", " ", fold(match.group("word"))))
        elif match.group("symbol") is not None:
            symbol = match.group("symbol")
            name = UNIT_SYMBOLS.get(symbol) or UNIT_WORDS[symbol]
        else:
            name = {"C": "degree_Celsius", "F": "degree_Fahrenheit", "K": "kelvin"}[
                match.group("degree")]
        unit_end = match.end()
    else:
        found = _ambiguous(text, start, end)
        if found is None:
            return None
        name, unit_end = found
    if name is None:
        return None
    measure = UNIT_MEASURES[name]
    if measure in _RATE_MEASURES and "/" not in name:
        per = _PER_TIME.match(text, unit_end)
        if per is not None:
            name = f"{name} / {_TIME_FORMS[per.group('time').lower()]}"
            measure = UNIT_MEASURES.get(name, "flow" if measure == "volume" else "rate")
            unit_end = per.end()
    return name, measure, unit_end


def _ambiguous(text: str, start: int, end: int) -> tuple[str, int] | None:
    match = _AMBIGUOUS_AFTER.match(text, end)
    if match is None:
        return None
    symbol = match.group("symbol")
    if symbol == "K":
        return ("kelvin", match.end()) if kelvin_context(text, start, end) else None
    if symbol == "M":
        return ("molar", match.end()) if molar_context(text, start, end, match.end()) else None
    if symbol in ("C", "F"):
        # "temperatures reached 40C", "lows of -5C"; "room 10C" is a name
        if not match.group("sep") and glued_temperature(text, start, end):
            return ("degree_Celsius" if symbol == "C" else "degree_Fahrenheit"), match.end()
        return None
    if symbol == "m":
        # "a 5 m wall", "1.8m tall", "100m away"; glued with no length word it is no unit
        # ("5m" may be a million: grammar/_tokens.py decides, and leaves it else unread)
        word = _LENGTH_WORD_AFTER.match(text, match.end())
        if match.group("sep") or (word is not None and word.group("w").lower() in LENGTH_WORDS):
            return "meter", match.end()
        return None
    if symbol == "pc":
        return ("parsec", match.end()) if _near(_PARSEC, text, start, end) else None
    if symbol == "in":
        # "2 1/2 in thick", "a 55 in screen"; "5 in the morning" is a preposition
        return ("inch", match.end()) if _INCH_AFTER.match(text, match.end()) else None
    if symbol.startswith("lb"):
        return "pound", match.end()
    if symbol.startswith("pound") and match.group("sep") and _near(_WEIGHT, text, start, end):
        return "pound", match.end()  # "weighed 200 pounds"; else money (GBP)
    return None
