"""What changed between two versions of the dataset, field by field.

The comparison works on the raw documents (a :class:`Snapshot`), not on
loaded :class:`~claimset.store.model.Dataset` objects, because a pull request is
compared while it may still be invalid: a diff must be shown for data the
loader would refuse.  A Dataset can be turned into a snapshot too
(:func:`snapshot_of`).  Everything here is pure but :func:`snapshot_from_raw`, which
reads a checkout's ``dataset/CHANGELOG.md`` beside what was read; reading a git revision is
:mod:`claimset.contrib.gitread`'s job (the sides: :mod:`claimset.contrib.revisions`) and
rendering :mod:`claimset.contrib.diffrender`'s.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from claimset.store.canonical import CLAIM_KEYS, EXCLUSION_KEYS, INDEX_KEYS, SOURCE_KEYS
from claimset.store.jsonio import JsonFile
from claimset.store.layout import DATASET_DIR, RawDataset
from claimset.store.model import Dataset

CHANGELOG_NAME = "CHANGELOG.md"

#: Optional claim fields: absent and null mean the same, so neither is a change.
_OPTIONAL = frozenset({"lower", "upper", "period", "place", "note", "retracted", "review",
                       "quantity", "drafted", "excerpt", "refers", "adopted", "added"})


@attrs.frozen(kw_only=True)
class ClaimRef:
    """Where a claim's document sits, so problems about it can be located."""

    source: str
    position: int


def _frozen_files(files: Mapping[str, tuple[JsonFile, str]],
                  ) -> Mapping[str, tuple[JsonFile, str]]:
    return MappingProxyType(dict(files))


@attrs.frozen(kw_only=True)
class Snapshot:
    """One side of a comparison: the index and each source's document, as read.

    ``files`` maps a source id to the JSON file holding its document and the
    pointer inside it (``""`` for dataset/<id>.json); ``index_file`` is where
    the version lives.  Both are only for locating problems.
    """

    label: str
    index: Mapping[str, Any]
    sources: Mapping[str, Mapping[str, Any]]
    changelog: str | None = None
    index_file: JsonFile | None = attrs.field(default=None, eq=False, repr=False)
    index_pointer: str = ""
    files: Mapping[str, tuple[JsonFile, str]] = attrs.field(
        factory=dict, eq=False, repr=False, converter=_frozen_files)

    @property
    def version(self) -> str | None:
        version = self.index.get("version")
        return version if isinstance(version, str) else None

    def claims(self) -> dict[str, tuple[ClaimRef, Mapping[str, Any]]]:
        """Claim id -> where it is and its document (the first of duplicated ids)."""
        found: dict[str, tuple[ClaimRef, Mapping[str, Any]]] = {}
        for source_id, document in self.sources.items():
            for position, claim in enumerate(_list(document, "claims")):
                if isinstance(claim, dict) and isinstance(claim.get("id"), str):
                    found.setdefault(claim["id"], (ClaimRef(source=source_id, position=position),
                                                   claim))
        return found


EMPTY = Snapshot(label="(nothing)", index={}, sources={})


def _list(document: Any, key: str) -> list[Any]:
    value = document.get(key) if isinstance(document, Mapping) else None
    return value if isinstance(value, list) else []


def snapshot_from_raw(raw: RawDataset, *, label: str) -> Snapshot:
    """A snapshot of what was read from disk, however invalid it is."""
    index: dict[str, Any] = {}
    if raw.index is not None and isinstance(raw.index.data, dict):
        # ``$schema`` tells an editor where the file's schema is: no part of the data, so
        # adding it (or pointing it elsewhere) needs no version bump.
        index = {key: value for key, value in raw.index.data.items()
                 if key != "$schema" and (key != "sources" or raw.kind != "bundle")}
    sources: dict[str, Mapping[str, Any]] = {}
    files: dict[str, tuple[JsonFile, str]] = {}
    for entry in raw.entries:
        info = entry.data.get("source") if isinstance(entry.data, dict) else None
        source_id = info.get("id") if isinstance(info, dict) else entry.name_id
        if isinstance(source_id, str) and source_id not in sources:
            sources[source_id] = entry.data
            files[source_id] = (entry.file, entry.pointer)
    changelog = None
    if raw.root is not None:
        path = Path(raw.root) / DATASET_DIR / CHANGELOG_NAME
        if path.is_file():
            changelog = path.read_text(encoding="utf-8", errors="replace")
    return Snapshot(label=label, index=index, sources=sources, changelog=changelog,
                    index_file=raw.index, index_pointer=raw.index_pointer, files=files)


