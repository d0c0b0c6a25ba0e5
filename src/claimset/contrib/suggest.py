"""Skeletons for the numbers a source's claims and exclusions do not cover yet.

For every uncovered candidate (the checker's own coverage rule,
:func:`claimset.check.coverage.uncovered`) a claim skeleton is filled in with what the
extractor read: offsets, figure, value, unit, qualifier, bounds, and the
enclosing sentence as the quote.  What only a person can say (the id's slug,
measure, attribution, stance) is a placeholder that **fails validation** until
it is edited, so nothing unedited slips into the dataset:

* the id is ``<source>/TODO-<figure>``, which the claim id pattern rejects
  (ids are lower case);
* measure, attribution and stance are ``{"TODO": "<what to write>"}`` objects,
  which the schema rejects (a string, or null, is required), each on its own,
  so editing one still leaves the others failing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from claimset.core.vocabulary import (
    EXCLUSION_REASONS,
    KINDS,
    LOWER_BOUND_QUALIFIERS,
    QUALIFIERS,
    STANCES,
    UPPER_BOUND_QUALIFIERS,
    ExclusionReason,
    Qualifier,
)
from claimset.grammar.sentences import sentence_span
from claimset.store.canonical import CLAIM_KEYS, EXCLUSION_KEYS

__all__ = ["claim_skeleton", "exclusion_skeleton", "figure_fields", "is_placeholder",
           "sentence_span", "skeletons"]

TODO = "TODO"

PLACEHOLDERS = {
    "measure": "what the number measures, so the claim stands alone: what is counted, by "
               "whom, where and when",
    "attribution": "who the source says produced the figure (e.g. 'Iraq Body Count'), or null "
                   "when it is the author's own",
    "stance": "one of " + ", ".join(STANCES),
}

#: Reasons an exclusion skeleton can take from the extractor's kind.
REASON_OF_KIND: dict[str, ExclusionReason] = {
    kind: reason for kind in KINDS for reason in EXCLUSION_REASONS if kind == reason}
#: What an exclusion's reason placeholder asks for: one of the schema's reasons.
REASONS_WANTED = ", ".join(EXCLUSION_REASONS[:-1]) + " or " + EXCLUSION_REASONS[-1]


def is_placeholder(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {TODO}


def _slug(figure: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", figure.casefold()).strip("-")[:40].strip("-") or "figure"


def figure_fields(candidate: Any) -> tuple[Any, Any, Any, Qualifier]:
    """``(value, lower, upper, qualifier)`` of a claim on ``candidate``, as the grammar reads
    its figure: a one-sided qualifier's bound is the value; a range has no value."""
    qualifier: Qualifier = (candidate.qualifier if candidate.qualifier in QUALIFIERS
                            else "exact")
    lower, upper = candidate.lower, candidate.upper
    if qualifier in UPPER_BOUND_QUALIFIERS and upper is None:
        upper = candidate.value
    if qualifier in LOWER_BOUND_QUALIFIERS and lower is None:
        lower = candidate.value
    return (None if qualifier == "range" else candidate.value), lower, upper, qualifier


def claim_skeleton(source_id: str, text: str, candidate: Any, *,
                   quote: tuple[int, int] | None = None) -> dict[str, Any]:
    """A claim for ``candidate`` with everything the extractor knows, placeholders for the rest.

    The quote is the enclosing sentence, or ``quote`` (a span containing the figure)."""
    first = min(candidate.start, *(candidate.qualifier_span or (candidate.start,)))
    quote_start, quote_end = quote if quote is not None else sentence_span(
        text, first, candidate.end)
    value, lower, upper, qualifier = figure_fields(candidate)
    claim = {
        "id": f"{source_id}/{TODO}-{_slug(candidate.text)}",
        "quote": {"start": quote_start, "end": quote_end, "text": text[quote_start:quote_end]},
        "figure": {"start": candidate.start, "end": candidate.end, "text": candidate.text},
        "value": value,
        "unit": candidate.unit,
        "qualifier": qualifier,
        "lower": lower,
        "upper": upper,
        "measure": {TODO: PLACEHOLDERS["measure"]},
        "period": None,
        "place": None,
        "attribution": {TODO: PLACEHOLDERS["attribution"]},
        "stance": {TODO: PLACEHOLDERS["stance"]},
        "tags": [],
        "note": None,
    }
    return {key: claim[key] for key in CLAIM_KEYS if key in claim}


def exclusion_skeleton(candidate: Any) -> dict[str, Any]:
    """An exclusion for ``candidate``; the reason is a placeholder unless its kind says it."""
    reason: Any = REASON_OF_KIND.get(candidate.kind) or {TODO: REASONS_WANTED}
    item = {"start": candidate.start, "end": candidate.end, "text": candidate.text,
            "reason": reason, "note": None}
    return {key: item[key] for key in EXCLUSION_KEYS if key in item}


def skeletons(source_id: str, text: str, candidates: list[Any], *,
              exclusions: bool = False) -> Iterator[dict[str, Any]]:
    for candidate in candidates:
        yield exclusion_skeleton(candidate) if exclusions else claim_skeleton(
            source_id, text, candidate)
