"""W3C Web Annotations on a pinned source, turned into claim skeletons.

The way back from ``claimset export --format w3c``, and the way in from any
annotation tool that speaks the Web Annotation model.  Each annotation on the
source is placed in the pinned text:

1. by its ``TextPositionSelector`` when the text there is its
   ``TextQuoteSelector``'s ``exact`` (or when it has no quote to check);
2. otherwise by its quote: :func:`claimset.contrib.reanchor.locate_quote`, the
   re-anchoring search, finds the occurrence of ``exact`` whose surroundings
   match ``prefix`` and ``suffix`` (the positions are only a hint of where);
3. otherwise it is reported, with why, and nothing is made of it.

An exclusion (a ``classifying`` annotation, or a claimset ``cs:Exclusion`` body)
becomes an exclusion naming exactly the placed span, its reason and note taken
from a claimset body.  Each figure the extractor finds in any other placed
selection becomes a claim skeleton
like ``claimset suggest`` makes (:func:`claimset.contrib.suggest.claim_skeleton`):
the selection is the quote when it is more than the figure, else the figure's
sentence.  Where a selection holds several numbers, years, dates, ordinals and
identifiers are left out.  A body that claimset itself wrote (``cs:Claim``)
fills in the claim's id, value, unit, qualifier, bounds, measure, attribution,
stance, period, place, tags and note (absent ones are null, as claimset writes
them); a plain comment (``TextualBody``) is shown in the measure placeholder.
Placeholders fail validation until edited, so nothing unedited slips in.

Pure: a parsed JSON document, the text and what names the source in; skeletons
and reports out.  Costs (``core/limits.py``): at most :data:`MAX_ANNOTATIONS`
annotations (CS806) and :data:`MAX_SELECTORS` selectors, targets and bodies each; a
quote's prefix and suffix compared over their :data:`QUOTE_CONTEXT` code points
nearest the quote; the searches by quote of one import within a :class:`QuoteBudget`
(what is over it is left unplaced, CS120); the text is extracted once.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeGuard

import attrs

from claimset.contrib.reanchor import MAX_CANDIDATES, locate_quote
from claimset.contrib.suggest import (
    PLACEHOLDERS,
    REASONS_WANTED,
    TODO,
    claim_skeleton,
    exclusion_skeleton,
)
from claimset.core import limits
from claimset.core.errors import InputError
from claimset.core.vocabulary import EXCLUSION_REASONS, QUALIFIERS, STANCES

MAX_ANNOTATIONS = limits.ANNOTATIONS
MAX_SELECTORS = limits.ANNOTATION_SELECTORS
#: Code points of a quote's prefix (its end) and suffix (its start) compared with the text.
QUOTE_CONTEXT = limits.QUOTE_CONTEXT
#: Quote occurrences scored against their context in one import.
QUOTE_SCORES = limits.QUOTE_SCORES
#: A comment is shown in the measure placeholder up to this many characters.
MAX_COMMENT = 500
#: Figures of these kinds are left out of a selection that holds several numbers.
NOT_QUANTITIES = frozenset({"year", "date", "ordinal", "identifier"})


@attrs.frozen(kw_only=True)
class Outcome:
    """What became of one annotation: ``how`` it was placed (or "unplaced"), and why."""

    label: str
    how: str
    span: tuple[int, int] | None = None
    why: str = ""
    skeletons: tuple[dict[str, Any], ...] = ()
    exclusions: tuple[dict[str, Any], ...] = ()


@attrs.frozen(kw_only=True)
class Imported:
    outcomes: tuple[Outcome, ...]
    #: Annotations whose targets are other sources (a whole dataset's collection).
    elsewhere: int = 0

    @property
    def skeletons(self) -> list[dict[str, Any]]:
        return [skeleton for outcome in self.outcomes for skeleton in outcome.skeletons]

    @property
    def exclusions(self) -> list[dict[str, Any]]:
        return [item for outcome in self.outcomes for item in outcome.exclusions]

    @property
    def unplaced(self) -> tuple[Outcome, ...]:
        return tuple(outcome for outcome in self.outcomes if outcome.how == "unplaced")


# -- the document's shape -----------------------------------------------------------------


def _type_names(node: Mapping[str, Any]) -> set[str]:
    """The node's types without prefix or namespace: "oa:TextQuoteSelector" -> the name."""
    raw = node.get("type", node.get("@type"))
    types = raw if isinstance(raw, list) else [raw]
    return {value.rpartition("#")[2].rpartition(":")[2] for value in types
            if isinstance(value, str)}