def snapshot_of(dataset: Dataset, *, label: str | None = None,
                changelog: str | None = None) -> Snapshot:
    """A snapshot of a loaded dataset (the documents it was built from, reconstructed)."""
    sources: dict[str, Mapping[str, Any]] = {}
    for source_id, source in dataset.sources.items():
        info = {key: getattr(source, key) for key in SOURCE_KEYS}
        info["authors"] = list(source.authors)
        claims = [_claim_document(claim) for claim in dataset.claims_of(source_id)]
        exclusions = [_exclusion_document(item) for item in dataset.exclusions_of(source_id)]
        sources[source_id] = {"source": info, "claims": claims, "exclusions": exclusions}
    index = {"name": dataset.name, "version": dataset.version,
             "description": dataset.description, "license": dataset.license,
             "sources": list(dataset.sources)}
    return Snapshot(label=label or f"{dataset.name} {dataset.version}", index=index,
                    sources=sources, changelog=changelog)


def _claim_document(claim: Any) -> dict[str, Any]:
    document = attrs.asdict(claim, recurse=True)
    document.pop("source", None)
    document["tags"] = list(claim.tags)
    if not claim.relations:  # as the files have it: no relations is no key
        document.pop("relations", None)
    if claim.quantity is None:
        document.pop("quantity", None)
    if claim.drafted:  # as the files have it: nothing drafted is no key
        document["drafted"] = list(claim.drafted)
    else:
        document.pop("drafted", None)
    for key in ("excerpt", "adopted", "refers", "added"):  # absent when empty, as in files
        if not document.get(key):
            document.pop(key, None)
    return {key: document[key] for key in CLAIM_KEYS if key in document}


def _exclusion_document(item: Any) -> dict[str, Any]:
    document = {key: getattr(item, key) for key in EXCLUSION_KEYS
                if key not in {"drafted", "added"}}
    if item.added:
        document["added"] = [attrs.asdict(addition) for addition in item.added]
    if item.drafted:
        document["drafted"] = list(item.drafted)
    return document


def as_snapshot(side: Snapshot | Dataset | RawDataset | None, *, label: str) -> Snapshot:
    if side is None:
        return EMPTY
    if isinstance(side, Snapshot):
        return side
    if isinstance(side, Dataset):
        return snapshot_of(side, label=label)
    return snapshot_from_raw(side, label=label)


# -- the comparison ----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class FieldChange:
    """One field's old and new value; ``field`` is dotted for nested ones ("quote.start")."""

    field: str
    old: Any = attrs.field(hash=False)
    new: Any = attrs.field(hash=False)


@attrs.frozen(kw_only=True)
class ClaimChange:
    """A claim added, removed, changed or renamed (``old_id`` is its id before)."""

    kind: str  # "added", "removed", "changed", "renamed"
    id: str
    source: str
    old_id: str | None = None
    fields: tuple[FieldChange, ...] = ()
    #: the claim's document: the new one, or the old one when it was removed
    claim: Any = attrs.field(default=None, eq=False, hash=False, repr=False)
    ref: ClaimRef | None = attrs.field(default=None, eq=False, repr=False)

    def changed(self, name: str) -> FieldChange | None:
        return next((item for item in self.fields
                     if item.field == name or item.field.startswith(name + ".")), None)


@attrs.frozen(kw_only=True)
class ExclusionChange:
    kind: str  # "added", "removed", "changed"
    source: str
    start: int
    end: int
    text: str
    fields: tuple[FieldChange, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.source}@{self.start}..{self.end} {self.text!r}"


@attrs.frozen(kw_only=True)
class SourceChange:
    kind: str  # "added", "removed", "changed"
    id: str
    fields: tuple[FieldChange, ...] = ()


@attrs.frozen(kw_only=True)
class DatasetDiff:
    old_label: str
    new_label: str
    old_version: str | None
    new_version: str | None
    index: tuple[FieldChange, ...] = ()
    sources: tuple[SourceChange, ...] = ()
    claims: tuple[ClaimChange, ...] = ()
    exclusions: tuple[ExclusionChange, ...] = ()

    @property
    def empty(self) -> bool:
        """No data changed (the version alone may have)."""
        return not (self.index or self.sources or self.claims or self.exclusions)

    def claims_of_kind(self, kind: str) -> tuple[ClaimChange, ...]:
        return tuple(change for change in self.claims if change.kind == kind)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for group, items in (("sources", self.sources), ("claims", self.claims),
                             ("exclusions", self.exclusions)):
            for item in items:
                key = f"{group} {item.kind}"
                counts[key] = counts.get(key, 0) + 1
        return counts


