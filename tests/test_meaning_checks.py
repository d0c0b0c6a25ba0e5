"""The checks of meaning on made-up checkouts: each code fires on the claim that earns it
(with its location and a message that says how to fix it) and stays quiet on the claim
that does not; ``load()`` and ``build`` do not run them, ``validate`` does (and
``--no-meaning`` leaves them out); hostile values give problems, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import claimset
from claimset.check.registry import REGISTRY
from claimset.cli import main
from claimset.core.codes import CATALOGUE

from conftest import make_claim, tree_digest, write_checkout

TEXT = (
    "The war went badly. Almost everyone argues that the US should have sent 300,000 troops "
    "to Iraq. The ministry said 42 people died in Basra in 2004.\n\n"
    "Seventeen Iraqis were dead. The victims of these air attacks included 88 children.\n\n"
    "If one assumes that every victim has five relatives, the hatred is clear. They held "
    "several rounds of talks in Amman. He quoted them: 'we lost 50 men'. The 82nd Airborne "
    "came in May 2003. One evening a crowd gathered.\n"
)


def claim(slug: str, quote: str, figure: str, value: float, **fields: Any) -> dict[str, Any]:
    fields.setdefault("unit", "people")
    return make_claim(TEXT, slug, quote, figure, value, **fields)


def exclusion(words: str, reason: str, note: str | None = None, *, after: int = 0,
              **fields: Any) -> dict[str, Any]:
    start = TEXT.index(words, after)
    return {"start": start, "end": start + len(words), "text": words, "reason": reason,
            "note": note, **fields}


def clean_claims() -> list[dict[str, Any]]:
    return [
        claim("troops", "Almost everyone argues that the US should have sent 300,000 troops "
                        "to Iraq.", "300,000", 300000, unit="troops",
              attribution="almost everyone", stance="hypothetical"),
        claim("dead", "The ministry said 42 people died in Basra in 2004.", "42", 42,
              attribution="the ministry", stance="attributed", period="2004",
              measure="People who died in Basra in 2004, according to the ministry"),
        claim("iraqis", "Seventeen Iraqis were dead.", "Seventeen", 17),
        claim("children", "Seventeen Iraqis were dead. The victims of these air attacks "
                          "included 88 children.", "88", 88, unit="children",
              refers=[{"words": "these air attacks", "to": "the strikes of the sentence before"}]),
        claim("relatives", "If one assumes that every victim has five relatives, the hatred is "
                           "clear.", "five", 5, unit="relatives", stance="hypothetical"),
        claim("rounds", "They held several rounds of talks in Amman.", "several", 3,
              unit="rounds", qualifier="at least", lower=3,
              refers=[{"words": "They", "to": "Iraq's neighbours"}]),
    ]


def clean_exclusions() -> list[dict[str, Any]]:
    return [
        exclusion("2004", "year"), exclusion("50", "quoted speech"),
        exclusion("82nd", "name or title"), exclusion("May 2003", "date"),
        exclusion("One", "not a quantity", after=TEXT.index("evening") - 10),
    ]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "repo", text=TEXT, claims=clean_claims(),
                          exclusions=clean_exclusions())


def meaning_problems(root: Path) -> list[claimset.Problem]:
    return [problem for problem in claimset.validate(root).problems
            if problem.code in REGISTRY_MEANING_CODES]


REGISTRY_MEANING_CODES = {code for check in REGISTRY.checks if check.layer == "meaning"
                          for code in check.codes}


def with_claim(tmp_path: Path, changed: dict[str, Any], *, slug: str = "troops") -> Path:
    claims = [changed if item["id"].endswith("/" + slug) else item for item in clean_claims()]
    return write_checkout(tmp_path / "changed", text=TEXT, claims=claims,
                          exclusions=clean_exclusions())


def test_the_clean_checkout_has_no_problem(repo: Path) -> None:
    report = claimset.validate(repo)
    assert report.ok and not report.problems, [str(p) for p in report.problems]


def test_every_meaning_code_is_catalogued_and_registered_once() -> None:
    assert {f"CS{n}" for n in range(220, 231)} | {
        f"CS{n}" for n in range(408, 413)} == REGISTRY_MEANING_CODES
    assert set(CATALOGUE) >= REGISTRY_MEANING_CODES


# -- one case per code: (code, the claim or exclusions changed, where it points) --------


def _claim_cases() -> list[tuple[str, str, dict[str, Any], str]]:
    base = {item["id"].split("/")[1]: item for item in clean_claims()}
    return [
        ("CS220", "troops", claim("troops", "the US should have sent 300,000 troops", "300,000",
                                  300000, unit="troops", attribution="almost everyone",
                                  stance="hypothetical"), "/quote"),
        ("CS221", "troops", claim("troops", "the US should have sent 300,000 troops", "300,000",
                                  300000, unit="troops", attribution="almost everyone",
                                  stance="hypothetical", excerpt="the frame"), "/quote"),
        ("CS222", "relatives", claim("relatives", "every victim has five relatives", "five", 5,
                                     unit="relatives", stance="hypothetical",
                                     excerpt="the condition"), "/quote"),
        ("CS223", "iraqis", {**base["iraqis"], "excerpt": "nothing"}, "/excerpt"),
        ("CS224", "dead", {**base["dead"], "attribution": None, "stance": "asserted"},
         "/attribution"),
        ("CS225", "dead", {**base["dead"], "attribution": "the army"}, "/attribution"),
        ("CS226", "children", claim("children", "The victims of these air attacks included 88 "
                                                "children.", "88", 88, unit="children"),
         "/quote"),
        ("CS227", "children", {**base["children"], "refers": [
            {"words": "those bombings", "to": "x"}]}, "/refers/0/words"),
        ("CS228", "iraqis", {**base["iraqis"], "measure": "Iraqis dead, says the UN"},
         "/measure"),
        ("CS228", "dead", {**base["dead"], "period": "2005"}, "/period"),
        ("CS229", "iraqis", {**base["iraqis"], "added": [{"words": "1999", "why": "x"}]},
         "/added/0/words"),
        ("CS230", "iraqis", {**base["iraqis"], "adopted": "the author agrees"}, "/adopted"),
    ]


@pytest.mark.parametrize(("code", "slug", "changed", "pointer"), _claim_cases(),
                         ids=lambda value: value if isinstance(value, str) else "")
def test_each_claim_code_fires_where_it_should(tmp_path: Path, code: str, slug: str,
                                               changed: dict[str, Any], pointer: str) -> None:
    root = with_claim(tmp_path, changed, slug=slug)
    before = tree_digest(root)
    found = [problem for problem in claimset.validate(root).problems if problem.code == code]
    assert found, [str(p) for p in claimset.validate(root).problems]
    assert found[0].pointer is not None and found[0].pointer.endswith(pointer)
    assert ":" in found[0].message  # says what is wrong, then how to fix it
    assert tree_digest(root) == before


def test_a_reported_figure_is_an_error_that_fails_validate(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    base = {item["id"].split("/")[1]: item for item in clean_claims()}
    root = with_claim(tmp_path, {**base["dead"], "attribution": None, "stance": "asserted"},
                      slug="dead")
    assert main(["validate", str(root)]) == 1
    assert "CS224" in capsys.readouterr().out
    assert main(["validate", str(root), "--no-meaning"]) == 0


def test_an_adopted_figure_needs_no_attribution(tmp_path: Path) -> None:
    base = {item["id"].split("/")[1]: item for item in clean_claims()}
    root = with_claim(tmp_path, {**base["dead"], "attribution": None, "stance": "asserted",
                                 "adopted": "the author counts the same dead himself"},
                      slug="dead")
    assert not meaning_problems(root)


def test_a_drafted_attribution_waits_for_a_person(tmp_path: Path) -> None:
    base = {item["id"].split("/")[1]: item for item in clean_claims()}
    root = with_claim(tmp_path, {**base["dead"], "attribution": None, "stance": "asserted",
                                 "drafted": ["attribution", "stance"]}, slug="dead")
    codes = {problem.code for problem in claimset.validate(root).problems}
    assert "CS216" in codes and "CS224" not in codes


def test_a_drafted_prose_field_waits_for_a_person(tmp_path: Path) -> None:
    """A period a machine resolved from "last year" is a proposal: CS216 asks a person to
    check it, and CS228 reads it once the person has confirmed it."""
    base = {item["id"].split("/")[1]: item for item in clean_claims()}
    drafted = {**base["dead"], "period": "2005", "drafted": ["period"]}
    codes = {p.code for p in claimset.validate(with_claim(tmp_path, drafted, slug="dead"))
             .problems}
    assert "CS216" in codes and "CS228" not in codes
    confirmed = {key: value for key, value in drafted.items() if key != "drafted"}
    codes = {p.code for p in claimset.validate(with_claim(tmp_path / "b", confirmed,
                                                          slug="dead")).problems}
    assert "CS228" in codes


def test_added_words_are_accepted(tmp_path: Path) -> None:
    base = {item["id"].split("/")[1]: item for item in clean_claims()}
    root = with_claim(tmp_path, {**base["iraqis"], "measure": "Iraqis dead in 2003",
                                 "added": [{"words": "2003", "why": "the year of the text"}]},
                      slug="iraqis")
    assert not meaning_problems(root)


@pytest.mark.parametrize(("code", "exclusions"), [
    ("CS408", [exclusion("several", "not a quantity")]),
    ("CS409", [exclusion("2004", "quoted speech")]),
    ("CS410", [exclusion("2004", "name or title")]),
    ("CS411", [exclusion("2004", "year", "the year NATO came")]),
    ("CS412", [exclusion("2004", "year", "a year", added=[{"words": "1999", "why": "x"}])]),
])
def test_each_exclusion_code_fires_where_it_should(tmp_path: Path, code: str,
                                                   exclusions: list[dict[str, Any]]) -> None:
    claims = [item for item in clean_claims() if not item["id"].endswith("/rounds")] \
        if code == "CS408" else clean_claims()
    others = [item for item in clean_exclusions()
              if (item["start"], item["end"]) not in {(e["start"], e["end"]) for e in exclusions}]
    root = write_checkout(tmp_path / "x", text=TEXT, claims=claims,
                          exclusions=sorted([*others, *exclusions], key=lambda e: e["start"]))
    found = [problem for problem in claimset.validate(root).problems if problem.code == code]
    assert found and found[0].pointer is not None and "/exclusions/" in found[0].pointer


def test_load_and_build_do_not_run_the_meaning_checks(tmp_path: Path) -> None:
    base = {item["id"].split("/")[1]: item for item in clean_claims()}
    root = with_claim(tmp_path, {**base["dead"], "attribution": None, "stance": "asserted"},
                      slug="dead")
    assert len(claimset.load(root).claims) == len(clean_claims())
    assert not [p for p in claimset.validate(root, meaning=False).problems
                if p.code in REGISTRY_MEANING_CODES]


def test_the_new_fields_load_into_the_model(repo: Path) -> None:
    ds = claimset.load(repo)
    children = ds.claim("demo/children")
    assert children.refers[0].words == "these air attacks"
    assert ds.claim("demo/iraqis").excerpt is None and ds.claim("demo/iraqis").added == ()


HOSTILE = st.one_of(st.text(max_size=40), st.just("these"), st.just("It"), st.just("2,000,000"))


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(measure=HOSTILE.filter(bool), note=st.one_of(st.none(), HOSTILE.filter(bool)),
       words=HOSTILE.filter(bool), value=st.one_of(st.integers(), st.just(10**400)))
def test_hostile_prose_and_values_give_problems_never_a_traceback(
        tmp_path_factory: pytest.TempPathFactory, measure: str, note: str | None, words: str,
        value: int) -> None:
    base = {item["id"].split("/")[1]: item for item in clean_claims()}
    changed = {**base["children"], "measure": measure, "note": note,
               "refers": [{"words": words, "to": words}],
               "added": [{"words": words, "why": words}], "excerpt": words,
               "adopted": words}
    claims = [changed if item["id"].endswith("/children") else item for item in clean_claims()]
    claims[1] = {**claims[1], "value": value}
    root = write_checkout(tmp_path_factory.mktemp("hostile") / "repo", text=TEXT,
                          claims=claims, exclusions=clean_exclusions())
    report = claimset.validate(root)
    assert all(problem.code in CATALOGUE for problem in report.problems)


def test_a_text_with_no_sentence_end_costs_each_claim_a_bounded_window(tmp_path: Path) -> None:
    filler = "and the talks went on " * 20_000
    text = f"{filler}officials said 42 people died {filler}"
    claims = [make_claim(text, "dead", text[:len(text) // 2 + 40].rsplit(" ", 1)[0], "42", 42,
                         unit="people", attribution="officials", stance="attributed",
                         excerpt="the rest of a very long sentence")]
    root = write_checkout(tmp_path / "long", text=text, claims=claims)
    codes = {problem.code for problem in claimset.validate(root, coverage=False).problems}
    assert "CS220" not in codes  # it says it is an excerpt


# -- generated sentences: boundaries, frames inside and outside the quote ---------------

_BEFORE = st.sampled_from([
    "", "The war went badly. ", "Gen. Petraeus flew to the U.S. capital on Monday. ",
    "Dr. J. R. Smith wrote a report in Jan. and it was long. ",
    "## Displacement\n\n", "- Camps were full.\n",
])
_AFTER = st.sampled_from(["", " The camps were full.", " Mr. Brown disagreed.",
                          "\n\n\"We saw the tents,\" she wrote."])
_SPEAKERS = st.sampled_from(["The ministry", "Most experts", "Local officials",
                             "The Red Cross", "Human Rights Watch"])
_VERBS = st.sampled_from(["said", "argues", "estimated", "reported", "believe", "claims"])


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture],
          deadline=None)
@given(before=_BEFORE, after=_AFTER, speaker=st.one_of(st.none(), _SPEAKERS), verb=_VERBS,
       number=st.integers(11, 999_999), cut=st.sampled_from(["whole", "excerpt", "bare"]),
       attributed=st.booleans())
def test_generated_quotes_get_exactly_the_codes_their_scope_and_frame_earn(
        tmp_path_factory: pytest.TempPathFactory, before: str, after: str,
        speaker: str | None, verb: str, number: int, cut: str, attributed: bool) -> None:
    """Whatever the sentences around it (abbreviations, initials, headings, list items,
    quotations), a quote of the figure's whole sentence is in scope, a quote cut at the
    figure is CS220 unless marked an excerpt, and drops the frame (CS221) exactly when the
    sentence has one; a framed figure with no attribution is CS224."""
    figure = f"{number:,}"
    framed = f"{speaker} {verb} that {figure} people were displaced." if speaker else \
        f"Last year {figure} people were displaced."
    text = f"{before}{framed}{after}\n"
    quote = framed if cut == "whole" else framed[framed.index(figure):]
    fields: dict[str, Any] = {"unit": "people"}
    if cut == "excerpt":
        fields["excerpt"] = "the words before the figure"
    if speaker and attributed:
        fields.update(attribution=speaker.casefold(), stance="attributed")
    root = write_checkout(tmp_path_factory.mktemp("generated") / "repo", text=text,
                          claims=[make_claim(text, "displaced", quote, figure, number,
                                             **fields)])
    codes = {problem.code for problem in claimset.validate(root, coverage=False).problems
             if problem.code in REGISTRY_MEANING_CODES}
    expected = set()
    if cut == "bare":
        expected.add("CS220")
    if speaker and cut != "whole":
        expected.add("CS221")
    if speaker and not attributed:
        expected.add("CS224")
    assert codes == expected, (text, quote)
