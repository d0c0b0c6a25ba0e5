"""Every 3.11.x works: Debian 12's own python3 is 3.11.2, which lacks what 3.11.4 added.

A base revision is unpacked by claimset's own code (tarfile's ``filter=`` exists only
from 3.11.4).  The last test runs ``validate --base`` and ``diff --base`` on the system's
``/usr/bin/python3`` itself, with this environment's packages, when that interpreter is a
3.11 like the one running the tests (so the same compiled wheels load in it).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
from pathlib import Path

import pytest

from claimset.contrib import gitread
from claimset.core.errors import InputError
from prdata import git, init_repo, write_checkout

SYSTEM_PYTHON = Path("/usr/bin/python3")


def tar_of(*members: tuple[str, bytes | str]) -> io.BytesIO:
    """A tar stream of regular files (bytes) and symlinks (str: the link's target)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, content in members:
            info = tarfile.TarInfo(name)
            if isinstance(content, str):
                info.type, info.linkname = tarfile.SYMTYPE, content
                tar.addfile(info)
            else:
                info.size = len(content)
                tar.addfile(info, io.BytesIO(content))
    buffer.seek(0)
    return buffer


def test_regular_files_are_unpacked_and_links_left_out(tmp_path: Path) -> None:
    gitread._unpack(tar_of(("dataset/index.json", b"{}\n"), ("seeds/a.txt", b"text"),
                           ("seeds/link.txt", "/etc/passwd")), tmp_path)
    assert (tmp_path / "dataset" / "index.json").read_bytes() == b"{}\n"
    assert (tmp_path / "seeds" / "a.txt").read_bytes() == b"text"
    assert not (tmp_path / "seeds" / "link.txt").exists()
    assert not (tmp_path / "seeds" / "link.txt").is_symlink()


@pytest.mark.parametrize("name", ["../outside.txt", "/abs/path.txt", "seeds/../../x.txt",
                                  "seeds//x.txt", "seeds/./x.txt", "seeds\\x.txt"])
def test_an_unsafe_name_in_the_archive_is_cs503_and_nothing_lands_outside(
        tmp_path: Path, name: str) -> None:
    destination = tmp_path / "inside"
    destination.mkdir()
    with pytest.raises(InputError) as caught:
        gitread._unpack(tar_of((name, b"hostile")), destination)
    assert caught.value.code == "CS503" and "unsafe path" in caught.value.message
    assert sorted(path.name for path in tmp_path.rglob("*")) == ["inside"]


def test_a_name_twice_or_a_file_in_a_folders_place_is_cs503(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        gitread._unpack(tar_of(("seeds/a.txt", b"one"), ("seeds/a.txt", b"two")), tmp_path)
    assert caught.value.code == "CS503"
    assert (tmp_path / "seeds" / "a.txt").read_bytes() == b"one"
    with pytest.raises(InputError) as caught:
        gitread._unpack(tar_of(("x", b"file"), ("x/y.txt", b"under a file")), tmp_path / "b")
    assert caught.value.code == "CS503"


def test_nothing_in_the_package_calls_tarfiles_filter_argument() -> None:
    """``filter=`` on extract/extractall raises TypeError before 3.11.4."""
    package = Path(gitread.__file__).resolve().parent.parent
    for path in package.rglob("*.py"):
        calls = re.findall(r"\.extract(?:all)?\([^)]*filter=", path.read_text(encoding="utf-8"))
        assert not calls, (path, calls)


def system_python_version() -> tuple[int, ...] | None:
    if not SYSTEM_PYTHON.is_file():
        return None
    done = subprocess.run([os.fspath(SYSTEM_PYTHON), "-c",
                           "import sys; print(*sys.version_info[:3])"],
                          capture_output=True, text=True, check=False)
    return tuple(int(part) for part in done.stdout.split()) if done.returncode == 0 else None


@pytest.mark.skipif(system_python_version() is None, reason="no /usr/bin/python3")
def test_validate_and_diff_against_a_base_revision_on_the_system_python(
        tmp_path: Path) -> None:
    version = system_python_version()
    assert version is not None
    if version[:2] != sys.version_info[:2]:
        pytest.skip(f"/usr/bin/python3 is {version}: this run's packages are built for "
                    f"{sys.version_info[:2]} (.ci/run runs the suite on it instead)")
    # A bare venv of the system python that sees this environment's packages (the
    # editable install's .pth included): the same code, run by Debian's interpreter.
    venv = tmp_path / "system-venv"
    subprocess.run([os.fspath(SYSTEM_PYTHON), "-m", "venv", "--without-pip", os.fspath(venv)],
                   check=True)
    site = Path(subprocess.run(
        [venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True, text=True, check=True).stdout.strip())
    here = sysconfig.get_path("purelib")
    (site / "claimset-tests.pth").write_text(f"import site; site.addsitedir({here!r})\n",
                                             encoding="utf-8")
    repository = tmp_path / "repo"
    write_checkout(repository)
    base = init_repo(repository)
    (repository / "seeds" / "extra.txt").write_text("unrelated", encoding="utf-8")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "a seed more")
    python = os.fspath(venv / "bin" / "python")
    shown = subprocess.run([python, "-c", "import sys, tarfile; print(sys.version_info[:3], "
                            "hasattr(tarfile, 'data_filter'))"],
                           capture_output=True, text=True, check=True).stdout
    for args in (["validate", os.fspath(repository), "--base", base],
                 ["diff", "--base", base, os.fspath(repository)]):
        done = subprocess.run([python, "-m", "claimset", *args], capture_output=True,
                              text=True, check=False, cwd=tmp_path)
        assert done.returncode == 0, (shown, args, done.stdout, done.stderr)
        assert "internal error" not in done.stderr
