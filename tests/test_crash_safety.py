"""Crash safety: writers killed with SIGKILL leave every file old or new, never partial.

Two kinds of kill.  *Random*: the command runs in a child process (forked
from a fork server with claimset imported, so that dozens of runs cost no
interpreter start-up, and the fork happens in a one-threaded process; a few go
through ``python -m claimset`` as well) and is killed after a random delay
spread over its whole run.  *Injected*: the child kills itself with SIGKILL at
the n-th ``os.fsync`` or ``os.replace`` call, which hits every step of every
write deterministically.  After each kill: every file is byte-for-byte the
old version or the new one (or absent, where it did not exist before), and
the next run succeeds and leaves the data valid.

No assertion depends on timing: a kill that lands before the first write or
after the last simply checks the "old" or "new" case.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import multiprocessing
import multiprocessing.context
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import claimset
from claimset import testing as synthetic
from claimset.cli import main

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

Snapshot = dict[str, bytes]


@pytest.fixture(autouse=True)
def _scratch_of_killed_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A command killed with SIGKILL cannot remove its temporary directory (build's
    and sqlite's scratch): the killed ones here keep theirs in the test's own folder,
    not in the machine's /tmp."""
    scratch = tmp_path / "scratch-of-killed-commands"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", os.fspath(scratch))


def snapshot(root: Path, pattern: str = "**/*") -> Snapshot:
    """Every visible file under ``root`` (hidden temporary files are listed apart)."""
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.glob(pattern))
            if path.is_file() and not path.name.startswith(".")}


def leftovers(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob(".*")
                  if path.is_file() and not path.name.endswith(".lock"))


def assert_old_or_new(now: Snapshot, old: Snapshot, new: Snapshot) -> str:
    """Each file is its old or its new bytes; returns 'old', 'new' or 'mixed'."""
    assert set(now) <= set(old) | set(new), sorted(set(now) - set(old) - set(new))
    states = set()
    for name in set(old) | set(new):
        if name not in now:
            assert name not in old, f"{name} disappeared"
            states.add("old")
            continue
        if now[name] == new.get(name):
            states.add("new")
        elif now[name] == old.get(name):
            states.add("old")
        else:
            pytest.fail(f"{name} is neither the old nor the new version ({len(now[name])} bytes)")
    return "mixed" if len(states) > 1 else states.pop() if states else "old"


# -- running and killing --------------------------------------------------------------------


def _child(args: list[str], inject: tuple[str, int] | None, environ: dict[str, str]) -> None:
    """In the child: run the command, optionally dying at the n-th fsync/replace."""
    os.environ.clear()
    os.environ.update(environ)  # the test's environment, as it is now
    tempfile.tempdir = None  # so TMPDIR is read again (the fork server may have cached it)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    if inject is not None:
        name, nth = inject
        real = getattr(os, name)
        calls = [0]

        def dying(*arguments: object) -> object:
            calls[0] += 1
            if calls[0] == nth:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*arguments)

        setattr(os, name, dying)
    code = 99
    try:
        code = main(args)
    finally:
        os._exit(code)


