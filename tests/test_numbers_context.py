"""The plain-word shortcuts of the context probes give what the probes' regexes give.

The extractor skips a context regex when the plain word beside a figure rules it
out (grammar/_context.py).  These tests run the regexes anyway, at every
position of random text, and check that each skip was right.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from claimset.grammar import _dates as dt
from claimset.grammar import _lexicon as lex
from claimset.grammar import _quantities as qn
from claimset.grammar import _scan as sc
from claimset.grammar import _tokens as tk
from claimset.grammar import _words as wd
from claimset.grammar import extract as ex
from claimset.grammar import numbers as nb
from claimset.grammar.numbers import word_after, word_before

# Words the probes look for, some of their neighbours, letters whose regex case
# folding differs from str.lower() ("ſ", "ı", "İ", the Kelvin sign), and the
# separators that make a word not plain.
_VOCABULARY = sorted({
    *lex.QUALIFIERS, *lex.CURRENCY_WORDS, *lex.CURRENCY_CODES, *lex.PERCENT_WORDS,
    *lex.TIME_UNITS, *lex.RATE_UNITS, *lex.MONTHS, *(m.capitalize() for m in lex.MONTHS),
    *lex.IDENTIFIER_PREFIXES, *wd.WORDS, "the", "this", "one", "another", "only",
    "minus", "negative", "times", "fold", "between", "from", "and", "to", "a", "an", "per",
    "each", "every", "several", "half", "of", "troops", "US", "Iraqis", "said", "musd",
    "ſome", "dollarſ", "ıraqi", "İraqi", "\u212aM", "café", "city’s",
})
_SEPARATORS = [" ", " ", " ", " ", "  ", "\t", "\n", " \n", ", ", ". ", "-", "—", "(", "$",
               "€", "%", "’", "\u00a0"]
_NUMBERS = ["5", "150,000", "12", "2004", "1.5", "30", "one", "1/2"]


def _piece(word: str, case: str) -> str:
    return {"lower": word.lower(), "upper": word.upper(), "title": word.capitalize()}.get(
        case, word)


_TEXTS = st.lists(
    st.tuples(st.sampled_from(_VOCABULARY + _NUMBERS),
              st.sampled_from(["lower", "upper", "title", "as is", "as is"]),
              st.sampled_from(_SEPARATORS)),
    min_size=1, max_size=14,
).map(lambda parts: "".join(_piece(w, c) + sep for w, c, sep in parts))

_BEFORE = [  # (regex searched in a window ending at a figure, the words that allow a match)
    (sc._A_BEFORE, sc._A_WORDS),
    (sc._NEGATION, sc._NEGATION_WORDS),
    (qn._CURRENCY_BEFORE, qn._CURRENCY_BEFORE_WORDS),
    (qn._PERCENT_BEFORE, qn._PERCENT_BEFORE_WORDS),
    (ex._QUALIFIER_BEFORE, ex._QUALIFIER_WORDS),
    (dt._MONTH_BEFORE, dt._MONTH_WORDS),
]
_AFTER = [  # (regex matched right after a figure, the words that allow a match)
    (qn._PERCENT_AFTER, qn._PERCENT_AFTER_WORDS),
    (qn._CURRENCY_AFTER, qn._CURRENCY_AFTER_WORDS),
    (qn._TIMES_AFTER, qn._TIMES_AFTER_WORDS),
    (ex._TIME_UNIT_AFTER, ex._TIME_UNIT_WORDS),
    (dt._MONTH_AFTER, dt._MONTH_WORDS),
]


def _check_words_before(text: str) -> None:
    for pos in range(len(text) + 1):
        word = word_before(text, pos)
        if word is None:
            continue
        assert re.fullmatch("[A-Za-z]+", word) and text[:pos].endswith(f" {word} ")
        for pattern, words in _BEFORE:
            if word.lower() not in words:
                assert pattern.search(text, max(0, pos - 40), pos) is None, (pattern, pos)
        before = ex._WORD_BEFORE.search(text, max(0, pos - 16), pos)
        if len(word) < 16:  # _is_identifier reads the plain word instead
            assert before is not None and before.group("w") == word


def _check_words_after(text: str) -> None:
    for pos in range(len(text) + 1):
        word = word_after(text, pos)
        if word is None:
            continue
        assert re.fullmatch("[A-Za-z]+", word) and text[pos:].startswith(f" {word} ")
        for pattern, words in _AFTER:
            if word.lower() not in words:
                assert pattern.match(text, pos) is None, (pattern, pos)
        # a rate needs "a"/"per"... as the first or second word
        if not ex._may_be_rate(text, pos, word.lower()):
            assert ex._RATE_AFTER.match(text, pos) is None
        # _next_word and the end of a run read the plain word instead of their regexes
        following = ex._NEXT_WORD.match(text, pos)
        assert following is not None and following.group("w") == word
        assert following.end() == pos + 1 + len(word)
        assert tk._SEPARATOR.match(text, pos).end() == pos + 1
        token = tk._TOKEN.match(text, pos + 1)
        assert token is not None and token.lastgroup == "word" and token.group() == word


def test_every_probe_word_in_plain_context() -> None:
    for phrase in _VOCABULARY:
        for case in ("lower", "upper", "title"):
            words = _piece(phrase, case)
            for text in (f"said {words} 5 {words} said {words} a day", f"{words} 12 per {words} ",
                         f"5 {words} {words} a day", f"5 {words}  a day", f"5 {words} \ta week"):
                _check_words_before(text)
                _check_words_after(text)


@settings(max_examples=300)
@given(_TEXTS)
def test_a_plain_word_before_rules_out_only_what_cannot_match(text: str) -> None:
    _check_words_before(text)


@settings(max_examples=300)
@given(_TEXTS)
def test_a_plain_word_after_rules_out_only_what_cannot_match(text: str) -> None:
    _check_words_after(text)


@given(_TEXTS)
def test_plain_words_are_found_once_and_lower_cased(text: str) -> None:
    words = nb.PlainWords(text)
    for pos in range(len(text) + 1):
        for _ in range(2):
            assert words.before(pos) == _lower(word_before(text, pos))
            assert words.after(pos) == _lower(word_after(text, pos))


def _lower(word: str | None) -> str | None:
    return None if word is None else word.lower()
