"""`claimset show`: a claim, and its quote in context with the figure highlighted."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from claimset.check.loader import load
from claimset.core.errors import UsageError
from claimset.core.escape import one_line, terminal
from claimset.store.model import Claim, Dataset

_CONTEXT = 160  # code points of text shown either side of the quote


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("claim_id", help="the claim's id, e.g. steele-2008/ibc-...")
    parser.add_argument("--path", type=Path, default=None,
                        help="a checkout, dataset directory or bundle (default: the bundled data)")
    parser.add_argument("--color", choices=["auto", "always", "never"], default="auto")


def render(dataset: Dataset, claim: Claim, *, color: bool) -> str:
    """The claim for a terminal.  Every piece of data is escaped here (:mod:`escape`),
    so that the colours, claimset's own escape sequences, can bypass the stream's."""
    source = dataset.sources[claim.source]
    text = source.text
    start = max(0, claim.quote.start - _CONTEXT)
    end = min(len(text), claim.quote.end + _CONTEXT)
    quote_on, figure_on, off = ("\x1b[1m", "\x1b[1;7m", "\x1b[0m") if color else ("", "", "")
    figure_mark = ("", "") if color else ("[", "]")
    context = (
        ("…" if start > 0 else "") + terminal(text[start:claim.quote.start])
        + quote_on + terminal(text[claim.quote.start:claim.figure.start])
        + figure_on + figure_mark[0] + terminal(claim.figure.text) + figure_mark[1] + off
        + quote_on + terminal(text[claim.figure.end:claim.quote.end]) + off
        + terminal(text[claim.quote.end:end]) + ("…" if end < len(text) else "")
    )
    bounds = ", ".join(f"{name} {bound}" for name, bound in (("lower", claim.lower),
                                                              ("upper", claim.upper))
                       if bound is not None)
    bounds = f" ({bounds})" if bounds else ""
    header = [
        f"{claim.id}{'  [RETRACTED: ' + claim.retracted.reason + ']' if claim.retracted else ''}",
        f"  value:       {claim.value} {claim.unit or ''} ({claim.qualifier}){bounds}",
        f"  measure:     {claim.measure}",
        f"  period:      {claim.period or '-'}    place: {claim.place or '-'}",
        f"  attribution: {claim.attribution or '(the author)'}    stance: {claim.stance}",
        f"  tags:        {', '.join(claim.tags) or '-'}",
        f"  source:      {source.id}: {source.title or '(untitled)'}"
        f" ({', '.join(source.authors) or 'no byline'}, {source.published or 'date unknown'})",
        f"  offsets:     quote {claim.quote.start}..{claim.quote.end}, "
        f"figure {claim.figure.start}..{claim.figure.end} in {source.path}",
        "",
    ]
    lines = [one_line(line) for line in header]  # a field's newline never starts a line
    paragraphs = context.split("\n")
    lines.extend(textwrap.indent(
        "\n".join(textwrap.fill(p, width=88) if not color else p for p in paragraphs), "  "
    ).splitlines())
    if claim.note:
        lines += ["", one_line(f"  note: {claim.note}")]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    dataset = load(args.path)
    try:
        claim = dataset.claim(args.claim_id)
    except KeyError as error:
        raise UsageError(str(error.args[0])) from None
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    # render() escaped the data itself; its colours must reach the terminal as they are.
    getattr(sys.stdout, "unescaped", sys.stdout).write(render(dataset, claim, color=color))
    return 0
