"""`claimset reanchor`: move a source's claims onto a corrected text, saying how each moved.

Parses the options, calls :func:`claimset.reanchor` (:mod:`claimset.contrib.sources`)
and prints how each claim and exclusion lands: kept, exact, fuzzy(score) or orphaned.
Without ``--write`` nothing changes (exit 1 if any is orphaned).  ``--write`` pins the
new text and rewrites offsets, sha256 and length; fuzzy placements are marked for
review.  Orphans make ``--write`` refuse (exit 1, nothing written): an orphan has no
place in the new text, so writing would leave a claim that cites nothing.
``--allow-orphans`` writes anyway, leaving orphaned claims at their old offsets with a
``review`` note, so that ``claimset validate`` fails on them until they are fixed by
hand or retracted.  A ``--write`` killed between its two renames is finished by running
it again with the same NEWFILE.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimset.contrib.reanchor import Result
from claimset.contrib.sources import OrphansRefused, Reanchoring, reanchor


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source_id", help="the source whose text was corrected")
    parser.add_argument("new_file", type=Path, help="the corrected text (UTF-8, LF)")
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout (default: the checkout containing the current directory)")
    parser.add_argument("--write", action="store_true",
                        help="pin the new text and rewrite the offsets (refused if any claim or "
                             "exclusion is orphaned)")
    parser.add_argument("--allow-orphans", action="store_true",
                        help="with --write: write even with orphans, marking orphaned claims "
                             "for review (validation then fails until they are fixed)")


def render(result: Result, *, source_id: str, old_name: str, new_name: str) -> str:
    lines = [f"reanchor {source_id}: {old_name} → {new_name}"]
    width = max((len(item.label) for item in result.placements), default=8)
    for item in result.placements:
        where = f"{item.old[0]}..{item.old[1]}"
        if item.new is not None and item.new != item.old:
            where += f" → {item.new[0]}..{item.new[1]}"
        note = f"  ({item.why})" if item.kind != "kept" else ""
        lines.append(f"  {item.label:<{width}}  {item.target}  {where}{note}")
    counts = result.counts()
    lines.append(", ".join(f"{number} {kind}" for kind, number in counts.items()))
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    try:
        done = reanchor(args.source_id, args.new_file, checkout=args.path, write=args.write,
                        allow_orphans=args.allow_orphans)
    except OrphansRefused as refused:
        _report(refused.reanchoring)
        print(f"claimset reanchor: {refused}", file=sys.stderr)
        return 1
    if done.interrupted:
        if done.written:
            print(f"finished an interrupted re-anchoring: pinned {done.seed}")
            return 0
        print(f"dataset already re-anchored on this text, but {done.seed} is not pinned yet (an "
              "interrupted --write): run again with --write to finish")
        return 1
    _report(done)
    if done.written:
        print(f"wrote {done.seed} and dataset/{done.source_id}.json"
              + (f"; {done.marked} claim(s) marked for review (CS212)" if done.marked else ""))
        return 0
    if done.unchanged:
        print("the new text is the pinned text: nothing to do")
    elif done.orphans:
        print(f"{len(done.orphans)} orphaned: fix them by hand (or retract), or write with "
              "--write --allow-orphans to mark them for review")
    else:
        print("run again with --write to apply")
    return 1 if done.orphans else 0


def _report(done: Reanchoring) -> None:
    assert done.result is not None
    sys.stdout.write(render(done.result, source_id=done.source_id, old_name=done.seed,
                            new_name=str(done.new_file)))
