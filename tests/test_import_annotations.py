"""import-annotations: W3C annotations back into claim skeletons, re-anchored by quote."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimset
from claimset.cli import main
from claimset.release.w3c import annotation_collection

from conftest import DEMO_TEXT, demo_claims, read_source_file, tree_digest, write_checkout

REPO = Path(__file__).resolve().parents[1]


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, Any, str]:
    status = main(["import-annotations", *arguments])
    captured = capsys.readouterr()
    return status, json.loads(captured.out) if captured.out.strip() else None, captured.err


def write(path: Path, document: Any) -> str:
    path.write_text(json.dumps(document), encoding="utf-8")
    return os.fspath(path)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "checkout", text=DEMO_TEXT, claims=demo_claims())


def demo_annotation(exact: str, *, prefix: str = "", suffix: str = "",
                    position: tuple[int, int] | None = None, comment: str | None = None,
                    source: str | None = None) -> dict[str, Any]:
    selector: list[dict[str, Any]] = [{"type": "TextQuoteSelector", "exact": exact,
                                       "prefix": prefix, "suffix": suffix}]
    if position is not None:
        selector.insert(0, {"type": "TextPositionSelector", "start": position[0],
                            "end": position[1]})
    annotation: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:1",
        "type": "Annotation",
        "target": {"source": source or "file:///home/me/seeds/demo.txt", "selector": selector}}
    if comment is not None:
        annotation["body"] = {"type": "TextualBody", "value": comment}
    return annotation


def test_the_export_round_trips_for_every_source(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    dataset = claimset.load(REPO)
    exported = write(tmp_path / "all.jsonld", annotation_collection(dataset))
    for source_id in dataset.sources:
        status, output, err = run(capsys, exported, source_id, os.fspath(REPO))
        document = json.loads((REPO / "dataset" / f"{source_id}.json").read_text("utf-8"))
        assert status == 0, err
        assert output == {"claims": document["claims"], "exclusions": document["exclusions"]}
        assert "on other sources left out" in err


def test_wrong_positions_are_re_anchored_by_quote(checkout: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    document = annotation_collection(claimset.load(checkout))
    moved = copy.deepcopy(document)
    for annotation in moved["first"]["items"]:
        position = annotation["target"]["selector"][0]
        position["start"] += 7
        position["end"] += 7
    status, output, err = run(capsys, write(tmp_path / "a.json", moved), "demo",
                              os.fspath(checkout))
    assert status == 0, err
    assert output["claims"] == read_source_file(checkout)["claims"]
    assert err.count("placed by its quote (its positions") == 2


def test_a_tool_annotation_becomes_a_skeleton(checkout: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    # As a tool writes it: a quote with context, no positions, a comment, a local copy.
    annotation = demo_annotation("the bill came to nearly $20 billion".capitalize(),
                                 prefix="order.\n", suffix=", officials",
                                 comment="cost of <the> operation")
    status, output, err = run(capsys, write(tmp_path / "a.json", [annotation]), "demo",
                              os.fspath(checkout))
    assert status == 0, err
    [skeleton] = output["claims"]
    start = DEMO_TEXT.index("The bill")
    assert skeleton["quote"] == {"start": start, "end": start + 35,
                                 "text": "The bill came to nearly $20 billion"}
    assert skeleton["figure"]["text"] == "$20 billion" and skeleton["value"] == 20_000_000_000
    assert skeleton["qualifier"] == "nearly" and skeleton["unit"] == "USD"
    assert skeleton["id"].startswith("demo/TODO-")
    assert "cost of <the> operation" in skeleton["measure"]["TODO"]
    assert skeleton["stance"] == {"TODO": skeleton["stance"]["TODO"]}


def test_a_highlighted_figure_gets_its_sentence(checkout: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    start = DEMO_TEXT.index("150,000")
    annotation = demo_annotation("150,000", position=(start, start + 7))
    status, output, _ = run(capsys, write(tmp_path / "a.json", annotation), "demo",
                            os.fspath(checkout))
    assert status == 0
    [skeleton] = output["claims"]
    assert skeleton["figure"] == {"start": start, "end": start + 7, "text": "150,000"}
    assert skeleton["quote"]["text"].startswith("Planners said")


@pytest.mark.parametrize("annotation, why", [
    (demo_annotation("not in the text at all"), "exact text is not in the source"),
    (demo_annotation("said"), "occurs 2 times"),
    (demo_annotation("Planners", position=(0, 8)), "finds no figure"),
    ({"type": "Annotation", "target": {"source": "file:///x/demo.txt",
                                       "selector": {"type": "FragmentSelector",
                                                    "value": "p=1"}}},
     "no TextPositionSelector or TextQuoteSelector"),
    ({"type": "Annotation", "target": {"source": "file:///x/demo.txt",
                                       "selector": {"type": "TextPositionSelector",
                                                    "start": 5, "end": 10_000}}},
     "outside the text"),
    ({"type": "Annotation", "target": {"selector": {"type": "TextQuoteSelector",
                                                    "exact": "150,000"}}},
     "names no source"),
    ({"type": "Annotation"}, "it has no target"),
])
def test_what_cannot_be_placed_is_reported(annotation: dict[str, Any], why: str,
                                           checkout: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    good = demo_annotation("150,000 troops")
    status, output, err = run(capsys, write(tmp_path / "a.json", [annotation, good]), "demo",
                              os.fspath(checkout))
    assert status == 1
    assert len(output["claims"]) == 1  # the good one is still made
    assert "cannot be placed" in err and why in err, err
    assert "1 could not be placed" in err


@pytest.mark.parametrize("content, code", [
    (b"{not json", "CS101"),
    (b'{"type": "Note", "target": "demo.txt"}', "CS807"),
    (b"[]", "CS807"),
    (b"\xff\xfe", "CS107"),
])
def test_bad_files_are_refused(content: bytes, code: str, checkout: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = tree_digest(checkout)
    status, _, err = run(capsys, os.fspath(path), "demo", os.fspath(checkout))
    assert status == 2 and code in err and "bad.json" in err
    assert tree_digest(checkout) == before


def test_annotations_on_other_sources_only(checkout: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    annotation = demo_annotation("150,000", source="https://example.org/other")
    status, _, err = run(capsys, write(tmp_path / "a.json", annotation), "demo",
                         os.fspath(checkout))
    assert status == 2 and "CS807" in err and "1 are on other sources" in err


def test_unknown_source_and_missing_file(checkout: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "a.json", demo_annotation("150,000"))
    status, _, err = run(capsys, path, "dem", os.fspath(checkout))
    assert status == 2 and "did you mean demo" in err
    status, _, err = run(capsys, os.fspath(tmp_path / "missing.json"), "demo",
                         os.fspath(checkout))
    assert status == 2 and "no such file" in err


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 500) | st.sampled_from(
        ["Annotation", "TextQuoteSelector", "TextPositionSelector", "150,000", "demo.txt",
         "file:///demo.txt", "AnnotationCollection", "classifying", "cs:Claim", ""]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["type", "target", "selector", "source", "exact", "prefix", "suffix",
                         "start", "end", "body", "first", "items", "id", "motivation",
                         "cs:figureStart", "cs:measure", "cs:stance", "value"]),
        children, max_size=6),
    max_leaves=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(document=_JSON)
def test_any_json_gives_an_answer_never_a_traceback(document: Any, checkout: Path,
                                                    tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, write(tmp_path / "any.json", document), "demo",
                         os.fspath(checkout))
    assert status in (0, 1, 2), err
    assert "Traceback" not in err


def test_expanded_json_ld_is_compacted_first(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pyld")
    from claimset.release.w3c import expand

    dataset = claimset.load(REPO)
    expanded = write(tmp_path / "expanded.jsonld", expand(annotation_collection(dataset)))
    status, output, err = run(capsys, expanded, "daalder-lake-2004", os.fspath(REPO))
    document = json.loads((REPO / "dataset" / "daalder-lake-2004.json").read_text("utf-8"))
    assert status == 0, err
    assert output == {"claims": document["claims"], "exclusions": document["exclusions"]}


def test_a_remote_context_is_refused_not_fetched(checkout: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pyld")
    annotation = demo_annotation("150,000 troops")
    annotation["@context"] = "https://example.org/annotations-context.jsonld"
    status, _, err = run(capsys, write(tmp_path / "a.json", annotation), "demo",
                         os.fspath(checkout))
    assert status == 2 and "CS808" in err and "a.json" in err
