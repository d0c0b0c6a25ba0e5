"""The words of the number grammar: plain data, no logic.

Everything :mod:`claimset.grammar.numbers` and :mod:`claimset.grammar.extract` know about English
number words, scales, fractions, currencies and qualifiers lives here, so that a
new word is a one-line change and the grammar code stays about structure.
"""

from __future__ import annotations

from fractions import Fraction

from claimset.core.curation import FUNCTION_WORDS
from claimset.core.vocabulary import Qualifier

# Word atoms.  Each maps a lower-cased word to (role, value).  Roles:
#   unit 0-9, teen 10-19, tens 20-90, hundred, scale (>= 1000), dozen.
UNITS = {
    "zero": 0, "nought": 0, "naught": 0, "nil": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {
    "thousand": 10**3, "lakh": 10**5, "lakhs": 10**5, "million": 10**6,
    "crore": 10**7, "crores": 10**7, "krore": 10**7, "krores": 10**7, "billion": 10**9,
    "trillion": 10**12,
    # Short scale, as English news uses it ("a quadrillion" is 10**15).
    "quadrillion": 10**15, "quintillion": 10**18, "sextillion": 10**21,
    "septillion": 10**24, "octillion": 10**27, "nonillion": 10**30, "decillion": 10**33,
    # Abbreviations, accepted only after digits ("10 bln", "2.5 bn", "4 tn").
    "bn": 10**9, "bln": 10**9, "mn": 10**6, "mln": 10**6, "tln": 10**12, "tn": 10**12,
    "trn": 10**12, "cr": 10**7,
}
SCALE_ABBREVIATIONS = frozenset({"bn", "bln", "mn", "mln", "tln", "tn", "trn", "cr"})
# Scale letters glued to digits or one space after them ("40k", "$5M", "2.5 bn"), case as
# written; "m" and "b" glued only, and "m" a million only where no length is meant.
SCALE_SUFFIXES = {
    "k": 10**3, "K": 10**3, "M": 10**6, "MM": 10**6, "mn": 10**6, "mln": 10**6,
    "mil": 10**6, "m": 10**6, "G": 10**9, "B": 10**9, "b": 10**9, "bn": 10**9, "bln": 10**9,
    "T": 10**12, "tln": 10**12, "tn": 10**12, "trn": 10**12,
}
# Plural scales after a number are the scale ("three billions" = 3,000,000,000);
# alone they are vague (below).
PLURAL_SCALES = {"hundreds": 100, "thousands": 10**3, "millions": 10**6,
                 "billions": 10**9, "trillions": 10**12}
DOZENS = {"dozen": 12, "dozens": 12, "dz": 12, "dzs": 12, "doz": 12, "dozs": 12,
          # "a pair of shoes", "two pairs": a count of two, as a dozen is of twelve
          "pair": 2, "pairs": 2}

# Plural scales read alone ("thousands of Shias", "dozens of books") are vague
# lower bounds: at least two of the scale.  One rule for every vague quantity: the
# least the words can mean, times the scale after them ("a few hundred" >= 200,
# "several thousand" >= 3000, "tens of thousands" >= 20000); the figure's value is
# that lower bound and its qualifier "at least".
VAGUE_PLURALS = {
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 10**3,
    "millions": 10**6, "billions": 10**9, "trillions": 10**12,
}

# Words a run of number words is read back to from its first number ("a million",
# "several hundred", "point 77").
RUN_LEAD_WORDS = frozenset({"a", "an", "several", "point"})

# Vague counts before a noun or a scale: the least each can mean.
VAGUE_COUNTS = {"a few": 2, "a couple of": 2, "a couple": 2, "several": 3}

ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "nineth": 9,
}
ORDINAL_TEENS = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}
ORDINAL_TENS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fourtieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
ORDINAL_SCALES = {
    "hundredth": 100, "thousandth": 10**3, "millionth": 10**6, "billionth": 10**9,
    "trillionth": 10**12,
}
# Denominators that are not ordinals.  "second" is left out on purpose: "one
# second" is a duration, never a half.
HALVES = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}

