"""The words of curation, each list written once: what the assistant's triage and drafts read.

These are vocabularies, not rules: :mod:`claimset.contrib.triage` decides with them
whether a number is a claim or an exclusion (and why), and
:mod:`claimset.contrib.wording` normalises a counted noun with them.  The words that
say whose view a figure is, what a quote points back to and what "one" is are
:mod:`claimset.core.meaning`'s, shared with the checker.  Every word is lower case;
phrases are single-spaced.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = [
    "ANAPHORIC_PLACE_NOUNS", "DATING_AFTER", "DATING_NOUNS", "DATING_PREPOSITIONS",
    "DATING_WINDOW_WORDS", "EVENT_COUNTERS", "FUNCTION_WORDS", "INSTITUTIONS",
    "IRREGULAR_PARTICIPLES", "NOT_PARTICIPLES", "PERFECT_INSERTS",
    "RHETORICAL_IDIOMS", "TIME_WORDS", "UNIT_SYNONYMS", "WEEKDAYS",
]

#: Figures of speech with a number in them, each with the figures it holds: a number read
#: in one is a ``rhetorical`` exclusion.  ``{n}`` stands for the figure's words; the other
#: words must stand right around it (case folded); a final ``$`` means the idiom ends the
#: clause ("wrong on several counts." but not "on two counts of murder").
RHETORICAL_IDIOMS: Mapping[str, frozenset[str]] = MappingProxyType({
    "think for {n}": frozenset({"a minute", "a moment", "a second"}),
    "stop for {n}": frozenset({"a minute", "a moment", "a second"}),
    "pause for {n}": frozenset({"a minute", "a moment", "a second"}),
    "wait {n}": frozenset({"a minute", "a moment", "a second"}),
    "just {n}": frozenset({"a minute", "a moment", "a second"}),
    "hold on {n}": frozenset({"a minute", "a moment", "a second"}),
    "{n} strikes and you're out": frozenset({"three"}),
    "{n} strikes and you’re out": frozenset({"three"}),
    "one in {n}": frozenset({"a million"}),
    "on {n} counts$": frozenset({"several", "many", "all", "both", "two", "three"}),
    "in {n} respects$": frozenset({"several", "many", "all", "both"}),
    "at {n} and sevens": frozenset({"sixes"}),
    "in {n} minds": frozenset({"two"}),
})

#: Words before a duration that make it the window another figure applies to ("over the
#: last five months", "in the first two years of the occupation"), after one of
#: :data:`DATING_PREPOSITIONS` and "the".
DATING_WINDOW_WORDS: frozenset[str] = frozenset({
    "first", "last", "past", "next", "previous", "following", "same", "final", "early",
    "opening", "initial", "coming", "preceding", "subsequent", "ensuing", "intervening",
})

#: Prepositions that open such a window ("over the last five months").  "for" is not
#: one: "in force for the last five months" measures how long.
DATING_PREPOSITIONS: frozenset[str] = frozenset({
    "in", "over", "during", "throughout", "within", "across",
})

#: Words after a duration that make it date an event ("twelve years later", "three weeks
#: after the statue was toppled", "two days earlier").
DATING_AFTER: frozenset[str] = frozenset({
    "later", "earlier", "ago", "after", "before", "afterwards", "beforehand", "since",
    "previously", "on",
})

#: Nouns a hyphenated duration names the span of, when another figure follows ("the
#: two-year toll of roughly 2,600 civilians"): the duration dates that figure.
DATING_NOUNS: frozenset[str] = frozenset({
    "toll", "total", "period", "span", "count", "tally", "figure", "figures", "sum",
    "average", "window", "stretch", "run", "spell", "history", "record",
})

#: Counted nouns the dataset's rules rename so that like counts compare (docs/dataset.md:
#: "innocent non-combatants" are civilians); nationalities and sects counted as persons
#: ("Seventeen Iraqis", "Thousands of Shias") are ``people`` by their capital letter.
UNIT_SYNONYMS: Mapping[str, str] = MappingProxyType({
    "non-combatants": "civilians", "noncombatants": "civilians", "non-combatant": "civilians",
})

#: Days of the week: a capitalised word after "in" or "on" that names no place.
WEEKDAYS: frozenset[str] = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})

#: English function words: a measure, an id's slug or a tag match leaves them out (they say
#: nothing of what is counted), and the grammar's unit search stops at them
#: (``grammar/_lexicon.py``'s ``NOT_UNITS`` is built from this list).
FUNCTION_WORDS: frozenset[str] = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for",
    "from", "with", "without", "into", "onto", "over", "under", "than", "as", "is", "are",
    "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "that",
    "which", "who", "whom", "whose", "what", "when", "where", "why", "how", "this", "these",
    "those", "it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we",
    "us", "our", "you", "your", "i", "me", "my", "there", "here", "some", "any", "each",
    "every", "all", "both", "either", "neither", "not", "no", "so", "such", "very", "more",
    "most", "less", "least", "also", "only", "just", "about", "around", "roughly", "nearly",
    "almost", "approximately", "then", "now", "still", "yet", "even", "per",
    "while", "during", "since", "after", "before", "until", "up", "down", "out", "off",
    "again", "further", "once", "same", "other", "another",
})

#: Past participles that do not end in "-ed": after "have" or "has" they make a present
#: perfect ("have gone", "has grown", "have held"), which dates a figure at the time of
#: writing (:mod:`claimset.grammar.tense`).
IRREGULAR_PARTICIPLES: frozenset[str] = frozenset({
    "been", "gone", "done", "seen", "grown", "known", "shown", "given", "taken", "written",
    "risen", "fallen", "driven", "begun", "run", "come", "become", "held", "told", "sold",
    "made", "paid", "said", "kept", "left", "lost", "spent", "sent", "built", "brought",
    "bought", "thought", "fought", "caught", "taught", "found", "won", "hit", "cut", "put",
    "set", "shot", "fled", "led", "fed", "read", "spread", "met", "had", "heard", "stood",
    "understood", "struck", "hung", "drawn", "thrown", "flown", "sworn", "torn", "worn",
    "chosen", "frozen", "spoken", "stolen", "broken", "forgotten", "got", "gotten", "eaten",
    "beaten", "hidden", "slain", "laid", "dealt", "meant", "felt", "sought",
    "bound", "ground", "withdrawn", "undertaken", "overtaken", "forbidden", "arisen",
    "sunk", "shrunk", "swum", "sprung", "quit", "shut", "split", "burst", "cost", "let",
})

#: Words that may stand between "have" and its participle ("have now been", "has not
#: yet", "have all gone").
PERFECT_INSERTS: frozenset[str] = frozenset({
    "not", "now", "already", "all", "long", "since", "also", "just", "recently", "never",
    "yet", "still", "both", "each", "ever", "mostly", "largely", "steadily", "sharply",
    "repeatedly",
})

#: Words ending in "-ed" that are no participles ("have a hundred").
NOT_PARTICIPLES: frozenset[str] = frozenset({
    "hundred", "need", "bed", "red", "seed", "speed", "indeed", "creed", "greed", "shed",
    "sled", "wed", "bred", "steed", "weed", "feed",
})

#: Words that place what a clause says at a time other than the moment of writing ("then",
#: "ago", "before he was killed", "for years"): a figure in such a clause is not dated at
#: the text's date, and a counterfactual in such a sentence is not undated.
TIME_WORDS: frozenset[str] = frozenset({
    "then", "ago", "before", "after", "since", "until", "till", "when", "whenever", "while",
    "during", "earlier", "later", "formerly", "previously", "once", "yesterday", "tomorrow",
    "year", "years", "month", "months", "week", "weeks", "day", "days", "decade", "decades",
    "century", "centuries", "era", "period", "spring", "summer", "autumn", "winter",
    "morning", "evening", "night", "hour", "hours",
})

#: Nouns that count the events a clause tells of, not a thing it names ("on eight
#: different occasions", "three times"): a count of them has no drafted unit or measure.
EVENT_COUNTERS: frozenset[str] = frozenset({
    "occasion", "occasions", "instance", "instances", "times", "time",
})

#: Place nouns that, after "the", name a place only the text around them says ("found in
#: the city", "across the country"): a drafted measure, which stands alone, stops there.
ANAPHORIC_PLACE_NOUNS: frozenset[str] = frozenset({
    "city", "town", "village", "country", "capital", "region", "province", "area",
    "district", "state", "nation", "territory", "island", "camp", "neighbourhood",
    "neighborhood", "county", "zone", "south", "north", "east", "west",
})

#: Capitalised words after "in" that name a body, not a place ("in Congress", "in the
#: Cabinet", "in Parliament"): no drafted place.
INSTITUTIONS: frozenset[str] = frozenset({
    "congress", "parliament", "senate", "cabinet", "court", "assembly", "council",
    "government", "ministry", "department", "office", "committee", "commission", "house",
    "army", "police", "party", "administration", "agency", "bureau", "union", "church",
    "university", "school", "hospital", "bank", "company", "group", "force", "forces",
    "navy", "command", "chamber", "legislature", "knesset", "duma", "bundestag",
})
