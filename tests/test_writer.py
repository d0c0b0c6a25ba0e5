"""Every file claimset writes goes through one writer (``claimset.store.writer``).

A scan of the package's source: no module but the writer and its two primitives
(``store/atomic.py``, the temporaries and renames; ``store/lock.py``, the lock files)
opens a file for writing, renames, deletes, truncates, links or makes a directory, or
reaches those primitives itself.  A new surface that writes must call the writer, whose
rules (regular files only, never through a symlink, never onto an input, never outside
the directory named, under a lock) it then keeps by construction.  The rules themselves
are tested in ``tests/test_writes.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimset"

#: The writer and its primitives: the only modules that write.
WRITER = {"store/writer.py", "store/atomic.py", "store/lock.py"}

#: Calls elsewhere that write, each with why it is not a way around the writer.
ALLOWED = {
    ("grammar/_iso4217_generate.py", "mkstemp"):
        "a maintainer's generator of a source file, run from a checkout, below store/",
    ("grammar/_iso4217_generate.py", "fdopen"): "the same generator's temporary",
    ("grammar/_iso4217_generate.py", "replace"): "the same generator's rename",
    ("grammar/_units_generate.py", "mkstemp"):
        "a maintainer's generator of a source file (pint's units), run from a checkout, below "
        "store/",
    ("grammar/_units_generate.py", "fdopen"): "the same generator's temporary",
    ("grammar/_units_generate.py", "replace"): "the same generator's rename",
    ("testing.py", "symlink_to"):
        "test trees hold the hostile symlinks the checks must refuse (benchmarks/mutations.py)",
    ("release/site/__init__.py", "ZipFile"): "the site's zip, built in an io.BytesIO in memory",
    ("release/sqlite.py", "Database"):
        "sqlite-utils builds the database in the writer's scratch directory",
    ("corpus/parquet.py", "ParquetWriter"): "pyarrow writes into the stream the writer opened",
    ("store/cache.py", "connect"):
        "SQLite keeps the grammar cache's own database in the directory the writer made",
    ("corpus/journal.py", "truncate"):
        "cuts back the part file and journal the writer opened (open_appending) on resume",
}

#: Calls that write whatever they are called on (``path.unlink()``, ``tempfile.mkstemp()``).
WRITING_CALLS = {
    "write_bytes", "write_text", "touch", "mkdir", "makedirs", "unlink", "rmdir",
    "removedirs", "symlink_to", "hardlink_to", "link_to", "truncate", "ftruncate", "mkfifo",
    "mknod", "mkstemp", "mkdtemp", "TemporaryDirectory", "NamedTemporaryFile",
    "TemporaryFile", "SpooledTemporaryFile", "extractall", "ZipFile", "Database",
    "ParquetWriter", "FileLock", "SoftFileLock",
}
#: Calls that write only on one module (``os.remove``; a list's ``remove`` does not).
WRITING_ON = {"remove": "os", "link": "os", "symlink": "os", "renames": "os", "rename": "os",
              "replace": "os", "connect": "sqlite3", "copy": "shutil", "copy2": "shutil",
              "copyfile": "shutil", "copytree": "shutil", "move": "shutil", "rmtree": "shutil"}
_WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND"}
#: Modules whose ``open(path, mode)`` takes the mode second, as the builtin does.
_OPENERS = {"io", "gzip", "bz2", "lzma", "codecs", "tarfile", "zipfile"}
#: The writer's primitives, which nothing else may import.
PRIMITIVES = {"claimset.store.atomic", "filelock"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def _receiver(node: ast.expr) -> str:
    return _name(node.value) if isinstance(node, ast.Attribute) else ""


def _mode(call: ast.Call, position: int) -> str:
    for keyword in call.keywords:
        if keyword.arg == "mode" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    if len(call.args) > position and isinstance(call.args[position], ast.Constant):
        return str(call.args[position].value)
    return ""


def _writing_call(call: ast.Call) -> bool:
    name, receiver = _name(call.func), _receiver(call.func)
    if name in WRITING_CALLS or WRITING_ON.get(name) == receiver:
        return True
    if name == "open" and receiver == "os":
        return any(isinstance(flag, ast.Attribute) and flag.attr in _WRITE_FLAGS
                   for argument in call.args[1:2] for flag in ast.walk(argument))
    if name in ("open", "fdopen"):
        second = isinstance(call.func, ast.Name) or receiver in _OPENERS or name == "fdopen"
        return any(mark in _mode(call, 1 if second else 0) for mark in "wax+")
    on_text = isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Constant)
    # Path.replace(target) and Path.rename(target) take one argument (a str's replace two),
    # tar.extract(member, path) two (the grammar's extract(text) one).
    positional = len(call.args) if not call.keywords else -1
    return not on_text and ((name in ("replace", "rename") and positional == 1)
                            or (name == "extract" and positional == 2))


def writes(source: str) -> list[tuple[int, str]]:
    """(line, call) of every call in ``source`` that writes a file or reaches a primitive."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            names = {alias.name for alias in node.names}
            targets = {module} if module else set(names)
            if module == "claimset.store":
                targets |= {f"claimset.store.{name}" for name in names}
            found.extend((node.lineno, f"import {target}") for target in targets & PRIMITIVES)
        elif isinstance(node, ast.Call) and _writing_call(node):
            found.append((node.lineno, _name(node.func)))
    return found


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py")
                  if path.relative_to(PACKAGE).as_posix() not in WRITER)


