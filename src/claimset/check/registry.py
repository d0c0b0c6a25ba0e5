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
only by declaring, next to it, why it cannot fire there.  A check that reads the
figure's reading proves itself from that reading (``reading_proof``: the value
check's is "the reading says the claim's value and unit"), once every other
proof holds.

Adding a check (CONTRIBUTING.md, "Adding a check"): write a function in the
module of its scope (``claims.py`` for one claim, ``coverage.py`` or
``documents.py`` for a source or the dataset), give its codes a line in
``claimset/core/codes.py`` and the README, and add one entry below, in the
order its problems should follow the others'.

Layers, in order: ``files`` (documents parse and match the schema: done while
reading each source, before any registered check), ``sources`` (pinned texts
and the dataset's membership), ``claims`` (citations and a claim's own
fields), ``values`` (the figure's words: ``CheckOptions.values``), ``meaning``
(what a claim says against its text: quote scope, reporting frames,
back-references, facts in prose, exclusion reasons: ``CheckOptions.meaning``, on
in ``validate``, off in ``load()`` and ``build``), ``coverage`` (every number a
claim or an exclusion: ``CheckOptions.coverage``) and ``format`` (canonical
form: ``CheckOptions.canonical``).

**What a check depends on is said here, never inferred.**  ``needs`` names the
claim checks that must have passed on a claim for this one to run on it (the
qualifier check needs the citation: against a figure that is not where the
claim says, it could only repeat the citation's problem).  ``reads`` names what
the checker must compute for a check: ``reading`` (the claim's figure read in
context) and ``candidates`` (every number the extractor finds in a source)
make it run the extractor over each text; every check may read the claim, its
source's document and text.  The figure is read in context only for a claim
that passed the checks of :attr:`Registry.reading_after` (those that prove
the figure is at its offsets); otherwise ``reading`` is None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

import attrs

from claimset.check import claims, coverage, documents, drafts, meaning, relations
from claimset.check.context import CheckedSource, CheckOptions, ClaimUnderCheck, SourceSummary
from claimset.core.problems import Problem
from claimset.store.layout import RawDataset

__all__ = [
    "LAYERS", "READS", "REGISTRY", "ClaimCheck", "DatasetCheck", "Layer", "Reads", "Registry",
    "SourceCheck",
]

Layer = Literal["files", "sources", "claims", "values", "meaning", "coverage", "format"]
#: What the checker computes for a check that reads it: ``reading`` (a claim's figure
#: read in context) and ``candidates`` (every number the extractor finds in a source).
#: Either makes the checker run the extractor over each source's text.
Reads = Literal["reading", "candidates"]

LAYERS: tuple[Layer, ...] = ("files", "sources", "claims", "values", "meaning", "coverage",
                             "format")
READS: tuple[Reads, ...] = ("reading", "candidates")


def _enabled(layer: Layer, options: CheckOptions) -> bool:
    return {"values": options.values, "coverage": options.coverage,
            "format": options.canonical, "meaning": options.meaning}.get(layer, True)


@attrs.frozen(kw_only=True)
class ClaimCheck:
    """A check of one claim: ``run`` returns its problems (empty when the claim passes).

    ``proof(claim, text)``, if given, must be True only when ``run`` would return
    nothing; the checker then skips ``run`` (the clean-claim fast path).  Both are
    given only claims that match the schema (``text`` is None when the source's
    text could not be read).  ``needs`` names earlier claim checks that must have
    passed on the claim for this one to run.
    """

    name: str
    codes: tuple[str, ...]
    layer: Layer
    run: Callable[[ClaimUnderCheck], list[Problem]]
    reads: frozenset[Reads] = frozenset()
    needs: tuple[str, ...] = ()
    proof: Callable[[dict[str, Any], str | None], bool] | None = None
    #: For a check that reads the figure's reading: ``reading_proof(claim, reading)``,
    #: True only when ``run`` would find nothing given that reading (the one the checker
    #: would hand it: the figure read in context, or None where none is at its span).
    reading_proof: Callable[[dict[str, Any], Any], bool] | None = None


@attrs.frozen(kw_only=True)
class SourceCheck:
    """A check of one source; ``run(source, candidates)`` (candidates are the extractor's
    numbers when the check reads them, else an empty list)."""

    name: str
    codes: tuple[str, ...]
    layer: Layer
    run: Callable[[CheckedSource, list[Any]], Iterable[Problem]]
    reads: frozenset[Reads] = frozenset()


@attrs.frozen(kw_only=True)
class DatasetCheck:
    """A check of the dataset as a whole: ``run(raw, sources, options)``.

    ``validate --jobs N`` checks each source in a worker, which sends back its problems
    and a :class:`~claimset.check.context.SourceSummary`, never its data.  There a check
    that ``reads_sources`` is settled by its ``quiet(raw, summaries)``, a proof that it
    would report nothing; one without a proof, or whose proof does not hold, sends this
    process to read every source itself and run the check on them.  A check that reads
    no source (the index's) runs as it is.
    """

    name: str
    codes: tuple[str, ...]
    layer: Layer
    run: Callable[[RawDataset, list[CheckedSource], CheckOptions], Iterable[Problem]]
    reads_sources: bool = True
    quiet: Callable[[RawDataset, Sequence[SourceSummary]], bool] | None = None


Check = ClaimCheck | SourceCheck | DatasetCheck


def _without_needs(check: Check, names: set[str]) -> Check:
    if isinstance(check, ClaimCheck) and not set(check.needs) <= names:
        return attrs.evolve(check, needs=tuple(name for name in check.needs if name in names))
    return check


@attrs.frozen
class Registry:
    """The checks, in the order their problems are reported.

    ``reading_after`` names the claim checks that prove a claim's figure is at its
    offsets: the figure is read in context (a check's ``reading``) only for a claim
    that passed them.
    """

    checks: tuple[Check, ...]
    reading_after: tuple[str, ...] = ("citation",)

    def __attrs_post_init__(self) -> None:
        names = [check.name for check in self.checks]
        if len(set(names)) != len(names):
            raise ValueError(f"check names must be unique: {names}")
        claim_checks_before: set[str] = set()
        for check in self.checks:
            if check.layer not in LAYERS:
                raise ValueError(f"check {check.name!r}: unknown layer {check.layer!r}")
            unknown = set(getattr(check, "reads", ())) - set(READS)
            if unknown:
                raise ValueError(f"check {check.name!r} reads {sorted(unknown)}: a check may "
                                 f"read only {', '.join(READS)}")
            if isinstance(check, ClaimCheck):
                if check.reading_proof is not None and "reading" not in check.reads:
                    raise ValueError(f"check {check.name!r} has a reading_proof but does not "
                                     "read the reading: give it reads={'reading'} or a proof")
                missing = [name for name in check.needs if name not in claim_checks_before]
                if missing:
                    raise ValueError(f"check {check.name!r} needs {missing}: a check may need "
                                     "only claim checks registered before it")
                late = [name for name in self.reading_after
                        if name in names and name not in claim_checks_before]
                if "reading" in check.reads and late:
                    raise ValueError(f"check {check.name!r} reads the figure's reading, which "
                                     f"comes after {late}: register it after them")
                claim_checks_before.add(check.name)

    def with_check(self, check: Check, *, after: str | None = None) -> Registry:
        """This registry with ``check`` added at the end (or right after check ``after``)."""
        checks = list(self.checks)
        place = len(checks) if after is None else [c.name for c in checks].index(after) + 1
        checks.insert(place, check)
        return Registry(tuple(checks), self.reading_after)

    def enabled(self, options: CheckOptions) -> Registry:
        kept = tuple(c for c in self.checks if _enabled(c.layer, options))
        names = {check.name for check in kept}
        # A check whose layer is off never fails: what needs it runs, and it gates no reading.
        return Registry(tuple(_without_needs(check, names) for check in kept),
                        tuple(name for name in self.reading_after if name in names))

    def dataset_checks(self) -> tuple[DatasetCheck, ...]:
        return tuple(c for c in self.checks if isinstance(c, DatasetCheck))

    def source_checks(self) -> tuple[SourceCheck, ...]:
        return tuple(c for c in self.checks if isinstance(c, SourceCheck))

    def claim_checks(self) -> tuple[ClaimCheck, ...]:
        return tuple(c for c in self.checks if isinstance(c, ClaimCheck))

    def needs_extraction(self) -> bool:
        """Whether any check reads the extractor's output (so each text is extracted once)."""
        return any(not isinstance(c, DatasetCheck) and c.reads for c in self.checks)

    def codes(self) -> set[str]:
        return {code for check in self.checks for code in check.codes}


REGISTRY = Registry((
    # -- the dataset: its index, which sources it has, unique claim ids
    DatasetCheck(name="index", codes=("CS104", "CS105"), layer="files",
                 run=documents.index_problems, reads_sources=False),
    DatasetCheck(name="membership", codes=("CS306", "CS307", "CS311"), layer="sources",
                 run=documents.membership_problems, quiet=documents.membership_quiet),
    DatasetCheck(name="claim ids", codes=("CS209", "CS210"), layer="claims",
                 run=documents.claim_id_problems, quiet=documents.claim_ids_quiet),
    # -- each claim, in this order
    ClaimCheck(name="review", codes=("CS212",), layer="claims",
               run=claims.review_problems, proof=claims.no_review),
    ClaimCheck(name="drafts", codes=("CS216", "CS218", "CS614"), layer="claims",
               run=drafts.claim_draft_problems, proof=drafts.no_drafts),
    ClaimCheck(name="citation", codes=("CS201", "CS202", "CS203", "CS204", "CS205"),
               layer="claims", run=claims.citation_problems, proof=claims.citation_holds),
    # Without its reading (the citation failed), the figure's own words are read alone.
    ClaimCheck(name="value", codes=("CS206", "CS207", "CS211", "CS215"), layer="values",
               reads=frozenset({"reading"}), run=claims.value_problems,
               reading_proof=claims.value_holds),
    ClaimCheck(name="bounds", codes=("CS208", "CS213"), layer="claims",
               run=claims.bounds_problems, proof=claims.no_bounds),
    ClaimCheck(name="qualifier", codes=("CS214",), layer="values",
               reads=frozenset({"reading"}), needs=("citation",),
               run=claims.qualifier_problems, reading_proof=claims.qualifier_holds),
    # -- what a claim says against its text (check/meaning.py): no proofs, so every claim
    # is read; each needs its citation (a quote not at its offsets has no sentence)
    ClaimCheck(name="quote scope", codes=("CS220", "CS221", "CS222", "CS223"),
               layer="meaning", needs=("citation",), run=meaning.quote_scope_problems),
    ClaimCheck(name="reporting frames", codes=("CS224", "CS225", "CS230"), layer="meaning",
               needs=("citation",), run=meaning.frame_problems),
    ClaimCheck(name="back-references", codes=("CS226", "CS227"), layer="meaning",
               needs=("citation",), run=meaning.back_reference_problems),
    ClaimCheck(name="facts in prose", codes=("CS228", "CS229"), layer="meaning",
               run=meaning.prose_fact_problems),
    # -- figures that check each other: relations, and quantities across sources
    DatasetCheck(name="relations",
                 codes=("CS701", "CS702", "CS703", "CS704", "CS705", "CS706", "CS713"),
                 layer="values", run=relations.relation_problems, quiet=relations.relations_quiet),
    DatasetCheck(name="quantities", codes=("CS710", "CS711", "CS712"), layer="values",
                 run=relations.quantity_problems, quiet=relations.quantities_quiet),
    # -- each source, after its claims
    SourceCheck(name="coverage", codes=("CS401", "CS402", "CS403", "CS404", "CS405"),
                layer="coverage", reads=frozenset({"candidates"}),
                run=coverage.coverage_problems),
    SourceCheck(name="exclusion meaning", codes=("CS406", "CS407"), layer="coverage",
                reads=frozenset({"candidates"}), run=coverage.exclusion_meaning_problems),
    SourceCheck(name="exclusion drafts", codes=("CS217", "CS218", "CS614"), layer="claims",
                run=drafts.exclusion_draft_problems),
    SourceCheck(name="exclusion reasons", codes=("CS408", "CS409", "CS410", "CS411", "CS412"),
                layer="meaning", reads=frozenset({"candidates"}),
                run=meaning.exclusion_reason_problems),
    SourceCheck(name="canonical", codes=("CS105",), layer="format",
                run=documents.source_format_problems),
))
