"""Quantities: a number with the currency, percent or "times" written around it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from claimset.grammar import _lexicon as lex
from claimset.grammar._context import PlainWords, first_words
from claimset.grammar._currencies import CURRENCY_WORDS, UPPER_CODES
from claimset.grammar._iso4217 import CURRENCIES
from claimset.grammar._measures import UNIT_FIRST_WORDS, unit_after
from claimset.grammar._scan import iter_numbers, scan_numbers, url_spans
from claimset.grammar._values import Number, Quantity, _quantity, to_python
from claimset.grammar._words import fold, trie_alternation

# --------------------------------------------------------------------------- quantities

_SYMBOLS = "".join(re.escape(s) for s in lex.CURRENCY_SYMBOLS if len(s) == 1)
_UPPER_CODES = trie_alternation(sorted(UPPER_CODES))
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![\w.])(?:(?P<pre>" + trie_alternation(list(lex.DOLLAR_PREFIXES)) + r")[ \t]?"
    r"|(?-i:(?P<glued>" + trie_alternation(list(lex.GLUED_DOLLAR_PREFIXES)) + r")))(?=\$))?"
    r"(?P<sym>[" + _SYMBOLS + r"])(?:(?P<neg>[-−])|[ \t]{0,2})$"
    r"|(?<![\w$])(?:(?P<code>" + trie_alternation(list(lex.CURRENCY_CODES)) + r"|dollars?)"
    r"|(?-i:(?P<iso>" + _UPPER_CODES + r")))(?P<codesym>\$)?[ \t]?$"
    r"|(?<![\w$])(?-i:(?P<local>" + trie_alternation(list(lex.LOCAL_PREFIXES)) + r"))[ \t]?$",
    re.IGNORECASE,
)
# The dollars a code after a bare "$" amount may name ("$1,190 AUD" is Australian).
_DOLLAR_CODES = frozenset(code for code, name in CURRENCIES.items() if name.endswith("Dollar"))
_CURRENCY_BEFORE_WORDS = frozenset({*lex.CURRENCY_CODES, "dollar", "dollars",
                                    *(code.lower() for code in UPPER_CODES),
                                    *(prefix.lower() for prefix in lex.LOCAL_PREFIXES)})
_CURRENCY_AFTER = re.compile(
    r"(?P<sep>[ \t]{0,2}|-)(?:"
    r"(?P<word>" + trie_alternation(list(CURRENCY_WORDS)) + r")(?![\w])"
    r"|(?P<code>m?(?:" + trie_alternation(list(lex.CURRENCY_CODES)) + r"))(?![\w])"
    r"|(?-i:(?P<iso>" + _UPPER_CODES + r"))(?![\w])"
    r"|(?-i:(?P<dollars>" + trie_alternation(list(lex.DOLLARS_AFTER)) + r"))"
    r"|(?P<sym>[" + _SYMBOLS + r"]|ரூ)(?![0-9])"
    r"|(?P<sub>[" + "".join(lex.SUBUNIT_SYMBOLS) + r"])"
    r"|(?<=[0-9])(?-i:(?P<pence>p))(?![\w])"  # "120p": pence, glued only
    r")(?P<million>[ \t]+million(?![\w]))?",
    re.IGNORECASE,
)
_CURRENCY_AFTER_WORDS = first_words(CURRENCY_WORDS) | frozenset(
    {*lex.CURRENCY_CODES, *("m" + code for code in lex.CURRENCY_CODES),
     *(code.lower() for code in UPPER_CODES)})
_PERCENT_AFTER = re.compile(
    r"[ \t]?(?:(?P<sign>%)|(?P<word>" + trie_alternation(list(lex.PERCENT_WORDS)) + r")(?![\w]))",
    re.IGNORECASE,
)
_PERCENT_AFTER_WORDS = first_words(lex.PERCENT_WORDS)
# "half a percentage point", "a quarter of a per cent": a fraction of one point
_PERCENT_OF_A = re.compile(
    r"[ \t]+(?:of[ \t]+)?an?[ \t]+(?P<word>percentage[ \t]+points?|per[ \t]?cent)(?![\w])",
    re.IGNORECASE)
_PERCENT_OF_A_WORDS = frozenset({"of", "a", "an"})
_PERCENT_BEFORE = re.compile(
    r"(?<![\w])(?:percents?|per[ \t]?cent|percentage)[ \t]+of[ \t]+$", re.IGNORECASE)
_PERCENT_BEFORE_WORDS = frozenset({"of"})
_TIMES_AFTER = re.compile(r"(?:[ \t]+times|[-‐]?fold)(?![\w])", re.IGNORECASE)
_TIMES_AFTER_WORDS = frozenset({"times"})
# "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50."
_CENTS_AFTER = re.compile(
    r"[ \t]+(?:and[ \t]+)?(?P<num>[0-9]{1,2}|[a-z]+(?:[ \t-]+[a-z]+)?)"
    r"(?:(?P<cents>[ \t]+(?:cents?|pence|" + trie_alternation(list(lex.SUBUNIT_WORDS))
    + r")|(?-i:c|p)|¢)(?![\w])"
    r"|(?=[ \t]*(?:[.,;:!?)]|$)))",
    re.IGNORECASE,
)


_BARE_UNIT = re.compile(
    r"(?<![\w])(?P<percent>percent(?:age)?s?|per[ \t]cent)(?![\w])|(?P<sign>%)"
    r"|(?<![\w])(?P<currency>" + trie_alternation([w for w in CURRENCY_WORDS if " " not in w])
    + r")(?![\w])",
    re.IGNORECASE,
)


def find_quantities(text: str, *, bare_units: bool = False) -> list[Quantity]:
    """Every number with its currency, percent or "times" attached, sorted and disjoint.

    With ``bare_units``, percent and currency words with no number of their own
    ("a small percent", "the dollar") come too, with ``value`` and ``number`` None:
    Recognizers-Text reports them; the extractor does not want them.
    """
    found = read_quantities(text, PlainWords(text))
    if not bare_units:
        return found
    taken = [(q.start, q.end) for q in found] + url_spans(text)
    bare: list[Quantity] = []
    for match in _BARE_UNIT.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        if match.group("currency"):
            word = fold(match.group("currency"))
            bare.append(Quantity(start=start, end=end, value=None, number=None,
                                 currency=CURRENCY_WORDS[word]))
        else:
            bare.append(Quantity(start=start, end=end, value=None, number=None,
                                 percent="percent"))
    return sorted([*found, *bare], key=lambda q: q.start)


def read_quantities(text: str, words: PlainWords) -> list[Quantity]:
    """``find_quantities(text)`` as tuples, with the text's words (the extractor shares them)."""
    return list(iter_quantities(text, words))


