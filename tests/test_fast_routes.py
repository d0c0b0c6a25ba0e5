"""The fast routes agree with the strict ones they stand in for.

`jsonio.parse_round_trip` (orjson) may only ever say "this file is strict
JSON", and `JsonFile.in_canonical_layout` "this is Python's canonical layout";
`canonical.in_order` must say what comparing against `canonical_text` would;
pausing the collector must leave it as it was.
"""

from __future__ import annotations

import gc
import json
import os
import random
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimset
from claimset.check._fast import collector_paused
from claimset.core.errors import DatasetError, InputError
from claimset.store.canonical import SHAPES, canonical_text, dumps, in_order
from claimset.store.jsonio import JsonFile, parse_json_text, parse_round_trip, read_bytes, read_json

from conftest import DEMO_TEXT, demo_claims, source_document, write_checkout

SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
           | st.floats(allow_nan=False, allow_infinity=False)
           | st.floats(min_value=-1e-3, max_value=1e-3)  # where float layouts differ
           | st.text(max_size=12).filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s)))
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=8).filter(
        lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s)), children, max_size=4),
    max_leaves=20,
)


def same_json(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (1 and 1.0 differ in a file)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_json(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same_json, a, b))
    return bool(a == b)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_a_file_in_python_layout_reads_the_same_by_either_route(value: Any) -> None:
    text = dumps(value)
    round_trips, data = parse_round_trip(text.encode("utf-8"))
    if round_trips:
        assert same_json(data, json.loads(text))


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_the_fast_route_accepts_only_python_layout(value: Any) -> None:
    # orjson's own layout differs from Python's for some floats: such text must not pass.
    try:
        raw = orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:  # an integer past 64 bits: nothing to compare
        return
    round_trips, data = parse_round_trip(raw)
    assert round_trips and same_json(data, json.loads(raw))
    for file in (parse_json_text(raw.decode("utf-8"), file="x.json"),
                 JsonFile(file="x.json", data=data, round_trips=True, source=[raw])):
        if file.in_canonical_layout():
            assert dumps(json.loads(raw)) == raw.decode("utf-8")


def test_clean_dataset_files_take_the_fast_route(tmp_path: Path) -> None:
    root = write_checkout(tmp_path)
    for name in ("demo.json", "index.json"):
        file = read_json(root / "dataset" / name)
        assert file.round_trips and file.in_canonical_layout()


@pytest.mark.parametrize(("raw", "code"), [
    (b'{\n  "a": 1,\n  "a": 1\n}\n', "CS102"),
    (b'{\n  "a": {\n    "b": [],\n    "b": []\n  }\n}\n', "CS102"),
    (b'{\n  "a": NaN\n}\n', "CS103"),
    (b'{\n  "a": -Infinity\n}\n', "CS103"),
    (b'{\n  "a": 1e999\n}\n', "CS103"),
    (b'{\n  "a": "\\ud800"\n}\n', "CS107"),
    (b'[\n  1,\n]\n', "CS101"),
])
def test_what_strict_json_refuses_never_takes_the_fast_route(tmp_path: Path, raw: bytes,
                                                             code: str) -> None:
    assert parse_round_trip(raw) == (False, None)
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        read_json(path)
    assert caught.value.code == code


@pytest.mark.parametrize("raw", [
    b'{"a": 1}\n',                       # compact
    b'{\n  "a": 1\n}',                   # no final newline
    b'{\n  "a": "\\u00e9"\n}\n',          # an escape canonical form writes as the character
    b'{\n  "a": 2.5e-05\n}\n',            # Python's layout, which orjson writes otherwise
    b'{\n  "a": 123456789012345678901234567890\n}\n',  # past 64 bits: orjson reads a float
    b"[" * 2000 + b"]" * 2000 + b"\n",    # deeper than orjson reads
])
def test_other_layouts_take_the_strict_route(tmp_path: Path, raw: bytes) -> None:
    assert parse_round_trip(raw) == (False, None)
    path = tmp_path / "x.json"
    path.write_bytes(raw)
    if not raw.startswith(b"[["):
        assert read_json(path).data == json.loads(raw)


