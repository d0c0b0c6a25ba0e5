"""Drafts of a claim's judgement fields, by the same rules the meaning checks apply.

For a number :mod:`claimset.contrib.triage` decided is a claim, :func:`draft_claim`
writes every field a curator writes, each a proposal a person confirms (the record's
``drafted`` lists them) or leaves blank when the text does not say it plainly:

* ``quote``: the whole sentence(s) holding the figure (the checker's sentence splitter),
  widened to the sentence before while the first one points back to it ("these air
  attacks", "it": :func:`claimset.grammar.references.back_references`);
* ``attribution`` and ``stance``: the reporting frame that governs the figure
  (:func:`claimset.grammar.frames.governing_frames`: "according to the World Health
  Organisation", "the Iraq Body Count calculated that"), or one of an earlier sentence
  of the quote, which the figure's sentence points back to; its speaker's name is the
  attribution and the stance ``attributed`` (``quoted`` inside a quotation); a
  counterfactual ("would have done", "If one assumes", a reported view of what should
  have been: :mod:`claimset.grammar.conditionals`) makes it ``hypothetical``, a modal
  that may plan or predict leaves it to the person; no frame and no hedge: the author's
  own, ``asserted`` with no attribution.  A speaker that is only a pronoun ("It claims
  that") leaves the attribution to the person and the stance ``attributed``; an
  impersonal frame ("it is claimed that") leaves both; so does a definite figure inside
  what a frame reports ("Almost everyone argues that ... than the 150,000 it had"),
  which may be the author's fact as much as the speaker's view;
* ``period`` (:mod:`claimset.contrib.periods`; a counterfactual whose sentence names no
  time has none: a drafted null), ``unit``, ``place``, ``tags`` and ``measure``
  (:mod:`claimset.contrib.wording`); the id's slug from the measure's words.

A field left blank is written with the schema's blank: null, or for a measure words that
say it is not drafted.  A stance cannot be null, so a blank stance is written
``asserted`` and the note says the stance was not drafted (:data:`STANCE_LEFT`): a
reviewer never takes a blank for a reading.  The value, qualifier and bounds are the
grammar's reading of the figure, which the checker proves (CS206, CS213, CS214): they are
not drafts.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Any

import attrs

from claimset.contrib.periods import (
    Figures,
    PeriodReading,
    Reference,
    as_figures,
    period_reading,
)
from claimset.contrib.suggest import figure_fields
from claimset.contrib.wording import (
    claim_words,
    counted_noun,
    draft_measure,
    draft_place,
    draft_tags,
    draft_unit,
    first_start,
    slug_of,
    unique_slug,
)
from claimset.grammar.conditionals import conditional_reading, counterfactual_within
from claimset.grammar.facts import facts_of_period, text_facts
from claimset.grammar.frames import Frame, frames_in, governing_frames, speaker_words
from claimset.grammar.reasons import in_quotation
from claimset.grammar.references import back_references
from claimset.grammar.sentences import sentence_at, sentences_of
from claimset.grammar.tense import names_a_time
from claimset.store.canonical import CLAIM_KEYS

__all__ = ["BLANK", "ClaimDraft", "Context", "draft_claim", "judgement_fields"]

#: The judgement fields a draft proposes, in the order of a claim's keys.
DRAFTED_FIELDS = ("id", "quote", "unit", "measure", "period", "place", "attribution",
                  "stance", "tags")
#: The note of a claim whose stance the assistant left to the person (the schema needs one,
#: so ``asserted`` stands in its place).
STANCE_LEFT = ("Stance not drafted: a modal or a condition governs the figure (a plan, a "
               "prediction or a condition?), or a frame names no speaker; 'asserted' only "
               "holds the place.")
#: A sentence's last characters: a stop, then any closing marks.
_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"'”’)\]*_]*$")
#: How many sentences before the figure's a quote may take in.
MAX_WIDENING = 2


class _Blank:
    """A field the assistant leaves for the person: it has no reading it is sure of."""

    def __repr__(self) -> str:
        return "BLANK"


BLANK: Any = _Blank()


@attrs.frozen(kw_only=True)
class Context:
    """What drafting a source's claims reads besides each figure."""

    source_id: str
    text: str
    #: Every figure the grammar finds in the text.
    candidates: Figures = attrs.field(converter=as_figures)
    reference: Reference | None = None
    #: Tags the dataset already uses (a draft proposes only these).
    tags: Sequence[str] = ()
    #: Ids already taken (a draft's id is never one of them).
    taken: Collection[str] = frozenset()
    #: Where each slug's numbering stopped (``slug-2``, ``slug-3``...), kept across claims.
    numbered: dict[str, int] = attrs.field(factory=dict, eq=False)


@attrs.frozen(kw_only=True)
class ClaimDraft:
    """A claim's record as drafted, and the fields left blank (their blank values are in
    the record; ``judgement`` has BLANK for them)."""

    record: dict[str, Any]
    judgement: dict[str, Any]

    @property
    def blank(self) -> tuple[str, ...]:
        return tuple(name for name, value in self.judgement.items() if value is BLANK)