def iter_quantities(text: str, words: PlainWords) -> Iterator[Quantity]:
    """:func:`read_quantities`, read lazily, left to right."""
    prev_end = 0
    for number in iter_numbers(text, words):
        if number.start < prev_end:
            continue  # inside the previous quantity ("3 dollars 50 cents")
        quantity = _quantity_at(text, number, prev_end, words)
        yield quantity
        prev_end = quantity.end


def _quantity_at(text: str, number: Number, prev_end: int, words: PlainWords) -> Quantity:
    start, end = number.start, number.end
    if number.form in ("ordinal", "decade", "multiplier"):
        return _quantity(start, end, number.value, number, None, None, False, None)
    left, right = words.before(start), words.after(end)  # plain words rule out probes
    # currency before: "$20", "US$ 150", "c $ 16.4", "USD 200", "£8"
    before = _CURRENCY_BEFORE.search(text, max(prev_end, start - 8), start) \
        if left is None or left in _CURRENCY_BEFORE_WORDS else None
    if before is not None and number.form != "vague":
        value = Fraction(number.value)
        currency = _currency_from_before(before)
        qstart = before.start()
        if value > 0 and (before.group("neg") or _minus_before(text, qstart, prev_end)):
            value = -value  # "$-120.50", "-$5.2 million": a minus beside the sign
            if not before.group("neg"):
                qstart -= 1
        qend = end
        after = _CURRENCY_AFTER.match(text, end)
        if after is not None and after.group("word") and before.end() - before.start("sym") > 1 \
                and CURRENCY_WORDS.get(
                after.group("word").lower().replace("\t", " ")) == currency:
            qend = after.end()  # "$ 10 dollars"
        elif after is not None and (after.group("code") or after.group("iso")) and \
                not after.group("million") and before.group("sym") == "$" and \
                not before.group("pre") and not before.group("glued") and \
                _currency_from_after(after) in _DOLLAR_CODES:
            currency, qend = _currency_from_after(after), after.end()  # "$1,190 AUD"
        cents = cents_after(text, qend, currency) if qend == end else None
        if cents is not None:
            value, qend = value + cents[0], cents[1]  # "c $ 100 and fifty."
        return Quantity(start=qstart, end=qend, value=to_python(value), number=number,
                        currency=currency)
    # a unit of measure: "5 km", "20kg", "the 1,500-km border", "40 °C", "2 million barrels a
    # day"; before percent, which "3.1 pc" beside a star is not
    measured = unit_after(text, start, end) \
        if (right is None or right in UNIT_FIRST_WORDS) and number.form in (
            "cardinal", "fraction") else None
    if measured is not None:
        compound = _compound(text, measured[0], measured[2], number.value)
        if compound is not None:  # "5 ft 2 in", "5 feet and 2 inches": one length
            return Quantity(start=start, end=compound[2], value=compound[1], number=number,
                            unit=compound[0])
        return Quantity(start=start, end=measured[2], value=number.value, number=number,
                        unit=measured[0])
    # percent after: "61%", "61 percent", "61 per cent"
    percent = _PERCENT_AFTER.match(text, end) \
        if right is None or right in _PERCENT_AFTER_WORDS else None
    if percent is not None and number.form != "vague":
        unit = "percent"
        word = (percent.group("word") or "").lower()
        if word.startswith("percentage point"):
            unit = "percentage points"
        return Quantity(start=start, end=percent.end(), value=number.value, number=number,
                        percent=unit)
    if number.form == "fraction" and right in _PERCENT_OF_A_WORDS and number.value < 1:
        part = _PERCENT_OF_A.match(text, end)  # "half a percentage point"
        if part is not None:
            unit = "percentage points" if part.group("word").lower().startswith(
                "percentage") else "percent"
            return Quantity(start=start, end=part.end(), value=number.value, number=number,
                            percent=unit)
    percent_before = _PERCENT_BEFORE.search(text, max(prev_end, start - 20), start) \
        if left is None or left in _PERCENT_BEFORE_WORDS else None
    if percent_before is not None:
        return Quantity(start=percent_before.start(), end=end, value=number.value,
                        number=number, percent="percent")
    # currency after: "20 billion dollars", "10 €", "115USD", "12-cent"
    after = _CURRENCY_AFTER.match(text, end) \
        if right is None or right in _CURRENCY_AFTER_WORDS else None
    bare = _quantity(start, end, number.value, number, None, None, False, None)
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
            cents = cents_after(text, qend, currency)
            if cents is not None:
                value, qend = value + cents[0], cents[1]
        if number.form == "vague":
            return bare
        return Quantity(start=start, end=qend, value=to_python(value), number=number,
                        currency=currency)
    times = _TIMES_AFTER.match(text, end) \
        if right is None or right in _TIMES_AFTER_WORDS else None
    if times is not None and number.form in ("cardinal", "fraction"):
        return Quantity(start=start, end=times.end(), value=number.value, number=number,
                        multiplier=True)
    return bare


