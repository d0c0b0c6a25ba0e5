"""What a JSON syntax error means for a person editing a dataset file by hand.

The standard library's messages name what the parser expected (``Expecting
value``), not what the writer did (a comma after the last item).  These readings
look at the text around the error for the slips people make in JSON, say what to
fix, and point at the character to change: the trailing comma itself, not the
bracket after it.
"""

from __future__ import annotations

import json

import attrs

_WHITESPACE = " \t\r\n"


@attrs.frozen(kw_only=True)
class SyntaxHint:
    """Where to fix a JSON syntax error (1-based line and column) and what to do."""

    line: int
    column: int
    message: str


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _previous(text: str, index: int) -> int:
    """The index of the last non-whitespace character before ``index`` (-1: none)."""
    while index > 0 and text[index - 1] in _WHITESPACE:
        index -= 1
    return index - 1


def explain(text: str, error: json.JSONDecodeError) -> SyntaxHint:
    """``error`` (raised parsing ``text``) as what to fix, at the place to fix it."""
    at = min(error.pos, len(text))
    if error.msg.startswith("Illegal trailing comma") and text[at:at + 1] == ",":
        # Python 3.13 reports a trailing comma at the comma, older Pythons at the bracket
        # after it: read both at the bracket.
        at += 1
        while at < len(text) and text[at] in _WHITESPACE:
            at += 1
    here = text[at] if at < len(text) else ""
    before = _previous(text, at)
    expected = error.msg

    def hint(index: int, message: str) -> SyntaxHint:
        line, column = _position(text, index)
        return SyntaxHint(line=line, column=column, message=f"invalid JSON: {message}")

    if here in "]}" and here and before >= 0 and text[before] == ",":
        closing = "array" if here == "]" else "object"
        return hint(before, f"a comma after the last item of an {closing}: JSON allows "
                            f"none before '{here}': remove this comma")
    if here == "'":
        return hint(at, "a single quote: JSON strings and keys take double quotes (\")")
    if here in ("/", "#") and expected.startswith("Expecting"):
        return hint(at, "a comment: JSON has none; remove it (a claim's 'note' field holds "
                        "remarks)")
    if not here and expected.startswith("Expecting"):
        return hint(max(before, 0), "the text ends too early: a closing ']', '}' or '\"' is "
                                    "missing")
    if expected.startswith("Expecting ',' delimiter") and here:
        return hint(at, "two values with no comma between them: add ',' before this one")
    if expected.startswith("Expecting ':' delimiter"):
        return hint(at, "a key without ':' after it: write \"key\": value")
    if expected.startswith("Invalid control character"):
        return hint(at, "a line break or tab inside a string: write it as \\n or \\t")
    if expected.startswith("Unterminated string"):
        return hint(at, "a string that is never closed: add the closing '\"'")
    if expected.startswith("Extra data"):
        return hint(at, "text after the end of the JSON value: a file holds one object; remove "
                        "what follows or add the missing '[' or '{' before")
    if expected.startswith("Expecting value") and text[at:at + 3] in ("Non", "Tru", "Fal"):
        return hint(at, "Python's None, True or False: JSON writes null, true and false")
    return hint(at, expected)
