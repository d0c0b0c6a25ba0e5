"""Release artefacts: the bundle, its checksum, a CSV, a SQLite database and their metadata.

Building is a pure function of the dataset (:func:`release_from`): no clock, no
paths of the machine, canonical JSON, so building twice gives the same bytes
and anyone can rebuild a release to check it.  Only a dataset that passes
:func:`claimset.load` is built, and the bundle is read back through the same
reader as ``claimset validate`` before anything is written.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

import attrs

from claimset.check.checker import CheckOptions, check_with_texts
from claimset.check.loader import LOAD_CHECKS, build_dataset
from claimset.core.errors import DatasetError, UsageError
from claimset.core.problems import Problem
from claimset.release.download import Registry, RegistryEntry, read_registry
from claimset.release.export import to_csv
from claimset.release.sqlite import database_bytes, datasette_metadata
from claimset.store.atomic import write_bytes_atomic
from claimset.store.canonical import canonical_text, dumps
from claimset.store.columns import CLAIM_COLUMNS
from claimset.store.layout import RawDataset, read_dataset

REGISTRY_PATH = Path("src") / "claimset" / "registry.json"
SCHEMA_URL = "https://raw.githubusercontent.com/claimset/claimset/main/schema/claimset.schema.json"
#: What the bundle read back must pass: the load checks, and canonical form.
BUNDLE_CHECKS = CheckOptions(values=False, coverage=False, canonical=True)


@attrs.frozen(kw_only=True)
class Artefact:
    """One file of a release: its name and exact bytes."""

    name: str
    data: bytes = attrs.field(repr=False)

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@attrs.frozen(kw_only=True)
class Release:
    """Every file of one version's release."""

    version: str
    bundle: Artefact
    checksum: Artefact
    claims_csv: Artefact
    datapackage: Artefact
    #: Further derived files (the SQLite database and its Datasette metadata).
    extras: tuple[Artefact, ...] = ()

    @property
    def artefacts(self) -> tuple[Artefact, ...]:
        # The bundle goes last: a crash half way leaves the old bundle with files
        # that disagree with it, which `sha256sum -c` then reports.
        return (self.claims_csv, *self.extras, self.checksum, self.datapackage, self.bundle)

    def registry_entry(self) -> RegistryEntry:
        return RegistryEntry(version=self.version, file=self.bundle.name,
                             size=self.bundle.size, sha256=self.bundle.sha256)


def bundle_name(version: str) -> str:
    return f"claimset-{version}.json"


# -- pure ----------------------------------------------------------------------------


def bundle_document(raw: RawDataset, texts: dict[str, str]) -> dict[str, Any]:
    """The bundle (the schema's root) from a dataset that passed the load checks."""
    assert raw.index is not None  # guaranteed by the load checks
    index = raw.index.data
    if raw.kind == "bundle":
        entries = list(raw.entries)
    else:
        by_id = {entry.data["source"]["id"]: entry for entry in raw.entries}
        entries = [by_id[source_id] for source_id in index["sources"]]
    sources = [{"source": entry.data["source"], "text": texts[entry.data["source"]["id"]],
                "claims": entry.data["claims"], "exclusions": entry.data["exclusions"]}
               for entry in entries]
    return {"name": index["name"], "version": index["version"],
            "description": index["description"], "license": index["license"],
            "sources": sources}


def checksum_line(artefact: Artefact) -> bytes:
    """``<hex>  <name>\\n``: the format ``sha256sum -c`` reads (two spaces: text mode)."""
    return f"{artefact.sha256}  {artefact.name}\n".encode()


def _resource(artefact: Artefact, **fields: Any) -> dict[str, Any]:
    return {**fields, "path": artefact.name, "bytes": artefact.size,
            "hash": f"sha256:{artefact.sha256}"}