MULTIPLIER_WORDS: dict[str, int | Fraction] = {
    "double": 2, "twice": 2, "triple": 3, "treble": 3, "thrice": 3,
    # verbs: "the price doubled", "nearly tripled", "halved"
    "doubled": 2, "doubling": 2, "tripled": 3, "trebled": 3, "tripling": 3,
    "quadrupled": 4, "quadrupling": 4, "quintupled": 5, "halved": Fraction(1, 2),
    "halving": Fraction(1, 2),
    "quadruple": 4, "quintuple": 5, "twofold": 2, "threefold": 3, "fourfold": 4,
    "fivefold": 5, "sixfold": 6, "sevenfold": 7, "eightfold": 8, "ninefold": 9,
    "tenfold": 10, "hundredfold": 100, "thousandfold": 1000,
}

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

# Currency written before the amount: symbol with optional country prefix, or a code.
CURRENCY_SYMBOLS = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₿": "BTC", "₡": "CRC",
    "₾": "GEL", "₭": "LAK", "元": "CNY", "₹": "INR", "₽": "RUB", "₩": "KRW",
    "ரூ": "LKR", "₪": "ILS", "₦": "NGN", "₱": "PHP", "₫": "VND", "₴": "UAH", "₺": "TRY",
    "₸": "KZT", "฿": "THB", "৳": "BDT", "₮": "MNT", "₲": "PYG", "₵": "GHS",
}
# Symbols written only after the amount: "50¢".
SUBUNIT_SYMBOLS = {"¢": "cents"}
# Local abbreviations written before the amount, glued or spaced, case as written:
# "Rs 500", "Rs20", "RM 42".
LOCAL_PREFIXES = {
    "Rs": "INR", "Rs.": "INR", "RM": "MYR", "Rp": "IDR", "Rp.": "IDR", "KSh": "KES",
    "Ksh": "KES", "Tk": "BDT", "Dhs": "AED",
}
DOLLAR_PREFIXES = {
    "us": "USD", "u.s.": "USD", "u.s": "USD", "usd": "USD", "c": "CAD", "ca": "CAD",
    "cad": "CAD", "hk": "HKD", "aud": "AUD", "nz": "NZD", "nzd": "NZD", "mex": "MXN",
    "mxn": "MXN",
}
# Prefixes that are also English words ("a $5 fee"): only glued and capitalised ("A$5").
GLUED_DOLLAR_PREFIXES = {"A": "AUD", "AU": "AUD", "S": "SGD", "SG": "SGD", "NZ": "NZD",
                         "R": "BRL", "NT": "TWD", "MX": "MXN"}
# Dollar signs written after the amount, glued: "3.14US$", "20 A$".
DOLLARS_AFTER = {"US$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD",
                 "S$": "SGD", "R$": "BRL", "NT$": "TWD"}
