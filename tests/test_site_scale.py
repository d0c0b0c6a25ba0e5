"""The site at any size: the index pages its claims and loads its search data lazily,
and long commands say what they are doing on a terminal (issue 29).

Browser tests of the paged index are in test_site_browser.py; its speed at 100,000
claims is measured by benchmarks/site_search.py.
"""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import claimset
from claimset.cli._status import Status
from claimset.release.site import build_site
from claimset.release.site.pages import DATA_FIELDS
from claimset.release.site.related import SiteLimits
from claimset.store.model import Dataset
from claimset.testing import write_dataset

ROOT = Path(__file__).resolve().parents[1]
LIMITS = SiteLimits(index_rows=40, data_chunk=100)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return claimset.load(write_dataset(tmp_path_factory.mktemp("synthetic"), 7, 50))


def chunk_rows(data: bytes, number: int) -> list[list[object]]:
    text = data.decode("utf-8")
    prefix, suffix = f"claimsetClaims({number},", ");\n"
    assert text.startswith(prefix) and text.endswith(suffix)
    rows = json.loads(text[len(prefix):-len(suffix)])
    assert isinstance(rows, list)
    return rows


def test_the_index_holds_one_page_and_the_data_holds_every_claim_once(
        synthetic: Dataset) -> None:
    files = build_site(synthetic, limits=LIMITS).files
    claims = synthetic.claims
    assert len(claims) == 350
    index = files["index.html"].decode()
    assert index.count("<tr") == 1 + len(synthetic.sources) + 1 + LIMITS.index_rows
    for claim in claims[:LIMITS.index_rows]:
        assert f"#{claim.id}\"" in index
    assert f"#{claims[LIMITS.index_rows].id}\"" not in index
    search = json.loads(index.split('id="claims-data">')[1].split("</script>")[0])
    assert search["total"] == 350 and search["rows"] == LIMITS.index_rows
    assert search["fields"] == list(DATA_FIELDS)
    assert search["chunks"] == [f"data/claims-{n:04d}.js" for n in range(1, 5)]
    rows = [row for number, path in enumerate(search["chunks"], start=1)
            for row in chunk_rows(files[path], number)]
    at = {name: position for position, name in enumerate(DATA_FIELDS)}
    assert [row[at["href"]] for row in rows] == [
        f"sources/{claim.source}.html#{claim.id}" for claim in claims]
    assert [row[at["quote"]] for row in rows] == [claim.quote.text for claim in claims]
    tags = search["tags"]
    assert [[tags[n] for n in row[at["tags"]]] for row in rows] == [
        list(claim.tags) for claim in claims]


def test_pages_for_reading_without_javascript_list_every_claim_once(
        synthetic: Dataset) -> None:
    files = build_site(synthetic, limits=LIMITS).files
    pages = sorted((path for path in files if path.startswith("claims/")),
                   key=lambda path: int(path[7:-5]))
    assert pages == [f"claims/{n}.html" for n in range(2, 10)]  # 350 claims, 40 a page
    listed = re.findall(r'<a href="sources/[^"#]+#([^"]+)"', files["index.html"].decode())
    for path in pages:
        page = files[path].decode()
        listed += re.findall(r'<a href="\.\./sources/[^"#]+#([^"]+)"', page)
        assert 'href="../site.css"' in page and "<h1>Claims " in page
    assert listed == [claim.id for claim in synthetic.claims]
    last = files["claims/9.html"].decode()
    assert "Claims 321–350 of 350 (page 9 of 9)" in last
    assert 'rel="prev" href' not in last and 'href="8.html" rel="prev"' in last
    assert 'rel="next"' not in last
    assert 'href="claims/2.html" rel="next"' in files["index.html"].decode()


def test_a_small_dataset_has_one_page_and_one_data_file() -> None:
    files = build_site(claimset.load(ROOT)).files
    assert not any(path.startswith("claims/") for path in files)
    assert [path for path in files if path.startswith("data/")] == ["data/claims-0001.js"]
    assert 'id="pager"' not in files["index.html"].decode()


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="index_rows"):
        SiteLimits(index_rows=0)


