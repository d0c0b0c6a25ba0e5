"""`claimset build`: reproducible, self-contained, checksummed release files."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import claimset
from claimset.check import schema
from claimset.cli import main
from claimset.release.build import (
    REGISTRY_PATH,
    Release,
    build_release,
    bundle_name,
    checksum_line,
    write_release,
)
from claimset.release.download import Registry, bundled_registry_path, read_registry
from claimset.store.canonical import canonical_text

from conftest import read_source_file, tree_digest, write_checkout, write_source_file

REPO = Path(__file__).resolve().parent.parent
REGENERATE = "claimset build --update-registry --replace"


@pytest.fixture(scope="module")
def release() -> Release:
    return build_release(REPO)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory, release: Release) -> Path:
    out = tmp_path_factory.mktemp("dist")
    write_release(release, out)
    return out


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A tiny valid checkout, with the package's registry layout."""
    root = write_checkout(tmp_path / "repo")
    (root / REGISTRY_PATH).parent.mkdir(parents=True)
    (root / REGISTRY_PATH).write_text(Registry().to_json(), encoding="utf-8")
    return root


def test_the_bundle_is_the_schema_root_in_canonical_form(release: Release) -> None:
    document = json.loads(release.bundle.data)
    assert schema.validate(document, document="bundle") == []
    assert canonical_text(document, kind="bundle").encode("utf-8") == release.bundle.data
    index = json.loads((REPO / "dataset" / "index.json").read_text(encoding="utf-8"))
    assert [item["source"]["id"] for item in document["sources"]] == index["sources"]
    version = index["version"]
    assert release.bundle.name == bundle_name(version) == f"claimset-{version}.json"


def test_the_bundle_loads_alone_to_the_same_dataset(dist: Path, release: Release,
                                                    tmp_path: Path) -> None:
    # Copied where there is no checkout, seeds or dataset: the bundle is all there is.
    alone = tmp_path / "elsewhere" / release.bundle.name
    alone.parent.mkdir()
    shutil.copyfile(dist / release.bundle.name, alone)
    assert claimset.load(alone) == claimset.load()
    code = f"import claimset; print(len(claimset.load({os.fspath(alone)!r})))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=alone.parent, check=True)
    assert int(result.stdout) == len(claimset.load())


