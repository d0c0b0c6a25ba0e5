"""Showing untrusted text safely: on a terminal, in a CI log, in Markdown.

Every string claimset prints may come from data (a claim's measure, a file name,
a seed's sentence), and data may carry control characters: ``ESC [2J`` clears a
terminal, a newline followed by ``::error ...`` forges a GitHub annotation,
``##[add-mask]`` anywhere in a line is GitHub's legacy form of a workflow command,
two backticks close a Markdown code span.  These functions make such text visible
instead of active.  They are pure (text in, text out), except :class:`CommandGuard`
and the streams, which carry what they must remember between two writes.

The rule for CI logs is kept in one place, :class:`CommandGuard`: GitHub's runner
splits its input at CR and LF and reads a line as a workflow command when, after
leading white space, it starts with ``::``, or when it holds ``##[`` anywhere.
The command line writes stdout and stderr through :class:`EscapingStream`, whose
text, its ``unescaped`` side and its ``buffer`` (the bytes of CSV and JSON Lines)
all pass that guard, so no command can print data that the runner would run;
claimset's own annotations are the one exception, written with
:meth:`EscapingStream.write_command`.  A one-line value from data is shown with
:func:`log_line` (also :func:`one_line`, which keeps it on one line).
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: the command line imports this module
if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable
    from typing import Any, TextIO

#: C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides
#: and isolates (which reorder what a reviewer reads: "Trojan source").
_ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: The same and newline and tab: for text that must stay on one line.
_ACTIVE_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _show(match: re.Match[str]) -> str:
    character = match.group()
    named = _NAMED.get(character)
    if named is not None:
        return named
    point = ord(character)
    # C0 as \x1b, the rest as \u009b: a JSON string may hold DEL and C1 raw, and
    # \u009b is the one form that is both visible and valid inside JSON.
    return f"\\x{point:02x}" if point < 0x20 else f"\\u{point:04x}"


def terminal(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``); newlines and
    tabs kept.  For whole blocks of output whose line breaks are claimset's own."""
    return _ACTIVE.sub(_show, text)


#: GitHub's legacy workflow command syntax, read anywhere in a line.
_LEGACY_COMMAND = "##["
#: ``[`` as a JSON escape: visible, and a JSON string that held ``##[`` still decodes to it.
_LEGACY_SHOWN = "##\\u005b"
_LINE_BREAKS = "\r\n"


class CommandGuard:
    """Neutralises GitHub workflow commands in text written in pieces.

    The runner reads a line (split at CR or LF) as a command when it starts with
    ``::`` after white space, or holds ``##[`` anywhere.  :meth:`feed` returns its
    text with a backslash before such a line's ``::`` and ``##[`` shown as
    ``##\\u005b``, remembering what the pieces before it ended with (a line's head
    of white space and one colon is held back until the next character decides it).
    JSON stays JSON: ``::`` never begins a JSON line, and ``\\u005b`` is ``[``.
    """

    def __init__(self) -> None:
        self._at_head = True  # the line so far is white space only
        self._held = ""  # white space and at most one colon at a line's head, not yet given
        self._hashes = 0  # the '#' characters that the text given so far ends with (at most 2)

    def feed(self, text: str) -> str:
        """``text``, neutralised."""
        text, self._held = self._held + text, ""
        pieces: list[str] = []
        index, size = 0, len(text)
        while index < size:
            if self._at_head:
                first = index
                while first < size and text[first] not in _LINE_BREAKS and text[first].isspace():
                    first += 1
                if first == size or (text[first] == ":" and first + 1 == size):
                    self._held = text[index:]  # not decided yet
                    break
                if text[first] in _LINE_BREAKS:
                    pieces.append(text[index:first + 1])
                    index = first + 1
                    continue
                if text.startswith("::", first):
                    pieces.append(text[index:first] + "\\")
                    index = first
                self._at_head = False
            ends = [found for found in (text.find("\n", index), text.find("\r", index))
                    if found >= 0]
            if not ends:
                pieces.append(text[index:])
                break
            pieces.append(text[index:min(ends) + 1])
            index = min(ends) + 1
            self._at_head = True
        return self._legacy("".join(pieces))

    def command(self, line: str) -> str:
        """``line``, a workflow command of claimset's own (its data escaped by
        :func:`github_data` and :func:`github_property`), on a line of its own."""
        before = self._held if ":" not in self._held else self._held + "\n"
        if not self._at_head:
            before = "\n"
        self._held, self._at_head, self._hashes = "", True, 0
        return before + self._legacy(one_line(line)) + "\n"

    def release(self) -> str:
        """What is held back that can go out now: a line's white space (a colon waits
        for the character after it); the line is still at its head."""
        if ":" in self._held:
            shown, self._held = self._held[:-1], ":"
        else:
            shown, self._held = self._held, ""
        return shown

    def finish(self) -> str:
        """Everything held back: nothing more is written, so a lone colon is harmless."""
        shown, self._held, self._at_head, self._hashes = self._held, "", True, 0
        return shown

    def _legacy(self, text: str) -> str:
        before = "#" * self._hashes
        both = (before + text).replace(_LEGACY_COMMAND, _LEGACY_SHOWN)
        self._hashes = min(2, len(both) - len(both.rstrip("#")))
        return both[len(before):]


