"""The wheel ships the dataset, the seeds and the schema, identical to the repository's."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_wheel_bundles_dataset_seeds_and_schema(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", "*.egg-info", "__pycache__", ".venv", "venv", "dist", "build", ".hypothesis",
        ".pytest_cache", ".ruff_cache"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path / "wheel"), str(source)],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    [wheel] = (tmp_path / "wheel").glob("claimset-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for folder in ("dataset", "seeds", "schema"):
            files = sorted(p for p in (REPO / folder).rglob("*") if p.is_file())
            assert files, folder
            for path in files:
                inside = f"claimset/_data/{path.relative_to(REPO).as_posix()}"
                assert inside in names, f"{inside} missing from the wheel"
                assert archive.read(inside) == path.read_bytes(), f"{inside} differs"
        assert "claimset/py.typed" in names
        # The W3C annotation context that pyld expands against, offline.
        assert archive.read("claimset/release/anno.jsonld") == (
            REPO / "src" / "claimset" / "release" / "anno.jsonld").read_bytes()
