"""The static site: what `build_site` writes, `claimset build`'s site, and `claimset serve`.

Browser tests are in test_site_browser.py; these read the HTML and talk HTTP.
"""

from __future__ import annotations

import hashlib
import html.parser
import io
import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import claimset
import sitedata
from claimset.cli import main
from claimset.core.errors import ClaimsetError, UsageError
from claimset.release.build import build_release
from claimset.release.site import MANIFEST, build_site, is_site, site_archive, write_site
from claimset.release.site.related import SiteLimits
from claimset.release.site.server import make_server, site_file
from claimset.store.model import Dataset

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real() -> Dataset:
    return claimset.load(ROOT)


@pytest.fixture(scope="module")
def real_site(real: Dataset) -> dict[str, bytes]:
    return dict(build_site(real).files)


class Elements(html.parser.HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(data: bytes) -> Elements:
    parser = Elements()
    parser.feed(data.decode("utf-8"))
    return parser


def test_the_site_has_an_index_a_page_per_source_and_its_assets(real: Dataset,
                                                               real_site: dict[str, bytes]) -> None:
    assert sorted(real_site) == sorted(["index.html", "favicon.svg", "site.css", "site.js",
                                        MANIFEST, "data/claims-0001.js", "quantities.html",
                                        *(f"sources/{sid}.html" for sid in real.sources)])
    listing = json.loads(real_site[MANIFEST])
    assert listing["version"] == real.version
    for path, entry in listing["files"].items():
        assert entry == {"bytes": len(real_site[path]),
                         "sha256": hashlib.sha256(real_site[path]).hexdigest()}


def test_building_twice_gives_the_same_bytes(real: Dataset, real_site: dict[str, bytes]) -> None:
    again = build_site(real)
    assert dict(again.files) == real_site
    assert site_archive(again, folder="x") == site_archive(build_site(real), folder="x")


def test_no_page_asks_for_anything_outside_the_site(real_site: dict[str, bytes]) -> None:
    for path, data in real_site.items():
        if not path.endswith(".html"):
            continue
        for tag, attributes in parsed(data).tags:
            for name in ("src", "href"):
                value = attributes.get(name)
                if value is None or (tag == "a" and name == "href"):
                    continue
                assert "://" not in value and not value.startswith("//"), (path, tag, value)
    for name in ("site.css", "site.js"):
        text = real_site[name].decode()
        assert "http://" not in text and "https://" not in text and "@import" not in text
        assert "url(" not in text and "fetch(" not in text and "XMLHttpRequest" not in text


def test_a_source_page_holds_its_own_claims_only(real: Dataset,
                                                 real_site: dict[str, bytes]) -> None:
    for source_id in real.sources:
        page = parsed(real_site[f"sources/{source_id}.html"])
        articles = [a["id"] for tag, a in page.tags if tag == "article"]
        assert articles == [claim.id for claim in real.claims_of(source_id)]
        figures = {n for tag, a in page.tags if tag == "mark" and "f" in (a.get("class") or "")
                   .split() and "sample" not in (a.get("class") or "")
                   for n in (a["data-c"] or "").split()}
        exclusions = [a for tag, a in page.tags
                      if tag == "mark" and (a.get("class") or "").split() == ["x"]]
        assert figures == {str(n) for n in range(len(real.claims_of(source_id)))}
        assert len(exclusions) == len(real.exclusions_of(source_id))


def test_the_index_lists_every_source_and_claim(real: Dataset,
                                                real_site: dict[str, bytes]) -> None:
    page = real_site["index.html"].decode()
    data = page.split('<script type="application/json" id="claims-data">')[1].split("</script>")[0]
    search = json.loads(data)
    assert search["chunks"] == ["data/claims-0001.js"]
    chunk = real_site["data/claims-0001.js"].decode()
    rows = json.loads(chunk.removeprefix("claimsetClaims(1,").removesuffix(");\n"))
    quote = search["fields"].index("quote")
    assert [row[quote] for row in rows] == [claim.quote.text for claim in real.claims]
    assert page.count("<tr") == 1 + len(real.sources) + 1 + len(real.claims)


def test_every_string_from_the_data_is_escaped() -> None:
    site = build_site(sitedata.hostile())
    for path, data in site.files.items():
        if not path.endswith(".html"):
            continue
        text = data.decode()
        assert sitedata.SCRIPT not in text
        assert "<img" not in text and "</textarea>" not in text
        assert 'href="javascript:' not in text
        scripts = [a for tag, a in parsed(data).tags if tag == "script"]
        assert all(a.get("src", "").endswith("site.js") or a.get("type") == "application/json"
                   for a in scripts)
        assert "".join(parsed(data).text).count(sitedata.SCRIPT) >= 1  # shown, as text


def test_the_copy_citation_text_names_quote_source_offsets_and_version(real: Dataset) -> None:
    from claimset.release.site.pages import citation

    claim = real.claims[0]
    text = citation(real, real.sources[claim.source], claim)
    assert claim.quote.text in text and claim.id in text and real.version in text
    assert f"{claim.quote.start}–{claim.quote.end}" in text


def test_related_lists_are_bounded_and_link_the_rest() -> None:
    from claimset.release.site.related import shared_tags

    base = sitedata.astral()
    source = base.sources["astral"]
    many = [sitedata.claim(source, f"c{n}", "Later 4,500 more", "4,500", 4500, tags=("t",))
            for n in range(30)]
    dataset = Dataset(name="d", version="1.0.0", description="", license="CC0-1.0",
                      sources=base.sources, claims=many)
    groups = shared_tags(dataset, SiteLimits(related_per_tag=5))(many[0])
    assert len(groups) == 1
    assert len(groups[0].links) == 5 and groups[0].more == 24
    assert groups[0].more_href == "../index.html#tag=t"
    assert all(link.href != "astral.html#astral/c0" for link in groups[0].links)


def test_a_source_id_that_cannot_name_a_file_is_refused() -> None:
    base = sitedata.astral()
    source = base.sources["astral"]
    import attrs

    bad = attrs.evolve(source, id="../evil")
    dataset = Dataset(name="d", version="1.0.0", description="", license="CC0-1.0",
                      sources={"../evil": bad}, claims=[])
    with pytest.raises(UsageError) as caught:
        build_site(dataset)
    assert caught.value.code == "CS854"


def test_without_jinja2_building_the_site_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)
    monkeypatch.delitem(sys.modules, "claimset.release.site.pages", raising=False)
    import claimset.release.site as package

    monkeypatch.delattr(package, "pages", raising=False)
    with pytest.raises(ClaimsetError) as caught:
        build_site(sitedata.astral())
    assert caught.value.code == "CS850" and "claimset[site]" in str(caught.value)


