"""Data files carry `$schema`, and each kind of file has a schema that stands alone, so an
editor (or check-jsonschema) validates dataset/*.json with nothing else at hand."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from claimset.check.editor_schemas import EDITOR_SCHEMAS, SCHEMA_REFERENCE, editor_schemas, render
from claimset.cli import main
from claimset.contrib.sources import source_document

from conftest import read_source_file, write_source_file

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "schema"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_committed_editor_schemas_are_generated_from_the_contract() -> None:
    made = editor_schemas(load(SCHEMA / "claimset.schema.json"))
    assert sorted(made) == sorted(EDITOR_SCHEMAS)
    for name, schema in made.items():
        assert (SCHEMA / name).read_text(encoding="utf-8") == render(schema), (
            f"schema/{name} is stale: run python -m claimset.check.editor_schemas")


def test_every_data_file_names_its_schema_and_passes_it_standing_alone() -> None:
    for path in sorted((REPO / "dataset").glob("*.json")):
        document = load(path)
        kind = "index" if path.name == "index.json" else "sourceFile"
        assert document["$schema"] == SCHEMA_REFERENCE[kind], path
        assert next(iter(document)) == "$schema"  # first, where an editor looks
        schema = load((path.parent / document["$schema"]).resolve())
        jsonschema.Draft202012Validator.check_schema(schema)
        # no registry and no retrieval: every $ref resolves inside the file
        jsonschema.Draft202012Validator(schema).validate(document)


def test_an_editor_schema_still_refuses_what_the_contract_refuses() -> None:
    source = load(SCHEMA / "source-file.schema.json")
    document = load(REPO / "dataset" / "sewall-2004.json")
    validator = jsonschema.Draft202012Validator(source)
    assert validator.is_valid(document)
    for broken in ({**document, "extra": 1}, {k: v for k, v in document.items() if k != "claims"},
                   {**document, "$schema": 7}):
        assert not validator.is_valid(broken)
    index = jsonschema.Draft202012Validator(load(SCHEMA / "index.schema.json"))
    assert not index.is_valid({**load(REPO / "dataset" / "index.json"), "version": "1.0"})


def test_check_jsonschema_validates_a_source_file_as_an_editor_would() -> None:
    tool = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name(
        "check-jsonschema"))
    if not Path(tool).is_file():
        pytest.skip("check-jsonschema is not installed (the test extra installs it)")
    done = subprocess.run([tool, "--schemafile", os.fspath(SCHEMA / "source-file.schema.json"),
                           os.fspath(REPO / "dataset" / "steele-2008.json")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_checker_allows_schema_and_refuses_a_bad_one(
        checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = read_source_file(checkout)
    document = {"$schema": "../schema/source-file.schema.json", **document}
    write_source_file(checkout, document)
    assert main(["validate", os.fspath(checkout)]) == 0
    assert main(["fmt", "--check", os.fspath(checkout)]) == 0
    capsys.readouterr()
    (checkout / "dataset" / "demo.json").write_text(json.dumps({**document, "$schema": 7},
                                                               indent=2) + "\n")
    assert main(["validate", os.fspath(checkout)]) == 1
    assert "CS104" in capsys.readouterr().out


def test_a_new_source_file_names_its_schema() -> None:
    document = source_document("new-source", b"text", "text")
    assert document["$schema"] == SCHEMA_REFERENCE["sourceFile"]
    assert next(iter(document)) == "$schema"
