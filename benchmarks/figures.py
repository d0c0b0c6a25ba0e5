"""The README's and the docs' figure tables, rendered from the benchmarks' saved results.

    python benchmarks/figures.py            # rewrite every table from benchmarks/results/
    python benchmarks/figures.py --check    # exit 1 if a table differs from the results

A table is a marked region of a Markdown file (README.md, CONTRIBUTING.md, docs/*.md)::

    <!-- figures rows="startup/help startup/validate-help" columns="what measured" -->
    (generated: never edit between the markers)
    <!-- /figures -->

``rows`` names figures as ``BENCHMARK/ID`` (``BENCHMARK/*``: all of that benchmark's
figures, in the order it recorded them), where BENCHMARK is a results file
``benchmarks/results/BENCHMARK.json`` written by a benchmark through
``benchmarks/record.py``.  ``columns`` picks from :data:`COLUMNS` (default: what,
measured, target, command).  Under each table a line says when, where and under what
load each benchmark it draws on was run.  Nothing outside the markers is touched.

Outside the markers, a measured figure typed in the prose (a ratio such as ``1.48x``, a
time such as ``0.57 s`` or ``29 µs``, a speed in MB/s) is an error for ``--check`` too
(:func:`typed_figures`): it would go stale the day the code changes.  A target or a
limit written beside such a figure ("≤ 3x", "a timeout of 30 s") is no measurement.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
FORMAT = 1

#: The region markers.  The opening one carries the table's attributes.
OPEN = re.compile(r"^<!-- figures(?P<attributes>(?:\s+\w+=\"[^\"]*\")*)\s*-->[ \t]*$",
                  re.MULTILINE)
CLOSE = "<!-- /figures -->"
_ATTRIBUTE = re.compile(r"(\w+)=\"([^\"]*)\"")
DEFAULT_COLUMNS = ("what", "measured", "target", "command")


#: What a measured figure looks like in prose: a ratio (1.48x, 12×), a time (0.57 s, 29 µs,
#: 75 ms, 4 min), a speed (7.7 MB/s).  A number glued to "x" inside a word or before a
#: power (``0x1F``, ``2.48×10⁻⁵``) is none, nor a decade ("the 1970s").
_MEASURED = re.compile(
    r"(?<![\w.^/])\d[\d,]*(?:\.\d+)?(?:x|×)(?![\w^⁰¹²³⁴⁵⁶⁷⁸⁹⁻])"
    r"|(?<![\w.^/])\d[\d,]*(?:\.\d+)?(?:\s?(?:ms|µs|MB/s)|\s(?:s|min|seconds|minutes))"
    r"(?![\w/])")
#: What, just before a figure, makes it a target, a limit or a setting, not a measurement:
#: a word ("≤ 3x", "the goal 1.7x", "a timeout of 30 s", "every 2 s", "waiting 0.5, 1,
#: 2 s"), a setting's name in a code span ("`CLAIMSET_LOCK_TIMEOUT` (120 s)") or in the
#: first cell of a table row ("| `LOCK_WAIT` | 120 s |").
_NOT_MEASURED = re.compile(
    r"(?:(?:≤|≥|<|>|target|goal|within|at most|at least|under|limit|timeout|deadline|"
    r"default|every|retries|backoff|waiting|idle for|keep if|threshold|aims? at|up to)"
    r"\W*(?:[\w.-]+\W+){0,3}|``\s*\(?\s*|(?:^|\n)\|\s*``\s*\|\s*)$", re.IGNORECASE)
#: What, just after a figure, makes it a setting: its name ("900 s, `CLAIMSET_...`") or
#: what it bounds ("a 1 s deadline", "nothing for 10 s is closed").
_SETTING_AFTER = re.compile(r"\s*(?:,\s*``|\)?\s*(?:deadline|timeout|limit|budget|"
                            r"is closed|by default))", re.IGNORECASE)


def _prose(text: str) -> str:
    """``text`` without its generated tables, code blocks and code spans (each line kept
    in its place)."""
    def lines_only(match: re.Match[str]) -> str:
        return "\n" * match.group().count("\n")

    text = re.sub(r"<!-- figures.*?<!-- /figures -->", lines_only, text, flags=re.DOTALL)
    text = re.sub(r"```.*?```", lines_only, text, flags=re.DOTALL)
    return re.sub(r"`[^`]*`", lambda span: "``" + lines_only(span), text)  # may wrap


def typed_figures(text: str) -> list[tuple[int, str, str]]:
    """Each measured figure written by hand in ``text``, outside the generated tables:
    (its line, the figure, what precedes it)."""
    prose = _prose(text)
    found = []
    for match in _MEASURED.finditer(prose):
        before = prose[max(0, match.start() - 60):match.start()]
        if _NOT_MEASURED.search(before) or _SETTING_AFTER.match(prose, match.end()):
            continue
        found.append((prose.count("\n", 0, match.start()) + 1, match.group(),
                      before.rsplit("\n", 1)[-1]))
    return found


class FigureError(Exception):
    """A marker names a figure or column that does not exist, or a results file is bad."""


def documents(root: Path = ROOT) -> list[Path]:
    """The Markdown files whose tables are generated."""
    found = [root / "README.md", root / "CONTRIBUTING.md", *sorted((root / "docs").glob("*.md"))]
    return [path for path in found if path.is_file()]


def load_results(directory: Path = RESULTS) -> dict[str, dict[str, Any]]:
    """Every results file, by benchmark name."""
    results: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise FigureError(f"{path.name}: cannot read: {error}") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise FigureError(f"{path.name}: not a results file of format {FORMAT} (rerun its "
                              "benchmark)")
        results[path.stem] = document
    return results


# -- cells -------------------------------------------------------------------------------


def number(value: float, unit: str, digits: int) -> str:
    """``value`` in its unit: 2.41x, 92.3%, 7.70 MB/s, 1,234 ms."""
    shown = f"{value:,.{digits}f}"
    if unit in {"x", "%"}:
        return shown + unit
    return f"{shown} {unit}" if unit else shown


def _range(summary: dict[str, Any], digits: int) -> str:
    if summary["rounds"] <= 1 or summary["low"] == summary["high"]:
        return f"{summary['rounds']} round" + ("s" if summary["rounds"] != 1 else "")
    return f"{summary['low']:,.{digits}f}–{summary['high']:,.{digits}f} over " \
           f"{summary['rounds']} rounds"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _what(figure: dict[str, Any], run: dict[str, Any]) -> str:
    return str(figure["what"])


def _median(figure: dict[str, Any], run: dict[str, Any]) -> str:
    value = number(figure["median"], figure["unit"], figure["digits"])
    return value + (f" ({figure['detail']})" if figure.get("detail") else "")


def _spread(figure: dict[str, Any], run: dict[str, Any]) -> str:
    return _range(figure, figure["digits"])


def _summary_cell(summary: dict[str, Any] | None, figure: dict[str, Any]) -> str:
    if summary is None:
        return ""
    return (f"{number(summary['median'], figure['unit'], figure['digits'])} "
            f"({_range(summary, figure['digits'])})")


def _wall(figure: dict[str, Any], run: dict[str, Any]) -> str:
    return _summary_cell(figure.get("wall"), figure)


def _before(figure: dict[str, Any], run: dict[str, Any]) -> str:
    return _summary_cell(figure.get("before"), figure)


def _measured(figure: dict[str, Any], run: dict[str, Any]) -> str:
    """The figure, its spread, wall time beside CPU time, and the code before a change."""
    digits = figure["digits"]
    parts = [f"**{number(figure['median'], figure['unit'], digits)}**"]
    if figure.get("detail"):
        parts.append(f"({figure['detail']})")
    spread = _range(figure, digits)
    kind = {True: "CPU time", False: "wall time"}.get(figure.get("cpu"))  # type: ignore[call-overload]
    parts.append(f"({spread}{', ' + kind if kind else ''})")
    text = " ".join(parts)
    if figure.get("wall"):
        text += f"; wall time {_summary_cell(figure['wall'], figure)}"
    if figure.get("before"):
        text += f"; before the change {_summary_cell(figure['before'], figure)}"
    if figure.get("baseline"):
        text += f"; against {figure['baseline']}"
    if figure.get("note"):
        text += f"; {figure['note']}"
    return text


def _target(figure: dict[str, Any], run: dict[str, Any]) -> str:
    target = figure.get("target")
    if not target:
        return ""
    met = figure.get("met")
    return target + {True: ": met", False: ": missed"}.get(met, "")  # type: ignore[call-overload]


def _command(figure: dict[str, Any], run: dict[str, Any]) -> str:
    return f"`{figure.get('command') or run['command']}`"


def _when(figure: dict[str, Any], run: dict[str, Any]) -> str:
    return when(run)


def when(run: dict[str, Any]) -> str:
    """The date, the load average (1 minute) before and after, Python and cores."""
    load = run.get("load", {})
    first = [values[0] for values in (load.get("before"), load.get("after")) if values]
    machine = run.get("machine", {})
    shown = "–".join(f"{value:.1f}" for value in first) if first else "unknown"
    return (f"{run['date'][:10]}, load {shown}, {machine.get('implementation', 'Python')} "
            f"{machine.get('python', '?')} on {machine.get('cores', '?')} cores")


COLUMNS: dict[str, tuple[str, Callable[[dict[str, Any], dict[str, Any]], str]]] = {
    "what": ("what", _what),
    "measured": ("measured", _measured),
    "median": ("median", _median),
    "spread": ("spread", _spread),
    "wall": ("wall time", _wall),
    "before": ("before the change", _before),
    "target": ("target", _target),
    "command": ("command", _command),
    "when": ("when", _when),
}


# -- tables ------------------------------------------------------------------------------


def _rows(names: Iterable[str], results: dict[str, dict[str, Any]]
          ) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    rows: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for name in names:
        benchmark, _, figure_id = name.partition("/")
        run = results.get(benchmark)
        if run is None:
            raise FigureError(f"no results for benchmark {benchmark!r} (benchmarks/results/"
                              f"{benchmark}.json): run benchmarks/{benchmark}.py")
        figures = run["figures"]
        chosen = figures if figure_id == "*" else [f for f in figures if f["id"] == figure_id]
        if not chosen:
            known = ", ".join(f["id"] for f in figures)
            raise FigureError(f"benchmark {benchmark!r} recorded no figure {figure_id!r} "
                              f"(it has: {known})")
        rows.extend((figure, run) for figure in chosen)
    return rows


def provenance(name: str, run: dict[str, Any]) -> str:
    """Which script wrote a results file (and which part of it), when and where."""
    script = run.get("script") or f"benchmarks/{name}.py"
    part = "" if script.endswith(f"/{name}.py") else f" ({name})"
    return f"`{script}`{part}: {when(run)}, commit {run.get('commit') or 'unknown'}"


def render(attributes: dict[str, str], results: dict[str, dict[str, Any]]) -> str:
    """The table (and its provenance lines) a marker's attributes ask for."""
    names = attributes.get("rows", "").split()
    if not names:
        raise FigureError("a figures marker needs rows=\"BENCHMARK/ID ...\"")
    columns = tuple(attributes.get("columns", " ".join(DEFAULT_COLUMNS)).split())
    unknown = [column for column in columns if column not in COLUMNS]
    if unknown:
        raise FigureError(f"unknown column(s) {', '.join(unknown)}: use {', '.join(COLUMNS)}")
    rows = _rows(names, results)
    lines = ["| " + " | ".join(COLUMNS[column][0] for column in columns) + " |",
             "|" + "---|" * len(columns)]
    for figure, run in rows:
        cells = [_escape(COLUMNS[column][1](figure, run)) for column in columns]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    runs = {run["benchmark"]: run for _, run in rows}
    for name, run in runs.items():
        notes = " ".join(run.get("notes") or [])
        lines.append(f"<sub>{provenance(name, run)}{'. ' + _escape(notes) if notes else ''}"
                     "</sub><br>")
    lines[-1] = lines[-1].removesuffix("<br>")
    return "\n".join(lines)


