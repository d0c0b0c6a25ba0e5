"""`claimset export`: the claims as CSV or JSON Lines (one row per claim), or SQLite.

``--format sqlite`` needs ``--out`` (a database is not for a terminal) and also
writes Datasette's ``metadata.json`` beside it (``--metadata`` to name it).  Files are
written by :func:`claimset.release.export.write_export`, which checks every target
before reading the dataset.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimset.check.api import dataset_for_command
from claimset.check.loader import load
from claimset.cli.commands import refuse_unless_format
from claimset.core.errors import UsageError
from claimset.release.export import FORMATS, export, write_export


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout, dataset directory or bundle (default: the checkout "
                             "containing the current directory, else the bundled dataset)")
    parser.add_argument("--format", choices=FORMATS, default="csv",
                        help="csv (default: a spreadsheet's table), jsonl (one object a line), "
                             "sqlite (a database for Datasette; needs --out) or w3c (W3C Web "
                             "Annotations, JSON-LD)")
    parser.add_argument("--out", type=Path, default=None,
                        help="file to write (atomically); default: standard output")
    parser.add_argument("--excel", action="store_true",
                        help="CSV for Excel: a UTF-8 byte order mark")
    parser.add_argument("--raw-csv", action="store_true",
                        help="CSV cells as they are (by default a cell that a spreadsheet would "
                             "run as a formula gets an apostrophe first)")
    parser.add_argument("--base-uri", default=None,
                        help="with --format w3c: the base IRI of the annotations' ids "
                             "(default: https://claimset.github.io/)")
    parser.add_argument("--metadata", type=Path, default=None,
                        help="with --format sqlite: where to write Datasette's metadata.json "
                             "(default: metadata.json beside --out)")


def run(args: argparse.Namespace) -> int:
    refuse_unless_format(args, "csv", "excel", "raw_csv")
    if args.base_uri is not None and args.format != "w3c":
        raise UsageError("--base-uri applies to --format w3c only")
    if args.metadata is not None and args.format != "sqlite":
        raise UsageError("--metadata applies to --format sqlite only")
    path = dataset_for_command(args.path)[0]
    if args.out is None:
        if args.format == "sqlite":
            raise UsageError("--format sqlite needs --out FILE (e.g. --out claimset.db)")
        data = export(load(path), format=args.format, excel=args.excel, base_uri=args.base_uri,
                      raw=args.raw_csv)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)  # bytes: CRLF and UTF-8 whatever the locale
        sys.stdout.buffer.flush()
        return 0
    written = write_export(path, args.out, format=args.format, excel=args.excel,
                           base_uri=args.base_uri, metadata=args.metadata, raw=args.raw_csv)
    if args.format == "sqlite":
        metadata = written[1]
        print(f"wrote {args.out} and {metadata}: datasette {args.out} -m {metadata}",
              file=sys.stderr)
    return 0
