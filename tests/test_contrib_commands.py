"""The contributor's commands: coverage, suggest, add-source."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from claimset.check.api import validate
from claimset.cli import main
from claimset.contrib.suggest import PLACEHOLDERS, TODO, is_placeholder, sentence_span
from prdata import TEXT, read_index, read_source, tree_digest, write_checkout, write_source


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "repo")


@pytest.fixture
def gappy(checkout: Path) -> Path:
    """The tiny checkout without the poll claim and without exclusions."""
    document = read_source(checkout)
    document["claims"] = document["claims"][:2]
    document["exclusions"] = []
    write_source(checkout, document)
    return checkout


# -- coverage --------------------------------------------------------------------------


def test_coverage_of_a_covered_source(checkout, capsys):
    code, out, _ = run(capsys, "coverage", "tiny", str(checkout))
    assert code == 0 and out.startswith("0 uncovered")


def test_coverage_lists_what_the_checker_reports_as_cs401(gappy, capsys):
    code, out, _ = run(capsys, "coverage", str(gappy))
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith("seeds/")]
    assert [line.split(": ", 1)[1].split(" (")[0] for line in lines] == ["'2003'", "'third'",
                                                                        "'61%'"]
    checker = sorted(p.message.split(" at ")[0] for p in validate(gappy).problems
                     if p.code == "CS401")
    assert checker == sorted(["'2003'", "'third'", "'61%'"])
    first = lines[0].split(":")
    line, column = int(first[1]), int(first[2])
    assert TEXT.splitlines()[line - 1][column - 1:].startswith("2003")
    assert "The bill came to nearly $20 billion by the end of 2003, officials said." in out


def test_coverage_json(gappy, capsys):
    code, out, _ = run(capsys, "coverage", "tiny", str(gappy), "--format", "json")
    records = json.loads(out)
    assert code == 1 and [r["text"] for r in records] == ["2003", "third", "61%"]
    assert records[2]["sentence"] == "By the third year, 61% of those asked wanted the troops home."


def test_coverage_of_an_unknown_source(checkout, capsys):
    code, out, err = run(capsys, "coverage", "nope", str(checkout))
    assert code == 2 and out == "" and "no readable source 'nope'" in err and "tiny" in err


# -- suggest ---------------------------------------------------------------------------


def test_suggest_fills_what_the_extractor_knows(gappy, capsys):
    code, out, err = run(capsys, "suggest", "tiny", str(gappy))
    assert code == 0 and "replace every TODO" in err
    skeletons = json.loads(out)
    poll = skeletons[-1]
    assert list(poll) == ["id", "quote", "figure", "value", "unit", "qualifier", "lower",
                          "upper", "measure", "period", "place", "attribution", "stance",
                          "tags", "note"]
    assert poll["figure"] == {"start": TEXT.index("61%"), "end": TEXT.index("61%") + 3,
                              "text": "61%"}
    assert poll["quote"]["text"] == "By the third year, 61% of those asked wanted the troops home."
    assert TEXT[poll["quote"]["start"]:poll["quote"]["end"]] == poll["quote"]["text"]
    assert (poll["value"], poll["unit"], poll["qualifier"]) == (61, "percent", "exact")
    assert all(is_placeholder(poll[key]) for key in PLACEHOLDERS)
    assert poll["id"] == "tiny/TODO-61"


def test_suggest_exclusions(gappy, capsys):
    _, out, _ = run(capsys, "suggest", "tiny", str(gappy), "--exclusions")
    items = json.loads(out)
    assert [(item["text"], item["reason"]) for item in items[:2]] == [("2003", "year"),
                                                                      ("third", "ordinal")]
    assert is_placeholder(items[2]["reason"])


def paste(root: Path, skeleton: dict) -> None:
    document = read_source(root)
    document["claims"].append(skeleton)
    document["claims"].sort(key=lambda claim: claim["figure"]["start"])
    write_source(root, document)


def test_unedited_skeleton_fails_validation_and_each_placeholder_fails_alone(gappy, capsys):
    _, out, _ = run(capsys, "suggest", "tiny", str(gappy))
    poll = json.loads(out)[-1]
    edited = dict(poll, id="tiny/poll", measure="share wanting the troops home",
                  attribution=None, stance="asserted")
    for key in ["id", *PLACEHOLDERS]:
        root_copy = copy.deepcopy(edited)
        root_copy[key] = poll[key]
        document = read_source(gappy)
        write_source(gappy, {**document, "claims": [*document["claims"], root_copy]})
        report = validate(gappy)
        located = [p for p in report.errors if p.code == "CS104"]
        assert located and any(p.pointer.endswith("/" + key) for p in located), key
    write_source(gappy, {**read_source(gappy), "claims": read_source(gappy)["claims"][:2]})
    paste(gappy, edited)
    codes = validate(gappy).codes()
    assert "CS104" not in codes and "CS401" in codes  # 2003 and third are still uncovered


def test_fully_suggested_source_validates_once_edited(gappy, capsys):
    _, out, _ = run(capsys, "suggest", "tiny", str(gappy), "--exclusions")
    document = read_source(gappy)
    exclusions = [item for item in json.loads(out) if not is_placeholder(item["reason"])]
    write_source(gappy, {**document, "exclusions": exclusions})
    _, out, _ = run(capsys, "suggest", "tiny", str(gappy))
    [poll] = json.loads(out)
    paste(gappy, dict(poll, id="tiny/poll", measure="share", attribution=None,
                      stance="asserted"))
    assert validate(gappy).ok


def test_suggest_unknown_source(checkout, capsys):
    code, out, err = run(capsys, "suggest", "nope", str(checkout))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(("text", "figure", "sentence"), [
    ("One. Mr. Smith paid $5 today. Two.", "$5", "Mr. Smith paid $5 today."),
    ("Intro\n\nA wrapped line with\n42 people in it. Next one.", "42",
     "A wrapped line with\n42 people in it."),
    ("He said “it cost 3.5 million.” Then left.", "3.5 million", "He said “it cost 3.5 million.”"),
    ("J. Smith counted 12 boats", "12", "J. Smith counted 12 boats"),
])
def test_sentence_span(text, figure, sentence):
    start = text.index(figure)
    low, high = sentence_span(text, start, start + len(figure))
    assert text[low:high] == sentence


# -- add-source ------------------------------------------------------------------------


def new_text(tmp_path: Path, data: bytes = b"A new text: 42 people came.\n") -> Path:
    path = tmp_path / "incoming.txt"
    path.write_bytes(data)
    return path


def test_add_source_pins_text_creates_document_and_lists_id(checkout, tmp_path, capsys):
    data = "Ein neuer Text – 42 Leute kamen.\n".encode()
    code, out, _ = run(capsys, "add-source", str(new_text(tmp_path, data)), "--id",
                       "new-2026", str(checkout), "--title", "New", "--author", "A. B.")
    assert code == 0 and "new-2026" in out
    assert (checkout / "seeds" / "new-2026.txt").read_bytes() == data
    document = read_source(checkout, "new-2026")
    assert document["source"]["length"] == len(data.decode()) != len(data)
    assert document["source"]["title"] == "New" and document["source"]["url"] is None
    assert read_index(checkout)["sources"] == ["new-2026", "tiny"]
    report = validate(checkout)
    assert report.codes() == {"CS401"}  # valid and canonical; only its number is uncovered


@pytest.mark.parametrize(("data", "source_id", "words"), [
    (b"caf\xe9\n", "x-1", "not UTF-8"),
    (b"\xef\xbb\xbfhello\n", "x-1", "byte order mark"),
    (b"a\x00b\n", "x-1", "NUL"),
    (b"a\r\nb\r\n", "x-1", "line endings"),
    (b"fine\n", "tiny", "taken"),
    (b"fine\n", "Bad_Id", "bad source id"),
    (b"fine\n", "../escape", "bad source id"),
    (b"fine\n", "-x", "bad source id"),
])
def test_add_source_refusals_change_nothing(checkout, tmp_path, capsys, data, source_id, words):
    before = tree_digest(checkout)
    code, out, err = run(capsys, "add-source", str(new_text(tmp_path, data)),
                         f"--id={source_id}", str(checkout))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err
    assert tree_digest(checkout) == before


def test_add_source_refuses_bad_metadata_and_existing_seed(checkout, tmp_path, capsys):
    before = tree_digest(checkout)
    code, _, err = run(capsys, "add-source", str(new_text(tmp_path)), "--id", "x-1",
                       str(checkout), "--url", "ftp://example.org/x")
    assert code == 2 and "url" in err
    assert tree_digest(checkout) == before
    (checkout / "seeds" / "x-2.txt").write_text("already here\n")
    before = tree_digest(checkout)
    code, _, err = run(capsys, "add-source", str(new_text(tmp_path)), "--id", "x-2",
                       str(checkout))
    assert code == 2 and "seeds/x-2.txt" in err
    assert tree_digest(checkout) == before


def test_add_source_undoes_its_writes_when_one_fails(checkout, tmp_path, capsys, monkeypatch):
    import claimset.store.atomic as atomic

    calls = []
    real = atomic._temporary

    def failing(path, data, **options):
        calls.append(path)
        if path.name == "index.json":
            raise OSError(28, "No space left on device")
        return real(path, data, **options)

    monkeypatch.setattr(atomic, "_temporary", failing)
    before = tree_digest(checkout)
    code, _, err = run(capsys, "add-source", str(new_text(tmp_path)), "--id", "x-3",
                       str(checkout))
    assert code == 2 and "No space left" in err
    # the seed's and the document's temporaries were written, then removed: nothing renamed
    assert tree_digest(checkout) == before and len(calls) == 3


def test_add_source_missing_file(checkout, tmp_path, capsys):
    code, _, err = run(capsys, "add-source", str(tmp_path / "absent.txt"), "--id", "x-4",
                       str(checkout))
    assert code == 2 and "no such file" in err
    assert TODO == "TODO"


# -- hooks and workflow ----------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def test_pre_commit_hooks():
    yaml = pytest.importorskip("yaml")
    hooks = {hook["id"]: hook for hook in yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert set(hooks) == {"claimset-validate", "claimset-fmt"}
    for hook in hooks.values():
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert hook["files"] == "^(dataset|seeds)/"
    assert hooks["claimset-validate"]["entry"] == "claimset validate"