def _present(value: Any) -> Any:
    return copy.deepcopy(value)


def compare_fields(old: Mapping[str, Any], new: Mapping[str, Any], *,
                   order: tuple[str, ...], optional: frozenset[str] = frozenset(),
                   nested: frozenset[str] = frozenset()) -> tuple[FieldChange, ...]:
    """Field changes from ``old`` to ``new``, known keys in ``order`` first.

    Fields in ``nested`` (objects such as a claim's quote) are compared key by
    key, so a moved quote shows as ``quote.start`` and ``quote.end``.
    """
    keys = [key for key in order if key in old or key in new]
    keys += [key for key in (*old, *new) if key not in keys and key not in order]
    changes: list[FieldChange] = []
    for key in dict.fromkeys(keys):
        missing = None if key in optional else _MISSING
        before, after = old.get(key, missing), new.get(key, missing)
        if _equal(before, after):
            continue
        if key in nested and isinstance(before, Mapping) and isinstance(after, Mapping):
            changes.extend(FieldChange(field=f"{key}.{item.field}", old=item.old, new=item.new)
                           for item in compare_fields(before, after, order=(), optional=frozenset(
                               {*before, *after})))
        else:
            changes.append(FieldChange(field=key, old=_shown(before), new=_shown(after)))
    return tuple(changes)


class _Missing:
    def __repr__(self) -> str:
        return "(absent)"


_MISSING = _Missing()


def _shown(value: Any) -> Any:
    return None if value is _MISSING else _present(value)


