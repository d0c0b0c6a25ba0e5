"""The site in a real browser (Chromium driven by Playwright), served and from file://.

Every test runs twice: against ``claimset serve`` on 127.0.0.1 and against the
same files opened from disk.  Without /usr/bin/chromium (or Playwright) the tests
skip, except in CI (``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import claimset
import sitedata
from claimset.release.site import build_site, write_site
from claimset.release.site.related import SiteLimits
from claimset.store.model import Dataset
from claimset.testing import write_dataset

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
#: Quiet flags: the network is closed, so background services would only log refusals.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.slow


def _playwright() -> Any:
    problem = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        problem = "playwright is not installed (pip install playwright)"
    if problem is None and not CHROMIUM.is_file():
        problem = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if problem is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {problem}")
        pytest.skip(f"no browser: {problem}")
    return sync_playwright


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _playwright()
    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def real() -> Dataset:
    return claimset.load(ROOT)


#: A synthetic dataset of 350 claims, paged by 40 and searched from files of 100 claims.
PAGED_LIMITS = SiteLimits(index_rows=40, data_chunk=100)


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return claimset.load(write_dataset(tmp_path_factory.mktemp("paged"), 7, 50))


@pytest.fixture(scope="module")
def site_dirs(tmp_path_factory: pytest.TempPathFactory, real: Dataset,
              paged: Dataset) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("sites")
    dirs = {name: write_site(build_site(dataset), base / name).resolve()
            for name, dataset in (("real", real), ("hostile", sitedata.hostile()),
                                  ("astral", sitedata.astral()))}
    dirs["paged"] = write_site(build_site(paged, limits=PAGED_LIMITS), base / "paged").resolve()
    return dirs


def _start(target: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "claimset", "serve", str(target), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


def _address(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None and process.stderr is not None
    line = process.stdout.readline()
    if " at " not in line:
        process.kill()
        raise AssertionError(f"claimset serve printed {line!r}: {process.stderr.read()}")
    return line.split(" at ")[1].split()[0]


@pytest.fixture(scope="module", params=["serve", "file"])
def bases(request: pytest.FixtureRequest, site_dirs: dict[str, Path]) -> Iterator[dict[str, str]]:
    """Each site's base URL (ending in '/'): served by `claimset serve`, or file://."""
    if request.param == "file":
        yield {name: path.as_uri() + "/" for name, path in site_dirs.items()}
        return
    # The real dataset is served from the checkout (the site built on the fly);
    # the others from the sites written above.  All three start at once.
    targets = {"real": ROOT, **{name: site_dirs[name] for name in ("hostile", "astral", "paged")}}
    processes = {name: _start(target) for name, target in targets.items()}
    try:
        yield {name: _address(process) for name, process in processes.items()}
    finally:
        for process in processes.values():
            process.terminate()
            process.wait(timeout=10)


class Visit:
    """A page with everything it logged, asked for and every dialog it tried to open."""

    def __init__(self, browser: Any, base: str, *, javascript: bool = True) -> None:
        self.base = base
        self.context = browser.new_context(java_script_enabled=javascript,
                                           viewport={"width": 1200, "height": 800})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda message: self.errors.append(message.text)
                     if message.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, relative: str) -> Any:
        self.page.goto(self.base + relative)
        self.page.wait_for_load_state("load")
        return self.page

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.dialogs == []
        outside = [url for url in self.requests if not url.startswith(self.base)]
        assert outside == [], outside

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    opened: list[Visit] = []

    def make(base: str, *, javascript: bool = True) -> Visit:
        opened.append(Visit(browser, base, javascript=javascript))
        return opened[-1]

    yield make
    for item in opened:
        item.close()


def _pages(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory).as_posix()) for p in directory.rglob("*.html"))


def test_every_page_loads_with_no_console_error_and_no_request_outside_the_site(
        visit: Any, bases: dict[str, str], site_dirs: dict[str, Path]) -> None:
    for name, base in bases.items():
        tab = visit(base)
        for relative in _pages(site_dirs[name]):
            tab.open(relative)
            tab.page.wait_for_timeout(50)
        tab.assert_clean()
        assert len({url for url in tab.requests if url.endswith(".html")}) == \
            len(_pages(site_dirs[name]))


