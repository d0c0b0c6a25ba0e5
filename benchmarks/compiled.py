"""The number grammar compiled with mypyc against the same source run by CPython (issue 17).

``python benchmarks/compiled.py [--rounds 3] [--build DIR] [--news-mb 2]``

mypyc compiles type-annotated Python to C extensions, the way black ships compiled
wheels of its own source.  This script copies ``src/`` to a scratch folder (or reuses
``--build``), compiles the grammar's modules there with ``mypyc`` (minutes on one
core; it needs a C compiler and the Python headers), and then times extraction in
fresh processes, the pure source and the compiled copy alternating for ``--rounds``
rounds, each process reading the same text: the four seeds repeated eight times plus
synthetic news-like text (``benchmarks/corpus.py``'s generator).  It reports each
round's ratio (pure time / compiled time), their median and spread, and checks that both
found the same figures (a digest of every candidate).

mypyc type-checks the compiled modules with everything they import, and the package's
``__init__.py`` imports every public name for type checkers (under ``TYPE_CHECKING``),
which puts the whole package in one import cycle; inside it mypyc cannot infer the
lexicon's tables before ``_words.py`` reads them and stops ("Cannot determine type").
The scratch copy's ``__init__.py`` drops that block: it imports nothing at run time, so
the compiled grammar is the same code.  The modules compiled are every module of
``grammar/`` but the data-only and generator ones (:data:`NOT_COMPILED`).

The decision rule the issue set: keep a compiled build only if it makes extraction at
least 1.5x faster.  The figures go to ``benchmarks/results/compiled.json``
(``benchmarks/record.py``); nothing else is written to the repository.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus  # noqa: E402
import record  # noqa: E402

#: Modules of grammar/ that stay Python: the package, the ISO 4217 table and its generator
#: (data), and the number-limit count (the store's, not the extractor's).
NOT_COMPILED = frozenset({"__init__", "_iso4217", "_iso4217_generate", "limits"})
TARGET = 1.5


def compiled_modules() -> list[str]:
    """The grammar's modules mypyc compiles: every one but :data:`NOT_COMPILED`."""
    grammar = ROOT / "src" / "claimset" / "grammar"
    return sorted(path.stem for path in grammar.glob("*.py") if path.stem not in NOT_COMPILED)

#: Run in a fresh interpreter: import the grammar from PYTHONPATH, warm it up, then time
#: one extraction of the text file, and print seconds and a digest of the figures.
_PROBE = """
import hashlib, sys, time
import claimset.grammar.extract as extract_module
text = open(sys.argv[1], encoding="utf-8").read()
extract_module.extract(text[:20000])
started = time.process_time()
found = extract_module.extract(text)
spent = time.process_time() - started
digest = hashlib.sha256(repr([(c.start, c.end, c.value, c.kind, c.unit, c.qualifier)
                              for c in found]).encode()).hexdigest()[:16]
print(spent, len(found), digest, extract_module.__file__)
"""


def build(directory: Path) -> Path:
    """A copy of src/ under ``directory`` with the grammar compiled; its path."""
    source = directory / "src"
    grammar = source / "claimset" / "grammar"
    if any(grammar.glob("extract.*.so")):
        return source  # built by an earlier run
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(ROOT / "src", source,
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    _drop_type_checking_imports(source / "claimset" / "__init__.py")
    modules = [f"claimset/grammar/{name}.py" for name in compiled_modules()]
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mypyc", *modules], cwd=source, check=False,
                          capture_output=True, text=True)
    if done.returncode != 0:
        errors = [line for line in done.stdout.splitlines() if ": error:" in line]
        raise SystemExit("mypyc failed:\n" + "\n".join(errors[:20] or [done.stderr[-2000:]]))
    print(f"mypyc compiled {len(modules)} modules in {time.perf_counter() - started:.0f} s")
    return source


def _drop_type_checking_imports(init: Path) -> None:
    """The package's ``if TYPE_CHECKING:`` block (imports for type checkers only) out of
    the scratch copy's ``__init__.py``: see the module's docstring."""
    lines = init.read_text(encoding="utf-8").splitlines(keepends=True)
    kept: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("if TYPE_CHECKING:"):
            inside = True
            continue
        if inside and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        inside = False
        kept.append(line)
    init.write_text("".join(kept), encoding="utf-8")


def text_file(directory: Path, news_megabytes: float) -> Path:
    path = directory / "text.txt"
    seeds = "\n\n".join(seed.read_text(encoding="utf-8")
                        for seed in sorted((ROOT / "seeds").glob("*.txt")))
    rng = random.Random(17)
    news: list[str] = []
    size = 0
    while size < news_megabytes * 1_000_000:
        news.append(corpus.news(rng))
        size += len(news[-1])
    path.write_text(seeds * 8 + "\n\n" + "\n\n".join(news), encoding="utf-8")
    return path


def probe(source: Path, text: Path) -> tuple[float, int, str, str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(text)], check=True,
                          capture_output=True, text=True,
                          env={"PYTHONPATH": str(source), "PATH": "/usr/bin:/bin"})
    seconds, count, digest, module = done.stdout.split()
    return float(seconds), int(count), digest, module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--build", type=Path, default=None,
                        help="scratch folder for the compiled copy (kept, reused)")
    parser.add_argument("--news-mb", type=float, default=2.0)
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    if shutil.which("cc") is None and shutil.which("gcc") is None:
        print("no C compiler: mypyc cannot build here")
        return 2
    scratch = args.build or Path(tempfile.mkdtemp(prefix="claimset-mypyc-"))
    scratch.mkdir(parents=True, exist_ok=True)
    compiled = build(scratch)
    text = text_file(scratch, args.news_mb)
    ratios: list[float] = []
    pure_times: list[float] = []
    compiled_times: list[float] = []
    for round_number in range(1, args.rounds + 1):
        pure = probe(ROOT / "src", text)
        fast = probe(compiled, text)
        if (pure[1], pure[2]) != (fast[1], fast[2]):
            print(f"the compiled grammar found other figures: {pure[1:3]} vs {fast[1:3]}")
            return 1
        if not fast[3].endswith(".so"):
            print(f"the compiled copy did not load its extension: {fast[3]}")
            return 1
        pure_times.append(pure[0])
        compiled_times.append(fast[0])
        ratios.append(pure[0] / fast[0])
        print(f"round {round_number}: pure {pure[0]:.2f} s, compiled {fast[0]:.2f} s, "
              f"{ratios[-1]:.2f}x ({pure[1]:,} figures, same digest {pure[2]})")
    median = statistics.median(ratios)
    best = min(pure_times) / min(compiled_times)
    verdict = "keep" if median >= TARGET else "do not keep"
    print(f"compiled / pure speed: median {median:.2f}x (rounds {min(ratios):.2f}-"
          f"{max(ratios):.2f}x), best against best {best:.2f}x; target {TARGET}x: {verdict}")
    run = record.Run("compiled", args, argv)
    run.figure("speed", "the grammar compiled by mypyc vs the same source under CPython "
               "(extraction, fresh processes)", ratios, unit="x", cpu=True,
               baseline="the pure-Python grammar in the same round",
               detail=f"{pure[1]:,} figures, the same in both", target=f"≥ {TARGET:g}x to ship it",
               met=median >= TARGET)
    run.save()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
