"""Standalone JSON Schemas of the repository's files, for editors.

An editor (VS Code, JetBrains, check-jsonschema) validates a JSON file against the
schema its ``$schema`` names, but ignores a fragment such as ``#/$defs/sourceFile``:
it would check a source file against the bundle's root.  So each kind of file has its
own schema, ``schema/index.schema.json`` and ``schema/source-file.schema.json``:
the definition as its root (``$ref``) with every ``$defs`` of the contract beside it,
so that it stands alone (no file to fetch).  They are generated from
``schema/claimset.schema.json`` by :func:`editor_schemas` and committed; a test
regenerates them and compares (``python -m claimset.check.editor_schemas`` rewrites
them after a change to the contract).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from claimset.store.writer import Reads, write_file

#: File name -> (the contract's definition, the files it describes).
EDITOR_SCHEMAS = {
    "index.schema.json": ("index", "dataset/index.json"),
    "source-file.schema.json": ("sourceFile", "dataset/<source-id>.json"),
}
#: What a data file's ``$schema`` says, relative to the file (dataset/ beside schema/).
SCHEMA_REFERENCE = {"index": "../schema/index.schema.json",
                    "sourceFile": "../schema/source-file.schema.json"}


def editor_schemas(contract: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each editor schema of ``contract`` (the parsed claimset.schema.json), by file name."""
    base = str(contract["$id"]).rsplit("/", 1)[0]
    made = {}
    for name, (definition, files) in EDITOR_SCHEMAS.items():
        made[name] = {
            "$schema": contract["$schema"],
            "$id": f"{base}/{name}",
            "title": f"claimset {files}",
            "description": f"{contract['$defs'][definition]['description']} Generated from "
                           f"claimset.schema.json (#/$defs/{definition}), with every "
                           "definition beside it, so that it stands alone for editors.",
            "$ref": f"#/$defs/{definition}",
            "$defs": contract["$defs"],
        }
    return made


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    directory = Path(argv[0] if argv else "schema")
    contract = json.loads((directory / "claimset.schema.json").read_text(encoding="utf-8"))
    for name, schema in editor_schemas(contract).items():
        write_file(directory / name, render(schema).encode("utf-8"),
                   reads=Reads(files=(directory / "claimset.schema.json",)))
        print(f"wrote {directory / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