def test_each_source_page_highlights_every_claim_and_exclusion(
        visit: Any, bases: dict[str, str], real: Dataset) -> None:
    tab = visit(bases["real"])
    for source_id in real.sources:
        page = tab.open(f"sources/{source_id}.html")
        claims = page.evaluate("""() => new Set([...document.querySelectorAll('#text mark.f')]
            .flatMap(m => m.dataset.c.split(' '))).size""")
        exclusions = page.locator("#text mark.x").count()
        assert (claims, exclusions) == (len(real.claims_of(source_id)),
                                        len(real.exclusions_of(source_id))), source_id
        # the text shown is the pinned text, character for character
        assert page.evaluate("document.getElementById('text').textContent") == \
            real.sources[source_id].text
    tab.assert_clean()


def _ibc_1326(real: Dataset) -> Any:
    [claim] = [c for c in real.claims
               if c.figure.text == "1,326" and c.attribution == "Iraq Body Count"]
    return claim


def test_clicking_the_ibc_1326_claim_shows_its_value_and_attribution(
        visit: Any, bases: dict[str, str], real: Dataset) -> None:
    claim = _ibc_1326(real)
    tab = visit(bases["real"])
    page = tab.open(f"sources/{claim.source}.html")
    number = [c.id for c in real.claims_of(claim.source)].index(claim.id)
    mark = page.locator(f'#text mark.f[data-c="{number}"]')
    assert mark.inner_text() == "1,326"
    mark.click()
    panel = page.locator("article.claim.selected")
    assert panel.count() == 1
    assert panel.get_attribute("id") == claim.id
    assert panel.locator(".value").inner_text() == "1326"
    assert panel.locator(".attribution").inner_text() == "Iraq Body Count"
    assert mark.get_attribute("aria-pressed") == "true"
    assert page.evaluate("decodeURIComponent(location.hash)") == f"#{claim.id}"
    citation = panel.locator(".cite").inner_text()
    # The citation runs the quote on one line (its paragraph break is a space).
    assert " ".join(claim.quote.text.split()) in " ".join(citation.split())
    assert real.version in citation
    assert f"{claim.quote.start}–{claim.quote.end}" in citation
    panel.locator("button.copy").click()
    # the clipboard answers asynchronously: wait for the status, not a fixed time
    page.wait_for_function(
        "document.querySelector('article.claim.selected .copied').textContent !== ''")
    assert panel.locator(".copied").inner_text() in {"Copied.",
                                                     "Select the text above and copy it."}
    tab.assert_clean()


def test_a_permalink_scrolls_to_the_claim_and_selects_it(
        visit: Any, bases: dict[str, str], real: Dataset) -> None:
    claim = _ibc_1326(real)
    tab = visit(bases["real"])
    page = tab.open(f"sources/{claim.source}.html#{claim.id}")
    selected = page.locator("article.claim.selected")
    assert selected.get_attribute("id") == claim.id
    active = page.locator("#text mark.f.active")
    assert active.inner_text() == "1,326"
    assert page.evaluate("""() => { const r = document.querySelector('#text mark.f.active')
        .getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }""")
    assert page.evaluate("document.activeElement.classList.contains('active')")
    # and a link to another claim on the same page moves the selection
    other = real.claims_of(claim.source)[0]
    page.evaluate(f"location.hash = {other.id!r}")
    page.wait_for_function(f"document.querySelector('article.claim.selected').id === {other.id!r}")
    tab.assert_clean()


