"""What each page shows, as plain values, and the templates that render them.

Everything from the data reaches the HTML through Jinja2 with autoescape on
(and ``StrictUndefined``, so a misspelt field is an error, not a blank).  This
module decides *what* a page holds; the templates decide how it looks.  A
source page holds its own claims and exclusions only; the index holds one row
per claim and the facets its filters need.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import jinja2
import markupsafe

from claimset.core.errors import UsageError
from claimset.release.site.layout import EXCLUSION, Close, Open, Run, marks_of, text_events
from claimset.release.site.related import (
    ClaimLink,
    RelatedGroup,
    SiteLimits,
    source_href,
)
from claimset.store.model import Claim, Dataset, Exclusion, Number, Source

#: Source ids become file names: only the schema's own id shape is accepted.
SAFE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def format_number(value: Number | None) -> str:
    """A value as the dataset records it: ``1326``, ``0.5``, ``20000000000``; '' for none."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def citation(dataset: Dataset, source: Source, claim: Claim) -> str:
    """The "copy citation" text: quote, source, offsets and dataset version."""
    byline = ", ".join(source.authors) or "no byline"
    bits = [byline, source.title or source.id]
    if source.published:
        bits.append(source.published)
    return (f"“{claim.quote.text}” — {', '.join(bits)}. Cited in {dataset.name} "
            f"{dataset.version} as {claim.id}: code points {claim.quote.start}–{claim.quote.end}"
            f" of {source.id} (figure “{claim.figure.text}” at "
            f"{claim.figure.start}–{claim.figure.end}).")


# -- page values ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ClaimView:
    number: int
    claim: Claim
    value: str
    lower: str
    upper: str
    citation: str
    related: tuple[RelatedGroup, ...]


@attrs.frozen(kw_only=True)
class Piece:
    """One step of a source text for the template: text, a quote run, a mark or its end."""

    # "lead" (blank lines before the text), "text", "quote", "figure", "exclusion", "close"
    kind: str
    text: str = ""
    numbers: str = ""  # space-separated page-local claim numbers
    retracted: bool = False
    reason: str = ""


def _pieces(source: Source, claims: Sequence[Claim],
            exclusions: Sequence[Exclusion]) -> list[Piece]:
    marks = marks_of([(claim.figure.start, claim.figure.end) for claim in claims],
                     [(item.start, item.end) for item in exclusions])
    events = text_events(source.text, quotes=[(c.quote.start, c.quote.end) for c in claims],
                         marks=marks)
    pieces: list[Piece] = []
    for event in events:
        if isinstance(event, Run):
            if event.quotes:
                pieces.append(Piece(
                    kind="quote", text=event.text, numbers=" ".join(map(str, event.quotes)),
                    retracted=all(claims[n].retracted is not None for n in event.quotes)))
            elif not pieces and event.text[:1].isspace():
                # Blank lines before the text's first words (steele-2008 opens with four)
                # are kept in the page, so its text is the pinned one, but not shown.
                body = event.text.lstrip()
                pieces.append(Piece(kind="lead", text=event.text[:len(event.text) - len(body)]))
                if body:
                    pieces.append(Piece(kind="text", text=body))
            else:
                pieces.append(Piece(kind="text", text=event.text))
        elif isinstance(event, Open):
            mark = event.mark
            if mark.kind == EXCLUSION:
                assert mark.exclusion is not None
                item = exclusions[mark.exclusion]
                reason = f"excluded: {item.reason}" + (f" ({item.note})" if item.note else "")
                pieces.append(Piece(kind="exclusion", reason=reason))
            else:
                pieces.append(Piece(
                    kind="figure", numbers=" ".join(map(str, mark.claims)),
                    retracted=all(claims[n].retracted is not None for n in mark.claims)))
        elif isinstance(event, Close):
            pieces.append(Piece(kind="close"))
    return pieces


def check_ids(dataset: Dataset) -> None:
    """Refuse source ids that cannot be file names (a hand-built Dataset; the schema forbids)."""
    for source_id in dataset.sources:
        if not SAFE_ID.match(source_id):
            raise UsageError(f"source id {source_id!r} cannot name a page of the site: ids are "
                             "lower-case letters, digits and single hyphens", code="CS854")


