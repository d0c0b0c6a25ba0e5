"""The dataset's content: headline claims, honest exclusions, exact citations.

These tests read ``dataset/*.json`` with plain :mod:`json`, so they hold the data
to account independently of the library's loader.  When ``claimset.grammar.extract`` is
importable they also check coverage (every number the extractor finds is a
claim or an exclusion) and that each figure reads as its claim's value.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "dataset"


@cache
def index() -> dict[str, Any]:
    return json.loads((DATASET / "index.json").read_text(encoding="utf-8"))


@cache
def source_file(source_id: str) -> dict[str, Any]:
    return json.loads((DATASET / f"{source_id}.json").read_text(encoding="utf-8"))


@cache
def seed_text(source_id: str) -> str:
    path = ROOT / source_file(source_id)["source"]["path"]
    return path.read_bytes().decode("utf-8")


def source_ids() -> list[str]:
    return list(index()["sources"])


def all_claims() -> list[dict[str, Any]]:
    return [claim for sid in source_ids() for claim in source_file(sid)["claims"]]


def all_exclusions() -> list[tuple[str, dict[str, Any]]]:
    return [(sid, ex) for sid in source_ids() for ex in source_file(sid)["exclusions"]]


def claim(claim_id: str) -> dict[str, Any]:
    found = [c for c in all_claims() if c["id"] == claim_id]
    assert len(found) == 1, f"{claim_id}: {len(found)} claims with this id"
    return found[0]


# --------------------------------------------------------------------------
# Headline claims: a regression table.  Changing one of these rows changes the
# meaning of a released claim, which needs a new claim id or a retraction.
# --------------------------------------------------------------------------

IBC = "Iraq Body Count"

# id: (figure text, value, unit, qualifier, lower, upper, period, attribution, stance)
HEADLINES: dict[str, tuple[Any, ...]] = {
    "daalder-lake-2004/occupation-troops":
        ("150,000", 150000, "troops", "approximately", None, None, "2003", None, "asserted"),
    "daalder-lake-2004/reconstruction-funds":
        ("$20 billion", 20000000000, "USD", "nearly", None, 20000000000, "2003", None,
         "asserted"),
    "steele-2008/iraqis-approving-attacks-on-us-forces":
        ("61%", 61, "percent", "exact", None, None, "2006",
         "Iraq Study Group (Baker-Hamilton) report", "attributed"),
    "steele-2008/ibc-civilian-deaths-april-2003":
        ("266", 266, "civilians", "at least", 266, None, "2003-04", IBC, "attributed"),
    "steele-2008/ibc-civilian-deaths-2004-2005":
        ("2,096", 2096, "civilians", "exact", None, None, "2004-04/2005-03", IBC, "attributed"),
    "steele-2008/ibc-civilian-deaths-rise-2004-2005":
        ("four times", 4, "times", "nearly", None, 4, "2004-04/2005-03", None, "asserted"),
    "steele-2008/ibc-air-strike-deaths-2006":
        ("623", 623, "civilians", "up to", None, 623, "2006", IBC, "attributed"),
    "steele-2008/ibc-air-strike-deaths-rise-2007":
        ("double", 2, "times", "more than", 2, None, "2007", None, "asserted"),
    "steele-2008/ibc-air-strike-deaths-2007":
        ("1,326", 1326, "civilians", "exact", None, None, "2007", IBC, "attributed"),
    "steele-2008/ibc-air-strike-child-deaths":
        ("88", 88, "children", "exact", None, None, "2007", IBC, "attributed"),
    "steele-2008/who-deaths-first-three-years":
        ("150,000", 150000, "people", "at least", 150000, None, "2003-04/2006-03",
         "World Health Organisation", "attributed"),
    "steele-2008/baghdad-bodies-found-january-2007":
        ("1,000", 1000, "bodies", "nearly", None, 1000, "2007-01", None, "asserted"),
    "steele-2008/baghdad-bodies-found-december-2007":
        ("120", 120, "bodies", "exact", None, None, "2007-12", None, "asserted"),
    "steele-2008/us-troop-surge":
        ("27,000", 27000, "troops", "exact", None, None, "2007", "the Bush administration",
         "attributed"),
    "steele-2008/iraqis-gone-abroad":
        ("Two million", 2000000, "people", "exact", None, None, "2008-01", None, "asserted"),
    "steele-2008/iraqis-internally-displaced":
        ("A million and a half", 1500000, "people", "exact", None, None, "2008-01", None,
         "asserted"),
    "steele-2008/fallujah-school-shooting-dead":
        ("Seventeen", 17, "people", "exact", None, None, "2003-04", None, "asserted"),
    "steele-2008/fallujah-incursion-dead":
        ("a dozen", 12, "people", "more than", 12, None, "2003-04", None, "asserted"),
    "steele-2008/sadr-ceasefire-length":
        ("six-month", 6, "months", "exact", None, None, "2007-08/2008-02", None, "asserted"),
    "steele-2008/withdrawal-duration":
        ("six months", 6, "months", "at least", 6, None, None, None, "asserted"),
    "steele-2008/troops-to-withdraw":
        ("150,000", 150000, "troops", "exact", None, None, "2008-01", None, "asserted"),
    "steele-2008/family-members-per-victim":
        ("five", 5, "family members", "exact", None, None, None, None, "hypothetical"),
    "wrong-lessons-2008/us-troops-when-baghdad-fell":
        ("150,000", 150000, "troops", "exact", None, None, "2003-04", None, "asserted"),
    "wrong-lessons-2008/larger-occupation-force":
        ("two to three times", None, "times", "range", 2, 3, None,
         "the common view ('Almost everyone argues')", "hypothetical"),
    "wrong-lessons-2008/additional-troops":
        ("200,000", 200000, "troops", "exact", None, None, None, None, "hypothetical"),
}
FIELDS = ("value", "unit", "qualifier", "lower", "upper", "period", "attribution", "stance")


@pytest.mark.parametrize("claim_id", sorted(HEADLINES))
def test_headline_claim(claim_id: str) -> None:
    figure, *expected = HEADLINES[claim_id]
    found = claim(claim_id)
    assert found["figure"]["text"] == figure
    assert {f: found.get(f) for f in FIELDS} == dict(zip(FIELDS, expected, strict=True))


def test_us_troops_tag_gathers_the_sources_that_count_us_troops() -> None:
    tagged = [c for c in all_claims() if "us-troops-in-iraq" in c["tags"]]
    assert {c["id"].split("/")[0] for c in tagged} == {"wrong-lessons-2008"}
    assert all(c["unit"] == "troops" and c["value"] == 150000 for c in tagged)
    # Steele's 150,000 are the foreign troops a withdrawal would move (1.1.0); Daalder &
    # Lake's "force of some 150,000 troops" does not say whose either, and is another
    # quantity: the force a plan for the occupation called for (1.2.0's review).
    assert "foreign-troops-in-iraq" in claim("steele-2008/troops-to-withdraw")["tags"]
    planned = claim("daalder-lake-2004/occupation-troops")
    assert "occupation-force-size" in planned["tags"] and "quantity" not in planned
    assert [c["id"] for c in all_claims() if "foreign-troops-in-iraq" in c["tags"]] == [
        "steele-2008/troops-to-withdraw"]


def test_the_independent_review_s_findings_stay_mended() -> None:
    """1.2.0's independent review (dataset/CHANGELOG.md): the fixed findings."""
    assert claim("steele-2008/family-members-per-victim")["refers"][0]["words"] == "these deaths"
    assert "before Iraq" not in claim("wrong-lessons-2008/army-avoided-counterinsurgency")[
        "measure"]
    assert "invasion" not in claim("steele-2008/shia-islamist-trends")["measure"]
    for fallujah in ("steele-2008/fallujah-school-shooting-dead",
                     "steele-2008/fallujah-incursion-dead"):
        assert "civilian-deaths" not in claim(fallujah)["tags"], fallujah
    assert "three sentences later" in claim("wrong-lessons-2008/us-troops-when-baghdad-fell")[
        "adopted"]
    assert "little reason to believe" in claim("wrong-lessons-2008/additional-troops")["measure"]
    assert "trips" not in claim("steele-2008/author-visits-to-iraq")["measure"]
    assert claim("steele-2008/books-on-iraq")["period"] == "2003-01/2008-01"
    for listed in ("steele-2008/sunni-armed-movements", "steele-2008/rival-shia-militias"):
        assert "enumeration" in claim(listed)["tags"], listed
    assert "iraqi-refugees" not in claim("steele-2008/iraqis-gone-abroad")["tags"]