def datapackage_descriptor(document: dict[str, Any], bundle: Artefact,
                           claims_csv: Artefact) -> dict[str, Any]:
    """A Frictionless Data Package (v1 profile, which v2 readers accept) for the release."""
    license_id = document["license"]
    version = document["version"]
    return {
        "profile": "data-package",
        "name": document["name"],
        "title": f"claimset {version}: citation-checked figures",
        "description": document["description"],
        "version": version,
        "homepage": "https://github.com/claimset/claimset",
        "licenses": [{"name": license_id, "path": f"https://spdx.org/licenses/{license_id}.html",
                      "title": license_id}],
        "sources": [{"title": source["source"]["title"] or source["source"]["id"],
                     **({"path": source["source"]["url"]} if source["source"]["url"] else {})}
                    for source in document["sources"]],
        "resources": [
            _resource(bundle, name="bundle", title="The complete dataset in one JSON file",
                      description="Every source with its pinned text, claims and exclusions; "
                                  f"JSON Schema: {SCHEMA_URL}",
                      profile="data-resource", format="json", mediatype="application/json",
                      encoding="utf-8"),
            _resource(claims_csv, name="claims", title="One row per claim",
                      description="Claims flattened to a table (retracted ones included); "
                                  "tags and authors are joined with ';'",
                      profile="tabular-data-resource", format="csv", mediatype="text/csv",
                      encoding="utf-8",
                      schema={"fields": [column.table_schema_field()
                                         for column in CLAIM_COLUMNS],
                              "primaryKey": ["id"]}),
        ],
    }


def release_from(document: dict[str, Any], dataset: Any) -> Release:
    """All the release's files, as bytes, from the bundle document and its Dataset."""
    version = document["version"]
    bundle = Artefact(name=bundle_name(version),
                      data=canonical_text(document, kind="bundle").encode("utf-8"))
    claims_csv = Artefact(name=f"claimset-{version}.csv", data=to_csv(dataset))
    datapackage = Artefact(name="datapackage.json", data=dumps(
        datapackage_descriptor(document, bundle, claims_csv)).encode("utf-8"))
    return Release(version=version, bundle=bundle,
                   checksum=Artefact(name=f"{bundle.name}.sha256", data=checksum_line(bundle)),
                   claims_csv=claims_csv, datapackage=datapackage,
                   extras=database_artefacts(dataset))


def database_artefacts(dataset: Any) -> tuple[Artefact, Artefact]:
    """``claimset-X.Y.Z.db`` and the ``metadata.json`` Datasette reads with it."""
    name = f"claimset-{dataset.version}.db"
    metadata = datasette_metadata(dataset, database=name.removesuffix(".db"))
    return (Artefact(name=name, data=database_bytes(dataset)),
            Artefact(name="metadata.json", data=dumps(metadata).encode("utf-8")))


# -- reading and writing -------------------------------------------------------------


def _refuse(problems: tuple[Problem, ...], target: Path, *, what: str) -> DatasetError:
    first = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return DatasetError(f"{what}: {first.location}: {first.code} {first.message}{more}; run "
                        f"`claimset validate {target}`", code=first.code, problems=problems)


def build_release(path: str | os.PathLike[str]) -> Release:
    """Read and check the dataset at ``path``; the release, verified, in memory."""
    target = Path(path)
    raw = read_dataset(target)
    report, texts = check_with_texts(raw, options=LOAD_CHECKS)
    if not report.ok:
        raise _refuse(report.errors, target, what="refusing to build a dataset that fails "
                                                  "its checks")
    document = bundle_document(raw, texts)
    release = release_from(document, build_dataset(raw, texts))
    _verify_bundle(release.bundle)
    return release


def _verify_bundle(bundle: Artefact) -> None:
    # Belt and braces: the bundle must prove its citations with nothing else at
    # hand, read by the very code that `claimset validate` uses.
    with tempfile.TemporaryDirectory(prefix="claimset-build-") as directory:
        path = Path(directory) / bundle.name
        path.write_bytes(bundle.data)
        report, _ = check_with_texts(read_dataset(path), options=BUNDLE_CHECKS)
    if not report.ok:  # pragma: no cover - a bug in the build, not in the data
        raise _refuse(report.errors, path, what="the built bundle does not check (a bug)")


def write_release(release: Release, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write every artefact atomically into ``out_dir``; the paths written."""
    directory = Path(out_dir)
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"--out {directory} is a file, not a directory")
    written = []
    for artefact in release.artefacts:
        path = directory / artefact.name
        write_bytes_atomic(path, artefact.data)
        written.append(path)
    return written


def update_registry(release: Release, registry_path: str | os.PathLike[str], *,
                    replace: bool = False) -> bool:
    """Add the release to the registry file; False when it was already there unchanged."""
    path = Path(registry_path)
    registry = read_registry(path) if path.exists() else Registry()
    updated = registry.with_entry(release.registry_entry(), replace=replace)
    if updated == registry:
        return False
    write_bytes_atomic(path, updated.to_json().encode("utf-8"))
    return True
