"""Fuzzing: the class, not the example (issue 27).

Datasets are generated from the JSON Schema itself (hypothesis-jsonschema), so every
shape the contract admits can turn up: every optional field, relations, retractions,
drafts, huge and negative numbers, any Unicode.  Each is written as a checkout (its
seed pinned or not, its spans sometimes moved onto the text so the deeper checks
run) and given to the Python API and to a sample of the commands; hostile corpora,
annotation files and release manifests are fuzzed the same way.  The rule asserted
everywhere: claimset ends in a result or in its own coded error, never in an
internal error (exit 3) or another exception, and never changes what it reads.

The number of examples is kept small for the suite (it runs three times in CI);
``CLAIMSET_FUZZ_EXAMPLES=500 python -m pytest tests/test_untrusted_fuzz.py`` goes
deeper.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimset
from claimset.cli import main
from claimset.core.errors import ClaimsetError
from claimset.testing import tree_digest, write_index

hypothesis_jsonschema = pytest.importorskip("hypothesis_jsonschema")

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((REPO / "schema" / "claimset.schema.json").read_text(encoding="utf-8"))
EXAMPLES = int(os.environ.get("CLAIMSET_FUZZ_EXAMPLES", "10"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))


def from_definition(name: str) -> st.SearchStrategy[Any]:
    """Values the schema's ``$defs/name`` admits."""
    return hypothesis_jsonschema.from_schema({"$schema": SCHEMA["$schema"],
                                              "$defs": SCHEMA["$defs"],
                                              "$ref": f"#/$defs/{name}"})


TEXT = st.text(st.characters(codec="utf-8"), max_size=300) | st.sampled_from([
    "Planners said a force of some 150,000 troops would maintain order.\n"
    "The bill came to nearly $20 billion, officials said; 12 of 40 agreed.\n",
    "between 3 and 5 million people, up to 2,500 men, 61% of Iraqis in 2004\r\n",
])


@st.composite
def source_files(draw: st.DrawFn) -> tuple[dict[str, Any], str, bool]:
    """A source file the schema admits, its seed text, and whether the seed is pinned."""
    source = draw(from_definition("source"))
    claims = draw(st.lists(from_definition("claim"), max_size=3))
    exclusions = draw(st.lists(from_definition("exclusion"), max_size=3))
    text = draw(TEXT)
    pinned = draw(st.booleans())
    source.update(id="fuzz", path="seeds/fuzz.txt")
    if pinned:
        source.update(sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
                      length=len(text))
        for claim in claims:
            if draw(st.booleans()):
                claim["id"] = "fuzz/" + claim["id"].partition("/")[2]
            _onto_text(claim["quote"], text)
            _onto_text(claim["figure"], text)
        for exclusion in exclusions:
            _onto_text(exclusion, text)
    return {"source": source, "claims": claims, "exclusions": exclusions}, text, pinned


def _onto_text(span: dict[str, Any], text: str) -> None:
    """Move a span onto the text (where it fits), so that the checks past the citation run."""
    if not text:
        return
    start, end = sorted((span["start"] % len(text), span["end"] % (len(text) + 1)))
    if start < end:
        span.update(start=start, end=end, text=text[start:end])


