"""A tiny, clean checkout for the pull-request tests, and a git repository around it.

The curated dataset is edited concurrently, so these tests build their own:
one short source with three claims and exclusions for every other number the
extractor finds, valid and covered, version 1.0.0 with its changelog entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from claimset.store.canonical import canonical_text
from claimset.store.lock import LOCK_NAME

ROOT = Path(__file__).resolve().parent.parent
SOURCE_ID = "tiny"

PARAGRAPH_TROOPS = ("Planners said a force of some 150,000 troops would maintain order "
                    "after the invasion.")
PARAGRAPH_COST = "The bill came to nearly $20 billion by the end of 2003, officials said."
PARAGRAPH_POLL = "By the third year, 61% of those asked wanted the troops home."
TEXT = "\n\n".join([PARAGRAPH_TROOPS, PARAGRAPH_COST, PARAGRAPH_POLL]) + "\n"

CHANGELOG = """# Changelog

All notable changes to the dataset are documented here (Keep a Changelog).

## [1.0.0] - 2026-01-01

### Added
- The tiny source.
"""


def span(text: str, fragment: str, *, after: int = 0) -> dict[str, Any]:
    start = text.index(fragment, after)
    return {"start": start, "end": start + len(fragment), "text": fragment}


def claims(text: str = TEXT) -> list[dict[str, Any]]:
    def claim(slug: str, quote: str, figure: str, value: float, unit: str, qualifier: str,
              **extra: Any) -> dict[str, Any]:
        quote_span = span(text, quote)
        document = {
            "id": f"{SOURCE_ID}/{slug}", "quote": quote_span,
            "figure": span(text, figure, after=quote_span["start"]),
            "value": value, "unit": unit, "qualifier": qualifier, "lower": None, "upper": None,
            "measure": f"the {slug} figure", "period": None, "place": None,
            "attribution": None, "stance": "asserted", "tags": [], "note": None,
        }
        document.update(extra)
        return document

    return [
        claim("troops", "a force of some 150,000 troops would maintain order", "150,000",
              150000, "troops", "approximately"),
        claim("cost", "The bill came to nearly $20 billion", "$20 billion", 20_000_000_000,
              "USD", "nearly", upper=20_000_000_000),
        claim("poll", "61% of those asked wanted the troops home", "61%", 61, "percent",
              "exact"),
    ]


def exclusions(text: str = TEXT) -> list[dict[str, Any]]:
    return [
        {**span(text, "2003"), "reason": "year", "note": None},
        {**span(text, "third"), "reason": "ordinal", "note": None},
    ]


def source_document(text: str = TEXT, *, claim_list: list[dict[str, Any]] | None = None,
                    exclusion_list: list[dict[str, Any]] | None = None,
                    source_id: str = SOURCE_ID) -> dict[str, Any]:
    return {
        "source": {
            "id": source_id, "title": "A tiny source", "authors": ["A. Writer"],
            "publisher": None, "published": "2004", "url": None,
            "path": f"seeds/{source_id}.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "length": len(text), "notes": None,
        },
        "claims": claims(text) if claim_list is None else claim_list,
        "exclusions": exclusions(text) if exclusion_list is None else exclusion_list,
    }


def write_checkout(root: Path, *, text: str = TEXT, version: str = "1.0.0",
                   changelog: str | None = CHANGELOG,
                   document: dict[str, Any] | None = None) -> Path:
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "dataset").mkdir(parents=True, exist_ok=True)
    (root / "schema").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "schema" / "claimset.schema.json", root / "schema")
    (root / "seeds" / f"{SOURCE_ID}.txt").write_bytes(text.encode("utf-8"))
    write_index(root, version=version)
    write_source(root, document if document is not None else source_document(text))
    if changelog is not None:
        (root / "dataset" / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    return root


def read_index(root: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((root / "dataset" / "index.json").read_text("utf-8"))
    return loaded


def write_index(root: Path, *, version: str, sources: list[str] | None = None) -> None:
    index = {"name": "claimset", "version": version, "description": "Test data.",
             "license": "CC-BY-4.0", "sources": sources or [SOURCE_ID]}
    (root / "dataset" / "index.json").write_text(canonical_text(index, kind="index"), "utf-8")


def set_version(root: Path, version: str, *, entry: bool = True) -> None:
    index = read_index(root)
    index["version"] = version
    (root / "dataset" / "index.json").write_text(canonical_text(index, kind="index"), "utf-8")
    if entry:
        path = root / "dataset" / "CHANGELOG.md"
        text = path.read_text("utf-8") if path.exists() else "# Changelog\n"
        head, _, rest = text.partition("\n## ")
        path.write_text(f"{head}\n## [{version}] - 2026-11-22\n\n- A change.\n\n"
                        + (f"## {rest}" if rest else ""), "utf-8")


def read_source(root: Path, source_id: str = SOURCE_ID) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (root / "dataset" / f"{source_id}.json").read_text("utf-8"))
    return loaded


def write_source(root: Path, document: dict[str, Any]) -> None:
    path = root / "dataset" / f"{document['source']['id']}.json"
    path.write_text(canonical_text(document, kind="source"), "utf-8")


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t",
                           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
                           *args], cwd=root, capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def init_repo(root: Path) -> str:
    """Make ``root`` a git repository with everything committed; returns the commit."""
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return git(root, "rev-parse", "HEAD")


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file outside .git: proves a command changed nothing."""
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*"))
            if path.is_file() and ".git" not in path.relative_to(root).parts
            and path.name != LOCK_NAME}
