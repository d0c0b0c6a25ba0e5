"""The loader's fast constructors make exactly what the classes' own __init__ makes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimset
from claimset.core.construct import positional_constructor
from claimset.core.resources import data_root
from claimset.store.model import (
    Addition,
    Claim,
    Exclusion,
    Reference,
    Relation,
    Retraction,
    Span,
)

from conftest import write_checkout

VALUES = (st.none() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
          | st.tuples(st.text(max_size=4)))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([Claim, Span, Exclusion, Retraction]), st.data())
def test_same_object_as_init(cls: type, data: st.DataObject) -> None:
    names = [field.name for field in attrs.fields(cls)]
    values = [data.draw(VALUES) for _ in names]
    made = positional_constructor(cls)(*values)
    expected = cls(**dict(zip(names, values, strict=True)))
    assert type(made) is cls
    assert made == expected and repr(made) == repr(expected) and hash(made) == hash(expected)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.__setattr__(names[0], "changed")


@attrs.frozen
class _Converted:
    value: int = attrs.field(converter=int)


@attrs.frozen
class _Validated:
    value: int = attrs.field(validator=attrs.validators.instance_of(int))


@attrs.frozen
class _PostInit:
    value: int

    def __attrs_post_init__(self) -> None:
        pass


@attrs.frozen(slots=False)
class _DictBased:
    value: int


@pytest.mark.parametrize("cls", [_Converted, _Validated, _PostInit, _DictBased])
def test_classes_whose_init_does_more_are_refused(cls: type) -> None:
    with pytest.raises(TypeError, match="does more than store its fields"):
        positional_constructor(cls)


def _by_keywords(source_id: str, item: dict[str, Any]) -> Claim:
    return Claim(id=item["id"], source=source_id, quote=Span(**item["quote"]),
                 figure=Span(**item["figure"]), value=item["value"], unit=item["unit"],
                 qualifier=item["qualifier"], measure=item["measure"],
                 attribution=item["attribution"], stance=item["stance"],
                 tags=tuple(item["tags"]), lower=item.get("lower"), upper=item.get("upper"),
                 period=item.get("period"), place=item.get("place"), note=item.get("note"),
                 retracted=Retraction(**item["retracted"]) if item.get("retracted") else None,
                 review=item.get("review"), quantity=item.get("quantity"),
                 relations=tuple(Relation(**{**r, "of": tuple(r["of"])})
                                 for r in item.get("relations", ())),
                 drafted=tuple(item.get("drafted", ())), excerpt=item.get("excerpt"),
                 refers=tuple(Reference(**r) for r in item.get("refers", ())),
                 adopted=item.get("adopted"),
                 added=tuple(Addition(**a) for a in item.get("added", ())))


def test_loaded_objects_equal_keyword_built_ones(tmp_path: Path) -> None:
    # Positional construction depends on the model's field order: any drift shows here.
    for root in (data_root(), write_checkout(tmp_path)):
        dataset = claimset.load(root)
        expected_claims, expected_exclusions = [], []
        index = json.loads((root / "dataset" / "index.json").read_text(encoding="utf-8"))
        for source_id in index["sources"]:
            document = json.loads((root / "dataset" / f"{source_id}.json")
                                  .read_text(encoding="utf-8"))
            expected_claims += [_by_keywords(source_id, item) for item in document["claims"]]
            expected_exclusions += [
                Exclusion(source=source_id, **{**item, "drafted": tuple(item.get("drafted", ())),
                                               "added": tuple(Addition(**a) for a in
                                                              item.get("added", ()))})
                for item in document["exclusions"]]
        assert list(dataset.claims) == expected_claims
        assert list(dataset.exclusions) == expected_exclusions
