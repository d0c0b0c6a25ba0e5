"""pandas frames of a dataset, with explicit dtypes (``pip install claimset[pandas]``).

Every column has the dtype of :mod:`claimset.store.columns`: nullable ``Int64`` and
``Float64`` for numbers (a missing bound is ``<NA>``, never NaN in a float
column, and an empty column is not float64), ``string`` for text, and
``category`` for qualifier, stance and unit (qualifier and stance with their
whole closed vocabulary as categories, in the vocabulary's order, so a count
shows the values no claim uses too).  Missing values are ``<NA>``: ``tags``
and ``source_authors`` are ``<NA>`` when there are none, as in the CSV export.

``tags`` stays a string joined with ";" in the claims frame, because that frame *is*
the export's flat table: the same columns and cells as the CSV and JSON Lines exports
and the release's Table Schema, and :func:`read_claims_csv` reads the CSV back to an
equal frame; a list cell would be a second contract that no CSV can carry.  The join
loses nothing (a tag is lower-case words and hyphens: the schema admits no ";"), so
``frame.tags.str.split(";")`` gives the lists, and :func:`tags_frame` is the long form
(one row per claim and tag, as the SQLite ``tags`` table), for grouping and joining.

pandas is imported here, never by :mod:`claimset.store.model`, so the core
stays light.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from claimset.core.errors import UsageError
from claimset.core.escape import GUARDED_CELL, unguarded_cell
from claimset.store.columns import (
    CLAIM_COLUMNS,
    CSV_READ_OPTIONS,
    EXCLUSION_COLUMNS,
    TAG_COLUMNS,
    Column,
)

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped, unused-ignore]

    from claimset.store.model import Dataset


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise UsageError("pandas is not installed: pip install 'claimset[pandas]'",
                         code="CS801") from None
    return pandas


def dtype_of(column: Column) -> Any:
    """The pandas dtype of ``column`` (a CategoricalDtype for a closed vocabulary)."""
    pandas = _pandas()
    if column.category and column.enum is not None:
        return pandas.CategoricalDtype(list(column.enum))
    return column.dtype


def csv_dtypes(columns: Iterable[Column] = CLAIM_COLUMNS) -> dict[str, Any]:
    """The ``dtype`` map that reads the CSV export back into :func:`claims_frame`'s dtypes::

        pandas.read_csv(path, dtype=csv_dtypes(), keep_default_na=False, na_values=[""])
    """
    return {column.name: dtype_of(column) for column in columns}


def _number(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except OverflowError:
        raise UsageError(f"the number {str(value)[:40]}... is too large for a float column",
                         code="CS802") from None


def frame(rows: Sequence[Mapping[str, Any]], columns: tuple[Column, ...]) -> pandas.DataFrame:
    """A DataFrame of ``rows`` with exactly ``columns``, in order, each in its dtype."""
    pandas = _pandas()
    data: dict[str, Any] = {}
    for column in columns:
        values = [row[column.name] for row in rows]
        if column.type == "number":
            values = [_number(value) for value in values]
        elif column.type == "string":
            values = [None if value == "" else value for value in values]
        if column.category:  # categories of plain str, as read_csv makes them
            data[column.name] = pandas.Series(values, dtype=object).astype(dtype_of(column))
        else:
            data[column.name] = pandas.array(values, dtype=dtype_of(column))
    return pandas.DataFrame(data, columns=[column.name for column in columns])


def claims_frame(dataset: Dataset) -> pandas.DataFrame:
    """One row per claim (retracted included), the columns of ``Dataset.to_records()``."""
    return frame(dataset.to_records(), CLAIM_COLUMNS)


def exclusion_records(dataset: Dataset) -> list[dict[str, Any]]:
    """One flat dict per exclusion, in the columns of ``EXCLUSION_COLUMNS``."""
    return [{"source": item.source, "start": item.start, "end": item.end, "text": item.text,
             "reason": item.reason, "note": item.note} for item in dataset.exclusions]


def exclusions_frame(dataset: Dataset) -> pandas.DataFrame:
    """One row per exclusion: source, start, end, text, reason (category), note."""
    return frame(exclusion_records(dataset), EXCLUSION_COLUMNS)


def tag_records(dataset: Dataset) -> list[dict[str, Any]]:
    """One dict per tag of a claim (retracted claims included), in the claims' order."""
    return [{"claim_id": claim.id, "tag": tag} for claim in dataset.claims
            for tag in claim.tags]


def tags_frame(dataset: Dataset) -> pandas.DataFrame:
    """One row per claim and tag: claim_id, tag (``string``)."""
    return frame(tag_records(dataset), TAG_COLUMNS)


_GUARDED = re.compile(GUARDED_CELL)


def read_claims_csv(path: str | os.PathLike[str] | Any, *, guarded: bool = True,
                    ) -> pandas.DataFrame:
    """The CSV export read back with the documented dtypes (same frame as ``to_pandas()``).

    ``path`` is a file name or a binary file object.  Text cells that the export
    guarded against spreadsheet formulas (an apostrophe before ``=HYPERLINK(...)``) are
    read back to their values; ``guarded=False`` reads a ``--raw-csv`` export.
    """
    frame = _pandas().read_csv(path, dtype=csv_dtypes(), **CSV_READ_OPTIONS)
    if not guarded:
        return frame
    for column in CLAIM_COLUMNS:
        if column.type != "string":
            continue
        values = frame[column.name]
        if column.category:  # the categories are the cells: renamed in place, dtype kept
            categories = list(values.cat.categories)
            if any(_GUARDED.match(str(category)) for category in categories):
                frame[column.name] = values.cat.rename_categories(
                    [unguarded_cell(str(category)) for category in categories])
            continue
        guarded_rows = values.str.match(GUARDED_CELL, na=False)
        if guarded_rows.any():
            frame[column.name] = values.mask(guarded_rows, values.str.slice(1))
    return frame