CURRENCY_CODES = {
    "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY",
    "rmb": "CNY", "iqd": "IQD", "chf": "CHF", "inr": "INR", "aud": "AUD",
    "cad": "CAD", "hkd": "HKD", "nzd": "NZD", "mxn": "MXN", "btc": "BTC",
    "rub": "RUB", "krw": "KRW", "sek": "SEK",
}
# Every other ISO 4217 code (grammar/_iso4217.py) is read in capitals only, and
# not these, which are English words or common acronyms in capitals too.
ISO_CODES_NOT_READ = frozenset({
    "ALL", "TOP", "CUP", "PEN", "MAD", "SOS", "BAM", "GEL", "BOB", "MOP", "AMD", "PHP",
    "CVE", "SDG",  # SDG: the Sustainable Development Goals ("SDG 4") far more than the pound
})
# Currency names in the forms news writes them, beside the ISO names: adjectives
# ("Pakistani rupees" where ISO says "Pakistan Rupee") and irregular plurals.
CURRENCY_NAME_ALIASES = {
    "pakistani rupee": "PKR", "sri lankan rupee": "LKR", "nepali rupee": "NPR",
    "mauritian rupee": "MUR", "ugandan shilling": "UGX", "somali shilling": "SOS",
    "omani rial": "OMR", "qatari riyal": "QAR", "yemeni riyal": "YER", "iranian riyal": "IRR",
    "uruguayan peso": "UYU", "israeli shekel": "ILS", "new israeli shekel": "ILS",
    "israeli new shekel": "ILS", "japanese yen": "JPY", "south korean won": "KRW",
    "korean won": "KRW", "indonesian rupiah": "IDR", "thai baht": "THB",
    "vietnamese dong": "VND", "ukrainian hryvnia": "UAH", "hryvnias": "UAH",
    "polish zloty": "PLN", "zlotys": "PLN", "hungarian forint": "HUF",
    "south african rand": "ZAR", "nigerian naira": "NGN", "bangladeshi taka": "BDT",
    "afghan afghani": "AFN", "emirati dirham": "AED", "swedish kronor": "SEK",
    "danish kroner": "DKK", "norwegian kroner": "NOK", "icelandic krona": "ISK",
    "icelandic kronur": "ISK", "brazilian reais": "BRL", "reais": "BRL",
    "lebanese lira": "LBP", "syrian lira": "SYP", "egyptian pounds": "EGP",
    "kronor": "SEK", "kroner": "NOK", "lei": "RON", "romanian lei": "RON",
    "moldovan lei": "MDL", "czech korunas": "CZK", "czech crowns": "CZK",
    "us cents": "cents", "euro cents": "cents",
}
# Bare last words of several ISO names ("dinar": Iraqi, Kuwaiti, Jordanian ...)
# are read as the currency these say; a bare word of one name is that currency.
CURRENCY_WORD_DEFAULTS = {
    "dollar": "USD", "pound": "GBP", "dinar": "IQD", "rupee": "INR", "rial": "IRR",
    "riyal": "SAR", "peso": "MXN", "shilling": "KES", "krona": "SEK", "krone": "NOK",
    "ruble": "RUB", "rouble": "RUB", "franc": "FRF", "kwacha": "ZMW", "dirham": "AED",
    "leu": "RON", "manat": "AZN", "lira": "TRY", "dram": "AMD",
}
# Last words of ISO names that are English words too: read only in a full name
# ("Brazilian Real", "South Korean Won"), never bare ("5 real people").
CURRENCY_WORDS_NOT_BARE = frozenset({
    "mark", "real", "sol", "won", "som", "sum", "gold", "oro", "kina", "tala", "kip",
    "pula", "leone", "dobra", "colon", "soberano", "lek", "unit", "escudo", "sterling",
    # the last words of names written back to front ("CFA Franc BEAC", "Rial Omani")
    "bceao", "beac", "omani", "uruguayo",
})
# Currency words written after the amount (singular and plural), longest first
# in the regex.  Values are ISO 4217 codes, or a name for sub-units.
CURRENCY_WORDS = {
    "us dollar": "USD", "us dollars": "USD", "u.s. dollar": "USD", "u.s. dollars": "USD",
    "american dollars": "USD", "australian dollar": "AUD", "australian dollars": "AUD",
    "canadian dollar": "CAD", "canadian dollars": "CAD", "hong kong dollars": "HKD",
    "new zealand dollars": "NZD", "singapore dollars": "SGD",
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
    "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP",
    "dinar": "IQD", "dinars": "IQD", "iraqi dinars": "IQD", "yen": "JPY",
    "yuan": "CNY", "chinese yuan": "CNY", "renminbi": "CNY", "rmb": "CNY",
    "franc": "FRF", "francs": "FRF", "swiss franc": "CHF", "swiss francs": "CHF",
    "french francs": "FRF", "peseta": "ESP", "pesetas": "ESP", "peso": "MXN",
    "pesos": "MXN", "rupee": "INR", "rupees": "INR", "lira": "TRY",
    "turkish lira": "TRY", "finnish markka": "FIM", "markka": "FIM",
    "dutch guilders": "NLG", "guilders": "NLG", "guilder": "NLG",
    "deutsche marks": "DEM", "deutschmarks": "DEM", "rouble": "RUB",
    "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "riyal": "SAR",
    "riyals": "SAR", "shekel": "ILS", "shekels": "ILS",
    "bitcoin": "BTC", "bitcoins": "BTC", "satoshi": "satoshi", "satoshis": "satoshi",
    "cent": "cents", "cents": "cents", "penny": "pence", "pence": "pence",
    # local abbreviations written after a price ("3,49 zł", "9 800 Kč", "17 940,00 руб")
    "zł": "PLN", "kč": "CZK", "руб": "RUB", "руб.": "RUB", "грн": "UAH", "грн.": "UAH",
}
# The same, as a price's neighbours that make its digit groups unambiguous.
LOCAL_CURRENCIES_AFTER = ("zł", "Kč", "руб", "грн", "lei", "kn")
SUBUNITS = frozenset({"cents", "pence"})

