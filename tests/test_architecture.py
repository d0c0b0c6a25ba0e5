"""docs/architecture.md says true things: every module of the package has a row in its
module tables (and every row names a module that exists), and every problem code falls
in one of its code ranges."""

from __future__ import annotations

import itertools
import re
from fnmatch import fnmatch
from pathlib import Path

from claimset.core.codes import CATALOGUE

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "claimset"
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    start = DOC.index(f"## {title}")
    end = DOC.find("\n## ", start + 1)
    return DOC[start:end if end >= 0 else None]


def module_rows() -> list[str]:
    """The first cell of every row of the module tables: a path relative to the package."""
    return re.findall(r"^\| `([^`]+\.py)` \|", _section("Modules, one job each"), re.MULTILINE)


def code_ranges() -> list[tuple[int, int]]:
    return [(int(low), int(high)) for low, high in re.findall(
        r"^\| CS(\d{3})–CS(\d{3}) \|", _section("Problem codes, by range"), re.MULTILINE)]


def test_every_module_has_a_row_and_every_row_a_module() -> None:
    modules = sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py"))
    rows = module_rows()
    missing = [module for module in modules if not any(fnmatch(module, row) for row in rows)]
    assert not missing, (f"docs/architecture.md, 'Modules, one job each': add a row for "
                         f"{missing} (its folder's table: the module and its one job)")
    gone = [row for row in rows if not any(fnmatch(module, row) for module in modules)]
    assert not gone, f"docs/architecture.md lists modules that do not exist: {gone}"
    assert len(rows) == len(set(rows)), "a module is listed twice"


def test_every_code_falls_in_a_documented_range() -> None:
    ranges = code_ranges()
    assert ranges, "the code-range table was not found"
    outside = [code for code in CATALOGUE
               if not any(low <= int(code[2:]) <= high for low, high in ranges)]
    assert not outside, (f"{outside}: give each a range in docs/architecture.md, 'Problem "
                         "codes, by range', or pick a code inside one")
    ordered = sorted(ranges)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(ordered)), (
        "the code ranges overlap")


def test_the_rules_see_a_missing_module(tmp_path: Path) -> None:
    rows = module_rows()
    assert any(fnmatch("cli/commands/validate.py", row) for row in rows)
    assert not any(fnmatch("grammar/_no_such_module.py", row) for row in rows)


def test_the_grammar_package_docstring_maps_every_module() -> None:
    import claimset.grammar

    documented = claimset.grammar.__doc__ or ""
    modules = sorted(path.stem for path in (ROOT / "src" / "claimset" / "grammar").glob("*.py")
                     if path.stem != "__init__")
    assert [name for name in modules if f"``{name}``" not in documented] == []
