"""The checks of meaning: does a claim say what its text says, whose view it is, and
nothing more?

Each is a pure function of one claim (or one source's exclusions) that reads the
text through :mod:`claimset.grammar`'s meaning rules (sentences, frames, references,
facts, reasons), whose words are :mod:`claimset.core.meaning`'s; the curation
assistant drafts with the same functions, so a rule the checker reports is the rule a
draft follows.

- **Quote scope** (CS220-CS223): a quote is whole sentences, or an excerpt that says so
  (``excerpt``: what it leaves out); an excerpt never leaves out a reporting frame, a
  negation or a hedge that governs its figure.
- **Reporting frames** (CS224, CS225, CS230): a figure that a frame reports ("X argues
  that", "according to X") is X's: ``attribution`` names X with stance ``attributed``,
  ``quoted`` or ``hypothetical``, or ``adopted`` says why the author makes it his own.
- **Back-references** (CS226, CS227): a quote whose first sentence points back ("these
  air attacks", "it") starts at the sentence it points to, or ``refers`` says what the
  words mean.
- **Facts in prose** (CS228, CS229): every number, year, month and name in ``measure``,
  ``period``, ``note`` and ``attribution`` is in the text, the claim's own figure or
  period, a related claim's, or listed in ``added`` with why the curator adds it.
- **Exclusion reasons** (CS408-CS412): ``not a quantity`` only for "one" read as a
  pronoun or an article; ``quoted speech`` inside a quotation; ``name or title``
  beside a name; facts in an exclusion's note as for a claim's.

The checks are registered in :mod:`claimset.check.registry`, layer ``meaning``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from claimset.check.context import CheckedSource, ClaimUnderCheck, claims_of, exclusions_of
from claimset.core.meaning import ADOPTING_STANCES
from claimset.core.problems import Problem
from claimset.grammar.facts import (
    Fact,
    KnownFacts,
    facts_in,
    facts_of_period,
    known_facts,
    text_facts,
)
from claimset.grammar.frames import (
    dropped_frames,
    dropped_governors,
    governing_frames,
    speaker_words,
)
from claimset.grammar.reasons import in_name, in_quotation, pronoun_or_article
from claimset.grammar.references import back_references, first_sentence
from claimset.grammar.sentences import is_whole_sentences

__all__ = [
    "PROSE_FIELDS", "back_reference_problems", "exclusion_reason_problems", "frame_problems",
    "prose_fact_problems", "quote_scope_problems",
]

#: The claim fields whose facts must come from the text, in the order they are reported.
PROSE_FIELDS = ("measure", "period", "note", "attribution")


def _located(under: ClaimUnderCheck) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """The text, the quote and the figure, when the text holds them at their offsets
    (the citation check reports any other case)."""
    text = under.source.text
    claim = under.claim
    quote, figure = claim["quote"], claim["figure"]
    if text is None or not (0 <= quote["start"] <= figure["start"] < figure["end"]
                            <= quote["end"] <= len(text)) \
            or text[quote["start"]:quote["end"]] != quote["text"] \
            or text[figure["start"]:figure["end"]] != figure["text"]:
        return None
    return text, quote, figure


def _shown(words: str, limit: int = 60) -> str:
    flat = " ".join(words.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


# -- quote scope ----------------------------------------------------------------------


def quote_scope_problems(under: ClaimUnderCheck) -> list[Problem]:
    """A quote is whole sentences (CS220), or an excerpt that says what it leaves out and
    keeps every frame (CS221), negation or hedge (CS222) governing its figure; an
    ``excerpt`` on whole sentences is stale (CS223)."""
    located = _located(under)
    if located is None:
        return []
    text, quote, figure = located
    excerpt = under.claim.get("excerpt")
    whole = is_whole_sentences(text, quote["start"], quote["end"])
    problems: list[Problem] = []
    if whole:
        if excerpt:
            problems.append(under.problem(
                "CS223", "the quote is whole sentences, yet 'excerpt' says it leaves words "
                         "out: delete 'excerpt'", "/excerpt"))
        return problems
    if not excerpt:
        problems.append(under.problem(
            "CS220", f"the quote {_shown(quote['text'])!r} is not whole sentences: widen it "
                     "to the sentence(s) that hold the figure, or mark it an excerpt with "
                     "'excerpt' saying what it leaves out", "/quote"))
    span = (quote["start"], quote["end"])
    at = (figure["start"], figure["end"])
    for frame in dropped_frames(text, span, at):
        problems.append(under.problem(
            "CS221", f"the quote leaves out the reporting frame {_shown(frame.text)!r}, "
                     "which governs the figure: widen the quote to include it (an excerpt may "
                     "not drop whose view the figure is)", "/quote"))
    for governor in dropped_governors(text, span, at):
        problems.append(under.problem(
            "CS222", f"the quote leaves out the {governor.kind} {governor.text!r}, which "
                     "governs the figure: widen the quote to include it (an excerpt may not "
                     "drop what changes what the figure says)", "/quote"))
    return problems


# -- reporting frames -------------------------------------------------------------------


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _content(words: str) -> frozenset[str]:
    return frozenset(word.casefold().removesuffix("'s").removesuffix("’s")
                     for word in _WORD.findall(words))


def frame_problems(under: ClaimUnderCheck) -> list[Problem]:
    """A figure a reporting frame governs says whose it is (CS224); its attribution names
    the frame's speaker (CS225); ``adopted`` without a frame is stale (CS230)."""
    located = _located(under)
    if located is None:
        return []
    text, _, figure = located
    claim = under.claim
    frames = governing_frames(text, figure["start"], figure["end"])
    adopted = claim.get("adopted")
    if not frames:
        if adopted:
            return [under.problem("CS230", "no reporting frame governs the figure, yet "
                                           "'adopted' says why the author adopts it: delete "
                                           "'adopted'", "/adopted")]
        return []
    frame = frames[0]
    attribution = claim.get("attribution")
    answered = bool(attribution) and claim.get("stance") in ADOPTING_STANCES
    if not answered and not adopted:
        if {"attribution", "stance"} & set(claim.get("drafted") or ()):
            return []  # a machine's draft no person has confirmed: CS216 says check it first
        said = "a quotation" if frame.kind == "quotation" else f"the frame {_shown(frame.text)!r}"
        return [under.problem(
            "CS224", f"the figure is reported by {said}: name whose figure it is in "
                     "'attribution' (stance attributed, quoted or hypothetical), or say in "
                     "'adopted' why the author takes it as his own", "/attribution")]
    if answered and attribution:
        for candidate in frames:
            speaker = speaker_words(text, candidate)
            if speaker and not speaker & _content(attribution):
                shown = text[candidate.speaker[0]:candidate.speaker[1]] \
                    if candidate.speaker is not None else ""
                return [under.problem(
                    "CS225", f"attribution {attribution!r} does not name the frame's speaker "
                             f"{_shown(shown)!r}: name who the text says reports the figure",
                    "/attribution")]
    return []


