"""Building valid claimset datasets for tests and benchmarks: the one builder.

Everything here writes data that passes ``claimset validate``: spans sit at
their code-point offsets, values are what the figures' words say, documents are
in canonical form.  Three shapes share the same pieces:

* :func:`write_checkout` — a checkout with one source of your text and claims
  (``tests/conftest.py``'s demo and ``tests/prdata.py``'s tiny source are two
  uses of it);
* :func:`build_tree` / :func:`write_dataset` — a synthetic dataset of any size
  (``sources`` x ``claims``), every claim real and every number covered, for
  benchmarks and robustness tests (``benchmarks/synthetic.py`` is its command
  line);
* the helpers to read, edit and fingerprint what was written.

Nothing in the package imports this module; it depends only on the store layer.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from claimset.core.resources import schema_path
from claimset.store.canonical import canonical_text
from claimset.store.lock import LOCK_NAME
from claimset.store.writer import checked_directory, output_directory, write_file

__all__ = [
    "GENERATOR_VERSION", "Symlink", "Tree", "build_tree", "claim", "dataset_files", "generate",
    "read_index", "read_source", "source_document", "source_id_of", "source_text", "span",
    "tree_digest", "write_checkout", "write_dataset", "write_index", "write_source",
    "write_tree",
]


# -- one source, by hand ---------------------------------------------------------------


def span(text: str, fragment: str, *, after: int = 0,
         within: tuple[int, int] | None = None, unique: bool = False) -> dict[str, Any]:
    """The span of ``fragment``: its first occurrence at or after ``after`` (inside
    ``within`` if given); with ``unique``, it must occur there only once."""
    lo, hi = within if within is not None else (after, len(text))
    start = text.index(fragment, lo, hi)
    if unique and text.find(fragment, start + 1, hi) != -1:
        raise ValueError(f"{fragment!r} is not unique")
    return {"start": start, "end": start + len(fragment), "text": fragment}


def claim(text: str, source_id: str, slug: str, quote: str, figure: str,
          value: float | None, *, unit: str | None, qualifier: str = "exact",
          measure: str | None = None, unique: bool = False, **fields: Any) -> dict[str, Any]:
    """A claim quoting ``quote`` with ``figure`` inside it; ``fields`` override the rest."""
    quote_span = span(text, quote, unique=unique)
    document: dict[str, Any] = {
        "id": f"{source_id}/{slug}",
        "quote": quote_span,
        "figure": span(text, figure, within=(quote_span["start"], quote_span["end"]),
                       unique=unique),
        "value": value, "unit": unit, "qualifier": qualifier, "lower": None, "upper": None,
        "measure": measure if measure is not None else f"measure of {slug}",
        "period": None, "place": None, "attribution": None, "stance": "asserted",
        "tags": [], "note": None,
    }
    document.update(fields)
    return document


def source_document(text: str, claims: list[dict[str, Any]], *, source_id: str,
                    exclusions: Iterable[dict[str, Any]] = (), title: str | None = None,
                    authors: Iterable[str] = ("A. Writer",),
                    published: str | None = "2004-02-13") -> dict[str, Any]:
    """A source document for ``text`` pinned by its sha256 and length."""
    return {
        "source": {
            "id": source_id, "title": title if title is not None else "A demo source",
            "authors": list(authors), "publisher": None, "published": published, "url": None,
            "path": f"seeds/{source_id}.txt",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "length": len(text), "notes": None,
        },
        "claims": claims,
        "exclusions": list(exclusions),
    }


def _write(path: Path, content: str | bytes) -> None:
    """A fixture file, through the writer (no fsync: a test's files need not survive a
    power cut)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    write_file(path, data, durable=False)


def write_index(root: Path, *, version: str, sources: list[str]) -> None:
    index = {"name": "claimset", "version": version, "description": "Test data.",
             "license": "CC-BY-4.0", "sources": sources}
    _write(root / "dataset" / "index.json", canonical_text(index, kind="index"))


