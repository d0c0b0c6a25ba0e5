"""Issue 12's download and git defects: every failure a download code, every cost bounded."""

from __future__ import annotations

import hashlib
import json
import os
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from claimset.cli import main
from claimset.contrib import gitread
from claimset.core.errors import DownloadError, InputError
from claimset.release.download import RetryPolicy, fetch
from prdata import git, init_repo

from conftest import write_checkout

BODY = json.dumps({"not": "checked here"}).encode("utf-8") * 20
VERSION = "1.0.0"
FILE = f"claimset-{VERSION}.json"
ROUTE = f"/dataset-{VERSION}/{FILE}"
NO_WAIT = RetryPolicy(attempts=3, sleep=lambda seconds: None)


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    path = tmp_path / "registry.json"
    path.write_text(json.dumps({"releases": {VERSION: {
        "file": FILE, "size": len(BODY), "sha256": hashlib.sha256(BODY).hexdigest()}}}),
        encoding="utf-8")
    return path


def get(server_url: str, registry: Path, cache: Path, **options: object) -> Path:
    return fetch(VERSION, base_url=server_url, cache_dir=cache, registry=registry,
                 offline=False, retry=NO_WAIT, **options)  # type: ignore[arg-type]


def test_a_redirect_to_file_is_a_download_error(httpserver: HTTPServer, registry: Path,
                                                tmp_path: Path) -> None:
    httpserver.expect_request(ROUTE).respond_with_response(
        Response(status=302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(DownloadError) as caught:
        get(httpserver.url_for(""), registry, tmp_path / "cache")
    assert caught.value.code == "CS608"
    assert not (tmp_path / "cache" / FILE).exists()


def test_a_redirect_loop_is_a_download_error(httpserver: HTTPServer, registry: Path,
                                             tmp_path: Path) -> None:
    httpserver.expect_request(ROUTE).respond_with_response(
        Response(status=302, headers={"Location": ROUTE}))
    with pytest.raises(DownloadError) as caught:
        get(httpserver.url_for(""), registry, tmp_path / "cache")
    assert caught.value.code == "CS609"


@pytest.mark.parametrize("base_url", ["htp//example.org", "http://", "ftp://example.org/x",
                                      "http://exa mple.org", "http://example.org:port/",
                                      "file:///tmp", "http://example.org/\nx"])
def test_a_malformed_base_url_is_cs608_before_any_request(
        base_url: str, registry: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DownloadError) as caught:
        get(base_url, registry, tmp_path / "cache")
    assert caught.value.code == "CS608"
    monkeypatch.setenv("CLAIMSET_BASE_URL", base_url)
    monkeypatch.delenv("CLAIMSET_OFFLINE", raising=False)
    code = main(["download", VERSION, "--registry", os.fspath(registry),
                 "--cache-dir", os.fspath(tmp_path / "cache")])
    err = capsys.readouterr().err
    assert code == 2 and "CS608" in err and "\n" not in err.rstrip("\n")


def test_a_cache_directory_that_is_a_file_is_cs610(httpserver: HTTPServer, registry: Path,
                                                   tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    httpserver.expect_request(ROUTE).respond_with_data(BODY)
    cache = tmp_path / "cache"
    cache.write_text("a file, not a folder\n", encoding="utf-8")
    for where in (cache, cache / "inside"):
        with pytest.raises(DownloadError) as caught:
            get(httpserver.url_for(""), registry, where)
        assert caught.value.code == "CS610"
    code = main(["download", VERSION, "--registry", os.fspath(registry), "--cache-dir",
                 os.fspath(cache), "--base-url", httpserver.url_for("")])
    assert code == 2 and "CS610" in capsys.readouterr().err


def test_a_body_longer_than_the_release_is_cs611_and_not_retried(
        httpserver: HTTPServer, registry: Path, tmp_path: Path) -> None:
    def chunked(request: Request) -> Response:  # no Content-Length: found while reading
        return Response(iter([BODY, b" " * 10]), direct_passthrough=True)

    httpserver.expect_request(ROUTE).respond_with_handler(chunked)
    with pytest.raises(DownloadError) as caught:
        get(httpserver.url_for(""), registry, tmp_path / "cache")
    assert caught.value.code == "CS611"
    assert len(httpserver.log) == 1  # not retried as a transfer that "broke off"
    assert not any((tmp_path / "cache").iterdir()) or all(
        path.name.endswith(".lock") for path in (tmp_path / "cache").iterdir())


def test_a_trickling_server_meets_the_deadline(httpserver: HTTPServer, registry: Path,
                                               tmp_path: Path) -> None:
    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            for byte in BODY:
                time.sleep(0.05)
                yield bytes([byte])

        return Response(body(), headers={"Content-Length": str(len(BODY))},
                        direct_passthrough=True)

    httpserver.expect_request(ROUTE).respond_with_handler(trickle)
    started = time.monotonic()
    with pytest.raises(DownloadError) as caught:
        get(httpserver.url_for(""), registry, tmp_path / "cache", deadline=1.0)
    assert caught.value.code == "CS612"
    assert time.monotonic() - started < 30  # a byte at a time never trips the read timeout
    assert not (tmp_path / "cache" / FILE).exists()


def test_a_bad_deadline_is_a_usage_error(registry: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMSET_DOWNLOAD_DEADLINE", "soon")
    with pytest.raises(Exception) as caught:
        get("http://127.0.0.1:9", registry, tmp_path / "cache")
    assert getattr(caught.value, "code", None) == "CS001"


# -- git: a base revision is streamed, links are never followed, sizes are capped ------------


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = write_checkout(tmp_path / "repo")
    init_repo(root)
    return root


def test_a_symlink_in_the_base_revision_is_not_a_crash(
        repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repository / "seeds" / "demo.txt").rename(repository / "seeds" / "real.txt")
    (repository / "seeds" / "demo.txt").symlink_to("/etc/passwd")
    (repository / "seeds" / "up.txt").symlink_to("../../outside.txt")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "links")
    base = git(repository, "rev-parse", "HEAD")
    for args in (["validate", os.fspath(repository), "--base", base],
                 ["diff", "--base", base, os.fspath(repository)]):
        code = main(args)
        out, err = capsys.readouterr()
        assert code in (0, 1, 2) and "internal error" not in err, (args, out, err)


def test_a_base_revision_file_over_the_limit_is_cs506_read_from_its_header(
        repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repository / "seeds" / "big.txt").write_bytes(b"1 " * 50_000)
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "big")
    monkeypatch.setattr(gitread, "MAX_BASE_FILE_BYTES", 10_000)
    with pytest.raises(InputError) as caught, gitread.checkout_at(repository, "HEAD"):
        pass
    assert caught.value.code == "CS506" and "big.txt" in caught.value.message
    monkeypatch.setattr(gitread, "MAX_BASE_FILE_BYTES", 10_000_000)
    monkeypatch.setattr(gitread, "MAX_BASE_BYTES", 50_000)
    with pytest.raises(InputError) as caught, gitread.checkout_at(repository, "HEAD"):
        pass
    assert caught.value.code == "CS506"


def test_git_archive_is_streamed_not_held(repository: Path) -> None:
    size = 8 * 1024 * 1024
    (repository / "seeds" / "large.txt").write_bytes(b"word " * (size // 5))
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "large")
    tracemalloc.start()
    try:
        with gitread.checkout_at(repository, "HEAD") as root:
            assert root is not None
            assert (root / "seeds" / "large.txt").stat().st_size == size // 5 * 5
            _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < size / 4, peak  # the archive was held whole before: peak > size
