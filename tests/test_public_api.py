"""``claimset``'s public names are the same objects whatever was imported before them.

The first wave had functions and modules of the same name (``claimset.extract``),
so whichever was imported first won the package attribute.  Each run below
imports the submodules in a different order in a fresh interpreter, then checks
every name in ``__all__``.
"""

from __future__ import annotations

import json
import os
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
    home = importlib.import_module(claimset._public()[name]) if name in claimset._public() else None
    if isinstance(value, types.ModuleType):
        wrong.append(f"{name} is a module")
    elif home is not None and getattr(home, name) is not value:
        wrong.append(f"{name} is not {claimset._public()[name]}.{name}")
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


# -- a user's script under mypy --strict ------------------------------------------------

USER_SCRIPT = Path(__file__).resolve().parent / "typing" / "user_script.py"


def test_the_users_script_uses_every_public_name() -> None:
    import ast

    import claimset

    tree = ast.parse(USER_SCRIPT.read_text(encoding="utf-8"))
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name) and node.value.id == "claimset"}
    assert used == set(claimset.__all__), (
        f"tests/typing/user_script.py misses {sorted(set(claimset.__all__) - used)}; "
        f"uses names that are not public: {sorted(used - set(claimset.__all__))}")


def test_a_users_script_calling_every_public_name_passes_mypy_strict(tmp_path: Path) -> None:
    """The defect issue 23 found: `claimset.download(...)` failed a user's `mypy --strict`
    (the name was in the lazy table but not among the typed imports)."""
    pytest.importorskip("mypy")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir",
         str(tmp_path / "cache"), "--python-executable", sys.executable, str(USER_SCRIPT)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "MYPYPATH": str(PACKAGE.parent)})
    assert done.returncode == 0, done.stdout + done.stderr
