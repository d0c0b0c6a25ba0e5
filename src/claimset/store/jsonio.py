"""Strict JSON: reading files safely.

The standard library parser is fast but lenient: it accepts duplicate keys (the
last one silently wins), ``NaN``, ``Infinity`` and numbers that overflow to
infinity.  claimset rejects all of those, and reports every problem with the
line and column a person can click.  Positions come from a second, iterative
scan of the text (:class:`~claimset.store.positions.PositionIndex`), run only when
a problem must be located.

A file in canonical layout (what `claimset fmt` writes) is read by a faster
route: orjson parses it, and if orjson writes the result back as exactly the
same bytes, the text cannot hold a duplicate key (the copy would be missing
it), NaN or a lone surrogate (orjson refuses both), and its layout is proven
too (but for tiny floats, which orjson writes otherwise than Python).  Any other
file takes the strict standard-library route, so the two routes never
disagree: the faster one only ever says "nothing to report".
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import orjson

from claimset.core import limits
from claimset.core.errors import InputError
from claimset.core.problems import Problem
from claimset.store.json_errors import explain
from claimset.store.positions import PositionIndex, escape_pointer_token

#: Largest JSON file claimset reads (bytes). A dataset file with thousands of
#: claims is a few MB; the limit stops a mistaken or hostile 1 GB file before
#: it is read into memory.
MAX_JSON_BYTES = limits.JSON_BYTES


class _DuplicateKeyError(ValueError):
    pass


class _NonFiniteError(ValueError):
    pass


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _DuplicateKeyError
    return obj


def _reject_constant(name: str) -> float:
    raise _NonFiniteError(name)


def _finite_float(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise _NonFiniteError(literal)
    return number


_PRETTY = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE

# Numbers below 1e-4 in magnitude: Python writes 2.5e-05 where orjson writes 0.000025
# or 2.5e-5.  A text with these (even inside a string) is compared with Python's own
# layout instead.  Two patterns that each start with a literal: the regex engine
# skips to it, where one alternation would step through every byte (20x slower).
_SMALL_FLOAT_PATTERNS = (r"e-(?<=[0-9]e-)", r"0\.0000")
# The same patterns for a file still held as bytes and for one already decoded.
_SMALL_FLOATS = tuple(re.compile(pattern.encode("ascii")) for pattern in _SMALL_FLOAT_PATTERNS)
_SMALL_FLOATS_TEXT = tuple(re.compile(pattern) for pattern in _SMALL_FLOAT_PATTERNS)
# A member's value written with a point or an exponent, as orjson writes one
# (`"start": 2711.0`, `"value": 1.5e+300`): starts with a literal, so the engine skips to it.
_KEYED_DECIMAL_PATTERN = r'": (-?[0-9]+[.eE][-+.eE0-9]*)'
_KEYED_DECIMAL = re.compile(_KEYED_DECIMAL_PATTERN.encode("ascii"))
_KEYED_DECIMAL_TEXT = re.compile(_KEYED_DECIMAL_PATTERN)


def parse_round_trip(raw: bytes) -> tuple[bool, Any]:
    """``(True, data)`` when orjson reads ``raw`` and writes ``data`` back (2-space
    indent, final newline) as exactly ``raw``; otherwise ``(False, None)``, and the
    caller must read it with :func:`parse_json`.

    A round trip proves the text strict: a duplicate key would be missing from the
    copy, and orjson refuses NaN, Infinity, lone surrogates, invalid UTF-8 and a BOM.
    """
    try:
        data = orjson.loads(raw)
        same = orjson.dumps(data, option=_PRETTY) == raw
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):  # e.g. nested past orjson's limit
        return False, None
    return (True, data) if same else (False, None)


def parse_json(text: str, *, file: str) -> Any:
    """Parse ``text`` strictly; raise :class:`InputError` listing every problem found."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_pairs,
                          parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        hint = explain(text, error)  # what to fix, where: not only "Expecting value"
        problem = Problem(code="CS101", file=file, line=hint.line, column=hint.column,
                          pointer="", message=hint.message)
        raise InputError(f"{file}:{hint.line}:{hint.column}: {hint.message}",
                         code="CS101", problems=[problem]) from None
    except (_DuplicateKeyError, _NonFiniteError):
        problems = _strictness_problems(text, file=file)
    except RecursionError:
        problems = [Problem(code="CS108", file=file, line=1, column=1, pointer="",
                            message="JSON nested too deeply to read")]
    except ValueError as error:  # e.g. an integer longer than Python's digit limit
        problems = [Problem(code="CS101", file=file, line=1, column=1, pointer="",
                            message=f"invalid JSON: {error}")]
    else:
        if _SURROGATE_ESCAPE.search(text) is None:
            return data
        problems = _surrogate_problems(data, text, file=file)
        if not problems:
            return data
    first = problems[0]
    raise InputError(f"{first.location}: {first.message}", code=first.code, problems=problems)


