"""No printed line can carry a workflow command from data (issue 27).

GitHub's runner splits a step's output at CR and LF and runs a line as a
workflow command when it starts with ``::`` after white space, or holds the
legacy ``##[`` anywhere.  Every command of ``claimset``, in every output format
its parser offers, runs here on a checkout whose every string holds those
payloads (and raw newlines, carriage returns, HTML and Markdown links); no line
it prints may be one the runner would run, save the annotations claimset itself
writes with ``--format github``.  The table of command lines must name every
command, so a new one is tested the day it is added.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import itertools
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimset.cli import build_parser, main
from claimset.cli.commands import COMMANDS
from claimset.core.escape import CommandGuard, EscapingStream, log_line, markdown_text
from claimset.testing import source_document, write_checkout, write_source

from conftest import make_claim

#: Every form of a forged command, a raw line break of each kind, HTML and links.
PAYLOAD = ("\n::error file=README.md,line=1::FORGED\r::warning::FORGED\r\n  ::notice::FORGED"
           " ##[error]FORGED ##[add-mask]FORGED ##[stop-commands]FORGED"
           " <img src=x onerror=alert(1)> [a link](https://evil.example/) "
           "https://evil.example/ www.evil.example \x1b[2J\u2028::error::FORGED")
#: A one-line version for the few strings a line break would make unusable (a file name).
PAYLOAD_ONE_LINE = "::error::FORGED ##[error]FORGED <b>x</b> [l](https://evil.example/)"

TEXT = ("Planners said a force of some 150,000 troops would maintain order." + PAYLOAD + "\n"
        "The bill came to nearly $20 billion, officials said." + PAYLOAD + "\n"
        "::error::FORGED seed line with 4,500 tanks ##[error]FORGED\n"
        "  ::warning::FORGED 77 aircraft\r\n##[add-mask]x 12 ships\n")

OURS = re.compile(r"^::(error|warning|notice) (?:file=[^,:\r\n]*,)?(?:line=\d+,)?(?:col=\d+,)?"
                  r"title=CS\d{3} [^:\r\n]*::CS\d{3} ")


def runner_commands(output: str, *, ours_allowed: bool) -> list[str]:
    """The lines of ``output`` that GitHub's runner would run as workflow commands."""
    found = []
    for line in re.split("\r\n|\r|\n", output):
        ours = ours_allowed and OURS.match(line)
        if "##[" in line or (line.lstrip().startswith("::") and not ours):
            found.append(line)
    return found


def hostile_checkout(root: Path) -> Path:
    text = TEXT
    claims = [
        make_claim(text, "troops", "a force of some 150,000 troops would maintain order",
                   "150,000", 150000, qualifier="approximately", measure="troops" + PAYLOAD,
                   place=PAYLOAD, attribution=PAYLOAD, note=PAYLOAD, review=PAYLOAD,
                   unit="troops" + PAYLOAD, quantity="troops-2003", period="2003"),
        make_claim(text, "cost", "The bill came to nearly $20 billion", "$20 billion",
                   20_000_000_000, unit="USD", qualifier="nearly", upper=20_000_000_000,
                   measure=PAYLOAD, attribution=PAYLOAD, quantity="troops-2003",
                   period="2003"),
    ]
    tanks = text.index("4,500")
    exclusions = [{"start": tanks, "end": tanks + 5, "text": "4,500", "reason": "not a quantity",
                   "note": PAYLOAD}]
    document = source_document(text, claims, source_id="demo", exclusions=exclusions,
                               title=PAYLOAD, authors=[PAYLOAD])
    document["source"]["publisher"] = PAYLOAD
    document["source"]["notes"] = PAYLOAD
    write_checkout(root, text=text, document=document, changelog="## 1.0.0\n" + PAYLOAD + "\n")
    index_path = root / "dataset" / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index.update(description=PAYLOAD, license=PAYLOAD)
    index_path.write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    return root


