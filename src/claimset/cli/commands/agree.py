"""`claimset agree A B`: how far two curations of the same source agree, field by field.

Each side is a source's dataset file (``dataset/x.json``), a checkout, dataset
directory or bundle, or a git revision of the checkout here.  Records are matched by
the number's span; each field's agreement and Krippendorff's alpha are printed, then
every disagreement with both readings (text, JSON, or Markdown for a pull-request
comment).  See :mod:`claimset.contrib.agree`.
"""

from __future__ import annotations

import argparse


def configure(parser: argparse.ArgumentParser) -> None:
    from claimset.contrib.agree import AGREEMENT_RENDERERS

    parser.add_argument("a", metavar="A", help="one curation: a dataset file, checkout, "
                                               "dataset directory, bundle or git revision")
    parser.add_argument("b", metavar="B", help="the other curation of the same source")
    parser.add_argument("--source", metavar="SOURCE_ID",
                        help="compare only this source (default: every source both hold)")
    parser.add_argument("--format", choices=sorted(AGREEMENT_RENDERERS), default="text",
                        help="text for a terminal, json for programs, markdown for a "
                             "pull-request comment (default: text)")


def run(args: argparse.Namespace) -> int:
    import sys

    from claimset.check.api import find_checkout
    from claimset.contrib.agree import AGREEMENT_RENDERERS, agreement, read_curation
    from claimset.core.errors import ClaimsetError

    try:
        repo = find_checkout()
    except ClaimsetError:
        repo = None
    a_label, a = read_curation(args.a, repo=repo)
    b_label, b = read_curation(args.b, repo=repo)
    result = agreement(a, b, source=args.source, a_label=a_label, b_label=b_label)
    sys.stdout.write(AGREEMENT_RENDERERS[args.format](result))
    return 0
