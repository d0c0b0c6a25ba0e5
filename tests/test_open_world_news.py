"""News sentences as wire services write them (war, economy, polls), with every figure.

Made up for this table, in the style of agency copy; not taken from any article.
Each row lists every figure the extractor must find, in order, as
``(text, value or (lower, upper), kind, unit, qualifier)``: a missed figure, an
extra one or a wrong reading fails the row.  Each figure also reads back to
itself through ``read_figure`` (the checker's reading of a claim's text).
"""

from __future__ import annotations

import math

import pytest

from claimset.grammar.extract import extract, read_figure

Figure = tuple[str, object, str, str | None, str]

NEWS: list[tuple[str, list[Figure]]] = [
    ('At least 42 people were killed and more than 100 wounded in a car bomb attack in central '
     'Baghdad on Tuesday, police said.',
     [('42', 42, 'count', 'people', 'at least'),
      ('100', 100, 'count', None, 'more than')]),
    ('The blast killed 17 soldiers and injured dozens of civilians, a military spokesman said.',
     [('17', 17, 'count', 'soldiers', 'exact'),
      ('dozens', 24, 'count', 'civilians', 'at least')]),
    ('Some 2,500 troops will be withdrawn by the end of the year, the defence ministry said.',
     [('2,500', 2500, 'count', 'troops', 'approximately')]),
    ('The United Nations says nearly 1.5 million people have fled the fighting since March.',
     [('1.5 million', 1500000, 'count', 'people', 'nearly')]),
    ('Roughly one in five children in the region is malnourished, the agency said.',
     [('one in five', 0.2, 'ratio', 'children', 'approximately')]),
    ('The government has pledged $87bn in reconstruction aid over five years.',
     [('$87bn', 87000000000, 'money', 'USD', 'exact'),
      ('five years', 5, 'duration', 'years', 'exact')]),
    ('Inflation rose to 4.2% in June from 3.9% in May, the statistics office said.',
     [('4.2%', 4.2, 'percent', 'percent', 'exact'),
      ('3.9%', 3.9, 'percent', 'percent', 'exact')]),
    ('The economy shrank 0.3 per cent in the third quarter, the second contraction in a row.',
     [('0.3 per cent', 0.3, 'percent', 'percent', 'exact'),
      ('third', 3, 'ordinal', None, 'exact'),
      ('second', 2, 'ordinal', None, 'exact')]),
    ('Unemployment fell to 5.1 percent, its lowest level in seven years.',
     [('5.1 percent', 5.1, 'percent', 'percent', 'exact'),
      ('seven years', 7, 'duration', 'years', 'exact')]),
    ('The central bank cut its key rate by 25 basis points to 1.75%.',
     [('25', 25, 'count', 'points', 'exact'),
      ('1.75%', 1.75, 'percent', 'percent', 'exact')]),
    ('Exports to China nearly doubled last year to 3.5bn euros.',
     [('doubled', 2, 'ratio', 'times', 'nearly'),
      ('3.5bn euros', 3500000000, 'money', 'EUR', 'exact')]),
    ('Oil prices fell more than 6% to $48.20 a barrel on Monday.',
     [('6%', 6, 'percent', 'percent', 'more than'),
      ('$48.20', 48.2, 'money', 'USD', 'exact')]),
    ('The company said it would cut 1,200 jobs, or about 8% of its workforce.',
     [('1,200', 1200, 'count', 'jobs', 'exact'),
      ('8%', 8, 'percent', 'percent', 'approximately')]),
    ('Between 25 and 40 per cent of voters remain undecided, according to the survey.',
     [('Between 25 and 40 per cent', (25, 40), 'percent', 'percent', 'range')]),
    ('The poll of 1,012 adults has a margin of error of plus or minus 3 percentage points.',
     [('1,012', 1012, 'count', 'adults', 'exact'),
      ('3 percentage points', 3, 'percent', 'percentage points', 'exact')]),
    ('Support for the president dropped to 38%, down six points from last month.',
     [('38%', 38, 'percent', 'percent', 'exact'),
      ('six', 6, 'count', 'points', 'exact')]),
    ('Three out of four respondents said the country was on the wrong track.',
     [('Three out of four', 0.75, 'ratio', 'respondents', 'exact')]),
    ('The ruling party won 52.3% of the vote, against 41.7% for the opposition.',
     [('52.3%', 52.3, 'percent', 'percent', 'exact'),
      ('41.7%', 41.7, 'percent', 'percent', 'exact')]),
    ('Turnout was just over 60%, well below the 71% recorded in 2015.',
     [('60%', 60, 'percent', 'percent', 'more than'),
      ('71%', 71, 'percent', 'percent', 'exact'),
      ('2015', 2015, 'year', None, 'exact')]),
    ('Tens of thousands of protesters marched through the capital on Saturday.',
     [('Tens of thousands', 20000, 'count', 'protesters', 'at least')]),
    ('Hundreds of people were arrested, and several hundred thousand remain displaced.',
     [('Hundreds', 200, 'count', 'people', 'at least'),
      ('several hundred thousand', 300000, 'count', None, 'at least')]),
    ('Officials estimated the damage at between $2 billion and $3 billion.',
     [('between $2 billion and $3 billion', (2000000000, 3000000000), 'money', 'USD', 'range')]),
    ('The ministry said 30 lakh households had received the payment of Rs 2,000 each.',
     [('30 lakh', 3000000, 'count', 'households', 'exact'),
      ('Rs 2,000', 2000, 'money', 'INR', 'exact')]),
    ("The fine was set at 1.2m pounds, roughly a third of the firm's annual profit.",
     [('1.2m pounds', 1200000, 'money', 'GBP', 'exact'),
      ('a third', 0.3333, 'ratio', None, 'approximately')]),
    ('Food prices have tripled since the start of the war, aid workers said.',
     [('tripled', 3, 'ratio', 'times', 'exact')]),
    ('The number of refugees has risen tenfold in two years, to about 400,000.',
     [('tenfold', 10, 'ratio', 'times', 'exact'),
      ('two years', 2, 'duration', 'years', 'exact'),
      ('400,000', 400000, 'count', None, 'approximately')]),
    ('The deficit widened to £4.5bn, higher than the £3.9bn economists had forecast.',
     [('£4.5bn', 4500000000, 'money', 'GBP', 'exact'),
      ('£3.9bn', 3900000000, 'money', 'GBP', 'exact')]),
    ('The IMF expects growth of 2 to 3 per cent next year.',
     [('2 to 3 per cent', (2, 3), 'percent', 'percent', 'range')]),
    ('Casualty figures ranged from 100,000 to 150,000, according to independent estimates.',
     [('from 100,000 to 150,000', (100000, 150000), 'count', None, 'range')]),
    ('Rebels said they had shot down two helicopters and captured a dozen soldiers.',
     [('two', 2, 'count', 'helicopters', 'exact'),
      ('a dozen', 12, 'count', 'soldiers', 'exact')]),
    ('The coalition has carried out more than 8,000 air strikes since August 2014.',
     [('8,000', 8000, 'count', 'strikes', 'more than'),
      ('August 2014', 20140800, 'date', '2014-08', 'exact')]),
    ('Fewer than 500 fighters are believed to remain in the city, a commander said.',
     [('500', 500, 'count', 'fighters', 'less than')]),
    ('Almost half of all households now rely on food aid, the report found.',
     [('half', 0.5, 'ratio', None, 'nearly')]),
    ('The bill passed by 312 votes to 210 in the lower house.',
     [('312', 312, 'count', 'votes', 'exact'),
      ('210', 210, 'count', None, 'exact')]),
    ('Average house prices fell 1.8% to 254,000 pounds in the year to March.',
     [('1.8%', 1.8, 'percent', 'percent', 'exact'),
      ('254,000 pounds', 254000, 'money', 'GBP', 'exact')]),
    ('Wages grew by an annual 2.9 percent, slower than the 3.4 percent pace of inflation.',
     [('2.9 percent', 2.9, 'percent', 'percent', 'exact'),
      ('3.4 percent', 3.4, 'percent', 'percent', 'exact')]),
    ('The company reported a net loss of $1.3 billion, or 42 cents a share.',
     [('$1.3 billion', 1300000000, 'money', 'USD', 'exact'),
      ('42 cents', 42, 'money', 'cents', 'exact')]),
    ('An estimated 6,000 migrants crossed the Channel in small boats last year.',
     [('6,000', 6000, 'count', 'migrants', 'approximately')]),
    ('The ceasefire has largely held for 48 hours, though at least three violations were reported.',
     [('48 hours', 48, 'duration', 'hours', 'exact'),
      ('three', 3, 'count', 'violations', 'at least')]),
    ('Retail sales rose 0.4% in October, beating forecasts of a 0.2% gain.',
     [('0.4%', 0.4, 'percent', 'percent', 'exact'),
      ('0.2%', 0.2, 'percent', 'percent', 'exact')]),
    ('Some 300,000 people are thought to have died in the 1994 genocide.',
     [('300,000', 300000, 'count', 'people', 'approximately'),
      ('1994', 1994, 'year', None, 'exact')]),
]


