"""Finding the documents of a corpus and reading each one, lazily and in a fixed order.

A corpus is any mix of text files, directories (walked recursively in sorted order,
files matching ``glob``; symlinked directories are not followed, so a link loop cannot
trap the walk), JSONL files of ``{"id": ..., "text": ...}`` documents (any file whose
name ends in ``.jsonl``), and ``-`` for standard input.  Nothing is read until its
turn: the walk and the JSONL reader are generators, so memory does not grow with the
corpus.

Limits (hostile input): a document is at most :data:`MAX_DOCUMENT_BYTES` (the seed
limit), refused before it is read; a JSONL line longer than that is skipped unread.
A document that cannot be used is not an error of the run: it becomes a
:class:`Job` with a ``problem`` (code and message), which the writer reports.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

import attrs
import orjson

from claimset.core.errors import InputError, UsageError
from claimset.store.jsonio import open_regular, read_bytes
from claimset.store.layout import MAX_SEED_BYTES

__all__ = ["MAX_DOCUMENT_BYTES", "STDIN", "Job", "check_paths", "find_documents", "is_jsonl"]

#: Largest document (bytes of UTF-8): the same as a pinned seed's limit.
MAX_DOCUMENT_BYTES = MAX_SEED_BYTES
#: The corpus argument that means standard input, and that document's id.
STDIN = "-"
STDIN_ID = "<stdin>"
_JSONL_SUFFIXES = (".jsonl",)


@attrs.frozen(kw_only=True)
class Job:
    """One document, ready for a worker: its place in the corpus, its id, and its content
    (file bytes, a JSONL document's text), or the problem that stops it being read."""

    index: int
    document: str
    display: str
    content: bytes | str | None = None
    problem: tuple[str, str] | None = None

    @property
    def size(self) -> int:
        return len(self.content) if self.content is not None else 0


@attrs.frozen(kw_only=True)
class _Found:
    """A document found but not yet read (a file), or read already (a JSONL line)."""

    document: str
    display: str
    path: Path | None = None
    content: bytes | str | None = None
    problem: tuple[str, str] | None = None
    #: Named on the command line (a symlink is followed), not found in a walk (it is not).
    named: bool = False


def is_jsonl(path: Path) -> bool:
    return path.name.endswith(_JSONL_SUFFIXES)


def check_paths(paths: Sequence[str]) -> None:
    """Refuse, before any work, corpus arguments that name nothing (exit 2)."""
    if not paths:
        raise UsageError("give at least one file, directory or JSONL corpus (or - for stdin)")
    if sum(1 for path in paths if path == STDIN) > 1:
        raise UsageError("standard input (-) can be read only once")
    for name in paths:
        if name == STDIN:
            continue
        path = Path(name)
        if not (path.exists() or path.is_symlink()):
            raise InputError(f"no such file: {name}", code="CS110")


def find_documents(paths: Sequence[str], *, glob: str = "*.txt", stdin: BinaryIO | None = None,
                   done: Iterator[str] | None = None) -> Iterator[Job]:
    """Every document of the corpus, in order, each read only when the caller asks for it.

    ``done`` are the ids of documents a resumed run has already written: they are
    passed over unread, each checked against the id the corpus lists in its place.
    """
    found_all = _found(paths, glob=glob, stdin=stdin)
    index = 0
    for expected in done or ():
        found = next(found_all, None)
        if found is None or found.document != expected:
            listed = "the corpus ends" if found is None else f"it lists {found.document!r}"
            raise InputError(f"cannot resume: document {index + 1} was {expected!r}, now "
                             f"{listed}; the corpus changed: run without --resume to start "
                             "over", code="CS902")
        index += 1
    for found in found_all:
        yield _job(index, found)
        index += 1


def _job(index: int, found: _Found) -> Job:
    if found.problem is not None or found.path is None:
        return Job(index=index, document=found.document, display=found.display,
                   content=found.content, problem=found.problem)
    try:
        if not found.path.is_file():  # a device or a FIFO could be endless or block forever
            raise InputError(f"{found.display}: not a regular file; give a UTF-8 text file",
                             code="CS110")
        data = read_bytes(found.path, file=found.display, max_bytes=MAX_DOCUMENT_BYTES,
                          follow_symlinks=found.named)
    except InputError as error:
        return Job(index=index, document=found.document, display=found.display,
                   problem=(error.code, _one_line(error)))
    return Job(index=index, document=found.document, display=found.display, content=data)


def _one_line(error: InputError) -> str:
    if error.problems:
        first = error.problems[0]
        return f"{first.location}: {first.message}"
    return error.message


def _found(paths: Sequence[str], *, glob: str, stdin: BinaryIO | None) -> Iterator[_Found]:
    for name in paths:
        if name == STDIN:
            yield _stdin(stdin if stdin is not None else sys.stdin.buffer)
            continue
        path = Path(name)
        if path.is_dir():
            yield from _walk(path, glob=glob)
        elif is_jsonl(path) and path.is_file():
            yield from _jsonl(path, name, named=True)
        else:
            yield _Found(document=name, display=name, path=path, named=True)


def _stdin(stream: BinaryIO) -> _Found:
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        return _Found(document=STDIN_ID, display=STDIN_ID, problem=(
            "CS106", f"{STDIN_ID}: over the {MAX_DOCUMENT_BYTES}-byte limit"))
    return _Found(document=STDIN_ID, display=STDIN_ID, content=data)


def _walk(root: Path, *, glob: str) -> Iterator[_Found]:
    """Files under ``root`` whose name matches ``glob``, in the order of their sorted paths
    (a directory's entries by name, each subdirectory where its name falls)."""
    matched = 0
    stack: list[Iterator[os.DirEntry[str]]] = []
    listing = _listing(root)
    if isinstance(listing, _Found):
        yield listing
        return
    stack.append(listing)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            inner = _listing(path)
            if isinstance(inner, _Found):
                yield inner
            else:
                stack.append(inner)
        elif fnmatch.fnmatchcase(entry.name, glob):
            matched += 1
            name = os.fspath(path)
            if is_jsonl(path) and entry.is_file(follow_symlinks=False):
                yield from _jsonl(path, name)
            else:
                yield _Found(document=name, display=name, path=path)
    if not matched:
        yield _Found(document=os.fspath(root), display=os.fspath(root), problem=(
            "CS905", f"{root}: no file in this directory matches {glob!r}: give --glob"))


def _listing(directory: Path) -> Iterator[os.DirEntry[str]] | _Found:
    """One directory's entries sorted by name (a directory is listed whole: names only)."""
    try:
        with os.scandir(directory) as entries:
            return iter(sorted(entries, key=lambda entry: entry.name))
    except OSError as error:
        return _Found(document=os.fspath(directory), display=os.fspath(directory), problem=(
            "CS109", f"{directory}: cannot list: {error.strerror or error}"))


def _jsonl(path: Path, name: str, *, named: bool = False) -> Iterator[_Found]:
    """The documents of a JSONL corpus, one per non-blank line, read one line at a time."""
    try:
        handle = os.fdopen(open_regular(path, file=name, follow_symlinks=named), "rb")
    except InputError as error:
        yield _Found(document=name, display=name, problem=(error.code, _one_line(error)))
        return
    except OSError as error:
        yield _Found(document=name, display=name, problem=(
            "CS109", f"{name}: cannot read: {error.strerror or error}"))
        return
    with handle:
        number = 0
        while True:
            line = handle.readline(MAX_DOCUMENT_BYTES + 1)
            if not line:
                return
            number += 1
            display = f"{name}:{number}"
            if len(line) > MAX_DOCUMENT_BYTES and not line.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the over-long line unkept
                yield _Found(document=display, display=display, problem=(
                    "CS106", f"{display}: line over the {MAX_DOCUMENT_BYTES}-byte limit"))
                continue
            if not line.strip():
                continue
            yield _jsonl_document(line, display)


def _jsonl_document(line: bytes, display: str) -> _Found:
    try:
        item = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        return _Found(document=display, display=display, problem=(
            "CS901", f"{display}: not a JSON document ({error.msg})"))
    identifier = item.get("id") if isinstance(item, dict) else None
    text = item.get("text") if isinstance(item, dict) else None
    if isinstance(identifier, bool) or not isinstance(identifier, str | int) or \
            identifier == "" or not isinstance(text, str):
        return _Found(document=display, display=display, problem=(
            "CS901", f"{display}: a JSONL document is an object with an \"id\" (a string or "
                     "an integer) and a \"text\" (a string)"))
    return _Found(document=str(identifier), display=display, content=text)
