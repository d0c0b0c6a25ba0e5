"""Hostile input: every bad file gives a problem code and a non-zero exit, never a traceback.

Each case runs the command line in-process (``claimset.cli.main`` with capsys)
and some also in a subprocess, to prove that nothing reaches stderr as a
traceback; every case hashes the checkout before and after, because reading
bad data must never change it.  Nothing is normalised: text that differs from
the source by one invisible code point fails, and the exact text passes.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import tracemalloc
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimset
from claimset.cli import main
from claimset.core.errors import ClaimsetError, DatasetError, InputError
from claimset.store.jsonio import MAX_JSON_BYTES, read_json
from claimset.store.lock import LOCK_NAME

from conftest import make_claim, source_document, write_checkout, write_source_file

SOURCE_FILE = Path("dataset/demo.json")
SEED = Path("seeds/demo.txt")


def digest(root: Path) -> dict[str, Any]:
    """sha256 of each file, and where each symlink points (a command must not re-point one).

    Files over the JSON size limit (the sparse 1 GB one) are compared by size and
    mtime: hashing them would read the gigabyte the test proves nobody reads.
    """
    found: dict[str, Any] = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if name == LOCK_NAME:  # the writers' lock: an empty file, left on purpose
            continue
        if path.is_symlink():
            found[name + " ->"] = str(path.readlink())
        elif path.is_file():
            status = path.stat()
            found[name] = ((status.st_size, status.st_mtime_ns) if status.st_size > MAX_JSON_BYTES
                           else hashlib.sha256(path.read_bytes()).hexdigest())
    return found


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code != 3, err  # 3 is an internal error: a bug
    return code, out, err


def subprocess_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "claimset", *args], capture_output=True,
                            text=True, timeout=120, cwd=cwd,
                            env={**os.environ, "CLAIMSET_DEBUG": ""})
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode not in (0, 3), (result.returncode, result.stderr)
    return result


def validate_cli(root: Path, capsys: pytest.CaptureFixture[str], *codes: str,
                 exit_code: int = 1) -> str:
    """Validate ``root`` in-process: exit code, the codes shown, and nothing changed."""
    before = digest(root)
    code, out, err = cli(["validate", str(root), "--format", "json"], capsys)
    assert code == exit_code, out + err
    shown = {problem["code"] for problem in json.loads(out)["problems"]} if out else set()
    for expected in codes:
        assert expected in shown or expected in err, (expected, out, err)
    assert digest(root) == before
    return out + err


def load_fails(root: Path, code: str) -> DatasetError | InputError:
    with pytest.raises((DatasetError, InputError)) as caught:
        claimset.load(root)
    error = caught.value
    assert code in {error.code, *(problem.code for problem in error.problems)}, error
    return error


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "repo")


# -- arbitrary JSON ------------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=25,
)
# Keys the schema knows, so that arbitrary values reach the checker's later layers.
KEYS = st.sampled_from(["source", "claims", "exclusions", "id", "quote", "figure", "value",
                        "start", "end", "text", "path", "sha256", "length", "qualifier",
                        "lower", "upper", "unit", "reason", "sources", "name", "version"])


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


@st.composite
def damaged_documents(draw: st.DrawFn) -> Any:
    """The demo's valid source document with one value replaced by arbitrary JSON."""
    document = source_document_demo()
    paths = list(_paths(document))
    path = draw(st.sampled_from(paths))
    replacement = draw(JSON | st.dictionaries(KEYS, JSON, max_size=4))
    if not path:
        return replacement
    parent = document
    for token in path[:-1]:
        parent = parent[token]
    if draw(st.booleans()) and isinstance(parent, dict):
        parent[draw(KEYS)] = replacement  # an added key
    else:
        parent[path[-1]] = replacement
    return document


def source_document_demo() -> dict[str, Any]:
    from conftest import DEMO_TEXT, demo_claims

    return source_document(DEMO_TEXT, demo_claims(DEMO_TEXT))


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="claimset-hostile-") as directory:
        yield write_checkout(Path(directory) / "repo")


def _only_library_errors(root: Path, name: str, document: Any) -> None:
    # json.dumps writes NaN/Infinity for such floats: the strict reader's CS103 case.
    (root / "dataset" / name).write_text(json.dumps(document, ensure_ascii=False, indent=1),
                                         encoding="utf-8", errors="surrogatepass")
    try:
        report = claimset.validate(root)
        assert not report.ok or name == "demo.json"
        claimset.load(root)
    except ClaimsetError:
        pass


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=JSON)
def test_arbitrary_json_as_a_source_file_only_raises_library_errors(scratch: Path,
                                                                    document: Any) -> None:
    _only_library_errors(scratch, "demo.json", document)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=damaged_documents())
