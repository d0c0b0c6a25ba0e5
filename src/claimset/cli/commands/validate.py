"""`claimset validate`: the main job, every check with its problems."""

from __future__ import annotations

import argparse

from claimset.core.formats import REPORT_FORMATS  # not core.vocabulary: it imports typing

# The checker, the reporters and the dataset reader are imported in run(): `claimset
# validate --help` needs none of them (benchmarks/startup.py).
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from claimset.store.layout import RawDataset


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?",
                        help="a checkout, a dataset directory or a release bundle (default: "
                             "the checkout containing the current directory, else the dataset "
                             "bundled with claimset, which it then says)")
    parser.add_argument("--format", choices=REPORT_FORMATS, default="text",
                        help="text (file:line:col: CODE message), json, or github annotations")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="also show notes (e.g. figures the extractor does not find)")
    parser.add_argument("--no-coverage", action="store_true",
                        help="skip the coverage check (every number a claim or an exclusion)")
    parser.add_argument("--no-cache", action="store_true",
                        help="read every text's figures again instead of using the grammar "
                             "cache in the user's cache directory (CLAIMSET_NO_CACHE=1 does the "
                             "same; the report is the same either way)")
    parser.add_argument("--no-meaning", action="store_true",
                        help="skip the checks of meaning (quote scope, reporting frames, "
                             "back-references, facts in prose, exclusion reasons)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes that read the figures (default: every core; "
                             "the same problems in the same order for any N)")
    parser.add_argument("--base", metavar="REV",
                        help="also check the version policy against git revision REV (e.g. the "
                             "pull request's base commit): bump and changelog entry; and list "
                             "each exclusion the change adds (a warning, CS507)")


def subject(raw: RawDataset) -> str:
    """``name version (N sources, M claims)`` for the summary line, as far as it can be read."""
    index = raw.index.data if raw.index is not None and isinstance(raw.index.data, dict) else {}
    claims = sum(len(entry.data.get("claims") or []) for entry in raw.entries
                 if isinstance(entry.data, dict) and isinstance(entry.data.get("claims"), list))
    name, version = index.get("name", "dataset"), index.get("version", "?")
    return f"{name} {version} ({len(raw.entries)} sources, {claims} claims)"


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from claimset.check.api import dataset_for_command, read_and_check
    from claimset.check.checker import CheckOptions
    from claimset.check.parallel import default_jobs
    from claimset.check.reporters import reporter
    from claimset.cli._status import Status
    from claimset.core.errors import UsageError

    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {args.jobs}")
    jobs = args.jobs if args.jobs is not None else default_jobs()

    target, bundled = dataset_for_command(args.path)
    if bundled:
        print(f"claimset: not inside a checkout (no dataset/index.json here or above): "
              f"validating the dataset bundled with claimset, in {target}", file=sys.stderr)
    before = None
    if args.base is not None:  # the version policy's modules only when asked for
        from functools import partial

        from claimset.contrib.revisions import base_problems

        before = partial(base_problems, base=args.base)
    # The dataset is read once and serves the checks, the version policy and the summary;
    # the base is read first: an unknown revision is a usage error, reported before any data.
    with Status("validate") as status:  # on a terminal only
        status.step(f"reading and checking {target} (structure, citations, values"
                    + ("" if args.no_meaning else ", meaning")
                    + (")" if args.no_coverage else ", coverage)")
                    + (f", {jobs} workers" if jobs > 1 else ""))
        raw, report = read_and_check(
            Path(target), options=CheckOptions(coverage=not args.no_coverage,
                                               meaning=not args.no_meaning),
            before=before, jobs=jobs, cache=not args.no_cache)
    reporter(args.format, sys.stdout, verbose=args.verbose).report(report, subject=subject(raw))
    return 0 if report.ok else 1
