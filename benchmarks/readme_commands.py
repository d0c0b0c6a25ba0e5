"""The README's two commands (issue 29), timed as a new user meets them.

    python benchmarks/readme_commands.py [--rounds 3] [--only first|second] [--python PATH]

Each command is read from the README's first shell block and run exactly as written,
by ``bash``, on what a new machine of the project has:

* a fresh clone of this checkout's commit (``git clone`` into a new temporary folder;
  uncommitted changes are not in it), so ``.venv`` does not exist yet;
* no virtual environment active, and ``python3`` the interpreter named by ``--python``
  (default: the first ``python3`` on ``PATH`` outside a virtual environment);
* empty caches: ``XDG_CACHE_HOME`` is a new empty folder, which holds pip's cache and
  claimset's grammar cache, and ``PIP_CACHE_DIR``, ``PIP_NO_CACHE_DIR``, ``PYTHONPATH``
  and every ``CLAIMSET_*`` variable are removed; pip's configuration (its package
  index and any local wheel folders the machine's pip.conf names) is the machine's own.

``bash -x`` with a time stamp in ``PS4`` marks when each ``&&`` step of the command
starts, so a figure's note splits it into the virtual environment, the install and the
job.  A round of the first command is followed by its baseline, the job alone
(``claimset validate``) in the environment the command just made: the ratio says how
much of the first command is set-up.  The second command (its tests take minutes) runs
``--second-rounds`` times, after the first command's rounds.  Wall time is what a user
waits for; the CPU time (user + system, of the command and everything it started) is
beside it, since a shared machine's load and the package index's answers stretch the
wall clock.

Results: ``benchmarks/results/first-command.json`` and ``second-command.json``, rendered
into the README by ``python benchmarks/figures.py``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import record

README = record.ROOT / "README.md"
#: What the first command must stay well under (issue 29: "well under a minute").
FIRST_TARGET_SECONDS = 60.0
#: The environment variables a new machine does not have set (the caches they name, the
#: package a developer's shell may point at, claimset's own switches).
SCRUBBED = ("PIP_CACHE_DIR", "PIP_NO_CACHE_DIR", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV",
            "PYTHONSTARTUP", "CONDA_PREFIX")
_TRACE = re.compile(r"^\+(?P<stamp>\d+(?:[.,]\d+)?) (?P<command>.*)$")


def readme_commands(text: str) -> list[str]:
    """The README's first shell block: its commands, each without its trailing comment
    (as tests/test_install.py reads them)."""
    match = re.search(r"```sh\n(?P<body>.*?)```", text, re.DOTALL)
    if match is None:
        raise SystemExit("README.md has no ```sh block of set-up commands")
    return [re.sub(r"\s+#.*$", "", line) for line in match["body"].splitlines() if line]


def steps(command: str) -> list[str]:
    """The ``&&`` steps of a one-line command."""
    return [step.strip() for step in command.split(" && ")]


def new_machine_environment(base: Mapping[str, str], cache: Path, python: Path,
                            shim: Path) -> dict[str, str]:
    """``base`` as a new machine would have it: no virtual environment on ``PATH``, the
    caches in the empty folder ``cache``, ``python3`` (a link in ``shim``) = ``python``."""
    env = {key: value for key, value in base.items()
           if key not in SCRUBBED and not key.startswith("CLAIMSET_")}
    active = base.get("VIRTUAL_ENV")
    entries = [entry for entry in base.get("PATH", os.defpath).split(os.pathsep)
               if entry and not (active and Path(entry).parent == Path(active))]
    env["PATH"] = os.pathsep.join([str(shim), *entries])
    env["XDG_CACHE_HOME"] = str(cache)
    link = shim / "python3"
    if not link.exists():
        link.symlink_to(python)
    return env


def default_python(env: Mapping[str, str]) -> Path:
    """The first ``python3`` on ``PATH`` that is not in the active virtual environment."""
    active = env.get("VIRTUAL_ENV")
    entries = [entry for entry in env.get("PATH", os.defpath).split(os.pathsep)
               if entry and not (active and Path(entry).parent == Path(active))]
    found = shutil.which("python3", path=os.pathsep.join(entries))
    if found is None:
        raise SystemExit("no python3 on PATH: pass --python")
    # The interpreter itself, not a version manager's shim in front of it.
    done = subprocess.run([found, "-c", "import sys; print(sys.executable)"],
                          capture_output=True, text=True, check=True)
    return Path(done.stdout.strip())


def step_starts(trace: str, wanted: Sequence[str]) -> list[float]:
    """When each of ``wanted`` (the command's steps, in order) started, from ``bash -x``
    lines whose ``PS4`` is ``+$EPOCHREALTIME ``; a step is matched by its words, since
    bash re-quotes what it traces (``".[test]"`` shows as ``'.[test]'``)."""
    found: list[float] = []
    lines = [match for line in trace.splitlines() if (match := _TRACE.match(line))]
    position = 0
    for step in wanted:
        words = shlex.split(step)
        while position < len(lines):
            match = lines[position]
            position += 1
            try:
                traced = shlex.split(match["command"])
            except ValueError:
                continue
            if traced == words:
                found.append(float(match["stamp"].replace(",", ".")))
                break
        else:
            raise SystemExit(f"the trace never shows the step {step!r}")
    return found


class Timed(NamedTuple):
    """One run of a command: wall and CPU seconds, the wall seconds of each step, and
    the last line of its output."""

    wall: float
    cpu: float
    parts: list[float]
    last_line: str
    code: int


def run_traced(command: str, cwd: Path, env: dict[str, str], log: Path) -> Timed:
    """Run ``command`` as written with ``bash``, tracing when each step starts."""
    script = "PS4='+${EPOCHREALTIME} '; set -x; " + command
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    with log.open("wb") as out:
        done = subprocess.run(["bash", "-c", script], cwd=cwd, env=env, stdout=out,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, check=False)
    ended = time.time()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    trace = done.stderr.decode(errors="replace")
    starts = [*step_starts(trace, steps(command)), ended]
    parts = [later - earlier for earlier, later in itertools.pairwise(starts)]
    output = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
              if line.strip()]
    if done.returncode != 0:
        print(trace[-3000:], file=sys.stderr)
    return Timed(ended - started, cpu, parts, output[-1] if output else "", done.returncode)


def fresh_clone(source: Path, commit: str, into: Path) -> Path:
    clone = into / "claimset"
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(source), str(clone)],
                   check=True)
    subprocess.run(["git", "-C", str(clone), "checkout", "--quiet", commit], check=True)
    return clone


def commit_of(root: Path) -> str:
    done = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True)
    return done.stdout.strip()


def on_a_new_machine(command: str, *, source: Path, commit: str, python: Path,
                     then: str | None = None) -> tuple[Timed, Timed | None]:
    """``command`` in a fresh clone with empty caches; ``then`` (the baseline) after it,
    in the same clone and environment."""
    with tempfile.TemporaryDirectory(prefix="claimset-readme-") as folder:
        place = Path(folder)
        clone = fresh_clone(source, commit, place)
        (place / "cache").mkdir()
        (place / "shim").mkdir()
        env = new_machine_environment(os.environ, place / "cache", python, place / "shim")
        timed = run_traced(command, clone, env, place / "command.log")
        baseline = None
        if then is not None and timed.code == 0:
            baseline = run_traced(then, clone, env, place / "baseline.log")
        return timed, baseline


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def parts_note(runs: Sequence[Timed], names: Sequence[str]) -> str:
    shown = [f"{name} {median([run.parts[index] for run in runs]):.1f} s"
             for index, name in enumerate(names)]
    cpu = [run.cpu for run in runs]
    spread = (f" ({min(cpu):.1f}–{max(cpu):.1f})" if len(cpu) > 1 and min(cpu) != max(cpu)
              else "")
    return f"CPU time {median(cpu):.1f} s{spread}; wall time by step: " + ", ".join(shown)


def measure_first(args: argparse.Namespace, argv: Sequence[str], command: str, *,
                  source: Path, commit: str, python: Path) -> None:
    run = record.Run("first-command", args, argv, script="readme_commands", commit=commit[:12])
    job = steps(command)[-1]
    baseline = f". .venv/bin/activate && {job}"
    rounds: list[Timed] = []
    ratios_cpu: list[float] = []
    ratios_wall: list[float] = []
    for number in range(args.rounds):
        timed, alone = on_a_new_machine(command, source=source, commit=commit,
                                        python=python, then=baseline)
        if timed.code != 0 or alone is None or alone.code != 0:
            raise SystemExit(f"the first command failed (exit {timed.code}): "
                             f"{timed.last_line}")
        rounds.append(timed)
        ratios_cpu.append(timed.cpu / alone.cpu)
        ratios_wall.append(timed.wall / alone.wall)
        print(f"round {number + 1}: {timed.wall:.1f} s wall, {timed.cpu:.1f} s CPU (steps: "
              f"{', '.join(f'{part:.1f}' for part in timed.parts)} s); {job} alone "
              f"{alone.wall:.2f} s wall, {alone.cpu:.2f} s CPU", flush=True)
    wall = [timed.wall for timed in rounds]
    run.figure("first", "the first command, on a new machine (wall time)", wall, unit="s",
               digits=0, cpu=False, target=f"well under {FIRST_TARGET_SECONDS:.0f} s",
               met=median(wall) < FIRST_TARGET_SECONDS,
               note=parts_note(rounds, ("the virtual environment", "activating",
                                        "pip install", job)))
    run.figure("first-vs-job", f"the first command vs `{job}` alone in the environment it "
               "made", ratios_cpu, unit="x", digits=1, cpu=True, wall=ratios_wall,
               baseline=f"`{job}` (a warm grammar cache)")
    note_setting(run, command, python)
    run.save()


def measure_second(args: argparse.Namespace, argv: Sequence[str], command: str, *,
                   source: Path, commit: str, python: Path) -> None:
    run = record.Run("second-command", args, argv, script="readme_commands", commit=commit[:12])
    rounds: list[Timed] = []
    for number in range(args.second_rounds):
        timed, _ = on_a_new_machine(command, source=source, commit=commit, python=python)
        rounds.append(timed)
        print(f"round {number + 1}: {timed.wall:.1f} s wall, {timed.cpu:.1f} s CPU (steps: "
              f"{', '.join(f'{part:.1f}' for part in timed.parts)} s): {timed.last_line}",
              flush=True)
    failed = [timed for timed in rounds if timed.code != 0]
    setup = [sum(timed.parts[:-1]) for timed in rounds]
    tests = [timed.parts[-1] for timed in rounds]
    outcome = pytest_outcome(rounds[-1].last_line)
    run.figure("second", "the second command, on a new machine (wall time)",
               [timed.wall for timed in rounds], unit="s", digits=0, cpu=False,
               note=parts_note(rounds, ("the virtual environment", "activating",
                                        "pip install", "python -m pytest")))
    run.figure("second-setup", "its set-up: the virtual environment and "
               "`pip install -e \".[test]\"` (wall time)", setup, unit="s", digits=0,
               cpu=False)
    run.figure("second-tests", "its tests: `python -m pytest` (wall time)", tests, unit="s",
               digits=0, cpu=False, detail=outcome,
               target="every test passes", met=not failed)
    note_setting(run, command, python)
    run.save()


#: How a results file names the command it timed (tests/test_readme_commands.py reads it
#: back: the README's commands and their saved timings must be the same commands).
TIMED = "timed as written: "


def note_setting(run: record.Run, command: str, python: Path) -> None:
    run.note(f"Python {python_version(python)} as python3, a fresh clone, empty caches.")
    run.note(f"{TIMED}`{command}`")


def timed_command(results: dict[str, object]) -> str | None:
    """The command a saved results file timed (see :data:`TIMED`)."""
    notes = results.get("notes")
    for note in notes if isinstance(notes, list) else []:
        if isinstance(note, str) and note.startswith(TIMED):
            return note.removeprefix(TIMED).strip("`")
    return None


def pytest_outcome(line: str) -> str:
    """"2750 passed, 3 skipped" from pytest's closing line."""
    match = re.search(r"(\d+ (?:passed|failed).*?) in [\d.]+s", line)
    return match[1] if match else line.strip("= ")[:80]


def python_version(python: Path) -> str:
    done = subprocess.run([str(python), "-c", "import platform; print(platform.python_version())"],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of the first command (each with its baseline)")
    parser.add_argument("--second-rounds", type=int, default=1,
                        help="rounds of the second command (its tests take minutes)")
    parser.add_argument("--only", choices=("first", "second"), default=None,
                        help="time one of the two (each has its own results file)")
    parser.add_argument("--python", type=Path, default=None,
                        help="the interpreter `python3` means (default: the first python3 "
                             "on PATH outside a virtual environment)")
    parser.add_argument("--source", type=Path, default=record.ROOT,
                        help="the repository to clone (default: this checkout; its HEAD "
                             "commit is measured)")
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    arguments = sys.argv[1:] if argv is None else argv
    python = args.python or default_python(os.environ)
    commit = commit_of(args.source)
    first, second = readme_commands(README.read_text(encoding="utf-8"))
    print(f"measuring {commit[:12]} with {python} (Python {python_version(python)}); "
          f"load average {record.load_average()}", flush=True)
    if args.only in (None, "first"):
        measure_first(args, arguments, first, source=args.source, commit=commit, python=python)
    if args.only in (None, "second"):
        measure_second(args, arguments, second, source=args.source, commit=commit,
                       python=python)
    return 0


if __name__ == "__main__":
    sys.exit(main())
