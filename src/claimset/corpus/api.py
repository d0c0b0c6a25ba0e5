"""``claimset.extract_corpus``: every figure of a corpus, as rows, from Python."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

import attrs

from claimset.core import arguments
from claimset.core.errors import InputError
from claimset.corpus import engines
from claimset.corpus.documents import check_paths, find_documents

__all__ = ["CorpusFigure", "SkippedDocument", "extract_corpus"]


@attrs.frozen(kw_only=True)
class CorpusFigure:
    """One figure of one document: the document's id (its path, or its JSONL id) and the
    sha256 of its UTF-8 bytes, then every field of :class:`claimset.Candidate`."""

    document: str
    sha256: str
    start: int
    end: int
    text: str
    value: int | float | None
    kind: str
    unit: str | None
    qualifier: str
    lower: int | float | None
    upper: int | float | None
    qualifier_span: tuple[int, int] | None


@attrs.frozen(kw_only=True)
class SkippedDocument:
    """A document that could not be read: its id, the problem's code and a one-line message."""

    document: str
    code: str
    message: str


def extract_corpus(paths: Iterable[str | os.PathLike[str]], *, jobs: int | None = None,
                   engine: str = "local", scheduler: str | None = None, glob: str = "*.txt",
                   on_skip: Callable[[SkippedDocument], None] | None = None,
                   ) -> Iterator[CorpusFigure]:
    """Every figure in the documents at ``paths``, in document order, then text order.

    ``paths`` are text files, directories (files matching ``glob``, recursively) and JSONL
    files of ``{"id": ..., "text": ...}`` documents.  ``jobs`` worker processes (default:
    the cores this process may use) run on ``engine`` ``"local"`` or ``"dask"`` (at the
    ``scheduler`` address, or a LocalCluster).  An unreadable document (binary, not
    UTF-8, over the size limit) goes to ``on_skip`` and the rest go on; without
    ``on_skip`` it raises :class:`claimset.InputError` with its code.  Its arguments are
    checked at once (:class:`claimset.core.errors.ArgumentError`, CS121): ``paths`` may
    also be one path.
    """
    function = "claimset.extract_corpus"
    names = arguments.paths(function, "paths", paths)
    arguments.number(function, "jobs", jobs, minimum=1, integer=True, optional=True)
    arguments.choice(function, "engine", engine, engines.ENGINES)
    arguments.text(function, "scheduler", scheduler, optional=True)
    arguments.text(function, "glob", glob)
    arguments.callable_or_none(function, "on_skip", on_skip)
    check_paths(names)
    return _figures_of(names, jobs=jobs, engine=engine, scheduler=scheduler, glob=glob,
                       on_skip=on_skip)


def _figures_of(names: list[str], *, jobs: int | None, engine: str, scheduler: str | None,
                glob: str, on_skip: Callable[[SkippedDocument], None] | None,
                ) -> Iterator[CorpusFigure]:
    documents = find_documents(names, glob=glob)
    for result in engines.run(engines.batches(documents), fmt="rows", jobs=jobs,
                              engine=engine, scheduler=scheduler):
        if result.problem is not None:
            code, message = result.problem
            if on_skip is None:
                raise InputError(message, code=code)
            on_skip(SkippedDocument(document=result.document, code=code, message=message))
            continue
        for row in result.payload:
            assert isinstance(row, tuple)
            yield _figure(*row)


def _figure(document: str, sha256: str, start: int, end: int, text: str,
                value: int | float | None, kind: str, unit: str | None, qualifier: str,
                lower: int | float | None, upper: int | float | None,
                qualifier_span: tuple[int, int] | None) -> CorpusFigure:
    return CorpusFigure(document=document, sha256=sha256, start=start, end=end, text=text,
                        value=value, kind=kind, unit=unit, qualifier=qualifier, lower=lower,
                        upper=upper, qualifier_span=qualifier_span)
