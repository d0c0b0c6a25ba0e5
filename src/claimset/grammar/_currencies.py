"""The currency words the grammar reads: ISO 4217 (generated) joined with the lexicon's.

``_iso4217.CURRENCIES`` is generated from pycountry's copy of the standard, so
the codes and names are not typed from memory; ``_lexicon`` adds what news
writes beside them (symbols, "Rs", adjectives, historic currencies, sub-units).
Where both name a word the lexicon's reading stands.
"""

from __future__ import annotations

import re
from collections import defaultdict

from claimset.grammar import _lexicon as lex
from claimset.grammar._iso4217 import CURRENCIES

#: Codes read in capitals only ("42 MYR", "ILS 10"), beside the lexicon's
#: case-insensitive ``CURRENCY_CODES``.
UPPER_CODES: frozenset[str] = frozenset(
    code for code in CURRENCIES
    if code not in lex.ISO_CODES_NOT_READ and code.lower() not in lex.CURRENCY_CODES)


def _plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    return word + "s"


def _name_words() -> dict[str, str]:
    """Lower-case currency phrase -> ISO code (or sub-unit), singular and plural."""
    names: dict[str, str] = {}
    by_last_word: dict[str, set[str]] = defaultdict(set)
    for code, name in CURRENCIES.items():
        phrase = re.sub(r"\s*\(.*?\)", "", name).lower().replace("’", "'").strip()
        words = phrase.split(" ")
        by_last_word[words[-1]].add(code)
        if len(words) == 1:
            continue  # a one-word name is a bare word: below
        names.setdefault(phrase, code)
        names.setdefault(" ".join([*words[:-1], _plural(words[-1])]), code)
    for alias, code in lex.CURRENCY_NAME_ALIASES.items():
        names[alias] = code
        if " " in alias and not alias.endswith("s"):
            words = alias.split(" ")
            names.setdefault(" ".join([*words[:-1], _plural(words[-1])]), code)
    for word, codes in by_last_word.items():
        if word in lex.CURRENCY_WORDS_NOT_BARE:
            continue
        default = lex.CURRENCY_WORD_DEFAULTS.get(word)
        if default is None and len(codes) == 1:
            default = next(iter(codes))
        if default is not None:
            names.setdefault(word, default)
            names.setdefault(_plural(word), default)
    for word, code in lex.CURRENCY_WORD_DEFAULTS.items():
        names.setdefault(word, code)
        names.setdefault(_plural(word), code)
    return {**names, **lex.CURRENCY_WORDS}


#: Every currency word or phrase written after an amount -> ISO code or sub-unit.
CURRENCY_WORDS: dict[str, str] = _name_words()