def test_the_1_2_0_review_s_wrong_records_are_mended() -> None:
    """The three wrong records: a quote that dropped whose view it was, a quote cut
    inside its clause, a count hidden as 'not a quantity'."""
    baghdad = claim("wrong-lessons-2008/us-troops-when-baghdad-fell")
    assert baghdad["quote"]["text"].startswith("Almost everyone argues that")
    assert "adopted" in baghdad and baghdad["stance"] == "asserted"
    ministers = claim("steele-2008/former-ministers-on-cabinet-papers")
    assert "or analysis on the likely consequences of invading Iraq" in ministers["quote"]["text"]
    rounds = claim("steele-2008/regional-talks-rounds")
    assert (rounds["figure"]["text"], rounds["value"], rounds["qualifier"], rounds["lower"]) == (
        "several", 3, "at least", 3)
    assert not [e for e in source_file("steele-2008")["exclusions"]
                if e["reason"] == "not a quantity" and e["text"] != "one"
                and e["text"] != "One"]


def test_reported_figures_say_whose_they_are() -> None:
    assert claim("wrong-lessons-2008/two-key-decisions")["stance"] == "attributed"
    assert claim("steele-2008/us-troop-surge")["attribution"] == "the Bush administration"


def test_comparisons_are_the_authors_own_unless_the_text_names_who_made_them() -> None:
    for claim_id in ("steele-2008/ibc-civilian-deaths-rise-2004-2005",
                     "steele-2008/ibc-air-strike-deaths-rise-2007",
                     "steele-2008/us-killings-versus-insurgent-bombings"):
        found = claim(claim_id)
        assert (found["unit"], found["attribution"], found["stance"]) == (
            "times", None, "asserted"), claim_id
        assert "iraq-body-count" not in found["tags"]