# -- back-references --------------------------------------------------------------------


def _refers(claim: dict[str, Any]) -> list[dict[str, Any]]:
    refers = claim.get("refers")
    return [item for item in refers if isinstance(item, dict)] if isinstance(refers, list) \
        else []


def back_reference_problems(under: ClaimUnderCheck) -> list[Problem]:
    """A quote's first sentence that points back names what it points to (CS226); every
    ``refers`` entry's words are in the quote (CS227)."""
    located = _located(under)
    if located is None:
        return []
    text, quote, _ = located
    refers = _refers(under.claim)
    low, high = first_sentence(text, quote["start"], quote["end"])
    explained: list[tuple[int, int]] = []
    problems: list[Problem] = []
    for number, item in enumerate(refers):
        words = str(item.get("words", ""))
        at = text.find(words, quote["start"], quote["end"]) if words else -1
        if at == -1:
            problems.append(under.problem(
                "CS227", f"'refers' names {words!r}, which the quote does not hold: give the "
                         "quote's own words", f"/refers/{number}/words"))
            continue
        while at != -1:
            explained.append((at, at + len(words)))
            at = text.find(words, at + 1, quote["end"])
    for reference in back_references(text, low, high):
        if any(start <= reference.start and reference.end <= end for start, end in explained):
            continue
        phrase = text[reference.phrase[0]:reference.phrase[1]]
        problems.append(under.problem(
            "CS226", f"the quote's first sentence points back with {_shown(phrase)!r}: start "
                     "the quote at the sentence it points to, or say in 'refers' what "
                     f"{phrase!r} refers to", "/quote"))
    return problems


