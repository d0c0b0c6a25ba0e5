"""Coverage: every number the extractor finds in a source is a claim's figure or an
exclusion (CS401), and every exclusion names such a number with a fitting reason.

The rule is shared, through :func:`uncovered`, with ``claimset coverage`` and
``claimset suggest``, so the three never disagree.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

from claimset.check.claims import span_problems
from claimset.check.context import CheckedSource, claims_of, exclusions_of
from claimset.core.problems import Problem
from claimset.core.vocabulary import REASON_KINDS, STATED_UNIT_KINDS
from claimset.store.positions import LineIndex

__all__ = ["coverage_problems", "exclusion_meaning_problems", "uncovered"]


#: Reasons that say "this is no figure anyone would cite"; they do not fit a number the
#: grammar reads as a counted quantity (150,000 troops, $20 billion, 61%) unless the
#: exclusion's note says why.
UNCITED_REASONS = frozenset({"not a quantity", "rhetorical"})
_COUNTED_KINDS = STATED_UNIT_KINDS - {"duration"}  # money, percent, a physical measurement


def _counted(candidate: Any) -> bool:
    """Read as an amount, a percent, or a count of something named (a counted unit)."""
    return candidate.kind in _COUNTED_KINDS or (candidate.kind == "count"
                                                and candidate.unit is not None)


def exclusion_meaning_problems(checked: CheckedSource,
                               candidates: list[Any]) -> Iterator[Problem]:
    """Exclusions that would hide a citable figure: 'not a quantity' or 'rhetorical' on a
    counted quantity without a note (CS406), and an exclusion on a claim's figure (CS407)."""
    entry = checked.entry
    text = checked.text or ""
    by_span = {(candidate.start, candidate.end): candidate for candidate in candidates}
    figures = sorted((claim["figure"]["start"], claim["figure"]["end"], claim["id"])
                     for position, claim in claims_of(checked)
                     if not checked.failed or checked.valid_at(f"/claims/{position}"))
    starts = [figure[0] for figure in figures]
    for position, item in exclusions_of(checked):
        here = f"/exclusions/{position}"
        start, end = item["start"], item["end"]
        if text[start:end] != item["text"]:
            continue  # CS402 says so; nothing else is known about it
        candidate = by_span.get((start, end))
        if (candidate is not None and item["reason"] in UNCITED_REASONS and _counted(candidate)
                and not item.get("note")):
            what = f"{candidate.kind}" + (f" of {candidate.unit}" if candidate.unit else "")
            yield entry.problem(
                "CS406", f"reason {item['reason']!r} on {item['text']!r}, which reads as a "
                         f"{what}: cite it as a claim, or say in the exclusion's note why it "
                         "is not a figure anyone would cite", here + "/reason")
        # Figures that start before this exclusion ends and end after it starts overlap it.
        for figure_start, figure_end, claim_id in figures[:bisect.bisect_left(starts, end)]:
            if figure_end > start:
                yield entry.problem(
                    "CS407", f"exclusion {item['text']!r} at {start}..{end} overlaps the figure "
                             f"of claim {claim_id} ({figure_start}..{figure_end}): a number is "
                             "a claim or an exclusion, not both; remove the exclusion", here)
                break


