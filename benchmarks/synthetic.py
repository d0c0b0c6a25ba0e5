"""A synthetic, valid claimset dataset of any size, for benchmarks and robustness tests.

``python benchmarks/synthetic.py OUT --sources 1000 --claims 100`` writes a
checkout (seeds/, dataset/index.json, dataset/<id>.json) into OUT.

The generator is :mod:`claimset.testing` (the one builder of test datasets,
shared with the tests); this is its command line, and the benchmarks import
its names from here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from claimset.testing import (
    GENERATOR_VERSION,
    Symlink,
    Tree,
    build_tree,
    dataset_files,
    generate,
    source_id_of,
    source_text,
    write_dataset,
    write_tree,
)

__all__ = ["GENERATOR_VERSION", "Symlink", "Tree", "build_tree", "dataset_files", "generate",
           "main", "source_id_of", "source_text", "write_dataset", "write_tree"]


def add_dataset_arguments(parser: argparse.ArgumentParser, *, rounds: int) -> None:
    """The options of a benchmark on the synthetic dataset: its size, where it lives, and
    the rounds to alternate."""
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100, help="claims per source")
    parser.add_argument("--dir", type=Path, default=None,
                        help="where the synthetic dataset lives (reused if complete)")
    parser.add_argument("--rounds", type=int, default=rounds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument("--claims", type=int, default=10, help="claims per source")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    write_dataset(args.out, args.sources, args.claims, seed=args.seed)
    size = sum(path.stat().st_size for path in args.out.rglob("*") if path.is_file())
    print(json.dumps({"out": str(args.out), "sources": args.sources,
                      "claims": args.sources * args.claims, "bytes": size,
                      "seconds": round(time.perf_counter() - started, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