PERCENT_WORDS = ("percentage points", "percentage point", "per cent", "percents",
                 "percent", "percentage", "pct", "pc")  # "pc": British copy ("40pc")

# Time units: singular and plural map to the plural unit name.
TIME_UNITS = {
    "second": "seconds", "seconds": "seconds", "minute": "minutes", "minutes": "minutes",
    "hour": "hours", "hours": "hours", "day": "days", "days": "days", "week": "weeks",
    "weeks": "weeks", "fortnight": "fortnights", "fortnights": "fortnights",
    "month": "months", "months": "months", "year": "years", "years": "years",
    "decade": "decades", "decades": "decades", "century": "centuries",
    "centuries": "centuries",
}
# A time unit written without a number: "decades" and "centuries" alone are at least two
# of them, as "dozens" is at least two dozen ("after decades of avoiding those missions").
# ("years", "months" ... alone are not read: "in recent years" names no amount.)
VAGUE_TIME_PLURALS = ("decades", "centuries")
# "a century-long history", "a decade-old law": a span of one unit given as a compound
# adjective; the units of many years are given in years (a century-long history is a
# duration of 100 years), the others as one of the unit.  The plural ("decades-long",
# "centuries-old") is at least two of the unit.
LONG_UNITS_IN_YEARS = {"century": 100, "decade": 10}
SPAN_SUFFIXES = ("long", "old")
# Before a bare "decades": words that make it a period named, not an amount ("the decades
# after the war", "those decades").
DEFINITE_BEFORE_PLURAL = ("the", "these", "those", "its", "their", "his", "her", "our", "whose")
RATE_UNITS = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week",
    "month": "month", "year": "year", "annum": "year", "decade": "decade",
}

