"""Every command example in README.md, CONTRIBUTING.md and docs/*.md is true.

The convention (CONTRIBUTING.md, "Command examples in the docs"):

- A fenced block marked ``console`` is a transcript: each line starting with
  ``$ `` is a command, and the lines after it, up to the next ``$ `` line, are
  what it prints (stdout and stderr together).  Every ``$ claimset ...`` command
  runs, in order, in a fresh copy of the repository (a git work tree with one
  commit, offline, ``NO_COLOR=1``, 100 columns), and must print exactly that.
- A command that exits non-zero ends its output with the line ``[exit N]``.
- ``[...]`` alone on a line stands for any number of lines (also none); inside
  a line it stands for any text on that line.
- ``<!-- docs-example: skip: REASON -->`` on the line before the fence keeps a
  block from running (a download from a server, ``../shared`` data, timings).
  A console block with any command other than ``claimset`` must be skipped.
- In a shell block (``sh``, ``bash``, ``shell``) each ``claimset ...`` command,
  also after ``&&``, ``|`` or ``;``, must be accepted by claimset's argument
  parser: a renamed subcommand or flag fails here even where nothing runs.
  A ``$ claimset`` line in any block not marked ``console`` is an error (mark
  the block ``console`` so it runs, or skip it).
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import claimset
from claimset.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = (ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md")))
SKIP = re.compile(r"<!--\s*docs-example:\s*skip:\s*(?P<reason>\S.*?)\s*-->")
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+)(?P<info>[^`\n]*)$")
WILDCARD = "[...]"
HOW_TO_FIX = (
    "To fix: make the docs show what the command prints (it is printed in full above), or fix "
    "the code if the docs are right.  Use '[...]' for lines or parts of a line that vary; end "
    "the output with '[exit N]' when the command exits non-zero; put "
    "'<!-- docs-example: skip: REASON -->' on the line before the fence for an example that "
    "cannot run offline (see CONTRIBUTING.md, 'Command examples in the docs')."
)


@attrs.frozen
class Command:
    line: int  # 1-based line of the document the command is on
    text: str  # the command line, without its "$ "
    expected: tuple[str, ...]  # the lines shown after it


@attrs.frozen
class Block:
    document: Path
    line: int  # 1-based line of the opening fence
    info: str
    body: tuple[str, ...]
    skip_reason: str | None

    @property
    def where(self) -> str:
        return f"{self.document.relative_to(ROOT).as_posix()}:{self.line}"

    def commands(self) -> list[Command]:
        """The ``$ `` commands of a console block, each with the lines shown after it."""
        found: list[Command] = []
        for offset, row in enumerate(self.body):
            if row.startswith("$ "):
                found.append(Command(self.line + 1 + offset, row[2:].strip(), ()))
            elif found:
                last = found[-1]
                found[-1] = attrs.evolve(last, expected=(*last.expected, row))
        return found


def blocks(document: Path) -> list[Block]:
    """The fenced code blocks of a Markdown document, with their skip markers."""
    lines = document.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    number = 0
    while number < len(lines):
        opening = FENCE.match(lines[number])
        if opening is None:
            number += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        end = number + 1
        while end < len(lines) and lines[end].strip() != fence:
            end += 1
        body = tuple(row[len(indent):] if row.startswith(indent) else row.lstrip()
                     for row in lines[number + 1:end])
        before = number - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        marker = SKIP.search(lines[before]) if before >= 0 else None
        found.append(Block(document, number + 1, opening["info"].strip(), body,
                           marker["reason"] if marker else None))
        number = end + 1
    return found


ALL_BLOCKS = [block for document in DOCUMENTS for block in blocks(document)]
CONSOLE = [block for block in ALL_BLOCKS if block.info == "console"]
OTHER = [block for block in ALL_BLOCKS if block.info != "console"]
SHELLS = {"sh", "bash", "shell", "zsh"}


def is_claimset(words: list[str]) -> bool:
    return words[:1] == ["claimset"] or words[:3] == ["python", "-m", "claimset"]


def claimset_invocations(command: str) -> list[list[str]]:
    """The argument lists of each ``claimset`` command in a shell line (``&&``, ``|``, ``;``)."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    pieces: list[list[str]] = [[]]
    redirect = False
    for token in lexer:
        if token in {"&&", "||", "|", ";", "&", "(", ")"}:
            pieces.append([])
        elif token in {">", ">>", "<", "2>", "&>"} or token.endswith(">"):
            redirect = True  # the next word is the redirection's file, not an argument
        elif redirect:
            redirect = False
        else:
            pieces[-1].append(token)
    return [words[3:] if words[0] == "python" else words[1:]
            for words in pieces if is_claimset(words)]