# -- facts in prose ----------------------------------------------------------------------


def _numbers(item: dict[str, Any]) -> Iterator[float]:
    for key in ("value", "lower", "upper"):
        value = item.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                yield float(value)
            except OverflowError:  # beyond a float (CS116 says so): states no fact here
                continue


@attrs.frozen
class _Relatives:
    """One source's claims by id, and by the id each of their relations names: built once
    per source (the checks see its claims one after another), not once per claim."""

    data: object
    by_id: dict[str, dict[str, Any]]
    naming: dict[str, list[dict[str, Any]]]


_last_relatives: list[_Relatives] = []


def _relatives(checked: CheckedSource) -> _Relatives:
    data = checked.entry.data
    if _last_relatives and _last_relatives[0].data is data:
        return _last_relatives[0]
    by_id: dict[str, dict[str, Any]] = {}
    naming: dict[str, list[dict[str, Any]]] = {}
    for position, other in claims_of(checked):
        if not checked.valid_at(f"/claims/{position}"):
            continue
        by_id[other["id"]] = other
        for relation in other.get("relations") or ():
            for name in relation.get("of") or ():
                if isinstance(name, str):
                    naming.setdefault(name, []).append(other)
    _last_relatives[:] = [_Relatives(data, by_id, naming)]
    return _last_relatives[0]


