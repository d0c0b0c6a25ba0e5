"""What a worker does with a batch of documents: decode, hash, extract, render.

:func:`process_batch` is a pure function of its arguments, so any engine (this
process, a local pool, a Dask worker on another machine) gives the same bytes;
rendering happens here, not in the writer, so the main process only writes.

Formats: ``rows`` (tuples for the Python API and Parquet), ``corpus`` (JSONL rows:
document id, sha256, every candidate field), ``jsonl`` (the classic
``extract --format jsonl``: file name and every candidate field) and ``text``
(each figure in its sentence after ``name:line:column``).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any

import attrs

from claimset.core.errors import InputError
from claimset.corpus.documents import Job
from claimset.grammar.extract import Candidate, extract, rows_of
from claimset.grammar.sentences import sentence_bounds
from claimset.store.layout import decode_plain_text, refuse_crowded
from claimset.store.positions import LineIndex

__all__ = ["FIELDS", "FORMATS", "Result", "process_batch", "render_text_line"]

FORMATS = ("rows", "corpus", "jsonl", "text")
#: The candidate fields of every row, in order (after ``document`` and ``sha256``).
FIELDS = tuple(field.name for field in attrs.fields(Candidate))
#: How much of the sentence to show on each side of a figure in text output.
CONTEXT = 60
#: One encoder for every row: ``json.dumps`` with options builds a new one per call.
_ROW_ENCODER = json.JSONEncoder(ensure_ascii=False)
# Terminal control characters (an escape sequence in a hostile document or file name
# could rewrite the screen): shown as \x1b, never sent as they are.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@attrs.frozen(kw_only=True)
class Result:
    """One document's outcome: its rows (rendered bytes, or tuples for ``rows``), or the
    problem that made it unreadable (then ``sha256`` is None and there are no rows)."""

    index: int
    document: str
    display: str
    size: int
    sha256: str | None = None
    problem: tuple[str, str] | None = None
    figures: int = 0
    payload: bytes | tuple[tuple[Any, ...], ...] = b""


def process_batch(jobs: Sequence[Job], fmt: str) -> list[Result]:
    return [_process(job, fmt) for job in jobs]


def _process(job: Job, fmt: str) -> Result:
    if job.problem is not None or job.content is None:
        return Result(index=job.index, document=job.document, display=job.display, size=0,
                      problem=job.problem or ("CS109", f"{job.display}: not read"))
    try:
        text, data = _text_and_bytes(job)
    except InputError as error:
        return Result(index=job.index, document=job.document, display=job.display,
                      size=job.size, problem=(error.code, error.message))
    sha256 = hashlib.sha256(data).hexdigest()
    candidates = extract(text)
    payload: bytes | tuple[tuple[Any, ...], ...]
    # Rows are plain tuples in field order (a qualifier span stays a tuple, which JSON
    # writes as attrs.asdict's list): asdict and a JSONEncoder built per row were a
    # seventh of a worker's time.
    if fmt == "rows":
        payload = tuple((job.document, sha256, *row) for row in rows_of(candidates))
    elif fmt == "corpus":
        encode = _ROW_ENCODER.encode
        payload = "".join(
            encode({"document": job.document, "sha256": sha256, **dict(zip(FIELDS, row,
                                                                             strict=True))})
            + "\n" for row in rows_of(candidates)).encode()
    elif fmt == "jsonl":
        encode = _ROW_ENCODER.encode
        payload = "".join(encode({"file": job.document, **dict(zip(FIELDS, row, strict=True))})
                          + "\n" for row in rows_of(candidates)).encode()
    elif fmt == "text":
        lines = LineIndex(text)
        payload = "".join(render_text_line(job.document, text, candidate, lines) + "\n"
                          for candidate in candidates).encode()
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return Result(index=job.index, document=job.document, display=job.display, size=len(data),
                  sha256=sha256, figures=len(candidates), payload=payload)


def _text_and_bytes(job: Job) -> tuple[str, bytes]:
    content = job.content
    if isinstance(content, bytes):
        return decode_plain_text(content, file=job.display), content
    assert content is not None
    try:
        data = content.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{job.display}: the text has a lone surrogate (\\ud800-\\udfff "
                         "escapes that are no character): give UTF-8 text",
                         code="CS110") from None
    if "\x00" in content:
        raise InputError(f"{job.display}: contains NUL characters: give plain text",
                         code="CS110")
    refuse_crowded(content, file=job.display)  # the number limit, as for a file (CS117)
    return content, data


def render_text_line(name: str, text: str, candidate: Candidate, lines: LineIndex) -> str:
    """``name:line:column: kind value qualifier unit | the [figure] in its sentence``."""
    line, column = lines.line_column(candidate.start)
    value = candidate.value if candidate.value is not None else \
        f"{candidate.lower}..{candidate.upper}"
    head = " ".join(str(part) for part in (candidate.kind, value, candidate.qualifier,
                                           candidate.unit) if part is not None)
    left, right, cut_left, cut_right = sentence_bounds(
        text, candidate.start, candidate.end, reach=CONTEXT, line_breaks=True)
    snippet = ("..." if cut_left else "") + text[left:candidate.start] + \
        f"[{candidate.text}]" + text[candidate.end:right] + ("..." if cut_right else "")
    shown = f"{name}:{line}:{column}: {head} | {' '.join(snippet.split())}"
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", shown)