def _equal(a: Any, b: Any) -> bool:
    # JSON has one number type: 1 and 1.0 are the same value, True is not 1.
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(_equal(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    numbers = isinstance(a, int | float), isinstance(b, int | float)
    if any(numbers):
        return all(numbers) and a == b
    return bool(a == b)


def diff(old: Snapshot | Dataset | RawDataset | None,
         new: Snapshot | Dataset | RawDataset | None) -> DatasetDiff:
    """Everything that changed from ``old`` to ``new`` (None: an empty dataset)."""
    before, after = as_snapshot(old, label="old"), as_snapshot(new, label="new")
    return DatasetDiff(
        old_label=before.label, new_label=after.label,
        old_version=before.version, new_version=after.version,
        index=_index_changes(before, after),
        sources=tuple(_source_changes(before, after)),
        claims=_claim_changes(before, after),
        exclusions=tuple(_exclusion_changes(before, after)))


def _index_changes(before: Snapshot, after: Snapshot) -> tuple[FieldChange, ...]:
    changes = compare_fields(before.index, after.index, order=INDEX_KEYS)
    if not before.index or not after.index:
        return ()  # a dataset appearing or vanishing is told by its sources
    old_ids, new_ids = before.index.get("sources"), after.index.get("sources")
    # Sources added or removed are listed as such; only a reordering is an index change.
    reordered = (isinstance(old_ids, list) and isinstance(new_ids, list)
                 and set(map(repr, old_ids)) == set(map(repr, new_ids)))
    return tuple(change for change in changes if change.field != "version"
                 and (change.field != "sources" or reordered))


def _source_info(document: Mapping[str, Any]) -> Mapping[str, Any]:
    info = document.get("source") if isinstance(document, Mapping) else None
    return info if isinstance(info, Mapping) else {}


def _source_changes(before: Snapshot, after: Snapshot) -> Iterator[SourceChange]:
    for source_id in _ordered_ids(before.sources, after.sources):
        if source_id not in before.sources:
            yield SourceChange(kind="added", id=source_id)
        elif source_id not in after.sources:
            yield SourceChange(kind="removed", id=source_id)
        else:
            old_doc, new_doc = before.sources[source_id], after.sources[source_id]
            fields = compare_fields(_source_info(old_doc), _source_info(new_doc),
                                    order=SOURCE_KEYS)
            # A bundle carries the text itself; a checkout pins it by sha256 (compared above).
            if isinstance(old_doc.get("text"), str) and isinstance(new_doc.get("text"), str) \
                    and old_doc["text"] != new_doc["text"] \
                    and not any(item.field == "sha256" for item in fields):
                fields += (FieldChange(field="text", old="(old text)", new="(new text)"),)
            if fields:
                yield SourceChange(kind="changed", id=source_id, fields=fields)


def _ordered_ids(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return list(dict.fromkeys([*new, *old]))


def _claim_changes(before: Snapshot, after: Snapshot) -> tuple[ClaimChange, ...]:
    old_claims, new_claims = before.claims(), after.claims()
    removed = [claim_id for claim_id in old_claims if claim_id not in new_claims]
    added = [claim_id for claim_id in new_claims if claim_id not in old_claims]
    renames = _renames(removed, added, old_claims, new_claims)
    renamed_old = set(renames.values())
    changes: list[ClaimChange] = []
    for claim_id, (ref, claim) in new_claims.items():
        if claim_id in renames:
            old_claim = old_claims[renames[claim_id]][1]
            changes.append(ClaimChange(
                kind="renamed", id=claim_id, source=ref.source, old_id=renames[claim_id],
                fields=_claim_fields(old_claim, claim), claim=claim, ref=ref))
        elif claim_id not in old_claims:
            changes.append(ClaimChange(kind="added", id=claim_id, source=ref.source,
                                       claim=claim, ref=ref))
        else:
            fields = _claim_fields(old_claims[claim_id][1], claim)
            if fields:
                changes.append(ClaimChange(kind="changed", id=claim_id, source=ref.source,
                                           fields=fields, claim=claim, ref=ref))
    for claim_id in removed:
        if claim_id not in renamed_old:
            ref, claim = old_claims[claim_id]
            changes.append(ClaimChange(kind="removed", id=claim_id, source=ref.source,
                                       claim=claim, ref=None))
    return tuple(changes)


def _claim_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    return compare_fields(old, new, order=CLAIM_KEYS, optional=_OPTIONAL,
                          nested=frozenset({"quote", "figure", "retracted"}))


def _anchor(claim: Mapping[str, Any]) -> tuple[str, ...] | None:
    quote, figure = claim.get("quote"), claim.get("figure")
    if not (isinstance(quote, Mapping) and isinstance(figure, Mapping)):
        return None
    return (repr(quote.get("text")), repr(figure.get("text")), repr(figure.get("start")))


def _renames(removed: list[str], added: list[str],
             old_claims: Mapping[str, tuple[ClaimRef, Mapping[str, Any]]],
             new_claims: Mapping[str, tuple[ClaimRef, Mapping[str, Any]]]) -> dict[str, str]:
    """New id -> old id, for a removed and an added claim of one source that cite the
    same figure in the same quote (paired only when that match is unique both ways)."""

    def keyed(ids: list[str], claims: Mapping[str, Any]) -> dict[tuple[Any, ...], list[str]]:
        table: dict[tuple[Any, ...], list[str]] = {}
        for claim_id in ids:
            ref, claim = claims[claim_id]
            anchor = _anchor(claim)
            if anchor is not None:
                table.setdefault((ref.source, *anchor), []).append(claim_id)
        return table

    old_keys, new_keys = keyed(removed, old_claims), keyed(added, new_claims)
    return {new_ids[0]: old_keys[key][0] for key, new_ids in new_keys.items()
            if len(new_ids) == 1 and len(old_keys.get(key, [])) == 1}


def _exclusion_changes(before: Snapshot, after: Snapshot) -> Iterator[ExclusionChange]:
    for source_id in _ordered_ids(before.sources, after.sources):
        old_items = _exclusions(before.sources.get(source_id))
        new_items = _exclusions(after.sources.get(source_id))
        for key, item in new_items.items():
            if key not in old_items:
                yield ExclusionChange(kind="added", source=source_id, start=key[0], end=key[1],
                                      text=str(item.get("text")))
            else:
                fields = compare_fields(old_items[key], item, order=EXCLUSION_KEYS,
                                        optional=frozenset({"note", "drafted", "added"}))
                if fields:
                    yield ExclusionChange(kind="changed", source=source_id, start=key[0],
                                          end=key[1], text=str(item.get("text")), fields=fields)
        for key, item in old_items.items():
            if key not in new_items:
                yield ExclusionChange(kind="removed", source=source_id, start=key[0], end=key[1],
                                      text=str(item.get("text")))


def _exclusions(document: Mapping[str, Any] | None) -> dict[tuple[int, int], Mapping[str, Any]]:
    found: dict[tuple[int, int], Mapping[str, Any]] = {}
    for item in _list(document, "exclusions"):
        if isinstance(item, Mapping) and isinstance(item.get("start"), int) \
                and isinstance(item.get("end"), int):
            found.setdefault((item["start"], item["end"]), item)
    return found