def annotations_in(document: Any, *, file: str) -> list[Mapping[str, Any]]:
    """The annotations of a collection (its first page embedded), a page, a list or one."""
    found: list[Mapping[str, Any]] = []

    def walk(node: Any, depth: int) -> None:
        if isinstance(node, list) and depth < 3:
            for item in node:
                walk(item, depth + 1)
        elif isinstance(node, Mapping):
            types = _type_names(node)
            if "Annotation" in types:
                if len(found) == MAX_ANNOTATIONS:  # this one would be one too many
                    raise InputError(f"{file}: more than {MAX_ANNOTATIONS:,} annotations: "
                                     "split the file", code="CS806")
                found.append(node)
            elif types & {"AnnotationCollection", "AnnotationPage"} and depth < 3:
                for key in ("first", "items"):
                    if key in node:
                        walk(node[key], depth + 1)

    walk(document, 0)
    return found


def _selectors(target: Mapping[str, Any]) -> Iterator[tuple[set[str], Mapping[str, Any]]]:
    raw = target.get("selector")
    for selector in (raw if isinstance(raw, list) else [raw])[:MAX_SELECTORS]:
        if isinstance(selector, Mapping):
            yield _type_names(selector), selector


def _source_of(target: Mapping[str, Any]) -> str | None:
    source = target.get("source")
    if isinstance(source, Mapping):
        source = source.get("id", source.get("@id"))
    return source if isinstance(source, str) else None


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


# -- placing one annotation ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SourceNames:
    """What may name the source in a target: its URL, its text's URN, its seed's file name."""

    iris: frozenset[str]
    file_name: str

    def names(self, iri: str) -> bool:
        return iri in self.iris or iri.rstrip("/").rpartition("/")[2] == self.file_name


@attrs.define
class QuoteBudget:
    """What the quote searches of one import may still cost: code points of the text
    searched (each search scans it, twice at worst) and occurrences scored against their
    prefix and suffix (each a difflib comparison); see ``core/limits.py``."""

    code_points: int = attrs.field(factory=lambda: limits.QUOTE_SEARCH_CODE_POINTS)
    scores: int = attrs.field(factory=lambda: limits.QUOTE_SCORES)

    def spend(self, text: str, exact: str, prefix: str, suffix: str) -> str | None:
        """Take one search's cost, or say why it is over what is left (CS120)."""
        sides = (prefix != "") + (suffix != "")
        hits = 0
        if sides and exact:
            position = text.find(exact)
            while position >= 0 and hits < MAX_CANDIDATES:
                hits += 1
                position = text.find(exact, position + 1)
        if 2 * len(text) > self.code_points or hits * sides > self.scores:
            return (f"CS120 this import's quote searches reached claimset's limit "
                    f"({limits.QUOTE_SEARCH_CODE_POINTS:,} code points searched, "
                    f"{limits.QUOTE_SCORES:,} occurrences scored): give it a "
                    "TextPositionSelector that matches the text, or split the file")
        self.code_points -= 2 * len(text)
        self.scores -= hits * sides
        return None


def place(text: str, target: Mapping[str, Any], *,
          budget: QuoteBudget | None = None) -> tuple[tuple[int, int], str] | str:
    """Where the target's selectors put it in ``text`` and how, or why they cannot
    (a search by quote takes its cost from ``budget``, if given)."""
    position: tuple[int, int] | None = None
    quote: tuple[str, str, str] | None = None
    for types, selector in _selectors(target):
        if "TextPositionSelector" in types and position is None:
            start, end = selector.get("start"), selector.get("end")
            if _is_int(start) and _is_int(end):
                position = (start, end)
        elif "TextQuoteSelector" in types and quote is None:
            exact = selector.get("exact")
            prefix, suffix = selector.get("prefix", ""), selector.get("suffix", "")
            if isinstance(exact, str) and isinstance(prefix, str) and isinstance(suffix, str):
                # The context nearest the quote decides; the rest would only make each
                # comparison cost more (a 4 KB prefix took 33 s over 200 occurrences).
                quote = (exact, prefix[len(prefix) - QUOTE_CONTEXT:] if len(prefix) >
                         QUOTE_CONTEXT else prefix, suffix[:QUOTE_CONTEXT])
    if position is None and quote is None:
        return "it has no TextPositionSelector or TextQuoteSelector (with valid fields)"
    in_range = position is not None and 0 <= position[0] < position[1] <= len(text)
    if position is not None and in_range and (quote is None or
                                              text[position[0]:position[1]] == quote[0]):
        return position, "position"
    if quote is None:
        assert position is not None  # one of the two was found
        return (f"its positions {position[0]}..{position[1]} are outside the text "
                f"(0..{len(text)}) and it has no quote to search for")
    over = budget.spend(text, *quote) if budget is not None else None
    if over is not None:
        return over
    found = locate_quote(text, quote[0], prefix=quote[1], suffix=quote[2],
                         expected=position[0] if position is not None and in_range else 0)
    if isinstance(found, str):
        disagree = " (and its positions point elsewhere)" if position is not None else ""
        return found + disagree
    return found, "quote" if position is None else (
        f"quote (its positions {position[0]}..{position[1]} disagreed)")


