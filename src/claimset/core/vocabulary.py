"""Every closed vocabulary of claimset, each written once.

The schema's enums (``schema/claimset.schema.json``), the value objects, the
checker, the extractor, the suggester and the exporters all take their words
from here; ``tests/test_vocabulary.py`` proves the schema's enums equal these
tuples, so a new word is added here and in the schema, and nowhere else.

Each vocabulary is a ``Literal`` type (for annotations, checked by mypy) and a
tuple of its words in the schema's order (for membership and iteration).  The
tuple is derived from the type, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, get_args

__all__ = [
    "BOUND_QUALIFIERS",
    "EXCLUSION_REASONS",
    "EXPORT_COLUMNS",
    "EXPORT_COLUMN_NAMES",
    "KINDS",
    "LOWER_BOUND_QUALIFIERS",
    "QUALIFIERS",
    "QUALIFIER_BOUNDS",
    "REASON_KINDS",
    "REPORT_FORMATS",
    "STANCES",
    "STATED_UNITS",
    "STATED_UNIT_KINDS",
    "UPPER_BOUND_QUALIFIERS",
    "Bound",
    "ColumnType",
    "ExclusionReason",
    "Kind",
    "Qualifier",
    "Stance",
]

#: How a claim's figure is hedged: the schema's ``claim.qualifier``.
Qualifier = Literal[
    "exact", "approximately", "nearly", "at least", "more than", "at most", "up to",
    "less than", "range",
]
QUALIFIERS: tuple[Qualifier, ...] = get_args(Qualifier)

#: A claim's two optional bounds.
Bound = Literal["lower", "upper"]

#: Which bounds each qualifier carries: "at least 266" has lower 266 and no upper;
#: "nearly 3,000" is at most 3,000.  A range's two bounds are required by the schema.
QUALIFIER_BOUNDS: Mapping[Qualifier, tuple[Bound, ...]] = MappingProxyType({
    "exact": (), "approximately": (),
    "nearly": ("upper",),
    "at least": ("lower",), "more than": ("lower",),
    "at most": ("upper",), "up to": ("upper",), "less than": ("upper",),
    "range": ("lower", "upper"),
})
#: Qualifiers whose figure is a lower bound (and only that).
LOWER_BOUND_QUALIFIERS: frozenset[Qualifier] = frozenset(
    q for q, bounds in QUALIFIER_BOUNDS.items() if bounds == ("lower",))
#: Qualifiers whose figure is an upper bound (and only that).
UPPER_BOUND_QUALIFIERS: frozenset[Qualifier] = frozenset(
    q for q, bounds in QUALIFIER_BOUNDS.items() if bounds == ("upper",))
#: Qualifiers whose figure is one bound: the figure's value is that bound.
BOUND_QUALIFIERS: frozenset[Qualifier] = LOWER_BOUND_QUALIFIERS | UPPER_BOUND_QUALIFIERS

#: Whose voice a claim's figure is in: the schema's ``claim.stance``.
Stance = Literal["asserted", "attributed", "hypothetical", "quoted"]
STANCES: tuple[Stance, ...] = get_args(Stance)

#: Why a number in a source is not a claim: the schema's ``exclusion.reason``.
ExclusionReason = Literal[
    "year", "date", "ordinal", "identifier", "name or title", "rhetorical", "quoted speech",
    "not a quantity",
]
EXCLUSION_REASONS: tuple[ExclusionReason, ...] = get_args(ExclusionReason)

#: What kind of number the extractor read a figure as.
Kind = Literal[
    "count", "money", "percent", "ratio", "duration", "rate", "year", "date", "ordinal",
    "identifier",
]
KINDS: tuple[Kind, ...] = get_args(Kind)

#: Exclusion reasons that assert what kind of number was excluded, with the kinds
#: each may be used for; the other reasons fit any kind.  A duration may be a date:
#: "in the three weeks of April" only says when another figure applies, and that
#: figure's period records it.
REASON_KINDS: Mapping[ExclusionReason, frozenset[Kind]] = MappingProxyType({
    "year": frozenset({"year"}),
    "date": frozenset({"date", "year", "duration"}),
    "ordinal": frozenset({"ordinal"}),
    "identifier": frozenset({"identifier", "ordinal", "date", "year"}),
})

#: Kinds whose unit the figure's own words state ("$20 billion" is USD, "61%"
#: percent, "six months" months): the claim's unit must be the figure's.  Not
#: "ratio": a share's unit is the counted noun ("two-thirds of voters"), the
#: curator's reading; a multiplier's "times" is a stated unit (below).
STATED_UNIT_KINDS: frozenset[Kind] = frozenset({"money", "percent", "duration"})
#: Units only a figure's own words can state, besides a three-letter currency code
#: (ISO 4217, e.g. "USD"): a claim with one of these needs a figure that says it.
STATED_UNITS: tuple[str, ...] = ("percent", "percentage points", "times")

#: A Table Schema field type of an export column.
ColumnType = Literal["string", "integer", "number"]
#: The flat columns of ``Dataset.to_records``, the CSV and JSONL exports and a
#: release's ``datapackage.json``, in order, with their Table Schema types.
EXPORT_COLUMNS: tuple[tuple[str, ColumnType], ...] = (
    ("id", "string"),
    ("source", "string"),
    ("quote_start", "integer"),
    ("quote_end", "integer"),
    ("quote", "string"),
    ("figure_start", "integer"),
    ("figure_end", "integer"),
    ("figure", "string"),
    ("value", "number"),
    ("unit", "string"),
    ("qualifier", "string"),
    ("lower", "number"),
    ("upper", "number"),
    ("measure", "string"),
    ("period", "string"),
    ("place", "string"),
    ("attribution", "string"),
    ("stance", "string"),
    ("tags", "string"),
    ("note", "string"),
    ("retracted", "string"),
    ("source_title", "string"),
    ("source_authors", "string"),
    ("source_published", "string"),
    ("source_url", "string"),
)
EXPORT_COLUMN_NAMES: tuple[str, ...] = tuple(name for name, _ in EXPORT_COLUMNS)

#: How ``claimset validate --format`` writes a report (``claimset.check.reporters``).
REPORT_FORMATS: tuple[str, ...] = ("github", "json", "text")
