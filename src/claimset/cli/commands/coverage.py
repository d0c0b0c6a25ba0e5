"""`claimset coverage`: the numbers in a source that are neither claims nor exclusions.

The rule is the checker's own (CS401, :func:`claimset.check.coverage.uncovered`): a
number is covered when a claim's figure overlaps it or an exclusion names its
exact span.  Each uncovered number is shown with its sentence and a
``seeds/x.txt:line:col`` location (:func:`claimset.contrib.coverage.uncovered_numbers`).
Exit 1 when any number is uncovered.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimset.check.api import dataset_for_command
from claimset.contrib.coverage import uncovered_numbers
from claimset.core.escape import log_line


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


def run(args: argparse.Namespace) -> int:
    source_id, path = split_arguments(args.source_id, args.path)
    coverage = uncovered_numbers(path, source_id=source_id)
    if args.format == "json":
        records = [number.to_dict() for number in coverage.numbers]
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    else:
        for number in coverage.numbers:
            unit = f", {number.unit}" if number.unit else ""
            print(log_line(f"{number.location}: {number.text!r} ({number.kind}{unit}) "
                           f"at {number.start}..{number.end}"))
            print(log_line("    " + number.sentence))
        print(f"{len(coverage.numbers)} uncovered number(s) in {coverage.sources_with_gaps} of "
              f"{coverage.sources} source(s)"
              + ("" if coverage.complete else
                 ": add claims or exclusions (`claimset suggest SOURCE_ID`)"))
    return 0 if coverage.complete else 1
