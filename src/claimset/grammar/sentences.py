"""The one sentence splitter: where each sentence of a text starts and ends.

Everything that shows or judges a figure in its sentence reads the sentences here:
``claimset suggest`` (a claim's quote), ``coverage`` and ``extract --format text``, and
the checker's quote-scope check (a quote is whole sentences or an excerpt that says so).

What it knows about English prose:

- A full stop after a title or a common abbreviation ("Gen.", "Dr.", "Mr.", "U.S.",
  "e.g."), or after an initial ("L. Paul Bremer", "Ivo H. Daalder"), does not end a
  sentence; "No.", "p." and a month's abbreviation do not before a digit ("No. 610").
- A sentence ends at ``.``, ``!``, ``?`` or an ellipsis followed by a space and what can
  start a sentence (a capital, a digit, a quotation mark or a bracket); closing quotes
  and brackets after the stop belong to the sentence that ends.
- A quotation opened in a sentence holds its own full stops: "proclaiming that "We
  are heroes…. As far as we're concerned, ..." America has been left" is one sentence.
  Apostrophes (a letter on both sides, or a plural's "Iraqis'") are no quotation marks.
- A blank line ends a sentence (a heading, a byline, a paragraph), except a page break
  inside one: a blank line between a word and a lower-case word ("set on\\n\\nfire, but").
- A line that is a list item ("- ", "* ", "• ", "1. ", "(a) ") or a Markdown heading
  ("# ") is a sentence of its own even without a blank line, and so is a short first
  line of a paragraph with no closing stop followed by a capitalised line (a heading).

The text is split once (:func:`sentence_spans`, cached per text) and every question is
a bisection of that list, so asking for every claim of a long text costs one pass.
"""

from __future__ import annotations

import bisect
import functools
import re

from claimset.grammar._prose import CLOSES, quote_role

__all__ = [
    "ABBREVIATIONS", "SENTENCE_REACH", "is_whole_sentences", "sentence_around", "sentence_at",
    "sentence_bounds", "sentence_span", "sentence_spans", "sentences_of",
]

#: Words a full stop follows without ending the sentence (compared case-folded).
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "col", "lt", "maj", "capt", "sgt",
    "gov", "pres", "prof", "jr", "sr", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m",
    "p.m", "approx", "ca", "cf", "fig", "vol", "mt", "ft", "adm", "brig", "cmdr", "rev",
    "hon", "messrs", "mme", "mlle", "ave", "blvd", "dept", "est", "inc", "ltd", "corp", "co",
})
#: Abbreviations that end no sentence only before a number ("No. 610", "Jan. 5", "p. 12").
_BEFORE_DIGITS = frozenset({
    "no", "nos", "p", "pp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "art", "sec", "ch", "para", "fig", "vol",
})

_STOPS = ".!?…"
_CLOSERS = "\"'”’)]}*_»"
# Everything the splitter must look at: stops, quotation marks, line breaks.
_EVENT = re.compile(r"[.!?…]+|[\"“”'‘’«»]|\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*•–][ \t]+|\d{1,3}[.)][ \t]+|\([a-zA-Z0-9]{1,3}\)[ \t]+|"
                        r"#{1,6}[ \t]+)")
#: The longest first line of a paragraph read as a heading when it has no closing stop.
HEADING_LENGTH = 60
#: Quotation marks open inside one another at most this deep (a stray mark cannot nest).
_MAX_DEPTH = 4


def _can_start(text: str, index: int) -> bool:
    """Whether a sentence can start at ``text[index]``: a capital, a digit, a quotation
    mark, a bracket, a list marker or a symbol; a lower-case letter cannot."""
    if index >= len(text):
        return True
    char = text[index]
    return not char.islower()


def _abbreviation_before(text: str, stop: int, after: int) -> bool:
    """Whether the full stop at ``text[stop]`` closes an abbreviation or an initial."""
    word = _WORD_BEFORE.search(text, max(0, stop - 12), stop)
    if word is None:
        return False
    raw = word.group(1)
    token = raw.casefold().strip(".")
    if token in ABBREVIATIONS:
        return True
    if token in _BEFORE_DIGITS and after < len(text) and text[after].isdigit():
        return True
    # An initial: one capital letter, a word of its own ("J. Smith", "U.S."-style runs).
    return len(raw.strip(".")) == 1 and raw[0].isupper()


