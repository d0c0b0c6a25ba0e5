"""Reporting frames, and the negations and hedges that govern a figure.

A *reporting frame* is the part of a sentence that says the rest is someone else's view
or figure: "Almost everyone argues that ...", "... according to the World Health
Organisation", "Critics point to ...", "it is claimed that ...", "..., he said.".  A
frame *governs* a figure when the figure lies in what it reports (its scope) and not in
who reports it (its speaker): in "At least two former ministers ... have revealed that
the Cabinet never saw ...", "two" is in the speaker, so the frame does not govern it.

A *governing word* is a negation ("not", "never", "little reason to") or a hedge
("perhaps", "would", "if") in the figure's clause (:mod:`claimset.grammar._prose`), a
conditional clause that leads into it ("If X, ... another 200,000 would ..."), or the
qualifier words the number grammar reads right before or after the figure ("at least",
"some", "or so").  A quote that leaves any of these out changes what its figure says.

The words are :mod:`claimset.core.meaning`'s; the checker
(:mod:`claimset.check.meaning`) and the curation assistant read frames only here.
"""

from __future__ import annotations

import re
from typing import Literal

import attrs

from claimset.core.meaning import (
    AUTHOR_VOICES,
    BE_FORMS,
    CLAUSE_OPENERS,
    CONDITIONAL_SUBORDINATORS,
    FRAME_AUXILIARIES,
    FRAME_PREPOSITIONS,
    FRAME_VERBS,
    FRAME_VERBS_NEEDING_THAT,
    GOVERNING_HEDGES,
    GOVERNING_NEGATIONS,
    IMPERSONAL_FRAME_PARTICIPLES,
    NEGATING_LITTLE_NOUNS,
    NOT_REPORTED_CLAIMS,
    NOT_REPORTED_THOUGHTS,
    NOT_SPEAKER_WORDS,
    PASSIVE_FRAME_PARTICIPLES,
    POSTPOSED_FRAME_PHRASES,
    POSTPOSED_FRAME_VERBS,
    SUBORDINATORS,
    VIEW_NOUNS,
    WORDS_BEFORE_A_NOUN,
)
from claimset.grammar import _lexicon as lex
from claimset.grammar._prose import (
    QUOTE_MARKS,
    Word,
    WordIndex,
    clause_of,
    clauses,
    first_words,
    quotations,
    words,
)
from claimset.grammar.sentences import sentence_around

__all__ = [
    "Frame", "FrameKind", "Governor", "GovernorKind", "dropped_frames", "dropped_governors",
    "frames_in", "governing_frames", "governing_words", "speaker_words",
]

FrameKind = Literal["verb", "postposed", "preposition", "possessive", "passive", "impersonal",
                    "quotation"]
GovernorKind = Literal["negation", "hedge", "qualifier"]

_SPEAKER_END = re.compile(r"[,.;:!?()\[\]—–\"“”]|\s--\s|\s['‘’](?=\s|$)|$")
_FRAME_SPAN_GAP = re.compile(r"\s*(?:that\b)?\s*:?\s*", re.IGNORECASE)
_STRONG_BEFORE = re.compile(r"[;:(\[]|\s[—–]\s|—|[.!?…]['’\"”]?\s+(?=[A-Z'‘\"“])")
# Words after which a new subject starts, when no comma stands between them and the verb.
_SUBJECT_AFTER = re.compile(
    r"\b(?:(?:that|and)\s+(?=(?:the|a|an|this|these|those|he|she|they|it|we|i|[A-Z])\b)|"
    r"(?:when|because|if|although|though|while|since|yet|but|whereas|unless)\s)")
_LEADING_SUBORDINATE = re.compile(r"(?:as|when|if|although|though|because|since|while|"
                                  r"after|before|once|whereas|unless)\b[^,]*,\s*",
                                  re.IGNORECASE)
_CUT_SCOPE = re.compile(r";|\s(?:but|yet)\s(?!also\b)", re.IGNORECASE)
_SET_OFF = ",–—-\"'“”‘’("


@attrs.frozen
class Frame:
    """A reporting frame in a sentence.

    ``start``/``end`` are the frame's own words ("Almost everyone argues that",
    "according to the World Health Organisation"); ``speaker`` who reports (None for an
    impersonal frame: "it is claimed that"); ``scope`` what it reports.
    """

    kind: FrameKind
    start: int
    end: int
    text: str
    speaker: tuple[int, int] | None
    scope: tuple[int, int]

    def governs(self, start: int, end: int) -> bool:
        """Whether the words ``start..end`` lie in what the frame reports (and not in its
        speaker or its own words)."""
        low, high = self.scope
        if not (low <= start and end <= high):
            return False
        if self.speaker is not None and start < self.speaker[1] and self.speaker[0] < end:
            return False
        return not (start < self.end and self.start < end)


