"""The words of meaning, each list written once: reporting frames, back-references, the
negations and hedges that govern a figure, and what each exclusion reason may mean.

These are vocabularies, not rules: :mod:`claimset.grammar.frames`,
:mod:`claimset.grammar.references`, :mod:`claimset.grammar.facts` and
:mod:`claimset.grammar.reasons` find them in a sentence, and both the checker's
meaning checks (:mod:`claimset.check.meaning`) and the curation assistant's drafts
read them through those functions, so a word added here changes what is reported and
what is drafted at once.  Every word is lower case; phrases are single-spaced.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from claimset.core.vocabulary import EXCLUSION_REASONS, STANCES, ExclusionReason

__all__ = [
    "ADOPTING_STANCES",
    "ANTECEDENT_LINKS",
    "ASSUMING_WORDS",
    "AUTHOR_VOICES",
    "BACK_REFERENCE_DEMONSTRATIVES",
    "BACK_REFERENCE_PRONOUNS",
    "BE_FORMS",
    "CATAPHORIC_AFTER_DEMONSTRATIVE",
    "CLAUSE_COORDINATORS",
    "CLAUSE_OPENERS",
    "CONDITIONAL_SUBORDINATORS",
    "COUNTERFACTUAL_MODALS",
    "COUNTING_AFTER_ONE",
    "COUNTING_BEFORE_ONE",
    "DEICTIC_NOUNS",
    "EXPLETIVE_COMPLEMENTS",
    "EXPLETIVE_IT_VERBS",
    "EXPLETIVE_OBJECT_VERBS",
    "FRAME_AUXILIARIES",
    "FRAME_PREPOSITIONS",
    "FRAME_VERBS",
    "FRAME_VERBS_NEEDING_THAT",
    "GOVERNING_HEDGES",
    "GOVERNING_NEGATIONS",
    "IMPERSONAL_FRAME_PARTICIPLES",
    "MONTH_NAMES",
    "NEGATING_LITTLE_NOUNS",
    "NOT_NOUNS_AFTER_DEMONSTRATIVE",
    "NOT_PLURAL_NOUNS",
    "NOT_REPORTED_CLAIMS",
    "NOT_REPORTED_THOUGHTS",
    "NOT_SPEAKER_WORDS",
    "NOUN_DETERMINERS",
    "PASSIVE_FRAME_PARTICIPLES",
    "PLURAL_PRONOUNS",
    "PLURAL_WORDS",
    "POSSESSIVE_DETERMINERS",
    "POSSESSIVE_PRONOUNS",
    "POSTPOSED_FRAME_PHRASES",
    "POSTPOSED_FRAME_VERBS",
    "PRONOUN_AFTER_ONE",
    "PRONOUN_OR_ARTICLE_WORDS",
    "REASON_MEANINGS",
    "SUBJECT_PRONOUNS",
    "SUBORDINATORS",
    "VIEW_NOUNS",
    "WORDS_BEFORE_A_NOUN",
]


def _forms(*lemmas: str) -> frozenset[str]:
    """Each lemma written as ``base/third person/past``: every finite form a subject takes."""
    return frozenset(form for lemma in lemmas for form in lemma.split("/"))


#: Verbs that report another's view or figure when a subject other than the author says
#: them: "X argues that", "X said", "X estimates", "critics point to".  Finite forms only:
#: "to believe" and "the claim" are not frames.
FRAME_VERBS: frozenset[str] = _forms(
    "argue/argues/argued", "say/says/said", "claim/claims/claimed",
    "estimate/estimates/estimated", "calculate/calculates/calculated",
    "report/reports/reported", "believe/believes/believed", "think/thinks/thought",
    "assert/asserts/asserted", "insist/insists/insisted", "maintain/maintains/maintained",
    "contend/contends/contended", "reckon/reckons/reckoned", "conclude/concludes/concluded",
    "suggest/suggests/suggested", "predict/predicts/predicted", "warn/warns/warned",
    "write/writes/wrote", "tell/tells/told", "allege/alleges/alleged",
    "count/counts/counted", "assume/assumes/assumed", "reply/replies/replied",
    "hold/holds/held", "find/finds/found", "note/notes/noted",
    "mention/mentions/mentioned", "reveal/reveals/revealed", "admit/admits/admitted",
    "acknowledge/acknowledges/acknowledged", "state/states/stated",
    "announce/announces/announced", "declare/declares/declared", "add/adds/added",
    "explain/explains/explained", "observe/observes/observed", "fear/fears/feared",
    "expect/expects/expected", "recall/recalls/recalled", "complain/complains/complained",
    "point/points/pointed", "quote/quotes/quoted",
)
#: Frame verbs that report a view only with a complement clause after them ("held that",
#: "found that", "added:"); without one they are ordinary verbs ("held talks", "found
#: bodies", "pointed guns").  "point" reports with "to" or "out" ("critics point to").
FRAME_VERBS_NEEDING_THAT: frozenset[str] = _forms(
    "hold/holds/held", "find/finds/found", "note/notes/noted", "tell/tells/told",
    "maintain/maintains/maintained", "insist/insists/insisted", "suggest/suggests/suggested",
    "conclude/concludes/concluded", "warn/warns/warned", "predict/predicts/predicted",
    "contend/contends/contended", "assert/asserts/asserted", "allege/alleges/alleged",
    "mention/mentions/mentioned", "reveal/reveals/revealed", "admit/admits/admitted",
    "acknowledge/acknowledges/acknowledged", "state/states/stated",
    "announce/announces/announced", "declare/declares/declared", "add/adds/added",
    "explain/explains/explained", "observe/observes/observed", "fear/fears/feared",
    "expect/expects/expected", "recall/recalls/recalled", "complain/complains/complained",
    "write/writes/wrote", "count/counts/counted", "report/reports/reported",
    "quote/quotes/quoted", "assume/assumes/assumed",
)
#: Frame verbs that report when written after what they report, set off by commas
#: ("..., he said.", "..., their advocates say, ..."): forms that are no nouns.
POSTPOSED_FRAME_VERBS: frozenset[str] = frozenset({
    "say", "says", "said", "argue", "argues", "argued", "claims", "claimed", "believe",
    "believes", "believed", "think", "thinks", "thought", "estimates", "estimated",
    "insist", "insists", "insisted", "maintains", "maintained", "contend", "contends",
    "contended", "reckon", "reckons", "reckoned", "suggests", "suggested", "concluded",
    "predicted", "warned", "wrote", "writes", "added", "adds", "explained", "noted",
    "notes", "recalled", "observed", "admitted", "acknowledged", "complained", "replied",
    "told", "asserted", "alleged", "calculated", "reported",
})
#: Words after "claim" that make it no report ("claimed 150 lives", "claim credit").
NOT_REPORTED_CLAIMS: frozenset[str] = frozenset({
    "lives", "life", "responsibility", "credit", "victory", "asylum", "compensation", "seats",
    "seat", "land", "territory",
})
#: Words after "think" that make it no report ("think through", "think tanks").
NOT_REPORTED_THOUGHTS: frozenset[str] = frozenset({
    "through", "about", "of", "over", "up", "back", "ahead", "twice", "again", "tank",
    "tanks", "hard", "big", "so", "otherwise", "alike",
})
#: Words that may stand between a frame's subject and its verb ("have revealed",
#: "always claimed", "recently quoted").
FRAME_AUXILIARIES: frozenset[str] = frozenset({
    "have", "has", "had", "will", "would", "may", "might", "can", "could", "should", "must",
    "did", "does", "do", "also", "always", "now", "recently", "often", "still", "once",
    "repeatedly", "widely", "rightly", "wrongly", "openly", "privately", "publicly", "later",
    "then", "already", "even", "all", "both", "generally", "usually", "sometimes", "long",
    "correctly", "simply", "just", "never", "not", "first", "been", "don't", "didn't",
    "doesn't", "won't", "wouldn't", "can't", "couldn't", "don’t", "didn’t", "doesn’t",
    "won’t", "wouldn’t", "can’t", "couldn’t", "really", "certainly", "clearly", "apparently",
})
#: Subjects that are the author's own voice (or an impersonal "one"): a sentence they
#: frame is the author's, and needs no attribution.
AUTHOR_VOICES: frozenset[str] = frozenset({"i", "we", "you", "one", "me", "us"})
#: Frames written after what they report, set off by commas ("..., the story goes, ...",
#: "..., so it is said, ..."), with no speaker named.
POSTPOSED_FRAME_PHRASES: tuple[str, ...] = ("the story goes", "so it is said", "it is said",
                                            "we are told", "it is claimed", "it is argued",
                                            "it seems", "it is thought", "it is believed")
#: Nouns of a view after a possessive: "in X's view", "by X's count" frame X's figure.
VIEW_NOUNS: frozenset[str] = frozenset({
    "view", "views", "opinion", "estimate", "estimates", "count", "reckoning", "calculation",
    "calculations", "words", "account", "judgement", "judgment", "figures", "assessment",
})
#: Frames that are a preposition phrase before the speaker ("according to X").
FRAME_PREPOSITIONS: tuple[str, ...] = ("according to", "in the view of", "in the words of",
                                       "in the opinion of", "as reported by")
#: Past participles that make a frame with an agent ("the deaths reported by X") or
#: impersonally ("it is estimated that", "X is said to").
PASSIVE_FRAME_PARTICIPLES: frozenset[str] = frozenset({
    "argued", "said", "claimed", "estimated", "calculated", "reported", "believed", "thought",
    "asserted", "alleged", "counted", "assumed", "predicted", "quoted", "cited", "given",
    "suggested", "feared", "expected", "rumoured", "rumored",
})
#: The participles an impersonal frame takes ("it is claimed that", "X is said to").
IMPERSONAL_FRAME_PARTICIPLES: frozenset[str] = PASSIVE_FRAME_PARTICIPLES - {
    "quoted", "cited", "given", "counted"}

#: Stances that say the figure is not simply the author's own: with an attribution they
#: answer a reporting frame.
ADOPTING_STANCES: frozenset[str] = frozenset(STANCES) - {"asserted"}

#: Words that negate the clause they stand in.  "little" negates only without "a"
#: ("little reason to believe", not "a little").
GOVERNING_NEGATIONS: frozenset[str] = frozenset({
    "not", "n't", "no", "never", "none", "nor", "neither", "nobody", "nothing", "nowhere",
    "without", "hardly", "scarcely", "barely", "little",
})
#: Nouns after which "little" negates ("little reason to believe", "little idea how"):
#: "the little Saddams" and "a little" do not.
NEGATING_LITTLE_NOUNS: frozenset[str] = frozenset({
    "reason", "chance", "evidence", "doubt", "idea", "hope", "sign", "signs", "prospect",
    "stomach", "need", "point", "sense", "support", "interest", "relevance", "progress",
    "effect", "impact", "difference", "or",
})
#: Words that hedge the clause they stand in: modal, conditional and evidential words.
GOVERNING_HEDGES: frozenset[str] = frozenset({
    "perhaps", "maybe", "possibly", "probably", "likely", "unlikely", "reportedly",
    "allegedly", "apparently", "supposedly", "seemingly", "presumably", "purportedly",
    "if", "unless", "whether", "would", "could", "might", "may", "should",
    "seem", "seems", "seemed", "appear", "appears", "appeared",
})
#: Modals that make a counterfactual with "have" and a participle ("would have done",
#: "should have sent"); alone they may plan or predict ("would maintain order").
COUNTERFACTUAL_MODALS: frozenset[str] = frozenset({"would", "could", "might", "should"})
#: Words that make a conditional an assumption ("If one assumes that", "Suppose").
ASSUMING_WORDS: frozenset[str] = frozenset({
    "assume", "assumes", "assumed", "assuming", "suppose", "supposes", "supposed",
    "supposing", "imagine", "imagines", "imagined", "hypothetically",
})
#: Subordinators that open a clause ending at its first comma ("If X, Y").
SUBORDINATORS: frozenset[str] = frozenset({
    "if", "unless", "when", "whenever", "although", "though", "while", "whereas", "because",
    "since", "as", "once", "after", "before", "until", "whether",
})
#: Subordinate clauses whose hedge governs the clause they lead into ("If X, Y" hedges Y).
CONDITIONAL_SUBORDINATORS: frozenset[str] = frozenset({"if", "unless", "whether"})
#: Coordinators that start a new clause after a comma, or before a subject.
CLAUSE_COORDINATORS: frozenset[str] = frozenset({"but", "yet", "and", "or", "so"})

#: Demonstratives that point back before their sentence ("these air attacks", "This
#: went against ..."), unless what they name is in the quote already.
BACK_REFERENCE_DEMONSTRATIVES: tuple[str, ...] = (
    "the latter", "the former", "this", "these", "those", "such")
#: Personal pronouns that need an antecedent ("it", "they", "he", "them" ...).
BACK_REFERENCE_PRONOUNS: frozenset[str] = frozenset({
    "it", "they", "them", "he", "him", "she", "her", "its", "their", "his", "theirs", "hers",
})
#: Pronouns that only need an antecedent somewhere before them, even in their clause
#: ("150,000 troops with their arms").
POSSESSIVE_PRONOUNS: frozenset[str] = frozenset({"its", "their", "his", "her", "theirs", "hers"})
#: Nouns "this" points to in the speaker's own here and now, not back in the text
#: ("this evening", "this book" of an author presenting it).
DEICTIC_NOUNS: frozenset[str] = frozenset({
    "evening", "morning", "afternoon", "night", "week", "month", "year", "time", "century",
    "decade", "summer", "winter", "spring", "autumn", "text", "document", "column", "paper",
    "article", "talk", "book", "speech", "lecture", "essay", "report", "session", "room",
    "country", "house", "chamber", "way", "moment", "day", "weekend", "point",
})
#: What after a demonstrative makes it point forward, not back ("those who", "such as").
CATAPHORIC_AFTER_DEMONSTRATIVE: frozenset[str] = frozenset({
    "who", "whom", "whose", "which", "that", "of", "as", "is:", "was:", ":",
})
#: Verbs after "it" that make it the expletive subject of a clause that follows ("it is
#: true that", "it was not until ... that", "it would be hard for X to").
EXPLETIVE_IT_VERBS: frozenset[str] = frozenset({
    "is", "was", "'s", "’s", "has", "had", "would", "will", "may", "might", "could", "seems",
    "seemed", "appears", "appeared", "became", "becomes", "remains", "remained", "makes",
    "made", "took", "takes", "should", "must",
})
#: Words before a noun that make it a possible antecedent ("the talks", "a force").
NOUN_DETERMINERS: frozenset[str] = frozenset({
    "the", "a", "an", "some", "many", "most", "several", "all", "both", "each", "every",
    "another", "other", "few", "no", "any", "various", "numerous", "certain",
})

#: Month names, as prose and periods write them.
MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)

#: The only words ``not a quantity`` may exclude: "one" read as a pronoun ("One is
#: subtitled ...") or an article ("One evening a crowd gathered"); a numeral or a vague
#: count ("several rounds", "a few Iraqis") counts something.
PRONOUN_OR_ARTICLE_WORDS: frozenset[str] = frozenset({"one"})

#: What each exclusion reason means, in words, in ``EXCLUSION_REASONS``' order
#: (docs/dataset.md's table says the same, with examples); the checks of
#: :mod:`claimset.check.meaning` test the ones a grammar can see.
REASON_MEANINGS: Mapping[ExclusionReason, str] = MappingProxyType(dict(zip(
    EXCLUSION_REASONS, (
        "a year 1000-2100 or a decade",
        "a calendar date or month, or a duration that only dates another figure or event",
        "an ordinal word or numeral",
        "a number that labels",
        "a number inside a name (next to a capitalised word of it)",
        "a figure of speech",
        "a number inside a quotation that states no figure",
        "'one' as a pronoun or an article, never a numeral or a vague count",
    ), strict=True)))


# -- the small words the rules read a sentence by ------------------------------------

#: Forms of "be": a frame verb after one is a passive ("is said", "has been reported").
BE_FORMS: frozenset[str] = frozenset({"is", "was", "are", "were", "be", "been", "being",
                                      "'s", "’s"})
#: Words after which a frame verb's form is a noun ("the claim", "their estimates").
WORDS_BEFORE_A_NOUN: frozenset[str] = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "their", "his", "her", "its", "our",
    "my", "your", "no", "any", "some", "each", "every", "whose", "such", "what", "which",
    "of", "and", "or", "to", "for", "in", "on", "with", "by", "from", "as", "same", "own",
    "first", "last", "next", "whole",
})
#: Words that open a speaker's clause without being part of who speaks ("But", "So when").
CLAUSE_OPENERS: frozenset[str] = frozenset({
    "but", "and", "so", "yet", "or", "nor", "then", "thus", "hence", "although", "though",
    "while", "when", "as", "since", "because", "if", "only", "even", "also", "still", "now",
    "however", "indeed", "that",
})
#: Words of a speaker that do not name it ("It", "Others", "the"): an attribution need
#: not repeat them.
NOT_SPEAKER_WORDS: frozenset[str] = frozenset({
    "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from",
    "that", "which", "who", "whose", "its", "their", "his", "her", "our", "this", "these",
    "those", "it", "they", "he", "she", "them", "him", "others", "some", "many", "most",
    "all", "other", "also", "have", "has", "had", "been", "was", "were", "is", "are",
    "almost", "nearly", "about", "so", "then", "recently", "always", "now", "group",
})
#: Words after a demonstrative that make it a pronoun ("This went", "this is"), or end
#: the noun phrase it opens ("these trends competed").
NOT_NOUNS_AFTER_DEMONSTRATIVE: frozenset[str] = frozenset({
    "is", "was", "are", "were", "has", "had", "have", "will", "would", "can", "could", "may",
    "might", "must", "should", "does", "did", "do", "means", "meant", "went", "goes", "made",
    "makes", "led", "leads", "shows", "showed", "seems", "seemed", "applies", "applied",
    "came", "comes", "became", "becomes", "and", "or", "but", "too", "alone", "also", "all",
    "of", "in", "on", "at", "by", "for", "to", "with", "from", "that", "which", "who",
    "as", "into", "than", "not", "never", "only", "soothed", "raises", "raised", "confuses",
    "happened", "began", "remains", "remained", "matters", "mattered", "helped", "helps",
})
#: What follows an expletive "it" ("it is true that", "it would be hard ... to").
EXPLETIVE_COMPLEMENTS: frozenset[str] = frozenset({"that", "to", "whether", "until", "how",
                                                   "why", "what"})
#: Verbs before an expletive object "it" ("made it difficult ... to").
EXPLETIVE_OBJECT_VERBS: frozenset[str] = frozenset({
    "make", "makes", "made", "making", "find", "finds", "found", "consider", "considers",
    "considered", "keep", "keeps", "kept", "think", "thought", "leave", "left",
})
#: Pronouns that may be a clause's subject: any antecedent before them serves.
SUBJECT_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "it"})
#: Pronouns that need a plural antecedent.
PLURAL_PRONOUNS: frozenset[str] = frozenset({"they", "them", "their", "theirs"})
#: Words between a noun and an object pronoun that let the pronoun stand for the noun
#: ("during the two months he was in Iraq ... I saw him").
ANTECEDENT_LINKS: frozenset[str] = frozenset({
    "before", "after", "when", "while", "who", "which", "that", "since", "because", "if",
    "until", "as", "whom", "whose", "where", "though", "although", "during", "and", "but",
    "or", "yet",
})
#: Possessive determiners: the word after one is a possible antecedent ("Our ideology").
POSSESSIVE_DETERMINERS: frozenset[str] = frozenset({"our", "my", "your", "his", "her",
                                                    "its", "their"})
#: Words ending in -s that are no plural nouns.
NOT_PLURAL_NOUNS: frozenset[str] = frozenset({
    "is", "was", "has", "does", "this", "its", "his", "hers", "theirs", "ours", "yours",
    "us", "thus", "less", "unless", "as", "whereas", "always", "perhaps", "besides",
    "towards",
})
#: Words that make the noun after them (or themselves) plural ("three trends", "dozens").
PLURAL_WORDS: frozenset[str] = frozenset({
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen",
    "dozens", "hundred", "hundreds", "thousand", "thousands", "million", "millions",
    "billion", "billions", "half", "several", "many", "few", "both", "all",
})
#: Words before "one" that make it a count ("only one", "just one", "exactly one").
COUNTING_BEFORE_ONE: frozenset[str] = frozenset({
    "only", "just", "exactly", "single", "sole", "not", "least", "than", "one", "no",
})
#: Words after "one" that make it part of a count ("one or two", "one in five").
COUNTING_AFTER_ONE: frozenset[str] = frozenset({
    "or", "to", "in", "and", "out", "per", "percent", "%", "more", "fewer", "less",
    "million", "billion", "thousand", "hundred",
})
#: Words after "one" that make it a pronoun ("One is ...", "one of us", "one who").
PRONOUN_AFTER_ONE: frozenset[str] = frozenset({
    "is", "was", "has", "had", "does", "did", "will", "would", "can", "could", "may",
    "might", "must", "should", "of", "who", "that", "which", "another", "else", "such",
    "thing", "day",
})
