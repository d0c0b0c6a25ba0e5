"""The checks of drafted fields: a machine's proposal is never taken for a person's reading.

``claimset suggest --triage --write`` drafts a record's judgement fields and lists
their names in the record's ``drafted``; a person confirms a field by removing its
name (by hand, or ``claimset confirm``).  Until then:

* in a checkout, each record with drafts is a warning that names its fields (CS216 a
  claim, CS217 an exclusion), so the file stays valid while the review goes on;
* in a bundle, which only a release makes, a draft is an error (CS614): a release
  holds only what people confirmed (``claimset build`` refuses them too, CS613);
* a name of a field the record does not hold, or an empty list, is a warning (CS218).

Both checks are declared in :mod:`claimset.check.registry`; ``no_drafts`` is the
claim check's proof (a claim without the key is clean).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from claimset.check.context import CheckedSource, ClaimUnderCheck
from claimset.core.problems import Problem

__all__ = ["claim_draft_problems", "drafted_fields", "exclusion_draft_problems", "no_drafts",
           "record_label", "records_with_drafts"]


def drafted_fields(record: dict[str, Any]) -> list[str]:
    """The names a record's ``drafted`` lists (empty when it has none)."""
    drafted = record.get("drafted")
    return [name for name in drafted if isinstance(name, str)] if isinstance(drafted, list) else []


def no_drafts(claim: dict[str, Any], text: str | None) -> bool:
    return "drafted" not in claim


def _in_bundle(checked: CheckedSource) -> bool:
    # A source read from a bundle carries its own text; one of a checkout reads seeds/.
    return checked.entry.text is not None


def _problems(checked: CheckedSource, record: dict[str, Any], here: str, *,
              what: str, code: str) -> list[Problem]:
    if "drafted" not in record:
        return []
    names = drafted_fields(record)
    problems = []
    held = [name for name in names if name in record]
    if not names:
        problems.append(checked.problem("CS218", f"{what} has an empty 'drafted': delete it",
                                        here + "/drafted"))
    for name in names:
        if name not in record:
            problems.append(checked.problem(
                "CS218", f"{what}'s 'drafted' names '{name}', a field it does not hold: "
                         "remove the name", here + "/drafted"))
    if held:
        fields = ", ".join(held)
        if _in_bundle(checked):
            problems.append(checked.problem(
                "CS614", f"{what} in a released bundle still has machine drafts ({fields}): "
                         "a release holds only what people confirmed", here + "/drafted"))
        else:
            problems.append(checked.problem(
                code, f"{what} has drafts no person has confirmed: {fields}; check each "
                      "against the text, then remove its name from 'drafted'",
                here + "/drafted"))
    return problems


def claim_draft_problems(under: ClaimUnderCheck) -> list[Problem]:
    """CS216 (CS614 in a bundle) for a claim's unconfirmed drafts; CS218 for stray names."""
    return _problems(under.source, under.claim, under.here,
                     what=record_label(under.claim, claim=True), code="CS216")


def exclusion_draft_problems(checked: CheckedSource, candidates: list[Any]) -> Iterator[Problem]:
    """CS217 (CS614 in a bundle) for each exclusion's unconfirmed drafts; CS218 likewise."""
    exclusions = checked.entry.data.get("exclusions")
    if not isinstance(exclusions, list):
        return
    for position, item in enumerate(exclusions):
        # an exclusion the schema refused has its problem already (CS104)
        if isinstance(item, dict) and "drafted" in item and \
                checked.valid_at(f"/exclusions/{position}"):
            yield from _problems(checked, item, f"/exclusions/{position}",
                                 what=record_label(item, claim=False), code="CS217")


def record_label(record: dict[str, Any], *, claim: bool) -> str:
    """How a message names a record: ``claim ID`` or ``exclusion 'TEXT' at START``."""
    if claim:
        claim_id = record.get("id")
        return f"claim {claim_id}" if isinstance(claim_id, str) else "claim"
    return f"exclusion {record.get('text')!r} at {record.get('start')}"


def records_with_drafts(document: Any) -> Iterator[tuple[str, str, list[str]]]:
    """``(JSON pointer, label, drafted names)`` of every claim and exclusion of a source
    document that still has drafts (what a release refuses)."""
    if not isinstance(document, dict):
        return
    for key in ("claims", "exclusions"):
        items = document.get(key)
        if not isinstance(items, list):
            continue
        for position, item in enumerate(items):
            if isinstance(item, dict) and drafted_fields(item):
                yield (f"/{key}/{position}", record_label(item, claim=key == "claims"),
                       drafted_fields(item))