def read_index(root: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (root / "dataset" / "index.json").read_text(encoding="utf-8"))
    return loaded


def write_source(root: Path, document: dict[str, Any]) -> Path:
    """Write ``document`` as ``dataset/<id>.json``, canonically."""
    path = root / "dataset" / f"{document['source']['id']}.json"
    _write(path, canonical_text(document, kind="source"))
    return path


def read_source(root: Path, source_id: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        (root / "dataset" / f"{source_id}.json").read_text(encoding="utf-8"))
    return loaded


def write_checkout(root: Path, *, text: str, document: dict[str, Any],
                   version: str = "1.0.0", changelog: str | None = None,
                   with_schema: bool = False) -> Path:
    """A complete checkout in ``root``: the seed, the index, the source document, and
    optionally ``dataset/CHANGELOG.md`` and a copy of the schema."""
    source_id = document["source"]["id"]
    _write(root / "seeds" / f"{source_id}.txt", text)
    if with_schema:
        _write(root / "schema" / schema_path().name, schema_path().read_bytes())
    write_index(root, version=version, sources=[source_id])
    write_source(root, document)
    if changelog is not None:
        _write(root / "dataset" / "CHANGELOG.md", changelog)
    return root


def tree_digest(root: Path, *, skip_git: bool = False) -> dict[str, str]:
    """sha256 of every regular file under ``root`` but the checkout lock: proves a
    command changed nothing.  With ``skip_git``, files in ``.git`` are left out too."""
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*"))
            if path.is_file() and not path.is_symlink() and path.name != LOCK_NAME
            and not (skip_git and ".git" in path.relative_to(root).parts)}


# -- a synthetic dataset of any size ---------------------------------------------------
#
# Every claim is real: its quote and figure sit at their code-point offsets in the
# generated text, its value is the number the figure's words say, and the texts
# contain no number that is not a claim's figure (so coverage holds).  The filler
# vocabulary therefore avoids every word the number grammar reads as a number ("one",
# "a month", "first", "half", "dozens" ...), and the figures are comma-grouped
# integers of five digits or more, which no grammar reads as years.  Curly
# apostrophes and dashes make code points, UTF-8 bytes and UTF-16 units differ, as
# in the real seeds.  The words also avoid what the checks of meaning read (a reporting
# frame such as "officials said", a pronoun such as "their", "that"), so that every
# quote, a whole sentence, says what its claim says; each measure names its claim,
# an identifier, and states no fact the text does not.

_PROSE = (
    "officials reviewed then the regional council travelled across northern districts during "
    "winter after agency observers passed remaining camps beside border valleys were "
    "registered by southern teams who recorded boxes for the city’s river villages while "
    "ministers — and the critics — disputed what inspectors saw regarding supplies"
)
WORDS = tuple(_PROSE.split())
# Counted nouns (and a currency): no unit of measure, which the grammar reads as part of the
# figure ("5,443,012 tonnes" is a measurement in metric_ton since issue 26).
UNITS = ("troops", "households", "schools", "vehicles", "patients", "votes", "refugees", "USD")

#: Bumped whenever the generated data changes, so that cached copies are rebuilt.
GENERATOR_VERSION = "3"


@attrs.frozen
class Symlink:
    """A tree entry that is a symbolic link to ``target`` (robustness tests use these)."""

    target: str


#: A checkout held in memory: path relative to the root -> file bytes (or a link).
Tree = dict[str, bytes | Symlink]


def _figure(rng: random.Random) -> tuple[str, int]:
    value = rng.randrange(10_000, 10_000_000)
    return f"{value:,}", value


