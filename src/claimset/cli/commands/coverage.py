"""`claimset coverage`: the numbers in a source that are neither claims nor exclusions.

The rule is the checker's own (CS401, :func:`claimset.check.coverage.uncovered`): a
number is covered when a claim's figure overlaps it or an exclusion names its
exact span.  Each uncovered number is shown with its sentence and a
``seeds/x.txt:line:col`` location.  Exit 1 when any number is uncovered.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from claimset.check.api import coverage_gaps, dataset_for_command
from claimset.core.errors import UsageError
from claimset.core.escape import one_line
from claimset.grammar.sentences import sentence_span
from claimset.store.layout import RawDataset, read_dataset, require_dataset
from claimset.store.positions import LineIndex


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source_id", nargs="?", help="only this source (default: every source)")
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout, dataset directory or bundle (default: the checkout "
                             "containing the current directory, else the bundled dataset)")
    parser.add_argument("--format", choices=["text", "json"], default="text",
                        help="text (default: each number in its sentence) or json (for programs)")


def split_arguments(source_id: str | None, path: Path | None) -> tuple[str | None, Path]:
    """``coverage PATH`` and ``coverage SOURCE_ID`` both work: an existing path is a path."""
    if source_id is not None and path is None and Path(source_id).exists() and (
            "/" in source_id or Path(source_id).is_file() or (Path(source_id) / "dataset")
            .is_dir() or (Path(source_id) / "index.json").is_file()):
        return None, Path(source_id)
    return source_id, dataset_for_command(path)[0]


def seed_paths(raw: Any) -> dict[str, str]:
    """Source id -> its seed's path as the source records it (for locations)."""
    paths = {}
    for entry in raw.entries:
        info = entry.data.get("source") if isinstance(entry.data, dict) else None
        if isinstance(info, dict) and isinstance(info.get("id"), str):
            paths[info["id"]] = str(info.get("path"))
    return paths


def gaps_of(source_id: str | None, path: Path, *,
            raw: RawDataset | None = None) -> dict[str, tuple[str, list[Any]]]:
    """Each source's text and uncovered candidates (``raw``: the dataset at ``path``, if
    already read)."""
    gaps = coverage_gaps(raw if raw is not None else read_dataset(path))
    if source_id is None:
        return gaps
    if source_id not in gaps:
        known = sorted(gaps)
        raise UsageError(f"no readable source {source_id!r} in {path} (sources: "
                         f"{', '.join(known) or 'none'}; `claimset validate` says why one is "
                         "unreadable)")
    return {source_id: gaps[source_id]}


def run(args: argparse.Namespace) -> int:
    source_id, path = split_arguments(args.source_id, args.path)
    raw = require_dataset(read_dataset(path), label=str(path))
    gaps = gaps_of(source_id, path, raw=raw)
    paths = seed_paths(raw)
    records = []
    for sid, (text, candidates) in gaps.items():
        lines = LineIndex(text)
        for candidate in candidates:
            line, column = lines.line_column(candidate.start)
            start, end = sentence_span(text, candidate.start, candidate.end)
            records.append({
                "source": sid, "start": candidate.start, "end": candidate.end,
                "text": candidate.text, "kind": candidate.kind, "value": candidate.value,
                "unit": candidate.unit, "location": f"{paths.get(sid, sid)}:{line}:{column}",
                "sentence": " ".join(text[start:end].split()),
            })
    if args.format == "json":
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    else:
        for record in records:
            unit = f", {record['unit']}" if record["unit"] else ""
            print(one_line(f"{record['location']}: {record['text']!r} ({record['kind']}{unit}) "
                           f"at {record['start']}..{record['end']}"))
            print("    " + one_line(record["sentence"]))
        sources = len({record["source"] for record in records})
        print(f"{len(records)} uncovered number(s) in {sources} of {len(gaps)} source(s)"
              + (": add claims or exclusions (`claimset suggest SOURCE_ID`)" if records else ""))
    return 1 if records else 0
