"""The main commands' outputs are byte-identical to the recorded golden files.

A refactoring must leave them unchanged; a change that means to alter an output
re-records them with ``python tests/golden/record.py`` and says why.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN))
import record  # noqa: E402

NAMES = sorted(path.name for path in GOLDEN.iterdir()
               if path.suffix in {".json", ".jsonl", ".csv", ".sha256"})


@pytest.fixture(scope="module")
def current() -> dict[str, bytes]:
    return record.outputs()


def test_every_output_is_recorded(current: dict[str, bytes]) -> None:
    assert sorted(current) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_output_matches_golden(name: str, current: dict[str, bytes]) -> None:
    expected = (GOLDEN / name).read_bytes()
    assert current[name] == expected, f"{name} changed: re-record only if intended"
