"""The public API checks its arguments and raises claimset's own errors (issue 27).

Every public function and Dataset method is called with each kind of wrong argument
(None where a value is needed, a number for a text or path, bytes for a text, a
list, a bool for a number, NaN and infinity, out-of-range values, a NUL in a path);
each must raise :class:`claimset.core.errors.ArgumentError` (CS121), which is also a
TypeError and a ValueError, naming the function and the argument, before any work.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimset
from claimset.core.errors import ArgumentError, UsageError
from claimset.release.download import fetch

WRONG_TEXT = [None, 5, 1.5, b"12 apples", bytearray(b"x"), ["a"], {"a": 1}, True]
WRONG_PATH = [5, 1.5, b"/tmp", ["a"], {"a": 1}, True, object(), "dir\x00name"]
WRONG_FLAG = [None, 1, 0, "yes", "", [], 1.0]
WRONG_COUNT = [0, -1, 1.5, True, "2", float("nan"), 10**400]
WRONG_SECONDS = [0, -1, float("nan"), float("inf"), "5", True, None, 10**400]


@pytest.fixture(scope="module")
def dataset() -> claimset.Dataset:
    return claimset.load()


def _calls(dataset: claimset.Dataset) -> list[tuple[str, str, Callable[[Any], Any], list[Any]]]:
    """(function, argument, a call with that argument, wrong values) for every public name."""
    return [
        ("claimset.load", "path", lambda v: claimset.load(v), WRONG_PATH),
        ("claimset.validate", "path", lambda v: claimset.validate(v), WRONG_PATH),
        *[("claimset.validate", name, lambda v, name=name: claimset.validate(**{name: v}),
           WRONG_FLAG) for name in ("values", "coverage", "canonical")],
        ("claimset.extract", "text", lambda v: claimset.extract(v), WRONG_TEXT),
        ("claimset.iter_extract", "text", lambda v: claimset.iter_extract(v), WRONG_TEXT),
        ("claimset.read_figure", "text", lambda v: claimset.read_figure(v), WRONG_TEXT),
        ("claimset.extract_corpus", "paths", lambda v: claimset.extract_corpus(v),
         [None, 5, b"x", {"a": 1}, [5], ["ok", None], "a\x00b"]),
        ("claimset.extract_corpus", "jobs", lambda v: claimset.extract_corpus([], jobs=v),
         WRONG_COUNT),
        ("claimset.extract_corpus", "engine", lambda v: claimset.extract_corpus([], engine=v),
         [None, "spark", 1, ""]),
        ("claimset.extract_corpus", "scheduler",
         lambda v: claimset.extract_corpus([], scheduler=v), [5, b"x", ["a"]]),
        ("claimset.extract_corpus", "glob", lambda v: claimset.extract_corpus([], glob=v),
         [None, 5, b"*"]),
        ("claimset.extract_corpus", "on_skip",
         lambda v: claimset.extract_corpus([], on_skip=v), [5, "print", []]),
        ("claimset.download", "version", lambda v: claimset.download(v), WRONG_TEXT),
        ("claimset.download", "base_url", lambda v: claimset.download(base_url=v),
         [5, b"http://x", ["a"]]),
        ("claimset.download", "cache_dir", lambda v: claimset.download(cache_dir=v), WRONG_PATH),
        ("claimset.download", "offline", lambda v: claimset.download(offline=v),
         [1, "yes", []]),
        ("claimset.download", "progress", lambda v: claimset.download(progress=v), WRONG_FLAG),
        ("claimset.download", "registry", lambda v: claimset.download(registry=v), WRONG_PATH),
        ("claimset.download", "timeout", lambda v: claimset.download(timeout=v),
         [None, 5, (1,), (1, 2, 3), (0, 5), (5, float("nan")), ("1", 2), [1, 2]]),
        ("claimset.download", "retry", lambda v: claimset.download(retry=v), [None, 3, {}]),
        ("claimset.download", "lock_timeout", lambda v: claimset.download(lock_timeout=v),
         [-1, float("nan"), "5", None, True]),
        ("claimset.download", "deadline", lambda v: claimset.download(deadline=v),
         [0, -1, float("nan"), float("inf"), "5", True, 10**400]),
        ("claimset.release.download.fetch", "version", lambda v: fetch(v), WRONG_TEXT),
        ("claimset.add_source", "file", lambda v: claimset.add_source(v, source_id="x"),
         [None, *WRONG_PATH]),
        ("claimset.add_source", "source_id", lambda v: claimset.add_source("a.txt", source_id=v),
         WRONG_TEXT),
        ("claimset.add_source", "checkout",
         lambda v: claimset.add_source("a.txt", source_id="x", checkout=v), WRONG_PATH),
        ("claimset.add_source", "authors",
         lambda v: claimset.add_source("a.txt", source_id="x", authors=v),
         ["A. Writer", [1], None, 5, [b"x"]]),
        ("claimset.add_source", "title",
         lambda v: claimset.add_source("a.txt", source_id="x", title=v), [5, b"x", ["a"]]),
        ("claimset.reanchor", "source_id", lambda v: claimset.reanchor(v, "new.txt"), WRONG_TEXT),
        ("claimset.reanchor", "new_file", lambda v: claimset.reanchor("x", v),
         [None, *WRONG_PATH]),
        ("claimset.reanchor", "write", lambda v: claimset.reanchor("x", "new.txt", write=v),
         WRONG_FLAG),
        ("claimset.reanchor", "allow_orphans",
         lambda v: claimset.reanchor("x", "new.txt", allow_orphans=v), WRONG_FLAG),
        ("Dataset.claim", "claim_id", lambda v: dataset.claim(v), WRONG_TEXT),
        ("Dataset.quantity", "key", lambda v: dataset.quantity(v), WRONG_TEXT),
        ("Dataset.claims_of", "source_id", lambda v: dataset.claims_of(v), WRONG_TEXT),
        ("Dataset.exclusions_of", "source_id", lambda v: dataset.exclusions_of(v), WRONG_TEXT),
        *[("Dataset.find", name, lambda v, name=name: dataset.find(**{name: v}),
           [5, b"x", ["a"], True]) for name in ("source", "unit", "qualifier", "attribution",
                                               "stance", "tag", "period", "text")],
        ("Dataset.find", "include_retracted",
         lambda v: dataset.find(include_retracted=v), WRONG_FLAG),
    ]


def _cases() -> list[tuple[str, str, int]]:
    return [(function, argument, index)
            for function, argument, _, wrong in _calls(claimset.Dataset(
                name="x", version="1.0.0", description="", license="", sources={}, claims=[],
                exclusions=[]))
            for index in range(len(wrong))]


@pytest.mark.parametrize(("function", "argument", "index"), _cases())
def test_a_wrong_argument_is_claimsets_own_error(
        function: str, argument: str, index: int, dataset: claimset.Dataset,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # nothing found by default: no work could start
    monkeypatch.setenv("CLAIMSET_OFFLINE", "1")
    monkeypatch.setenv("CLAIMSET_CACHE", os.fspath(tmp_path / "cache"))
    calls = [item for item in _calls(dataset) if item[:2] == (function, argument)]
    call, wrong = calls[0][2], calls[0][3]
    with pytest.raises(ArgumentError) as raised:
        call(wrong[index])
    error = raised.value
    assert error.code == "CS121" and isinstance(error, UsageError | TypeError | ValueError)
    assert function.rpartition(".")[2] in str(error) and argument.split("'")[0] in str(error)
    assert list(tmp_path.iterdir()) == []  # refused before any work


def test_every_public_function_is_in_the_table(dataset: claimset.Dataset) -> None:
    covered = {function.rpartition(".")[2] for function, *_ in _calls(dataset)}
    public = {name for name in claimset.__all__
              if callable(getattr(claimset, name)) and not isinstance(getattr(claimset, name),
                                                                      type)}
    assert public <= covered, public - covered
    methods = {name for name in vars(claimset.Dataset)
               if not name.startswith("_") and callable(vars(claimset.Dataset)[name])}
    # Methods without arguments, or taking the dataset's own value objects, need no check.
    assert methods - covered <= {"to_pandas", "exclusions_frame", "tags_frame", "quantities",
                                 "tags",
                                 "to_records", "relation_outcome", "summary", "from_records"}


def test_right_arguments_still_work(dataset: claimset.Dataset, tmp_path: Path) -> None:
    assert claimset.extract("") == [] and list(claimset.iter_extract("")) == []
    assert claimset.read_figure("150,000") is not None
    assert dataset.find(include_retracted=True)
    text = tmp_path / "a.txt"
    text.write_text("It cost $5 million.\n", encoding="utf-8")
    # One path is also taken as it is, not as an iterable of its characters.
    assert [figure.text for figure in claimset.extract_corpus(text, jobs=1)] == ["$5 million"]
    assert [figure.text for figure in claimset.extract_corpus(os.fspath(text), jobs=1)] \
        == ["$5 million"]


@settings(max_examples=150)
@given(value=st.one_of(st.none(), st.integers(), st.floats(), st.binary(), st.booleans(),
                       st.lists(st.integers(), max_size=2), st.dictionaries(
                           st.text(max_size=2), st.integers(), max_size=2)))
def test_any_non_text_is_refused_by_the_text_functions(value: Any) -> None:
    for function in (claimset.extract, claimset.iter_extract, claimset.read_figure):
        with pytest.raises(ArgumentError):
            function(value)


def test_an_unusable_number_names_its_bound() -> None:
    with pytest.raises(ArgumentError, match="at least 1"):
        claimset.extract_corpus([], jobs=0)
    with pytest.raises(ArgumentError, match="above 0"):
        claimset.download(deadline=math.inf)
