"""Words of a draft: the counted noun normalised, places, tags and a measure from the text.

Pure functions of a text and a figure the number grammar read, used by the curation
assistant (:mod:`claimset.contrib.drafts`).  Each says what the text says plainly, or
nothing: a wrong draft costs more than an empty one, because a reviewer may accept it.

* :func:`draft_unit`: the counted noun, lower case, by docs/dataset.md's written rules
  (nationalities and sects counted as persons are ``people``, "non-combatants" are
  ``civilians``; a currency, percent, multiplier or duration is the unit its figure
  states); a bare count takes the noun of a relative clause ("groups, of which there are
  at least twelve") or of the count it continues ("Two million people ... A million and a
  half have been displaced").
* :func:`draft_place`: a place named after a locative preposition right after the figure's
  noun phrase ("bodies were found in Baghdad").
* :func:`draft_tags`: the dataset's tags whose words the figure's clause says.
* :func:`draft_measure`: the figure's noun phrase and what the clause says of it, in the
  text's own words.
* :func:`slug_of`: an id's slug from a measure's words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from claimset.core.curation import (
    ANAPHORIC_PLACE_NOUNS,
    EVENT_COUNTERS,
    FUNCTION_WORDS,
    INSTITUTIONS,
    UNIT_SYNONYMS,
    WEEKDAYS,
)
from claimset.core.meaning import MONTH_NAMES
from claimset.core.vocabulary import STATED_UNIT_KINDS
from claimset.grammar.tense import clause_around

__all__ = ["claim_words", "content_words", "counted_noun", "draft_measure", "draft_place",
           "draft_tags", "draft_unit", "first_start", "normalise_unit", "slug_of", "stem",
           "unique_slug"]

#: Kinds whose unit a figure's own words state: the grammar's reading is the claim's unit
#: (a multiplier's "times" too, one of STATED_UNITS).
STATED_KINDS = STATED_UNIT_KINDS | frozenset({"ratio"})


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_MONTHS_AND_DAYS = frozenset({*(month.casefold() for month in MONTH_NAMES), *WEEKDAYS})
#: Prepositions that say where: "in Baghdad", "across Iraq", "in Basra and Kirkuk".
_PLACE_NAME = r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3}"
_LOCATIVE = re.compile(r"(?:[Ii]n|[Ii]nside|[Aa]cross|[Tt]hroughout|[Ww]ithin)[ \t]+(?P<place>"
                       + _PLACE_NAME
                       + r")(?![\w'’])(?:(?:,[ \t]*|[ \t]+(?:and|or)[ \t]+)(?P<other>"
                       + _PLACE_NAME + r")(?![\w'’]))?")
#: Where a clause ends.
_CLAUSE_END = re.compile(r"[,;:.!?()\[\]\"“”]|\s[—–-]\s|—|–|\s(?:but|and|though|although|while|"
                         r"whereas|because)\s")
#: Auxiliaries between a noun phrase and its participle ("were killed", "have been found").
_AUXILIARY = re.compile(r"^(?:(?:were|was|are|is|be|been|being|have|has|had|will|would|had)"
                        r"[ \t]+)+", re.IGNORECASE)
#: Words before a bare count that say it continues another ("another 200,000", "the
#: number was down to 120", "it was more than double at 1,326").
_CONTINUING = re.compile(r"\b(?P<word>another|further|it|the (?:number|figure|total|toll|count))"
                         r"\b(?![\s\S]*[.;!?])", re.IGNORECASE)
#: "groups, of which there are at least twelve": the noun a relative clause counts.
_RELATIVE_COUNT = re.compile(r"(?P<noun>[A-Za-z][\w-]*)[ \t]*,?[ \t]+of[ \t]+(?:which|whom)[ \t]+"
                             r"there[ \t]+(?:are|were|is|was|have been|had been)[ \t]+"
                             r"(?:[a-z]+[ \t]+){0,2}$")


def stem(word: str) -> str:
    """A word folded for matching: lower case, no possessive, a plural's singular."""
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry content, stemmed, in order."""
    return [stem(word) for word in _WORD.findall(text) if word.casefold() not in FUNCTION_WORDS]


# -- unit ------------------------------------------------------------------------------


def normalise_unit(noun: str, *, capitalised: bool) -> str:
    """A counted noun by the written rules: lower case; a capitalised plural (a
    nationality or sect counted as persons: "Iraqis", "Shias") is ``people``."""
    if capitalised and noun[:1].isupper() and noun.endswith("s"):
        return "people"
    lowered = noun.casefold()
    return UNIT_SYNONYMS.get(lowered, lowered)


def counted_noun(text: str, candidate: Any, earlier: Sequence[Any],
                 sentence: tuple[int, int]) -> str | None:
    """The noun a count counts, as the text writes it: its own ("266 civilians"), a
    relative clause's ("groups, of which there are at least twelve"), or that of the count
    it continues in its sentence or the one before ("another 200,000" after "150,000
    American troops"); None when the text does not give one plainly."""
    if candidate.kind != "count":
        return None
    if isinstance(candidate.unit, str):
        # "on eight different occasions" counts the events its clause tells of (visits,
        # attacks): the text does not name them with a noun
        return None if candidate.unit.casefold() in EVENT_COUNTERS else candidate.unit
    relative = _RELATIVE_COUNT.search(text, max(sentence[0], candidate.start - 80),
                                      first_start(candidate))
    if relative is not None:
        return relative["noun"]
    before_figure = text[max(sentence[0], candidate.start - 60):first_start(candidate)]
    cue = _CONTINUING.search(before_figure)
    if cue is None:
        return None
    # "another 200,000", "200,000 more" continue a count of their own sentence; "it",
    # "the number" may point back to the sentence before.
    reach = sentence[0] if cue["word"].casefold() in ("another", "further") else -1
    for before in reversed(earlier):
        if before.start < reach:
            break
        if before.kind == "count" and isinstance(before.unit, str):
            return str(before.unit)
        if before.kind in ("count", "money", "percent", "rate"):
            return None  # a nearer figure of another sort: not plainly the same noun
    return None


def draft_unit(text: str, candidate: Any, earlier: Sequence[Any],
               sentence: tuple[int, int]) -> str | None:
    """The claim's unit for ``candidate``, or None when the text does not say it plainly.

    ``earlier`` are the grammar's figures before it in its sentence and the one before
    (nearest last), for a bare count that continues another ("another 200,000").
    """
    unit = candidate.unit
    if candidate.kind in STATED_KINDS:
        return unit if isinstance(unit, str) else None
    if candidate.kind == "rate":
        # "attacks per month" is a rate's unit; "per month" alone names no noun
        return unit if isinstance(unit, str) and not unit.startswith("per ") else None
    noun = counted_noun(text, candidate, earlier, sentence)
    return normalise_unit(noun, capitalised=True) if noun is not None else None


def first_start(candidate: Any) -> int:
    """Where a figure's words start, its qualifier's included ("at least 266")."""
    span = candidate.qualifier_span
    start: int = min(candidate.start, span[0]) if span else candidate.start
    return start


# -- place -----------------------------------------------------------------------------


def draft_place(text: str, candidate: Any, sentence: tuple[int, int], *,
                scope: tuple[int, int] | None = None) -> str | None:
    """The place the text names for the figure: a capitalised name after a locative
    preposition in the words right after the figure's noun phrase, up to the clause's
    end, or before the figure in its clause ("In Basra, police found 20 bodies"; within
    ``scope``, what a reporting frame that governs the figure reports: "Officials in
    Washington said" names where the speakers are); None when there is none, or more
    than one."""
    end = _clause_end(text, candidate.end, sentence[1])
    found: set[str] = set()
    for match in _LOCATIVE.finditer(text, candidate.end, sentence[1]):
        if match.start() >= end:
            break
        found.update(_places(text, match))
    clause = clause_around(text, candidate.start)
    low = max(clause[0], sentence[0], scope[0] if scope is not None else 0)
    for match in _LOCATIVE.finditer(text, low, first_start(candidate)):
        if match.start() == low or not text[match.start() - 1].isalnum():
            found.update(_places(text, match))
    return found.pop() if len(found) == 1 else None


def _places(text: str, match: re.Match[str]) -> set[str]:
    return {name for name, at in ((match["place"], match.end("place")),
                                  (match["other"], match.end("other")))
            if name and _is_place(name, text, at)}


def _is_place(name: str, text: str, end: int) -> bool:
    first = name.split()[0].casefold()
    if first in _MONTHS_AND_DAYS or first in FUNCTION_WORDS or \
            name.split()[-1].casefold() in INSTITUTIONS:
        return False
    return not text.startswith(("'s", "’s"), end)


def _clause_end(text: str, start: int, limit: int) -> int:
    match = _CLAUSE_END.search(text, start, limit)
    return match.start() if match is not None else limit


# -- tags ------------------------------------------------------------------------------


#: Words of a tag that say nothing of its topic ("us-troops-in-iraq": "in").
_TAG_GLUE = frozenset({"in", "of", "the", "and", "on", "for", "to", "a", "an", "by", "at"})
#: "US", "U.S.", "UK": the short names a tag writes as one word.
_INITIALISMS = re.compile(r"\b([A-Z])\.([A-Z])\.")


def claim_words(*texts: str) -> set[str]:
    """The words a claim's tags are matched against: its measure, unit and attribution,
    stemmed, initialisms joined ("U.S." is "us")."""
    words: set[str] = set()
    for text in texts:
        joined = _INITIALISMS.sub(r"\1\2", text)
        words |= {stem(word) for word in _WORD.findall(joined)}
    return words


def draft_tags(words: Collection[str], vocabulary: Iterable[str]) -> list[str]:
    """The tags of ``vocabulary`` whose every word (split at hyphens, stemmed) is among
    ``words`` (:func:`claim_words`), in the vocabulary's order."""
    have = set(words)
    chosen = []
    for tag in vocabulary:
        parts = [stem(part) for part in tag.split("-") if part not in _TAG_GLUE]
        if parts and all(part in have for part in parts):
            chosen.append(tag)
    return chosen


# -- measure ---------------------------------------------------------------------------


_PHRASE_WORD = re.compile(r"[ \t]+(?P<w>[A-Za-z0-9][\w'’-]*)")
#: Words a noun phrase's modifiers never are: they end it (or stand before its noun).
_NOT_MODIFIERS = frozenset({"which", "who", "whom", "that", "whose", "and", "or", "but"})
#: Words after which what the clause says of the noun phrase stops being about it.
_PHRASE_STOPS = frozenset({"according", "which", "who", "whom", "that", "whose", "because",
                           "though", "although", "while", "whereas", "and", "but", "or",
                           "if", "unless", "so", "than", "as"})
_PARTICIPLE = re.compile(r"[a-z][a-z-]*(?:ed|en|wn|ne|ught|ept|eft|ound|ung|ut|id)$")
_BE_OR_HAVE = frozenset({"were", "was", "are", "is", "be", "been", "being", "have", "has",
                         "had"})
_HAVE = frozenset({"have", "has", "had"})
#: How many words a measure's participle phrase takes ("killed by US air strikes").
PHRASE_WORDS = 12


def _words_after(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    position = start
    while True:
        match = _PHRASE_WORD.match(text, position, end)
        if match is None:
            return found
        found.append((match.start("w"), match.end("w"), match["w"]))
        position = match.end()


def draft_measure(text: str, candidate: Any, sentence: tuple[int, int], *,
                  noun: str | None) -> str | None:
    """What the figure counts, in the text's words, or None when the text gives no noun
    phrase for it: the counted noun with the modifiers between it and the figure ("close
    family members", "other key decisions"), then a participle phrase the clause says of
    it ("killed by US air strikes", "found in Basra"), at most :data:`PHRASE_WORDS`
    words, stopping at a comma, a relative pronoun, a conjunction or a place only the
    text around says ("found in the city" is "found"); a percent is the "share of" its
    noun phrase."""
    end = _clause_end(text, candidate.end, sentence[1])
    words = _words_after(text, candidate.end, end)
    if candidate.kind == "duration":
        return _duration_measure(text, candidate, sentence, words)
    if words and words[0][2].casefold() == "of":
        words = words[1:]
    if candidate.kind == "percent":
        if not words or (noun is None and not words[0][2][:1].isupper()):
            return None
        noun = noun or words[0][2]
    if not noun:
        return None
    head = next((index for index, (_, _, word) in enumerate(words[:5])
                 if word.casefold() == noun.casefold()), None)
    if head is None and candidate.kind == "count" and not isinstance(candidate.unit, str):
        return noun[:1].upper() + noun[1:]  # a count that continues another: its noun
    if head is None or any(word.casefold() in _NOT_MODIFIERS for _, _, word in words[:head]):
        return None
    phrase = [word for _, _, word in words[:head + 1]]
    rest = words[head + 1:]
    auxiliaries = []
    while rest and rest[0][2].casefold() in _BE_OR_HAVE:
        auxiliaries.append(rest[0][2].casefold())
        rest = rest[1:]
    if rest and _PARTICIPLE.search(rest[0][2].casefold()):
        # "people were killed by" is "people killed by"; "people have gone abroad" keeps
        # its tense: "people who have gone abroad"
        if auxiliaries and auxiliaries[-1] in _HAVE:
            phrase += ["who", *auxiliaries]
        taken = rest[:PHRASE_WORDS]
        for index, (_, _, word) in enumerate(taken):
            if word.casefold() in _PHRASE_STOPS or word.casefold() in _BE_OR_HAVE:
                break
            if _points_back(taken, index):
                break  # "found in the city": which city, the measure cannot say alone
            phrase.append(word)
    measure = " ".join(phrase)
    if candidate.kind == "percent":
        measure = "share of " + measure
    return measure[:1].upper() + measure[1:]


def _points_back(words: Sequence[tuple[int, int, str]], index: int) -> bool:
    """Whether ``words[index]`` opens a preposition's "the" + place noun that names no
    place of its own ("in the city", "across the country"): a measure stands alone, so
    it stops before words whose place only the text around them says."""
    if index + 2 >= len(words) or words[index + 1][2].casefold() != "the":
        return False
    noun = words[index + 2][2].casefold()
    following = words[index + 3][2].casefold() if index + 3 < len(words) else ""
    return noun in ANAPHORIC_PLACE_NOUNS and following != "of"


_SUBJECT_BEFORE = re.compile(r"(?:^|[.!?;:]\s+|\n)(?P<subject>(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|"
                             r"[Tt]heir)[ \t]+[a-z][\w-]*(?:[ \t]+of[ \t]+[\w' -]+?)?)[ \t]+"
                             r"(?:is|was|are|were)(?:[ \t]+(?:now|already|still|nearly|almost|"
                             r"about|some))*[ \t]+$")


def _duration_measure(text: str, candidate: Any, sentence: tuple[int, int],
                      words: list[tuple[int, int, str]]) -> str | None:
    """A duration's measure where the text says plainly what lasts: "the six-month
    ceasefire" is the "Length of ceasefire"; "The occupation is now five years old" the
    "Age of the occupation"."""
    if "-" in candidate.text and words and words[0][2][:1].islower() and \
            words[0][2].casefold() not in FUNCTION_WORDS:
        return f"Length of {words[0][2]}"
    if words and words[0][2].casefold() == "old":
        # on the sentence's own text: "^" matches where it starts ("The occupation is now
        # five years old."), which a search from an offset of the whole text would not
        subject = _SUBJECT_BEFORE.search(text[sentence[0]:first_start(candidate)])
        if subject is not None:
            return "Age of " + " ".join(subject["subject"].split())[:1].lower() + " ".join(
                subject["subject"].split())[1:]
    return None


# -- ids -------------------------------------------------------------------------------


def slug_of(words: str, *, most: int = 6) -> str:
    """An id's slug from ``words``: their first ``most`` content words, ASCII lower case,
    joined by hyphens ("figure" when none is left)."""
    plain = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    plain = _INITIALISMS.sub(r"\1\2", plain)
    # an initialism ("US", "UN") is a name, never a stop word
    parts = [word.casefold() for word in re.findall(r"[A-Za-z0-9]+", plain)
             if word.casefold() not in FUNCTION_WORDS or (len(word) > 1 and word.isupper())][:most]
    return "-".join(parts) or "figure"


def unique_slug(slug: str, taken: Collection[str], *, prefix: str = "",
                tried: dict[str, int] | None = None) -> str:
    """``slug``, or ``slug-2``, ``slug-3``... the first whose id (``prefix`` + it) is not in
    ``taken``; ``tried`` (kept by the caller across calls) remembers where each slug's
    numbers stopped, so that many claims of one slug cost one step each."""
    if prefix + slug not in taken:
        return slug
    number = tried.get(prefix + slug, 2) if tried is not None else 2
    while f"{prefix}{slug}-{number}" in taken:
        number += 1
    if tried is not None:
        tried[prefix + slug] = number + 1
    return f"{slug}-{number}"
