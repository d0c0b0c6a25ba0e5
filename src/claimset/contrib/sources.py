"""A checkout's sources on disk: pinning a new one, and re-anchoring one on a corrected text.

Both rewrite several files of a checkout as one change, holding the checkout lock
(:mod:`claimset.store.lock`) around their read-modify-write, through the one
multi-file write (:func:`claimset.store.writer.write_files`): every target is checked
(a regular file, no symlink on the way, not the text being read), every file is
written to a temporary first, then the temporaries are renamed into place in an order
a rerun can recognise, and a failure between the renames puts back what was renamed.

* :func:`add_source` copies a text byte for byte into ``seeds/<id>.txt`` (refusing
  what cannot be pinned: not UTF-8, a BOM, NUL bytes, CR line endings), records its
  sha256 and length in a new ``dataset/<id>.json`` (canonical, no claims yet, unknown
  metadata null) and lists the id in ``dataset/index.json``.  A run killed between
  its renames is finished by running it again with the same text.
* :func:`reanchor` moves a source's claims and exclusions onto a corrected text
  (:mod:`claimset.contrib.reanchor` places each one) and, with ``write=True``, pins the
  new text and rewrites offsets, sha256 and length.  The document is renamed before the
  seed, so a write killed between the two is finished by running it again with the same
  new file.

``claimset add-source`` and ``claimset reanchor`` are these functions and a printout.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from claimset.check import schema
from claimset.check.api import find_checkout
from claimset.contrib import reanchor as anchoring
from claimset.core import arguments
from claimset.core.errors import InputError, UsageError
from claimset.store.canonical import canonical_text
from claimset.store.jsonio import JsonFile, decode_text, read_bytes, read_json
from claimset.store.layout import (
    DATASET_DIR,
    INDEX_NAME,
    MAX_SEED_BYTES,
    SEEDS_DIR,
    checked_folder,
    read_dataset,
    read_plain_text,
    resolve_root,
    seed_file_path,
    source_file_path,
    source_id_problem,
)
from claimset.store.lock import checkout_lock
from claimset.store.writer import Reads, write_files

__all__ = ["AddedSource", "OrphansRefused", "Reanchoring", "add_source", "checkout_root",
           "pinned_source", "reanchor"]


def checkout_root(checkout: str | os.PathLike[str] | None) -> Path:
    """The checkout a writing operation works on: ``checkout``, else the one containing the
    current directory (UsageError for a bundle or a path that is no checkout)."""
    kind, root = resolve_root(Path(checkout) if checkout is not None else find_checkout())
    if kind != "checkout":
        raise UsageError("this works on a checkout (a folder with dataset/ and seeds/), not a "
                         "bundle")
    return root


def pinned_source(path: str | os.PathLike[str], source_id: str) -> tuple[dict[str, Any], str]:
    """The metadata and pinned text of source ``source_id`` of the dataset at ``path`` (a
    checkout, dataset directory or bundle), the text checked against its sha256.

    UsageError for an unknown id (naming the closest ones); InputError CS304 when the
    text cannot be read or does not match its sha256.
    """
    raw = read_dataset(Path(path))
    infos = {entry.data["source"]["id"]: entry.data["source"] for entry in raw.entries
             if isinstance(entry.data, dict) and isinstance(entry.data.get("source"), dict)
             and isinstance(entry.data["source"].get("id"), str)}
    if source_id not in infos:
        close = difflib.get_close_matches(source_id, infos, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UsageError(f"no source {source_id!r} in {path}{hint}")
    from claimset.check.checker import CheckOptions, checked_sources  # only when reading one

    # The files and the citations, no values: what reading one source's pinned text needs.
    text = next((verdict.source.text for verdict in checked_sources(
                     raw, options=CheckOptions(values=False, coverage=False, meaning=False))
                 if verdict.source is not None and verdict.source.source_id == source_id),
                None)
    info = infos[source_id]
    if text is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != info.get("sha256"):
        raise InputError(f"the pinned text of {source_id} cannot be read or does not match its "
                         f"sha256: run `claimset validate {path}`", code="CS304")
    return info, text


# -- adding a source -------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class AddedSource:
    """What :func:`add_source` wrote."""

    source_id: str
    #: The pinned text, ``seeds/<id>.txt``, its new dataset file and the index.
    seed: Path
    document: Path
    index: Path
    sha256: str
    #: The text's length in code points (what offsets count).
    length: int
    #: True when this finished an add-source of the same text that was killed half way.
    resumed: bool = False


def source_document(source_id: str, data: bytes, text: str, *, title: str | None = None,
                    authors: Sequence[str] = (), publisher: str | None = None,
                    published: str | None = None, url: str | None = None) -> dict[str, Any]:
    """The new ``dataset/<id>.json`` of a text: its metadata, sha256 and length, no claims."""
    return {
        "$schema": "../schema/source-file.schema.json",  # for editors (docs/dataset.md)
        "source": {
            "id": source_id, "title": title, "authors": list(authors), "publisher": publisher,
            "published": published, "url": url, "path": f"{SEEDS_DIR}/{source_id}.txt",
            "sha256": hashlib.sha256(data).hexdigest(), "length": len(text), "notes": None,
        },
        "claims": [],
        "exclusions": [],
    }


def read_text_file(path: Path, *, display: str | None = None) -> tuple[bytes, str]:
    """A source text to pin: UTF-8 without BOM, no NUL bytes, LF line endings.

    Raises a one-line :class:`InputError` (CS110) otherwise; the bytes are
    returned so they can be pinned exactly as read.
    """
    shown = display or str(path)
    if not path.exists():
        raise InputError(f"{shown}: no such file", code="CS109")
    data, text = read_plain_text(path, file=shown)
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise InputError(f"{shown}:{line}: has CR (Windows or old Mac) line endings: convert "
                         "them to LF so the sha256 is the same everywhere", code="CS110")
    if not text.strip():
        raise InputError(f"{shown}: is empty", code="CS110")
    return data, text


def add_source(file: str | os.PathLike[str], *, source_id: str,
               checkout: str | os.PathLike[str] | None = None, title: str | None = None,
               authors: Sequence[str] = (), publisher: str | None = None,
               published: str | None = None, url: str | None = None) -> AddedSource:
    """Pin the text at ``file`` as source ``source_id`` of ``checkout`` (default: the
    checkout containing the current directory), all or nothing.

    ``title``, ``authors``, ``publisher``, ``published`` (ISO 8601: 2004, 2004-02 or
    2004-02-13) and ``url`` (http or https) are what the text itself says; what is not
    given is null.  Raises :class:`~claimset.core.errors.UsageError` for an id that is
    malformed or taken and for metadata the schema refuses, and
    :class:`~claimset.core.errors.InputError` for a text that cannot be pinned (CS110)
    or a checkout that cannot be read or written (CS104, CS113, CS114).
    """
    function = "claimset.add_source"
    arguments.path(function, "file", file, optional=False)
    arguments.text(function, "source_id", source_id)
    arguments.path(function, "checkout", checkout)
    for name, value in (("title", title), ("publisher", publisher), ("published", published),
                        ("url", url)):
        arguments.text(function, name, value, optional=True)
    if not isinstance(authors, list | tuple) or not all(isinstance(a, str) for a in authors):
        raise arguments.refused(function, "authors", "a sequence of str", authors)
    problem = source_id_problem(source_id)
    if problem is not None:
        raise UsageError(problem)
    root = checkout_root(checkout)
    data, text = read_text_file(Path(file))
    document = source_document(source_id, data, text, title=title, authors=authors,
                               publisher=publisher, published=published, url=url)
    errors = schema.validate(document, document="sourceFile")
    if errors:
        raise UsageError(f"{errors[0].pointer.rsplit('/', 1)[-1]}: {errors[0].message}")
    with checkout_lock(root):  # two add-source at once would each write an index without the other
        return _add(root, source_id, data, document, text_file=Path(file))


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


def _add(root: Path, source_id: str, data: bytes, document: dict[str, Any], *,
         text_file: Path) -> AddedSource:
    seeds_dir = checked_folder(root, SEEDS_DIR)
    dataset_dir = checked_folder(root, DATASET_DIR)
    index_path = dataset_dir / INDEX_NAME
    index = read_json(index_path, file=f"{DATASET_DIR}/{INDEX_NAME}")
    if not isinstance(index.data, dict) or not isinstance(index.data.get("sources"), list):
        raise InputError("dataset/index.json has no sources list: run `claimset validate`",
                         code="CS104")
    listed = index.data["sources"]
    seed = seeds_dir / f"{source_id}.txt"
    document_path = dataset_dir / f"{source_id}.json"
    taken = [path.relative_to(root).as_posix() for path in (seed, document_path)
             if path.exists() or path.is_symlink()]
    resuming = bool(taken) and source_id not in listed and _half_added(seed, document_path, data)
    if source_id in listed or (taken and not resuming):
        where = ", ".join(taken) or "dataset/index.json"
        raise UsageError(f"source id {source_id!r} is taken ({where}): choose another id, "
                         "or re-anchor the existing source with `claimset reanchor`")
    new_index = dict(index.data)
    sources = [*listed, source_id]
    new_index["sources"] = sorted(sources) if list(listed) == sorted(listed) else sources
    # Renamed in this order: a kill before the last rename leaves a seed (and document)
    # without an index entry, which a rerun with the same text recognises (_half_added).
    write_files([
        (seed, data),
        (document_path, canonical_text(document, kind="source").encode("utf-8")),
        (index_path, canonical_text(new_index, kind="index").encode("utf-8")),
    ], reads=Reads(files=(text_file,)), roots=(root,))
    info = document["source"]
    return AddedSource(source_id=source_id, seed=seed, document=document_path,
                       index=index_path, sha256=info["sha256"], length=info["length"],
                       resumed=resuming)


# -- re-anchoring a source -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Reanchoring:
    """How a source's claims and exclusions land on a corrected text, and what was written.

    ``result`` holds one placement per claim and exclusion (kept, exact, fuzzy or
    orphaned); it is None when the dataset already pinned the new text's sha256 (an
    interrupted write: ``interrupted``), in which case only the seed is left to pin.
    """

    source_id: str
    #: The seed's path as the source records it (``seeds/<id>.txt``), and the new text's.
    seed: str
    new_file: Path
    result: anchoring.Result | None
    #: Whether the new text is byte for byte the pinned one.
    unchanged: bool = False
    #: The dataset already pins the new text but the seed is the old one (a --write that
    #: stopped between its two renames).
    interrupted: bool = False
    written: bool = False

    @property
    def orphans(self) -> tuple[anchoring.Placement, ...]:
        return self.result.orphans if self.result is not None else ()

    @property
    def marked(self) -> int:
        """Claims marked for review by the write (fuzzy placements, and orphans when
        written anyway)."""
        if not self.written or self.result is None:
            return 0
        return len(self.result.of_kind("fuzzy")) + len(self.orphans)


class OrphansRefused(UsageError):
    """``reanchor(write=True)`` refused to write: some claims or exclusions have no place
    in the new text.  ``reanchoring`` holds every placement (nothing was written)."""

    code = "CS140"

    def __init__(self, reanchoring: Reanchoring) -> None:
        count = len(reanchoring.orphans)
        super().__init__(f"refusing to write: {count} orphaned (nothing was written); fix them "
                         "by hand, or write anyway marking them for review (--allow-orphans)")
        self.reanchoring = reanchoring


def reanchor(source_id: str, new_file: str | os.PathLike[str], *,
             checkout: str | os.PathLike[str] | None = None, write: bool = False,
             allow_orphans: bool = False) -> Reanchoring:
    """Place every claim and exclusion of ``source_id`` on the corrected text at
    ``new_file``; with ``write``, pin that text and rewrite the source's offsets.

    Without ``write`` nothing changes on disk.  With it, orphans (claims or exclusions
    the new text has no place for) make it raise :class:`OrphansRefused` (CS140) and write
    nothing, unless ``allow_orphans``: then orphaned claims keep their old offsets with a
    ``review`` note, so that validation fails on them until they are fixed or retracted.
    Fuzzy placements are always marked for review (CS212).  Raises
    :class:`~claimset.core.errors.InputError` when the pinned text no longer matches its
    sha256 (CS304) or a file cannot be read (CS109, CS110), and
    :class:`~claimset.core.errors.UsageError` for an unknown source.
    """
    function = "claimset.reanchor"
    arguments.text(function, "source_id", source_id)
    arguments.path(function, "new_file", new_file, optional=False)
    arguments.path(function, "checkout", checkout)
    arguments.flag(function, "write", write)
    arguments.flag(function, "allow_orphans", allow_orphans)
    if allow_orphans and not write:
        raise UsageError("allow_orphans (--allow-orphans) only makes sense with write "
                         "(--write)")
    root = checkout_root(checkout)
    if not write:
        return _reanchor(root, source_id, Path(new_file), write=False, allow_orphans=False)
    with checkout_lock(root):  # fmt or add-source at the same time would lose this update
        return _reanchor(root, source_id, Path(new_file), write=True,
                         allow_orphans=allow_orphans)


def _source_file(root: Path, source_id: str) -> Path:
    path = source_file_path(root, source_id)
    if not path.exists() and not path.is_symlink():
        known = sorted(item.stem for item in (root / DATASET_DIR).glob("*.json")
                       if item.name != INDEX_NAME)
        raise UsageError(f"no source {source_id!r}: dataset/{source_id}.json does not exist "
                         f"(sources: {', '.join(known) or 'none'})")
    return path


def _pinned(document: JsonFile, source_id: str) -> dict[str, Any]:
    info = document.data.get("source") if isinstance(document.data, dict) else None
    if not isinstance(info, dict) or not isinstance(info.get("path"), str):
        raise InputError(f"dataset/{source_id}.json has no readable source path: run "
                         "`claimset validate` first", code="CS104")
    return info


def _reanchor(root: Path, source_id: str, new_file: Path, *, write: bool,
              allow_orphans: bool) -> Reanchoring:
    document_path = _source_file(root, source_id)
    document = read_json(document_path, file=f"dataset/{source_id}.json")
    info = _pinned(document, source_id)
    seed_path = seed_file_path(root, info["path"])
    old_bytes = read_bytes(seed_path, file=info["path"], max_bytes=MAX_SEED_BYTES)
    new_bytes, new_text = read_text_file(new_file)
    shown = Reanchoring(source_id=source_id, seed=info["path"], new_file=new_file, result=None)
    if hashlib.sha256(old_bytes).hexdigest() != info.get("sha256"):
        if hashlib.sha256(new_bytes).hexdigest() != info.get("sha256"):
            raise InputError(f"{info['path']} no longer matches the sha256 its source records, "
                             "so the old text (the claims' context) is lost: restore it (`git "
                             f"checkout -- {info['path']}`) and give the corrected text as "
                             "NEWFILE", code="CS304")
        # An earlier write renamed the document but not the seed: pinning NEWFILE ends it.
        if write:
            write_files([(seed_path, new_bytes)], reads=Reads(files=(new_file,)), roots=(root,))
        return attrs.evolve(shown, interrupted=True, written=write)
    old_text = decode_text(old_bytes, file=info["path"], code="CS303")
    result = anchoring.reanchor(old_text, new_text, document.data)
    placed = attrs.evolve(shown, result=result, unchanged=new_bytes == old_bytes)
    if not write:
        return placed
    if result.orphans and not allow_orphans:
        raise OrphansRefused(placed)
    updated = anchoring.apply(document.data, result, new_text)
    # The document first: if the seed's rename never happens, the document pins NEWFILE's
    # sha256, which lets a rerun with the same NEWFILE finish the job (``interrupted``).
    write_files([
        (document_path, canonical_text(updated, kind="source").encode("utf-8")),
        (seed_path, new_bytes),
    ], reads=Reads(files=(new_file,)), roots=(root,))
    return attrs.evolve(placed, written=True)