@functools.cache
def _children() -> multiprocessing.context.BaseContext:
    """Children forked from a fork server with claimset already imported: as cheap as
    os.fork() here, but forked from a process with one thread (the test process may
    have threads left by other tests, and Python 3.12+ warns that a fork then may
    deadlock)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([
        "claimset.cli", "claimset.check.checker", "claimset.grammar.extract",
        "claimset.release.build", "claimset.release.download", "claimset.contrib.reanchor",
        "claimset.cli.commands.fmt", "claimset.cli.commands.build",
        "claimset.cli.commands.reanchor", "claimset.cli.commands.download", "requests",
        "filelock", __name__])
    return context


def run_forked(args: list[str], *, kill_after: float | None = None,
               inject: tuple[str, int] | None = None) -> tuple[int | None, float]:
    """(exit code or None when killed, seconds it ran)."""
    process = _children().Process(target=_child, args=(args, inject, dict(os.environ)))
    started = time.perf_counter()
    process.start()
    if kill_after is not None:
        time.sleep(kill_after)
        with contextlib.suppress(ProcessLookupError):
            os.kill(process.pid, signal.SIGKILL)
    process.join()
    elapsed = time.perf_counter() - started
    code = process.exitcode
    return (code if code is not None and code >= 0 else None), elapsed


def run_subprocess_killed(args: list[str], delay: float) -> None:
    process = subprocess.Popen([sys.executable, "-m", "claimset", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


def kill_randomly(args: list[str], reset: Callable[[], None], check: Callable[[], None], *,
                  times: int, seed: int) -> None:
    """Run ``args`` to the end once to time it, then ``times`` runs killed at random."""
    reset()
    code, full = run_forked(args)
    assert code == 0
    check()
    rng = random.Random(seed)
    for _ in range(times):
        reset()
        run_forked(args, kill_after=rng.uniform(0, full * 1.1))
        check()


def inject_everywhere(args: list[str], reset: Callable[[], None],
                      check: Callable[[], None], *, limit: int = 12) -> int:
    """Kill at the 1st, 2nd ... fsync and replace until the run completes; how many kills."""
    kills = 0
    for name in ("fsync", "replace"):
        for nth in range(1, limit + 1):
            reset()
            code, _ = run_forked(args, inject=(name, nth))
            check()
            if code is not None:
                break  # fewer calls than nth: the run finished
            kills += 1
    return kills


# -- fmt ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot, Snapshot]:
    """A checkout whose dataset files are valid but not canonical, and their canonical form."""
    root = synthetic.write_dataset(tmp_path_factory.mktemp("messy") / "repo", 6, 60, seed=5)
    new = snapshot(root, "dataset/*.json")
    for path in (root / "dataset").glob("*.json"):
        path.write_text(json.dumps(json.loads(path.read_bytes()), indent=4), encoding="utf-8")
    return root, snapshot(root, "dataset/*.json"), new


def _fmt_case(messy: tuple[Path, Snapshot, Snapshot],
              work: Path) -> tuple[list[str], Callable[[], None], Callable[[], None]]:
    template, old, new = messy
    outcomes: list[str] = []

    def reset() -> None:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(template, work, symlinks=True)

    def check() -> None:
        outcomes.append(assert_old_or_new(snapshot(work, "dataset/*.json"), old, new))
        assert main(["fmt", str(work)]) == 0  # the next run succeeds ...
        assert snapshot(work, "dataset/*.json") == new
        assert claimset.validate(work, values=False, coverage=False).ok  # ... and it is valid
        assert leftovers(work) == []  # ... and what the killed one left is gone

    return outcomes, reset, check


def test_fmt_killed_at_random(messy: tuple[Path, Snapshot, Snapshot], tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    outcomes, reset, check = _fmt_case(messy, tmp_path / "work")
    kill_randomly(["fmt", str(tmp_path / "work")], reset, check, times=20, seed=1)
    capsys.readouterr()
    print("fmt kills:", {state: outcomes.count(state) for state in set(outcomes)})


def test_fmt_killed_at_every_write_step(messy: tuple[Path, Snapshot, Snapshot],
                                        tmp_path: Path) -> None:
    outcomes, reset, check = _fmt_case(messy, tmp_path / "work")
    kills = inject_everywhere(["fmt", str(tmp_path / "work")], reset, check, limit=5)
    assert kills >= 2 and "mixed" in outcomes  # 7 files: a kill mid-way leaves some rewritten


def test_fmt_killed_in_a_subprocess(messy: tuple[Path, Snapshot, Snapshot],
                                    tmp_path: Path) -> None:
    _, reset, check = _fmt_case(messy, tmp_path / "work")
    for delay in (0.5, 1.0):
        reset()
        run_subprocess_killed(["fmt", str(tmp_path / "work")], delay)
        check()


# -- build ----------------------------------------------------------------------------------------




@pytest.fixture(scope="module")
def release_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Snapshot, Snapshot]:
    """A checkout, an earlier release of other data in dist/, and the release it builds."""
    base = tmp_path_factory.mktemp("build")
    root = synthetic.write_dataset(base / "repo", 3, 40, seed=9)
    dist = base / "dist-template"
    other = synthetic.write_dataset(base / "other", 3, 5, seed=1)  # same ids: same site pages
    assert main(["build", str(other), "--out", str(dist)]) == 0
    old = snapshot(dist)
    fresh = base / "dist-new"
    assert main(["build", str(root), "--out", str(fresh)]) == 0
    new = snapshot(fresh)
    assert set(old) == set(new) and old != new  # same version: every file is overwritten
    return root, old, new


@pytest.mark.parametrize("mode", ["random", "injected"])
def test_build_killed(release_case: tuple[Path, Snapshot, Snapshot], tmp_path: Path, mode: str,
                      capsys: pytest.CaptureFixture[str]) -> None:
    root, old, new = release_case
    dist = tmp_path / "dist"
    template = root.parent / "dist-template"
    args = ["build", str(root), "--out", str(dist)]

    def reset() -> None:
        shutil.rmtree(dist, ignore_errors=True)
        shutil.copytree(template, dist)

    def check() -> None:
        assert_old_or_new(snapshot(dist), old, new)
        assert main(args) == 0
        assert snapshot(dist) == new
        assert leftovers(dist) == []  # the rerun deleted what the killed one left

    if mode == "random":
        kill_randomly(args, reset, check, times=10, seed=2)
    else:
        assert inject_everywhere(args, reset, check, limit=5) >= 4
    capsys.readouterr()


# -- download --------------------------------------------------------------------------------------


#: A slow file server, run as its own process: a server thread in this process would make
#: every os.fork() below multi-threaded (Python 3.12+ warns: the child may deadlock).
_SERVER = """
import contextlib, http.server, sys, time
from pathlib import Path

