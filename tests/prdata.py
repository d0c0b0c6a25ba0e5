"""A tiny, clean checkout for the pull-request tests, and a git repository around it.

The curated dataset is edited concurrently, so these tests build their own:
one short source with three claims and exclusions for every other number the
extractor finds, valid and covered, version 1.0.0 with its changelog entry.
Built by :mod:`claimset.testing`, the one builder the other tests share.
"""

from __future__ import annotations

import os
import subprocess
from functools import partial
from pathlib import Path
from typing import Any

from claimset import testing
from claimset.store.canonical import canonical_text
from claimset.testing import read_index, write_source

__all__ = ["CHANGELOG", "SOURCE_ID", "TEXT", "claims", "exclusions", "fail_nth_rename", "git",
           "init_repo",
           "read_index", "read_source", "set_version", "source_document", "span",
           "tree_digest", "write_checkout", "write_index", "write_source"]

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
    return testing.span(text, fragment, after=after)


def claims(text: str = TEXT) -> list[dict[str, Any]]:
    def claim(slug: str, quote: str, figure: str, value: float, unit: str, qualifier: str,
              **extra: Any) -> dict[str, Any]:
        return testing.claim(text, SOURCE_ID, slug, quote, figure, value, unit=unit,
                             qualifier=qualifier, measure=f"the {slug} figure", **extra)

    return [
        # Whole sentences; a figure someone said is attributed to them (the checks of
        # meaning hold a reported figure to its reporter).
        claim("troops", PARAGRAPH_TROOPS, "150,000", 150000, "troops", "approximately",
              attribution="Planners", stance="attributed"),
        claim("cost", PARAGRAPH_COST, "$20 billion", 20_000_000_000, "USD", "nearly",
              upper=20_000_000_000, attribution="officials", stance="attributed"),
        claim("poll", PARAGRAPH_POLL, "61%", 61, "percent", "exact"),
    ]


def exclusions(text: str = TEXT) -> list[dict[str, Any]]:
    return [
        {**span(text, "2003"), "reason": "year", "note": None},
        {**span(text, "third"), "reason": "ordinal", "note": None},
    ]


def source_document(text: str = TEXT, *, claim_list: list[dict[str, Any]] | None = None,
                    exclusion_list: list[dict[str, Any]] | None = None,
                    source_id: str = SOURCE_ID) -> dict[str, Any]:
    return testing.source_document(
        text, claims(text) if claim_list is None else claim_list, source_id=source_id,
        exclusions=exclusions(text) if exclusion_list is None else exclusion_list,
        title="A tiny source", published="2004")


def write_checkout(root: Path, *, text: str = TEXT, version: str = "1.0.0",
                   changelog: str | None = CHANGELOG,
                   document: dict[str, Any] | None = None) -> Path:
    return testing.write_checkout(
        root, text=text, document=document if document is not None else source_document(text),
        version=version, changelog=changelog, with_schema=True)


def write_index(root: Path, *, version: str, sources: list[str] | None = None) -> None:
    testing.write_index(root, version=version, sources=sources or [SOURCE_ID])


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
    return testing.read_source(root, source_id)


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


#: sha256 of every file outside .git: proves a command changed nothing.
tree_digest = partial(testing.tree_digest, skip_git=True)


def fail_nth_rename(monkeypatch: Any, nth: int, error: BaseException) -> None:
    """Make the ``nth`` rename (``os.replace``, which ``Path.replace`` calls) raise
    ``error``: a full disk, or (a KeyboardInterrupt) a process dying between two renames."""
    renamed: list[object] = []
    real = os.replace

    def failing(source: Any, target: Any, *more: Any, **options: Any) -> None:
        renamed.append(target)
        if len(renamed) == nth:
            raise error
        real(source, target, *more, **options)

    monkeypatch.setattr(os, "replace", failing)