def test_every_quote_states_its_subject() -> None:
    """The 1.1.0 and 1.2.0 reviews: quotes that hung on a pronoun include what it refers to
    (or say in 'refers' what it means), read by the rule the checks apply."""
    from claimset.grammar.references import back_references

    starts = ("he ", "He ", "him ", "By December", "Last year it")
    for found in all_claims():
        if found.get("retracted"):
            continue
        quote = found["quote"]
        assert not quote["text"].startswith(starts), found["id"]
        text = seed_text(found["id"].split("/")[0])
        explained = " ".join(item["words"] for item in found.get("refers", []))
        pointing = [reference.text for reference in back_references(
            text, quote["start"], quote["end"]) if reference.text not in explained]
        assert not pointing, (found["id"], pointing)


def test_every_ibc_figure_is_attributed_to_ibc() -> None:
    ibc = [c for c in all_claims() if "iraq-body-count" in c["tags"]]
    assert len(ibc) >= 5
    assert all(c["attribution"] == IBC and c["stance"] == "attributed" for c in ibc)


def test_wrong_lessons_names_no_author() -> None:
    source = source_file("wrong-lessons-2008")["source"]
    assert source["authors"] == [] and source["title"] is None
    assert "Policy Analysis no. 610" in source["notes"]


# --------------------------------------------------------------------------
# Citations: every span is exact, every figure sits inside its quote.
# --------------------------------------------------------------------------


@pytest.mark.parametrize("source_id", source_ids())
def test_source_pins_its_seed(source_id: str) -> None:
    source = source_file(source_id)["source"]
    assert source["id"] == source_id
    raw = (ROOT / source["path"]).read_bytes()
    assert hashlib.sha256(raw).hexdigest() == source["sha256"]
    assert len(raw.decode("utf-8")) == source["length"]


@pytest.mark.parametrize("source_id", source_ids())
def test_claims_match_seed_text(source_id: str) -> None:
    text = seed_text(source_id)
    for c in source_file(source_id)["claims"]:
        quote, figure = c["quote"], c["figure"]
        assert c["id"].startswith(source_id + "/")
        assert text[quote["start"]:quote["end"]] == quote["text"], c["id"]
        assert text[figure["start"]:figure["end"]] == figure["text"], c["id"]
        assert quote["start"] <= figure["start"] < figure["end"] <= quote["end"], c["id"]


