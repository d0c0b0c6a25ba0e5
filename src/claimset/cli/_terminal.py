"""What the commands need of a terminal: colour or not, its width, wrapping and tables.

Colour follows https://no-color.org: ``--color always`` and ``never`` decide; with
``auto`` (the default) colour is used only on a terminal, never when ``NO_COLOR``
is set to anything non-empty or ``TERM`` is ``dumb``.  Data is escaped by
:mod:`claimset.core.escape` (the one place that knows how) before it gets here.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping, Sequence
from typing import TextIO

from claimset.core.escape import one_line

COLOR_CHOICES = ("auto", "always", "never")
MIN_WIDTH, MAX_WIDTH, FALLBACK_WIDTH = 40, 160, 88


def use_color(choice: str, stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour output to ``stream`` for ``--color choice``."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def width() -> int:
    """The terminal's width in columns (``COLUMNS`` first), kept to a readable range."""
    columns = shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def wrap_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of each line when ``text`` (one paragraph) is wrapped.

    Lines break only at whitespace, which is dropped at the break; a word longer
    than ``limit`` stands on a line of its own.  Offsets, not copies, so styles
    kept by position survive the wrapping.
    """
    spans: list[tuple[int, int]] = []
    line_start = line_end = -1
    for word in re.finditer(r"\S+", text):
        if line_start < 0:
            line_start, line_end = word.start(), word.end()
        elif word.end() - line_start <= limit:
            line_end = word.end()
        else:
            spans.append((line_start, line_end))
            line_start, line_end = word.start(), word.end()
    if line_start >= 0:
        spans.append((line_start, line_end))
    return spans


def render_styled(parts: Sequence[tuple[str, str]], *, limit: int, indent: str) -> list[str]:
    """Wrap text made of ``(style, text)`` parts into lines, each style switched on and off
    within its line (an ANSI SGR code like ``"1"``; ``""`` is plain)."""
    text = "".join(piece for _, piece in parts)
    styles: list[str] = []
    for style, piece in parts:
        styles.extend([style] * len(piece))
    lines: list[str] = []
    offset = 0
    for paragraph in text.split("\n"):
        spans = wrap_spans(paragraph, max(1, limit - len(indent)))
        if not spans:
            lines.append("")
        for start, end in spans:
            out, current = [indent], ""
            for position in range(offset + start, offset + end):
                style = styles[position]
                if style != current:
                    out.append(("\x1b[0m" if current else "") + (f"\x1b[{style}m" if style
                                                                   else ""))
                    current = style
                out.append(text[position])
            if current:
                out.append("\x1b[0m")
            lines.append("".join(out))
        offset += len(paragraph) + 1
    while lines and not lines[-1]:
        lines.pop()  # a text ending in a line break adds no blank line
    return lines


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], *,
          right: frozenset[int] = frozenset()) -> list[str]:
    """Rows as aligned columns under ``headers``; columns in ``right`` are right-aligned.

    Cells are escaped onto one line (:func:`~claimset.core.escape.one_line`); the last
    column is not padded, so no line ends in spaces.
    """
    cells = [[one_line(cell) for cell in row] for row in rows]
    widths = [max([len(header)] + [len(row[i]) for row in cells])
              for i, header in enumerate(headers)]
    lines = []
    for row in [list(headers), *cells]:
        padded = [cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
                  for i, cell in enumerate(row)]
        lines.append("  ".join(padded).rstrip())
    return lines
