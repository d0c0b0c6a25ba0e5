"""`claimset import-annotations`: W3C Web Annotations on a source, as claim skeletons.

Reads FILE (an AnnotationCollection, a page, a list of annotations or one, as
``claimset export --format w3c`` or an annotation tool writes them), places each
annotation on SOURCE_ID's pinned text (by position, else by quote) and prints
``{"claims": [...], "exclusions": [...]}``: claim skeletons (like ``claimset
suggest``) for the figures in what was placed, and exclusions for classifying
annotations.  Annotations on other sources are left out (and counted).  Each
annotation that cannot be placed is reported on stderr with why;
the exit status is then 1.  Expanded JSON-LD, or JSON-LD with other term names
for the W3C vocabulary, is compacted with pyld first (offline: only the W3C
context is served).  See :mod:`claimset.contrib.annotations`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from claimset.check.api import dataset_for_command
from claimset.contrib.annotations import SourceNames, import_annotations
from claimset.contrib.sources import pinned_source
from claimset.core.errors import InputError, UsageError
from claimset.core.escape import log_line
from claimset.release.w3c import compact, is_compact
from claimset.store.jsonio import read_json
from claimset.store.model import text_urn

NAME = "import-annotations"
HELP = ("turn W3C Web Annotations on a pinned source into claim skeletons (JSON), re-anchored "
        "by quote where their positions disagree")

def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the annotations (JSON or JSON-LD)")
    parser.add_argument("source_id", help="the pinned source they annotate, e.g. steele-2008")
    parser.add_argument("path", nargs="?", type=Path,
                        help="a checkout or dataset directory (default: the checkout containing "
                             "the current directory, else the bundled dataset)")


def run(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise InputError(f"{args.file}: no such file", code="CS109")
    path = dataset_for_command(args.path)[0]
    info, text = pinned_source(path, args.source_id)
    document = read_json(args.file).data
    if not is_compact(document):  # expanded JSON-LD, or other terms: pyld compacts it
        try:
            document = compact(document)
        except UsageError as error:
            raise InputError(f"{args.file}: {error.message}", code=error.code) from None
    from claimset.grammar.extract import extract  # the grammar compiles on first import

    iris = {text_urn(info["sha256"])}
    if isinstance(info.get("url"), str):
        iris.add(info["url"])
    names = SourceNames(iris=frozenset(iris),
                        file_name=Path(str(info.get("path", ""))).name or args.source_id)
    result = import_annotations(document, source_id=args.source_id, text=text, names=names,
                                candidates=extract(text), file=str(args.file))
    if not result.outcomes:
        where = (f" on {args.source_id} ({result.elsewhere} are on other sources)"
                 if result.elsewhere else " (an AnnotationCollection, AnnotationPage, a list "
                                          "of Annotation objects or one)")
        raise InputError(f"{args.file}: no W3C annotations{where}", code="CS807")
    output = {"claims": result.skeletons, "exclusions": result.exclusions}
    sys.stdout.write(json.dumps(output, indent=2, ensure_ascii=False) + "\n")
    for outcome in result.outcomes:
        if outcome.how == "unplaced":
            print(log_line(f"{args.file}: annotation {outcome.label}: cannot be placed: "
                           f"{outcome.why}"), file=sys.stderr)
        elif outcome.how != "position":
            assert outcome.span is not None
            print(log_line(f"{args.file}: annotation {outcome.label}: placed by its "
                           f"{outcome.how} at {outcome.span[0]}..{outcome.span[1]}"),
                  file=sys.stderr)
    unplaced = len(result.unplaced)
    elsewhere = f" ({result.elsewhere} on other sources left out)" if result.elsewhere else ""
    print(f"{len(result.skeletons)} claim and {len(result.exclusions)} exclusion skeleton(s) "
          f"from {len(result.outcomes) - unplaced} of {len(result.outcomes)} annotation(s) on "
          f"{args.source_id}{elsewhere}; {unplaced} could not be placed. Paste each list into "
          f"its place in dataset/{args.source_id}.json, replace every TODO, then run "
          "`claimset fmt` and `claimset validate`", file=sys.stderr)
    return 1 if unplaced else 0