def shell_commands(body: tuple[str, ...]) -> list[tuple[int, str]]:
    """The command lines of a shell block, continuation lines joined, with their offset."""
    joined: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for offset, row in enumerate(body):
        text = row[2:] if row.startswith("$ ") else row
        if pending is not None:
            pending = (pending[0], pending[1] + " " + text.strip())
        else:
            pending = (offset, text.strip())
        if pending[1].endswith("\\"):
            pending = (pending[0], pending[1][:-1].rstrip())
            continue
        joined.append(pending)
        pending = None
    if pending is not None:
        joined.append(pending)
    return joined


def parse_problem(arguments: list[str]) -> str | None:
    """What claimset's argument parser says about ``arguments``, or None if it accepts them."""
    stderr, stdout = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(stdout):
        try:
            build_parser().parse_args(arguments)
        except SystemExit as stop:
            if stop.code not in (0, None):
                return stderr.getvalue().strip() or f"exit {stop.code}"
    return None


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the printed lines fit the shown ones, ``[...]`` standing for what varies."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == WILDCARD:
        return any(matches(rest, actual[skip:]) for skip in range(len(actual) + 1))
    if not actual:
        return False
    pattern = ".*".join(re.escape(part) for part in head.split(WILDCARD))
    return re.fullmatch(pattern, actual[0]) is not None and matches(rest, actual[1:])


@pytest.fixture(scope="module")
def shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with a ``claimset`` that runs the claimset this test imports."""
    directory = tmp_path_factory.mktemp("bin")
    program = directory / "claimset"
    program.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m claimset \"$@\"\n",
                       encoding="utf-8")
    program.chmod(0o755)
    return directory


_IGNORED = shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", ".venv", "venv", "dist",
                                  "build", ".pytest_cache", ".ruff_cache", ".mypy_cache",
                                  ".hypothesis")


def fresh_copy(destination: Path) -> Path:
    """The repository's files copied to ``destination``, as one git commit when git exists."""
    shutil.copytree(ROOT, destination, ignore=_IGNORED, symlinks=True)
    if shutil.which("git"):
        for arguments in (["init", "-q", "-b", "main"], ["add", "-A"],
                          ["-c", "user.name=docs", "-c", "user.email=docs@example.org",
                           "-c", "commit.gpgsign=false", "commit", "-q", "-m", "docs examples"]):
            subprocess.run(["git", *arguments], cwd=destination, capture_output=True,
                           check=True)
    return destination


def example_environment(shim: Path, home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("CLAIMSET_", "GIT_"))
           and key not in {"FORCE_COLOR", "PYTHONUNBUFFERED"}}
    package_root = Path(claimset.__file__).resolve().parent.parent
    env.update({
        "PATH": f"{shim}{os.pathsep}{env.get('PATH', '')}",
        "PYTHONPATH": str(package_root),
        "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
        "CLAIMSET_OFFLINE": "1", "NO_COLOR": "1", "COLUMNS": "100", "LINES": "40",
        "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8", "TZ": "UTC",
    })
    return env


