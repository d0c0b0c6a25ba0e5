"""Loading a dataset into value objects: the bundled one, a checkout, or a bundle file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from claimset.check.checker import CheckedSource, CheckOptions, check_with_texts
from claimset.core._construct import positional_constructor
from claimset.core.errors import DatasetError
from claimset.core.problems import Report
from claimset.core.resources import data_root
from claimset.store._collector import collector_paused
from claimset.store.layout import RawDataset, read_dataset
from claimset.store.model import Claim, Dataset, Exclusion, Retraction, Source, Span

#: What loading proves: structure and citations (hash, offsets, exact text).
#: Values, coverage and formatting are the full checker's job (`claimset validate`).
LOAD_CHECKS = CheckOptions(values=False, coverage=False, canonical=False)


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load a dataset, proving every citation on the way.

    With no ``path``, the dataset bundled with the package (no network, from
    any directory).  ``path`` may be a checkout, a dataset directory or a
    release bundle.  Raises :class:`~claimset.core.errors.DatasetError` (with
    ``problems``) when the data is malformed or a citation does not hold.
    """
    target = Path(path) if path is not None else data_root()
    with collector_paused():
        # In a function of its own, so the parsed documents are freed before the
        # collector resumes and its first pass meets only the objects that stay.
        report, dataset = _checked_dataset(target)
    if dataset is None:
        first = report.errors[0]
        more = len(report.errors) - 1
        raise DatasetError(
            f"{first.location}: {first.code} {first.message}"
            + (f" (and {more} more; run `claimset validate {target}`)" if more else ""),
            code=first.code, problems=report.errors)
    return dataset


def _checked_dataset(target: Path) -> tuple[Report, Dataset | None]:
    raw = read_dataset(target)
    parts: dict[str, SourceParts] = {}

    def build(checked: CheckedSource) -> None:
        assert checked.text is not None
        parts[checked.source_id] = build_source(checked.entry.data, checked.text)

    report, _ = check_with_texts(raw, options=LOAD_CHECKS, then=build)
    return report, assemble(raw, parts) if report.ok else None


#: One source's value objects: the source, its claims and its exclusions.
SourceParts = tuple[Source, list[Claim], list[Exclusion]]


def build_dataset(raw: RawDataset, texts: dict[str, str]) -> Dataset:
    """Value objects from data that passed the load checks."""
    return assemble(raw, {entry.data["source"]["id"]: build_source(
        entry.data, texts[entry.data["source"]["id"]]) for entry in raw.entries})


def build_source(document: dict[str, Any], text: str) -> SourceParts:
    """The value objects of one source document that matches the schema."""
    info = document["source"]
    source_id = info["id"]
    source = Source(
        id=source_id, title=info["title"], authors=tuple(info["authors"]),
        publisher=info["publisher"], published=info["published"], url=info["url"],
        path=info["path"], sha256=info["sha256"], length=info["length"], notes=info["notes"],
        text=text)
    return (source, [_claim(source_id, item) for item in document["claims"]],
            [_exclusion(source_id, item) for item in document["exclusions"]])


def assemble(raw: RawDataset, parts: dict[str, SourceParts]) -> Dataset:
    """The dataset, its sources in the index's order (a bundle's own order)."""
    index: dict[str, Any] = raw.index.data if raw.index is not None else {}
    if raw.kind == "bundle":
        order = [entry.data["source"]["id"] for entry in raw.entries]
    else:
        order = index["sources"]
    claims: list[Claim] = []
    exclusions: list[Exclusion] = []
    for source_id in order:
        claims.extend(parts[source_id][1])
        exclusions.extend(parts[source_id][2])
    return Dataset(name=index["name"], version=index["version"],
                   description=index["description"], license=index["license"],
                   sources={source_id: parts[source_id][0] for source_id in order},
                   claims=claims, exclusions=exclusions)


# Positional, in each class's field order: see claimset.core._construct.
_make_claim = positional_constructor(Claim)
_make_span = positional_constructor(Span)
_make_exclusion = positional_constructor(Exclusion)


def _span(item: dict[str, Any]) -> Span:
    return _make_span(item["start"], item["end"], item["text"])


def _claim(source_id: str, item: dict[str, Any]) -> Claim:
    get = item.get
    retracted = get("retracted")
    return _make_claim(
        item["id"], source_id, _span(item["quote"]), _span(item["figure"]), item["value"],
        item["unit"], item["qualifier"], item["measure"], item["attribution"], item["stance"],
        tuple(item["tags"]), get("lower"), get("upper"), get("period"), get("place"),
        get("note"), Retraction(**retracted) if retracted else None, get("review"))


def _exclusion(source_id: str, item: dict[str, Any]) -> Exclusion:
    return _make_exclusion(source_id, item["start"], item["end"], item["text"], item["reason"],
                           item.get("note"))
