"""docs/releases.md's check of a release with curl, sha256sum and jq alone, run as written.

The block is taken from the docs (only its ``BASE=`` line is pointed at a server on
127.0.0.1), so the docs cannot drift from what works.  jq is a system tool: .ci/run
installs it when missing and sets CLAIMSET_REQUIRE_TOOLS, so CI never skips this.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimset.release.build import build_release, write_release
from claimset.store.canonical import canonical_text

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "releases.md"
SECTION = "## Checking a release without Python"


def tools() -> None:
    missing = [tool for tool in ("jq", "curl", "sha256sum", "bash") if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CLAIMSET_REQUIRE_TOOLS"):
            pytest.fail(f"{', '.join(missing)} required here (apt-get install jq curl)")
        pytest.skip(f"{', '.join(missing)} not installed")


def blocks() -> tuple[str, list[str]]:
    """The section's sh script and the outputs it shows (its text blocks)."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    section = section[:section.index("\n## ", len(SECTION))]
    [script] = re.findall(r"```sh\n(.*?)```", section, re.S)
    return script, re.findall(r"```text\n(.*?)```", section, re.S)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("releases")
    release = build_release(REPO)
    write_release(release, root / f"dataset-{release.version}")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root / f"dataset-{release.version}"
    finally:
        server.shutdown()
        server.server_close()


def run(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_the_documented_check_passes_on_a_release(served: tuple[str, Path],
                                                  tmp_path: Path) -> None:
    tools()
    base, directory = served
    script, outputs = blocks()
    version = json.loads((REPO / "dataset" / "index.json").read_text("utf-8"))["version"]
    assert f"VERSION={version}\n" in script  # the docs name the current version
    local, count = re.subn(r"^BASE=.*$", f"BASE={base}/dataset-$VERSION", script, flags=re.M)
    assert count == 1
    result = run(local, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == outputs[0]
    assert (tmp_path / f"claimset-{version}.json").read_bytes() == (
        directory / f"claimset-{version}.json").read_bytes()


def test_a_corrupted_bundle_prints_the_bad_claim(served: tuple[str, Path],
                                                 tmp_path: Path) -> None:
    tools()
    _, directory = served
    script, outputs = blocks()
    [jq_line] = [line for line in script.splitlines() if line.startswith("jq ")]
    [bundle] = directory.glob("claimset-*.json")
    document = json.loads(bundle.read_text(encoding="utf-8"))
    [source] = [s for s in document["sources"] if s["source"]["id"] == "steele-2008"]
    [claim] = [c for c in source["claims"]
               if c["id"] == "steele-2008/ibc-civilian-deaths-april-2003"]
    claim["quote"]["start"] += 1  # the text there is now another passage
    corrupted = tmp_path / bundle.name
    corrupted.write_text(canonical_text(document, kind="bundle"), encoding="utf-8")
    result = run(f"VERSION={document['version']}\n{jq_line}", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == outputs[1]
    shutil.copy(directory / f"{bundle.name}.sha256", tmp_path)
    checked = run(f"sha256sum -c {bundle.name}.sha256", tmp_path)
    assert checked.returncode == 1 and "FAILED" in checked.stdout


def test_an_exclusion_and_a_figure_are_checked_too(served: tuple[str, Path],
                                                   tmp_path: Path) -> None:
    tools()
    _, directory = served
    script, _ = blocks()
    [jq_line] = [line for line in script.splitlines() if line.startswith("jq ")]
    [bundle] = directory.glob("claimset-*.json")
    document = json.loads(bundle.read_text(encoding="utf-8"))
    first = document["sources"][0]
    first["claims"][0]["figure"]["text"] += "0"
    first["exclusions"][0]["start"] += 1
    (tmp_path / bundle.name).write_text(canonical_text(document, kind="bundle"),
                                        encoding="utf-8")
    result = run(f"VERSION={document['version']}\n{jq_line}", tmp_path)
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 mismatches"
    assert lines[0].startswith(first["claims"][0]["id"] + ":")
    assert lines[1].startswith(f"{first['source']['id']} exclusion ")


def test_a_sharded_release_is_checked_shard_by_shard(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    tools()
    from claimset.release import build

    monkeypatch.setattr(build, "SHARD_BYTES", 60_000)
    release = build.build_release(REPO, site=False)
    write_release(release, tmp_path)
    shards = sorted(tmp_path.glob(f"claimset-{release.version}.shard-*.json"))
    assert len(shards) > 1
    script, _ = blocks()
    [jq_line] = [line for line in script.splitlines() if line.startswith("jq ")]
    jq_line = jq_line.replace('"claimset-$VERSION.json"', 'claimset-"$VERSION".shard-*.json')
    checked = run(f"sha256sum -c claimset-{release.version}.json.sha256", tmp_path)
    assert checked.returncode == 0 and checked.stdout.count(": OK") == len(shards) + 1
    result = run(f"VERSION={release.version}\n{jq_line}", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "0 mismatches\n" * len(shards)