def source_text(rng: random.Random, source_id: str,
                claims: int) -> tuple[str, list[dict[str, Any]]]:
    """A text of ``claims`` sentences, one figure each, and the claims that cite them."""
    parts: list[str] = ["Synthetic report: " + source_id.replace("-", " ").rstrip("0123456789")
                        .strip() + "\n\n"]
    position = len(parts[0])
    found: list[dict[str, Any]] = []
    for number in range(claims):
        figure, value = _figure(rng)
        shape = number % 10
        unit = rng.choice(UNITS[:-1] if shape == 6 else UNITS)
        qualifier, lower, upper, hedge = "exact", None, None, ""
        shown: int | None = value
        if shape == 3:  # a one-sided bound, as "at least" claims carry it
            qualifier, lower, hedge = "at least", value, "at least "
        elif shape == 6:  # a range: value null, both bounds from the figure's words
            high, _ = _figure(rng)
            low, top = sorted((value, int(high.replace(",", ""))))
            if low == top:
                top += 1
            lower, upper = low, top
            figure, shown, qualifier = f"{low:,} to {top:,}", None, "range"
        before = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7)))
        after = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6)))
        before = before[:1].upper() + before[1:]
        unit_words = unit
        if unit == "USD":  # a currency is the figure's own words ("$20 billion"): CS215
            figure, unit_words = "$" + figure, "in funding"
        quote = f"{before} {hedge}{figure} {unit_words} {after}"
        figure_start = position + len(before) + 1 + len(hedge)
        found.append({
            "id": f"{source_id}/claim-{number}",
            "quote": {"start": position, "end": position + len(quote), "text": quote},
            "figure": {"start": figure_start, "end": figure_start + len(figure), "text": figure},
            "value": shown, "unit": unit, "qualifier": qualifier, "lower": lower,
            "upper": upper, "measure": f"synthetic measure of {source_id}/claim-{number}",
            "period": None, "place": None, "attribution": None, "stance": "asserted",
            "tags": ["synthetic"], "note": None,
        })
        separator = ".\n\n" if number % 8 == 7 else ". "
        parts.append(quote + separator)
        position += len(quote) + len(separator)
    return "".join(parts), found


def source_id_of(number: int) -> str:
    return f"synth-{number:05d}"


def generate(sources: int, claims: int, *, seed: int = 0) -> Iterator[tuple[str, bytes]]:
    """Files of a dataset of ``sources`` x ``claims``, as (relative path, bytes), lazily."""
    rng = random.Random(seed)
    ids = [source_id_of(number) for number in range(sources)]
    index = {"name": "synthetic", "version": "1.0.0",
             "description": f"Synthetic data: {sources} sources x {claims} claims.",
             "license": "CC0-1.0", "sources": ids}
    yield "dataset/index.json", canonical_text(index, kind="index").encode("utf-8")
    for source_id in ids:
        text, found = source_text(rng, source_id, claims)
        document = source_document(text, found, source_id=source_id,
                                   title=f"Synthetic {source_id}", authors=(), published=None)
        yield f"seeds/{source_id}.txt", text.encode("utf-8")
        yield (f"dataset/{source_id}.json",
               canonical_text(document, kind="source").encode("utf-8"))


def build_tree(sources: int, claims: int, *, seed: int = 0) -> Tree:
    return dict(generate(sources, claims, seed=seed))


def write_tree(tree: Mapping[str, bytes | Symlink] | Iterable[tuple[str, bytes | Symlink]],
               root: Path) -> Path:
    """Write ``tree`` (a mapping, or its items one by one) under ``root``; returns ``root``."""
    items = tree.items() if isinstance(tree, Mapping) else tree
    out = output_directory(root)
    for relative, content in items:
        if isinstance(content, Symlink):
            path = out.path_of(relative)
            checked_directory(path.parent, roots=(out.root,))
            path.symlink_to(content.target)  # a hostile tree's link, for the checks to refuse
        else:
            out.write(relative, content, durable=False)
    return root


def write_dataset(root: Path, sources: int, claims: int, *, seed: int = 0) -> Path:
    """Stream a synthetic dataset into ``root`` without holding it all in memory."""
    return write_tree(generate(sources, claims, seed=seed), root)


def dataset_files(root: Path) -> list[Path]:
    return sorted((root / "dataset").glob("*.json"))
