"""Writes ``_units.py``, the units of measure the grammar reads, from pint's unit registry.

Run ``python -m claimset.grammar._units_generate`` after upgrading pint and commit the
result; ``tests/test_units.py`` fails while the committed table and the installed pint
disagree.  The grammar reads the committed table and never imports pint; pint is imported
again only where a quantity is converted (``claimset.core.units``).

Which units are read is ``_units_lexicon.MEASUREMENT_UNITS`` (pint's names); every
spelling comes from pint's definitions: the unit's name and aliases (``metre``,
``litre``, ``tonne``), its prefix's name or symbol with the base unit's (``kilometre``,
``km``), the symbol (``°C``, ``mph``), plurals of the words (``kilometres``, ``degrees
Celsius``, ``feet`` where pint has it as an alias), and "square"/"cubic" forms of the
lengths (``sq km``, ``km²``, ``cubic metres``).  ``UNIT_SPELLINGS`` adds the English forms
pint lacks (``kmph``, ``bpd``, ``mpg``), each checked here against pint.

A unit's **name** (what a figure's ``unit`` holds) is pint's canonical name of it, as
``str(pint.Unit(...))`` writes it, with pint's compound units written as the ratio or
power they are defined as (``mile_per_hour`` is ``mile / hour``, ``square_mile`` is
``mile ** 2``), so each unit has one spelling: ``kilometer``, ``mile / hour``,
``kilometer ** 2``, ``degree_Celsius``, ``barrel / day``.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimset.grammar import _units_lexicon as ul

TARGET = Path(__file__).with_name("_units.py")

#: pint's dimensionality -> what it measures, in the words docs/extractor.md uses.
DIMENSIONS = {
    "[length]": "length",
    "[length] ** 2": "area",
    "[length] ** 3": "volume",
    "[mass]": "mass",
    "[length] / [time]": "speed",
    "[temperature]": "temperature",
    "[mass] * [length] ** 2 / [time] ** 2": "energy",
    "[length] ** 2 * [mass] / [time] ** 2": "energy",
    "[mass] * [length] ** 2 / [time] ** 3": "power",
    "[length] ** 2 * [mass] / [time] ** 3": "power",
    "dimensionless": "information",  # pint counts bits and bytes as pure numbers
    "1 / [time]": "frequency or data rate",
    "1 / [length] ** 2": "fuel economy",
    "[length] ** 3 / [time]": "flow",
    "[substance] / [length] ** 3": "concentration",
}
_COMPOUND_NAME = re.compile(r"_per_|^square_|^cubic_")


def _registry() -> Any:
    import pint

    return pint.UnitRegistry()


def canonical(registry: Any, expression: str) -> str:
    """pint's one name for ``expression``: its unit, with compound units written out."""
    unit = registry.Unit(expression)
    names = dict(unit._units)
    written: dict[str, float] = {}
    for name, power in names.items():
        definition = registry._units.get(name)
        if definition is not None and _COMPOUND_NAME.search(name) and \
                definition.converter.scale == 1 and definition.reference is not None:
            for part, sub in dict(definition.reference).items():
                written[part] = written.get(part, 0) + sub * power
        else:
            written[name] = written.get(name, 0) + power
    expression = " * ".join(f"{name} ** {power:g}" for name, power in written.items())
    return str(registry.Unit(expression))


def dimension(registry: Any, name: str) -> str:
    text = str(registry.Unit(name).dimensionality)
    if text not in DIMENSIONS:
        raise ValueError(f"{name}: no dimension name for {text}")
    return DIMENSIONS[text]


def _plural(word: str) -> str:
    """An English plural of a unit's word form: the first word of "degree Celsius", the
    one before "per" of "mile per hour", the last of the others."""
    words = word.split(" ")
    index = 0 if words[0] == "degree" else \
        words.index("per") - 1 if "per" in words else len(words) - 1
    last = words[index]
    if last.endswith(("s", "x", "z", "ch", "sh")) or last in ("hertz", "celsius"):
        plural = last if last.endswith(("hertz", "s")) else last + "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    words[index] = plural
    return " ".join(words)


def _names_and_symbols(registry: Any, unit: str) -> tuple[set[str], set[str]]:
    """The word forms (lower case, with plurals) and symbols pint gives ``unit``."""
    words: set[str] = set()
    symbols: set[str] = set()
    parsed = registry.parse_unit_name(unit)
    prefix_name, base, _ = parsed[0]
    definition = registry._units[base]
    prefix = registry._prefixes[prefix_name] if prefix_name else None
    base_words = {base, *(a for a in definition.aliases if _is_word(a))}
    base_symbols = {s for s in (definition.symbol, *definition.aliases)
                    if s and not _is_word(s)}
    for word in base_words:
        spelt = (prefix.name if prefix else "") + word
        words.add(spelt.replace("_", " ").lower())
    if prefix is None or prefix.symbol:
        for symbol in base_symbols:
            symbols.add((prefix.symbol if prefix else "") + symbol)
    words = {word for word in words if not any(part in ul.REGISTRY_WORDS_NOT_READ
                                               for part in word.split(" "))}
    words |= {_plural(word) for word in words if not _irregular(word, words)
              and word not in ul.WORDS_WITHOUT_PLURAL}
    symbols = {symbol for symbol in symbols
               if "_" not in symbol and symbol not in ul.SYMBOLS_NOT_READ}
    # Texts write micro both as the micro sign and as the Greek mu, and pint changed its
    # own choice between them (0.25: U+00B5, 0.26: U+03BC): read both, whatever pint says.
    symbols |= {_MICRO_TWIN[symbol[0]] + symbol[1:] for symbol in symbols
                if symbol[:1] in _MICRO_TWIN}
    return words, symbols


