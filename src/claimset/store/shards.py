"""Reading a sharded release: a manifest and the shard files it pins.

A release too large for one bundle file (the 64 MiB JSON limit, CS106) is a
*manifest* (``claimset-X.Y.Z.json``: the index fields and ``shards``, each with its
file name, size and sha256) and its shards (``claimset-X.Y.Z.shard-0001.json``...,
each ``{"sources": [...]}``, in the same directory).  Every shard is checked against
the manifest before it is parsed, so the limits that protect a bundle hold for every
file: a shard is at most :data:`~claimset.store.jsonio.MAX_JSON_BYTES`, refused
before reading when its size is not the manifest's; a manifest lists at most
:data:`MAX_SHARDS` shards, each once (CS118: by name and by sha256), of at most
``core.limits.RELEASE_BYTES`` in all (CS119, before any is read); a shard's name is a
plain file name (no directories, no dot files), never a symlink, so a hostile manifest
cannot make claimset read anything but the release's own files.

Problems are collected, never raised, as for any file of a dataset: CS630 a shard is
missing, CS631 its size or sha256 is not the manifest's, CS632 its name is unsafe,
CS633 it is not a shard (or holds another number of sources than the manifest says).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

import orjson

from claimset.core import limits
from claimset.core.errors import InputError
from claimset.core.problems import Problem
from claimset.store.jsonio import MAX_JSON_BYTES, JsonFile, parse_json_bytes, read_bytes

__all__ = ["MAX_SHARDS", "ShardSource", "is_manifest", "read_shards", "shard_name",
           "shard_references"]

#: Most shards one manifest may list (10,000 x 64 MiB: far beyond any release).
MAX_SHARDS = limits.RELEASE_SHARDS
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,199}\.json")
_SHA256 = re.compile(r"[0-9a-f]{64}")

#: One source of a shard: the shard's file, the pointer of the source in it, its data.
ShardSource = tuple[JsonFile, str, Any]


def shard_name(version: str, number: int) -> str:
    """``claimset-1.2.0.shard-0001.json``: the file name of a release's shard ``number``."""
    return f"claimset-{version}.shard-{number:04d}.json"


def is_manifest(data: Any) -> bool:
    """Whether a release's top-level document is a manifest (shards, not sources)."""
    return isinstance(data, dict) and "shards" in data and "sources" not in data


def _usable(reference: Any) -> bool:
    """Whether a manifest entry can be followed at all (the schema reports the rest)."""
    return (isinstance(reference, dict) and isinstance(reference.get("path"), str)
            and _SAFE_NAME.fullmatch(reference["path"]) is not None
            and type(reference.get("bytes")) is int
            and 0 < reference["bytes"] <= MAX_JSON_BYTES
            and isinstance(reference.get("sha256"), str)
            and _SHA256.fullmatch(reference["sha256"]) is not None)


def shard_references(path: Path) -> list[tuple[str, int, str]]:
    """``(name, bytes, sha256)`` of each shard a release file lists; [] for a bundle.

    For a download, after the file matched the registry's sha256: only entries with a
    safe name, a size within the JSON limit and a sha256 are returned (anything else
    fails `claimset validate` on the manifest).
    """
    with path.open("rb") as stream:
        # Canonical layout: the top-level keys are the lines indented by two spaces, and
        # "shards" or "sources" follows the four short index fields.
        head = stream.read(1 << 20)
        if b'\n  "sources": ' in head:
            return []  # a bundle, which may be large: not read twice
        data = head + stream.read(MAX_JSON_BYTES + 1 - len(head))
    try:
        manifest = orjson.loads(data)
    except orjson.JSONDecodeError:
        return []
    if not is_manifest(manifest) or not isinstance(manifest["shards"], list):
        return []
    distinct = {(reference["path"], reference["sha256"]): reference["bytes"]
                for reference in manifest["shards"][:MAX_SHARDS] if _usable(reference)}
    return [(name, size, sha256) for (name, sha256), size in distinct.items()]


