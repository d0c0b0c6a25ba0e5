"""The README's and the docs' figure tables are the benchmarks' saved results, rendered.

``benchmarks/figures.py --check`` is run on the repository itself: a table typed by
hand, or results saved without rendering the tables again, fail here.  The other
tests build a small checkout of their own to show what the renderer does with a
results file, a marker it cannot satisfy, and the text around its markers.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from conftest import benchmark_module

ROOT = Path(__file__).resolve().parents[1]


figures = benchmark_module("figures")
record = benchmark_module("record")


def test_every_table_in_the_repository_is_rendered_from_the_saved_results(
        capsys: pytest.CaptureFixture[str]) -> None:
    code = figures.main(["--check"])
    assert code == 0, capsys.readouterr()


def test_every_results_file_is_used_by_a_table() -> None:
    """A benchmark's saved figures appear somewhere (a results file no table reads is a
    figure nobody sees)."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in figures.documents(ROOT))
    for path in sorted((ROOT / "benchmarks" / "results").glob("*.json")):
        assert f'{path.stem}/' in text, f"no table reads benchmarks/results/{path.name}"


def test_no_measured_figure_is_typed_by_hand_in_the_readme_or_the_docs() -> None:
    """Every time, ratio and speed in the README and the docs comes from a results file:
    a figure typed in the prose goes stale the day the code changes."""
    typed = {path.relative_to(ROOT).as_posix(): figures.typed_figures(
        path.read_text(encoding="utf-8")) for path in figures.documents(ROOT)}
    assert {name: found for name, found in typed.items() if found} == {}


@pytest.mark.parametrize(("text", "found"), [
    ("Validation took 12.1x the parse.", ["12.1x"]),
    ("the first took 70 s (10.6 s of it CPU time), the tests 16 min", ["70 s", "10.6 s",
                                                                      "16 min"]),
    ("at 7.7 MB/s on prose, 29 µs per figure, +5 ms, 1,400x quantulum3", [
        "7.7 MB/s", "29 µs", "5 ms", "1,400x"]),
    ("the target is ≤ 3x, the goal 1.7x; a timeout of 30 s by default", []),
    ("| `LOCK_WAIT` | 120 s | a writer's wait |", []),
    ("`1.5 x 10^6` and `2.48×10⁻⁵` are read; so is a 2 x 10 grid; 0x1F; the 1970s", []),
    ("<!-- figures rows=\"a/b\" -->\n| 2.5x | 3 s |\n<!-- /figures -->\nthen 4.5x", ["4.5x"]),
    ("```\n$ time claimset validate  # 5.2 s\n```\nafter 9.9 s", ["9.9 s"]),
])
def test_a_figure_typed_by_hand_is_found_and_a_target_or_a_limit_is_not(
        text: str, found: list[str]) -> None:
    assert [figure for _, figure, _ in figures.typed_figures(text)] == found


def test_check_names_the_line_of_a_figure_typed_by_hand(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = _checkout(tmp_path, '<!-- figures rows="demo/*" -->')
    assert figures.main(["--root", str(tmp_path)]) == 0
    readme.write_text(readme.read_text(encoding="utf-8") + "\nIt ran in 0.57 s.\n",
                      encoding="utf-8")
    assert figures.main(["--root", str(tmp_path), "--check"]) == 1
    error = capsys.readouterr().err
    line = readme.read_text(encoding="utf-8").count("\n")
    assert f"README.md:{line}: '0.57 s'" in error


def _checkout(tmp_path: Path, marker: str, *, median: float = 2.5) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "benchmarks" / "results").mkdir(parents=True)
    args = argparse.Namespace(results=tmp_path / "benchmarks" / "results",
                              no_save=False, base_src=None)
    run = record.Run("demo", args, argv=["--rounds", "3", "--dir", str(tmp_path)])
    run.figure("ratio", "demo vs `pass`", [median - 0.5, median, median + 0.5], unit="x",
               cpu=True, wall=[3.0, 3.5, 4.0], before=[4.0, 4.5, 5.0], baseline="`pass`",
               target="≤ 3x", met=median <= 3)
    run.figure("share", "right code", 97.5, unit="%", digits=1, detail="39/40")
    run.save()
    readme = tmp_path / "README.md"
    readme.write_text(f"# demo\n\nBefore the table.\n\n{marker}\nstale\n<!-- /figures -->\n\n"
                      "After the table.\n", encoding="utf-8")
    return readme


