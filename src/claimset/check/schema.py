"""The JSON Schema (schema/claimset.schema.json) and validation against it.

jsonschema-rs (compiled) is used when installed: it validates a 100,000-claim
dataset in a fraction of the time of parsing it.  The pure-Python jsonschema
package is the fallback and gives the same errors, each with its JSON pointer.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from typing import Any

import attrs

from claimset.core import limits
from claimset.core.resources import schema_path
from claimset.store.jsonio import JsonFile
from claimset.store.positions import escape_pointer_token

#: Names of the definitions that describe claimset's files.
DOCUMENTS = ("index", "sourceFile", "bundle", "claim", "source", "exclusion",
             "releaseManifest", "releaseShard")


@attrs.frozen
class SchemaError:
    """One violation: the JSON pointer of the offending value and a message."""

    pointer: str
    message: str


@functools.cache
def schema() -> dict[str, Any]:
    """The schema document, parsed once."""
    with schema_path().open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


def _subschema(document: str) -> dict[str, Any]:
    full = schema()
    if document == "bundle":
        return full
    return {"$schema": full["$schema"], "$defs": full["$defs"], "$ref": f"#/$defs/{document}"}


@functools.cache
def _validator(document: str) -> Any:
    try:
        import jsonschema_rs
    except ImportError:  # where no wheel exists for the platform (tested by blocking it)
        return _Validator(_pure_validator_class()(_subschema(document)), "absolute_path")
    return _Validator(jsonschema_rs.validator_for(_subschema(document)), "instance_path")


def ecma_pattern(pattern: str) -> str:
    """``pattern`` with ECMA-262's meaning of ``$`` in Python's ``re``.

    JSON Schema patterns are ECMA-262 regular expressions, where ``$`` matches only
    at the very end of the string; in Python it also matches before a final newline,
    so ``^[a-z]+$`` accepted ``"demo\\n"`` (and ``build`` wrote a file name with a
    newline).  Every ``$`` outside a character class becomes ``\\Z``."""
    out: list[str] = []
    escaped = in_class = False
    for character in pattern:
        if escaped:
            out.append(character)
            escaped = False
        elif character == "\\":
            out.append(character)
            escaped = True
        elif in_class:
            out.append(character)
            in_class = character != "]"
        elif character == "[":
            out.append(character)
            in_class = True
        elif character == "$":
            out.append(r"\Z")
        else:
            out.append(character)
    return "".join(out)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(ecma_pattern(pattern))


@functools.cache
def _pure_validator_class() -> Any:
    """jsonschema's Draft 2020-12 validator with ECMA-262 ``$`` in ``pattern``."""
    import jsonschema
    from jsonschema import validators

    def pattern(validator: Any, expected: str, instance: Any, schema: Any) -> Iterator[Any]:
        if validator.is_type(instance, "string") and not _compiled(expected).search(instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {expected!r}")

    return validators.extend(jsonschema.Draft202012Validator, {"pattern": pattern})


def _join(path: Any) -> str:
    return "".join("/" + escape_pointer_token(part) for part in path)


@attrs.frozen
class _Validator:
    """Either library's validator; they differ only in where an error's path is."""

    validator: Any
    path_attribute: str

    def is_valid(self, instance: Any) -> bool:
        return bool(self.validator.is_valid(instance))

    def errors(self, instance: Any) -> Iterator[SchemaError]:
        for error in self.validator.iter_errors(instance):
            yield SchemaError(_join(getattr(error, self.path_attribute)),
                              _shorten(error.message))


def _shorten(message: str, limit: int = 200) -> str:
    # Messages quote the offending instance, which can be a whole claim.
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


#: Fields the schema types as "integer": JSON Schema counts 2711.0, 2.711e3 and -0.0 as
#: integers, but Python reads them as floats, which cannot index a text.
_WHOLE_FIELDS = frozenset({"start", "end", "length"})
#: Fields the schema types as "number": an integer literal of 400 digits is a number
#: to JSON but beyond every float, and the value checks compare floats.
_REAL_FIELDS = frozenset({"value", "lower", "upper"})
#: Largest magnitude a value may have: a float's range, less a margin for the checks'
#: arithmetic (a tolerance of 1e-9 times the value must stay finite).
MAX_MAGNITUDE = limits.VALUE_MAGNITUDE


@attrs.frozen
class NumberProblem:
    """A number the schema admits that claimset cannot use as written."""

    pointer: str
    code: str
    message: str


def unusable_numbers(instance: Any) -> list[NumberProblem]:
    """Offsets written as floats (CS115) and values beyond a float's range (CS116).

    Walks the whole document iteratively (schema-valid documents are shallow, but this
    also runs on invalid ones).  Only containers are pushed, each with a link to its
    parent's path, and a JSON pointer is spelled out only for a problem: this runs over
    every node of every document, where building a pointer per node cost more than
    parsing the document."""
    found: list[NumberProblem] = []
    stack: list[tuple[_Path, Any]] = [(None, instance)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if key in _WHOLE_FIELDS and isinstance(item, float):
                    shown = int(item) if item.is_integer() else item
                    found.append(NumberProblem(
                        _spell((here, key)), "CS115",
                        f"{key} is {item!r}, written as a decimal number: "
                        f"offsets are whole numbers, write {shown!r}"))
                elif key in _REAL_FIELDS and isinstance(item, (int, float)) and not isinstance(
                        item, bool) and abs(item) > MAX_MAGNITUDE:
                    found.append(NumberProblem(
                        _spell((here, key)), "CS116",
                        f"{key} is over {MAX_MAGNITUDE:g} in size, beyond the "
                        "range claimset compares: write the number the figure says"))
                elif isinstance(item, (dict, list)):
                    stack.append(((here, key), item))
        elif isinstance(value, list):
            stack.extend(((here, position), item) for position, item in enumerate(value)
                         if isinstance(item, (dict, list)))
    found.sort(key=lambda problem: problem.pointer)
    return found


def unusable_numbers_in(file: JsonFile, data: Any) -> list[NumberProblem]:
    """:func:`unusable_numbers` of ``data``, which is ``file``'s document or a part of it.

    Without the walk when the file's own text proves there is nothing to find: in a
    file that round-trips, every number written with a point or an exponent is found
    by :meth:`JsonFile.keyed_decimals`, and an offset or a value beyond a float's range
    can be written no other way (orjson reads a longer integer as a float, which does
    not round-trip).  The walk visits every node, which costs more than the parse."""
    if file.any_keyed_decimal(_may_be_unusable) is False:
        return []
    return unusable_numbers(data)


def _may_be_unusable(key: str, literal: str) -> bool:
    if key in _WHOLE_FIELDS:
        return True
    if key not in _REAL_FIELDS:
        return False
    try:
        return not abs(float(literal)) <= MAX_MAGNITUDE
    except ValueError:  # not a literal this pattern expects: let the walk decide
        return True


#: A path into a document as a linked list: (parent, token), the root is None.
_Path = tuple[Any, str | int] | None


def _spell(path: _Path) -> str:
    tokens: list[str | int] = []
    while path is not None:
        path, token = path
        tokens.append(token)
    return "".join("/" + escape_pointer_token(token) for token in reversed(tokens))


def validate(instance: Any, *, document: str) -> list[SchemaError]:
    """Every schema violation of ``instance`` read as ``document`` (see DOCUMENTS)."""
    validator = _validator(document)
    if validator.is_valid(instance):
        return []
    found = sorted(set(validator.errors(instance)), key=lambda error: error.pointer)
    return found or [SchemaError("", "does not match the schema")]
