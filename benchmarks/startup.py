"""Start-up time (issues 11 and 28): the command line and the package against a bare interpreter.

``python benchmarks/startup.py [--rounds 15] [--imports] [--base-src DIR]``

Each round runs, in a fresh interpreter each and in an order that alternates
between rounds, the baseline ``python -c pass`` and:

* ``import claimset`` (target: within 1.3x the baseline);
* ``claimset --help`` and ``claimset validate --help`` (target: within 3x), run
  the way the installed ``claimset`` script runs them (``from claimset.cli
  import main``), so the figures hold for a source checkout too.

Time is the CPU time (user + system) of the child interpreter, which a busy
machine disturbs far less than the wall clock; the wall-clock ratio is recorded
beside it.  Each figure is the ratio of the command's time to the baseline's *in
the same round*, so a machine that slows down mid-run slows both; the report gives
the median ratio and the spread (lowest to highest) over the rounds.  With
``--base-src DIR`` (the ``src/`` of an older commit) each command also runs from
there in the same rounds.  ``--imports`` lists the claimset modules each command
imports (``python -X importtime``), which is where a regression shows first.
Results: ``benchmarks/results/startup.json`` (``benchmarks/record.py``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import record

SCRIPT = "import sys; from claimset.cli import main; sys.exit(main())"

#: name -> (figure id, arguments after the interpreter, target ratio or None for the baseline)
COMMANDS: dict[str, tuple[str, list[str], float | None]] = {
    "python -c pass": ("baseline", ["-c", "pass"], None),
    "import claimset": ("import", ["-c", "import claimset"], 1.3),
    "claimset --help": ("help", ["-c", SCRIPT, "--help"], 3.0),
    "claimset validate --help": ("validate-help", ["-c", SCRIPT, "validate", "--help"], 3.0),
}
BASELINE = "python -c pass"


def measure(rounds: int, base_src: Path | None
            ) -> dict[tuple[str, str], tuple[list[float], list[float]]]:
    """Per (command, "now" or "before"): its CPU and wall times over the baseline's of
    the same round."""
    sides = {"now": record.environment()}
    if base_src is not None:
        sides["before"] = record.environment(base_src)
    runs = [(name, side) for name in COMMANDS for side in sides
            if not (name == BASELINE and side == "before")]
    ratios: dict[tuple[str, str], tuple[list[float], list[float]]] = {
        run: ([], []) for run in runs if run[0] != BASELINE}
    for _ in range(2):  # warm the file cache and the bytecode
        for name, side in runs:
            record.child(COMMANDS[name][1], sides[side])
    for number in range(rounds):
        order = runs if number % 2 == 0 else runs[::-1]
        times = {run: record.child(COMMANDS[run[0]][1], sides[run[1]])[:2] for run in order}
        cpu0, wall0 = times[(BASELINE, "now")]
        for run, (cpu, wall) in ratios.items():
            cpu.append(times[run][0] / cpu0)
            wall.append(times[run][1] / wall0)
    return ratios


def imported_modules(arguments: list[str]) -> list[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", *arguments],
                          env=record.environment(), capture_output=True, text=True, check=False)
    names = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
             if line.startswith("import time:")]
    return sorted(name for name in names if name.startswith("claimset"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--imports", action="store_true",
                        help="also list the claimset modules each command imports")
    record.add_arguments(parser)
    options = parser.parse_args(argv)
    run = record.Run("startup", options, argv)
    ratios = measure(options.rounds, options.base_src)
    print(f"start-up, {options.rounds} alternating rounds, ratio to `{BASELINE}` in the same "
          "round (median, spread), CPU time (wall time):")
    missed = 0
    for name, (figure_id, _, target) in COMMANDS.items():
        if name == BASELINE:
            continue
        cpu, wall = ratios[(name, "now")]
        before = ratios.get((name, "before"), (None, None))[0]
        median = statistics.median(cpu)
        met = target is not None and median <= target
        missed += not met
        print(f"  {name:<26} {median:5.2f}x  ({min(cpu):.2f}-{max(cpu):.2f})  wall "
              f"{statistics.median(wall):5.2f}x"
              + (f"  before {statistics.median(before):5.2f}x" if before else "")
              + f"  target <= {target}x: {'met' if met else 'MISSED'}")
        run.figure(figure_id, f"`{name}` vs `{BASELINE}`", cpu, unit="x", cpu=True, wall=wall,
                   before=before, baseline=f"`{BASELINE}`", target=f"≤ {target:g}x", met=met)
    if options.imports:
        for name, (_, arguments, _) in COMMANDS.items():
            print(f"{name}: {' '.join(imported_modules(arguments)) or '-'}")
    run.save()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