def _reading(value: object) -> object:
    return round(value, 4) if isinstance(value, float) else value


@pytest.mark.parametrize(("sentence", "figures"), NEWS, ids=[s[:40] for s, _ in NEWS])
def test_a_news_sentence_reads_as_its_figures(sentence: str, figures: list[Figure]) -> None:
    got = [(c.text, _reading(c.value) if c.value is not None else (c.lower, c.upper), c.kind,
            c.unit, c.qualifier) for c in extract(sentence)]
    assert got == figures


@pytest.mark.parametrize(("sentence", "figures"), NEWS, ids=[s[:40] for s, _ in NEWS])
def test_each_news_figure_reads_back_alone(sentence: str, figures: list[Figure]) -> None:
    for candidate in extract(sentence):
        if candidate.kind in ("ordinal", "date", "year"):
            continue  # read alone ("third", "2015") they are other things
        again = read_figure(candidate.text)
        assert again is not None, candidate.text
        if candidate.value is None:
            assert (again.lower, again.upper) == (candidate.lower, candidate.upper)
        else:
            assert again.value is not None and math.isclose(again.value, candidate.value)


def test_the_table_is_wire_copy_sized() -> None:
    assert len(NEWS) >= 40
    assert sum(len(figures) for _, figures in NEWS) >= 70
