"""`claimset fmt`: rewrite dataset files into canonical form, or check that they are.

Calls :func:`claimset.contrib.formatting.format_dataset` and prints what it found: each
file reformatted, or with ``--check`` a unified diff of each file not in canonical form.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from claimset.contrib.formatting import format_dataset
from claimset.core.escape import one_line


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout or dataset directory (default: the current checkout)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; print a diff and exit 1 if a file is not canonical")


def run(args: argparse.Namespace) -> int:
    done = format_dataset(args.path, check=args.check)
    for problem in done.problems:
        print(one_line(f"{problem.location}: {problem.code} {problem.message}"), file=sys.stderr)
    for changed in done.changed:
        if args.check:
            sys.stdout.writelines(difflib.unified_diff(
                changed.before.splitlines(keepends=True), changed.after.splitlines(keepends=True),
                fromfile=f"a/{one_line(changed.shown)}", tofile=f"b/{one_line(changed.shown)}"))
        else:
            print(f"reformatted {one_line(changed.shown)}")
    if done.unreadable:
        print(f"claimset fmt: {len(done.unreadable)} file(s) could not be read; nothing was "
              "written to them", file=sys.stderr)
        return 2
    if args.check and done.changed:
        print(f"claimset fmt --check: {len(done.changed)} file(s) not in canonical form: run "
              "`claimset fmt`", file=sys.stderr)
        return 1
    return 0