@pytest.mark.parametrize("source_id", source_ids())
def test_exclusions_match_seed_text(source_id: str) -> None:
    text = seed_text(source_id)
    figures = [c["figure"] for c in source_file(source_id)["claims"]]
    for ex in source_file(source_id)["exclusions"]:
        assert text[ex["start"]:ex["end"]] == ex["text"], ex
        overlapping = [f for f in figures if f["start"] < ex["end"] and ex["start"] < f["end"]]
        assert not overlapping, f"exclusion {ex} overlaps claim figures {overlapping}"


@pytest.mark.parametrize("source_id", source_ids())
def test_order_and_ids(source_id: str) -> None:
    document = source_file(source_id)
    starts = [(c["figure"]["start"], c["figure"]["end"]) for c in document["claims"]]
    assert starts == sorted(starts)
    assert [x["start"] for x in document["exclusions"]] == sorted(
        x["start"] for x in document["exclusions"])
    ids = [c["id"] for c in document["claims"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("source_id", source_ids())
def test_bounds_follow_qualifier(source_id: str) -> None:
    for c in source_file(source_id)["claims"]:
        q, v, lo, hi = c["qualifier"], c["value"], c["lower"], c["upper"]
        if q == "range":
            assert v is None and lo is not None and hi is not None and lo < hi, c["id"]
        elif q in ("at least", "more than"):
            assert (lo, hi) == (v, None), c["id"]
        elif q in ("up to", "at most", "less than", "nearly"):
            assert (lo, hi) == (None, v), c["id"]
        else:
            assert (lo, hi) == (None, None), c["id"]


# --------------------------------------------------------------------------
# Exclusions: each reason used honestly for its kind.
# --------------------------------------------------------------------------

ORDINAL_WORDS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    "thirtieth|fortieth|fiftieth|hundredth|thousandth"
)
TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
ORDINAL = re.compile(
    rf"^(?:(?:{TENS})[- ])?(?:{ORDINAL_WORDS})(?:ly)?$|^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
DECADE = re.compile(r"^(\d{3}0)s$")
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")
COUNT = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?%$|^\$")


def is_year(text: str) -> bool:
    match = re.fullmatch(r"\d{4}", text) or DECADE.fullmatch(text)
    return bool(match) and 1000 <= int(match.group(0)[:4]) <= 2100


def _exclusions(reason: str) -> list[tuple[str, dict[str, Any]]]:
    return [(sid, ex) for sid, ex in all_exclusions() if ex["reason"] == reason]


def test_year_exclusions_are_years() -> None:
    for sid, ex in _exclusions("year"):
        assert is_year(ex["text"]), f"{sid}: {ex['text']!r} excluded as a year"


def test_ordinal_exclusions_are_ordinals() -> None:
    for sid, ex in _exclusions("ordinal"):
        assert ORDINAL.match(ex["text"]), f"{sid}: {ex['text']!r} excluded as an ordinal"


def test_date_exclusions_name_a_time() -> None:
    time_words = re.compile(
        rf"\b(?:{MONTHS}|\d{{1,2}}|years?|months?|weeks?|days?|decades?)\b", re.IGNORECASE)
    for sid, ex in _exclusions("date"):
        text = seed_text(sid)
        # the date's words, or the words just around them, say what time is meant
        around = text[max(0, ex["start"] - 20):ex["end"] + 20]
        assert time_words.search(ex["text"]) or time_words.search(around), (sid, ex)
        assert not COUNT.match(ex["text"]), f"{sid}: count {ex['text']!r} excluded as a date"


def test_identifier_exclusions_are_labels() -> None:
    for sid, ex in _exclusions("identifier"):
        before = seed_text(sid)[max(0, ex["start"] - 12):ex["start"]].lower()
        label = ("resolution", "number", "no.")
        assert any(word in before or ex["text"].lower().startswith(word) for word in label), (
            sid, ex)


def test_name_exclusions_sit_in_capitalised_names() -> None:
    for sid, ex in _exclusions("name or title"):
        text = seed_text(sid)
        before = text[max(0, ex["start"] - 30):ex["start"]].split()
        after = text[ex["end"]:ex["end"] + 30].split()
        neighbours = before[-1:] + after[:1]
        capitalised = [w for w in neighbours if w[:1].isupper()]
        assert ex["text"][:1].isupper() or capitalised, (sid, ex)


def test_quoted_speech_exclusions_are_inside_quotations() -> None:
    for sid, ex in _exclusions("quoted speech"):
        text = seed_text(sid)
        paragraph_start = text.rfind("\n", 0, ex["start"]) + 1
        assert re.search("['\"‘’“”]", text[paragraph_start:ex["start"]]), (sid, ex)


def test_word_exclusions_are_not_numerals() -> None:
    for reason in ("not a quantity", "rhetorical"):
        for sid, ex in _exclusions(reason):
            assert not re.search(r"\d", ex["text"]), (
                f"{sid}: numeral {ex['text']!r} excluded as {reason!r}: make it a claim")


def test_no_count_is_excluded_as_a_year_or_date() -> None:
    for sid, ex in all_exclusions():
        if ex["reason"] in ("year", "date", "ordinal"):
            assert not COUNT.match(ex["text"]), (sid, ex)


# --------------------------------------------------------------------------
# Against the extractor, once it exists: coverage and readings.
# --------------------------------------------------------------------------


def _extract_module() -> Any:
    return pytest.importorskip("claimset.grammar.extract")


@pytest.mark.parametrize("source_id", source_ids())
def test_every_candidate_is_claimed_or_excluded(source_id: str) -> None:
    extract = _extract_module()
    document = source_file(source_id)
    figures = [c["figure"] for c in document["claims"]]
    excluded = {(x["start"], x["end"], x["text"]) for x in document["exclusions"]}
    uncovered = []
    for cand in extract.extract(seed_text(source_id)):
        covered = any(f["start"] < cand.end and cand.start < f["end"] for f in figures)
        if not covered and (cand.start, cand.end, cand.text) not in excluded:
            uncovered.append((cand.start, cand.end, cand.text))
    assert not uncovered, f"{source_id}: neither claimed nor excluded: {uncovered}"


@pytest.mark.parametrize("source_id", source_ids())
def test_figures_read_as_their_values(source_id: str) -> None:
    extract = _extract_module()
    for c in source_file(source_id)["claims"]:
        reading = extract.read_figure(c["figure"]["text"])
        assert reading is not None, f"{c['id']}: {c['figure']['text']!r} does not read"
        if c["qualifier"] == "range":
            assert (reading.lower, reading.upper) == (c["lower"], c["upper"]), c["id"]
        else:
            assert reading.value == c["value"], c["id"]


def test_library_loads_and_validates_the_dataset() -> None:
    claimset = pytest.importorskip("claimset")
    pytest.importorskip("claimset.check.loader")
    ds = claimset.load(ROOT)
    troops = ds.find(tag="us-troops-in-iraq")
    assert {c.source for c in troops} == {"wrong-lessons-2008"}
    assert ds.claim("steele-2008/ibc-air-strike-deaths-2007").value == 1326
    report = claimset.validate(ROOT)
    assert report.ok, [f"{p.code} {p.message}" for p in report.problems][:10]


def test_the_1_2_0_release_notes_are_what_the_documented_diff_prints() -> None:
    """docs/release-notes-1.2.0.md's body is `claimset diff dataset-1.1.0 . --format
    markdown` (against the 1.2.0 tag once it exists), as 1.1.0's notes are."""
    import os
    import shutil
    import subprocess
    import sys

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-C", os.fspath(ROOT), *args], capture_output=True,
                              text=True, check=False)

    if shutil.which("git") is None or git("rev-parse", "--git-dir").returncode != 0:
        pytest.skip("not a git checkout")
    tags = set(git("tag", "--list", "dataset-*").stdout.split())
    if "dataset-1.1.0" not in tags:
        pytest.skip("this clone has no dataset-1.1.0 tag (git fetch --tags origin)")
    target = "dataset-1.2.0" if "dataset-1.2.0" in tags else "."
    if target == "." and index()["version"] != "1.2.0":
        pytest.skip("the work tree is past 1.2.0 and there is no dataset-1.2.0 tag")
    done = subprocess.run([sys.executable, "-m", "claimset", "diff", "dataset-1.1.0", target,
                           "--format", "markdown"], cwd=ROOT, capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPATH": os.fspath(ROOT / "src")})
    assert done.returncode == 0, done.stderr
    notes = (ROOT / "docs" / "release-notes-1.2.0.md").read_text(encoding="utf-8")
    assert "claimset diff dataset-1.1.0 . --format markdown" in notes

    def body(markdown: str) -> str:  # after the heading, which names the two revisions
        start = markdown.index("claimset diff:")
        return markdown[markdown.index("\n", start):].strip()

    assert body(notes) == body(done.stdout)
