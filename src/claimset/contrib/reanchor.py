"""Re-anchoring claims on a corrected source text, and saying how each one moved.

When a pinned text is corrected (a typo, a restored paragraph), every quote,
figure and exclusion must find its place in the new text.  Per claim:

1. **kept**: the quote is still at its offsets (a short span also keeps some
   of its context);
2. **exact**: the quote occurs elsewhere; one occurrence, or the one whose
   surrounding text (prefix and suffix) matches best.  A short span (an
   exclusion such as "2003") must also keep some of its context, since a
   lone "2003" elsewhere is as likely another year as the same one;
3. **fuzzy(score)**: the quote's words changed a little.  Candidates are the
   places where the figure's own text occurs; each is scored on the quote,
   the prefix, the suffix and the distance from where the old offset maps.
   A placement is accepted only above minimum scores *and* with the figure's
   digits and number words unchanged, so "61%" never becomes "16%";
4. **orphaned**: nothing fits.  The claim is reported, never moved.

Unlike Hypothesis's client (hypothesis/client#7571), which has no minimum
score and moves a quote onto a look-alike sentence, a fuzzy placement also
needs its context: a similar sentence elsewhere is not the same passage.
Fuzzy placements are marked for review (the claim's ``review`` field, which
the checker warns about as CS212) when written.

Everything here is pure: texts and documents in, placements and a new
document out (reading the new text and writing the result are
:mod:`claimset.contrib.sources`' job).
"""

from __future__ import annotations

import bisect
import copy
import difflib
import hashlib
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

#: Characters of text either side of a span compared as its context.
CONTEXT = 48
#: A fuzzy placement needs all three: the quote this similar to the old one,
#: its surroundings this similar, and this overall score.
MIN_QUOTE_RATIO = 0.85
MIN_CONTEXT_RATIO = 0.5
MIN_SCORE = 0.85
#: Spans shorter than this need some context even when they occur only once.
SHORT_SPAN = 24
#: Occurrences considered per span (the nearest to the expected place): bounds the cost.
MAX_CANDIDATES = 200
#: An exact occurrence must beat the runner-up's context by this much to win a tie.
TIE_MARGIN = 0.05

KINDS = ("kept", "exact", "fuzzy", "orphaned")


@attrs.frozen(kw_only=True)
class Placement:
    """How one claim or exclusion was placed in the new text.

    ``old`` and ``new`` are the quote's spans (an exclusion's own span);
    ``figure`` is the figure's new span for a claim.  ``new`` is None when orphaned.
    """

    target: str
    kind: str
    old: tuple[int, int]
    new: tuple[int, int] | None = None
    figure: tuple[int, int] | None = None
    score: float | None = None
    why: str = ""
    is_claim: bool = True
    position: int = 0

    @property
    def label(self) -> str:
        return f"fuzzy({self.score:.2f})" if self.kind == "fuzzy" and self.score is not None \
            else self.kind


@attrs.frozen(kw_only=True)
class Result:
    placements: tuple[Placement, ...]

    def of_kind(self, kind: str) -> tuple[Placement, ...]:
        return tuple(item for item in self.placements if item.kind == kind)

    @property
    def orphans(self) -> tuple[Placement, ...]:
        return self.of_kind("orphaned")

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in KINDS}


# -- where an old offset lands in the new text ------------------------------------------


class _Mapper:
    """Maps old offsets to expected new ones from a line-level diff (cheap even for long
    texts); inside a changed block the offset is kept proportionally."""

    def __init__(self, old: str, new: str) -> None:
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        self._old_starts = _starts(old_lines)
        self._new_starts = _starts(new_lines)
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines)
        self._blocks = [(self._old_starts[i1], self._old_starts[i2], self._new_starts[j1],
                         self._new_starts[j2]) for _, i1, i2, j1, j2 in matcher.get_opcodes()]
        self._keys = [block[0] for block in self._blocks]

    def __call__(self, offset: int) -> int:
        if not self._blocks:
            return offset
        index = max(0, bisect.bisect_right(self._keys, offset) - 1)
        old_start, old_end, new_start, new_end = self._blocks[index]
        if old_end == old_start:
            return new_start
        share = (offset - old_start) / (old_end - old_start)
        return new_start + round(share * (new_end - new_start))


def _starts(lines: list[str]) -> list[int]:
    starts, total = [0], 0
    for line in lines:
        total += len(line)
        starts.append(total)
    return starts


# -- scoring ----------------------------------------------------------------------------


def _ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.3:
        return matcher.real_quick_ratio()
    return matcher.ratio()


