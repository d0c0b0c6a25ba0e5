"""`claimset reanchor`: move a source's claims onto a corrected text, saying how each moved.

Without ``--write`` nothing changes: the report lists every claim and
exclusion as kept, exact, fuzzy(score) or orphaned (exit 1 if any is
orphaned).  ``--write`` pins the new text and rewrites offsets, sha256 and
length; fuzzy placements are marked for review.  Orphans make ``--write``
refuse (exit 1, nothing written): an orphan has no place in the new text, so
writing would leave a claim that cites nothing.  ``--allow-orphans`` writes
anyway, leaving orphaned claims at their old offsets with a ``review`` note, so
that ``claimset validate`` fails on them until they are fixed by hand or
retracted.  The document is written before the seed, so a ``--write`` killed
between the two is finished by running it again with the same NEWFILE.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from claimset.check.api import find_checkout
from claimset.contrib.reanchor import Result, apply, read_text_file, reanchor
from claimset.core.errors import InputError, UsageError
from claimset.store.atomic import write_bytes_atomic, write_text_atomic
from claimset.store.canonical import canonical_text
from claimset.store.jsonio import decode_text, read_bytes, read_json
from claimset.store.layout import (
    DATASET_DIR,
    MAX_SEED_BYTES,
    resolve_root,
    seed_file_path,
    source_file_path,
)
from claimset.store.lock import checkout_lock


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


def checkout_root(path: Path | None) -> Path:
    kind, root = resolve_root(path if path is not None else find_checkout())
    if kind != "checkout":
        raise UsageError("this command works on a checkout, not a bundle")
    return root


def source_file(root: Path, source_id: str) -> Path:
    path = source_file_path(root, source_id)
    if not path.exists() and not path.is_symlink():
        known = sorted(item.stem for item in (root / DATASET_DIR).glob("*.json")
                       if item.name != "index.json")
        raise UsageError(f"no source {source_id!r}: dataset/{source_id}.json does not exist "
                         f"(sources: {', '.join(known) or 'none'})")
    return path


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
    root = checkout_root(args.path)
    if not args.write:
        return _run(root, args)
    with checkout_lock(root):  # fmt or add-source at the same time would lose this update
        return _run(root, args)


def _run(root: Path, args: argparse.Namespace) -> int:
    document_path = source_file(root, args.source_id)
    document = read_json(document_path, file=f"dataset/{args.source_id}.json")
    info = document.data.get("source") if isinstance(document.data, dict) else None
    if not isinstance(info, dict) or not isinstance(info.get("path"), str):
        raise InputError(f"dataset/{args.source_id}.json has no readable source path: run "
                         "`claimset validate` first", code="CS104")
    seed_path = seed_file_path(root, info["path"])
    old_bytes = read_bytes(seed_path, file=info["path"], max_bytes=MAX_SEED_BYTES)
    new_bytes, new_text = read_text_file(args.new_file)
    if args.allow_orphans and not args.write:
        raise UsageError("--allow-orphans only makes sense with --write")
    if hashlib.sha256(old_bytes).hexdigest() != info.get("sha256"):
        if hashlib.sha256(new_bytes).hexdigest() == info.get("sha256"):
            return _finish_interrupted(seed_path, new_bytes, info["path"], write=args.write)
        raise InputError(f"{info['path']} no longer matches the sha256 its source records, so the "
                         "old text (the claims' context) is lost: restore it (`git checkout -- "
                         f"{info['path']}`) and give the corrected text as NEWFILE", code="CS304")
    old_text = decode_text(old_bytes, file=info["path"], code="CS303")
    result = reanchor(old_text, new_text, document.data)
    sys.stdout.write(render(result, source_id=args.source_id, old_name=info["path"],
                            new_name=str(args.new_file)))
    orphans = result.orphans
    if not args.write:
        if new_bytes == old_bytes:
            print("the new text is the pinned text: nothing to do")
        elif orphans:
            print(f"{len(orphans)} orphaned: fix them by hand (or retract), or write with "
                  "--write --allow-orphans to mark them for review")
        else:
            print("run again with --write to apply")
        return 1 if orphans else 0
    if orphans and not args.allow_orphans:
        print(f"claimset reanchor: refusing to write: {len(orphans)} orphaned (nothing was "
              "written); fix them by hand, or pass --allow-orphans", file=sys.stderr)
        return 1
    updated = apply(document.data, result, new_text)
    new_document = canonical_text(updated, kind="source")
    # The document first: if the seed's write never happens, the document pins NEWFILE's
    # sha256, which lets a rerun with the same NEWFILE finish the job (_finish_interrupted).
    write_text_atomic(document_path, new_document)
    try:
        write_bytes_atomic(seed_path, new_bytes)
    except BaseException:
        write_text_atomic(document_path, document.text)  # never leave offsets without their text
        raise
    marked = len(result.of_kind("fuzzy")) + (len(orphans) if args.allow_orphans else 0)
    print(f"wrote {info['path']} and dataset/{args.source_id}.json"
          + (f"; {marked} claim(s) marked for review (CS212)" if marked else ""))
    return 0


def _finish_interrupted(seed_path: Path, new_bytes: bytes, shown: str, *, write: bool) -> int:
    """The document already pins NEWFILE but the seed is still the old text: an earlier
    --write stopped between its two writes.  Pinning NEWFILE completes it."""
    if not write:
        print(f"dataset already re-anchored on this text, but {shown} is not pinned yet (an "
              "interrupted --write): run again with --write to finish")
        return 1
    write_bytes_atomic(seed_path, new_bytes)
    print(f"finished an interrupted re-anchoring: pinned {shown}")
    return 0
