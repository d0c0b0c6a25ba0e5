"""Drafted fields: a machine's proposal stays marked until a person confirms it.

``drafted`` lists the fields a machine proposed; ``validate`` warns (CS216, CS217),
names that are no field of the record are warned about (CS218), a release refuses
drafts (CS613, nothing written) and a bundle holding them fails (CS614);
``claimset confirm`` removes names, atomically, under the lock.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimset
from claimset.check.api import validate
from claimset.cli import main
from claimset.contrib.confirm import Target, confirm, confirm_in, parse_target
from claimset.contrib.diff import diff, snapshot_of
from claimset.core.errors import DatasetError, UsageError
from claimset.core.vocabulary import CLAIM_DRAFT_FIELDS, EXCLUSION_DRAFT_FIELDS
from claimset.release.build import build_release

from conftest import read_source_file, tree_digest, write_checkout, write_source_file

TEXT = ("Planners said a force of some 150,000 troops would maintain order in 2003.\n"
        "The bill came to nearly $20 billion, officials said.\n")
YEAR = {"start": TEXT.index("2003"), "end": TEXT.index("2003") + 4, "text": "2003",
        "reason": "year", "note": None}


@pytest.fixture
def drafted(tmp_path: Path) -> Path:
    root = write_checkout(tmp_path / "repo", text=TEXT, exclusions=[dict(YEAR)])
    document = read_source_file(root)
    document["claims"][0]["drafted"] = ["measure", "period", "stance"]
    document["claims"][0]["period"] = "2003"
    document["exclusions"][0]["drafted"] = ["reason"]
    write_source_file(root, document)
    return root


def codes(report: Any) -> list[tuple[str, str]]:
    return [(problem.code, problem.severity) for problem in report.problems]


def test_validate_warns_of_each_record_with_drafts_and_names_the_fields(drafted: Path) -> None:
    report = validate(drafted)
    assert report.ok
    assert codes(report) == [("CS216", "warning"), ("CS217", "warning")]
    claim, exclusion = report.problems
    assert "demo/troops" in claim.message and "measure, period, stance" in claim.message
    assert claim.location.startswith("dataset/demo.json:")
    assert "'2003'" in exclusion.message and "reason" in exclusion.message


def test_a_loaded_dataset_keeps_the_drafts(drafted: Path) -> None:
    dataset = claimset.load(drafted)
    assert dataset.claim("demo/troops").drafted == ("measure", "period", "stance")
    assert dataset.claim("demo/cost").drafted == ()
    assert dataset.exclusions[0].drafted == ("reason",)
    # reconstructed documents are the files' own: no key for "nothing drafted"
    snapshot = snapshot_of(dataset)
    assert snapshot.sources["demo"]["claims"][0]["drafted"] == ["measure", "period", "stance"]
    assert "drafted" not in snapshot.sources["demo"]["claims"][1]


def test_stray_names_and_empty_lists_are_warned_about(drafted: Path) -> None:
    document = read_source_file(drafted)
    del document["claims"][0]["period"]  # drafted still names it
    document["claims"][1]["drafted"] = []
    write_source_file(drafted, document)
    report = validate(drafted)
    assert report.ok
    found = [(p.code, p.message) for p in report.problems if p.code == "CS218"]
    assert len(found) == 2
    assert "'period'" in found[0][1] and "empty" in found[1][1]


@pytest.mark.parametrize(("record", "name"), [("claims", "figure"), ("claims", "drafted"),
                                               ("exclusions", "measure"), ("claims", 3)])
def test_the_schema_admits_only_draftable_field_names(drafted: Path, record: str,
                                                      name: Any) -> None:
    document = read_source_file(drafted)
    document[record][0]["drafted"] = [name]
    write_source_file(drafted, document)
    report = validate(drafted)
    assert not report.ok and "CS104" in {p.code for p in report.errors}


def test_the_schema_lists_the_vocabulary() -> None:
    from claimset.core.resources import schema_path

    schema = json.loads(Path(schema_path()).read_text(encoding="utf-8"))["$defs"]
    assert tuple(schema["claim"]["properties"]["drafted"]["items"]["enum"]) == CLAIM_DRAFT_FIELDS
    assert tuple(schema["exclusion"]["properties"]["drafted"]["items"]["enum"]) == (
        EXCLUSION_DRAFT_FIELDS)


def test_build_refuses_drafts_and_writes_nothing(drafted: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(DatasetError) as raised:
        build_release(drafted, site=False)
    assert raised.value.code == "CS613"
    assert [p.code for p in raised.value.problems] == ["CS613", "CS613"]
    out = tmp_path / "dist"
    before = tree_digest(drafted)
    assert main(["build", str(drafted), "--out", str(out), "--no-site"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("dataset/demo.json:") and "demo/troops" in err[0]
    assert err[-1].startswith("claimset: error: CS613 refusing to build: 2 problem(s)")
    assert not out.exists() and tree_digest(drafted) == before


def test_a_bundle_holding_drafts_fails_and_does_not_load(tmp_path: Path) -> None:
    root = write_checkout(tmp_path / "repo", text=TEXT, exclusions=[dict(YEAR)])
    release = build_release(root, site=False)
    bundle = json.loads(release.bundle.data)
    bundle["sources"][0]["claims"][1]["drafted"] = ["unit"]
    bundle["sources"][0]["exclusions"][0]["drafted"] = ["reason"]
    path = tmp_path / "claimset-1.0.0.json"
    path.write_text(json.dumps(bundle, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    report = validate(path)
    assert [p.code for p in report.errors] == ["CS614", "CS614"]
    with pytest.raises(DatasetError) as raised:
        claimset.load(path)
    assert raised.value.code == "CS614"


def test_confirm_removes_names_and_then_the_key(drafted: Path) -> None:
    before = read_source_file(drafted)
    done = confirm(drafted, "demo/troops", ["measure", "stance"])
    assert done.confirmed == ("measure", "stance") and done.remaining == ("period",)
    after = read_source_file(drafted)
    assert after["claims"][0]["drafted"] == ["period"]
    assert {k: v for k, v in after["claims"][0].items() if k != "drafted"} == {
        k: v for k, v in before["claims"][0].items() if k != "drafted"}
    confirm(drafted, "demo/troops")
    confirm(drafted, "demo@" + str(YEAR["start"]))
    assert "drafted" not in read_source_file(drafted)["claims"][0]
    assert "drafted" not in read_source_file(drafted)["exclusions"][0]
    assert validate(drafted).problems == ()
    text = (drafted / "dataset" / "demo.json").read_text(encoding="utf-8")
    assert main(["fmt", "--check", str(drafted)]) == 0 and text.endswith("}\n")


@pytest.mark.parametrize(("args", "message"), [
    (["demo/troops", "unit"], "'unit' is not a draft"),
    (["demo/troops", "figure"], "'figure' is not a field a claim drafts"),
    (["demo/nothing"], "no claim 'demo/nothing'"),
    (["demo@5"], "no exclusion starting at 5"),
    (["no-source/troops"], "no source 'no-source'"),
    (["troops"], "names no record"),
    (["../x/troops"], "bad source id"),
])
def test_confirm_errors_are_clear_and_change_nothing(
        drafted: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    before = tree_digest(drafted)
    assert main(["confirm", *args, "--path", str(drafted)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("claimset: error: CS") and message in err
    assert tree_digest(drafted) == before


def test_confirm_command_says_what_is_left(drafted: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["confirm", "demo/troops", "period", "--path", str(drafted)]) == 0
    assert capsys.readouterr().out == ("confirmed demo/troops: period; still drafts: measure, "
                                       "stance\n")
    assert main(["confirm", "demo/troops", "--path", str(drafted)]) == 0
    assert capsys.readouterr().out == ("confirmed demo/troops: measure, stance; nothing left "
                                       "to confirm\n")
    assert main(["confirm", "demo/troops", "--path", str(drafted)]) == 0
    assert capsys.readouterr().out == "demo/troops has no drafts: nothing to confirm\n"


def test_confirm_refuses_a_symlinked_dataset_file(drafted: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    target = drafted / "dataset" / "demo.json"
    outside.write_bytes(target.read_bytes())
    target.unlink()
    target.symlink_to(outside)
    before = outside.read_bytes()
    with pytest.raises(claimset.ClaimsetError) as raised:
        confirm(drafted, "demo/troops")
    assert raised.value.code in {"CS111", "CS112"}
    assert outside.read_bytes() == before


def test_diff_shows_a_confirmation_as_a_change(drafted: Path) -> None:
    old = snapshot_of(claimset.load(drafted))
    confirm(drafted, "demo/troops", ["period"])
    new = snapshot_of(claimset.load(drafted))
    [change] = diff(old, new).claims
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("drafted", ["measure", "period", "stance"], ["measure", "stance"])]


@given(drafts=st.lists(st.sampled_from(CLAIM_DRAFT_FIELDS), unique=True, max_size=6),
       chosen=st.data())
def test_confirming_any_subset_leaves_the_rest(drafts: list[str], chosen: st.DataObject) -> None:
    fields = chosen.draw(st.lists(st.sampled_from(drafts), unique=True) if drafts
                         else st.just([]))
    claim = {"id": "s/c", **{name: None for name in CLAIM_DRAFT_FIELDS if name != "id"},
             **({"drafted": list(drafts)} if drafts else {})}
    document = {"claims": [claim], "exclusions": []}
    updated, done = confirm_in(document, Target(source_id="s", claim_id="s/c"), fields)
    assert document["claims"][0] is claim  # the input is not changed
    left = [name for name in drafts if fields and name not in fields]
    assert updated["claims"][0].get("drafted", []) == left
    assert done.remaining == tuple(left)
    assert set(done.confirmed) | set(left) == set(drafts)


def test_targets_parse() -> None:
    assert parse_target("steele-2008/books") == Target(source_id="steele-2008",
                                                       claim_id="steele-2008/books")
    assert parse_target("steele-2008@1234") == Target(source_id="steele-2008", start=1234)
    for bad in ("", "x", "/a", "a/", "a@", "a@-1", "a@1x"):
        with pytest.raises(UsageError):
            parse_target(bad)


@pytest.mark.parametrize("value", ["measure", {"measure": 1}, [1, None], None, 7])
def test_a_drafted_that_is_no_list_of_names_is_one_schema_problem(drafted: Path,
                                                                  value: Any) -> None:
    document = read_source_file(drafted)
    document["claims"][0]["drafted"] = value
    document["exclusions"][0]["drafted"] = value
    write_source_file(drafted, document)
    report = validate(drafted)
    codes = {p.code for p in report.problems}
    assert not report.ok and "CS104" in codes and not codes & {"CS216", "CS217", "CS218"}
    assert main(["confirm", "demo/troops", "--path", str(drafted)]) == 0  # no traceback
