"""The grammar cache (store/cache.py): the figures of a text, kept between runs, used only
when sealed by this user's key, for this text and this grammar, and in bounds.

Every test gives the cache a folder of its own (``tmp_path``): nothing here touches the
user's cache directory (conftest.py points the whole run elsewhere too).
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from claimset.core.errors import InputError
from claimset.grammar.extract import extract, read_figure
from claimset.store import cache_keys as cache_module
from claimset.store.cache import DATABASE, GrammarCache, open_cache, text_digest

TEXT = ("Planners said a force of some 150,000 troops would maintain order. The bill came "
        "to nearly $20 billion, and between 2,000 and 3,000 people left in June 2004.\n")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CLAIMSET_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CLAIMSET_NO_CACHE", raising=False)
    monkeypatch.delenv("CLAIMSET_CACHE_KEY", raising=False)
    monkeypatch.delenv("CLAIMSET_CACHE_MAX_MB", raising=False)
    return tmp_path / "cache"


def _open() -> GrammarCache:
    cache = open_cache()
    assert cache is not None
    return cache


def _fill(text: str = TEXT) -> list[object]:
    cache = _open()
    found = cache.candidates(text)
    assert (cache.hits, cache.misses) == (0, 1)
    cache.close()
    return found


def test_a_second_run_reads_the_figures_from_the_cache(folder: Path) -> None:
    found = _fill()
    assert found == extract(TEXT) and len(found) >= 4
    again = _open()
    assert again.candidates(TEXT) == found
    assert (again.hits, again.misses) == (1, 0)
    assert (folder / DATABASE).is_file() and (folder / "key").stat().st_mode & 0o077 == 0


def test_another_text_or_another_grammar_is_read_again(folder: Path) -> None:
    _fill()
    cache = _open()
    changed = TEXT.replace("150,000", "160,000")
    assert cache.cached(changed) is None
    assert cache.candidates(changed) == extract(changed)
    other = GrammarCache(directory=folder, key=cache.key, fingerprint=b"\1" * 32)
    assert other.cached(TEXT) is None


def test_entries_sealed_with_another_key_are_ignored_and_rebuilt(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill()
    monkeypatch.setenv("CLAIMSET_CACHE_KEY", "someone else's")
    foreign = _open()
    assert foreign.cached(TEXT) is None  # a cache copied from elsewhere proves nothing
    assert foreign.candidates(TEXT) == extract(TEXT)
    foreign.close()
    assert _open().cached(TEXT) is not None  # rebuilt under this key
    monkeypatch.delenv("CLAIMSET_CACHE_KEY")
    assert _open().cached(TEXT) is None  # and the other key's entry is not this one's


def _tamper(folder: Path, payload: bytes, *, reseal: bool) -> None:
    cache = _open()
    digest = text_digest(TEXT)
    seal = cache._seal(b"figures", digest, len(TEXT).to_bytes(8, "big"), payload)
    database = sqlite3.connect(folder / DATABASE)
    with database:
        if reseal:
            database.execute("UPDATE figures SET payload = ?, seal = ?", (payload, seal))
        else:
            database.execute("UPDATE figures SET payload = ?", (payload,))
    database.close()


@pytest.mark.parametrize("payload", [
    marshal.dumps([(9, 16, 160000, "count", "troops", "exact", None, None, None)]),
    b"\x00\x01 not marshal",
    b"",
])
def test_a_corrupt_entry_is_ignored_and_rebuilt(folder: Path, payload: bytes) -> None:
    _fill()
    _tamper(folder, payload, reseal=False)
    cache = _open()
    assert cache.cached(TEXT) is None
    assert cache.candidates(TEXT) == extract(TEXT)
    cache.close()
    assert _open().candidates(TEXT) == extract(TEXT)


@pytest.mark.parametrize("rows", [
    [(0, 10**6, 1, "count", None, "exact", None, None, None)],          # past the text's end
    [(40, 50, 1, "count", None, "exact", None, None, None),
     (30, 45, 2, "count", None, "exact", None, None, None)],             # out of order
    [(-1, 3, 1, "count", None, "exact", None, None, None)],             # before its start
    [(3, 3, 1, "count", None, "exact", None, None, None)],              # empty
    [("3", 5, 1, "count", None, "exact", None, None, None)],            # not an offset
    [(3, 5, 1, "count", None)],                                          # fields missing
    {"not": "rows"},
])
def test_even_a_sealed_entry_is_used_only_if_its_figures_lie_in_the_text(
        folder: Path, rows: object) -> None:
    """The checks the checker can make cheaply hold for every entry it uses, sealed or not."""
    _fill()
    _tamper(folder, marshal.dumps(rows), reseal=True)
    assert _open().cached(TEXT) is None


def test_a_database_that_is_no_database_is_set_aside(folder: Path) -> None:
    _fill()
    (folder / DATABASE).write_bytes(b"this is not SQLite" * 100)
    for suffix in ("-wal", "-shm"):
        (folder / (DATABASE + suffix)).unlink(missing_ok=True)
    cache = _open()
    assert cache.candidates(TEXT) == extract(TEXT)
    cache.close()
    assert _open().cached(TEXT) is not None


def test_a_symlink_in_the_databases_place_is_never_followed(folder: Path,
                                                            tmp_path: Path) -> None:
    folder.mkdir(parents=True)
    target = tmp_path / "precious.txt"
    target.write_text("keep me", encoding="utf-8")
    (folder / DATABASE).symlink_to(target)
    cache = _open()
    assert cache.candidates(TEXT) == extract(TEXT)
    cache.close()
    assert target.read_text(encoding="utf-8") == "keep me"
    assert not (folder / DATABASE).is_symlink()


def test_a_cache_that_cannot_be_made_leaves_validation_without_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CLAIMSET_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("CLAIMSET_CACHE_KEY", raising=False)
    assert open_cache() is None


def test_a_cache_whose_database_cannot_be_written_still_reads_every_text(
        folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / DATABASE).mkdir()  # a folder where the database should be
    cache = _open()
    assert cache.candidates(TEXT) == extract(TEXT)
    cache.close()  # nothing to write to: no error
    assert (folder / DATABASE).is_dir()


def test_off_by_environment_or_argument(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert open_cache(enabled=False) is None
    monkeypatch.setenv("CLAIMSET_NO_CACHE", "1")
    assert open_cache() is None
    monkeypatch.setenv("CLAIMSET_NO_CACHE", "0")
    assert open_cache() is not None


def test_a_cache_inside_the_checked_dataset_is_refused(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = tmp_path / "checkout"
    (checkout / "dataset").mkdir(parents=True)
    monkeypatch.setenv("CLAIMSET_CACHE_DIR", str(checkout / "dataset" / ".cache"))
    with pytest.raises(InputError) as raised:
        open_cache(outside=checkout)
    assert raised.value.code == "CS910" and "outside the data" in str(raised.value)
    assert not (checkout / "dataset" / ".cache").exists()
    bundle = checkout / "claimset-1.0.0.json"
    bundle.write_text("{}", encoding="utf-8")
    monkeypatch.setenv("CLAIMSET_CACHE_DIR", str(checkout / "cache"))
    with pytest.raises(InputError):
        open_cache(outside=bundle)  # a bundle's folder counts as the data
    monkeypatch.setenv("CLAIMSET_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert open_cache(outside=checkout) is not None


@pytest.mark.parametrize("value", ["lots", "-1", "1e12"])
def test_a_bound_that_is_no_size_is_refused(folder: Path, monkeypatch: pytest.MonkeyPatch,
                                            value: str) -> None:
    monkeypatch.setenv("CLAIMSET_CACHE_MAX_MB", value)
    with pytest.raises(InputError) as raised:
        open_cache()
    assert raised.value.code == "CS910" and "CLAIMSET_CACHE_MAX_MB" in str(raised.value)


def test_the_cache_is_bounded_and_keeps_what_was_used_last(folder: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    texts = [f"Text {number}: " + TEXT * 20 for number in range(12)]
    cache = _open()
    for text in texts:
        cache.candidates(text)
    cache.close()
    database = sqlite3.connect(folder / DATABASE)
    sizes = [size for (size,) in database.execute("SELECT length(payload) FROM figures")]
    assert len(sizes) == 12
    monkeypatch.setenv("CLAIMSET_CACHE_MAX_MB", str(4.5 * max(sizes) / 2**20))
    cache = _open()
    cache.candidates(texts[0])  # used again: the most recent
    cache.candidates("One more text with 12 figures in it.")  # a write: eviction follows
    cache.close()
    left = _open()
    assert left.cached(texts[0]) is not None
    assert sum(left.cached(text) is not None for text in texts) <= 4
    held = sum(size for (size,) in database.execute("SELECT length(payload) FROM figures"))
    assert held <= 4.5 * max(sizes)


def test_figure_readings_are_kept_by_figure_text(folder: Path) -> None:
    cache = _open()
    for figure in ("150,000", "nearly $20 billion", "$20 billion", "a dozen", "no figure"):
        assert cache.reading(figure) == read_figure(figure)
    cache.close()
    again = _open()
    again._readings.clear()
    for figure in ("150,000", "nearly $20 billion", "$20 billion", "a dozen", "no figure"):
        assert again.reading(figure) == read_figure(figure)
    assert not again._new_readings  # all from the database


def _writer(directory: str, number: int) -> int:
    os.environ["CLAIMSET_CACHE_DIR"] = directory
    cache = open_cache()
    assert cache is not None
    for index in range(6):
        cache.candidates(f"Run {number}, text {index}: " + TEXT)
        cache.candidates("Shared text: " + TEXT)
    cache.close()
    return cache.written


def test_concurrent_runs_write_the_same_cache_safely(folder: Path) -> None:
    context = multiprocessing.get_context("spawn")
    with context.Pool(3) as pool:
        written = pool.starmap(_writer, [(str(folder), number) for number in range(3)])
    assert all(written)
    cache = _open()
    for number in range(3):
        for index in range(6):
            text = f"Run {number}, text {index}: " + TEXT
            assert cache.cached(text) == extract(text)
    assert cache.cached("Shared text: " + TEXT) == extract("Shared text: " + TEXT)


def test_the_fingerprint_follows_every_file_of_the_grammar_and_core(tmp_path: Path) -> None:
    import shutil

    import claimset

    source = Path(claimset.__file__).parent
    package = tmp_path / "claimset"
    for folder in ("grammar", "core"):
        shutil.copytree(source / folder, package / folder)
    first = cache_module.fingerprint_of(str(package))
    assert first == cache_module.grammar_fingerprint()  # the same files, the same print
    (package / "grammar" / "__pycache__").mkdir(exist_ok=True)
    (package / "grammar" / "__pycache__" / "x.pyc").write_bytes(b"bytecode")
    assert cache_module.fingerprint_of(str(package)) == first  # bytecode is no input
    lexicon = package / "grammar" / "_lexicon.py"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# one more word\n",
                       encoding="utf-8")
    changed = cache_module.fingerprint_of(str(package))
    assert changed != first
    (package / "core" / "units.txt").write_text("metre = [length]\n", encoding="utf-8")
    assert cache_module.fingerprint_of(str(package)) not in {first, changed}
