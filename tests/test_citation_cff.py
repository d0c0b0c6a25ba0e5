"""CITATION.cff: valid CFF 1.2.0 by cffconvert's own validator, and in step with the data.

cffconvert 2.0 pins jsonschema<4 while claimset needs jsonschema>=4.18, so it is
not in the test extra: CI installs it with ``--no-deps`` (``.ci/run``) beside the
two libraries it really imports (ruamel.yaml, pykwalify), and this test proves
its validator runs, and rejects a broken file, under jsonschema 4.  Without
cffconvert the test is skipped locally, and fails when CLAIMSET_REQUIRE_TOOLS
is set (as .ci/run sets it), so CI can never skip it.
"""

from __future__ import annotations

import json
import os
import re
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

import claimset

REPO = Path(__file__).resolve().parents[1]
CITATION = REPO / "CITATION.cff"


def cffconvert() -> Any:
    try:
        import cffconvert
    except ImportError:
        if os.environ.get("CLAIMSET_REQUIRE_TOOLS"):
            pytest.fail("cffconvert is required here: pip install --no-deps cffconvert==2.0.0 "
                        "'ruamel.yaml>=0.16' 'pykwalify>=1.6'")
        pytest.skip("cffconvert not installed (pip install --no-deps cffconvert==2.0.0 "
                    "'ruamel.yaml>=0.16' 'pykwalify>=1.6')")
    return cffconvert


def test_citation_cff_is_valid_by_cffconvert_under_jsonschema_4() -> None:
    library = cffconvert()
    assert int(metadata.version("jsonschema").split(".")[0]) >= 4
    citation = library.Citation(CITATION.read_text(encoding="utf-8"))
    assert citation.cffversion == "1.2.0"
    citation.validate()
    assert "claimset developers" in citation.as_bibtex()


def _broken(replace: str, by: str) -> str:
    text = CITATION.read_text(encoding="utf-8")
    assert replace in text, replace
    return text.replace(replace, by, 1)


@pytest.mark.parametrize("text", [
    _broken("license: CC-BY-4.0", "license: CC-BY-4.0-or-so"),
    _broken('date-released: "2026-12-07"', 'date-released: "7 December 2026"'),
    _broken('title: "claimset: citation-checked figures"\n', ""),
    _broken("type: data", "type: spreadsheet"),
    _broken("  - name: claimset developers\nrepository-code", "  - claimset developers\n"
                                                              "repository-code"),
], ids=["licence", "date", "no title", "type", "author"])
def test_a_broken_citation_cff_fails(text: str) -> None:
    library = cffconvert()
    import jsonschema

    with pytest.raises(jsonschema.ValidationError):
        library.Citation(text).validate()


def _field(text: str, key: str, *, indent: str = "") -> str:
    match = re.search(rf"^{indent}{key}: \"?([^\"\n]+)\"?$", text, re.MULTILINE)
    assert match, key
    return match.group(1)


def test_versions_and_licences_match_the_package_and_the_data() -> None:
    text = CITATION.read_text(encoding="utf-8")
    index = json.loads((REPO / "dataset" / "index.json").read_text(encoding="utf-8"))
    assert _field(text, "version") == claimset.__version__
    assert _field(text, "version", indent="  ") == index["version"]
    assert _field(text, "license", indent="  ") == index["license"]
    version = index["version"]
    assert f"/dataset-{version}/claimset-{version}.json" in text
    assert f"/releases/tag/dataset-{version}" in text
    changelog = (REPO / "dataset" / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.search(rf"^## \[{re.escape(version)}\] - (\S+)$", changelog, re.MULTILINE)
    assert released and _field(text, "date-released", indent="  ") == released.group(1)


def test_the_dataset_card_says_what_a_card_must() -> None:
    card = (REPO / "docs" / "datacard.md").read_text(encoding="utf-8")
    for heading in ("## What the data is", "## How it was made", "## Known limits",
                    "## Licences", "## How to cite"):
        assert heading in card, heading
    assert "CC-BY-4.0" in card and "CITATION.cff" in card
