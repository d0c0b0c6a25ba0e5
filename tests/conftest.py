"""Shared fixtures: a tiny, valid checkout written into a temporary directory.

Tests build their own data instead of relying on the curated dataset, so a
test states exactly what it depends on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimset.store.canonical import canonical_text
from claimset.store.lock import LOCK_NAME

DEMO_ID = "demo"
DEMO_TEXT = (
    "Planners said a force of some 150,000 troops would maintain order.\n"
    "The bill came to nearly $20 billion, officials said.\n"
)


def span(text: str, fragment: str, *, within: tuple[int, int] | None = None) -> dict[str, Any]:
    """A span dict for the unique occurrence of ``fragment`` (inside ``within`` if given)."""
    lo, hi = within if within is not None else (0, len(text))
    start = text.index(fragment, lo, hi)
    assert text.find(fragment, start + 1, hi) == -1, f"{fragment!r} is not unique"
    return {"start": start, "end": start + len(fragment), "text": fragment}


def make_claim(text: str, slug: str, quote: str, figure: str, value: float | None, *,
               source_id: str = DEMO_ID, unit: str | None = "troops",
               qualifier: str = "exact", **fields: Any) -> dict[str, Any]:
    quote_span = span(text, quote)
    claim = {
        "id": f"{source_id}/{slug}",
        "quote": quote_span,
        "figure": span(text, figure, within=(quote_span["start"], quote_span["end"])),
        "value": value, "unit": unit, "qualifier": qualifier, "lower": None, "upper": None,
        "measure": f"measure of {slug}", "period": None, "place": None, "attribution": None,
        "stance": "asserted", "tags": [], "note": None,
    }
    claim.update(fields)
    return claim


def demo_claims(text: str = DEMO_TEXT) -> list[dict[str, Any]]:
    return [
        make_claim(text, "troops", "a force of some 150,000 troops would maintain order",
                   "150,000", 150000, qualifier="approximately"),
        make_claim(text, "cost", "The bill came to nearly $20 billion", "$20 billion",
                   20_000_000_000, unit="USD", qualifier="nearly", upper=20_000_000_000),
    ]


def source_document(text: str, claims: list[dict[str, Any]], *, source_id: str = DEMO_ID,
                    exclusions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    data = text.encode("utf-8")
    return {
        "source": {
            "id": source_id, "title": "A demo source", "authors": ["A. Writer"],
            "publisher": None, "published": "2004-02-13", "url": None,
            "path": f"seeds/{source_id}.txt", "sha256": hashlib.sha256(data).hexdigest(),
            "length": len(text), "notes": None,
        },
        "claims": claims,
        "exclusions": exclusions or [],
    }


def write_checkout(root: Path, *, text: str = DEMO_TEXT,
                   claims: list[dict[str, Any]] | None = None,
                   exclusions: list[dict[str, Any]] | None = None,
                   source_id: str = DEMO_ID, version: str = "1.0.0") -> Path:
    """Write a complete, valid checkout with one source into ``root``."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "dataset").mkdir(parents=True, exist_ok=True)
    (root / "seeds" / f"{source_id}.txt").write_bytes(text.encode("utf-8"))
    index = {"name": "claimset", "version": version, "description": "Test data.",
             "license": "CC-BY-4.0", "sources": [source_id]}
    (root / "dataset" / "index.json").write_text(canonical_text(index, kind="index"),
                                                 encoding="utf-8")
    document = source_document(text, demo_claims(text) if claims is None else claims,
                               source_id=source_id, exclusions=exclusions)
    write_source_file(root, document)
    return root


def write_source_file(root: Path, document: dict[str, Any]) -> Path:
    path = root / "dataset" / f"{document['source']['id']}.json"
    path.write_text(canonical_text(document, kind="source"), encoding="utf-8")
    return path


def read_source_file(root: Path, source_id: str = DEMO_ID) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (root / "dataset" / f"{source_id}.json").read_text(encoding="utf-8"))
    return loaded


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root``: proves a command changed nothing."""
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*"))
            if path.is_file() and not path.is_symlink() and path.name != LOCK_NAME}


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "repo")


@pytest.fixture
def edit_source(checkout: Path) -> Callable[[Callable[[dict[str, Any]], None]], Path]:
    """Apply ``change`` to the demo source document and write it back (canonically)."""

    def edit(change: Callable[[dict[str, Any]], None]) -> Path:
        document = read_source_file(checkout)
        change(document)
        write_source_file(checkout, document)
        return checkout

    return edit