# "5 ft 2 in", "6 feet and 1 inch", "11 st 4 lb", "2 lb 3 oz", "1 m 80 cm": a length or
# a weight in two units, one quantity in the smaller unit.
_COMPOUND_AFTER = re.compile(r"[ \t]+(?:and[ \t]+)?(?P<n>[0-9]{1,3}(?:\.[0-9]+)?)")
_INCHES_AFTER = re.compile(r"[ \t]?(?:in(?:ch(?:es)?)?\.?|″|\")(?![\w])")


def _compound(text: str, unit: str, end: int, value: int | float
              ) -> tuple[str, int | float, int] | None:
    """A larger unit and a smaller after it: (the smaller unit, the total in it, the end)."""
    parts = lex.COMPOUND_UNITS.get(unit)
    if parts is None or not isinstance(value, int):
        return None
    smaller, factor = parts
    match = _COMPOUND_AFTER.match(text, end)
    if match is None:
        return None
    after = Fraction(match.group("n"))
    if smaller == "inch":
        inches = _INCHES_AFTER.match(text, match.end())
        found = ("inch", "", inches.end()) if inches is not None else None
    else:
        found = unit_after(text, match.start("n"), match.end())
    if found is None or found[0] != smaller or not 0 <= after < factor:
        return None
    return smaller, to_python(value * factor + after), found[2]


