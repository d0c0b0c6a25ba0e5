"""Loading a dataset into value objects: the bundled one, a checkout, or a bundle file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimset.checker import CheckOptions, check_with_texts
from claimset.collector import collector_paused
from claimset.errors import DatasetError
from claimset.layout import RawDataset, read_dataset
from claimset.model import Claim, Dataset, Exclusion, Retraction, Source, Span
from claimset.problems import Report
from claimset.resources import data_root

#: What loading proves: structure and citations (hash, offsets, exact text).
#: Values, coverage and formatting are the full checker's job (`claimset validate`).
LOAD_CHECKS = CheckOptions(values=False, coverage=False, canonical=False)


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load a dataset, proving every citation on the way.

    With no ``path``, the dataset bundled with the package (no network, from
    any directory).  ``path`` may be a checkout, a dataset directory or a
    release bundle.  Raises :class:`~claimset.errors.DatasetError` (with
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
    report, texts = check_with_texts(raw, options=LOAD_CHECKS)
    return report, build_dataset(raw, texts) if report.ok else None


def build_dataset(raw: RawDataset, texts: dict[str, str]) -> Dataset:
    """Value objects from data that passed the load checks."""
    index: dict[str, Any] = raw.index.data if raw.index is not None else {}
    sources: dict[str, Source] = {}
    claims: list[Claim] = []
    exclusions: list[Exclusion] = []
    for entry in _ordered_entries(raw, index):
        info = entry.data["source"]
        sources[info["id"]] = Source(
            id=info["id"], title=info["title"], authors=tuple(info["authors"]),
            publisher=info["publisher"], published=info["published"], url=info["url"],
            path=info["path"], sha256=info["sha256"], length=info["length"], notes=info["notes"],
            text=texts[info["id"]])
        claims.extend(_claim(info["id"], item) for item in entry.data["claims"])
        exclusions.extend(Exclusion(source=info["id"], **item) for item in entry.data["exclusions"])
    return Dataset(name=index["name"], version=index["version"],
                   description=index["description"], license=index["license"],
                   sources=sources, claims=claims, exclusions=exclusions)


def _ordered_entries(raw: RawDataset, index: dict[str, Any]) -> Iterator[Any]:
    if raw.kind == "bundle":
        yield from raw.entries
        return
    by_id = {entry.data["source"]["id"]: entry for entry in raw.entries}
    for source_id in index["sources"]:
        yield by_id[source_id]


def _claim(source_id: str, item: dict[str, Any]) -> Claim:
    retracted = item.get("retracted")
    return Claim(
        id=item["id"], source=source_id, quote=Span(**item["quote"]), figure=Span(**item["figure"]),
        value=item["value"], unit=item["unit"], qualifier=item["qualifier"],
        measure=item["measure"], attribution=item["attribution"], stance=item["stance"],
        tags=tuple(item["tags"]), lower=item.get("lower"), upper=item.get("upper"),
        period=item.get("period"), place=item.get("place"), note=item.get("note"),
        retracted=Retraction(**retracted) if retracted else None, review=item.get("review"))