# Qualifier phrases, matched (case-insensitively) right before a figure.
QUALIFIERS: dict[str, Qualifier] = {
    "some": "approximately", "about": "approximately", "around": "approximately",
    "roughly": "approximately", "approximately": "approximately",
    "an estimated": "approximately", "estimated": "approximately",
    "approx.": "approximately", "circa": "approximately", "c.": "approximately",
    "ca.": "approximately", "an average of": "approximately",
    "on the order of": "approximately", "in the region of": "approximately",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "just under": "nearly", "not quite": "nearly", "just short of": "nearly",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "not less than": "at least", "not fewer than": "at least", "a minimum of": "at least",
    "more than": "more than", "over": "more than", "above": "more than",
    "upwards of": "more than", "upward of": "more than", "in excess of": "more than",
    "greater than": "more than", "well over": "more than", "just over": "more than",
    "well above": "more than", "just above": "more than", "better than": "more than",
    "up to": "up to", "as many as": "up to", "as much as": "up to", "as high as": "up to",
    "less than": "less than", "fewer than": "less than", "under": "less than",
    "below": "less than", "well under": "less than", "well below": "less than",
    "at most": "at most", "no more than": "at most", "not more than": "at most",
    "a maximum of": "at most", "within": "at most",
    "lower than": "less than", "higher than": "more than", "a little more than": "more than",
    "a little over": "more than", "slightly more than": "more than",
    "slightly over": "more than", "a little under": "nearly", "a little less than": "nearly",
    "slightly less than": "nearly", "slightly under": "nearly", "just below": "nearly",
    "more or less": "approximately", "give or take": "approximately",
    "some estimated": "approximately",
    # reports and commentary: "the better part of a decade", "in the order of £3 million"
    "the better part of": "nearly", "the best part of": "nearly", "nigh on": "nearly",
    "getting on for": "nearly", "approaching": "nearly", "in the order of": "approximately",
    "perhaps": "approximately", "possibly": "approximately",
    "something like": "approximately", "as few as": "at least", "as little as": "at least",
    "no greater than": "at most", "not exceeding": "at most",
    "a low of": "at least", "a high of": "up to", "well in excess of": "more than",
    "north of": "more than", "south of": "less than", "shy of": "nearly",
    "larger than": "more than", "bigger than": "more than", "smaller than": "less than",
    "exceeding": "more than", "surpassing": "more than", "exceeded": "more than",
    "exceeds": "more than", "exceed": "more than", "surpassed": "more than",
    "surpass": "more than", "surpasses": "more than",
    # "or equal": one bound that includes itself
    "less than or equal to": "at most", "fewer than or equal to": "at most",
    "equal to or less than": "at most", "equal to or fewer than": "at most",
    "lower than or equal to": "at most", "smaller than or equal to": "at most",
    "more than or equal to": "at least", "greater than or equal to": "at least",
    "equal to or more than": "at least", "equal to or greater than": "at least",
    "higher than or equal to": "at least", "larger than or equal to": "at least",
    "at least or equal to": "at least", "at most or equal to": "at most",
    "less or equal than": "at most", "smaller or equal than": "at most",
    "lower or equal than": "at most", "more or equal than": "at least",
    "greater or equal than": "at least", "bigger or equal than": "at least",
    "higher or equal than": "at least", "larger or equal than": "at least",
}
# Qualifier words written after the figure: "50 or so", "70-odd", "80-plus", "200+".
QUALIFIERS_AFTER: dict[str, Qualifier] = {
    "or so": "approximately", "or thereabouts": "approximately", "odd": "more than",
    "plus": "at least", "+": "at least", "or more": "at least", "and more": "at least",
    "and up": "at least", "and upwards": "at least", "or over": "at least",
    "or less": "at most", "or fewer": "at most", "and under": "at most",
    "at most": "at most", "at least": "at least", "at the most": "at most",
    "at the least": "at least", "at the very least": "at least",
    "or greater": "at least", "or higher": "at least", "or above": "at least",
    "or older": "at least", "or lower": "at most",
    "or below": "at most", "or under": "at most", "or younger": "at most",
}
# "from 10 to 20" after one of these is a change, not a range ("rose from 10 to 20").
CHANGE_WORDS = frozenset({
    "rose", "risen", "rise", "rises", "rising", "increase", "increased", "increases",
    "increasing", "grew", "grown", "grow", "grows", "growing", "fell", "fallen", "fall",
    "falls", "falling", "dropped", "drop", "drops", "dropping", "declined", "decline",
    "declines", "declining", "decreased", "decrease", "decreasing", "jumped", "jump",
    "jumps", "climbed", "climb", "climbs", "soared", "surged", "plunged", "plummeted",
    "slumped", "sank", "shrank", "shrunk", "expanded", "swelled", "went", "gone", "going",
    "go", "goes", "up", "down", "cut", "cuts", "reduced", "reduce", "raised", "raise",
    "lowered", "changed", "change", "moved", "move", "shifted", "doubled", "tripled",
    "halved", "slashed", "boosted", "lifted", "edged", "inched", "ballooned",
    "tumbled", "dipped", "recovered", "rebounded", "upgraded", "downgraded", "revised",
    "promoted", "demoted", "escalated", "dwindled", "leapt", "leaped", "spiked",
})
# Beside a tight pair of numbers ("voted 48-52", "a 2-1 win"), words that make it two
# sides' numbers (a score, a tally of votes), not a range.
TALLY_WORDS = frozenset({
    "won", "win", "wins", "winning", "lost", "lose", "loses", "losing", "drew", "draw",
    "draws", "drawn", "beat", "beats", "beaten", "defeated", "defeat", "defeats", "victory",
    "victories", "loss", "losses", "voted", "vote", "votes", "ruled", "ruling", "decision",
    "verdict", "majority", "margin", "tally", "score", "scored", "scoreline", "led", "leads",
    "leading", "trailed", "trails", "trailing", "edged", "thrashed", "routed", "upset",
    "passed", "carried", "rejected", "split", "result", "final", "aggregate",
})
# "over", "under" and "above" before a duration are prepositions ("over three
# years" means during), not bounds, unless an age or "ago" follows or a preposition
# comes before them (``_bounds.duration_bound``).
SPATIAL_QUALIFIERS = frozenset({"over", "under", "above", "below"})

