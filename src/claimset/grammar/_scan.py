"""Scanning a text for bare numbers: anchors, runs, signs, and the "one" that is a pronoun."""

from __future__ import annotations

import re
from collections.abc import Iterator

from claimset.grammar import _lexicon as lex
from claimset.grammar._context import PlainWords
from claimset.grammar._currencies import CURRENCY_WORDS
from claimset.grammar._number_forms import read_number
from claimset.grammar._tokens import MAX_RUN_TOKENS, read_run
from claimset.grammar._values import Number, Reading, _number, to_python
from claimset.grammar._words import ANCHOR, WORDS, phrases

# A sign glued to the digits, or spaced only at the very start ("- 1 4/5"): a
# spaced hyphen inside prose is a dash or a range, not a minus.
# After "∼", "<", "≈" the sign is the number's too ("∼−400", "<-5").
_NEGATION = re.compile(r"(?:\b(?:minus|negative)[ \t]+|^[-−][ \t]?|(?<=[\s(\[∼~<>≈≤≥])[-−])$",
                       re.IGNORECASE)
_NEGATION_WORDS = frozenset({"minus", "negative"})
# "plus or minus 3 points" is a margin of 3, not minus three.
_PLUS_OR = re.compile(r"(?<![\w])plus[ \t]+or[ \t]+$", re.IGNORECASE)
# "point 77": a decimal point spoken, not after "the", "a", "this" ("the point 5 made").
_A_BEFORE = re.compile(r"(?:(?<![\w'’])(?:an?|several|half[ \t]+an?|(?<!the )(?<!a )(?<!this )"
                       r"(?<!that )point)[ \t]+)$", re.IGNORECASE)
_A_WORDS = lex.RUN_LEAD_WORDS
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]{1,2000}", re.IGNORECASE)


def url_spans(text: str) -> list[tuple[int, int]]:
    return list(iter_url_spans(text))


def iter_url_spans(text: str) -> Iterator[tuple[int, int]]:
    """The web addresses in ``text`` as spans, left to right (read lazily: a streaming read
    of a text full of addresses keeps none of them)."""
    if "://" not in text and "www." not in text:
        return
    for match in _URL.finditer(text):
        yield match.span()


# A run cut at MAX_RUN_TOKENS is read up to this many tokens before its end; the next
# piece starts at the first reading not taken, so every reading ends, and looks ahead,
# inside the piece that yields it (no number is written in 64 tokens).
_RUN_TAIL = 64


def _iter_readings(text: str, words: PlainWords) -> Iterator[tuple[int, int, Reading]]:
    """Every bare number as (start, end, reading), left to right, disjoint."""
    urls = iter_url_spans(text)
    url = next(urls, None)
    pos = 0
    n = len(text)
    find_anchor = ANCHOR.search
    while pos < n:
        anchor = find_anchor(text, pos)
        if anchor is None:
            return
        start = anchor.start()
        if start > 0 and text[start - 1].isdigit():
            pos = start + 1
            continue
        if url is not None:
            while url is not None and url[1] <= start:
                url = next(urls, None)
            if url is not None and url[0] <= start:
                pos = url[1]
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
        tokens, run_end = read_run(text, run_start, words)
        if not tokens or (tokens[0].start != run_start and lead is None):
            pos = _skip_word(text, start)
            continue
        settled = len(tokens) - _RUN_TAIL if len(tokens) >= MAX_RUN_TOKENS else len(tokens)
        resume = None
        i = 0
        while i < len(tokens):
            if i >= settled:
                resume = tokens[i].start
                break
            reading = read_number(tokens, i, text)
            if reading is None or reading.end_index <= i:
                i += 1
                continue
            if reading.end_index > settled and i > 0:
                resume = tokens[i].start
                break
            yield tokens[i].start, tokens[reading.end_index - 1].end, reading
            i = reading.end_index
        # Every token of the run has been tried as a start, so the next search
        # begins after the run whether or not it held a number: reading the run
        # again from its second word would make "hundred hundred ..." quadratic.
        # A cut run goes on from its first reading not taken.
        pos = resume if resume is not None else max(run_end, start + 1)
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
    r"(?<![\w'’])(?:" + phrases(lex.DETERMINERS_BEFORE_ONE, r"\s+") + r")[ \t]+$", re.IGNORECASE)
