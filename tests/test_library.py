"""The library's surface: lazy import, loading from anywhere, querying, the schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import attrs
import jsonschema
import pytest

import claimset
from claimset.store.model import Claim, Span

from conftest import write_checkout

REPO = Path(__file__).resolve().parent.parent


def test_import_loads_no_data_and_no_heavy_modules() -> None:
    code = (
        "import sys, builtins\n"
        "opened = []\n"
        "real_open = builtins.open\n"
        "builtins.open = lambda f, *a, **k: (opened.append(str(f)), real_open(f, *a, **k))[1]\n"
        "import claimset\n"
        "heavy = [m for m in ('claimset.check.loader', 'claimset.check.checker',\n"
        "         'claimset.grammar.extract',\n"
        "         'jsonschema', 'jsonschema_rs', 'requests', 'claimset.store.model')\n"
        "         if m in sys.modules]\n"
        "print(repr((heavy, [f for f in opened if f.endswith(('.json', '.txt'))])))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "([], [])"


def test_load_the_bundled_dataset_from_any_directory(tmp_path: Path) -> None:
    code = ("import claimset; ds = claimset.load(); "
            "c = ds.claims[0]; s = ds.sources[c.source]; "
            "assert s.text[c.figure.start:c.figure.end] == c.figure.text; "
            "print(ds.name, len(ds) > 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=tmp_path, check=True)
    assert result.stdout.strip() == "claimset True"


def test_every_bundled_citation_holds() -> None:
    ds = claimset.load()
    assert ds.version == json.loads((REPO / "dataset" / "index.json").read_text())["version"]
    for claim in ds:
        text = ds.sources[claim.source].text
        assert text[claim.quote.start:claim.quote.end] == claim.quote.text
        assert text[claim.figure.start:claim.figure.end] == claim.figure.text
        assert claim.quote.contains(claim.figure)


def test_value_objects_are_frozen(checkout: Path) -> None:
    ds = claimset.load(checkout)
    claim = ds.claim("demo/troops")
    assert isinstance(claim, Claim) and isinstance(claim.figure, Span)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        claim.value = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        ds.sources["x"] = ds.sources["demo"]  # type: ignore[index]
    assert (claim.figure.text, claim.value, claim.qualifier) == ("150,000", 150000,
                                                                 "approximately")


def test_queries(checkout: Path) -> None:
    ds = claimset.load(checkout)
    assert [c.id for c in ds.find(unit="USD")] == ["demo/cost"]
    assert [c.id for c in ds.find(qualifier="approximately")] == ["demo/troops"]
    for misspelt in ({"qualifier": "approx"}, {"stance": "Asserted"}):
        with pytest.raises(claimset.UsageError, match="must be one of") as raised:
            ds.find(**misspelt)
        assert raised.value.code == "CS121"
    assert [c.id for c in ds.find(text="BILL")] == ["demo/cost"]
    assert ds.find(attribution="nobody") == []
    assert "demo/troops" in ds and len(ds) == 2
    with pytest.raises(KeyError, match="did you mean demo/troops"):
        ds.claim("demo/troop")


def test_find_by_attribution_period_and_tag(tmp_path: Path) -> None:
    from conftest import DEMO_TEXT, make_claim

    claims = [
        make_claim(DEMO_TEXT, "troops", "a force of some 150,000 troops would maintain order",
                   "150,000", 150000, qualifier="approximately", attribution="Iraq Body Count",
                   stance="attributed", period="2007-01", tags=["us-troops"]),
        make_claim(DEMO_TEXT, "cost", "The bill came to nearly $20 billion", "$20 billion",
                   20_000_000_000, unit="USD", qualifier="nearly", upper=20_000_000_000,
                   retracted={"reason": "misread", "version": "1.1.0"}, tags=["us-troops"]),
    ]
    ds = claimset.load(write_checkout(tmp_path, claims=claims))
    assert [c.value for c in ds.find(attribution="iraq body count")] == [150000]
    assert [c.id for c in ds.find(period="2007")] == ["demo/troops"]
    assert [c.id for c in ds.find(tag="us-troops")] == ["demo/troops"]
    assert len(ds.find(tag="us-troops", include_retracted=True)) == 2
    assert ds.claim("demo/cost").is_retracted
    assert ds.tags() == {"us-troops": 2}


def test_load_refuses_a_broken_citation(checkout: Path) -> None:
    path = checkout / "dataset" / "demo.json"
    document = json.loads(path.read_text())
    document["claims"][0]["figure"]["start"] += 1
    path.write_text(json.dumps(document))
    with pytest.raises(claimset.DatasetError) as caught:
        claimset.load(checkout)
    assert caught.value.code == "CS202"
    assert "dataset/demo.json:" in str(caught.value)


def test_the_schema_is_valid_2020_12_and_documents_every_property() -> None:
    schema = json.loads((REPO / "schema" / "claimset.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("claimset.schema.json")

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                assert node.get("additionalProperties") is False, where
                for name, prop in node["properties"].items():
                    assert "description" in prop or "$ref" in prop, f"{where}/{name}"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for number, value in enumerate(node):
                walk(value, f"{where}/{number}")

    walk(schema, "#")


def test_the_schema_checks_every_array_item_not_only_the_first(checkout: Path) -> None:
    from claimset.check import schema

    document = json.loads((checkout / "dataset" / "demo.json").read_text())
    document["claims"][1]["stance"] = "rumoured"
    errors = schema.validate(document, document="sourceFile")
    assert [e.pointer for e in errors] == ["/claims/1/stance"]


def test_python_dash_m_works(checkout: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "claimset", "validate", str(checkout)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok" in result.stdout


def test_show_prints_the_claim_in_context(checkout: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from claimset.cli import main

    assert main(["show", "demo/troops", "--path", str(checkout), "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "some [150,000] troops" in out and "approximately" in out
    assert main(["show", "demo/troops", "--path", str(checkout), "--color", "always"]) == 0
    assert "\x1b[1;7m150,000" in capsys.readouterr().out
    assert main(["show", "demo/nope", "--path", str(checkout)]) == 2
    assert "no claim 'demo/nope'" in capsys.readouterr().err


def test_validate_with_no_path_uses_the_enclosing_checkout(
        checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(checkout / "dataset")
    assert claimset.validate().ok
    outside = checkout.parent
    if any((folder / "dataset" / "index.json").is_file() for folder in outside.parents):
        # find_checkout walks up as git does: a dataset/index.json left in /tmp by another
        # program makes every temporary directory "inside" a checkout.
        pytest.skip(f"a dataset/index.json in an ancestor of {outside}")
    monkeypatch.chdir(outside)
    with pytest.raises(claimset.UsageError, match="not inside a claimset checkout"):
        claimset.validate()


def test_every_error_code_the_code_raises_is_catalogued() -> None:
    import re

    from claimset.core import errors
    from claimset.core.codes import CATALOGUE

    source = "\n".join(path.read_text(encoding="utf-8")
                       for path in (REPO / "src" / "claimset").rglob("*.py"))
    used = set(re.findall(r"\bCS\d{3}\b", source))
    assert used - set(CATALOGUE) == set()
    for error_type in (errors.ClaimsetError, errors.UsageError, errors.InputError,
                       errors.DatasetError, errors.DownloadError):
        assert error_type.code in CATALOGUE


def test_the_pure_python_validator_reports_what_the_compiled_one_does(
        checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimset.check import schema

    document = json.loads((checkout / "dataset" / "demo.json").read_text())
    document["claims"][1]["stance"] = "rumoured"
    document["claims"][0]["value"] = "many"
    del document["source"]["sha256"]
    compiled = schema.validate(document, document="sourceFile")
    schema._validator.cache_clear()
    monkeypatch.setitem(sys.modules, "jsonschema_rs", None)  # import fails: the fallback
    try:
        pure = schema.validate(document, document="sourceFile")
    finally:
        schema._validator.cache_clear()
    assert [error.pointer for error in pure] == [error.pointer for error in compiled] == [
        "/claims/0/value", "/claims/1/stance", "/source"]
