"""Where a sentence starts and ends, with the abbreviations English prose uses.

One finder for everything that shows a figure in its sentence: ``claimset
suggest`` (a claim's quote), ``coverage`` and ``extract --format text``.  A full
stop after a title ("Gen.", "Mr."), a month ("Jan.") or an initial ("J. Smith")
does not end a sentence; closing quotes and brackets after the stop belong to it.
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "sentence_bounds", "sentence_span"]

_BOUNDARY = re.compile(r"[.!?][\"'”’)\]*_]*[ \t]*(?:\n[ \t]*)*(?=\s|$)|\n[ \t]*\n")
# The same stops, with any line break also ending a sentence (line-based output).
_LINE_BOUNDARY = re.compile(r"[.!?][\"'”’)\]*_]*[ \t]*(?=\s|$)|\n")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")

#: Words a full stop follows without ending the sentence (compared case-folded).
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "col", "lt", "maj", "capt", "sgt",
    "gov", "pres", "prof", "jr", "sr", "no", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "approx", "ca", "cf", "fig", "vol", "pp", "p",
})


def _real_boundary(text: str, match: re.Match[str]) -> bool:
    if match.group().startswith("\n"):
        return True
    # A search that stops at the figure (or the reach) sees its end as the text's end:
    # a stop is one only with a space (or the real end of the text) after it.
    after = match.end()
    if after < len(text) and not match.group()[-1].isspace() and not text[after].isspace():
        return False
    before = text[max(0, match.start() - 12):match.start()]
    word = _WORD_BEFORE.search(before)
    if word is None:
        return True
    token = word.group(1).casefold().strip(".")
    if token in ABBREVIATIONS:
        return False
    return not (len(token) == 1 and word.group(1).isupper())  # an initial: "J. Smith"


def sentence_bounds(text: str, start: int, end: int, *, reach: int = 1200,
                    line_breaks: bool = False) -> tuple[int, int, bool, bool]:
    """The sentence around ``text[start:end]`` as ``(begin, finish, cut_left, cut_right)``.

    It runs from the last sentence end (or blank line) before the span to the next
    one after it, at most ``reach`` code points either way; ``cut_left`` and
    ``cut_right`` say whether the reach, not a sentence end or the text's edge,
    stopped it.  With ``line_breaks`` every line break ends a sentence too.
    """
    boundary = _LINE_BOUNDARY if line_breaks else _BOUNDARY
    low = max(0, start - reach)
    begin, cut_left = low, low > 0
    for match in boundary.finditer(text, low, start):
        if _real_boundary(text, match):
            begin, cut_left = match.end(), False
    high = min(len(text), end + reach)
    finish, cut_right = high, high < len(text)
    for match in boundary.finditer(text, end, high):
        if _real_boundary(text, match):
            finish, cut_right = match.start() + len(match.group().rstrip()), False
            break
    while not cut_left and begin < start and text[begin].isspace():
        begin += 1
    while not cut_right and finish > end and text[finish - 1].isspace():
        finish -= 1
    return begin, finish, cut_left, cut_right


def sentence_span(text: str, start: int, end: int, *, reach: int = 1200) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from the last sentence end (or blank line)
    before it to the next one after it, at most ``reach`` code points either way."""
    begin, finish, _, _ = sentence_bounds(text, start, end, reach=reach)
    return begin, finish
