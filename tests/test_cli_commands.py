"""The command table and the command modules agree, and a command's code is imported
only when that command runs (``claimset --help`` imports none of them)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimset.cli import build_parser, commands

COMMANDS_DIR = Path(commands.__file__).parent
MODULES = sorted(path.stem for path in COMMANDS_DIR.glob("*.py") if not path.stem.startswith("_"))


def test_every_command_module_is_in_the_table() -> None:
    listed = {module for module, _ in commands.COMMANDS.values()}
    missing = [module for module in MODULES if module not in listed]
    assert not missing, (
        "add a line for each to COMMANDS in src/claimset/cli/commands/__init__.py: "
        + ", ".join(f'"{m.replace("_", "-")}": ("{m}", "<one-line help>")' for m in missing))


@pytest.mark.parametrize("name", sorted(commands.COMMANDS))
def test_every_table_entry_is_a_command_module(name: str) -> None:
    module_name, help_text = commands.COMMANDS[name]
    assert (COMMANDS_DIR / f"{module_name}.py").is_file(), f"no cli/commands/{module_name}.py"
    module = commands.load(name)
    assert callable(getattr(module, "configure", None)), f"{module_name}.py needs configure()"
    assert callable(getattr(module, "run", None)), f"{module_name}.py needs run(args)"
    # A module may still say its name and help; then it must say what the table says.
    assert getattr(module, "NAME", name) == name
    assert getattr(module, "HELP", help_text) == help_text
    assert help_text and "\n" not in help_text


def test_the_table_is_sorted_by_name() -> None:
    assert list(commands.COMMANDS) == sorted(commands.COMMANDS)


PROBE = r"""
import json, sys
from claimset.cli import main
try:
    code = main(json.loads(sys.argv[1]))
except SystemExit as stop:
    code = stop.code
print(json.dumps({"code": code,
                  "modules": sorted(m for m in sys.modules if m.startswith("claimset"))}))
"""


def imported_by(arguments: list[str], cwd: Path | None = None) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(arguments)], cwd=cwd,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.splitlines()[-1])
    return found["code"], set(found["modules"])


CLI_ONLY = {"claimset", "claimset._version", "claimset.cli", "claimset.cli.commands",
            "claimset.core", "claimset.core.errors", "claimset.core.escape"}


@pytest.mark.parametrize("arguments", [["--help"], [], ["no-such-command"]])
def test_the_command_list_imports_no_command(arguments: list[str]) -> None:
    code, modules = imported_by(arguments)
    assert code == (0 if arguments == ["--help"] else 2)
    assert modules <= CLI_ONLY, sorted(modules - CLI_ONLY)


def test_a_commands_help_imports_only_that_command() -> None:
    code, modules = imported_by(["validate", "--help"])
    assert code == 0
    allowed = CLI_ONLY | {"claimset.cli.commands.validate", "claimset.core.formats"}
    assert modules <= allowed, sorted(modules - allowed)


def test_running_a_command_imports_no_other_command(tmp_path: Path) -> None:
    from conftest import write_checkout

    root = write_checkout(tmp_path / "repo")
    code, modules = imported_by(["fmt", "--check", str(root)])
    assert code == 0
    commands_loaded = {m for m in modules if m.startswith("claimset.cli.commands.")}
    assert commands_loaded == {"claimset.cli.commands.fmt"}


def test_the_full_parser_knows_every_commands_options() -> None:
    parser = build_parser()
    args = parser.parse_args(["validate", "--format", "json", "--no-coverage"])
    assert args.format == "json" and args.no_coverage and callable(args._run)
    assert parser.parse_args(["extract", "x.txt"])._run is commands.load("extract").run


STARTUP_PROBE = r"""
import json, sys
from claimset.cli import main
try:
    main(json.loads(sys.argv[1]))
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("arguments", [["--help"], ["validate", "--help"]])
def test_help_imports_neither_typing_nor_shutil(arguments: list[str]) -> None:
    """What start-up must not pay for (benchmarks/startup.py measures the time): typing
    (the vocabulary's Literal types), shutil (argparse's terminal width: bz2, lzma) and
    the escaper's patterns, which --help never uses."""
    done = subprocess.run([sys.executable, "-c", STARTUP_PROBE, json.dumps(arguments)],
                          capture_output=True, text=True, check=True)
    modules = set(json.loads(done.stderr.splitlines()[-1]))
    assert not modules & {"typing", "shutil", "claimset.core.escape",
                          "claimset.core.vocabulary"}, sorted(
        modules & {"typing", "shutil", "claimset.core.escape", "claimset.core.vocabulary"})
    assert "usage: claimset" in done.stdout


def test_help_wraps_to_the_terminal_width_argparse_would_use() -> None:
    wide = subprocess.run([sys.executable, "-m", "claimset", "validate", "--help"],
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "COLUMNS": "200"})
    narrow = subprocess.run([sys.executable, "-m", "claimset", "validate", "--help"],
                            capture_output=True, text=True, check=True,
                            env={**os.environ, "COLUMNS": "60"})
    assert max(map(len, narrow.stdout.splitlines())) <= 58
    assert max(map(len, wide.stdout.splitlines())) > 60