def test_a_duplicate_key_in_canonical_layout_fails_load_and_validate(tmp_path: Path) -> None:
    root = write_checkout(tmp_path)
    path = root / "dataset" / "demo.json"
    text = path.read_text(encoding="utf-8")
    doubled = text.replace('      "unit": "troops",\n',
                           '      "unit": "troops",\n      "unit": "troops",\n', 1)
    assert doubled != text
    path.write_text(doubled, encoding="utf-8")
    assert "CS102" in claimset.validate(root).codes()
    with pytest.raises(DatasetError) as caught:
        claimset.load(root)
    assert caught.value.code == "CS102"
    assert path.read_text(encoding="utf-8") == doubled


# -- key order --------------------------------------------------------------------------


def _shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        items = [(key, _shuffled(child, rng)) for key, child in value.items()]
        if rng.random() < 0.3:
            rng.shuffle(items)
        return dict(items)
    if isinstance(value, list):
        return [_shuffled(child, rng) for child in value]
    return value


def _demo_document() -> dict[str, Any]:
    return source_document(DEMO_TEXT, demo_claims())


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 2**32), st.sampled_from(["source", "index", "bundle"]),
       st.dictionaries(st.sampled_from(["zz", "extra", "id", "claims"]), st.integers(), max_size=2))
def test_in_order_says_what_comparing_with_canonical_text_says(seed: int, kind: str,
                                                               extra: dict[str, int]) -> None:
    base = _demo_document()
    if kind == "index":
        base = {"name": "n", "version": "1.0.0", "description": "d", "license": "l",
                "sources": ["demo"]}
    elif kind == "bundle":
        base = {"name": "n", "version": "1.0.0", "description": "d", "license": "l",
                "sources": [{"source": base["source"], "text": "t", "claims": base["claims"],
                             "exclusions": base["exclusions"]}]}
    document = _shuffled({**base, **extra}, random.Random(seed))
    assert in_order(document, SHAPES[kind]) == (
        dumps(document) == canonical_text(document, kind=kind))


def test_canonical_layout_with_keys_out_of_order_is_still_not_canonical(
        tmp_path: Path) -> None:
    root = write_checkout(tmp_path)
    path = root / "dataset" / "demo.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    claim = document["claims"][0]
    document["claims"][0] = {"value": claim["value"],
                             **{k: v for k, v in claim.items() if k != "value"}}
    path.write_text(dumps(document), encoding="utf-8")  # pretty, but "value" comes first
    assert read_json(path).in_canonical_layout()
    report = claimset.validate(root)
    assert [p.code for p in report.warnings] == ["CS105"]


# -- the collector ------------------------------------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), collector_paused():
            raise RuntimeError
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_load_and_validate_leave_the_collector_running(tmp_path: Path) -> None:
    root = write_checkout(tmp_path)
    claimset.load(root)
    assert gc.isenabled()
    claimset.validate(root)
    assert gc.isenabled()
    (root / "dataset" / "demo.json").write_text("{", encoding="utf-8")
    with pytest.raises(DatasetError):
        claimset.load(root)
    assert gc.isenabled()


# -- reading -----------------------------------------------------------------------------


class _Shrunk:
    """A stat result that reports a smaller size than the file has (it grew after the stat)."""

    def __init__(self, real: os.stat_result, size: int) -> None:
        self._real, self.st_size = real, size

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@pytest.mark.parametrize(("limit", "outcome"), [(1000, "whole"), (50, "CS106")])
def test_a_file_that_grows_after_its_stat_is_read_whole_or_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int, outcome: str) -> None:
    path = tmp_path / "growing.json"
    path.write_bytes(b"x" * 100)
    real_stat = Path.stat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: _Shrunk(real_stat(self, **kw), 10))
    if outcome == "whole":
        assert read_bytes(path, file="growing.json", max_bytes=limit) == b"x" * 100
    else:
        with pytest.raises(InputError) as caught:
            read_bytes(path, file="growing.json", max_bytes=limit)
        assert caught.value.code == outcome


# -- the seam -------------------------------------------------------------------------------


