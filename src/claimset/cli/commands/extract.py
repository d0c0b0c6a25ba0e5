"""``claimset extract CORPUS...``: every figure in text files, directories and JSONL corpora.

Without ``--out`` the figures go to standard output: ``--format text`` (the
default) shows each one in its sentence, marked with brackets, after a
``file:line:column`` location a terminal or editor can open; ``--format jsonl``
prints one JSON object per figure with the file name and every
:class:`~claimset.grammar.extract.Candidate` field.

With ``--out FILE`` (``.jsonl`` or ``.parquet``) each row carries the document's
id and sha256 and every candidate field; the run streams through a process pool
(``--jobs``) or Dask (``--engine dask``), shows progress on a terminal, and a killed
run continues with ``--resume``.  An unreadable document is reported (one line with
its code) and skipped; the exit status is then 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimset.corpus import engines
from claimset.corpus.runner import OUTPUT_FORMATS, output_format, write
from claimset.corpus.work import Result


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="CORPUS",
                        help="UTF-8 text files, directories (recursively), JSONL files of "
                             '{"id": ..., "text": ...} documents, or - for standard input')
    parser.add_argument("--format", choices=OUTPUT_FORMATS, default=None,
                        help="text: each figure in its sentence (default on standard output); "
                             "jsonl: one JSON object per figure (default with --out); "
                             "parquet: needs --out (default for a .parquet file)")
    parser.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help="write rows (document id, sha256, every field) to FILE, "
                             "replaced only when the run completes")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes (default: every core this process may use)")
    parser.add_argument("--engine", choices=engines.ENGINES, default="local",
                        help="local: a process pool (default); dask: Dask futures")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="a Dask scheduler (tcp://HOST:8786); without it --engine dask "
                             "starts a LocalCluster of --jobs workers")
    parser.add_argument("--glob", default="*.txt", metavar="PATTERN",
                        help="which files of a directory are documents (default: *.txt)")
    parser.add_argument("--resume", action="store_true",
                        help="continue a killed --out run where it stopped")


def _report(result: Result) -> None:
    code, message = result.problem or ("CS109", result.display)
    print(f"claimset: error: {code} {message} (skipped)", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    fmt = output_format(args.format, args.out)
    progress = sys.stderr if args.out is not None and sys.stderr.isatty() else None
    summary = write(args.files, out=args.out, fmt=fmt, glob=args.glob, jobs=args.jobs,
                    engine=args.engine, scheduler=args.scheduler, resume=args.resume,
                    stdin=sys.stdin.buffer, stdout=sys.stdout.buffer, on_skip=_report,
                    progress=progress)
    if args.out is not None:
        print(f"{summary.figures:,} figures from {summary.documents - summary.skipped:,} "
              f"documents in {args.out}" + (f"; {summary.skipped:,} unreadable documents "
                                            "skipped" if summary.skipped else ""),
              file=sys.stderr)
    return 2 if summary.skipped else 0
