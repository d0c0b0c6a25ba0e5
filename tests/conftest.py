"""Shared fixtures: a tiny, valid checkout written into a temporary directory.

Tests build their own data instead of relying on the curated dataset, so a
test states exactly what it depends on.  The data is built by
:mod:`claimset.testing` (the one builder, shared with ``tests/prdata.py`` and the
benchmarks); these are its demo defaults.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import settings

from claimset import testing
from claimset.grammar.sentences import sentence_at
from claimset.testing import tree_digest, write_source

__all__ = ["DEMO_ID", "DEMO_TEXT", "demo_claims", "make_claim", "read_source_file",
           "source_document", "span", "tree_digest", "write_checkout", "write_source_file"]

# Hypothesis's per-example deadline is a timing assertion: on a shared machine it fails by
# load, not by a bug (test_numbers failed so while the whole suite ran on two cores).
# Performance is measured by benchmarks/, never by a test.
settings.register_profile("claimset", deadline=None)
settings.load_profile("claimset")

# The grammar cache of a test run, and of every command it starts, is a folder of its own:
# never the user's cache directory (tests that look at the cache give their own).
_CACHE = tempfile.mkdtemp(prefix="claimset-tests-cache-")
os.environ["CLAIMSET_CACHE_DIR"] = _CACHE
os.environ.pop("CLAIMSET_NO_CACHE", None)
os.environ.pop("CLAIMSET_CACHE_KEY", None)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)

DEMO_ID = "demo"
DEMO_TEXT = (
    "Planners said a force of some 150,000 troops would maintain order.\n"
    "The bill came to nearly $20 billion, officials said.\n"
)

write_source_file = write_source


def benchmark_module(name: str) -> ModuleType:
    """benchmarks/<name>.py, loaded from its file: benchmarks/ is not a package nor on
    sys.path, so it is put there only while the module loads (some import record.py)."""
    folder = Path(__file__).resolve().parents[1] / "benchmarks"
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", folder / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    sys.path.insert(0, str(folder))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(folder))
    return module


def span(text: str, fragment: str, *, within: tuple[int, int] | None = None) -> dict[str, Any]:
    """A span dict for the unique occurrence of ``fragment`` (inside ``within`` if given)."""
    return testing.span(text, fragment, within=within, unique=True)


def make_claim(text: str, slug: str, quote: str, figure: str, value: float | None, *,
               source_id: str = DEMO_ID, unit: str | None = "troops",
               qualifier: str = "exact", **fields: Any) -> dict[str, Any]:
    return testing.claim(text, source_id, slug, quote, figure, value, unit=unit,
                         qualifier=qualifier, unique=True, **fields)


def demo_claims(text: str = DEMO_TEXT) -> list[dict[str, Any]]:
    """The demo's two claims on ``text``: each quotes the whole sentence of its figure,
    and each figure is what someone said, so its attribution names them (the checks of
    meaning hold a reported figure to its reporter)."""
    def sentence(figure: str) -> str:
        start, end = sentence_at(text, text.index(figure))
        return text[start:end]

    return [
        make_claim(text, "troops", sentence("150,000"), "150,000", 150000,
                   qualifier="approximately", attribution="Planners", stance="attributed"),
        make_claim(text, "cost", sentence("$20 billion"), "$20 billion", 20_000_000_000,
                   unit="USD", qualifier="nearly", upper=20_000_000_000,
                   attribution="officials", stance="attributed"),
    ]


def source_document(text: str, claims: list[dict[str, Any]], *, source_id: str = DEMO_ID,
                    exclusions: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return testing.source_document(text, claims, source_id=source_id,
                                   exclusions=exclusions or [])


def write_checkout(root: Path, *, text: str = DEMO_TEXT,
                   claims: list[dict[str, Any]] | None = None,
                   exclusions: list[dict[str, Any]] | None = None,
                   source_id: str = DEMO_ID, version: str = "1.0.0") -> Path:
    """Write a complete, valid checkout with one source into ``root``."""
    document = source_document(text, demo_claims(text) if claims is None else claims,
                               source_id=source_id, exclusions=exclusions)
    return testing.write_checkout(root, text=text, document=document, version=version)


def read_source_file(root: Path, source_id: str = DEMO_ID) -> dict[str, Any]:
    return testing.read_source(root, source_id)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "repo")


@pytest.fixture
def real_checkout(tmp_path: Path) -> Path:
    """A copy of this repository's dataset and seeds, to edit."""
    root = tmp_path / "repo"
    for folder in ("dataset", "seeds"):
        shutil.copytree(Path(__file__).resolve().parent.parent / folder, root / folder)
    return root


@pytest.fixture
def edit_source(checkout: Path) -> Callable[[Callable[[dict[str, Any]], None]], Path]:
    """Apply ``change`` to the demo source document and write it back (canonically)."""

    def edit(change: Callable[[dict[str, Any]], None]) -> Path:
        document = read_source_file(checkout)
        change(document)
        write_source_file(checkout, document)
        return checkout

    return edit
