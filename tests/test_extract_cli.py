"""``claimset extract FILE... --format jsonl|text``."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from claimset.cli import main

TEXT = ("Planners said a force of some 150,000 troops would maintain order.\n"
        "The bill came to nearly $20 billion, officials said.\n")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_jsonl(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(source), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["text"] for r in records] == ["150,000", "$20 billion"]
    first = records[0]
    assert first["file"] == str(source)
    assert set(first) == {"file", "start", "end", "text", "value", "kind", "unit", "qualifier",
                          "lower", "upper", "qualifier_span"}
    assert (first["value"], first["kind"], first["unit"], first["qualifier"]) == \
        (150000, "count", "troops", "approximately")
    assert TEXT[first["start"]:first["end"]] == "150,000"
    assert first["qualifier_span"] == [TEXT.index("some"), TEXT.index("some") + 4]


def test_text_shows_each_figure_in_its_sentence(source: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(source)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{source}:1:{TEXT.index('150,000') + 1}: count 150000 "
                               "approximately troops | ")
    assert "some [150,000] troops" in lines[0]
    assert lines[1].startswith(f"{source}:2:")
    assert "nearly [$20 billion], officials said." in lines[1]


def test_several_files(source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.txt"
    other.write_text("It rose 61% in 2004.", encoding="utf-8")
    assert main(["extract", str(source), str(other), "--format", "jsonl"]) == 0
    files = [json.loads(line)["file"] for line in capsys.readouterr().out.splitlines()]
    assert files == [str(source)] * 2 + [str(other)] * 2


def test_empty_file_gives_empty_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["extract", str(empty)]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("content", [b"\x00\x01\x02 12", b"\xff\xfe caf\xe9 12"])
def test_binary_or_non_utf8_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 content: bytes) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(content)
    assert main(["extract", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("claimset: error: CS110 ")
    assert "Traceback" not in captured.err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["extract", str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.err == f"claimset: error: CS110 no such file: {missing}\n"


def test_a_directory_without_documents(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.md").write_text("12 boats", encoding="utf-8")
    assert main(["extract", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"claimset: error: CS905 {tmp_path}: no file in this "
                                   "directory matches '*.txt'")


def test_unknown_format(source: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(source), "--format", "xml"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize(("make", "words"), [
    (lambda path: path.write_bytes(b"\xef\xbb\xbf12 troops"), "byte order mark"),
    (lambda path: path.write_bytes(b"12 troops and \x00"), "NUL bytes"),
    (lambda path: os.mkfifo(path), "not a regular file"),
])
def test_files_a_seed_could_not_be_are_refused(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               make: Callable[[Path], None],
                                               words: str) -> None:
    path = tmp_path / "odd.txt"
    make(path)
    assert main(["extract", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and words in captured.err
    assert captured.err.startswith("claimset: error: CS110 ")


def test_a_file_over_the_seed_size_limit_is_refused_unread(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from claimset.store.layout import MAX_SEED_BYTES

    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_SEED_BYTES + 1)  # sparse: costs no disk
    assert main(["extract", str(path)]) == 2
    assert f"over the {MAX_SEED_BYTES}-byte limit" in capsys.readouterr().err
