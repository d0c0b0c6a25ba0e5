"""The package's folders are its layers, and nothing imports upwards.

Every ``import`` of a claimset module anywhere in a module's body (functions
included: a lazy import is still a dependency) must name a module of the same
layer or a lower one.  ``release`` and ``contrib`` are siblings: neither may
import the other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimset"

#: Layer of each top-level part of the package, lowest first.
LAYERS = {
    "_version": 0,
    "core": 1,
    "grammar": 2,
    "store": 3,
    "check": 4,
    "release": 5,
    "contrib": 5,
    "testing": 5,
    "corpus": 5,
    "cli": 6,
    "__main__": 7,
    "__init__": 7,
}


def part_of(module: str) -> str:
    """``claimset.store.model`` -> ``store``; ``claimset`` itself -> ``__init__``."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "__init__"


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(relative.parts)
        found.append((name.removesuffix(".__init__"), path))
    return found


def imported(path: Path, module: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return {name for name in names if name == "claimset" or name.startswith("claimset.")}


def existing(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (PACKAGE / relative).with_suffix(".py").is_file() or (PACKAGE / relative).is_dir()


MODULES = modules()


def test_every_part_has_a_layer() -> None:
    parts = {part_of(name) for name, _ in MODULES}
    assert parts <= set(LAYERS), f"give {sorted(parts - set(LAYERS))} a layer in LAYERS"


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[name for name, _ in MODULES])
def test_no_upward_import(module: str, path: Path) -> None:
    own = part_of(module)
    for target in sorted(imported(path, module)):
        if target == "claimset" or not existing(target):
            continue  # `from claimset.x import name`: the module itself is checked
        other = part_of(target)
        assert LAYERS[other] <= LAYERS[own], f"{module} imports {target}, a higher layer"
        if own != other:
            assert {own, other} != {"release", "contrib"}, f"{module} imports {target}"


def private_home(target: str) -> str | None:
    """The folder a private module (a ``_name.py`` or ``_name/``) belongs to, as a dotted
    prefix: ``claimset.grammar._scan`` -> ``claimset.grammar``; None when ``target``
    names no private module (a private name inside a public module is that folder's
    own business, and not this rule's)."""
    pieces = target.split(".")
    for index, piece in enumerate(pieces[1:], start=1):
        if piece.startswith("_") and not piece.startswith("__"):
            return ".".join(pieces[:index]) if existing(".".join(pieces[:index + 1])) else None
    return None


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[name for name, _ in MODULES])
def test_a_private_module_is_imported_only_from_its_own_folder(module: str, path: Path) -> None:
    """``_x.py`` is its folder's business: another folder goes through a public module
    (the architecture's rule, docs/architecture.md)."""
    for target in sorted(imported(path, module)):
        home = private_home(target)
        if home is None:
            continue
        assert module == home or module.startswith(home + "."), (
            f"{module} imports {target}, private to {home}: import a public module of "
            f"{home} instead (or make the name public there)")


def test_the_private_rule_sees_a_foreign_private_import(tmp_path: Path) -> None:
    path = tmp_path / "bad.py"
    path.write_text("from claimset.grammar._scan import scan_numbers\n", encoding="utf-8")
    module = "claimset.corpus.bad"
    assert any(private_home(target) == "claimset.grammar"
               and not module.startswith("claimset.grammar.")
               for target in imported(path, module))


def test_the_checker_finds_an_upward_import(tmp_path: Path) -> None:
    path = tmp_path / "bad.py"
    path.write_text("def f():\n    from claimset.cli import main\n", encoding="utf-8")
    assert "claimset.cli" in imported(path, "claimset.store.bad")


#: Modules being split by job in this wave; the list must only shrink.
SPLIT_PENDING: set[str] = set()


def test_no_module_is_over_500_lines_without_a_reason() -> None:
    for name, path in MODULES:
        if name in SPLIT_PENDING:
            continue
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 520:
            docstring = ast.get_docstring(ast.parse(text)) or ""
            assert "longer than 500 lines" in docstring, f"{name}: split it or say why not"
