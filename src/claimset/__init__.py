"""claimset: citation-checked figures.

``import claimset`` loads no data; the first call that needs it does::

    import claimset
    ds = claimset.load()                       # the bundled dataset, offline
    ds.claim("steele-2008/ibc-civilian-deaths-april-2003")
    claimset.extract("nearly $20 billion")     # figures in any English text
    claimset.validate("path/to/checkout")      # a Report: .ok, .problems
"""

from __future__ import annotations

import importlib

from claimset._version import __version__

# Not `typing.TYPE_CHECKING`: importing typing is most of what `import claimset` would cost.
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from claimset.api import validate as validate
    from claimset.errors import ClaimsetError as ClaimsetError
    from claimset.errors import DatasetError as DatasetError
    from claimset.errors import DownloadError as DownloadError
    from claimset.errors import InputError as InputError
    from claimset.errors import UsageError as UsageError
    from claimset.extract import Candidate as Candidate
    from claimset.extract import extract as extract
    from claimset.extract import read_figure as read_figure
    from claimset.loader import load as load
    from claimset.model import Claim as Claim
    from claimset.model import Dataset as Dataset
    from claimset.model import Exclusion as Exclusion
    from claimset.model import Source as Source
    from claimset.model import Span as Span
    from claimset.problems import Problem as Problem
    from claimset.problems import Report as Report

# Public name -> module that defines it.  Modules are imported on first use so
# that `import claimset` stays cheap (a test proves no data is read at import).
_LAZY = {
    "load": "claimset.loader",
    "validate": "claimset.api",
    "extract": "claimset.extract",
    "read_figure": "claimset.extract",
    "Candidate": "claimset.extract",
    "download": "claimset.download",
    "Claim": "claimset.model",
    "Dataset": "claimset.model",
    "Exclusion": "claimset.model",
    "Source": "claimset.model",
    "Span": "claimset.model",
    "Problem": "claimset.problems",
    "Report": "claimset.problems",
    "ClaimsetError": "claimset.errors",
    "DatasetError": "claimset.errors",
    "DownloadError": "claimset.errors",
    "InputError": "claimset.errors",
    "UsageError": "claimset.errors",
}

__all__ = ["__version__", *sorted(_LAZY)]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'claimset' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
