"""`claimset add-source`: pin a new source text and create its dataset file.

Parses the options and calls :func:`claimset.add_source`
(:mod:`claimset.contrib.sources`): the text is copied byte for byte into
seeds/<id>.txt, its sha256 and length recorded in a new dataset/<id>.json and the id
listed in dataset/index.json, all or nothing, under the checkout lock.  A run killed
between its renames is finished by running it again with the same text.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from claimset.contrib.sources import add_source


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the source text (UTF-8, LF line endings)")
    parser.add_argument("--id", required=True, dest="source_id",
                        help="the new source's id: lower case words joined by hyphens, usually "
                             "author and year, e.g. steele-2008")
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout (default: the checkout containing the current directory)")
    parser.add_argument("--title", help="the title as the text gives it")
    parser.add_argument("--author", action="append", default=[], dest="authors",
                        help="an author the text names (repeat for several)")
    parser.add_argument("--publisher", help="who published it")
    parser.add_argument("--published", help="when, ISO 8601 (2004, 2004-02 or 2004-02-13)")
    parser.add_argument("--url", help="where the original was published (http or https)")
    _intermix(parser)


def _intermix(parser: argparse.ArgumentParser) -> None:
    """Let options sit between the positionals (`add-source FILE --id ID PATH`), which
    argparse's plain parsing refuses; the subcommand parser parses intermixed instead."""
    busy: list[bool] = []

    def parse_known_args(args: Any = None, namespace: Any = None) -> Any:
        if busy:  # parse_known_intermixed_args calls back into parse_known_args
            return type(parser).parse_known_args(parser, args, namespace)
        busy.append(True)
        try:
            return parser.parse_known_intermixed_args(args, namespace)
        finally:
            busy.pop()

    parser.parse_known_args = parse_known_args  # type: ignore[method-assign]


def run(args: argparse.Namespace) -> int:
    added = add_source(args.file, source_id=args.source_id, checkout=args.path,
                       title=args.title, authors=args.authors, publisher=args.publisher,
                       published=args.published, url=args.url)
    seed = f"{added.seed.parent.name}/{added.seed.name}"
    print(("finished an interrupted add-source: " if added.resumed else "")
          + f"added {added.source_id}: {seed} ({added.length} code points, sha256 "
          f"{added.sha256[:12]}…), dataset/{added.source_id}.json and its entry in "
          f"dataset/index.json\n"
          f"next: `claimset suggest {added.source_id} --triage` (add --write to write it)")
    return 0
