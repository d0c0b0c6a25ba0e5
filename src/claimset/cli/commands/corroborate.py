"""`claimset corroborate [KEY]`: each quantity's citations, and whether they agree.

Claims that measure one quantity share a ``quantity`` key.  For each key (or the
one asked for) this prints the claims, their sources, the value each gives with
its qualifier and the interval it admits, and the verdict: they agree (their
intervals overlap, and the overlap is what they jointly support), disagree (a
warning, CS710: sources do disagree), or cannot be compared (different units or
periods that do not nest, CS711).  Text for a terminal, JSON for programs,
Markdown for a pull request, as `claimset diff`.  Exit 0, or 1 when a quantity's
sources disagree.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from claimset.check.api import dataset_for_command
from claimset.check.loader import load
from claimset.core.errors import UsageError
from claimset.core.escape import markdown_code, markdown_text, one_line
from claimset.store.model import Dataset, Quantity


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", nargs="?", default=None,
                        help="a quantity key, e.g. us-troops-in-iraq-2003 (default: every "
                             "quantity)")
    parser.add_argument("--path", type=Path, default=None,
                        help="a checkout, dataset directory or bundle (default: the checkout "
                             "containing the current directory, else the bundled dataset)")
    parser.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                        help="text (default), json (for programs) or markdown")


def _quantities(dataset: Dataset, key: str | None) -> list[Quantity]:
    if key is None:
        return list(dataset.quantities().values())
    try:
        return [dataset.quantity(key)]
    except KeyError as error:
        raise UsageError(str(error.args[0])) from None


def _admitted(quantity: Quantity, position: int) -> str:
    return str(quantity.claims[position].admits)


def render_text(dataset: Dataset, quantities: list[Quantity]) -> str:
    lines = []
    for quantity in quantities:
        joint = f"; jointly {quantity.joint}" if quantity.agreement == "agree" else ""
        lines.append(f"{one_line(quantity.key)}: {quantity.agreement}{joint}")
        for position, claim in enumerate(quantity.claims):
            says = one_line(f"{claim.said} {claim.unit or ''}".strip())
            period = one_line(claim.period or "-")
            lines.append(f"  {one_line(claim.id)}: {says} (admits "
                         f"{_admitted(quantity, position)}; period {period})")
        lines.append(f"  {one_line(quantity.reason)}")
    lines.append(f"{len(quantities)} quantit{'y' if len(quantities) == 1 else 'ies'} in "
                 f"{one_line(dataset.name)} {one_line(dataset.version)}")
    return "\n".join(lines) + "\n"


def as_data(quantities: list[Quantity]) -> list[dict[str, Any]]:
    def ends(interval: Any) -> Any:
        if interval is None:
            return None
        return {"lower": _finite(interval.lower), "upper": _finite(interval.upper),
                "lower_open": interval.lower_open, "upper_open": interval.upper_open}

    return [{
        "key": quantity.key, "agreement": quantity.agreement, "reason": quantity.reason,
        "joint": ends(quantity.joint), "sources": list(quantity.sources),
        "claims": [{"id": claim.id, "source": claim.source, "value": claim.value,
                    "lower": claim.lower, "upper": claim.upper, "qualifier": claim.qualifier,
                    "unit": claim.unit, "period": claim.period,
                    "admits": ends(claim.admits)} for claim in quantity.claims],
    } for quantity in quantities]


def _finite(value: float) -> float | None:
    """JSON has no infinity: an unbounded end is null."""
    return None if value in (float("inf"), float("-inf")) else value


def render_json(dataset: Dataset, quantities: list[Quantity]) -> str:
    document = {"dataset": dataset.name, "version": dataset.version,
                "quantities": as_data(quantities)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _cell(value: str) -> str:
    return markdown_text(" ".join(value.split()))


def render_markdown(dataset: Dataset, quantities: list[Quantity]) -> str:
    lines = [f"## Corroboration: {_cell(dataset.name)} {_cell(dataset.version)}", ""]
    for quantity in quantities:
        joint = f", jointly {_cell(str(quantity.joint))}" if quantity.agreement == "agree" else ""
        lines += [f"### {markdown_code(quantity.key)}: {quantity.agreement}{joint}", "",
                  "| claim | source | says | admits | period |", "|---|---|---|---|---|"]
        for position, claim in enumerate(quantity.claims):
            says = f"{claim.said} {claim.unit or ''}".strip()
            lines.append(f"| {markdown_code(claim.id)} | {markdown_code(claim.source)} | "
                         f"{_cell(says)} | {_cell(_admitted(quantity, position))} | "
                         f"{_cell(claim.period or '-')} |")
        lines += ["", _cell(quantity.reason), ""]
    if not quantities:
        lines += ["No quantity keys.", ""]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    dataset = load(dataset_for_command(args.path)[0])
    quantities = _quantities(dataset, args.key)
    render = {"text": render_text, "json": render_json, "markdown": render_markdown}[args.format]
    sys.stdout.write(render(dataset, quantities))
    return 1 if any(q.agreement == "disagree" for q in quantities) else 0