def _sentence_before(text: str, start: int) -> tuple[int, int] | None:
    if start <= 0:
        return None
    before = sentence_at(text, max(0, start - 1))
    return before if before[1] <= start and before[0] < start else None


# -- attribution and stance --------------------------------------------------------------

_NAME_RUN = re.compile(r"(?:[A-Z][\w'’.&-]*[ \t]+(?:(?:of|for|and|the|on|de|du|al)[ \t]+)*)*"
                       r"[A-Z][\w'’.&-]*")
_ARTICLE = re.compile(r"^(?:the|a|an)[ \t]+", re.IGNORECASE)


def attribution_of(text: str, frame: Frame) -> Any:
    """Who a frame's speaker is, as an attribution: the name the speaker phrase holds
    ("The independent monitoring group, the Iraq Body Count" -> "Iraq Body Count"), else
    the phrase itself without its article ("Almost everyone"); BLANK for a bare pronoun
    or an impersonal frame."""
    if frame.speaker is None or not speaker_words(text, frame):
        return BLANK  # impersonal ("it is claimed"), or only a pronoun ("It claims")
    phrase = " ".join(text[frame.speaker[0]:frame.speaker[1]].split()).strip(" ,;:—–-")
    names = [match for match in _NAME_RUN.finditer(phrase)
             if not (match.start() == 0 and _ARTICLE.match(phrase) and " " not in match[0])]
    heads = [match for match in names if match.end() == len(phrase)
             or phrase[match.end()] in ",;:—–()" or phrase.startswith(" (", match.end())]
    if heads:
        return _ARTICLE.sub("", heads[-1][0]).strip()
    words = phrase.split()
    if len(words) > 10:
        return BLANK
    return phrase[:1].lower() + phrase[1:] if _ARTICLE.match(phrase) else phrase


def draft_voice(text: str, figure: tuple[int, int], quote: tuple[int, int], *,
                kind: str, words_start: int | None = None) -> tuple[Any, Any]:
    """``(attribution, stance)`` of the figure, BLANK where the text does not say plainly.

    A frame that governs the figure gives both; failing one, a frame of an earlier
    sentence of the quote (which the figure's sentence points back to: "Last year it was
    ... 1,326") gives them, except to a comparison, which the author makes (a ratio the
    text does not say another computed is the author's own: docs/dataset.md).
    """
    frames = governing_frames(text, *figure)
    conditional = conditional_reading(text, *figure)
    hypothetical = conditional == "counterfactual"
    if not frames and kind != "ratio":
        sentence_start = sentence_at(text, figure[0])[0]
        frames = [frame for earlier in sentences_of(text, quote[0], sentence_start)
                  if earlier[1] <= sentence_start
                  for frame in frames_in(text, *earlier) if frame.speaker is not None]
    if frames:
        frame = frames[-1]
        if _presupposed(text, words_start if words_start is not None else figure[0], frame):
            return BLANK, BLANK  # the author's fact inside another's view, or theirs?
        attribution = attribution_of(text, frame)
        if hypothetical or counterfactual_within(text, *frame.scope):  # a view of what was not
            return attribution, "hypothetical"
        if frame.kind == "quotation" or in_quotation(text, *figure):
            return attribution, "quoted"
        # a speaker that is only a pronoun ("It claims that") still reports: the stance is
        # sure, whose view it is the person finds in the text before
        return attribution, ("attributed" if frame.speaker is not None else BLANK)
    if hypothetical:
        return None, "hypothetical"
    if conditional == "open":
        return None, BLANK  # a plan, a prediction or a real condition: the person decides
    return None, "asserted"


#: A definite article or possessive right before a figure's words (its qualifier's
#: included): "the 150,000 it had in Iraq", "their 40 villages", "the army's 300 tanks".
_DEFINITE_BEFORE = re.compile(r"(?:\b(?:the|its|their|his|her|our|these|those)|\w['’]s?)"
                              r"[ \t]+$", re.IGNORECASE)


def _presupposed(text: str, words_start: int, frame: Frame) -> bool:
    """Whether a figure a frame governs is a definite description inside what the frame
    reports ("Almost everyone argues that ... larger than the 150,000 it had"): such a
    figure is presupposed, the author's fact as much as the speaker's view."""
    if frame.kind == "quotation" or not frame.scope[0] < words_start:
        return False
    return _DEFINITE_BEFORE.search(text, max(frame.scope[0], words_start - 20),
                                   words_start) is not None


# -- quote -------------------------------------------------------------------------------


def draft_quote(text: str, figure: tuple[int, int], *, qualifier_start: int) -> tuple[int, int]:
    """The figure's whole sentence(s), widened to the sentence before while the first
    one points back to something before it (at most :data:`MAX_WIDENING` sentences, and
    never to a heading: "It" opening a paragraph points to the paragraph before)."""
    touched = sentences_of(text, min(qualifier_start, figure[0]), figure[1])
    start, end = touched[0][0], touched[-1][1]
    for _ in range(MAX_WIDENING):
        if not back_references(text, start, end):
            break
        before = _sentence_before(text, start)
        if before is None or not _ENDS_A_SENTENCE.search(text, before[0], before[1]):
            break  # a heading or a list item is not what a back-reference points to
        start = before[0]
    return start, end


