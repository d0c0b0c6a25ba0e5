"""The canonical form of claimset's JSON files.

One fixed key order, two-space indent, UTF-8 not escaped, a trailing newline:
a pull request's diff then shows only what changed.  Keys the order does not
know (which the schema rejects anyway) keep their place after the known ones,
so formatting never hides data.
"""

from __future__ import annotations

import json
from typing import Any

SPAN_KEYS = ("start", "end", "text")
CLAIM_KEYS = (
    "id", "quote", "figure", "value", "unit", "qualifier", "lower", "upper", "measure",
    "period", "place", "attribution", "stance", "tags", "note", "retracted", "review",
)
EXCLUSION_KEYS = ("start", "end", "text", "reason", "note")
SOURCE_KEYS = (
    "id", "title", "authors", "publisher", "published", "url", "path", "sha256", "length", "notes",
)
SOURCE_FILE_KEYS = ("source", "claims", "exclusions")
BUNDLE_SOURCE_KEYS = ("source", "text", "claims", "exclusions")
INDEX_KEYS = ("name", "version", "description", "license", "sources")
RETRACTION_KEYS = ("reason", "version")


def _ordered(obj: Any, keys: tuple[str, ...]) -> Any:
    if not isinstance(obj, dict):
        return obj
    known = {key: obj[key] for key in keys if key in obj}
    known.update((key, value) for key, value in obj.items() if key not in known)
    return known


def _claim(claim: Any) -> Any:
    claim = _ordered(claim, CLAIM_KEYS)
    if isinstance(claim, dict):
        for key in ("quote", "figure"):
            if key in claim:
                claim[key] = _ordered(claim[key], SPAN_KEYS)
        if "retracted" in claim:
            claim["retracted"] = _ordered(claim["retracted"], RETRACTION_KEYS)
    return claim


def _items(obj: dict[str, Any], key: str, order: Any) -> None:
    if isinstance(obj.get(key), list):
        obj[key] = [order(item) for item in obj[key]]


def order_source_file(document: Any, *, keys: tuple[str, ...] = SOURCE_FILE_KEYS) -> Any:
    document = _ordered(document, keys)
    if isinstance(document, dict):
        if "source" in document:
            document["source"] = _ordered(document["source"], SOURCE_KEYS)
        _items(document, "claims", _claim)
        _items(document, "exclusions", lambda item: _ordered(item, EXCLUSION_KEYS))
    return document


def order_index(document: Any) -> Any:
    return _ordered(document, INDEX_KEYS)


def order_bundle(document: Any) -> Any:
    document = _ordered(document, INDEX_KEYS)
    if isinstance(document, dict):
        _items(document, "sources",
               lambda item: order_source_file(item, keys=BUNDLE_SOURCE_KEYS))
    return document


def dumps(document: Any) -> str:
    """Serialise in canonical form (the caller orders the keys first)."""
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def canonical_text(document: Any, *, kind: str) -> str:
    """``document`` in canonical form; ``kind`` is "index", "source" or "bundle"."""
    order = {"index": order_index, "source": order_source_file, "bundle": order_bundle}[kind]
    return dumps(order(document))
