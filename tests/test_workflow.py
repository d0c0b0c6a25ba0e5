"""The pull-request workflow: valid by GitHub's schema, and the contributor's full check.

The schema is check-jsonschema's vendored ``github-workflows`` (SchemaStore's), so
the test runs offline.  Beyond the schema it checks what the workflow promises:
tests on every supported Python, ruff, the type check, ``fmt --check``, annotations
against the base, the diff in the summary, a timeout on every job, actions on
their Node 24 majors, and a data job in which the pull request's code never runs.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "validate.yml"
SUPPORTED = ["3.11", "3.12", "3.13"]
#: The first major of each action that runs on Node 24 (Node 20 is end-of-life on runners).
NODE24_MAJOR = {"actions/checkout": 5, "actions/setup-python": 6, "actions/cache/restore": 5,
                "actions/cache/save": 5}

CHECK = ("import sys; from check_jsonschema import main; sys.argv[0] = 'check-jsonschema'; "
         "sys.exit(main())")


def check_jsonschema(path: Path) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("check_jsonschema")
    return subprocess.run([sys.executable, "-c", CHECK, "--builtin-schema",
                           "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, check=False, timeout=120)


def workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def triggers() -> dict[str, Any]:
    document = workflow()
    found: dict[str, Any] = document.get("on", document.get(True))  # YAML 1.1 reads on: as True
    return found


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_the_workflow_is_valid_by_githubs_schema() -> None:
    done = check_jsonschema(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("damage", [
    ("timeout-minutes: 45", "timeout-minutes: soon"),
    ("runs-on: ubuntu-latest\n    timeout-minutes: 20", "runs_on: ubuntu-latest\n    "
                                                         "timeout-minutes: 20"),
    ("  pull_request:\n", "  pull-request:\n"),
])
def test_the_schema_check_catches_a_broken_workflow(damage: tuple[str, str],
                                                    tmp_path: Path) -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert damage[0] in text
    broken = tmp_path / "validate.yml"
    broken.write_text(text.replace(damage[0], damage[1], 1), encoding="utf-8")
    assert check_jsonschema(broken).returncode != 0


def test_every_pull_request_and_push_to_main_runs_it_whatever_it_changes() -> None:
    on = triggers()
    assert "pull_request" in on and on["pull_request"] in (None, {})  # no paths filter
    assert on["push"] == {"branches": ["main"]}
    assert workflow()["permissions"] == {"contents": "read"}


def test_every_job_has_a_timeout() -> None:
    for name, job in workflow()["jobs"].items():
        assert 0 < job.get("timeout-minutes", 0) <= 90, name


def test_actions_are_on_their_node24_majors() -> None:
    for name, job in workflow()["jobs"].items():
        for step in job["steps"]:
            if "uses" not in step:
                continue
            action, _, version = step["uses"].partition("@")
            assert action in NODE24_MAJOR, f"{name}: add {action}'s first Node 24 major here"
            match = re.fullmatch(r"v(\d+)(\.\d+)*", version)
            assert match and int(match[1]) >= NODE24_MAJOR[action], step["uses"]


def test_the_tests_run_on_every_supported_python_as_the_readme_says() -> None:
    job = workflow()["jobs"]["tests"]
    assert job["strategy"]["matrix"]["python"] == SUPPORTED
    assert job["strategy"]["fail-fast"] is False
    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["classifiers"]
    assert sorted(c.rsplit(" ", 1)[1] for c in classifiers
                  if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)) == SUPPORTED
    from test_install import readme_commands

    commands = runs(job)
    for command in readme_commands():
        assert command in commands, f"the tests job does not run the README's {command!r}"
    assert job["env"]["CLAIMSET_REQUIRE_TOOLS"] == "1"  # a missing tool fails, never skips
    # The extra test tools are installed as .ci/run installs them.
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # (the first such line: the later ones install it into the other Pythons' venvs)
    cff = next(line.strip() for line in ci.splitlines() if "cffconvert==" in line)
    assert any(cff in command for command in commands)


def test_the_tests_job_checks_out_the_release_tags() -> None:
    """tests/test_release_tags.py runs the documented `claimset diff dataset-1.0.0
    dataset-1.1.0` and checks each tag; a checkout of one commit has no tags (it skips
    those tests), so the job that runs them fetches the whole history with its tags."""
    checkout = workflow()["jobs"]["tests"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0
    assert checkout["with"]["fetch-tags"] is True


def test_lint_runs_ruff_the_type_check_fmt_and_validate() -> None:
    commands = runs(workflow()["jobs"]["lint"])
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    [ruff] = [line.strip() for line in ci.splitlines() if line.startswith("ruff check")]
    assert ruff in commands  # the same paths as CI's
    assert "python -m mypy" in commands
    assert "claimset fmt --check" in commands
    assert "claimset validate --format github" in commands


def test_the_data_is_judged_by_the_base_branchs_checker_and_no_pr_code_runs() -> None:
    job = workflow()["jobs"]["data"]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert job["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"
    assert job["steps"][0]["with"]["fetch-depth"] == 0
    commands = runs(job)
    install = commands[0]
    assert 'git worktree add --detach "$RUNNER_TEMP/base" "$BASE"' in install
    assert 'pip install --quiet "$RUNNER_TEMP/base"' in install
    assert '>> "$GITHUB_PATH"' in install  # `claimset` below is the base's
    assert commands[1:] == [
        "claimset fmt --check",
        'claimset validate --format github --base "$BASE"',
        'claimset diff --base "$BASE" --format markdown >> "$GITHUB_STEP_SUMMARY"',
    ]
    assert job["steps"][-1]["if"] == "always()"  # the diff even when validation fails
    # Nothing from the pull request's tree is installed, imported or run as code.
    everything = "\n".join(commands)
    for forbidden in ("pip install -e", "pip install .", "pytest", "python -m claimset",
                      "bash ", "./", "src/"):
        assert forbidden not in everything, forbidden


def test_contributing_says_why_the_base_checker_judges() -> None:
    text = " ".join((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    assert "base branch's checker" in text
    assert "cannot weaken the checker that judges it" in text


# -- the sample pre-commit configuration in CONTRIBUTING.md ------------------------------

def sample_config() -> str:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(# \.pre-commit-config\.yaml.*?)```", text, re.DOTALL)
    assert match is not None, "CONTRIBUTING.md lost its sample .pre-commit-config.yaml"
    return match[1]


def test_the_sample_config_runs_the_published_hooks_commands() -> None:
    config = yaml.safe_load(sample_config())
    [repo] = config["repos"]
    sample = {hook["id"]: hook for hook in repo["hooks"]}
    published = {hook["id"]: hook for hook in yaml.safe_load(
        (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(sample) == set(published)
    for hook_id, hook in sample.items():
        for key in ("entry", "pass_filenames", "files"):
            assert hook[key] == published[hook_id][key], (hook_id, key)


@pytest.mark.slow
def test_pre_commit_accepts_and_runs_the_sample_config(tmp_path: Path) -> None:
    """pre-commit's own loader accepts the sample, and its hooks pass on a clean checkout
    and fail on a file that is not canonical (nothing is downloaded: local hooks)."""
    import os
    import shlex
    import shutil

    clientlib = pytest.importorskip("pre_commit.clientlib")
    if not shutil.which("git"):
        pytest.skip("needs git")
    repo = tmp_path / "repo"
    repo.mkdir()
    for folder in ("dataset", "seeds", "schema"):
        shutil.copytree(ROOT / folder, repo / folder)
    (repo / ".pre-commit-config.yaml").write_text(sample_config(), encoding="utf-8")
    clientlib.load_config(str(repo / ".pre-commit-config.yaml"))  # raises if invalid
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "claimset"
    shim.write_text(f"#!/bin/sh\nexec {shlex.quote(sys.executable)} -m claimset \"$@\"\n",
                    encoding="utf-8")
    shim.chmod(0o755)
    import claimset

    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "PYTHONPATH": str(Path(claimset.__file__).resolve().parent.parent),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True)
    pre_commit = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    clean = subprocess.run(pre_commit, cwd=repo, env=env, capture_output=True, text=True,
                           check=False, timeout=300)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "claimset validate" in clean.stdout and "Passed" in clean.stdout
    index = repo / "dataset" / "index.json"
    index.write_text(index.read_text(encoding="utf-8").replace("\n  ", "\n    ", 1),
                     encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    dirty = subprocess.run(pre_commit, cwd=repo, env=env, capture_output=True, text=True,
                           check=False, timeout=300)
    assert dirty.returncode != 0
    assert "Failed" in dirty.stdout


CACHE_PATH = "~/.cache/claimset"  # platformdirs' user cache directory on Linux
VERSION_KEY = "${{ hashFiles('src/claimset/_version.py') }}"


def _cache_steps(job: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    restores = [step for step in job["steps"]
                if step.get("uses", "").startswith("actions/cache/restore@")]
    saves = [step for step in job["steps"]
             if step.get("uses", "").startswith("actions/cache/save@")]
    return restores, saves


@pytest.mark.parametrize("name", ["tests", "lint"])
def test_the_jobs_that_validate_restore_the_grammar_cache_and_only_main_saves_it(
        name: str) -> None:
    """The cache is keyed by the package version; a pull request's run restores what
    main's last run kept and saves nothing, so no pull request writes a cache that another
    run reads (docs/performance.md, "The grammar cache")."""
    job = workflow()["jobs"][name]
    restores, saves = _cache_steps(job)
    assert len(restores) == 1 and len(saves) == 1
    (restore,), (save,) = restores, saves
    assert restore["with"]["path"] == save["with"]["path"] == CACHE_PATH
    assert VERSION_KEY in restore["with"]["key"] and restore["with"]["key"] == save["with"]["key"]
    assert restore["with"]["restore-keys"] == restore["with"]["key"].removesuffix(
        "${{ github.run_id }}")
    assert save["if"] == "github.event_name == 'push'"  # and the workflow pushes only main
    steps = job["steps"]
    validating = [number for number, step in enumerate(steps)
                  if "claimset validate" in step.get("run", "")]
    assert steps.index(restore) < validating[0] < steps.index(save)
    assert not any(step.get("uses", "").startswith("actions/cache@") for step in steps)


def test_the_judge_reads_no_grammar_cache() -> None:
    job = workflow()["jobs"]["data"]
    assert job["env"]["CLAIMSET_NO_CACHE"] == "1"
    assert _cache_steps(job) == ([], [])
    assert not any(step.get("uses", "").startswith("actions/cache") for step in job["steps"])
