"""Finding and reading a dataset on disk: a checkout, a dataset directory or a bundle.

Everything here is about *reading*; judging what was read is the checker's
job.  A problem that stops a file from being read at all (missing, not UTF-8,
invalid JSON) is collected as a :class:`Problem`, never raised, so that one bad
file does not hide the others.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import Any, NoReturn

import attrs

from claimset.core import limits
from claimset.core.errors import InputError
from claimset.core.problems import Problem
from claimset.grammar.limits import too_many_numbers
from claimset.store.jsonio import MAX_JSON_BYTES, JsonFile, decode_text, read_bytes, read_json
from claimset.store.shards import is_manifest, read_shards

#: Largest source text claimset pins (bytes): a long report is well under 2 MB.
MAX_SEED_BYTES = limits.TEXT_BYTES
SEEDS_DIR = "seeds"
DATASET_DIR = "dataset"
INDEX_NAME = "index.json"
#: A source id as the schema has it: it names dataset/<id>.json and seeds/<id>.txt.
_SOURCE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@attrs.frozen(kw_only=True)
class SourceEntry:
    """One source's document, wherever it came from.

    ``file`` is the JSON file holding it and ``pointer`` where in that file
    (``""`` for dataset/<id>.json, ``"/sources/3"`` inside a bundle).
    ``text`` is the bundle's copy of the text, or None when it comes from seeds/.
    """

    file: JsonFile
    pointer: str
    data: Any
    name_id: str | None
    text: str | None = None

    def problem(self, code: str, message: str, relative: str = "", *, key: bool = False) -> Problem:
        return self.file.problem(code, message, self.pointer + relative, key=key)


@attrs.frozen(kw_only=True)
class RawDataset:
    """What was read from a path, before any judgement."""

    kind: str  # "checkout", "bundle"
    root: Path | None
    index: JsonFile | None
    index_pointer: str
    entries: tuple[SourceEntry, ...]
    problems: tuple[Problem, ...]
    #: Ids (file stems) of dataset files that exist but could not be read; their
    #: problems are already in ``problems``.
    unreadable: frozenset[str] = frozenset()
    #: A sharded release: ``index`` is its manifest, these are the shard files read
    #: (see :mod:`claimset.store.shards`); empty for anything else.
    shards: tuple[JsonFile, ...] = ()
    sharded: bool = False


@attrs.frozen(kw_only=True)
class SeedText:
    text: str | None
    sha256: str | None
    problems: tuple[Problem, ...] = ()


def display_path(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` with forward slashes (as GitHub and editors show it)."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (3.11, 3.12)
            pass
    return os.fspath(path)


def _read(path: Path, display: str, problems: list[Problem]) -> JsonFile | None:
    try:
        return read_json(path, file=display)
    except InputError as error:
        problems.extend(error.problems)
        return None


def resolve_root(path: Path) -> tuple[str, Path]:
    """The kind of dataset at ``path`` and the directory it is read from."""
    if path.is_file() and path.name == INDEX_NAME and path.parent.name == DATASET_DIR:
        return "checkout", path.parent.parent  # dataset/index.json stands for its checkout
    if path.is_file():
        return "bundle", path
    if (path / DATASET_DIR / INDEX_NAME).is_file() or (path / DATASET_DIR).is_dir():
        return "checkout", path
    if (path / INDEX_NAME).is_file():
        return "checkout", path.parent  # a dataset directory: seeds/ sits beside it
    problem = Problem(code="CS310", file=os.fspath(path), pointer=None,
                      message="not a dataset: expected a checkout (with dataset/index.json), "
                              "a dataset directory or a bundle file")
    raise InputError(f"{path}: {problem.message}", code="CS310", problems=[problem])


def read_dataset(path: Path) -> RawDataset:
    """Read the dataset at ``path``; :class:`InputError` only when it is not a dataset at all."""
    if not path.exists():
        problem = Problem(code="CS109", file=os.fspath(path), message="no such file or directory")
        raise InputError(f"{path}: no such file or directory", code="CS109", problems=[problem])
    kind, root = resolve_root(path)
    if kind == "bundle":
        if root.suffix.lower() != ".json":  # README.md, a seed text…: not read as JSON at all
            _not_a_dataset(root, f"{root.name} is not a .json file, so not a release bundle")
        return _read_bundle(root)
    return _read_checkout(root)


_GIVE_A_DATASET = ("give a checkout (with dataset/index.json), a dataset directory or a release "
                   "bundle (claimset-X.Y.Z.json)")


def _not_a_dataset(path: Path, why: str, fix: str = _GIVE_A_DATASET) -> NoReturn:
    problem = Problem(code="CS310", file=os.fspath(path), pointer=None,
                      message=f"not a dataset: {why}: {fix}")
    raise InputError(f"{path}: {problem.message}", code="CS310", problems=[problem])


def _read_checkout(root: Path) -> RawDataset:
    listing = list_checkout(root)
    problems = list(listing.problems)
    entries, unreadable = [], set()
    for file_path in listing.files:
        entry, found = read_source_file(root, file_path)
        problems.extend(found)
        if entry is None:
            unreadable.add(file_path.stem)
        else:
            entries.append(entry)
    return RawDataset(kind="checkout", root=root, index=listing.index, index_pointer="",
                      entries=tuple(entries), problems=tuple(problems),
                      unreadable=frozenset(unreadable))


@attrs.frozen(kw_only=True)
class CheckoutListing:
    """A checkout's index (if it could be read), the problems of reading it, and its
    source files (dataset/*.json but the index, in name order), not yet read."""

    root: Path
    index: JsonFile | None
    problems: tuple[Problem, ...]
    files: tuple[Path, ...]


def list_checkout(root: Path) -> CheckoutListing:
    """The index and the source files of the checkout at ``root`` (what
    :func:`read_dataset` reads before any source file; ``validate --jobs N`` hands the
    files to workers, which read each with :func:`read_source_file`)."""
    problems: list[Problem] = []
    dataset_dir = root / DATASET_DIR
    index_path = dataset_dir / INDEX_NAME
    index: JsonFile | None = None
    # Files are named as the checkout shows them (dataset/x.json), which is also what
    # editors and pull request annotations open.
    folder_problem = unsafe_folder(root, DATASET_DIR)
    if folder_problem is not None:
        problems.append(Problem(code="CS113", file=f"{DATASET_DIR}/",
                                message=f"{folder_problem}: nothing in it was read"))
        return CheckoutListing(root=root, index=None, problems=tuple(problems), files=())
    if index_path.exists() or index_path.is_symlink():
        index = _read(index_path, f"{DATASET_DIR}/{INDEX_NAME}", problems)
    else:
        problems.append(Problem(code="CS309", file=f"{DATASET_DIR}/{INDEX_NAME}",
                                message="dataset/index.json is missing: add it (name, version, "
                                        "description, license, sources)"))
    files = tuple(path for path in sorted(dataset_dir.glob("*.json")) if path.name != INDEX_NAME)
    return CheckoutListing(root=root, index=index, problems=tuple(problems), files=files)


def read_source_file(root: Path, path: Path) -> tuple[SourceEntry | None, list[Problem]]:
    """One source file of a checkout (``path``, from :func:`list_checkout`): its entry,
    or None and the problems that stop it being read."""
    problems: list[Problem] = []
    document = _read(path, f"{DATASET_DIR}/{path.name}", problems)
    if document is None:
        return None, problems
    return SourceEntry(file=document, pointer="", data=document.data, name_id=path.stem), problems


def _read_bundle(path: Path) -> RawDataset:
    problems: list[Problem] = []
    display = os.fspath(path)
    try:  # a path a person gave: a symlink to a bundle is fine, a FIFO is not
        bundle: JsonFile | None = read_json(path, file=display, follow_symlinks=True)
    except InputError as error:
        problems.extend(error.problems)
        bundle = None
    if bundle is not None:
        _refuse_what_is_no_bundle(path, bundle.data)
    entries = []
    if bundle is not None and is_manifest(bundle.data):
        found, shard_files = read_shards(bundle, path.parent, problems)
        entries = [SourceEntry(file=file, pointer=pointer, data=item, name_id=None,
                               text=_text_of(item)) for file, pointer, item in found]
        return RawDataset(kind="bundle", root=None, index=bundle, index_pointer="",
                          entries=tuple(entries), problems=tuple(problems),
                          shards=tuple(shard_files), sharded=True)
    if bundle is not None and isinstance(bundle.data, dict):
        sources = bundle.data.get("sources")
        for position, item in enumerate(sources if isinstance(sources, list) else []):
            text = item.get("text") if isinstance(item, dict) else None
            entries.append(SourceEntry(file=bundle, pointer=f"/sources/{position}", data=item,
                                       name_id=None, text=text if isinstance(text, str) else None))
    return RawDataset(kind="bundle", root=None, index=bundle, index_pointer="",
                      entries=tuple(entries), problems=tuple(problems))


def require_dataset(raw: RawDataset, *, label: str) -> RawDataset:
    """``raw`` when it is a dataset at all (InputError CS310 naming why not otherwise).

    For the commands that report on a dataset without judging it (coverage, diff):
    a file that is no dataset (``/etc/passwd``) must not pass as an empty one."""
    data = raw.index.data if raw.index is not None else None
    is_dataset = isinstance(data, dict) and (
        raw.kind == "checkout" or raw.sharded or isinstance(data.get("sources"), list))
    if is_dataset:
        return raw
    first = raw.problems[0] if raw.problems else None
    why = (f"{first.location}: {first.code} {first.message}" if first is not None
           else "no sources list")
    raise InputError(f"{label}: not a dataset ({why}): give a checkout, a dataset directory or a "
                     "bundle", code="CS310", problems=raw.problems)


def _text_of(item: Any) -> str | None:
    text = item.get("text") if isinstance(item, dict) else None
    return text if isinstance(text, str) else None


def _refuse_what_is_no_bundle(path: Path, data: object) -> None:
    """A JSON file without ``sources`` (or a manifest's ``shards``) is some other document,
    not a broken bundle."""
    if isinstance(data, dict) and ("sources" in data or is_manifest(data)):
        return
    if isinstance(data, dict) and "source" in data and "claims" in data:
        _not_a_dataset(path, "this is one source's file in a checkout",
                       "give the checkout that holds it (the directory with dataset/)")
    if isinstance(data, dict):
        _not_a_dataset(path, "a JSON object without the bundle's \"sources\"")
    kind = {list: "an array", str: "a string", bool: "a boolean", int: "a number",
            float: "a number"}.get(type(data), "null")
    _not_a_dataset(path, f"the JSON is {kind}, not an object with the bundle's \"sources\"")


def read_plain_text(path: Path, *, file: str, code: str = "CS110") -> tuple[bytes, str]:
    """A text file by the rules of a seed: at most MAX_SEED_BYTES (refused before reading),
    UTF-8 without a byte order mark, no NUL bytes.  One-line :class:`InputError` otherwise.
    The bytes come back too, for pinning them exactly as read."""
    try:
        data = read_bytes(path, file=file, max_bytes=MAX_SEED_BYTES, follow_symlinks=True)
    except InputError as error:
        first = error.problems[0]
        raise InputError(f"{first.location}: {first.message}", code=code) from None
    return data, decode_plain_text(data, file=file, code=code)


def decode_plain_text(data: bytes, *, file: str, code: str = "CS110") -> str:
    """``data`` as text by the rules of a seed (UTF-8 without a byte order mark, no NUL
    bytes, at most ``MAX_NUMBERS`` numbers: CS117); a one-line :class:`InputError`
    naming ``file`` otherwise."""
    try:
        text = decode_text(data, file=file, code=code)
    except InputError as error:
        first = error.problems[0]
        raise InputError(f"{first.location}: {first.message}", code=code) from None
    if "\x00" in text:
        raise InputError(f"{file}: contains NUL bytes (a binary file?): give a UTF-8 text file",
                         code=code)
    refuse_crowded(text, file=file)
    return text


def refuse_crowded(text: str, *, file: str) -> None:
    """InputError CS117 when ``text`` holds more numbers than claimset extracts from one
    text: every text claimset reads to extract (a seed, a corpus document, a new file for
    reanchor or add-source) passes here or through :func:`read_seed` first."""
    crowded = too_many_numbers(text)
    if crowded is not None:
        raise InputError(f"{file}: {crowded}", code="CS117")


def read_seed(entry: SourceEntry, root: Path | None, relative: str) -> SeedText:
    """The source text for ``entry`` with its sha256, or the problems that stop reading it."""
    if entry.text is not None:
        if len(entry.text) > MAX_SEED_BYTES // 4 and len(
                entry.text.encode("utf-8", "surrogatepass")) > MAX_SEED_BYTES:
            # The seed limit holds for a text inside a bundle too: it bounds the extractor.
            return SeedText(text=None, sha256=None, problems=(entry.problem(
                "CS106", f"the source's text is over the {MAX_SEED_BYTES}-byte limit for a "
                         "seed", "/text"),))
        crowded = too_many_numbers(entry.text)
        if crowded is not None:
            return SeedText(text=None, sha256=None, problems=(
                entry.problem("CS117", f"the source's text {crowded}", "/text"),))
        return SeedText(text=entry.text,
                        sha256=hashlib.sha256(entry.text.encode("utf-8", "surrogatepass"))
                        .hexdigest())
    if root is None:  # a bundle source without its text: the schema reports it (CS104)
        return SeedText(text=None, sha256=None)
    path_problem = unsafe_seed_path(root, relative)
    if path_problem is not None:
        return SeedText(text=None, sha256=None, problems=(
            entry.problem("CS302", path_problem, "/source/path"),))
    seed_path = root / relative
    if not seed_path.exists():
        return SeedText(text=None, sha256=None, problems=(
            entry.problem("CS301", f"seed file {relative} is missing: add it to seeds/ or fix "
                                   "the path", "/source/path"),))
    try:
        data = read_bytes(seed_path, file=relative, max_bytes=MAX_SEED_BYTES)
        text = decode_text(data, file=relative, code="CS303")
    except InputError as error:
        return SeedText(text=None, sha256=None, problems=tuple(
            attrs.evolve(problem, code=_SEED_CODES.get(problem.code, "CS303"))
            for problem in error.problems))
    digest = hashlib.sha256(data).hexdigest()
    problems = []
    crowded = too_many_numbers(text)
    if crowded is not None:  # checked before the extractor sees it: its cost grows with these
        return SeedText(text=None, sha256=digest, problems=(
            Problem(code="CS117", file=relative, pointer=None, message=crowded),))
    if "\x00" in text:
        problems.append(Problem(code="CS303", file=relative, pointer=None,
                                message="contains NUL bytes: pin a plain text file"))
    return SeedText(text=text, sha256=digest, problems=tuple(problems))


#: How a seed's read problems are reported: a seed that is not a regular file keeps CS111.
_SEED_CODES = {"CS109": "CS301", "CS111": "CS111", "CS106": "CS106"}


def unsafe_seed_path(root: Path, relative: str) -> str | None:
    """Why ``relative`` may not be read as a seed, or None when it is safe.

    The one path check for seeds: validate, reanchor, add-source and every other
    reader and writer of a seed ask it first.  The seed must be a plain name
    directly inside seeds/, seeds/ must be a real folder of the checkout (a
    symlinked folder counts as leaving it), and the seed itself no symlink.
    """
    candidate = Path(relative)
    if candidate.is_absolute() or relative.startswith(("/", "\\")) or ":" in relative:
        return f"seed path {relative!r} is absolute: use seeds/<file>.txt"
    if ".." in candidate.parts or "\\" in relative:
        return f"seed path {relative!r} leaves seeds/: use seeds/<file>.txt"
    if candidate.parts[:1] != (SEEDS_DIR,) or len(candidate.parts) != 2 or any(
            ord(character) < 32 or character == "\x7f" for character in relative):
        return f"seed path {relative!r} is not directly inside seeds/: use seeds/<file>.txt"
    folder_problem = unsafe_folder(root, SEEDS_DIR)
    if folder_problem is not None:
        return folder_problem
    seed = root / candidate
    # lstat, not resolve(): resolve() of a symlink loop raises on 3.11 and 3.12 but not
    # on 3.13, and a symlink's target is data deciding where claimset reads.
    with contextlib.suppress(OSError):
        if stat.S_ISLNK(os.lstat(seed).st_mode):
            return f"seed path {relative!r} is a symlink: pin a regular file in seeds/"
    return None


def unsafe_folder(root: Path, name: str) -> str | None:
    """Why ``root/name`` (seeds/ or dataset/) is not a real folder of the checkout, or None.

    A symlinked folder counts as leaving the checkout, wherever it points."""
    folder = root / name
    try:
        mode = os.lstat(folder).st_mode
    except OSError:
        return None  # missing: the callers say so in their own words
    if stat.S_ISLNK(mode):
        return f"{name}/ is a symlink: it must be a real folder of the checkout"
    return None


def checked_folder(root: Path, name: str) -> Path:
    """``root/name`` after :func:`unsafe_folder` (InputError CS113 when it fails)."""
    problem = unsafe_folder(root, name)
    if problem is not None:
        raise InputError(f"{problem}: replace it with the folder itself", code="CS113")
    return root / name


def source_id_problem(source_id: str) -> str | None:
    """Why ``source_id`` cannot name dataset/<id>.json and seeds/<id>.txt, or None."""
    if not _SOURCE_ID.fullmatch(source_id) or len(source_id) > 80:
        return (f"bad source id {source_id!r}: use lower case letters and digits joined by "
                "single hyphens, at most 80 characters, e.g. steele-2008")
    return None


def source_file_path(root: Path, source_id: str) -> Path:
    """dataset/<id>.json for an id checked by :func:`source_id_problem` (CS113 otherwise)."""
    problem = source_id_problem(source_id)
    if problem is not None:
        raise InputError(problem, code="CS113")
    return checked_folder(root, DATASET_DIR) / f"{source_id}.json"


def seed_file_path(root: Path, relative: str) -> Path:
    """``root/relative`` for a seed path that :func:`unsafe_seed_path` accepts (CS302
    otherwise): the one way a command turns a source's ``path`` into a file to open."""
    problem = unsafe_seed_path(root, relative)
    if problem is not None:
        raise InputError(f"{problem} (nothing was read or written)", code="CS302")
    return root / relative


__all__ = ["MAX_JSON_BYTES", "CheckoutListing", "RawDataset", "SourceEntry", "list_checkout",
           "read_dataset", "read_seed", "read_source_file", "require_dataset"]
