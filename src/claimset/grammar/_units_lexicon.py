"""The words of units of measure: plain data, no logic (the lexicon's second file).

``_lexicon`` holds the number words; this file the units read after a number, the
spellings English writes that pint's registry lacks, and the context words that decide
an ambiguous symbol.  ``_units_generate`` builds the generated table ``_units`` from
these names and pint's definitions.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- units of measure
# The units of measure read after a number (issue 26), by pint's names: which units prose
# writes is this table's choice; their spellings, symbols, plurals, prefixes, dimensions and
# conversions are pint's.  grammar/_units.py is generated from pint's registry by
# ``python -m claimset.grammar._units_generate`` (a test regenerates it).
MEASUREMENT_UNITS = (
    # length
    "meter", "kilometer", "centimeter", "millimeter", "micrometer", "nanometer", "picometer",
    "attometer", "mile", "foot", "inch", "yard", "nautical_mile", "light_year",
    "astronomical_unit", "parsec", "kiloparsec", "megaparsec", "angstrom",
    # area (and "square X" of the lengths below)
    "hectare", "acre",
    # volume (and "cubic X")
    "liter", "milliliter", "centiliter", "deciliter", "gallon", "imperial_gallon", "barrel",
    "fluid_ounce", "pint", "quart", "teaspoon", "tablespoon",
    # mass
    "gram", "kilogram", "milligram", "microgram", "metric_ton", "pound", "ounce", "stone",
    "ton", "long_ton", "carat",
    # speed
    "mile_per_hour", "kilometer_per_hour", "knot",
    # temperature
    "degree_Celsius", "degree_Fahrenheit", "kelvin",
    # energy
    "joule", "kilojoule", "megajoule", "gigajoule", "calorie", "kilocalorie", "watt_hour",
    "kilowatt_hour", "megawatt_hour", "gigawatt_hour", "terawatt_hour", "electron_volt",
    "kiloelectron_volt", "megaelectron_volt", "gigaelectron_volt", "teraelectron_volt",
    "british_thermal_unit",
    # power
    "watt", "milliwatt", "kilowatt", "megawatt", "gigawatt", "terawatt", "horsepower",
    # data
    "bit", "kilobit", "megabit", "gigabit", "terabit", "byte", "kilobyte", "megabyte",
    "gigabyte", "terabyte", "petabyte", "exabyte", "kibibyte", "mebibyte", "gibibyte",
    "tebibyte",
    # frequency
    "hertz", "kilohertz", "megahertz", "gigahertz",
    # concentration ("0.2 M NaOH": read beside a solution only)
    "molar", "millimolar", "micromolar",
)
# Lengths written squared or cubed ("sq km", "square miles", "km²", "cubic metres", "m3").
SQUARED_LENGTHS = ("meter", "kilometer", "centimeter", "millimeter", "mile", "foot", "inch",
                   "yard")
# Lengths and volumes and data sizes read per a time unit ("km/h", "metres per second",
# "barrels a day", "Mbps").
PER_TIME_UNITS = {"hour": ("h", "hr", "hour"), "second": ("s", "sec", "second"),
                  "day": ("d", "day"), "year": ("yr", "year"), "minute": ("min", "minute")}
# Words of pint's aliases that no prose writes before a unit ("international mile",
# "avdp pound", "cal th", "octet"): a form holding one is left out.
REGISTRY_WORDS_NOT_READ = frozenset({
    "international", "avoirdupois", "avdp", "thermochemical", "th", "ths", "hydraulic", "uk",
    "us", "liquid", "octet", "kilooctet", "megaoctet", "gigaoctet", "teraoctet", "petaoctet",
    "exaoctet", "kibioctet", "mebioctet", "gibioctet", "tebioctet", "degreec", "degreef",
    "degreek", "lightyear", "kilowatthour", "megawatthour", "gigawatthour", "terawatthour",
    "watthour",
})
# Words whose plural is the word ("hertz", "horsepower").
WORDS_WITHOUT_PLURAL = frozenset({"hertz", "kilohertz", "megahertz", "gigahertz", "horsepower",
                                  "celsius", "fahrenheit"})
# pint's symbols that prose writes for something else: "am"/"pm" (attometre, picometre) are
# times of day, "ct" (carat) a cent, "nm" is read as nanometres only.
SYMBOLS_NOT_READ = frozenset({"am", "pm", "ct", "kt", "st"})
# English spellings pint's registry lacks, with the pint expression each means.
UNIT_SPELLINGS = {
    "kmph": "kilometer / hour", "kmh": "kilometer / hour", "km/hr": "kilometer / hour",
    "kph": "kilometer / hour", "mph": "mile / hour", "bpd": "barrel / day",
    "b/d": "barrel / day", "bbl/d": "barrel / day", "mpg": "mile / gallon",
    "miles per gallon": "mile / gallon", "kbps": "kilobit / second",
    "mbps": "megabit / second", "gbps": "gigabit / second", "deg c": "degree_Celsius",
    "deg celsius": "degree_Celsius", "degrees c": "degree_Celsius",
    "deg f": "degree_Fahrenheit", "degrees f": "degree_Fahrenheit",
    "deg fahrenheit": "degree_Fahrenheit", "degrees kelvin": "kelvin",
    "metric tons": "metric_ton", "metric tonnes": "metric_ton", "tonnes": "metric_ton",
    "kcal": "kilocalorie", "btu": "british_thermal_unit", "cc": "cubic_centimeter",
    "lbs": "pound", "sq ft": "foot ** 2", "sq mi": "mile ** 2",
    "sq km": "kilometer ** 2", "sq m": "meter ** 2", "cu ft": "foot ** 3",
    "cu m": "meter ** 3", "cu km": "kilometer ** 3",
}
# Symbols and words read only beside the words that say what they measure: "K" kelvin or a
# thousand, "M" molar or a million, "m" metres or a million, "pc" per cent or a parsec,
# "in" inches or a preposition, "pounds" money or mass, "C" and "F" degrees or letters.
AMBIGUOUS_UNIT_SYMBOLS = frozenset({"K", "M", "m", "pc", "in", "t", "l", "s", "h", "d", "B",
                                    "b", "C", "F", "pt", "pound", "pounds"})
# Near a number with "K": a temperature, so kelvin ("7200 K", "cooled to 4 K").
TEMPERATURE_CONTEXT = (
    "temperature", "temperatures", "kelvin", "heated", "cooled", "cooling", "heating",
    "melting", "melts", "boiling", "boils", "freezes", "thermal", "hot", "cold", "warm",
    "surface", "plasma", "star", "stars", "sun", "cryogenic", "superconducting", "degrees",
)
# Near a number with "M": a solution, so molar ("0.2 M NaOH", "a 1 M solution").
MOLAR_CONTEXT = ("solution", "solutions", "concentration", "buffer", "aqueous", "titrated",
                 "dissolved", "molar", "acid", "base")
# Near a number with "pc": astronomy, so parsecs ("a distance of 3.1 pc").
PARSEC_CONTEXT = ("star", "stars", "galaxy", "galaxies", "cluster", "nebula", "distance",
                  "light-years", "parallax", "stellar", "galactic", "kpc", "mpc", "away")
# After "5 in": words that make "in" inches ("2 1/2 in thick").
INCH_CONTEXT = ("thick", "wide", "long", "tall", "high", "deep", "diameter", "across",
                "screen", "display", "barrel", "pipe")
# Near "pounds": words that make it a weight, not money ("weighed 200 pounds").
WEIGHT_CONTEXT = ("weigh", "weighs", "weighed", "weighing", "weight", "heavy", "heavier",
                  "lighter", "lost", "gained", "overweight", "obese", "lift", "lifted")