def forged_checkout(root: Path) -> Path:
    """Strings the schema refuses, where they reach output before any check: the index's
    name and version (the summary line), a claim id (a rename in ``diff``), a dataset
    file's name (``fmt --check``)."""
    hostile_checkout(root)
    index_path = root / "dataset" / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index.update(name="claimset" + PAYLOAD, version="1.0.0" + PAYLOAD)
    index_path.write_text(json.dumps(index), encoding="utf-8")
    document = json.loads((root / "dataset" / "demo.json").read_text(encoding="utf-8"))
    document["claims"][0]["id"] = "demo/troops" + PAYLOAD
    write_source(root, document)
    odd = root / "dataset" / (PAYLOAD_ONE_LINE.replace("/", "_") + ".json")
    odd.write_text('{"a":' + json.dumps(PAYLOAD) + "}", encoding="utf-8")
    return root


def annotations_file(path: Path) -> Path:
    """W3C annotations on :data:`TEXT` whose ids, quotes and bodies hold the payloads."""
    target = "urn:sha256:" + hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    items = []
    for number, (exact, start) in enumerate((("150,000", 0), ("nothing here" + PAYLOAD, 0))):
        items.append({"id": "urn:x:" + str(number) + PAYLOAD, "type": "Annotation",
                      "body": {"type": "TextualBody", "value": PAYLOAD},
                      "target": {"source": target, "selector": [
                          {"type": "TextQuoteSelector", "exact": exact, "prefix": PAYLOAD,
                           "suffix": PAYLOAD},
                          {"type": "TextPositionSelector", "start": start,
                           "end": start + len(exact)}]}})
    document = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
                "id": "urn:c" + PAYLOAD, "first": {"type": "AnnotationPage", "items": items}}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def formats_of(command: str) -> list[str | None]:
    """Every value of the command's ``--format`` (None: it has no such option)."""
    parser = build_parser([command])
    sub = next(action for action in parser._actions
               if isinstance(action, argparse._SubParsersAction)).choices[command]
    for action in sub._actions:
        if "--format" in action.option_strings:
            return list(action.choices or [])
    return [None]


def command_lines(root: Path, forged: Path, work: Path) -> dict[str, list[list[str]]]:
    """Each command's argument lists (the format is added by the test)."""
    new_text = work / "new.txt"
    new_text.write_text(TEXT.replace("Planners", "Planners then").replace("\r", ""),
                        encoding="utf-8")
    corpus = work / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "doc" + PAYLOAD, "text": TEXT}) + "\n",
                      encoding="utf-8")
    plain = work / ("text " + PAYLOAD_ONE_LINE.replace("/", "_") + ".txt")
    plain.write_text(TEXT, encoding="utf-8")
    registry = work / "registry.json"
    registry.write_text(json.dumps({"releases": {"1.0.0": {
        "file": "claimset-1.0.0.json", "size": 10, "sha256": "0" * 64}}}), encoding="utf-8")
    refused = work / "refused.json"
    refused.write_text(json.dumps({"releases": {"1.0.0" + PAYLOAD: {"file": "x" + PAYLOAD}}}),
                       encoding="utf-8")
    new_source = work / "added.txt"
    new_source.write_text(TEXT.replace("\r", ""), encoding="utf-8")
    other = hostile_checkout(work / "other")  # another curation of the same source
    document = json.loads((other / "dataset" / "demo.json").read_text(encoding="utf-8"))
    document["claims"][0].update(measure=PAYLOAD + " other", qualifier="exact",
                                 unit=PAYLOAD + " units")
    write_source(other, document)
    return {
        "add-source": [["--id", "added", "--title", PAYLOAD, "--author", PAYLOAD,
                        "--publisher", PAYLOAD, os.fspath(new_source), os.fspath(root)]],
        "agree": [[os.fspath(root), os.fspath(other)],
                  [os.fspath(root / "dataset" / "demo.json"),
                   os.fspath(other / "dataset" / "demo.json")]],
        "build": [[os.fspath(root), "--out", os.fspath(work / "dist"), "--no-site"]],
        "confirm": [["demo/troops", "--path", os.fspath(root)],
                    ["demo@" + str(TEXT.index("4,500")), "--path", os.fspath(root)]],
        "corroborate": [["--path", os.fspath(root)]],
        "coverage": [[os.fspath(root)], ["demo", os.fspath(root)]],
        "diff": [[os.fspath(root), os.fspath(forged)], [os.fspath(forged), os.fspath(root)]],
        "download": [["--list", "--registry", os.fspath(registry)],
                     ["--list", "--registry", os.fspath(refused)]],
        "export": [[os.fspath(root)]],
        "extract": [[os.fspath(plain)], [os.fspath(corpus)]],
        "find": [["--path", os.fspath(root)], ["--path", os.fspath(root), "--text", "troops"]],
        "fmt": [["--check", os.fspath(forged)], ["--check", os.fspath(root)]],
        "import-annotations": [[os.fspath(annotations_file(work / "anno.json")), "demo",
                                os.fspath(root)]],
        "list": [["--path", os.fspath(root)]] if "--path" in _options("list") else
                [[os.fspath(root)]],
        "reanchor": [["demo", os.fspath(new_text), os.fspath(root)]],
        # serve prints its address only; its pages are tested by the site's own tests.
        "serve": [],
        "show": [["demo/troops", "--path", os.fspath(root), "--color", "always"],
                 ["demo/troops", "--path", os.fspath(root), "--color", "never"]],
        "suggest": [["demo", os.fspath(root)], ["demo", os.fspath(root), "--exclusions"]],
        "validate": [[os.fspath(root)], [os.fspath(forged)]],
    }