def _context(old: str, new: str, old_span: tuple[int, int], new_span: tuple[int, int]) -> float:
    """How alike the text before and after two spans is (1.0: identical)."""
    before = _ratio(old[max(0, old_span[0] - CONTEXT):old_span[0]],
                    new[max(0, new_span[0] - CONTEXT):new_span[0]])
    after = _ratio(old[old_span[1]:old_span[1] + CONTEXT], new[new_span[1]:new_span[1] + CONTEXT])
    return (before + after) / 2


def _nearness(position: int, expected: int, length: int) -> float:
    return max(0.0, 1.0 - abs(position - expected) / max(200, length / 4))


def figure_signature(text: str) -> tuple[str, tuple[str, ...]]:
    """The figure's digits and number words: what may not change in a fuzzy placement.

    The number words are the grammar's own (:data:`claimset.grammar.numbers.NUMBER_WORDS`),
    so a claim on "tripled" is never placed on "quadrupled"."""
    from claimset.grammar.numbers import NUMBER_WORDS  # the grammar compiles on first import

    words = tuple(word for word in re.findall(r"[a-z]+", text.casefold())
                  if word in NUMBER_WORDS)
    return "".join(re.findall(r"[0-9]", text)), words


def _occurrences(text: str, needle: str, expected: int) -> list[int]:
    """Where ``needle`` occurs, the nearest to ``expected`` first, at most MAX_CANDIDATES."""
    found: list[int] = []
    position = text.find(needle)
    while position >= 0 and len(found) < 20 * MAX_CANDIDATES:
        found.append(position)
        position = text.find(needle, position + 1)
    found.sort(key=lambda offset: abs(offset - expected))
    return found[:MAX_CANDIDATES]


# -- placing one span --------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Span:
    start: int
    end: int
    text: str
    figure: tuple[int, int, str] | None = None  # a claim's figure inside the quote


@attrs.frozen
class _Miss:
    why: str
    #: the text is there more than once and nothing tells which: no fuzzy match can either
    ambiguous: bool = False


def locate_quote(text: str, exact: str, *, prefix: str = "", suffix: str = "",
                 expected: int = 0) -> tuple[int, int] | str:
    """Where a quote given by its words (a W3C TextQuoteSelector) is in ``text``, or why
    it cannot be placed.

    The same search as re-anchoring: every occurrence of ``exact`` (the nearest
    to ``expected`` first, at most MAX_CANDIDATES), each scored on how alike the
    text before and after it is to ``prefix`` and ``suffix``.  The best wins when
    it beats the runner-up by TIE_MARGIN; a short quote also needs its context.
    """
    if not exact:
        return "the quote selector has no exact text"
    hits = _occurrences(text, exact, expected)
    if not hits:
        return "the quote's exact text is not in the source"
    if len(hits) == 1 and (len(exact) >= SHORT_SPAN or not (prefix or suffix)):
        return hits[0], hits[0] + len(exact)

    def context(hit: int) -> float:
        before = _ratio(prefix, text[max(0, hit - len(prefix)):hit]) if prefix else 0.0
        end = hit + len(exact)
        after = _ratio(suffix, text[end:end + len(suffix)]) if suffix else 0.0
        return (before + after) / ((prefix != "") + (suffix != "") or 1)

    scored = sorted(((context(hit), hit) for hit in hits),
                    key=lambda item: (-item[0], abs(item[1] - expected)))
    best_context, best = scored[0]
    if len(scored) > 1 and scored[1][0] > best_context - TIE_MARGIN:
        return (f"the quote occurs {len(hits)} times and its prefix and suffix do not tell "
                "which is meant")
    if len(exact) < SHORT_SPAN and best_context < MIN_CONTEXT_RATIO:
        return "the short quote occurs only in another context"
    return best, best + len(exact)


