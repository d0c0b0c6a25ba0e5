"""Flat exports of the claims: CSV for spreadsheets, JSON Lines for programs.

(The SQLite database for Datasette is :mod:`claimset.release.sqlite`, the W3C Web
Annotations :mod:`claimset.release.w3c`.)  :func:`export` chooses the converter by name
from :data:`EXPORTERS`, as reporters are chosen in :mod:`claimset.check.reporters`: a new
format is a converter and one :class:`Exporter` entry there.

Both are pure functions from a :class:`~claimset.store.model.Dataset` to bytes, one
row per claim, in the columns of :meth:`Dataset.to_records` (:data:`COLUMNS`).

CSV follows RFC 4180: UTF-8, CRLF line ends, fields quoted when they hold a
comma, a quote or a line break (quotes span several lines, and survive a round
trip through :func:`csv.reader` opened with ``newline=""``).  There is no byte
order mark by default, because Python, pandas, R and most tools read plain
UTF-8 and some show a BOM as a stray character in the first column name.
``excel=True`` writes the BOM that Excel needs to detect UTF-8.

A CSV is made for people, who open it in a spreadsheet, so text cells that a
spreadsheet would run as a formula (CSV injection: ``=HYPERLINK(...)`` in a
measure) are guarded by default, as OWASP advises: a cell starting with ``= + - @``,
a tab or a carriage return (after any apostrophes) gets a leading apostrophe
(:func:`claimset.core.escape.spreadsheet_cell`).  Numbers are never guarded, and
:func:`claimset.store.frames.read_claims_csv` reads guarded cells back to the same
values.  ``raw=True`` (``claimset export --raw-csv``) writes every cell as it is.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from claimset.core import arguments
from claimset.core.errors import ArgumentError, UsageError
from claimset.core.escape import spreadsheet_cell
from claimset.core.vocabulary import EXPORT_COLUMN_NAMES, EXPORT_COLUMNS
from claimset.store.model import Dataset
from claimset.store.writer import checked_output, dataset_reads, output_lock, write_files

#: Every column, in order, with its Table Schema type (used in datapackage.json); the
#: columns with their descriptions and constraints are ``claimset.store.columns.CLAIM_COLUMNS``.
COLUMNS = EXPORT_COLUMNS
COLUMN_NAMES = EXPORT_COLUMN_NAMES
_BOM = "\ufeff"


def _cell(value: Any, *, raw: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # never in the data, but bool is an int subclass
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Integral floats as integers, so a spreadsheet and a diff see 20000000000, not 2e10.
        if math.isfinite(value) and value.is_integer() and abs(value) < 2 ** 53:
            return str(int(value))
        return repr(value)
    text = str(value)
    return text if raw else spreadsheet_cell(text)


def to_csv(dataset: Dataset, *, excel: bool = False, raw: bool = False) -> bytes:
    """The claims as CSV bytes, formula-like cells guarded unless ``raw`` (see the
    module's notes on the BOM that ``excel`` adds and on the guard)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMN_NAMES)
    for record in dataset.to_records():
        writer.writerow([_cell(record[name], raw=raw) for name in COLUMN_NAMES])
    return ((_BOM if excel else "") + buffer.getvalue()).encode("utf-8")


#: Line breaks that json.dumps leaves raw with ensure_ascii=False but that
#: str.splitlines() and some JavaScript readers split on: escaping them keeps
#: one record per line for every reader.
_UNICODE_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028",
                                      "\u2029": "\\u2029"})


def to_jsonl(dataset: Dataset) -> bytes:
    """The claims as JSON Lines: one object per line, keys in column order, UTF-8."""
    lines = [json.dumps({name: record[name] for name in COLUMN_NAMES}, ensure_ascii=False,
                        allow_nan=False).translate(_UNICODE_LINE_BREAKS) + "\n"
             for record in dataset.to_records()]
    return "".join(lines).encode("utf-8")


@attrs.frozen(kw_only=True)
class ExportOptions:
    """The options of :func:`export`; each format takes only those its :class:`Exporter`
    names."""

    excel: bool = False
    base_uri: str | None = None
    raw: bool = False

    def given(self) -> frozenset[str]:
        return frozenset(name for name, value in (("excel", self.excel),
                                                  ("base_uri", self.base_uri),
                                                  ("raw", self.raw))
                         if value not in (False, None))


@attrs.frozen(kw_only=True)
class Exporter:
    """One export format: its converter and the options it takes."""

    name: str
    convert: Callable[[Dataset, ExportOptions], bytes]
    #: The options of :class:`ExportOptions` it takes (any other given is refused).
    options: frozenset[str] = frozenset()


def _csv(dataset: Dataset, options: ExportOptions) -> bytes:
    return to_csv(dataset, excel=options.excel, raw=options.raw)