# Words after which a number is a label, not a quantity ("resolution 1483").
IDENTIFIER_PREFIXES = frozenset({
    "resolution", "resolutions", "number", "no", "no.", "nos.", "nr", "nr.", "article",
    "articles", "section", "sections", "chapter", "chapters", "page", "pages", "p.",
    "pp.", "flight", "route", "highway", "interstate", "room", "platform", "version",
    "vol", "vol.", "volume", "amendment", "paragraph", "clause", "table", "figure",
    "fig.", "item", "exercise", "exercises", "act", "phase", "camp", "apollo",
    "windows", "psalm", "psalms", "line", "lines", "rule", "appendix", "annex",
    "grade", "level", "gate", "channel", "track", "episode", "season", "part", "step",
    "stage", "unit", "code", "catch-", "#",
    # reports' own apparatus: "Box 1.3", "footnote 4", "Recommendation 7", "SDG 4"
    "box", "boxes", "footnote", "footnotes", "endnote", "recommendation",
    "recommendations", "indicator", "indicators", "target", "targets", "sdg", "sdgs",
    "objective", "pillar", "exhibit", "chart", "tables", "figures", "annexes",
    "appendices", "para", "para.", "paras", "art.", "criterion",
})
# Before a year that names what follows ("the 2023 figures", "its 2022 accounts"): a
# plural noun after it does not make it a count, unless it is round ("the 2000 people").
YEAR_OWNERS = frozenset({"the", "its", "their", "his", "her", "our", "this", "whose"})
# Named dates that are events rather than dates.
NAMED_EVENTS = frozenset({"september 11", "9/11", "7/7"})

# Words that never name the counted thing; the unit search stops at them: the function
# words (one list, core/curation.py) but the modifiers a counted noun may follow ("two
# other key decisions", "200,000 more troops"), and the words of a count's predicate.
NOT_UNITS = (FUNCTION_WORDS - {"other", "more", "further", "once", "either", "neither",
                               "him"}) | frozenset([
    "few", "fewer", "many", "much", "own", "already", "ago", "later", "earlier", "between",
    "among", "against", "through", "across", "above", "below", "within", "upon", "toward",
    "towards", "via", "too", "quite", "rather", "ever", "never", "if", "whether", "because",
    "though", "although", "unless", "including", "like", "killed", "died", "dead", "wounded",
    "left", "lay", "gone", "went", "came", "fled", "lost",
])

