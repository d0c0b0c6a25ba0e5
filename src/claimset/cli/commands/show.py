"""`claimset show`: a claim, and its quote in context with the figure highlighted.

Without colour the quote's ends are marked ``«`` and ``»`` and the figure
``[like this]``; with colour the quote is bold and the figure reversed.  Text is
wrapped to the terminal's width in both, and every string from the data is escaped
first (:mod:`claimset.core.escape`).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from claimset.check.api import dataset_for_command
from claimset.check.loader import load
from claimset.cli._terminal import COLOR_CHOICES, render_styled, use_color, width
from claimset.core.errors import UsageError
from claimset.core.escape import one_line, terminal
from claimset.store.model import Claim, Dataset, Source

_CONTEXT = 160  # code points of text shown either side of the quote
_LABEL = 15  # width of the "  measure:     " labels
#: Without colour, where the quote starts and ends in its context (the figure is in [ ]).
QUOTE_MARKS = ("\u00ab", "\u00bb")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("claim_id",
                        help="the claim's id, e.g. daalder-lake-2004/occupation-troops "
                             "(`claimset find` lists them)")
    parser.add_argument("--path", type=Path, default=None,
                        help="a checkout, dataset directory or bundle (default: the checkout "
                             "containing the current directory, else the bundled dataset)")
    parser.add_argument("--color", choices=COLOR_CHOICES, default="auto",
                        help="colour the quote and the figure: auto (on a terminal, unless "
                             "NO_COLOR is set), always or never")


def describe_source(source: Source) -> str:
    """What is known of a source, in citation order; what is not known is left out."""
    parts = []
    if source.authors:
        names = list(source.authors)
        parts.append(names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
    if source.title:
        parts.append(f"\u201c{source.title}\u201d")
    if source.publisher:
        parts.append(source.publisher)
    if source.published:
        parts.append(source.published)
    unknown = [name for name, value in (("byline", source.authors), ("title", source.title),
                                        ("date", source.published)) if not value]
    known = ", ".join(parts) if parts else "no details known"
    return known + (f" (no {' or '.join(unknown)} in the text)" if unknown and parts else "")


def _field(label: str, value: str, limit: int) -> list[str]:
    head = f"  {label + ':':<{_LABEL - 2}}"
    return textwrap.wrap(value, width=limit, initial_indent=head,
                         subsequent_indent=" " * _LABEL, break_on_hyphens=False) or [head]


def render(dataset: Dataset, claim: Claim, *, color: bool, columns: int = 88) -> str:
    source = dataset.sources[claim.source]
    text = source.text
    start = max(0, claim.quote.start - _CONTEXT)
    end = min(len(text), claim.quote.end + _CONTEXT)
    quote, figure = ("1", "1;7") if color else ("", "")
    mark = ("", "") if color else ("[", "]")
    ends = ("", "") if color else QUOTE_MARKS
    parts = [
        ("", ("\u2026" if start > 0 else "") + terminal(text[start:claim.quote.start])),
        (quote, ends[0] + terminal(text[claim.quote.start:claim.figure.start])),
        (figure, mark[0] + terminal(claim.figure.text) + mark[1]),
        (quote, terminal(text[claim.figure.end:claim.quote.end]) + ends[1]),
        ("", terminal(text[claim.quote.end:end]) + ("\u2026" if end < len(text) else "")),
    ]
    bounds = ", ".join(f"{name} {bound}" for name, bound in (("lower", claim.lower),
                                                              ("upper", claim.upper))
                       if bound is not None)
    value = f"{claim.value} {claim.unit or ''}".rstrip() + f" ({claim.qualifier})"
    value += f" ({bounds})" if bounds else ""
    header = one_line(claim.id)
    if claim.retracted:
        header += f"  [RETRACTED: {one_line(claim.retracted.reason)}]"
    lines = [header]
    for label, field in (
        ("value", value),
        ("measure", claim.measure),
        ("period", f"{claim.period or '-'}    place: {claim.place or '-'}"),
        ("attribution", f"{claim.attribution or '(the author)'}    stance: {claim.stance}"),
        ("tags", ", ".join(claim.tags) or "-"),
        ("source", f"{source.id}: {describe_source(source)}"),
        ("offsets", f"quote {claim.quote.start}..{claim.quote.end}, figure "
                    f"{claim.figure.start}..{claim.figure.end} in {source.path}"),
    ):
        lines.extend(_field(label, one_line(field), columns))
        if label == "source" and source.notes:
            lines.extend(textwrap.wrap(one_line(source.notes), width=columns,
                                       initial_indent=" " * _LABEL,
                                       subsequent_indent=" " * _LABEL))
    lines.append("")
    lines.extend(render_styled(parts, limit=columns, indent="  "))
    if claim.note:
        lines.append("")
        lines.extend(_field("note", one_line(claim.note), columns))
    # The meaning fields (docs/dataset.md): what an excerpt leaves out, what words
    # pointing back mean, why a reported figure is the author's, what the curator added.
    meanings: list[tuple[str, str | None]] = [
        ("excerpt", claim.excerpt), ("adopted", claim.adopted),
        *(("refers", f"{r.words!r}: {r.to}") for r in claim.refers),
        *(("added", f"{a.words!r}: {a.why}") for a in claim.added)]
    for label, meant in meanings:
        if meant:
            lines.extend(_field(label, one_line(meant), columns))
    lines.extend(_relations(dataset, claim, columns))
    return "\n".join(lines) + "\n"


def _relations(dataset: Dataset, claim: Claim, columns: int) -> list[str]:
    """Each relation with its outcome, and the other claims of the claim's quantity."""
    lines: list[str] = []
    for relation in claim.relations:
        outcome = dataset.relation_outcome(claim, relation)
        names = ", ".join(name or "(not in the text)" for name in relation.of)
        text = f"{relation.kind} of {names}: {outcome.outcome}: {outcome.reason}"
        lines.extend(["", *_field("relation", one_line(text), columns)])
        if relation.note:
            lines.extend(_field("", one_line(relation.note), columns))
    if claim.quantity is not None and not claim.is_retracted:
        quantity = dataset.quantity(claim.quantity)
        others = [other for other in quantity.claims if other.id != claim.id]
        text = (f"{claim.quantity}: {quantity.agreement} ({quantity.reason}); also "
                + ("; ".join(f"{other.id} ({other.said})" for other in others) or "no other claim"))
        lines.extend(["", *_field("quantity", one_line(text), columns)])
    return lines


def run(args: argparse.Namespace) -> int:
    dataset = load(dataset_for_command(args.path)[0])
    try:
        claim = dataset.claim(args.claim_id)
    except KeyError as error:
        if args.claim_id in dataset.sources:
            raise UsageError(
                f"{args.claim_id!r} is a source id, not a claim id: `claimset find --source "
                f"{args.claim_id}` lists its claims (ids {args.claim_id}/...)") from None
        raise UsageError(str(error.args[0])) from None
    color = use_color(args.color, sys.stdout)
    # render() escaped the data itself; its colours must reach the terminal as they are.
    getattr(sys.stdout, "unescaped", sys.stdout).write(
        render(dataset, claim, color=color, columns=width()))
    return 0
