"""Releases are git tags (docs/releases.md, "Tags"): vA.B.C for the package,
dataset-X.Y.Z for the data, so `rev: v0.1.0` and `claimset diff dataset-1.0.0 .` work.

A clone may lack the tags (a CI checkout often fetches none): the tests of this
repository's own tags check those it finds, and the test of how tags are made and used
runs on a repository it makes, so the file passes with or without them.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimset._version import __version__
from claimset.release.settings import dataset_tag
from prdata import git, init_repo, read_source, set_version, write_checkout, write_source

REPO = Path(__file__).resolve().parent.parent


def repo_git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", os.fspath(REPO), *args], capture_output=True,
                          text=True, check=False)


def tags(pattern: str) -> list[str]:
    if shutil.which("git") is None or repo_git("rev-parse", "--git-dir").returncode != 0:
        return []
    return repo_git("tag", "--list", pattern).stdout.split()


def test_the_docs_name_one_scheme() -> None:
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"`rev: v{__version__}`" in contributing
    notes = (REPO / "docs" / "release-notes-1.1.0.md").read_text(encoding="utf-8")
    assert "claimset diff dataset-1.0.0 dataset-1.1.0 --format markdown" in notes
    releases = (REPO / "docs" / "releases.md").read_text(encoding="utf-8")
    assert "| `vA.B.C` |" in releases and "| `dataset-X.Y.Z` |" in releases
    assert dataset_tag("1.1.0") == "dataset-1.1.0"
    citation = (REPO / "CITATION.cff").read_text(encoding="utf-8")
    version = json.loads((REPO / "dataset" / "index.json").read_text(encoding="utf-8"))["version"]
    assert f"/releases/tag/{dataset_tag(version)}" in citation


def test_a_dataset_tag_is_a_revision_for_diff_and_validate(tmp_path: Path) -> None:
    """Made as docs/releases.md says (annotated, on the release's commit), a tag is a
    revision wherever claimset takes one."""
    root = tmp_path / "data"
    write_checkout(root, version="1.0.0")
    released = init_repo(root)
    git(root, "tag", "-a", dataset_tag("1.0.0"), "-m", "claimset dataset 1.0.0", released)
    document = read_source(root)
    document["claims"][0]["measure"] = "a measure made clearer"
    write_source(root, document)
    set_version(root, "1.0.1")
    git(root, "commit", "-qam", "1.0.1")
    env = {**os.environ, "PYTHONPATH": os.fspath(REPO / "src")}
    for args, expected in ((["diff", dataset_tag("1.0.0"), ".", "--format", "markdown"],
                            f"claimset diff: {dataset_tag('1.0.0')} \\(1.0.0\\)"),
                           (["validate", "--base", dataset_tag("1.0.0")], ": ok: ")):
        done = subprocess.run([sys.executable, "-m", "claimset", *args], cwd=root, env=env,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        assert expected in done.stdout, done.stdout


def shown_at(tag: str, prefix: str, path: str) -> str:
    """``path`` as the tag has it; the test skips in a clone with no such tags."""
    if not tag.startswith(prefix):
        pytest.skip(f"this clone has no {prefix}* tags (git fetch --tags origin)")
    shown = repo_git("show", f"{tag}:{path}")
    assert shown.returncode == 0, shown.stderr
    return shown.stdout


@pytest.mark.parametrize("tag", tags("dataset-*") or ["(none in this clone)"])
def test_each_dataset_tag_holds_its_version(tag: str) -> None:
    index = shown_at(tag, "dataset-", "dataset/index.json")
    assert json.loads(index)["version"] == tag.removeprefix("dataset-")


@pytest.mark.parametrize("tag", tags("v[0-9]*") or ["(none in this clone)"])
def test_each_package_tag_holds_its_version_and_the_hooks(tag: str) -> None:
    version = shown_at(tag, "v", "src/claimset/_version.py")
    assert re.search(rf'__version__ = "{re.escape(tag[1:])}"', version)
    assert repo_git("cat-file", "-e", f"{tag}:.pre-commit-hooks.yaml").returncode == 0


def test_the_release_notes_are_what_the_documented_diff_prints() -> None:
    if not {"dataset-1.0.0", "dataset-1.1.0"} <= set(tags("dataset-*")):
        pytest.skip("this clone has no dataset-1.0.0 and 1.1.0 tags (git fetch --tags origin)")
    done = subprocess.run([sys.executable, "-m", "claimset", "diff", "dataset-1.0.0",
                           "dataset-1.1.0", "--format", "markdown"], cwd=REPO,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": os.fspath(REPO / "src")})
    assert done.returncode == 0, done.stderr
    notes = (REPO / "docs" / "release-notes-1.1.0.md").read_text(encoding="utf-8")
    body = notes[notes.index("## claimset diff:"):]
    assert body.strip() == done.stdout.replace("### claimset diff:", "## claimset diff:",
                                               1).strip()


#: A documented command that names a release tag: `claimset diff dataset-1.0.0 .`,
#: `claimset validate --base dataset-1.1.0`... (in a code span or a shell block).
_TAG_COMMAND = re.compile(r"^claimset (?:diff|validate)\b.*\b(?:dataset-|v)\d+\.\d+\.\d+\b")
_FENCE = re.compile(r"^```[a-z]*\n(.*?)^```", re.DOTALL | re.MULTILINE)


def documented_tag_commands() -> list[tuple[str, str]]:
    """(file, command) for each command the docs give that names a release tag: a line
    of a fenced block (without its comment) or an inline code span (which may wrap)."""
    found = []
    for path in [REPO / "README.md", REPO / "CONTRIBUTING.md",
                 *sorted((REPO / "docs").glob("*.md"))]:
        text = path.read_text(encoding="utf-8")
        candidates = [re.sub(r"\s+#.*$", "", line).strip()
                      for block in _FENCE.findall(text) for line in block.splitlines()]
        candidates += [" ".join(span.split())
                       for paragraph in _FENCE.sub("", text).split("\n\n")
                       for span in re.findall(r"`([^`]+)`", paragraph)]
        found += [(path.relative_to(REPO).as_posix(), command) for command in candidates
                  if _TAG_COMMAND.match(command)]
    return sorted(set(found))


def test_the_docs_commands_that_name_a_tag_are_found() -> None:
    commands = [command for _, command in documented_tag_commands()]
    assert "claimset diff dataset-1.0.0 dataset-1.1.0 --format markdown" in commands
    assert "claimset validate --base dataset-1.1.0" in commands
    assert "claimset diff dataset-1.0.0 ." in commands


@pytest.mark.parametrize(("document", "command"), documented_tag_commands())
def test_each_documented_command_naming_a_tag_works_as_written(document: str,
                                                               command: str) -> None:
    """Run from the repository's root exactly as the docs write it (the release notes'
    diff, releases.md's `validate --base dataset-1.1.0`...): exit 0, no traceback."""
    arguments = shlex.split(command)[1:]
    named = [argument for argument in arguments
             if re.fullmatch(r"(dataset-|v)\d+\.\d+\.\d+", argument)]
    missing = sorted(set(named) - set(tags("dataset-*")) - set(tags("v[0-9]*")))
    if missing:
        pytest.skip(f"this clone has no tag {', '.join(missing)} (git fetch --tags origin)")
    done = subprocess.run([sys.executable, "-m", "claimset", *arguments], cwd=REPO,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": os.fspath(REPO / "src")})
    assert done.returncode == 0, (document, command, done.stdout[-2000:], done.stderr)
    assert "Traceback" not in done.stderr


def test_contributings_rev_is_a_tag_that_holds_the_hooks_it_names() -> None:
    """CONTRIBUTING's `rev: vA.B.C` with `hooks: [{id: ...}]`, as pre-commit reads them: the
    tag exists (where the clone has tags) and its .pre-commit-hooks.yaml has those ids."""
    text = " ".join((REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    [rev] = re.findall(r"`rev: (v\d+\.\d+\.\d+)`", text)
    hooks = re.search(r"`hooks: \[(.*?)\]`", text)
    assert hooks is not None
    ids = re.findall(r"\{id: ([\w-]+)\}", hooks[1])
    assert ids == ["claimset-fmt", "claimset-validate"]
    if rev not in tags("v[0-9]*"):
        pytest.skip(f"this clone has no tag {rev} (git fetch --tags origin)")
    clientlib = pytest.importorskip("pre_commit.clientlib")
    manifest = repo_git("show", f"{rev}:.pre-commit-hooks.yaml")
    assert manifest.returncode == 0, manifest.stderr
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".pre-commit-hooks.yaml"
        path.write_text(manifest.stdout, encoding="utf-8")
        loaded = clientlib.load_manifest(str(path))  # raises if pre-commit refuses it
    published = {hook["id"]: hook for hook in loaded}
    for hook_id in ids:
        assert hook_id in published, f"{rev} publishes no hook {hook_id!r}"
        assert published[hook_id]["language"] == "python"  # pre-commit installs claimset
