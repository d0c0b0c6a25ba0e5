"""Confirming drafted fields: a person takes a machine's proposal as their own reading.

A record's ``drafted`` lists the fields a machine proposed (``claimset suggest
--triage --write``); ``claimset validate`` warns about them (CS216, CS217) and a
release refuses them (CS613).  A person confirms a field by removing its name from
``drafted``, by hand or with :func:`confirm` (``claimset confirm``), after checking
it against the text and correcting it if need be; the key goes once nothing is left.

A record is named by its claim id (``steele-2008/books-on-iraq``) or, for an
exclusion, by its source and start offset (``steele-2008@1234``).

:func:`update_source_document` is the one read-change-write of a source's dataset
file used here and by ``suggest --triage --write``: under the checkout lock, read
strictly, changed by a pure function, written back atomically in canonical form.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from claimset.core.errors import InputError, UsageError
from claimset.core.vocabulary import CLAIM_DRAFT_FIELDS, EXCLUSION_DRAFT_FIELDS
from claimset.store.canonical import canonical_text
from claimset.store.jsonio import read_json
from claimset.store.layout import resolve_root, source_file_path
from claimset.store.lock import checkout_lock
from claimset.store.writer import write_file

__all__ = ["Confirmation", "Target", "confirm", "confirm_in", "parse_target",
           "update_source_document"]

_EXCLUSION_TARGET = re.compile(r"(?P<source>[^@/\s]+)@(?P<start>[0-9]{1,12})")


@attrs.frozen(kw_only=True)
class Target:
    """A record to confirm: a claim by id, or an exclusion by source and start offset."""

    source_id: str
    claim_id: str | None = None
    start: int | None = None

    @property
    def label(self) -> str:
        return self.claim_id if self.claim_id is not None else f"{self.source_id}@{self.start}"


def parse_target(text: str) -> Target:
    """``SOURCE/SLUG`` (a claim) or ``SOURCE@START`` (an exclusion); UsageError otherwise."""
    match = _EXCLUSION_TARGET.fullmatch(text)
    if match is not None:
        return Target(source_id=match["source"], start=int(match["start"]))
    source_id, slash, slug = text.partition("/")
    if slash and source_id and slug:
        return Target(source_id=source_id, claim_id=text)
    raise UsageError(f"{text!r} names no record: give a claim id (SOURCE_ID/SLUG) or an "
                     "exclusion as SOURCE_ID@START (its start offset)")


@attrs.frozen(kw_only=True)
class Confirmation:
    """What :func:`confirm` did: the fields confirmed now, and those still drafts."""

    target: str
    confirmed: tuple[str, ...]
    remaining: tuple[str, ...]


def confirm_in(document: dict[str, Any], target: Target,
               fields: Sequence[str] = ()) -> tuple[dict[str, Any], Confirmation]:
    """``document`` (a source file's) with ``fields`` of ``target`` confirmed (all of its
    drafts when ``fields`` is empty); the input is not changed.  UsageError when the
    record is not there or a field is not one of its drafts."""
    key = "claims" if target.claim_id is not None else "exclusions"
    items = document.get(key) if isinstance(document, dict) else None
    position = _position(items if isinstance(items, list) else [], target)
    record = items[position]  # type: ignore[index]
    listed = record.get("drafted")
    drafted = [name for name in listed if isinstance(name, str)] if isinstance(listed,
                                                                             list) else []
    known = CLAIM_DRAFT_FIELDS if key == "claims" else EXCLUSION_DRAFT_FIELDS
    for name in fields:
        if name not in known:
            raise UsageError(f"{name!r} is not a field a {key[:-1]} drafts (one of "
                             f"{', '.join(known)})")
        if name not in drafted:
            raise UsageError(f"{target.label}: {name!r} is not a draft (drafted: "
                             f"{', '.join(drafted) or 'nothing'})")
    confirmed = tuple(fields) if fields else tuple(drafted)
    remaining = tuple(name for name in drafted if name not in confirmed)
    updated = {name: value for name, value in record.items() if name != "drafted"}
    if remaining:
        updated["drafted"] = list(remaining)
    new_items = list(items)  # type: ignore[arg-type]
    new_items[position] = updated
    return ({**document, key: new_items},
            Confirmation(target=target.label, confirmed=confirmed, remaining=remaining))


def _position(items: list[Any], target: Target) -> int:
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        if target.claim_id is not None and item.get("id") == target.claim_id:
            return position
        if target.claim_id is None and item.get("start") == target.start:
            return position
    what = (f"no claim {target.claim_id!r}" if target.claim_id is not None
            else f"no exclusion starting at {target.start}")
    raise UsageError(f"{what} in dataset/{target.source_id}.json")


def update_source_document(root: str | os.PathLike[str], source_id: str,
                           change: Callable[[dict[str, Any]], dict[str, Any]]) -> Path:
    """Rewrite dataset/<source_id>.json of the checkout at ``root`` as ``change`` returns
    it, under the checkout lock, atomically and in canonical form; the path written.

    The file is read after the lock is taken, so a concurrent writer's update is never
    lost; a symlink or other non-regular file is refused (CS111, CS112).
    """
    kind, top = resolve_root(Path(root))
    if kind != "checkout":
        raise UsageError("this command writes a checkout, not a bundle")
    path = source_file_path(top, source_id)
    with checkout_lock(top):
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"no source {source_id!r}: dataset/{source_id}.json does not exist")
        document = read_json(path, file=f"dataset/{source_id}.json").data
        if not isinstance(document, dict):
            raise InputError(f"dataset/{source_id}.json is not a source document: run "
                             "`claimset validate`", code="CS104")
        write_file(path, canonical_text(change(document), kind="source").encode("utf-8"),
                   roots=(top,))
    return path


def confirm(root: str | os.PathLike[str], target: str,
            fields: Sequence[str] = ()) -> Confirmation:
    """Confirm ``fields`` (all drafts when empty) of the record ``target`` names, in the
    checkout at ``root``; the file is rewritten atomically under the checkout lock."""
    parsed = parse_target(target)
    done: list[Confirmation] = []

    def change(document: dict[str, Any]) -> dict[str, Any]:
        updated, confirmation = confirm_in(document, parsed, fields)
        done.append(confirmation)
        return updated

    update_source_document(root, parsed.source_id, change)
    return done[0]
