"""Every check, declared once: its codes, the layer it runs in, what it reads.

The checker (:mod:`claimset.check.checker`) iterates :data:`REGISTRY` and
nothing else, so a check that is not listed here does not run, and one that is
listed runs on every claim, source or dataset its layer is enabled for.

**The fast path for clean claims is derived from this list.**  A claim check
may declare a ``proof``: a cheap test that, when it holds, guarantees the check
would report nothing (the citation check's is "quote and figure are at their
offsets").  The checker skips a check for a claim only when that check's own
proof holds; a check without a proof runs on every claim.  There is no
``if not clean:`` branch to forget: a new check is skipped for a clean claim
only by declaring, next to it, why it cannot fire there.

Adding a check (CONTRIBUTING.md, "Adding a check"): write a function in the
module of its scope (``claims.py`` for one claim, ``coverage.py`` or
``documents.py`` for a source or the dataset), give its codes a line in
``claimset/core/codes.py`` and the README, and add one entry below, in the
order its problems should follow the others'.

Layers, in order: ``files`` (documents parse and match the schema: done while
reading each source, before any registered check), ``sources`` (pinned texts
and the dataset's membership), ``claims`` (citations and a claim's own
fields), ``values`` (the figure's words: ``CheckOptions.values``), ``coverage``
(every number a claim or an exclusion: ``CheckOptions.coverage``) and
``format`` (canonical form: ``CheckOptions.canonical``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

import attrs

from claimset.check import claims, coverage, documents, drafts, relations
from claimset.check.context import CheckedSource, CheckOptions, ClaimUnderCheck
from claimset.core.problems import Problem
from claimset.store.layout import RawDataset

__all__ = [
    "REGISTRY", "ClaimCheck", "DatasetCheck", "Layer", "Reads", "Registry", "SourceCheck",
]

Layer = Literal["files", "sources", "claims", "values", "coverage", "format"]
#: What a check reads.  ``reading`` (a claim's figure read in context) and
#: ``candidates`` (every number the extractor finds in a source) make the
#: checker run the extractor over each source's text; nothing else does.
Reads = Literal["claim", "text", "reading", "earlier", "document", "candidates", "raw",
                "sources"]

LAYERS: tuple[Layer, ...] = ("files", "sources", "claims", "values", "coverage", "format")


def _enabled(layer: Layer, options: CheckOptions) -> bool:
    return {"values": options.values, "coverage": options.coverage,
            "format": options.canonical}.get(layer, True)


@attrs.frozen(kw_only=True)
class ClaimCheck:
    """A check of one claim: ``run`` returns its problems (empty when the claim passes).

    ``proof(claim, text)``, if given, must be True only when ``run`` would return
    nothing; the checker then skips ``run`` (the clean-claim fast path).  Both are
    given only claims that match the schema (``text`` is None when the source's
    text could not be read).
    """

    name: str
    codes: tuple[str, ...]
    layer: Layer
    reads: frozenset[Reads]
    run: Callable[[ClaimUnderCheck], list[Problem]]
    proof: Callable[[dict[str, Any], str | None], bool] | None = None


@attrs.frozen(kw_only=True)
class SourceCheck:
    """A check of one source; ``run(source, candidates)`` (candidates are the extractor's
    numbers when the check reads them, else an empty list)."""

    name: str
    codes: tuple[str, ...]
    layer: Layer
    reads: frozenset[Reads]
    run: Callable[[CheckedSource, list[Any]], Iterable[Problem]]


@attrs.frozen(kw_only=True)
class DatasetCheck:
    """A check of the dataset as a whole: ``run(raw, sources, options)``."""

    name: str
    codes: tuple[str, ...]
    layer: Layer
    reads: frozenset[Reads]
    run: Callable[[RawDataset, list[CheckedSource], CheckOptions], Iterable[Problem]]


Check = ClaimCheck | SourceCheck | DatasetCheck


@attrs.frozen
class Registry:
    """The checks, in the order their problems are reported."""

    checks: tuple[Check, ...]

    def __attrs_post_init__(self) -> None:
        names = [check.name for check in self.checks]
        if len(set(names)) != len(names):
            raise ValueError(f"check names must be unique: {names}")
        for check in self.checks:
            if check.layer not in LAYERS:
                raise ValueError(f"check {check.name!r}: unknown layer {check.layer!r}")

    def with_check(self, check: Check, *, after: str | None = None) -> Registry:
        """This registry with ``check`` added at the end (or right after check ``after``)."""
        checks = list(self.checks)
        place = len(checks) if after is None else [c.name for c in checks].index(after) + 1
        checks.insert(place, check)
        return Registry(tuple(checks))

    def enabled(self, options: CheckOptions) -> Registry:
        return Registry(tuple(c for c in self.checks if _enabled(c.layer, options)))

    def dataset_checks(self) -> tuple[DatasetCheck, ...]:
        return tuple(c for c in self.checks if isinstance(c, DatasetCheck))

    def source_checks(self) -> tuple[SourceCheck, ...]:
        return tuple(c for c in self.checks if isinstance(c, SourceCheck))

    def claim_checks(self) -> tuple[ClaimCheck, ...]:
        return tuple(c for c in self.checks if isinstance(c, ClaimCheck))

    def needs_extraction(self) -> bool:
        """Whether any check reads the extractor's output (so each text is extracted once)."""
        return any(c.reads & {"reading", "candidates"} for c in self.checks)

    def codes(self) -> set[str]:
        return {code for check in self.checks for code in check.codes}