def test_the_speed_hacks_live_behind_one_seam() -> None:
    """The paused collector and the positional constructors of the model are defined in
    claimset.check._fast and used only by the checker's route: the checker, the loader,
    the path-taking entry points and the workers of ``validate --jobs N`` (the extractor
    builds its own Candidate positionally, inside the grammar)."""
    import ast

    package = Path(claimset.__file__).parent
    allowed = {"check/_fast.py", "core/construct.py", "check/checker.py", "check/loader.py",
               "check/api.py", "check/workers.py"}
    found = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Attribute) and node.attr in ("disable", "enable") and (
                    isinstance(node.value, ast.Name) and node.value.id == "gc"):
                names = ["gc." + node.attr]
            for name in names:
                hack = (name in ("gc", "gc.disable", "gc.enable")
                        or name.endswith((".construct.positional_constructor",
                                          "._fast.collector_paused")))
                if hack and relative not in allowed and not (
                        relative.startswith("grammar/") and "positional" in name):
                    found.append(f"{relative}: {name}")
    assert not found, "route these through claimset.check._fast: " + "; ".join(found)


def _unusable_numbers_by_the_book(instance: Any) -> list[tuple[str, str, str]]:
    """The walk as first written: a pointer spelled for every node it meets."""
    from claimset.check.schema import MAX_MAGNITUDE
    from claimset.store.positions import escape_pointer_token

    found: list[tuple[str, str]] = []
    stack: list[tuple[str, Any]] = [("", instance)]
    while stack:
        here, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                token = here + "/" + escape_pointer_token(key)
                if key in {"start", "end", "length"} and isinstance(item, float):
                    found.append((token, "CS115"))
                elif key in {"value", "lower", "upper"} and isinstance(
                        item, int | float) and not isinstance(item, bool) and abs(
                        item) > MAX_MAGNITUDE:
                    found.append((token, "CS116"))
                else:
                    stack.append((token, item))
        elif isinstance(value, list):
            stack.extend((f"{here}/{position}", item) for position, item in enumerate(value))
    return sorted(found)


NUMBER_KEYS = st.sampled_from(["start", "end", "length", "value", "lower", "upper", "a/b",
                               "~", "claims", ""])
NUMBERS = (st.integers(min_value=-(10**310), max_value=10**310) | st.floats(allow_nan=False)
           | st.booleans() | st.none())
NESTED = st.recursive(
    NUMBERS, lambda children: st.lists(children, max_size=4)
    | st.dictionaries(NUMBER_KEYS, children, max_size=5), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(NESTED)
def test_unusable_numbers_finds_what_the_node_by_node_walk_found(value: Any) -> None:
    from claimset.check.schema import unusable_numbers

    found = [(problem.pointer, problem.code) for problem in unusable_numbers(value)]
    assert found == _unusable_numbers_by_the_book(value)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["1", "22", "one", "twenty", "x", "onex", " ", "-", "é"]),
                max_size=30), st.integers(0, 12))
def test_count_numbers_counts_what_a_python_loop_counts_up_to_its_limit(
        parts: list[str], limit: int) -> None:
    import itertools

    from claimset.grammar.limits import _NUMBERISH, count_numbers

    text = " ".join(parts)
    expected = sum(1 for _ in itertools.islice(_NUMBERISH.finditer(text.lower()), limit + 1))
    assert count_numbers(text, limit=limit) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1", "22", "one", "twenty", "İ", "İone", "onex", "1one", " ",
                                 "-", ",", "é", "hundred"]), max_size=40),
       st.sampled_from(["", " "]))
def test_a_text_holds_no_more_numbers_than_code_points(parts: list[str], joint: str) -> None:
    """The bound that lets too_many_numbers skip a short text's scan."""
    from claimset.grammar.limits import count_numbers, too_many_numbers

    text = joint.join(parts)
    count = count_numbers(text, limit=10**6)
    assert count <= len(text)
    for limit in (max(0, len(text) - 1), len(text), count, max(0, count - 1)):
        assert (too_many_numbers(text, limit=limit) is not None) == (count > limit)


DECIMAL_KEYS = st.sampled_from(["start", "end", "length", "value", "lower", "upper", "claims",
                                'x"start', 'start"', '"value', "st\\u0061rt", "", "é"])
FINITE_NUMBERS = (st.integers(min_value=-(10**310), max_value=10**310)
                  | st.floats(allow_nan=False, allow_infinity=False)
                  | st.sampled_from([2711.0, -0.0, 1.5e300, -1e301, 10.0**300]))
