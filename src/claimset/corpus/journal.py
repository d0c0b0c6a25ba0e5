"""The journal that lets a killed ``extract --out`` run resume without losing or repeating a
document.

Rows are appended to ``OUT.part``; after each document's rows are written (and
flushed), one line goes to ``OUT.journal``: the document's position, id, whether it
was skipped, and the size of ``OUT.part`` after it.  The journal's first line
names the run (the corpus arguments, ``--glob`` and the format), so a resume of a
different run is refused (CS902) instead of mixing two outputs.

Resuming takes the longest prefix of journal lines that is whole (a line torn by
SIGKILL is dropped) and whose recorded size the part file reaches (a power cut can
lose the tail of both), cuts the part file back to that size, and skips those
documents -- checking, one by one, that the corpus still lists the same ids in the
same order.  Nothing of the journal is kept in memory but that prefix's last line.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import attrs
import orjson

from claimset.core.errors import InputError
from claimset.store.writer import NOTHING, Reads, open_appending, remove_file

__all__ = ["Journal", "ResumePoint", "read_resume_point"]

_VERSION = 1


@attrs.frozen(kw_only=True)
class ResumePoint:
    """Where a resumed run starts: the first ``documents`` are done, ``part_size`` bytes of
    the part file hold their rows, ``skipped`` of them were unreadable."""

    documents: int = 0
    part_size: int = 0
    skipped: int = 0
    figures: int = 0


def header(run: dict[str, Any]) -> bytes:
    return orjson.dumps({"claimset-extract-journal": _VERSION, "run": run}) + b"\n"


def _lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                return  # torn by a kill mid-write
            yield line


def read_resume_point(journal: Path, part: Path, *, run: dict[str, Any]) -> ResumePoint:
    """How far the run recorded in ``journal`` got; CS902 when it recorded another run."""
    lines = _lines(journal)
    first = next(lines, None)
    if first is None:
        return ResumePoint()
    if first != header(run):
        raise InputError(f"{journal}: records a different run (other corpus, --glob or "
                         "format): run without --resume to start over", code="CS902")
    try:
        available = part.stat().st_size
    except FileNotFoundError:
        return ResumePoint()
    point = ResumePoint()
    for line in lines:
        try:
            entry = orjson.loads(line)
            done = ResumePoint(documents=int(entry["n"]) + 1, part_size=int(entry["end"]),
                               skipped=point.skipped + (entry["skipped"] is not None),
                               figures=point.figures + int(entry["figures"]))
        except (orjson.JSONDecodeError, KeyError, TypeError, ValueError):
            break
        if not isinstance(entry.get("id"), str):
            break  # not an entry this module wrote: the prefix ends before it
        if done.documents != point.documents + 1 or done.part_size > available:
            break
        point = done
    return point


def recorded_ids(journal: Path, count: int) -> Iterator[str]:
    """The ids of the first ``count`` documents the journal records, in order."""
    lines = _lines(journal)
    next(lines, None)
    for _, line in zip(range(count), lines, strict=False):
        yield str(orjson.loads(line)["id"])


class Journal:
    """Appends to the part file and the journal, document by document."""

    def __init__(self, part: Path, journal: Path, *, run: dict[str, Any],
                 resume: ResumePoint, reads: Reads = NOTHING) -> None:
        self.part_path, self.journal_path = part, journal
        fresh = resume.documents == 0
        self._part = open_appending(part, fresh=fresh, reads=reads)
        try:
            self._journal = open_appending(journal, fresh=fresh, reads=reads)
        except BaseException:
            self._part.close()
            raise
        if fresh:
            self._journal.write(header(run))
            self._journal.flush()
        else:
            self._part.truncate(resume.part_size)
            _truncate_journal(self._journal, resume.documents)
        self._offset = resume.part_size

    def record(self, *, index: int, document: str, payload: bytes, skipped: str | None,
               figures: int) -> None:
        if payload:
            self._part.write(payload)
            self._part.flush()
            self._offset += len(payload)
        self._journal.write(orjson.dumps({"n": index, "id": document, "end": self._offset,
                                          "skipped": skipped, "figures": figures}) + b"\n")
        self._journal.flush()

    def close(self) -> None:
        for handle in (self._part, self._journal):
            with contextlib.suppress(OSError):
                handle.flush()
                os.fsync(handle.fileno())
            handle.close()

    def discard(self) -> None:
        """After the output is in place: the journal and the part file are done with."""
        for path in (self.journal_path, self.part_path):
            remove_file(path)


def _truncate_journal(journal: BinaryIO, documents: int) -> None:
    """Keep the header and the first ``documents`` entries (drop a torn or stale tail)."""
    keep = 0
    journal.seek(0)
    for number, line in enumerate(journal):
        if number > documents or not line.endswith(b"\n"):
            break
        keep += len(line)
    journal.truncate(keep)
