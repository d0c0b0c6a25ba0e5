"""docs/corpus.md's Python example, run as a plain script file, exactly as written there.

Worker processes start with ``forkserver`` or ``spawn``, which re-run the main script to
rebuild ``__main__``: a script with no ``if __name__ == "__main__":`` guard used to start
its run again in every worker and die with BrokenProcessPool.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import claimset
from claimset.corpus import engines

REPO = Path(__file__).resolve().parent.parent


def docs_example() -> str:
    """The Python block of docs/corpus.md that calls extract_corpus on "archive/"."""
    text = (REPO / "docs" / "corpus.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    calls = [block for block in blocks if 'extract_corpus(["archive/"]' in block]
    assert len(calls) == 1, "docs/corpus.md lost its extract_corpus example"
    assert "__main__" not in calls[0]  # the point: a plain script, no guard
    return calls[0]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    archive.mkdir()
    for seed in sorted((REPO / "seeds").glob("*.txt")):
        shutil.copy(seed, archive / seed.name)
    (tmp_path / "notes.md").write_text("not a .txt file: 12 of them", encoding="utf-8")
    return tmp_path


def expected_lines(folder: Path) -> list[str]:
    here = Path.cwd()
    os.chdir(folder)
    try:
        return [f"{figure.document} {figure.start} {figure.text} {figure.value}"
                for figure in claimset.extract_corpus(["archive/"], jobs=1, glob="*.txt")]
    finally:
        os.chdir(here)


def run_script(folder: Path, code: str) -> subprocess.CompletedProcess[str]:
    (folder / "script.py").write_text(code, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "script.py"], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_the_docs_example_runs_as_a_plain_script_with_four_workers(folder: Path) -> None:
    code = docs_example()
    assert "jobs=4" in code
    done = run_script(folder, code)
    assert done.returncode == 0, done.stderr
    assert "BrokenProcessPool" not in done.stderr and "Traceback" not in done.stderr
    assert done.stdout.splitlines() == expected_lines(folder)
    assert len(done.stdout.splitlines()) > 100


def test_the_script_top_level_runs_once_not_once_per_worker(folder: Path) -> None:
    code = "print('started')\n" + docs_example() + "print('finished')\n"
    done = run_script(folder, code)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines.count("started") == 1 and lines.count("finished") == 1


@pytest.mark.slow
def test_the_docs_example_on_dask_runs_as_a_plain_script(folder: Path) -> None:
    pytest.importorskip("distributed")
    code = docs_example().replace('glob="*.txt"', 'glob="*.txt", engine="dask"')
    code = code.replace("jobs=4", "jobs=2")
    assert 'engine="dask"' in code
    done = run_script(folder, code)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines() == expected_lines(folder)


def test_main_is_put_back_after_the_workers_start(folder: Path) -> None:
    main = sys.modules["__main__"]
    here = Path.cwd()
    os.chdir(folder)
    try:
        figures = list(claimset.extract_corpus(["archive/"], jobs=2))
    finally:
        os.chdir(here)
    assert figures and sys.modules["__main__"] is main
    with pytest.raises(RuntimeError), engines.workers_skip_main():
        assert sys.modules["__main__"] is not main
        raise RuntimeError("a failure while workers start")
    assert sys.modules["__main__"] is main