STRINGS = st.sampled_from(['"start": 2711.0', '": 1.5e+301', "start", '\\": 1.0', "é"])
FILE_DOCUMENTS = st.recursive(
    FINITE_NUMBERS | STRINGS | st.booleans() | st.none(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(DECIMAL_KEYS, children, max_size=5), max_leaves=25)


def _written(document: Any, writer: str) -> bytes:
    if writer == "orjson":
        return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    indent = 2 if writer == "python" else None
    return (json.dumps(document, indent=indent, ensure_ascii=writer == "ascii") + "\n").encode()


@settings(max_examples=400, deadline=None)
@given(FILE_DOCUMENTS, st.sampled_from(["orjson", "python", "ascii", "compact"]))
def test_unusable_numbers_in_a_file_finds_what_the_walk_finds(document: Any,
                                                               writer: str) -> None:
    """The proof from a file's text never hides a problem the walk finds."""
    from claimset.check.schema import unusable_numbers, unusable_numbers_in
    from claimset.store.jsonio import parse_json_bytes

    try:
        raw = _written(document, writer)
    except orjson.JSONEncodeError:  # an integer beyond 64 bits
        raw = _written(document, "python")
    file = parse_json_bytes(raw, file="x.json")
    expected = unusable_numbers(file.data)
    assert unusable_numbers_in(file, file.data) == expected
    text_file = parse_json_text(raw.decode("utf-8"), file="x.json")
    assert unusable_numbers_in(text_file, text_file.data) == expected


def test_a_round_tripped_file_with_whole_offsets_is_not_walked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from claimset.check import schema
    from claimset.store.jsonio import parse_json_bytes

    document = {"claims": [{"quote": {"start": 14, "end": 20}, "value": 0.61,
                            "text": '"start": 1.5'}], "source": {"length": 120}}
    file = parse_json_bytes(_written(document, "orjson"), file="x.json")
    # The string's escaped quote matches too, as a key `start\` no field has: harmless.
    found = file.keyed_decimals()
    assert file.round_trips and found is not None
    assert list(found) == [("value", "0.61"), ("start\\", "1.5")]

    def walk(instance: Any) -> list[Any]:
        raise AssertionError("walked a file whose text proves it clean")

    monkeypatch.setattr(schema, "unusable_numbers", walk)
    assert schema.unusable_numbers_in(file, file.data) == []
    document["claims"][0]["quote"]["start"] = 14.0
    file = parse_json_bytes(_written(document, "orjson"), file="x.json")
    with pytest.raises(AssertionError, match="walked"):
        schema.unusable_numbers_in(file, file.data)


def test_a_file_is_scanned_once_whatever_parts_of_it_are_checked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every source of a bundle asks of the one file: its text is scanned once."""
    from claimset.check import schema
    from claimset.store.jsonio import JsonFile, parse_json_bytes

    document = {"sources": [{"claims": [{"value": 0.5}]}, {"claims": [{"value": 2}]}]}
    file = parse_json_bytes(_written(document, "orjson"), file="bundle.json")
    scans: list[JsonFile] = []
    scan = JsonFile.keyed_decimals

    def counted(self: JsonFile) -> Any:
        scans.append(self)
        return scan(self)

    monkeypatch.setattr(JsonFile, "keyed_decimals", counted)
    for part in (file.data, *file.data["sources"]):
        assert schema.unusable_numbers_in(file, part) == []
    assert len(scans) == 1


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats() | st.floats(min_value=-1e-3, max_value=1e-3)
    | st.floats(min_value=1e15, max_value=1e17) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.tuples(children)
    | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=20)


@settings(max_examples=500, deadline=None)
@given(JSONISH)
def test_canonical_dumps_writes_what_the_standard_library_writes(value: Any) -> None:
    try:
        expected: str | type[Exception] = json.dumps(
            value, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except ValueError:
        expected = ValueError
    if expected is ValueError:
        with pytest.raises(ValueError):
            dumps(value)
    else:
        assert dumps(value) == expected


def test_canonical_dumps_escapes_every_character_as_the_standard_library_does() -> None:
    text = "".join(chr(point) for point in range(0x110000) if not 0xD800 <= point <= 0xDFFF)
    assert dumps({"text": text}) == json.dumps({"text": text}, indent=2,
                                               ensure_ascii=False) + "\n"
    assert dumps(["\ud800"]) == '[\n  "\ud800"\n]\n'  # a lone surrogate: the slow route
