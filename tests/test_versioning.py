"""The dataset's version policy, end to end in a temporary git repository.

Each test is a pull request: the base commit holds the tiny fixture at 1.0.0,
the work tree holds the change, and ``claimset validate --base <base>`` judges it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimset.cli import main
from claimset.contrib.diff import Snapshot
from claimset.contrib.versioning import Bump, Version, bump_between, changelog_has, check_version
from prdata import (
    TEXT,
    git,
    init_repo,
    read_index,
    read_source,
    set_version,
    source_document,
    span,
    tree_digest,
    write_checkout,
    write_source,
)


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    root = write_checkout(tmp_path / "repo")
    return root, init_repo(root)


def validate(root: Path, base: str, capsys: pytest.CaptureFixture[str],
             *extra: str) -> tuple[int, str, str]:
    code = main(["validate", str(root), f"--base={base}", *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def add_claim(root: Path) -> None:
    document = read_source(root)
    extra = dict(document["claims"][0], id="tiny/troops-planned", measure="troops planned")
    document["claims"].append(extra)
    write_source(root, document)


def version_line(root: Path) -> int:
    lines = (root / "dataset" / "index.json").read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if '"version"' in line)


# -- end to end ------------------------------------------------------------------------


def test_unchanged_pull_request_needs_no_bump(repo, capsys):
    root, base = repo
    code, out, _ = validate(root, base, capsys)
    assert code == 0, out


def test_added_claim_without_bump_fails_with_the_version_message(repo, capsys):
    root, base = repo
    add_claim(root)
    code, out, _ = validate(root, base, capsys)
    assert code == 1
    [line] = [line for line in out.splitlines() if "CS501" in line]
    assert line.startswith(f"dataset/index.json:{version_line(root)}:")
    assert "minor bump" in line and "1.1.0" in line and "tiny/troops-planned" in line
    assert "claims added" in line


def test_added_claim_with_minor_bump_and_changelog_passes(repo, capsys):
    root, base = repo
    add_claim(root)
    set_version(root, "1.1.0")
    code, out, _ = validate(root, base, capsys)
    assert code == 0, out


def test_bump_without_changelog_entry_fails(repo, capsys):
    root, base = repo
    add_claim(root)
    set_version(root, "1.1.0", entry=False)
    code, out, _ = validate(root, base, capsys)
    assert code == 1
    [line] = [line for line in out.splitlines() if "CS502" in line]
    assert line.startswith(f"dataset/index.json:{version_line(root)}:")
    assert "1.1.0" in line and "CHANGELOG.md" in line


def test_missing_changelog_file_is_named(repo, capsys):
    root, base = repo
    set_version(root, "1.0.1", entry=False)
    (root / "dataset" / "CHANGELOG.md").unlink()
    code, out, _ = validate(root, base, capsys)
    assert code == 1 and "CS502" in out and "missing" in out


def test_changed_value_demands_a_major_bump(repo, capsys):
    root, base = repo
    document = read_source(root)
    document["claims"][2]["value"] = 16
    write_source(root, document)
    set_version(root, "1.1.0")
    code, out, _ = validate(root, base, capsys)
    assert code == 1
    [line] = [line for line in out.splitlines() if "CS501" in line]
    assert "major bump" in line and "2.0.0" in line and "tiny/poll" in line
    assert "value 61 → 16" in line and "retract" in line


def test_changed_unit_with_major_bump_passes(repo, capsys):
    root, base = repo
    document = read_source(root)
    document["claims"][0]["unit"] = "soldiers"
    write_source(root, document)
    set_version(root, "2.0.0")
    code, out, _ = validate(root, base, capsys)
    assert code == 0, out


def test_retraction_passes_with_a_minor_bump(repo, capsys):
    root, base = repo
    document = read_source(root)
    document["claims"][2]["retracted"] = {"reason": "the poll was misreported",
                                          "version": "1.1.0"}
    write_source(root, document)
    code, out, _ = validate(root, base, capsys)
    assert code == 1 and "claims retracted: tiny/poll" in out and "minor" in out
    set_version(root, "1.1.0")
    code, out, _ = validate(root, base, capsys)
    assert code == 0, out


def test_retraction_naming_another_version_is_located_at_the_claim(repo, capsys):
    root, base = repo
    document = read_source(root)
    document["claims"][2]["retracted"] = {"reason": "misreported", "version": "1.0.5"}
    write_source(root, document)
    set_version(root, "1.1.0")
    code, out, _ = validate(root, base, capsys)
    assert code == 1
    [line] = [line for line in out.splitlines() if "CS505" in line]
    file, number = line.split(":")[0], int(line.split(":")[1])
    assert file == "dataset/tiny.json"
    assert '"version": "1.0.5"' in (root / file).read_text("utf-8").splitlines()[number - 1]


def test_removed_claim_demands_major_and_suggests_retraction(repo, capsys):
    root, base = repo
    document = read_source(root)
    del document["claims"][1]
    document["exclusions"].append({**span(TEXT, "$20 billion"), "reason": "rhetorical",
                                   "note": None})
    write_source(root, document)
    set_version(root, "1.1.0")
    code, out, _ = validate(root, base, capsys)
    assert code == 1
    assert "major bump" in out and "claims removed" in out and "tiny/cost" in out
    assert "retracted" in out


def test_renamed_id_demands_major(repo, capsys):
    root, base = repo
    document = read_source(root)
    document["claims"][0]["id"] = "tiny/force"
    write_source(root, document)
    set_version(root, "1.0.1")
    code, out, _ = validate(root, base, capsys)
    assert code == 1 and "renamed" in out and "tiny/troops → tiny/force" in out


def test_corrected_measure_needs_a_patch_bump(repo, capsys):
    root, base = repo
    document = read_source(root)
    document["claims"][0]["measure"] = "troops planned to maintain order after the invasion"
    write_source(root, document)
    code, out, _ = validate(root, base, capsys)
    assert code == 1 and "patch bump" in out and "1.0.1" in out
    set_version(root, "1.0.1")
    code, out, _ = validate(root, base, capsys)
    assert code == 0, out


@pytest.mark.parametrize("index_schema", ["../schema/index.schema.json", "elsewhere.json"])
def test_adding_or_moving_schema_pointers_needs_no_bump(repo, capsys, index_schema):
    """``$schema`` tells an editor where a file's schema is; claimset ignores it, so adding
    it (as dataset 1.1.0's files got it after their release) changes no data and needs no
    version bump, and the diff lists nothing."""
    root, base = repo
    index = read_index(root)
    (root / "dataset" / "index.json").write_text(
        json.dumps({"$schema": index_schema, **index}, indent=2) + "\n", encoding="utf-8")
    write_source(root, {"$schema": "../schema/source-file.schema.json", **read_source(root)})
    code, out, _ = validate(root, base, capsys)
    assert code == 0, out
    assert main(["diff", "--base", base, str(root)]) == 0
    shown = capsys.readouterr().out
    assert "no changes" in shown and "no version bump needed" in shown
    # A real change beside it is still judged.
    document = read_source(root)
    document["claims"][0]["measure"] = "troops planned to maintain order after the invasion"
    write_source(root, document)
    code, out, _ = validate(root, base, capsys)
    assert code == 1 and "patch bump" in out and "$schema" not in out


def test_version_going_backwards_is_an_error(repo, capsys):
    root, base = repo
    set_version(root, "0.9.0")
    code, out, _ = validate(root, base, capsys)
    assert code == 1
    [line] = [line for line in out.splitlines() if "CS504" in line]
    assert line.startswith(f"dataset/index.json:{version_line(root)}:") and "backwards" in line


def test_github_format_annotates_the_version_line(repo, capsys):
    root, base = repo
    add_claim(root)
    code, out, _ = validate(root, base, capsys, "--format", "github")
    assert code == 1
    [line] = [line for line in out.splitlines() if "CS501" in line]
    assert line.startswith("::error file=dataset/index.json,line=")
    number = int(line.split("line=")[1].split(",")[0])
    column = int(line.split("col=")[1].split(",")[0])
    text = (root / "dataset" / "index.json").read_text("utf-8").splitlines()[number - 1]
    assert text[column - 1:].startswith('"1.0.0"')


def test_base_without_a_dataset_is_the_first_release(tmp_path, capsys):
    root = tmp_path / "repo"
    root.mkdir()
    (root / "README.md").write_text("hello\n")
    base = init_repo(root)
    write_checkout(root)
    code, out, _ = validate(root, base, capsys)
    assert code == 0, out
    (root / "dataset" / "CHANGELOG.md").unlink()
    code, out, _ = validate(root, base, capsys)
    assert code == 1 and "CS502" in out


def test_base_is_read_without_touching_the_work_tree(repo, capsys):
    root, base = repo
    add_claim(root)
    before, status = tree_digest(root), git(root, "status", "--porcelain")
    validate(root, base, capsys)
    assert tree_digest(root) == before
    assert git(root, "status", "--porcelain") == status


@pytest.mark.parametrize("revision", ["no-such-branch", "deadbeef" * 5, "--output=x"])
def test_unknown_revision_is_a_one_line_error(repo, capsys, revision):
    root, _ = repo
    before = tree_digest(root)
    code, out, err = validate(root, revision, capsys)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "CS503" in err
    assert tree_digest(root) == before


def test_base_outside_a_git_repository_is_a_one_line_error(tmp_path, capsys):
    root = write_checkout(tmp_path / "plain")
    code, _, err = validate(root, "HEAD", capsys)
    assert code == 2 and "CS503" in err and "git repository" in err


def test_checkout_in_a_subdirectory_of_the_repository(tmp_path, capsys):
    top = tmp_path / "top"
    write_checkout(top / "data")
    base = init_repo(top)
    add_claim(top / "data")
    code, out, _ = validate(top / "data", base, capsys)
    assert code == 1 and "CS501" in out


# -- the library function ----------------------------------------------------------------


def snapshot(document: dict, version: str = "1.0.0", changelog: str = "") -> Snapshot:
    return Snapshot(label=version, index={"version": version, "sources": ["tiny"]},
                    sources={"tiny": document}, changelog=changelog)


def test_check_version_on_snapshots_names_claims_and_location():
    old = snapshot(source_document())
    document = source_document()
    document["claims"][0]["lower"] = 100000
    problems = check_version(old, snapshot(document, "1.0.1", "## 1.0.1\n"))
    [problem] = problems
    assert problem.code == "CS501" and problem.pointer == "/version"
    assert "lower" in problem.message and "tiny/troops" in problem.message


def test_check_version_accepts_loaded_datasets(tmp_path):
    import claimset

    root = write_checkout(tmp_path / "repo")
    old = claimset.load(root)
    add_claim(root)
    new = claimset.load(root)
    [problem] = check_version(old, new, "")
    assert problem.code == "CS501" and "tiny/troops-planned" in problem.message
    set_version(root, "1.1.0")
    assert check_version(old, claimset.load(root), "## [1.1.0] - 2026-11-22") == []


def test_many_claims_are_counted_not_all_listed():
    old = snapshot(source_document())
    document = source_document()
    for number in range(12):
        document["claims"].append(dict(document["claims"][0], id=f"tiny/extra-{number}"))
    [problem] = check_version(old, snapshot(document))
    assert "and 7 more" in problem.message


def test_exclusion_changes_need_a_patch():
    old = snapshot(source_document())
    document = source_document()
    document["exclusions"][0]["note"] = "the year of the invasion"
    [problem] = check_version(old, snapshot(document))
    assert "patch" in problem.message and "exclusions" in problem.message


@pytest.mark.parametrize(("old", "new", "bump"), [
    ("1.0.0", "1.0.0", Bump.NONE), ("1.0.0", "1.0.1", Bump.PATCH),
    ("1.0.0", "1.1.0", Bump.MINOR), ("1.0.9", "1.1.0", Bump.MINOR),
    ("1.4.2", "2.0.0", Bump.MAJOR), ("1.0.0", "1.0.1-rc.1", Bump.PATCH),
    ("2.0.0-rc.1", "2.0.0", Bump.MAJOR), ("2.0.0-rc.1", "2.0.0-rc.2", Bump.MAJOR),
])
def test_bump_between(old, new, bump):
    assert bump_between(Version.parse(old), Version.parse(new)) is bump


@pytest.mark.parametrize(("low", "high"), [
    ("1.0.0", "1.0.1"), ("1.0.0-rc.1", "1.0.0"), ("1.0.0-alpha", "1.0.0-alpha.1"),
    ("1.0.0-alpha.1", "1.0.0-beta"), ("1.0.0-rc.2", "1.0.0-rc.10"), ("1.9.0", "1.10.0"),
])
def test_version_precedence(low, high):
    assert Version.parse(low).precedes(Version.parse(high))
    assert not Version.parse(high).precedes(Version.parse(low))


@pytest.mark.parametrize(("text", "found"), [
    ("## [1.1.0] - 2026-11-22\n", True), ("## 1.1.0\n", True), ("## [1.1.0]\n", True),
    ("##  v1.1.0 (2026)\n", True), ("## [1.1.01] - x\n", False), ("### [1.1.0]\n", False),
    ("text ## [1.1.0]\n", False), ("## [1.1.0-rc.1]\n", False), ("## [11.1.0]\n", False),
])
def test_changelog_headings(text, found):
    assert changelog_has("# Changelog\n\n" + text, "1.1.0") is found


def test_json_report_carries_the_version_problem(repo, capsys):
    root, base = repo
    add_claim(root)
    code, out, _ = validate(root, base, capsys, "--format", "json")
    assert code == 1
    document = json.loads(out)
    [problem] = [p for p in document["problems"] if p["code"] == "CS501"]
    assert problem["file"] == "dataset/index.json" and problem["pointer"] == "/version"
    assert read_index(root)["version"] == "1.0.0"