def test_the_keyboard_alone_selects_a_claim(visit: Any, bases: dict[str, str],
                                            real: Dataset) -> None:
    source_id = "daalder-lake-2004"
    tab = visit(bases["real"])
    page = tab.open(f"sources/{source_id}.html")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#text mark.f')"):
            break
    else:
        raise AssertionError("Tab never reached a figure")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # focus is visible
    numbers = page.evaluate("document.activeElement.dataset.c").split()
    page.keyboard.press("Enter")
    claims = real.claims_of(source_id)
    shown = page.locator("article.claim.selected")
    assert [shown.nth(i).get_attribute("id") for i in range(shown.count())] == \
        [claims[int(n)].id for n in numbers]
    assert page.evaluate("document.activeElement.getAttribute('aria-pressed')") == "true"
    for _ in range(60):  # on to the next figure, and the other key
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#text mark.f')"):
            break
    numbers = page.evaluate("document.activeElement.dataset.c").split()
    page.keyboard.press("Space")
    shown = page.locator("article.claim.selected")
    assert [shown.nth(i).get_attribute("id") for i in range(shown.count())] == \
        [claims[int(n)].id for n in numbers]
    page.keyboard.press("Escape")
    assert page.locator("article.claim.selected").count() == 0
    # an exclusion shows its reason when focused
    exclusion = page.locator("#text mark.x").first
    exclusion.focus()
    reason = page.evaluate("""getComputedStyle(document.activeElement, '::after').content""")
    assert "excluded:" in reason
    tab.assert_clean()


def test_a_filter_by_tag_leaves_the_claims_of_three_sources(
        visit: Any, bases: dict[str, str], real: Dataset) -> None:
    tab = visit(bases["real"])
    page = tab.open("index.html")
    rows = page.locator("#claims tbody tr")
    assert rows.count() == len(real.claims)
    page.select_option("#f-tag", "occupation-force-size")

    def visible_sources() -> set[str]:
        return set(page.evaluate("""() => [...document.querySelectorAll('#claims tbody tr')]
            .filter(r => !r.hidden).map(r => r.lastElementChild.textContent)"""))

    expected = {c.source for c in real.find(tag="occupation-force-size")}
    assert len(expected) == 2  # 1.2.0: Daalder & Lake's planned force, wrong-lessons'
    assert visible_sources() == expected
    assert page.locator("#shown").inner_text().startswith(
        f"{len(real.find(tag='occupation-force-size'))} of {len(real.claims)}")
    # the filter is in the address, so it can be linked
    assert page.evaluate("location.hash") == "#tag=occupation-force-size"
    linked = tab.open("index.html#tag=occupation-force-size")
    assert linked.input_value("#f-tag") == "occupation-force-size"
    assert visible_sources() == expected
    # search over the text, combined with other filters, and cleared
    page.fill("#q", "Iraq Body Count")
    page.select_option("#f-tag", "")
    shown = page.evaluate("[...document.querySelectorAll('#claims tbody tr')]"
                          ".filter(r => !r.hidden).length")
    assert shown == len([c for c in real.claims if "iraq body count" in (
        c.quote.text + (c.attribution or "") + c.measure).lower()])
    page.select_option("#f-attribution", "Iraq Body Count")
    page.select_option("#f-stance", "attributed")
    page.click("#f-reset")
    page.wait_for_function("document.querySelectorAll('#claims tbody tr[hidden]').length === 0")
    tab.assert_clean()


def test_a_hostile_measure_renders_as_text_and_runs_nothing(
        visit: Any, bases: dict[str, str]) -> None:
    tab = visit(bases["hostile"])
    for relative in ("index.html", "sources/hostile.html"):
        page = tab.open(relative)
        assert page.locator("img").count() == 0
        sources = [s.get_attribute("src") for s in page.locator("script[src]").all()]
        # the page's own script, and on the index the search's data file, both the site's
        assert sources == (["site.js", "data/claims-0001.js"] if relative == "index.html"
                           else ["../site.js"])
        assert sitedata.SCRIPT in page.locator("body").inner_text()
    page = tab.open("sources/hostile.html#hostile/first")
    shown = page.locator("article.claim.selected")
    assert shown.locator("h3 .measure").inner_text() == sitedata.HOSTILE
    assert shown.locator(".attribution").inner_text() == sitedata.HOSTILE
    assert page.title().startswith(sitedata.HOSTILE)
    # the javascript: address of the source is shown, never made a link
    assert page.locator('a[href^="javascript"]').count() == 0
    page.locator("#text mark.f").first.click()
    page.locator("#text mark.x").first.hover()
    tab.assert_clean()
    assert tab.dialogs == []


