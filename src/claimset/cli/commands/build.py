"""`claimset build`: the release files of a dataset, byte for byte reproducible.

Calls :func:`claimset.release.build.build`, which checks ``--out`` before any work
(never a symlink a checkout holds, never inside ``dataset/`` or ``seeds/``), writes
under the output's lock, and prints what it wrote.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimset.check.api import find_checkout
from claimset.core.errors import DatasetError
from claimset.release.build import REGISTRY_PATH, build


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout or dataset directory (default: the current checkout)")
    parser.add_argument("--out", type=Path, default=Path("dist"),
                        help="directory to write the release files to (default: dist/)")
    parser.add_argument("--no-site", action="store_true",
                        help="leave out the static site (which needs claimset[site], i.e. Jinja2)")
    parser.add_argument("--update-registry", action="store_true",
                        help="also record the release in the checkout's "
                             f"{REGISTRY_PATH.as_posix()}")
    parser.add_argument("--replace", action="store_true",
                        help="with --update-registry: overwrite an existing entry for this version "
                             "(only for a version that was never published)")


def run(args: argparse.Namespace) -> int:
    path = args.path if args.path is not None else find_checkout()
    from claimset.cli._status import Status

    with Status("build") as status:  # on a terminal only
        try:
            built = build(path, out=args.out, site=not args.no_site,
                          update_registry=args.update_registry, replace=args.replace,
                          progress=status)
        except DatasetError as error:
            status.close()
            for problem in error.problems:
                print(f"{problem.location}: {problem.code} {problem.message}", file=sys.stderr)
            # CS613: every check passes, but people have not confirmed the drafts yet.
            code = "CS613" if error.code == "CS613" else "CS607"
            print(f"claimset: error: {code} refusing to build: {len(error.problems)} "
                  f"problem(s) above; nothing was written (see `claimset validate {path}`)",
                  file=sys.stderr)
            return 1
    for written in built.written:
        print(f"wrote {written}")
    if built.registry is not None:
        entry = built.release.registry_entry()
        print(f"{'updated' if built.registry_changed else 'unchanged'} {built.registry}: "
              f"{entry.version} {entry.file} {entry.size} bytes sha256 {entry.sha256}")
    return 0