@attrs.frozen
class Governor:
    """A negation, hedge or qualifier that governs a figure: ``text[start:end]``."""

    kind: GovernorKind
    start: int
    end: int
    text: str


# -- frames ---------------------------------------------------------------------------


_QUOTE_MARK = re.compile(f"[{re.escape(QUOTE_MARKS)}]")
#: Every word a frame can be found by: a sentence without one has no frame (the cheap
#: test that spares most sentences the word-by-word reading).
_FRAME_WORDS = WordIndex(first_words(FRAME_VERBS | POSTPOSED_FRAME_VERBS | PASSIVE_FRAME_PARTICIPLES
                            | VIEW_NOUNS | {max(phrase.split(), key=len)
                                           for phrase in FRAME_PREPOSITIONS}
                            | {phrase.split()[-1] for phrase in POSTPOSED_FRAME_PHRASES}))


def frames_in(text: str, start: int, end: int) -> list[Frame]:
    """Every reporting frame of the sentence ``text[start:end]``, in text order."""
    if not _FRAME_WORDS.any_between(text, start, end):
        return []
    tokens = words(text, start, end)
    found = [*_verb_frames(text, start, end, tokens), *_postposed_frames(text, start, end,
                                                                           tokens),
             *_preposition_frames(text, start, end), *_possessive_frames(text, start, end),
             *_passive_frames(text, start, end, tokens), *_impersonal_frames(text, start, end)]
    found.sort(key=lambda frame: (frame.start, frame.end))
    unique: list[Frame] = []
    for frame in found:
        if not any(other.start <= frame.start and frame.end <= other.end for other in unique):
            unique.append(frame)
    return unique


def governing_frames(text: str, start: int, end: int) -> list[Frame]:
    """The frames of the sentence holding ``text[start:end]`` that govern those words, and
    the quotation around them if they are inside one (a frame of kind ``quotation`` whose
    speaker is the frame that introduces it, if any)."""
    low, high = sentence_around(text, start, end)
    frames = frames_in(text, low, high)
    governing = [frame for frame in frames if frame.governs(start, end)]
    marked = _QUOTE_MARK.search(text, low, start) is not None
    for opened, closed in quotations(text, low, high) if marked else ():
        if opened < start and end <= closed:
            introducer = next((frame for frame in frames if frame.speaker is not None
                               and frame.speaker[1] <= opened), None)
            governing.append(Frame(
                kind="quotation", start=opened, end=closed + 1, text=text[opened:closed + 1],
                speaker=introducer.speaker if introducer is not None else None,
                scope=(opened + 1, closed)))
            break
    return governing


def _is_author(text: str, speaker: tuple[int, int]) -> bool:
    said = words(text, *speaker)
    return not said or said[-1].lower in AUTHOR_VOICES or (len(said) == 1 and said[0].lower
                                                            in AUTHOR_VOICES)


def _speaker_start(text: str, sentence_start: int, before: int, verb: int) -> int:
    """Where the speaker of a verb at ``before`` starts: after the last strong boundary
    (sentence start, ``;``, ``:``, a bracket, a dash), after a word that opens a new
    subject with no comma between it and the verb ("that the Bush administration argued",
    "yet Bremer thought"), after a leading subordinate clause ("As ..., Washington
    concluded"), and past the words that only open a clause ("But", "So when")."""
    begin = sentence_start
    for match in _STRONG_BEFORE.finditer(text, sentence_start, before):
        begin = match.end()
    for match in _SUBJECT_AFTER.finditer(text, begin, before):
        if "," not in text[match.end():verb]:
            begin = match.end()
            break
    leading = _LEADING_SUBORDINATE.match(text, _first_word(text, begin, before), before)
    if leading is not None:
        begin = leading.end()
    for word in words(text, begin, before):
        if word.lower not in CLAUSE_OPENERS:
            return word.start
    return before


def _first_word(text: str, begin: int, before: int) -> int:
    for word in words(text, begin, before):
        if word.lower not in {"but", "and", "so", "yet", "then", "thus", "hence"}:
            return word.start
    return begin


