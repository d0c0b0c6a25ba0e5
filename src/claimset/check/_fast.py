"""The read path's speed hacks, all of them, behind one seam.

Reading and checking 100,000 claims makes about a million dicts, lists and value
objects.  Three measures make that fast (docs/performance.md has the figures),
and each is used here and nowhere else:

1. **The cyclic collector is paused** while a dataset is read and checked
   (:func:`collector_paused`).  None of those objects is part of a reference
   cycle, but the collector would walk them again and again as they accumulate
   (a young-generation pass every 700 allocations): a third of ``load()`` at
   that size.  Reference counting frees everything as usual.
2. **Value objects are built positionally** (``claimset.core.construct``): a
   frozen attrs class's keyword ``__init__`` was a third of ``load()``.
3. **Each source's value objects are built right after its checks**, while its
   parsed document is still fresh in memory (15% faster than after every source
   is checked): ``load()`` builds them as the checker's route
   (:func:`claimset.check.checker.checked_sources`) yields each source.

This module knows nothing of the checker: the checker pauses the collector with
:func:`collector_paused`, and the loader builds with :func:`build_source` and
:func:`assemble`.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import Any

from claimset.core.construct import positional_constructor
from claimset.store.layout import RawDataset
from claimset.store.model import (
    Claim,
    Dataset,
    Exclusion,
    Relation,
    Retraction,
    Source,
    Span,
)
from claimset.store.sense import Addition, Reference

__all__ = ["SourceParts", "assemble", "build_source", "collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic collector off, then restore its previous state."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: One source's value objects: the source, its claims and its exclusions.
SourceParts = tuple[Source, list[Claim], list[Exclusion]]


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


# Positional, in each class's field order: see claimset.core.construct.
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
        get("note"), Retraction(**retracted) if retracted else None, get("review"),
        get("quantity"), tuple(_relation(r) for r in get("relations") or ()),
        tuple(get("drafted") or ()), get("excerpt"),
        tuple(Reference(words=r["words"], to=r["to"]) for r in get("refers") or ()),
        get("adopted"), _additions(get("added")))


def _relation(item: dict[str, Any]) -> Relation:
    get = item.get
    return Relation(kind=item["kind"], of=tuple(item["of"]), qualifier=item["qualifier"],
                    value=get("value"), lower=get("lower"), upper=get("upper"),
                    note=get("note"))


def _exclusion(source_id: str, item: dict[str, Any]) -> Exclusion:
    return _make_exclusion(source_id, item["start"], item["end"], item["text"], item["reason"],
                           item.get("note"), tuple(item.get("drafted") or ()),
                           _additions(item.get("added")))


def _additions(items: list[dict[str, Any]] | None) -> tuple[Addition, ...]:
    return tuple(Addition(words=item["words"], why=item["why"]) for item in items or ())
