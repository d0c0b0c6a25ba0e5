"""One extraction run: documents -> engine -> rows written in document order.

Without ``out`` the rows go to a stream (standard output) as they come.  With
``out`` they are appended to ``OUT.part`` under a :class:`~claimset.corpus.journal.
Journal`, and only a finished run moves the result into place (a rename in the same
directory, so ``OUT`` is never seen half-written).  A killed run leaves the part file
and journal for ``resume=True``.

Every file a run writes goes through :mod:`claimset.store.writer`, checked before any
work: ``OUT``, ``OUT.part`` and ``OUT.journal`` are regular files or new (a symlink or
a FIFO is refused, never written through or blocked on: CS112), none is an input of
the run or lies where its corpus walk would read it back (CS141), and the run holds
``OUT``'s lock (``.OUT.lock``): a second run with the same ``OUT`` is refused (CS143).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

import attrs

from claimset.core.errors import InputError, UsageError
from claimset.corpus import engines, journal, parquet
from claimset.corpus.documents import STDIN, check_paths, find_documents
from claimset.corpus.progress import Progress
from claimset.corpus.work import Result
from claimset.store.writer import Reads, checked_output, lock_path, output_lock, publish

__all__ = ["OUTPUT_FORMATS", "Summary", "output_format", "write"]

#: What ``--format`` may say: ``corpus`` JSONL rows are what ``jsonl`` means with ``--out``.
OUTPUT_FORMATS = ("text", "jsonl", "parquet")


@attrs.frozen(kw_only=True)
class Summary:
    documents: int
    skipped: int
    figures: int


def output_format(fmt: str | None, out: Path | None) -> str:
    """The format a run writes: as asked, else by ``out``'s suffix, else text."""
    if fmt is None:
        if out is None:
            return "text"
        return "parquet" if out.suffix.lower() == ".parquet" else "jsonl"
    if fmt == "parquet" and out is None:
        raise UsageError("--format parquet needs --out FILE (Parquet is not written to a "
                         "terminal)")
    return fmt


def _worker_format(fmt: str, out: Path | None) -> str:
    if fmt == "text":
        return "text"
    return "jsonl" if out is None else "corpus"


def write(paths: Sequence[str], *, out: Path | None, fmt: str, glob: str = "*.txt",
          jobs: int | None = None, engine: str = "local", scheduler: str | None = None,
          resume: bool = False, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None,
          on_skip: Callable[[Result], None] | None = None,
          progress: TextIO | None = None) -> Summary:
    """Extract every figure of the corpus at ``paths`` and write the rows."""
    check_paths(paths)
    if fmt == "parquet":
        parquet.require_pyarrow()
    if resume and out is None:
        raise UsageError("--resume needs --out (standard output cannot be resumed)")
    if resume and STDIN in paths:
        raise UsageError("--resume cannot re-read standard input: give files")
    worker_format = _worker_format(fmt, out)
    shown = Progress(progress, paths=paths, glob=glob) if progress is not None else None
    try:
        if out is None:
            return _to_stream(paths, stream=stdout, worker_format=worker_format, glob=glob,
                              jobs=jobs, engine=engine, scheduler=scheduler, stdin=stdin,
                              on_skip=on_skip, shown=shown)
        return _to_file(paths, out=out, fmt=fmt, worker_format=worker_format, glob=glob,
                        jobs=jobs, engine=engine, scheduler=scheduler, resume=resume,
                        stdin=stdin, on_skip=on_skip, shown=shown)
    finally:
        if shown is not None:
            shown.close()


def _results(paths: Sequence[str], *, worker_format: str, glob: str, jobs: int | None,
             engine: str, scheduler: str | None, stdin: BinaryIO | None,
             done: Iterator[str] | None = None) -> Iterator[Result]:
    documents = find_documents(paths, glob=glob, stdin=stdin, done=done)
    return engines.run(engines.batches(documents), fmt=worker_format, jobs=jobs,
                       engine=engine, scheduler=scheduler)