# --------------------------------------------------------------------------- context words
# The plain words the grammar reads beside a number to decide what it is.  Each list is
# read by one probe (named after it); a phrase's space matches a run of blanks.

# Before "one": a determiner makes it a pronoun ("the one you mentioned", "a single one").
DETERMINERS_BEFORE_ONE = (
    "the", "this", "that", "which", "each", "every", "any", "no", "another", "the only",
    "the same", "a single", "my", "your", "his", "her", "its", "our", "their",
)
# After "one": a modal or "another" makes it impersonal ("one cannot know", "one another").
MODALS_AFTER_ONE = (
    "another", "can", "cannot", "can't", "could", "couldn't", "may", "might", "must",
    "mustn't", "should", "shouldn't", "would", "wouldn't", "will", "won't", "shall", "ought",
    "needs to", "has to", "had to",
)
# After "one of": one picked out of a group ("one of the reasons", "one of them").
GROUPS_AFTER_ONE_OF = (
    "the", "these", "those", "them", "us", "you", "his", "her", "its", "our", "their", "my",
    "your", "whom", "which", "many", "this", "that",
)
# "the current one.", "a new one,": a determiner and an adjective before "one" at a clause end.
DETERMINERS_BEFORE_ADJECTIVE_ONE = ("the", "a", "an", "this", "that", "each", "every", "any")
# Words in -s after "one" that are no verb ("one means", "one species").
NOT_VERBS = frozenset({"means", "series", "species", "times", "news", "thanks"})

# After "1.8m" (no currency before it): words that make the "m" metres, not a million.
LENGTH_WORDS = frozenset({
    "tall", "high", "wide", "long", "deep", "thick", "away", "above", "below", "under",
    "from", "in", "of", "per", "square", "cubic", "sq", "race", "sprint", "hurdles",
    "freestyle", "relay", "backstroke", "breaststroke", "butterfly", "medley", "final",
    "dash", "run", "runner", "wall", "walls", "tower", "fall", "drop", "deeper", "higher",
    "taller", "longer", "wider", "down", "up", "across", "off", "apart", "radius",
    "diameter", "depth", "height", "length", "width", "altitude", "elevation",
})
# Within a few words before "40C" / "104F": words that make the letter a temperature scale.
TEMPERATURE_WORDS_BEFORE = (
    "temperature", "temperatures", "temp", "temps", "high", "highs", "low", "lows", "heat",
    "mercury", "thermometer", "thermometers", "degrees", "hot", "hotter", "cold", "colder",
    "warm", "warmer", "freezing", "heatwave", "chill",
)
# Right after "40C": the same.
TEMPERATURE_WORDS_AFTER = (
    "heat", "temperature", "temperatures", "high", "highs", "low", "lows", "warmth", "cold",
    "frost",
)

