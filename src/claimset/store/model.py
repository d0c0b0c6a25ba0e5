"""claimset's value objects: frozen, with no I/O.

A :class:`Dataset` is built by :mod:`claimset.check.loader` from files or a bundle;
here it only answers questions.  Offsets are Unicode code points, 0-based and
end-exclusive, so ``source.text[span.start:span.end] == span.text``.

The module is longer than 500 lines because every field of the data contract has its
one definition here (a claim's, an exclusion's, a source's, with what each means) beside
the :class:`Dataset` that answers questions over them; the parts that stand alone live
apart (:mod:`claimset.store.sense`, :mod:`claimset.store.frames`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from claimset.core import arguments
from claimset.core.intervals import Evaluation, Interval, Operand
from claimset.core.vocabulary import (
    EXPORT_COLUMN_NAMES,
    QUALIFIERS,
    STANCES,
    Agreement,
    ClaimDraftField,
    ExclusionDraftField,
    ExclusionReason,
    Qualifier,
    RelationKind,
    Stance,
)
from claimset.store.sense import Addition, Reference

if TYPE_CHECKING:
    import pandas  # type: ignore[import-untyped, unused-ignore]

Number = int | float



@attrs.frozen(kw_only=True)
class Span:
    """An exact passage of a source text."""

    start: int
    end: int
    text: str

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@attrs.frozen(kw_only=True)
class Retraction:
    reason: str
    version: str | None = None


@attrs.frozen(kw_only=True)
class Relation:
    """What a claim's figure says about other figures: ``kind(of...)`` is ``qualifier value``.

    ``of`` names claims by id, in order (a ratio's numerator first); None stands for a
    figure the text does not give ("the previous year's toll"), whose implied value
    the ``note`` may record.  Evaluated by :meth:`Dataset.relation_outcome`.
    """

    kind: RelationKind
    of: tuple[str | None, ...]
    qualifier: Qualifier
    value: Number | None
    lower: Number | None = None
    upper: Number | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Quantity:
    """The claims that measure one quantity (one thing, place and period), from
    :meth:`Dataset.quantities`: whether they agree, and the interval they jointly
    support when they do."""

    key: str
    claims: tuple[Claim, ...]
    agreement: Agreement
    reason: str
    joint: Interval | None

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources citing the quantity, in dataset order, each once."""
        return tuple(dict.fromkeys(claim.source for claim in self.claims))

    def _repr_html_(self) -> str:
        """Its claims as a table in Jupyter, under whether they agree and why."""
        from html import escape  # only in a notebook

        head = "".join(f"<th style=\"text-align:left\">{name}</th>"
                       for name in ("claim", "source", "says", "unit", "period", "admits"))
        rows = "".join(
            "<tr>" + "".join(f"<td style=\"text-align:left\">{escape(str(cell))}</td>"
                             for cell in (claim.id, claim.source, claim.said, claim.unit or "",
                                          claim.period or "", claim.admits)) + "</tr>"
            for claim in self.claims)
        caption = escape(f"Quantity {self.key}: {self.agreement} ({self.reason})")
        return f"<table><caption>{caption}</caption><tr>{head}</tr>{rows}</table>"


@attrs.frozen(kw_only=True)
class Claim:
    """One figure stated in a source, with the passage that proves it."""

    id: str
    source: str
    quote: Span
    figure: Span
    value: Number | None
    unit: str | None
    qualifier: Qualifier
    measure: str
    attribution: str | None
    stance: Stance
    tags: tuple[str, ...] = ()
    lower: Number | None = None
    upper: Number | None = None
    period: str | None = None
    place: str | None = None
    note: str | None = None
    retracted: Retraction | None = None
    review: str | None = None
    quantity: str | None = None
    relations: tuple[Relation, ...] = ()
    #: Fields a machine drafted that no person has confirmed yet (``claimset suggest
    #: --triage --write``): their values are proposals; a release refuses them.
    drafted: tuple[ClaimDraftField, ...] = ()
    # The claim's sense (docs/dataset.md): what an excerpt leaves out (None: whole
    # sentences), what words pointing back mean, why a reported figure is the author's,
    # and words added on purpose to prose fields.
    excerpt: str | None = None
    refers: tuple[Reference, ...] = ()
    adopted: str | None = None
    added: tuple[Addition, ...] = ()

    @property
    def said(self) -> str:
        """The figure as hedged, in words: "more than 2", "2 to 3", "1,326"."""
        return _said(self.qualifier, self.value, self.lower, self.upper)

    @property
    def admits(self) -> Interval:
        """Every value the figure's hedge admits ("up to 623" is [0, 623]): the table in
        docs/dataset.md, :data:`claimset.core.vocabulary.QUALIFIER_INTERVALS`."""
        return _operand(self).support

    @property
    def slug(self) -> str:
        return self.id.partition("/")[2]

    @property
    def is_retracted(self) -> bool:
        return self.retracted is not None

    def _repr_html_(self) -> str:
        figure = (self.figure.start - self.quote.start, self.figure.end - self.quote.start)
        quote = (_highlighted(self.quote.text, *figure)
                 if 0 <= figure[0] <= figure[1] <= len(self.quote.text) else self.quote.text)
        value = (f"{self.lower} to {self.upper}" if self.value is None else self.value)
        return _html_table(f"Claim {self.id}", [
            ("quote", quote), ("figure", self.figure.text),
            ("value", f"{self.qualifier} {value} {self.unit or ''}".strip()),
            ("measure", self.measure), ("source", self.source), ("stance", self.stance),
            ("attribution", self.attribution), ("period", self.period),
            ("place", self.place), ("tags", ", ".join(self.tags)), ("note", self.note),
            *([("retracted", self.retracted.reason)] if self.retracted is not None else []),
        ])


@attrs.frozen(kw_only=True)
class Exclusion:
    """A number in a source that is deliberately not a claim."""

    source: str
    start: int
    end: int
    text: str
    reason: ExclusionReason
    note: str | None = None
    #: Fields a machine drafted that no person has confirmed yet (see ``Claim.drafted``).
    drafted: tuple[ExclusionDraftField, ...] = ()
    added: tuple[Addition, ...] = ()  # words the note adds on purpose, with why

    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@attrs.frozen(kw_only=True)
class Source:
    """A pinned source text and what is known of it."""

    id: str
    title: str | None
    authors: tuple[str, ...]
    publisher: str | None
    published: str | None
    url: str | None
    path: str
    sha256: str
    length: int
    notes: str | None
    text: str = attrs.field(repr=False)

    def excerpt(self, start: int, end: int) -> str:
        return self.text[start:end]

    @property
    def iri(self) -> str:
        """The source's URL when known (absolute http or https), else :func:`text_urn`."""
        url = self.url
        if url is not None and url.startswith(("http://", "https://")) and not any(
                char.isspace() or char in '<>"{}|\\^`' for char in url):
            return url
        return text_urn(self.sha256)

    def _repr_html_(self) -> str:
        return _html_table(f"Source {self.id}", [
            ("title", self.title), ("authors", "; ".join(self.authors)),
            ("publisher", self.publisher), ("published", self.published), ("url", self.url),
            ("text", f"{self.path}: {self.length:,} code points, sha256 {self.sha256}"),
            ("notes", self.notes),
        ])


def text_urn(sha256: str) -> str:
    """A stable name for a pinned text: ``urn:sha256:<hex>`` of its UTF-8 bytes."""
    return f"urn:sha256:{sha256}"


def _html_table(caption: str, rows: list[tuple[str, Any]]) -> str:
    """A two-column HTML table for Jupyter; every caption, label and value escaped."""
    from html import escape  # only in a notebook

    def cell(value: Any) -> str:
        if isinstance(value, _Markup):
            return value.html
        return escape("" if value is None else str(value))

    body = "".join(f"<tr><th style=\"text-align:left\">{escape(label)}</th>"
                   f"<td style=\"text-align:left\">{cell(value)}</td></tr>"
                   for label, value in rows)
    return f"<table><caption>{escape(caption)}</caption>{body}</table>"


@attrs.frozen
class _Markup:
    """HTML built here from escaped parts (never from data as is)."""

    html: str


def _highlighted(text: str, start: int, end: int, *, reach: int = 400) -> _Markup:
    """``text`` with ``text[start:end]`` in <mark>, escaped, at most ``reach`` either side."""
    from html import escape

    before = text[max(0, start - reach):start]
    after = text[end:end + reach]
    return _Markup(escape(before) + "<mark>" + escape(text[start:end]) + "</mark>"
                   + escape(after))


def _frozen_mapping(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


def _claim_tuple(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    return tuple(claims)


def _exclusion_tuple(exclusions: Iterable[Exclusion]) -> tuple[Exclusion, ...]:
    return tuple(exclusions)


@attrs.frozen(kw_only=True, repr=False)
class Dataset:
    """A version of the claimset dataset: sources, their claims and exclusions."""

    name: str
    version: str
    description: str
    license: str
    sources: Mapping[str, Source] = attrs.field(converter=_frozen_mapping)
    claims: tuple[Claim, ...] = attrs.field(converter=_claim_tuple)
    exclusions: tuple[Exclusion, ...] = attrs.field(converter=_exclusion_tuple, default=())
    _by_id: Mapping[str, Claim] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {claim.id: claim for claim in self.claims})

    def __len__(self) -> int:
        return len(self.claims)

    def __repr__(self) -> str:
        # One line: the default repr printed every claim (48,875 characters in a notebook).
        retracted = sum(claim.retracted is not None for claim in self.claims)
        return (f"<Dataset {self.name!r} {self.version!r}: {len(self.claims)} claims "
                f"({retracted} retracted), {len(self.exclusions)} exclusions, "
                f"{len(self.sources)} sources>")

    def _repr_html_(self) -> str:
        retracted = sum(claim.retracted is not None for claim in self.claims)
        return _html_table(f"Dataset {self.name} {self.version}", [
            ("description", self.description), ("license", self.license),
            ("claims", f"{len(self.claims)} ({retracted} retracted)"),
            ("exclusions", len(self.exclusions)),
            ("sources", ", ".join(list(self.sources)[:10]) + (
                f" and {len(self.sources) - 10:,} more" if len(self.sources) > 10 else "")),
        ])

    def to_pandas(self) -> pandas.DataFrame:
        """One row per claim, the columns of :meth:`to_records` in explicit dtypes.

        Nullable ``Int64``/``Float64`` numbers, ``string`` text, ``category`` for
        qualifier, unit and stance; missing values are ``<NA>`` (see
        :mod:`claimset.store.frames`).  Needs pandas (``pip install 'claimset[pandas]'``).
        """
        from claimset.store.frames import claims_frame  # pandas only when asked for

        return claims_frame(self)

    def exclusions_frame(self) -> pandas.DataFrame:
        """One row per exclusion: source, start, end, text, reason (category), note."""
        from claimset.store.frames import exclusions_frame

        return exclusions_frame(self)

    def tags_frame(self) -> pandas.DataFrame:
        """One row per claim and tag (``claim_id``, ``tag``): the long form of the ";"-joined
        ``tags`` column of :meth:`to_pandas`, for grouping and joining by tag."""
        from claimset.store.frames import tags_frame

        return tags_frame(self)

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims)

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self._by_id

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id; KeyError names close ids when there is none."""
        arguments.text("Dataset.claim", "claim_id", claim_id)
        try:
            return self._by_id[claim_id]
        except KeyError:
            import difflib  # only on the error path

            close = difflib.get_close_matches(claim_id, self._by_id, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise KeyError(f"no claim {claim_id!r} in {self.name} {self.version}{hint}") from None

    def find(
        self,
        *,
        source: str | None = None,
        unit: str | None = None,
        qualifier: str | None = None,
        attribution: str | None = None,
        stance: str | None = None,
        tag: str | None = None,
        period: str | None = None,
        text: str | None = None,
        include_retracted: bool = False,
    ) -> list[Claim]:
        """Claims matching every given filter, in dataset order.

        ``attribution`` and ``text`` match as case-insensitive substrings (``"iraq body"``
        finds the claims attributed to Iraq Body Count; ``text`` of the quote or the
        measure), ``period`` by prefix (``"2007"`` finds ``"2007-01"``).  Retracted
        claims are left out unless asked for.  A ``qualifier`` or ``stance`` outside its
        vocabulary is an :class:`~claimset.core.errors.ArgumentError` (CS121), not ``[]``.
        """
        for name, value in (("source", source), ("unit", unit), ("qualifier", qualifier),
                            ("attribution", attribution), ("stance", stance), ("tag", tag),
                            ("period", period), ("text", text)):
            arguments.text("Dataset.find", name, value, optional=True)
        arguments.flag("Dataset.find", "include_retracted", include_retracted)
        # The closed vocabularies are checked: a misspelt qualifier ("approx") would
        # otherwise match nothing and look like an answer.
        if qualifier is not None:
            arguments.choice("Dataset.find", "qualifier", qualifier, QUALIFIERS)
        if stance is not None:
            arguments.choice("Dataset.find", "stance", stance, STANCES)
        wanted_attribution = attribution.casefold() if attribution is not None else ""
        found = []
        for claim in self.claims:
            if claim.retracted is not None and not include_retracted:
                continue
            if source is not None and claim.source != source:
                continue
            if unit is not None and claim.unit != unit:
                continue
            if qualifier is not None and claim.qualifier != qualifier:
                continue
            if stance is not None and claim.stance != stance:
                continue
            if tag is not None and tag not in claim.tags:
                continue
            if attribution is not None and (
                claim.attribution is None or wanted_attribution not in claim.attribution.casefold()
            ):
                continue
            if period is not None and (claim.period is None or not claim.period.startswith(period)):
                continue
            if text is not None and text.casefold() not in (
                claim.quote.text.casefold() + "\n" + claim.measure.casefold()
            ):
                continue
            found.append(claim)
        return found

    def relation_outcome(self, claim: Claim, relation: Relation) -> Evaluation:
        """Whether ``relation`` (one of ``claim.relations``) holds, is undecided or fails,
        by interval arithmetic over the hedges of the figures it names (see
        :mod:`claimset.core.intervals`).  A name that is not a claim here, or a
        retracted claim, leaves it undecided."""
        from claimset.core.intervals import evaluate

        operands: list[Operand | None] = []
        for name in relation.of:
            other = self._by_id.get(name) if name is not None else None
            operands.append(None if other is None or other.is_retracted else _operand(other))
        return evaluate(relation.kind, operands, qualifier=relation.qualifier,
                        value=relation.value, lower=relation.lower, upper=relation.upper,
                        said=_said(relation.qualifier, relation.value, relation.lower,
                                   relation.upper))

    def quantities(self) -> dict[str, Quantity]:
        """Every quantity key with its (unretracted) claims, in key order."""
        from claimset.core.corroboration import Member, corroborate

        groups: dict[str, list[Claim]] = {}
        for claim in self.claims:
            if claim.quantity is not None and not claim.is_retracted:
                groups.setdefault(claim.quantity, []).append(claim)
        found = {}
        for key in sorted(groups):
            members = groups[key]
            verdict = corroborate([
                Member(c.id, c.source, c.unit, c.period, _operand(c).support,
                       _said(c.qualifier, c.value, c.lower, c.upper)) for c in members])
            found[key] = Quantity(key=key, claims=tuple(members), agreement=verdict.agreement,
                                  reason=verdict.reason, joint=verdict.joint)
        return found

    def quantity(self, key: str) -> Quantity:
        """The claims of one quantity key; KeyError names close keys when there is none."""
        arguments.text("Dataset.quantity", "key", key)
        found = self.quantities()
        if key in found:
            return found[key]
        import difflib  # only on the error path

        close = difflib.get_close_matches(key, found, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"no quantity {key!r} in {self.name} {self.version}{hint}")

    def claims_of(self, source_id: str) -> list[Claim]:
        arguments.text("Dataset.claims_of", "source_id", source_id)
        return [claim for claim in self.claims if claim.source == source_id]

    def exclusions_of(self, source_id: str) -> list[Exclusion]:
        arguments.text("Dataset.exclusions_of", "source_id", source_id)
        return [item for item in self.exclusions if item.source == source_id]

    def tags(self) -> dict[str, int]:
        """Every tag with the number of claims carrying it."""
        counts: dict[str, int] = {}
        for claim in self.claims:
            for tag in claim.tags:
                counts[tag] = counts.get(tag, 0) + 1
        return dict(sorted(counts.items()))

    def to_records(self) -> list[dict[str, Any]]:
        """One flat dict per claim (retracted ones included), ready for ``pandas.DataFrame``.

        Columns, in order: :data:`claimset.core.vocabulary.EXPORT_COLUMNS` (with
        their types).  ``tags`` and ``source_authors`` are joined with ";" (empty
        string when there are none); ``retracted`` is the retraction's reason or
        None; other absent values are None.
        """
        records = []
        for claim in self.claims:
            source = self.sources[claim.source]
            # In EXPORT_COLUMNS' order (tests/test_vocabulary.py compares each value).
            records.append(dict(zip(EXPORT_COLUMN_NAMES, (
                claim.id, claim.source, claim.quote.start, claim.quote.end, claim.quote.text,
                claim.figure.start, claim.figure.end, claim.figure.text, claim.value,
                claim.unit, claim.qualifier, claim.lower, claim.upper, claim.measure,
                claim.period, claim.place, claim.attribution, claim.stance,
                ";".join(claim.tags), claim.note,
                claim.retracted.reason if claim.retracted is not None else None,
                source.title, ";".join(source.authors), source.published, source.url,
            ), strict=True)))
        return records


def _said(qualifier: Qualifier, value: Number | None, lower: Number | None,
          upper: Number | None) -> str:
    from claimset.core.intervals import format_number

    if qualifier == "range":
        return f"{format_number(lower or 0)} to {format_number(upper or 0)}"
    number = format_number(value if value is not None else 0)
    return number if qualifier == "exact" else f"{qualifier} {number}"


def _operand(claim: Claim) -> Operand:
    from claimset.core.intervals import figure_interval, format_number, statement_interval

    label = (format_number(claim.value) if claim.value is not None
             else f"{format_number(claim.lower or 0)}–{format_number(claim.upper or 0)}")
    return Operand(figure_interval(claim.qualifier, claim.value, claim.lower, claim.upper),
                   statement_interval(claim.qualifier, claim.value, claim.lower, claim.upper),
                   label)
