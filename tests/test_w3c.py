"""W3C Web Annotation export: selectors that re-anchor, JSON-LD that pyld expands offline."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimset
from claimset.cli import main
from claimset.release.w3c import (
    ANNO_CONTEXT,
    MIN_CONTEXT,
    annotation_collection,
    expand,
    occurrences,
    offline_loader,
    quote_selector,
    shipped_context,
)
from claimset.store.model import Source

from conftest import DEMO_TEXT, demo_claims, tree_digest, write_checkout

OA = "http://www.w3.org/ns/oa#"
AS = "http://www.w3.org/ns/activitystreams#"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"network used: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def collection() -> dict[str, Any]:
    return annotation_collection(claimset.load())


def items(document: dict[str, Any]) -> list[dict[str, Any]]:
    return list(document["first"]["items"])


def text_of(annotation: dict[str, Any], dataset: claimset.Dataset) -> str:
    [source] = [s for s in dataset.sources.values()
                if s.sha256 == annotation["target"]["cs:textSha256"]]
    return source.text


def test_one_annotation_per_claim_and_exclusion(collection: dict[str, Any]) -> None:
    dataset = claimset.load()
    annotations = items(collection)
    assert collection["type"] == "AnnotationCollection"
    assert collection["@context"][0] == ANNO_CONTEXT
    assert collection["total"] == len(annotations) == len(dataset.claims) + len(
        dataset.exclusions)
    claims = [a for a in annotations if a["motivation"] == "describing"]
    assert [a["body"][0]["cs:claimId"] for a in claims] == [c.id for c in dataset.claims]
    assert all(a["id"].endswith("/claims/" + c.id) for a, c in zip(claims, dataset.claims,
                                                                   strict=True))
    assert len({a["id"] for a in annotations}) == len(annotations)
    excluded = [a for a in annotations if a["motivation"] == "classifying"]
    assert len(excluded) == len(dataset.exclusions)
    for annotation in annotations:
        assert annotation["body"][1]["type"] == "TextualBody" and annotation["body"][1]["value"]


def test_every_selector_slices_back_and_its_quote_is_unique(collection: dict[str, Any]) -> None:
    dataset = claimset.load()
    for annotation in items(collection):
        text = text_of(annotation, dataset)
        position, quote = annotation["target"]["selector"]
        assert position["type"] == "TextPositionSelector"
        assert quote["type"] == "TextQuoteSelector"
        assert text[position["start"]:position["end"]] == quote["exact"]
        assert text[:position["start"]].endswith(quote["prefix"])
        assert text[position["end"]:].startswith(quote["suffix"])
        assert occurrences(text, quote["prefix"] + quote["exact"] + quote["suffix"]) == 1
        assert len(quote["prefix"]) >= min(MIN_CONTEXT, position["start"])
        assert len(quote["suffix"]) >= min(MIN_CONTEXT, len(text) - position["end"])


def test_claims_target_exactly_the_datasets_quote(collection: dict[str, Any]) -> None:
    dataset = claimset.load()
    claims = [a for a in items(collection) if a["motivation"] == "describing"]
    for annotation, claim in zip(claims, dataset.claims, strict=True):
        position = annotation["target"]["selector"][0]
        assert (position["start"], position["end"]) == (claim.quote.start, claim.quote.end)
        source = dataset.sources[claim.source]
        assert annotation["target"]["source"] == (source.url or f"urn:sha256:{source.sha256}")
        body = annotation["body"][0]
        assert (body["cs:figureStart"], body["cs:figureEnd"]) == (claim.figure.start,
                                                                  claim.figure.end)
        assert body["cs:measure"] == claim.measure and body["cs:stance"] == claim.stance


def test_anchorpoint_reads_every_selector_back(collection: dict[str, Any]) -> None:
    selectors = pytest.importorskip("anchorpoint.textselectors")
    dataset = claimset.load()
    for annotation in items(collection):
        text = text_of(annotation, dataset)
        position, quote = annotation["target"]["selector"]
        by_position = selectors.TextPositionSelector(start=position["start"],
                                                     end=position["end"])
        assert by_position.select_text(text) == quote["exact"]
        by_quote = selectors.TextQuoteSelector(exact=quote["exact"], prefix=quote["prefix"],
                                               suffix=quote["suffix"])
        found = by_quote.as_unique_position(text)
        assert (found.start, found.end) == (position["start"], position["end"])


def test_pyld_expands_it_offline_with_every_required_term(collection: dict[str, Any],
                                                          no_network: None) -> None:
    pytest.importorskip("pyld")
    [expanded] = expand(collection)
    assert expanded["@type"] == [f"{AS}OrderedCollection"]
    [page] = expanded[f"{AS}first"]
    [listed] = page[f"{AS}items"]
    annotations = listed["@list"]
    assert len(annotations) == collection["total"]
    for annotation in annotations:
        assert annotation["@type"] == [f"{OA}Annotation"]
        assert annotation["@id"].startswith("https://")
        assert annotation[f"{OA}motivatedBy"][0]["@id"] in (f"{OA}describing",
                                                            f"{OA}classifying")
        [target] = annotation[f"{OA}hasTarget"]
        assert target["@type"] == [f"{OA}SpecificResource"]
        assert target[f"{OA}hasSource"][0]["@id"]
        kinds = {selector["@type"][0]: selector for selector in target[f"{OA}hasSelector"]}
        position = kinds[f"{OA}TextPositionSelector"]
        assert isinstance(position[f"{OA}start"][0]["@value"], int)
        assert isinstance(position[f"{OA}end"][0]["@value"], int)
        assert kinds[f"{OA}TextQuoteSelector"][f"{OA}exact"][0]["@value"]
        bodies = {body["@type"][0]: body for body in annotation[f"{OA}hasBody"]}
        assert bodies[f"{OA}TextualBody"]["http://www.w3.org/1999/02/22-rdf-syntax-ns#value"]
        structured = [key for key in bodies if key.startswith("https://claimset.github.io/")]
        assert structured, bodies.keys()


CS = "https://claimset.github.io/vocab#"


def test_every_key_of_a_relation_survives_expansion(collection: dict[str, Any],
                                                    no_network: None) -> None:
    """The plain keys of cs:relations are terms of the collection's context: after
    expansion each entry is still there, in order, with every field, nulls of 'of' kept."""
    pytest.importorskip("pyld")
    dataset = claimset.load()
    related = [claim for claim in dataset.claims if claim.relations]
    assert related, "the bundled dataset has claims with relations"
    [expanded] = expand(collection)
    annotations = expanded[f"{AS}first"][0][f"{AS}items"][0]["@list"]
    by_id = {body[f"{CS}claimId"][0]["@value"]: body
             for annotation in annotations for body in annotation[f"{OA}hasBody"]
             if f"{CS}claimId" in body}
    for claim in related:
        [entries] = by_id[claim.id][f"{CS}relations"]
        assert len(entries["@list"]) == len(claim.relations)
        for entry, relation in zip(entries["@list"], claim.relations, strict=True):
            assert not [key for key in entry if not key.startswith(CS)], entry  # none dropped
            assert entry[f"{CS}relationKind"] == [{"@value": relation.kind}]
            assert entry[f"{CS}relationOf"] == [{"@type": "@json", "@value": list(relation.of)}]
            for field in ("qualifier", "value", "lower", "upper", "note"):
                value = getattr(relation, field)
                assert entry.get(f"{CS}{field}") == (
                    None if value is None else [{"@value": value}]), (claim.id, field)
    assert any(None in relation.of for claim in related for relation in claim.relations)


def test_the_relations_come_back_from_expanded_form(collection: dict[str, Any],
                                                    no_network: None) -> None:
    pytest.importorskip("pyld")
    from claimset.release.w3c import compact

    again = compact(expand(collection))
    before = [body for annotation in items(collection) for body in annotation["body"]
              if "cs:relations" in body]
    after = [body for annotation in again["first"]["items"] for body in annotation["body"]
             if "cs:relations" in body]

    def given(relations: Any) -> list[dict[str, Any]]:  # a null field is absent after a trip
        listed = relations if isinstance(relations, list) else [relations]
        return [{key: value for key, value in entry.items() if value is not None}
                for entry in listed]

    assert [given(body["cs:relations"]) for body in after] == [
        given(body["cs:relations"]) for body in before]


def test_the_loader_serves_only_the_shipped_context(no_network: None) -> None:
    jsonld = pytest.importorskip("pyld.jsonld")
    assert offline_loader(ANNO_CONTEXT)["document"] == json.loads(shipped_context())
    assert "TextQuoteSelector" in json.loads(shipped_context())["@context"]
    with pytest.raises(jsonld.JsonLdError):
        offline_loader("http://example.org/context.jsonld")
    with pytest.raises(jsonld.JsonLdError):
        expand({"@context": "http://example.org/other.jsonld", "x": 1})


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet="ab \n", min_size=1, max_size=80), data=st.data())
def test_quote_selectors_are_unique_in_any_text(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    minimum = data.draw(st.integers(0, 8))
    selector = quote_selector(text, start, end, minimum=minimum)
    needle = selector["prefix"] + selector["exact"] + selector["suffix"]
    assert selector["exact"] == text[start:end]
    assert text[start - len(selector["prefix"]):end + len(selector["suffix"])] == needle
    assert occurrences(text, needle) == 1


def test_overlapping_repeats_count() -> None:
    # "aa" occurs twice in "aaa" (at 0 and 1): a search that resumes after the first
    # match misses the second and would call "aa" unique.
    assert occurrences("aaa", "aa") == 2
    selector = quote_selector("aaa", 0, 2, minimum=0)
    assert selector["suffix"] == "a"


def test_hostile_urls_and_ids_stay_data(tmp_path: Path) -> None:
    source = Source(id="demo", title=None, authors=(), publisher=None, published=None,
                    url="javascript:alert(1)", path="seeds/demo.txt", sha256="ab" * 32,
                    length=3, notes=None, text="abc")
    assert source.iri == f"urn:sha256:{'ab' * 32}"
    assert Source(**{**_fields(source), "url": "https://x.org/a b"}).iri.startswith("urn:")
    assert Source(**{**_fields(source), "url": "https://x.org/a"}).iri == "https://x.org/a"


def _fields(source: Source) -> dict[str, Any]:
    return {name: getattr(source, name) for name in
            ("id", "title", "authors", "publisher", "published", "url", "path", "sha256",
             "length", "notes", "text")}


def test_the_command_writes_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_checkout(tmp_path / "checkout", text=DEMO_TEXT, claims=demo_claims())
    out = tmp_path / "annotations.jsonld"
    assert main(["export", os.fspath(root), "--format", "w3c", "--out", os.fspath(out),
                 "--base-uri", "https://example.org/data"]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [a["id"] for a in items(document)] == [
        "https://example.org/data/1.0.0/claims/demo/troops",
        "https://example.org/data/1.0.0/claims/demo/cost"]
    assert main(["export", os.fspath(root), "--format", "w3c"]) == 0
    assert json.loads(capsys.readouterr().out) == annotation_collection(claimset.load(root))


@pytest.mark.parametrize("arguments, message", [
    (["--format", "w3c", "--base-uri", "ftp://example.org/"], "CS804"),
    (["--format", "w3c", "--base-uri", "https://example.org/?q=1"], "CS804"),
    (["--format", "w3c", "--base-uri", "https://exa mple.org/"], "CS804"),
    (["--format", "csv", "--base-uri", "https://example.org/"], "--format w3c only"),
])
def test_bad_base_uris_are_refused(arguments: list[str], message: str, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_digest(tmp_path)
    assert main(["export", *arguments, "--out", os.fspath(tmp_path / "a.json")]) == 2
    assert message in capsys.readouterr().err
    assert tree_digest(tmp_path) == before
