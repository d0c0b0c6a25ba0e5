"""The dataset as a SQLite database, ready for Datasette (``pip install claimset[sqlite]``).

Tables (built with ``sqlite-utils``; columns and their descriptions from
:mod:`claimset.store.columns`):

* ``sources``: one row per source, its metadata (primary key ``id``);
* ``texts``: each source's pinned text (primary key ``source``, a foreign key to
  ``sources``), apart so that the sources table stays a page of metadata;
* ``claims``: one row per claim, retracted ones included (primary key ``id``,
  ``source`` a foreign key to ``sources``); the source's title and authors are
  in ``sources``, not repeated here;
* ``exclusions``: one row per exclusion (primary key ``source, position``, its
  place in the source's list: two exclusions may name one span), ``source`` a
  foreign key;
* ``tags``: ``(claim_id, tag)``, one row per tag of a claim, primary key both,
  ``claim_id`` a foreign key to ``claims``; ``claims.tags`` holds the same tags as a
  JSON array (Datasette facets it as one, SQLite reads it with ``json_each``);
* ``quantities``: one row per quantity key, whether its claims agree and why
  (:meth:`claimset.Dataset.quantities`), primary key ``key``.

Numbers (``value``, ``lower``, ``upper``) have numeric affinity: a whole number is
stored as an integer (``150000``, not ``150000.0``), any other as a real.  Two canned
queries come with the metadata: claims by attribution, and quantities whose sources
disagree.

Indexes cover the columns people filter and facet by (source, unit, qualifier,
stance, attribution, period; tag; reason), and ``claims_fts`` (FTS5) searches
quote and measure.  :func:`datasette_metadata` is the ``metadata.json`` for
``datasette claimset.db -m metadata.json``: titles, licence, source and a
description of every column.

The database is built in a private temporary directory and returned as bytes,
so a caller writes it atomically like any other export.  Its size is that of
the dataset (texts once, plus the search index): bounded by the loader's limits.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from claimset.core.errors import UsageError
from claimset.store.columns import (
    CLAIM_COLUMNS,
    EXCLUSION_COLUMNS,
    SOURCE_COLUMNS,
    TAG_COLUMNS,
    Column,
)
from claimset.store.frames import tag_records
from claimset.store.model import Dataset
from claimset.store.writer import scratch_directory

HOMEPAGE = "https://github.com/claimset/claimset"

#: Claim columns kept in the ``claims`` table (the source's own are in ``sources``).
CLAIMS_TABLE_COLUMNS: tuple[Column, ...] = tuple(
    column for column in CLAIM_COLUMNS if not column.name.startswith("source_"))
EXCLUSIONS_TABLE_COLUMNS: tuple[Column, ...] = (
    EXCLUSION_COLUMNS[0],
    Column(name="position", type="integer", required=True, minimum=0,
           description="The exclusion's place in its source's list (0-based)."),
    *EXCLUSION_COLUMNS[1:],
)
TEXT_COLUMNS: tuple[Column, ...] = (
    Column(name="source", type="string", required=True, description="The source's id."),
    Column(name="text", type="string", required=True,
           description="The pinned text; every offset counts code points into it."),
)
QUANTITY_COLUMNS: tuple[Column, ...] = (
    Column(name="key", type="string", required=True,
           description="The quantity key its claims share (one thing, place and period)."),
    Column(name="agreement", type="string", required=True,
           description="agree, disagree, incomparable, or single (one claim)."),
    Column(name="reason", type="string", required=True,
           description="Why: the interval the claims jointly support, or where they part."),
    Column(name="claims", type="integer", required=True, minimum=1,
           description="How many current claims measure it."),
    Column(name="sources", type="string", required=True,
           description="The sources citing it, as a JSON array."),
    Column(name="claim_ids", type="string", required=True,
           description="Its claims' ids, as a JSON array."),
)
#: Table -> (columns, primary key, indexed columns).
TABLES: dict[str, tuple[tuple[Column, ...], tuple[str, ...], tuple[str, ...]]] = {
    "sources": (tuple(column for column in SOURCE_COLUMNS if column.name != "text"), ("id",),
                ()),
    "texts": (TEXT_COLUMNS, ("source",), ()),
    "claims": (CLAIMS_TABLE_COLUMNS, ("id",),
               ("source", "unit", "qualifier", "stance", "attribution", "period")),
    "exclusions": (EXCLUSIONS_TABLE_COLUMNS, ("source", "position"), ("reason",)),
    "tags": (TAG_COLUMNS, ("claim_id", "tag"), ("tag",)),
    "quantities": (QUANTITY_COLUMNS, ("key",), ("agreement",)),
}
FOREIGN_KEYS = {"claims": [("source", "sources", "id")],
                "texts": [("source", "sources", "id")],
                "exclusions": [("source", "sources", "id")],
                "tags": [("claim_id", "claims", "id")]}
DESCRIPTIONS = {
    "sources": "The pinned source texts; every offset counts code points into `text`.",
    "claims": "One row per figure stated in a source, with the passage that proves it "
              "(retracted claims included: see `retracted`).",
    "exclusions": "Numbers in a source that are deliberately not claims (years, dates, "
                  "ordinals, names...), with the reason.",
    "tags": "The claims' topic tags, one row per claim and tag.",
    "texts": "Each source's pinned text: claims' and exclusions' offsets count code points "
             "into it (substr() counts the same way).",
    "quantities": "Quantities several claims measure, and whether their sources agree.",
}
#: Numbers with numeric affinity (a declared type SQLite gives it to): a whole value is
#: an INTEGER, so Datasette shows 150000 rather than 150000.0; others stay REAL.
NUMERIC = "ANY"
#: Datasette's canned queries: name -> title, SQL.
QUERIES = {
    "claims_by_attribution": (
        "Claims by attribution: who produced the figures the sources cite",
        "select attribution, count(*) as claims, count(distinct source) as sources, "
        "group_concat(distinct unit) as units from claims "
        "where attribution is not null and retracted is null "
        "group by attribution order by claims desc, attribution"),
    "quantities_that_disagree": (
        "Quantities whose sources disagree: claims whose intervals do not overlap",
        "select q.key, q.reason, c.id, c.source, c.figure, c.value, c.lower, c.upper, "
        "c.unit, c.qualifier, c.period from quantities q join claims c "
        "on c.id in (select value from json_each(q.claim_ids)) "
        "where q.agreement = 'disagree' order by q.key, c.source, c.id"),
}
FTS_COLUMNS = ("quote", "measure")
_TYPES: dict[str, Any] = {"string": str, "integer": int, "number": NUMERIC}


def _sqlite_utils() -> Any:
    try:
        import sqlite_utils
    except ImportError:
        raise UsageError("the SQLite export needs sqlite-utils: pip install 'claimset[sqlite]'",
                         code="CS803") from None
    return sqlite_utils


def table_rows(dataset: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Each table's rows, as plain dicts in the tables' column order."""
    claim_names = [column.name for column in CLAIMS_TABLE_COLUMNS]
    return {
        "sources": [{"id": source.id, "title": source.title,
                     "authors": ";".join(source.authors) or None,
                     "publisher": source.publisher, "published": source.published,
                     "url": source.url, "path": source.path, "sha256": source.sha256,
                     "length": source.length, "notes": source.notes}
                    for source in dataset.sources.values()],
        "texts": [{"source": source.id, "text": source.text}
                  for source in dataset.sources.values()],
        "claims": [{name: json.dumps(list(claim.tags), ensure_ascii=False) if name == "tags"
                    else _storable(record[name]) for name in claim_names}
                   for claim, record in zip(dataset.claims, dataset.to_records(), strict=True)],
        "quantities": [{"key": quantity.key, "agreement": quantity.agreement,
                        "reason": quantity.reason, "claims": len(quantity.claims),
                        "sources": json.dumps(list(quantity.sources), ensure_ascii=False),
                        "claim_ids": json.dumps([claim.id for claim in quantity.claims],
                                                ensure_ascii=False)}
                       for quantity in dataset.quantities().values()],
        "exclusions": _exclusion_rows(dataset),
        "tags": tag_records(dataset),
    }


