"""``claimset extract FILE...``: list every figure in text files.

``--format text`` (the default) shows each figure in its sentence, marked with
brackets, after a ``file:line:column`` location a terminal or editor can open;
``--format jsonl`` prints one JSON object per figure with the file name and all
:class:`~claimset.grammar.extract.Candidate` fields.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs

from claimset.core.errors import InputError
from claimset.grammar.extract import Candidate, extract
from claimset.store.jsonio import LineIndex
from claimset.store.layout import read_plain_text

NAME = "extract"
HELP = "list every figure (number, money, percent, date...) in text files"

# How much of the sentence to show on each side of a figure in text output.
CONTEXT = 60
_SENTENCE_END = ".!?\n"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files to read")
    parser.add_argument("--format", choices=("text", "jsonl"), default="text",
                        help="text: each figure in its sentence (default); jsonl: one JSON "
                             "object per figure")


def run(args: argparse.Namespace) -> int:
    # Read every file first, so an unreadable one stops the run before any output.
    texts = [(name, _read(name)) for name in args.files]
    out = sys.stdout
    for name, text in texts:
        for line in _render(name, text, fmt=args.format):
            out.write(line + "\n")
    return 0


def _read(name: str) -> str:
    """A UTF-8 text file, with the same limits as a seed (size, BOM, NUL bytes)."""
    path = Path(name)
    if not path.exists():
        raise InputError(f"no such file: {name}", code="CS110")
    if path.is_dir():
        raise InputError(f"is a directory, not a text file: {name}", code="CS110")
    if not path.is_file():  # a device or a FIFO could be endless or block forever
        raise InputError(f"not a regular file: {name}; give a UTF-8 text file", code="CS110")
    return read_plain_text(path, file=name)[1]


def _render(name: str, text: str, *, fmt: str) -> Iterator[str]:
    candidates = extract(text)
    if fmt == "jsonl":
        for candidate in candidates:
            record = {"file": name, **attrs.asdict(candidate)}
            yield json.dumps(record, ensure_ascii=False)
        return
    lines = LineIndex(text)
    for candidate in candidates:
        yield _text_line(name, text, candidate, lines)


def _text_line(name: str, text: str, candidate: Candidate, lines: LineIndex) -> str:
    line, column = lines.line_column(candidate.start)
    value = candidate.value if candidate.value is not None else \
        f"{candidate.lower}..{candidate.upper}"
    head = " ".join(str(part) for part in (candidate.kind, value, candidate.qualifier,
                                           candidate.unit) if part is not None)
    left, cut_left = _sentence_start(text, candidate.start)
    right, cut_right = _sentence_end(text, candidate.end)
    snippet = ("..." if cut_left else "") + text[left:candidate.start] + \
        f"[{candidate.text}]" + text[candidate.end:right] + ("..." if cut_right else "")
    return f"{name}:{line}:{column}: {head} | {' '.join(snippet.split())}"


def _sentence_start(text: str, start: int) -> tuple[int, bool]:
    """Where the figure's sentence starts (at most CONTEXT back), and whether that cuts it."""
    low = max(0, start - CONTEXT)
    for i in range(start - 1, low - 1, -1):
        if text[i] == "\n" or (text[i] in _SENTENCE_END and text[i + 1].isspace()):
            return i + 1, False
    return low, low > 0


def _sentence_end(text: str, end: int) -> tuple[int, bool]:
    high = min(len(text), end + CONTEXT)
    for i in range(end, high):
        if text[i] == "\n":
            return i, False
        if text[i] in _SENTENCE_END and (i + 1 >= len(text) or text[i + 1].isspace()):
            return i + 1, False
    return high, high < len(text)
