"""`claimset suggest`: JSON skeletons, ready to paste, for a source's uncovered numbers.

Offsets, figure, value, unit, qualifier and bounds come from the extractor and
the quote is the enclosing sentence; the id's slug, measure, attribution and
stance are placeholders that fail validation until edited (see
:mod:`claimset.contrib.suggest`).  ``--exclusions`` prints exclusion skeletons instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimset.check.api import dataset_for_command
from claimset.contrib.coverage import source_gaps
from claimset.contrib.suggest import skeletons


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source_id", help="the source, e.g. steele-2008")
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout or dataset directory (default: the checkout containing "
                             "the current directory, else the bundled dataset)")
    parser.add_argument("--exclusions", action="store_true",
                        help="print exclusion skeletons (start, end, text, reason) instead")


def run(args: argparse.Namespace) -> int:
    path = dataset_for_command(args.path)[0]
    [(text, candidates)] = source_gaps(path, source_id=args.source_id).values()
    items = list(skeletons(args.source_id, text, candidates, exclusions=args.exclusions))
    sys.stdout.write(json.dumps(items, indent=2, ensure_ascii=False) + "\n")
    if not items:
        print(f"every number in {args.source_id} is a claim or an exclusion", file=sys.stderr)
    else:
        group = "exclusions" if args.exclusions else "claims"
        print(f"{len(items)} skeleton(s): paste them into the \"{group}\" of "
              f"dataset/{args.source_id}.json, replace every TODO, then run `claimset fmt` and "
              "`claimset validate`", file=sys.stderr)
    return 0
