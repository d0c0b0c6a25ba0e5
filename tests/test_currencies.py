"""The ISO 4217 table the grammar reads is pycountry's, regenerated, not typed by hand."""

from __future__ import annotations

import pytest

from claimset.grammar import _iso4217, _iso4217_generate
from claimset.grammar import _lexicon as lex
from claimset.grammar._currencies import CURRENCY_WORDS, UPPER_CODES

pycountry = pytest.importorskip("pycountry")


def test_the_committed_table_is_what_the_generator_writes() -> None:
    # Fails after a pycountry upgrade that changed ISO 4217: run
    # `python -m claimset.grammar._iso4217_generate` and commit the table.
    expected = _iso4217_generate.source(_iso4217_generate.table())
    assert _iso4217_generate.TARGET.read_text(encoding="utf-8") == expected


def test_every_current_iso_currency_is_in_the_table_or_left_out_on_purpose() -> None:
    codes = {currency.alpha_3 for currency in pycountry.currencies}
    assert set(_iso4217.CURRENCIES) == codes - _iso4217_generate.NOT_MONEY
    assert set(_iso4217.CURRENCIES) >= {"USD", "EUR", "IQD", "IRR", "ILS", "MYR", "INR"}


def test_every_code_is_read_unless_it_is_an_english_word() -> None:
    readable = UPPER_CODES | {code.upper() for code in lex.CURRENCY_CODES}
    assert set(_iso4217.CURRENCIES) - readable == set(lex.ISO_CODES_NOT_READ)


def test_every_reading_is_an_iso_code_or_a_named_unit() -> None:
    historic = {"FRF", "ESP", "FIM", "NLG", "DEM", "BTC", "satoshi", "cents", "pence"}
    assert set(CURRENCY_WORDS.values()) <= set(_iso4217.CURRENCIES) | historic
    assert set(lex.CURRENCY_SYMBOLS.values()) <= set(_iso4217.CURRENCIES) | historic
