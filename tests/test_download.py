"""download(): against a real HTTP server on 127.0.0.1, never a patched `requests`.

The server is the standard library's, in a thread, scripted per path: each
request takes the next behaviour (the last one repeats), so a test can say
"500, then the file" and count what was asked.  Retries never sleep (an
injected ``sleep`` records the delays instead) and nothing asserts on time.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import attrs
import pytest

import claimset
from claimset.cli import main
from claimset.core.errors import DownloadError, InputError, UsageError
from claimset.release.build import Release, build_release
from claimset.release.download import (
    Progress,
    Registry,
    RegistryEntry,
    RetryPolicy,
    cache_state,
    default_cache_dir,
    download,
    download_action,
    fetch,
    is_offline,
    offline_message,
    parse_version,
    progress_line,
    release_url,
    version_key,
)

REPO = Path(__file__).resolve().parent.parent

Behaviour = tuple[Any, ...]


# -- the server --------------------------------------------------------------------


class Server:
    """A scripted HTTP server: ``script[path]`` is a list of behaviours."""

    def __init__(self) -> None:
        self.script: dict[str, list[Behaviour]] = {}
        self.requests: list[str] = []
        self.release = threading.Event()  # lets stalled handlers finish at teardown
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                server.handle(self)

        class Quiet(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # clients that give up mid-transfer are part of the tests

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)
        self.thread.start()
        self.running = True

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def count(self, path: str) -> int:
        return self.requests.count(path)

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(request.path)
            steps = self.script.get(request.path, [("status", 404)])
            step = steps.pop(0) if len(steps) > 1 else steps[0]
        kind = step[0]
        if kind == "stall":
            self.release.wait(30)  # far beyond the client's read timeout
            request.close_connection = True
            return
        if kind == "status":
            body = f"status {step[1]}".encode()
            request.send_response(step[1])
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
            return
        data: bytes = step[1]
        sent = data if kind == "ok" else data[: step[2]]
        request.send_response(200)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data) if kind == "truncate" else len(sent)))
        request.end_headers()
        request.wfile.write(sent)
        if kind == "truncate":
            request.wfile.flush()
            request.close_connection = True  # the promised rest never comes

    def stop(self) -> None:
        if self.running:
            self.release.set()
            self.httpd.shutdown()
            self.httpd.server_close()
            self.running = False


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.stop()


# -- the release and registry fixtures ---------------------------------------------


@pytest.fixture(scope="session")
def release() -> Release:
    """The repository's dataset, built as a release (the same bytes as dist/)."""
    return build_release(REPO)


@pytest.fixture(scope="session")
def registry(release: Release) -> Registry:
    missing = RegistryEntry(version="9.9.9", file="claimset-9.9.9.json", size=10,
                            sha256="0" * 64)
    return Registry({release.version: release.registry_entry(), "9.9.9": missing})


@pytest.fixture
def path_of(release: Release) -> str:
    return f"/dataset-{release.version}/{release.bundle.name}"


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@attrs.define
class Sleeps:
    delays: list[float] = attrs.field(factory=list)

    def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def get(server: Server, registry: Registry, cache: Path, release: Release,
        ) -> Callable[..., Path]:
    """fetch() pointed at the test server and cache, without real waiting."""

    def call(version: str | None = None, **options: Any) -> Path:
        options.setdefault("base_url", server.url)
        options.setdefault("cache_dir", cache)
        options.setdefault("registry", registry)
        options.setdefault("offline", False)
        options.setdefault("retry", RetryPolicy(attempts=3, base_delay=0.5, sleep=Sleeps()))
        options.setdefault("timeout", (5.0, 5.0))
        return fetch(version or release.version, **options)

    return call


def leftovers(cache: Path) -> list[str]:
    """Partial or temporary files a download left behind."""
    if not cache.exists():
        return []
    return sorted(path.name for path in cache.iterdir()
                  if path.name.startswith(".") or path.suffix == ".part")


# -- success, cache, offline -------------------------------------------------------


