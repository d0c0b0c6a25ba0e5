"""Each quantity's citations and whether they agree, as text, JSON or Markdown.

Claims that measure one quantity share a ``quantity`` key; the dataset decides
whether their sources agree (:meth:`claimset.Dataset.quantity`).  The renderers are
pure functions chosen by name from :data:`RENDERERS` (as the diff's are), which
``claimset corroborate --format`` takes its choices from.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from claimset.core.errors import UsageError
from claimset.core.escape import markdown_code, markdown_text, one_line
from claimset.store.model import Dataset, Quantity

__all__ = ["RENDERERS", "as_data", "quantities_of", "render", "render_json",
           "render_markdown", "render_text"]


def quantities_of(dataset: Dataset, key: str | None = None) -> list[Quantity]:
    """The quantity ``key`` of ``dataset`` (UsageError naming the keys when there is none),
    or every quantity."""
    if key is None:
        return list(dataset.quantities().values())
    try:
        return [dataset.quantity(key)]
    except KeyError as error:
        raise UsageError(str(error.args[0])) from None


def _admitted(quantity: Quantity, position: int) -> str:
    return str(quantity.claims[position].admits)


def render_text(dataset: Dataset, quantities: list[Quantity]) -> str:
    """For a terminal: each quantity's verdict, its claims and why."""
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
    """Each quantity as plain data: key, verdict, reason, the joint interval, its claims."""
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
    """For programs: :func:`as_data` with the dataset's name and version."""
    document = {"dataset": dataset.name, "version": dataset.version,
                "quantities": as_data(quantities)}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _cell(value: str) -> str:
    return markdown_text(" ".join(value.split()))


def render_markdown(dataset: Dataset, quantities: list[Quantity]) -> str:
    """For a pull-request comment: a table per quantity, data escaped."""
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


#: Format name -> renderer, in the order ``--format`` lists them (the first is the default).
RENDERERS: Mapping[str, Callable[[Dataset, list[Quantity]], str]] = MappingProxyType({
    "text": render_text, "json": render_json, "markdown": render_markdown})


def render(dataset: Dataset, quantities: list[Quantity], *, format: str = "text") -> str:
    """``quantities`` of ``dataset`` rendered in ``format``, one of :data:`RENDERERS`."""
    renderer = RENDERERS.get(format)
    if renderer is None:
        raise UsageError(f"unknown format {format!r}: use one of {', '.join(RENDERERS)}")
    return renderer(dataset, quantities)
