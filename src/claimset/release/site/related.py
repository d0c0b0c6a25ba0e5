"""The related-claims sections of a claim's panel, and the limits that bound them.

Free of Jinja2 and of HTML: each *provider* maps a claim to the sections that
link it to other claims.  A new kind of relation (the other claims of the same
quantity, a claim a later one corrects) is one more provider in ``RELATED``;
the template renders every section the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import quote

import attrs

from claimset.store.model import Claim, Dataset

SOURCES_DIR = "sources"


def source_href(source_id: str, *, claim_id: str | None = None, from_sources: bool) -> str:
    """The link to a source page (and a claim on it) from the index or from a source page."""
    page = f"{source_id}.html" if from_sources else f"{SOURCES_DIR}/{source_id}.html"
    return page + (f"#{quote(claim_id, safe='/')}" if claim_id is not None else "")


@attrs.frozen(kw_only=True)
class SiteLimits:
    """Bounds on what one page may hold, so a page's size grows with its own data only."""

    #: Other claims listed per shared tag in a claim's panel; the rest are one link
    #: to the index filtered by that tag.
    related_per_tag: int = 5
    #: Rows of the claims table on one page: the index shows the first page, and
    #: ``claims/<n>.html`` the others (for reading without JavaScript); with it, the
    #: index pages through the search's results in the browser.
    index_rows: int = 500
    #: Claims per data file (``data/claims-<n>.js``) that the index's search loads after
    #: the page has shown, one file after another: the page never waits for them.
    data_chunk: int = 10_000

    def __attrs_post_init__(self) -> None:
        for name in ("related_per_tag", "index_rows", "data_chunk"):
            if getattr(self, name) < 1:
                raise ValueError(f"SiteLimits.{name} must be at least 1")


@attrs.frozen(kw_only=True)
class ClaimLink:
    href: str
    figure: str
    measure: str
    source: str


@attrs.frozen(kw_only=True)
class RelatedGroup:
    """One section of a claim's panel: a heading and the claims it links to.

    ``more`` claims beyond ``links`` are reached through ``more_href``.
    """

    heading: str
    links: tuple[ClaimLink, ...]
    more: int = 0
    more_href: str | None = None


#: Given the dataset, a function from a claim to the related sections of its panel.
#: Providers are independent: a new kind of relation (the same quantity in another
#: source, a claim a later one corrects) is one more provider in ``RELATED``.
RelatedProvider = Callable[[Dataset, SiteLimits], Callable[[Claim], Sequence[RelatedGroup]]]


def _link(dataset: Dataset, claim: Claim) -> ClaimLink:
    source = dataset.sources[claim.source]
    return ClaimLink(href=source_href(claim.source, claim_id=claim.id, from_sources=True),
                     figure=claim.figure.text, measure=claim.measure,
                     source=source.title or source.id)


def shared_tags(dataset: Dataset, limits: SiteLimits) -> Callable[[Claim], Sequence[RelatedGroup]]:
    """The other claims that carry each of a claim's tags (any source), a bounded list each."""
    by_tag: dict[str, list[Claim]] = {}
    for claim in dataset.claims:
        for tag in claim.tags:
            by_tag.setdefault(tag, []).append(claim)
    keep = limits.related_per_tag
    links: dict[str, ClaimLink] = {}  # each claim's link is made once, however often shown

    def link(claim: Claim) -> ClaimLink:
        made = links.get(claim.id)
        if made is None:
            made = links[claim.id] = _link(dataset, claim)
        return made

    def related(claim: Claim) -> Sequence[RelatedGroup]:
        groups = []
        for tag in claim.tags:
            members = by_tag[tag]
            others = []
            for other in members:  # stops after `keep` + 1, however common the tag
                if other is not claim:
                    others.append(other)
                    if len(others) > keep:
                        break
            total = len(members) - 1
            shown = others[:keep]
            groups.append(RelatedGroup(
                heading=f"Tagged {tag}", links=tuple(link(other) for other in shown),
                more=total - len(shown),
                more_href=f"../index.html#tag={quote(tag)}" if total > len(shown) else None))
        return groups

    return related


def same_quantity(dataset: Dataset,
                  limits: SiteLimits) -> Callable[[Claim], Sequence[RelatedGroup]]:
    """The other claims of a claim's quantity key (the same thing, place and period).

    Corroboration is the reason to look: each link names its source, so a reader
    sees at once which sources agree.  Bounded like a tag's list.
    """
    by_key: dict[str, list[Claim]] = {}
    for claim in dataset.claims:
        if claim.quantity is not None:
            by_key.setdefault(claim.quantity, []).append(claim)
    keep = limits.related_per_tag

    def related(claim: Claim) -> Sequence[RelatedGroup]:
        if claim.quantity is None:
            return ()
        others = [other for other in by_key[claim.quantity] if other is not claim]
        if not others:
            return ()
        shown = others[:keep]
        return (RelatedGroup(heading=f"Same quantity: {claim.quantity}",
                             links=tuple(_link(dataset, other) for other in shown),
                             more=len(others) - len(shown)),)

    return related


#: The panel's related sections, in order.
RELATED: tuple[RelatedProvider, ...] = (same_quantity, shared_tags)