def test_a_table_is_rendered_from_the_results_and_nothing_else_is_touched(
        tmp_path: Path) -> None:
    readme = _checkout(tmp_path, '<!-- figures rows="demo/*" -->')
    assert figures.main(["--root", str(tmp_path)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# demo\n\nBefore the table.\n\n<!-- figures rows=\"demo/*\" -->\n")
    assert text.endswith("<!-- /figures -->\n\nAfter the table.\n")
    assert "stale" not in text
    assert ("| demo vs `pass` | **2.50x** (2.00–3.00 over 3 rounds, CPU time); wall time "
            "3.50x (3.00–4.00 over 3 rounds); before the change 4.50x (4.00–5.00 over 3 "
            "rounds); against `pass` | ≤ 3x: met | `python benchmarks/demo.py --rounds 3 "
            "--dir DIR` |") in text
    assert "| right code | **97.5%** (39/40) (1 round) |  |" in text
    assert "`benchmarks/demo.py`: " in text and "load " in text
    assert figures.main(["--root", str(tmp_path), "--check"]) == 0  # idempotent


def test_check_fails_when_the_results_moved_and_the_table_did_not(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = _checkout(tmp_path, '<!-- figures rows="demo/ratio" columns="what median" -->')
    assert figures.main(["--root", str(tmp_path)]) == 0
    before = readme.read_text(encoding="utf-8")
    _checkout_results_again(tmp_path, median=3.5)
    assert figures.main(["--root", str(tmp_path), "--check"]) == 1
    assert "README.md: tables differ" in capsys.readouterr().err
    assert readme.read_text(encoding="utf-8") == before  # --check changes nothing
    assert figures.main(["--root", str(tmp_path)]) == 0
    assert "**" not in readme.read_text(encoding="utf-8").split("<!-- /figures")[0].split(
        "median |")[1] and "| 3.50x |" in readme.read_text(encoding="utf-8")


def _checkout_results_again(tmp_path: Path, *, median: float) -> None:
    path = tmp_path / "benchmarks" / "results" / "demo.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["figures"][0]["median"] = median
    path.write_text(json.dumps(document), encoding="utf-8")


@pytest.mark.parametrize(("marker", "message"), [
    ('<!-- figures rows="demo/nothing" -->', "recorded no figure 'nothing' (it has: ratio, share)"),
    ('<!-- figures rows="other/*" -->', "no results for benchmark 'other'"),
    ('<!-- figures rows="demo/*" columns="what colour" -->', "unknown column(s) colour"),
    ('<!-- figures columns="what" -->', "needs rows="),
])
def test_a_marker_that_cannot_be_rendered_is_an_error_naming_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], marker: str, message: str) -> None:
    readme = _checkout(tmp_path, marker)
    before = readme.read_text(encoding="utf-8")
    assert figures.main(["--root", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "README.md:5:" in error and message in error
    assert readme.read_text(encoding="utf-8") == before


def test_a_marker_without_its_end_is_an_error(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    readme = _checkout(tmp_path, '<!-- figures rows="demo/*" -->')
    readme.write_text(readme.read_text(encoding="utf-8").replace("<!-- /figures -->", ""),
                      encoding="utf-8")
    assert figures.main(["--root", str(tmp_path), "--check"]) == 2
    assert "without <!-- /figures -->" in capsys.readouterr().err


def test_a_results_file_of_another_format_is_refused(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    _checkout(tmp_path, '<!-- figures rows="demo/*" -->')
    _checkout_results_again(tmp_path, median=1.0)
    path = tmp_path / "benchmarks" / "results" / "demo.json"
    path.write_text(json.dumps({**json.loads(path.read_text(encoding="utf-8")), "format": 0}),
                    encoding="utf-8")
    assert figures.main(["--root", str(tmp_path)]) == 2
    assert "not a results file of format 1" in capsys.readouterr().err


def test_a_results_file_records_where_and_when_but_no_path_of_the_machine(
        tmp_path: Path) -> None:
    args = argparse.Namespace(results=tmp_path, no_save=False, base_src=None)
    run = record.Run("demo", args, argv=["--dir", "/somewhere/private", "--base-src=/x/src",
                                         "../shared/specs"])
    run.figure("f", "f", [1.0, 2.0], unit="s")
    document = json.loads(run.save().read_text(encoding="utf-8"))  # type: ignore[union-attr]
    assert document["command"] == ("python benchmarks/demo.py --dir DIR --base-src=DIR "
                                   "../shared/specs")
    assert document["load"]["before"] and document["machine"]["cores"] >= 1
    assert document["figures"][0] | {"median": 1.5, "low": 1.0, "high": 2.0, "rounds": 2} \
        == document["figures"][0]
    assert str(tmp_path) not in json.dumps(document)


def test_the_command_recorded_leaves_out_where_the_results_went() -> None:
    assert record.public_command("demo", ["--rounds", "3", "--results", "/x/out",
                                          "--results=/y", "--no-save", "--dir", "/z"]) == \
        "python benchmarks/demo.py --rounds 3 --dir DIR"


def test_no_save_writes_nothing(tmp_path: Path) -> None:
    args = argparse.Namespace(results=tmp_path, no_save=True, base_src=None)
    run = record.Run("demo", args, argv=[])
    run.figure("f", "f", 1.0, unit="s")
    assert run.save() is None and not list(tmp_path.iterdir())


def test_a_figure_is_recorded_once() -> None:
    run = record.Run("demo", None, argv=[])
    run.figure("f", "f", 1.0, unit="s")
    with pytest.raises(ValueError, match="recorded twice"):
        run.figure("f", "again", 2.0, unit="s")
