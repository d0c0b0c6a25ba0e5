"""Issue 12's defects, one regression test each: paths, file kinds, locks and crash safety.

Each test is written as the attacker's repro: hostile data in a fresh checkout, the
command a reviewer would run, then what must hold (exit status, the code shown, and
that nothing outside the checkout, or inside it, changed).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

import claimset
from claimset.cli import main
from claimset.core.errors import ClaimsetError, InputError
from claimset.store.atomic import refuse_non_regular, write_files_atomic
from claimset.store.layout import seed_file_path, source_file_path
from claimset.store.lock import LOCK_NAME, checkout_lock

from conftest import DEMO_TEXT, read_source_file, tree_digest, write_checkout, write_source_file

NEW_TEXT = "An added first line.\n" + DEMO_TEXT


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    assert code != 3 and "Traceback" not in out + err, err
    return code, out, err


def run_subprocess(*args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimset", *args], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, **env})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "repo")


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_text(DEMO_TEXT, encoding="utf-8")  # the seed's own text: only the path is wrong
    return path


def new_file(tmp_path: Path, text: str = NEW_TEXT) -> Path:
    path = tmp_path / "new.txt"
    path.write_text(text, encoding="utf-8")
    return path


def set_seed_path(repo: Path, path: str, *, sha256: str | None = None) -> None:
    document = read_source_file(repo)
    document["source"]["path"] = path
    if sha256 is not None:
        document["source"]["sha256"] = sha256
    write_source_file(repo, document)


# -- rule 1: a path from data is checked before any read or write ----------------------------


@pytest.mark.parametrize("form", ["absolute", "dot-dot"])
def test_reanchor_write_never_replaces_a_file_outside_the_repository(
        repo: Path, victim: Path, tmp_path: Path, form: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    set_seed_path(repo, os.fspath(victim) if form == "absolute" else "seeds/../../victim.txt")
    before, inside = victim.read_bytes(), tree_digest(repo)
    code, _, err = run_cli(["reanchor", "demo", os.fspath(new_file(tmp_path)), os.fspath(repo),
                            "--write"], capsys)
    assert code == 2 and "CS302" in err
    assert victim.read_bytes() == before and tree_digest(repo) == inside


def test_reanchor_finishing_an_interrupted_write_checks_the_path_too(
        repo: Path, victim: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = new_file(tmp_path)
    set_seed_path(repo, os.fspath(victim),
                  sha256=hashlib.sha256(new.read_bytes()).hexdigest())
    before = victim.read_bytes()
    code, _, err = run_cli(["reanchor", "demo", os.fspath(new), os.fspath(repo), "--write"],
                           capsys)
    assert code == 2 and "CS302" in err and victim.read_bytes() == before


@pytest.mark.parametrize("source_id", ["../../x", "../index", "/etc/passwd", "demo/../demo",
                                       "Demo", "demo\n"])
def test_a_source_id_argument_is_a_plain_name(repo: Path, tmp_path: Path, source_id: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.json").write_text("{}", encoding="utf-8")  # what ../../x would open
    code, _, err = run_cli(["reanchor", source_id, os.fspath(new_file(tmp_path)),
                            os.fspath(repo)], capsys)
    assert code == 2 and "CS113" in err and "bad source id" in err
    with pytest.raises(InputError) as caught:
        source_file_path(repo, source_id)
    assert caught.value.code == "CS113"


def test_a_seed_path_outside_seeds_is_refused_by_the_one_check(repo: Path) -> None:
    assert seed_file_path(repo, "seeds/demo.txt") == repo / "seeds" / "demo.txt"
    for hostile in ["/etc/passwd", "seeds/../../x", "seeds/a/b.txt", "C:/x", "seeds/a\nb"]:
        with pytest.raises(InputError) as caught:
            seed_file_path(repo, hostile)
        assert caught.value.code == "CS302"


def _outside_copy(repo: Path, tmp_path: Path, folder: str) -> Path:
    outside = tmp_path / f"outside-{folder}"
    (repo / folder).rename(outside)
    (repo / folder).symlink_to(outside, target_is_directory=True)
    return outside


def test_seeds_symlinked_out_of_the_repository_is_not_followed(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = _outside_copy(repo, tmp_path, "seeds")
    secret = "The outside file's secret words.\n"
    (outside / "demo.txt").write_text(secret, encoding="utf-8")
    code, out, err = run_cli(["validate", os.fspath(repo)], capsys)
    assert code == 1 and "CS302" in out and "seeds/ is a symlink" in out
    assert "secret" not in out + err  # CS201 used to print the outside file's text
    with pytest.raises(ClaimsetError):
        claimset.load(repo)


def test_dataset_symlinked_out_of_the_repository_is_not_read_or_written(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = _outside_copy(repo, tmp_path, "dataset")
    before = {path.name: path.read_bytes() for path in outside.iterdir()}
    code, out, _ = run_cli(["validate", os.fspath(repo)], capsys)
    assert code == 1 and "CS113" in out
    code, _, err = run_cli(["fmt", os.fspath(repo)], capsys)
    assert code == 2 and "CS113" in err
    code, _, err = run_cli(["add-source", os.fspath(new_file(tmp_path)), "--id", "added",
                            os.fspath(repo)], capsys)
    assert code == 2 and "CS113" in err
    assert {path.name: path.read_bytes() for path in outside.iterdir()} == before


def test_add_source_never_writes_through_a_symlinked_seeds_folder(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = _outside_copy(repo, tmp_path, "seeds")
    code, _, err = run_cli(["add-source", os.fspath(new_file(tmp_path)), "--id", "added",
                            os.fspath(repo)], capsys)
    assert code == 2 and "CS113" in err
    assert not (outside / "added.txt").exists()
    assert "added" not in (repo / "dataset" / "index.json").read_text(encoding="utf-8")


# -- rule 2: only regular files are read or replaced -----------------------------------------


def test_a_fifo_as_a_dataset_file_is_refused_without_blocking(repo: Path) -> None:
    (repo / "dataset" / "demo.json").unlink()
    os.mkfifo(repo / "dataset" / "demo.json")
    for args in (["validate", os.fspath(repo)], ["fmt", "--check", os.fspath(repo)]):
        done = run_subprocess(*args, timeout=30)  # blocked forever before the fix
        assert done.returncode in (1, 2) and "CS111" in done.stdout + done.stderr, done
    done = run_subprocess("coverage", "demo", os.fspath(repo), timeout=30)
    assert done.returncode == 2 and "unreadable" in done.stderr, done


def test_a_fifo_as_the_registry_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "registry.json"
    os.mkfifo(fifo)
    done = run_subprocess("download", "--list", timeout=30, CLAIMSET_REGISTRY=os.fspath(fifo))
    assert done.returncode == 2 and "CS111" in done.stderr, done


def test_a_fifo_as_a_reanchor_seed_is_refused(repo: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "seeds" / "demo.txt").unlink()
    os.mkfifo(repo / "seeds" / "demo.txt")
    code, _, err = run_cli(["reanchor", "demo", os.fspath(new_file(tmp_path)),
                            os.fspath(repo)], capsys)
    assert code == 2 and "CS111" in err


@pytest.mark.parametrize("kind", ["fifo", "symlink", "socket", "directory"])
def test_export_out_never_replaces_what_is_not_a_regular_file(
        repo: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    target, other = tmp_path / "out", tmp_path / "target.txt"
    other.write_text("keep me\n", encoding="utf-8")
    bound = None
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        target.symlink_to(other)
    elif kind == "socket":
        bound = socket.socket(socket.AF_UNIX)
        bound.bind(os.fspath(target))
    else:
        target.mkdir()
    try:
        code, _, err = run_cli(["export", os.fspath(repo), "--out", os.fspath(target)], capsys)
    finally:
        if bound is not None:
            bound.close()
    assert code == 2 and ("CS112" in err or "directory" in err)
    assert target.is_symlink() or not target.is_file()
    assert other.read_text(encoding="utf-8") == "keep me\n"


def test_a_device_is_never_replaced() -> None:
    with pytest.raises(InputError) as caught:
        refuse_non_regular(Path("/dev/null"))  # only looked at: lstat, no open
    assert caught.value.code == "CS112" and "device" in caught.value.message


def test_reanchor_on_a_pinned_seed_that_is_not_utf8(repo: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = b"caf\xe9 150,000 troops\n"
    (repo / "seeds" / "demo.txt").write_bytes(data)
    document = read_source_file(repo)
    document["source"]["sha256"] = hashlib.sha256(data).hexdigest()
    write_source_file(repo, document)
    code, _, err = run_cli(["reanchor", "demo", os.fspath(new_file(tmp_path)),
                            os.fspath(repo)], capsys)
    assert code == 2 and "CS303" in err and "not UTF-8" in err


# -- rule 5: one lock; multi-file writes crash-safe -------------------------------------------


def test_writers_wait_for_the_checkout_lock(repo: Path, tmp_path: Path) -> None:
    with checkout_lock(repo):
        done = run_subprocess("add-source", os.fspath(new_file(tmp_path)), "--id", "added",
                              os.fspath(repo), CLAIMSET_LOCK_TIMEOUT="0.2")
        assert done.returncode == 2 and "CS114" in done.stderr, done
        done = run_subprocess("fmt", os.fspath(repo), CLAIMSET_LOCK_TIMEOUT="0.2")
        assert done.returncode == 2 and "CS114" in done.stderr, done
    assert not (repo / "seeds" / "added.txt").exists()


def test_the_lock_file_is_never_a_symlink(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("precious\n", encoding="utf-8")
    (repo / LOCK_NAME).symlink_to(target)
    with pytest.raises(InputError) as caught, checkout_lock(repo):
        pass
    assert caught.value.code == "CS111" and target.read_text(encoding="utf-8") == "precious\n"


def test_two_add_sources_at_once_both_land(repo: Path, tmp_path: Path) -> None:
    texts = {}
    for number in range(4):
        path = tmp_path / f"text-{number}.txt"
        path.write_text(f"Text number {number} has {number + 2} lines.\n", encoding="utf-8")
        texts[f"added-{number}"] = path
    processes = [subprocess.Popen([sys.executable, "-m", "claimset", "add-source",
                                   os.fspath(path), "--id", source_id, os.fspath(repo)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                 for source_id, path in texts.items()]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    index = json.loads((repo / "dataset" / "index.json").read_text(encoding="utf-8"))
    assert set(texts) <= set(index["sources"])


def test_reanchor_racing_fmt_keeps_the_reanchoring(repo: Path, tmp_path: Path) -> None:
    # fmt holds the lock while reanchor --write starts: reanchor waits, then writes on
    # top of fmt's result instead of fmt writing its stale copy over reanchor's.
    new = new_file(tmp_path)
    released = threading.Event()
    with checkout_lock(repo):
        process = subprocess.Popen([sys.executable, "-m", "claimset", "reanchor", "demo",
                                    os.fspath(new), os.fspath(repo), "--write"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        released.wait(0.5)
        assert process.poll() is None  # waiting for the lock
        assert (repo / "seeds" / "demo.txt").read_text(encoding="utf-8") == DEMO_TEXT
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    document = read_source_file(repo)
    assert document["source"]["sha256"] == hashlib.sha256(new.read_bytes()).hexdigest()


def _half_add(repo: Path, text: Path, source_id: str) -> None:
    """What a kill between add-source's renames leaves: the seed (and document), no index."""
    assert main(["add-source", os.fspath(text), "--id", source_id, os.fspath(repo)]) == 0
    index_path = repo / "dataset" / "index.json"
    index: dict[str, Any] = json.loads(index_path.read_text(encoding="utf-8"))
    index["sources"].remove(source_id)
    from claimset.store.canonical import canonical_text
    index_path.write_text(canonical_text(index, kind="index"), encoding="utf-8")


