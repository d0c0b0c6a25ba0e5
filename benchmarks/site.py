"""Site build time (issue 14): the static site beside the release it ships with, in one run.

``python benchmarks/site.py [--sources 1000] [--claims 100] [--dir DIR] [--rounds 3]``

Writes (or reuses) the synthetic dataset of benchmarks/synthetic.py, loads it
once, then times in alternating rounds, so that both see the same machine load:

* release: ``build_release(path, site=False)``, the release as it was built
  before the site (read and check the data, bundle, CSV, database, verify);
* site: ``build_site(dataset)``, every page in memory, from the loaded Dataset;
* site + zip + write: the site, its zip, and ``write_site`` into a fresh folder.

Prints each round's times and the ratios site / release, with their spread
over the rounds, and the size of the largest pages (a source page holds its own
claims only, so its size does not grow with the dataset).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import claimset
from claimset.release.build import build_release
from claimset.release.site import build_site, site_archive, write_site
from validate import dataset_at


def timed(action: object) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()  # type: ignore[operator]
    return time.perf_counter() - started, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100, help="claims per source")
    parser.add_argument("--dir", type=Path, default=None,
                        help="where the synthetic dataset lives (reused if complete)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    root = dataset_at(args.dir, args.sources, args.claims)
    total = args.sources * args.claims
    dataset = claimset.load(root)
    assert len(dataset) == total
    print(f"dataset: {args.sources:,} sources x {args.claims:,} claims = {total:,} claims; "
          f"{args.rounds} alternating rounds", flush=True)
    release_times: list[float] = []
    site_times: list[float] = []
    written_times: list[float] = []
    site = None
    for round_number in range(1, args.rounds + 1):
        seconds, _ = timed(lambda: build_release(root, site=False))
        release_times.append(seconds)
        seconds, site = timed(lambda: build_site(dataset))
        site_times.append(seconds)
        with tempfile.TemporaryDirectory(prefix="claimset-site-bench-") as directory:
            def write(directory: str = directory) -> None:
                built = build_site(dataset)
                site_archive(built, folder="site")
                write_site(built, Path(directory) / "site")

            seconds, _ = timed(write)
            written_times.append(seconds)
            shutil.rmtree(Path(directory) / "site", ignore_errors=True)
        print(f"round {round_number}: release {release_times[-1]:.2f} s, site "
              f"{site_times[-1]:.2f} s, site + zip + write {written_times[-1]:.2f} s", flush=True)
    assert site is not None

    def ratio(times: list[float]) -> str:
        ratios = [mine / base for mine, base in zip(times, release_times, strict=True)]
        return (f"{statistics.median(ratios):.2f}x (spread {min(ratios):.2f}-"
                f"{max(ratios):.2f}x)")

    print(f"site / release:               {ratio(site_times)}")
    print(f"site + zip + write / release: {ratio(written_times)}")
    pages = {path: len(data) for path, data in site.files.items()}  # type: ignore[attr-defined]
    sources = [size for path, size in pages.items() if path.startswith("sources/")]
    print(f"site: {len(pages):,} files, {sum(pages.values()) / 2**20:.1f} MB; index.html "
          f"{pages['index.html'] / 2**20:.1f} MB ({pages['index.html'] / total:.0f} bytes per "
          f"claim); largest source page {max(sources) / 1024:.0f} KB, median "
          f"{statistics.median(sources) / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
