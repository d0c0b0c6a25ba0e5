"""How much number a text may hold for claimset to read it: the extractor's cost limit.

The extractor's time and memory grow with the numbers a text holds, not its size:
a 16 MiB seed of ``1 1 1 …`` (within the seed limit) is eight million figures, and
reading them all took 219 s and 5.5 GB.  Every caller that extracts a text claimset
did not write (a seed, a bundle's text) asks :func:`too_many_numbers` first; the
count stops at the limit, so the check costs at most a scan of the first
MAX_NUMBERS numbers, never the whole extraction.
"""

from __future__ import annotations

import collections
import itertools
import re

from claimset.core import limits
from claimset.grammar import _lexicon as lex

#: Numbers (digit runs and number words) one text may hold.  A long report has a few
#: thousand; a statistical table of 200,000 figures is no source to cite by hand.
MAX_NUMBERS = limits.NUMBERS_PER_TEXT

_WORDS = sorted({*lex.UNITS, *lex.TEENS, *lex.TENS, *lex.SCALES, *lex.ORDINAL_UNITS,
                 *lex.ORDINAL_TEENS, *lex.ORDINAL_TENS}, key=len, reverse=True)
#: Matched on the lower-cased text: IGNORECASE made the scan four times slower.
_NUMBERISH = re.compile(r"[0-9]+|\b(?:" + "|".join(map(re.escape, _WORDS)) + r")\b")


def count_numbers(text: str, *, limit: int = MAX_NUMBERS) -> int:
    """How many digit runs and number words ``text`` holds, counted up to ``limit + 1``."""
    # Counted in C: zip pairs each match with the next count and the zero-length deque
    # drops the pairs, so no Python code runs per match (a generator did, at 1/3 of the
    # regex's own cost), and memory stays one match whatever the text holds.
    counter = itertools.count()
    collections.deque(zip(itertools.islice(_NUMBERISH.finditer(text.lower()), limit + 1),
                          counter, strict=False), maxlen=0)
    return next(counter)


def too_many_numbers(text: str, *, limit: int = MAX_NUMBERS) -> str | None:
    """Why ``text`` is not extracted (it holds over ``limit`` numbers), or None."""
    # A text of n code points holds at most n numbers, so a short one is not scanned:
    # matches are at least one code point long and never touch (a digit run is greedy,
    # a word needs a boundary on each side), and lower-casing at most doubles a text
    # ("İ" becomes two code points), so (2n + 1) // 2 = n.  The scan costs more than
    # the parse of a dataset whose texts are all short.
    if len(text) <= limit:
        return None
    if count_numbers(text, limit=limit) > limit:
        return (f"holds over {limit:,} numbers (digit runs and number words), more than "
                "claimset extracts from one text: split the source")
    return None
