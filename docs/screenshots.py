"""Make the site's screenshots in docs/ (PNG) with Debian's chromium via Playwright.

``python docs/screenshots.py`` builds the checkout's site into a temporary
folder, opens it from file:// and saves ``docs/site-index.png`` (the index
filtered by tag ``us-troops-in-iraq``) and ``docs/site-source.png`` (Steele's
page with the Iraq Body Count 1,326 claim selected through its permalink).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import claimset
from claimset.release.site import build_site, write_site

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1100, "height": 640}


def main() -> int:
    from playwright.sync_api import sync_playwright

    dataset = claimset.load(ROOT)
    [claim] = [c for c in dataset.claims
               if c.figure.text == "1,326" and c.attribution == "Iraq Body Count"]
    with tempfile.TemporaryDirectory() as directory, sync_playwright() as driver:
        site = write_site(build_site(dataset), Path(directory) / "site")
        base = site.resolve().as_uri()
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(f"{base}/index.html#tag=us-troops-in-iraq")
        page.wait_for_timeout(200)
        page.evaluate("document.getElementById('claims-heading').scrollIntoView()")
        page.evaluate("window.scrollBy(0, -260)")
        page.screenshot(path=DOCS / "site-index.png")
        page.goto(f"{base}/sources/{claim.source}.html#{claim.id}")
        page.wait_for_timeout(200)
        page.screenshot(path=DOCS / "site-source.png")
        browser.close()
    for name in ("site-index.png", "site-source.png"):
        print(f"wrote docs/{name} ({(DOCS / name).stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
