"""`claimset corroborate [KEY]`: each quantity's citations, and whether they agree.

Claims that measure one quantity share a ``quantity`` key.  For each key (or the
one asked for) this prints the claims, their sources, the value each gives with
its qualifier and the interval it admits, and the verdict: they agree (their
intervals overlap, and the overlap is what they jointly support), disagree (a
warning, CS710: sources do disagree), or cannot be compared (different units or
periods that do not nest, CS711).  Text for a terminal, JSON for programs,
Markdown for a pull request, as `claimset diff` (the renderers:
:mod:`claimset.contrib.corroboration`).  Exit 0, or 1 when a quantity's
sources disagree.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimset.check.api import dataset_for_command
from claimset.check.loader import load
from claimset.contrib.corroboration import RENDERERS, quantities_of, render


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", nargs="?", default=None,
                        help="a quantity key, e.g. us-troops-in-iraq-2003 (default: every "
                             "quantity)")
    parser.add_argument("--path", type=Path, default=None,
                        help="a checkout, dataset directory or bundle (default: the checkout "
                             "containing the current directory, else the bundled dataset)")
    parser.add_argument("--format", choices=list(RENDERERS), default="text",
                        help="text (default), json (for programs) or markdown")


def run(args: argparse.Namespace) -> int:
    dataset = load(dataset_for_command(args.path)[0])
    quantities = quantities_of(dataset, args.key)
    sys.stdout.write(render(dataset, quantities, format=args.format))
    return 1 if any(q.agreement == "disagree" for q in quantities) else 0
