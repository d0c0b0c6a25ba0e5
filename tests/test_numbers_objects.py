"""One idiom for the grammar's value objects: frozen attrs classes, built positionally.

``Token``, ``Reading``, ``Number``, ``Quantity`` and ``Candidate`` are frozen attrs
classes, the same inside claimset and out (``find_numbers``/``find_quantities`` hand
out what the extractor reads); the grammar's hot paths build them positionally
(claimset.core.construct), which must give what the keyword ``__init__`` gives.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimset.grammar import _values
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


@pytest.mark.parametrize(("cls", "make"), [
    (_values.Token, _values._token), (_values.Reading, _values._reading),
    (_values.Number, _values._number), (_values.Quantity, _values._quantity)])
@given(data=st.data())
def test_grammar_values_built_positionally_equal_keyword_built_ones(
        cls: type, make: object, data: st.DataObject) -> None:
    names = [field.name for field in attrs.fields(cls)]
    values = data.draw(st.lists(VALUES, min_size=len(names), max_size=len(names)))
    made = make(*values)  # type: ignore[operator]
    expected = cls(**dict(zip(names, values, strict=True)))
    assert type(made) is cls
    assert made == expected and repr(made) == repr(expected) and hash(made) == hash(expected)


def test_every_grammar_value_is_a_frozen_attrs_class() -> None:
    for cls in (_values.Token, _values.Reading, Number, Quantity, ex.Candidate):
        assert attrs.has(cls) and "__slots__" in vars(cls), cls
        instance = cls(**{f.name: 0 for f in attrs.fields(cls)})
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            instance.start = 1  # type: ignore[misc]


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
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        number.value = 7  # type: ignore[misc]
    assert tuple(f.name for f in attrs.fields(Number)) == (
        "start", "end", "value", "form", "scale", "words", "plain")
    assert tuple(f.name for f in attrs.fields(Quantity)) == (
        "start", "end", "value", "number", "currency", "percent", "multiplier", "unit")