def _minus_before(text: str, start: int, prev_end: int) -> bool:
    """A minus glued before a currency sign, itself after a space, a bracket or nothing
    ("-$5", "(−€40)"): not a range's dash ("$5-$10") nor a hyphen inside a word."""
    return start > prev_end and text[start - 1] in "-−" and \
        (start == 1 or text[start - 2] in " \t\n([")


def _currency_from_before(match: re.Match[str]) -> str:
    if match.group("sym"):
        if match.group("glued"):
            return lex.GLUED_DOLLAR_PREFIXES[match.group("glued")]
        prefix = (match.group("pre") or "").lower()
        if prefix:
            return lex.DOLLAR_PREFIXES.get(prefix, "USD")
        return lex.CURRENCY_SYMBOLS[match.group("sym")]
    if match.group("iso"):
        return match.group("iso")
    if match.group("local"):
        return lex.LOCAL_PREFIXES[match.group("local")]
    code = fold(match.group("code"))
    if code.startswith("dollar"):
        return "USD"
    return lex.CURRENCY_CODES[code]


def _currency_from_after(match: re.Match[str]) -> str:
    if match.group("word"):
        word = re.sub(r"[ \t]+", " ", fold(match.group("word")))
        return CURRENCY_WORDS[word]
    if match.group("code"):
        code = fold(match.group("code"))
        if code not in lex.CURRENCY_CODES:
            code = code[1:]
        return lex.CURRENCY_CODES[code]
    if match.group("iso"):
        return match.group("iso")
    if match.group("dollars"):
        return lex.DOLLARS_AFTER[match.group("dollars")]
    if match.group("sub"):
        return lex.SUBUNIT_SYMBOLS[match.group("sub")]
    if match.group("pence"):
        return "pence"
    symbol = match.group("sym")
    return lex.CURRENCY_SYMBOLS.get(symbol, "USD")


def cents_after(text: str, end: int, currency: str) -> tuple[Fraction, int] | None:
    """ "... 50 cents", "... and forty-five cents", "... 50." after an amount: (cents, end).

    Named cents ("43c", "43 cents") join only a currency of a hundred cents (dollars,
    euros; pence for pounds): "₽50 and 50¢" is two amounts.
    """
    match = _CENTS_AFTER.match(text, end)
    if match is None:
        return None
    named = match.group("cents") or match.group(0)[match.end("num") - match.start():]
    if named.strip():
        unit = named.strip().lower()
        pence = unit in ("p", "pence")
        if unit in lex.SUBUNIT_WORDS:
            if currency not in lex.SUBUNIT_WORDS[unit]:
                return None  # "20 ringgit and 43 sen"; not "$5 and 43 sen"
        elif (pence and currency != "GBP") or (not pence and currency not in lex.CENT_CURRENCIES):
            return None
    extra = _small_number(match.group("num"))
    if extra is None or not 0 < extra < 100:
        return None
    return Fraction(extra, 100), match.end()




def _small_number(text: str) -> int | None:
    """The value of a short number ("50", "forty-five") or None."""
    if text.isdigit():
        return int(text)
    numbers = scan_numbers(text, PlainWords(text))
    if len(numbers) == 1 and numbers[0].start == 0 and numbers[0].end == len(text) and \
            isinstance(numbers[0].value, int) and numbers[0].form == "cardinal":
        return numbers[0].value
    return None