def _verb_frames(text: str, start: int, end: int, tokens: list[Word]) -> list[Frame]:
    frames: list[Frame] = []
    for number, token in enumerate(tokens):
        verb = token.lower
        if verb not in FRAME_VERBS or number == 0:
            continue
        previous = tokens[number - 1]
        if previous.lower in WORDS_BEFORE_A_NOUN or previous.lower.endswith(("'s", "’s")):
            continue  # "the claim", "their estimates", "to believe", "Bremer's view"
        subject = number - 1
        while subject >= 0 and tokens[subject].lower in FRAME_AUXILIARIES | BE_FORMS:
            if tokens[subject].lower in BE_FORMS:
                subject = -1  # "is said", "has been reported": a passive, read elsewhere
                break
            subject -= 1
        if subject < 0 or tokens[subject].lower in {"to", "and", "or", "but"}:
            continue
        following = text[token.end:end].lstrip(" \t")
        if not following or following[0] in ",.;!?)–—":
            continue  # "..., he said." is a postposed frame
        complement = _complement_start(text, token, tokens, number, end)
        if complement is None:
            continue
        speaker = (_speaker_start(text, start, tokens[subject].end, token.start),
                   tokens[subject].end)
        if speaker[0] >= speaker[1] or _is_author(text, speaker):
            continue
        scope_end = end
        cut = _CUT_SCOPE.search(text, complement, end)
        if cut is not None:
            scope_end = cut.start()
        frames.append(Frame(kind="verb", start=speaker[0], end=complement,
                            text=text[speaker[0]:complement].rstrip(),
                            speaker=speaker, scope=(complement, scope_end)))
    return frames


def _complement_start(text: str, token: Word, tokens: list[Word], number: int,
                      end: int) -> int | None:
    """Where what a frame verb reports starts, or None when the verb reports nothing
    here ("held talks", "pointed guns", "claimed 150 lives", "think through")."""
    verb = token.lower
    after = tokens[number + 1] if number + 1 < len(tokens) else None
    if verb in {"point", "points", "pointed"}:
        if after is None or after.lower not in {"to", "out"}:
            return None
        return _skip_that(text, after.end, end)
    if verb in {"think", "thinks", "thought"} and after is not None and \
            after.lower in NOT_REPORTED_THOUGHTS:
        return None
    if verb in {"claim", "claims", "claimed"} and any(
            word.lower in NOT_REPORTED_CLAIMS for word in tokens[number + 1:number + 6]):
        return None
    if verb in {"tell", "tells", "told"}:
        # "told me that", "told reporters:", "told me 'The ...'"
        for word in tokens[number + 1:number + 9]:
            gap = text[token.end:word.start]
            if any(mark in gap for mark in ":'\"‘“"):
                return _skip_that(text, token.end + max(gap.rfind(mark) for mark in
                                                        ":'\"‘“") + 1, end)
            if word.lower == "that":
                return _skip_that(text, word.end, end)
        return None
    gap = text[token.end:after.start if after is not None else end]
    if verb in FRAME_VERBS_NEEDING_THAT and not (
            (after is not None and after.lower == "that") or any(mark in gap for mark in
                                                                 ":'\"‘“")):
        return None
    return _skip_that(text, token.end, end)


def _skip_that(text: str, position: int, end: int) -> int:
    match = _FRAME_SPAN_GAP.match(text, position, end)
    return match.end() if match is not None else position


def _postposed_frames(text: str, start: int, end: int, tokens: list[Word]) -> list[Frame]:
    """"..., he said.", "'...', Tripp argued, '...'", "..., the story goes, ...": a frame
    set off after (or inside) what it reports; it governs its whole sentence."""
    frames: list[Frame] = []
    for number, token in enumerate(tokens):
        if token.lower not in POSTPOSED_FRAME_VERBS:
            continue
        following = text[token.end:end].lstrip(" \t")
        if following and following[0] not in ",.;!?–—'’\"”":
            continue
        first = number
        while first > 0 and number - first < 4 and text[tokens[first - 1].end:
                                                         tokens[first].start].strip() == "":
            first -= 1
        before = text[:tokens[first].start].rstrip(" \t")
        if not before or before[-1] not in _SET_OFF or tokens[first].start <= start:
            continue
        said = tokens[first:number]
        if not said or any(word.lower in BE_FORMS | {"to", "which", "who", "that", "and", "or"}
                           for word in said):
            continue
        speaker = (tokens[first].start, said[-1].end)
        if _is_author(text, speaker):
            continue
        frames.append(Frame(kind="postposed", start=speaker[0], end=token.end,
                            text=text[speaker[0]:token.end], speaker=speaker,
                            scope=(start, end)))
    lowered = text[start:end].casefold()
    for phrase in POSTPOSED_FRAME_PHRASES:
        for match in re.finditer(rf"(?<![\w]){re.escape(phrase)}(?![\w])", lowered):
            at = start + match.start()
            before = text[:at].rstrip(" \t")
            after = text[at + len(phrase):end].lstrip(" \t")
            opens = at == start or (bool(before) and before[-1] in _SET_OFF)
            if opens and (not after or after[0] in ",.;–—-"):
                frames.append(Frame(kind="postposed", start=at, end=at + len(phrase),
                                    text=text[at:at + len(phrase)], speaker=None,
                                    scope=(start, end)))
    return frames


