"""The numbers of a dataset that are neither claims nor exclusions, each with where it is.

The rule is the checker's own (CS401, :func:`claimset.check.api.coverage_gaps`): a
number is covered when a claim's figure overlaps it or an exclusion names its exact
span.  :func:`uncovered_numbers` adds what a contributor needs to decide about each
one: its sentence and its ``seeds/x.txt:line:col`` location in the pinned text.
``claimset coverage`` prints them and ``claimset suggest`` turns them into skeletons.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from claimset.check.api import coverage_gaps
from claimset.core.errors import UsageError
from claimset.grammar.sentences import sentence_span
from claimset.store.layout import RawDataset, read_dataset, require_dataset
from claimset.store.positions import LineIndex

TYPE_CHECKING = False  # the grammar compiles on first import: only the type here
if TYPE_CHECKING:  # pragma: no cover
    from claimset.grammar.extract import Candidate

__all__ = ["Coverage", "UncoveredNumber", "source_gaps", "uncovered_numbers"]


@attrs.frozen(kw_only=True)
class UncoveredNumber:
    """A number the extractor finds in a source that no claim or exclusion covers."""

    source: str
    start: int
    end: int
    text: str
    kind: str
    value: int | float | None
    unit: str | None
    #: ``seeds/x.txt:line:col``: where to read it in the pinned text.
    location: str
    #: The sentence around it, its white space runs folded to single spaces.
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        """The fields as ``claimset coverage --format json`` prints them."""
        return {"source": self.source, "start": self.start, "end": self.end, "text": self.text,
                "kind": self.kind, "value": self.value, "unit": self.unit,
                "location": self.location, "sentence": self.sentence}


@attrs.frozen(kw_only=True)
class Coverage:
    """The uncovered numbers, in source then text order, and how many sources were read."""

    numbers: tuple[UncoveredNumber, ...]
    sources: int

    @property
    def complete(self) -> bool:
        """Whether every number of every readable source is a claim or an exclusion."""
        return not self.numbers

    @property
    def sources_with_gaps(self) -> int:
        return len({number.source for number in self.numbers})


def _seed_paths(raw: RawDataset) -> dict[str, str]:
    """Source id -> its seed's path as the source records it (for locations)."""
    paths = {}
    for entry in raw.entries:
        info = entry.data.get("source") if isinstance(entry.data, dict) else None
        if isinstance(info, dict) and isinstance(info.get("id"), str):
            paths[info["id"]] = str(info.get("path"))
    return paths


def _read(path: str | os.PathLike[str], raw: RawDataset | None) -> RawDataset:
    return raw if raw is not None else require_dataset(read_dataset(Path(path)),
                                                       label=os.fspath(path))


def source_gaps(path: str | os.PathLike[str], *, source_id: str | None = None,
                raw: RawDataset | None = None) -> Mapping[str, tuple[str, list[Candidate]]]:
    """Source id -> its text and its uncovered candidates, for every readable source (or
    only ``source_id``; UsageError when it is not a readable source).  ``raw`` is the
    dataset at ``path`` when it was read already."""
    gaps = coverage_gaps(_read(path, raw))
    if source_id is None:
        return gaps
    if source_id not in gaps:
        known = sorted(gaps)
        raise UsageError(f"no readable source {source_id!r} in {path} (sources: "
                         f"{', '.join(known) or 'none'}; `claimset validate` says why one is "
                         "unreadable)")
    return {source_id: gaps[source_id]}


def uncovered_numbers(path: str | os.PathLike[str], *, source_id: str | None = None,
                      raw: RawDataset | None = None) -> Coverage:
    """Every number of the dataset at ``path`` (or of its source ``source_id``) that is
    neither a claim nor an exclusion, with its sentence and location."""
    dataset = _read(path, raw)
    gaps = source_gaps(path, source_id=source_id, raw=dataset)
    paths = _seed_paths(dataset)
    numbers = []
    for sid, (text, candidates) in gaps.items():
        lines = LineIndex(text)
        for candidate in candidates:
            line, column = lines.line_column(candidate.start)
            start, end = sentence_span(text, candidate.start, candidate.end)
            numbers.append(UncoveredNumber(
                source=sid, start=candidate.start, end=candidate.end, text=candidate.text,
                kind=candidate.kind, value=candidate.value, unit=candidate.unit,
                location=f"{paths.get(sid, sid)}:{line}:{column}",
                sentence=" ".join(text[start:end].split())))
    return Coverage(numbers=tuple(numbers), sources=len(gaps))
