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
    from claimset.check.api import validate as validate
    from claimset.check.loader import load as load
    from claimset.contrib.sources import add_source as add_source
    from claimset.contrib.sources import reanchor as reanchor
    from claimset.core.errors import ClaimsetError as ClaimsetError
    from claimset.core.errors import DatasetError as DatasetError
    from claimset.core.errors import DownloadError as DownloadError
    from claimset.core.errors import InputError as InputError
    from claimset.core.errors import UsageError as UsageError
    from claimset.core.problems import Problem as Problem
    from claimset.core.problems import Report as Report
    from claimset.corpus.api import CorpusFigure as CorpusFigure
    from claimset.corpus.api import SkippedDocument as SkippedDocument
    from claimset.corpus.api import extract_corpus as extract_corpus
    from claimset.grammar.extract import Candidate as Candidate
    from claimset.grammar.extract import extract as extract
    from claimset.grammar.extract import iter_extract as iter_extract
    from claimset.grammar.extract import read_figure as read_figure
    from claimset.store.model import Claim as Claim
    from claimset.store.model import Dataset as Dataset
    from claimset.store.model import Exclusion as Exclusion
    from claimset.store.model import Source as Source
    from claimset.store.model import Span as Span

# Public name -> module that defines it.  Modules are imported on first use so
# that `import claimset` stays cheap (a test proves no data is read at import).
_LAZY = {
    "load": "claimset.check.loader",
    "validate": "claimset.check.api",
    "extract": "claimset.grammar.extract",
    "iter_extract": "claimset.grammar.extract",
    "read_figure": "claimset.grammar.extract",
    "extract_corpus": "claimset.corpus.api",
    "CorpusFigure": "claimset.corpus.api",
    "SkippedDocument": "claimset.corpus.api",
    "Candidate": "claimset.grammar.extract",
    "download": "claimset.release.download",
    "add_source": "claimset.contrib.sources",
    "reanchor": "claimset.contrib.sources",
    "Claim": "claimset.store.model",
    "Dataset": "claimset.store.model",
    "Exclusion": "claimset.store.model",
    "Source": "claimset.store.model",
    "Span": "claimset.store.model",
    "Problem": "claimset.core.problems",
    "Report": "claimset.core.problems",
    "ClaimsetError": "claimset.core.errors",
    "DatasetError": "claimset.core.errors",
    "DownloadError": "claimset.core.errors",
    "InputError": "claimset.core.errors",
    "UsageError": "claimset.core.errors",
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