def test_a_damaged_source_file_only_raises_library_errors(scratch: Path, document: Any) -> None:
    _only_library_errors(scratch, "demo.json", document)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=JSON | st.dictionaries(KEYS, JSON, max_size=5))
def test_arbitrary_json_as_the_index_only_raises_library_errors(scratch: Path,
                                                                document: Any) -> None:
    _only_library_errors(scratch, "index.json", document)
    (scratch / "dataset" / "index.json").write_text(json.dumps({
        "name": "claimset", "version": "1.0.0", "description": "Test data.",
        "license": "CC-BY-4.0", "sources": ["demo"]}, indent=2) + "\n", encoding="utf-8")


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=200))
def test_arbitrary_bytes_as_a_source_file_only_raise_library_errors(scratch: Path,
                                                                    data: bytes) -> None:
    (scratch / SOURCE_FILE).write_bytes(data)
    report = claimset.validate(scratch)
    assert not report.ok
    with pytest.raises(ClaimsetError):
        claimset.load(scratch)


# -- size and depth ------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 100_000 + "1" + "}" * 100_000,
    "[" * 100_000,  # unclosed as well
], ids=["array", "object", "unclosed"])
def test_json_nested_100000_deep_is_cs108(repo: Path, text: str,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    (repo / SOURCE_FILE).write_text(text, encoding="utf-8")
    validate_cli(repo, capsys, "CS108")
    load_fails(repo, "CS108")


def test_deep_nesting_in_a_subprocess_prints_one_line(repo: Path) -> None:
    (repo / SOURCE_FILE).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = subprocess_cli("validate", str(repo))
    assert result.returncode == 1
    assert "CS108" in result.stdout


def test_a_1_gb_file_is_refused_before_it_is_read(repo: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    with (repo / SOURCE_FILE).open("r+b") as handle:
        handle.truncate(2**30)  # sparse: costs no disk
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            read_json(repo / SOURCE_FILE)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.code == "CS106"
    assert str(MAX_JSON_BYTES) in str(caught.value)
    assert peak < 10 * 2**20  # nothing like the file was read
    validate_cli(repo, capsys, "CS106")
    load_fails(repo, "CS106")
    assert "CS106" in subprocess_cli("validate", str(repo)).stdout


def test_a_10_mb_single_line_is_read_and_located(repo: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    document = json.loads((repo / SOURCE_FILE).read_text(encoding="utf-8"))
    document["source"]["notes"] = "x" * 10_000_000
    line = json.dumps(document)
    # The same key twice at the end of the 10 MB line: located by column.
    (repo / SOURCE_FILE).write_text(line[:-1] + ', "claims": []}', encoding="utf-8")
    out = validate_cli(repo, capsys, "CS102")
    duplicate = next(p for p in json.loads(out)["problems"] if p["code"] == "CS102")
    assert (duplicate["line"], duplicate["column"]) == (1, len(line) + 2)
    (repo / SOURCE_FILE).write_text(line, encoding="utf-8")  # valid, but not canonical
    validate_cli(repo, capsys, "CS105", exit_code=0)
    assert claimset.load(repo).sources["demo"].notes == "x" * 10_000_000


def test_a_10_mb_single_line_seed_is_checked(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    # Few numbers, to keep the extractor's share of the test small.
    text = ("Planners said a force of some 150,000 troops would maintain order. "
            + "Planners said the force would maintain order. " * 220_000 + "Total: 3 units.")
    claim = make_claim(text[:80], "troops",
                       "Planners said a force of some 150,000 troops would maintain order.",
                       "150,000", 150000, qualifier="approximately", attribution="Planners",
                       stance="attributed")
    repo = write_checkout(tmp_path / "repo", text=text, claims=[claim])
    assert len(text.encode()) > 10_000_000 and "\n" not in text
    out = validate_cli(repo, capsys, "CS401")  # the '3' at the very end is no claim
    [problem] = json.loads(out)["problems"]
    assert (problem["file"], problem["line"], problem["column"]) == ("seeds/demo.txt", 1,
                                                                     len(text) - 7)
    assert claimset.load(repo).claims[0].value == 150000


# -- encodings and control characters -------------------------------------------------------


@pytest.mark.parametrize(("change", "code"), [
    (lambda data: data.replace(b'"A demo source"', b'"A demo \xff source"'), "CS107"),
    (lambda data: data.replace(b'"A demo source"', b'"A demo \xc3 source"'), "CS107"),
    (lambda data: b"\xef\xbb\xbf" + data, "CS107"),
    (lambda data: data.replace(b'"A demo source"', b'"A demo \x00 source"'), "CS101"),
    (lambda data: data.replace(b'"A demo source"', b'"A demo \\ud800 source"'), "CS107"),
    (lambda data: data.replace(b"\n", b"\r\n"), "CS105"),
    (lambda data: data.replace(b"\n", b"\r"), "CS105"),
], ids=["invalid-byte", "truncated-sequence", "bom", "nul", "lone-surrogate", "crlf", "cr"])
def test_bad_bytes_in_a_dataset_file(repo: Path, change: Callable[[bytes], bytes], code: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / SOURCE_FILE
    path.write_bytes(change(path.read_bytes()))
    # CR line endings are only a formatting warning (exit 0): the data reads the same.
    validate_cli(repo, capsys, code, exit_code=0 if code == "CS105" else 1)
    if code != "CS105":
        load_fails(repo, code)
        before = digest(repo)
        code_fmt, _, err = cli(["fmt", str(repo)], capsys)
        assert code_fmt == 2 and code in err  # fmt never rewrites what it cannot read
        assert digest(repo) == before


@pytest.mark.parametrize("change", [
    lambda data: data + b"\xff",
    lambda data: data[:20] + b"\xe2\x80" + data[20:],
    lambda data: b"\xef\xbb\xbf" + data,
    lambda data: data + b"\x00",
    lambda data: data[:10] + b"\x00" + data[10:],
], ids=["invalid-byte", "truncated-sequence", "bom", "nul-at-end", "nul-inside"])
def test_bad_bytes_in_a_seed_are_cs303(repo: Path, change: Callable[[bytes], bytes],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    # The dataset still records the old sha256; CS303 must name the real cause anyway.
    path = repo / SEED
    path.write_bytes(change(path.read_bytes()))
    validate_cli(repo, capsys, "CS303")
    load_fails(repo, "CS303")


def test_a_seed_converted_to_crlf_is_cs304_with_the_likely_cause(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = repo / SEED
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # git's core.autocrlf
    out = validate_cli(repo, capsys, "CS304")
    assert "CRLF" in out
    load_fails(repo, "CS304")


def test_a_seed_pinned_with_crlf_counts_each_cr_as_a_code_point(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Seeds are byte-for-byte as published: CRLF is allowed when it is what was pinned.
    from conftest import DEMO_TEXT, demo_claims

    text = DEMO_TEXT.replace("\n", "\r\n")
    write_source_file(repo, source_document(text, demo_claims(text)))
    (repo / SEED).write_bytes(text.encode("utf-8"))
    validate_cli(repo, capsys, exit_code=0)
    # The claims of the LF text are off by one after the first line: they fail.
    write_source_file(repo, source_document(text, demo_claims(DEMO_TEXT)))
    validate_cli(repo, capsys, "CS201", "CS202")


# -- nothing is normalised -----------------------------------------------------------------

NFC_TEXT = "The café in Zürich counted 150,000 visitors.\n"


def _unicode_repo(root: Path, text: str, quote: dict[str, Any], figure: dict[str, Any]) -> Path:
    claim = {
        "id": "demo/visitors", "quote": quote, "figure": figure, "value": 150000,
        "unit": "visitors", "qualifier": "exact", "lower": None, "upper": None,
        "measure": "visitors", "period": None, "place": None, "attribution": None,
        "stance": "asserted", "tags": [], "note": None,
    }
    return write_checkout(root, text=text, claims=[claim])


def _span(text: str, fragment: str) -> dict[str, Any]:
    start = text.index(fragment)
    return {"start": start, "end": start + len(fragment), "text": fragment}


def _validate_codes(root: Path) -> set[str]:
    return claimset.validate(root, coverage=False).codes()


def test_an_nfd_quote_against_an_nfc_source_fails(tmp_path: Path) -> None:
    quote = _span(NFC_TEXT, "The café in Zürich counted 150,000 visitors")
    figure = _span(NFC_TEXT, "150,000")
    assert not _validate_codes(_unicode_repo(tmp_path / "exact", NFC_TEXT, quote, figure))
    nfd = dict(quote, text=unicodedata.normalize("NFD", quote["text"]))
    assert nfd["text"] != quote["text"]
    assert "CS201" in _validate_codes(_unicode_repo(tmp_path / "nfd", NFC_TEXT, nfd, figure))
    # ... and the other way round: an NFD source is quoted exactly in NFD, or it fails.
    nfd_text = unicodedata.normalize("NFD", NFC_TEXT)
    nfd_quote = _span(nfd_text, unicodedata.normalize("NFD", quote["text"]))
    assert not _validate_codes(_unicode_repo(tmp_path / "nfd-source", nfd_text, nfd_quote,
                                             _span(nfd_text, "150,000")))
    assert "CS201" in _validate_codes(_unicode_repo(
        tmp_path / "nfc-quote", nfd_text, dict(nfd_quote, text=quote["text"]),
        _span(nfd_text, "150,000")))


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",
                                       "\u200f", "\u200e", "\u202e", "\u00ad"],
                         ids=["zwsp", "zwnj", "zwj", "word-joiner", "zwnbsp", "rlm", "lrm",
                              "rlo", "soft-hyphen"])
def test_invisible_characters_are_never_ignored(tmp_path: Path, invisible: str) -> None:
    quote = _span(NFC_TEXT, "The café in Zürich counted 150,000 visitors")
    figure = _span(NFC_TEXT, "150,000")
    sneaky = dict(quote, text=quote["text"].replace("counted ", "counted" + invisible + " "))
    assert "CS201" in _validate_codes(_unicode_repo(tmp_path / "q", NFC_TEXT, sneaky, figure))
    sneaky_figure = dict(figure, text="150" + invisible + ",000")
    assert "CS202" in _validate_codes(_unicode_repo(tmp_path / "f", NFC_TEXT, quote,
                                                    sneaky_figure))
    # In the source itself, quoted exactly, the same character passes.
    text = NFC_TEXT.replace("counted ", "counted" + invisible + " ")
    assert not _validate_codes(_unicode_repo(
        tmp_path / "exact", text, _span(text, "The café in Zürich counted" + invisible
                                        + " 150,000 visitors"), _span(text, "150,000")))


ASTRAL_TEXT = "𝐓𝐡𝐞 tally: 😀150,000 visitors🏳️‍🌈 — 𝟏𝟓𝟎 more\n"


def test_astral_characters_at_span_edges_count_one_code_point(tmp_path: Path) -> None:
    quote = _span(ASTRAL_TEXT, "😀150,000 visitors🏳️‍🌈")
    figure = _span(ASTRAL_TEXT, "150,000")
    root = _unicode_repo(tmp_path / "exact", ASTRAL_TEXT, quote, figure)
    assert "CS201" not in _validate_codes(root) and "CS202" not in _validate_codes(root)
    # Offsets counted in UTF-16 units (as JavaScript does) are off by the astral
    # characters before them: they must fail, not be "corrected".
    utf16 = len(ASTRAL_TEXT[: quote["start"]].encode("utf-16-le")) // 2
    moved = dict(quote, start=utf16, end=utf16 + len(quote["text"]))
    assert "CS201" in _validate_codes(_unicode_repo(tmp_path / "utf16", ASTRAL_TEXT, moved,
                                                    figure))
    # Cutting a flag sequence in the middle is a different text.
    cut = dict(quote, end=quote["end"] - 1, text=quote["text"][:-1])
    assert not {"CS201", "CS202"} & _validate_codes(
        _unicode_repo(tmp_path / "cut-exact", ASTRAL_TEXT, cut, figure))
    wrong_cut = dict(cut, text=quote["text"])
    assert "CS201" in _validate_codes(_unicode_repo(tmp_path / "cut", ASTRAL_TEXT, wrong_cut,
                                                    figure))


# -- paths and symlinks ----------------------------------------------------------------------


def _set_seed_path(repo: Path, path: str) -> None:
    document = json.loads((repo / SOURCE_FILE).read_text(encoding="utf-8"))
    document["source"]["path"] = path
    write_source_file(repo, document)


@pytest.mark.parametrize("path", ["/etc/passwd", "../demo.txt", "seeds/../seeds/demo.txt",
                                  "seeds/../../repo/seeds/demo.txt", "C:\\seeds\\demo.txt",
                                  "seeds\\demo.txt", "dataset/index.json", "seeds/sub/demo.txt",
                                  "//server/share/demo.txt"])
def test_seed_paths_outside_seeds_are_cs302(repo: Path, path: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    _set_seed_path(repo, path)
    validate_cli(repo, capsys, "CS302")
    load_fails(repo, "CS302")


def test_a_seed_symlinked_outside_the_repository_is_cs302(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes((repo / SEED).read_bytes())  # the very same text, sha256 and all
    (repo / SEED).unlink()
    (repo / SEED).symlink_to(outside)
    validate_cli(repo, capsys, "CS302")
    load_fails(repo, "CS302")
    assert "CS302" in subprocess_cli("validate", str(repo)).stdout


def test_a_seed_symlink_to_a_device_is_cs302_and_does_not_hang(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / SEED).unlink()
    (repo / SEED).symlink_to("/dev/zero")
    validate_cli(repo, capsys, "CS302")


def test_a_seed_fifo_does_not_hang(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / SEED).unlink()
    os.mkfifo(repo / SEED)
    validate_cli(repo, capsys, "CS111")


@pytest.mark.parametrize("loop", ["self", "pair"])
def test_a_seed_symlink_loop_is_cs302(repo: Path, loop: str,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    (repo / SEED).unlink()
    if loop == "self":
        (repo / SEED).symlink_to("demo.txt")
    else:
        (repo / SEED).symlink_to("other.txt")
        (repo / "seeds" / "other.txt").symlink_to("demo.txt")
    validate_cli(repo, capsys, "CS302")
    load_fails(repo, "CS302")


def test_a_dataset_file_symlink_loop_is_cs111(repo: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    (repo / SOURCE_FILE).unlink()
    (repo / SOURCE_FILE).symlink_to("demo.json")
    validate_cli(repo, capsys, "CS111")
    load_fails(repo, "CS111")
    code, _, err = cli(["fmt", str(repo)], capsys)
    assert code == 2 and "CS111" in err
    assert "CS111" in subprocess_cli("validate", str(repo)).stdout


def test_a_seeds_folder_symlink_loop(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = repo / "seeds"
    for path in seeds.iterdir():
        path.unlink()
    seeds.rmdir()
    seeds.symlink_to("seeds")
    validate_cli(repo, capsys, "CS302")


def test_a_dataset_folder_symlink_loop_is_not_a_dataset(
        repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dataset = repo / "dataset"
    for path in dataset.iterdir():
        path.unlink()
    dataset.rmdir()
    dataset.symlink_to("dataset")
    code, _, err = cli(["validate", str(repo)], capsys)
    assert code == 2 and "CS310" in err


@pytest.mark.parametrize("argument", ["{repo}/../repo", "{repo}/dataset/../dataset",
                                      "{repo}/dataset"])
def test_command_line_paths_with_dot_dot_and_absolute(repo: Path, argument: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["validate", argument.format(repo=repo)], capsys)
    assert code == 0, out


@pytest.mark.parametrize("argument", ["/nonexistent/claimset", "{repo}/../nowhere",
                                      "{repo}/seeds/demo.txt", "{repo}/seeds"])
def test_command_line_paths_that_are_not_datasets(repo: Path, argument: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(repo)
    code, _, err = cli(["validate", argument.format(repo=repo)], capsys)
    assert code in (1, 2)
    assert "CS1" in err or "CS3" in err or code == 1
    assert digest(repo) == before


def test_a_directory_where_a_dataset_file_belongs(repo: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (repo / SOURCE_FILE).unlink()
    (repo / SOURCE_FILE).mkdir()
    validate_cli(repo, capsys, "CS111")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_dataset_file_is_cs109(repo: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    (repo / SOURCE_FILE).chmod(0)
    try:
        validate_cli(repo, capsys, "CS109")
    finally:
        (repo / SOURCE_FILE).chmod(0o644)


# -- claimset extract -------------------------------------------------------------------------



@pytest.mark.parametrize("data", [b"\x00\x01\x02\xff" * 64, b"\x89PNG\r\n\x1a\n\x00\x00",
                                  b"caf\xe9 150 troops", b"\xff\xfe1\x002\x00"],
                         ids=["binary", "png", "latin-1", "utf-16"])
def test_extract_refuses_binary_files(tmp_path: Path, data: bytes,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "file.bin"
    path.write_bytes(data)
    code, out, err = cli(["extract", str(path)], capsys)
    assert code == 2 and "CS110" in err and not out
    result = subprocess_cli("extract", str(path))
    assert "CS110" in result.stderr


def test_extract_on_an_empty_file_finds_nothing(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # An empty text is valid input with no figures: exit 0, no output.
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    for fmt in ("text", "jsonl"):
        code, out, _ = cli(["extract", "--format", fmt, str(path)], capsys)
        assert (code, out) == (0, "")


@pytest.mark.parametrize("target", ["directory", "missing", "fifo-free-dir"])
def test_extract_on_things_that_are_not_files(tmp_path: Path, target: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    path = {"directory": tmp_path, "missing": tmp_path / "missing.txt",
            "fifo-free-dir": tmp_path / "sub"}[target]
    if target == "fifo-free-dir":
        path.mkdir()
    code, out, err = cli(["extract", str(path)], capsys)
    # A directory is a corpus: one without documents says so (CS905), a missing path CS110.
    assert code == 2 and out == ""
    assert ("CS110" if target == "missing" else "CS905") in err