def test_the_index_size_no_longer_grows_with_the_claims(tmp_path: Path) -> None:
    small = build_site(claimset.load(write_dataset(tmp_path / "a", 2, 300)), limits=LIMITS)
    large = build_site(claimset.load(write_dataset(tmp_path / "b", 2, 3000)), limits=LIMITS)
    assert len(large.files["index.html"]) < 1.2 * len(small.files["index.html"])


# -- a status line on a terminal -------------------------------------------------------

class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_status_line_shows_the_step_and_count_and_is_cleared() -> None:
    stream = FakeTerminal()
    shown = threading.Event()
    with Status("build", stream=stream, delay=0, interval=0.01) as status:
        status.step("site: source pages")
        status.count(3, 1005)
        while "3 of 1,005" not in stream.getvalue():
            shown.wait(0.01)
    text = stream.getvalue()
    assert "\rclaimset build: site: source pages 3 of 1,005 (0 s)\x1b[K" in text
    assert text.endswith("\r\x1b[K")


def test_every_step_shows_once_the_line_is_up_however_short_it_is() -> None:
    stream = FakeTerminal()
    # A tick only once a minute: the steps below are drawn because step() draws them.
    with Status("build", stream=stream, delay=0, interval=60) as status:
        for label in ("site: the index", "site: the zip", "writing the site"):
            status.step(label)
    text = stream.getvalue()
    for label in ("site: the index", "site: the zip", "writing the site"):
        assert f"\rclaimset build: {label} (0 s)\x1b[K" in text
    assert text.endswith("\r\x1b[K")
    quiet = FakeTerminal()
    with Status("build", stream=quiet, delay=60, interval=60) as status:
        status.step("before the line is due")
    assert quiet.getvalue() == ""


def test_no_status_line_off_a_terminal_or_for_a_quick_command() -> None:
    pipe = io.StringIO()
    with Status("build", stream=pipe, delay=0, interval=0.01) as status:
        assert not status.enabled
        status.step("anything")
    assert pipe.getvalue() == ""
    terminal = FakeTerminal()
    with Status("build", stream=terminal, delay=5) as status:
        status.step("quick")
    assert terminal.getvalue() == ""


def test_a_label_from_the_command_line_is_shown_escaped() -> None:
    status = Status("validate", stream=FakeTerminal())
    status.step("checking a\x1b[31mb")
    assert "\x1b" not in status.line(0.0) and "a\\x1b[31mb" in status.line(0.0)


def run_on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """The command with stderr on a pseudo-terminal (as a person runs it) and stdout a pipe."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": os.fspath(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "claimset", *args], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    received: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            received.append(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    assert process.stdout is not None
    out = process.stdout.read().decode()
    code = process.wait(timeout=600)
    reader.join(timeout=10)
    os.close(master)
    return code, out, b"".join(received).decode("utf-8", "replace")


@pytest.mark.slow
def test_build_and_validate_say_what_they_are_doing_on_a_terminal_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checkout = write_dataset(tmp_path / "data", 40, 150)
    # A step may finish before the line's usual half second (a fast machine, a warm grammar
    # cache): show the line at once, as CLAIMSET_STATUS_DELAY=0 lets a user do; every step
    # is then drawn, however short.
    monkeypatch.setenv("CLAIMSET_STATUS_DELAY", "0")
    code, out, err = run_on_a_terminal(["build", "--out", os.fspath(tmp_path / "dist")],
                                       checkout)
    assert code == 0 and "wrote " in out
    for step in ("claimset build: reading the dataset", "claimset build: site: source pages",
                 "claimset build: writing the site"):
        assert step in err, err[-2000:]
    assert err.endswith("\r\x1b[K")
    code, out, err = run_on_a_terminal(["validate", "--jobs", "1"], checkout)
    monkeypatch.delenv("CLAIMSET_STATUS_DELAY")
    assert code == 0 and "ok:" in out
    assert "claimset validate: reading and checking" in err
    piped = subprocess.run([sys.executable, "-m", "claimset", "validate", "--jobs", "1"],
                           cwd=checkout, capture_output=True, text=True, check=False,
                           env={**os.environ, "PYTHONPATH": os.fspath(ROOT / "src")})
    assert piped.returncode == 0 and piped.stderr == ""
