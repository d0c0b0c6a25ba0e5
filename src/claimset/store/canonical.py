"""The canonical form of claimset's JSON files.

One fixed key order, two-space indent, UTF-8 not escaped, a trailing newline:
a pull request's diff then shows only what changed.  Keys the order does not
know (which the schema rejects anyway) keep their place after the known ones,
so formatting never hides data.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Mapping
from typing import Any

import attrs
import orjson

SPAN_KEYS = ("start", "end", "text")
CLAIM_KEYS = (
    "id", "quote", "excerpt", "refers", "figure", "value", "unit", "qualifier", "lower",
    "upper", "measure", "period", "place", "attribution", "stance", "adopted", "tags",
    "quantity", "relations", "note", "added", "retracted", "review", "drafted",
)
RELATION_KEYS = ("kind", "of", "qualifier", "value", "lower", "upper", "note")
EXCLUSION_KEYS = ("start", "end", "text", "reason", "note", "added", "drafted")
REFERENCE_KEYS = ("words", "to")
ADDITION_KEYS = ("words", "why")
SOURCE_KEYS = (
    "id", "title", "authors", "publisher", "published", "url", "path", "sha256", "length", "notes",
)
#: ``$schema`` (optional, for editors) comes first in the repository's files.
SOURCE_FILE_KEYS = ("$schema", "source", "claims", "exclusions")
BUNDLE_SOURCE_KEYS = ("source", "text", "claims", "exclusions")
INDEX_KEYS = ("$schema", "name", "version", "description", "license", "sources")
RETRACTION_KEYS = ("reason", "version")
MANIFEST_KEYS = ("name", "version", "description", "license", "shards")
SHARD_REFERENCE_KEYS = ("path", "bytes", "sha256", "sources")
SHARD_KEYS = ("sources",)


@attrs.frozen
class Shape:
    """The key order of one kind of object, and the shapes of what it holds:
    ``fields`` are single nested objects, ``items`` lists of objects."""

    keys: tuple[str, ...]
    fields: Mapping[str, Shape] = attrs.field(factory=dict)
    items: Mapping[str, Shape] = attrs.field(factory=dict)


_SPAN = Shape(SPAN_KEYS)
_ADDITION = Shape(ADDITION_KEYS)
_CLAIM = Shape(CLAIM_KEYS, fields={"quote": _SPAN, "figure": _SPAN,
                                   "retracted": Shape(RETRACTION_KEYS)},
               items={"relations": Shape(RELATION_KEYS), "refers": Shape(REFERENCE_KEYS),
                      "added": _ADDITION})
_SOURCE_PARTS: dict[str, Any] = {
    "fields": {"source": Shape(SOURCE_KEYS)},
    "items": {"claims": _CLAIM, "exclusions": Shape(EXCLUSION_KEYS,
                                                    items={"added": _ADDITION})},
}
SHAPES: dict[str, Shape] = {
    "index": Shape(INDEX_KEYS),
    "source": Shape(SOURCE_FILE_KEYS, **_SOURCE_PARTS),
    "bundle": Shape(INDEX_KEYS, items={"sources": Shape(BUNDLE_SOURCE_KEYS, **_SOURCE_PARTS)}),
    # A sharded release: its manifest, and each shard (a bundle's sources, nothing else).
    "manifest": Shape(MANIFEST_KEYS, items={"shards": Shape(SHARD_REFERENCE_KEYS)}),
    "shard": Shape(SHARD_KEYS, items={"sources": Shape(BUNDLE_SOURCE_KEYS, **_SOURCE_PARTS)}),
}


def _key_order(keys: tuple[str, ...], present: Collection[str]) -> list[str]:
    known = [key for key in keys if key in present]
    return known + [key for key in present if key not in keys]


def ordered(obj: Any, shape: Shape) -> Any:
    """A copy of ``obj`` with its keys (and those of the objects it holds) in order."""
    if not isinstance(obj, dict):
        return obj
    result = {key: obj[key] for key in _key_order(shape.keys, obj)}
    for key, inner in shape.fields.items():
        if key in result:
            result[key] = ordered(result[key], inner)
    for key, inner in shape.items.items():
        if isinstance(result.get(key), list):
            result[key] = [ordered(item, inner) for item in result[key]]
    return result


@functools.lru_cache(maxsize=4096)
def _order_holds(present: tuple[str, ...], keys: tuple[str, ...]) -> bool:
    return list(present) == _key_order(keys, present)


def in_order(obj: Any, shape: Shape) -> bool:
    """Whether ``obj`` already has the key order :func:`ordered` would give it."""
    return _all_in_order([obj], shape)


def _all_in_order(objects: list[Any], shape: Shape) -> bool:
    # Level by level, over every object of one shape at once, each distinct key order
    # judged once: a 100,000-claim dataset costs a few comprehensions, not a call per
    # object (values that are not objects are the schema's business, not the order's).
    dicts = [obj for obj in objects if isinstance(obj, dict)]
    if not all(_order_holds(order, shape.keys) for order in {tuple(obj) for obj in dicts}):
        return False
    for key, inner in shape.fields.items():
        if not _all_in_order([obj[key] for obj in dicts if key in obj], inner):
            return False
    for key, inner in shape.items.items():
        members = [item for obj in dicts if isinstance(obj.get(key), list) for item in obj[key]]
        if not _all_in_order(members, inner):
            return False
    return True


def dumps(document: Any) -> str:
    """Serialise in canonical form (the caller orders the keys first).

    The form is ``json.dumps(indent=2, ensure_ascii=False, allow_nan=False)``'s, but
    with an indent the standard library encodes in Python, not C: 2.8 s for 20,000
    claims, a cost every build and ``fmt`` pays per claim.  orjson writes the same bytes
    in a twentieth of that (a fifth with the proofs below), except for what this
    function then sends to the standard library: what orjson refuses (integers beyond
    64 bits, lone surrogates, keys that are not strings, nesting over 255), floats under
    1e-4 (orjson spells 1e-05 as 0.00001), and anything orjson wrote that does not read
    back equal to the document (NaN and infinity, which it writes as null; tuples and
    other non-JSON types).
    """
    try:
        fast = orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except (orjson.JSONEncodeError, TypeError):
        fast = None
    if (fast is not None and _SMALL_FLOAT.search(fast) is None
            and orjson.loads(fast) == document):
        return fast.decode("utf-8")
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


#: How orjson writes a float under 1e-4 (and what a string may hold by chance, which only
#: costs the slow route): where its spelling and Python's part ways.
_SMALL_FLOAT = re.compile(rb"[0-9](?:e-|\.0000)")


def canonical_text(document: Any, *, kind: str) -> str:
    """``document`` in canonical form; ``kind`` is a key of :data:`SHAPES`."""
    return dumps(ordered(document, SHAPES[kind]))
