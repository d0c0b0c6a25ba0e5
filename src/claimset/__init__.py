"""claimset: citation-checked figures.

``import claimset`` loads no data; the first call that needs it does::

    import claimset
    ds = claimset.load()                       # the bundled dataset, offline
    ds.claim("steele-2008/ibc-civilian-deaths-april-2003")
    claimset.extract("nearly $20 billion")     # figures in any English text
    claimset.validate("path/to/checkout")      # a Report: .ok, .problems

The public names are the imports in the ``TYPE_CHECKING`` block below, and only
there: type checkers read them as they are, and at run time the first public name
asked for reads the same lines (:func:`_public`) to import the module that defines
it, so that ``import claimset`` stays cheap (a test proves no data is read at import,
and ``tests/test_public_api.py`` type-checks a user's script calling every name).
"""

from __future__ import annotations

from claimset._version import __version__ as __version__

# Not `typing.TYPE_CHECKING`: importing typing is most of what `import claimset` would cost.
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - the one list of public names, read by _public()
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
    from claimset.release.download import download as download
    from claimset.store.model import Claim as Claim
    from claimset.store.model import Dataset as Dataset
    from claimset.store.model import Exclusion as Exclusion
    from claimset.store.model import Source as Source
    from claimset.store.model import Span as Span

_LAZY: dict[str, str] = {}


def _public() -> dict[str, str]:
    """Public name -> the module that defines it, read from the block above."""
    if not _LAZY:
        import re

        # The module's own loader (a file, a zip or an editable install alike); mypy does
        # not know a module's __loader__ attribute.
        source = __loader__.get_source(__name__) or ""  # type: ignore[name-defined]
        block = source[source.index("if TYPE_CHECKING:"):source.index("_LAZY: dict")]
        _LAZY.update((name, module) for module, name in re.findall(
            r"^ +from (claimset(?:\.\w+)+) import (\w+) as \2$", block, re.MULTILINE))
    return _LAZY


def __getattr__(name: str) -> object:
    if name == "__all__":
        return ["__version__", *sorted(_public())]
    module = _public().get(name)
    if module is None:
        raise AttributeError(f"module 'claimset' has no attribute {name!r}")
    import importlib  # here: `import claimset` and the command line's start-up need it not

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_public()))
