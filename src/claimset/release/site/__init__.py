"""The static site of a dataset: an index, one page per source, plain CSS and JS.

``build_site(dataset)`` is pure: a loaded :class:`~claimset.store.model.Dataset`
in, every file of the site as bytes out (no clock, no paths, so building twice
gives the same bytes), whatever the layout the dataset was read from.  The
site needs no server and makes no network request: no CDN, no web fonts, no
inline script (a Content-Security-Policy forbids everything but the site's own
files), and every page is readable with JavaScript off.

Jinja2 renders the pages (autoescape on); it is the optional extra
``claimset[site]``, imported only when a site is built.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import attrs

from claimset.core.errors import ClaimsetError, UsageError
from claimset.core.progress import SILENT, Progress
from claimset.release.site.related import RELATED, SOURCES_DIR, SiteLimits
from claimset.store.model import Claim, Dataset, Exclusion
from claimset.store.writer import output_directory, scratch_directory

__all__ = ["MANIFEST", "Site", "SiteLimits", "build_site", "is_site", "scratch_site",
           "site_archive", "write_site"]

#: The file that lists every other file of a site with its size and sha256; its
#: presence is what marks a directory as a site claimset wrote (and may replace).
MANIFEST = "manifest.json"
GENERATOR = "claimset site 1"
ASSETS = ("favicon.svg", "site.css", "site.js")
#: The page of quantities and whether their sources agree.
QUANTITIES = "quantities.html"


def _frozen(files: Mapping[str, bytes]) -> Mapping[str, bytes]:
    return MappingProxyType(dict(files))


@attrs.frozen(kw_only=True)
class Site:
    """Every file of a site: relative POSIX path -> bytes (the manifest included)."""

    name: str
    version: str
    files: Mapping[str, bytes] = attrs.field(converter=_frozen, repr=False)

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.files.values())


def _jinja_missing() -> ClaimsetError:
    return ClaimsetError("building the site needs Jinja2: pip install 'claimset[site]' "
                         "(or `claimset build --no-site`)", code="CS850")


def build_site(dataset: Dataset, *, limits: SiteLimits | None = None,
               progress: Progress | None = None) -> Site:
    """All files of the dataset's site, in memory (``progress`` hears of each page).

    Raises ``ClaimsetError`` CS850 when Jinja2 is not installed and
    ``UsageError`` CS854 for a source id that cannot name a file.
    """
    try:
        from claimset.release.site import pages
    except ImportError as error:  # pragma: no cover - exercised with jinja2 hidden
        if error.name and error.name.split(".")[0] in {"jinja2", "markupsafe"}:
            raise _jinja_missing() from None
        raise
    chosen = limits if limits is not None else SiteLimits()
    told = progress if progress is not None else SILENT
    pages.check_ids(dataset)
    env = pages.environment()
    files: dict[str, bytes] = {}
    told.step("site: the index")
    files["index.html"] = env.get_template("index.html").render(
        pages.index_context(dataset, chosen)).encode("utf-8")
    claims_template = env.get_template("claims.html")
    for page in range(2, pages.page_count(dataset, chosen) + 1):
        files[pages.claims_page_href(page, from_root=True)] = claims_template.render(
            pages.claims_page_context(dataset, page, chosen)).encode("utf-8")
    files.update(pages.data_chunks(dataset, chosen))
    files[QUANTITIES] = env.get_template("quantities.html").render(
        pages.quantities_context(dataset)).encode("utf-8")
    related = [provider(dataset, chosen) for provider in RELATED]
    claims_of: dict[str, list[Claim]] = {source_id: [] for source_id in dataset.sources}
    for claim in dataset.claims:
        claims_of[claim.source].append(claim)
    exclusions_of: dict[str, list[Exclusion]] = {source_id: [] for source_id in dataset.sources}
    for item in dataset.exclusions:
        exclusions_of[item.source].append(item)
    template = env.get_template("source.html")
    render_link = pages.link_renderer(env)
    told.step("site: source pages")
    for done, (source_id, source) in enumerate(dataset.sources.items()):
        told.count(done, len(dataset.sources))
        context = pages.source_context(dataset, source, claims_of[source_id],
                                       exclusions_of[source_id], related)
        context["render_link"] = render_link
        files[f"{SOURCES_DIR}/{source_id}.html"] = template.render(context).encode("utf-8")
    assets = resources.files("claimset.release.site") / "assets"
    for name in ASSETS:
        files[name] = (assets / name).read_bytes()
    files[MANIFEST] = manifest(dataset.name, dataset.version, files)
    return Site(name=dataset.name, version=dataset.version, files=files)


def manifest(name: str, version: str, files: Mapping[str, bytes]) -> bytes:
    listing = {path: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
               for path, data in sorted(files.items())}
    document = {"generator": GENERATOR, "dataset": name, "version": version, "files": listing}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def is_site(directory: Path) -> bool:
    """Whether ``directory`` holds a site claimset wrote (its manifest says so)."""
    path = directory / MANIFEST
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return False
    return f'"generator": "{GENERATOR.rsplit(" ", 1)[0]}'.encode() in head


def site_archive(site: Site, *, folder: str) -> bytes:
    """The site as a zip whose entries sit under ``folder/``: same bytes for the same site."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path, data in sorted(site.files.items()):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the machine: the same bytes everywhere
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