def test_astral_characters_and_combining_marks_highlight_exactly_the_figure(
        visit: Any, bases: dict[str, str]) -> None:
    dataset = sitedata.astral()
    text = dataset.sources["astral"].text
    tab = visit(bases["astral"])
    page = tab.open("sources/astral.html")
    assert page.evaluate("document.getElementById('text').textContent") == text
    for number, claim in enumerate(dataset.claims):
        marks = page.evaluate(f"""[...document.querySelectorAll('#text mark.f')]
            .filter(m => m.dataset.c.split(' ').includes('{number}')).map(m => m.textContent)""")
        assert marks == [claim.figure.text], claim.id
        quoted = page.evaluate(f"""[...document.querySelectorAll('#text [data-q]')]
            .filter(q => q.dataset.q.split(' ').includes('{number}')).map(q => q.textContent)
            .join('')""")
        assert quoted == claim.quote.text, claim.id
    [exclusion] = page.evaluate("[...document.querySelectorAll('#text mark.x')]"
                                ".map(m => m.textContent)")
    assert exclusion == "2007"
    # a retracted claim is struck through, with its reason in its panel
    page = tab.open("sources/astral.html#astral/later")
    assert "line-through" in page.evaluate(
        "getComputedStyle(document.querySelector('#text mark.f.r')).textDecorationLine")
    assert "counted twice" in page.locator("article.claim.selected .retraction").inner_text()
    # two claims whose quotes overlap are both selectable from the shared words
    shared = page.evaluate("""[...document.querySelectorAll('#text [data-q="0 1"]')]
        .map(q => q.textContent).join('')""")
    assert shared == "1,326 people"
    page.locator('#text > [data-q="0 1"]').first.click()  # " people": in both quotes
    assert page.locator("article.claim.selected").get_attribute("id") == "astral/people"
    page.locator('#text [data-q="1"]').first.click()  # only in the second quote
    assert page.locator("article.claim.selected").get_attribute("id") == "astral/families"
    tab.assert_clean()


def test_pages_read_without_javascript(visit: Any, bases: dict[str, str], real: Dataset) -> None:
    tab = visit(bases["real"], javascript=False)
    page = tab.open("index.html")
    assert page.locator("#claims tbody tr:visible").count() == len(real.claims)
    assert page.locator("#filters").is_hidden()
    claim = _ibc_1326(real)
    page = tab.open(f"sources/{claim.source}.html#{claim.id}")
    articles = page.locator("article.claim:visible")
    assert articles.count() == len(real.claims_of(claim.source))
    assert page.locator(f'[id="{claim.id}"] .value').inner_text() == "1326"
    tab.assert_clean()


def test_landmarks_headings_and_print(visit: Any, bases: dict[str, str], real: Dataset) -> None:
    tab = visit(bases["real"])
    for relative in ("index.html", "sources/steele-2008.html"):
        page = tab.open(relative)
        for role in ("banner", "navigation", "main", "contentinfo"):
            assert page.get_by_role(role).count() >= 1, (relative, role)
        assert page.locator("h1").count() == 1
        assert page.evaluate("document.documentElement.lang") == "en"
    assert page.get_by_role("complementary").count() == 1
    page.emulate_media(media="print")
    assert page.locator("article.claim:visible").count() == len(real.claims_of("steele-2008"))
    page = tab.open("index.html")
    page.emulate_media(media="print")
    assert page.locator("#filters").is_hidden()
    tab.assert_clean()


CONTRAST = """() => {
  const lum = (c) => { const [r, g, b] = c.map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const background = (el) => { for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3); }
    return [255, 255, 255]; };
  const worst = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    const a = lum(rgb(style.color).slice(0, 3)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) worst.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2));
  }
  return worst;
}"""


