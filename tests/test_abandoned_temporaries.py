"""A writer killed mid-write leaves its temporary; the next writer deletes it, and only it.

Temporaries are named ``.NAME.PID.XXXXXXXX.tmp``: one whose process is gone is
abandoned.  One of a live process is another writer's file in flight and stays.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from claimset.cli import main
from claimset.store.lock import checkout_lock
from claimset.store.writer import write_file
from claimset.testing import write_dataset

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


_KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from claimset.store import atomic
atomic._temporary(Path(sys.argv[1]), b"half of the new bytes")
os.kill(os.getpid(), signal.SIGKILL)
"""


def _killed_mid_write(path: Path) -> Path:
    """Run a writer of ``path`` that is SIGKILLed after its temporary is on disk (a
    subprocess, not a fork: forking a test process with threads may deadlock)."""
    before = set(path.parent.iterdir())
    done = subprocess.run([sys.executable, "-c", _KILLED_WRITER, os.fspath(path)],
                          check=False, timeout=60)
    assert done.returncode == -signal.SIGKILL
    (left,) = set(path.parent.iterdir()) - before
    return left


def test_the_next_write_of_a_file_deletes_what_a_killed_writer_left(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    target.write_bytes(b"old")
    left = _killed_mid_write(target)
    assert left.name.startswith(".data.json.") and left.name.endswith(".tmp")
    write_file(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json"]


def test_a_live_writers_temporary_and_other_files_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    live = tmp_path / f".data.json.{os.getpid()}.abcdefgh.tmp"
    dead = tmp_path / f".data.json.{_dead_pid()}.abcdefgh.tmp"
    others = [tmp_path / name for name in (
        ".data.json.abc.tmp",                         # no process id
        f".other.json.{_dead_pid()}.abcdefgh.tmp",   # another file's temporary
        f"data.json.{_dead_pid()}.abcdefgh.tmp",     # not hidden: not claimset's name
        ".data.json.1.abcdefgh.part",                 # not a .tmp
    )]
    for path in (live, dead, *others):
        path.write_bytes(b"x")
    directory = tmp_path / f".data.json.{_dead_pid()}.dirdirdi.tmp"
    directory.mkdir()
    write_file(target, b"new")
    assert not dead.exists()
    assert live.exists() and directory.is_dir()
    assert all(path.exists() for path in others)


def test_taking_the_checkout_lock_sweeps_the_checkout(tmp_path: Path) -> None:
    root = write_dataset(tmp_path / "repo", 1, 2, seed=1)
    dataset_file = next((root / "dataset").glob("*.json"))
    left = [_killed_mid_write(dataset_file), _killed_mid_write(root / "seeds" / "x.txt"),
            _killed_mid_write(root / "dataset" / "index.json")]
    with checkout_lock(root):
        pass
    assert not any(path.exists() for path in left)


def test_a_symlinked_folder_is_never_swept(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    stranger = outside / f".notes.txt.{_dead_pid()}.abcdefgh.tmp"
    stranger.write_bytes(b"not claimset's")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "seeds").symlink_to(outside, target_is_directory=True)
    with checkout_lock(root):
        pass
    assert stranger.exists()


def test_fmt_after_a_killed_fmt_leaves_no_temporary(tmp_path: Path) -> None:
    root = write_dataset(tmp_path / "repo", 2, 3, seed=2)
    left = _killed_mid_write(next((root / "dataset").glob("*.json")))
    assert main(["fmt", str(root)]) == 0
    assert not left.exists()
    assert not list(root.rglob(".*.tmp"))
