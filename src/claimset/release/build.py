"""Release artefacts: the bundle, its checksum, a CSV, a SQLite database, their metadata
and the static site.

Building is a pure function of the dataset (:func:`release_from`): no clock, no
paths of the machine, canonical JSON, so building twice gives the same bytes
and anyone can rebuild a release to check it.  A dataset whose bundle would be over
:data:`SHARD_BYTES` is released sharded (:mod:`claimset.store.shards`): a manifest
under the bundle's name and shards of at most that size, each pinned by its sha256.
The static site (:mod:`claimset.release.site`) is built from the same loaded Dataset
and shipped as ``site/`` and zipped (``claimset-<version>-site.zip`` with its
``.sha256``).  Only a dataset that passes :func:`claimset.load` is built, and the
bundle is read back through the same reader as ``claimset validate`` before anything
is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from claimset.check.checker import CheckOptions, check
from claimset.check.drafts import records_with_drafts
from claimset.check.loader import checked_dataset
from claimset.core.errors import DatasetError, UsageError
from claimset.core.problems import Problem
from claimset.core.progress import SILENT, Progress
from claimset.release.download import Registry, RegistryEntry, read_registry
from claimset.release.export import to_csv
from claimset.release.site import Site, build_site, site_archive, write_site
from claimset.release.sqlite import database_bytes, datasette_metadata
from claimset.store.canonical import SHAPES, canonical_text, dumps, ordered
from claimset.store.columns import CLAIM_COLUMNS
from claimset.store.jsonio import MAX_JSON_BYTES
from claimset.store.layout import RawDataset, read_dataset, resolve_root
from claimset.store.lock import checkout_lock
from claimset.store.shards import MAX_SHARDS, shard_name
from claimset.store.writer import (
    NOTHING,
    OutputDirectory,
    Reads,
    checked_directory,
    dataset_reads,
    output_directory,
    output_lock,
    scratch_directory,
    write_file,
)

REGISTRY_PATH = Path("src") / "claimset" / "registry.json"
SCHEMA_URL = "https://raw.githubusercontent.com/claimset/claimset/main/schema/claimset.schema.json"
#: What the bundle read back must pass: the load checks, and canonical form.
BUNDLE_CHECKS = CheckOptions(values=False, coverage=False, canonical=True, meaning=False)
#: Largest bundle written as one file, and the size shards are filled to: half the
#: 64 MiB limit of one JSON file, so each is read well within the limit.
SHARD_BYTES = 32 * 1024 * 1024


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
    #: A sharded release's shards (``bundle`` is then its manifest); empty otherwise.
    shards: tuple[Artefact, ...] = ()
    #: The static site, its zip and the zip's checksum (None when built without it).
    site: Site | None = None
    site_zip: Artefact | None = None
    site_checksum: Artefact | None = None

    @property
    def artefacts(self) -> tuple[Artefact, ...]:
        # The bundle (or manifest) goes last: a crash half way leaves the old bundle with
        # files that disagree with it, which `sha256sum -c` then reports.
        site = (self.site_zip, self.site_checksum) if self.site_zip and self.site_checksum else ()
        return (self.claims_csv, *self.extras, *site, *self.shards, self.checksum,
                self.datapackage,
                self.bundle)

    def registry_entry(self) -> RegistryEntry:
        return RegistryEntry(version=self.version, file=self.bundle.name,
                             size=self.bundle.size, sha256=self.bundle.sha256)


def bundle_name(version: str) -> str:
    return f"claimset-{version}.json"


#: The directory the site is written to, inside the output directory.
SITE_DIR = "site"


def site_zip_name(version: str) -> str:
    return f"claimset-{version}-site.zip"


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


def datapackage_descriptor(document: dict[str, Any], bundle: Artefact, claims_csv: Artefact,
                           *, shards: tuple[Artefact, ...] = ()) -> dict[str, Any]:
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
            *_bundle_resources(bundle, shards),
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


def _bundle_resources(bundle: Artefact, shards: tuple[Artefact, ...]) -> list[dict[str, Any]]:
    json_file = {"profile": "data-resource", "format": "json", "mediatype": "application/json",
                 "encoding": "utf-8"}
    if not shards:
        return [_resource(bundle, name="bundle", title="The complete dataset in one JSON file",
                          description="Every source with its pinned text, claims and "
                                      f"exclusions; JSON Schema: {SCHEMA_URL}", **json_file)]
    return [
        _resource(bundle, name="bundle", title="The release manifest",
                  description="The index fields and the shards that hold the sources, each "
                              "with its size and sha256 (JSON Schema: #/$defs/releaseManifest "
                              f"of {SCHEMA_URL})", **json_file),
        *(_resource(shard, name=f"bundle-shard-{number:04d}",
                    title=f"Shard {number} of {len(shards)}",
                    description="Sources with their pinned texts, claims and exclusions "
                                "(#/$defs/releaseShard)", **json_file)
          for number, shard in enumerate(shards, start=1)),
    ]


def release_from(document: dict[str, Any], dataset: Any, *, site: bool = True,
                 progress: Progress | None = None) -> Release:
    """All the release's files, as bytes, from the bundle document and its Dataset.

    ``site=False`` leaves the static site out (it needs Jinja2, ``claimset[site]``).
    """
    version = document["version"]
    pieces = [_source_piece(source) for source in document["sources"]]
    if sum(len(piece) + 2 for piece in pieces) <= SHARD_BYTES:
        bundle = Artefact(name=bundle_name(version),
                          data=canonical_text(document, kind="bundle").encode("utf-8"))
        shards: tuple[Artefact, ...] = ()
    else:
        bundle, shards = _sharded(document, pieces)
    del pieces
    claims_csv = Artefact(name=f"claimset-{version}.csv", data=to_csv(dataset))
    datapackage = Artefact(name="datapackage.json", data=dumps(
        datapackage_descriptor(document, bundle, claims_csv, shards=shards)).encode("utf-8"))
    checksum = Artefact(name=f"{bundle.name}.sha256",
                        data=b"".join(checksum_line(artefact) for artefact in (bundle, *shards)))
    built = build_site(dataset, progress=progress) if site else None
    site_zip = site_checksum = None
    if built is not None:
        name = site_zip_name(version)
        if progress is not None:
            progress.step("site: the zip")
        site_zip = Artefact(name=name, data=site_archive(built, folder=name.removesuffix(".zip")))
        site_checksum = Artefact(name=f"{name}.sha256", data=checksum_line(site_zip))
    return Release(version=version, bundle=bundle, checksum=checksum, claims_csv=claims_csv,
                   datapackage=datapackage, extras=database_artefacts(dataset), shards=shards,
                   site=built, site_zip=site_zip, site_checksum=site_checksum)


_BUNDLE_SOURCE = SHAPES["bundle"].items["sources"]


def _source_piece(source: dict[str, Any]) -> bytes:
    """One source as canonical JSON nested where a bundle or shard holds it (4 spaces in)."""
    text = dumps(ordered(source, _BUNDLE_SOURCE)).rstrip("\n")
    return ("    " + text.replace("\n", "\n    ")).encode("utf-8")


def _shard_bytes(pieces: list[bytes]) -> bytes:
    # Exactly canonical_text({"sources": [...]}, kind="shard"), without parsing again.
    return b'{\n  "sources": [\n' + b",\n".join(pieces) + b"\n  ]\n}\n"


def _sharded(document: dict[str, Any],
             pieces: list[bytes]) -> tuple[Artefact, tuple[Artefact, ...]]:
    """The manifest and the shards: sources in order, each shard filled to SHARD_BYTES."""
    version = document["version"]
    groups: list[list[bytes]] = [[]]
    filled = 0
    for source, piece in zip(document["sources"], pieces, strict=True):
        if len(piece) + 32 > MAX_JSON_BYTES:
            raise UsageError(f"source {source['source']['id']!r} alone is {len(piece)} bytes "
                             f"in a release, over the {MAX_JSON_BYTES}-byte limit of one file: "
                             "split it into several sources", code="CS634")
        if groups[-1] and filled + len(piece) + 2 > SHARD_BYTES:
            groups.append([])
            filled = 0
        groups[-1].append(piece)
        filled += len(piece) + 2
    if len(groups) > MAX_SHARDS:
        raise UsageError(f"the release would need {len(groups)} shards, over the "
                         f"{MAX_SHARDS}-shard limit", code="CS634")
    shards = tuple(Artefact(name=shard_name(version, number), data=_shard_bytes(group))
                   for number, group in enumerate(groups, start=1))
    manifest = {"name": document["name"], "version": version,
                "description": document["description"], "license": document["license"],
                "shards": [{"path": shard.name, "bytes": shard.size, "sha256": shard.sha256,
                            "sources": len(group)} for shard, group in zip(shards, groups,
                                                                           strict=True)]}
    return (Artefact(name=bundle_name(version),
                     data=canonical_text(manifest, kind="manifest").encode("utf-8")), shards)


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


def build_release(path: str | os.PathLike[str], *, site: bool = True,
                  progress: Progress | None = None) -> Release:
    """Read and check the dataset at ``path``; the release, verified, in memory.

    ``progress`` (:class:`claimset.core.progress.Progress`) hears of each step."""
    told = progress if progress is not None else SILENT
    target = Path(path)
    told.step("reading the dataset")
    raw = read_dataset(target)
    told.step(f"checking {len(raw.entries):,} sources")
    report, dataset = checked_dataset(raw)
    if dataset is None:
        raise _refuse(report.errors, target, what="refusing to build a dataset that fails "
                                                  "its checks")
    drafts = draft_problems(raw)
    if drafts:
        raise _refuse(drafts, target, what="refusing to release machine drafts no person "
                                           "has confirmed")
    told.step("the bundle, CSV and database")
    texts = {source_id: source.text for source_id, source in dataset.sources.items()}
    document = bundle_document(raw, texts)
    release = release_from(document, dataset, site=site, progress=told)
    told.step("reading the bundle back")
    _verify_bundle(release.bundle, release.shards)
    return release


def draft_problems(raw: RawDataset) -> tuple[Problem, ...]:
    """CS613 for every claim and exclusion that still lists unconfirmed drafts: a release
    holds only what people confirmed (``validate`` warns of them as CS216 and CS217)."""
    return tuple(
        entry.problem("CS613", f"{label} still has drafts no person has confirmed: "
                               f"{', '.join(names)}", pointer + "/drafted")
        for entry in raw.entries for pointer, label, names in records_with_drafts(entry.data))


def _verify_bundle(bundle: Artefact, shards: tuple[Artefact, ...] = ()) -> None:
    # Belt and braces: the bundle (or manifest and shards) must prove its citations with
    # nothing else at hand, read by the very code that `claimset validate` uses.
    with scratch_directory(prefix="claimset-build-") as directory:
        scratch = OutputDirectory(directory)
        for artefact in shards:
            scratch.write(artefact.name, artefact.data, durable=False)
        path = scratch.write(bundle.name, bundle.data, durable=False)
        report = check(read_dataset(path), options=BUNDLE_CHECKS)
    if not report.ok:  # pragma: no cover - a bug in the build, not in the data
        raise _refuse(report.errors, path, what="the built bundle does not check (a bug)")


def write_release(release: Release, out_dir: str | os.PathLike[str], *,
                  reads: Reads = NOTHING, roots: Sequence[str | os.PathLike[str]] = (),
                  progress: Progress | None = None) -> list[Path]:
    """Write every artefact atomically into ``out_dir`` (made if missing); the paths written.

    ``out_dir`` goes through the writer (:func:`claimset.store.writer.output_directory`):
    never a symlink, nothing on the way through one inside the current directory or
    ``roots`` (CS142), never inside a folder ``reads`` holds (CS141).  The site directory
    (``out_dir/site``) is written first, each file atomically (see
    :func:`claimset.release.site.write_site`); the bundle (or manifest) last.
    """
    named = Path(out_dir)
    directory = output_directory(named, reads=reads, roots=roots)
    written = []
    if release.site is not None:
        write_site(release.site, directory.root / SITE_DIR, roots=(directory.root,),
                   progress=progress)
        written.append(named / SITE_DIR)
    if progress is not None:
        progress.step("writing the release files")
    for artefact in release.artefacts:
        directory.write(artefact.name, artefact.data)
        written.append(named / artefact.name)
    return written


def record_release(release: Release, registry_path: str | os.PathLike[str], *,
                    replace: bool = False, roots: Sequence[str | os.PathLike[str]] = ()) -> bool:
    """Add the release to the registry file; False when it was already there unchanged."""
    path = Path(registry_path)
    registry = read_registry(path) if path.exists() else Registry()
    updated = registry.with_entry(release.registry_entry(), replace=replace)
    if updated == registry:
        return False
    write_file(path, updated.to_json().encode("utf-8"), roots=roots)
    return True


@attrs.frozen(kw_only=True)
class Built:
    """What :func:`build` wrote: the release, its files, and the registry's fate."""

    release: Release
    written: tuple[Path, ...]
    #: The checkout's registry.json when it was asked to record the release, and whether
    #: that changed it.
    registry: Path | None = None
    registry_changed: bool = False


