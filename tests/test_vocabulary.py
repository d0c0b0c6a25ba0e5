"""Each vocabulary lives in ``claimset.core.vocabulary`` and nowhere else.

The schema's enums equal it, everything that names a qualifier, stance, reason,
kind or export column takes it from there, and no other module keeps a copy.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any, get_args

import pytest

from claimset.core import vocabulary as vocab
from claimset.core.resources import schema_path
from claimset.grammar import _lexicon as lex
from claimset.release.export import COLUMNS
from claimset.store.model import Dataset

from conftest import write_checkout

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimset"


def schema() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(Path(schema_path()).read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize(("pointer", "words"), [
    (("claim", "qualifier"), vocab.QUALIFIERS),
    (("claim", "stance"), vocab.STANCES),
    (("exclusion", "reason"), vocab.EXCLUSION_REASONS),
])
def test_schema_enums_are_the_vocabulary(pointer: tuple[str, str], words: tuple[str, ...]) -> None:
    kind, field = pointer
    assert tuple(schema()["$defs"][kind]["properties"][field]["enum"]) == words


@pytest.mark.parametrize(("literal", "words"), [
    (vocab.Qualifier, vocab.QUALIFIERS), (vocab.Stance, vocab.STANCES),
    (vocab.ExclusionReason, vocab.EXCLUSION_REASONS), (vocab.Kind, vocab.KINDS),
])
def test_each_tuple_is_its_literal_type(literal: Any, words: tuple[str, ...]) -> None:
    assert get_args(literal) == words
    assert len(set(words)) == len(words)


def test_every_qualifier_says_its_bounds() -> None:
    assert tuple(vocab.QUALIFIER_BOUNDS) == vocab.QUALIFIERS
    assert vocab.QUALIFIER_BOUNDS["range"] == ("lower", "upper")
    assert {"at least", "more than"} == vocab.LOWER_BOUND_QUALIFIERS
    assert {"nearly", "at most", "up to", "less than"} == vocab.UPPER_BOUND_QUALIFIERS
    assert not vocab.LOWER_BOUND_QUALIFIERS & vocab.UPPER_BOUND_QUALIFIERS


def test_a_range_requires_both_bounds_in_the_schema() -> None:
    # The schema's allOf is where "range" is special; the vocabulary says the same.
    rules = json.dumps(schema()["$defs"]["claim"].get("allOf", []))
    assert '"range"' in rules
    assert all(bound in rules for bound in vocab.QUALIFIER_BOUNDS["range"])


def test_reason_kinds_name_reasons_and_kinds() -> None:
    assert set(vocab.REASON_KINDS) <= set(vocab.EXCLUSION_REASONS)
    for kinds in vocab.REASON_KINDS.values():
        assert kinds <= set(vocab.KINDS)
    assert set(vocab.KINDS) >= vocab.STATED_UNIT_KINDS


def test_the_grammar_reads_only_qualifiers_of_the_vocabulary() -> None:
    assert set(lex.QUALIFIERS.values()) <= set(vocab.QUALIFIERS)


def test_export_columns_are_to_records_keys(tmp_path: Path) -> None:
    from claimset.check.loader import load

    write_checkout(tmp_path)
    dataset: Dataset = load(tmp_path)
    records = dataset.to_records()
    assert records and all(tuple(record) == vocab.EXPORT_COLUMN_NAMES for record in records)
    assert COLUMNS is vocab.EXPORT_COLUMNS
    assert {kind for _, kind in vocab.EXPORT_COLUMNS} <= set(get_args(vocab.ColumnType))


def _string_collections(tree: ast.AST) -> list[tuple[int, frozenset[str]]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = node.elts
        elif isinstance(node, ast.Dict):
            items = [key for key in node.keys if key is not None]
        else:
            continue
        if len(items) >= 3 and all(isinstance(item, ast.Constant) and isinstance(item.value, str)
                                   for item in items):
            found.append((node.lineno, frozenset(item.value for item in items)))  # type: ignore[attr-defined]
    return found


VOCABULARIES = {
    "QUALIFIERS": frozenset(vocab.QUALIFIERS), "STANCES": frozenset(vocab.STANCES),
    "EXCLUSION_REASONS": frozenset(vocab.EXCLUSION_REASONS), "KINDS": frozenset(vocab.KINDS),
    "LOWER_BOUND_QUALIFIERS": vocab.LOWER_BOUND_QUALIFIERS,
    "UPPER_BOUND_QUALIFIERS": vocab.UPPER_BOUND_QUALIFIERS,
    "STATED_UNIT_KINDS": vocab.STATED_UNIT_KINDS,
    "EXPORT_COLUMN_NAMES": frozenset(vocab.EXPORT_COLUMN_NAMES),
}


def test_no_module_keeps_its_own_copy_of_a_vocabulary() -> None:
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "vocabulary.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, words in _string_collections(tree):
            for name, vocabulary in VOCABULARIES.items():
                # A copy, or nearly one (a word missing or added).
                if len(vocabulary - words) <= 1 and len(words - vocabulary) <= 1:
                    copies.append(f"{path.relative_to(PACKAGE)}:{line} copies {name}")
    assert not copies, "take these from claimset.core.vocabulary: " + "; ".join(copies)


def test_the_scan_finds_a_copy() -> None:
    tree = ast.parse('STANCES = ("asserted", "attributed", "hypothetical", "quoted")\n')
    assert (1, VOCABULARIES["STANCES"]) in _string_collections(tree)


def test_records_hold_each_claims_values(tmp_path: Path) -> None:
    from claimset.check.loader import load

    write_checkout(tmp_path)
    dataset = load(tmp_path)
    for claim, record in zip(dataset.claims, dataset.to_records(), strict=True):
        source = dataset.sources[claim.source]
        assert record == {
            "id": claim.id, "source": claim.source,
            "quote_start": claim.quote.start, "quote_end": claim.quote.end,
            "quote": claim.quote.text, "figure_start": claim.figure.start,
            "figure_end": claim.figure.end, "figure": claim.figure.text,
            "value": claim.value, "unit": claim.unit, "qualifier": claim.qualifier,
            "lower": claim.lower, "upper": claim.upper, "measure": claim.measure,
            "period": claim.period, "place": claim.place, "attribution": claim.attribution,
            "stance": claim.stance, "tags": ";".join(claim.tags), "note": claim.note,
            "retracted": None, "source_title": source.title,
            "source_authors": ";".join(source.authors), "source_published": source.published,
            "source_url": source.url,
        }


def test_report_formats_are_the_reporters() -> None:
    from claimset.check.reporters import REPORTERS

    assert tuple(sorted(REPORTERS)) == vocab.REPORT_FORMATS


def test_a_candidates_kind_and_qualifier_are_the_vocabularys_types() -> None:
    # One source: the extractor's Candidate is typed with the vocabulary's Literals, so
    # strict mypy rejects a kind or qualifier the schema does not know.
    import typing

    from claimset.grammar._candidate import Candidate

    hints = typing.get_type_hints(Candidate)
    assert hints["kind"] == vocab.Kind
    assert hints["qualifier"] == vocab.Qualifier
