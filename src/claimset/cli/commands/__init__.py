"""Subcommands of the ``claimset`` command, one module each, listed in :data:`COMMANDS`.

The table below is what ``claimset --help`` prints, read without importing any
command: a command's module (and the library code it needs) is imported only
when that command runs, or when its own ``--help`` is asked for.  Each module
defines ``configure(parser)`` and ``run(args) -> int``; keep its heavy imports
inside ``run`` so that ``claimset NAME --help`` stays quick too.

Adding a command: write ``cli/commands/<module>.py`` and add one line here;
``tests/test_cli_commands.py`` checks the table and the modules agree.
"""

from __future__ import annotations

import argparse

#: Command name -> (its module in this package, its one-line help), sorted by name.
COMMANDS: dict[str, tuple[str, str]] = {
    "add-source": ("add_source", "pin a new source text in seeds/ and create its dataset file "
                                 "(then `claimset suggest`)"),
    "agree": ("agree", "compare two curations of the same source (files, checkouts or git "
                       "revisions): per-field agreement, Krippendorff's alpha and every "
                       "disagreement (text, JSON, Markdown)"),
    "build": ("build", "write the release bundle claimset-<version>.json, its .sha256, a CSV "
                       "of the claims, datapackage.json and the static site (site/ and "
                       "claimset-<version>-site.zip)"),
    "confirm": ("confirm", "confirm drafted fields of a claim or exclusion after checking them "
                           "against the text (removes them from its 'drafted')"),
    "corroborate": ("corroborate", "for each quantity key, the claims that measure it, their "
                                   "values and whether their sources agree (exit 1 if any "
                                   "disagree)"),
    "coverage": ("coverage", "list numbers in the sources that are neither claims nor "
                             "exclusions (exit 1 if any)"),
    "diff": ("diff", "list sources, claims and exclusions added, removed and changed between "
                     "two versions"),
    "download": ("download", "download a released version (default: latest) into the cache, "
                             "checked against its sha256"),
    "export": ("export", "write the claims as CSV or JSON Lines (one row per claim) to stdout "
                         "or --out, as W3C Web Annotations, or as a SQLite database for "
                         "Datasette"),
    "extract": ("extract", "list every figure (number, money, percent, date...) in text files "
                           "or a corpus"),
    "find": ("find", "list the claims matching filters (source, tag, unit, attribution, "
                     "qualifier, period, text), as a table, JSON or CSV"),
    "fmt": ("fmt", "rewrite dataset JSON files in canonical form (--check: only report, "
                   "exit 1)"),
    "import-annotations": ("import_annotations", "turn W3C Web Annotations on a pinned source "
                                                 "into claim skeletons (JSON), re-anchored by "
                                                 "quote where their positions disagree"),
    "list": ("list_sources", "list the sources with their claim and exclusion counts"),
    "reanchor": ("reanchor", "re-anchor a source's claims on a corrected text (--write to "
                             "apply)"),
    "serve": ("serve", "serve the static site of a checkout, dataset directory, bundle or "
                       "built site on 127.0.0.1 and print its address"),
    "show": ("show", "print a claim and its quote in context, the figure highlighted"),
    "suggest": ("suggest", "print claim skeletons (JSON) for a source's numbers that are not "
                           "covered yet"),
    "validate": ("validate", "check a dataset: structure, citations, values and coverage "
                             "(exit 1 on problems)"),
}

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs start-up time
if TYPE_CHECKING:  # pragma: no cover
    from typing import Protocol

    class Command(Protocol):
        def configure(self, parser: argparse.ArgumentParser) -> None: ...

        def run(self, args: argparse.Namespace) -> int: ...


def help_of(name: str) -> str:
    return COMMANDS[name][1]


def load(name: str) -> Command:
    """The module of command ``name`` (imported now, the first time it is needed)."""
    import importlib  # not at the top: `claimset --help` loads no command

    module: Command = importlib.import_module(f"{__name__}.{COMMANDS[name][0]}")
    return module


def configure(name: str, parser: argparse.ArgumentParser) -> None:
    """Give ``parser`` command ``name``'s arguments, and the function that runs it."""
    command = load(name)
    command.configure(parser)
    parser.set_defaults(_run=command.run)


def refuse_unless_format(args: argparse.Namespace, wanted: str, *options: str) -> None:
    """A UsageError when any of ``options`` (attribute names, e.g. ``"raw_csv"``) is set
    but ``--format`` is not ``wanted``: an option that would do nothing is a mistake to
    say, not to ignore."""
    for option in options:
        if getattr(args, option) and args.format != wanted:
            from claimset.core.errors import UsageError

            flag = "--" + option.replace("_", "-")
            raise UsageError(f"{flag} applies to --format {wanted} only")
