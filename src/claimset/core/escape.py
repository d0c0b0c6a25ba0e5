"""Showing untrusted text safely: on a terminal, in GitHub workflow commands, in Markdown.

Every string claimset prints may come from data (a claim's measure, a file name,
a seed's sentence), and data may carry control characters: ``ESC [2J`` clears a
terminal, a newline followed by ``::error ...`` forges a GitHub annotation, two
backticks close a Markdown code span.  These functions make such text visible
instead of active.  They are pure: text in, text out.
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


class EscapingStream:
    """A text stream that shows control characters as escapes (:func:`terminal`).

    The command line writes stdout and stderr through it, so no byte of data reaches
    the terminal as a control sequence, whichever command printed it.  Valid JSON
    stays valid JSON (JSON text carries no raw C0 character; C1 and DEL become
    ``\\u`` escapes).  ``unescaped`` is the stream underneath, for claimset's own
    colours and progress bars.
    """

    def __init__(self, stream: TextIO) -> None:
        self.unescaped = stream

    def write(self, text: str) -> int:
        self.unescaped.write(terminal(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unescaped, name)


def one_line(text: str) -> str:
    """``text`` with every control character, newline and tab shown as an escape: a
    value from data that must not start a new line (a file name, an id, a message)."""
    return _ACTIVE_OR_BREAK.sub(_show, text)


def github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit escapes it."""
    return terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """A workflow command's property value (file=, title=): also ``:`` and ``,``."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(text: str) -> str:
    """Plain text printed among workflow commands: one line that cannot be one."""
    shown = one_line(text)
    return shown if not shown.lstrip().startswith("::") else "\\" + shown


_BACKTICKS = re.compile("`+")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


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
    """``text`` as literal Markdown inline text: no raw HTML, links, emphasis or cell breaks."""
    shown = one_line(text).replace("&", "&amp;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", shown)