def _place_exact(old: str, new: str, span: _Span, expected: int) -> Placement | _Miss:
    """The exact placement, or why there is none."""
    if new[span.start:span.end] == span.text and (
            len(span.text) >= SHORT_SPAN
            or _context(old, new, (span.start, span.end), (span.start, span.end))
            >= MIN_CONTEXT_RATIO):
        return Placement(target="", kind="kept", old=(span.start, span.end),
                         new=(span.start, span.end),
                         figure=span.figure[:2] if span.figure is not None else None,
                         score=1.0, why="unchanged")
    hits = _occurrences(new, span.text, expected)
    if not hits:
        return _Miss("the exact text is gone")
    scored = sorted(((_context(old, new, (span.start, span.end),
                               (hit, hit + len(span.text))), hit) for hit in hits),
                    key=lambda item: (-item[0], item[1] != span.start,
                                      abs(item[1] - expected)))
    best_context, best = scored[0]
    if len(scored) > 1 and scored[1][0] > best_context - TIE_MARGIN and best != span.start:
        return _Miss(f"the text occurs {len(hits)} times and the context does not tell which "
                     "is this one", ambiguous=True)
    if len(span.text) < SHORT_SPAN and best_context < MIN_CONTEXT_RATIO:
        return _Miss("the short text occurs only in another context")
    kind = "kept" if best == span.start else "exact"
    figure = None
    if span.figure is not None:
        shift = best - span.start
        figure = (span.figure[0] + shift, span.figure[1] + shift)
    return Placement(target="", kind=kind, old=(span.start, span.end),
                     new=(best, best + len(span.text)), figure=figure, score=1.0,
                     why="unchanged" if kind == "kept" else
                     f"moved by {best - span.start:+d} code points")


