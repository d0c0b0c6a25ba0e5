"""A figure found in text: the extractor's one output type."""

from __future__ import annotations

import operator

import attrs

from claimset.core.construct import positional_constructor
from claimset.core.vocabulary import Kind, Qualifier

__all__ = ["Candidate", "candidates_from_rows", "rows_of"]


@attrs.frozen(kw_only=True)
class Candidate:
    """A figure found in text; ``text == source[start:end]`` (code points, end-exclusive)."""

    start: int
    end: int
    text: str
    value: int | float | None
    kind: Kind
    unit: str | None = None
    qualifier: Qualifier = "exact"
    lower: int | float | None = None
    upper: int | float | None = None
    qualifier_span: tuple[int, int] | None = None

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


# Candidate(start, end, text, value, kind, unit, qualifier, lower, upper, qualifier_span),
# positionally: a frozen class's keyword __init__ is a tenth of reading a figure.
_candidate = positional_constructor(Candidate)
#: A candidate's fields as a tuple, in C (``attrs.astuple`` is a Python call per field).
_fields_of = operator.attrgetter(*(field.name for field in attrs.fields(Candidate)))


def rows_of(candidates: list[Candidate]) -> list[tuple[object, ...]]:
    """Candidates as plain tuples in field order: what crosses a process boundary cheaply."""
    return list(map(_fields_of, candidates))


def candidates_from_rows(rows: list[tuple[object, ...]]) -> list[Candidate]:
    """The candidates :func:`rows_of` gave (the same objects as ``Candidate(**fields)``)."""
    return [_candidate(*row) for row in rows]