@pytest.mark.parametrize("block", CONSOLE, ids=[block.where for block in CONSOLE])
def test_console_examples_print_what_the_docs_show(block: Block, shim: Path,
                                                   tmp_path: Path) -> None:
    commands = block.commands()
    assert commands, f"{block.where}: a console block needs at least one '$ ' command"
    for command in commands:
        arguments = claimset_invocations(command.text)
        assert not arguments or (problem := parse_problem(arguments[0])) is None, (
            f"{block.where}: line {command.line}: claimset refuses its arguments: {problem}")
    if block.skip_reason is not None:
        return
    others = [c for c in commands if not is_claimset(shlex.split(c.text, comments=True)[:3])]
    assert not others, (
        f"{block.where}: line {others[0].line}: only claimset commands run in a console block, "
        f"and {others[0].text!r} is not one: put '<!-- docs-example: skip: REASON -->' "
        "before the block")
    checkout = fresh_copy(tmp_path / "repo")
    env = example_environment(shim, tmp_path / "home")
    for command in commands:
        done = subprocess.run(["bash", "-c", command.text], cwd=checkout, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False,
                              timeout=120)
        actual = done.stdout.decode("utf-8", "replace").splitlines()
        if done.returncode:
            actual.append(f"[exit {done.returncode}]")
        expected = list(command.expected)
        if not matches(expected, actual):
            difference = "\n".join(difflib.unified_diff(
                expected, actual, "shown in the docs", "printed", lineterm=""))
            pytest.fail(
                f"{block.where}: line {command.line}: `{command.text}` prints something other "
                f"than the docs show.\n--- difference:\n{difference}\n--- printed in full:\n"
                + "\n".join(actual) + f"\n---\n{HOW_TO_FIX}", pytrace=False)


def test_other_blocks_use_only_commands_and_flags_claimset_accepts() -> None:
    problems: list[str] = []
    for block in OTHER:
        for offset, text in shell_commands(block.body):
            where = f"{block.document.relative_to(ROOT).as_posix()}:{block.line + 1 + offset}"
            if block.body[offset].startswith("$ claimset"):
                problems.append(f"{where}: a '$ claimset' transcript in a ```{block.info} "
                                "block: fence it as ```console so it runs (or skip it)")
                continue
            if block.info not in SHELLS:
                continue
            try:
                invocations = claimset_invocations(text)
            except ValueError:  # not shell (JSON, Python, a diagram…)
                continue
            for arguments in invocations:
                problem = parse_problem(arguments)
                if problem is not None:
                    problems.append(f"{where}: `claimset {shlex.join(arguments)}`: {problem}")
    assert not problems, "\n".join(problems)


def test_there_are_console_examples_and_most_of_them_run() -> None:
    running = [block for block in CONSOLE if block.skip_reason is None]
    assert len(running) >= 3, [block.where for block in CONSOLE]


def test_skip_markers_carry_a_reason_and_sit_on_a_block() -> None:
    stray: list[str] = []
    for document in DOCUMENTS:
        lines = document.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if not (line.lstrip().startswith("<!--") and "docs-example" in line):
                continue  # prose may mention the marker in backticks
            if not SKIP.search(line):
                stray.append(f"{document.name}:{number + 1}: write "
                             "'<!-- docs-example: skip: REASON -->' (a reason is required)")
                continue
            after = next((row for row in lines[number + 1:] if row.strip()), "")
            if not FENCE.match(after):
                stray.append(f"{document.name}:{number + 1}: the marker must come right "
                             "before a fenced block")
    assert not stray, "\n".join(stray)


@pytest.mark.parametrize(("expected", "actual", "fits"), [
    (["a", "b"], ["a", "b"], True),
    (["a", "b"], ["a", "c"], False),
    (["a"], ["a", "b"], False),
    (["a", WILDCARD], ["a", "b", "c"], True),
    ([WILDCARD, "c"], ["a", "b", "c"], True),
    ([WILDCARD, "c"], ["c"], True),
    ([WILDCARD, "d"], ["a", "b", "c"], False),
    (["x: [...] s"], ["x: 1.25 s"], True),
    (["x: [...] s"], ["y: 1.25 s"], False),
    (["a.b"], ["axb"], False),
    ([], [], True),
])
def test_wildcards_match_what_they_say(expected: list[str], actual: list[str],
                                       fits: bool) -> None:
    assert matches(expected, actual) is fits


def test_shell_lines_yield_the_claimset_arguments_only() -> None:
    assert claimset_invocations("claimset export > claims.csv  # CSV") == [["export"]]
    assert claimset_invocations("pip install -e . && claimset validate --format json") == [
        ["validate", "--format", "json"]]
    assert claimset_invocations("python -m claimset show x | less") == [["show", "x"]]
    assert parse_problem(["validate", "--formt", "json"]) is not None
    assert parse_problem(["no-such-command"]) is not None
    assert parse_problem(["validate", "--help"]) is None
