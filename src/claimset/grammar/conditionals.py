"""How a modal or a conditional that governs a figure reads: counterfactual, or open.

A figure under "would", "could", "if" may state what did not happen ("another 200,000
would have done much better", "If one assumes that every victim has five close family
members", "if the levees had failed"): a **counterfactual** or an assumption, whose
figure is hypothetical.  It may also plan, predict or set a real condition ("a force of
150,000 troops would maintain order", "If 150,000 troops had little idea how ..."):
an **open** reading, which the words alone do not settle.

:func:`conditional_reading` reads the hedges :func:`claimset.grammar.frames.
governing_words` finds; the words are :mod:`claimset.core.meaning`'s.  The curation
assistant drafts a claim's stance with it (``hypothetical`` for a counterfactual, left
to the person when open); :func:`counterfactual_within` says whether a reported view
states one ("Almost everyone argues that the U.S. should have sent ...").
"""

from __future__ import annotations

import re
from typing import Literal

from claimset.core.meaning import ASSUMING_WORDS, COUNTERFACTUAL_MODALS
from claimset.grammar.frames import governing_words
from claimset.grammar.sentences import sentence_at

__all__ = ["ConditionalReading", "conditional_reading", "counterfactual_within"]

ConditionalReading = Literal["counterfactual", "open"]

#: "have" and a past participle after a modal ("would have done", "should not have sent").
_HAVE_PARTICIPLE = re.compile(r"[ \t]+(?:not[ \t]+)?have[ \t]+(?:been[ \t]+)?[a-z]+(?:ed|en|ne|"
                              r"wn|ght|de|t|d)\b", re.IGNORECASE)
#: A past perfect or a subjunctive "were" inside an if-clause ("if it had failed").
_UNREAL_PAST = re.compile(r"\b(?:had[ \t]+(?:not[ \t]+)?(?:been[ \t]+)?[a-z]+(?:ed|en|ne|wn|ght|"
                          r"t)|were)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
#: Modals and conditionals that leave a figure open ("may", and those above alone).
_OPEN = COUNTERFACTUAL_MODALS | {"may", "if", "unless"}


def conditional_reading(text: str, start: int, end: int) -> ConditionalReading | None:
    """How the modals and conditionals governing ``text[start:end]`` read: counterfactual
    (a modal with "have" and a participle; "if" with a past perfect, "were" or an
    assumption), open (any other governing modal or "if"), or None when none governs."""
    reading: ConditionalReading | None = None
    for governor in governing_words(text, start, end):
        if governor.kind != "hedge":
            continue
        word = governor.text.casefold()
        if word in COUNTERFACTUAL_MODALS and _HAVE_PARTICIPLE.match(text, governor.end):
            return "counterfactual"
        if word in ("if", "unless"):
            sentence_end = sentence_at(text, governor.start)[1]
            comma = text.find(",", governor.end, sentence_end)
            clause = text[governor.end:comma if comma > 0 else sentence_end]
            if _UNREAL_PAST.search(clause) or any(
                    found.casefold() in ASSUMING_WORDS for found in _WORD.findall(clause)):
                return "counterfactual"
        if word in _OPEN:
            reading = "open"
    return reading


def counterfactual_within(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (what a reporting frame reports) states a counterfactual:
    a modal with "have" and a participle ("the U.S. should have sent a far larger force"),
    or "if" with a past perfect or "were" ("if the levees had failed")."""
    for match in _WORD.finditer(text, start, end):
        word = match.group().casefold()
        if word in COUNTERFACTUAL_MODALS and _HAVE_PARTICIPLE.match(text, match.end(), end):
            return True
        if word == "if":
            comma = text.find(",", match.end(), end)
            if _UNREAL_PAST.search(text, match.end(), comma if comma > 0 else end):
                return True
    return False