def write_fuzz_checkout(root: Path, document: dict[str, Any], text: str) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "dataset").mkdir()
    (root / "seeds" / "fuzz.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
    write_index(root, version="1.0.0", sources=["fuzz"])
    (root / "dataset" / "fuzz.json").write_text(
        json.dumps(document, indent=2, ensure_ascii=True) + "\n", encoding="utf-8")
    return root


def no_internal_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> int:
    status = main(argv)
    captured = capsys.readouterr()
    assert status != 3 and "internal error" not in captured.err, (argv, captured.err)
    return status


COMMANDS = [
    ["validate", "{root}"], ["validate", "{root}", "--format", "github"],
    ["validate", "{root}", "--format", "json"], ["coverage", "{root}"],
    ["fmt", "--check", "{root}"], ["show", "{claim}", "--path", "{root}"],
    ["find", "--path", "{root}", "--format", "csv"], ["list", "--path", "{root}"],
    ["export", "{root}", "--format", "jsonl"], ["export", "{root}", "--format", "w3c"],
    ["corroborate", "--path", "{root}"], ["suggest", "fuzz", "{root}"],
    ["diff", "{root}", "{repo}", "--format", "markdown"], ["diff", "{repo}", "{root}"],
    ["build", "{root}", "--out", "{out}", "--no-site"],
]


@FUZZ
@given(generated=source_files(), commands=st.lists(st.sampled_from(COMMANDS), min_size=2,
                                                   max_size=4, unique_by=tuple))
def test_schema_valid_datasets_never_end_in_an_internal_error(
        generated: tuple[dict[str, Any], str, bool], commands: list[list[str]],
        tmp_path_factory: pytest.TempPathFactory,
        capsys: pytest.CaptureFixture[str]) -> None:
    document, text, _ = generated
    work = tmp_path_factory.mktemp("fuzz")
    root = write_fuzz_checkout(work / "repo", document, text)
    before = tree_digest(root)
    report = claimset.validate(root)
    assert all(problem.code.startswith("CS") for problem in report.problems)
    try:
        dataset = claimset.load(root)
    except claimset.DatasetError as error:
        assert error.problems and error.code.startswith("CS")
    else:
        assert isinstance(dataset, claimset.Dataset)
        dataset.to_records()
        dataset.quantities()
    claim = document["claims"][0]["id"] if document["claims"] else "fuzz/none"
    for command in commands:
        argv = [part.format(root=root, repo=REPO, claim=claim, out=work / "dist")
                for part in command]
        no_internal_error(argv, capsys)
    assert tree_digest(root) == before


@FUZZ
@given(manifest=from_definition("releaseManifest"), shard=from_definition("releaseShard"),
       listed=st.integers(0, 3))
def test_schema_valid_release_manifests_never_end_in_an_internal_error(
        manifest: dict[str, Any], shard: dict[str, Any], listed: int,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    directory = tmp_path_factory.mktemp("release")
    data = (json.dumps(shard, ensure_ascii=True) + "\n").encode("utf-8")
    (directory / "claimset-1.0.0.shard-0001.json").write_bytes(data)
    reference = {"path": "claimset-1.0.0.shard-0001.json", "bytes": len(data),
                 "sha256": hashlib.sha256(data).hexdigest(),
                 "sources": len(shard.get("sources", []))}
    manifest["shards"] = [reference] * listed + manifest["shards"]
    path = directory / "claimset-1.0.0.json"
    path.write_text(json.dumps(manifest, ensure_ascii=True), encoding="utf-8")
    claimset.validate(path)
    try:
        claimset.load(path)
    except ClaimsetError as error:
        assert error.code.startswith("CS")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["id", "text", "@context", "type", "target", "selector", "exact",
                         "prefix", "suffix", "start", "end", "source", "items", "first",
                         "body", "value", "@graph", "@id", "@type"]), children, max_size=5),
    max_leaves=20)


@FUZZ
@given(lines=st.lists(_JSON | st.fixed_dictionaries({"id": st.text(max_size=10) | st.integers(),
                                                     "text": st.text(max_size=60) | _JSON}),
                      max_size=6),
       blobs=st.lists(st.binary(max_size=80), max_size=3))
def test_hostile_corpora_give_figures_or_coded_skips(
        lines: list[Any], blobs: list[bytes], tmp_path_factory: pytest.TempPathFactory) -> None:
    directory = tmp_path_factory.mktemp("corpus")
    corpus = directory / "c.jsonl"
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    for number, blob in enumerate(blobs):
        (directory / f"b{number}.txt").write_bytes(blob)
    skipped: list[Any] = []
    try:
        for figure in claimset.extract_corpus([corpus, directory], jobs=1,
                                              on_skip=skipped.append):
            assert isinstance(figure.text, str)
    except ClaimsetError as error:  # the corpus as a whole refused (e.g. duplicate ids)
        assert error.code.startswith("CS")
    assert all(item.code.startswith("CS") for item in skipped)


@pytest.fixture(scope="module")
def annotated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import DEMO_TEXT, demo_claims, write_checkout

    return write_checkout(tmp_path_factory.mktemp("anno") / "repo", text=DEMO_TEXT,
                          claims=demo_claims())


_CONTEXTS = st.sampled_from(["http://www.w3.org/ns/anno.jsonld", "https://example.org/ctx"]) \
    | _JSON


@FUZZ
@given(document=_JSON, context=_CONTEXTS, wrap=st.booleans())
def test_hostile_annotation_files_get_a_coded_answer(
        document: Any, context: Any, wrap: bool, annotated: Path,
        tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]) -> None:
    if wrap:
        document = {"@context": context, "type": "Annotation", "id": document,
                    "target": {"source": "urn:x", "selector": document}}
    path = tmp_path_factory.mktemp("a") / "a.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    status = no_internal_error(["import-annotations", os.fspath(path), "demo",
                                os.fspath(annotated)], capsys)
    assert status in (0, 1, 2)


@FUZZ
@given(path=st.text(max_size=300) | st.binary(max_size=20) | st.integers() | st.none())
def test_the_api_takes_any_path_and_raises_only_its_own_errors(
        path: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for function in (claimset.load, claimset.validate):
        try:
            function(path)
        except ClaimsetError as error:
            assert error.code.startswith("CS")