# A \\uD800-\\uDFFF escape: half of a pair (an astral character, fine) or a lone
# surrogate, which is no character: it cannot be written back as UTF-8 (`claimset
# fmt` would fail) and can never match a source text.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _is_unencodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _surrogate_problems(data: Any, text: str, *, file: str, limit: int = 20) -> list[Problem]:
    found: list[str] = []
    stack: list[tuple[str, Any]] = [("", data)]  # iterative: nesting depth is the input's
    while stack and len(found) < limit:
        here, value = stack.pop()
        if isinstance(value, str):
            if _is_unencodable(value):
                found.append(here)
        elif isinstance(value, dict):
            for key, child in value.items():
                token = here + "/" + escape_pointer_token(key)
                if _is_unencodable(key):
                    found.append(token)
                stack.append((token, child))
        elif isinstance(value, list):
            stack.extend((f"{here}/{index}", child) for index, child in enumerate(value))
    index = PositionIndex(text) if found else None
    problems = []
    for here in sorted(found):
        assert index is not None
        line, column = index.locate(here)
        problems.append(Problem(
            code="CS107", file=file, line=line, column=column, pointer=here,
            message="a \\uD800-\\uDFFF escape without its pair is not a character: write the "
                    "character itself in UTF-8"))
    return problems


def _strictness_problems(text: str, *, file: str) -> list[Problem]:
    index = PositionIndex(text)
    problems: list[Problem] = []
    for duplicate in index.duplicates:
        line, column = index.line_column(duplicate.offset)
        key = duplicate.pointer.rsplit("/", 1)[-1]
        problems.append(Problem(
            code="CS102", file=file, line=line, column=column, pointer=duplicate.pointer,
            message=f"duplicate key {key!r}: keep one of them"))
    for here, offset in index.non_finite:
        line, column = index.line_column(offset)
        problems.append(Problem(
            code="CS103", file=file, line=line, column=column, pointer=here,
            message="NaN and Infinity are not JSON: write a finite number or null"))
    if not problems:  # a literal such as 1e999 that overflows to infinity
        problems.append(Problem(code="CS103", file=file, line=1, column=1, pointer="",
                                message="a number overflows to infinity: write a finite number"))
    return problems


