"""One representation of a number: the grammar's named tuples, and the fast Candidate.

``Number`` and ``Quantity`` are named tuples, the same inside claimset and out
(``find_numbers``/``find_quantities`` hand out what the extractor reads); the
extractor builds a ``Candidate`` positionally (claimset.core._construct).
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimset.grammar import extract as ex
from claimset.grammar.numbers import Number, Quantity, find_numbers, find_quantities

VALUES = st.none() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6)


@given(st.lists(VALUES, min_size=10, max_size=10))
def test_candidates_equal_keyword_built_ones(values: list) -> None:
    names = [field.name for field in attrs.fields(ex.Candidate)]
    made = ex._candidate(*values)
    expected = ex.Candidate(**dict(zip(names, values, strict=True)))
    assert type(made) is ex.Candidate
    assert made == expected and repr(made) == repr(expected) and hash(made) == hash(expected)


def test_find_quantities_hands_out_the_one_representation() -> None:
    found = find_quantities("nearly $20 billion, 61% and 150,000 troops")
    assert [type(q) for q in found] == [Quantity] * 3
    assert all(type(q.number) is Number for q in found)
    assert [q.span() for q in found] == [(7, 18), (20, 23), (28, 35)]
    assert found[0].currency == "USD" and found[0].value == 20_000_000_000
    assert found[1].percent == "percent" and found[1].number.value == 61


def test_numbers_are_immutable_named_values() -> None:
    number = find_numbers("three hundred and six")[0]
    assert number == Number(start=0, end=21, value=306, form="cardinal", scale=100,
                            words=True, plain=False)
    assert number._fields == ("start", "end", "value", "form", "scale", "words", "plain")
    with pytest.raises(AttributeError):
        number.value = 7  # type: ignore[misc]
    assert Quantity._fields == ("start", "end", "value", "number", "currency", "percent",
                                "multiplier")