# "one another", "one's", impersonal "one" before a modal ("one cannot know", "one may
# count"), and "one of the reasons", "one of them": one picked out of a group, not a count.
_PRONOUN_AFTER = re.compile(
    r"(?:['’]s\b|[ \t]+(?:" + phrases(lex.MODALS_AFTER_ONE) + r"|of[ \t]+(?:"
    + phrases(lex.GROUPS_AFTER_ONE_OF) + r"))\b)", re.IGNORECASE)


# "from one approach to another", "one after another", "one by one"
# "It was one thing to topple a statue, another to run a country.": "one" a determiner
# answered by "another" after a comma in its sentence
_ONE_TO_ANOTHER = re.compile(r"(?:[ \t]+[A-Za-z]+){0,3}[ \t]+(?:to|after)[ \t]+another\b"
                             r"|[ \t]+by[ \t]+one\b"
                             r"|[ \t]+[A-Za-z]+\b[^.;!?\n]{0,80}?[,;][ \t]+another\b",
                             re.IGNORECASE)
_ONE_BY_BEFORE = re.compile(r"\bone[ \t]+by[ \t]+$", re.IGNORECASE)
# "if one assumes", "one wonders": a verb after "one" (a noun after it would be singular)
_VERB_AFTER = re.compile(r"[ \t]+[a-z]{2,}[^sui\W]s\b")
# "the current one.", "a new one,": "one" standing for a noun already named
_ADJECTIVE_ONE = re.compile(r"(?<![\w'’])(?:" + phrases(lex.DETERMINERS_BEFORE_ADJECTIVE_ONE)
                            + r")[ \t]+[a-z]+[ \t]+$", re.IGNORECASE)
# "one-sided", "a one-off": "one" inside a compound adjective
_HYPHEN_WORD = re.compile(r"[-‐‑](?P<w>[a-z]+)")


def _is_pronoun_one(text: str, start: int, end: int) -> bool:
    """ "the one you mentioned", "one another", "one cannot know", "one of the reasons",
    "from one group to another", "one assumes", "the current one", "one-sided": "one"
    that is not a number."""
    if text[start:end].lower() != "one":
        return False
    if _DETERMINER_BEFORE.search(text, max(0, start - 16), start) is not None \
            or _PRONOUN_AFTER.match(text, end) is not None \
            or _ONE_TO_ANOTHER.match(text, end) is not None \
            or _ONE_BY_BEFORE.search(text, max(0, start - 8), start) is not None:
        return True
    verb = _VERB_AFTER.match(text, end)
    if verb is not None and verb.group().strip() not in lex.NOT_VERBS and \
            verb.group().strip() not in lex.TIME_UNITS and \
            verb.group().strip() not in CURRENCY_WORDS:
        return True
    if text[end:end + 1] in (".", ",", ";", ":", "!", "?", ")") and \
            _ADJECTIVE_ONE.search(text, max(0, start - 30), start) is not None:
        return True
    compound = _HYPHEN_WORD.match(text, end)
    return compound is not None and compound.group("w") not in lex.TIME_UNITS \
        and compound.group("w") not in WORDS and compound.group("w") not in CURRENCY_WORDS


def scan_numbers(text: str, words: PlainWords) -> list[Number]:
    return list(iter_numbers(text, words))


def iter_numbers(text: str, words: PlainWords) -> Iterator[Number]:
    """Every bare number in ``text``, left to right and disjoint, read lazily."""
    previous_end = 0
    for start, end, reading in _iter_readings(text, words):
        value = reading.value
        if end - start == 3 and value == 1 and _is_pronoun_one(text, start, end):
            continue
        negative = None
        if reading.form in ("cardinal", "fraction") and start > 0 and \
                words.may_end(start, _NEGATION_WORDS):
            negative = _NEGATION.search(text, max(0, start - 10), start)
            if negative is not None and _PLUS_OR.search(
                    text, max(0, negative.start() - 9), negative.start()) is not None:
                negative = None
        if negative is not None and previous_end <= negative.start():
            start = negative.start()
            value = -value
        previous_end = end
        yield _number(start, end, to_python(value), reading.form, reading.scale,
                      reading.words, reading.plain and negative is None)

