"""`claimset find`: the claims matching some filters, as a table, JSON or CSV.

What :meth:`claimset.Dataset.find` does, for people who do not write Python:
every filter given must match (attribution and text as case-insensitive
substrings, text of the quote or the measure; period by prefix).  When nothing
matches, a value no claim has is named on stderr with the close ones it may mean.
JSON and CSV carry the columns of `claimset export` (``EXPORT_COLUMNS``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimset.cli.commands import refuse_unless_format
from claimset.core.vocabulary import QUALIFIERS, STANCES

# The loader and the exporter are imported in run(): `claimset find --help` needs neither.
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from claimset.store.model import Claim, Dataset

FORMATS = ("table", "json", "csv")
HEADERS = ("id", "period", "qualifier", "figure", "unit", "attribution")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", metavar="S", help="claims of this source id")
    parser.add_argument("--tag", metavar="T", help="claims carrying this tag")
    parser.add_argument("--unit", metavar="U", help="claims in this unit (troops, USD, percent...)")
    parser.add_argument("--attribution", metavar="A",
                        help="claims the source attributes to someone whose name contains A "
                             "(case-insensitive: 'iraq body' finds Iraq Body Count)")
    parser.add_argument("--qualifier", metavar="Q", choices=QUALIFIERS,
                        help=f"claims with this qualifier ({', '.join(QUALIFIERS)})")
    parser.add_argument("--stance", choices=STANCES, help="claims with this stance")
    parser.add_argument("--period", metavar="P",
                        help="claims whose period starts with P (2007 finds 2007-01)")
    parser.add_argument("--text", metavar="WORDS",
                        help="claims whose quote or measure contains WORDS (case-insensitive)")
    parser.add_argument("--include-retracted", action="store_true",
                        help="also retracted claims (marked in the table)")
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="table (default), json (an array of rows) or csv (as export)")
    parser.add_argument("--raw-csv", action="store_true",
                        help="with --format csv: cells as they are (by default a cell that a "
                             "spreadsheet would run as a formula gets an apostrophe first)")
    parser.add_argument("--path", type=Path, default=None,
                        help="a checkout, dataset directory or bundle (default: the checkout "
                             "containing the current directory, else the bundled dataset)")


def matching(dataset: Dataset, args: argparse.Namespace) -> list[Claim]:
    return dataset.find(source=args.source, unit=args.unit, qualifier=args.qualifier,
                        attribution=args.attribution, stance=args.stance, tag=args.tag,
                        period=args.period, text=args.text,
                        include_retracted=args.include_retracted)


def table_lines(claims: list[Claim]) -> list[str]:
    from claimset.cli._terminal import table

    rows = [(claim.id + (" (retracted)" if claim.retracted else ""), claim.period or "-",
             claim.qualifier, claim.figure.text, claim.unit or "-", claim.attribution or "-")
            for claim in claims]
    return table(HEADERS, rows)


def unmatched_hints(dataset: Dataset, args: argparse.Namespace) -> list[str]:
    """For each of --source, --tag, --unit and --attribution that no claim has at all:
    a line saying so, with the close values it may mean."""
    from claimset.cli import did_you_mean
    from claimset.core.escape import one_line

    present: dict[str, set[str]] = {"source": set(dataset.sources), "tag": set(), "unit": set(),
                                    "attribution": set()}
    for claim in dataset.claims:
        present["tag"].update(claim.tags)
        if claim.unit is not None:
            present["unit"].add(claim.unit)
        if claim.attribution is not None:
            present["attribution"].add(claim.attribution)
    hints = []
    for option, values in present.items():
        wanted = getattr(args, option)
        if wanted is None:
            continue
        if option == "attribution":
            if any(wanted.casefold() in value.casefold() for value in values):
                continue
            close = did_you_mean(wanted, sorted(values), fold=True)
        elif wanted in values:
            continue
        else:
            close = did_you_mean(wanted, sorted(values))
        hints.append(f"no claim has --{option} {one_line(wanted)!r}{close}")
    return hints


def run(args: argparse.Namespace) -> int:
    refuse_unless_format(args, "csv", "raw_csv")
    import json

    from claimset.check.api import dataset_for_command
    from claimset.check.loader import load
    from claimset.core.vocabulary import EXPORT_COLUMN_NAMES
    from claimset.release.export import to_csv
    from claimset.store.model import Dataset

    dataset = load(dataset_for_command(args.path)[0])
    claims = matching(dataset, args)
    subset = Dataset(name=dataset.name, version=dataset.version,
                     description=dataset.description, license=dataset.license,
                     sources=dataset.sources, claims=claims, exclusions=dataset.exclusions)
    if args.format == "csv":
        sys.stdout.flush()
        sys.stdout.buffer.write(to_csv(subset, raw=args.raw_csv))
        sys.stdout.buffer.flush()
    elif args.format == "json":
        rows = [{name: record[name] for name in EXPORT_COLUMN_NAMES}
                for record in subset.to_records()]
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    elif claims:
        sys.stdout.write("\n".join(table_lines(claims)) + "\n")
    if args.format == "table":
        # "of N": the claims searched, counted as `claimset list` counts them
        retracted = sum(1 for claim in dataset.claims if claim.retracted is not None)
        searched = len(dataset) if args.include_retracted else len(dataset) - retracted
        unsearched = f" (+{retracted} retracted, not searched)" \
            if retracted and not args.include_retracted else ""
        total = f"{len(claims)} of {searched} claims{unsearched}" if claims \
            else f"no claim matches among {searched}{unsearched}"
        print(f"{total} in {dataset.name} {dataset.version}", file=sys.stderr)
    if not claims:
        for hint in unmatched_hints(dataset, args):
            print(hint, file=sys.stderr)
    return 0
