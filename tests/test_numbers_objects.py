"""The grammar's tuples and fast constructors make the same value objects as the classes.

Inside claimset, numbers and quantities travel as ``RawNumber``/``RawQuantity``
tuples; ``public()`` turns them into ``Number``/``Quantity`` positionally, and
the extractor builds a ``Candidate`` positionally too (claimset.core._construct).
"""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from claimset.grammar import extract as ex
from claimset.grammar.numbers import Number, Quantity, RawNumber, RawQuantity, find_quantities

VALUES = st.none() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=6)


def test_tuples_have_the_value_objects_fields_in_order() -> None:
    assert RawNumber._fields == tuple(field.name for field in attrs.fields(Number))
    assert RawQuantity._fields == tuple(field.name for field in attrs.fields(Quantity))


@given(st.lists(VALUES, min_size=7, max_size=7), st.lists(VALUES, min_size=6, max_size=6))
def test_public_objects_equal_keyword_built_ones(number: list, quantity: list) -> None:
    raw_number = RawNumber(*number)
    made = raw_number.public()
    assert type(made) is Number
    assert made == Number(**raw_number._asdict())
    raw = RawQuantity(quantity[0], quantity[1], quantity[2], raw_number, *quantity[3:])
    expected = Quantity(**{**raw._asdict(), "number": made})
    assert raw.public() == expected and repr(raw.public()) == repr(expected)


@given(st.lists(VALUES, min_size=10, max_size=10))
def test_candidates_equal_keyword_built_ones(values: list) -> None:
    names = [field.name for field in attrs.fields(ex.Candidate)]
    made = ex._candidate(*values)
    expected = ex.Candidate(**dict(zip(names, values, strict=True)))
    assert type(made) is ex.Candidate
    assert made == expected and repr(made) == repr(expected) and hash(made) == hash(expected)


def test_find_quantities_hands_out_value_objects() -> None:
    found = find_quantities("nearly $20 billion, 61% and 150,000 troops")
    assert [type(q) for q in found] == [Quantity] * 3
    assert all(type(q.number) is Number for q in found)