def test_text_contrast_passes_wcag_aa(visit: Any, bases: dict[str, str], real: Dataset) -> None:
    claim = _ibc_1326(real)
    tab = visit(bases["real"])
    for relative in ("index.html", f"sources/{claim.source}.html#{claim.id}",
                     "sources/daalder-lake-2004.html"):
        page = tab.open(relative)
        assert page.evaluate(CONTRAST) == [], relative
    tab.assert_clean()


# -- the index at any size: paged, its search data loaded after the page -----------------

def test_the_index_shows_one_page_and_searches_every_claim(
        visit: Any, bases: dict[str, str], paged: Dataset) -> None:
    tab = visit(bases["paged"])
    page = tab.open("index.html")
    rows = page.locator("#claims tbody tr")
    assert rows.count() == PAGED_LIMITS.index_rows
    assert page.locator("#pager").inner_text().startswith("Claims 1–40 of 350 (page 1 of 9)")
    page.wait_for_selector("#filters[data-loaded]", state="attached")
    # a claim in the last data file, far past the first page, is found by its quote
    last = paged.claims[-1]
    page.fill("#q", last.quote.text.lower())
    wanted = [c for c in paged.claims if last.quote.text.lower() in (
        "\n".join([c.quote.text, c.figure.text, c.measure, c.source, c.unit or ""]).lower())]
    assert page.locator("#shown").inner_text().startswith(f"{len(wanted)} of 350 claims match")
    assert last.figure.text in page.locator("#claims tbody").inner_text()
    assert page.locator("#pager").is_hidden()  # the served page's pager gives way to results
    # every claim, paged in the browser
    page.fill("#q", "")
    assert page.locator("#page-shown").inner_text() == "claims 1–40 of 350 (page 1 of 9)"
    page.click("#page-next")
    assert page.locator("#page-shown").inner_text() == "claims 41–80 of 350 (page 2 of 9)"
    hrefs = page.evaluate("[...document.querySelectorAll('#claims tbody a')]"
                          ".map(a => a.getAttribute('href'))")
    assert hrefs == [f"sources/{c.source}.html#{c.id}" for c in paged.claims[40:80]]
    page.locator("#claims tbody a").first.click()
    page.wait_for_load_state("load")
    assert page.locator("article.claim.selected").get_attribute("id") == paged.claims[40].id
    tab.assert_clean()


def test_a_filter_in_the_address_loads_the_data_at_once(
        visit: Any, bases: dict[str, str], paged: Dataset) -> None:
    tab = visit(bases["paged"])
    unit = paged.claims[-1].unit
    page = tab.open(f"index.html#unit={unit}")
    page.wait_for_selector("#filters[data-loaded]", state="attached")
    expected = [c for c in paged.claims if c.unit == unit]
    page.wait_for_function(
        f"document.getElementById('shown').textContent.startsWith('{len(expected)} of 350')")
    tab.assert_clean()


def test_without_javascript_the_pages_link_every_claim(
        visit: Any, bases: dict[str, str], paged: Dataset) -> None:
    tab = visit(bases["paged"], javascript=False)
    page = tab.open("index.html")
    seen: list[str] = []
    for number in range(1, 10):
        seen += [href.split("#", 1)[1] for href in page.evaluate(
            "[...document.querySelectorAll('#claims tbody a')].map(a => a.getAttribute('href'))")]
        if number < 9:
            page.click("#pager a[rel=next]")
            page.wait_for_load_state("load")
    assert seen == [claim.id for claim in paged.claims]
    assert "page 9 of 9" in page.locator("#pager").inner_text()
    tab.assert_clean()


# -- accessibility: axe-core, from the test extra (axe-playwright-python ships it) ---------

AXE_PAGES = {"real": ["index.html", "sources/steele-2008.html", "quantities.html"],
             "paged": ["index.html", "claims/2.html"]}