def build(path: str | os.PathLike[str], *, out: str | os.PathLike[str] = "dist",
          site: bool = True, update_registry: bool = False, replace: bool = False,
          progress: Progress | None = None) -> Built:
    """Build the release of the dataset at ``path`` and write its files into ``out``:
    ``claimset build`` from Python.

    ``out`` is checked before any work (:func:`write_release`'s rules, with the checkout
    as a protected root: a ``dist`` symlink a pull request commits is refused, CS142;
    ``out`` inside ``dataset/`` or ``seeds/`` too, CS141) and written under its lock
    (``.NAME.lock`` beside it), so two builds into one directory never mix.
    ``update_registry`` also records the release in the checkout's registry.json, under
    the checkout lock (``replace`` overwrites an entry of the same version).  Raises
    DatasetError (CS607, CS613: nothing written) for a dataset that may not be released.
    """
    if replace and not update_registry:
        raise UsageError("--replace only makes sense with --update-registry")
    target = Path(path)
    kind, root = resolve_root(target)
    roots = (root,) if kind == "checkout" else ()
    reads = dataset_reads(target)
    checked_directory(out, reads=reads, roots=roots, create=False)  # refused before any work
    registry_path = None
    if update_registry:
        registry_path = root / REGISTRY_PATH
        if kind != "checkout" or not registry_path.is_file():
            raise UsageError(f"--update-registry needs a checkout with {REGISTRY_PATH.as_posix()}"
                             f" ({registry_path} not found)")
    # The checkout lock (the registry is read, changed and written back) before the output's.
    held = checkout_lock(root) if registry_path is not None else contextlib.nullcontext()
    with held:
        release = build_release(target, site=site, progress=progress)
        with output_lock(out, roots=roots):
            written = write_release(release, out, reads=reads, roots=roots, progress=progress)
        changed = registry_path is not None and record_release(
            release, registry_path, replace=replace, roots=roots)
    return Built(release=release, written=tuple(written), registry=registry_path,
                 registry_changed=changed)
