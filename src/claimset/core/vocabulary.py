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

from claimset.core.formats import REPORT_FORMATS as _REPORT_FORMATS

__all__ = [
    "AGREEMENTS",
    "APPROXIMATE_TOLERANCE",
    "BOUND_QUALIFIERS",
    "CLAIM_DRAFT_FIELDS",
    "EXCLUSION_DRAFT_FIELDS",
    "EXCLUSION_REASONS",
    "EXPORT_COLUMNS",
    "EXPORT_COLUMN_NAMES",
    "KINDS",
    "LOWER_BOUND_QUALIFIERS",
    "NEARLY_TOLERANCE",
    "QUALIFIERS",
    "QUALIFIER_BOUNDS",
    "QUALIFIER_INTERVALS",
    "REASON_KINDS",
    "RELATION_ARITY",
    "RELATION_KINDS",
    "REPORT_FORMATS",
    "STANCES",
    "STATED_UNITS",
    "STATED_UNIT_KINDS",
    "UPPER_BOUND_QUALIFIERS",
    "Agreement",
    "Bound",
    "ClaimDraftField",
    "ColumnType",
    "ExclusionDraftField",
    "ExclusionReason",
    "IntervalEnd",
    "Kind",
    "Qualifier",
    "RelationKind",
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

#: The fields of a claim a machine may draft and a person then confirms: the schema's
#: ``claim.drafted`` items.  A field listed in a claim's ``drafted`` is a machine's
#: proposal (``claimset suggest --triage --write``); ``validate`` warns until a person
#: removes its name, and a release refuses it.  The figure is not here: it is the text's.
ClaimDraftField = Literal[
    "id", "quote", "value", "unit", "qualifier", "lower", "upper", "measure", "period",
    "place", "attribution", "stance", "tags", "quantity", "relations", "note", "excerpt",
    "refers", "adopted", "added",
]
CLAIM_DRAFT_FIELDS: tuple[ClaimDraftField, ...] = get_args(ClaimDraftField)
#: The fields of an exclusion a machine may draft: the schema's ``exclusion.drafted`` items.
ExclusionDraftField = Literal["reason", "note", "added"]
EXCLUSION_DRAFT_FIELDS: tuple[ExclusionDraftField, ...] = get_args(ExclusionDraftField)

#: What kind of number the extractor read a figure as.
Kind = Literal[
    "count", "money", "percent", "ratio", "duration", "rate", "year", "date", "ordinal",
    "identifier", "measurement",
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
STATED_UNIT_KINDS: frozenset[Kind] = frozenset({"money", "percent", "duration", "measurement"})
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

#: How ``claimset validate --format`` writes a report: kept in a module of its own that
#: imports nothing, for the command line's start-up (see there).
REPORT_FORMATS = _REPORT_FORMATS

#: How a relation combines the figures it names (``claim.relations[].kind``): ``ratio``
#: a / b, ``difference`` a − b, ``sum`` a + b + …, ``share`` 100 · a / b (percent).
RelationKind = Literal["ratio", "difference", "sum", "share"]
RELATION_KINDS: tuple[RelationKind, ...] = get_args(RelationKind)
#: How many figures each kind names (fewest, most).
RELATION_ARITY: Mapping[RelationKind, tuple[int, int]] = MappingProxyType({
    "ratio": (2, 2), "difference": (2, 2), "sum": (2, 16), "share": (2, 2),
})

#: How far "approximately" (some, about, roughly) may stray either way: 10% of the
#: figure, and never less than the rounding of its last digit.
APPROXIMATE_TOLERANCE = 0.10
#: How far below its figure "nearly" (almost, close to) may fall: 10%.
NEARLY_TOLERANCE = 0.10

#: One end of the interval a hedged figure admits.  "value ± rounding" is half the
#: unit of the figure's precision: its last digit (1,326 exact is [1,325.5, 1,326.5)),
#: or for a round figure its last non-zero digit (150,000 exact is [145,000, 155,000));
#: "zero or below" is 0 for a figure of 0 or more (counts are not negative), else -∞.
IntervalEnd = Literal[
    "value", "lower", "upper", "zero or below", "infinity", "value - rounding",
    "value + rounding", "value - approximate", "value + approximate", "value - nearly",
]
#: What each qualifier admits as an interval: (lower end, upper end, lower end open,
#: upper end open).  The table in docs/dataset.md is this one, in words.
QUALIFIER_INTERVALS: Mapping[Qualifier, tuple[IntervalEnd, IntervalEnd, bool, bool]] = (
    MappingProxyType({
        # Half-open, as rounding half up is: 1,500 is written "2,000", so "1,000" admits
        # [500, 1,500) and never meets "2,000"'s [1,500, 2,500).
        "exact": ("value - rounding", "value + rounding", False, True),
        "approximately": ("value - approximate", "value + approximate", False, False),
        "nearly": ("value - nearly", "value", False, False),
        "at least": ("value", "infinity", False, False),
        "more than": ("value", "infinity", True, False),
        "at most": ("zero or below", "value", False, False),
        "up to": ("zero or below", "value", False, False),
        "less than": ("zero or below", "value", False, True),
        "range": ("lower", "upper", False, False),
    }))

#: Whether the claims of one quantity key agree (``claimset corroborate``).
Agreement = Literal["agree", "disagree", "incomparable", "single"]
AGREEMENTS: tuple[Agreement, ...] = get_args(Agreement)
