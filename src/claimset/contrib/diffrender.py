"""What a diff looks like: text for a terminal, JSON for programs, Markdown for a pull request.

Each renderer is a pure function from a :class:`~claimset.contrib.diff.DatasetDiff` to
the text to print, chosen by name from :data:`RENDERERS` (as reporters are chosen in
:mod:`claimset.check.reporters`): a new format is a function and one entry there, and
``claimset diff --format`` takes its choices from the map.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from claimset.contrib.diff import ClaimChange, DatasetDiff, FieldChange
from claimset.contrib.versioning import Bump, bump_summary, reasons
from claimset.core.errors import UsageError
from claimset.core.escape import markdown_code, markdown_text, one_line

__all__ = ["RENDERERS", "render", "render_json", "render_markdown", "render_text"]


def _value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _field(change: FieldChange) -> str:
    return f"{change.field}: {_value(change.old)} → {_value(change.new)}"


def _summary(claim: Any) -> str:
    if not isinstance(claim, dict):
        return ""
    if claim.get("qualifier") == "range":
        number = f"{_value(claim.get('lower'))}–{_value(claim.get('upper'))}"
    else:
        number = _value(claim.get("value"))
    unit = f" {claim['unit']}" if isinstance(claim.get("unit"), str) else ""
    measure = claim.get("measure") if isinstance(claim.get("measure"), str) else ""
    return f"{number}{unit} ({claim.get('qualifier')}): {measure}".rstrip(": ")


def _title(claim: ClaimChange) -> str:
    return f"{claim.old_id} → {claim.id}" if claim.kind == "renamed" else claim.id


def _versions(changes: DatasetDiff) -> str:
    return (f"{changes.old_label} ({changes.old_version or 'no dataset'}) → "
            f"{changes.new_label} ({changes.new_version or 'no dataset'})")


_CLAIM_HEADINGS = (("added", "claims added", "+"), ("removed", "claims removed", "-"),
                   ("renamed", "claims renamed", "~"), ("changed", "claims changed", "~"))


def render_text(changes: DatasetDiff) -> str:
    """For a terminal: one line per change, data never breaking a line."""
    lines = [f"claimset diff: {_versions(changes)}"]
    if changes.empty:
        lines.append("no changes")
    for item in changes.index:
        lines.append(f"dataset {_field(item)}")
    for kind in ("added", "removed", "changed"):
        group = [source for source in changes.sources if source.kind == kind]
        if group:
            lines.append(f"sources {kind} ({len(group)}):")
            for source in group:
                lines.append(f"  {'+-~'[('added', 'removed', 'changed').index(kind)]} "
                             f"{source.id}")
                lines.extend(f"      {_field(item)}" for item in source.fields)
    for kind, heading, mark in _CLAIM_HEADINGS:
        claims = changes.claims_of_kind(kind)
        if not claims:
            continue
        lines.append(f"{heading} ({len(claims)}):")
        for claim in claims:
            detail = f": {_summary(claim.claim)}" if kind in ("added", "removed") else ""
            lines.append(f"  {mark} {_title(claim)}{detail}")
            lines.extend(f"      {_field(item)}" for item in claim.fields)
    for kind in ("added", "removed", "changed"):
        exclusions = [item for item in changes.exclusions if item.kind == kind]
        if exclusions:
            lines.append(f"exclusions {kind} ({len(exclusions)}):")
            for exclusion in exclusions:
                lines.append(f"  {exclusion.label}")
                lines.extend(f"      {_field(field)}" for field in exclusion.fields)
    lines.append(bump_summary(changes))
    return "\n".join(one_line(line) for line in lines) + "\n"  # data never breaks a line


def render_json(changes: DatasetDiff) -> str:
    """For programs: every change (as :class:`DatasetDiff` holds it) and the bump needed."""
    document = attrs.asdict(changes, filter=lambda attribute, _: attribute.name != "ref")
    why = reasons(changes)
    document["bump"] = {
        "needed": max((reason.level for reason in why), default=Bump.NONE).label,
        "reasons": [{"level": reason.level.label, "what": reason.what,
                     "items": list(reason.items)} for reason in why],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _cell(value: str) -> str:
    return markdown_text(" ".join(value.split()))  # no raw HTML, links or cell breaks


def _code(value: str) -> str:
    return markdown_code(" ".join(value.split()))  # a fence the value cannot close


def _markdown_claims(changes: DatasetDiff) -> Iterator[str]:
    for kind, heading, _ in _CLAIM_HEADINGS:
        group = changes.claims_of_kind(kind)
        if not group:
            continue
        yield f"#### {heading.capitalize()} ({len(group)})"
        yield ""
        if kind in ("added", "removed"):
            yield "| claim | value | unit | qualifier | measure |"
            yield "|---|---|---|---|---|"
            for claim in group:
                data = claim.claim if isinstance(claim.claim, dict) else {}
                number = (f"{_value(data.get('lower'))}–{_value(data.get('upper'))}"
                          if data.get("qualifier") == "range" else _value(data.get("value")))
                yield (f"| {_code(claim.id)} | {_cell(number)} | "
                       f"{_cell(str(data.get('unit') or ''))} | "
                       f"{_cell(str(data.get('qualifier') or ''))} | "
                       f"{_cell(str(data.get('measure') or ''))} |")
        else:
            for claim in group:
                yield f"- {_code(_title(claim))}"
                for item in claim.fields:
                    yield (f"  - {_code(item.field)}: {_code(_value(item.old))} → "
                           f"{_code(_value(item.new))}")
        yield ""


def render_markdown(changes: DatasetDiff) -> str:
    """For a pull-request comment or ``$GITHUB_STEP_SUMMARY``: tables and lists in which
    data is escaped (no raw HTML, links or broken-out code spans)."""
    lines = [f"### claimset diff: {_cell(_versions(changes))}", ""]
    bump = bump_summary(changes, item=_code)  # claim ids are data: in code spans
    lines += [f"**{bump[:1].upper() + bump[1:]}**", ""]
    counts = changes.counts()
    if counts:
        lines += ["| change | count |", "|---|---|"]
        lines += [f"| {what} | {number} |" for what, number in counts.items()]
        lines.append("")
    if changes.index:
        lines += ["#### Dataset", ""]
        lines += [f"- {_code(item.field)}: {_code(_value(item.old))} → {_code(_value(item.new))}"
                  for item in changes.index]
        lines.append("")
    if changes.sources:
        lines += ["#### Sources", ""]
        for source in changes.sources:
            lines.append(f"- {source.kind}: {_code(source.id)}")
            lines += [f"  - {_code(item.field)}: {_code(_value(item.old))} → "
                      f"{_code(_value(item.new))}" for item in source.fields]
        lines.append("")
    lines.extend(_markdown_claims(changes))
    if changes.exclusions:
        lines += [f"#### Exclusions ({len(changes.exclusions)})", ""]
        for item in changes.exclusions:
            lines.append(f"- {item.kind}: {_code(item.label)}")
            lines += [f"  - {_code(field.field)}: {_code(_value(field.old))} → "
                      f"{_code(_value(field.new))}" for field in item.fields]
        lines.append("")
    if changes.empty:
        lines += ["No data changed.", ""]
    return "\n".join(one_line(line) for line in lines)


#: Format name -> renderer, in the order ``--format`` lists them (the first is the default).
RENDERERS: Mapping[str, Callable[[DatasetDiff], str]] = MappingProxyType({
    "text": render_text, "json": render_json, "markdown": render_markdown})


def render(changes: DatasetDiff, *, format: str = "text") -> str:
    """``changes`` rendered in ``format``, one of :data:`RENDERERS`."""
    renderer = RENDERERS.get(format)
    if renderer is None:
        raise UsageError(f"unknown diff format {format!r}: use one of {', '.join(RENDERERS)}")
    return renderer(changes)
