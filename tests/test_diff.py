"""`claimset diff` and the pure comparison in claimset.contrib.diff."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import claimset
from claimset.cli import main
from claimset.contrib.diff import Snapshot, diff, snapshot_of
from prdata import (
    TEXT,
    git,
    init_repo,
    read_source,
    set_version,
    source_document,
    span,
    tree_digest,
    write_checkout,
    write_source,
)


def snap(document: dict | None = None, *, version: str = "1.0.0", **index) -> Snapshot:
    document = source_document() if document is None else document
    sources = {document["source"]["id"]: document}
    return Snapshot(label=version, sources=sources,
                    index={"name": "claimset", "version": version, "description": "d",
                           "license": "CC-BY-4.0", "sources": list(sources), **index})


def test_identical_snapshots_have_no_changes():
    changes = diff(snap(), snap(version="1.0.1"))
    assert changes.empty
    assert (changes.old_version, changes.new_version) == ("1.0.0", "1.0.1")


def test_field_changes_old_and_new():
    document = source_document()
    document["claims"][2]["value"] = 16
    document["claims"][0]["quote"]["start"] += 1
    changes = diff(snap(), snap(document))
    poll, troops = sorted(changes.claims, key=lambda change: change.id)
    assert poll.id == "tiny/poll" and [(f.field, f.old, f.new) for f in poll.fields] == [
        ("value", 61, 16)]
    assert troops.id == "tiny/troops" and [f.field for f in troops.fields] == ["quote.start"]


def test_absent_and_null_optional_fields_are_the_same():
    document = source_document()
    for claim in document["claims"]:
        for key in ("lower", "period", "place", "note"):
            claim.pop(key, None)
    assert diff(snap(), snap(document)).empty


def test_integer_and_float_of_the_same_value_are_the_same_but_bool_is_not():
    document = source_document()
    document["claims"][2]["value"] = 61.0
    assert diff(snap(), snap(document)).empty
    document["claims"][2]["value"] = True
    assert not diff(snap(), snap(document)).empty


def test_added_removed_and_renamed_claims():
    document = source_document()
    renamed = document["claims"][0]
    renamed["id"] = "tiny/force"
    removed = document["claims"].pop(1)
    document["claims"].append(dict(document["claims"][1], id="tiny/new",
                                   quote=span(TEXT, "By the third year, 61%")))
    changes = diff(snap(), snap(document))
    kinds = {change.id: change.kind for change in changes.claims}
    assert kinds == {"tiny/force": "renamed", "tiny/new": "added", removed["id"]: "removed"}
    [rename] = changes.claims_of_kind("renamed")
    assert rename.old_id == "tiny/troops"
    assert [(f.field, f.old, f.new) for f in rename.fields] == [
        ("id", "tiny/troops", "tiny/force")]


def test_retraction_is_one_nested_field():
    document = source_document()
    document["claims"][1]["retracted"] = {"reason": "wrong"}
    [change] = diff(snap(), snap(document)).claims
    assert [(f.field, f.old) for f in change.fields] == [("retracted", None)]
    later = source_document()
    later["claims"][1]["retracted"] = {"reason": "wrong", "version": "1.1.0"}
    [change] = diff(snap(document), snap(later)).claims
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("retracted.version", None, "1.1.0")]


def test_sources_and_exclusions():
    other = source_document(source_id="other")
    for claim in other["claims"]:
        claim["id"] = claim["id"].replace("tiny/", "other/")
    new = snap()
    new = Snapshot(label="new", index={**new.index, "sources": ["tiny", "other"]},
                   sources={**new.sources, "other": other})
    changes = diff(snap(), new)
    assert [(s.kind, s.id) for s in changes.sources] == [("added", "other")]
    assert {c.id for c in changes.claims_of_kind("added")} == {
        "other/troops", "other/cost", "other/poll"}
    assert changes.index == ()  # an added source is not also an index change
    document = source_document()
    document["source"]["title"] = "A better title"
    document["exclusions"][0]["reason"] = "date"
    document["exclusions"].pop(1)
    changes = diff(snap(), snap(document))
    [source] = changes.sources
    assert [(f.field, f.old, f.new) for f in source.fields] == [
        ("title", "A tiny source", "A better title")]
    assert [(e.kind, e.text) for e in changes.exclusions] == [("changed", "2003"),
                                                              ("removed", "third")]


def test_index_reorder_and_metadata():
    changes = diff(snap(), snap(description="better"))
    assert [(f.field, f.new) for f in changes.index] == [("description", "better")]


def test_invalid_documents_are_still_compared():
    document = source_document()
    document["claims"].append("not a claim")
    document["claims"][0]["value"] = "many"
    changes = diff(snap(), snap(document))
    assert [change.id for change in changes.claims] == ["tiny/troops"]


def test_snapshot_of_a_loaded_dataset_matches_the_files(tmp_path):
    root = write_checkout(tmp_path / "repo")
    from claimset.contrib.diff import snapshot_from_raw
    from claimset.store.layout import read_dataset

    assert diff(snapshot_of(claimset.load(root)),
                snapshot_from_raw(read_dataset(root), label="files")).empty


# -- the command -----------------------------------------------------------------------


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old = write_checkout(tmp_path / "old")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    document = read_source(new)
    document["claims"][2]["measure"] = "share wanting the troops home"
    document["claims"].append(dict(document["claims"][0], id="tiny/more",
                                   measure="a | piped measure"))
    write_source(new, document)
    set_version(new, "1.1.0")
    return old, new


def test_text_between_two_paths(pair, capsys):
    code, out, _ = run(capsys, *map(str, pair))
    assert code == 0
    assert "(1.0.0) →" in out and "(1.1.0)" in out
    assert "+ tiny/more: 150000 troops (approximately): a | piped measure" in out
    assert 'measure: "the poll figure" → "share wanting the troops home"' in out
    assert "needs a minor version bump: claims added: tiny/more" in out


def test_json_output(pair, capsys):
    code, out, _ = run(capsys, *map(str, pair), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["bump"]["needed"] == "minor"
    assert {c["id"]: c["kind"] for c in document["claims"]} == {"tiny/more": "added",
                                                               "tiny/poll": "changed"}
    [changed] = [c for c in document["claims"] if c["kind"] == "changed"]
    assert changed["fields"] == [{"field": "measure", "old": "the poll figure",
                                  "new": "share wanting the troops home"}]


def test_markdown_output_escapes_table_cells(pair, capsys):
    code, out, _ = run(capsys, *map(str, pair), "--format", "markdown")
    assert code == 0
    assert out.startswith("### claimset diff:")
    assert "**Needs a minor version bump" in out
    assert "| `tiny/more` | 150000 | troops | approximately | a \\| piped measure |" in out
    assert "- `tiny/poll`" in out


def test_bundle_side(pair, tmp_path, capsys):
    old, new = pair
    index = json.loads((old / "dataset" / "index.json").read_text("utf-8"))
    document = read_source(old)
    index["sources"] = [{"source": document["source"], "text": TEXT,
                         "claims": document["claims"], "exclusions": document["exclusions"]}]
    bundle = tmp_path / "claimset-1.0.0.json"
    bundle.write_text(json.dumps(index), "utf-8")
    code, out, _ = run(capsys, str(bundle), str(new))
    assert code == 0 and "+ tiny/more" in out and "sources" not in out.split("claims")[0][30:]


def test_base_revision_and_two_revisions(pair, capsys):
    old, new = pair
    base = init_repo(old)
    shutil.copytree(new / "dataset", old / "dataset", dirs_exist_ok=True)
    before, status = tree_digest(old), git(old, "status", "--porcelain")
    code, out, _ = run(capsys, "--base", base, str(old))
    assert code == 0 and "+ tiny/more" in out and f"{base} (1.0.0)" in out
    assert tree_digest(old) == before and git(old, "status", "--porcelain") == status
    git(old, "add", "-A")
    git(old, "commit", "-q", "-m", "pr")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(old)
        code, out, _ = run(capsys, "HEAD~1", "HEAD")
    assert code == 0 and "+ tiny/more" in out


@pytest.mark.parametrize("args", [["--base", "no-such-rev"], ["only-one"], ["a", "b", "c"]])
def test_bad_sides_are_one_line_errors(pair, capsys, args):
    old, _ = pair
    init_repo(old)
    if args[0] == "--base":
        args = [*args, str(old)]
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "CS" in err
