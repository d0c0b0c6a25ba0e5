"""The meaning rules read in made-up sentences: reporting frames, governing negations and
hedges, back-references, facts in prose, and what an excluded "one" is.

Each rule is shown firing and not firing; hypothesis puts frames and hedges inside and
outside a quote and figures before and after a frame.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimset.core.meaning import FRAME_VERBS, FRAME_VERBS_NEEDING_THAT
from claimset.grammar.facts import facts_in, facts_of_period, known_facts, text_facts
from claimset.grammar.frames import (
    dropped_frames,
    dropped_governors,
    frames_in,
    governing_frames,
    governing_words,
    speaker_words,
)
from claimset.grammar.reasons import in_name, in_quotation, pronoun_or_article
from claimset.grammar.references import back_references


def at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def governed_by(text: str, figure: str) -> list[str]:
    return [frame.text for frame in governing_frames(text, *at(text, figure))]


# -- reporting frames -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "figure", "frame"), [
    ("Almost everyone argues that the US should have sent 300,000 troops.", "300,000",
     "Almost everyone argues that"),
    ("At least 150,000 people were killed according to the World Health Organisation.",
     "150,000", "according to the World Health Organisation"),
    ("Critics point to two other key decisions as missteps.", "two", "Critics point to"),
    ("The ministry said 42 people died.", "42", "The ministry said"),
    ("Most experts believe 3,000 fighters remain.", "3,000", "Most experts believe"),
    ("It is claimed that 500 houses burned.", "500", "It is claimed that"),
    ("Some 20,000 troops are said to be there.", "20,000", "are said to"),
    ("Thirty people died, the governor said.", "Thirty", "the governor said"),
    ("The deaths, 266 in all, were reported by the Iraq Body Count.", "266",
     "reported by the Iraq Body Count"),
    ("In the army's view, 12 brigades were ready.", "12", "In the army's view"),
    ("The Iraq Body Count, an independent group, calculated that 623 civilians died.",
     "623", "The Iraq Body Count, an independent group, calculated that"),
    ("The new mayor also told me that 17 were dead.", "17",
     "The new mayor also told me that"),
    ("He told me: 'We lost 40 men.'", "40", "He told me: '"),
    ("The story goes, 80 officers resigned.", "80", "The story goes"),
])
def test_a_frame_governs_the_figure_it_reports(text: str, figure: str, frame: str) -> None:
    assert frame in governed_by(text, figure)


@pytest.mark.parametrize(("text", "figure"), [
    # the figure counts who speaks, not what is said
    ("At least two former ministers have revealed that the Cabinet saw no papers.", "two"),
    # the author's own voice
    ("I think 150,000 troops were too few.", "150,000"),
    ("If one assumes that every victim has five relatives, the hatred is clear.", "five"),
    ("We estimate that 40 villages were empty.", "40"),
    # no complement: verbs that report only with "that"
    ("Iraq's neighbours have held several rounds of talks.", "several"),
    ("The troops found 17 bodies in the school.", "17"),
    ("Gunmen pointed 20 rifles at the crowd.", "20"),
    # nouns and infinitives are no frames
    ("Their estimates of 200 deaths were lost.", "200"),
    ("There is little reason to believe that another 200,000 would do better.", "200,000"),
    ("The attacks claimed 150 lives.", "150"),
    ("Think tanks proposed 12 reforms.", "12"),
    ("The ceasefire announced by Sadr lasted six months.", "six months"),
    ("Washington said nothing; 150,000 troops stayed.", "150,000"),
])
def test_no_frame_governs_the_figure(text: str, figure: str) -> None:
    assert governed_by(text, figure) == []


def test_a_figure_inside_a_quotation_is_governed_by_it() -> None:
    text = "Bremer wrote: 'We had to build a success story that still looked good after 50 years'."
    frames = governing_frames(text, *at(text, "50"))
    assert [frame.kind for frame in frames] == ["verb", "quotation"]
    assert speaker_words(text, frames[0]) == {"bremer"}


def test_speaker_words_name_the_speaker_and_skip_pronouns() -> None:
    text = "The independent monitoring group, the Iraq Body Count, calculates that 623 died."
    [frame] = governing_frames(text, *at(text, "623"))
    assert {"iraq", "body", "count"} <= speaker_words(text, frame)
    text = "It claims that 27,000 extra troops have worked."
    [frame] = governing_frames(text, *at(text, "27,000"))
    assert speaker_words(text, frame) == frozenset()


SPEAKERS = st.sampled_from(["The ministry", "Most experts", "Critics", "Local officials",
                            "The Red Cross", "Human Rights Watch"])
REPORTING = sorted(FRAME_VERBS - FRAME_VERBS_NEEDING_THAT
                   - {"count", "counts", "counted", "point", "points", "pointed", "tell",
                      "tells", "told", "reply", "replies", "replied"})


@given(SPEAKERS, st.sampled_from(REPORTING), st.integers(11, 999_999),
       st.sampled_from(["", "that "]))
def test_a_generated_frame_governs_the_figure_after_it(speaker: str, verb: str, number: int,
                                                      that: str) -> None:
    figure = f"{number:,}"
    text = f"{speaker} {verb} {that}{figure} people were displaced last year."
    frames = governing_frames(text, *at(text, figure))
    assert frames and frames[0].kind == "verb"
    assert speaker_words(text, frames[0]) & {word.casefold() for word in speaker.split()}


@given(SPEAKERS, st.sampled_from(REPORTING), st.integers(11, 999_999))
def test_a_generated_figure_in_the_speaker_is_not_governed(speaker: str, verb: str,
                                                          number: int) -> None:
    figure = f"{number:,}"
    text = f"{figure} of {speaker.lower()} {verb} that the camps were full."
    assert governing_frames(text, *at(text, figure)) == []


@given(SPEAKERS, st.sampled_from(REPORTING), st.integers(11, 999_999), st.booleans())
def test_an_excerpt_drops_the_frame_exactly_when_it_starts_after_it(
        speaker: str, verb: str, number: int, whole: bool) -> None:
    figure = f"{number:,}"
    text = f"Last week {speaker.lower()} {verb} that {figure} people were displaced."
    start = 0 if whole else text.index(figure)
    dropped = dropped_frames(text, (start, len(text)), at(text, figure))
    assert bool(dropped) is not whole


def test_frames_in_lists_each_frame_once() -> None:
    text = "The Americans claim people in the crowd fired, which compelled them to reply."
    assert [frame.text for frame in frames_in(text, 0, len(text))] == ["The Americans claim"]


# -- negations, hedges, qualifiers ------------------------------------------------------


@pytest.mark.parametrize(("text", "figure", "governors"), [
    ("Seventeen Iraqis were not dead.", "Seventeen", ["not"]),
    ("Perhaps 300,000 troops would have been enough.", "300,000", ["Perhaps", "would"]),
    ("If 150,000 troops had little idea how to win, there is little reason to believe "
     "that another 200,000 would have done better.", "200,000", ["If", "little", "would"]),
    ("At least 266 civilians were killed.", "266", ["At least"]),
    ("The toll was 50 or so.", "50", ["or so"]),
    ("It was not until December 2006 that 61% approved.", "61%", []),
    ("The talks went on, and 12 delegates never came.", "12", ["never"]),
    ("Troops never came, and 12 delegates left.", "12", []),
    ("In May 2003 the UN sent 40 staff.", "40", []),
    ("The likely consequences of sending 40 staff were clear.", "40", []),
])
def test_governing_words(text: str, figure: str, governors: list[str]) -> None:
    assert [g.text for g in governing_words(text, *at(text, figure))] == governors


@given(st.sampled_from(["not", "never", "perhaps", "probably", "reportedly"]),
       st.integers(11, 99_999), st.booleans())
def test_an_excerpt_drops_a_governing_word_exactly_when_it_leaves_it_out(
        word: str, number: int, whole: bool) -> None:
    figure = f"{number:,}"
    text = f"The council {word} counted {figure} votes in the northern districts."
    start = 0 if whole else text.index("counted")
    dropped = dropped_governors(text, (start, len(text)), at(text, figure))
    assert [governor.text for governor in dropped] == ([] if whole else [word])


# -- back-references -------------------------------------------------------------------


@pytest.mark.parametrize(("text", "words"), [
    ("The victims of these air attacks included 88 children.", ["these air attacks"]),
    ("There were three powerful trends among them.", ["them"]),
    ("Last year it was more than double at 1,326.", ["it"]),
    ("They had risen up against Saddam in 1991.", ["They"]),
    ("This went against 12 assumptions.", ["This"]),
    ("Such a bargain would cost $20 billion.", ["Such a bargain"]),
    ("The school was ready and they wanted their kids back after three weeks.",
     ["they", "their"]),
    ("It claims that putting in an extra 27,000 troops has worked.", ["It"]),
])
def test_a_quote_that_points_back(text: str, words: list[str]) -> None:
    found = back_references(text, 0, len(text))
    assert [text[r.phrase[0]:r.phrase[1]] for r in found] == words


@pytest.mark.parametrize("text", [
    "Seventeen Iraqis were dead.",
    "What I want to do this evening is to count 12 books.",
    "It is certainly true that attacks fell to a thousand a month.",
    "It was not until December 2006 that 61% approved.",
    "There were three powerful trends, and as these trends competed, 12 leaders fell.",
    "Withdrawing 150,000 troops with their arms will take six months.",
    "Iraq's neighbours have held several rounds of talks but they will never agree.",
    "Two million people have gone abroad, many of them the country's most talented.",
    "Those who stayed, 40 families, were safe.",
    "Countries such as Syria took 1.5 million refugees.",
    "I had known de Mello, and during the two months he was in Iraq I saw him twice.",
    "The general said 'It was 50 of us'.",
])
def test_a_quote_that_stands_alone(text: str) -> None:
    assert back_references(text, 0, len(text)) == []


def test_only_the_first_sentence_of_the_quote_is_read() -> None:
    text = "The strikes killed 1,326 people. The victims of these air attacks included 88."
    assert back_references(text, 0, len(text)) == []
    second = text.index("The victims")
    assert [r.text for r in back_references(text, second, len(text))] == ["these"]


# -- facts in prose -------------------------------------------------------------------------


def test_facts_in_prose() -> None:
    prose = "Civilians killed by US air strikes in Iraq in 2007 (1,326, per the UN); seventeen."
    found = [(fact.kind, fact.text) for fact in facts_in(prose)]
    assert found == [("name", "US"), ("name", "Iraq"), ("year", "2007"), ("number", "1,326"),
                     ("name", "UN"), ("number", "seventeen")]


def test_identifiers_ordinals_and_sentence_starts_state_no_fact() -> None:
    assert facts_in("Related to steele-2008/ibc-air-strike-deaths-2006. Ratio of counts.") == []
    assert facts_in("troops of the 82nd, claim AB123, cs-220") == []
    assert [fact.text for fact in facts_in("US troops (U.S.), 'Iraq', in 2003-04.")] == [
        "US", "U.S.", "Iraq", "2003", "April"]


def test_a_fact_is_known_when_the_text_states_it() -> None:
    text = "The U.S. sent 150,000 troops in April 2003. Seventeen Iraqis died in Firdous square."
    known = text_facts(text)
    said = {fact.text: known.knows(fact) for fact in facts_in(
        "US troops, 150000 of them, in April 2003; 17 dead at Firdous Square, not 18 in "
        "May 2004, says the UN")}
    assert said == {"US": True, "150000": True, "April": True, "2003": True, "17": True,
                    "Firdous": True, "Square": True, "18": False, "May": False, "2004": False,
                    "UN": False}


def test_a_period_states_its_years_and_months() -> None:
    assert [(fact.kind, fact.text) for fact in facts_of_period("2007-09/2008-01")] == [
        ("year", "2007"), ("month", "September"), ("year", "2008"), ("month", "January")]
    known = known_facts(periods=["2003-04/2005-03"])
    assert known.knows(facts_in("in 2004")[0])


# -- exclusion reasons ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "word", "reading"), [
    ("One is subtitled Winning the War.", "One", "pronoun"),
    ("He was one of us.", "one", "pronoun"),
    ("One evening a crowd gathered.", "One", "article"),
    ("Let me quote one British ambassador.", "one", "article"),
    ("At least one other book was written.", "one", None),
    ("Only one school reopened.", "one", None),
    ("One or two shops opened.", "One", None),
    ("They held several rounds of talks.", "several", None),
    ("A few Iraqis depend on it.", "A few", None),
    ("Dozens of books appeared.", "Dozens", None),
])
def test_pronoun_or_article(text: str, word: str, reading: str | None) -> None:
    assert pronoun_or_article(text, *at(text, word)) == reading


def test_in_quotation_and_in_name() -> None:
    text = ("Bremer wrote 'it still looked good after fifty years'. The 82nd Airborne came "
            "in Year One.")
    assert in_quotation(text, *at(text, "fifty years"))
    assert not in_quotation(text, *at(text, "82nd"))
    assert in_name(text, *at(text, "82nd")) and in_name(text, *at(text, "One"))
    assert not in_name(text, *at(text, "fifty years"))
