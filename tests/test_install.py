"""The first five minutes: the README's set-up commands, versions, licences and the sdist."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

from claimset._version import __version__
from claimset.cli import main
from claimset.core.resources import dataset_version, version_text

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"


def readme_commands() -> list[str]:
    """The README's first shell block: its commands, each without its trailing comment."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"```sh\n(?P<body>.*?)```", text, re.DOTALL)
    assert match is not None, "README lost its set-up commands"
    return [re.sub(r"\s+#.*$", "", line) for line in match["body"].splitlines() if line]


def test_the_readme_starts_with_two_one_line_commands_that_make_their_venv() -> None:
    first, second = readme_commands()
    for command in (first, second):
        assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install")
        assert "\\" not in command  # one line each
    assert first.endswith("&& claimset validate")
    assert second.endswith("&& python -m pytest")


def test_the_first_command_installs_the_package_alone() -> None:
    """Checking the dataset needs none of the extras (a browser driver, pyarrow, Dask, mypy,
    Datasette...): the first command installs only the package and its own dependencies."""
    first, second = readme_commands()
    assert " pip install -e . && " in first and "[" not in first
    assert 'pip install -e ".[test]"' in second


#: The extras' and test tools' top-level modules: none may be needed to validate.
EXTRAS = ("pandas", "sqlite_utils", "datasette", "dask", "distributed", "pyarrow", "pyld",
          "jinja2", "markupsafe", "playwright", "hypothesis", "pytest", "mypy",
          "frictionless", "anchorpoint", "pycountry")


