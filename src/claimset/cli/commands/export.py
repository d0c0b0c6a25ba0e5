"""`claimset export`: the claims as CSV or JSON Lines, one row per claim."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimset.check.loader import load
from claimset.core.errors import UsageError
from claimset.release.export import FORMATS, export
from claimset.store.atomic import write_bytes_atomic

NAME = "export"
HELP = "write the claims as CSV or JSON Lines (one row per claim) to stdout or --out"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout, dataset directory or bundle (default: the bundled data)")
    parser.add_argument("--format", choices=FORMATS, default="csv")
    parser.add_argument("--out", type=Path, default=None,
                        help="file to write (atomically); default: standard output")
    parser.add_argument("--excel", action="store_true",
                        help="CSV for Excel: a UTF-8 byte order mark, and cells that Excel would "
                             "run as formulas prefixed with an apostrophe")


def run(args: argparse.Namespace) -> int:
    if args.excel and args.format != "csv":
        raise UsageError("--excel applies to --format csv only")
    if args.out is not None and args.out.is_dir():
        raise UsageError(f"--out {args.out} is a directory: give a file name")
    data = export(load(args.path), format=args.format, excel=args.excel)
    if args.out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)  # bytes: CRLF and UTF-8 whatever the locale
        sys.stdout.buffer.flush()
    else:
        write_bytes_atomic(args.out, data)
    return 0
