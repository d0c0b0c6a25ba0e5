"""Checks of documents and of the dataset as a whole: schema, canonical form, the
pinned seed texts, which sources the index lists, and unique claim ids.

:func:`check_source_document` is the ``files`` layer every other check stands on
(it makes the :class:`~claimset.check.context.CheckedSource` they are given);
the rest are declared in :mod:`claimset.check.registry`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from claimset.check import schema
from claimset.check.context import (
    CheckedSource,
    CheckOptions,
    SourceSummary,
    claims_of,
    valid_at,
)
from claimset.core.problems import Problem
from claimset.store.canonical import SHAPES, canonical_text, in_order
from claimset.store.layout import RawDataset, SourceEntry, read_seed, unsafe_seed_path

__all__ = ["check_source_document", "claim_id_problems", "index_problems",
           "membership_problems", "source_format_problems"]


def _schema_problems(entry_file: Any, data: Any, *, document: str,
                     prefix: str = "") -> tuple[list[Problem], set[str]]:
    """Schema problems, and the pointers of the values that failed."""
    errors = schema.validate(data, document=document)
    problems = [entry_file.problem("CS104", f"{error.message}", prefix + error.pointer)
                for error in errors]
    failed = {prefix + error.pointer for error in errors}
    # What the schema admits but no check can use (2711.0 as an offset, a 401-digit
    # value): reported here, in the files layer, so that no registered check meets it.
    for number in schema.unusable_numbers_in(entry_file, data):
        if prefix + number.pointer not in failed:
            problems.append(entry_file.problem(number.code, number.message,
                                               prefix + number.pointer))
            failed.add(prefix + number.pointer)
    return problems, failed


_REFORMAT = {"bundle": "rebuild it with `claimset build`", "index": "run `claimset fmt`",
             "manifest": "rebuild it with `claimset build`",
             "shard": "rebuild it with `claimset build`",
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


def index_problems(raw: RawDataset, sources: list[CheckedSource],
                   options: CheckOptions) -> Iterator[Problem]:
    """The index (or a bundle's top level) against the schema, then its canonical form."""
    if raw.index is None:
        return
    if raw.sharded:
        yield from _manifest_problems(raw, options)
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


def _manifest_problems(raw: RawDataset, options: CheckOptions) -> Iterator[Problem]:
    """A sharded release: the manifest, then each shard's top level (its sources are
    checked one by one, as a bundle's are), against the schema and canonical form."""
    assert raw.index is not None
    found, _ = _schema_problems(raw.index, raw.index.data, document="releaseManifest")
    yield from found
    if options.canonical and not found:
        problem = _canonical_problem(raw.index, kind="manifest")
        if problem is not None:
            yield problem
    for shard in raw.shards:
        top = {**shard.data, "sources": []}
        shard_found, _ = _schema_problems(shard, top, document="releaseShard")
        yield from shard_found
        if options.canonical and not shard_found:
            problem = _canonical_problem(shard, kind="shard")
            if problem is not None:
                yield problem


def check_source_document(entry: SourceEntry,
                          raw: RawDataset) -> tuple[list[Problem], CheckedSource | None]:
    """A source document's schema problems and its pinned text (path, sha256, length);
    the source to check further, unless its ``source`` object is unusable."""
    document = "bundleSource" if raw.kind == "bundle" else "sourceFile"
    problems, failed = _schema_problems(entry.file, entry.data, document=document,
                                        prefix=entry.pointer)
    problems = [_path_problem(entry, problem, raw) for problem in problems]
    source = entry.data.get("source") if isinstance(entry.data, dict) else None
    if not valid_at(failed, entry.pointer + "/source") or not isinstance(source, dict):
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
                                   failed=frozenset(failed), sha256=seed.sha256)


def _path_problem(entry: SourceEntry, problem: Problem, raw: RawDataset) -> Problem:
    """A schema error on a seed path that leaves seeds/ gets its own code, CS302."""
    if problem.pointer != entry.pointer + "/source/path" or raw.root is None:
        return problem
    path = entry.data["source"]["path"]
    reason = unsafe_seed_path(raw.root, path) if isinstance(path, str) else None
    return problem if reason is None else attrs.evolve(problem, code="CS302", message=reason)


def membership_problems(raw: RawDataset, sources: list[CheckedSource],
                        options: CheckOptions) -> Iterator[Problem]:
    """Each source once; every listed source present and every present one listed."""
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



def _ids_are_sound(sources: list[CheckedSource]) -> bool:
    """Every claim id unique and under its source's prefix: the common case, decided in
    bulk.  False means "look closer" (`_check_claim_ids` finds and locates the problems)."""
    if any(checked.failed for checked in sources):
        return False
    return _sound_ids((checked.source_id, [claim["id"] for claim in checked.entry.data["claims"]])
                      for checked in sources)


def _sound_ids(sources: Iterable[tuple[str, Sequence[str]]]) -> bool:
    seen: set[str] = set()
    count = 0
    for source_id, ids in sources:
        if not all(map(str.startswith, ids, itertools.repeat(source_id + "/"))):
            return False
        seen.update(ids)
        count += len(ids)
    return len(seen) == count


def claim_ids_quiet(raw: RawDataset, summaries: Sequence[SourceSummary]) -> bool:
    """The claim-id check's proof from the sources' summaries (``validate --jobs N``)."""
    return not any(summary.failed for summary in summaries) and _sound_ids(
        (summary.source_id, summary.claim_ids) for summary in summaries)


def membership_quiet(raw: RawDataset, summaries: Sequence[SourceSummary]) -> bool:
    """The membership check's proof from the sources' summaries (``validate --jobs N``):
    no source twice, every listed source present and every present one listed."""
    ids = [summary.source_id for summary in summaries]
    if len(set(ids)) != len(ids):
        return False
    if raw.kind == "bundle" or raw.index is None or not isinstance(raw.index.data, dict):
        return True
    listed = raw.index.data.get("sources")
    if not isinstance(listed, list):
        return True
    present = {entry.name_id for entry in raw.entries} | raw.unreadable | set(ids)
    listed_ids = {source_id for source_id in listed if isinstance(source_id, str)}
    return listed_ids <= present and all(entry.name_id in listed_ids for entry in raw.entries)


def claim_id_problems(raw: RawDataset, sources: list[CheckedSource],
                      options: CheckOptions) -> Iterator[Problem]:
    """Claim ids unique across the dataset, each under its source's prefix."""
    if _ids_are_sound(sources):
        return
    # Where each id was first seen.  It is located (a scan of its whole file) only for
    # a duplicate: locating every id made clean files pay that scan, 8x the checks.
    first: dict[str, tuple[CheckedSource, int]] = {}
    for checked in sources:
        prefix = checked.source_id + "/"
        for position, claim in claims_of(checked):
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


def source_format_problems(checked: CheckedSource, candidates: list[Any]) -> list[Problem]:
    """A source file (not a bundle's source) whose document matches the schema must be in
    canonical form."""
    if checked.entry.pointer or checked.failed:
        return []  # a bundle's sources are the bundle's form; a schema problem comes first
    problem = _canonical_problem(checked.entry.file, kind="source")
    return [problem] if problem is not None else []
