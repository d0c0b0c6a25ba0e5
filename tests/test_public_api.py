"""``claimset``'s public names are the same objects whatever was imported before them.

The first wave had functions and modules of the same name (``claimset.extract``),
so whichever was imported first won the package attribute.  Each run below
imports the submodules in a different order in a fresh interpreter, then checks
every name in ``__all__``.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimset"
SUBMODULES = sorted(
    ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    for path in PACKAGE.rglob("*.py") if path.name != "__main__.py")

PROBE = r"""
import importlib, inspect, json, sys, types
order = json.loads(sys.argv[1])
for name in order:
    importlib.import_module(name)
import claimset
wrong = []
for name in claimset.__all__:
    value = getattr(claimset, name)
    home = importlib.import_module(claimset._LAZY[name]) if name in claimset._LAZY else None
    if isinstance(value, types.ModuleType):
        wrong.append(f"{name} is a module")
    elif home is not None and getattr(home, name) is not value:
        wrong.append(f"{name} is not {claimset._LAZY[name]}.{name}")
# Documented calls work after any import order.
assert [c.text for c in claimset.extract("nearly $20 billion")] == ["$20 billion"]
assert claimset.read_figure("150,000").value == 150000
assert callable(claimset.download) and callable(claimset.validate) and callable(claimset.load)
print(json.dumps(wrong))
"""


def run_probe(order: list[str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(order)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_no_public_name_is_a_submodule_name() -> None:
    import claimset

    children = {name.split(".")[1] for name in SUBMODULES if name.count(".") >= 1}
    assert not set(claimset.__all__) & children


@pytest.mark.parametrize("seed", range(6))
def test_names_are_stable_in_any_import_order(seed: int) -> None:
    order = list(SUBMODULES)
    random.Random(seed).shuffle(order)
    assert run_probe(order) == []


def test_names_are_stable_after_the_documented_first_steps() -> None:
    # The three sequences that failed before the layout change.
    assert run_probe(["claimset.check.api"]) == []
    assert run_probe(["claimset.release.download"]) == []
    assert run_probe(["claimset.grammar.extract", "claimset.release.download"]) == []
