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

__all__ = ["EVERY_CHECK", "CheckOptions", "CheckedSource", "ClaimUnderCheck", "SourceSummary",
           "claims_of", "exclusions_of", "summarize", "valid_at"]


@attrs.frozen(kw_only=True)
class CheckOptions:
    """What to check beyond structure and citations."""

    values: bool = True
    coverage: bool = True
    canonical: bool = True
    #: The checks of meaning (quote scope, reporting frames, back-references, facts in
    #: prose, exclusion reasons): ``validate`` runs them, ``load()`` and ``build`` do not
    #: (they judge curation, not whether the data can be used).
    meaning: bool = True


#: Every layer on: what ``claimset validate`` runs.
EVERY_CHECK = CheckOptions()


@attrs.frozen(kw_only=True)
class CheckedSource:
    """A source whose document passed the schema, with its text if it could be read (and
    that text's sha256, as read: what the grammar cache keys its figures by)."""

    entry: SourceEntry
    source_id: str
    text: str | None
    failed: frozenset[str] = frozenset()
    sha256: str | None = None

    @property
    def digest(self) -> bytes | None:
        """The text's sha256 as bytes (None without a text)."""
        return bytes.fromhex(self.sha256) if self.text is not None and self.sha256 else None

    def valid_at(self, relative: str) -> bool:
        return not self.failed or valid_at(self.failed, self.entry.pointer + relative)

    def problem(self, code: str, message: str, relative: str) -> Problem:
        """A problem at ``relative`` (a JSON pointer inside this source's document)."""
        return self.entry.problem(code, message, relative)


def valid_at(failed: Iterable[str], pointer: str) -> bool:
    """No schema error at ``pointer`` or inside it (errors of the parent, such as a
    missing sibling key, do not make the value itself unusable)."""
    return not any(bad == pointer or bad.startswith(pointer + "/") for bad in failed)


def exclusions_of(checked: CheckedSource) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each exclusion of the source that is an object whose schema holds, with its
    position."""
    items = checked.entry.data.get("exclusions")
    if isinstance(items, list):
        for position, item in enumerate(items):
            if isinstance(item, dict) and checked.valid_at(f"/exclusions/{position}"):
                yield position, item


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


@attrs.frozen
class SourceSummary:
    """What the dataset-wide checks' proofs read of a source (``validate --jobs N``: a
    worker checks the source and sends back this, never its data): its file's id, its
    source id, the pointers its schema failed at, its claim ids (a source whose schema
    holds), every key any of its claims holds, and how many claims it has."""

    name_id: str | None
    source_id: str
    failed: frozenset[str]
    claim_ids: tuple[str, ...]
    claim_keys: frozenset[str]
    claim_count: int


def summarize(checked: CheckedSource) -> SourceSummary:
    claims = checked.entry.data.get("claims")
    claims = claims if isinstance(claims, list) else []
    keys: set[str] = set()
    for claim in claims:
        if isinstance(claim, dict):
            keys.update(claim)
    ids = () if checked.failed else tuple(claim["id"] for claim in claims)
    return SourceSummary(checked.entry.name_id, checked.source_id, checked.failed, ids,
                         frozenset(keys), len(claims))
