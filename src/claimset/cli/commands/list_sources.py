"""`claimset list`: the dataset's sources, each with its counts and what is known of it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimset.cli.commands import refuse_unless_format

# The loader is imported in run(): `claimset list --help` does not need it.
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from typing import Any

    from claimset.store.model import Dataset

FORMATS = ("table", "json", "csv")
COLUMNS = ("source", "claims", "retracted", "exclusions", "authors", "title", "publisher",
           "published")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="table (default), json (an array of rows) or csv")
    parser.add_argument("--raw-csv", action="store_true",
                        help="with --format csv: cells as they are (by default a cell that a "
                             "spreadsheet would run as a formula gets an apostrophe first)")
    parser.add_argument("--path", type=Path, default=None,
                        help="a checkout, dataset directory or bundle (default: the checkout "
                             "containing the current directory, else the bundled dataset)")


def rows(dataset: Dataset) -> list[dict[str, Any]]:
    """One row per source, in the index's order."""
    found = []
    for source in dataset.sources.values():
        claims = dataset.claims_of(source.id)
        found.append({
            "source": source.id,
            "claims": sum(1 for claim in claims if claim.retracted is None),
            "retracted": sum(1 for claim in claims if claim.retracted is not None),
            "exclusions": len(dataset.exclusions_of(source.id)),
            "authors": "; ".join(source.authors),
            "title": source.title, "publisher": source.publisher,
            "published": source.published,
        })
    return found


def run(args: argparse.Namespace) -> int:
    refuse_unless_format(args, "csv", "raw_csv")
    import csv
    import io
    import json

    from claimset.check.api import dataset_for_command
    from claimset.check.loader import load
    from claimset.cli._terminal import table
    from claimset.core.escape import spreadsheet_cell

    dataset = load(dataset_for_command(args.path)[0])
    found = rows(dataset)
    if args.format == "json":
        sys.stdout.write(json.dumps(found, indent=2, ensure_ascii=False) + "\n")
        return 0
    if args.format == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        shown = (str if args.raw_csv else spreadsheet_cell)
        writer.writerows([["" if row[c] is None else row[c] if isinstance(row[c], int)
                           else shown(row[c]) for c in COLUMNS] for row in found])
        sys.stdout.flush()
        sys.stdout.buffer.write(buffer.getvalue().encode("utf-8"))
        sys.stdout.buffer.flush()
        return 0
    lines = table(("source", "claims", "exclusions", "by"),
                  [(row["source"], str(row["claims"]) + (f" (+{row['retracted']} retracted)"
                                                         if row["retracted"] else ""),
                    str(row["exclusions"]), row["authors"] or "-") for row in found],
                  right=frozenset({1, 2}))
    retracted = sum(r["retracted"] for r in found)
    totals = (f"{len(found)} sources, {sum(r['claims'] for r in found)} claims"
              f"{f' (+{retracted} retracted)' if retracted else ''}, "
              f"{sum(r['exclusions'] for r in found)} exclusions in {dataset.name} "
              f"{dataset.version}")
    sys.stdout.write("\n".join([*lines, totals]) + "\n")
    return 0