#: The index's data files and the table pages for reading without JavaScript.
DATA_DIR = "data"
CLAIMS_DIR = "claims"


def claims_page_href(page: int, *, from_root: bool) -> str:
    """Page ``page`` (1-based) of the claims table: the index is page 1."""
    if page == 1:
        return "index.html" if from_root else "../index.html"
    return f"{CLAIMS_DIR}/{page}.html" if from_root else f"{page}.html"


def data_chunk_path(number: int) -> str:
    return f"{DATA_DIR}/claims-{number:04d}.js"


@attrs.frozen(kw_only=True)
class Pager:
    """Where one page of the claims table sits among all of them."""

    page: int
    pages: int
    first: int  # 1-based number of the page's first claim
    last: int
    total: int
    previous: str | None
    next: str | None
    first_href: str
    last_href: str


def _pager(page: int, pages: int, rows: int, total: int, *, from_root: bool) -> Pager:
    return Pager(page=page, pages=pages, first=(page - 1) * rows + 1 if total else 0,
                 last=min(page * rows, total), total=total,
                 previous=claims_page_href(page - 1, from_root=from_root) if page > 1 else None,
                 next=claims_page_href(page + 1, from_root=from_root) if page < pages else None,
                 first_href=claims_page_href(1, from_root=from_root),
                 last_href=claims_page_href(pages, from_root=from_root))


def _row(dataset: Dataset, claim: Claim, *, from_root: bool) -> tuple[Claim, str, str, Source]:
    href = source_href(claim.source, claim_id=claim.id, from_sources=False)
    return (claim, href if from_root else "../" + href, format_number(claim.value),
            dataset.sources[claim.source])


