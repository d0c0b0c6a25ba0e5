"""The writer's rules, by the rule and not the case (issue 27): every file claimset writes is
a regular file, never written through a symlink, never onto an input, never outside the
directory named or the checkout, and under a lock where two runs can meet.

Each case shows the coded error, the exit status, and that nothing was lost or changed:
the target's bytes, a symlink's target, the input corpus.  (That no module writes any
other way is ``tests/test_writer.py``.)
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import claimset
from claimset.cli import main
from claimset.core.errors import ClaimsetError, InputError, UsageError
from claimset.store import writer
from claimset.store.writer import Reads, checked_output, lock_path, output_lock, write_file

from conftest import tree_digest, write_checkout

ROOT = Path(__file__).resolve().parents[1]
TEXT = "The survey counted 1,200 households in 2019, and 35% of them rented.\n"


def command(*args: str, cwd: Path | None = None, timeout: float = 120,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command in a fresh process, never allowed to hang the suite."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "claimset", *args], capture_output=True,
                          text=True, timeout=timeout, env=environment, cwd=cwd, check=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_error(err: str, code: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"claimset: error: {code} "), err


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "b.txt").write_text("Turnout was 61%.\n", encoding="utf-8")
    return root


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file a link points at: it must keep its bytes."""
    path = tmp_path / "victim.txt"
    path.write_text("precious\n", encoding="utf-8")
    return path


# -- extract --out: part file, journal, the output itself -----------------------------------