def _align_start(new: str, figure_start: int, head: str) -> int:
    """Where the quote's text before the figure (``head``) starts in the new text."""
    if not head:
        return figure_start
    slack = max(12, len(head) // 2)
    low = max(0, figure_start - len(head) - slack)
    window = new[low:figure_start]
    blocks = [block for block in difflib.SequenceMatcher(None, head, window, autojunk=False)
              .get_matching_blocks() if block.size >= min(3, len(head))]
    if not blocks:
        return max(low, figure_start - len(head))
    first = blocks[0]
    return min(figure_start, max(low, low + first.b - first.a))


def _align_end(new: str, figure_end: int, tail: str) -> int:
    """Where the quote's text after the figure (``tail``) ends in the new text."""
    if not tail:
        return figure_end
    slack = max(12, len(tail) // 2)
    high = min(len(new), figure_end + len(tail) + slack)
    window = new[figure_end:high]
    blocks = [block for block in difflib.SequenceMatcher(None, tail, window, autojunk=False)
              .get_matching_blocks() if block.size >= min(3, len(tail))]
    if not blocks:
        return min(high, figure_end + len(tail))
    last = blocks[-1]
    return max(figure_end, min(high, figure_end + last.b + last.size + len(tail)
                               - (last.a + last.size)))


def _figure_candidates(new: str, figure_text: str, expected: int,
                       extracted: list[Any] | None) -> Iterator[tuple[int, int]]:
    for hit in _occurrences(new, figure_text, expected):
        yield hit, hit + len(figure_text)
    signature = figure_signature(figure_text)
    for candidate in extracted or ():
        if candidate.text != figure_text and figure_signature(candidate.text) == signature:
            yield candidate.start, candidate.end


def _place_fuzzy(old: str, new: str, span: _Span, expected: int,
                 extracted: list[Any] | None) -> Placement | _Miss:
    assert span.figure is not None
    figure_start, figure_end, figure_text = span.figure
    head = span.text[:figure_start - span.start]
    tail = span.text[figure_end - span.start:]
    best: tuple[float, float, float, int, int, int, int] | None = None
    for new_figure_start, new_figure_end in _figure_candidates(
            new, figure_text, expected + (figure_start - span.start), extracted):
        start = _align_start(new, new_figure_start, head)
        end = _align_end(new, new_figure_end, tail)
        quote = _ratio(span.text, new[start:end])
        if quote < MIN_QUOTE_RATIO:
            continue
        context = _context(old, new, (span.start, span.end), (start, end))
        score = 0.6 * quote + 0.3 * context + 0.1 * _nearness(start, expected, len(new))
        if best is None or score > best[0]:
            best = (score, quote, context, start, end, new_figure_start, new_figure_end)
    if best is None:
        return _Miss(f"the figure {figure_text!r} is no longer in the text"
                     if figure_text not in new else
                     "no passage like the quote contains the figure")
    score, quote, context, start, end, new_figure_start, new_figure_end = best
    if context < MIN_CONTEXT_RATIO or score < MIN_SCORE:
        return _Miss(f"the best match (quote {quote:.2f}, context {context:.2f}, score "
                     f"{score:.2f}) is too weak: a look-alike passage is not the same one")
    return Placement(target="", kind="fuzzy", old=(span.start, span.end), new=(start, end),
                     figure=(new_figure_start, new_figure_end), score=round(score, 3),
                     why=f"quote {quote:.2f} alike, context {context:.2f}")


def place(old: str, new: str, span: _Span, *, mapper: _Mapper | None = None,
          extracted: list[Any] | None = None) -> Placement:
    """Place one span (a claim's quote with its figure, or an exclusion) in ``new``."""
    expected = (mapper or _Mapper(old, new))(span.start)
    placed = _place_exact(old, new, span, expected)
    if isinstance(placed, _Miss) and span.figure is not None and not placed.ambiguous:
        placed = _place_fuzzy(old, new, span, expected, extracted)
    if isinstance(placed, Placement):
        return placed
    return Placement(target="", kind="orphaned", old=(span.start, span.end), why=placed.why)


# -- a whole source ----------------------------------------------------------------------


def _claim_span(claim: Any) -> _Span | None:
    if not isinstance(claim, Mapping):
        return None
    quote: Any = claim.get("quote")
    figure: Any = claim.get("figure")
    try:
        return _Span(start=int(quote["start"]), end=int(quote["end"]), text=str(quote["text"]),
                     figure=(int(figure["start"]), int(figure["end"]), str(figure["text"])))
    except (KeyError, TypeError, ValueError):
        return None


def reanchor(old_text: str, new_text: str, document: Mapping[str, Any]) -> Result:
    """How each claim and exclusion of a source document lands in ``new_text``."""
    mapper = _Mapper(old_text, new_text)
    extracted = _extract(new_text)
    placements: list[Placement] = []
    listed = document.get("claims")
    claims: list[Any] = listed if isinstance(listed, list) else []
    for position, claim in enumerate(claims):
        target = str(claim.get("id")) if isinstance(claim, Mapping) else f"claim {position}"
        span = _claim_span(claim)
        if span is None:
            placements.append(Placement(target=target, kind="orphaned", old=(0, 0),
                                        why="not a valid claim", position=position))
            continue
        placed = place(old_text, new_text, span, mapper=mapper, extracted=extracted)
        placements.append(attrs.evolve(placed, target=target, position=position))
    listed = document.get("exclusions")
    items: list[Any] = listed if isinstance(listed, list) else []
    for position, item in enumerate(items):
        try:
            span = _Span(start=int(item["start"]), end=int(item["end"]), text=str(item["text"]))
        except (KeyError, TypeError, ValueError):
            placements.append(Placement(target=f"exclusion {position}", kind="orphaned",
                                        old=(0, 0), why="not a valid exclusion",
                                        is_claim=False, position=position))
            continue
        placed = place(old_text, new_text, span, mapper=mapper)
        placements.append(attrs.evolve(placed, target=f"exclusion {span.text!r}",
                                       is_claim=False, position=position))
    return Result(placements=tuple(placements))


def _extract(text: str) -> list[Any] | None:
    try:
        from claimset.grammar.extract import extract
    except ImportError:  # pragma: no cover - the extractor ships with claimset
        return None
    return list(extract(text))


def review_note(placement: Placement) -> str:
    if placement.kind == "orphaned":
        return (f"reanchor: orphaned ({placement.why}); fix the quote and figure by hand, or "
                "retract the claim")
    return (f"reanchor: placed by fuzzy match, score {placement.score:.2f} ({placement.why}); "
            "check the quote and figure, then delete this field")


def apply(document: Mapping[str, Any], result: Result, new_text: str) -> dict[str, Any]:
    """The source document re-anchored on ``new_text``: offsets, texts, sha256 and length.

    Fuzzy placements get a ``review`` note; orphans keep their old offsets (and
    claims a ``review`` note) so that validation points at them.
    """
    updated: dict[str, Any] = copy.deepcopy(dict(document))
    source = updated["source"]
    source["sha256"] = hashlib.sha256(new_text.encode("utf-8")).hexdigest()
    source["length"] = len(new_text)
    for placement in result.placements:
        group = "claims" if placement.is_claim else "exclusions"
        item = updated[group][placement.position]
        if not isinstance(item, dict):
            continue
        if placement.kind == "orphaned":
            if placement.is_claim:
                item["review"] = review_note(placement)
            continue
        assert placement.new is not None
        start, end = placement.new
        if placement.is_claim:
            assert placement.figure is not None
            item["quote"] = {"start": start, "end": end, "text": new_text[start:end]}
            figure_start, figure_end = placement.figure
            item["figure"] = {"start": figure_start, "end": figure_end,
                              "text": new_text[figure_start:figure_end]}
            if placement.kind == "fuzzy":
                item["review"] = review_note(placement)
        else:
            item.update(start=start, end=end, text=new_text[start:end])
    return updated
