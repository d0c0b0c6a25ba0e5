"""Every cost bounded by a documented limit wherever input enters (issue 27).

The limits live in ``claimset.core.limits``; docs/robustness.md's table is its output.
Each test here feeds one kind of input past a limit and asserts the coded problem,
the exit status, that the work stopped at the limit (counted, never timed) and
that nothing was changed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

import claimset
from claimset.cli import main
from claimset.contrib import annotations, reanchor
from claimset.core import limits
from claimset.corpus import journal
from claimset.release import build
from claimset.release.build import build_release, write_release
from claimset.store import shards
from claimset.store.canonical import canonical_text

from conftest import DEMO_TEXT, demo_claims, tree_digest, write_checkout

REPO = Path(__file__).resolve().parent.parent
#: A text just over the number limit: 200,001 digit runs (400 KB).
CROWDED = "1 " * (limits.NUMBERS_PER_TEXT + 1)


def test_the_docs_table_is_the_modules() -> None:
    docs = (REPO / "docs" / "robustness.md").read_text(encoding="utf-8")
    assert limits.markdown_table() in docs, "run python -m claimset.core.limits"
    for limit in limits.LIMITS:
        assert getattr(limits, limit.name) == limit.value


def test_the_enforcing_modules_read_their_limits_from_one_place() -> None:
    from claimset.check import schema
    from claimset.contrib import gitread
    from claimset.grammar import limits as grammar_limits
    from claimset.release import settings
    from claimset.release.site import server
    from claimset.store import jsonio, layout, lock

    assert (jsonio.MAX_JSON_BYTES, layout.MAX_SEED_BYTES, grammar_limits.MAX_NUMBERS,
            schema.MAX_MAGNITUDE, gitread.MAX_BASE_FILES, gitread.MAX_BASE_BYTES,
            shards.MAX_SHARDS, settings.DEFAULT_DEADLINE, settings.MAX_REDIRECTS,
            lock.LOCK_TIMEOUT, annotations.MAX_ANNOTATIONS, server.MAX_PATH) == (
        limits.JSON_BYTES, limits.TEXT_BYTES, limits.NUMBERS_PER_TEXT, limits.VALUE_MAGNITUDE,
        limits.BASE_FILES, limits.BASE_BYTES, limits.RELEASE_SHARDS,
        limits.DOWNLOAD_DEADLINE, limits.DOWNLOAD_REDIRECTS, limits.LOCK_WAIT,
        limits.ANNOTATIONS, limits.SERVE_PATH_BYTES)


# -- release manifests -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sharded() -> build.Release:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "SHARD_BYTES", 20_000)
        return build_release(REPO)


@pytest.fixture
def dist(sharded: build.Release, tmp_path: Path) -> Path:
    write_release(sharded, tmp_path / "dist")
    return tmp_path / "dist"


def _edit_manifest(dist: Path, release: build.Release, change: Any) -> Path:
    path = dist / release.bundle.name
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(canonical_text(manifest, kind="manifest"), encoding="utf-8")
    return path


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    real = shards.read_bytes
    monkeypatch.setattr(shards, "read_bytes",
                        lambda path, **kw: opened.append(os.fspath(path)) or real(path, **kw))
    return opened


def test_a_shard_listed_many_times_is_read_once_and_refused(
        sharded: build.Release, dist: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # The catalogue's repro: 10,000 times one shard took 55 s and 4 GiB.
    path = _edit_manifest(dist, sharded, lambda m: m.update(shards=[m["shards"][0]] * 10_000))
    opened = _count_reads(monkeypatch)
    with pytest.raises(claimset.DatasetError) as raised:
        claimset.load(path)
    codes = [problem.code for problem in raised.value.problems]
    assert codes.count("CS118") == 9_999 and len(opened) == 1
    before = tree_digest(dist)
    assert main(["validate", os.fspath(path)]) == 1
    assert " CS118 " in capsys.readouterr().out and tree_digest(dist) == before


def test_a_shard_listed_again_under_another_name_is_refused(
        sharded: build.Release, dist: Path) -> None:
    first = sharded.shards[0].name
    (dist / "copy.json").write_bytes((dist / first).read_bytes())
    path = _edit_manifest(dist, sharded, lambda m: m["shards"].append(
        {**m["shards"][0], "path": "copy.json"}))
    with pytest.raises(claimset.DatasetError) as raised:
        claimset.load(path)
    assert "CS118" in {problem.code for problem in raised.value.problems}


def test_a_release_over_the_total_size_is_refused_before_any_shard_is_read(
        sharded: build.Release, dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "RELEASE_BYTES", 30_000)
    opened = _count_reads(monkeypatch)
    with pytest.raises(claimset.DatasetError) as raised:
        claimset.load(dist / sharded.bundle.name)
    assert raised.value.code == "CS119" and opened == []


def test_a_download_fetches_a_shard_listed_twice_once(tmp_path: Path) -> None:
    manifest = tmp_path / "m.json"
    reference = {"path": "claimset-1.0.0.shard-0001.json", "bytes": 10, "sha256": "a" * 64}
    manifest.write_text(json.dumps({"name": "x", "shards": [reference] * 50}), encoding="utf-8")
    assert shards.shard_references(manifest) == [(reference["path"], 10, "a" * 64)]


# -- the number limit on every text claimset extracts ----------------------------------------


def test_a_corpus_document_over_the_number_limit_is_skipped_with_cs117(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    crowded = tmp_path / "crowded.txt"
    crowded.write_text(CROWDED, encoding="utf-8")
    fine = tmp_path / "fine.txt"
    fine.write_text("It cost $5 million.\n", encoding="utf-8")
    assert main(["extract", os.fspath(crowded), os.fspath(fine), "--jobs", "1"]) == 2
    captured = capsys.readouterr()
    assert "CS117" in captured.err and "crowded.txt" in captured.err
    assert "5 million" in captured.out and "Traceback" not in captured.err


def test_a_jsonl_document_over_the_number_limit_is_skipped_with_cs117(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "many", "text": CROWDED}) + "\n"
                      + json.dumps({"id": "few", "text": "12 apples"}) + "\n", encoding="utf-8")
    skipped: list[Any] = []
    figures = list(claimset.extract_corpus([corpus], jobs=1, on_skip=skipped.append))
    assert [item.code for item in skipped] == ["CS117"]
    assert [figure.document for figure in figures] == ["few"]


def test_reanchor_refuses_a_new_file_over_the_number_limit(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_checkout(tmp_path / "repo", text=DEMO_TEXT, claims=demo_claims())
    new = tmp_path / "new.txt"
    new.write_text(DEMO_TEXT + CROWDED, encoding="utf-8")
    before = tree_digest(root)
    for argv in (["reanchor", "demo", os.fspath(new), os.fspath(root)],
                 ["reanchor", "demo", os.fspath(new), os.fspath(root), "--write"],
                 ["add-source", "--id", "crowded", os.fspath(new), os.fspath(root)]):
        assert main(argv) == 2, argv
        assert "CS117" in capsys.readouterr().err
    assert tree_digest(root) == before


def test_a_journal_entry_without_an_id_ends_what_is_resumed(tmp_path: Path) -> None:
    part, path = tmp_path / "out.part", tmp_path / "out.journal"
    run = {"paths": ["x"], "glob": "*.txt", "format": "jsonl"}
    part.write_bytes(b"{}\n{}\n")
    entries = [{"n": 0, "id": "a", "end": 3, "skipped": None, "figures": 1},
               {"n": 1, "end": 6, "skipped": None, "figures": 1},
               [1, 2], "text", {"n": 2, "id": 5, "end": 6, "skipped": None, "figures": 0}]
    path.write_bytes(journal.header(run) + b"".join(json.dumps(entry).encode() + b"\n"
                                                     for entry in entries))
    point = journal.read_resume_point(path, part, run=run)
    assert point.documents == 1 and point.part_size == 3
    assert list(journal.recorded_ids(path, point.documents)) == ["a"]


def test_resuming_after_a_journal_entry_without_an_id_gives_the_whole_output(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": name, "text": f"{n} apples"}) + "\n"
                              for n, name in enumerate(["a", "b", "c"], start=1)),
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", os.fspath(corpus), "--out", os.fspath(out), "--jobs", "1"]) == 0
    whole = out.read_text(encoding="utf-8")
    out.unlink()
    run = {"paths": [os.fspath(corpus.absolute())], "glob": "*.txt", "format": "jsonl"}
    (tmp_path / "out.jsonl.part").write_text(whole.splitlines(keepends=True)[0],
                                             encoding="utf-8")
    (tmp_path / "out.jsonl.journal").write_bytes(journal.header(run) + json.dumps(
        {"n": 0, "end": 10, "skipped": None, "figures": 1}).encode() + b"\n")
    status = main(["extract", os.fspath(corpus), "--out", os.fspath(out), "--jobs", "1",
                   "--resume"])
    assert status == 0, capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == whole


# -- annotations -----------------------------------------------------------------------------


def _annotation(exact: str, *, prefix: str = "", suffix: str = "",
                position: tuple[int, int] | None = None, number: int = 1) -> dict[str, Any]:
    selector: list[dict[str, Any]] = [{"type": "TextQuoteSelector", "exact": exact,
                                       "prefix": prefix, "suffix": suffix}]
    if position is not None:
        selector.append({"type": "TextPositionSelector", "start": position[0],
                         "end": position[1]})
    return {"id": f"urn:x:{number}", "type": "Annotation",
            "target": {"source": "urn:x", "selector": selector}}


def _import(document: Any, text: str) -> annotations.Imported:
    names = annotations.SourceNames(iris=frozenset({"urn:x"}), file_name="demo.txt")
    return annotations.import_annotations(document, source_id="demo", text=text, names=names,
                                          candidates=claimset.extract(text), file="a.json")


def test_the_annotation_limit_is_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(annotations, "MAX_ANNOTATIONS", 3)
    items = [_annotation("150,000", number=n) for n in range(4)]
    assert len(_import(items[:3], DEMO_TEXT).outcomes) == 3  # exactly the limit: read
    with pytest.raises(claimset.InputError) as raised:
        _import(items, DEMO_TEXT)  # one more: refused
    assert raised.value.code == "CS806"
    for shape in ({"type": "AnnotationPage", "items": items},
                  {"type": "AnnotationCollection", "first": {"type": "AnnotationPage",
                                                             "items": items}}):
        with pytest.raises(claimset.InputError):
            _import(shape, DEMO_TEXT)


def test_a_long_prefix_and_suffix_are_compared_near_the_quote_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The catalogue's repro: a 4 KB context scored against 200 occurrences took 33 s.
    text = ("The figure was 12 units. " * 400) + "At last, the unique figure was 12 units."
    compared: list[int] = []
    real = reanchor._ratio
    monkeypatch.setattr(reanchor, "_ratio",
                        lambda a, b: compared.append(max(len(a), len(b))) or real(a, b))
    prefix = ("At last, the unique " * 300)[-4096:]
    suffix = (" units." * 700)[:4096]
    result = _import([_annotation("figure was", prefix=prefix, suffix=suffix,
                                  position=(0, 3))], text)
    assert compared and max(compared) <= limits.QUOTE_CONTEXT
    assert len(compared) <= 2 * reanchor.MAX_CANDIDATES
    assert result.outcomes[0].how == "unplaced" or result.outcomes[0].span is not None


def test_quote_searches_stop_at_the_budget_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "QUOTE_SCORES", 50)
    text = "It was 12 units. " * 40
    items = [_annotation("12 units", prefix="It was ", suffix=".", position=(1, 2), number=n)
             for n in range(10)]
    calls: list[int] = []
    real = reanchor._ratio
    monkeypatch.setattr(reanchor, "_ratio", lambda a, b: calls.append(1) or real(a, b))
    outcomes = _import(items, text).outcomes
    assert len(calls) <= 50
    assert any("CS120" in outcome.why for outcome in outcomes)
    assert all(outcome.how == "unplaced" for outcome in outcomes if "CS120" in outcome.why)


@pytest.mark.parametrize("context", [
    {"@vocab": "http://www.w3.org/ns/oa#"},
    [{"@vocab": "http://www.w3.org/ns/oa#"}, "http://www.w3.org/ns/anno.jsonld"],
    [[1]], 5, True, "", {"@context": {"a": {"@id": 5}}}, [None], {"x": []},
])
def test_any_context_gets_a_coded_answer(context: Any, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = write_checkout(tmp_path / "repo", text=DEMO_TEXT, claims=demo_claims())
    document = _annotation("150,000")
    document["@context"] = context
    path = tmp_path / "a.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    status = main(["import-annotations", os.fspath(path), "demo", os.fspath(root)])
    err = capsys.readouterr().err
    assert status in (0, 1, 2) and "internal error" not in err, err