def _options(command: str) -> set[str]:
    parser = build_parser([command])
    sub = next(action for action in parser._actions
               if isinstance(action, argparse._SubParsersAction)).choices[command]
    return {option for action in sub._actions for option in action.option_strings}


def test_the_table_names_every_command(tmp_path: Path) -> None:
    lines = command_lines(tmp_path, tmp_path, tmp_path)
    assert set(lines) == set(COMMANDS)


def _runs(root: Path, forged: Path, work: Path) -> Iterator[tuple[str, list[str]]]:
    for command, argument_lists in command_lines(root, forged, work).items():
        for arguments in argument_lists:
            for form in formats_of(command):
                if form == "parquet" or (command == "export" and form == "sqlite"):
                    continue  # files, never printed
                yield command, [command, *arguments, *(["--format", form] if form else [])]


def test_no_printed_line_can_carry_a_workflow_command_from_data(
        tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes],
        monkeypatch: pytest.MonkeyPatch) -> None:
    root = hostile_checkout(tmp_path / "repo")
    forged = forged_checkout(tmp_path / "forged")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("CLAIMSET_CACHE", os.fspath(tmp_path / "cache"))
    ran = set()
    for command, argv in _runs(root, forged, work):
        code = main(argv)
        captured = capfdbinary.readouterr()
        out = captured.out.decode("utf-8", "replace")
        err = captured.err.decode("utf-8", "replace")
        assert code != 3, (argv, err)
        github = "github" in argv
        assert not runner_commands(out, ours_allowed=github), argv
        assert not runner_commands(err, ours_allowed=False), argv
        assert "\x1b[2J" not in out + err or (argv[-1] == "always" and "\x1b[2J" not in err)
        if "markdown" in argv:
            outside = re.sub(r"(`+)(.+?)(?<!`)\1(?!`)", "", out)
            for active in (r"(?<!\\)<img", r"(?<!\\)\]\(", "https://", r"www\.evil"):
                assert not re.search(active, outside), (argv, active)
        if argv[-1] == "json" or argv[-2:] == ["--format", "jsonl"]:
            for document in ([out] if argv[-1] == "json" else out.rstrip("\n").split("\n")):
                json.loads(document)  # the escapes kept it JSON
        ran.add(command)
    assert ran == set(COMMANDS) - {"serve"}


