"""Where a value sits in a JSON text: JSON pointers, and line and column by pointer.

:class:`PositionIndex` scans a text once, iteratively (deep nesting is safe), and
tolerates errors: it indexes whatever it can read, and notes the duplicate keys and
non-finite numbers it meets, which the strict reader (:mod:`claimset.store.jsonio`)
reports.  It runs only when a problem must be located: a clean file is never
scanned.  :class:`LineIndex` turns a text offset into a 1-based line and column.
"""

from __future__ import annotations

import bisect
import json
import re

import attrs

__all__ = ["Duplicate", "LineIndex", "PositionIndex", "escape_pointer_token", "pointer"]


def escape_pointer_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(*tokens: str | int) -> str:
    """RFC 6901 JSON pointer from path tokens: pointer("claims", 3, "value")."""
    return "".join("/" + escape_pointer_token(token) for token in tokens)


# Unrolled string pattern: linear time even for a 10 MB string on one line.
_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_TOKEN = re.compile(
    r"[ \t\n\r]*(?:(?P<string>" + _STRING + r")|(?P<punct>[{}\[\]:,])"
    r"|(?P<scalar>-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
    r"|true|false|null|NaN|-?Infinity))",
    re.DOTALL,
)


@attrs.define
class _Frame:
    is_object: bool
    pointer: str
    key: str | int | None = None
    expect_key: bool = True
    seen: set[str] = attrs.Factory(set)


@attrs.frozen
class Duplicate:
    """A key that occurs twice in one object: ``pointer`` names the second one."""

    pointer: str
    offset: int


class LineIndex:
    """1-based line and column (in code points) of offsets in a text, by bisection."""

    def __init__(self, text: str) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1


class PositionIndex:
    """Where each value of a JSON text starts, by JSON pointer.

    Built by one iterative pass (no recursion, so deep nesting is safe) that
    tolerates errors: it indexes whatever it can read.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._values: dict[str, int] = {}
        self._keys: dict[str, int] = {}
        self.duplicates: list[Duplicate] = []
        self.non_finite: list[tuple[str, int]] = []
        self._lines = LineIndex(text)
        self._scan()

    def _value_pointer(self, stack: list[_Frame]) -> str:
        if not stack:
            return ""
        top = stack[-1]
        key = top.key if top.key is not None else 0
        return top.pointer + "/" + escape_pointer_token(key)

    def _scan(self) -> None:
        text, position = self.text, 0
        stack: list[_Frame] = []
        while (match := _TOKEN.match(text, position)) is not None:
            position = match.end()
            kind = match.lastgroup or ""  # every alternative of _TOKEN is a named group
            start = match.start(kind)
            token = match.group(kind)
            if kind == "punct":
                self._punctuation(token, start, stack)
            elif kind == "string" and stack and stack[-1].is_object and stack[-1].expect_key:
                self._key(token, start, stack[-1])
            else:
                here = self._value_pointer(stack)
                self._values.setdefault(here, start)
                if kind == "scalar" and token.lstrip("-") in ("NaN", "Infinity"):
                    self.non_finite.append((here, start))

    def _punctuation(self, token: str, start: int, stack: list[_Frame]) -> None:
        if token in "{[":
            here = self._value_pointer(stack)
            self._values.setdefault(here, start)
            stack.append(_Frame(is_object=token == "{", pointer=here,
                                key=None if token == "{" else 0))
        elif token in "}]":
            if stack:
                stack.pop()
        elif token == "," and stack:
            top = stack[-1]
            if top.is_object:
                top.expect_key = True
            else:
                top.key = int(top.key or 0) + 1
        elif token == ":" and stack:
            stack[-1].expect_key = False

    def _key(self, token: str, start: int, frame: _Frame) -> None:
        try:
            key = json.loads(token)
        except ValueError:
            key = token[1:-1]
        frame.key = key
        here = frame.pointer + "/" + escape_pointer_token(key)
        if key in frame.seen:
            self.duplicates.append(Duplicate(pointer=here, offset=start))
        else:
            frame.seen.add(key)
            self._keys[here] = start

    def offset(self, json_pointer: str, *, key: bool = False) -> int:
        """Offset of the value (or its key) at ``json_pointer``, else of its nearest ancestor."""
        here = json_pointer
        while True:
            table = self._keys if key else self._values
            if here in table:
                return table[here]
            if here in self._values:
                return self._values[here]
            if not here:
                return 0
            here = here.rsplit("/", 1)[0]

    def line_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a text offset."""
        return self._lines.line_column(offset)

    def locate(self, json_pointer: str, *, key: bool = False) -> tuple[int, int]:
        return self.line_column(self.offset(json_pointer, key=key))