def test_download_verifies_caches_and_loads_the_same_dataset(
        server: Server, registry: Registry, cache: Path, release: Release, path_of: str) -> None:
    server.script[path_of] = [("ok", release.bundle.data)]
    dataset = download(release.version, base_url=server.url, cache_dir=cache, registry=registry,
                       offline=False)
    assert dataset == claimset.load()
    cached = cache / release.bundle.name
    assert cached.read_bytes() == release.bundle.data
    assert hashlib.sha256(cached.read_bytes()).hexdigest() == release.bundle.sha256
    assert server.count(path_of) == 1
    assert leftovers(cache) == []


def test_latest_is_the_highest_released_version(get: Callable[..., Path], server: Server,
                                                release: Release, path_of: str) -> None:
    server.script[path_of] = [("ok", release.bundle.data)]
    # The fixture registry also lists 9.9.9, so ask a registry with the real release only.
    only = Registry({release.version: release.registry_entry()})
    assert get("latest", registry=only).name == release.bundle.name


def test_a_cached_file_is_used_with_the_server_gone(get: Callable[..., Path], server: Server,
                                                    release: Release, path_of: str) -> None:
    server.script[path_of] = [("ok", release.bundle.data)]
    first = get()
    server.stop()
    assert get() == first
    assert get(offline=True) == first
    assert server.count(path_of) == 1


def test_offline_hit_and_miss(get: Callable[..., Path], server: Server, release: Release,
                              path_of: str, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DownloadError) as missing:
        get(offline=True)
    assert missing.value.code == "CS604"
    assert release.bundle.name in str(missing.value) and str(cache) in str(missing.value)
    assert server.requests == []

    server.script[path_of] = [("ok", release.bundle.data)]
    get()
    monkeypatch.setenv("CLAIMSET_OFFLINE", "1")
    server.stop()
    assert get(offline=None).read_bytes() == release.bundle.data


