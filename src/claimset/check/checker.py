"""The citation checker: every problem in a dataset, with code and location.

Checks run in layers.  Files must parse and match the schema; sources must
have their pinned text (path, sha256, length); claims must quote that text
exactly at their offsets, with a value their figure's words say; and every
number the extractor finds must be a claim or an exclusion (coverage).  A
value that fails a layer is not judged by the layers after it, so one
mistake yields one problem, not a cascade.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from claimset.check import schema
from claimset.core.problems import Problem, Report
from claimset.core.vocabulary import QUALIFIER_BOUNDS, REASON_KINDS, STATED_UNIT_KINDS, STATED_UNITS
from claimset.store._collector import collector_paused
from claimset.store.canonical import SHAPES, canonical_text, in_order
from claimset.store.jsonio import LineIndex
from claimset.store.layout import RawDataset, SourceEntry, read_dataset, read_seed, unsafe_seed_path


@attrs.frozen(kw_only=True)
class CheckOptions:
    """What to check beyond structure and citations."""

    values: bool = True
    coverage: bool = True
    canonical: bool = True


@attrs.frozen(kw_only=True)
class CheckedSource:
    """A source whose document passed the schema, with its text if it could be read."""

    entry: SourceEntry
    source_id: str
    text: str | None
    failed: frozenset[str] = frozenset()

    def valid_at(self, relative: str) -> bool:
        return not self.failed or _valid_at(self.failed, self.entry.pointer + relative)


def check_path(path: str | os.PathLike[str], *, options: CheckOptions = CheckOptions()) -> Report:
    """Check the dataset at ``path`` (checkout, dataset directory or bundle)."""
    with collector_paused():
        return check_raw(read_dataset(Path(path)), options=options)


def check_raw(raw: RawDataset, *, options: CheckOptions = CheckOptions()) -> Report:
    return check_with_texts(raw, options=options)[0]


def check_with_texts(raw: RawDataset, *, options: CheckOptions = CheckOptions(),
                     then: Callable[[CheckedSource], object] | None = None,
                     ) -> tuple[Report, dict[str, str]]:
    """The report, and the text of every source that could be read (by source id).

    ``then`` is called with each source whose document matches the schema and whose
    text was read, right after its claims are checked: while its data is still fresh
    in memory (the loader builds its value objects there, 15% faster than after
    every source is checked).
    """
    problems: list[Problem] = list(raw.problems)
    problems.extend(_check_index(raw, options))
    sources = []
    for entry in raw.entries:
        found, checked = _check_source_document(entry, raw, options)
        problems.extend(found)
        if checked is not None:
            sources.append(checked)
    problems.extend(_check_membership(raw, sources))
    problems.extend(_check_claim_ids(sources))
    if options.values or options.coverage:
        # Imported here: load() checks neither, and the grammar's patterns take a while
        # to compile.
        from claimset.grammar.extract import extract
    for checked in sources:
        # One extraction per source serves the value, qualifier and coverage checks.
        candidates = (extract(checked.text) if checked.text is not None
                      and (options.values or options.coverage) else None)
        problems.extend(_check_claims(checked, options, candidates or []))
        if options.coverage and candidates is not None:
            problems.extend(_check_coverage(checked, candidates))
        if then is not None and checked.text is not None and not checked.failed:
            then(checked)
    texts = {checked.source_id: checked.text for checked in sources if checked.text is not None}
    return Report.of(problems), texts


# -- files ---------------------------------------------------------------------------


def _schema_problems(entry_file: Any, data: Any, *, document: str,
                     prefix: str = "") -> tuple[list[Problem], set[str]]:
    """Schema problems, and the pointers of the values that failed."""
    errors = schema.validate(data, document=document)
    problems = [entry_file.problem("CS104", f"{error.message}", prefix + error.pointer)
                for error in errors]
    return problems, {prefix + error.pointer for error in errors}


_REFORMAT = {"bundle": "rebuild it with `claimset build`", "index": "run `claimset fmt`",
             "source": "run `claimset fmt`"}


def _canonical_problem(file: Any, *, kind: str) -> Problem | None:
    if file.in_canonical_layout() and in_order(file.data, SHAPES[kind]):
        return None  # proven without writing the text again
    expected = canonical_text(file.data, kind=kind)
    if file.text == expected:
        return None
    actual_lines, expected_lines = file.text.splitlines(), expected.splitlines()
    line = next((number for number, (a, b) in enumerate(zip(actual_lines, expected_lines,
                                                            strict=False), start=1) if a != b),
                min(len(actual_lines), len(expected_lines)) + 1)
    return Problem(code="CS105", file=file.file, line=line, column=1, pointer="",
                   message="not in canonical form (key order, 2-space indent, UTF-8, final "
                           f"newline): {_REFORMAT[kind]}")


def _check_index(raw: RawDataset, options: CheckOptions) -> Iterator[Problem]:
    if raw.index is None:
        return
    document = "bundle" if raw.kind == "bundle" else "index"
    if raw.kind == "bundle":
        # Bundle sources are checked one by one below, with the same definitions.
        data = dict(raw.index.data) if isinstance(raw.index.data, dict) else raw.index.data
        if isinstance(data, dict) and isinstance(data.get("sources"), list):
            data["sources"] = []
    else:
        data = raw.index.data
    found, _ = _schema_problems(raw.index, data, document=document)
    yield from found
    if options.canonical and not found:
        problem = _canonical_problem(raw.index, kind=document)
        if problem is not None:
            yield problem


def _check_source_document(entry: SourceEntry, raw: RawDataset,
                           options: CheckOptions) -> tuple[list[Problem], CheckedSource | None]:
    document = "bundleSource" if raw.kind == "bundle" else "sourceFile"
    problems, failed = _schema_problems(entry.file, entry.data, document=document,
                                        prefix=entry.pointer)
    problems = [_path_problem(entry, problem, raw) for problem in problems]
    if options.canonical and raw.kind != "bundle" and not problems:
        problem = _canonical_problem(entry.file, kind="source")
        if problem is not None:
            problems.append(problem)
    source = entry.data.get("source") if isinstance(entry.data, dict) else None
    if not _valid_at(failed, entry.pointer + "/source") or not isinstance(source, dict):
        return problems, None
    source_id = source["id"]
    if entry.name_id is not None and entry.name_id != source_id:
        problems.append(entry.problem(
            "CS308", f"file is named {entry.name_id}.json but holds source {source_id!r}: rename "
                     f"it dataset/{source_id}.json", "/source/id"))
    seed = read_seed(entry, raw.root, source["path"])
    problems.extend(seed.problems)
    if seed.text is not None:
        where = source["path"] if raw.kind != "bundle" else "the bundle's text"
        if seed.sha256 != source["sha256"]:
            # A checkout with core.autocrlf rewrites line endings: say so, it is the usual cause.
            crlf = " (it has CRLF line endings: was it converted on checkout?)" if (
                "\r\n" in seed.text) else ""
            problems.append(entry.problem(
                "CS304", f"sha256 of {where} is {seed.sha256}, the source records "
                         f"{source['sha256']}{crlf}: the pinned text changed; restore it"
                         + (" or run `claimset reanchor`" if raw.kind != "bundle" else ""),
                "/source/sha256"))
        if len(seed.text) != source["length"]:
            problems.append(entry.problem(
                "CS305", f"{where} has {len(seed.text)} code points, the source records "
                         f"{source['length']}: set length to {len(seed.text)}", "/source/length"))
    return problems, CheckedSource(entry=entry, source_id=source_id, text=seed.text,
                                   failed=frozenset(failed))


def _path_problem(entry: SourceEntry, problem: Problem, raw: RawDataset) -> Problem:
    """A schema error on a seed path that leaves seeds/ gets its own code, CS302."""
    if problem.pointer != entry.pointer + "/source/path" or raw.root is None:
        return problem
    path = entry.data["source"]["path"]
    reason = unsafe_seed_path(raw.root, path) if isinstance(path, str) else None
    return problem if reason is None else attrs.evolve(problem, code="CS302", message=reason)


def _valid_at(failed: Iterable[str], pointer: str) -> bool:
    """No schema error at ``pointer`` or inside it (errors of the parent, such as a
    missing sibling key, do not make the value itself unusable)."""
    return not any(bad == pointer or bad.startswith(pointer + "/") for bad in failed)


def _check_membership(raw: RawDataset, sources: list[CheckedSource]) -> Iterator[Problem]:
    seen: dict[str, CheckedSource] = {}
    for checked in sources:
        if checked.source_id in seen:
            yield checked.entry.problem(
                "CS311", f"source {checked.source_id!r} appears twice: keep one", "/source/id")
        seen[checked.source_id] = checked
    if raw.kind == "bundle" or raw.index is None or not isinstance(raw.index.data, dict):
        return
    listed = raw.index.data.get("sources")
    if not isinstance(listed, list):
        return
    present = {entry.name_id for entry in raw.entries} | raw.unreadable | set(seen)
    for position, source_id in enumerate(listed):
        if isinstance(source_id, str) and source_id not in present:
            yield raw.index.problem(
                "CS306", f"source {source_id!r} is listed but dataset/{source_id}.json is "
                         "missing: add the file or remove the id", f"/sources/{position}")
    listed_ids = {source_id for source_id in listed if isinstance(source_id, str)}
    for entry in raw.entries:
        if entry.name_id not in listed_ids:
            yield Problem(code="CS307", file=entry.file.file, line=1, column=1, pointer="",
                          message=f"{entry.file.file} is not listed in dataset/index.json: "
                                  f"add {entry.name_id!r} to its sources")


# -- claims ----------------------------------------------------------------------------


def _claims(checked: CheckedSource) -> Iterator[tuple[int, dict[str, Any]]]:
    claims = checked.entry.data.get("claims")
    if isinstance(claims, list):
        for position, claim in enumerate(claims):
            if isinstance(claim, dict):
                yield position, claim


def _ids_are_sound(sources: list[CheckedSource]) -> bool:
    """Every claim id unique and under its source's prefix: the common case, decided in
    bulk.  False means "look closer" (`_check_claim_ids` finds and locates the problems)."""
    seen: set[str] = set()
    count = 0
    for checked in sources:
        if checked.failed:
            return False
        ids = [claim["id"] for claim in checked.entry.data["claims"]]
        if not all(map(str.startswith, ids, itertools.repeat(checked.source_id + "/"))):
            return False
        seen.update(ids)
        count += len(ids)
    return len(seen) == count


def _check_claim_ids(sources: list[CheckedSource]) -> Iterator[Problem]:
    if _ids_are_sound(sources):
        return
    # Where each id was first seen.  It is located (a scan of its whole file) only for
    # a duplicate: locating every id made clean files pay that scan, 8x the checks.
    first: dict[str, tuple[CheckedSource, int]] = {}
    for checked in sources:
        prefix = checked.source_id + "/"
        for position, claim in _claims(checked):
            claim_id = claim.get("id")
            if not isinstance(claim_id, str):
                continue
            if claim_id in first:
                earlier, earlier_position = first[claim_id]
                line, column = earlier.entry.file.positions.locate(
                    f"{earlier.entry.pointer}/claims/{earlier_position}/id")
                yield checked.entry.problem(
                    "CS209", f"claim id {claim_id!r} is already used at "
                             f"{earlier.entry.file.file}:{line}:{column}: "
                             "give this claim its own id", f"/claims/{position}/id")
            else:
                first[claim_id] = (checked, position)
            if not claim_id.startswith(prefix):
                yield checked.entry.problem(
                    "CS210", f"claim id {claim_id!r} does not start with its source "
                             f"'{prefix}': rename it", f"/claims/{position}/id")


def _span_problems(checked: CheckedSource, span: Any, here: str, *, code: str,
                   label: str) -> list[Problem]:
    text = checked.text or ""
    start, end, quoted = span["start"], span["end"], span["text"]
    entry = checked.entry
    if start >= end:
        return [entry.problem("CS204", f"{label} span {start}..{end} is empty or inverted: start "
                                       "must be smaller than end", here + "/start")]
    if end > len(text):
        return [entry.problem("CS203", f"{label} end {end} is past the end of the source "
                                       f"({len(text)} code points)", here + "/end")]
    actual = text[start:end]
    if actual == quoted:
        return []
    return [entry.problem(code, f"{label} text is not at {start}..{end}: the source has "
                                f"{_clip(actual)!r} there; {_where(text, quoted)}", here + "/text")]


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _where(text: str, quoted: str) -> str:
    hits, position = [], text.find(quoted)
    while position >= 0 and len(hits) < 3:
        hits.append(f"{position}..{position + len(quoted)}")
        position = text.find(quoted, position + 1)
    if not hits:
        return "the text does not occur anywhere in the source"
    return "it occurs at " + ", ".join(hits)


@functools.lru_cache(maxsize=65536)
def _read_figure(figure: str) -> Any:
    # Figure texts repeat ("150,000", "a dozen"); readings are frozen, so caching is safe.
    from claimset.grammar.extract import (
        read_figure,  # the one number grammar, shared with extract()
    )

    return read_figure(figure)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _value_problems(checked: CheckedSource, claim: dict[str, Any], here: str,
                    candidate: Any = None) -> list[Problem]:
    """The value (or a range's bounds) must be what the figure's words say, read from
    ``candidate`` (the figure read in context) or else from the figure's text alone."""
    entry = checked.entry
    figure = claim["figure"]["text"]
    reading = candidate if candidate is not None else _read_figure(figure)
    if reading is None:
        return [entry.problem("CS207", f"figure {figure!r} is not a number claimset can read: "
                                       "the figure must be the number's own words, e.g. "
                                       "'150,000', '$20 billion', 'a dozen'",
                              here + "/figure/text")]
    if claim["qualifier"] == "range":
        if reading.lower is None or reading.upper is None:
            return [entry.problem("CS211", f"qualifier is 'range' but figure {figure!r} reads as "
                                           "one number: use a single value, or quote both bounds",
                                  here + "/qualifier")]
        wrong = [name for name in ("lower", "upper")
                 if not _same(claim[name], getattr(reading, name))]
        return [entry.problem("CS211", f"{name} is {claim[name]!r} but figure {figure!r} says "
                                       f"{getattr(reading, name)!r}", here + "/" + name)
                for name in wrong] or _unit_problems(checked, claim, here, reading)
    if reading.value is None:
        return [entry.problem("CS206", f"figure {figure!r} reads as the range {reading.lower!r} to "
                                       f"{reading.upper!r}: set qualifier 'range' with lower and "
                                       "upper, and value null", here + "/value")]
    if not _same(claim["value"], reading.value):
        return [entry.problem("CS206", f"value is {claim['value']!r} but figure {figure!r} says "
                                       f"{_number(reading.value)}: set value to "
                                       f"{_number(reading.value)}", here + "/value")]
    return _unit_problems(checked, claim, here, reading)


#: Units that only a figure's own words can state: a currency code, percent, a multiplier.
_STATED_UNIT = re.compile("|".join(["[A-Z]{3}", *map(re.escape, STATED_UNITS)]))


def _unit_problems(checked: CheckedSource, claim: dict[str, Any], here: str,
                   reading: Any) -> list[Problem]:
    """A unit the figure states itself ("$20 billion" is USD, "61%" percent, "six months"
    months) must be the claim's; a counted noun ("troops") is the curator's reading."""
    unit, figure = claim["unit"], claim["figure"]["text"]
    stated = reading.unit is not None and (
        reading.kind in STATED_UNIT_KINDS
        or _STATED_UNIT.fullmatch(reading.unit) is not None)
    if stated:
        if unit != reading.unit:
            return [checked.entry.problem(
                "CS215", f"unit is {unit!r} but figure {figure!r} states {reading.unit!r}: set "
                         f"unit to {reading.unit!r}", here + "/unit")]
    elif isinstance(unit, str) and _STATED_UNIT.fullmatch(unit):
        return [checked.entry.problem(
            "CS215", f"unit is {unit!r} but figure {figure!r} does not state it: quote the "
                     "currency or percent sign inside the figure, or give the counted noun",
            here + "/unit")]
    return []


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _bounds_problems(checked: CheckedSource, claim: dict[str, Any], here: str, *,
                     match_value: bool = True) -> list[Problem]:
    lower, upper, value = claim.get("lower"), claim.get("upper"), claim["value"]
    qualifier = claim["qualifier"]
    allowed = QUALIFIER_BOUNDS[qualifier]
    for name, bound in (("lower", lower), ("upper", upper)):
        if bound is None:
            continue
        if name not in allowed:
            fix = (f"set {allowed[0]} instead" if allowed and allowed != ("lower", "upper")
                   else "set it to null")
            return [checked.entry.problem(
                "CS213", f"qualifier {qualifier!r} has no {name} bound but {name} is {bound!r}: "
                         f"{fix}", f"{here}/{name}")]
        if match_value and qualifier != "range" and value is not None and not _same(bound, value):
            return [checked.entry.problem(
                "CS213", f"{name} is {bound!r} but the claim says {qualifier} {value!r}: a "
                         f"one-sided bound equals the value", f"{here}/{name}")]
    order = [(name, bound) for name, bound in (("lower", lower), ("value", value),
                                                ("upper", upper)) if bound is not None]
    for (first_name, first), (second_name, second) in itertools.pairwise(order):
        if first > second:
            return [checked.entry.problem(
                "CS208", f"{first_name} {first!r} is greater than {second_name} {second!r}: need "
                         "lower <= value <= upper", f"{here}/{second_name}")]
    return []


def _check_claims(checked: CheckedSource, options: CheckOptions,
                  candidates: list[Any]) -> Iterator[Problem]:
    text = checked.text
    at_span = {(candidate.start, candidate.end): candidate for candidate in candidates}
    for position, claim in _claims(checked):
        # Most claims are clean, which is cheap to prove; only the others are examined
        # problem by problem.
        clean = text is not None and not checked.failed and _citation_holds(text, claim)
        if clean and not options.values:
            continue
        here = f"/claims/{position}"
        if not clean and not checked.valid_at(here):
            continue  # its schema problem is reported; judging it further would cascade
        citation_problems, spans_hold = (([], True) if clean
                                         else _citation_problems(checked, claim, here))
        yield from citation_problems
        # The figure read in context, when the text is proven to hold it there: the same
        # grammar reads the same words, and the source was extracted once already.
        figure = claim["figure"]
        candidate = at_span.get((figure["start"], figure["end"])) if spans_hold else None
        value_problems = (_value_problems(checked, claim, here, candidate)
                          if options.values else [])
        yield from value_problems
        if not clean:  # a clean claim has no bounds
            # A wrong value would make its (right) one-sided bound look wrong too: one report.
            yield from _bounds_problems(checked, claim, here, match_value=not value_problems)
        if options.values and candidate is not None:
            yield from _qualifier_problems(checked, claim, here, candidate)


def _citation_problems(checked: CheckedSource, claim: dict[str, Any],
                       here: str) -> tuple[list[Problem], bool]:
    """A review note, then quote and figure at their offsets, the figure inside the quote;
    and whether the text is proven to hold quote and figure at their offsets."""
    problems = []
    if claim.get("review"):
        problems.append(checked.entry.problem("CS212", f"claim needs review: {claim['review']}",
                                              here + "/review"))
    if checked.text is None:
        return problems, False
    span_problems = (
        _span_problems(checked, claim["quote"], here + "/quote", code="CS201", label="quote")
        + _span_problems(checked, claim["figure"], here + "/figure", code="CS202",
                         label="figure"))
    problems.extend(span_problems)
    quote, figure = claim["quote"], claim["figure"]
    if not span_problems and not (quote["start"] <= figure["start"]
                                  and figure["end"] <= quote["end"]):
        problems.append(checked.entry.problem(
            "CS205", f"figure {figure['start']}..{figure['end']} is outside its quote "
                     f"{quote['start']}..{quote['end']}: the quote must contain the figure",
            here + "/figure/start"))
    return problems, not span_problems


def _citation_holds(text: str, claim: dict[str, Any]) -> bool:
    """The common case, decided cheaply: quote and figure at their offsets, the figure
    inside the quote, no bounds and no review.  False means "look closer", not "wrong"."""
    quote, figure = claim["quote"], claim["figure"]
    start, end = figure["start"], figure["end"]
    return (claim.get("lower") is None and claim.get("upper") is None
            and not claim.get("review")
            and quote["start"] <= start < end <= quote["end"] <= len(text)
            and text[start:end] == figure["text"]
            and text[quote["start"]:quote["end"]] == quote["text"])


def _qualifier_problems(checked: CheckedSource, claim: dict[str, Any], here: str,
                        candidate: Any) -> list[Problem]:
    """The qualifier must be what the words before the figure say ("some" -> approximately),
    read by the same grammar that reads the figure."""
    if candidate.qualifier == claim["qualifier"]:
        return []
    text = checked.text or ""
    if candidate.qualifier_span is not None:
        words = text[candidate.qualifier_span[0]:candidate.qualifier_span[1]]
        said = f"the words {words!r} before the figure say {candidate.qualifier!r}"
    else:
        said = f"the text around the figure reads as {candidate.qualifier!r}"
    return [checked.entry.problem(
        "CS214", f"qualifier is {claim['qualifier']!r} but {said}: set qualifier to "
                 f"{candidate.qualifier!r}", here + "/qualifier")]


# -- coverage --------------------------------------------------------------------------


def _exclusions(checked: CheckedSource) -> Iterator[tuple[int, dict[str, Any]]]:
    items = checked.entry.data.get("exclusions")
    if isinstance(items, list):
        for position, item in enumerate(items):
            if isinstance(item, dict) and checked.valid_at(f"/exclusions/{position}"):
                yield position, item


def _check_coverage(checked: CheckedSource, candidates: list[Any]) -> Iterator[Problem]:
    text = checked.text or ""
    entry = checked.entry
    by_span = {(candidate.start, candidate.end): candidate for candidate in candidates}
    for position, item in _exclusions(checked):
        here = f"/exclusions/{position}"
        span = {"start": item["start"], "end": item["end"], "text": item["text"]}
        span_problems = _span_problems(checked, span, here, code="CS402", label="exclusion")
        yield from span_problems
        if span_problems:
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
    for position, claim in _claims(checked):
        if checked.valid_at(f"/claims/{position}") and position not in covering:
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
    excluded = {(item["start"], item["end"]) for position, item in _exclusions(checked)
                if not _span_problems(checked, item, f"/exclusions/{position}", code="CS402",
                                      label="exclusion")}
    return [candidate for number, candidate in enumerate(candidates)
            if number not in covered and (candidate.start, candidate.end) not in excluded]


def coverage_gaps(raw: RawDataset) -> dict[str, tuple[str, list[Any]]]:
    """Source id -> its text and its uncovered candidates, for every source whose
    document and text can be read."""
    from claimset.grammar.extract import extract

    gaps: dict[str, tuple[str, list[Any]]] = {}
    for entry in raw.entries:
        _, checked = _check_source_document(entry, raw, CheckOptions(canonical=False))
        if checked is not None and checked.text is not None:
            gaps[checked.source_id] = (checked.text, uncovered(checked, extract(checked.text)))
    return gaps


def _covered_by_figures(checked: CheckedSource, candidates: list[Any]) -> dict[int, int]:
    """Candidate number -> a claim position whose figure overlaps it.

    Candidates are sorted and disjoint, so their starts and their ends are both
    ascending, and the candidates overlapping [start, end) form one run found
    by bisection.
    """
    starts = [candidate.start for candidate in candidates]
    ends = [candidate.end for candidate in candidates]
    covered: dict[int, int] = {}
    for position, claim in _claims(checked):
        if not checked.valid_at(f"/claims/{position}"):
            continue
        figure = claim["figure"]
        first = bisect.bisect_right(ends, figure["start"])
        last = bisect.bisect_left(starts, figure["end"])
        for number in range(first, last):
            covered.setdefault(number, position)
    return covered

