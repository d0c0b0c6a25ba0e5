"""The JSON Schema (schema/claimset.schema.json) and validation against it.

jsonschema-rs (compiled) is used when installed: it validates a 100,000-claim
dataset in a fraction of the time of parsing it.  The pure-Python jsonschema
package is the fallback and gives the same errors, each with its JSON pointer.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any

import attrs

from claimset.core.resources import schema_path
from claimset.store.jsonio import escape_pointer_token

#: Names of the definitions that describe claimset's files.
DOCUMENTS = ("index", "sourceFile", "bundle", "claim", "source", "exclusion")


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
        import jsonschema

        return _Validator(jsonschema.Draft202012Validator(_subschema(document)), "absolute_path")
    return _Validator(jsonschema_rs.validator_for(_subschema(document)), "instance_path")


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


def validate(instance: Any, *, document: str) -> list[SchemaError]:
    """Every schema violation of ``instance`` read as ``document`` (see DOCUMENTS)."""
    validator = _validator(document)
    if validator.is_valid(instance):
        return []
    found = sorted(set(validator.errors(instance)), key=lambda error: error.pointer)
    return found or [SchemaError("", "does not match the schema")]
