"""Two curators compared: how far two curations of the same source agree, field by field.

The fields no check can prove (measure, period, attribution, stance, tags...) get a
second pair of eyes this way: two people curate one source independently, and
:func:`agreement` matches their records by the number's span in the text (a claim's
figure, an exclusion's span), then for each field counts how often they agree and
computes **Krippendorff's alpha** (nominal: two readings agree only when equal) with the
maintained `krippendorff <https://pypi.org/project/krippendorff/>`_ package, and lists
every disagreement with both readings.

What is compared, per number either curation covers:

* ``decision``: claim or exclusion (missing on a side that does not cover the number);
* ``reason`` (and the exclusion's ``note``) where both exclude it;
* every claim field where both make it a claim: ``quote`` (its span), ``value``,
  ``unit``, ``qualifier``, ``lower``, ``upper``, ``measure``, ``period``, ``place``,
  ``attribution``, ``stance``, ``tags`` (as a set), ``quantity``, ``note``.

Alpha is 1 for perfect agreement and 0 for agreement no better than chance; it is
undefined (None) when fewer than two readings can be paired or every reading is the same
value.  Everything here is pure except :func:`read_curation`, which reads a side.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from claimset.core.errors import InputError, UsageError
from claimset.core.escape import markdown_code, markdown_text, one_line

__all__ = ["AGREEMENT_RENDERERS", "CLAIM_FIELDS", "Agreement", "Disagreement",
           "FieldAgreement", "agreement", "krippendorff_alpha", "read_curation",
           "render_json", "render_markdown", "render_text"]

#: The claim fields compared where both curations make a number a claim.
CLAIM_FIELDS = ("quote", "value", "unit", "qualifier", "lower", "upper", "measure", "period",
                "place", "attribution", "stance", "tags", "quantity", "note")
#: Every field reported, in order.
FIELDS = ("decision", "reason", "exclusion note", *CLAIM_FIELDS)

#: A curation: source id -> that source's document (``{"source", "claims", "exclusions"}``).
Curation = Mapping[str, Mapping[str, Any]]


@attrs.frozen(kw_only=True)
class FieldAgreement:
    """How two curations agree on one field: ``agreed`` of ``compared`` pairs of readings,
    and Krippendorff's alpha (None when undefined, with ``why``)."""

    field: str
    compared: int
    agreed: int
    alpha: float | None
    why: str | None = None

    @property
    def share(self) -> float | None:
        return self.agreed / self.compared if self.compared else None


@attrs.frozen(kw_only=True)
class Disagreement:
    """One field on which the two readings of one number differ."""

    source: str
    start: int
    end: int
    text: str
    field: str
    a: Any = attrs.field(hash=False)
    b: Any = attrs.field(hash=False)


@attrs.frozen(kw_only=True)
class Agreement:
    """The comparison of curation ``a_label`` with ``b_label``."""

    a_label: str
    b_label: str
    sources: tuple[str, ...]
    numbers: int
    fields: tuple[FieldAgreement, ...]
    disagreements: tuple[Disagreement, ...]

    def field(self, name: str) -> FieldAgreement:
        return next(item for item in self.fields if item.field == name)


# -- reading ---------------------------------------------------------------------------


def read_curation(spec: str | os.PathLike[str], *,
                  repo: str | os.PathLike[str] | None = None) -> tuple[str, dict[str, Any]]:
    """``(label, curation)`` of one side: a source's dataset file (``dataset/x.json``),
    else a checkout, dataset directory, bundle or git revision of the repository at
    ``repo`` (read as ``claimset diff`` reads a side:
    :func:`claimset.contrib.revisions.side_snapshot`)."""
    from claimset.contrib.revisions import side_snapshot
    from claimset.store.jsonio import read_json

    label = os.fspath(spec)
    path = Path(spec)
    if path.is_file() and path.suffix == ".json":
        document = read_json(path, file=label).data
        if isinstance(document, dict) and {"source", "claims", "exclusions"} <= set(document):
            info = document.get("source")
            source_id = info.get("id") if isinstance(info, dict) else None
            if not isinstance(source_id, str):
                raise InputError(f"{label}: its source has no id", code="CS873")
            return label, {source_id: document}
    snapshot = side_snapshot(label, repo=repo)
    if not snapshot.sources and not path.exists():
        raise InputError(f"revision {label!r} has no dataset", code="CS873")
    return label, dict(snapshot.sources)


# -- comparing -------------------------------------------------------------------------


def _records(document: Mapping[str, Any]) -> dict[tuple[int, int], tuple[str, Mapping[str, Any]]]:
    """(start, end) -> ("claim" | "exclusion", record), the first record of each span."""
    found: dict[tuple[int, int], tuple[str, Mapping[str, Any]]] = {}
    for claim in document.get("claims") or ():
        figure = claim.get("figure") if isinstance(claim, Mapping) else None
        if isinstance(figure, Mapping) and _is_span(figure):
            found.setdefault((figure["start"], figure["end"]), ("claim", claim))
    for item in document.get("exclusions") or ():
        if isinstance(item, Mapping) and _is_span(item):
            found.setdefault((item["start"], item["end"]), ("exclusion", item))
    return found