# -- the claim ---------------------------------------------------------------------------


def judgement_fields(context: Context, candidate: Any) -> dict[str, Any]:
    """Every drafted field of the claim on ``candidate`` (BLANK where the assistant has no
    reading it is sure of); the quote as ``(start, end)``."""
    text = context.text
    figure = (candidate.start, candidate.end)
    sentence = sentence_at(text, candidate.start)
    window = (_sentence_before(text, sentence[0]) or sentence)[0]
    earlier = context.candidates.between(window, candidate.start)
    unit = draft_unit(text, candidate, earlier, sentence)
    quote = draft_quote(text, figure, qualifier_start=first_start(candidate))
    attribution, stance = draft_voice(text, figure, quote, kind=candidate.kind,
                                      words_start=first_start(candidate))
    scope = _frame_scope(text, figure)
    reading = period_reading(text, figure, sentence, candidates=context.candidates,
                             reference=context.reference, scope=scope)
    period = reading.period
    # A counterfactual states what did not happen: with no time in its sentence it has
    # no period ("another 200,000 would have done much better"), a drafted null.
    undated = period is None and stance == "hypothetical" and not (
        names_a_time(text, sentence[0], first_start(candidate))
        or names_a_time(text, candidate.end, sentence[1]))
    place = draft_place(text, candidate, sentence, scope=scope)
    noun = counted_noun(text, candidate, earlier, sentence) if candidate.kind == "count" else (
        candidate.unit if isinstance(candidate.unit, str) else None)
    measure = draft_measure(text, candidate, sentence, noun=noun)
    words = claim_words(measure or "", unit or "",
                        attribution if isinstance(attribution, str) else "")
    tags = draft_tags(words, context.tags)
    return {
        "quote": quote,
        "unit": unit if unit is not None else BLANK,
        "measure": measure if measure is not None else BLANK,
        "period": period if period is not None or undated else BLANK,
        "place": place if place is not None else BLANK,
        "attribution": attribution,
        "stance": stance,
        "tags": tags if tags else BLANK,
        "added": added_for_period(text, reading),
    }


def added_for_period(text: str, reading: PeriodReading) -> list[dict[str, str]]:
    """The ``added`` entry the meaning checks ask of a period worked out from the text's
    date or its paragraph's year that states a year or month the text does not write
    (CS228): ``{"words": "2007", "why": "'last year' in a text of 2008-01-30"}``; none
    when the text writes every year and month of the period."""
    if reading.period is None or reading.why is None:
        return []
    written = text_facts(text)
    if all(written.knows(fact) for fact in facts_of_period(reading.period)):
        return []
    return [{"words": reading.period, "why": reading.why}]


def _frame_scope(text: str, figure: tuple[int, int]) -> tuple[int, int] | None:
    frames = governing_frames(text, *figure)
    return frames[-1].scope if frames else None


def draft_claim(context: Context, candidate: Any) -> ClaimDraft:
    """The claim record for ``candidate`` with its judgement fields drafted, in canonical
    key order, and which of them are blank."""
    judgement = judgement_fields(context, candidate)
    text = context.text
    quote_start, quote_end = judgement["quote"]
    value, lower, upper, qualifier = figure_fields(candidate)
    named = judgement["measure"] if judgement["measure"] is not BLANK else (
        judgement["unit"] if judgement["unit"] is not BLANK else candidate.text)
    slug = unique_slug(slug_of(named), context.taken, prefix=f"{context.source_id}/",
                       tried=context.numbered)
    judgement = {"id": f"{context.source_id}/{slug}", **judgement}
    blank = [name for name in DRAFTED_FIELDS if judgement.get(name) is BLANK]
    plain = {name: (None if value_ is BLANK else value_) for name, value_ in judgement.items()}
    if plain["stance"] is None:
        plain["stance"] = "asserted"  # the schema's value when no other is read
    if plain["measure"] is None:  # the schema needs words: say what a person must write
        plain["measure"] = f"(not drafted) what '{candidate.text}' measures"
    record = {
        "id": plain["id"],
        "quote": {"start": quote_start, "end": quote_end, "text": text[quote_start:quote_end]},
        "figure": {"start": candidate.start, "end": candidate.end, "text": candidate.text},
        "value": value, "unit": plain["unit"], "qualifier": qualifier,
        "lower": lower, "upper": upper, "measure": plain["measure"], "period": plain["period"],
        "place": plain["place"], "attribution": plain["attribution"],
        "stance": plain["stance"], "tags": plain["tags"] or [],
        "note": STANCE_LEFT if "stance" in blank else None,
        "drafted": [*DRAFTED_FIELDS, *(["note"] if "stance" in blank else []),
                    *(["added"] if judgement["added"] else [])],
    }
    if judgement["added"]:
        record["added"] = judgement["added"]
    return ClaimDraft(record={key: record[key] for key in CLAIM_KEYS if key in record},
                      judgement=judgement)