#: C0 and C1 controls, DEL and the bidirectional overrides, but for line breaks and
#: tab: what bytes written for a file (CSV, JSON Lines) may not carry to a terminal.
_ACTIVE_IN_FILES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class _GuardedText:
    """A text stream whose writes pass a :class:`CommandGuard`; control characters
    pass as they are (claimset's own colours and progress bars)."""

    def __init__(self, stream: TextIO, guard: CommandGuard) -> None:
        self.stream = stream
        self.guard = guard

    def write(self, text: str) -> int:
        self.stream.write(self.guard.feed(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.stream.write(self.guard.release())
        self.stream.flush()

    @property
    def buffer(self) -> _GuardedBytes:
        return _GuardedBytes(self)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class _GuardedBytes:
    """The ``buffer`` of an escaping stream: UTF-8 bytes for a file (CSV, JSON Lines)
    written to the terminal or a log.  Line breaks and tabs stay (CSV's CRLF); other
    controls are shown as escapes and workflow commands neutralised, as for text.
    JSON stays the same JSON; CSV keeps its bytes unless a cell holds one of those
    (``--out FILE`` writes the exact bytes)."""

    def __init__(self, text: _GuardedText) -> None:
        self.text = text
        self.stream: Any = text.stream.buffer

    def write(self, data: bytes | bytearray | memoryview) -> int:
        shown = _ACTIVE_IN_FILES.sub(_show, bytes(data).decode("utf-8", "surrogateescape"))
        self.text.stream.flush()  # what was written as text goes first
        self.stream.write(self.text.guard.feed(shown).encode("utf-8", "surrogateescape"))
        return len(data)

    def flush(self) -> None:
        self.stream.write(self.text.guard.release().encode("utf-8"))
        self.stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


class EscapingStream:
    """A text stream that shows control characters as escapes (:func:`terminal`) and
    never lets data start a workflow command (:class:`CommandGuard`).

    The command line writes stdout and stderr through it, so no byte of data reaches
    the terminal as a control sequence or a CI log as a command, whichever command
    printed it.  Valid JSON stays valid JSON (JSON text carries no raw C0 character;
    C1 and DEL become ``\\u`` escapes, as ``##[``'s bracket does).  ``unescaped`` is
    the stream for claimset's own colours and progress bars (commands still guarded);
    ``buffer`` takes bytes (:class:`_GuardedBytes`).
    """

    def __init__(self, stream: TextIO) -> None:
        self.unescaped = _GuardedText(stream, CommandGuard())

    def write(self, text: str) -> int:
        self.unescaped.write(terminal(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def write_command(self, line: str) -> None:
        """One workflow command of claimset's own (an annotation whose data is escaped
        by :func:`github_data` and :func:`github_property`), on a line of its own."""
        self.unescaped.stream.write(self.unescaped.guard.command(line))

    def flush(self) -> None:
        self.unescaped.flush()

    def finish(self) -> None:
        """Write what the guard holds back (the end of the output)."""
        held = self.unescaped.guard.finish()
        if held:
            self.unescaped.stream.write(held)

    @property
    def buffer(self) -> _GuardedBytes:
        return self.unescaped.buffer

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unescaped.stream, name)


def write_command(stream: TextIO, line: str) -> None:
    """Write claimset's own workflow command ``line`` to ``stream``: through
    :meth:`EscapingStream.write_command` where it is one (the command line's stdout)."""
    writer = getattr(stream, "write_command", None)
    if writer is not None:
        writer(line)
    else:
        stream.write(line + "\n")


def one_line(text: str) -> str:
    """``text`` with every control character, newline and tab shown as an escape: a
    value from data that must not start a new line (a file name, an id, a message)."""
    return _ACTIVE_OR_BREAK.sub(_show, text)


def github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit escapes it (and no
    legacy ``##[`` command inside it)."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(escaped).replace(_LEGACY_COMMAND, _LEGACY_SHOWN)


def github_property(text: str) -> str:
    """A workflow command's property value (file=, title=): also ``:`` and ``,``."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def log_line(text: str) -> str:
    """``text`` as one line of a CI log that cannot be a workflow command: control
    characters and line breaks shown as escapes (:func:`one_line`), a backslash before
    a leading ``::``, and ``##[`` shown as ``##\\u005b``."""
    guard = CommandGuard()
    return guard.feed(one_line(text)) + guard.finish()


#: The name this function had before the legacy syntax was known (issue 12).
github_line = log_line


_BACKTICKS = re.compile("`+")
#: What Markdown would read as markup, and what GitHub would turn into a link by itself
#: (its autolinks start at ``://``, ``www.`` and an e-mail's ``@``).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~:@]|(?<=[Ww]{3})\.)")


def markdown_code(text: str) -> str:
    """``text`` as a Markdown code span that nothing in it can close: the fence is one
    backtick longer than the longest run inside, and a table's ``|`` is escaped."""
    shown = " ".join(one_line(text).split(" ")).replace("|", "\\|")
    longest = max((len(run) for run in _BACKTICKS.findall(shown)), default=0)
    fence = "`" * (longest + 1)
    if shown.startswith("`") or shown.endswith("`") or not shown.strip():
        shown = f" {shown} "
    return f"{fence}{shown}{fence}"


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown inline text: no raw HTML, links (autolinks too),
    emphasis or cell breaks; every escape is a backslash, which GitHub does not show."""
    shown = one_line(text).replace("&", "&amp;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", shown)


#: A cell that a spreadsheet would run as a formula (OWASP's list: ``= + - @``, tab, CR),
#: after any apostrophes: guarded, so that a guarded cell is read back exactly.
_FORMULA_LIKE = re.compile("'*[=+\\-@\t\r]")
#: A cell :func:`spreadsheet_cell` guarded (a regular expression, for pandas too).
GUARDED_CELL = "'+[=+\\-@\t\r]"
_GUARDED = re.compile(GUARDED_CELL)


def spreadsheet_cell(text: str) -> str:
    """``text`` as a CSV cell that a spreadsheet shows and never runs: a cell starting
    like a formula (``= + - @``, tab, CR, after any apostrophes) gets an apostrophe
    before it, as OWASP advises.  :func:`unguarded_cell` reads every cell back exactly."""
    return "'" + text if _FORMULA_LIKE.match(text) else text


def unguarded_cell(text: str) -> str:
    """The value :func:`spreadsheet_cell` guarded (any other cell as it is)."""
    return text[1:] if _GUARDED.match(text) else text

