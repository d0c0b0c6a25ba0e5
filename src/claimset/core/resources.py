"""Where the bundled dataset, seeds and schema live.

An installed wheel carries them under ``claimset/_data``; an editable install
or a source checkout reads them from the repository root.  The version
strings for ``claimset --version`` are read here too, without importing the
checker: the index is small and only its ``version`` is wanted.
"""

from __future__ import annotations

import json
from pathlib import Path

from claimset.core.semver import SEMVER

_PACKAGE = Path(__file__).resolve().parent.parent


def data_root() -> Path:
    """The directory holding ``dataset/``, ``seeds/`` and ``schema/`` for ``load()``."""
    bundled = _PACKAGE / "_data"
    if (bundled / "dataset" / "index.json").is_file():
        return bundled
    checkout = _PACKAGE.parent.parent
    if (checkout / "dataset" / "index.json").is_file():
        return checkout
    return bundled  # the loader reports what is missing there


def schema_path() -> Path:
    return data_root() / "schema" / "claimset.schema.json"


INDEX_READ_LIMIT = 1 << 20
"""Bytes of ``dataset/index.json`` read for the version; the index lists ids, never claims."""


def dataset_version(root: Path | None = None) -> str | None:
    """The bundled dataset's version (``dataset/index.json``), or None if it cannot be read.

    Never raises: a missing, oversized or malformed index, or a version that is
    not MAJOR.MINOR.PATCH[-PRE], gives None (``claimset validate`` says why).
    """
    index = (root if root is not None else data_root()) / "dataset" / "index.json"
    try:
        if not index.is_file() or index.stat().st_size > INDEX_READ_LIMIT:
            return None
        with index.open("rb") as handle:
            data = json.loads(handle.read(INDEX_READ_LIMIT + 1))
    except (OSError, ValueError, RecursionError):
        return None
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(version, str) and SEMVER.fullmatch(version):
        return version
    return None


def version_text(package_version: str, root: Path | None = None) -> str:
    """``claimset 0.1.0, dataset 1.0.0``: the package's version and its bundled data's."""
    data = dataset_version(root)
    return f"claimset {package_version}, dataset {data or 'unreadable (run claimset validate)'}"
