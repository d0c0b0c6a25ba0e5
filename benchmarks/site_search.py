"""The site's index and search in Chromium at 100,000 claims (issue 29).

``python benchmarks/site_search.py [--sources 1000] [--claims 100] [--dir DIR]
[--rounds 5]``

Builds the site of the synthetic dataset (benchmarks/synthetic.py: ``claimset.testing``'s
generator) and opens its index from ``file://`` in Debian's Chromium (Playwright,
``executable_path="/usr/bin/chromium"``), then measures:

* the index's load: from navigation to the load event, and until every search data
  file has arrived (``#filters[data-loaded]``);
* a search: from setting the query (an ``input`` event, as typing does) until the
  next frame has been painted with the results and their count, for queries that
  match one claim, about a hundredth of them, and most of them, and for a tag filter;
* the baseline, in alternating rounds with the searches: the same query as a bare scan
  (``indexOf`` over every claim's quote and measure, lower-cased beforehand, nothing
  drawn), the floor of any search that reads every claim in the browser.

Wall time in the page (``performance.now()``); the browser's CPU time is not
separated from the other tabs' here.  Prints each figure's median and spread, and the
ratio to the baseline.  Results: ``benchmarks/results/site-search.json``
(``benchmarks/record.py``), rendered into docs/site.md by ``benchmarks/figures.py``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import claimset
import record
from claimset.release.site import build_site, write_site
from synthetic import add_dataset_arguments
from validate import dataset_at

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

#: Set the query as typing does, then wait for the frame after the results were drawn.
SEARCH = """async ([query, tag]) => {
  const form = document.getElementById('filters');
  const started = performance.now();
  form.elements.q.value = query;
  form.elements.tag.value = tag;
  form.dispatchEvent(new Event('input', {bubbles: true}));
  await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  return [performance.now() - started, document.getElementById('shown').textContent,
          document.querySelectorAll('#claims tbody tr').length];
}"""

#: The floor: every claim's quote and measure, lower-cased beforehand, scanned for the query.
BASELINE = """([query]) => {
  const started = performance.now();
  let found = 0;
  for (const text of window.benchTexts) if (text.indexOf(query) >= 0) found++;
  return [performance.now() - started, found];
}"""


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} ms ({min(values):,.0f}–{max(values):,.0f})"


def queries(dataset: claimset.Dataset) -> dict[str, tuple[str, str]]:
    """Named searches: one claim's quote, a word in about 1%, a word in most, and a tag."""
    texts = [(claim.quote.text + "\n" + claim.measure).lower() for claim in dataset.claims]
    one = dataset.claims[-1].quote.text.lower()
    words: dict[str, int] = {}
    for text in texts[:5000]:
        for word in set(text.split()):
            if word.isalpha() and len(word) > 3:
                words[word] = words.get(word, 0) + 1
    common = max(words, key=lambda word: words[word])
    rare = min(words, key=lambda word: abs(words[word] - 50))
    tag = next(iter(dataset.tags()), "")
    return {"one claim's quote": (one, ""), f"a rare word ({rare!r})": (rare, ""),
            f"a common word ({common!r})": (common, ""), f"a tag ({tag!r})": ("", tag)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_dataset_arguments(parser, rounds=5)
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    run = record.Run("site-search", args, argv, script="site_search")
    from playwright.sync_api import sync_playwright

    root = dataset_at(args.dir, args.sources, args.claims)
    dataset = claimset.load(root)
    total = len(dataset)
    started = time.perf_counter()
    site = build_site(dataset)
    built = time.perf_counter() - started
    folder = Path(tempfile.mkdtemp(prefix="claimset-site-search-"))
    results: dict[str, Any] = {"claims": total, "build_site_s": round(built, 1)}
    searches: dict[str, list[float]] = {}
    floors: dict[str, list[float]] = {}
    loads: list[float] = []
    readies: list[float] = []
    try:
        write_site(site, folder / "site")
        index = folder / "site" / "index.html"
        data = sum(len(body) for path, body in site.files.items() if path.startswith("data/"))
        results.update(index_bytes=index.stat().st_size, data_bytes=data,
                       data_files=sum(path.startswith("data/") for path in site.files))
        print(f"{total:,} claims; site built in {built:.1f} s; index.html "
              f"{index.stat().st_size / 1e6:.2f} MB, search data {data / 1e6:.1f} MB in "
              f"{sum(path.startswith('data/') for path in site.files)} files", flush=True)
        named = queries(dataset)
        texts = [(claim.quote.text + "\n" + claim.measure).lower() for claim in dataset.claims]
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            searches.update({name: [] for name in named})
            floors.update({name: [] for name in named if named[name][0]})
            for round_number in range(args.rounds):
                page = browser.new_page()
                began = time.perf_counter()
                page.goto(index.as_uri(), wait_until="load")
                loads.append((time.perf_counter() - began) * 1000)
                page.wait_for_selector("#filters[data-loaded]", state="attached",
                                       timeout=600_000)
                readies.append((time.perf_counter() - began) * 1000)
                page.evaluate("texts => { window.benchTexts = texts; }", texts)
                for name, (query, tag) in named.items():
                    if query:  # alternate: the floor, then the search
                        floor, _ = page.evaluate(BASELINE, [query])
                        floors[name].append(floor)
                    elapsed, shown, rows = page.evaluate(SEARCH, [query, tag])
                    searches[name].append(elapsed)
                    if round_number == 0:
                        print(f"  {name}: {shown!r}, {rows} rows drawn", flush=True)
                    page.evaluate(SEARCH, ["", ""])
                page.close()
            browser.close()
        print(f"index load event: {spread(loads)}; every data file in: {spread(readies)}")
        results["load_ms"] = statistics.median(loads)
        results["data_ready_ms"] = statistics.median(readies)
        results["search_ms"] = {}
        for name, times in searches.items():
            line = f"search, {name}: {spread(times)}"
            entry: dict[str, Any] = {"median": statistics.median(times), "min": min(times),
                                     "max": max(times)}
            if name in floors:
                ratio = statistics.median(times) / max(statistics.median(floors[name]), 0.01)
                line += f"; bare scan {spread(floors[name])}; {ratio:.1f}x the scan"
                entry["scan_median"] = statistics.median(floors[name])
            print(line)
            results["search_ms"][name] = entry
        worst = max(entry["median"] for entry in results["search_ms"].values())
        print(f"slowest search's median: {worst:,.0f} ms (target: under 1,000 ms)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    record_figures(run, results, loads, readies, searches, floors)
    run.save()
    return 0


def record_figures(run: record.Run, results: dict[str, Any], loads: list[float],
                   readies: list[float], searches: dict[str, list[float]],
                   floors: dict[str, list[float]]) -> None:
    total = results["claims"]
    run.figure("index-size", f"the index page at {total:,} claims", results["index_bytes"] / 1e6,
               unit="MB", digits=2, detail=f"search data {results['data_bytes'] / 1e6:.1f} MB "
               f"in {results['data_files']} files")
    run.figure("index-load", "the index page's load event in Chromium", loads, unit="ms",
               digits=0, cpu=False)
    run.figure("data-in", "every search data file in (a search made sooner covers what has "
               "arrived)", readies, unit="ms", digits=0, cpu=False)
    for name, times in searches.items():
        slug = re.sub(r"[^a-z]+", "-", name.split(" (")[0].lower()).strip("-")
        note = None
        if name in floors:
            ratios = [mine / max(floor, 0.01) for mine, floor in zip(times, floors[name],
                                                                      strict=True)]
            note = (f"{statistics.median(ratios):.1f}x a bare scan of the claims' texts in "
                    f"the same page and rounds ({min(ratios):.1f}–{max(ratios):.1f}x)")
        run.figure(f"search-{slug}", f"a search for {name}, typed to painted", times,
                   unit="ms", digits=0, cpu=False, target="under 1,000 ms",
                   met=statistics.median(times) < 1000, note=note)


if __name__ == "__main__":
    sys.exit(main())
