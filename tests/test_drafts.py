"""Drafted judgement fields: quote, attribution, stance, period, unit, place, tags, measure.

Made-up news and report paragraphs, each rule shown firing and staying quiet (a blank
where the text does not say plainly); periods resolved against a reference time as
Duckling and Recognizers-Text resolve them.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimset.contrib.drafts import BLANK, STANCE_LEFT, Context, draft_claim, judgement_fields
from claimset.contrib.periods import (
    PeriodReading,
    Reference,
    draft_period,
    period_reading,
    reference_of,
    time_expressions,
)
from claimset.contrib.wording import (
    content_words,
    draft_place,
    draft_tags,
    normalise_unit,
    slug_of,
    stem,
    unique_slug,
)
from claimset.core.curation import FUNCTION_WORDS, WEEKDAYS
from claimset.core.meaning import MONTH_NAMES
from claimset.grammar.extract import extract
from claimset.grammar.sentences import sentence_at

REPORT = (
    "The Health Ministry said on Monday that 312 people were killed in Mosul last year. "
    "These deaths included 41 children.\n\n"
    "At least 2,000 homes were destroyed in 2023, according to the United Nations. "
    "If the fighting had continued, another 5,000 people would have fled. "
    "Aid workers believe that about 30 clinics are now closed. "
    "In January last year 90 schools were shut; by December the number was down to 12. "
    "Since March 2021, 4,500 families have returned, the report said. "
    "Seventeen Syrians were among the dead. Officials counted 200 non-combatants among "
    "the victims. A force of 3,000 troops would keep order. The three-month curfew ended "
    "in May.\n\n"
    "Two years ago the town had 40 doctors.\n"
)
TAGS = ("children", "civilian-deaths", "health-ministry", "troops", "schools", "us-troops")


def fields(figure: str, *, text: str = REPORT, published: str | None = "2024-03-15",
           tags: tuple[str, ...] = TAGS) -> dict[str, Any]:
    candidates = extract(text)
    [candidate] = [c for c in candidates if c.text == figure]
    context = Context(source_id="report-2024", text=text, candidates=candidates,
                      reference=reference_of(published), tags=tags)
    found = judgement_fields(context, candidate)
    quote = found["quote"]
    return {**found, "quote": text[quote[0]:quote[1]]}


def test_a_named_source_in_a_reporting_frame_is_the_attribution() -> None:
    drafted = fields("312")
    assert drafted["attribution"] == "Health Ministry" and drafted["stance"] == "attributed"
    assert drafted["quote"] == ("The Health Ministry said on Monday that 312 people were "
                                "killed in Mosul last year.")
    assert drafted["period"] == "2023" and drafted["place"] == "Mosul"
    assert drafted["unit"] == "people"
    assert drafted["measure"] == "People killed in Mosul last year"
    assert drafted["tags"] == ["health-ministry"]


def test_a_sentence_that_points_back_takes_in_the_one_before_and_its_frame() -> None:
    drafted = fields("41")
    assert drafted["quote"].startswith("The Health Ministry said") and \
        drafted["quote"].endswith("These deaths included 41 children.")
    assert drafted["attribution"] == "Health Ministry" and drafted["stance"] == "attributed"
    assert drafted["tags"] == ["children", "health-ministry"]
    assert drafted["period"] is BLANK  # "these deaths" are last year's? the text does not say


def test_a_back_reference_reaches_the_paragraph_before_but_not_a_heading() -> None:
    text = "The army counted 40 dead.\n\nThese included 12 children."
    assert fields("12", text=text)["quote"] == text.rstrip()
    text = "Casualties\n\nThese included 12 children."
    assert fields("12", text=text)["quote"] == "These included 12 children."


def test_according_to_and_postposed_frames() -> None:
    assert fields("2,000")["attribution"] == "United Nations"
    drafted = fields("4,500")
    assert (drafted["attribution"], drafted["stance"]) == ("the report", "attributed")
    assert drafted["period"] == "2021-03/2024-03"  # since March 2021, to the reference


def test_an_unnamed_believer_is_attributed_in_the_texts_words() -> None:
    drafted = fields("30")
    assert (drafted["attribution"], drafted["stance"]) == ("Aid workers", "attributed")
    assert drafted["period"] == "2024-03"  # "are now closed": as it stands at the reference


def test_a_counterfactual_is_hypothetical_and_a_plan_is_left_to_the_person() -> None:
    drafted = fields("5,000")
    assert (drafted["attribution"], drafted["stance"]) == (None, "hypothetical")
    plan = fields("3,000")  # "would keep order": a plan, or a condition?
    assert plan["stance"] is BLANK and plan["attribution"] is None


def test_no_frame_and_no_hedge_is_the_authors_own() -> None:
    drafted = fields("90")
    assert (drafted["attribution"], drafted["stance"]) == (None, "asserted")
    assert drafted["period"] == "2023-01"
    later = fields("12")
    assert later["period"] == "2023-12" and later["unit"] == "schools"


def test_units_by_the_written_rules() -> None:
    assert fields("Seventeen")["unit"] == "people"  # a nationality counted as persons
    assert fields("200")["unit"] == "civilians"  # non-combatants
    assert fields("three-month")["unit"] == "months"
    assert fields("three-month")["measure"] == "Length of curfew"
    assert fields("three-month")["period"] == "2023-05"  # May before the reference month


def test_a_bare_count_continues_only_a_count_it_plainly_continues() -> None:
    text = ("Rebels seized 40 villages. If talks fail, 200 would flee.\n"
            "The army lost 300 soldiers; another 120 were wounded.\n")
    assert fields("200", text=text)["unit"] is BLANK
    assert fields("120", text=text)["unit"] == "soldiers"
    groups = "There are three factions: the rebel groups, of which there are at least nine."
    assert fields("nine", text=groups)["unit"] == "groups"


def test_without_a_reference_relative_words_stay_blank() -> None:
    drafted = fields("312", published=None)
    assert drafted["period"] is BLANK and drafted["place"] == "Mosul"
    assert fields("2,000", published=None)["period"] == "2023"  # a date needs no reference


def test_a_draft_record_is_valid_and_says_what_it_left_blank() -> None:
    candidates = extract(REPORT)
    [candidate] = [c for c in candidates if c.text == "41"]
    context = Context(source_id="report-2024", text=REPORT, candidates=candidates,
                      reference=reference_of("2024-03-15"), tags=TAGS,
                      taken={"report-2024/children"})
    draft = draft_claim(context, candidate)
    record = draft.record
    assert record["id"] == "report-2024/children-2"
    assert record["period"] is None and draft.blank == ("period", "place")
    assert record["note"] is None
    assert record["drafted"] == ["id", "quote", "unit", "measure", "period", "place",
                                 "attribution", "stance", "tags"]
    assert (record["value"], record["qualifier"]) == (41, "exact")
    plan = next(c for c in candidates if c.text == "3,000")
    left = draft_claim(context, plan).record
    assert left["stance"] == "asserted" and left["note"] == STANCE_LEFT
    assert left["drafted"][-1] == "note"


# -- periods, against a reference time ------------------------------------------------


REFERENCE = Reference(year=2008, month=1, day=30)


@pytest.mark.parametrize(("sentence", "period"), [
    ("Last year 1,326 people died.", "2007"),
    ("This year 40 schools opened.", "2008"),
    ("Next year 12 more will open.", "2009"),
    ("Last month 30 attacks were recorded.", "2007-12"),
    ("In January last year almost 1,000 bodies were found.", "2007-01"),
    ("Over the last five months 1,000 attacks were recorded.", "2007-09/2008-01"),
    ("Over the last five years dozens of books have appeared.", "2003/2008"),
    ("In the past two years 40 clinics closed.", "2006/2008"),
    ("Between April 2004 and March 2005 they killed 2,096.", "2004-04/2005-03"),
    ("From 2004 to 2006 there were 5 elections.", "2004/2006"),
    ("Since March 2003 I have been there eight times.", "2003-03/2008-01"),
    ("In 2006 up to 623 people were killed.", "2006"),
    ("On 3 May 2007, 40 people were hurt.", "2007-05-03"),
    ("There are now three armed movements.", "2008-01"),
    ("Two million people have gone abroad.", "2008-01"),
    ("Thousands were killed in April.", None),  # any April: the text does not say which
    ("In the first two years of the occupation 2,600 died.", None),
    ("Twelve years later 40 people returned.", None),
    ("The previous year's toll was 500.", None),
    ("Another 20,000 people would have lost their homes.", None),  # no present perfect
])
def test_periods_resolve_against_the_reference(sentence: str, period: str | None) -> None:
    candidates = extract(sentence)
    quantities = [c for c in candidates if c.kind in ("count", "rate", "ratio", "percent")]
    figure = quantities[-1]
    assert draft_period(sentence, (figure.start, figure.end), sentence_at(sentence, 0),
                        candidates=candidates, reference=REFERENCE) == period


def test_a_month_alone_takes_the_year_its_paragraph_names() -> None:
    text = "In April 2003 the town fell. Troops killed 266 civilians in April.\n"
    candidates = extract(text)
    figure = next(c for c in candidates if c.text == "266")
    assert draft_period(text, (figure.start, figure.end), sentence_at(text, figure.start),
                        candidates=candidates, reference=REFERENCE) == "2003-04"


def test_a_date_outside_a_frames_scope_dates_the_report_not_the_figure() -> None:
    text = ("It was not until December 2006 that the report mentioned the fact that 61% "
            "of voters approved.")
    candidates = extract(text)
    figure = next(c for c in candidates if c.text == "61%")
    span = (figure.start, figure.end)
    assert draft_period(text, span, sentence_at(text, 0), candidates=candidates,
                        reference=REFERENCE) == "2006-12"
    scope = (text.index("the fact"), len(text))
    assert draft_period(text, span, sentence_at(text, 0), candidates=candidates,
                        reference=REFERENCE, scope=scope) is None


@given(st.integers(1, 60), st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28))
def test_the_last_n_months_end_at_the_reference_and_span_n_months(
        months: int, year: int, month: int, day: int) -> None:
    reference = Reference(year=year, month=month, day=day)
    sentence = f"Over the last {months} months 40 attacks were recorded."
    candidates = extract(sentence)
    [window] = time_expressions(sentence, 0, len(sentence), candidates=candidates,
                                reference=reference)
    first, last = window.period.split("/")
    assert last == f"{year:04d}-{month:02d}"
    span = (year * 12 + month) - (int(first[:4]) * 12 + int(first[5:]))
    assert span in (months - 1, months)  # the start rounded to the nearer month boundary


@pytest.mark.parametrize(("published", "reference"), [
    ("2008-01-30", Reference(2008, 1, 30)), ("2004-02", Reference(2004, 2)),
    ("2004", Reference(2004)), (None, None), ("2004-13", None), ("2004-02-30", None),
    ("circa 2004", None),
])
def test_references_of_published_dates(published: str | None,
                                       reference: Reference | None) -> None:
    assert reference_of(published) == reference


# -- words -----------------------------------------------------------------------------


def test_places_are_named_places_after_a_locative_once() -> None:
    text = "Police found 20 bodies in Basra. Militias fought for 40 days in Basra and Kirkuk."
    candidates = extract(text)
    bodies = next(c for c in candidates if c.text == "20")
    days = next(c for c in candidates if c.text == "40 days")
    assert draft_place(text, bodies, sentence_at(text, bodies.start)) == "Basra"
    assert draft_place(text, days, sentence_at(text, days.start)) is None
    text = "That week 30 bodies were found in the city."
    thirty = next(c for c in extract(text) if c.text == "30")
    assert draft_place(text, thirty, sentence_at(text, 0)) is None


@pytest.mark.parametrize(("text", "place"), [
    ("In Basra, police found 20 bodies.", "Basra"),
    ("Police in Basra found 20 bodies.", "Basra"),
    ("In Basra police found 20 bodies in Kirkuk.", None),  # two places: which?
    ("In January police found 20 bodies.", None),  # a month is no place
    ("In the city police found 20 bodies.", None),
    ("Fighting raged in Basra, and police found 20 bodies.", None),  # another clause's
    ("Officials in Washington said that 20 soldiers died.", None),  # the speakers' place
    ("Officials in Washington said that 20 soldiers died in Kandahar.", "Kandahar"),
    ("Within Iraq 20 clinics closed.", "Iraq"),
])
def test_a_place_before_the_figure_in_its_clause(text: str, place: str | None) -> None:
    drafted = fields("20", text=text)
    assert drafted["place"] == (place if place is not None else BLANK)


def test_tags_are_the_vocabularys_whose_words_the_claim_says() -> None:
    words = {stem(word) for word in ["US", "troops", "children", "killed"]}
    assert draft_tags(words, TAGS) == ["children", "troops", "us-troops"]
    assert draft_tags({"troop"}, TAGS) == ["troops"]
    assert draft_tags(set(), TAGS) == []


@pytest.mark.parametrize(("noun", "capitalised", "unit"), [
    ("Iraqis", True, "people"), ("Shias", True, "people"), ("Kurds", True, "people"),
    ("non-combatants", True, "civilians"), ("troops", True, "troops"),
    ("Troops", False, "troops"),
])
def test_normalised_units(noun: str, capitalised: bool, unit: str) -> None:
    assert normalise_unit(noun, capitalised=capitalised) == unit


def test_slugs_are_ascii_words_of_the_measure_and_unique() -> None:
    assert slug_of("Civilians killed by US air strikes in 2007") == \
        "civilians-killed-us-air-strikes-2007"
    assert slug_of("Déplacés à Mossoul") == "deplaces-mossoul"
    assert slug_of("the of and") == "figure"
    assert unique_slug("troops", {"troops", "troops-2"}) == "troops-3"
    taken: set[str] = {"s/troops"}
    tried: dict[str, int] = {}
    for number in range(2, 50):  # many claims of one slug: each numbered once
        slug = unique_slug("troops", taken, prefix="s/", tried=tried)
        assert slug == f"troops-{number}"
        taken.add("s/" + slug)
    assert content_words("The Iraq Body Count's figures") == ["iraq", "body", "count", "figure"]


@pytest.mark.parametrize(("sentence", "figure", "reading"), [
    ("Another 200,000 would have done much better.", "200,000", "counterfactual"),
    ("The army should have sent 300,000 troops.", "300,000", "counterfactual"),
    ("If one assumes that every victim has five relatives, the toll is clear.", "five",
     "counterfactual"),
    ("If the levees had failed, 20,000 people would have lost their homes.", "20,000",
     "counterfactual"),
    ("A force of 150,000 troops would maintain order.", "150,000", "open"),
    ("If 150,000 troops had little idea how to win, they failed.", "150,000", "open"),
    ("The plan may cost $4 billion.", "$4 billion", "open"),
    ("The army sent 150,000 troops.", "150,000", None),
    ("Perhaps 3,000 people came.", "3,000", None),  # a hedge, but no modal or condition
])
def test_conditionals_read_counterfactual_or_open(sentence: str, figure: str,
                                                  reading: str | None) -> None:
    from claimset.grammar.conditionals import conditional_reading

    start = sentence.index(figure)
    assert conditional_reading(sentence, start, start + len(figure)) == reading


def test_a_reported_counterfactual_view_is_hypothetical() -> None:
    text = ("Critics argue that the army should have sent 300,000 troops. "
            "Officials say that 40,000 troops were sent.")
    counterfactual = fields("300,000", text=text)
    assert (counterfactual["attribution"], counterfactual["stance"]) == ("Critics",
                                                                           "hypothetical")
    reported = fields("40,000", text=text)
    assert (reported["attribution"], reported["stance"]) == ("Officials", "attributed")


def test_a_perfect_keeps_its_tense_in_the_measure() -> None:
    text = "Two million people have gone abroad. At least 300 civilians were killed by shelling."
    assert fields("Two million", text=text)["measure"] == "People who have gone abroad"
    assert fields("300", text=text)["measure"] == "Civilians killed by shelling"


# -- present perfects, counterfactuals without a time, frames that a figure cannot lean on --


@pytest.mark.parametrize(("sentence", "period"), [
    ("Iraq's neighbours have held several rounds of talks but they will fail.", "2008-01"),
    ("Conflicts have grown more intense within the two main groups.", "2008-01"),
    ("At least one other book has been written which cannot appear.", "2008-01"),
    ("Two ministers who served at the time have revealed 40 papers.", None),  # at that time
    ("Police have arrested 40 men since the riot began.", None),  # since when?
    ("Rebels would have seized 40 villages.", None),  # a modal perfect
    ("The town has 40 doctors.", None),  # a possession, not a perfect
    ("If rebels have taken 40 villages, talks will fail.", None),  # a condition
    ("Rebels seized 40 villages, and the army has promised an inquiry.", None),  # its clause
])
def test_a_present_perfect_dates_a_figure_at_the_reference(sentence: str,
                                                          period: str | None) -> None:
    candidates = extract(sentence)
    figure = next(c for c in candidates if c.kind == "count")
    assert draft_period(sentence, (figure.start, figure.end), sentence_at(sentence, 0),
                        candidates=candidates, reference=REFERENCE) == period


MODALS = ("would", "could", "should", "might", "may", "must", "will")
PARTICIPLES = ("gone", "held", "killed", "been", "seen", "sent", "lost", "written")


@given(st.sampled_from(MODALS), st.sampled_from(PARTICIPLES), st.integers(2, 10**6),
       st.sampled_from(("people", "troops", "villages")))
def test_a_modal_perfect_or_a_possession_is_no_present_perfect(
        modal: str, participle: str, number: int, noun: str) -> None:
    from claimset.grammar.tense import present_perfect_in_clause

    figure = f"{number:,}"
    for sentence in (f"The rebels {modal} have {participle} {figure} {noun}.",
                     f"The rebels have {figure} {noun}.",
                     f"The rebels had {participle} {figure} {noun}."):
        start = sentence.index(figure)
        assert not present_perfect_in_clause(sentence, start, start + len(figure)), sentence
    sentence = f"The rebels have {participle} {figure} {noun}."
    start = sentence.index(figure)
    assert present_perfect_in_clause(sentence, start, start + len(figure))


def test_a_counterfactual_with_no_time_in_its_sentence_has_no_period() -> None:
    drafted = fields("5,000")  # "If the fighting had continued, another 5,000 people ..."
    assert drafted["stance"] == "hypothetical" and drafted["period"] is None
    dated = "Before the war, another 5,000 people would have fled."
    assert fields("5,000", text=dated)["period"] is BLANK  # before the war: when was that?
    named = "In 2005 another 5,000 people would have fled."
    assert fields("5,000", text=named)["period"] == "2005"
    assert fields("3,000")["period"] is BLANK  # "would keep order": open, not counterfactual


def test_a_frame_whose_speaker_is_a_pronoun_is_attributed_to_no_one_yet() -> None:
    text = "The White House spoke. It claims that 27,000 troops have made a difference."
    drafted = fields("27,000", text=text)
    assert (drafted["attribution"], drafted["stance"]) == (BLANK, "attributed")
    impersonal = fields("27,000", text="It is claimed that 27,000 troops made a difference.")
    assert impersonal["stance"] is BLANK


def test_a_definite_figure_inside_a_view_is_left_to_the_person() -> None:
    text = ("Critics argue that the army needed twice the 150,000 it had in May. "
            "Critics argue that 300,000 troops were needed.")
    presupposed = fields("150,000", text=text)
    assert (presupposed["attribution"], presupposed["stance"]) == (BLANK, BLANK)
    reported = fields("300,000", text=text)
    assert (reported["attribution"], reported["stance"]) == ("Critics", "attributed")


@pytest.mark.parametrize(("sentence", "reading"), [
    ("Last year 1,326 people died.",
     PeriodReading("2007", "'Last year' in a text of 2008-01-30")),
    ("Over the last five months 1,000 attacks were recorded.",
     PeriodReading("2007-09/2008-01", "'Over the last five months' in a text of 2008-01-30")),
    ("There are now three armed movements.",
     PeriodReading("2008-01", "'now' in a text of 2008-01-30")),
    ("Two million people have gone abroad.",
     PeriodReading("2008-01", "a present perfect in a text of 2008-01-30")),
    ("In April 2003 the town fell. By December the schools were down to 40.",
     PeriodReading("2003-12", "'December' in the year its paragraph names before it")),
    ("In 2006 up to 623 people were killed.", PeriodReading("2006")),  # the text writes it
    ("Between April 2004 and March 2005 they killed 2,096.",
     PeriodReading("2004-04/2005-03")),
    ("Thousands were killed.", PeriodReading(None)),
])
def test_a_period_says_what_it_was_worked_out_from(sentence: str,
                                                   reading: PeriodReading) -> None:
    candidates = extract(sentence)
    figure = [c for c in candidates if c.kind in ("count", "rate", "ratio", "percent")][-1]
    assert period_reading(sentence, (figure.start, figure.end),
                          sentence_at(sentence, figure.start), candidates=candidates,
                          reference=REFERENCE) == reading


@pytest.mark.parametrize(("text", "measure"), [
    ("Police said 1,000 bodies were found in the city, showing signs of torture.",
     "Bodies found"),  # which city? the measure stands alone
    ("Police said 1,000 bodies were found across the country.", "Bodies found"),
    ("Police said 1,000 bodies were found in the city of Mosul.",
     "Bodies found in the city of Mosul"),
    ("Police said 1,000 bodies were found in Mosul.", "Bodies found in Mosul"),
])
def test_a_measure_stops_before_a_place_only_the_text_around_says(text: str,
                                                                  measure: str) -> None:
    assert fields("1,000", text=text)["measure"] == measure


def test_a_count_of_occasions_counts_events_the_text_does_not_name() -> None:
    drafted = fields("eight", text="I have been to Iraq on eight different occasions.")
    assert drafted["unit"] is BLANK and drafted["measure"] is BLANK
    counted = fields("eight", text="I have been to Iraq on eight reporting trips.")
    assert counted["unit"] == "trips" and counted["measure"] == "Reporting trips"


PLACE_NAMES = st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True).filter(
    lambda name: name.casefold() not in FUNCTION_WORDS | WEEKDAYS
    and name not in MONTH_NAMES)


@settings(max_examples=40)
@given(PLACE_NAMES, st.integers(2, 10**6))
def test_a_place_before_the_figure_is_its_place_unless_it_is_the_speakers(
        place: str, number: int) -> None:
    figure = f"{number:,}"
    before = f"In {place}, police found {figure} bodies."
    assert fields(figure, text=before)["place"] == place
    speakers = f"Officials in {place} said that {figure} soldiers died."
    assert fields(figure, text=speakers)["place"] is BLANK


def test_a_body_is_no_place_and_since_is_no_now() -> None:
    assert fields("40", text="In Congress, 40 senators voted against it.")["place"] is BLANK
    assert fields("40", text="40 senators in the Senate voted.")["place"] is BLANK
    since = fields("12", text="In Mosul, 12 schools have been destroyed since the war began.")
    assert since["period"] is BLANK and since["place"] == "Mosul"


def test_a_period_the_text_does_not_write_is_drafted_with_its_added_entry() -> None:
    from claimset.contrib.drafts import added_for_period

    text = "Last year 1,326 people died."
    candidates = extract(text)
    figure = next(c for c in candidates if c.text == "1,326")
    reading = period_reading(text, (figure.start, figure.end), sentence_at(text, 0),
                             candidates=candidates, reference=REFERENCE)
    assert added_for_period(text, reading) == [
        {"words": "2007", "why": "'Last year' in a text of 2008-01-30"}]
    written = "The war began in 2007. " + text  # the text writes the year: nothing to add
    assert added_for_period(written, reading) == []
    dated = "In 2006 up to 623 people were killed."
    dated_figure = next(c for c in extract(dated) if c.text == "623")
    assert added_for_period(dated, period_reading(
        dated, (dated_figure.start, dated_figure.end), sentence_at(dated, 0),
        candidates=extract(dated), reference=REFERENCE)) == []


def test_an_age_is_measured_in_a_sentence_after_another() -> None:
    text = "Troops arrived in 2003. The occupation is now five years old."
    assert fields("five years", text=text)["measure"] == "Age of the occupation"
    assert fields("five years", text="Troops arrived. He is now five years old.")[
        "measure"] is BLANK  # "He": no noun phrase says what is old
