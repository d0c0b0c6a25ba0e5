"""`claimset diff`: what a pull request changes, without reading JSON.

Each side is a checkout, a dataset directory, a bundle or a git revision;
``--base REV`` compares the work tree with REV.  Text for a terminal, JSON for
programs, Markdown for a pull-request comment or ``$GITHUB_STEP_SUMMARY``
(:mod:`claimset.contrib.diffrender`; the sides are read by
:mod:`claimset.contrib.revisions`).
"""

from __future__ import annotations

import argparse
import sys

from claimset.contrib.diffrender import RENDERERS, render
from claimset.contrib.revisions import compare


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sides", nargs="*", metavar="OLD NEW",
                        help="two checkouts, dataset directories, bundles or git revisions "
                             "(with --base: at most one, the new side; default the checkout)")
    parser.add_argument("--base", metavar="REV",
                        help="compare the work tree with git revision REV (read through git; "
                             "the work tree is not touched)")
    parser.add_argument("--format", choices=list(RENDERERS), default="text",
                        help="text (default), json (for programs) or markdown (a pull request "
                             "comment or job summary)")


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(render(compare(args.sides, base=args.base), format=args.format))
    return 0