def test_validate_proves_every_citation_of_the_bundle(dist: Path, release: Release,
                                                     tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    alone = tmp_path / release.bundle.name
    shutil.copyfile(dist / release.bundle.name, alone)
    checkout_report = claimset.validate(REPO)
    bundle_report = claimset.validate(alone)
    assert bundle_report.ok == checkout_report.ok
    assert bundle_report.codes() == checkout_report.codes()
    assert main(["validate", os.fspath(alone)]) == (0 if checkout_report.ok else 1)
    assert capsys.readouterr().out.splitlines()[-1].startswith(
        f"claimset {release.version} (")


def test_a_damaged_bundle_fails_validation(dist: Path, release: Release,
                                           tmp_path: Path) -> None:
    document = json.loads(release.bundle.data)
    claim = document["sources"][0]["claims"][0]
    claim["quote"]["start"] += 1
    damaged = tmp_path / release.bundle.name
    damaged.write_text(canonical_text(document, kind="bundle"), encoding="utf-8")
    with pytest.raises(claimset.DatasetError) as error:
        claimset.load(damaged)
    assert error.value.code == "CS201"
    assert str(error.value).startswith(f"CS201 {damaged}:")


def test_building_twice_gives_identical_bytes(tmp_path: Path, dist: Path) -> None:
    assert main(["build", os.fspath(REPO), "--out", os.fspath(tmp_path / "a")]) == 0
    assert main(["build", os.fspath(REPO), "--out", os.fspath(tmp_path / "b")]) == 0
    first, second = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert first == second == tree_digest(dist)
    assert "site/index.html" in first and "site/manifest.json" in first
    assert sorted(name for name in first if not name.startswith("site/")) == sorted([
        "datapackage.json", "metadata.json", *(
        f"claimset-{json.loads((dist / 'datapackage.json').read_text())['version']}{suffix}"
        for suffix in (".json", ".json.sha256", ".csv", ".db", "-site.zip",
                       "-site.zip.sha256"))])


def test_the_checksum_file_is_what_sha256sum_reads(dist: Path, release: Release) -> None:
    line = (dist / f"{release.bundle.name}.sha256").read_bytes()
    digest = hashlib.sha256((dist / release.bundle.name).read_bytes()).hexdigest()
    assert line == f"{digest}  {release.bundle.name}\n".encode() == checksum_line(release.bundle)
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is not installed")
    result = subprocess.run(["sha256sum", "-c", f"{release.bundle.name}.sha256"], cwd=dist,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"{release.bundle.name}: OK"


def test_sha256sum_catches_a_changed_bundle(dist: Path, release: Release,
                                            tmp_path: Path) -> None:
    if shutil.which("sha256sum") is None:
        pytest.skip("sha256sum is not installed")
    copy = tmp_path / "copy"
    shutil.copytree(dist, copy)
    (copy / release.bundle.name).write_bytes(release.bundle.data.replace(b"claims", b"Claims", 1))
    result = subprocess.run(["sha256sum", "-c", f"{release.bundle.name}.sha256"], cwd=copy,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "FAILED" in result.stdout


def test_the_datapackage_describes_every_file(dist: Path, release: Release) -> None:
    descriptor = json.loads((dist / "datapackage.json").read_text(encoding="utf-8"))
    bundle = json.loads(release.bundle.data)
    assert descriptor["name"] == bundle["name"]
    assert descriptor["version"] == bundle["version"]
    assert descriptor["description"] == bundle["description"]
    assert descriptor["title"]
    assert descriptor["licenses"][0]["name"] == bundle["license"]
    for resource in descriptor["resources"]:
        data = (dist / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource["format"] in ("json", "csv")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test (frictionless must work offline)."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"network used: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_frictionless_validates_the_data_package_offline(dist: Path, no_network: None) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(os.fspath(dist / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    tasks = {task.name: task for task in report.tasks}
    assert set(tasks) == {"bundle", "claims"}
    assert tasks["claims"].stats["rows"] == len(claimset.load())
    assert tasks["claims"].stats["fields"] == 25


def test_frictionless_notices_a_changed_file(dist: Path, release: Release, tmp_path: Path,
                                             no_network: None) -> None:
    frictionless = pytest.importorskip("frictionless")
    copy = tmp_path / "copy"
    shutil.copytree(dist, copy)
    bundle = copy / release.bundle.name
    bundle.write_bytes(bundle.read_bytes().replace(b"\"name\"", b"\"nAme\"", 1))
    report = frictionless.validate(os.fspath(copy / "datapackage.json"))
    assert not report.valid
    assert "hash-count" in {error[0] for error in report.flatten(["type"])}


def test_the_registry_entry_for_the_current_version_matches_a_fresh_build(
        release: Release) -> None:
    registry = read_registry(bundled_registry_path())
    entry = registry.entries.get(release.version)
    assert entry is not None, (
        f"src/claimset/registry.json has no entry for {release.version}: run `{REGENERATE}`")
    assert entry == release.registry_entry(), (
        f"src/claimset/registry.json's entry for {release.version} does not match the dataset: "
        f"run `{REGENERATE}` (only for a version that was never published; otherwise bump it)")


def test_the_packaged_registry_is_canonical() -> None:
    text = bundled_registry_path().read_text(encoding="utf-8")
    assert Registry.from_json(text).to_json() == text, "rewrite it with `claimset build " \
        "--update-registry`"


# -- the command, and every way it refuses -----------------------------------------


def test_update_registry_adds_once_and_refuses_changed_content(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = os.fspath(tmp_path / "dist")
    assert main(["build", os.fspath(demo), "--out", out, "--update-registry"]) == 0
    registry = read_registry(demo / REGISTRY_PATH)
    built = build_release(demo)
    assert registry.entries == {"1.0.0": built.registry_entry()}
    assert "updated" in capsys.readouterr().out
    assert main(["build", os.fspath(demo), "--out", out, "--update-registry"]) == 0
    assert "unchanged" in capsys.readouterr().out

    index_path = demo / "dataset" / "index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["description"] = "Changed without a version bump."
    index_path.write_text(canonical_text(index, kind="index"), encoding="utf-8")
    before = tree_digest(demo)
    assert main(["build", os.fspath(demo), "--out", out, "--update-registry"]) == 2
    err = capsys.readouterr().err
    assert "CS605" in err and "bump the version" in err and err.count("\n") == 1
    assert tree_digest(demo) == before
    assert main(["build", os.fspath(demo), "--out", out, "--update-registry", "--replace"]) == 0
    assert read_registry(demo / REGISTRY_PATH).entries["1.0.0"] == (
        build_release(demo).registry_entry())


def test_update_registry_needs_a_checkout_with_a_registry(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = write_checkout(tmp_path / "plain")
    assert main(["build", os.fspath(root), "--out", os.fspath(tmp_path / "d"),
                 "--update-registry"]) == 2
    assert "CS001" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()
    assert main(["build", os.fspath(root), "--replace"]) == 2


def test_a_dataset_failing_its_checks_is_not_built(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = read_source_file(demo)
    document["claims"][0]["quote"]["text"] = "a force of some 150,000 troops would keep order"
    write_source_file(demo, document)
    out = tmp_path / "dist"
    out.mkdir()
    (out / "keep.txt").write_text("old", encoding="utf-8")
    before = tree_digest(out)
    assert main(["build", os.fspath(demo), "--out", os.fspath(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any("CS201" in line and "demo.json:" in line for line in err)
    assert err[-1].startswith("claimset: error: CS607 refusing to build")
    assert tree_digest(out) == before


def test_a_bad_version_string_is_not_built(demo: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    write_checkout(demo, version="1.0")
    assert main(["build", os.fspath(demo), "--out", os.fspath(tmp_path / "dist")]) == 1
    err = capsys.readouterr().err
    assert 'dataset/index.json:3:14: CS104 "1.0" does not match' in err
    assert not (tmp_path / "dist").exists()


def test_an_unusable_out_directory_is_one_line_and_changes_nothing(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    for out in (blocker, blocker / "dist"):
        assert main(["build", os.fspath(demo), "--out", os.fspath(out)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("claimset: error: CS") and err.count("\n") == 1
    assert blocker.read_text(encoding="utf-8") == "not a directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions, which root ignores")
def test_a_read_only_out_directory_is_refused_and_left_alone(
        demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    assert main(["build", os.fspath(demo), "--out", os.fspath(out)]) == 0
    before = tree_digest(out)
    out.chmod(0o500)
    try:
        assert main(["build", os.fspath(demo), "--out", os.fspath(out)]) == 2
    finally:
        out.chmod(0o700)
    err = capsys.readouterr().err
    assert "CS109" in err and err.count("\n") == 1
    assert tree_digest(out) == before


def test_build_defaults_to_dist_in_the_current_checkout(
        demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(demo / "dataset")
    assert main(["build", "--out", os.fspath(demo / "dist")]) == 0
    assert (demo / "dist" / "claimset-1.0.0.json").is_file()
    assert "wrote" in capsys.readouterr().out


def test_rebuilding_from_the_bundle_gives_the_same_release(dist: Path, release: Release,
                                                           tmp_path: Path) -> None:
    # Anyone holding only the published bundle can check the other release files.
    out = tmp_path / "again"
    assert main(["build", os.fspath(dist / release.bundle.name), "--out", os.fspath(out)]) == 0
    assert tree_digest(out) == tree_digest(dist)


def test_frictionless_enforces_the_columns_constraints(dist: Path, tmp_path: Path,
                                                       no_network: None) -> None:
    frictionless = pytest.importorskip("frictionless")
    from claimset.core.vocabulary import QUALIFIERS

    descriptor = json.loads((dist / "datapackage.json").read_text(encoding="utf-8"))
    [claims] = [r for r in descriptor["resources"] if r["name"] == "claims"]
    fields = {field["name"]: field for field in claims["schema"]["fields"]}
    assert all(field["description"] for field in fields.values())
    assert fields["qualifier"]["constraints"] == {"required": True, "enum": list(QUALIFIERS)}
    assert fields["quote_start"]["constraints"] == {"required": True, "minimum": 0}
    assert "constraints" not in fields["note"]
    # A CSV whose qualifier is outside the vocabulary, with its size and hash updated so
    # that only the constraint can catch it.
    copy = tmp_path / "copy"
    shutil.copytree(dist, copy)
    csv_path = copy / claims["path"]
    data = csv_path.read_bytes().replace(b",approximately,", b",roughly,", 1)
    assert data != csv_path.read_bytes()
    csv_path.write_bytes(data)
    claims.update(bytes=len(data), hash="sha256:" + hashlib.sha256(data).hexdigest())
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = frictionless.validate(os.fspath(copy / "datapackage.json"))
    assert not report.valid
    assert {error[0] for error in report.flatten(["type"])} == {"constraint-error"}


def test_building_without_sqlite_utils_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "sqlite_utils", None)
    out = tmp_path / "dist"
    assert main(["build", os.fspath(REPO), "--out", os.fspath(out)]) == 2
    err = capsys.readouterr().err
    assert "CS803" in err and "claimset[sqlite]" in err
    assert not out.exists()
