"""`claimset build`: the release files of a dataset, byte for byte reproducible."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimset.check.api import find_checkout
from claimset.core.errors import DatasetError, UsageError
from claimset.release.build import REGISTRY_PATH, build_release, update_registry, write_release
from claimset.store.layout import resolve_root
from claimset.store.lock import checkout_lock


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
    if args.replace and not args.update_registry:
        raise UsageError("--replace only makes sense with --update-registry")
    registry_path = None
    if args.update_registry:
        kind, root = resolve_root(path)
        registry_path = root / REGISTRY_PATH
        if kind != "checkout" or not registry_path.is_file():
            raise UsageError(f"--update-registry needs a checkout with {REGISTRY_PATH.as_posix()}"
                             f" ({registry_path} not found)")
        with checkout_lock(root):  # the registry is read, changed and written back
            return _build(args, path, registry_path)
    return _build(args, path, registry_path)


def _build(args: argparse.Namespace, path: Path, registry_path: Path | None) -> int:
    try:
        release = build_release(path, site=not args.no_site)
    except DatasetError as error:
        for problem in error.problems:
            print(f"{problem.location}: {problem.code} {problem.message}", file=sys.stderr)
        # CS613: every check passes, but people have not confirmed the drafts yet.
        code = "CS613" if error.code == "CS613" else "CS607"
        print(f"claimset: error: {code} refusing to build: {len(error.problems)} problem(s) "
              f"above; nothing was written (see `claimset validate {path}`)", file=sys.stderr)
        return 1
    for written in write_release(release, args.out):
        print(f"wrote {written}")
    if registry_path is not None:
        changed = update_registry(release, registry_path, replace=args.replace)
        entry = release.registry_entry()
        print(f"{'updated' if changed else 'unchanged'} {registry_path}: {entry.version} "
              f"{entry.file} {entry.size} bytes sha256 {entry.sha256}")
    return 0