def _is_span(item: Mapping[str, Any]) -> bool:
    return all(type(item.get(key)) is int for key in ("start", "end"))


def _reading(field: str, record: Mapping[str, Any]) -> Any:
    """A field's reading in a comparable, hashable form (None stays None)."""
    if field == "exclusion note":
        field = "note"
    value = record.get(field)
    if field == "quote" and isinstance(value, Mapping):
        return f"{value.get('start')}..{value.get('end')}"
    if field == "tags" and isinstance(value, list):
        return tuple(sorted(str(tag) for tag in value))
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, bool | int | float) or value is None:
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _same_text(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    sha_a, sha_b = (side.get("source", {}).get("sha256") if isinstance(side.get("source"),
                                                                        Mapping) else None
                    for side in (a, b))
    return sha_a is None or sha_b is None or sha_a == sha_b


def agreement(a: Curation, b: Curation, *, source: str | None = None, a_label: str = "A",
              b_label: str = "B") -> Agreement:
    """Compare two curations, of ``source`` or of every source both hold.

    UsageError (CS872) when they share no source (or lack ``source``); InputError (CS871)
    when a source pins different texts on the two sides (spans would not be comparable).
    """
    if source is not None:
        missing = [label for label, side in ((a_label, a), (b_label, b)) if source not in side]
        if missing:
            raise UsageError(f"no source {source!r} in {' and '.join(missing)}", code="CS872")
        sources = [source]
    else:
        sources = [source_id for source_id in a if source_id in b]
        if not sources:
            raise UsageError(f"{a_label} and {b_label} have no source in common: give two "
                             "curations of the same source", code="CS872")
    for source_id in sources:
        if not _same_text(a[source_id], b[source_id]):
            raise InputError(f"{source_id} pins different texts in {a_label} and {b_label} "
                             "(sha256 differs): re-anchor one curation onto the other's text "
                             "first", code="CS871")
    readings: dict[str, list[tuple[Any, Any]]] = {field: [] for field in FIELDS}
    disagreements: list[Disagreement] = []
    numbers = 0
    for source_id in sources:
        left, right = _records(a[source_id]), _records(b[source_id])
        for span in sorted(set(left) | set(right)):
            numbers += 1
            text = _span_text(left.get(span), right.get(span))
            for field, pair in _unit_readings(left.get(span), right.get(span)):
                readings[field].append(pair)
                if pair[0] is not _MISSING and pair[1] is not _MISSING and pair[0] != pair[1]:
                    disagreements.append(Disagreement(
                        source=source_id, start=span[0], end=span[1], text=text, field=field,
                        a=_shown(pair[0]), b=_shown(pair[1])))
    fields = tuple(_field_agreement(field, readings[field]) for field in FIELDS)
    return Agreement(a_label=a_label, b_label=b_label, sources=tuple(sources), numbers=numbers,
                     fields=fields, disagreements=tuple(disagreements))


class _Missing:
    def __repr__(self) -> str:
        return "(not covered)"


_MISSING: Any = _Missing()


def _shown(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _span_text(*records: tuple[str, Mapping[str, Any]] | None) -> str:
    for found in records:
        if found is not None:
            kind, record = found
            span = record.get("figure") if kind == "claim" else record
            if isinstance(span, Mapping) and isinstance(span.get("text"), str):
                return str(span["text"])
    return ""


def _unit_readings(left: tuple[str, Mapping[str, Any]] | None,
                   right: tuple[str, Mapping[str, Any]] | None,
                   ) -> Iterator[tuple[str, tuple[Any, Any]]]:
    yield "decision", (left[0] if left else _MISSING, right[0] if right else _MISSING)
    if left is None or right is None or left[0] != right[0]:
        return
    if left[0] == "exclusion":
        for field in ("reason", "exclusion note"):
            yield field, (_reading(field, left[1]), _reading(field, right[1]))
        return
    for field in CLAIM_FIELDS:
        yield field, (_reading(field, left[1]), _reading(field, right[1]))


def _field_agreement(field: str, pairs: Sequence[tuple[Any, Any]]) -> FieldAgreement:
    paired = [(x, y) for x, y in pairs if x is not _MISSING and y is not _MISSING]
    agreed = sum(1 for x, y in paired if x == y)
    alpha, why = krippendorff_alpha(pairs)
    return FieldAgreement(field=field, compared=len(paired), agreed=agreed, alpha=alpha, why=why)


def krippendorff_alpha(pairs: Sequence[tuple[Any, Any]]) -> tuple[float | None, str | None]:
    """Nominal Krippendorff's alpha of two coders' readings (``_MISSING`` where a coder gave
    none), with the ``krippendorff`` package; ``(None, why)`` when it is undefined."""
    try:
        import krippendorff
        import numpy
    except ImportError:
        raise UsageError("claimset agree computes Krippendorff's alpha with the krippendorff "
                         "package: pip install 'claimset[agree]'", code="CS870") from None
    paired = [(x, y) for x, y in pairs if x is not _MISSING and y is not _MISSING]
    if not paired:
        return None, "no number both curations read"
    if len({_key(value) for pair in paired for value in pair}) < 2:
        return None, "every reading is the same value"
    # Only numbers both read can be paired; a reading without its pair adds nothing.
    codes: dict[Any, int] = {}
    matrix = numpy.full((2, len(paired)), numpy.nan)
    for column, pair in enumerate(paired):
        for row, value in enumerate(pair):
            matrix[row, column] = codes.setdefault(_key(value), len(codes))
    with numpy.errstate(divide="ignore", invalid="ignore"):
        value = float(krippendorff.alpha(reliability_data=matrix,
                                         level_of_measurement="nominal"))
    return (None, "undefined for these readings") if math.isnan(value) else (value, None)


def _key(value: Any) -> Any:
    # 1 and 1.0 are one reading; True is not 1
    return ("bool", value) if isinstance(value, bool) else value


# -- rendering -------------------------------------------------------------------------


def _value(value: Any) -> str:
    if value is _MISSING:
        return "(not covered)"
    return json.dumps(value, ensure_ascii=False)


def _percent(item: FieldAgreement) -> str:
    return "-" if item.share is None else f"{100 * item.share:.1f}%"


def _alpha(item: FieldAgreement) -> str:
    return "-" if item.alpha is None else f"{item.alpha:.3f}"


def _title(result: Agreement) -> str:
    return (f"{result.a_label} vs {result.b_label}: {', '.join(result.sources)} "
            f"({result.numbers} numbers)")


def render_text(result: Agreement) -> str:
    lines = [f"claimset agree: {_title(result)}",
             f"{'field':<16} {'compared':>8} {'agreed':>7} {'share':>7} {'alpha':>7}"]
    for item in result.fields:
        lines.append(f"{item.field:<16} {item.compared:>8} {item.agreed:>7} "
                     f"{_percent(item):>7} {_alpha(item):>7}"
                     + (f"  ({item.why})" if item.why and item.compared else ""))
    if result.disagreements:
        lines.append(f"disagreements ({len(result.disagreements)}):")
        for differs in result.disagreements:
            lines.append(f"  {differs.source}@{differs.start}..{differs.end} {differs.text!r} "
                         f"{differs.field}:")
            lines.append(f"      {result.a_label}: {_value(differs.a)}")
            lines.append(f"      {result.b_label}: {_value(differs.b)}")
    else:
        lines.append("no disagreements")
    return "\n".join(one_line(line) for line in lines) + "\n"


def render_json(result: Agreement) -> str:
    document = {
        "a": result.a_label, "b": result.b_label, "sources": list(result.sources),
        "numbers": result.numbers,
        "fields": [{"field": item.field, "compared": item.compared, "agreed": item.agreed,
                    "share": item.share, "alpha": item.alpha, "why": item.why}
                   for item in result.fields],
        "disagreements": [{"source": item.source, "start": item.start, "end": item.end,
                           "text": item.text, "field": item.field, "a": item.a, "b": item.b}
                          for item in result.disagreements],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _cell(value: str) -> str:
    return markdown_text(" ".join(value.split()))


def render_markdown(result: Agreement) -> str:
    lines = [f"### claimset agree: {_cell(_title(result))}", "",
             "| field | compared | agreed | share | Krippendorff's alpha |",
             "|---|---:|---:|---:|---:|"]
    for item in result.fields:
        lines.append(f"| {_cell(item.field)} | {item.compared} | {item.agreed} | "
                     f"{_percent(item)} | {_alpha(item)} |")
    lines.append("")
    if result.disagreements:
        lines += [f"#### Disagreements ({len(result.disagreements)})", "",
                  f"| number | field | {_cell(result.a_label)} | {_cell(result.b_label)} |",
                  "|---|---|---|---|"]
        for differs in result.disagreements:
            where = markdown_code(f"{differs.source}@{differs.start}..{differs.end} "
                                  f"{differs.text}")
            lines.append(f"| {where} | {_cell(differs.field)} | "
                         f"{markdown_code(_value(differs.a))} | "
                         f"{markdown_code(_value(differs.b))} |")
    else:
        lines.append("No disagreements.")
    return "\n".join(one_line(line) for line in lines) + "\n"


#: How ``claimset agree --format`` writes a comparison: name -> renderer.
AGREEMENT_RENDERERS: Mapping[str, Callable[[Agreement], str]] = {
    "text": render_text, "json": render_json, "markdown": render_markdown,
}