def _next_visible(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _previous_visible(text: str, index: int) -> int:
    """The index of the last non-space character before ``index`` (-1 if none)."""
    index -= 1
    while index >= 0 and text[index] in " \t\r\n":
        index -= 1
    return index


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


@functools.lru_cache(maxsize=8)
def _split(text: str, line_breaks: bool) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The starts and ends of every sentence of ``text`` (ends exclusive, spaces trimmed)."""
    starts: list[int] = []
    ends: list[int] = []
    length = len(text)
    begin = _next_visible(text, 0)
    # Open quotation marks: (the mark, where it opened).
    quotes: list[tuple[str, int]] = []

    def close(end: int, resume: int) -> None:
        nonlocal begin
        last = _previous_visible(text, end) + 1
        if last > begin:
            starts.append(begin)
            ends.append(last)
        begin = _next_visible(text, resume)
        quotes.clear()

    for match in _EVENT.finditer(text):
        at = match.start()
        if at < begin:
            continue
        event = match.group()
        if event == "\n":
            _line_event(text, at, begin, line_breaks, quotes, close)
        elif event[0] in _STOPS:
            _stop_event(text, match, begin, quotes, close)
        else:
            _quote_event(text, at, event, quotes)
    if begin < length:
        close(length, length)
    return tuple(starts), tuple(ends)


def _line_event(text: str, at: int, begin: int, line_breaks: bool,
                quotes: list[tuple[str, int]], close: object) -> None:
    after = _next_visible(text, at)
    blank = "\n" in text[at + 1:after]
    end_of_line = _previous_visible(text, at) + 1
    assert callable(close)
    if line_breaks:
        close(at, at + 1)
        return
    if blank:
        previous = text[end_of_line - 1] if end_of_line > 0 else ""
        # A page break inside a sentence: a word, a blank line, a lower-case word.
        if after < len(text) and text[after].islower() and (previous.isalpha() or previous
                                                             in ",;"):
            return
        close(at, after)
        return
    line = _line_start(text, at)
    # A list item or heading ends at its line's end; the next one starts a sentence.
    if (_LIST_ITEM.match(text, line) is not None and text[line:end_of_line].strip()) \
            or _LIST_ITEM.match(text, at + 1) is not None:
        close(at, at + 1)
        return
    # A heading: a short line that starts its sentence, with no closing stop, before a
    # capitalised line (a wrapped line of prose does not start its sentence).
    if (line == begin and 0 < end_of_line - line <= HEADING_LENGTH and not quotes
            and text[end_of_line - 1] not in _STOPS + ",;:" and after < len(text)
            and text[after].isupper()):
        close(at, at + 1)


def _stop_event(text: str, match: re.Match[str], begin: int,
                quotes: list[tuple[str, int]], close: object) -> None:
    assert callable(close)
    stop, end = match.start(), match.end()
    # Closing quotation marks and brackets after the stop belong to this sentence.
    while end < len(text) and text[end] in _CLOSERS:
        if text[end] in "\"'”’»" and quotes and quotes[-1][0] in CLOSES[text[end]]:
            quotes.pop()
        end += 1
    if end < len(text) and text[end] not in " \t\r\n":
        return  # "2.5", "U.S.-led", "etc.)," : no space, no end
    if any(opened >= begin for _, opened in quotes):
        return  # inside a quotation opened in this sentence
    after = _next_visible(text, end)
    if not _can_start(text, after):
        return
    if match.group() == "." and _abbreviation_before(text, stop, after):
        return
    if _LIST_ITEM.fullmatch(text, _line_start(text, stop), end + 1) is not None:
        return  # "1. First item": the number of a list item
    close(end, end)


def _quote_event(text: str, at: int, mark: str, quotes: list[tuple[str, int]]) -> None:
    role = quote_role(text, at)
    if role == "open":
        if len(quotes) < _MAX_DEPTH:
            quotes.append((mark, at))
    elif role == "close":
        # A closing mark closes the innermost quotation of its kind, if one is open.
        for depth in range(len(quotes) - 1, -1, -1):
            if quotes[depth][0] in CLOSES[mark]:
                del quotes[depth:]
                return


def sentence_spans(text: str, *, line_breaks: bool = False) -> list[tuple[int, int]]:
    """Every sentence of ``text`` as ``(start, end)``, in order, trimmed of spaces.  With
    ``line_breaks`` every line break ends a sentence too (line-based output)."""
    starts, ends = _split(text, line_breaks)
    return list(zip(starts, ends, strict=True))


def sentence_at(text: str, position: int, *, line_breaks: bool = False) -> tuple[int, int]:
    """The sentence holding ``text[position]``: the last one starting at or before it (a
    position in the spaces between two sentences belongs to the one before)."""
    starts, ends = _split(text, line_breaks)
    if not starts:
        return (0, len(text))
    number = max(0, bisect.bisect_right(starts, position) - 1)
    return starts[number], ends[number]


#: How far either side of a figure the meaning rules read its sentence: a text with no
#: sentence ends (a hostile one-line file) costs each claim at most this much.
SENTENCE_REACH = 1200


def sentence_around(text: str, start: int, end: int, *,
                    reach: int = SENTENCE_REACH) -> tuple[int, int]:
    """The sentence holding ``text[start:end]`` (and the words themselves, should they run
    past it), at most ``reach`` code points either side of them."""
    low, high = sentence_at(text, start)
    return max(low, start - reach), min(max(high, end), end + reach)


def sentences_of(text: str, start: int, end: int, *,
                 line_breaks: bool = False) -> list[tuple[int, int]]:
    """The sentences that ``text[start:end]`` touches, in order."""
    starts, ends = _split(text, line_breaks)
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = max(first, bisect.bisect_left(starts, max(start, end - 1) + 1) - 1)
    if not starts:
        return [(0, len(text))]
    return list(zip(starts[first:last + 1], ends[first:last + 1], strict=True))


#: What a quote may leave off the end of its last sentence: the full stop and closing
#: quotation marks or brackets (not a question or exclamation mark, which say something).
_OMISSIBLE_END = ".\"'”’)]*_» \t"
#: What a quote may leave off the start of its first sentence: opening marks.
_OMISSIBLE_START = "\"'“‘([*_« \t"


def is_whole_sentences(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one or more whole sentences: it starts where a
    sentence starts and ends where one ends (leaving out, at most, opening quotation marks
    before its first word and the full stop and closing marks after its last)."""
    starts, ends = _split(text, False)
    first = bisect.bisect_right(starts, start) - 1
    last = bisect.bisect_left(ends, end)
    if first < 0 or last >= len(ends) or first > last or end <= start:
        return False
    return (all(char in _OMISSIBLE_START for char in text[starts[first]:start])
            and all(char in _OMISSIBLE_END for char in text[end:ends[last]]))


def sentence_bounds(text: str, start: int, end: int, *, reach: int = 1200,
                    line_breaks: bool = False) -> tuple[int, int, bool, bool]:
    """The sentence(s) around ``text[start:end]`` as ``(begin, finish, cut_left,
    cut_right)``, at most ``reach`` code points either way of the span; ``cut_left`` and
    ``cut_right`` say whether the reach, not a sentence's end, stopped it.  With
    ``line_breaks`` every line break ends a sentence too."""
    touched = sentences_of(text, start, min(max(end, start + 1), len(text)),
                           line_breaks=line_breaks)
    begin, finish = min(touched[0][0], start), max(touched[-1][1], end)
    cut_left, cut_right = begin < start - reach, finish > end + reach
    if cut_left:
        begin = start - reach
    if cut_right:
        finish = end + reach
    return begin, finish, cut_left, cut_right


def sentence_span(text: str, start: int, end: int, *, reach: int = 1200) -> tuple[int, int]:
    """The sentence(s) around ``text[start:end]``, at most ``reach`` code points either
    way of it."""
    begin, finish, _, _ = sentence_bounds(text, start, end, reach=reach)
    return begin, finish
