"""The README's two commands are timed by benchmarks/readme_commands.py, and the README
shows those saved timings (rendered by benchmarks/figures.py, which test_figures checks),
never times typed by hand.

The benchmark itself installs from the package index and runs the whole suite, so it is
never run here: these tests check what it reads and how (the README's commands, the
environment of a new machine, the steps in a ``bash -x`` trace) and that the README's
tables belong to the commands the README shows today.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from test_install import readme_commands

from conftest import benchmark_module

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


bench = benchmark_module("readme_commands")


def test_the_benchmark_times_the_commands_the_readme_shows() -> None:
    assert bench.readme_commands(README.read_text(encoding="utf-8")) == readme_commands()


def test_the_readme_times_come_from_the_saved_results_of_its_own_commands() -> None:
    """Each command's timing table is a figures region right under the commands, and the
    saved results it renders timed exactly the README's command: change a command and
    this fails until the benchmark is run again."""
    text = README.read_text(encoding="utf-8")
    head = text[:text.index("## The dataset")]
    rows = " ".join(re.findall(r'<!-- figures rows="([^"]*)"', head)).split()
    first, second = readme_commands()
    for name, command in (("first-command", first), ("second-command", second)):
        assert any(row.startswith(f"{name}/") for row in rows), (
            f"the README shows no {name} timings under its commands")
        results = json.loads((ROOT / "benchmarks" / "results" / f"{name}.json")
                             .read_text(encoding="utf-8"))
        assert bench.timed_command(results) == command, (
            f"benchmarks/results/{name}.json timed another command: run "
            "`python benchmarks/readme_commands.py` and `python benchmarks/figures.py`")
    first_figure = next(figure for figure in json.loads(
        (ROOT / "benchmarks" / "results" / "first-command.json").read_text(encoding="utf-8")
    )["figures"] if figure["id"] == "first")
    assert first_figure["unit"] == "s" and first_figure["target"].startswith("well under")


def test_a_command_is_split_into_its_steps() -> None:
    first, second = readme_commands()
    assert bench.steps(first) == ["python3 -m venv .venv", ". .venv/bin/activate",
                                  "pip install -e .", "claimset validate"]
    assert bench.steps(second)[-1] == "python -m pytest"


def test_the_steps_are_found_in_a_real_bash_trace(tmp_path: Path) -> None:
    """bash re-quotes what it traces (".[test]" shows as '.[test]'); steps are matched by
    their words, in order, and a sourced script's own lines are passed over."""
    (tmp_path / "activate").write_text("true inside\necho sourced\n", encoding="utf-8")
    command = 'true && . ./activate && echo ".[test]" && echo done'
    done = subprocess.run(["bash", "-c", "PS4='+${EPOCHREALTIME} '; set -x; " + command],
                          cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "'.[test]'" in done.stderr
    starts = bench.step_starts(done.stderr, bench.steps(command))
    assert len(starts) == 4 and starts == sorted(starts)
    with pytest.raises(SystemExit, match="never shows the step 'echo missing'"):
        bench.step_starts(done.stderr, ["true", "echo missing"])


def test_a_new_machine_has_no_venv_no_caches_and_the_chosen_python3(tmp_path: Path) -> None:
    venv = tmp_path / "dev" / ".venv"
    base = {"PATH": os.pathsep.join([str(venv / "bin"), "/usr/local/bin", "/usr/bin"]),
            "VIRTUAL_ENV": str(venv), "PIP_CACHE_DIR": "/somewhere/pip",
            "PIP_NO_CACHE_DIR": "1", "PYTHONPATH": "/src", "CLAIMSET_CACHE_DIR": "/c",
            "CLAIMSET_NO_CACHE": "1", "HOME": "/root", "PIP_FIND_LINKS": "/opt/wheels"}
    (tmp_path / "cache").mkdir()
    (tmp_path / "shim").mkdir()
    env = bench.new_machine_environment(base, tmp_path / "cache", Path(sys.executable),
                                        tmp_path / "shim")
    assert env["PATH"].split(os.pathsep) == [str(tmp_path / "shim"), "/usr/local/bin",
                                             "/usr/bin"]
    assert env["XDG_CACHE_HOME"] == str(tmp_path / "cache")  # pip's and claimset's caches
    for gone in ("VIRTUAL_ENV", "PIP_CACHE_DIR", "PIP_NO_CACHE_DIR", "PYTHONPATH",
                 "CLAIMSET_CACHE_DIR", "CLAIMSET_NO_CACHE"):
        assert gone not in env
    # The machine's own pip configuration stays: a new machine of the project has it.
    assert env["PIP_FIND_LINKS"] == "/opt/wheels" and env["HOME"] == "/root"
    assert (tmp_path / "shim" / "python3").resolve() == Path(sys.executable).resolve()


def test_pytests_closing_line_is_the_detail() -> None:
    line = "==== 2750 passed, 3 skipped, 1 xfailed in 958.21s (0:15:58) ===="
    assert bench.pytest_outcome(line) == "2750 passed, 3 skipped, 1 xfailed"
    assert bench.pytest_outcome("= 1 failed, 2749 passed in 9.0s =") == "1 failed, 2749 passed"