def _speaker_after(text: str, position: int, end: int) -> tuple[int, int]:
    match = _SPEAKER_END.search(text, position, end)
    stop = match.start() if match is not None else end
    return position + (len(text[position:stop]) - len(text[position:stop].lstrip())), \
        position + len(text[position:stop].rstrip())


def _preposition_frames(text: str, start: int, end: int) -> list[Frame]:
    """"according to X", "in the view of X": the sentence is X's."""
    frames: list[Frame] = []
    lowered = text[start:end].casefold()
    for phrase in FRAME_PREPOSITIONS:
        for match in re.finditer(rf"(?<![\w]){re.escape(phrase)}\s+", lowered):
            at = start + match.start()
            speaker = _speaker_after(text, start + match.end(), end)
            if speaker[1] > speaker[0]:
                frames.append(Frame(kind="preposition", start=at, end=speaker[1],
                                    text=text[at:speaker[1]], speaker=speaker,
                                    scope=(start, end)))
    return frames


_POSSESSIVE = re.compile(
    r"\b(?:in|by|on)\s+((?:the\s+)?(?:[\w-]+\s+){0,4}?[\w-]+['’]s?)\s+(?:own\s+)?(\w+)\b",
    re.IGNORECASE)


def _possessive_frames(text: str, start: int, end: int) -> list[Frame]:
    """"in X's view", "by X's count", "on X's estimate": the sentence is X's."""
    frames: list[Frame] = []
    for match in _POSSESSIVE.finditer(text, start, end):
        owner = match.group(1)
        if match.group(2).casefold() not in VIEW_NOUNS or not owner.endswith(("'s", "’s", "s'",
                                                                              "s’")):
            continue
        if owner.casefold().rstrip("'’s") in AUTHOR_VOICES or owner.casefold().split()[-1] in {
                "my", "our", "my own", "our own"}:
            continue
        frames.append(Frame(kind="possessive", start=match.start(), end=match.end(),
                            text=match.group(), speaker=match.span(1), scope=(start, end)))
    return frames


def _passive_frames(text: str, start: int, end: int, tokens: list[Word]) -> list[Frame]:
    """"the deaths reported by X", "were estimated by X": the clause is X's."""
    frames: list[Frame] = []
    for number, token in enumerate(tokens[:-1]):
        if token.lower in PASSIVE_FRAME_PARTICIPLES and tokens[number + 1].lower == "by" \
                and number > 0 and tokens[number - 1].lower != "to":
            speaker = _speaker_after(text, tokens[number + 1].end, end)
            if speaker[1] > speaker[0] and not _is_author(text, speaker):
                frames.append(Frame(kind="passive", start=token.start, end=speaker[1],
                                    text=text[token.start:speaker[1]], speaker=speaker,
                                    scope=(start, end)))
    return frames


_PARTICIPLES = "|".join(sorted(IMPERSONAL_FRAME_PARTICIPLES, key=len, reverse=True))
_IT_IS = re.compile(
    rf"\bit\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be|may\s+be|might\s+be)\s+"
    rf"(?:\w+ly\s+)?(?:{_PARTICIPLES})\s+that\b", re.IGNORECASE)