def decode_text(data: bytes, *, file: str, code: str = "CS107") -> str:
    """Decode UTF-8 strictly: no BOM, no invalid bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        problem = Problem(code=code, file=file, line=1, column=1, pointer="",
                          message="starts with a byte order mark: save as UTF-8 without BOM")
        raise InputError(f"{file}: {problem.message}", code=code, problems=[problem])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        problem = Problem(code=code, file=file, line=line, column=column, pointer="",
                          message=f"not UTF-8 (byte 0x{data[error.start]:02x} at byte "
                                  f"{error.start}): save the file as UTF-8")
        raise InputError(f"{file}:{line}:{column}: {problem.message}", code=code,
                         problems=[problem]) from None


def _kind_of(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISLNK, "a symlink")):
        if test(mode):
            return name
    return "not a regular file"


def not_regular(file: str, mode: int, *, code: str = "CS111") -> InputError:
    """The error for a path that is not a regular file (it is never opened, or never read)."""
    problem = Problem(code=code, file=file, pointer="",
                      message=f"is {_kind_of(mode)}, not a regular file: claimset reads and "
                              "replaces only regular files")
    return InputError(f"{file}: {problem.message}", code=code, problems=[problem])


def open_regular(path: Path, *, file: str, follow_symlinks: bool = False) -> int:
    """A read-only descriptor on ``path``, proven a regular file (InputError CS111 otherwise).

    Opened non-blocking, so a FIFO never blocks the open, and judged by ``fstat`` on
    the descriptor itself, so nothing can be swapped in between the check and the read.
    Without ``follow_symlinks`` a symlink is refused (O_NOFOLLOW): data never decides
    where claimset reads.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_symlinks:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode):
            raise not_regular(file, mode)
        flags |= getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise not_regular(file, mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def read_bytes(path: Path, *, file: str, max_bytes: int = MAX_JSON_BYTES,
               follow_symlinks: bool = False) -> bytes:
    """Read a regular file, refusing one over ``max_bytes`` before reading it.

    FIFOs, devices, sockets and directories are refused (CS111) without blocking,
    and so are symlinks unless ``follow_symlinks`` (a path a person typed, not one
    from data).
    """
    try:
        descriptor = open_regular(path, file=file, follow_symlinks=follow_symlinks)
        with os.fdopen(descriptor, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                problem = Problem(code="CS106", file=file, pointer="",
                                  message=f"file is {size} bytes, over the {max_bytes}-byte "
                                          "limit")
                raise InputError(f"{file}: {problem.message}", code="CS106",
                                 problems=[problem])
            # Sized by the stat: a read of max_bytes + 1 allocates that much up front
            # (64 MB per dataset file).  More only if the file grew.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(max_bytes + 1 - len(data))
    except OSError as error:
        problem = Problem(code="CS109", file=file, pointer="",
                          message=f"cannot read: {error.strerror or error}")
        raise InputError(f"{file}: {problem.message}", code="CS109", problems=[problem]) from None
    if len(data) > max_bytes:  # grew while we looked
        problem = Problem(code="CS106", file=file, pointer="",
                          message=f"file is over the {max_bytes}-byte limit")
        raise InputError(f"{file}: {problem.message}", code="CS106", problems=[problem])
    return data


@attrs.frozen
class JsonFile:
    """A parsed JSON file with its text, so problems can be located in it.

    ``round_trips`` is True when the file was read by :func:`parse_round_trip`.
    """

    file: str
    data: Any
    round_trips: bool = attrs.field(default=False, kw_only=True)
    #: The text, or until first asked for, its UTF-8 bytes: a clean file's text is
    #: never needed, and decoding every file of a large dataset costs time and memory.
    _source: list[str | bytes] = attrs.field(eq=False, repr=False, alias="source",
                                             kw_only=True)
    _index: list[PositionIndex] = attrs.field(factory=list, eq=False, repr=False, alias="_index")
    _verdicts: dict[Callable[[str, str], bool], bool] = attrs.field(
        factory=dict, eq=False, repr=False, alias="_verdicts")

    @property
    def text(self) -> str:
        held = self._source[0]
        if isinstance(held, bytes):
            held = self._source[0] = held.decode("utf-8")  # proven UTF-8 by the round trip
        return held

    def in_canonical_layout(self) -> bool:
        """Proven to be ``data`` as :func:`claimset.store.canonical.dumps` writes it, keys in the
        order they come (False: not proven)."""
        if not self.round_trips:
            return False
        held = self._source[0]
        patterns = _SMALL_FLOATS if isinstance(held, bytes) else _SMALL_FLOATS_TEXT
        return not any(pattern.search(held) for pattern in patterns)  # type: ignore[arg-type]

    def keyed_decimals(self) -> Iterator[tuple[str, str]] | None:
        """Each ``(key, literal)`` where a member's value is a number written with a
        point or an exponent, anywhere in the file, found as they come; None when that
        is not proven (the file did not round-trip, so its numbers may be written in
        other ways).

        In orjson's layout every member is ``"key": value`` and a quote inside a string
        is escaped, so the key is what follows the last quote before ``": ``: the key
        itself, or for a key holding an escaped quote (or a string holding ``": 1.5``),
        the part after it."""
        if not self.round_trips:
            return None
        held = self._source[0]
        if isinstance(held, bytes):
            return ((held[held.rfind(b'"', 0, match.start()) + 1:match.start()].decode(
                "utf-8", "replace"), match[1].decode("ascii"))
                for match in _KEYED_DECIMAL.finditer(held))
        return ((held[held.rfind('"', 0, match.start()) + 1:match.start()], match[1])
                for match in _KEYED_DECIMAL_TEXT.finditer(held))

    def any_keyed_decimal(self, predicate: Callable[[str, str], bool]) -> bool | None:
        """Whether ``predicate(key, literal)`` holds for one of :meth:`keyed_decimals`
        (None: not proven).  The scan stops at the first, holds nothing, and its answer
        is kept per predicate: every source of a bundle asks it of the one file."""
        if predicate not in self._verdicts:
            found = self.keyed_decimals()
            if found is None:
                return None
            self._verdicts[predicate] = any(predicate(key, literal) for key, literal in found)
        return self._verdicts[predicate]

    @property
    def positions(self) -> PositionIndex:
        if not self._index:
            self._index.append(PositionIndex(self.text))
        return self._index[0]

    def problem(self, code: str, message: str, json_pointer: str, *, key: bool = False) -> Problem:
        line, column = self.positions.locate(json_pointer, key=key)
        return Problem(code=code, message=message, file=self.file, line=line, column=column,
                       pointer=json_pointer)


def read_json(path: Path, *, file: str | None = None, follow_symlinks: bool = False) -> JsonFile:
    """Read, decode and parse a JSON file strictly; :class:`InputError` on any problem."""
    display = file if file is not None else os.fspath(path)
    return parse_json_bytes(read_bytes(path, file=display, follow_symlinks=follow_symlinks),
                            file=display)


def parse_json_bytes(raw: bytes, *, file: str) -> JsonFile:
    """Decode and parse a file's bytes strictly; :class:`InputError` on any problem."""
    round_trips, data = parse_round_trip(raw)  # proves UTF-8 without a BOM too
    if round_trips:
        return JsonFile(file=file, data=data, round_trips=True, source=[raw])
    text = decode_text(raw, file=file)
    return JsonFile(file=file, data=parse_json(text, file=file), source=[text])


def parse_json_text(text: str, *, file: str) -> JsonFile:
    round_trips, data = parse_round_trip(text.encode("utf-8", "surrogatepass"))
    if not round_trips:
        data = parse_json(text, file=file)
    return JsonFile(file=file, data=data, round_trips=round_trips, source=[text])
