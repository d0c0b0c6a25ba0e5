"""Site build time (issue 14): the static site beside the release it ships with, in one run.

``python benchmarks/site.py [--sources 1000] [--claims 100] [--dir DIR] [--rounds 3]``

Writes (or reuses) the synthetic dataset of benchmarks/synthetic.py, loads it
once, then times in alternating rounds, so that both see the same machine load:

* release: ``build_release(path, site=False)``, the release as it was built
  before the site (read and check the data, bundle, CSV, database, verify);
* site: ``build_site(dataset)``, every page in memory, from the loaded Dataset;
* site + zip + write: the site, its zip, and ``write_site`` into a fresh folder.

Prints each round's times and the ratios site / release (CPU time of this process,
with the wall clock beside it), with their spread over the rounds, and the size of
the largest pages (a source page holds its own claims only, so its size does not grow
with the dataset).
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
import record
from claimset.release.build import build_release
from claimset.release.site import build_site, site_archive, write_site
from synthetic import add_dataset_arguments
from validate import dataset_at


def timed(action: object) -> tuple[tuple[float, float], object]:
    """(CPU seconds of this process, wall seconds) of ``action()``, and its result."""
    started, cpu = time.perf_counter(), time.process_time()
    result = action()  # type: ignore[operator]
    return (time.process_time() - cpu, time.perf_counter() - started), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_dataset_arguments(parser, rounds=3)
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    run = record.Run("site", args, argv)

    root = dataset_at(args.dir, args.sources, args.claims)
    total = args.sources * args.claims
    dataset = claimset.load(root)
    assert len(dataset) == total
    print(f"dataset: {args.sources:,} sources x {args.claims:,} claims = {total:,} claims; "
          f"{args.rounds} alternating rounds", flush=True)
    release_times: list[tuple[float, float]] = []
    site_times: list[tuple[float, float]] = []
    written_times: list[tuple[float, float]] = []
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
        print(f"round {round_number}: release {release_times[-1][1]:.2f} s, site "
              f"{site_times[-1][1]:.2f} s, site + zip + write {written_times[-1][1]:.2f} s "
              "(wall)", flush=True)
    assert site is not None

    def ratios(times: list[tuple[float, float]], which: int) -> list[float]:
        return [mine[which] / base[which] for mine, base in zip(times, release_times, strict=True)]

    def ratio(times: list[tuple[float, float]]) -> str:
        cpu = ratios(times, 0)
        return (f"{statistics.median(cpu):.2f}x CPU (spread {min(cpu):.2f}-{max(cpu):.2f}x), "
                f"{statistics.median(ratios(times, 1)):.2f}x wall")

    print(f"site / release:               {ratio(site_times)}")
    print(f"site + zip + write / release: {ratio(written_times)}")
    run.figure("site", f"static site of {total:,} claims, in memory, vs the release without it",
               ratios(site_times, 0), unit="x", cpu=True, wall=ratios(site_times, 1),
               baseline="`build_release(site=False)`")
    run.figure("site-written", f"static site of {total:,} claims with its zip, written, vs "
               "the release without it", ratios(written_times, 0), unit="x", cpu=True,
               wall=ratios(written_times, 1), baseline="`build_release(site=False)`")
    pages = {path: len(data) for path, data in site.files.items()}  # type: ignore[attr-defined]
    sources = [size for path, size in pages.items() if path.startswith("sources/")]
    print(f"site: {len(pages):,} files, {sum(pages.values()) / 2**20:.1f} MB; index.html "
          f"{pages['index.html'] / 2**20:.1f} MB ({pages['index.html'] / total:.0f} bytes per "
          f"claim); largest source page {max(sources) / 1024:.0f} KB, median "
          f"{statistics.median(sources) / 1024:.0f} KB")
    run.figure("index-page", "the site's index.html", pages["index.html"] / 2**20, unit="MB",
               digits=2, detail=f"{pages['index.html'] / total:.0f} bytes per claim")
    run.figure("site-size", f"the whole site of {total:,} claims", sum(pages.values()) / 2**20,
               unit="MB", digits=0, detail=f"{len(pages):,} files")
    per_source = total / max(len(sources), 1)
    run.figure("source-page", f"a source page ({per_source:,.0f} claims: its highlighted text, "
               "panels and related links), median", statistics.median(sources) / 1024,
               unit="KB", digits=0, detail=f"largest {max(sources) / 1024:,.0f} KB; "
               f"{statistics.median(sources) / per_source / 1024:.1f} KB per claim")
    run.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
