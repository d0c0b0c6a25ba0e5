"""`claimset suggest`: records, ready to paste or write, for a source's uncovered numbers.

Without options, one claim skeleton per uncovered number: offsets, figure, value, unit,
qualifier and bounds from the extractor, the quote the enclosing sentence, and the id's
slug, measure, attribution and stance placeholders that fail validation until edited
(:mod:`claimset.contrib.suggest`); ``--exclusions`` prints exclusion skeletons instead.

``--triage`` decides each number instead: a claim with its judgement fields drafted, or
an exclusion with its reason, printed as one JSON object ``{"claims": [...],
"exclusions": [...]}`` (:mod:`claimset.contrib.triage`).  Each record lists in
``drafted`` the fields a person must confirm.  ``--write`` puts them into the source's
dataset file instead of printing them (atomically, under the checkout lock, in canonical
form) and says what it wrote.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source_id", help="the source, e.g. steele-2008")
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout or dataset directory (default: the checkout containing "
                             "the current directory, else the bundled dataset)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--exclusions", action="store_true",
                      help="print exclusion skeletons (start, end, text, reason) instead")
    mode.add_argument("--triage", action="store_true",
                      help='decide each number: {"claims": [...], "exclusions": [...]}, claims '
                           "with their judgement fields drafted, exclusions with their reason, "
                           "each listing in 'drafted' what a person must confirm")
    parser.add_argument("--write", action="store_true",
                        help="with --triage: put the records into the source's dataset file "
                             "(atomically, under the checkout lock, in canonical form)")


def run(args: argparse.Namespace) -> int:
    from claimset.core.errors import UsageError

    if args.write and not args.triage:
        raise UsageError("--write needs --triage: only triaged records are written")
    if args.triage:
        return _triage(args)
    from claimset.check.api import dataset_for_command
    from claimset.contrib.coverage import source_gaps
    from claimset.contrib.suggest import skeletons

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


def _triage(args: argparse.Namespace) -> int:
    from claimset.check.api import dataset_for_command, find_checkout
    from claimset.contrib.triage import triage_source, write_triage

    if args.write:
        root = args.path if args.path is not None else find_checkout()
        result, path = write_triage(root, args.source_id)
    else:
        result, path = triage_source(dataset_for_command(args.path)[0], args.source_id), None
        sys.stdout.write(json.dumps(result.document(), indent=2, ensure_ascii=False) + "\n")
    claims, exclusions = len(result.claims), len(result.exclusions)
    if path is not None:
        if claims + exclusions:
            print(f"wrote {claims} claim(s) and {exclusions} exclusion(s) into "
                  f"dataset/{args.source_id}.json, each marked for review: check every field its "
                  "'drafted' names against the text, then `claimset confirm` it (`claimset "
                  "validate` lists them as CS216 and CS217)", file=sys.stderr)
        else:
            print(f"every number in {args.source_id} is a claim or an exclusion: nothing "
                  "written", file=sys.stderr)
    return 0
