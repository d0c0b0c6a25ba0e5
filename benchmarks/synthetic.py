"""A synthetic, valid claimset dataset of any size, for benchmarks and robustness tests.

``python benchmarks/synthetic.py OUT --sources 1000 --claims 100`` writes a
checkout (seeds/, dataset/index.json, dataset/<id>.json) into OUT.

Every claim is real: its quote and figure sit at their code-point offsets in
the generated text, its value is the number the figure's words say, and the
texts contain no number that is not a claim's figure (so coverage holds).  The
filler vocabulary therefore avoids every word the number grammar reads as a
number ("one", "a month", "first", "half", "dozens" ...), and the figures are
comma-grouped integers of five digits or more, which no grammar reads as years.
Curly apostrophes and dashes make code points, UTF-8 bytes and UTF-16 units
differ, as in the real seeds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from claimset.store.canonical import canonical_text

_PROSE = (
    "officials reported that the regional council counted across northern districts during "
    "winter after agency observers noted remaining camps beside border valleys were "
    "registered by southern teams who recorded figures for the city’s river villages while "
    "ministers — and their critics — disputed what inspectors said regarding supplies"
)
WORDS = tuple(_PROSE.split())
UNITS = ("troops", "households", "tonnes", "vehicles", "patients", "votes", "refugees", "USD")


#: Bumped whenever the generated data changes, so that cached copies are rebuilt.
GENERATOR_VERSION = "2"


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
        if shape == 3:  # a one-sided bound, as "at least" claims carry it
            qualifier, lower, hedge = "at least", value, "at least "
        elif shape == 6:  # a range: value null, both bounds from the figure's words
            high, _ = _figure(rng)
            lower, upper = sorted((value, int(high.replace(",", ""))))
            if lower == upper:
                upper += 1
            figure, value, qualifier = f"{lower:,} to {upper:,}", None, "range"
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
            "value": value, "unit": unit, "qualifier": qualifier, "lower": lower, "upper": upper,
            "measure": f"synthetic measure {number} of {source_id}", "period": None,
            "place": None, "attribution": None, "stance": "asserted", "tags": ["synthetic"],
            "note": None,
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
        data = text.encode("utf-8")
        document = {
            "source": {"id": source_id, "title": f"Synthetic {source_id}", "authors": [],
                       "publisher": None, "published": None, "url": None,
                       "path": f"seeds/{source_id}.txt",
                       "sha256": hashlib.sha256(data).hexdigest(), "length": len(text),
                       "notes": None},
            "claims": found,
            "exclusions": [],
        }
        yield f"seeds/{source_id}.txt", data
        yield (f"dataset/{source_id}.json",
               canonical_text(document, kind="source").encode("utf-8"))


def build_tree(sources: int, claims: int, *, seed: int = 0) -> Tree:
    return dict(generate(sources, claims, seed=seed))


def write_tree(tree: Mapping[str, bytes | Symlink], root: Path) -> Path:
    """Write ``tree`` under ``root`` (created); returns ``root``."""
    made: set[Path] = set()
    for relative, content in tree.items():
        path = root / relative
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        if isinstance(content, Symlink):
            path.symlink_to(content.target)
        else:
            path.write_bytes(content)
    return root


def write_dataset(root: Path, sources: int, claims: int, *, seed: int = 0) -> Path:
    """Stream a synthetic dataset into ``root`` without holding it all in memory."""
    return write_tree(_Streamed(generate(sources, claims, seed=seed)), root)


class _Streamed(dict[str, bytes]):
    """Adapts a generator to write_tree's ``items()`` without materialising it."""

    def __init__(self, items: Iterator[tuple[str, bytes]]) -> None:
        super().__init__()
        self._items = items

    def items(self) -> Iterator[tuple[str, bytes]]:  # type: ignore[override]
        return self._items


def dataset_files(root: Path) -> list[Path]:
    return sorted((root / "dataset").glob("*.json"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument("--claims", type=int, default=10, help="claims per source")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    write_dataset(args.out, args.sources, args.claims, seed=args.seed)
    size = sum(path.stat().st_size for path in args.out.rglob("*") if path.is_file())
    print(json.dumps({"out": str(args.out), "sources": args.sources,
                      "claims": args.sources * args.claims, "bytes": size,
                      "seconds": round(time.perf_counter() - started, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
