"""Physical quantities with their units (issue 26): reading, naming, converting, refusing.

Every category the issue names (length, area, volume, mass, speed, temperature, energy,
power, data sizes, fuel and oil), written as symbols, words, abbreviations, glued to the
number or hyphenated before a noun; the ambiguous letters read by context and never
guessed; ranges with the unit on both ends; corroboration and relations across units of
one dimension, and refused across dimensions (CS712, CS713).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimset
from claimset import extract, read_figure
from claimset.core.corroboration import Member, corroborate
from claimset.core.intervals import Interval, statement_interval
from claimset.core.units import DimensionMismatch, convert, is_physical
from claimset.grammar import _units, _units_generate
from claimset.grammar._units import UNIT_MEASURES, UNIT_SYMBOLS, UNIT_WORDS
from claimset.grammar._units_lexicon import AMBIGUOUS_UNIT_SYMBOLS

ROOT = Path(__file__).resolve().parent.parent


def _read(text: str) -> list[tuple[str, object, str, str | None]]:
    return [(c.text, c.value if c.value is not None else (c.lower, c.upper), c.kind, c.unit)
            for c in extract(text)]


# -- the table is pint's ---------------------------------------------------------------------

def test_the_committed_table_is_what_pint_gives() -> None:
    pytest.importorskip("pint")
    import re

    # The header names the pint it was written from; the table itself must not depend on
    # which supported pint is installed (3.12 and 3.11 venvs get different ones).
    def table(source: str) -> str:
        return re.sub(r"\(pint [^)]*\)", "(pint)", source)

    regenerated = table(_units_generate.source(_units_generate._registry()))
    committed = table(Path(_units.__file__).read_text(encoding="utf-8"))
    assert regenerated == committed, (
        "grammar/_units.py differs from pint's registry: run "
        "`python -m claimset.grammar._units_generate` and commit the table")


def test_micro_is_read_as_the_micro_sign_and_as_the_greek_mu() -> None:
    from claimset.grammar.extract import extract

    for sign in ("\u00b5", "\u03bc"):
        for symbol, name in (("m", "micrometer"), ("g", "microgram")):
            [found] = extract(f"a layer of 5 {sign}{symbol} of gold")
            assert (found.text, found.unit) == (f"5 {sign}{symbol}", name)


def test_every_name_is_pints_canonical_name_of_itself() -> None:
    pint = pytest.importorskip("pint")
    registry = pint.UnitRegistry()
    for name in UNIT_MEASURES:
        assert str(registry.Unit(name)) == name
    assert set(UNIT_WORDS.values()) | set(UNIT_SYMBOLS.values()) <= set(UNIT_MEASURES)


def test_reading_units_never_imports_pint() -> None:
    probe = ("import sys, claimset; claimset.extract('a 1,500 km border, 40 °C, 5 GB'); "
             "claimset.validate(); assert 'pint' not in sys.modules, 'pint imported'")
    subprocess.run([sys.executable, "-c", probe], check=True, cwd=ROOT)


# -- each category ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    # length
    ("a 1,500 km border", [("1,500 km", 1500, "measurement", "kilometer")]),
    ("the 1,500-km border", [("1,500-km", 1500, "measurement", "kilometer")]),
    ("He is 1.8m tall.", [("1.8m", 1.8, "measurement", "meter")]),
    ("a 3-inch pipe", [("3-inch", 3, "measurement", "inch")]),
    ("930 miles", [("930 miles", 930, "measurement", "mile")]),
    ("16.25 nanometers", [("16.25 nanometers", 16.25, "measurement", "nanometer")]),
    ("40ft containers", [("40ft", 40, "measurement", "foot")]),
    # area
    ("5 sq km", [("5 sq km", 5, "measurement", "kilometer ** 2")]),
    ("301,338 km2", [("301,338 km2", 301338, "measurement", "kilometer ** 2")]),
    ("116,347 sq mi", [("116,347 sq mi", 116347, "measurement", "mile ** 2")]),
    ("200 acres", [("200 acres", 200, "measurement", "acre")]),
    ("3,000 hectares", [("3,000 hectares", 3000, "measurement", "hectare")]),
    ("4 square kilometres", [("4 square kilometres", 4, "measurement", "kilometer ** 2")]),
    # volume
    ("Add 75ml of water.", [("75ml", 75, "measurement", "milliliter")]),
    ("six gallons of water", [("six gallons", 6, "measurement", "gallon")]),
    ("4 cubic kilometers", [("4 cubic kilometers", 4, "measurement", "kilometer ** 3")]),
    # mass
    ("It weighs 20 kg.", [("20 kg", 20, "measurement", "kilogram")]),
    ("He lifted 200lbs.", [("200lbs", 200, "measurement", "pound")]),
    ("Some 250,000 tonnes of grain", [("250,000 tonnes", 250000, "measurement", "metric_ton")]),
    ("10 mg of it", [("10 mg", 10, "measurement", "milligram")]),
    # speed
    ("winds of 120 mph", [("120 mph", 120, "measurement", "mile / hour")]),
    ("80 km/h", [("80 km/h", 80, "measurement", "kilometer / hour")]),
    ("at 10kmph", [("10kmph", 10, "measurement", "kilometer / hour")]),
    ("100 kilometres an hour", [("100 kilometres an hour", 100, "measurement",
                                 "kilometer / hour")]),
    # temperature
    ("It was 40 deg celsius.", [("40 deg celsius", 40, "measurement", "degree_Celsius")]),
    ("40 °C", [("40 °C", 40, "measurement", "degree_Celsius")]),
    ("104°F", [("104°F", 104, "measurement", "degree_Fahrenheit")]),
    ("Temperatures reached 40C.", [("40C", 40, "measurement", "degree_Celsius")]),
    ("a surface temperature of 7200 K", [("7200 K", 7200, "measurement", "kelvin")]),
    # energy and power
    ("a 600MW plant", [("600MW", 600, "measurement", "megawatt")]),
    ("7.3 MWh", [("7.3 MWh", 7.3, "measurement", "megawatt_hour")]),
    ("∼400eV", [("400eV", 400, "measurement", "electron_volt")]),
    ("1.7 eV", [("1.7 eV", 1.7, "measurement", "electron_volt")]),
    ("2,000 calories", [("2,000 calories", 2000, "measurement", "calorie")]),
    ("a 300 hp engine", [("300 hp", 300, "measurement", "horsepower")]),
    # data
    ("5 GB of data", [("5 GB", 5, "measurement", "gigabyte")]),
    ("10-15 exabytes", [("10-15 exabytes", (10, 15), "measurement", "exabyte")]),
    ("100 Mbps", [("100 Mbps", 100, "measurement", "megabit / second")]),
    # fuel and oil
    ("30 mpg", [("30 mpg", 30, "measurement", "mile / gallon")]),
    ("2 million barrels a day", [("2 million barrels a day", 2_000_000, "measurement",
                                  "barrel / day")]),
    ("output of 500,000 bpd", [("500,000 bpd", 500000, "measurement", "barrel / day")]),
])
def test_each_category_reads_its_unit(text: str, expected: list[Any]) -> None:
    assert _read(text) == expected
    for candidate in extract(text):
        if candidate.text in _READ_IN_CONTEXT:
            continue
        again = read_figure(candidate.text)  # the checker reads the figure alone the same way
        assert again is not None and (again.value, again.unit, again.kind) == (
            candidate.value, candidate.unit, candidate.kind)


#: Figures whose unit only the words around them decide ("1.8m" alone may be a million).
_READ_IN_CONTEXT = frozenset({"1.8m", "40C", "7200 K"})


# -- ambiguous letters: by context, never guessed ----------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The star's surface is at 7200 K.", [("7200 K", 7200, "measurement", "kelvin")]),
    ("He earned $50K.", [("$50K", 50000, "money", "USD")]),
    ("50K followers", [("50K", 50000, "count", "followers")]),
    ("Add 0.2 M NaOH.", [("0.2 M", 0.2, "measurement", "molar")]),
    ("a 1 M solution", [("1 M", 1, "measurement", "molar")]),
    ("a £5M deal", [("£5M", 5_000_000, "money", "GBP")]),
    ("He is 1.8m tall.", [("1.8m", 1.8, "measurement", "meter")]),
    ("a £5m deal", [("£5m", 5_000_000, "money", "GBP")]),
    ("2.5m people fled", [("2.5m", 2_500_000, "count", "people")]),
    ("a 100m sprint", [("100m", 100, "measurement", "meter")]),
    ("rose 40pc", [("40pc", 40, "percent", "percent")]),
    ("the star lies 3.1 pc away", [("3.1 pc", 3.1, "measurement", "parsec")]),
    ("2 1/2 in thick", [("2 1/2 in", 2.5, "measurement", "inch")]),
    ("He arrived at 5 in the morning", [("5", 5, "count", None)]),
    ("The suitcase weighed 50 pounds.", [("50 pounds", 50, "measurement", "pound")]),
    ("It cost 50 pounds.", [("50 pounds", 50, "money", "GBP")]),
    ("She lives in flat 10C.", []),
    ("the 3m budget", []),  # "m" alone: neither metres nor a million, never guessed
])
def test_an_ambiguous_letter_reads_by_context(text: str, expected: list[Any]) -> None:
    assert _read(text) == expected


@given(value=st.integers(1, 9999), word=st.sampled_from(
    ["temperature of", "cooled to", "heated to", "surface of the star at"]))
def test_k_beside_a_temperature_is_kelvin(value: int, word: str) -> None:
    [candidate] = extract(f"The {word} {value} K was measured.")
    assert (candidate.value, candidate.unit) == (value, "kelvin")


@given(value=st.integers(1, 9999), symbol=st.sampled_from(["$", "£", "€"]))
def test_k_beside_money_is_a_thousand(value: int, symbol: str) -> None:
    [candidate] = extract(f"It cost {symbol}{value}K.")
    assert (candidate.kind, candidate.value) == ("money", value * 1000)


# -- every written form, generated -------------------------------------------------------------

_SAFE = sorted(form for form in {*UNIT_WORDS, *UNIT_SYMBOLS}
               if form not in AMBIGUOUS_UNIT_SYMBOLS and not form.startswith("sq ")
               and not form.startswith("cu "))


@settings(max_examples=300)
@given(form=st.sampled_from(_SAFE), value=st.sampled_from(["5", "12.5", "1,500", "three"]),
       before=st.sampled_from(["It was ", "about ", "The figure: ", ""]),
       after=st.sampled_from([".", " in all.", ", they said", ""]))
def test_every_written_form_reads_as_its_unit(form: str, value: str, before: str,
                                               after: str) -> None:
    name = UNIT_WORDS.get(form.lower()) if form in UNIT_WORDS else UNIT_SYMBOLS[form]
    if value == "three" and form in UNIT_SYMBOLS and len(form) <= 2:
        return  # "three m": a symbol after a number word is not read
    found = [c for c in extract(f"{before}{value} {form}{after}") if c.kind == "measurement"]
    assert len(found) == 1 and found[0].unit == name, (form, found)
    assert found[0].text == f"{value} {form}"


@given(form=st.sampled_from(["km", "kg", "mph", "MW", "GB", "ml", "ft", "lbs", "kWh", "eV"]),
       value=st.integers(1, 99999))
def test_a_unit_glued_or_hyphenated_reads_the_same(form: str, value: int) -> None:
    name = UNIT_SYMBOLS.get(form) or UNIT_WORDS[form]
    for written in (f"{value}{form}", f"{value}-{form}"):
        found = extract(f"a {written} thing")
        assert [(c.text, c.value, c.unit) for c in found] == [(written, value, name)]


# -- ranges and signs --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "figure", "lower", "upper", "unit"), [
    ("from 2605 m to 2634 m", "from 2605 m to 2634 m", 2605, 2634, "meter"),
    ("−100 °C to 200 °C", "−100 °C to 200 °C", -100, 200, "degree_Celsius"),
    ("between −2 and −7 °C", "between −2 and −7 °C", -7, -2, "degree_Celsius"),
    ("3 to 4 L of wine", "3 to 4 L", 3, 4, "liter"),
    ("temperatures ranged from -18 °C to -34 °C", "from -18 °C to -34 °C", -34, -18,
     "degree_Celsius"),
    ("an 8- to 16-meter telescope", "8- to 16-meter", 8, 16, "meter"),
    ("3.5–4.0 TeV", "3.5–4.0 TeV", 3.5, 4, "teraelectron_volt"),
])
def test_a_range_with_the_unit_on_both_ends(text: str, figure: str, lower: float,
                                            upper: float, unit: str) -> None:
    [candidate] = extract(text)
    assert (candidate.text, candidate.lower, candidate.upper, candidate.unit,
            candidate.qualifier) == (figure, lower, upper, unit, "range")


def test_two_units_are_no_range() -> None:
    assert [c.unit for c in extract("fell 5 km to 3 miles")] == ["kilometer", "mile"]


@pytest.mark.parametrize("sign", ["∼", "~", "<", ">", "≈", "≤", "≥"])
def test_a_sign_after_a_tilde_or_a_bound(sign: str) -> None:
    [candidate] = extract(f"at {sign}−40 °C")
    assert (candidate.value, candidate.unit) == (-40, "degree_Celsius")


# -- converting and refusing -------------------------------------------------------------------

def test_930_miles_and_1500_km_agree() -> None:
    verdict = corroborate([
        Member("a", "s", "mile", None, statement_interval("approximately", 930), "about 930"),
        Member("b", "t", "kilometer", None, statement_interval("exact", 1500), "1,500")])
    assert verdict.agreement == "agree" and verdict.unit == "mile"


def test_40_c_and_104_f_agree_and_41_c_does_not() -> None:
    fahrenheit = Member("b", "t", "degree_Fahrenheit", None, statement_interval("exact", 104),
                        "104")
    same = Member("a", "s", "degree_Celsius", None, statement_interval("exact", 40), "40")
    other = Member("a", "s", "degree_Celsius", None, statement_interval("exact", 41), "41")
    assert corroborate([same, fahrenheit]).agreement == "agree"
    assert corroborate([other, fahrenheit]).agreement == "disagree"


def test_different_dimensions_are_refused() -> None:
    verdict = corroborate([
        Member("a", "s", "kilometer", None, statement_interval("exact", 1), "1"),
        Member("b", "t", "kilogram", None, statement_interval("exact", 1), "1")])
    assert (verdict.agreement, verdict.mismatch) == ("incomparable", "dimension")
    with pytest.raises(DimensionMismatch, match="length"):
        convert(Interval(1, 2), "kilometer", "kilogram")


@given(value=st.floats(0.001, 1e9), units=st.sampled_from([
    ("kilometer", "mile"), ("meter", "foot"), ("kilogram", "pound"), ("liter", "gallon"),
    ("degree_Celsius", "degree_Fahrenheit"), ("kilowatt_hour", "megajoule"),
    ("gigabyte", "megabyte"), ("mile / hour", "kilometer / hour")]))
def test_a_figure_converted_exactly_always_meets_itself(value: float,
                                                        units: tuple[str, str]) -> None:
    source, target = units
    there = convert(Interval.point(value), source, target)
    back = convert(there, target, source)
    assert back.lower <= value <= back.upper  # the conversion's rounding is in the interval


@pytest.mark.parametrize(("unit", "physical"), [
    ("kilometer", True), ("mile / hour", True), ("kilometer ** 2", True),
    ("degree_Celsius", True), ("gigabyte", True), ("barrel / day", True),
    ("troops", False), ("years", False), ("percent", False), ("USD", False),
    ("percentage points", False), (None, False), ("kilometer; import os", False),
])
def test_what_is_a_physical_unit(unit: str | None, physical: bool) -> None:
    assert is_physical(unit) is physical


# -- the checker -------------------------------------------------------------------------------

# The claims that share the quantity us-troops-in-iraq-2003 (1.2.0: Daalder & Lake's "force
# of some 150,000 troops" does not say whose, so it has no key).
TROOPS = ("wrong-lessons-2008/us-troops-when-baghdad-fell", "wrong-lessons-2008/us-troops-in-iraq")


@pytest.fixture
def repo(real_checkout: Path) -> Path:
    return real_checkout


def _set_units(root: Path, units: dict[str, str]) -> None:
    for source in ("daalder-lake-2004", "wrong-lessons-2008"):
        path = root / "dataset" / f"{source}.json"
        document = json.loads(path.read_text(encoding="utf-8"))
        for claim in document["claims"]:
            if claim["id"] in units:
                claim["unit"] = units[claim["id"]]
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")


def _codes(root: Path) -> list[str]:
    return [p.code for p in claimset.validate(root).problems]


@pytest.mark.parametrize(("units", "code"), [
    (("kilometer", "kilogram"), "CS712"),  # a length and a mass: refused
    (("kilometer", "meter"), "CS710"),  # one dimension: 150,000 km ≠ 150,000 m
])
def test_the_checker_compares_across_units_and_refuses_dimensions(
        repo: Path, units: tuple[str, ...], code: str) -> None:
    _set_units(repo, dict(zip(TROOPS, units, strict=True)))
    assert code in _codes(repo)
    assert "CS711" not in _codes(repo)


def test_the_same_figure_in_two_spellings_of_one_dimension_agrees(repo: Path) -> None:
    _set_units(repo, dict(zip(TROOPS, ("kilometer",) * 2, strict=True)))
    codes: Callable[[Path], list[str]] = _codes
    assert not {"CS710", "CS711", "CS712"} & set(codes(repo))


def _set_steele_units(root: Path, units: dict[str, str]) -> None:
    path = root / "dataset" / "steele-2008.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    for claim in document["claims"]:
        if claim["id"] in units:
            claim["unit"] = units[claim["id"]]
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")


RATIO = ("steele-2008/ibc-air-strike-deaths-2007", "steele-2008/ibc-air-strike-deaths-2006")


def test_a_relation_of_two_dimensions_is_refused(repo: Path) -> None:
    _set_steele_units(repo, dict(zip(RATIO, ("kilometer", "kilogram"), strict=True)))
    [problem] = [p for p in claimset.validate(repo).problems if p.code == "CS713"]
    assert "kilogram" in problem.message and "[mass]" in problem.message


def test_a_relation_across_units_of_one_dimension_is_converted(repo: Path) -> None:
    # "more than double": the 2007 figure in metres, the 2006 one in kilometres, the ratio
    # is a thousandth of what it was, so it fails once converted (it holds in one unit)
    _set_steele_units(repo, dict(zip(RATIO, ("meter", "kilometer"), strict=True)))
    assert "CS701" in _codes(repo)
    _set_steele_units(repo, dict(zip(RATIO, ("kilometer", "kilometer"), strict=True)))
    assert "CS701" not in _codes(repo)