def write_site(site: Site, directory: str | os.PathLike[str], *,
               roots: Sequence[str | os.PathLike[str]] = (),
               progress: Progress | None = None) -> Path:
    """Write the site into ``directory``, each file atomically, the manifest last.

    Only an empty or missing directory, or a site claimset wrote (it has a
    manifest), is written to; anything else is refused (CS851) and left as it
    is.  Every file goes through the writer (:mod:`claimset.store.writer`): the
    directory and everything below it must be real (a symlink anywhere below it, or
    on the way inside ``roots``, is refused before anything is written, CS851), and
    each file is replaced atomically, so after a crash every file is its old or its
    new version; pages the old manifest listed and the new site lacks are deleted
    once everything else is written, so no stale page survives (and nothing claimset
    did not write is ever deleted).
    """
    target = Path(directory)
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise UsageError(f"{target} exists and is not a directory: refusing to replace it with "
                         "the site; remove it or build elsewhere (--out)", code="CS851")
    if target.is_dir() and any(target.iterdir()) and not is_site(target):
        raise UsageError(f"{target} is not a site claimset wrote (no {MANIFEST}): refusing to "
                         "replace it; move it away or build elsewhere (--out)", code="CS851")
    try:
        out = output_directory(target, roots=roots)
        for relative in site.files:  # every target first: a link below refuses them all
            out.check(relative)
    except UsageError as error:
        if error.code != "CS142":
            raise
        raise UsageError(f"{error.message.removesuffix(' (nothing was written)')}: refusing "
                         "to write the site through it (nothing was written)",
                         code="CS851") from None
    before = _listed(out.root)
    told = progress if progress is not None else SILENT
    told.step("writing the site")
    for done, (relative, data) in enumerate(site.files.items()):
        told.count(done, len(site.files))
        if relative != MANIFEST:
            out.write(relative, data)
    for relative in sorted(before - set(site.files)):
        out.remove(relative)
    out.write(MANIFEST, site.files[MANIFEST])
    return target


@contextlib.contextmanager
def scratch_site(site: Site) -> Iterator[Path]:
    """``site`` written in a private scratch directory, deleted when the block ends: what
    ``claimset serve`` serves for a dataset that has no built site."""
    with scratch_directory(prefix="claimset-site-") as directory:
        yield write_site(site, directory / "site")


#: Longest manifest read back (a site of 100,000 sources lists about 15 MB).
MAX_MANIFEST = 64 * 1024 * 1024


def _listed(directory: Path) -> set[str]:
    """The files an existing site's manifest lists (none when there is no readable one)."""
    path = directory / MANIFEST
    if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_MANIFEST:
        return set()
    try:
        files = json.loads(path.read_bytes()).get("files", {})
    except (OSError, ValueError, AttributeError):
        return set()
    if not isinstance(files, dict):
        return set()
    return {name for name in files if isinstance(name, str) and _plain(name)}


def _plain(relative: str) -> bool:
    parts = relative.split("/")
    return all(part and not part.startswith(".") and "\\" not in part for part in parts)