_SAID_TO = re.compile(
    rf"\b(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    rf"(?:{_PARTICIPLES})\s+to\b", re.IGNORECASE)


def _impersonal_frames(text: str, start: int, end: int) -> list[Frame]:
    """"it is claimed that ..." (what follows), "X is said to ..." (the clause)."""
    frames: list[Frame] = []
    for match in _IT_IS.finditer(text, start, end):
        frames.append(Frame(kind="impersonal", start=match.start(), end=match.end(),
                            text=match.group(), speaker=None,
                            scope=(_skip_that(text, match.end(), end), end)))
    for match in _SAID_TO.finditer(text, start, end):
        frames.append(Frame(kind="impersonal", start=match.start(), end=match.end(),
                            text=match.group(), speaker=None, scope=(start, end)))
    return frames


def speaker_words(text: str, frame: Frame) -> frozenset[str]:
    """The words that name a frame's speaker ("iraq", "body", "count"), case-folded and
    without a possessive; empty when the speaker is impersonal or only a pronoun."""
    if frame.speaker is None:
        return frozenset()
    return frozenset(word.lower.removesuffix("'s").removesuffix("’s")
                     for word in words(text, *frame.speaker)
                     if word.lower not in NOT_SPEAKER_WORDS and not word.text[0].isdigit())


# -- negations, hedges, qualifiers ------------------------------------------------------


def _qualifier_before(text: str, start: int) -> tuple[int, int] | None:
    window = text[max(0, start - 40):start].casefold()
    best: tuple[int, int] | None = None
    for phrase in lex.QUALIFIERS:
        if window.endswith(phrase + " ") and (len(window) == len(phrase) + 1 or not window[
                -len(phrase) - 2].isalnum()):
            at = start - len(phrase) - 1
            if best is None or at < best[0]:
                best = (at, start - 1)
    return best


def _qualifier_after(text: str, end: int) -> tuple[int, int] | None:
    window = text[end:end + 30].casefold()
    best: tuple[int, int] | None = None
    for phrase in lex.QUALIFIERS_AFTER:
        for gap in (" ", "-", ""):
            piece = gap + phrase
            if window.startswith(piece) and (len(window) == len(piece) or not window[
                    len(piece)].isalnum()) and (best is None or end + len(piece) > best[1]):
                best = (end + len(gap), end + len(piece))
    return best


def governing_words(text: str, start: int, end: int) -> list[Governor]:
    """The negations, hedges and qualifier words that govern the figure ``text[start:end]``:
    those of its clause, the conditional that leads into its clause, and the qualifier the
    number grammar reads beside it."""
    low, high = sentence_around(text, start, end)
    clause = clause_of(text, low, high, start)
    found: list[Governor] = []
    tokens = words(text, *clause)
    for number, token in enumerate(tokens):
        if start <= token.start < end:
            continue
        kind = _governor_kind(token, tokens, number, at_sentence_start=token.start == low)
        if kind is not None:
            found.append(Governor(kind, token.start, token.end, token.text))
    previous = [span for span in clauses(text, low, high) if span[1] <= clause[0]]
    if previous:
        lead = words(text, *previous[-1])
        if lead and lead[0].lower in CONDITIONAL_SUBORDINATORS and \
                text[previous[-1][0]:previous[-1][1]].rstrip().endswith(","):
            found.append(Governor("hedge", lead[0].start, lead[0].end, lead[0].text))
    for span in (_qualifier_before(text, start), _qualifier_after(text, end)):
        if span is not None and not any(governor.start < span[1] and span[0] < governor.end
                                        for governor in found):
            found.append(Governor("qualifier", span[0], span[1], text[span[0]:span[1]]))
    found.sort(key=lambda governor: governor.start)
    return found


def _governor_kind(token: Word, tokens: list[Word], number: int, *,
                   at_sentence_start: bool) -> GovernorKind | None:
    word = token.lower
    if number + 1 < len(tokens) and tokens[number + 1].lower == "until" and \
            (word == "not" or word.endswith(("n't", "n’t"))):
        return None  # "it was not until December 2006 that ...": when, not whether
    if word.endswith(("n't", "n’t")) or word in GOVERNING_NEGATIONS - {"little"}:
        return "negation"
    if word == "little":
        previous = tokens[number - 1].lower if number > 0 else ""
        following = tokens[number + 1].lower if number + 1 < len(tokens) else ""
        return "negation" if previous != "a" and following in NEGATING_LITTLE_NOUNS else None
    if word in GOVERNING_HEDGES:
        if word == "may" and token.text == "May" and not at_sentence_start:
            return None  # the month
        if word in {"likely", "unlikely"} and number > 0 and \
                tokens[number - 1].lower in {"the", "a", "an", "most", "more", "its", "their"}:
            return None  # "the likely consequences": an adjective of a noun
        if word in SUBORDINATORS and word not in CONDITIONAL_SUBORDINATORS:
            return None
        return "hedge"
    return None


# -- what a quote leaves out -----------------------------------------------------------


def dropped_frames(text: str, quote: tuple[int, int], figure: tuple[int, int]) -> list[Frame]:
    """The frames governing the figure whose own words lie (partly) outside the quote."""
    return [frame for frame in governing_frames(text, *figure) if frame.kind != "quotation"
            and (frame.start < quote[0] or frame.end > quote[1])]


def dropped_governors(text: str, quote: tuple[int, int],
                      figure: tuple[int, int]) -> list[Governor]:
    """The negations, hedges and qualifiers governing the figure that lie outside the
    quote."""
    return [governor for governor in governing_words(text, *figure)
            if governor.start < quote[0] or governor.end > quote[1]]
