"""The citation checker: the registry's loop, with one way in.

Checks run in layers.  Files must parse and match the schema; sources must
have their pinned text (path, sha256, length); claims must quote that text
exactly at their offsets, with a value their figure's words say; and every
number the extractor finds must be a claim or an exclusion (coverage).  A
value that fails a layer is not judged by the layers after it, so one
mistake yields one problem, not a cascade.

The checks themselves are declared in :mod:`claimset.check.registry`; this
module only runs them, in the registry's order, over what
:func:`~claimset.store.layout.read_dataset` read.  There is one route:

- :func:`checked_sources` yields the dataset's own problems first (reading,
  schemas, the dataset-wide checks), then each source as soon as its checks
  are done, with its problems, its text and the figures read in it.  ``load()``
  builds each source's value objects as it comes, ``build`` takes the texts,
  ``claimset coverage`` the figures: they all read through this generator.
- :func:`check` collects it into a :class:`~claimset.core.problems.Report`
  (``validate()``, ``claimset validate``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from claimset.check._fast import collector_paused
from claimset.check.claims import figures_read_by
from claimset.check.context import (
    EVERY_CHECK,
    CheckedSource,
    CheckOptions,
    ClaimUnderCheck,
    claims_of,
)
from claimset.check.documents import check_source_document
from claimset.check.parallel import prefetching
from claimset.check.registry import REGISTRY, ClaimCheck, Registry, SourceCheck
from claimset.core.problems import Problem, Report
from claimset.store.layout import RawDataset

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover
    from claimset.store.cache import GrammarCache

__all__ = ["CheckOptions", "CheckedSource", "Verdict", "check", "checked_sources",
           "figures_of", "source_problems"]


@attrs.frozen
class Verdict:
    """One step of the route: a source whose checks are done, or (``source`` None) the
    dataset's own problems, which come first.

    ``candidates`` are the figures the extractor read in the source's text, in text
    order (empty when no enabled check reads them: see ``Registry.needs_extraction``).
    """

    source: CheckedSource | None
    problems: tuple[Problem, ...]
    candidates: tuple[Any, ...] = ()

    @property
    def usable(self) -> bool:
        """A source whose document matches the schema and whose text was read."""
        return (self.source is not None and self.source.text is not None
                and not self.source.failed)


def check(raw: RawDataset, *, options: CheckOptions = EVERY_CHECK,
          registry: Registry = REGISTRY, jobs: int = 1,
          cache: GrammarCache | None = None) -> Report:
    """Every problem of ``raw`` that the checks of ``registry`` enabled by ``options``
    find; ``jobs`` worker processes read the figures (the same report for any number);
    ``cache`` keeps the figures of each text between runs (the same report with or
    without it: :mod:`claimset.store.cache`)."""
    with collector_paused(), figures_read_by(cache):
        return Report.of(problem for verdict in checked_sources(
            raw, options=options, registry=registry, jobs=jobs, cache=cache)
            for problem in verdict.problems)


def checked_sources(raw: RawDataset, *, options: CheckOptions = EVERY_CHECK,
                    registry: Registry = REGISTRY, jobs: int = 1,
                    cache: GrammarCache | None = None) -> Iterator[Verdict]:
    """Every check of ``registry`` whose layer ``options`` enables, over ``raw``: first
    one :class:`Verdict` with the dataset's own problems, then one per source document
    that matches the schema, right after its checks, while its data is fresh in memory.

    With ``jobs`` over 1, worker processes read each source's figures while the
    documents are still being checked here (:mod:`claimset.check.parallel`); with a
    ``cache``, a text whose figures it holds is not read again.
    """
    enabled = registry.enabled(options)
    extracting = enabled.needs_extraction()
    with prefetching(jobs if extracting else 1, cache) as prefetch:
        problems: list[Problem] = list(raw.problems)
        sources: list[CheckedSource] = []
        handles: dict[int, int] = {}
        for entry in raw.entries:
            found, checked = check_source_document(entry, raw)
            problems.extend(found)
            if checked is not None:
                if prefetch is not None and checked.text is not None:
                    handles[len(sources)] = prefetch.add(checked.text, checked.digest)
                sources.append(checked)
        for dataset_check in enabled.dataset_checks():
            problems.extend(dataset_check.run(raw, sources, options))
        yield Verdict(None, tuple(problems))
        claim_checks, source_checks = enabled.claim_checks(), enabled.source_checks()
        for number, checked in enumerate(sources):
            # One extraction per source serves every check that reads figures in context.
            candidates: list[Any] = []
            if prefetch is not None and number in handles:
                candidates = prefetch.get(handles[number])
            elif extracting:
                candidates = figures_of(checked, cache=cache)
            found = source_problems(checked, candidates, claim_checks=claim_checks,
                                    source_checks=source_checks,
                                    reading_after=enabled.reading_after)
            yield Verdict(checked, tuple(found), tuple(candidates))


def figures_of(checked: CheckedSource, *, cache: GrammarCache | None) -> list[Any]:
    """The figures the grammar reads in ``checked``'s text (none without a text), through
    ``cache`` when one is given (``validate --jobs N``'s workers call this too)."""
    if checked.text is None:
        return []
    if cache is not None:
        return cache.candidates(checked.text, checked.digest)
    # Imported here: load() reads no figure, and the grammar's patterns take a while to
    # compile.
    from claimset.grammar.extract import extract

    return extract(checked.text)


def source_problems(checked: CheckedSource, candidates: list[Any], *,
                    claim_checks: tuple[ClaimCheck, ...], source_checks: tuple[SourceCheck, ...],
                    reading_after: tuple[str, ...]) -> list[Problem]:
    """The problems of one source's claim checks, then of its source checks, given the
    figures read in its text (``validate --jobs N``'s workers call this too)."""
    found = list(_claim_problems(checked, claim_checks, candidates, reading_after=reading_after))
    for source_check in source_checks:
        found.extend(source_check.run(checked, candidates))
    return found


def _claim_problems(checked: CheckedSource, checks: tuple[ClaimCheck, ...],
                    candidates: list[Any], *, reading_after: tuple[str, ...]
                    ) -> Iterator[Problem]:
    """Every claim check on every claim of ``checked`` whose schema holds.

    The clean-claim fast path: a check is skipped for a claim only when the check's
    own proof holds for it, so a check without a proof runs on every claim.  When
    every check has a proof, or a reading proof for one that reads the figure's reading
    (the value and qualifier checks), a claim all of them prove clean costs only the
    proofs: no object is built for it.  A check also does not run on a claim for
    which a check it ``needs`` reported a problem (its verdict would be a cascade).
    """
    text = checked.text
    at_span = ({(candidate.start, candidate.end): candidate for candidate in candidates}
               if candidates else {})
    proofs = [check.proof for check in checks if check.proof is not None]
    # A check that reads the figure's reading may prove itself from it instead: once every
    # other proof holds (the citation's among them), the reading is the candidate at the
    # figure's span, exactly what the check would be handed.
    reading_proofs = [check.reading_proof for check in checks
                      if check.proof is None and check.reading_proof is not None]
    all_proven = len(proofs) + len(reading_proofs) == len(checks)
    for position, claim in claims_of(checked):
        if checked.failed and not checked.valid_at(f"/claims/{position}"):
            continue  # its schema problem is reported; judging it further would cascade
        if all_proven:
            for proof in proofs:
                if not proof(claim, text):
                    break
            else:
                figure = claim["figure"]
                reading = at_span.get((figure["start"], figure["end"])) if reading_proofs \
                    else None
                for reading_proof in reading_proofs:
                    if not reading_proof(claim, reading):
                        break
                else:
                    continue  # every check proven to pass: nothing to run, nothing to build
        under = ClaimUnderCheck(checked, position, claim)
        read = False
        for check in checks:
            if check.proof is not None and check.proof(claim, text):
                continue
            if check.needs and not under.failed.isdisjoint(check.needs):
                continue
            if not read and "reading" in check.reads:
                # The figure read in context, once the checks the registry names have
                # proven the text holds it at its offsets: the same grammar reads the same
                # words, and the source was extracted once.
                read = True
                if under.failed.isdisjoint(reading_after):
                    figure = claim["figure"]
                    under.reading = at_span.get((figure["start"], figure["end"]))
            found = check.run(under)
            if found:
                under.failed.add(check.name)
                yield from found
