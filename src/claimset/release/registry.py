"""The release registry (``claimset/registry.json``): each released version's file,
size and sha256, the trust anchor of every download; and semantic-version order.

Pure but for reading the registry file: a registry is data, so its file names
are plain names (``_safe_name``) and its hashes are checked for form.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from claimset.core.errors import DownloadError, InputError, UsageError
from claimset.core.semver import Version
from claimset.store.canonical import dumps
from claimset.store.jsonio import parse_json_text, read_json

ENV_REGISTRY = "CLAIMSET_REGISTRY"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


# -- versions ----------------------------------------------------------------------


def parse_version(text: str) -> str:
    """``text`` as a semantic version (a leading ``v`` is dropped); UsageError otherwise."""
    version = text[1:] if text[:1] in ("v", "V") else text
    if Version.parse(version) is None:
        raise UsageError(f"{text!r} is not a version: give MAJOR.MINOR.PATCH (e.g. 1.0.0) "
                         "or 'latest'")
    return version


def version_key(version: str) -> tuple[Any, ...]:
    """Sort key in semver precedence: 1.0.0-rc.1 < 1.0.0 < 1.0.1 < 1.10.0."""
    parsed = Version.parse(version)
    if parsed is None:
        raise UsageError(f"{version!r} is not a version")
    return parsed.sort_key()


def is_prerelease(version: str) -> bool:
    return "-" in version


# -- the registry ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RegistryEntry:
    """A released bundle: which file, how many bytes, which sha256."""

    version: str
    file: str
    size: int
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "size": self.size, "sha256": self.sha256}


def _entries(value: Mapping[str, RegistryEntry]) -> Mapping[str, RegistryEntry]:
    ordered = sorted(value.items(), key=lambda item: version_key(item[0]))
    return MappingProxyType(dict(ordered))


@attrs.frozen
class Registry:
    """Every released version, oldest first."""

    entries: Mapping[str, RegistryEntry] = attrs.field(factory=dict, converter=_entries)

    def versions(self) -> list[str]:
        return list(self.entries)

    def latest(self) -> RegistryEntry:
        """The highest version, ignoring pre-releases unless there is nothing else."""
        if not self.entries:
            raise DownloadError("the registry lists no releases yet", code="CS603")
        finals = [version for version in self.entries if not is_prerelease(version)]
        return self.entries[(finals or list(self.entries))[-1]]

    def entry(self, version: str) -> RegistryEntry:
        """The entry for ``version`` ("latest" or MAJOR.MINOR.PATCH)."""
        if version == "latest":
            return self.latest()
        wanted = parse_version(version)
        try:
            return self.entries[wanted]
        except KeyError:
            known = ", ".join(self.entries) or "none"
            raise DownloadError(
                f"version {wanted} does not exist in the registry (known: {known}); a newer "
                f"package, or {ENV_REGISTRY}=<registry.json>, knows newer releases",
                code="CS603") from None

    def with_entry(self, entry: RegistryEntry, *, replace: bool = False) -> Registry:
        """A registry with ``entry`` added; a released version's content never changes."""
        old = self.entries.get(entry.version)
        if old is not None and old != entry and not replace:
            raise DownloadError(
                f"version {entry.version} is already released with sha256 {old.sha256}, this "
                f"build has {entry.sha256}: bump the version in dataset/index.json (or pass "
                "--replace for a version that was never published)", code="CS605")
        return Registry({**self.entries, entry.version: entry})

    def to_json(self) -> str:
        """Canonical JSON (versions in ascending order), as in the package."""
        return dumps({"releases": {version: entry.to_json()
                                   for version, entry in self.entries.items()}})

    @classmethod
    def from_json(cls, text: str, *, file: str = "registry.json") -> Registry:
        data = parse_json_text(text, file=file).data
        releases = data.get("releases") if isinstance(data, dict) else None
        if not isinstance(releases, dict):
            raise InputError(f"{file}: not a claimset registry (no 'releases' object)",
                             code="CS606")
        entries = {}
        for version, item in releases.items():
            if not (Version.parse(version) is not None and isinstance(item, dict)
                    and isinstance(item.get("file"), str) and _safe_name(item["file"])
                    and isinstance(item.get("size"), int) and item["size"] >= 0
                    and isinstance(item.get("sha256"), str) and _SHA256.match(item["sha256"])):
                raise InputError(f"{file}: release {version!r} needs a safe file name, a size "
                                 "and a lower-case hex sha256", code="CS606")
            entries[version] = RegistryEntry(version=version, file=item["file"],
                                             size=item["size"], sha256=item["sha256"])
        return cls(entries)


def _safe_name(name: str) -> bool:
    # The file name becomes a path in the cache: no directories, no dot files.
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name))


def bundled_registry_path() -> Path:
    return Path(__file__).resolve().parent.parent / "registry.json"


def read_registry(path: str | os.PathLike[str]) -> Registry:
    document = read_json(Path(path), follow_symlinks=True)  # a path a person set
    return Registry.from_json(document.text, file=document.file)


def resolve_registry(registry: Registry | str | os.PathLike[str] | None, *,
                     environ: Mapping[str, str]) -> Registry:
    """The registry given, else the file ``CLAIMSET_REGISTRY`` names, else the package's."""
    if isinstance(registry, Registry):
        return registry
    if registry is not None:
        return read_registry(registry)
    named = environ.get(ENV_REGISTRY)
    return read_registry(named if named else bundled_registry_path())
