"""`claimset download`: fetch a released version into the cache, verified."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from claimset.check.loader import load
from claimset.release.download import (
    DEFAULT_BASE_URL,
    ENV_BASE_URL,
    cache_state,
    default_cache_dir,
    fetch,
    resolve_registry,
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("version", nargs="?", default="latest",
                        help="MAJOR.MINOR.PATCH or 'latest' (default)")
    parser.add_argument("--list", action="store_true",
                        help="list the released versions and whether each is cached")
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="cache directory (default: $CLAIMSET_CACHE, "
                             "$XDG_CACHE_HOME/claimset or ~/.cache/claimset)")
    parser.add_argument("--base-url", default=None,
                        help=f"where releases live (default: ${ENV_BASE_URL} or "
                             f"{DEFAULT_BASE_URL})")
    parser.add_argument("--offline", action="store_true", default=None,
                        help="never use the network (also: CLAIMSET_OFFLINE=1)")
    parser.add_argument("--deadline", type=float, default=None, metavar="SECONDS",
                        help="give up when the whole download (retries included) takes longer "
                             "(default: CLAIMSET_DOWNLOAD_DEADLINE, else 900)")
    parser.add_argument("--registry", type=Path, default=None,
                        help="a registry.json to trust instead of the package's "
                             "(also: CLAIMSET_REGISTRY)")


def run(args: argparse.Namespace) -> int:
    registry = resolve_registry(args.registry, environ=os.environ)
    cache_dir = args.cache_dir or default_cache_dir(os.environ, home=Path.home())
    if args.list:
        latest = registry.latest().version if registry.entries else None
        for version, entry in registry.entries.items():
            cached = cache_state(cache_dir / entry.file, entry) == "valid"
            marks = ", ".join(mark for mark, on in (("latest", version == latest),
                                                    ("cached", cached)) if on)
            print(f"{version}\t{entry.file}\t{entry.size}\t{entry.sha256}"
                  + (f"\t({marks})" if marks else ""))
        return 0
    path = fetch(args.version, base_url=args.base_url, cache_dir=cache_dir, offline=args.offline,
                 deadline=args.deadline,
                 progress=sys.stderr.isatty(), registry=registry)
    dataset = load(path)
    print(path)
    print(f"claimset {dataset.version}: {len(dataset.claims)} claims in {len(dataset.sources)} "
          "sources, checksum verified", file=sys.stderr)
    return 0
