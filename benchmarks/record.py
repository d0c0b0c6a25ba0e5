"""What every benchmark records, and how: its figures as JSON in ``benchmarks/results/``.

A benchmark measures each figure against a baseline in the same run (a ratio, never a
bare time), in alternating rounds, and records here:

* the figure's median and its spread (lowest and highest round), the number of rounds,
  and whether it is CPU time (user + system, which a shared machine disturbs far less
  than the wall clock) with the wall-clock figure beside it;
* the baseline it is a ratio to, the target and whether it was met;
* optionally the same figure for the code *before* a change (``--base-src DIR``, a
  checkout of the older commit's ``src/``), measured in the same rounds;
* the date, the commit, the machine (cores, Python) and its load average before and
  after the run.

``benchmarks/figures.py`` renders the README's and the docs' tables from these files
(``--check`` fails when a table differs from them), so no figure is typed by hand.

Usage in a benchmark::

    import record
    record.add_arguments(parser)              # --results, --no-save, --base-src
    run = record.Run("startup", args)         # notes the load and the time
    run.figure("help", "`claimset --help` vs `python -c pass`", ratios, unit="x",
               baseline="python -c pass", target="≤ 3x", met=median <= 3, wall=wall_ratios)
    run.save()                                # benchmarks/results/startup.json
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
#: Bumped when the layout of a results file changes (figures.py refuses other versions).
FORMAT = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options every benchmark shares."""
    parser.add_argument("--results", type=Path, default=None, metavar="DIR",
                        help="the folder to write the results JSON to (default: "
                             "benchmarks/results/)")
    parser.add_argument("--no-save", action="store_true",
                        help="print the figures but write no results file")
    parser.add_argument("--base-src", type=Path, default=None,
                        help="the src/ folder of the code before a change (e.g. a git "
                             "worktree of the base commit): measured in the same rounds")


def summary(values: Iterable[float]) -> dict[str, float | int]:
    """Median, lowest and highest of ``values`` and how many there were."""
    values = [float(value) for value in values]
    if not values:
        raise ValueError("no values to summarise")
    return {"median": statistics.median(values), "low": min(values), "high": max(values),
            "rounds": len(values)}


def _as_summary(values: float | Sequence[float] | dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    if isinstance(values, dict):
        return values
    if isinstance(values, int | float):
        return summary([values])
    return summary(values)


def load_average() -> list[float]:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:  # pragma: no cover - not on every platform
        return []


def _commit() -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, check=False, timeout=10)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
                               capture_output=True, text=True, check=False, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def machine() -> dict[str, Any]:
    """What the figures were measured on (nothing that names a path or a person)."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        usable = os.cpu_count() or 1
    model = None
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": usable, "cpu": model, "system": platform.system(),
            "python": platform.python_version(),
            "implementation": platform.python_implementation()}


def public_command(name: str, argv: Sequence[str]) -> str:
    """The command as it can be typed again anywhere: an absolute path becomes ``DIR``
    (a results file names no path of the machine it was measured on), and where the
    results were written (``--results DIR``, ``--no-save``), which changes no figure,
    is left out."""
    shown: list[str] = []
    skip = False
    for argument in argv:
        if skip or argument == "--no-save" or argument.startswith("--results="):
            skip = False
            continue
        if argument == "--results":
            skip = True
            continue
        value = argument.split("=", 1)[-1]
        if Path(value).is_absolute():
            argument = argument[: len(argument) - len(value)] + "DIR"
        shown.append(argument)
    return " ".join(["python", f"benchmarks/{name}.py", *shown])


class Run:
    """One run of a benchmark: its figures, and where and when they were measured."""

    def __init__(self, name: str, args: argparse.Namespace | None = None,
                 argv: Sequence[str] | None = None, *, script: str | None = None,
                 commit: str | None = None) -> None:
        """``name`` names the results file; ``script`` the benchmark that writes it (by
        default the same: a script of several parts writes one file per part); ``commit``
        the commit measured when it is not this checkout's HEAD at the end of the run (a
        clone of an earlier commit, say)."""
        self.name = name
        self.commit = commit
        self.script = script or name
        self.args = args
        self.command = public_command(self.script, sys.argv[1:] if argv is None else argv)
        self.started = time.time()
        self.load_before = load_average()
        self.figures: list[dict[str, Any]] = []
        self.notes: list[str] = []

    def figure(self, id: str, what: str, values: float | Sequence[float] | dict[str, Any], *,
               unit: str, baseline: str | None = None, target: str | None = None,
               met: bool | None = None, cpu: bool | None = None,
               wall: float | Sequence[float] | dict[str, Any] | None = None,
               before: float | Sequence[float] | dict[str, Any] | None = None,
               detail: str | None = None, digits: int = 2, note: str | None = None,
               command: str | None = None) -> dict[str, Any]:
        """Record one figure; ``values`` are its rounds (or one value).

        ``unit`` is how it reads ("x" for a ratio, "%", "MB/s", "ms", "MiB"...);
        ``detail`` is shown after it in parentheses ("239/259"); ``before`` holds the
        rounds of the code before a change, ``wall`` the wall-clock rounds of a CPU
        figure; ``command`` overrides the run's command for this figure.
        """
        if any(existing["id"] == id for existing in self.figures):
            raise ValueError(f"figure {id!r} recorded twice")
        entry: dict[str, Any] = {"id": id, "what": what, "unit": unit, "digits": digits,
                                 **_as_summary(values)}  # type: ignore[dict-item]
        optional = {"baseline": baseline, "target": target, "met": met, "cpu": cpu,
                    "wall": _as_summary(wall), "before": _as_summary(before),
                    "detail": detail, "note": note, "command": command}
        entry.update({key: value for key, value in optional.items() if value is not None})
        self.figures.append(entry)
        return entry

    def note(self, text: str) -> None:
        """A line printed with the run's tables (what the figures do not say)."""
        self.notes.append(text)

    def document(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "benchmark": self.name,
            "script": f"benchmarks/{self.script}.py",
            "command": self.command,
            "date": datetime.datetime.fromtimestamp(self.started, datetime.UTC)
            .strftime("%Y-%m-%dT%H:%MZ"),
            "seconds": round(time.time() - self.started, 1),
            "commit": self.commit or _commit(),
            "base": "before" if any("before" in f for f in self.figures) else None,
            "machine": machine(),
            "load": {"before": self.load_before, "after": load_average()},
            "figures": self.figures,
            "notes": self.notes,
        }

    def save(self, path: Path | None = None) -> Path | None:
        """Write the results (unless ``--no-save``); the path written, and say so."""
        args = self.args
        if args is not None and getattr(args, "no_save", False):
            return None
        folder = (getattr(args, "results", None) if args is not None else None) or RESULTS
        target = Path(path or Path(folder) / f"{self.name}.json")
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.document(), indent=2, ensure_ascii=False) + "\n"
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
        print(f"results written to {_shown(target)} (render the tables: "
              "python benchmarks/figures.py)")
        return target


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