def _to_stream(paths: Sequence[str], *, stream: BinaryIO | None, worker_format: str,
               glob: str, jobs: int | None, engine: str, scheduler: str | None,
               stdin: BinaryIO | None, on_skip: Callable[[Result], None] | None,
               shown: Progress | None) -> Summary:
    documents = skipped = figures = 0
    for result in _results(paths, worker_format=worker_format, glob=glob, jobs=jobs,
                           engine=engine, scheduler=scheduler, stdin=stdin):
        documents += 1
        figures += result.figures
        if result.problem is not None:
            skipped += 1
            if on_skip is not None:
                on_skip(result)
        elif stream is not None and isinstance(result.payload, bytes):
            stream.write(result.payload)
        if shown is not None:
            shown.update(size=result.size)
    if stream is not None:
        stream.flush()
    return Summary(documents=documents, skipped=skipped, figures=figures)


def corpus_reads(paths: Sequence[str], *, glob: str) -> Reads:
    """What a run over the corpus ``paths`` reads: the files named, and each directory
    walked with ``glob``; standard input is no file."""
    files, folders = [], []
    for name in paths:
        if name == STDIN:
            continue
        path = Path(name)
        if path.is_dir():
            folders.append((path, glob))
        else:
            files.append(path)
    return Reads(files=tuple(files), folders=tuple(folders))


def output_files(out: Path) -> tuple[Path, Path]:
    """The part file and the journal beside ``out`` (``OUT.part``, ``OUT.journal``)."""
    return out.with_name(out.name + ".part"), out.with_name(out.name + ".journal")


def _check_out(out: Path, reads: Reads) -> None:
    """Every file the run will write, checked before any work: ``out`` itself, its part
    file, journal, lock and temporary; regular files or new ones (CS112), none of them an
    input nor where the corpus walk would read it back (CS141), no symlink on the way
    inside the current directory (CS142)."""
    if out.is_dir():
        raise UsageError(f"--out {out} is a directory: give a file name")
    if not out.parent.is_dir():
        raise InputError(f"--out {out}: no such directory {out.parent}", code="CS109")
    temporary = out.with_name(f".{out.name}.0.tmp")  # how the writer names one (Parquet)
    for path in (out, *output_files(out), lock_path(out), temporary):
        checked_output(path, reads=reads)


def _to_file(paths: Sequence[str], *, out: Path, fmt: str, worker_format: str, glob: str,
             jobs: int | None, engine: str, scheduler: str | None, resume: bool,
             stdin: BinaryIO | None, on_skip: Callable[[Result], None] | None,
             shown: Progress | None) -> Summary:
    reads = corpus_reads(paths, glob=glob)
    _check_out(out, reads)
    # A second run with the same --out is refused at once (CS143): waiting and then
    # starting over would only redo the first run's work.
    with output_lock(out, timeout=0, reads=reads):
        return _locked_run(paths, out=out, reads=reads, fmt=fmt, worker_format=worker_format,
                           glob=glob, jobs=jobs, engine=engine, scheduler=scheduler,
                           resume=resume, stdin=stdin, on_skip=on_skip, shown=shown)


def _locked_run(paths: Sequence[str], *, out: Path, reads: Reads, fmt: str,
                worker_format: str, glob: str, jobs: int | None, engine: str,
                scheduler: str | None, resume: bool, stdin: BinaryIO | None,
                on_skip: Callable[[Result], None] | None, shown: Progress | None) -> Summary:
    part, journal_path = output_files(out)
    run = {"paths": [name if name == STDIN else os.fspath(Path(name).absolute()) for name in paths],
           "glob": glob, "format": fmt}
    point = journal.ResumePoint()
    if resume and journal_path.is_file():
        point = journal.read_resume_point(journal_path, part, run=run)
    done = journal.recorded_ids(journal_path, point.documents) if point.documents else None
    writer = journal.Journal(part, journal_path, run=run, resume=point, reads=reads)
    documents, skipped, figures = point.documents, point.skipped, point.figures
    try:
        for result in _results(paths, worker_format=worker_format, glob=glob, jobs=jobs,
                               engine=engine, scheduler=scheduler, stdin=stdin, done=done):
            documents += 1
            figures += result.figures
            code = None
            if result.problem is not None:
                skipped += 1
                code = result.problem[0]
                if on_skip is not None:
                    on_skip(result)
            payload = result.payload if isinstance(result.payload, bytes) else b""
            writer.record(index=result.index, document=result.document, payload=payload,
                          skipped=code, figures=result.figures)
            if shown is not None:
                shown.update(size=result.size)
    finally:
        writer.close()
    if fmt == "parquet":
        parquet.convert(part, out, reads=reads)
    else:
        publish(part, out, reads=reads)
    writer.discard()
    return Summary(documents=documents, skipped=skipped, figures=figures)