def test_offline_from_the_environment_never_touches_the_network(
        get: Callable[..., Path], server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMSET_OFFLINE", "yes")
    with pytest.raises(DownloadError, match="CS604 offline"):
        get(offline=None)
    assert server.requests == []


def test_a_damaged_cache_file_is_downloaded_again(get: Callable[..., Path], server: Server,
                                                  release: Release, path_of: str,
                                                  cache: Path) -> None:
    cache.mkdir()
    (cache / release.bundle.name).write_bytes(b"x" * release.bundle.size)
    with pytest.raises(DownloadError, match="damaged") as offline:
        get(offline=True)
    assert offline.value.code == "CS604"
    server.script[path_of] = [("ok", release.bundle.data)]
    assert get().read_bytes() == release.bundle.data


# -- failures ------------------------------------------------------------------------


def test_404_is_a_version_that_does_not_exist(get: Callable[..., Path], server: Server,
                                               cache: Path) -> None:
    with pytest.raises(DownloadError) as error:
        get("9.9.9")
    assert error.value.code == "CS603"
    assert "does not exist" in str(error.value)
    assert server.count("/dataset-9.9.9/claimset-9.9.9.json") == 1  # not retried
    assert list(cache.iterdir()) == [] or leftovers(cache) == []
    assert not (cache / "claimset-9.9.9.json").exists()


def test_a_version_missing_from_the_registry_fails_without_the_network(
        get: Callable[..., Path], server: Server) -> None:
    with pytest.raises(DownloadError) as error:
        get("8.0.0")
    assert error.value.code == "CS603" and "9.9.9" in str(error.value)
    assert server.requests == []


@pytest.mark.parametrize("bad", ["1.0", "one", "1.0.0.0", "../1.0.0", ""])
def test_a_bad_version_string_is_a_usage_error(get: Callable[..., Path], bad: str) -> None:
    with pytest.raises(UsageError, match="is not a version"):
        get(bad or " ")


def test_500_then_success_retries_with_backoff(get: Callable[..., Path], server: Server,
                                               release: Release, path_of: str) -> None:
    server.script[path_of] = [("status", 500), ("status", 503), ("ok", release.bundle.data)]
    sleeps = Sleeps()
    get(retry=RetryPolicy(attempts=3, base_delay=0.5, sleep=sleeps))
    assert server.count(path_of) == 3
    assert sleeps.delays == [0.5, 1.0]


def test_persistent_500_gives_up(get: Callable[..., Path], server: Server, path_of: str,
                                 cache: Path) -> None:
    server.script[path_of] = [("status", 500)]
    with pytest.raises(DownloadError) as error:
        get()
    assert error.value.code == "CS601" and "HTTP 500" in str(error.value)
    assert "3 attempt" in str(error.value)
    assert server.count(path_of) == 3
    assert leftovers(cache) == []


def test_a_truncated_body_is_retried(get: Callable[..., Path], server: Server, release: Release,
                                     path_of: str, cache: Path) -> None:
    half = release.bundle.size // 2
    server.script[path_of] = [("truncate", release.bundle.data, half),
                              ("ok", release.bundle.data)]
    assert get().read_bytes() == release.bundle.data
    assert server.count(path_of) == 2
    assert leftovers(cache) == []


def test_a_body_that_is_always_truncated_fails_and_leaves_nothing(
        get: Callable[..., Path], server: Server, release: Release, path_of: str,
        cache: Path) -> None:
    server.script[path_of] = [("truncate", release.bundle.data, 1000)]
    with pytest.raises(DownloadError) as error:
        get()
    assert error.value.code == "CS601" and "broke off" in str(error.value)
    assert not (cache / release.bundle.name).exists()
    assert leftovers(cache) == []


@pytest.mark.parametrize("change", ["flip", "short", "long"])
def test_wrong_bytes_fail_the_checksum_and_leave_no_file(
        get: Callable[..., Path], server: Server, release: Release, path_of: str, cache: Path,
        change: str) -> None:
    data = bytearray(release.bundle.data)
    if change == "flip":
        data[len(data) // 2] ^= 0x01
    elif change == "short":
        del data[-10:]
    else:
        data.extend(b" " * 100)
    server.script[path_of] = [("ok", bytes(data))]
    with pytest.raises(DownloadError) as error:
        get()
    message = str(error.value)
    if change == "long":  # refused from its Content-Length, before the body is read (CS611)
        assert error.value.code == "CS611"
        assert release.bundle.name in message and str(release.bundle.size) in message
    else:
        assert error.value.code == "CS602"
        assert release.bundle.name in message and release.bundle.sha256 in message
        assert hashlib.sha256(bytes(data)).hexdigest() in message
    assert server.count(path_of) == 1  # a checksum mismatch is not retried
    assert not (cache / release.bundle.name).exists()
    assert leftovers(cache) == []


def test_a_mismatch_after_a_damaged_cache_leaves_the_cache_without_the_file(
        get: Callable[..., Path], server: Server, release: Release, path_of: str,
        cache: Path) -> None:
    cache.mkdir()
    (cache / release.bundle.name).write_bytes(b"old and wrong")
    server.script[path_of] = [("ok", b"also wrong")]
    with pytest.raises(DownloadError, match="CS602"):
        get()
    assert not (cache / release.bundle.name).exists()


def test_a_slow_server_hits_the_read_timeout(get: Callable[..., Path], server: Server,
                                             path_of: str, cache: Path) -> None:
    server.script[path_of] = [("stall",)]
    with pytest.raises(DownloadError) as error:
        get(timeout=(5.0, 0.2), retry=RetryPolicy(attempts=2, base_delay=0, sleep=Sleeps()))
    assert error.value.code == "CS601"
    assert "timed out" in str(error.value).lower()
    assert server.count(path_of) == 2
    assert leftovers(cache) == []


def test_a_refused_connection_is_retried_then_reported(get: Callable[..., Path],
                                                       server: Server) -> None:
    url = server.url
    server.stop()
    sleeps = Sleeps()
    with pytest.raises(DownloadError) as error:
        get(base_url=url, retry=RetryPolicy(attempts=3, base_delay=0.25, sleep=sleeps))
    assert error.value.code == "CS601" and "cannot reach" in str(error.value)
    assert sleeps.delays == [0.25, 0.5]


# -- concurrency ---------------------------------------------------------------------


def test_threads_downloading_at_once_fetch_once(get: Callable[..., Path], server: Server,
                                                release: Release, path_of: str,
                                                cache: Path) -> None:
    server.script[path_of] = [("ok", release.bundle.data)]
    results: list[Path | BaseException] = []

    def worker() -> None:
        try:
            results.append(get())
        except BaseException as error:  # reported below, not swallowed
            results.append(error)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [cache / release.bundle.name] * 8
    assert server.count(path_of) == 1
    assert leftovers(cache) == []


def test_eight_processes_downloading_at_once_leave_one_valid_file(
        server: Server, registry: Registry, release: Release, path_of: str, cache: Path,
        tmp_path: Path) -> None:
    server.script[path_of] = [("ok", release.bundle.data)]
    registry_file = tmp_path / "registry.json"
    registry_file.write_text(registry.to_json(), encoding="utf-8")
    start = tmp_path / "start"
    # Every process waits for the same file to appear, so they really start together.
    code = (
        "import os, sys, time\n"
        "from claimset.release.download import fetch\n"
        "while not os.path.exists(sys.argv[1]): time.sleep(0.01)\n"
        "print(fetch(sys.argv[2], base_url=sys.argv[3], cache_dir=sys.argv[4]))\n"
    )
    environment = {**os.environ, "CLAIMSET_REGISTRY": os.fspath(registry_file)}
    environment.pop("CLAIMSET_OFFLINE", None)
    processes = [subprocess.Popen([sys.executable, "-c", code, os.fspath(start),
                                   release.version, server.url, os.fspath(cache)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=environment) for _ in range(8)]
    start.touch()
    outputs = [process.communicate(timeout=120) for process in processes]
    assert [process.returncode for process in processes] == [0] * 8, outputs
    assert {out.strip() for out, _ in outputs} == {os.fspath(cache / release.bundle.name)}
    assert server.count(path_of) == 1
    assert (cache / release.bundle.name).read_bytes() == release.bundle.data
    assert leftovers(cache) == []


# -- the pure parts ------------------------------------------------------------------


def test_download_action_decides_from_cache_state_and_offline() -> None:
    assert download_action("valid", offline=False) == "use"
    assert download_action("valid", offline=True) == "use"
    assert download_action("missing", offline=False) == "fetch"
    assert download_action("corrupt", offline=False) == "fetch"
    assert download_action("missing", offline=True) == "fail"
    assert download_action("corrupt", offline=True) == "fail"


def test_cache_state(tmp_path: Path, release: Release) -> None:
    entry = release.registry_entry()
    path = tmp_path / entry.file
    assert cache_state(path, entry) == "missing"
    path.write_bytes(b"short")
    assert cache_state(path, entry) == "corrupt"
    path.write_bytes(release.bundle.data)
    assert cache_state(path, entry) == "valid"


def test_cache_directory_precedence(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert default_cache_dir({}, home=home) == home / ".cache" / "claimset"
    assert default_cache_dir({"XDG_CACHE_HOME": "/x"}, home=home) == Path("/x/claimset")
    assert default_cache_dir({"XDG_CACHE_HOME": "/x", "CLAIMSET_CACHE": "/c"},
                             home=home) == Path("/c")


def test_offline_switch() -> None:
    assert is_offline(None, {}) is False
    assert is_offline(None, {"CLAIMSET_OFFLINE": "1"}) is True
    assert is_offline(None, {"CLAIMSET_OFFLINE": "0"}) is False
    assert is_offline(False, {"CLAIMSET_OFFLINE": "1"}) is False  # the argument wins
    assert is_offline(True, {}) is True


def test_urls_and_base_url_from_the_environment(
        get: Callable[..., Path], server: Server, release: Release, path_of: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    entry = release.registry_entry()
    assert release_url("https://example.org/dl/", entry) == (
        f"https://example.org/dl/dataset-{entry.version}/{entry.file}")
    server.script[path_of] = [("ok", release.bundle.data)]
    monkeypatch.setenv("CLAIMSET_BASE_URL", server.url)
    assert get(base_url=None).is_file()


def test_semver_order_and_latest() -> None:
    ordered = ["0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2",
               "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "10.0.0"]
    shuffled = ordered[3:] + ordered[::-1][-3:]
    assert sorted(shuffled, key=version_key) == ordered
    entries = {version: RegistryEntry(version=version, file=f"claimset-{version}.json", size=1,
                                      sha256="a" * 64) for version in [*ordered, "11.0.0-rc.1"]}
    registry = Registry(entries)
    assert registry.latest().version == "10.0.0"  # a pre-release is not "latest"
    assert registry.versions()[0] == "0.9.0"
    assert Registry({"2.0.0-rc.1": entries["1.0.0"]}).latest() == entries["1.0.0"]
    assert parse_version("v1.2.3") == "1.2.3"
    with pytest.raises(DownloadError, match="CS603"):
        Registry().latest()


def test_registry_round_trips_and_rejects_bad_entries(registry: Registry) -> None:
    assert Registry.from_json(registry.to_json()) == registry
    assert registry.to_json() == Registry.from_json(registry.to_json()).to_json()
    bad = {"releases": {"1.0.0": {"file": "../evil.json", "size": 1, "sha256": "a" * 64}}}
    with pytest.raises(InputError, match="CS606"):
        Registry.from_json(json.dumps(bad))
    with pytest.raises(InputError, match="CS606"):
        Registry.from_json("[]")


def test_a_released_version_never_changes(registry: Registry, release: Release) -> None:
    entry = release.registry_entry()
    assert registry.with_entry(entry) == registry
    changed = attrs.evolve(entry, sha256="b" * 64)
    with pytest.raises(DownloadError) as error:
        registry.with_entry(changed)
    assert error.value.code == "CS605"
    assert registry.with_entry(changed, replace=True).entries[entry.version] == changed


def test_offline_message_says_what_is_missing(release: Release, tmp_path: Path) -> None:
    entry = release.registry_entry()
    message = offline_message(entry, tmp_path / entry.file, "missing")
    assert entry.file in message and "not in the cache" in message
    assert f"claimset download {entry.version}" in message


def test_progress_line_and_reporter() -> None:
    assert progress_line("f.json", 1_300_000, 2_600_000) == "f.json   50% 1.3/2.6 MB"
    assert progress_line("f.json", 500_000, None) == "f.json  0.5 MB"
    stream = io.StringIO()
    reporter = Progress(name="f.json", stream=stream)
    reporter.update(2_600_000, 2_600_000)
    reporter.close()
    assert stream.getvalue() == "\rf.json  100% 2.6/2.6 MB\n"


def test_retry_policy_delays_grow_and_are_capped() -> None:
    assert RetryPolicy(attempts=5, base_delay=1, max_delay=3).delays() == [1, 2, 3, 3]
    assert RetryPolicy(attempts=1).delays() == []


# -- the command line ----------------------------------------------------------------


@pytest.fixture
def registry_file(tmp_path: Path, registry: Registry, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "registry.json"
    path.write_text(registry.to_json(), encoding="utf-8")
    monkeypatch.setenv("CLAIMSET_REGISTRY", os.fspath(path))
    monkeypatch.delenv("CLAIMSET_OFFLINE", raising=False)
    return path


def test_cli_list_download_and_offline_miss(registry_file: Path, server: Server,
                                            release: Release, path_of: str, cache: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["download", "--list", "--cache-dir", os.fspath(cache)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].startswith(f"{release.version}\t{release.bundle.name}\t")
    assert listing[-1].startswith("9.9.9\t") and "(latest)" in listing[-1]

    assert main(["download", "1.2.3", "--offline", "--cache-dir", os.fspath(cache)]) == 2
    assert "CS603" in capsys.readouterr().err
    assert main(["download", release.version, "--offline", "--cache-dir",
                 os.fspath(cache)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("claimset: error: CS604 offline") and "\n" not in err

    server.script[path_of] = [("ok", release.bundle.data)]
    assert main(["download", release.version, "--cache-dir", os.fspath(cache),
                 "--base-url", server.url]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == os.fspath(cache / release.bundle.name)
    assert "checksum verified" in captured.err and "\r" not in captured.err  # not a terminal
    assert main(["download", "--list", "--cache-dir", os.fspath(cache)]) == 0
    assert "cached" in capsys.readouterr().out.splitlines()[0]


def test_cli_bad_version_is_one_line_and_exit_2(registry_file: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["download", "1.x"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "CS001" in err and "not a version" in err


def test_partial_files_of_a_killed_download_are_removed_by_the_next_one(
        get: Callable[..., Path], server: Server, release: Release, path_of: str,
        cache: Path) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    stale = cache / f".{release.bundle.name}.k1ll3d.part"
    stale.write_bytes(release.bundle.data[:100])
    other = cache / ".claimset-9.9.9.json.x.part"  # another version's: not ours to judge
    other.write_bytes(b"partial")
    server.script[path_of] = [("ok", release.bundle.data)]
    get()
    assert not stale.exists() and other.exists()
    assert (cache / release.bundle.name).read_bytes() == release.bundle.data
