"""The dataset as W3C Web Annotations: one ``AnnotationCollection`` in JSON-LD.

One ``Annotation`` per claim (motivation ``describing``: its body says what the
quoted figure is) and one per exclusion (motivation ``classifying``: its body
classifies the number as a year, a date, a name... that is not a claim).

* ``id``: an IRI from the base URI, the version and the claim id
  (``<base><version>/claims/<source>/<slug>``); an exclusion's ends with its
  source, span and place in the source's list.
* ``target``: a ``SpecificResource`` whose ``source`` is the source's URL when
  known, else ``urn:sha256:<hex>`` of its pinned text (stable: the text never
  changes without the sha256 changing).  Offsets count code points of the
  *pinned* text, whose sha256 the target also carries (``cs:textSha256``): a
  live web page may differ.  ``selector`` is a ``TextPositionSelector`` (exactly
  the dataset's start and end) and a ``TextQuoteSelector`` whose prefix and
  suffix are at least :data:`MIN_CONTEXT` code points (as annotation tools use)
  and grow until prefix + exact + suffix occurs once in the text, so a tool can
  re-anchor the quote by its words alone.
* ``body``: the claim's fields as structured data (``cs:`` terms, expanded by
  the collection's second context) and a ``TextualBody`` for people.

The first context is ``http://www.w3.org/ns/anno.jsonld``; a copy ships in the
package (``anno.jsonld``), and :func:`expand` expands a document with ``pyld``
through a loader that serves only that copy and refuses every other URL, so
nothing is fetched.

W3C's selectors are built here rather than with ``anchorpoint``'s, which match
case-insensitively and across whitespace (not the model's exact match), miss a
second occurrence that overlaps the first when checking uniqueness, and would
bring pydantic into the export; the tests read every selector back with
``anchorpoint`` as an independent check.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlsplit

from claimset.core.errors import UsageError
from claimset.store.model import Claim, Dataset, Exclusion, Source

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Addresses under which the same context is published; all served from the shipped copy.
_CONTEXT_ALIASES = frozenset({ANNO_CONTEXT, "https://www.w3.org/ns/anno.jsonld",
                              "http://www.w3.org/ns/anno", "https://www.w3.org/ns/anno"})
DEFAULT_BASE_URI = "https://claimset.github.io/"
#: The ``cs:`` terms of the structured bodies.
VOCABULARY = "https://claimset.github.io/vocab#"
#: Prefix and suffix are at least this long (Hypothesis uses 32), longer where needed.
MIN_CONTEXT = 32

#: The collection's own context, beside the W3C one: the ``cs:`` prefix, and the plain
#: keys of a claim's ``cs:relations`` entries, which JSON-LD and RDF readers would
#: otherwise drop on expansion.  The entries keep their order (a list), ``value`` in them
#: is ``cs:value`` as in the claim's own body (not the W3C context's ``rdf:value``), and
#: ``of`` is kept as the JSON it is (``@json``), since a null there (a figure the text
#: does not give) holds a place that an RDF list would drop.  JSON-LD 1.1 (scoped
#: contexts and ``@json``).
_RELATION_TERMS = {
    "kind": "cs:relationKind",
    "of": {"@id": "cs:relationOf", "@type": "@json"},
    "qualifier": "cs:qualifier",
    "value": "cs:value",
    "lower": "cs:lower",
    "upper": "cs:upper",
    "note": "cs:note",
}
_LOCAL_CONTEXT: dict[str, Any] = {
    "@version": 1.1,
    "cs": VOCABULARY,
    "cs:relations": {"@id": "cs:relations", "@container": "@list",
                     "@context": _RELATION_TERMS},
}
CONTEXT: list[Any] = [ANNO_CONTEXT, _LOCAL_CONTEXT]


# -- selectors ---------------------------------------------------------------------------


def occurrences(text: str, needle: str, *, limit: int = 2) -> int:
    """How often ``needle`` occurs in ``text``, overlaps counted, stopping at ``limit``."""
    count, position = 0, text.find(needle)
    while position >= 0 and count < limit:
        count += 1
        position = text.find(needle, position + 1)
    return count


def quote_selector(text: str, start: int, end: int, *,
                   minimum: int = MIN_CONTEXT) -> dict[str, str]:
    """A ``TextQuoteSelector`` for ``text[start:end]`` that only one place in ``text`` fits.

    The prefix and suffix start at ``minimum`` code points and double until
    prefix + exact + suffix occurs once; at worst they reach the text's ends, where
    the whole text occurs once.  Cost: about log2(len(text)) searches of the text.
    """
    margin = max(1, minimum)
    while True:
        low, high = max(0, start - margin), min(len(text), end + margin)
        if occurrences(text, text[low:high]) == 1 or (low == 0 and high == len(text)):
            return {"type": "TextQuoteSelector", "exact": text[start:end],
                    "prefix": text[low:start], "suffix": text[end:high]}
        margin *= 2


def selectors(text: str, start: int, end: int) -> list[dict[str, Any]]:
    return [{"type": "TextPositionSelector", "start": start, "end": end},
            quote_selector(text, start, end)]


# -- identifiers -------------------------------------------------------------------------


def checked_base_uri(base_uri: str) -> str:
    """``base_uri`` as an absolute http(s) IRI ending in "/"; UsageError otherwise."""
    parts = urlsplit(base_uri)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or \
            parts.fragment or any(char.isspace() or char in '<>"{}|\\^`' for char in base_uri):
        raise UsageError(f"--base-uri {base_uri!r} is not an absolute http(s) IRI without "
                         "query or fragment", code="CS804")
    return base_uri if base_uri.endswith("/") else base_uri + "/"


def claim_iri(base: str, version: str, claim_id: str) -> str:
    return f"{base}{quote(version, safe='')}/claims/{quote(claim_id, safe='/')}"


# -- annotations -------------------------------------------------------------------------


def _target(source: Source, start: int, end: int) -> dict[str, Any]:
    return {"type": "SpecificResource", "source": source.iri,
            "cs:textSha256": source.sha256, "selector": selectors(source.text, start, end)}


def _without_none(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}


def claim_summary(claim: Claim) -> str:
    """One sentence for people: the figure, what it measures, whose it is."""
    amount = (f"{claim.lower} to {claim.upper}" if claim.value is None else f"{claim.value}")
    hedge = "" if claim.qualifier in ("exact", "range") else f"{claim.qualifier} "
    unit = f" {claim.unit}" if claim.unit else ""
    who = f", according to {claim.attribution}" if claim.attribution else ""
    retracted = f" (retracted: {claim.retracted.reason})" if claim.retracted else ""
    return (f"\"{claim.figure.text}\" = {hedge}{amount}{unit}: {claim.measure} "
            f"({claim.stance}{who}){retracted}")


def claim_annotation(claim: Claim, source: Source, *, base: str,
                     version: str) -> dict[str, Any]:
    structured = _without_none({
        "type": "cs:Claim", "cs:claimId": claim.id, "cs:source": claim.source,
        "cs:figure": claim.figure.text, "cs:figureStart": claim.figure.start,
        "cs:figureEnd": claim.figure.end, "cs:value": claim.value, "cs:unit": claim.unit,
        "cs:qualifier": claim.qualifier, "cs:lower": claim.lower, "cs:upper": claim.upper,
        "cs:measure": claim.measure, "cs:period": claim.period, "cs:place": claim.place,
        "cs:attribution": claim.attribution, "cs:stance": claim.stance,
        "cs:tags": list(claim.tags) or None, "cs:note": claim.note,
        "cs:retracted": claim.retracted.reason if claim.retracted is not None else None,
        "cs:retractedIn": claim.retracted.version if claim.retracted is not None else None,
        "cs:quantity": claim.quantity,
        "cs:relations": [{"kind": r.kind, "of": list(r.of), "qualifier": r.qualifier,
                          "value": r.value, "lower": r.lower, "upper": r.upper, "note": r.note}
                         for r in claim.relations] or None,
        "cs:excerpt": claim.excerpt,
        "cs:refers": [{"words": r.words, "to": r.to} for r in claim.refers] or None,
        "cs:adopted": claim.adopted,
        "cs:added": [{"words": a.words, "why": a.why} for a in claim.added] or None,
    })
    return {
        "id": claim_iri(base, version, claim.id), "type": "Annotation",
        "motivation": "describing",
        "body": [structured, {"type": "TextualBody", "value": claim_summary(claim),
                              "format": "text/plain", "language": "en",
                              "purpose": "describing"}],
        "target": _target(source, claim.quote.start, claim.quote.end),
    }


def exclusion_annotation(item: Exclusion, position: int, source: Source, *, base: str,
                         version: str) -> dict[str, Any]:
    slug = f"{item.source}/{item.start}-{item.end}-{position}"
    text = f"\"{item.text}\" is not a claim: {item.reason}" + (
        f" ({item.note})" if item.note else "")
    return {
        "id": f"{base}{quote(version, safe='')}/exclusions/{quote(slug, safe='/')}",
        "type": "Annotation", "motivation": "classifying",
        "body": [_without_none({"type": "cs:Exclusion", "cs:source": item.source,
                                "cs:reason": item.reason, "cs:note": item.note,
                                "cs:added": [{"words": a.words, "why": a.why}
                                             for a in item.added] or None}),
                 {"type": "TextualBody", "value": text, "format": "text/plain",
                  "language": "en", "purpose": "classifying"}],
        "target": _target(source, item.start, item.end),
    }


def annotation_collection(dataset: Dataset, *,
                          base_uri: str = DEFAULT_BASE_URI) -> dict[str, Any]:
    """The whole dataset as one ``AnnotationCollection`` with its one page embedded."""
    base = checked_base_uri(base_uri)
    version = dataset.version
    items = [claim_annotation(claim, dataset.sources[claim.source], base=base, version=version)
             for claim in dataset.claims]
    positions: dict[str, int] = {}
    for item in dataset.exclusions:
        position = positions.get(item.source, 0)
        positions[item.source] = position + 1
        items.append(exclusion_annotation(item, position, dataset.sources[item.source],
                                          base=base, version=version))
    collection = f"{base}{quote(version, safe='')}/annotations"
    return {
        "@context": CONTEXT,
        "id": collection, "type": "AnnotationCollection",
        "label": f"{dataset.name} {dataset.version}: citation-checked figures",
        "rights": f"https://spdx.org/licenses/{quote(dataset.license, safe='')}.html",
        "total": len(items),
        "first": {"id": f"{collection}/page1", "type": "AnnotationPage", "partOf": collection,
                  "startIndex": 0, "items": items},
    }


def to_w3c(dataset: Dataset, *, base_uri: str = DEFAULT_BASE_URI) -> bytes:
    """The annotation collection as JSON-LD bytes (UTF-8, two-space indent)."""
    return (json.dumps(annotation_collection(dataset, base_uri=base_uri), indent=2,
                       ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


# -- expanding offline -------------------------------------------------------------------


@cache
def shipped_context() -> str:
    """The package's copy of ``http://www.w3.org/ns/anno.jsonld``."""
    return resources.files("claimset.release").joinpath("anno.jsonld").read_text("utf-8")


