"""The number grammar's word table and the anchor regex that finds where a number may start.

Built once from the plain data in :mod:`claimset.grammar._lexicon`: every number
word with its role ("unit", "scale", "ord_tens" ...), the letters case-insensitive
patterns fold, and the trie-shaped alternations every probe of the grammar uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction

from claimset.grammar import _lexicon as lex
from claimset.grammar._values import Role

# Longer digit strings are serial numbers or noise, not figures, and int() of a
# megabyte of digits would be quadratic.
MAX_DIGITS = 30
MAX_EXPONENT = 40

# Letters that Python's case-insensitive regexes match with an ASCII letter but that
# str.lower() leaves apart: long s (ſ ~ s), dotless i (ı ~ i), and the dot that
# "İ".lower() adds.  (The Kelvin sign lowers to "k" by itself.)
_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0307": None})


def fold(word: str) -> str:
    """``word`` as the lexicon spells it, for any case a case-insensitive pattern matched:
    "DOLLARS", "dollarſ" and "Dollars" all give "dollars"."""
    return word.lower().translate(_FOLD)


# A trie of words: one branch per next character, "" marks the end of a word.
Trie = dict[str, "Trie"]


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
    root: dict[str, Trie] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Trie]) -> str:
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


def phrases(words: Iterable[str], blank: str = r"[ \t]+") -> str:
    """A regex alternation of ``words`` as written (a space matches ``blank``, an apostrophe
    either apostrophe), for the lexicon's short context lists."""
    return "|".join(re.escape(word).replace(r"\ ", blank).replace("'", "['’]")
                    for word in words)


# role, value
WORDS: dict[str, tuple[Role, int | Fraction]] = {}
WORDS.update({w: ("unit", v) for w, v in lex.UNITS.items()})
WORDS.update({w: ("teen", v) for w, v in lex.TEENS.items()})
WORDS.update({w: ("tens", v) for w, v in lex.TENS.items()})
WORDS["hundred"] = ("hundred", 100)
WORDS.update({w: ("scale", v) for w, v in lex.SCALES.items()})
WORDS.update({w: ("dozen", v) for w, v in lex.DOZENS.items()})
WORDS.update({w: ("vague", v) for w, v in lex.VAGUE_PLURALS.items() if w != "dozens"})
WORDS["tens"] = ("vague", 10)
WORDS.update({w: ("ord_unit", v) for w, v in lex.ORDINAL_UNITS.items()})
WORDS.update({w: ("ord_teen", v) for w, v in lex.ORDINAL_TEENS.items()})
WORDS.update({w: ("ord_tens", v) for w, v in lex.ORDINAL_TENS.items()})
WORDS["hundredth"] = ("ord_hundred", 100)
WORDS.update({w: ("ord_scale", v) for w, v in lex.ORDINAL_SCALES.items() if v > 100})
_ORDINAL_VALUES = {**lex.ORDINAL_UNITS, **lex.ORDINAL_TEENS, **lex.ORDINAL_TENS,
                   **lex.ORDINAL_SCALES}
# Plural ordinals are denominators only ("five eighths", "two hundredths").
WORDS.update({w + "s": ("denominator", v) for w, v in _ORDINAL_VALUES.items()
               if w not in ("first", "second")})
WORDS.update({w: ("half", v) for w, v in lex.HALVES.items()})
WORDS.update({w: ("mult", v) for w, v in lex.MULTIPLIER_WORDS.items()})
WORDS.update({"and": ("and", 0), "a": ("a", 1), "an": ("a", 1), "of": ("of", 0),
              "point": ("point", 0), "several": ("several", 3), "over": ("over", 0),
              "out": ("out", 0), "in": ("in", 0), "every": ("every", 0),
              "few": ("few", lex.VAGUE_COUNTS["a few"]),
              "couple": ("couple", lex.VAGUE_COUNTS["a couple"]),
              "oh": ("oh", 0), "single": ("single", 1)})
# Tens and units written run together ("twentyfive", "twentyfifth"): one word of the group.
WORDS.update({tens + unit: ("teen", lex.TENS[tens] + value)
              for tens in lex.TENS for unit, value in lex.UNITS.items() if 0 < value < 10})
WORDS.update({tens + unit: ("ord_teen", lex.TENS[tens] + value)
              for tens in lex.TENS for unit, value in lex.ORDINAL_UNITS.items()})

#: Roles of words that join the words of a number ("two and a half", "one in five") but
#: are no number themselves.
CONNECTOR_ROLES = frozenset({"and", "a", "of", "point", "over", "out", "in", "every", "oh"})
#: Every word the grammar reads as a number or part of one ("tripled", "thirds",
#: "several"...): what a figure's words may not lose or gain (re-anchoring's test).
NUMBER_WORDS = frozenset(w for w, (role, _) in WORDS.items() if role not in CONNECTOR_ROLES)

# Words that can begin a number: the anchors.  Connectors ("and", "a", "of") and
# denominators only continue one; "a"/"minus"/"several" are found by looking back.
_ANCHOR_WORDS = sorted(w for w in NUMBER_WORDS
                       if WORDS[w][0] != "denominator" and w not in lex.SCALE_ABBREVIATIONS)
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
VULGAR_VALUES = {
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
ANCHOR = re.compile(
    r"(?=[0-9" + _VULGAR + "".join(sorted({w[0] for w in _ANCHOR_FORMS})) + r"])"
    r"(?:[0-9" + _VULGAR + r"]|\b(?:" + trie_alternation(_ANCHOR_FORMS) + r")\b)"
)
