"""What the commands do, done from Python: adding a source, re-anchoring, coverage gaps, the
version policy and diff renderers, exports chosen by name (issue 23: commands only parse,
call the library and print)."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import claimset
from claimset.check.api import validate
from claimset.cli import build_parser, main
from claimset.contrib.corroboration import RENDERERS as CORROBORATION_RENDERERS
from claimset.contrib.coverage import uncovered_numbers
from claimset.contrib.diffrender import RENDERERS, render
from claimset.contrib.revisions import compare
from claimset.contrib.sources import AddedSource, OrphansRefused, Reanchoring
from claimset.contrib.versioning import bump_summary
from claimset.core.errors import InputError, UsageError
from claimset.release.export import EXPORTERS, FORMATS, export
from prdata import TEXT, fail_nth_rename, read_source, tree_digest, write_checkout

COMMANDS = Path(claimset.__file__).parent / "cli" / "commands"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "repo")


def text_file(tmp_path: Path, content: str, name: str = "new.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    return path


# -- adding a source ------------------------------------------------------------------------


def test_a_python_user_adds_a_source_without_a_shell(checkout: Path, tmp_path: Path) -> None:
    text = "A second report counted 2,400 volunteers.\n"
    added = claimset.add_source(text_file(tmp_path, text), source_id="second-2004",
                                checkout=checkout, title="A second report", authors=["A. B."],
                                published="2004-02")
    assert isinstance(added, AddedSource) and not added.resumed
    assert added.seed == checkout / "seeds" / "second-2004.txt"
    assert added.seed.read_bytes() == text.encode("utf-8") and added.length == len(text)
    document = json.loads(added.document.read_text("utf-8"))
    assert document["source"]["title"] == "A second report"
    assert document["source"]["authors"] == ["A. B."] and document["claims"] == []
    assert "second-2004" in json.loads(added.index.read_text("utf-8"))["sources"]
    report = validate(checkout)
    assert report.codes() <= {"CS401"}  # the new text's numbers are not covered yet


@pytest.mark.parametrize(("source_id", "words"), [
    ("Bad_Id", "bad source id"), ("tiny", "is taken"), ("../x", "bad source id")])
def test_add_source_refuses_a_bad_or_taken_id_and_writes_nothing(
        checkout: Path, tmp_path: Path, source_id: str, words: str) -> None:
    before = tree_digest(checkout)
    with pytest.raises(UsageError, match=words):
        claimset.add_source(text_file(tmp_path, "12 apples.\n"), source_id=source_id,
                            checkout=checkout)
    assert tree_digest(checkout) == before


def test_add_source_refuses_metadata_the_schema_refuses(checkout: Path, tmp_path: Path) -> None:
    before = tree_digest(checkout)
    with pytest.raises(UsageError, match="url"):
        claimset.add_source(text_file(tmp_path, "12 apples.\n"), source_id="apples",
                            checkout=checkout, url="ftp://example.org/x")
    assert tree_digest(checkout) == before


def test_add_source_refuses_a_text_that_cannot_be_pinned(checkout: Path, tmp_path: Path) -> None:
    before = tree_digest(checkout)
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"12 apples.\r\n")
    with pytest.raises(InputError) as caught:
        claimset.add_source(path, source_id="apples", checkout=checkout)
    assert caught.value.code == "CS110"
    assert tree_digest(checkout) == before


def test_a_failed_index_rename_undoes_the_seed_and_document(
        checkout: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree_digest(checkout)
    fail_nth_rename(monkeypatch, 3, OSError(28, "No space left on device"))
    with pytest.raises(InputError, match="No space") as caught:
        claimset.add_source(text_file(tmp_path, "12 apples.\n"), source_id="apples",
                            checkout=checkout)
    assert caught.value.code == "CS109"
    monkeypatch.undo()
    assert tree_digest(checkout) == before
    assert not (checkout / "seeds" / "apples.txt").exists()
    assert not list(checkout.rglob(".*.tmp"))


# -- re-anchoring ---------------------------------------------------------------------------


def test_a_python_user_reanchors_without_a_shell(checkout: Path, tmp_path: Path) -> None:
    before = tree_digest(checkout)
    corrected = text_file(tmp_path, "An opening paragraph.\n\n" + TEXT)
    planned = claimset.reanchor("tiny", corrected, checkout=checkout)
    assert isinstance(planned, Reanchoring) and not planned.written
    assert planned.result is not None
    assert {item.kind for item in planned.result.placements} == {"exact"}
    assert tree_digest(checkout) == before  # without write nothing changes
    done = claimset.reanchor("tiny", corrected, checkout=checkout, write=True)
    assert done.written and done.marked == 0 and done.seed == "seeds/tiny.txt"
    assert (checkout / "seeds" / "tiny.txt").read_text("utf-8") == corrected.read_text("utf-8")
    assert validate(checkout).ok


def test_reanchor_with_orphans_raises_and_writes_nothing(checkout: Path, tmp_path: Path) -> None:
    before = tree_digest(checkout)
    corrected = text_file(tmp_path, TEXT.replace("61%", "16%"))
    with pytest.raises(OrphansRefused) as caught:
        claimset.reanchor("tiny", corrected, checkout=checkout, write=True)
    assert caught.value.code == "CS140" and "nothing was written" in caught.value.message
    assert [item.target for item in caught.value.reanchoring.orphans] == ["tiny/poll"]
    assert tree_digest(checkout) == before
    done = claimset.reanchor("tiny", corrected, checkout=checkout, write=True,
                             allow_orphans=True)
    assert done.written and done.marked == 1
    assert read_source(checkout)["claims"][2]["review"].startswith("reanchor: orphaned")


def test_allow_orphans_without_write_is_a_usage_error(checkout: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="only makes sense"):
        claimset.reanchor("tiny", text_file(tmp_path, TEXT), checkout=checkout,
                          allow_orphans=True)


def test_the_command_prints_the_refusal_with_its_code(checkout: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    corrected = text_file(tmp_path, TEXT.replace("61%", "16%"))
    code = main(["reanchor", "tiny", str(corrected), str(checkout), "--write"])
    out, err = capsys.readouterr()
    assert code == 1 and "orphaned" in out and "CS140 refusing to write" in err


# -- coverage, version policy, diff --------------------------------------------------------


def test_uncovered_numbers_as_values(checkout: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = read_source(checkout)
    document["exclusions"] = document["exclusions"][1:]
    (checkout / "dataset" / "tiny.json").write_text(json.dumps(document), "utf-8")
    coverage = uncovered_numbers(checkout)
    assert not coverage.complete and coverage.sources == 1 and coverage.sources_with_gaps == 1
    [number] = coverage.numbers
    assert number.location.startswith("seeds/tiny.txt:")
    assert number.text in number.sentence
    assert main(["coverage", str(checkout), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == [number.to_dict()]
    with pytest.raises(UsageError, match="no readable source 'nope'"):
        uncovered_numbers(checkout, source_id="nope")


def test_diff_and_its_renderers_from_python(tmp_path: Path) -> None:
    old = write_checkout(tmp_path / "old")
    new = write_checkout(tmp_path / "new")
    document = read_source(new)
    document["claims"][0]["measure"] = "troops planned to keep order"
    (new / "dataset" / "tiny.json").write_text(json.dumps(document), "utf-8")
    changes = compare([str(old), str(new)])
    assert [(claim.kind, claim.id) for claim in changes.claims] == [("changed", "tiny/troops")]
    assert [field.field for field in changes.claims[0].fields] == ["measure"]
    assert bump_summary(changes).startswith("needs a patch version bump")
    for name, renderer in RENDERERS.items():
        assert render(changes, format=name) == renderer(changes)
    assert render(changes, format="markdown").startswith("### claimset diff:")
    assert json.loads(render(changes, format="json"))["bump"]["needed"] == "patch"
    with pytest.raises(UsageError, match="unknown diff format"):
        render(changes, format="html")


def test_formats_come_from_the_maps() -> None:
    parser = build_parser()
    choices = {}
    for action in parser._subparsers._group_actions[0].choices.items():  # type: ignore[union-attr]
        name, sub = action
        for option in sub._actions:
            if "--format" in option.option_strings:
                choices[name] = tuple(option.choices or ())
    assert choices["diff"] == tuple(RENDERERS)
    assert choices["corroborate"] == tuple(CORROBORATION_RENDERERS)
    assert choices["export"] == FORMATS == tuple(EXPORTERS)


def test_export_refuses_options_its_format_does_not_take() -> None:
    dataset = claimset.load()
    with pytest.raises(ValueError, match="excel=True applies to CSV only"):
        export(dataset, format="jsonl", excel=True)
    with pytest.raises(ValueError, match="base_uri applies to the w3c format only"):
        export(dataset, format="csv", base_uri="https://example.org/")
    with pytest.raises(ValueError, match="format must be one of 'csv', 'jsonl'") as raised:
        export(dataset, format="xlsx")
    assert raised.value.code == "CS121"  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match=r"dataset must be a claimset\.Dataset"):
        export("dataset/", format="csv")  # type: ignore[arg-type]
    assert export(dataset, format="csv", excel=True).startswith("\ufeff".encode())


# -- the commands hold no operation of their own --------------------------------------------

#: What only the library may do: a command that imports one of these does the library's job.
LIBRARY_ONLY = {"claimset.store.atomic", "claimset.store.writer", "claimset.store.lock",
                "claimset.store.canonical", "claimset.contrib.gitread"}


@pytest.mark.parametrize("path", sorted(COMMANDS.glob("*.py")), ids=lambda path: path.stem)
def test_a_command_only_parses_calls_and_prints(path: Path) -> None:
    imported = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert not imported & LIBRARY_ONLY, f"{path.name}: move that work into the library"