#: SQLite's INTEGER is 64 bits; the schema admits any whole value a float can hold.
_INTEGER_RANGE = range(-2 ** 63, 2 ** 63)


def _storable(value: Any) -> Any:
    """``value`` as SQLite can store it: a whole number beyond 64 bits ("12 quintillion
    stars" is 1.2e19) becomes a REAL, as a float holds it, instead of an OverflowError."""
    if isinstance(value, int) and not isinstance(value, bool) and value not in _INTEGER_RANGE:
        return float(value)
    return value


def _exclusion_rows(dataset: Dataset) -> list[dict[str, Any]]:
    rows, positions = [], dict.fromkeys(dataset.sources, 0)
    for item in dataset.exclusions:
        position = positions.get(item.source, 0)
        positions[item.source] = position + 1
        rows.append({"source": item.source, "position": position, "start": item.start,
                     "end": item.end, "text": item.text, "reason": item.reason,
                     "note": item.note})
    return rows


def build_database(dataset: Dataset, path: Path) -> None:
    """Create the database at ``path`` (a new file: UsageError CS112 if anything is
    there) with every table, index and FTS.  For a database to keep, use
    :func:`database_bytes` and the writer (``claimset export --format sqlite``)."""
    sqlite_utils = _sqlite_utils()
    if os.path.lexists(path):
        raise UsageError(f"{path} exists: the database is built in a new file (nothing was "
                         "written)", code="CS112")
    database = sqlite_utils.Database(path)
    # A private file, read back whole and then written atomically: durability while
    # building is worthless, and an fsync per inserted chunk made it 5x slower.
    database.execute("PRAGMA synchronous = OFF")
    database.execute("PRAGMA journal_mode = MEMORY")
    try:
        rows = table_rows(dataset)
        for name, (columns, primary_key, indexed) in TABLES.items():
            table = database.table(name)
            table.create({column.name: _TYPES[column.type] for column in columns},
                         pk=primary_key[0] if len(primary_key) == 1 else primary_key,
                         foreign_keys=FOREIGN_KEYS.get(name, []),
                         not_null={column.name for column in columns if column.required})
            table.insert_all(rows[name])
            for column in indexed:
                table.create_index([column])
        database.table("claims").enable_fts(list(FTS_COLUMNS), fts_version="FTS5")
        database.execute("PRAGMA user_version = 1")
        database.conn.commit()
        database.vacuum()
    finally:
        database.close()