def test_axe_finds_no_accessibility_violation(visit: Any, bases: dict[str, str],
                                              real: Dataset) -> None:
    from importlib import resources

    axe = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    claim = _ibc_1326(real)
    found = {}
    for name, relatives in AXE_PAGES.items():
        tab = visit(bases[name])
        selected = [f"sources/{claim.source}.html#{claim.id}"] if name == "real" else []
        for relative in [*relatives, *selected]:
            page = tab.open(relative)
            # evaluated through the browser's debugging protocol: the pages' CSP, which
            # forbids inline scripts, does not apply, and nothing is fetched
            page.evaluate(axe)
            result = page.evaluate(
                "() => axe.run(document, {resultTypes: ['violations'], preload: false})")
            found[f"{name}/{relative}"] = [
                (violation["id"], [node["target"] for node in violation["nodes"]])
                for violation in result["violations"]]
        tab.assert_clean()
    assert all(not violations for violations in found.values()), found


# -- a phone --------------------------------------------------------------------------------

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


def test_on_a_phone_tapping_a_figure_shows_its_claim_above_the_text(
        browser: Any, bases: dict[str, str], real: Dataset) -> None:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(bases["real"] + "sources/steele-2008.html")
        # the page opens on the text's first words, not on its leading blank lines
        gap = page.evaluate("""() => {
            const text = document.getElementById('text');
            const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
            for (let node; (node = walker.nextNode());) {
              if (!node.textContent.trim() || !node.parentElement.offsetParent) continue;
              const range = document.createRange(); range.selectNodeContents(node);
              return range.getBoundingClientRect().top - text.getBoundingClientRect().top;
            } }""")
        assert gap < 30, gap
        assert page.evaluate("document.getElementById('text').textContent") == \
            real.sources["steele-2008"].text
        mark = page.locator("#text mark.f").nth(5)
        mark.scroll_into_view_if_needed()
        mark.tap()
        sheet = page.locator("article.claim.selected")
        box = sheet.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 844 + 1
        assert box["y"] < 844 * 0.6  # it rises over the text: no scrolling to find it
        figure = mark.bounding_box()
        assert figure is not None
        assert figure["y"] >= 0 and figure["y"] + figure["height"] <= box["y"]
        sheet.locator("button.close").tap()
        assert page.locator("article.claim.selected").count() == 0
        assert errors == []
    finally:
        context.close()


def test_copy_citation_carries_the_link_to_the_claim(browser: Any, bases: dict[str, str],
                                                    real: Dataset) -> None:
    base = bases["real"]
    if not base.startswith("http"):
        pytest.skip("the clipboard API needs a secure context: 127.0.0.1, not file://")
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        claim = _ibc_1326(real)
        page.goto(f"{base}sources/{claim.source}.html#{claim.id}")
        page.wait_for_load_state("load")
        page.locator("article.claim.selected button.copy").click()
        page.wait_for_function("document.querySelector('article.claim.selected .copied')"
                               ".textContent === 'Copied.'")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(f"“{claim.quote.text}”")
        assert copied.endswith(f" {base}sources/{claim.source}.html#{claim.id}")
    finally:
        context.close()


def test_the_quantities_page_says_whether_sources_agree(visit: Any, bases: dict[str, str],
                                                       real: Dataset) -> None:
    tab = visit(bases["real"])
    page = tab.open("index.html")
    page.click("text=Quantities measured by several claims")
    page.wait_for_load_state("load")
    rows = page.locator("#quantities tbody tr")
    quantities = real.quantities()
    assert rows.count() == len(quantities)
    troops = page.locator('tr:has(th[id="us-troops-in-iraq-2003"])')
    assert troops.locator(".agreement").inner_text() == "agree"
    assert troops.locator("li a").count() == len(quantities["us-troops-in-iraq-2003"].claims)
    troops.locator("li a").first.click()
    page.wait_for_load_state("load")
    first = quantities["us-troops-in-iraq-2003"].claims[0]
    assert page.locator("article.claim.selected").get_attribute("id") == first.id
    tab.assert_clean()