def _related(checked: CheckedSource, claim: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims of the source that this claim's relations name, and those whose
    relations name it (those that match the schema)."""
    relations = claim.get("relations")
    relatives = _relatives(checked)
    named = [relatives.by_id[name] for relation in relations or ()
             for name in relation.get("of") or () if isinstance(name, str)
             and name in relatives.by_id] if relations else []
    return [other for other in [*named, *relatives.naming.get(claim["id"], ())]
            if other is not claim]


def _added_facts(item: dict[str, Any]) -> KnownFacts:
    added = item.get("added")
    phrases = [str(entry.get("words", "")) for entry in added if isinstance(entry, dict)] \
        if isinstance(added, list) else []
    return known_facts(*phrases, periods=phrases)


def _unknown(facts: Iterable[Fact], *known: KnownFacts) -> list[str]:
    missing: list[str] = []
    for fact in facts:
        if not any(source.knows(fact) for source in known) and fact.text not in missing:
            missing.append(fact.text)
    return missing


def prose_fact_problems(under: ClaimUnderCheck) -> list[Problem]:
    """Numbers, years, months and names in measure, period, note and attribution that the
    text, the claim's figure and period, related claims and ``added`` do not state
    (CS228); ``added`` words no field uses (CS229)."""
    text = under.source.text
    if text is None:
        return []
    claim = under.claim
    from_text = text_facts(text)
    unknown: dict[str, list[Fact]] = {}
    # A field a machine drafted waits for a person (CS216 says check it first), as CS224
    # waits for a drafted attribution: a period resolved from "last year" is a proposal.
    drafted = set(claim.get("drafted") or ())
    for field in PROSE_FIELDS:
        if field in drafted:
            continue
        prose = claim.get(field)
        if isinstance(prose, str) and prose:
            facts = facts_of_period(prose) if field == "period" else facts_in(prose)
            missing = [fact for fact in facts if not from_text.knows(fact)]
            if missing:
                unknown[field] = missing
    problems: list[Problem] = []
    if unknown:  # most facts are the text's: only then is the rest worth building
        related = _related(under.source, claim)
        others = known_facts(
            *(str(other["figure"]["text"]) for other in related),
            *(str(relation.get("note") or "") for relation in claim.get("relations") or ()
              if isinstance(relation, dict)),
            values=[value for other in related for value in _numbers(other)],
            periods=[str(other["period"]) for other in related if other.get("period")])
        own = known_facts(
            str(claim["figure"]["text"]),
            values=[*_numbers(claim), *(value for relation in claim.get("relations") or ()
                                        if isinstance(relation, dict)
                                        for value in _numbers(relation))],
            periods=[str(claim["period"])] if claim.get("period") else [])
        added = _added_facts(claim)
        for field, facts in unknown.items():
            # A period is checked against the text and related claims, not against itself.
            sources = (others, added) if field == "period" else (own, others, added)
            words = _unknown(facts, *sources)
            if words:
                listed = ", ".join(repr(word) for word in words)
                them = "it" if len(words) == 1 else "them"
                problems.append(under.problem(
                    "CS228", f"{field} says {listed}; the text does not: correct it, or list "
                             f"{them} in 'added' with why you add {them}", f"/{field}"))
    if claim.get("added"):
        problems.extend(_stale_added(claim, [claim.get(field) for field in PROSE_FIELDS],
                                     under.problem, "CS229"))
    return problems


def _stale_added(item: dict[str, Any], prose: list[Any], problem: Any,
                 code: str) -> list[Problem]:
    added = item.get("added")
    if not isinstance(added, list):
        return []
    written = " ".join(str(value) for value in prose if isinstance(value, str))
    found: list[Problem] = []
    for number, entry in enumerate(added):
        words = str(entry.get("words", "")) if isinstance(entry, dict) else ""
        if words and words not in written:
            found.append(problem(code, f"'added' lists {words!r}, which no prose field says: "
                                       "delete the entry, or write the words as added",
                                 f"/added/{number}/words"))
    return found


# -- exclusions ---------------------------------------------------------------------------


def exclusion_reason_problems(checked: CheckedSource,
                              candidates: list[Any]) -> Iterator[Problem]:
    """Exclusion reasons that say what the grammar reads: ``not a quantity`` only on "one"
    as a pronoun or article (CS408), ``quoted speech`` inside a quotation (CS409), ``name
    or title`` beside a name (CS410); facts in an exclusion's note (CS411) and stale
    ``added`` entries (CS412)."""
    text = checked.text
    if text is None:
        return
    from_text = text_facts(text)
    spans = {(candidate.start, candidate.end) for candidate in candidates}
    for position, item in exclusions_of(checked):
        here = f"/exclusions/{position}"
        start, end, words = item["start"], item["end"], item["text"]
        if not (0 <= start < end <= len(text)) or text[start:end] != words:
            continue  # CS402 says so
        if spans and (start, end) not in spans:
            continue  # no number the extractor finds: CS405 says remove it
        reason = item["reason"]
        if reason == "not a quantity" and pronoun_or_article(text, start, end) is None:
            yield checked.problem(
                "CS408", f"reason 'not a quantity' on {words!r}, which counts something: "
                         "'not a quantity' is only 'one' as a pronoun or an article; cite a "
                         "count as a claim (a vague count is a lower bound), or exclude it "
                         "as 'rhetorical' or 'quoted speech' if it is one", here + "/reason")
        elif reason == "quoted speech" and not in_quotation(text, start, end):
            yield checked.problem(
                "CS409", f"reason 'quoted speech' on {words!r}, which is not inside "
                         "quotation marks: choose the reason that fits, or say in the note "
                         "whose unmarked speech it is", here + "/reason")
        elif reason == "name or title" and not in_name(text, start, end):
            yield checked.problem(
                "CS410", f"reason 'name or title' on {words!r}, which stands beside no "
                         "capitalised word of a name: choose the reason that fits",
                here + "/reason")
        note = item.get("note")
        if isinstance(note, str) and note and "note" not in (item.get("drafted") or ()):
            missing = _unknown(facts_in(note), from_text, known_facts(words),
                               _added_facts(item))
            if missing:
                listed = ", ".join(repr(word) for word in missing)
                them = "it" if len(missing) == 1 else "them"
                yield checked.problem(
                    "CS411", f"note says {listed}; the text does not: correct it, or list "
                             f"{them} in 'added' with why you add {them}", here + "/note")
        yield from _stale_added(item, [note], lambda code, message, pointer, at=here:
                                checked.problem(code, message, at + pointer), "CS412")
