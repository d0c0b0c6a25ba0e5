"""`claimset confirm`: a person takes drafted fields as their own reading.

``claimset confirm steele-2008/books-on-iraq measure period`` removes ``measure``
and ``period`` from the claim's ``drafted`` (every draft when no field is named);
``claimset confirm steele-2008@1234`` confirms the exclusion starting at 1234.
Check each field against the text first, and correct it if need be: a confirmed
field is the person's (see :mod:`claimset.contrib.confirm`).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", help="a claim id (SOURCE_ID/SLUG) or an exclusion "
                                       "(SOURCE_ID@START, its start offset)")
    parser.add_argument("fields", nargs="*", metavar="FIELD",
                        help="the drafted fields to confirm (default: every one)")
    parser.add_argument("--path", type=Path,
                        help="the checkout (default: the checkout containing the current "
                             "directory)")


def run(args: argparse.Namespace) -> int:
    from claimset.check.api import find_checkout
    from claimset.contrib.confirm import confirm
    from claimset.core.escape import one_line

    root = args.path if args.path is not None else find_checkout()
    done = confirm(root, args.target, args.fields)
    if not done.confirmed:
        print(one_line(f"{done.target} has no drafts: nothing to confirm"))
        return 0
    left = (f"; still drafts: {', '.join(done.remaining)}" if done.remaining
            else "; nothing left to confirm")
    print(one_line(f"confirmed {done.target}: {', '.join(done.confirmed)}{left}"))
    return 0
