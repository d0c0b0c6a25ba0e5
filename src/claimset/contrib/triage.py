"""Triage: every uncovered number of a source made a claim, or an exclusion with its reason.

:func:`decide` reads each number the grammar found in its context and says what it is,
by rules that are sure before they exclude (a count is a claim unless one is):

* a **year** or a **date** the grammar read as such (``year``, ``date``); an event named
  by its date ("September 11"), a number word or ordinal numeral beside a capitalised
  word of a name ("Year One", "82nd Airborne", "Fifth Avenue") is a ``name or title``;
  digits or words that label ("resolution 1483", "Argument number one") an
  ``identifier``; any other ordinal an ``ordinal``;
* a number inside quotation marks that states no figure (a bare number, a name, a time
  span: "replace him with 50", "still looked good after fifty years") is ``quoted
  speech``; a count of something inside a quotation stays a claim (stance ``quoted``);
* a number in a figure of speech ("think for a minute", "three strikes and you're out",
  "wrong on several counts") is ``rhetorical`` (:data:`claimset.core.curation.RHETORICAL_IDIOMS`);
* "one" read as a pronoun or an article ("One is subtitled", "One evening") is ``not a
  quantity`` (:func:`claimset.grammar.reasons.pronoun_or_article`, the checker's own rule);
* a duration that only dates another figure or event is a ``date``: the window of
  another figure in its sentence ("over the last five months", "in the first two years
  of the occupation", "in the three weeks of April"), a span before "later", "ago" or
  "after" ("twelve years later"), or the span a toll or total of another figure covers
  ("the two-year toll of roughly 2,600").

:func:`triage` turns the decisions into records: claims with their judgement fields
drafted (:mod:`claimset.contrib.drafts`) and exclusions with their reason, each listing
in ``drafted`` what a person must confirm.  :func:`write_triage` puts them into the
source's dataset file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from claimset.check.coverage import uncovered
from claimset.check.documents import check_source_document
from claimset.contrib.confirm import update_source_document
from claimset.contrib.drafts import ClaimDraft, Context, draft_claim
from claimset.contrib.periods import Figures, figures_between, reference_of
from claimset.contrib.wording import first_start
from claimset.core.curation import (
    DATING_AFTER,
    DATING_NOUNS,
    DATING_PREPOSITIONS,
    DATING_WINDOW_WORDS,
    RHETORICAL_IDIOMS,
)
from claimset.core.errors import InputError, UsageError
from claimset.core.meaning import MONTH_NAMES
from claimset.core.vocabulary import ExclusionReason
from claimset.grammar.extract import extract
from claimset.grammar.reasons import in_name, in_quotation, pronoun_or_article
from claimset.grammar.sentences import sentence_at
from claimset.store.layout import RawDataset, read_dataset, require_dataset

__all__ = ["Decision", "Triage", "dataset_tags", "decide", "decisions", "exclusion_record",
           "merged", "triage", "triage_source", "write_triage"]

#: Kinds of figure that state a quantity (the others are dates, years, ordinals, labels).
QUANTITY_KINDS = frozenset({"count", "money", "percent", "ratio", "duration", "rate"})


@attrs.frozen
class Decision:
    """What a number is: a claim (``reason`` None) or an exclusion with its reason; ``rule``
    says which rule decided, in words."""

    start: int
    end: int
    text: str
    reason: ExclusionReason | None
    rule: str
    #: Why the number is no figure anyone would cite, in words a reviewer checks: the
    #: exclusion's drafted note, for the reasons the checker asks one of on a counted
    #: figure (CS406: "rhetorical", "not a quantity").
    note: str | None = None

    @property
    def is_claim(self) -> bool:
        return self.reason is None


def _words_pattern(words: str) -> str:
    return r"[ \t]+".join(re.escape(word) for word in words.split())


def _idiom_patterns() -> list[tuple[re.Pattern[str] | None, re.Pattern[str] | None,
                                    frozenset[str]]]:
    """Each idiom as (words before the figure, words after it, the figures it holds)."""
    patterns = []
    for idiom, numbers in RHETORICAL_IDIOMS.items():
        closes = idiom.endswith("$")
        before, _, after = idiom.rstrip("$").partition("{n}")
        left = re.compile(r"(?<![\w'’])" + _words_pattern(before) + r"[ \t]+$",
                          re.IGNORECASE) if before.strip() else None
        tail = r"[ \t]*(?:[.,;:!?)\]—–]|$)" if closes else r"(?![\w'’])"
        right = re.compile(r"[ \t]+" + _words_pattern(after) + tail if after.strip()
                           else tail, re.IGNORECASE) if after.strip() or closes else None
        patterns.append((left, right, numbers))
    return patterns


_IDIOMS = _idiom_patterns()
_WINDOW = re.compile(
    r"(?<![\w'’])(?P<preposition>" + "|".join(sorted(DATING_PREPOSITIONS)) + r")[ \t]+"
    r"the[ \t]+(?:(?P<which>" + "|".join(sorted(DATING_WINDOW_WORDS)) + r")[ \t]+)?$",
    re.IGNORECASE)
_OF_MONTH = re.compile(r"^[ \t]+(?:of|in)[ \t]+(?:" + "|".join(MONTH_NAMES) + r")\b")
_AFTER_WORD = re.compile(r"^[ \t]+(?P<word>[a-z]+)\b")
_CLAUSE_ENDS = re.compile(r"[ \t]*(?:[.,;:!?)\]—–\n]|$)")
_DATING_NOUN = re.compile(r"^[ \t]+(?P<noun>[a-z]+)[ \t]+of\b")
_NAMED_DATE = re.compile(r"-?-?[0-9]{2}-[0-9]{2}|[0-9]{4}(?:-[0-9]{2}){0,2}")


def _idiom_at(text: str, start: int, end: int) -> str | None:
    """The words of the figure of speech the number at ``start..end`` stands in ("on
    several counts"), or None."""
    figure = " ".join(text[start:end].split()).casefold()
    for left, right, numbers in _IDIOMS:
        if figure not in numbers:
            continue
        opening = left.search(text, max(0, start - 40), start) if left is not None else None
        if left is not None and opening is None:
            continue
        closing = right.match(text, end, min(len(text), end + 40)) if right is not None \
            else None
        if right is not None and closing is None:
            continue
        low = opening.start() if opening is not None else start
        high = closing.end() if closing is not None else end
        return " ".join(text[low:high].split()).rstrip(".,;:!?)]—– ")
    return None


def _states_no_figure(candidate: Any) -> bool:
    """A quoted number that counts nothing a reader could check: a bare number, one
    counting a name ("one Saddam"), a span of time or an ordinal."""
    if candidate.kind in ("duration", "ordinal", "identifier", "year", "date"):
        return True
    unit = candidate.unit
    return candidate.kind == "count" and (not isinstance(unit, str) or unit[:1].isupper())


def _dates_another(text: str, candidate: Any, others: Sequence[Any] | Figures) -> str | None:
    """Why a duration only dates another figure or event, or None when it does not."""
    if candidate.kind != "duration":
        return None
    sentence = sentence_at(text, candidate.start)
    figures = [other for other in figures_between(others, sentence[0], sentence[1])
               if other.kind in QUANTITY_KINDS and other is not candidate]
    before = text[max(sentence[0], first_start(candidate) - 40):first_start(candidate)]
    after = text[candidate.end:min(sentence[1], candidate.end + 60)]
    window = _WINDOW.search(before)
    if window is not None and (window["which"] or _OF_MONTH.match(after)) and figures:
        return "a window another figure of its sentence applies to"
    word = _AFTER_WORD.match(after)
    if word is not None and word["word"] in DATING_AFTER and not _figure_right_after(
            candidate, figures) and (word["word"] != "on" or _CLAUSE_ENDS.match(
                after, word.end())):
        return "a span before an event ('later', 'ago', 'after', 'a year on')"
    noun = _DATING_NOUN.match(after)
    if "-" in candidate.text and noun is not None and noun["noun"] in DATING_NOUNS and any(
            other.start > candidate.end for other in figures):
        return "the span a toll or total of another figure covers"
    return None


def _figure_right_after(candidate: Any, figures: Iterable[Any]) -> bool:
    """Whether a figure follows right after ``candidate`` ("three weeks after 5 attacks"
    is not a date)."""
    return any(0 <= other.start - candidate.end <= 8 for other in figures)


def decide(text: str, candidate: Any, candidates: Sequence[Any] | Figures = ()) -> Decision:
    """What the number ``candidate`` is in ``text``; ``candidates`` are the grammar's other
    figures of the text (a duration dates another only when there is one)."""

    def made(reason: ExclusionReason | None, rule: str, *, note: str | None = None) -> Decision:
        return Decision(candidate.start, candidate.end, candidate.text, reason, rule, note)

    start, end, kind = candidate.start, candidate.end, candidate.kind
    if kind == "year":
        return made("year", "a year or a decade")
    if kind == "date":
        return made("date", "a calendar date or month")
    if kind == "identifier":
        if isinstance(candidate.unit, str) and _NAMED_DATE.fullmatch(candidate.unit):
            return made("name or title", "an event named by its date")
        # A word or ordinal numeral of a name ("Year One", "82nd Airborne"); digits that
        # number something ("resolution 1483", "Resolution 2334") label it.
        if not text[start:end].isdigit() and in_name(text, start, end):
            return made("name or title", "a number inside a name")
        return made("identifier", "a number that labels")
    if kind == "ordinal":
        if in_name(text, start, end) and (text[start].isupper() or text[start].isdigit()):
            return made("name or title", "an ordinal inside a name")
        return made("ordinal", "an ordinal")
    if in_quotation(text, start, end) and _states_no_figure(candidate):
        return made("quoted speech", "inside a quotation, stating no figure")
    idiom = _idiom_at(text, start, end)
    if idiom is not None:
        return made("rhetorical", "a figure of speech",
                    note=f"'{idiom}' is a figure of speech: nothing is counted.")
    reading = pronoun_or_article(text, start, end)
    if reading is not None:
        role = "a pronoun" if reading == "pronoun" else "an article"
        return made("not a quantity", f"'one' as {role}",
                    note=f"'{candidate.text}' is {role} here: nothing is counted.")
    why = _dates_another(text, candidate, candidates)
    if why is not None:
        return made("date", f"a duration that dates: {why}")
    return made(None, "a quantity")


def decisions(text: str, candidates: Sequence[Any]) -> list[Decision]:
    """:func:`decide` for each of ``candidates`` (every figure of ``text`` the grammar
    found, covered or not: durations look at the others)."""
    figures = Figures.of(candidates)
    return [decide(text, candidate, figures) for candidate in figures]


# -- records ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Triage:
    """A source's uncovered numbers as records: claims with drafted judgement fields and
    exclusions with their reason, in text order (``claims`` and ``exclusions`` are the
    dataset's shapes, each with its ``drafted``); ``drafts`` keeps each claim's draft."""

    claims: tuple[dict[str, Any], ...]
    exclusions: tuple[dict[str, Any], ...]
    decisions: tuple[Decision, ...]
    drafts: tuple[ClaimDraft, ...]

    def document(self) -> dict[str, list[dict[str, Any]]]:
        """``{"claims": [...], "exclusions": [...]}``: what ``suggest --triage`` prints."""
        return {"claims": list(self.claims), "exclusions": list(self.exclusions)}


def exclusion_record(decision: Decision) -> dict[str, Any]:
    """An exclusion for a decided number, its reason a draft."""
    assert decision.reason is not None
    return {"start": decision.start, "end": decision.end, "text": decision.text,
            "reason": decision.reason, "note": decision.note,
            "drafted": ["reason", *(["note"] if decision.note is not None else [])]}


def triage(context: Context, uncovered: Sequence[Any]) -> Triage:
    """Decide each of ``uncovered`` (figures of ``context.text``) and draft its record;
    claim ids are unique among ``context.taken`` and each other."""
    taken = set(context.taken)
    claims: list[dict[str, Any]] = []
    exclusions: list[dict[str, Any]] = []
    made: list[Decision] = []
    drafts: list[ClaimDraft] = []
    for candidate in sorted(uncovered, key=lambda item: item.start):
        decision = decide(context.text, candidate, context.candidates)
        made.append(decision)
        if decision.is_claim:
            draft = draft_claim(attrs.evolve(context, taken=taken), candidate)
            taken.add(draft.record["id"])
            drafts.append(draft)
            claims.append(draft.record)
        else:
            exclusions.append(exclusion_record(decision))
    return Triage(claims=tuple(claims), exclusions=tuple(exclusions), decisions=tuple(made),
                  drafts=tuple(drafts))


# -- a source of a dataset ---------------------------------------------------------------


def dataset_tags(raw: RawDataset) -> list[str]:
    """Every tag the dataset's claims use, most used first (ties in first-seen order)."""
    counts: dict[str, int] = {}
    for entry in raw.entries:
        claims = entry.data.get("claims") if isinstance(entry.data, dict) else None
        for claim in claims if isinstance(claims, list) else ():
            tags = claim.get("tags") if isinstance(claim, dict) else None
            for tag in tags if isinstance(tags, list) else ():
                if isinstance(tag, str):
                    counts[tag] = counts.get(tag, 0) + 1
    return sorted(counts, key=lambda tag: -counts[tag])


def triage_source(path: str | os.PathLike[str], source_id: str, *,
                  tags: Sequence[str] | None = None) -> Triage:
    """The triage of ``source_id``'s uncovered numbers in the dataset at ``path``.

    Relative dates resolve against the source's ``published``; tags are chosen among
    ``tags`` (default: every tag the dataset uses); ids are unique in the source.
    """
    raw = require_dataset(read_dataset(Path(path)), label=os.fspath(path))
    entry = next((item for item in raw.entries if isinstance(item.data, dict)
                  and isinstance(item.data.get("source"), dict)
                  and item.data["source"].get("id") == source_id), None)
    if entry is None:
        known = sorted(str(item.data["source"].get("id")) for item in raw.entries
                       if isinstance(item.data, dict) and isinstance(item.data.get("source"),
                                                                      dict))
        raise UsageError(f"no source {source_id!r} in {os.fspath(path)} (sources: "
                         f"{', '.join(known) or 'none'})")
    _, checked = check_source_document(entry, raw)
    if checked is None or checked.text is None:
        raise InputError(f"dataset/{source_id}.json or its text cannot be read: run "
                         "`claimset validate` and fix what it reports first", code="CS874")
    candidates = extract(checked.text)
    document = entry.data
    taken = frozenset(claim["id"] for claim in document.get("claims") or ()
                      if isinstance(claim, dict) and isinstance(claim.get("id"), str))
    context = Context(source_id=source_id, text=checked.text, candidates=candidates,
                      reference=reference_of(document["source"].get("published")),
                      tags=dataset_tags(raw) if tags is None else tags, taken=taken)
    return triage(context, uncovered(checked, candidates))


def merged(existing: Sequence[Any], added: Sequence[dict[str, Any]], *,
           start: Callable[[Any], int]) -> list[Any]:
    """``existing`` in its own order with each of ``added`` (in text order) placed before
    the first existing record that starts after it."""
    result: list[Any] = []
    pending = sorted(added, key=start)
    for item in existing:
        at = start(item) if isinstance(item, dict) else None
        while pending and at is not None and start(pending[0]) < at:
            result.append(pending.pop(0))
        result.append(item)
    return [*result, *pending]


def _claim_start(claim: Any) -> int:
    figure = claim.get("figure") if isinstance(claim, dict) else None
    start = figure.get("start") if isinstance(figure, dict) else None
    return start if isinstance(start, int) else -1


def _exclusion_start(item: Any) -> int:
    start = item.get("start") if isinstance(item, dict) else None
    return start if isinstance(start, int) else -1


def write_triage(root: str | os.PathLike[str], source_id: str) -> tuple[Triage, Path]:
    """Triage ``source_id`` in the checkout at ``root`` and put the records into its
    dataset file: under the checkout lock (the triage reads the file the lock protects),
    atomically, in canonical form, each new record at its place in text order."""
    done: list[Triage] = []

    def change(document: dict[str, Any]) -> dict[str, Any]:
        result = triage_source(root, source_id)
        done.append(result)
        claims = document.get("claims")
        exclusions = document.get("exclusions")
        claims = claims if isinstance(claims, list) else []
        exclusions = exclusions if isinstance(exclusions, list) else []
        return {**document,
                "claims": merged(claims, result.claims, start=_claim_start),
                "exclusions": merged(exclusions, result.exclusions, start=_exclusion_start)}

    path = update_source_document(root, source_id, change)
    return done[0], path
