"""`claimset export`: the claims as CSV or JSON Lines (one row per claim), or SQLite.

``--format sqlite`` needs ``--out`` (a database is not for a terminal) and also
writes Datasette's ``metadata.json`` beside it (``--metadata`` to name it).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimset.check.api import dataset_for_command
from claimset.check.loader import load
from claimset.core.errors import UsageError
from claimset.release.export import FORMATS, export
from claimset.store.atomic import refuse_non_regular, write_bytes_atomic


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
                        help="CSV for Excel: a UTF-8 byte order mark, and cells that Excel would "
                             "run as formulas prefixed with an apostrophe")
    parser.add_argument("--base-uri", default=None,
                        help="with --format w3c: the base IRI of the annotations' ids "
                             "(default: https://claimset.github.io/)")
    parser.add_argument("--metadata", type=Path, default=None,
                        help="with --format sqlite: where to write Datasette's metadata.json "
                             "(default: metadata.json beside --out)")


def run(args: argparse.Namespace) -> int:
    if args.excel and args.format != "csv":
        raise UsageError("--excel applies to --format csv only")
    if args.out is not None and args.out.is_dir():
        raise UsageError(f"--out {args.out} is a directory: give a file name")
    if args.base_uri is not None and args.format != "w3c":
        raise UsageError("--base-uri applies to --format w3c only")
    if args.out is not None:
        refuse_non_regular(args.out)  # before the work: /dev/null or a FIFO is never replaced
    if args.format == "sqlite":
        return _sqlite(args)
    if args.metadata is not None:
        raise UsageError("--metadata applies to --format sqlite only")
    data = export(load(dataset_for_command(args.path)[0]), format=args.format, excel=args.excel,
                  base_uri=args.base_uri)
    if args.out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)  # bytes: CRLF and UTF-8 whatever the locale
        sys.stdout.buffer.flush()
    else:
        write_bytes_atomic(args.out, data)
    return 0


def _sqlite(args: argparse.Namespace) -> int:
    from claimset.release.sqlite import datasette_metadata  # sqlite-utils only when asked

    if args.out is None:
        raise UsageError("--format sqlite needs --out FILE (e.g. --out claimset.db)")
    metadata_path = args.metadata if args.metadata is not None else (
        args.out.parent / "metadata.json")
    if metadata_path.is_dir():
        raise UsageError(f"--metadata {metadata_path} is a directory: give a file name")
    if metadata_path.resolve() == args.out.resolve():
        raise UsageError("--metadata and --out name the same file")
    dataset = load(dataset_for_command(args.path)[0])
    data = export(dataset, format="sqlite")
    metadata = datasette_metadata(dataset, database=args.out.stem)
    write_bytes_atomic(args.out, data)
    write_bytes_atomic(metadata_path, (json.dumps(metadata, indent=2, ensure_ascii=False)
                                       + "\n").encode("utf-8"))
    print(f"wrote {args.out} and {metadata_path}: datasette {args.out} -m {metadata_path}",
          file=sys.stderr)
    return 0