# -- writing -------------------------------------------------------------------------


def test_write_site_replaces_an_old_site_whole(tmp_path: Path) -> None:
    target = tmp_path / "site"
    write_site(build_site(sitedata.hostile()), target)
    assert (target / "sources" / "hostile.html").is_file()
    write_site(build_site(sitedata.astral()), target)
    assert not (target / "sources" / "hostile.html").exists()  # no stale page survives
    assert (target / "sources" / "astral.html").is_file()
    assert is_site(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary left


def test_write_site_keeps_files_it_did_not_write_and_never_writes_through_a_link(
        tmp_path: Path) -> None:
    target = write_site(build_site(sitedata.hostile()), tmp_path / "site")
    (target / "README.txt").write_text("mine")  # not in any manifest: never deleted
    write_site(build_site(sitedata.astral()), target)
    assert (target / "README.txt").read_text() == "mine"
    shutil.rmtree(target / "sources")
    (tmp_path / "elsewhere").mkdir()
    (target / "sources").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UsageError) as caught:
        write_site(build_site(sitedata.astral()), target)
    assert caught.value.code == "CS851"
    assert list((tmp_path / "elsewhere").iterdir()) == []


@pytest.mark.parametrize("kind", ["foreign-dir", "file", "symlink"])
def test_write_site_refuses_what_it_did_not_write_and_changes_nothing(tmp_path: Path,
                                                                     kind: str) -> None:
    target = tmp_path / "site"
    if kind == "foreign-dir":
        target.mkdir()
        (target / "notes.txt").write_text("mine")
    elif kind == "file":
        target.write_text("mine")
    else:
        (tmp_path / "elsewhere").mkdir()
        target.symlink_to(tmp_path / "elsewhere")
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    with pytest.raises(UsageError) as caught:
        write_site(build_site(sitedata.astral()), target)
    assert caught.value.code == "CS851"
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before