def offline_loader(url: str, options: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that serves the shipped W3C context and refuses any other URL."""
    if url not in _CONTEXT_ALIASES:
        from pyld.jsonld import JsonLdError  # type: ignore[import-untyped, unused-ignore]

        raise JsonLdError(f"refusing to load {url!r}: only the W3C annotation context is "
                          "served, from the package's copy", "jsonld.LoadDocumentError",
                          code="loading document failed")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": json.loads(shipped_context())}


def _jsonld() -> Any:
    try:
        from pyld import jsonld  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        raise UsageError("reading JSON-LD needs pyld: pip install 'claimset[w3c]'",
                         code="CS805") from None
    return jsonld


def expand(document: Any) -> list[Any]:
    """``document`` expanded by pyld (``pip install claimset[w3c]``), with no network."""
    expanded: list[Any] = _jsonld().expand(document, {"documentLoader": offline_loader})
    return expanded


def compact(document: Any) -> Any:
    """``document`` (expanded, or compacted with other terms) compacted with this module's
    context, as annotation tools and :func:`annotation_collection` write it; no network.

    A document that needs any context but the W3C one raises UsageError CS808.
    """
    jsonld = _jsonld()
    try:
        compacted = jsonld.compact(document, {"@context": CONTEXT},
                                   {"documentLoader": offline_loader})
    except jsonld.JsonLdError as error:
        raise UsageError(f"not JSON-LD that can be read offline: {str(error)[:300]}",
                         code="CS808") from None
    except (TypeError, ValueError, KeyError, AttributeError, IndexError, RecursionError) as error:
        # pyld reads some shapes JSON admits (a context that is a number, a list of lists)
        # with a Python error rather than its own: still a document it cannot read.
        raise UsageError(f"not JSON-LD that can be read offline ({type(error).__name__}: "
                         f"{str(error)[:200]})", code="CS808") from None
    graph = compacted.get("@graph") if isinstance(compacted, dict) else None
    return graph if isinstance(graph, list) else compacted


def is_compact(document: Any) -> bool:
    """Whether ``document`` is plain JSON or compacted with the W3C context (read as is)."""
    nodes = document if isinstance(document, list) else [document]
    for node in nodes[:1000]:
        if not isinstance(node, dict):
            continue
        if "@graph" in node or any(key.startswith(("http://", "https://")) for key in node):
            return False
        context = node.get("@context")
        contexts = context if isinstance(context, list) else [context]
        # Any JSON may stand here (an object, a list starting with one, a number): only
        # the W3C context's own name is read as is; pyld compacts the rest, or says why not.
        if context is not None and not any(isinstance(item, str) and item in _CONTEXT_ALIASES
                                           for item in contexts):
            return False
    return True
