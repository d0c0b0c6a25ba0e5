"""`claimset add-source`: pin a new source text and create its dataset file.

Copies the text byte for byte into seeds/<id>.txt (refusing what cannot be
pinned: not UTF-8, a BOM, NUL bytes, CR line endings), records its sha256 and
length in a new dataset/<id>.json (canonical, no claims yet, unknown metadata
null), and lists the id in dataset/index.json, holding the checkout lock.  The
three files are written to temporaries first and then renamed into place; a
failure removes the temporaries, and a run killed between the renames is
finished by running it again with the same text.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

from claimset.check import schema
from claimset.check.api import find_checkout
from claimset.contrib.reanchor import read_text_file
from claimset.core.errors import InputError, UsageError
from claimset.store.atomic import write_files_atomic
from claimset.store.canonical import canonical_text
from claimset.store.jsonio import read_json
from claimset.store.layout import (
    DATASET_DIR,
    INDEX_NAME,
    SEEDS_DIR,
    checked_folder,
    resolve_root,
    source_id_problem,
)
from claimset.store.lock import checkout_lock


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the source text (UTF-8, LF line endings)")
    parser.add_argument("--id", required=True, dest="source_id",
                        help="the new source's id: lower case words joined by hyphens, usually "
                             "author and year, e.g. steele-2008")
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout (default: the checkout containing the current directory)")
    parser.add_argument("--title", help="the title as the text gives it")
    parser.add_argument("--author", action="append", default=[], dest="authors",
                        help="an author the text names (repeat for several)")
    parser.add_argument("--publisher", help="who published it")
    parser.add_argument("--published", help="when, ISO 8601 (2004, 2004-02 or 2004-02-13)")
    parser.add_argument("--url", help="where the original was published (http or https)")
    _intermix(parser)


def _intermix(parser: argparse.ArgumentParser) -> None:
    """Let options sit between the positionals (`add-source FILE --id ID PATH`), which
    argparse's plain parsing refuses; the subcommand parser parses intermixed instead."""
    busy: list[bool] = []

    def parse_known_args(args: Any = None, namespace: Any = None) -> Any:
        if busy:  # parse_known_intermixed_args calls back into parse_known_args
            return type(parser).parse_known_args(parser, args, namespace)
        busy.append(True)
        try:
            return parser.parse_known_intermixed_args(args, namespace)
        finally:
            busy.pop()

    parser.parse_known_args = parse_known_args  # type: ignore[method-assign]


def check_id(source_id: str) -> None:
    problem = source_id_problem(source_id)
    if problem is not None:
        raise UsageError(problem)


def source_document(source_id: str, data: bytes, text: str,
                    args: argparse.Namespace) -> dict[str, Any]:
    return {
        "source": {
            "id": source_id, "title": args.title, "authors": list(args.authors),
            "publisher": args.publisher, "published": args.published, "url": args.url,
            "path": f"{SEEDS_DIR}/{source_id}.txt", "sha256": hashlib.sha256(data).hexdigest(),
            "length": len(text), "notes": None,
        },
        "claims": [],
        "exclusions": [],
    }


def run(args: argparse.Namespace) -> int:
    check_id(args.source_id)
    kind, root = resolve_root(args.path if args.path is not None else find_checkout())
    if kind != "checkout":
        raise UsageError("add-source works on a checkout, not a bundle")
    data, text = read_text_file(args.file)
    with checkout_lock(root):  # two add-source at once would each write an index without the other
        return _add(root, args, data, text)


def _half_added(seed: Path, document_path: Path, data: bytes) -> bool:
    """Whether ``seed`` and ``document_path`` are what an earlier add-source of the same
    text wrote before it was killed (then finishing its job is safe)."""
    try:
        if seed.is_symlink() or not seed.is_file() or seed.read_bytes() != data:
            return False
        if not document_path.exists():
            return True
        if document_path.is_symlink():
            return False
        pinned = read_json(document_path).data.get("source", {})
    except (OSError, InputError, AttributeError):
        return False
    return isinstance(pinned, dict) and pinned.get("sha256") == hashlib.sha256(data).hexdigest()


def _add(root: Path, args: argparse.Namespace, data: bytes, text: str) -> int:
    seeds_dir = checked_folder(root, SEEDS_DIR)
    dataset_dir = checked_folder(root, DATASET_DIR)
    index_path = dataset_dir / INDEX_NAME
    index = read_json(index_path, file=f"{DATASET_DIR}/{INDEX_NAME}")
    if not isinstance(index.data, dict) or not isinstance(index.data.get("sources"), list):
        raise InputError("dataset/index.json has no sources list: run `claimset validate`",
                         code="CS104")
    seed = seeds_dir / f"{args.source_id}.txt"
    document_path = dataset_dir / f"{args.source_id}.json"
    taken = [path.relative_to(root).as_posix() for path in (seed, document_path)
             if path.exists() or path.is_symlink()]
    resuming = bool(taken) and args.source_id not in index.data["sources"] and _half_added(
        seed, document_path, data)
    if args.source_id in index.data["sources"] or (taken and not resuming):
        where = ", ".join(taken) or "dataset/index.json"
        raise UsageError(f"source id {args.source_id!r} is taken ({where}): choose another id, "
                         "or re-anchor the existing source with `claimset reanchor`")
    document = source_document(args.source_id, data, text, args)
    errors = schema.validate(document, document="sourceFile")
    if errors:
        raise UsageError(f"{errors[0].pointer.rsplit('/', 1)[-1]}: {errors[0].message}")
    new_index = dict(index.data)
    sources = [*index.data["sources"], args.source_id]
    new_index["sources"] = sorted(sources) if list(index.data["sources"]) == sorted(
        index.data["sources"]) else sources  # keep a sorted list sorted
    # All three written to temporaries first, then renamed: a kill before the last
    # rename leaves a seed (and document) without an index entry, which a rerun with
    # the same text recognises (_half_added) and finishes.
    write_files_atomic([
        (seed, data),
        (document_path, canonical_text(document, kind="source").encode("utf-8")),
        (index_path, canonical_text(new_index, kind="index").encode("utf-8")),
    ])
    print(("finished an interrupted add-source: " if resuming else "")
          + f"added {args.source_id}: {seed.relative_to(root).as_posix()} ({len(text)} code "
          f"points, sha256 {document['source']['sha256'][:12]}…), "
          f"dataset/{args.source_id}.json and its entry in dataset/index.json\n"
          f"next: `claimset coverage {args.source_id}` and `claimset suggest {args.source_id}`")
    return 0
