"""`claimset diff`: what a pull request changes, without reading JSON.

Each side is a checkout, a dataset directory, a bundle or a git revision;
``--base REV`` compares the work tree with REV.  Text for a terminal, JSON for
programs, Markdown for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from claimset.check.api import find_checkout
from claimset.contrib.diff import (
    ClaimChange,
    DatasetDiff,
    FieldChange,
    Snapshot,
    diff,
    snapshot_from_raw,
)
from claimset.contrib.versioning import Bump, reasons
from claimset.core.errors import ClaimsetError, UsageError
from claimset.core.escape import markdown_code, markdown_text, one_line
from claimset.store.layout import read_dataset, require_dataset


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sides", nargs="*", metavar="OLD NEW",
                        help="two checkouts, dataset directories, bundles or git revisions "
                             "(with --base: at most one, the new side; default the checkout)")
    parser.add_argument("--base", metavar="REV",
                        help="compare the work tree with git revision REV (read through git; "
                             "the work tree is not touched)")
    parser.add_argument("--format", choices=["text", "json", "markdown"], default="text",
                        help="text (default), json (for programs) or markdown (a pull request "
                             "comment or job summary)")


def read_side(spec: str, *, repo: Path | None) -> Snapshot:
    """A checkout, dataset directory or bundle when ``spec`` is a path, else a git revision
    of the repository at ``repo``."""
    path = Path(spec)
    if path.exists():
        return snapshot_from_raw(require_dataset(read_dataset(path), label=spec), label=spec)
    if repo is None:
        raise UsageError(f"{spec!r} is neither a path nor a git revision (no checkout here to "
                         "look it up in)")
    return read_revision(spec, repo=repo)


def read_revision(spec: str, *, repo: Path) -> Snapshot:
    """The dataset at git revision ``spec`` of the repository holding ``repo``."""
    from claimset.contrib.gitread import checkout_at

    with checkout_at(repo, spec) as root:
        if root is None:
            return Snapshot(label=spec, index={}, sources={})
        return snapshot_from_raw(read_dataset(root), label=spec)


def _repo(hint: Path | None) -> Path | None:
    try:
        return find_checkout(hint)
    except ClaimsetError:
        return None


def sides(args: argparse.Namespace) -> tuple[Snapshot, Snapshot]:
    if args.base is not None:
        if len(args.sides) > 1:
            raise UsageError("with --base give at most one path (the new side)")
        new_path = Path(args.sides[0]) if args.sides else find_checkout()
        new = snapshot_from_raw(require_dataset(read_dataset(new_path), label=str(new_path)),
                                label="work tree")
        return read_revision(args.base, repo=new_path.resolve()), new
    if len(args.sides) != 2:
        raise UsageError("give OLD and NEW (paths or git revisions), or --base REV")
    repo = _repo(None)
    return (read_side(args.sides[0], repo=repo), read_side(args.sides[1], repo=repo))


def run(args: argparse.Namespace) -> int:
    old, new = sides(args)
    changes = diff(old, new)
    render = {"text": render_text, "json": render_json, "markdown": render_markdown}[args.format]
    sys.stdout.write(render(changes))
    return 0


# -- rendering -----------------------------------------------------------------------------


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


def _bump_line(changes: DatasetDiff) -> str:
    why = reasons(changes)
    needed = max((reason.level for reason in why), default=Bump.NONE)
    if needed is Bump.NONE:
        return "no data changed: no version bump needed"
    forcing = "; ".join(reason.describe() for reason in why if reason.level == needed)
    return f"needs a {needed.label} version bump: {forcing}"


_CLAIM_HEADINGS = (("added", "claims added", "+"), ("removed", "claims removed", "-"),
                   ("renamed", "claims renamed", "~"), ("changed", "claims changed", "~"))


def render_text(changes: DatasetDiff) -> str:
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
    lines.append(_bump_line(changes))
    return "\n".join(one_line(line) for line in lines) + "\n"  # data never breaks a line


def render_json(changes: DatasetDiff) -> str:
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
    lines = [f"### claimset diff: {_cell(_versions(changes))}", ""]
    bump = _bump_line(changes)
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
