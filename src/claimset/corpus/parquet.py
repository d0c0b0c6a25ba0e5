"""Parquet output (pyarrow, the optional ``claimset[parquet]`` extra).

The run writes corpus JSONL rows to its part file as usual (so a Parquet run resumes
like any other); at the end they are converted in batches of :data:`BATCH_ROWS`
(memory bounded by the batch, not the corpus) into one Parquet file of
:data:`SCHEMA`, written beside the output and moved into place.

Values are float64: exact for integers up to 2**53; a value too large for a float64
is null (the JSONL output keeps every value exact).  ``qualifier_span`` is two
columns, ``qualifier_start`` and ``qualifier_end`` (null without a qualifier).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from claimset.core.errors import UsageError
from claimset.store.writer import NOTHING, Reads, streamed

__all__ = ["BATCH_ROWS", "COLUMNS", "convert", "require_pyarrow"]

BATCH_ROWS = 65_536
#: Column name -> Arrow type name, in order (the documented schema, docs/extractor.md).
COLUMNS = {
    "document": "string", "sha256": "string", "start": "int64", "end": "int64",
    "text": "string", "value": "float64", "kind": "string", "unit": "string",
    "qualifier": "string", "lower": "float64", "upper": "float64",
    "qualifier_start": "int64", "qualifier_end": "int64",
}


def require_pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise UsageError("Parquet output needs pyarrow: pip install 'claimset[parquet]'",
                         code="CS903") from None
    return pyarrow


def schema() -> Any:
    pa = require_pyarrow()
    return pa.schema([(name, getattr(pa, kind)()) for name, kind in COLUMNS.items()])


def _float(value: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except OverflowError:
        return None


def _columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    spans = [row["qualifier_span"] or (None, None) for row in rows]
    columns: dict[str, list[Any]] = {name: [row[name] for row in rows] for name in (
        "document", "sha256", "start", "end", "text", "kind", "unit", "qualifier")}
    for name in ("value", "lower", "upper"):
        columns[name] = [_float(row[name]) for row in rows]
    columns["qualifier_start"] = [span[0] for span in spans]
    columns["qualifier_end"] = [span[1] for span in spans]
    return {name: columns[name] for name in COLUMNS}


def convert(part: Path, out: Path, *, reads: Reads = NOTHING) -> None:
    """Corpus JSONL rows in ``part`` -> a Parquet file at ``out``, atomically replaced
    through the writer (``reads``: what the run read, never replaced)."""
    pa = require_pyarrow()
    import pyarrow.parquet as pq

    table_schema = schema()
    with streamed(out, reads=reads) as stream, \
            pq.ParquetWriter(stream, table_schema) as writer, part.open("rb") as rows:
        batch: list[dict[str, Any]] = []
        groups = 0
        for line in rows:
            batch.append(orjson.loads(line))
            if len(batch) >= BATCH_ROWS:
                writer.write_table(pa.Table.from_pydict(_columns(batch), schema=table_schema))
                batch, groups = [], groups + 1
        if batch or not groups:  # an empty corpus still gets a file with the schema
            writer.write_table(pa.Table.from_pydict(_columns(batch), schema=table_schema))