def _jsonl(dataset: Dataset, options: ExportOptions) -> bytes:
    return to_jsonl(dataset)


def _sqlite(dataset: Dataset, options: ExportOptions) -> bytes:
    from claimset.release.sqlite import database_bytes  # sqlite-utils only when asked

    return database_bytes(dataset)


def _w3c(dataset: Dataset, options: ExportOptions) -> bytes:
    from claimset.release.w3c import DEFAULT_BASE_URI, to_w3c

    return to_w3c(dataset, base_uri=options.base_uri or DEFAULT_BASE_URI)


#: Format name -> its exporter, in the order ``claimset export --format`` lists them.
EXPORTERS: Mapping[str, Exporter] = MappingProxyType({exporter.name: exporter for exporter in (
    Exporter(name="csv", convert=_csv, options=frozenset({"excel", "raw"})),
    Exporter(name="jsonl", convert=_jsonl),
    Exporter(name="sqlite", convert=_sqlite),
    Exporter(name="w3c", convert=_w3c, options=frozenset({"base_uri"})),
)})
#: Formats of :func:`export`; "sqlite" needs sqlite-utils (``claimset[sqlite]``); "w3c"
#: is W3C Web Annotation JSON-LD (:mod:`claimset.release.w3c`).
FORMATS = tuple(EXPORTERS)
#: Where each option of :func:`export` applies, for its error message.
_OPTION_WORDING = {"excel": "excel=True applies to CSV only",
                   "raw": "raw=True applies to CSV only",
                   "base_uri": "base_uri applies to the w3c format only"}


def export(dataset: Dataset, *, format: str, excel: bool = False,
           base_uri: str | None = None, raw: bool = False) -> bytes:
    """The claims in ``format``: "csv" (formula-like cells guarded unless ``raw``),
    "jsonl", "sqlite" (the database file's bytes) or "w3c" (an AnnotationCollection;
    ``base_uri`` builds the annotations' ids).

    An :class:`~claimset.core.errors.ArgumentError` (CS121: a ``ValueError`` and a
    ``TypeError`` too) for an unknown format, or an option the format does not take
    (``excel`` and ``raw`` are for CSV, ``base_uri`` for w3c).
    """
    arguments.instance("export", "dataset", dataset, Dataset, takes="a claimset.Dataset")
    arguments.choice("export", "format", format, FORMATS)
    arguments.flag("export", "excel", excel)
    arguments.flag("export", "raw", raw)
    arguments.text("export", "base_uri", base_uri, optional=True)
    exporter = EXPORTERS[format]
    options = ExportOptions(excel=excel, base_uri=base_uri, raw=raw)
    refused = sorted(options.given() - exporter.options)
    if refused:
        raise ArgumentError(f"export(): {_OPTION_WORDING[refused[0]]}")
    return exporter.convert(dataset, options)


def write_export(path: str | os.PathLike[str], out: str | os.PathLike[str], *,
                 format: str = "csv", excel: bool = False, base_uri: str | None = None,
                 metadata: str | os.PathLike[str] | None = None,
                 raw: bool = False) -> tuple[Path, ...]:
    """Load the dataset at ``path`` and write its export in ``format`` to ``out``; for
    "sqlite" also Datasette's ``metadata.json`` (``metadata``, default beside ``out``).
    The files written.

    Every target is checked before the dataset is read and before anything is written
    (:mod:`claimset.store.writer`): a regular file or a new one (CS112), no symlink on the
    way inside the current directory (CS142), never a file of the dataset being exported
    (CS141).  The database and its metadata are written as one change, under the output's
    lock (CS143 while another run writes them).  The paths come back as named.
    """
    from claimset.check.loader import load

    reads = dataset_reads(path)
    target = Path(out)
    checked_output(target, reads=reads)
    files: list[Path] = [target]
    if format == "sqlite":
        side = Path(metadata) if metadata is not None else target.parent / "metadata.json"
        checked_output(side, reads=reads)
        if side.resolve() == target.resolve():
            raise UsageError("--metadata and --out name the same file")
        files.append(side)
    elif metadata is not None:
        raise UsageError("metadata (--metadata) applies to the sqlite format only")
    dataset = load(path)
    data = export(dataset, format=format, excel=excel, base_uri=base_uri, raw=raw)
    contents = [data]
    if format == "sqlite":
        from claimset.release.sqlite import datasette_metadata  # sqlite-utils only when asked

        contents.append((json.dumps(datasette_metadata(dataset, database=target.stem),
                                    indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        with output_lock(target):  # two runs must not pair one's database with the other's
            write_files(list(zip(files, contents, strict=True)), reads=reads)
    else:
        write_files([(target, data)], reads=reads)
    return tuple(files)
