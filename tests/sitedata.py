"""Datasets for the site's tests, built as value objects (the site takes a loaded Dataset).

``hostile()`` puts markup and script in every free-text field; ``astral()`` puts
astral characters and combining marks before, inside and between the figures,
with two claims whose quotes overlap in one sentence, one quote nested in
another, a retracted claim, an exclusion and a range figure holding another
claim's figure.
"""

from __future__ import annotations

import hashlib

from claimset.store.model import Claim, Dataset, Exclusion, Retraction, Source, Span

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror="alert(2)">'
HOSTILE = f"{SCRIPT}{IMAGE}</textarea></title>&amp;'"


def _span(text: str, fragment: str, *, start: int = 0) -> Span:
    at = text.index(fragment, start)
    return Span(start=at, end=at + len(fragment), text=fragment)


def source(source_id: str, text: str, **fields: object) -> Source:
    values: dict[str, object] = {
        "title": f"Source {source_id}", "authors": ("A. Writer",), "publisher": None,
        "published": "2004-02-13", "url": None, "notes": None}
    values.update(fields)
    return Source(id=source_id, path=f"seeds/{source_id}.txt", text=text,
                  sha256=hashlib.sha256(text.encode()).hexdigest(), length=len(text),
                  **values)  # type: ignore[arg-type]


def claim(source_obj: Source, slug: str, quote: str, figure: str, value: float | None, *,
          quote_from: int = 0, **fields: object) -> Claim:
    quote_span = _span(source_obj.text, quote, start=quote_from)
    figure_span = _span(source_obj.text, figure, start=quote_span.start)
    values: dict[str, object] = {
        "unit": "people", "qualifier": "exact", "measure": f"measure of {slug}",
        "attribution": None, "stance": "asserted", "tags": ()}
    values.update(fields)
    return Claim(id=f"{source_obj.id}/{slug}", source=source_obj.id, quote=quote_span,
                 figure=figure_span, value=value, **values)  # type: ignore[arg-type]


def hostile() -> Dataset:
    text = f"Officials counted 1,326 people {SCRIPT} and 2,000 more.\n"
    item = source("hostile", text, title=HOSTILE, authors=(HOSTILE,), publisher=HOSTILE,
                  notes=HOSTILE, url="javascript:alert(3)")
    claims = [
        claim(item, "first", "counted 1,326 people", "1,326", 1326, measure=HOSTILE,
              attribution=HOSTILE, note=HOSTILE, period="2007", place=HOSTILE,
              tags=("x-tag",)),
        claim(item, "second", "2,000 more", "2,000", 2000, measure=IMAGE, tags=("x-tag",),
              retracted=Retraction(reason=HOSTILE)),
    ]
    at = text.index("1)")
    exclusions = [Exclusion(source="hostile", start=at, end=at + 1, text="1",
                            reason="not a quantity", note=HOSTILE)]
    return Dataset(name=f"hostile {SCRIPT}", version="1.0.0", description=HOSTILE,
                   license="CC0-1.0", sources={"hostile": item}, claims=claims,
                   exclusions=exclusions)


#: Astral characters (outside the BMP: two UTF-16 units each) and combining marks.
ASTRAL_TEXT = (
    "𝐓𝐡𝐞 report 😀 says Cafe\u0301 owners counted 𝟏𝟐 and then 1,326 people; "
    "👩\u200d👩\u200d👧 families 🇮🇶 numbered 2,096 or so, "
    "and between 10,000 to 20,000 troops stayed in 2007 (e\u0301\u0301 𝄞).\n"
    "Later 4,500 more 𝕏 arrived.\n"
)


def astral() -> Dataset:
    text = ASTRAL_TEXT
    item = source("astral", text)
    claims = [
        claim(item, "people", "counted 𝟏𝟐 and then 1,326 people", "1,326", 1326,
              tags=("shared",)),
        # Overlaps the first quote: starts inside it, ends after it.
        claim(item, "families", "1,326 people; 👩\u200d👩\u200d👧 families 🇮🇶 numbered 2,096",
              "2,096", 2096, tags=("shared",)),
        # A range figure holding another claim's figure, and quotes nested in each other.
        claim(item, "range", "between 10,000 to 20,000 troops", "10,000 to 20,000", None,
              qualifier="range", lower=10000, upper=20000),
        claim(item, "upper", "20,000 troops", "20,000", 20000, qualifier="at most",
              upper=20000),
        claim(item, "later", "Later 4,500 more 𝕏 arrived", "4,500", 4500,
              retracted=Retraction(reason="counted twice", version="1.0.0")),
    ]
    at = text.index("2007")
    exclusions = [Exclusion(source="astral", start=at, end=at + 4, text="2007", reason="year")]
    return Dataset(name="astral", version="0.1.0", description="Astral characters.",
                   license="CC0-1.0", sources={"astral": item}, claims=claims,
                   exclusions=exclusions)