def test_validate_runs_with_no_extra_installed() -> None:
    code = (
        "import importlib.abc, sys\n"
        f"BLOCKED = {EXTRAS!r}\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in BLOCKED:\n"
        "            raise ImportError(f'{name} is an extra: not installed here')\n"
        "sys.meta_path.insert(0, Block())\n"
        "from claimset.cli import main\n"
        f"sys.exit(main(['validate', {str(REPO)!r}]))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert ": ok: 0 error(s)" in done.stdout


def test_the_core_dependencies_are_the_ones_the_readme_names() -> None:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    names = sorted(re.split(r"[<>=\[ ]", requirement)[0] for requirement in project["dependencies"])
    table = README.read_text(encoding="utf-8").split("## Dependencies, and why")[1].split("\n\n")[1]
    named = sorted(re.findall(r"^\| `([a-z0-9-]+)` \|", table, re.MULTILINE))
    assert names == named  # the README's first command installs exactly these


def test_ci_runs_the_readme_commands_exactly() -> None:
    """Each README command is a line of .ci/run, run as written (not in a comment)."""
    lines = [re.sub(r"\s+#.*$", "", line).strip()
             for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if not line.lstrip().startswith("#")]
    for command in readme_commands():
        assert lines.count(command) >= 1, (
            f".ci/run does not run the README's command {command!r} as written: keep the two "
            "identical (CI proves the README's commands work)")
    # python3 in them is the interpreter under test (the 3.11 run uses the README as is).
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert script.index('"$shim/python3"') < script.index(readme_commands()[0])


def test_version_prints_the_package_and_the_bundled_dataset(
        capsys: pytest.CaptureFixture[str]) -> None:
    index = json.loads((REPO / "dataset" / "index.json").read_text(encoding="utf-8"))
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"claimset {__version__}, dataset {index['version']}\n"


def test_the_versions_are_read_without_the_checker_or_any_json_machinery() -> None:
    code = ("import sys; from claimset.core.resources import version_text\n"
            "print(version_text('0.1.0'))\n"
            "print(sorted(m for m in sys.modules if m.startswith(('claimset.check', "
            "'claimset.store', 'claimset.grammar', 'jsonschema', 'orjson'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    shown, heavy = done.stdout.splitlines()
    assert shown == f"claimset 0.1.0, dataset {dataset_version()}"
    assert heavy == "[]"


@pytest.mark.parametrize(("content", "expected"), [
    ('{"version": "1.1.0"}', "1.1.0"),
    ('{"version": "2.0.0-rc.1"}', "2.0.0-rc.1"),
    ('{"version": "1.0"}', None),
    ('{"version": "1.0.0\\n\\u001b[31m"}', None),
    ('{"version": 1}', None),
    ("[1, 2]", None),
    ("{not json", None),
    ("[" * 100_000, None),
])
def test_dataset_version_is_read_not_assumed_and_never_raises(
        tmp_path: Path, content: str, expected: str | None) -> None:
    (tmp_path / "dataset").mkdir()
    (tmp_path / "dataset" / "index.json").write_text(content, encoding="utf-8")
    assert dataset_version(tmp_path) == expected
    shown = version_text("9.9.9", tmp_path)
    assert shown.startswith("claimset 9.9.9, dataset ")
    assert "\x1b" not in shown and "\n" not in shown


def test_dataset_version_of_a_missing_or_huge_index(tmp_path: Path) -> None:
    assert dataset_version(tmp_path) is None
    (tmp_path / "dataset").mkdir()
    (tmp_path / "dataset" / "index.json").write_bytes(b" " * (2 << 20) + b'{"version":"1.0.0"}')
    assert dataset_version(tmp_path) is None
    assert "unreadable" in version_text("0.1.0", tmp_path)


def pyproject() -> dict[str, object]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_licence_metadata_names_code_data_and_texts() -> None:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    expression = project["license"]
    assert set(re.split(r"\s+AND\s+", expression)) == {"MIT", "CC-BY-4.0",
                                                       "LicenseRef-seed-texts"}
    files = [path for pattern in project["license-files"] for path in REPO.glob(pattern)]
    names = {path.name for path in files}
    assert {"LICENSE", "CC-BY-4.0.txt", "LicenseRef-seed-texts.txt"} <= names
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    assert "Attribution 4.0 International" in (
        REPO / "LICENSES" / "CC-BY-4.0.txt").read_text(encoding="utf-8")
    index = json.loads((REPO / "dataset" / "index.json").read_text(encoding="utf-8"))
    assert index["license"] == "CC-BY-4.0"


def test_classifiers_name_every_tested_python_and_urls_are_absolute() -> None:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    classifiers = set(project["classifiers"])
    for minor in ("3.11", "3.12", "3.13"):
        assert f"Programming Language :: Python :: {minor}" in classifiers
    assert any(c.startswith("Topic :: ") for c in classifiers)
    assert project["requires-python"] == ">=3.11"
    assert {"Homepage", "Source", "Issues", "Documentation"} <= set(project["urls"])
    assert all(url.startswith("https://") for url in project["urls"].values())


def test_readme_links_are_absolute_so_it_renders_on_a_package_index() -> None:
    links = re.findall(r"\]\(([^)\s]+)\)", README.read_text(encoding="utf-8"))
    assert links
    relative = [link for link in links if not link.startswith(("https://", "http://", "#"))]
    assert not relative, relative


def test_readme_says_how_the_two_versions_differ() -> None:
    text = README.read_text(encoding="utf-8")
    assert "**Two versions.**" in text
    assert "take a **dataset** version" in text


@pytest.mark.slow
def test_the_sdist_ships_what_the_tests_need_and_they_pass_from_it(tmp_path: Path) -> None:
    """Build the sdist, unpack it, and run the tests that read repository files from it."""
    source = tmp_path / "checkout"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", "*.egg-info", "__pycache__", ".venv", "venv", "dist", "build", ".hypothesis",
        ".pytest_cache", ".ruff_cache", ".mypy_cache"))
    build = ("import sys, hatchling.build as b; "
             "print(b.build_sdist(sys.argv[1]))")
    made = subprocess.run([sys.executable, "-c", build, str(tmp_path / "dist")], cwd=source,
                          capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    archive = tmp_path / "dist" / made.stdout.strip().splitlines()[-1]
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):  # 3.11.4+; Debian 12's python3 is 3.11.2
            tar.extractall(tmp_path / "unpacked", filter="data")
        else:  # our own archive, just built: no member escapes the directory
            assert all(not Path(m.name).is_absolute() and ".." not in Path(m.name).parts
                       for m in tar.getmembers())
            tar.extractall(tmp_path / "unpacked")
    [root] = (tmp_path / "unpacked").iterdir()
    for needed in (".pre-commit-hooks.yaml", ".github/workflows/validate.yml", ".ci/run",
                   "LICENSE", "LICENSES/CC-BY-4.0.txt", "dataset/index.json", "schema",
                   "seeds", "docs", "tests/conftest.py", "CONTRIBUTING.md"):
        assert (root / needed).exists(), f"the sdist lacks {needed}"
    assert not list(root.rglob("__pycache__"))
    # The tests that read the repository's own files (docs, README, hooks, workflow, the
    # dataset): these are the ones a missing file breaks.
    subset = [f"tests/{name}" for name in (
        "test_install.py", "test_readme.py", "test_docs_examples.py",
        "test_contrib_commands.py", "test_dataset_content.py", "test_workflow.py")
        if (root / "tests" / name).exists()]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow",
         *subset],
        cwd=root, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(root / "src")})
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout
    assert str(root / "src") in subprocess.run(
        [sys.executable, "-c", "import claimset; print(claimset.__file__)"], cwd=root,
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(root / "src")}).stdout