# After a multiplier ("four times higher", "three times its capacity"): a comparison, so a
# ratio, not a count of times.  Any word in -er of five letters or more is one too.
COMPARATIVES = frozenset({
    "larger", "higher", "more", "greater", "bigger", "smaller", "lower", "less", "fewer",
    "as", "the", "that", "what", "faster", "slower", "longer", "shorter", "wider", "deeper",
    "heavier", "stronger", "worse", "better", "over", "above", "below",
    # "three times its capacity", "five times their pre-war level": a multiple of a whole
    "its", "their", "his", "her", "our", "this", "those", "these",
})
# Counted nouns with no plural -s.
IRREGULAR_PLURALS = frozenset({
    "people", "children", "men", "women", "police", "personnel", "staff", "cattle", "sheep",
    "fish", "aircraft", "militia", "youth", "clergy", "infantry", "civilians",
})
# Bounds that count: a year is not "more than" anything ("up to 2015", "within 2010",
# "over 2000 years" may be years or durations and are left out).
COUNT_BOUNDS = frozenset({
    "more than", "less than", "fewer than", "greater than", "larger than", "smaller than",
    "bigger than", "at least", "at most", "no more than", "no fewer than", "no less than",
    "in excess of", "upwards of", "as many as", "above", "below", "exceeding",
})
# The first or second word after a number that makes a rate ("300 a day", "5 attacks per
# week"), and before a bare scale that makes it a rate's base ("deaths per thousand").
RATE_WORDS = ("a", "an", "per", "each", "every")
RATE_BASE_BEFORE = ("per", "every", "each", "in")
# Before "a month", "a year": words that make it a rate's unit ("twice a year").
RATE_WORDS_BEFORE_UNIT = ("per", "each", "every", "once", "twice", "times")

# After "by a third" (a change by a fraction, not "a third party"): how the sentence goes on.
AFTER_A_CHANGE = (
    "in ", "on ", "since ", "over ", "from ", "to ", "last ", "this ", "compared ", "after ",
    "between ", "during ", "within ", "than ", "year", "a year", "as ", "at ", "for ",
    "while ", "but ", "or ", "amid ",
)
# "over"/"under" a duration is a bound before an age or "ago" ("over 60 years old")...
AGE_OR_AGO_AFTER = ("old", "ago", "of age")
# ...and after a preposition ("in over 30 years", "for over a decade").
PREPOSITIONS_BEFORE_BOUND = ("for", "in", "of", "after", "with", "within", "from", "than")

# Time zones written after a time of day ("0400 GMT").
TIME_ZONES = ("GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "EST", "EDT", "CST", "CDT",
              "MST", "MDT", "PST", "PDT", "IST", "JST", "AEST", "AEDT")
# Currencies of a hundred cents that prose writes as "cents" ("$20 and 43c").
CENT_CURRENCIES = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD", "EUR", "TWD", "BRL",
                             "MXN", "ZAR", "CHF"})
# A length or weight in two units ("5 ft 2 in", "11 st 4 lb"): the larger unit's pint name ->
# the smaller's and how many of it the larger holds; the total is given in the smaller.
COMPOUND_UNITS = {"foot": ("inch", 12), "stone": ("pound", 14), "pound": ("ounce", 16),
                  "meter": ("centimeter", 100), "yard": ("foot", 3)}
# Sub-units written after an amount, with the currencies each is a hundredth of ("20
# ringgit and 43 sen", "Rs 10 and 50 paise").
SUBUNIT_WORDS = {
    "sen": frozenset({"MYR", "IDR", "JPY"}), "paise": frozenset({"INR", "NPR", "PKR"}),
    "paisa": frozenset({"INR", "NPR", "PKR"}), "kopecks": frozenset({"RUB", "UAH"}),
    "kopeks": frozenset({"RUB", "UAH"}), "centimes": frozenset({"CHF", "EUR", "FRF"}),
    "rappen": frozenset({"CHF"}), "satang": frozenset({"THB"}), "agorot": frozenset({"ILS"}),
    "groszy": frozenset({"PLN"}), "halalas": frozenset({"SAR"}),
    "piastres": frozenset({"EGP", "LBP", "SYP"}), "fils": frozenset({"AED", "KWD", "BHD"}),
    "centavos": frozenset({"MXN", "BRL", "ARS", "PHP", "COP", "CLP"}),
}
# "a dollar", "a euro": the stems of the currency words read after "a" alone (not "a pound
# of flour").
ONE_CURRENCY_STEMS = ("dollar", "euro", "cent", "penny", "rupee", "yen", "dinar", "riyal",
                      "rial", "shekel", "peso", "franc", "ruble", "rouble", "yuan", "lira",
                      "dirham", "naira", "rand", "won")