@pytest.mark.parametrize("path", modules(), ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_no_module_writes_a_file_but_through_the_writer(path: Path) -> None:
    relative = path.relative_to(PACKAGE).as_posix()
    bad = [f"{relative}:{line}: {call}" for line, call in writes(path.read_text("utf-8"))
           if (relative, call) not in ALLOWED]
    assert not bad, ("write through claimset.store.writer (write_file, write_files, streamed, "
                     "open_appending, publish, remove_file, output_directory, "
                     "scratch_directory): " + "; ".join(bad))


def test_every_allowance_is_still_needed() -> None:
    used = {(path.relative_to(PACKAGE).as_posix(), call) for path in modules()
            for _, call in writes(path.read_text("utf-8"))}
    assert set(ALLOWED) <= used, sorted(set(ALLOWED) - used)


@pytest.mark.parametrize("line", [
    "open(p, 'w')", "open(p, mode='ab')", "p.open('r+b')", "os.fdopen(fd, 'wb')",
    "p.write_bytes(b'')", "p.write_text('')", "p.replace(q)", "os.replace(a, b)",
    "os.rename(a, b)", "p.unlink()", "os.remove(p)", "shutil.rmtree(d)", "shutil.copy(a, b)",
    "tempfile.mkstemp()", "tempfile.TemporaryDirectory()", "p.mkdir()", "os.makedirs(d)",
    "os.open(p, os.O_WRONLY | os.O_CREAT)", "tar.extract(member, d)", "p.symlink_to(q)",
    "handle.truncate(0)", "sqlite3.connect(p)", "filelock.FileLock(p)", "io.open(p, 'w')",
    "gzip.open(p, 'wb')", "p.rename(q)", "os.link(a, b)", "shutil.move(a, b)",
    "from claimset.store.atomic import write_files_atomic", "from claimset.store import atomic",
])
def test_the_scan_finds_each_way_of_writing(line: str) -> None:
    assert writes(line), line


@pytest.mark.parametrize("line", [
    "open(p)", "open(p, 'rb')", "p.open('rb')", "os.open(p, os.O_RDONLY)",
    "text.replace('a', 'b')", "'x'.replace('a', 'b')", "extract(text)", "p.read_bytes()",
    "from claimset.store.writer import write_file", "items.remove(x)", "socket.connect(a)",
    "frame.rename(columns=names)", "copy.copy(x)", "dict(d).copy()", "'x'.replace(a)",
])
def test_the_scan_leaves_reads_alone(line: str) -> None:
    assert not writes(line), line
