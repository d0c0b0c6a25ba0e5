"""benchmarks/fetch_specs.py: outsiders get the public suites the accuracy benchmarks score
against, each file checked against its pinned sha256 (served here from 127.0.0.1)."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import fetch_specs  # noqa: E402


def test_the_manifest_pins_every_file_the_benchmarks_read() -> None:
    files = fetch_specs.manifest()
    paths = {entry["path"] for entry in files}
    for name in ("NumberModel", "NumberModelPercentMode", "OrdinalModel", "PercentModel",
                 "PercentModelPercentMode"):
        assert f"benchmarks/recognizers-text/Number/English/{name}.json" in paths
    assert "benchmarks/recognizers-text/NumberWithUnit/English/CurrencyModel.json" in paths
    for path in ("peers/w2n/unit_testing.py", "peers/number-parser/test_language_en.py",
                 "peers/numerizer/test_numerize.py", "peers/quantulum3/quantities.json",
                 "peers/quantulum3/quantities.ambiguity.json",
                 "peers/price-parser/test_price_parsing.py",
                 "peers/recognizers-text/Number/English/NumberRangeModel.json"):
        assert path in paths
    assert any(path.startswith("peers/number-parser/data/") for path in paths)
    for entry in files:  # a pinned commit (40 hex digits) of the project, over https
        commit = entry["url"].split("/")[5]
        assert entry["url"].startswith("https://raw.githubusercontent.com/")
        assert len(commit) == 40 and int(commit, 16) >= 0
    licences = {path.split("/")[1] for path in paths if path.rsplit("/", 1)[1].startswith(
        "LICENSE")}
    assert licences == {"recognizers-text", "w2n", "number-parser", "numerizer",
                        "quantulum3", "price-parser"}


def fake_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                  bodies: dict[str, bytes]) -> list[dict[str, Any]]:
    entries = [{"path": path, "url": f"https://example.org/{path}", "bytes": len(body),
                "sha256": hashlib.sha256(body).hexdigest()} for path, body in bodies.items()]
    monkeypatch.setattr(fetch_specs, "manifest", lambda: entries)
    return entries


def test_files_are_fetched_once_verified_and_listed(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    bodies = {"peers/w2n/unit_testing.py": b"cases = 1\n",
              "benchmarks/recognizers-text/Number/English/NumberModel.json": b"[]\n"}
    fake_manifest(tmp_path, monkeypatch, bodies)
    asked: list[str] = []

    def serve(entry: dict[str, Any]) -> bytes:
        asked.append(entry["path"])
        return bodies[entry["path"]]

    monkeypatch.setattr(fetch_specs, "download", serve)
    cache = tmp_path / "cache"
    assert fetch_specs.main(["--cache", str(cache)]) == 0
    assert (cache / "peers" / "w2n" / "unit_testing.py").read_bytes() == b"cases = 1\n"
    out = capsys.readouterr().out
    assert "2 of 2 files" in out and f"benchmarks/peers.py {cache / 'peers'}" in out
    assert fetch_specs.main(["--cache", str(cache)]) == 0
    assert len(asked) == 2  # the second run fetched nothing
    assert fetch_specs.main(["--cache", str(cache), "--check"]) == 0
    (cache / "peers" / "w2n" / "unit_testing.py").write_bytes(b"changed\n")
    assert fetch_specs.main(["--cache", str(cache), "--check"]) == 1
    assert "missing or changed" in capsys.readouterr().err


def test_a_file_that_does_not_match_is_never_kept(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  httpserver: HTTPServer) -> None:
    body = b'[{"Input": "one"}]\n'
    entry = {"path": "x.json", "url": httpserver.url_for("/x.json"), "bytes": len(body),
             "sha256": hashlib.sha256(body).hexdigest()}
    httpserver.expect_request("/x.json").respond_with_data(body)
    assert fetch_specs.download(entry) == body
    httpserver.clear()
    httpserver.expect_request("/x.json").respond_with_data(body.replace(b"one", b"two"))
    with pytest.raises(ValueError, match="is not the pinned"):
        fetch_specs.download(entry)
    httpserver.clear()
    httpserver.expect_request("/x.json").respond_with_data(body * 3)
    with pytest.raises(ValueError, match="longer than the pinned"):
        fetch_specs.download(entry)
    monkeypatch.setattr(fetch_specs, "manifest", lambda: [entry])
    cache = tmp_path / "cache"
    assert fetch_specs.main(["--cache", str(cache)]) == 1
    assert not (cache / "x.json").exists()
    assert [path.name for path in cache.rglob("*")] == []


@pytest.mark.parametrize("path", ["../outside.txt", "/etc/passwd", ""])
def test_the_manifest_names_no_path_outside_the_cache(tmp_path: Path, path: str) -> None:
    manifest = tmp_path / "specs.json"
    entry = {"path": path, "url": "https://example.org/x", "bytes": 1, "sha256": "0" * 64}
    manifest.write_text(json.dumps({"files": [entry]}), encoding="utf-8")
    with pytest.raises(SystemExit):
        fetch_specs.manifest(manifest)