def test_the_data_of_a_one_line_message_stays_on_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An annotation's id (import-annotations) and a seed's sentence (coverage) are
    shown on their own line: their raw line breaks never start another."""
    root = hostile_checkout(tmp_path / "repo")
    anno = annotations_file(tmp_path / "anno.json")
    main(["import-annotations", os.fspath(anno), "demo", os.fspath(root)])
    err = capsys.readouterr().err
    assert all("FORGED" not in line.split("annotation", 1)[0] for line in err.splitlines())
    main(["coverage", os.fspath(root)])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines and all(line.startswith(("seeds/", "    ")) or "uncovered" in line
                         for line in lines)


def test_a_renamed_claim_id_reaches_the_job_summary_inside_a_code_span(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = hostile_checkout(tmp_path / "old")
    new = hostile_checkout(tmp_path / "new")
    document = json.loads((new / "dataset" / "demo.json").read_text(encoding="utf-8"))
    document["claims"][0]["id"] = "demo/<img src=x onerror=alert(1)>[a](https://evil.example/)"
    write_source(new, document)
    main(["diff", os.fspath(root), os.fspath(new), "--format", "markdown"])
    out = capsys.readouterr().out
    bump = next(line for line in out.splitlines() if "version bump" in line)
    assert "`demo/troops → demo/<img" in bump
    outside = re.sub(r"(`+)(.+?)(?<!`)\1(?!`)", "", bump)
    assert not re.search(r"(?<!\\)<img|(?<!\\)\]\(", outside)


# -- the guard itself ------------------------------------------------------------------------


def _guarded(chunks: list[str]) -> str:
    guard = CommandGuard()
    return "".join(guard.feed(chunk) for chunk in chunks) + guard.finish()


PIECES = st.sampled_from([":", "::", "#", "##", "[", "##[", " ", "\t", "\n", "\r", "\r\n",
                          "error", "x", "\u00a0", "\u2003", "]"])


@settings(max_examples=400)
@given(pieces=st.lists(PIECES, max_size=30), cuts=st.lists(st.integers(0, 60), max_size=6))
def test_the_guard_leaves_no_command_however_the_text_is_cut(pieces: list[str],
                                                              cuts: list[int]) -> None:
    text = "".join(pieces)
    edges = sorted({0, len(text), *(cut for cut in cuts if cut < len(text))})
    chunks = [text[a:b] for a, b in itertools.pairwise(edges)]
    shown = _guarded(chunks)
    assert shown == _guarded([text])  # the same whatever the pieces
    assert not runner_commands(shown, ours_allowed=False)
    # It only adds: taking the backslashes and escapes out gives the text back.
    assert shown.replace("##\\u005b", "##[").replace("\\::", "::") == text.replace(
        "##\\u005b", "##[").replace("\\::", "::") or "\\" in text


@settings(max_examples=200)
@given(text=st.text(max_size=60))
def test_text_without_a_command_passes_the_guard_unchanged(text: str) -> None:
    if "##[" in text or any(line.lstrip().startswith("::")
                            for line in re.split("\r|\n", text)):
        return
    assert _guarded([text]) == text


@settings(max_examples=200)
@given(text=st.text(max_size=60))
def test_a_log_line_is_one_line_and_no_command(text: str) -> None:
    shown = log_line(text)
    assert "\n" not in shown and "\r" not in shown
    assert not runner_commands(shown, ours_allowed=False)


def test_json_through_the_stream_decodes_to_the_same_value() -> None:
    value = {"text": "##[error]x \x9b \u2028 ::y", "list": ["##", "[", "##["]}
    buffer = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    stream = EscapingStream(buffer)
    stream.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
    stream.buffer.write((json.dumps(value, ensure_ascii=False) + "\n").encode("utf-8"))
    stream.finish()
    buffer.flush()
    assert isinstance(buffer.buffer, io.BytesIO)
    shown = buffer.buffer.getvalue().decode("utf-8")
    assert "##[" not in shown
    first, second = shown.split("\n}\n")
    assert json.loads(first + "\n}") == value == json.loads(second)


def test_only_claimsets_own_command_may_start_a_line() -> None:
    buffer = io.StringIO()
    stream = EscapingStream(buffer)
    stream.write("  ::error::data\nsummary: ::x ##[y]\n")
    stream.write_command("::error file=a.json,line=1,title=CS201 t::CS201 m ##[z]")
    stream.write(":")
    stream.write(":error::split over two writes")
    stream.finish()
    lines = buffer.getvalue().splitlines()
    assert lines == ["  \\::error::data", "summary: ::x ##\\u005by]",
                     "::error file=a.json,line=1,title=CS201 t::CS201 m ##\\u005bz]",
                     "\\::error::split over two writes"]


def test_markdown_text_makes_no_link_of_an_address() -> None:
    shown = markdown_text("see https://evil.example and www.evil.example or a@evil.example")
    assert "https://" not in shown and "www." not in shown and "a@" not in shown