def _of(*reads: Reads) -> frozenset[Reads]:
    return frozenset(reads)


REGISTRY = Registry((
    # -- the dataset: its index, which sources it has, unique claim ids
    DatasetCheck(name="index", codes=("CS104", "CS105"), layer="files", reads=_of("raw"),
                 run=documents.index_problems),
    DatasetCheck(name="membership", codes=("CS306", "CS307", "CS311"), layer="sources",
                 reads=_of("raw", "sources"), run=documents.membership_problems),
    DatasetCheck(name="claim ids", codes=("CS209", "CS210"), layer="claims",
                 reads=_of("sources"), run=documents.claim_id_problems),
    # -- each claim, in this order
    ClaimCheck(name="review", codes=("CS212",), layer="claims", reads=_of("claim"),
               run=claims.review_problems, proof=claims.no_review),
    ClaimCheck(name="drafts", codes=("CS216", "CS218", "CS614"), layer="claims",
               reads=_of("claim"), run=drafts.claim_draft_problems, proof=drafts.no_drafts),
    ClaimCheck(name="citation", codes=("CS201", "CS202", "CS203", "CS204", "CS205"),
               layer="claims", reads=_of("claim", "text"),
               run=claims.citation_problems, proof=claims.citation_holds),
    ClaimCheck(name="value", codes=("CS206", "CS207", "CS211", "CS215"), layer="values",
               reads=_of("claim", "reading"), run=claims.value_problems),
    ClaimCheck(name="bounds", codes=("CS208", "CS213"), layer="claims",
               reads=_of("claim", "earlier"), run=claims.bounds_problems,
               proof=claims.no_bounds),
    ClaimCheck(name="qualifier", codes=("CS214",), layer="values",
               reads=_of("claim", "text", "reading"), run=claims.qualifier_problems),
    # -- figures that check each other: relations, and quantities across sources
    DatasetCheck(name="relations", codes=("CS701", "CS702", "CS703", "CS704", "CS705", "CS706"),
                 layer="values", reads=_of("sources"), run=relations.relation_problems),
    DatasetCheck(name="quantities", codes=("CS710", "CS711"), layer="values",
                 reads=_of("sources"), run=relations.quantity_problems),
    # -- each source, after its claims
    SourceCheck(name="coverage", codes=("CS401", "CS402", "CS403", "CS404", "CS405"),
                layer="coverage", reads=_of("document", "text", "candidates"),
                run=coverage.coverage_problems),
    SourceCheck(name="exclusion meaning", codes=("CS406", "CS407"), layer="coverage",
                reads=_of("document", "text", "candidates"),
                run=coverage.exclusion_meaning_problems),
    SourceCheck(name="exclusion drafts", codes=("CS217", "CS218", "CS614"), layer="claims",
                reads=_of("document"), run=drafts.exclusion_draft_problems),
    SourceCheck(name="canonical", codes=("CS105",), layer="format", reads=_of("document"),
                run=documents.source_format_problems),
))