@pytest.mark.parametrize("suffix", [".part", ".journal", ""])
def test_extract_never_writes_through_a_symlink(corpus: Path, tmp_path: Path, victim: Path,
                                                suffix: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "figures.jsonl"
    link = out.with_name(out.name + suffix)
    link.symlink_to(victim)
    code = main(["extract", str(corpus), "--out", str(out)])
    one_error(capsys.readouterr().err, "CS112")
    assert code == 2
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert link.is_symlink() and link.resolve() == victim  # the link is left as it was
    assert not (out.exists() and not out.is_symlink())


@pytest.mark.parametrize("suffix", [".part", ".journal", ""])
def test_a_fifo_beside_the_output_is_refused_without_hanging(corpus: Path, tmp_path: Path,
                                                             suffix: str) -> None:
    out = tmp_path / "figures.jsonl"
    fifo = out.with_name(out.name + suffix)
    os.mkfifo(fifo)
    started = time.monotonic()
    done = command("extract", str(corpus), "--out", str(out), "--jobs", "1", timeout=60)
    assert time.monotonic() - started < 60
    assert done.returncode == 2
    one_error(done.stderr, "CS112")
    assert str(fifo) in done.stderr
    assert fifo.exists() and not fifo.is_file()


def test_extract_refuses_to_replace_its_input(corpus: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    documents = corpus / "docs.jsonl"
    documents.write_text(json.dumps({"id": 1, "text": TEXT}) + "\n", encoding="utf-8")
    for source in (documents, corpus / "a.txt"):
        before = digest(source)
        code = main(["extract", str(source), "--out", str(source)])
        err = capsys.readouterr().err
        one_error(err, "CS141")
        assert code == 2 and str(source) in err
        assert digest(source) == before
    assert sorted(path.name for path in corpus.iterdir()) == ["a.txt", "b.txt", "docs.jsonl"]


def test_extract_refuses_an_input_by_another_name(corpus: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A hard link is the same file: the rule compares files, not spellings."""
    alias = tmp_path / "alias.jsonl"
    os.link(corpus / "a.txt", alias)
    before = digest(alias)
    assert main(["extract", str(corpus / "a.txt"), "--out", str(alias)]) == 2
    one_error(capsys.readouterr().err, "CS141")
    assert digest(alias) == before


@pytest.mark.parametrize(("glob", "name"), [("*", "out.jsonl"), ("*", "deeper/out.jsonl"),
                                            ("*.txt", "figures.txt")])
def test_extract_never_writes_where_its_walk_reads(corpus: Path, glob: str, name: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (corpus / "deeper").mkdir()
    before = tree_digest(corpus)
    code = main(["extract", str(corpus), "--glob", glob, "--out", str(corpus / name)])
    one_error(capsys.readouterr().err, "CS141")
    assert code == 2
    assert tree_digest(corpus) == before
    assert sorted(path.name for path in corpus.rglob("*")) == ["a.txt", "b.txt", "deeper"]


def test_an_output_in_the_corpus_folder_the_glob_never_reads_is_fine(
        corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = corpus / "figures.jsonl"
    assert main(["extract", str(corpus), "--out", str(out), "--jobs", "1"]) == 0
    capsys.readouterr()
    assert {row["document"] for row in map(json.loads, out.read_text().splitlines())} == {
        str(corpus / "a.txt"), str(corpus / "b.txt")}


def test_a_second_extract_with_the_same_output_is_refused(
        corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "figures.jsonl"
    out.write_text("an earlier run's output\n", encoding="utf-8")
    holder = subprocess.Popen(  # another process holds the output's lock, as a run does
        [sys.executable, "-c", "import sys, time\nfrom claimset.store.writer import output_lock\n"
         f"with output_lock({str(out)!r}):\n    print('held', flush=True)\n    time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        code = main(["extract", str(corpus), "--out", str(out), "--jobs", "1"])
        err = capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    one_error(err, "CS143")
    assert code == 2 and "figures.jsonl" in err
    assert out.read_text(encoding="utf-8") == "an earlier run's output\n"
    assert not out.with_name(out.name + ".part").exists()
    assert not out.with_name(out.name + ".journal").exists()
    assert main(["extract", str(corpus), "--out", str(out), "--jobs", "1"]) == 0  # lock gone


def test_two_extract_runs_at_once_never_corrupt_the_output(corpus: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "figures.jsonl"
    expected = tmp_path / "alone.jsonl"
    assert command("extract", str(corpus), "--out", str(expected), "--jobs", "1").returncode == 0
    runs: list[subprocess.CompletedProcess[str]] = []
    threads = [threading.Thread(target=lambda: runs.append(
        command("extract", str(corpus), "--out", str(out), "--jobs", "1"))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {run.returncode for run in runs} <= {0, 2}
    assert any(run.returncode == 0 for run in runs)
    for run in runs:
        if run.returncode == 2:
            one_error(run.stderr, "CS143")
    assert out.read_bytes() == expected.read_bytes()  # one run's rows, whole


# -- build: the dist directory ------------------------------------------------------------


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "repo")


def test_build_never_follows_a_dist_symlink_a_pull_request_commits(
        checkout: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (checkout / "dist").symlink_to(outside)
    for out in ("dist", "dist/release"):
        done = command("build", "--no-site", "--out", out, cwd=checkout)
        assert done.returncode == 2, done.stderr
        one_error(done.stderr, "CS142")
        assert "dist" in done.stderr
        assert list(outside.iterdir()) == []
    done = command("build", "--no-site", cwd=checkout)  # the default --out dist
    assert done.returncode == 2
    one_error(done.stderr, "CS142")
    assert list(outside.iterdir()) == [] and (checkout / "dist").is_symlink()


def test_build_never_writes_into_the_data_it_reads(checkout: Path, capsys) -> None:
    before = tree_digest(checkout)
    for out in (checkout / "seeds", checkout / "dataset" / "release"):
        assert main(["build", str(checkout), "--no-site", "--out", str(out)]) == 2
        one_error(capsys.readouterr().err, "CS141")
    assert tree_digest(checkout) == before


def test_two_builds_into_a_new_directory_both_finish(checkout: Path, tmp_path: Path) -> None:
    out = tmp_path / "new" / "dist"
    alone = tmp_path / "alone"
    assert command("build", str(checkout), "--out", str(alone)).returncode == 0
    runs: list[subprocess.CompletedProcess[str]] = []
    threads = [threading.Thread(target=lambda: runs.append(
        command("build", str(checkout), "--out", str(out)))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [run.returncode for run in runs] == [0, 0], [run.stderr for run in runs]
    assert tree_digest(out) == tree_digest(alone)


def test_a_build_waits_for_the_outputs_lock_then_says_so(checkout: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    with output_lock(out):
        done = command("build", str(checkout), "--no-site", "--out", str(out),
                       env={"CLAIMSET_LOCK_TIMEOUT": "0.5"})
    assert done.returncode == 2
    one_error(done.stderr, "CS143")
    assert not out.exists()


# -- export ------------------------------------------------------------------------------


def test_sqlite_export_refuses_a_bad_metadata_target_before_replacing_out(
        checkout: Path, tmp_path: Path, victim: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sqlite_utils")
    out = tmp_path / "claimset.db"
    out.write_bytes(b"the old database")
    link = tmp_path / "metadata.json"
    link.symlink_to(victim)
    code = main(["export", str(checkout), "--format", "sqlite", "--out", str(out)])
    one_error(capsys.readouterr().err, "CS112")
    assert code == 2
    assert out.read_bytes() == b"the old database"
    assert victim.read_text(encoding="utf-8") == "precious\n" and link.is_symlink()


@pytest.mark.parametrize("target", ["dataset/index.json", "seeds/demo.txt", "dataset/x.csv"])
def test_export_never_writes_onto_or_into_the_dataset(checkout: Path, target: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    before = tree_digest(checkout)
    code = main(["export", str(checkout), "--out", str(checkout / target)])
    one_error(capsys.readouterr().err, "CS141")
    assert code == 2 and tree_digest(checkout) == before


def test_export_never_writes_through_a_symlinked_folder_of_the_current_directory(
        checkout: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (checkout / "exports").symlink_to(outside)
    done = command("export", "--out", "exports/claims.csv", cwd=checkout)
    assert done.returncode == 2
    one_error(done.stderr, "CS142")
    assert list(outside.iterdir()) == []


def test_export_refuses_a_symlink_and_a_fifo_as_out(checkout: Path, tmp_path: Path,
                                                    victim: Path) -> None:
    link = tmp_path / "claims.csv"
    link.symlink_to(victim)
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    for out in (link, fifo):
        done = command("export", str(checkout), "--out", str(out), timeout=60)
        assert done.returncode == 2
        one_error(done.stderr, "CS112")
    assert victim.read_text(encoding="utf-8") == "precious\n" and link.is_symlink()


# -- the checkout's own writers ------------------------------------------------------------


def test_reanchor_never_writes_onto_its_new_text(checkout: Path, capsys) -> None:
    seed = checkout / "seeds" / "demo.txt"
    before = tree_digest(checkout)
    assert main(["reanchor", "demo", str(seed), str(checkout), "--write"]) == 2
    one_error(capsys.readouterr().err, "CS141")
    assert tree_digest(checkout) == before


def test_fmt_never_writes_through_a_symlinked_dataset_file(checkout: Path, tmp_path: Path,
                                                           victim: Path, capsys) -> None:
    document = checkout / "dataset" / "demo.json"
    moved = tmp_path / "demo.json"
    moved.write_text(json.dumps(json.loads(document.read_text()), indent=4))
    document.unlink()
    document.symlink_to(moved)
    before = moved.read_bytes()
    assert main(["fmt", str(checkout)]) == 2
    assert "CS111" in capsys.readouterr().err  # not even read: a link is no dataset file
    assert moved.read_bytes() == before and document.is_symlink()


# -- the writer's functions ------------------------------------------------------------------


def test_a_relative_path_through_a_link_in_the_current_directory_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    (work / "out").symlink_to(outside)
    monkeypatch.chdir(work)
    with pytest.raises(UsageError) as caught:
        write_file(Path("out") / "x.csv", b"data")
    assert caught.value.code == "CS142" and "out" in caught.value.message
    with pytest.raises(UsageError):
        write_file(Path("sub") / ".." / "out" / "x.csv", b"data")
    assert list(outside.iterdir()) == []
    # A link the user's own system has, outside the current directory, is followed.
    monkeypatch.chdir(tmp_path / "outside")
    assert write_file(work / "out" / "x.csv", b"data") == (outside / "x.csv").resolve()


def test_a_root_protects_everything_below_it(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    (root / "real").mkdir(parents=True)
    (root / "link").symlink_to(root / "real")
    with pytest.raises(UsageError) as caught:
        checked_output(root / "link" / "x.json", roots=(root,))
    assert caught.value.code == "CS142"
    assert checked_output(root / "link" / "x.json") == (root / "real" / "x.json").resolve()
    directory = writer.output_directory(tmp_path / "out")
    for bad in ("../x", "/etc/x", "a/../../x", "", "a//b", "a\\b"):
        with pytest.raises(UsageError):
            directory.write(bad, b"x")
    assert list((tmp_path / "out").iterdir()) == []


def test_reads_cover_files_by_identity_and_folders_by_glob(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "deep").mkdir(parents=True)
    (folder / "a.txt").write_text("x")
    reads = Reads(files=(folder / "a.txt",), folders=((folder, "*.txt"),))
    for bad in (folder / "a.txt", folder / "deep" / "new.txt", tmp_path / "in" / "." / "a.txt"):
        with pytest.raises(UsageError) as caught:
            checked_output(bad, reads=reads)
        assert caught.value.code == "CS141"
    checked_output(folder / "new.json", reads=reads)
    checked_output(tmp_path / "a.txt", reads=reads)


def test_appending_refuses_a_hard_linked_file_and_a_fifo(tmp_path: Path, victim: Path) -> None:
    part = tmp_path / "out.part"
    os.link(victim, part)
    with pytest.raises(InputError) as caught:
        writer.open_appending(part, fresh=False)
    assert caught.value.code == "CS112" and "hard links" in caught.value.message
    fresh = writer.open_appending(part, fresh=True)  # a fresh file: the link is dropped
    fresh.write(b"new")
    fresh.close()
    assert victim.read_text(encoding="utf-8") == "precious\n" and part.read_bytes() == b"new"
    fifo = tmp_path / "out.journal"
    os.mkfifo(fifo)
    with pytest.raises(ClaimsetError) as refused:
        writer.open_appending(fifo, fresh=False)
    assert refused.value.code == "CS112"


def test_the_output_lock_is_beside_the_output(tmp_path: Path) -> None:
    assert lock_path(tmp_path / "dist") == tmp_path / ".dist.lock"
    with output_lock(tmp_path / "x.jsonl"), pytest.raises(InputError) as caught, \
            output_lock(tmp_path / "x.jsonl", timeout=0):
        pass
    assert caught.value.code == "CS143" and "x.jsonl" in caught.value.message


def test_python_users_get_the_same_rules(checkout: Path, tmp_path: Path, victim: Path) -> None:
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    from claimset.release.export import write_export

    with pytest.raises(InputError) as caught:
        write_export(checkout, link)
    assert caught.value.code == "CS112"
    with pytest.raises(UsageError) as refused:
        write_export(checkout, checkout / "dataset" / "index.json")
    assert refused.value.code == "CS141"
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert claimset.validate(checkout).ok


def test_create_file_lets_the_first_of_racing_writers_win(tmp_path: Path) -> None:
    path = tmp_path / "key"
    made: list[bool] = []
    threads = [threading.Thread(target=lambda number=number: made.append(
        writer.create_file(path, bytes([number]) * 32, mode=0o600))) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made.count(True) == 1
    content = path.read_bytes()
    assert len(content) == 32 and len(set(content)) == 1  # one writer's bytes, whole
    assert path.stat().st_mode & 0o777 == 0o600
    assert not writer.create_file(path, b"x" * 32) and path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key"]  # no temporary left
