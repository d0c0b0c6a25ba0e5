"""`claimset fmt`: rewrite dataset files into canonical form, or check that they are."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from claimset.check.api import find_checkout
from claimset.core.errors import InputError
from claimset.core.escape import one_line
from claimset.store.atomic import write_text_atomic
from claimset.store.canonical import canonical_text
from claimset.store.jsonio import read_json
from claimset.store.layout import (
    DATASET_DIR,
    INDEX_NAME,
    checked_folder,
    display_path,
    resolve_root,
)
from claimset.store.lock import checkout_lock


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout or dataset directory (default: the current checkout)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; print a diff and exit 1 if a file is not canonical")


def dataset_files(root: Path) -> list[Path]:
    return sorted((root / DATASET_DIR).glob("*.json"))


def run(args: argparse.Namespace) -> int:
    kind, root = resolve_root(args.path if args.path is not None else find_checkout())
    if kind == "bundle":
        raise InputError("fmt works on a checkout or a dataset directory, not a bundle",
                         code="CS001")
    if args.check:
        return _format(root, args)
    with checkout_lock(root):  # a reanchor --write or add-source at once would lose an update
        return _format(root, args)


def _format(root: Path, args: argparse.Namespace) -> int:
    checked_folder(root, DATASET_DIR)
    unreadable = changed = 0
    for path in dataset_files(root):
        shown = display_path(path, root)
        try:
            document = read_json(path, file=shown)
        except InputError as error:
            for problem in error.problems:
                print(one_line(f"{problem.location}: {problem.code} {problem.message}"),
                      file=sys.stderr)
            unreadable += 1
            continue
        expected = canonical_text(document.data, kind="index" if path.name == INDEX_NAME
                                  else "source")
        if expected == document.text:
            continue
        changed += 1
        if args.check:
            sys.stdout.writelines(difflib.unified_diff(
                document.text.splitlines(keepends=True), expected.splitlines(keepends=True),
                fromfile=f"a/{one_line(shown)}", tofile=f"b/{one_line(shown)}"))
        else:
            write_text_atomic(path, expected)
            print(f"reformatted {one_line(shown)}")
    if unreadable:
        print(f"claimset fmt: {unreadable} file(s) could not be read; nothing was written to them",
              file=sys.stderr)
        return 2
    if args.check and changed:
        print(f"claimset fmt --check: {changed} file(s) not in canonical form: run `claimset fmt`",
              file=sys.stderr)
        return 1
    return 0
