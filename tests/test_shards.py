"""Sharded releases: a manifest and shards that build, validate, load and download read."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import claimset
from claimset.cli import main
from claimset.core.errors import DatasetError, UsageError
from claimset.release import build
from claimset.release.build import Release, build_release, write_release
from claimset.release.download import Registry, RetryPolicy, fetch
from claimset.store import shards
from claimset.store.canonical import canonical_text

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sharded() -> Release:
    """The repository's dataset released in shards (each source its own: 20 kB shards)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "SHARD_BYTES", 20_000)
        return build_release(REPO)


@pytest.fixture
def dist(sharded: Release, tmp_path: Path) -> Path:
    write_release(sharded, tmp_path / "dist")
    return tmp_path / "dist"


def manifest_of(dist: Path, release: Release) -> dict[str, Any]:
    return json.loads((dist / release.bundle.name).read_text(encoding="utf-8"))


def test_a_large_release_is_a_manifest_and_shards_that_load_as_the_dataset(
        sharded: Release, dist: Path) -> None:
    assert len(sharded.shards) >= 3
    manifest = manifest_of(dist, sharded)
    assert list(manifest) == ["name", "version", "description", "license", "shards"]
    assert [ref["path"] for ref in manifest["shards"]] == [s.name for s in sharded.shards]
    for ref, shard in zip(manifest["shards"], sharded.shards, strict=True):
        data = (dist / ref["path"]).read_bytes()
        assert data == shard.data
        assert (ref["bytes"], ref["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
        # Each shard is exactly the canonical form of its document.
        assert data.decode() == canonical_text(json.loads(data), kind="shard")
    assert claimset.load(dist / sharded.bundle.name) == claimset.load(REPO)
    checked = (dist / f"{sharded.bundle.name}.sha256").read_text().splitlines()
    assert [line.split("  ")[1] for line in checked] == \
        [sharded.bundle.name, *(s.name for s in sharded.shards)]


def test_validate_reads_a_sharded_release(sharded: Release, dist: Path, capsys) -> None:
    assert main(["validate", str(dist / sharded.bundle.name)]) == 0
    assert "ok: 0 error(s)" in capsys.readouterr().out


def test_a_small_dataset_is_still_one_bundle() -> None:
    release = build_release(REPO)
    assert release.shards == ()
    assert b'"sources": [' in release.bundle.data


def test_the_data_package_lists_every_shard(sharded: Release, dist: Path) -> None:
    descriptor = json.loads((dist / "datapackage.json").read_text(encoding="utf-8"))
    names = [resource["name"] for resource in descriptor["resources"]]
    assert names == ["bundle", *(f"bundle-shard-{n:04d}" for n in
                                 range(1, len(sharded.shards) + 1)), "claims"]
    for resource in descriptor["resources"]:
        data = (dist / resource["path"]).read_bytes()
        assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(os.fspath(dist / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_a_source_too_large_for_one_file_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(build, "SHARD_BYTES", 1000)
    monkeypatch.setattr(build, "MAX_JSON_BYTES", 5000)
    with pytest.raises(UsageError) as raised:
        build_release(REPO)
    assert raised.value.code == "CS634"


# -- hostile or damaged releases -----------------------------------------------------


def edit_manifest(dist: Path, release: Release, change: Callable[[dict[str, Any]], None]) -> None:
    path = dist / release.bundle.name
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(canonical_text(manifest, kind="manifest"), encoding="utf-8")


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def first_shard(dist: Path, release: Release) -> Path:
    return dist / release.shards[0].name


@pytest.mark.parametrize(("damage", "code"), [
    (lambda dist, r: first_shard(dist, r).unlink(), "CS630"),
    (lambda dist, r: flip_a_byte(first_shard(dist, r)), "CS631"),
    (lambda dist, r: first_shard(dist, r).write_bytes(first_shard(dist, r).read_bytes() + b" "),
     "CS631"),
    (lambda dist, r: edit_manifest(dist, r, lambda m: m["shards"][0].update(
        path="../outside.json")), "CS632"),
    (lambda dist, r: edit_manifest(dist, r, lambda m: m["shards"][0].update(
        path=".hidden.json")), "CS632"),
    (lambda dist, r: (first_shard(dist, r).rename(dist / "elsewhere.json"),
                      first_shard(dist, r).symlink_to(dist / "elsewhere.json")), "CS632"),
    (lambda dist, r: edit_manifest(dist, r, lambda m: m["shards"][0].update(sources=9)),
     "CS633"),
    (lambda dist, r: edit_manifest(dist, r, lambda m: m["shards"][0].update(bytes="many")),
     "CS104"),
    (lambda dist, r: edit_manifest(dist, r, lambda m: m.update(shards=[])), "CS104"),
])
def test_a_damaged_release_is_reported_with_its_code(sharded: Release, dist: Path, capsys,
                                                     damage, code: str) -> None:
    damage(dist, sharded)
    before = {path.name: path.read_bytes() for path in dist.iterdir() if path.is_file()}
    assert main(["validate", str(dist / sharded.bundle.name)]) == 1
    out = capsys.readouterr().out
    assert f" {code} " in out and "Traceback" not in out
    with pytest.raises(DatasetError) as raised:
        claimset.load(dist / sharded.bundle.name)
    assert code in {problem.code for problem in raised.value.problems}
    assert before == {path.name: path.read_bytes() for path in dist.iterdir() if path.is_file()}


def test_a_shard_that_is_not_a_shard(sharded: Release, dist: Path) -> None:
    shard = first_shard(dist, sharded)
    shard.write_bytes(b'{"claims": []}\n')
    edit_manifest(dist, sharded, lambda m: m["shards"][0].update(
        bytes=15, sha256=hashlib.sha256(b'{"claims": []}\n').hexdigest()))
    with pytest.raises(DatasetError) as raised:
        claimset.load(dist / sharded.bundle.name)
    assert raised.value.code == "CS633"


def test_a_manifest_over_the_shard_limit_is_refused_unread(sharded: Release, dist: Path,
                                                          monkeypatch) -> None:
    monkeypatch.setattr(shards, "MAX_SHARDS", 2)
    opened: list[str] = []
    real = shards.read_bytes
    monkeypatch.setattr(shards, "read_bytes", lambda path, **kw: opened.append(path) or
                        real(path, **kw))
    with pytest.raises(DatasetError) as raised:
        claimset.load(dist / sharded.bundle.name)
    assert raised.value.code == "CS633" and opened == []


# -- download --------------------------------------------------------------------------


def test_download_fetches_and_verifies_every_shard(sharded: Release, tmp_path: Path) -> None:
    from test_download import Server, Sleeps

    server = Server()
    try:
        base = f"/dataset-{sharded.version}/"
        server.script[base + sharded.bundle.name] = [("ok", sharded.bundle.data)]
        bad_first = bytearray(sharded.shards[0].data)
        bad_first[10] ^= 1
        server.script[base + sharded.shards[0].name] = [("ok", bytes(bad_first)),
                                                        ("ok", sharded.shards[0].data)]
        for shard in sharded.shards[1:]:
            server.script[base + shard.name] = [("ok", shard.data)]
        registry = Registry({sharded.version: sharded.registry_entry()})
        options: dict[str, Any] = {"base_url": server.url, "cache_dir": tmp_path / "cache",
                                   "registry": registry, "offline": False,
                                   "retry": RetryPolicy(attempts=2, sleep=Sleeps()),
                                   "timeout": (5.0, 5.0)}
        with pytest.raises(claimset.DownloadError) as raised:
            fetch(sharded.version, **options)  # the first shard arrives damaged
        assert raised.value.code == "CS602"
        path = fetch(sharded.version, **options)  # then whole: the manifest is not refetched
        assert server.count(base + sharded.bundle.name) == 1
        assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(".lock")) \
            == sorted([sharded.bundle.name, *(s.name for s in sharded.shards)])
        assert claimset.load(path) == claimset.load(REPO)
        server.stop()
        assert fetch(sharded.version, **{**options, "offline": True}) == path
    finally:
        server.stop()