def database_bytes(dataset: Dataset) -> bytes:
    """The whole database file, built in a private temporary directory."""
    with scratch_directory(prefix="claimset-sqlite-") as directory:
        path = directory / "claimset.db"
        build_database(dataset, path)
        return path.read_bytes()


def datasette_metadata(dataset: Dataset, *, database: str) -> dict[str, Any]:
    """Datasette's ``metadata.json`` for the database file named ``<database>.db``."""
    license_id = dataset.license
    tables: dict[str, Any] = {}
    for name, (columns, _, _) in TABLES.items():
        tables[name] = {"description": DESCRIPTIONS[name],
                        "columns": {column.name: column.description for column in columns}}
    tables["claims"].update(facets=["source", "qualifier", "stance", "unit",
                                    {"array": "tags"}], label_column="id")
    tables["quantities"].update(facets=["agreement"], label_column="key")
    tables["sources"]["label_column"] = "title"
    tables["exclusions"]["facets"] = ["source", "reason"]
    tables["tags"]["facets"] = ["tag"]
    return {
        "title": f"claimset {dataset.version}: citation-checked figures",
        "description": dataset.description,
        "license": license_id,
        "license_url": f"https://spdx.org/licenses/{license_id}.html",
        "source": "claimset",
        "source_url": HOMEPAGE,
        "databases": {database: {
            "title": f"claimset {dataset.version}",
            "description": "Every figure quoted from a pinned source text, with the "
                           "passage that proves it. Search claims by quote and measure.",
            "tables": tables,
            "queries": {name: {"title": title, "sql": sql}
                        for name, (title, sql) in QUERIES.items()},
        }},
    }