# -- measuring in fresh processes ------------------------------------------------------


def environment(src: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of a child interpreter that imports claimset from ``src``
    (default: this checkout's)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(src or ROOT / "src"),
                                         *filter(None, [env.get("PYTHONPATH")])])
    env.pop("PYTHONSTARTUP", None)
    env.update(extra)
    return env


def child(arguments: Sequence[str], env: dict[str, str] | None = None, *,
          capture: bool = False) -> tuple[float, float, str]:
    """Run ``python ARGUMENTS``; its CPU seconds (user + system, its own and those of
    the children it waited for), wall seconds and, with ``capture``, its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, *arguments], env=env, check=False,
                          stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"python {' '.join(arguments)} exited {done.returncode}: "
                         f"{done.stderr.decode(errors='replace')[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall, done.stdout.decode() if capture else ""


class Sampled(NamedTuple):
    """What :func:`sampled_child` saw: the child's stdout, its wall time and the CPU
    seconds of each process it started (not its own), busiest first."""

    stdout: str
    wall: float
    processes: list[float]


def sampled_child(arguments: Sequence[str], env: dict[str, str] | None = None, *,
                  every: float = 0.05) -> Sampled:
    """Run ``python ARGUMENTS`` and read the CPU time of each process it starts (worker
    pools) from /proc every ``every`` seconds (so a process's last moments may be
    missed)."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, *arguments], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    cpu: dict[int, float] = {}
    streams: dict[str, bytes] = {}

    def drain(name: str, stream: Any) -> None:
        streams[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(name, stream))
               for name, stream in (("out", process.stdout), ("err", process.stderr))]
    for reader in readers:
        reader.start()
    while process.poll() is None:
        for pid, (_, seconds) in process_tree(process.pid).items():
            if pid != process.pid:
                cpu[pid] = max(cpu.get(pid, 0.0), seconds)
        time.sleep(every)
    for reader in readers:
        reader.join()
    wall = time.perf_counter() - started
    stdout, stderr = streams["out"].decode(), streams["err"].decode(errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"python {' '.join(arguments)} exited {process.returncode}: "
                         f"{stderr[-2000:]}")
    return Sampled(stdout, wall, sorted(cpu.values(), reverse=True))


def process_tree(root: int) -> dict[int, tuple[int, float]]:
    """Resident memory (KiB) and CPU seconds (user + system) of ``root`` and each of its
    descendants, by process id, from /proc (Linux; empty elsewhere)."""
    children: dict[int, list[int]] = {}
    usage: dict[int, tuple[int, float]] = {}
    try:
        page_kib, ticks = os.sysconf("SC_PAGE_SIZE") // 1024, os.sysconf("SC_CLK_TCK")
        entries = list(os.scandir("/proc"))
    except (OSError, ValueError):
        return {}
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            with Path(f"/proc/{entry.name}/stat").open(encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        usage[pid] = (int(fields[21]) * page_kib, (int(fields[11]) + int(fields[12])) / ticks)
    found, pending = {}, [root]
    while pending:
        pid = pending.pop()
        if pid in usage:
            found[pid] = usage[pid]
        pending.extend(children.get(pid, []))
    return found