def update(text: str, results: dict[str, dict[str, Any]], *, file: str = "") -> str:
    """``text`` with every marked region rendered again from ``results``."""
    out: list[str] = []
    position = 0
    for match in OPEN.finditer(text):
        if match.start() < position:
            continue
        end = text.find(CLOSE, match.end())
        if end < 0:
            line = text.count("\n", 0, match.start()) + 1
            raise FigureError(f"{file}:{line}: a figures marker without {CLOSE}")
        attributes = dict(_ATTRIBUTE.findall(match["attributes"]))
        try:
            table = render(attributes, results)
        except FigureError as error:
            line = text.count("\n", 0, match.start()) + 1
            raise FigureError(f"{file}:{line}: {error}") from None
        out.append(text[position:match.end()])
        out.append("\n" + table + "\n")
        position = end
    out.append(text[position:])
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a table differs from the results")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    parser.add_argument("--results", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        results = load_results(args.results or args.root / "benchmarks" / "results")
        stale: list[str] = []
        typed: list[str] = []
        for path in documents(args.root):
            text = path.read_text(encoding="utf-8")
            name = path.relative_to(args.root).as_posix()
            fresh = update(text, results, file=name)
            typed.extend(f"{name}:{line}: {figure!r} after {before[-30:]!r}"
                         for line, figure, before in typed_figures(text))
            if fresh == text:
                continue
            stale.append(name)
            if args.check:
                diff = difflib.unified_diff(text.splitlines(), fresh.splitlines(),
                                            f"{name} (as written)", f"{name} (from results)",
                                            lineterm="", n=0)
                print("\n".join(list(diff)[:40]))
            else:
                path.write_text(fresh, encoding="utf-8")
    except FigureError as error:
        print(f"figures: {error}", file=sys.stderr)
        return 2
    if typed:
        print("figures: measured figures typed by hand (put them in a benchmark's results "
              "and a table):\n  " + "\n  ".join(typed), file=sys.stderr)
        if args.check:
            return 1
    if args.check and stale:
        print(f"figures: {', '.join(stale)}: tables differ from benchmarks/results/: run "
              "`python benchmarks/figures.py` (never edit a table by hand)", file=sys.stderr)
        return 1
    if not args.check:
        print(f"figures: {'rewrote ' + ', '.join(stale) if stale else 'every table is current'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
