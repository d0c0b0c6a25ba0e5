"""The checks of one claim: its citation (quote and figure at their offsets), its
value, unit, bounds and qualifier, each declared in :mod:`claimset.check.registry`.

Each check takes a :class:`~claimset.check.context.ClaimUnderCheck` and returns its
problems; a check's *proof* (``no_review``, ``citation_holds``, ``no_bounds``) is a
cheap test that the check would find nothing, which is how clean claims are
checked fast without any check being skipped for them unproven.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import itertools
import math
import re
from collections.abc import Callable, Iterator
from typing import Any

from claimset.check.context import CheckedSource, ClaimUnderCheck
from claimset.core.problems import Problem
from claimset.core.vocabulary import QUALIFIER_BOUNDS, STATED_UNIT_KINDS, STATED_UNITS

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from claimset.store.cache import GrammarCache

__all__ = [
    "Fault", "bounds_faults", "bounds_problems", "citation_holds", "citation_problems",
    "no_bounds", "no_review", "qualifier_holds", "qualifier_problems", "review_problems",
    "span_problems", "value_faults", "value_holds", "value_problems",
]


# -- the registered checks, with their proofs ------------------------------------------


def no_review(claim: dict[str, Any], text: str | None) -> bool:
    return not claim.get("review")


def review_problems(under: ClaimUnderCheck) -> list[Problem]:
    """A claim marked for review is reported until the note is deleted."""
    review = under.claim.get("review")
    return [under.problem("CS212", f"claim needs review: {review}", "/review")] if review else []


def citation_holds(claim: dict[str, Any], text: str | None) -> bool:
    """The common case, decided cheaply: quote and figure at their offsets, the figure
    inside the quote.  False means "look closer", not "wrong"."""
    if text is None:
        return False
    quote, figure = claim["quote"], claim["figure"]
    start, end = figure["start"], figure["end"]
    holds: bool = (quote["start"] <= start < end <= quote["end"] <= len(text)
                   and text[start:end] == figure["text"]
                   and text[quote["start"]:quote["end"]] == quote["text"])
    return holds


def citation_problems(under: ClaimUnderCheck) -> list[Problem]:
    """Quote and figure at their offsets in the source text, the figure inside the quote."""
    checked, claim, here = under.source, under.claim, under.here
    if checked.text is None:
        return []  # the seed's own problem is reported; there is nothing to compare
    problems = (
        span_problems(checked, claim["quote"], here + "/quote", code="CS201", label="quote")
        + span_problems(checked, claim["figure"], here + "/figure", code="CS202",
                        label="figure"))
    quote, figure = claim["quote"], claim["figure"]
    if not problems and not (quote["start"] <= figure["start"]
                             and figure["end"] <= quote["end"]):
        problems.append(checked.entry.problem(
            "CS205", f"figure {figure['start']}..{figure['end']} is outside its quote "
                     f"{quote['start']}..{quote['end']}: the quote must contain the figure",
            here + "/figure/start"))
    return problems


def value_problems(under: ClaimUnderCheck) -> list[Problem]:
    """The value (or a range's bounds) and a stated unit are what the figure's words say,
    read in context (``under.reading``) or else from the figure's text alone."""
    figure = under.claim["figure"]["text"]
    reading = under.reading if under.reading is not None else _FIGURE_READER.get()(figure)
    return [under.problem(code, message, where)
            for code, message, where in value_faults(under.claim, reading)]


def value_holds(claim: dict[str, Any], reading: Any) -> bool:
    """The value check's proof: given the figure read in context, it finds nothing."""
    return reading is not None and not value_faults(claim, reading)


#: What a check finds wrong, before it is a problem: (code, message, where in the claim).
Fault = tuple[str, str, str]


def value_faults(claim: dict[str, Any], reading: Any) -> list[Fault]:
    """What is wrong with the claim's value, bounds of a range or stated unit, against
    ``reading`` (the figure's words, read; None when they read as no number)."""
    figure = claim["figure"]["text"]
    if reading is None:
        return [("CS207", f"figure {figure!r} is not a number claimset can read: the figure "
                          "must be the number's own words, e.g. '150,000', '$20 billion', "
                          "'a dozen'", "/figure/text")]
    if claim["qualifier"] == "range":
        if reading.lower is None or reading.upper is None:
            return [("CS211", f"qualifier is 'range' but figure {figure!r} reads as one number: "
                              "use a single value, or quote both bounds", "/qualifier")]
        wrong = [name for name in ("lower", "upper")
                 if not _same(claim[name], getattr(reading, name))]
        return [("CS211", f"{name} is {claim[name]!r} but figure {figure!r} says "
                          f"{getattr(reading, name)!r}", "/" + name)
                for name in wrong] or _unit_faults(claim, reading)
    if reading.value is None:
        return [("CS206", f"figure {figure!r} reads as the range {reading.lower!r} to "
                          f"{reading.upper!r}: set qualifier 'range' with lower and upper, and "
                          "value null", "/value")]
    if not _same(claim["value"], reading.value):
        return [("CS206", f"value is {claim['value']!r} but figure {figure!r} says "
                          f"{_number(reading.value)}: set value to {_number(reading.value)}",
                 "/value")]
    return _unit_faults(claim, reading)


def no_bounds(claim: dict[str, Any], text: str | None) -> bool:
    """The bounds check's proof: no bound, or bounds that fit (compared with the value,
    which is stricter than the check is after a wrong value, so the proof holds then too)."""
    return (claim.get("lower") is None and claim.get("upper") is None) or not bounds_faults(
        claim, match_value=True)


def bounds_problems(under: ClaimUnderCheck) -> list[Problem]:
    """Bounds fit the qualifier and are in order.  After a wrong value, a (right)
    one-sided bound would look wrong too: it is not compared with the value then."""
    return [under.problem(code, message, where) for code, message, where in bounds_faults(
        under.claim, match_value="value" not in under.failed)]


def bounds_faults(claim: dict[str, Any], *, match_value: bool) -> list[Fault]:
    """What is wrong with the claim's bounds: one its qualifier does not have, a one-sided
    bound that is not the value (``match_value``), or bounds out of order."""
    lower, upper, value = claim.get("lower"), claim.get("upper"), claim["value"]
    qualifier = claim["qualifier"]
    allowed = QUALIFIER_BOUNDS[qualifier]
    for name, bound in (("lower", lower), ("upper", upper)):
        if bound is None:
            continue
        if name not in allowed:
            fix = (f"set {allowed[0]} instead" if allowed and allowed != ("lower", "upper")
                   else "set it to null")
            return [("CS213", f"qualifier {qualifier!r} has no {name} bound but {name} is "
                              f"{bound!r}: {fix}", f"/{name}")]
        if match_value and qualifier != "range" and value is not None and not _same(bound, value):
            return [("CS213", f"{name} is {bound!r} but the claim says {qualifier} {value!r}: a "
                              "one-sided bound equals the value", f"/{name}")]
    order = [(name, bound) for name, bound in (("lower", lower), ("value", value),
                                                ("upper", upper)) if bound is not None]
    for (first_name, first), (second_name, second) in itertools.pairwise(order):
        if first > second:
            return [("CS208", f"{first_name} {first!r} is greater than {second_name} "
                              f"{second!r}: need lower <= value <= upper", f"/{second_name}")]
    return []


def qualifier_holds(claim: dict[str, Any], reading: Any) -> bool:
    """The qualifier check's proof: given the figure read in context, it finds nothing."""
    return reading is None or reading.qualifier == claim["qualifier"]


def qualifier_problems(under: ClaimUnderCheck) -> list[Problem]:
    """The qualifier is what the words before the figure say ("some" -> approximately),
    read in context by the same grammar that reads the figure (the registry runs this
    only for a claim whose citation holds)."""
    reading, claim = under.reading, under.claim
    if qualifier_holds(claim, reading):
        return []  # (no figure at the span: the coverage check's CS403 says so)
    text = under.source.text or ""
    if reading.qualifier_span is not None:
        words = text[reading.qualifier_span[0]:reading.qualifier_span[1]]
        said = f"the words {words!r} before the figure say {reading.qualifier!r}"
    else:
        said = f"the text around the figure reads as {reading.qualifier!r}"
    return [under.problem(
        "CS214", f"qualifier is {claim['qualifier']!r} but {said}: set qualifier to "
                 f"{reading.qualifier!r}", "/qualifier")]


# -- how they judge ----------------------------------------------------------------------


def span_problems(checked: CheckedSource, span: Any, here: str, *, code: str,
                   label: str) -> list[Problem]:
    text = checked.text or ""
    start, end, quoted = span["start"], span["end"], span["text"]
    entry = checked.entry
    if start >= end:
        return [entry.problem("CS204", f"{label} span {start}..{end} is empty or inverted: start "
                                       "must be smaller than end", here + "/start")]
    if end > len(text):
        return [entry.problem("CS203", f"{label} end {end} is past the end of the source "
                                       f"({len(text)} code points)", here + "/end")]
    actual = text[start:end]
    if actual == quoted:
        return []
    return [entry.problem(code, f"{label} text is not at {start}..{end}: the source has "
                                f"{_clip(actual)!r} there; {_where(text, quoted)}", here + "/text")]


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _where(text: str, quoted: str) -> str:
    hits: list[str] = []
    position = text.find(quoted)
    while position >= 0 and len(hits) < 3:
        hits.append(f"{position}..{position + len(quoted)}")
        position = text.find(quoted, position + 1)
    if not hits:
        return "the text does not occur anywhere in the source"
    return "it occurs at " + ", ".join(hits)


@functools.lru_cache(maxsize=65536)
def _read_figure(figure: str) -> Any:
    # Figure texts repeat ("150,000", "a dozen"); readings are frozen, so caching is safe.
    from claimset.grammar.extract import (
        read_figure,  # the one number grammar, shared with extract()
    )

    return read_figure(figure)


#: How the value check reads a figure's text alone when the extractor did not find it in
#: context: the grammar, remembered per process, or the grammar cache's readings (kept by
#: figure text between runs) while a run that has a cache is checking.
_FIGURE_READER: contextvars.ContextVar[Callable[[str], Any]] = contextvars.ContextVar(
    "figure_reader", default=_read_figure)


@contextlib.contextmanager
def figures_read_by(cache: GrammarCache | None) -> Iterator[None]:
    """Within the block, figures read alone go through ``cache`` (when there is one)."""
    if cache is None:
        yield
        return
    token = _FIGURE_READER.set(cache.reading)
    try:
        yield
    finally:
        _FIGURE_READER.reset(token)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


#: Units that only a figure's own words can state: a currency code, percent, a multiplier.
_STATED_UNIT = re.compile("|".join(["[A-Z]{3}", *map(re.escape, STATED_UNITS)]))


@functools.lru_cache(maxsize=4096)
def _names_a_stated_unit(unit: str) -> bool:
    return _STATED_UNIT.fullmatch(unit) is not None


def _unit_faults(claim: dict[str, Any], reading: Any) -> list[Fault]:
    """A unit the figure states itself ("$20 billion" is USD, "61%" percent, "six months"
    months) must be the claim's; a counted noun ("troops") is the curator's reading."""
    unit, figure = claim["unit"], claim["figure"]["text"]
    stated = reading.unit is not None and (
        reading.kind in STATED_UNIT_KINDS or _names_a_stated_unit(reading.unit))
    if stated:
        if unit != reading.unit:
            return [("CS215", f"unit is {unit!r} but figure {figure!r} states {reading.unit!r}: "
                              f"set unit to {reading.unit!r}", "/unit")]
    elif isinstance(unit, str) and _names_a_stated_unit(unit):
        return [("CS215", f"unit is {unit!r} but figure {figure!r} does not state it: quote "
                          "the currency or percent sign inside the figure, or give the counted "
                          "noun", "/unit")]
    return []


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)
