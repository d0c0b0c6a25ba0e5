"""Relations and quantities: figures that check each other (CS701–CS706, CS710–CS713).

A claim's ``relations`` say how its figure relates others' ("more than double"
is ``ratio(2007 count, 2006 count)`` more than 2); each is evaluated by interval
arithmetic (:mod:`claimset.core.intervals`) with the hedges of every figure it
names.  Claims that share a ``quantity`` key are compared across sources
(:mod:`claimset.core.corroboration`): disagreeing sources are a warning, since
sources disagree in real life.  Both run in the ``values`` layer, over the
dataset as a whole (a relation may name a claim of another source).  Physical
quantities of one dimension are compared across units, converted into the first
figure's unit (:mod:`claimset.core.units`); of two dimensions they are refused
(CS712 for a quantity key, CS713 for a relation).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from claimset.check.context import CheckedSource, CheckOptions, SourceSummary, claims_of
from claimset.core.corroboration import Member, corroborate
from claimset.core.intervals import (
    Operand,
    evaluate,
    figure_interval,
    format_number,
    statement_interval,
)
from claimset.core.problems import Problem
from claimset.core.units import DimensionMismatch, convert, is_physical
from claimset.core.vocabulary import (
    BOUND_QUALIFIERS,
    LOWER_BOUND_QUALIFIERS,
    QUALIFIERS,
    RELATION_ARITY,
    Qualifier,
)
from claimset.store.layout import RawDataset

__all__ = ["describe", "quantity_problems", "relation_problems"]


@attrs.frozen
class _Located:
    source: CheckedSource
    position: int
    claim: dict[str, Any]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def describe(qualifier: str, value: Any, lower: Any = None, upper: Any = None) -> str:
    """A hedged figure in words: "more than 2", "2 to 3", "4"."""
    if qualifier == "range":
        return f"{format_number(lower)} to {format_number(upper)}"
    number = format_number(value)
    return number if qualifier == "exact" else f"{qualifier} {number}"


def _claims_by_id(sources: list[CheckedSource]) -> dict[str, _Located]:
    found: dict[str, _Located] = {}
    for checked in sources:
        for position, claim in _valid_claims(checked):
            if isinstance(claim.get("id"), str):
                found.setdefault(claim["id"], _Located(checked, position, claim))
    return found


def _valid_claims(checked: CheckedSource) -> Iterator[tuple[int, dict[str, Any]]]:
    """The claims whose schema holds (a clean source's pointers are never spelled)."""
    for position, claim in claims_of(checked):
        if not checked.failed or checked.valid_at(f"/claims/{position}"):
            yield position, claim


def _any_claim_has(sources: list[CheckedSource], key: str) -> bool:
    """Whether any claim holds ``key``: most datasets have few relations and quantities,
    and indexing every claim by id costs more than looking."""
    return any(key in claim for checked in sources for _, claim in claims_of(checked))


def relations_quiet(raw: RawDataset, summaries: Sequence[SourceSummary]) -> bool:
    """The relation check's proof from the sources' summaries: no claim has relations."""
    return not any("relations" in summary.claim_keys for summary in summaries)


def quantities_quiet(raw: RawDataset, summaries: Sequence[SourceSummary]) -> bool:
    """The quantity check's proof from the sources' summaries: no claim has a quantity."""
    return not any("quantity" in summary.claim_keys for summary in summaries)


def _sound_figure(claim: Mapping[str, Any]) -> bool:
    qualifier = claim.get("qualifier")
    if qualifier == "range":
        return (_is_number(claim.get("lower")) and _is_number(claim.get("upper"))
                and claim["lower"] <= claim["upper"])
    return qualifier in QUALIFIERS and _is_number(claim.get("value"))


def _operand(claim: Mapping[str, Any]) -> Operand:
    """A claim whose figure is sound (:func:`_sound_figure`) as one side of a relation."""
    qualifier: Qualifier = claim["qualifier"]
    value: Any = claim.get("value")
    lower: Any = claim.get("lower")
    upper: Any = claim.get("upper")
    return Operand(figure_interval(qualifier, value, lower, upper),
                   statement_interval(qualifier, value, lower, upper),
                   format_number(value) if value is not None
                   else f"{format_number(lower)}–{format_number(upper)}")


def _bounds_problem(relation: Mapping[str, Any]) -> str | None:
    """Why the relation's own figure does not fit its qualifier, or None."""
    qualifier = relation.get("qualifier")
    value: Any = relation.get("value")
    lower: Any = relation.get("lower")
    upper: Any = relation.get("upper")
    if qualifier == "range":
        if not (_is_number(lower) and _is_number(upper)):
            return "a range needs numbers in lower and upper"
        if lower > upper:
            return f"lower {lower!r} is greater than upper {upper!r}"
        return None if value is None else "a range has no value: set value to null"
    if not _is_number(value):
        return f"qualifier {qualifier!r} needs a number in value"
    if qualifier in BOUND_QUALIFIERS:
        side, other = (("lower", "upper") if qualifier in LOWER_BOUND_QUALIFIERS
                       else ("upper", "lower"))
        bound = relation.get(side)
        if bound is not None and bound != value:
            return f"{side} is {bound!r} but the relation says {qualifier} {value!r}"
        if relation.get(other) is not None:
            return f"qualifier {qualifier!r} has no {other} bound: set {other} to null"
        return None
    if lower is not None or upper is not None:
        return f"qualifier {qualifier!r} has no bounds: set lower and upper to null"
    return None


def relation_problems(raw: RawDataset, sources: list[CheckedSource],
                      options: CheckOptions) -> Iterator[Problem]:
    """Every relation of every claim: unknown, retracted or mismatched figures, a bound
    that does not fit, and whether the relation holds."""
    del raw, options  # the registry's signature; relations need only the claims
    if not _any_claim_has(sources, "relations"):
        return
    by_id = _claims_by_id(sources)
    for checked in sources:
        for position, claim in _valid_claims(checked):
            relations = claim.get("relations")
            if not isinstance(relations, list):
                continue
            for number, relation in enumerate(relations):
                here = f"/claims/{position}/relations/{number}"
                if isinstance(relation, dict):
                    yield from _one_relation(checked, claim, relation, here, by_id)


def _one_relation(checked: CheckedSource, claim: Mapping[str, Any],
                  relation: Mapping[str, Any], here: str,
                  by_id: Mapping[str, _Located]) -> Iterator[Problem]:
    kind, names = relation["kind"], relation["of"]
    fewest, most = RELATION_ARITY[kind]
    if not fewest <= len(names) <= most:
        yield checked.problem("CS705", f"a {kind} relates {fewest}"
                                       f"{'' if fewest == most else f' to {most}'} figures, "
                                       f"not {len(names)}: fix 'of'", here + "/of")
        return
    bad = _bounds_problem(relation)
    if bad is not None:
        yield checked.problem("CS705", f"relation's figure: {bad}", here)
        return
    operands: list[Operand | None] = []
    units: dict[str, str | None] = {}
    for place, name in enumerate(names):
        if name is None:
            operands.append(None)
            continue
        found = by_id.get(name)
        if found is None:
            yield checked.problem("CS702", f"relation names claim {name!r}, which is not in "
                                           "the dataset: fix the id, or use null for a figure "
                                           "the text does not give", f"{here}/of/{place}")
            return
        if found.claim.get("retracted"):
            yield checked.problem("CS703", f"relation names {name}, which is retracted: relate "
                                           "the claim that replaced it", f"{here}/of/{place}")
            return
        if not _sound_figure(found.claim):
            return  # the other claim's own problem is reported where it is
        units[name] = found.claim.get("unit")
        operands.append(_operand(found.claim))
    converted = _in_one_unit(checked, kind, names, units, operands, here)
    if isinstance(converted, Problem):
        yield converted
        return
    if converted is not None:
        operands, units = converted
    if kind in ("sum", "difference") and len({str(unit) for unit in units.values()}) > 1:
        listed = ", ".join(f"{name} ({unit})" for name, unit in units.items())
        yield checked.problem("CS704", f"a {kind} of figures in different units: {listed}; "
                                       "relate figures of one unit", here + "/of")
        return
    said = describe(relation["qualifier"], relation.get("value"), relation.get("lower"),
                    relation.get("upper"))
    result = evaluate(kind, operands, qualifier=relation["qualifier"],
                      value=relation.get("value"), lower=relation.get("lower"),
                      upper=relation.get("upper"), said=said)
    if result.outcome == "fails":
        yield checked.problem("CS701", f"{claim['id']}: {result.reason}: fix the relation or "
                                       "the figures it names", here)
    elif result.outcome == "undecided" and None not in operands:
        yield checked.problem("CS706", f"{claim['id']}: {result.reason}", here)


def quantity_problems(raw: RawDataset, sources: list[CheckedSource],
                      options: CheckOptions) -> Iterator[Problem]:
    """Claims sharing a quantity key that disagree (CS710) or cannot be compared (CS711),
    reported once per quantity, at its first claim."""
    del raw, options
    if not _any_claim_has(sources, "quantity"):
        return
    groups: dict[str, list[_Located]] = {}
    for located in _claims_by_id(sources).values():
        key = located.claim.get("quantity")
        if (isinstance(key, str) and not located.claim.get("retracted")
                and _sound_figure(located.claim)):
            groups.setdefault(key, []).append(located)
    for key, members in groups.items():
        verdict = corroborate([_member(located) for located in members])
        first = members[0]
        here = f"/claims/{first.position}/quantity"
        if verdict.agreement == "disagree":
            yield first.source.problem("CS710", f"quantity {key!r}: sources disagree: "
                                                f"{verdict.reason}", here)
        elif verdict.mismatch == "dimension":
            yield first.source.problem("CS712", f"quantity {key!r} mixes dimensions: "
                                                f"{verdict.reason}: fix the key or the units",
                                       here)
        elif verdict.agreement == "incomparable":
            yield first.source.problem("CS711", f"quantity {key!r} cannot be compared: "
                                                f"{verdict.reason}", here)


def _in_one_unit(checked: CheckedSource, kind: str, names: list[Any],
                 units: dict[str, str | None], operands: list[Operand | None], here: str,
                 ) -> Problem | tuple[list[Operand | None], dict[str, str | None]] | None:
    """The operands of physical units of one dimension, converted into the first one's unit
    (with the units that says); a CS713 problem for two dimensions; None to leave them."""
    if len(set(units.values())) < 2 or not all(is_physical(unit) for unit in units.values()):
        return None
    target = next(iter(units.values()))
    assert target is not None
    converted: list[Operand | None] = []
    named = iter(units.values())
    try:
        for name, operand in zip(names, operands, strict=True):
            if name is None or operand is None:
                converted.append(operand)
                continue
            unit = str(next(named))
            converted.append(Operand(convert(operand.figure, unit, target),
                                     convert(operand.support, unit, target),
                                     f"{operand.label} {unit}"))
    except DimensionMismatch as mismatch:
        return checked.problem("CS713", f"a {kind} of figures of different dimensions: "
                                        f"{mismatch}; relate figures of one dimension",
                               here + "/of")
    return converted, dict.fromkeys(units, target)


def _member(located: _Located) -> Member:
    claim = located.claim
    return Member(claim["id"], located.source.source_id, claim.get("unit"), claim.get("period"),
                  _operand(claim).support,
                  describe(claim["qualifier"], claim.get("value"), claim.get("lower"),
                           claim.get("upper")))
