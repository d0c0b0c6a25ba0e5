"""The flat tables' columns, written once: names, types, descriptions and constraints.

The CSV and JSON Lines exports, the pandas frames, the SQLite tables, Datasette's
metadata and the Frictionless descriptor all take their columns' descriptions
and constraints from here, so a column is described (and constrained) in one
place.  The claim columns' names, order and types, and the closed vocabularies
(qualifier, stance, exclusion reason), come from :mod:`claimset.core.vocabulary`,
the same tuples the checker and the schema test use.

Pure data: no I/O, and no pandas (the frames module imports it when asked).
"""

from __future__ import annotations

import attrs

from claimset.core.vocabulary import EXCLUSION_REASONS, EXPORT_COLUMNS, QUALIFIERS, STANCES


@attrs.frozen(kw_only=True)
class Column:
    """One column of a flat table.

    ``type`` is the Table Schema type (``string``, ``integer``, ``number``);
    ``dtype`` the pandas dtype (``category`` for the few closed or repetitive
    vocabularies); ``enum`` the allowed values when the vocabulary is closed.
    """

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    category: bool = False

    @property
    def dtype(self) -> str:
        if self.category:
            return "category"
        return {"string": "string", "integer": "Int64", "number": "Float64"}[self.type]

    def table_schema_field(self) -> dict[str, object]:
        """This column as a Frictionless Table Schema field."""
        constraints: dict[str, object] = {}
        if self.required:
            constraints["required"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        field: dict[str, object] = {"name": self.name, "type": self.type,
                                    "description": self.description}
        if constraints:
            field["constraints"] = constraints
        return field


def _c(name: str, type: str, description: str, **options: object) -> Column:
    return Column(name=name, type=type, description=description, **options)  # type: ignore[arg-type]


_CLAIM_COLUMNS: tuple[Column, ...] = (
    _c("id", "string", "The claim's id, <source-id>/<slug>.", required=True),
    _c("source", "string", "The id of the source that states the claim.", required=True),
    _c("quote_start", "integer", "Where the quote starts in the source's text (code points, "
       "0-based).", required=True, minimum=0),
    _c("quote_end", "integer", "Where the quote ends (code points, exclusive).", required=True,
       minimum=1),
    _c("quote", "string", "The passage that states the claim, exactly as in the source.",
       required=True),
    _c("figure_start", "integer", "Where the figure starts in the source's text (code points).",
       required=True, minimum=0),
    _c("figure_end", "integer", "Where the figure ends (code points, exclusive).",
       required=True, minimum=1),
    _c("figure", "string", "The number's own words inside the quote, e.g. '$20 billion'.",
       required=True),
    _c("value", "number", "The number the figure says, in the claim's unit; empty for a "
       "range."),
    _c("unit", "string", "What is counted or the currency (troops, USD, percent); empty for a "
       "bare number.", category=True),
    _c("qualifier", "string", "How the source hedges the figure.", required=True,
       enum=QUALIFIERS, category=True),
    _c("lower", "number", "Lower bound, for ranges and 'at least' / 'more than'."),
    _c("upper", "number", "Upper bound, for ranges and 'at most' / 'up to' / 'less than' / "
       "'nearly'."),
    _c("measure", "string", "What the number measures, in plain English.", required=True),
    _c("period", "string", "When the figure applies (ISO 8601 date or interval)."),
    _c("place", "string", "Where the figure applies, when narrower than the source's subject."),
    _c("attribution", "string", "Who the source says produced the figure; empty when it is "
       "the author's own."),
    _c("stance", "string", "How the source presents the figure.", required=True,
       enum=STANCES, category=True),
    _c("tags", "string", "Topic tags, joined with ';'."),
    _c("note", "string", "Anything a reader should know that the other fields cannot say."),
    _c("retracted", "string", "Why the claim was retracted; empty while it stands."),
    _c("source_title", "string", "The source's title."),
    _c("source_authors", "string", "The source's authors, joined with ';'."),
    _c("source_published", "string", "When the source was published (ISO 8601 date)."),
    _c("source_url", "string", "Where the source was published."),
)

_DESCRIBED = {column.name: column for column in _CLAIM_COLUMNS}
#: One row per claim (retracted ones included): ``EXPORT_COLUMNS``, in its order and
#: types, each with its description and constraints.
CLAIM_COLUMNS: tuple[Column, ...] = tuple(
    attrs.evolve(_DESCRIBED[name], type=kind) for name, kind in EXPORT_COLUMNS)

#: One row per exclusion: a number in a source that is deliberately not a claim.
EXCLUSION_COLUMNS: tuple[Column, ...] = (
    _c("source", "string", "The id of the source the number is in.", required=True),
    _c("start", "integer", "Where the number starts in the source's text (code points).",
       required=True, minimum=0),
    _c("end", "integer", "Where the number ends (code points, exclusive).", required=True,
       minimum=1),
    _c("text", "string", "The number's words, exactly as in the source.", required=True),
    _c("reason", "string", "Why the number is not a claim.", required=True,
       enum=EXCLUSION_REASONS, category=True),
    _c("note", "string", "Anything a reader should know about the exclusion."),
)

#: One row per tag of a claim (``Dataset.tags_frame()`` and the SQLite ``tags`` table): the
#: long form of the export's ``tags`` column, for grouping and joining by tag.
TAG_COLUMNS: tuple[Column, ...] = (
    _c("claim_id", "string", "The claim's id.", required=True),
    _c("tag", "string", "One topic tag of the claim.", required=True),
)

#: One row per source (the SQLite ``sources`` table; the text is the pinned seed).
SOURCE_COLUMNS: tuple[Column, ...] = (
    _c("id", "string", "The source's id.", required=True),
    _c("title", "string", "The source's title."),
    _c("authors", "string", "The source's authors, joined with ';'."),
    _c("publisher", "string", "Who published the source."),
    _c("published", "string", "When the source was published (ISO 8601 date)."),
    _c("url", "string", "Where the source was published."),
    _c("path", "string", "The pinned text's path in the repository (seeds/...)."),
    _c("sha256", "string", "SHA-256 of the pinned text's UTF-8 bytes.", required=True),
    _c("length", "integer", "The pinned text's length in code points.", required=True,
       minimum=1),
    _c("notes", "string", "What a reader should know about the source."),
    _c("text", "string", "The pinned text; every offset counts code points into it.",
       required=True),
)


def names(columns: tuple[Column, ...]) -> tuple[str, ...]:
    return tuple(column.name for column in columns)


#: With ``dtype=claimset.store.frames.csv_dtypes()``, these options make
#: ``pandas.read_csv`` read the CSV export into the frame of ``Dataset.to_pandas()``:
#: only an empty cell is missing ("NA", "null" or "nan" in a quote stay text).
CSV_READ_OPTIONS: dict[str, object] = {"keep_default_na": False, "na_values": [""]}