@pytest.mark.parametrize("left", ["seed", "seed-and-document"])
def test_a_rerun_finishes_a_half_done_add_source(repo: Path, tmp_path: Path, left: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    text = new_file(tmp_path)
    _half_add(repo, text, "added")
    if left == "seed":
        (repo / "dataset" / "added.json").unlink()
    capsys.readouterr()
    code, out, _ = run_cli(["add-source", os.fspath(text), "--id", "added", os.fspath(repo)],
                           capsys)
    assert code == 0 and "finished an interrupted add-source" in out
    assert run_cli(["validate", os.fspath(repo)], capsys)[0] in (0, 1)
    index = json.loads((repo / "dataset" / "index.json").read_text(encoding="utf-8"))
    assert "added" in index["sources"]


def test_a_half_done_add_source_of_another_text_is_still_refused(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _half_add(repo, new_file(tmp_path), "added")
    other = tmp_path / "other.txt"
    other.write_text("Another text entirely.\n", encoding="utf-8")
    capsys.readouterr()
    code, _, err = run_cli(["add-source", os.fspath(other), "--id", "added", os.fspath(repo)],
                           capsys)
    assert code == 2 and "is taken" in err


def test_write_files_atomic_changes_nothing_when_a_write_fails(tmp_path: Path) -> None:
    first, blocked = tmp_path / "first.txt", tmp_path / "blocked"
    first.write_text("old\n", encoding="utf-8")
    os.mkfifo(blocked)
    with pytest.raises(InputError):
        write_files_atomic([(first, b"new\n"), (blocked, b"x")])
    assert first.read_text(encoding="utf-8") == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["blocked", "first.txt"]


# -- rule 4: anything the schema admits, the checker handles ----------------------------------


@pytest.mark.parametrize("literal", ["2711.0", "2.711e3", "-0.0", "14.0"])
@pytest.mark.parametrize("where", ["quote-start", "exclusion-end", "length"])
def test_offsets_written_as_floats_are_cs115_everywhere(
        repo: Path, tmp_path: Path, literal: str, where: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "dataset" / "demo.json"
    document = read_source_file(repo)
    document["exclusions"] = [{"start": 0, "end": 8, "text": "Planners", "reason": "other"}]
    write_source_file(repo, document)
    text = path.read_text(encoding="utf-8")
    marker = {"quote-start": '"start": 67', "exclusion-end": '"end": 8',
              "length": '"length": 120'}[where]
    assert marker in text, text
    key = marker.split(":")[0]
    path.write_text(text.replace(marker, f"{key}: {literal}", 1), encoding="utf-8")
    code, out, _ = run_cli(["validate", os.fspath(repo)], capsys)
    assert code == 1 and "CS115" in out
    for args in (["show", "demo/troops", "--path", os.fspath(repo)], ["export", os.fspath(repo)],
                 ["build", os.fspath(repo), "--out", os.fspath(tmp_path / "dist")]):
        code, _, err = run_cli(args, capsys)
        assert code in (1, 2) and "CS115" in err, (args, err)
    assert "CS115" in claimset.validate(repo).codes()
    with pytest.raises(ClaimsetError) as caught:
        claimset.load(repo)
    assert "CS115" in str(caught.value)


@pytest.mark.parametrize("digits", [309, 401, 4000])
def test_a_value_beyond_any_float_is_cs116(repo: Path, digits: int,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / "dataset" / "demo.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"value": 150000', f'"value": {"9" * digits}', 1),
                    encoding="utf-8")
    code, out, err = run_cli(["validate", os.fspath(repo)], capsys)
    assert code == 1 and "CS116" in out, out + err
    assert "CS116" in claimset.validate(repo).codes()


# -- the pure-Python schema validator reads patterns as ECMA-262 does -------------------------

def _both_validators(monkeypatch: pytest.MonkeyPatch, document: dict[str, Any],
                     kind: str) -> tuple[list[str], list[str]]:
    from claimset.check import schema

    schema._validator.cache_clear()
    compiled = [error.pointer for error in schema.validate(document, document=kind)]
    monkeypatch.setitem(sys.modules, "jsonschema_rs", None)
    schema._validator.cache_clear()
    try:
        pure = [error.pointer for error in schema.validate(document, document=kind)]
    finally:
        monkeypatch.delitem(sys.modules, "jsonschema_rs")
        schema._validator.cache_clear()
    return compiled, pure


@pytest.mark.parametrize("suffix", ["\n", "\n\n", " ", ""])
def test_both_validators_refuse_a_trailing_newline_in_every_pattern(
        repo: Path, suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    document = read_source_file(repo)
    document["source"]["id"] = "demo" + suffix
    document["source"]["path"] = "seeds/demo.txt" + suffix
    document["source"]["sha256"] += suffix
    document["claims"][0]["id"] = "demo/troops" + suffix
    document["source"]["published"] = "2004-02-13" + suffix
    compiled, pure = _both_validators(monkeypatch, document, "sourceFile")
    assert compiled == pure
    expected = [] if not suffix else ["/claims/0/id", "/source/id", "/source/path",
                                      "/source/published", "/source/sha256"]
    assert pure == expected
    index = json.loads((repo / "dataset" / "index.json").read_text(encoding="utf-8"))
    index["version"] = "1.0.0" + suffix
    index["sources"] = ["demo" + suffix]
    compiled, pure = _both_validators(monkeypatch, index, "index")
    assert compiled == pure and bool(pure) == bool(suffix)


def test_ecma_pattern_keeps_escaped_and_bracketed_dollars() -> None:
    from claimset.check.schema import ecma_pattern

    assert ecma_pattern("^a$") == r"^a\Z"
    assert ecma_pattern(r"^\$[$]$") == r"^\$[$]\Z"


def test_a_bundle_text_is_held_to_the_seed_size_limit(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from claimset.store import layout

    assert main(["build", os.fspath(repo), "--out", os.fspath(tmp_path / "dist")]) == 0
    [bundle] = (tmp_path / "dist").glob("claimset-*.json")
    capsys.readouterr()
    assert main(["validate", os.fspath(bundle)]) == 0
    monkeypatch.setattr(layout, "MAX_SEED_BYTES", 64)  # the demo text is 120 bytes
    code, out, _ = run_cli(["validate", os.fspath(bundle)], capsys)
    assert code == 1 and "CS106" in out and "limit for a seed" in out


# -- rule 6: every cost bounded, checked before the work ---------------------------------------


def test_a_seed_with_more_numbers_than_the_limit_is_cs117_before_extraction(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from claimset.grammar import extract as extract_module
    from claimset.grammar import limits

    text = "1 " * 2_000 + "\n"
    root = write_checkout(tmp_path / "repo", text=text, claims=[])
    monkeypatch.setattr(limits, "MAX_NUMBERS", 1_000)
    monkeypatch.setattr(limits.too_many_numbers, "__kwdefaults__", {"limit": 1_000})

    def never(text: str) -> list[Any]:
        raise AssertionError("the extractor ran on a text over the limit")

    monkeypatch.setattr(extract_module, "extract", never)
    code, out, _ = run_cli(["validate", os.fspath(root)], capsys)
    assert code == 1 and "CS117" in out and "over 1,000 numbers" in out


def test_the_number_count_stops_at_the_limit() -> None:
    from claimset.grammar.limits import MAX_NUMBERS, count_numbers, too_many_numbers

    assert count_numbers("one 2 three, 4,000 and twenty-one") == 7  # 4 and 000: two runs
    assert count_numbers("1 " * 50, limit=10) == 11
    assert too_many_numbers("1 " * 50, limit=10) is not None
    assert too_many_numbers("1 " * 10, limit=10) is None
    assert MAX_NUMBERS == 200_000