_MICRO_TWIN = {"\u00b5": "\u03bc", "\u03bc": "\u00b5"}


def _is_word(form: str) -> bool:
    """A spelled-out name ("metre", "international_mile") rather than a symbol ("km", "°C")."""
    return len(form) > 3 and form.replace("_", "").isalpha() and form[:1].islower() \
        and not form.isupper() and form not in ("degC", "degF", "degK")


def _irregular(word: str, words: set[str]) -> bool:
    """A word whose plural pint lists as an alias of its own ("foot": "feet"), or that is
    one already ("feet")."""
    return word in ("feet", "inches") or (word == "foot" and "feet" in words) or \
        (word == "inch" and "inches" in words)


def forms(registry: Any) -> Iterator[tuple[str, str, bool]]:
    """(surface form, pint expression, is a symbol) for every unit read."""
    for unit in ul.MEASUREMENT_UNITS:
        words, symbols = _names_and_symbols(registry, unit)
        for word in words:
            yield word, unit, False
        for symbol in symbols:
            yield symbol, unit, True
    for length in ul.SQUARED_LENGTHS:
        words, symbols = _names_and_symbols(registry, length)
        for power, word_before, short, superscript in ((2, "square", "sq", "²"),
                                                       (3, "cubic", "cu", "³")):
            expression = f"{length} ** {power}"
            for word in words:
                if " " in word:
                    continue
                yield f"{word_before} {word}", expression, False
                yield f"{short} {word}", expression, False
                yield f"{word} {'squared' if power == 2 else 'cubed'}", expression, False
            for symbol in symbols:
                for written in (f"{symbol}{superscript}", f"{symbol}{power}",
                                f"{symbol}^{power}", f"{short} {symbol}"):
                    yield written, expression, True
    for length in ("mile", "kilometer", "meter"):
        words, symbols = _names_and_symbols(registry, length)
        for time, (*time_symbols, time_word) in ul.PER_TIME_UNITS.items():
            if time in ("day", "year"):
                continue
            expression = f"{length} / {time}"
            for word in words:
                if word.endswith("s") and not word.endswith("ss") and " " not in word:
                    yield f"{word} per {time_word}", expression, False
                    yield f"{word} an {time_word}" if time_word == "hour" else \
                        f"{word} a {time_word}", expression, False
            for symbol in symbols:
                for time_symbol in (*time_symbols, time_word):
                    yield f"{symbol}/{time_symbol}", expression, True
    for spelling, expression in ul.UNIT_SPELLINGS.items():
        yield spelling, expression, not (" " in spelling or (spelling.isalpha()
                                                             and spelling.islower()))


def table(registry: Any) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(word forms -> name, symbols -> name, name -> what it measures)."""
    words: dict[str, str] = {}
    symbols: dict[str, str] = {}
    measures: dict[str, str] = {}
    for form, expression, is_symbol in forms(registry):
        name = canonical(registry, expression)
        measures[name] = dimension(registry, name)
        if is_symbol:
            symbols.setdefault(form, name)
        else:
            words.setdefault(form.lower(), name)
    return (dict(sorted(words.items())), dict(sorted(symbols.items())),
            dict(sorted(measures.items())))


def source(registry: Any) -> str:
    import pint

    words, symbols, measures = table(registry)
    lines = [
        '"""Units of measure: their written forms and names.  Generated; do not edit.',
        "",
        "A table of every spelling pint gives the units read: longer than 500 lines because",
        "it is data, written by its generator, never by hand.",
        "",
        "Written by ``python -m claimset.grammar._units_generate`` from pint's registry "
        f"(pint {pint.__version__}).",
        '"""',
        "",
        "#: Spelled-out forms, lower case -> the unit's name (pint's canonical name).",
        "UNIT_WORDS: dict[str, str] = {",
        *(f"    {json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}," for k, v in words.items()),
        "}",
        "#: Symbols and abbreviations, case as written -> the unit's name.",
        "UNIT_SYMBOLS: dict[str, str] = {",
        *(f"    {json.dumps(k, ensure_ascii=False)}: {json.dumps(v)},"
          for k, v in symbols.items()),
        "}",
        "#: Each unit's name -> what it measures.",
        "UNIT_MEASURES: dict[str, str] = {",
        *(f"    {json.dumps(k)}: {json.dumps(v)}," for k, v in measures.items()),
        "}",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    text = source(_registry())
    # atomic: a half-written table would break every import of the grammar
    handle, temporary = tempfile.mkstemp(dir=TARGET.parent, prefix=".units-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    Path(temporary).replace(TARGET)
    print(f"wrote {TARGET.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