route, path = sys.argv[1], Path(sys.argv[2])
data = path.read_bytes()


class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != route:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client was killed mid-stream
            for start in range(0, len(data), 32_768):  # slow enough to be killed mid-way
                self.wfile.write(data[start:start + 32_768])
                time.sleep(0.004)

    def log_message(self, *args):
        pass


httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Slow)
print(httpd.server_address[1], flush=True)
httpd.serve_forever()
"""


@pytest.fixture(scope="module")
def server(release_case: tuple[Path, Snapshot, Snapshot],
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, str, bytes]]:
    """(base URL, registry.json, version, bundle bytes) served on 127.0.0.1."""
    _, _, new = release_case
    name = next(name for name in new if name.startswith("claimset-") and name.endswith(".json"))
    bundle = new[name]
    version = name.removeprefix("claimset-").removesuffix(".json")
    folder = tmp_path_factory.mktemp("registry")
    registry = folder / "registry.json"
    registry.write_text(json.dumps({"releases": {version: {
        "file": name, "size": len(bundle), "sha256": hashlib.sha256(bundle).hexdigest()}}}),
        encoding="utf-8")
    (folder / name).write_bytes(bundle)
    process = subprocess.Popen([sys.executable, "-c", _SERVER, f"/dataset-{version}/{name}",
                                os.fspath(folder / name)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield f"http://127.0.0.1:{port}", registry, version, bundle
    finally:
        process.kill()
        process.wait(timeout=30)


def test_download_killed_at_random(server: tuple[str, Path, str, bytes], tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from claimset.release.download import fetch

    base_url, registry, version, bundle = server
    monkeypatch.delenv("CLAIMSET_OFFLINE", raising=False)
    cache = tmp_path / "cache"
    args = ["download", version, "--cache-dir", str(cache), "--base-url", base_url,
            "--registry", str(registry)]
    target = cache / f"claimset-{version}.json"

    def reset() -> None:
        # Keep what earlier kills left behind (.part files, the lock): it must not matter.
        target.unlink(missing_ok=True)

    def check() -> None:
        assert not target.exists() or target.read_bytes() == bundle  # never a partial bundle
        path = fetch(version, base_url=base_url, cache_dir=cache, registry=registry,
                     offline=False, lock_timeout=10)
        assert path == target and path.read_bytes() == bundle
        assert all(name.endswith(".part") for name in leftovers(cache)), leftovers(cache)

    kill_randomly(args, reset, check, times=12, seed=3)
    for delay in (0.4, 0.8):
        reset()
        run_subprocess_killed(args, delay)
        check()


# -- reanchor --write ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reanchor_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Snapshot,
                                                                      Snapshot]:
    """A checkout, a corrected text for its source, and the files before and after --write."""
    base = tmp_path_factory.mktemp("reanchor")
    root = synthetic.write_dataset(base / "repo", 1, 400, seed=4)
    source_id = synthetic.source_id_of(0)
    seed = root / "seeds" / f"{source_id}.txt"
    text = seed.read_text(encoding="utf-8")
    corrected = base / "corrected.txt"
    # A corrected typo near the start: every later offset moves by one.
    corrected.write_text(text.replace("\n\n", "\n\nErratum noted.\n\n", 1), encoding="utf-8")
    old = snapshot(root, "[ds]*/*")
    done = base / "done"
    shutil.copytree(root, done)
    assert main(["reanchor", source_id, str(corrected), str(done), "--write"]) == 0
    new = snapshot(done, "[ds]*/*")
    assert new != old and claimset.validate(done, values=False, coverage=False).ok
    return root, corrected, old, new


def _reanchor_check(work: Path, corrected: Path, old: Snapshot, new: Snapshot,
                    pairs: list[str]) -> Callable[[], None]:
    source_id = synthetic.source_id_of(0)

    def check() -> None:
        now = snapshot(work, "[ds]*/*")
        state = assert_old_or_new(now, old, new)
        pairs.append(state)
        # "mixed" (a kill between the two renames) included: the rerun finishes the write.
        assert main(["reanchor", source_id, str(corrected), str(work), "--write"]) == 0
        assert snapshot(work, "[ds]*/*") == new
        assert claimset.validate(work, values=False, coverage=False).ok

    return check


@pytest.mark.parametrize("mode", ["random", "injected"])
def test_reanchor_write_killed(reanchor_case: tuple[Path, Path, Snapshot, Snapshot],
                               tmp_path: Path, mode: str,
                               capsys: pytest.CaptureFixture[str]) -> None:
    root, corrected, old, new = reanchor_case
    work = tmp_path / "work"
    args = ["reanchor", synthetic.source_id_of(0), str(corrected), str(work), "--write"]
    pairs: list[str] = []

    def reset() -> None:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(root, work)

    check = _reanchor_check(work, corrected, old, new, pairs)
    if mode == "random":
        kill_randomly(args, reset, check, times=10, seed=4)
    else:
        assert inject_everywhere(args, reset, check, limit=4) >= 2
    capsys.readouterr()


def test_reanchor_killed_between_its_two_writes_can_be_rerun(
        reanchor_case: tuple[Path, Path, Snapshot, Snapshot], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    root, corrected, old, new = reanchor_case
    work = tmp_path / "work"
    shutil.copytree(root, work)
    args = ["reanchor", synthetic.source_id_of(0), str(corrected), str(work), "--write"]
    code, _ = run_forked(args, inject=("replace", 2))  # between the two renames
    assert code is None
    now = snapshot(work, "[ds]*/*")
    assert assert_old_or_new(now, old, new) == "mixed"
    rerun = main(args)
    capsys.readouterr()
    assert rerun == 0 and snapshot(work, "[ds]*/*") == new