def coverage_problems(checked: CheckedSource, candidates: list[Any]) -> Iterator[Problem]:
    """Exclusions at their offsets naming a number with a fitting reason; every number
    covered; every claim's figure a number the extractor finds (a note otherwise)."""
    text = checked.text or ""
    entry = checked.entry
    by_span = {(candidate.start, candidate.end): candidate for candidate in candidates}
    for position, item in exclusions_of(checked):
        here = f"/exclusions/{position}"
        span = {"start": item["start"], "end": item["end"], "text": item["text"]}
        wrong = span_problems(checked, span, here, code="CS402", label="exclusion")
        yield from wrong
        if wrong:
            continue
        candidate = by_span.get((item["start"], item["end"]))
        if candidate is None:
            yield entry.problem("CS405", f"exclusion {item['text']!r} at {item['start']}.."
                                         f"{item['end']} is not a number the extractor finds: "
                                         "remove it", here)
        elif item["reason"] in REASON_KINDS and candidate.kind not in REASON_KINDS[item["reason"]]:
            yield entry.problem("CS404", f"reason {item['reason']!r} does not fit "
                                         f"{item['text']!r}, which reads as a {candidate.kind}: "
                                         "choose the reason that fits", here + "/reason")
    covered = _covered_by_figures(checked, candidates)
    gaps = _uncovered(checked, candidates, covered)
    if gaps:
        lines = LineIndex(text)  # only now: it is a scan of the whole text
        for candidate in gaps:
            yield _uncovered_problem(checked, candidate, lines)
    covering = set(covered.values())
    for position, claim in claims_of(checked):
        if position not in covering and (not checked.failed
                                         or checked.valid_at(f"/claims/{position}")):
            figure = claim["figure"]
            yield entry.problem("CS403", f"the extractor finds no number in figure "
                                         f"{figure['text']!r} at {figure['start']}..{figure['end']}"
                                         ": fine if the claim is right",
                                f"/claims/{position}/figure")


def _uncovered_problem(checked: CheckedSource, candidate: Any, lines: LineIndex) -> Problem:
    """CS401, located at the number itself: in the seed file (so an editor or a pull
    request annotation opens the sentence to read), or in a bundle's JSON."""
    entry = checked.entry
    message = (f"{candidate.text!r} at {candidate.start}..{candidate.end} (read as "
               f"{candidate.kind}) is neither a claim nor an exclusion in {entry.file.file}: "
               f"add one (`claimset suggest {checked.source_id}`)")
    if entry.text is not None:  # a bundle: the text lives in the JSON
        return entry.problem("CS401", message, "/exclusions")
    line, column = lines.line_column(candidate.start)
    return Problem(code="CS401", message=message, file=entry.data["source"]["path"],
                   line=line, column=column, pointer=None)


def uncovered(checked: CheckedSource, candidates: list[Any]) -> list[Any]:
    """The coverage rule (CS401): candidates that no figure of a valid claim overlaps and
    no exclusion that matches the text names exactly.  Shared with `claimset coverage`
    and `claimset suggest`, so the three never disagree."""
    return _uncovered(checked, candidates, _covered_by_figures(checked, candidates))


def _uncovered(checked: CheckedSource, candidates: list[Any],
               covered: dict[int, int]) -> list[Any]:
    excluded = {(item["start"], item["end"]) for position, item in exclusions_of(checked)
                if not span_problems(checked, item, f"/exclusions/{position}", code="CS402",
                                      label="exclusion")}
    return [candidate for number, candidate in enumerate(candidates)
            if number not in covered and (candidate.start, candidate.end) not in excluded]


def _covered_by_figures(checked: CheckedSource, candidates: list[Any]) -> dict[int, int]:
    """Candidate number -> a claim position whose figure overlaps it.

    Candidates are sorted and disjoint, so their starts and their ends are both
    ascending, and the candidates overlapping [start, end) form one run found
    by bisection; a figure that is exactly one candidate's span (the usual case)
    overlaps that one alone, found by its span.
    """
    at_span = {(candidate.start, candidate.end): number
               for number, candidate in enumerate(candidates)}
    starts: list[int] | None = None
    ends: list[int] = []
    covered: dict[int, int] = {}
    for position, claim in claims_of(checked):
        if checked.failed and not checked.valid_at(f"/claims/{position}"):
            continue
        figure = claim["figure"]
        exact = at_span.get((figure["start"], figure["end"]))
        if exact is not None:
            covered.setdefault(exact, position)
            continue
        if starts is None:
            starts = [candidate.start for candidate in candidates]
            ends = [candidate.end for candidate in candidates]
        first = bisect.bisect_right(ends, figure["start"])
        last = bisect.bisect_left(starts, figure["end"])
        for number in range(first, last):
            covered.setdefault(number, position)
    return covered