def page_count(dataset: Dataset, limits: SiteLimits) -> int:
    return max(1, -(-len(dataset.claims) // limits.index_rows))


def claims_page_context(dataset: Dataset, page: int, limits: SiteLimits) -> dict[str, Any]:
    """Page ``page`` (2 and up) of the claims table, for reading without JavaScript."""
    rows = limits.index_rows
    chosen = dataset.claims[(page - 1) * rows:page * rows]
    return {"dataset": dataset, "root": "../",
            "rows": [_row(dataset, claim, from_root=False) for claim in chosen],
            "pager": _pager(page, page_count(dataset, limits), rows, len(dataset.claims),
                            from_root=False)}


def data_chunks(dataset: Dataset, limits: SiteLimits) -> list[tuple[str, bytes]]:
    """The index's search data: ``data/claims-<n>.js`` files, each a call of the site's
    ``claimsetClaims(n, rows)`` with one array per claim, in table order (fields in
    :data:`DATA_FIELDS`).  Scripts rather than JSON, so that the site works from
    ``file://``, where a page may not fetch files."""
    tags = {tag: number for number, tag in enumerate(dataset.tags())}
    files = []
    claims = dataset.claims
    for number, start in enumerate(range(0, len(claims), limits.data_chunk), start=1):
        rows = [[source_href(claim.source, claim_id=claim.id, from_sources=False),
                 claim.figure.text, format_number(claim.value), claim.unit or "",
                 claim.qualifier, claim.measure, claim.period or "", claim.attribution or "",
                 claim.source, claim.quote.text, [tags[tag] for tag in claim.tags],
                 claim.stance, claim.retracted.reason if claim.retracted else ""]
                for claim in claims[start:start + limits.data_chunk]]
        # json.dumps escapes nothing a script could misread: the file is JavaScript, never
        # HTML, and U+2028/U+2029 are legal in string literals (ES2019).
        body = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        files.append((data_chunk_path(number),
                      f"claimsetClaims({number},{body});\n".encode()))
    return files


#: The fields of a claim's array in the index's data files, in order.
DATA_FIELDS = ("href", "figure", "value", "unit", "qualifier", "measure", "period",
               "attribution", "source", "quote", "tags", "stance", "retracted")


def index_context(dataset: Dataset, limits: SiteLimits) -> dict[str, Any]:
    claims_by_source: dict[str, int] = {}
    for claim in dataset.claims:
        claims_by_source[claim.source] = claims_by_source.get(claim.source, 0) + 1
    exclusions_by_source: dict[str, int] = {}
    for item in dataset.exclusions:
        exclusions_by_source[item.source] = exclusions_by_source.get(item.source, 0) + 1
    tags = dataset.tags()
    chunks = -(-len(dataset.claims) // limits.data_chunk)
    # What the search needs to start: where the data is, how much, and the tag names
    # (the data gives each claim's tags by number).
    search = {"total": len(dataset.claims), "rows": limits.index_rows, "tags": list(tags),
              "fields": list(DATA_FIELDS),
              "chunks": [data_chunk_path(number) for number in range(1, chunks + 1)]}

    def options(values: Sequence[str | None]) -> list[str]:
        return sorted({value for value in values if value})

    return {
        "dataset": dataset,
        "sources": [(source, source_href(source.id, from_sources=False),
                     claims_by_source.get(source.id, 0), exclusions_by_source.get(source.id, 0))
                    for source in dataset.sources.values()],
        "rows": [_row(dataset, claim, from_root=True)
                 for claim in dataset.claims[:limits.index_rows]],
        "pager": _pager(1, page_count(dataset, limits), limits.index_rows, len(dataset.claims),
                        from_root=True),
        "claim_count": len(dataset.claims),
        "retracted": sum(claim.retracted is not None for claim in dataset.claims),
        "tags": tags,
        "units": options([claim.unit for claim in dataset.claims]),
        "attributions": options([claim.attribution for claim in dataset.claims]),
        "qualifiers": options([claim.qualifier for claim in dataset.claims]),
        "stances": options([claim.stance for claim in dataset.claims]),
        "search": search,
        "root": "",
    }


def quantities_context(dataset: Dataset) -> dict[str, Any]:
    """The page of quantities: each key, whether its claims agree and why, its claims."""
    quantities = list(dataset.quantities().values())
    counts: dict[str, int] = {}
    for quantity in quantities:
        counts[quantity.agreement] = counts.get(quantity.agreement, 0) + 1
    return {"dataset": dataset, "root": "",
            "counts": sorted(counts.items()),
            "quantities": [(quantity, [(claim, source_href(claim.source, claim_id=claim.id,
                                                            from_sources=False))
                                       for claim in quantity.claims])
                           for quantity in quantities]}


def source_context(dataset: Dataset, source: Source, claims: Sequence[Claim],
                   exclusions: Sequence[Exclusion],
                   related: Sequence[Callable[[Claim], Sequence[RelatedGroup]]]) -> dict[str, Any]:
    views = [ClaimView(number=number, claim=claim, value=format_number(claim.value),
                       lower=format_number(claim.lower), upper=format_number(claim.upper),
                       citation=citation(dataset, source, claim),
                       related=tuple(group for provider in related for group in provider(claim)))
             for number, claim in enumerate(claims)]
    url = source.url if source.url and source.url.startswith(("https://", "http://")) else None
    return {
        "dataset": dataset,
        "source": source,
        "url": url,
        "claims": views,
        "exclusions": exclusions,
        "retracted": sum(claim.retracted is not None for claim in claims),
        "pieces": _pieces(source, claims, exclusions),
        "root": "../",
    }


def link_renderer(env: jinja2.Environment) -> Callable[[ClaimLink], markupsafe.Markup]:
    """A claim link's ``<li>``, rendered (and escaped) by Jinja2 once per link, then reused.

    The same few links recur in many panels (every claim of a common tag lists the
    same first claims), so each is rendered once instead of once per panel.
    """
    template = env.get_template("_link.html")
    made: dict[ClaimLink, markupsafe.Markup] = {}

    def render(link: ClaimLink) -> markupsafe.Markup:
        html = made.get(link)
        if html is None:
            html = made[link] = markupsafe.Markup(template.render(link=link))
        return html

    return render


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("claimset.release.site", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True)
    # Compact JSON for the index's filter data; Jinja's tojson still escapes < > & '.
    env.policies["json.dumps_kwargs"] = {"separators": (",", ":"), "ensure_ascii": False}
    return env