def test_build_writes_the_site_and_its_zip(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dist"
    assert main(["build", "--out", str(out), str(ROOT)]) == 0
    release = build_release(ROOT)
    assert release.site is not None and release.site_zip is not None
    zipped = out / "claimset-1.2.0-site.zip"
    assert zipped.read_bytes() == release.site_zip.data
    assert (out / "claimset-1.2.0-site.zip.sha256").read_text() == \
        f"{hashlib.sha256(zipped.read_bytes()).hexdigest()}  {zipped.name}\n"
    with zipfile.ZipFile(io.BytesIO(zipped.read_bytes())) as archive:
        names = archive.namelist()
        assert all(name.startswith("claimset-1.2.0-site/") for name in names)
        for path, data in release.site.files.items():
            assert archive.read(f"claimset-1.2.0-site/{path}") == data
            assert (out / "site" / path).read_bytes() == data
    assert f"wrote {out / 'site'}" in capsys.readouterr().out


def test_build_no_site_leaves_it_out(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert main(["build", "--no-site", "--out", str(out), str(ROOT)]) == 0
    assert not (out / "site").exists() and not list(out.glob("*.zip*"))


def test_build_refuses_to_replace_a_foreign_site_directory(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str],
                                                          ) -> None:
    out = tmp_path / "dist"
    (out / "site").mkdir(parents=True)
    (out / "site" / "index.html").write_text("my own page")
    assert main(["build", "--out", str(out), str(ROOT)]) == 2
    assert "CS851" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["site"]  # nothing else was written
    assert (out / "site" / "index.html").read_text() == "my own page"


# -- serving -------------------------------------------------------------------------


@pytest.fixture
def site_dir(tmp_path: Path) -> Path:
    root = write_site(build_site(sitedata.astral()), tmp_path / "site")
    (tmp_path / "secret.txt").write_text("outside")
    (root / ".hidden").write_text("dot")
    (root / "link.html").symlink_to(tmp_path / "secret.txt")
    return root.resolve()


@pytest.mark.parametrize("request_path", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/sources/../../secret.txt", "/.hidden",
    "/link.html", "/%00index.html", "/sources\\..\\..\\secret.txt", "/nothing.html",
    "/" + "a" * 5000,
])
def test_site_file_refuses_anything_but_the_sites_own_files(site_dir: Path,
                                                           request_path: str) -> None:
    assert site_file(site_dir, request_path) is None


def test_site_file_finds_pages_and_the_index(site_dir: Path) -> None:
    assert site_file(site_dir, "/") == site_dir / "index.html"
    assert site_file(site_dir, "/sources/astral.html?x=1#y") == site_dir / "sources" / "astral.html"
    assert site_file(site_dir, "/sources/../index.html") == site_dir / "index.html"


@pytest.fixture
def server(site_dir: Path) -> Iterator[str]:
    import threading

    httpd = make_server(site_dir, port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    assert host == "127.0.0.1"
    yield f"http://127.0.0.1:{port}"
    httpd.shutdown()
    httpd.server_close()


def test_the_server_serves_pages_with_a_policy_and_nothing_else(server: str) -> None:
    with urllib.request.urlopen(f"{server}/sources/astral.html") as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    for path in ("/link.html", "/.hidden", "/%2e%2e/secret.txt", "/sources/"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"{server}{path}")
        assert caught.value.code == 404
    request = urllib.request.Request(f"{server}/index.html", method="POST", data=b"x")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request)
    assert caught.value.code == 501


def test_serve_refuses_a_bad_port_and_a_port_in_use(site_dir: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(site_dir), "--port", "70000"]) == 2
    assert "CS853" in capsys.readouterr().err
    busy = make_server(site_dir, port=0)
    try:
        assert main(["serve", str(site_dir), "--port", str(busy.server_address[1])]) == 2
        assert "CS853" in capsys.readouterr().err
    finally:
        busy.server_close()


def test_serve_refuses_a_web_site_it_did_not_build(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "index.html").write_text("<p>someone else's</p>")
    assert main(["serve", str(tmp_path), "--port", "0"]) == 2
    assert "CS852" in capsys.readouterr().err


def test_serve_refuses_a_dataset_that_does_not_load(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(tmp_path), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "CS310" in err or "CS309" in err, err


@pytest.mark.parametrize("kind", ["checkout", "bundle"])
def test_serve_prints_its_address_serves_the_data_and_stops_cleanly(tmp_path: Path,
                                                                    kind: str) -> None:
    target = ROOT
    if kind == "bundle":
        release = build_release(ROOT, site=False)
        target = tmp_path / release.bundle.name
        target.write_bytes(release.bundle.data)
    process = subprocess.Popen([sys.executable, "-m", "claimset", "serve", str(target),
                                "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("serving the site of claimset 1.2.0"), line
        url = line.split(" at ")[1].split()[0]
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url) as response:
            assert b"claimset" in response.read()
        with urllib.request.urlopen(f"{url}sources/steele-2008.html") as response:
            assert b"1,326" in response.read()
    finally:
        process.terminate()
        started = time.monotonic()
        process.wait(timeout=10)
    assert process.returncode == 0 and time.monotonic() - started < 10


def test_a_claim_links_the_other_claims_of_its_quantity(real: Dataset) -> None:
    from claimset.release.site.related import same_quantity

    related = same_quantity(real, SiteLimits())
    keyed = [claim for claim in real.claims if claim.quantity is not None]
    assert keyed, "the dataset has quantity keys"
    for claim in keyed:
        others = {other.id for other in real.claims
                  if other.quantity == claim.quantity and other is not claim}
        groups = related(claim)
        if not others:
            assert groups == ()
            continue
        [group] = groups
        assert group.heading == f"Same quantity: {claim.quantity}"
        linked = {link.href.split("#", 1)[1] for link in group.links}
        assert linked == others
    unkeyed = next(claim for claim in real.claims if claim.quantity is None)
    assert related(unkeyed) == ()