# -- skeletons ----------------------------------------------------------------------------


def _bodies(annotation: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    raw = annotation.get("body")
    return [body for body in (raw if isinstance(raw, list) else [raw])[:MAX_SELECTORS]
            if isinstance(body, Mapping)]


def _claim_body(annotation: Mapping[str, Any]) -> Mapping[str, Any] | None:
    for body in _bodies(annotation):
        if "Claim" in _type_names(body) and any(key.startswith("cs:") for key in body):
            return body
    return None


def _exclusion_body(annotation: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The claimset exclusion body, or {} for another classifying annotation; None if neither."""
    for body in _bodies(annotation):
        if "Exclusion" in _type_names(body) and any(key.startswith("cs:") for key in body):
            return body
    motivation = annotation.get("motivation")
    motivations = motivation if isinstance(motivation, list) else [motivation]
    if any(isinstance(item, str) and item.rpartition(":")[2].rpartition("#")[2] ==
           "classifying" for item in motivations):
        return {}
    return None


def exclusion_for(annotation: Mapping[str, Any], body: Mapping[str, Any], *, text: str,
                  span: tuple[int, int], candidates: Sequence[Any]) -> dict[str, Any]:
    """An exclusion naming exactly the placed span; reason and note from a claimset body."""
    start, end = span
    same = [candidate for candidate in candidates if (candidate.start, candidate.end) == span]
    item: dict[str, Any] = exclusion_skeleton(same[0]) if same else {
        "start": start, "end": end, "text": text[start:end], "reason": {TODO: REASONS_WANTED},
        "note": None}
    if body.get("cs:reason") in EXCLUSION_REASONS:
        item["reason"] = body["cs:reason"]
    if _text_or_none(body.get("cs:note")):
        item["note"] = body.get("cs:note")
    added = _pairs(body.get("cs:added"), "why")
    if added:
        item["added"] = added
    return item


def _pairs(value: Any, second: str) -> list[dict[str, str]] | None:
    """A list of ``{"words": ..., second: ...}`` objects as a body gives them (the meaning
    fields ``refers`` and ``added``), or None when it is anything else."""
    value = [value] if isinstance(value, dict) else value
    if not isinstance(value, list) or not value:
        return None
    pairs = [{"words": item["words"], second: item[second]} for item in value
             if isinstance(item, dict) and isinstance(item.get("words"), str)
             and isinstance(item.get(second), str)]
    return pairs if len(pairs) == len(value) else None


def _comment(annotation: Mapping[str, Any]) -> str | None:
    for body in _bodies(annotation):
        value = body.get("value")
        if "TextualBody" in _type_names(body) and isinstance(value, str) and value.strip():
            return value.strip()[:MAX_COMMENT]
    value = annotation.get("bodyValue")
    return value.strip()[:MAX_COMMENT] if isinstance(value, str) and value.strip() else None


def _text_or_none(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value != "")


def _fill_from_body(skeleton: dict[str, Any], body: Mapping[str, Any], source_id: str) -> None:
    """The fields a claimset body states, where they are what the schema admits."""
    claim_id = body.get("cs:claimId")
    if isinstance(claim_id, str) and claim_id.startswith(f"{source_id}/"):
        skeleton["id"] = claim_id
    measure = body.get("cs:measure")
    if isinstance(measure, str) and measure:
        skeleton["measure"] = measure
    if body.get("cs:stance") in STANCES:
        skeleton["stance"] = body["cs:stance"]
        skeleton["attribution"] = body.get("cs:attribution") if _text_or_none(
            body.get("cs:attribution")) else skeleton["attribution"]
    for key in ("unit", "period", "place", "note"):
        if _text_or_none(body.get(f"cs:{key}")):
            skeleton[key] = body.get(f"cs:{key}")
    if body.get("cs:qualifier") in QUALIFIERS:
        skeleton["qualifier"] = body["cs:qualifier"]
    for key in ("value", "lower", "upper"):
        number = body.get(f"cs:{key}")
        if number is None or (isinstance(number, int | float) and not isinstance(number, bool)
                              and math.isfinite(number)):
            skeleton[key] = number
    reason, version = body.get("cs:retracted"), body.get("cs:retractedIn")
    if isinstance(reason, str) and reason:
        # A retraction travels with the claim: a released id keeps its meaning.
        skeleton["retracted"] = {"reason": reason, **(
            {"version": version} if isinstance(version, str) and version else {})}
    quantity = body.get("cs:quantity")
    if isinstance(quantity, str) and quantity:
        skeleton["quantity"] = quantity
    for key in ("excerpt", "adopted"):  # the meaning fields (docs/dataset.md)
        value = body.get(f"cs:{key}")
        if isinstance(value, str) and value:
            skeleton[key] = value
    for key, second in (("refers", "to"), ("added", "why")):
        pairs = _pairs(body.get(f"cs:{key}"), second)
        if pairs:
            skeleton[key] = pairs
    relations = body.get("cs:relations")
    relations = [relations] if isinstance(relations, dict) else relations
    if isinstance(relations, list) and all(isinstance(r, dict) for r in relations):
        # Copied as given: the schema and the relation checks judge them after the paste.
        skeleton["relations"] = [{key: r[key] for key in ("kind", "of", "qualifier", "value",
                                                          "lower", "upper", "note") if key in r}
                                 for r in relations]
    tags = body.get("cs:tags", [])
    tags = [tags] if isinstance(tags, str) else tags
    if isinstance(tags, list) and all(isinstance(tag, str) for tag in tags):
        skeleton["tags"] = list(dict.fromkeys(tags))


def _figures(candidates: Sequence[Any], start: int, end: int,
             body: Mapping[str, Any] | None, shift: int) -> list[Any]:
    if body is not None:
        figure_start, figure_end = body.get("cs:figureStart"), body.get("cs:figureEnd")
        if _is_int(figure_start) and _is_int(figure_end):
            stated = [c for c in candidates
                      if (c.start, c.end) == (figure_start + shift, figure_end + shift)]
            if stated:
                return stated
    inside = [c for c in candidates if start <= c.start and c.end <= end]
    if len(inside) > 1:
        return [c for c in inside if c.kind not in NOT_QUANTITIES]
    if inside:
        return inside
    return [c for c in candidates if c.start <= start and end <= c.end][:1]


def skeletons_for(annotation: Mapping[str, Any], *, source_id: str, text: str,
                  span: tuple[int, int], candidates: Sequence[Any],
                  shift: int = 0) -> list[dict[str, Any]]:
    start, end = span
    body = _claim_body(annotation)
    comment = _comment(annotation) if body is None else None
    made = []
    for candidate in _figures(candidates, start, end, body, shift):
        quote = (start, end) if start <= candidate.start and candidate.end <= end and (
            (start, end) != (candidate.start, candidate.end)) else None
        skeleton = claim_skeleton(source_id, text, candidate, quote=quote)
        if body is not None:
            _fill_from_body(skeleton, body, source_id)
        elif comment is not None:
            skeleton["measure"] = {TODO: f"{PLACEHOLDERS['measure']} (the annotation says: "
                                         f"{comment})"}
        made.append(skeleton)
    return made


def import_annotations(document: Any, *, source_id: str, text: str, names: SourceNames,
                       candidates: Sequence[Any], file: str) -> Imported:
    """Every annotation of ``document`` on the source, placed and made into skeletons."""
    outcomes, elsewhere = [], 0
    budget = QuoteBudget()
    for number, annotation in enumerate(annotations_in(document, file=file), start=1):
        label = annotation.get("id") if isinstance(annotation.get("id"), str) else f"#{number}"
        label = str(label)[:200]
        targets = annotation.get("target")
        targets = targets if isinstance(targets, list) else [targets]
        mine = [target for target in targets[:MAX_SELECTORS] if isinstance(target, Mapping)
                and (source := _source_of(target)) is not None and names.names(source)]
        if not mine:
            if any((isinstance(target, Mapping) and _source_of(target) is not None)
                   or (isinstance(target, str) and not names.names(target))
                   for target in targets[:MAX_SELECTORS]):
                elsewhere += 1  # on another source: not this import's business
                continue
            outcomes.append(Outcome(
                label=label, how="unplaced",
                why="it names no source of its target, or only the whole source (no passage "
                    "selected)" if targets != [None] else "it has no target"))
            continue
        placed = place(text, mine[0], budget=budget)
        if isinstance(placed, str):
            outcomes.append(Outcome(label=label, how="unplaced", why=placed))
            continue
        span, how = placed
        shift = 0
        for types, selector in _selectors(mine[0]):
            if "TextPositionSelector" in types and _is_int(selector.get("start")):
                shift = span[0] - selector["start"]
                break
        excluded = _exclusion_body(annotation)
        if excluded is not None:
            outcomes.append(Outcome(label=label, how=how, span=span, exclusions=(
                exclusion_for(annotation, excluded, text=text, span=span,
                              candidates=candidates),)))
            continue
        made = skeletons_for(annotation, source_id=source_id, text=text, span=span,
                             candidates=candidates, shift=shift)
        if not made:
            outcomes.append(Outcome(label=label, how="unplaced", span=span,
                                    why=f"the extractor finds no figure in {span[0]}..{span[1]} "
                                        f"({text[span[0]:span[1]][:60]!r})"))
            continue
        outcomes.append(Outcome(label=label, how=how, span=span, skeletons=tuple(made)))
    return Imported(outcomes=tuple(outcomes), elsewhere=elsewhere)
