"""What a reviewer must look at in a change: every exclusion it adds (CS507).

An exclusion takes a number out of the coverage rule, so a wrong one hides a
figure as surely as a deleted claim does.  ``validate --base`` lists each
exclusion that the work tree has and the base revision had not, as a warning
located on the exclusion, so each one shows on its line of the pull request.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from claimset.contrib.diff import Snapshot
from claimset.core.escape import one_line
from claimset.core.problems import Problem

__all__ = ["added_exclusion_problems"]


def _exclusions(document: Mapping[str, Any] | None) -> list[tuple[int, dict[str, Any]]]:
    items = document.get("exclusions") if isinstance(document, Mapping) else None
    return [(position, item) for position, item in enumerate(items or [])
            if isinstance(item, dict)] if isinstance(items, list) else []


def _key(item: Mapping[str, Any]) -> tuple[str, str]:
    # By text and reason, not offsets: an edit earlier in the text moves every exclusion,
    # which adds none.
    return str(item.get("text")), str(item.get("reason"))


def added_exclusion_problems(old: Snapshot | None, new: Snapshot) -> list[Problem]:
    """A CS507 warning for each exclusion in ``new`` that ``old`` does not have (as many
    times as it was added: two new exclusions of "one" are two warnings)."""
    problems: list[Problem] = []
    for source_id, document in new.sources.items():
        before: dict[tuple[str, str], int] = {}
        old_document = old.sources.get(source_id) if old is not None else None
        for _, item in _exclusions(old_document):
            before[_key(item)] = before.get(_key(item), 0) + 1
        located = new.files.get(source_id)
        for position, item in _exclusions(document):
            key = _key(item)
            if before.get(key, 0) > 0:
                before[key] -= 1
                continue
            message = (f"exclusion added: {one_line(key[0])!r} at {item.get('start')}.."
                       f"{item.get('end')} as {key[1]!r}"
                       + (f" ({one_line(str(item['note']))})" if item.get("note") else "")
                       + ": check that it is no figure to cite")
            if located is not None:
                file, pointer = located
                problems.append(file.problem("CS507", message,
                                             f"{pointer}/exclusions/{position}"))
            else:  # pragma: no cover - a snapshot read from disk always has its files
                problems.append(Problem(code="CS507", message=message, file=source_id))
    return problems
