"""What every check is given: the options, a source that passed the schema, a claim.

Plain values with no checks of their own, so that the check modules
(:mod:`~claimset.check.documents`, :mod:`~claimset.check.claims`,
:mod:`~claimset.check.coverage`) and the registry that lists them
(:mod:`~claimset.check.registry`) share them without importing one another.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from claimset.core.problems import Problem
from claimset.store.layout import SourceEntry

__all__ = ["EVERY_CHECK", "CheckOptions", "CheckedSource", "ClaimUnderCheck", "claims_of",
           "valid_at"]


@attrs.frozen(kw_only=True)
class CheckOptions:
    """What to check beyond structure and citations."""

    values: bool = True
    coverage: bool = True
    canonical: bool = True


#: Every layer on: what ``claimset validate`` runs.
EVERY_CHECK = CheckOptions()


@attrs.frozen(kw_only=True)
class CheckedSource:
    """A source whose document passed the schema, with its text if it could be read."""

    entry: SourceEntry
    source_id: str
    text: str | None
    failed: frozenset[str] = frozenset()

    def valid_at(self, relative: str) -> bool:
        return not self.failed or valid_at(self.failed, self.entry.pointer + relative)

    def problem(self, code: str, message: str, relative: str) -> Problem:
        """A problem at ``relative`` (a JSON pointer inside this source's document)."""
        return self.entry.problem(code, message, relative)


def valid_at(failed: Iterable[str], pointer: str) -> bool:
    """No schema error at ``pointer`` or inside it (errors of the parent, such as a
    missing sibling key, do not make the value itself unusable)."""
    return not any(bad == pointer or bad.startswith(pointer + "/") for bad in failed)


def claims_of(checked: CheckedSource) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each claim of the source that is an object, with its position."""
    claims = checked.entry.data.get("claims")
    if isinstance(claims, list):
        for position, claim in enumerate(claims):
            if isinstance(claim, dict):
                yield position, claim


@attrs.define(slots=True)
class ClaimUnderCheck:
    """One claim as the claim checks see it, in registry order.

    ``reading`` is the figure read in context by the extractor (a
    :class:`~claimset.grammar.extract.Candidate`), present only once the citation
    checks proved the text holds the figure at its offsets; ``failed`` names the
    checks that already reported a problem for this claim (a later check may
    stay quiet rather than repeat one).
    """

    source: CheckedSource
    position: int
    claim: dict[str, Any]
    reading: Any = None
    failed: set[str] = attrs.field(factory=set)

    @property
    def here(self) -> str:
        """The claim's JSON pointer inside its document."""
        return f"/claims/{self.position}"

    def problem(self, code: str, message: str, relative: str = "") -> Problem:
        """A problem at ``relative`` inside this claim ("" for the claim itself)."""
        return self.source.entry.problem(code, message, self.here + relative)