def read_shards(manifest: JsonFile, directory: Path,
                problems: list[Problem]) -> tuple[list[ShardSource], list[JsonFile]]:
    """Every source of every shard ``manifest`` lists, in order, and the shard files read.

    A shard that fails its checks adds its problem to ``problems`` and none of its
    sources; the others are still read, so one bad file does not hide the rest.
    """
    references = manifest.data.get("shards")
    if not isinstance(references, list):
        return [], []
    if len(references) > MAX_SHARDS:
        problems.append(manifest.problem(
            "CS633", f"lists {len(references)} shards, over the {MAX_SHARDS}-shard limit",
            "/shards"))
        return [], []
    total = sum(reference["bytes"] for reference in references if _usable(reference))
    if total > limits.RELEASE_BYTES:
        problems.append(manifest.problem(
            "CS119", f"lists shards of {total:,} bytes in all, over the "
                     f"{limits.RELEASE_BYTES:,}-byte limit of a release", "/shards"))
        return [], []
    sources: list[ShardSource] = []
    files: list[JsonFile] = []
    seen: dict[str, int] = {}  # each name and sha256 listed -> its position
    for position, reference in enumerate(references):
        pointer = f"/shards/{position}"
        if not _usable(reference):
            if isinstance(reference, dict) and isinstance(reference.get("path"), str) and \
                    _SAFE_NAME.fullmatch(reference["path"]) is None:
                problems.append(manifest.problem(
                    "CS632", f"shard name {reference['path'][:80]!r} is not a plain file "
                             "name beside the manifest: rebuild the release", pointer + "/path"))
            continue  # anything else the schema reports (CS104)
        twice = [seen[key] for key in (reference["path"], reference["sha256"]) if key in seen]
        if twice:
            # Read once, as listed first: a shard listed again would be read, hashed and
            # parsed again (10,000 times one shard cost 55 s and 4 GiB), and its sources
            # would be in the dataset twice.
            problems.append(manifest.problem(
                "CS118", f"shard {reference['path']} is listed again (as /shards/{twice[0]}, "
                         "by name or by sha256): a manifest lists each shard once",
                pointer))
            continue
        seen.setdefault(reference["path"], position)
        seen.setdefault(reference["sha256"], position)
        shard = _read_shard(manifest, directory, reference, pointer, problems)
        if shard is None:
            continue
        files.append(shard)
        sources.extend((shard, f"/sources/{number}", item)
                       for number, item in enumerate(shard.data["sources"]))
    return sources, files


def _read_shard(manifest: JsonFile, directory: Path, reference: dict[str, Any], pointer: str,
                problems: list[Problem]) -> JsonFile | None:
    name: str = reference["path"]
    path = directory / name
    expected: int = reference["bytes"]
    if path.is_symlink():
        problems.append(manifest.problem(
            "CS632", f"shard {name} is a symlink: a release's shards are regular files",
            pointer + "/path"))
        return None
    try:
        size = path.stat().st_size
    except OSError:
        problems.append(manifest.problem(
            "CS630", f"shard {name} is missing: put it beside the manifest (download every "
                     "file of the release)", pointer + "/path"))
        return None
    if not path.is_file() or size != expected:
        what = "not a regular file" if not path.is_file() else f"{size} bytes"
        problems.append(manifest.problem(
            "CS631", f"shard {name} is {what}, the manifest says {expected} bytes: download "
                     "it again", pointer + "/bytes"))
        return None
    try:
        data = read_bytes(path, file=os.fspath(path), max_bytes=expected)
    except InputError as error:
        problems.extend(error.problems)
        return None
    if hashlib.sha256(data).hexdigest() != reference["sha256"]:
        problems.append(manifest.problem(
            "CS631", f"shard {name} does not match its sha256 in the manifest: it was "
                     "damaged or changed; download it again", pointer + "/sha256"))
        return None
    try:
        shard = parse_json_bytes(data, file=os.fspath(path))
    except InputError as error:
        problems.extend(error.problems)
        return None
    listed = shard.data.get("sources") if isinstance(shard.data, dict) else None
    if not isinstance(listed, list):
        problems.append(shard.problem("CS633", 'not a release shard: expected {"sources": '
                                               "[...]}", ""))
        return None
    if isinstance(reference.get("sources"), int) and len(listed) != reference["sources"]:
        problems.append(manifest.problem(
            "CS633", f"shard {name} holds {len(listed)} sources, the manifest says "
                     f"{reference['sources']}", pointer + "/sources"))
        return None
    return shard
