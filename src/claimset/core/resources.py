"""Where the bundled dataset, seeds and schema live.

An installed wheel carries them under ``claimset/_data``; an editable install
or a source checkout reads them from the repository root.
"""

from __future__ import annotations

from pathlib import Path

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
