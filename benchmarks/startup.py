"""Start-up time (issue 11): the command line and the package against a bare interpreter.

``python benchmarks/startup.py [--rounds 15] [--imports]``

Each round runs, in a fresh interpreter each and in an order that alternates
between rounds, the baseline ``python -c pass`` and:

* ``import claimset`` (target: within 1.3x the baseline);
* ``claimset --help`` and ``claimset validate --help`` (target: within 3x), run
  the way the installed ``claimset`` script runs them (``from claimset.cli
  import main``), so the figures hold for a source checkout too.

Time is the CPU time (user + system) of the child interpreter, which a busy
machine disturbs far less than the wall clock.  Each figure is the ratio of the
command's time to the baseline's *in the same round*, so a machine that slows
down mid-run slows both; the report gives the median ratio and the spread
(lowest to highest) over the rounds.  ``--imports``
lists the claimset modules each command imports (``python -X importtime``),
which is where a regression shows first.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
SCRIPT = "import sys; from claimset.cli import main; sys.exit(main())"

#: name -> (arguments after the interpreter, target ratio or None for the baseline)
COMMANDS: dict[str, tuple[list[str], float | None]] = {
    "python -c pass": (["-c", "pass"], None),
    "import claimset": (["-c", "import claimset"], 1.3),
    "claimset --help": (["-c", SCRIPT, "--help"], 3.0),
    "claimset validate --help": (["-c", SCRIPT, "validate", "--help"], 3.0),
}
BASELINE = "python -c pass"


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("PYTHONSTARTUP", None)
    return env


def run_once(arguments: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user + system) the interpreter used: unlike the wall clock, this
    does not count the time other processes on a busy machine held the cores."""
    child = subprocess.Popen([sys.executable, *arguments], env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{arguments} exited {child.returncode}")
    return usage.ru_utime + usage.ru_stime


def measure(rounds: int) -> dict[str, list[float]]:
    """Per command, its time divided by the baseline's of the same round."""
    env = environment()
    names = list(COMMANDS)
    ratios: dict[str, list[float]] = {name: [] for name in names if name != BASELINE}
    for _ in range(2):  # warm the file cache and the bytecode
        for name in names:
            run_once(COMMANDS[name][0], env)
    for number in range(rounds):
        order = names if number % 2 == 0 else names[::-1]
        times = {name: run_once(COMMANDS[name][0], env) for name in order}
        for name in ratios:
            ratios[name].append(times[name] / times[BASELINE])
    return ratios


def imported_modules(arguments: list[str]) -> list[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", *arguments], env=environment(),
                          capture_output=True, text=True, check=False)
    names = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
             if line.startswith("import time:")]
    return sorted(name for name in names if name.startswith("claimset"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--imports", action="store_true",
                        help="also list the claimset modules each command imports")
    options = parser.parse_args()
    ratios = measure(options.rounds)
    print(f"start-up, {options.rounds} alternating rounds, ratio to `{BASELINE}` in the same "
          "round (median, spread):")
    missed = 0
    for name, values in ratios.items():
        target = COMMANDS[name][1]
        median = statistics.median(values)
        verdict = "met" if target is not None and median <= target else "MISSED"
        missed += verdict == "MISSED"
        print(f"  {name:<26} {median:5.2f}x  ({min(values):.2f}-{max(values):.2f})  "
              f"target <= {target}x: {verdict}")
    if options.imports:
        for name, (arguments, _) in COMMANDS.items():
            print(f"{name}: {' '.join(imported_modules(arguments)) or '-'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
