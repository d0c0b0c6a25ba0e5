"""pandas and notebooks: explicit dtypes, the CSV read back into them, one-line repr, HTML."""

from __future__ import annotations

import ast
import io
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimset
from claimset.core.vocabulary import QUALIFIERS, STANCES
from claimset.release.export import COLUMN_NAMES, to_csv
from claimset.store.columns import CLAIM_COLUMNS, CSV_READ_OPTIONS, EXCLUSION_COLUMNS
from claimset.store.model import Claim, Dataset, Retraction, Source, Span

pandas = pytest.importorskip("pandas")
from claimset.store.frames import csv_dtypes, read_claims_csv  # noqa: E402

MODEL = Path(claimset.__file__).parent / "store" / "model.py"


def dataset_of(quote: str = "about 5,000 men", *, note: str | None = None,
               title: str | None = "A title", retracted: bool = False,
               unit: str | None = "men") -> Dataset:
    text = "Intro. " + quote + " End."
    start = text.index(quote)
    source = Source(id="demo", title=title, authors=(), publisher=None, published=None,
                    url=None, path="seeds/demo.txt", sha256="0" * 64, length=len(text),
                    notes=None, text=text)
    claim = Claim(id="demo/men", source="demo",
                  quote=Span(start=start, end=start + len(quote), text=quote),
                  figure=Span(start=start, end=start + 1, text=quote[0]), value=5000,
                  unit=unit, qualifier="approximately", measure="men", attribution=None,
                  stance="asserted", note=note,
                  retracted=Retraction(reason="misread") if retracted else None)
    return Dataset(name="claimset", version="1.0.0", description="d", license="CC-BY-4.0",
                   sources={"demo": source}, claims=[claim])


def test_to_pandas_has_the_documented_columns_and_dtypes() -> None:
    dataset = claimset.load()
    frame = dataset.to_pandas()
    assert tuple(frame.columns) == COLUMN_NAMES
    assert len(frame) == len(dataset.claims)
    dtypes = {name: str(dtype) for name, dtype in frame.dtypes.items()}
    assert dtypes["quote_start"] == dtypes["figure_end"] == "Int64"
    assert dtypes["value"] == dtypes["lower"] == dtypes["upper"] == "Float64"
    assert dtypes["qualifier"] == dtypes["unit"] == dtypes["stance"] == "category"
    assert dtypes["quote"] == dtypes["retracted"] == dtypes["note"] == "string"
    assert list(frame["qualifier"].cat.categories) == list(QUALIFIERS)
    assert list(frame["stance"].cat.categories) == list(STANCES)
    assert not any(dtype == "float64" or dtype == "object" for dtype in dtypes.values())
    # Values are the records' values; an absent one is <NA>, never NaN.
    for row, claim in zip(frame.itertuples(index=False), dataset.claims, strict=True):
        assert row.id == claim.id and row.quote == claim.quote.text
        assert (row.value is pandas.NA) == (claim.value is None)
        if claim.value is not None:
            assert row.value == claim.value
    assert frame["retracted"].isna().sum() == sum(not c.is_retracted for c in dataset.claims)


def test_the_csv_export_reads_back_into_the_same_frame() -> None:
    dataset = claimset.load()
    back = read_claims_csv(io.BytesIO(to_csv(dataset)))
    pandas.testing.assert_frame_equal(back, dataset.to_pandas())
    by_hand = pandas.read_csv(io.BytesIO(to_csv(dataset)), dtype=csv_dtypes(),
                              **CSV_READ_OPTIONS)
    pandas.testing.assert_frame_equal(by_hand, back)
    # Without the map an empty column is float64: the very thing the map is for.  The
    # bundled dataset has a retracted claim since 1.1.0, so the empty column is made here.
    unretracted = attrs.evolve(dataset, claims=[c for c in dataset.claims if not c.is_retracted])
    assert str(pandas.read_csv(io.BytesIO(to_csv(unretracted)))["retracted"].dtype) == "float64"


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=40, deadline=None)
@given(quote=_TEXT, note=st.one_of(st.none(), _TEXT), retracted=st.booleans(),
       unit=st.one_of(st.none(), st.sampled_from(["men", "NA", "null", "USD"])))
def test_any_text_survives_csv_to_pandas(quote: str, note: str | None, retracted: bool,
                                         unit: str | None) -> None:
    # "NA", "null", "nan" in a cell are text, not missing values (pandas' defaults).
    dataset = dataset_of(quote, note=note, retracted=retracted, unit=unit)
    frame = dataset.to_pandas()
    back = read_claims_csv(io.BytesIO(to_csv(dataset)))
    pandas.testing.assert_frame_equal(back, frame)
    assert frame.loc[0, "quote"] == quote


def test_exclusions_frame() -> None:
    dataset = claimset.load()
    frame = dataset.exclusions_frame()
    assert tuple(frame.columns) == tuple(column.name for column in EXCLUSION_COLUMNS)
    assert len(frame) == len(dataset.exclusions)
    assert str(frame["start"].dtype) == "Int64" and str(frame["reason"].dtype) == "category"
    first = dataset.exclusions[0]
    assert (frame.loc[0, "source"], frame.loc[0, "start"], frame.loc[0, "text"]) == (
        first.source, first.start, first.text)


_TAG = st.from_regex(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@settings(max_examples=40, deadline=None)
@given(tags=st.lists(_TAG, unique=True, max_size=5))
def test_the_joined_tags_split_back_and_tags_frame_is_their_long_form(tags: list[str]) -> None:
    """The data contract keeps ``tags`` a ';'-joined string in the frame (the CSV's
    cells, read back equal); the schema's tag pattern admits no ';', so splitting gives
    every claim's list back, and tags_frame() holds the same pairs, one row each."""
    dataset = dataset_of()
    dataset = attrs.evolve(dataset, claims=[attrs.evolve(dataset.claims[0], tags=tuple(tags))])
    frame = dataset.to_pandas()
    cell = frame.loc[0, "tags"]
    assert (cell is pandas.NA) if not tags else cell.split(";") == tags
    long = dataset.tags_frame()
    assert tuple(long.columns) == ("claim_id", "tag")
    assert {name: str(dtype) for name, dtype in long.dtypes.items()} == {
        "claim_id": "string", "tag": "string"}
    assert list(zip(long.claim_id, long.tag, strict=True)) == [("demo/men", tag) for tag in tags]
    back = read_claims_csv(io.BytesIO(to_csv(dataset)))
    pandas.testing.assert_frame_equal(back, frame)


def test_tags_frame_is_the_split_tags_column_and_the_databases_tags_table(
        tmp_path: Path) -> None:
    dataset = claimset.load()
    frame = dataset.to_pandas()
    exploded = (frame.assign(tag=frame.tags.str.split(";")).explode("tag")
                .dropna(subset=["tag"]))
    pairs = list(zip(exploded.id, exploded.tag, strict=True))
    long = dataset.tags_frame()
    assert list(zip(long.claim_id, long.tag, strict=True)) == pairs
    assert long.tag.value_counts().to_dict() == dataset.tags()
    assert not any(";" in tag for claim in dataset.claims for tag in claim.tags)
    sqlite_utils = pytest.importorskip("sqlite_utils")
    from claimset.release.sqlite import build_database

    build_database(dataset, tmp_path / "claimset.db")
    rows = sqlite_utils.Database(tmp_path / "claimset.db")["tags"].rows
    assert sorted((row["claim_id"], row["tag"]) for row in rows) == sorted(pairs)


def test_documented_dtypes_match_the_columns() -> None:
    assert {name: str(dtype) for name, dtype in claimset.load().to_pandas().dtypes.items()} == {
        column.name: column.dtype for column in CLAIM_COLUMNS}


def test_model_imports_no_pandas() -> None:
    tree = ast.parse(MODEL.read_text(encoding="utf-8"))
    top = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    names = {alias.name for node in top for alias in node.names} | {
        node.module for node in top if isinstance(node, ast.ImportFrom)}
    assert not any(name and name.split(".")[0] in {"pandas", "numpy", "sqlite_utils"}
                   for name in names)


def test_repr_is_one_short_line() -> None:
    dataset = claimset.load()
    text = repr(dataset)
    assert "\n" not in text and len(text) < 200
    retracted = sum(claim.is_retracted for claim in dataset.claims)
    assert text == (f"<Dataset 'claimset' {dataset.version!r}: {len(dataset.claims)} claims "
                    f"({retracted} retracted), {len(dataset.exclusions)} exclusions, 4 sources>")
    hostile = dataset_of()
    hostile = Dataset(name="x\ny", version="1", description="d", license="l",
                      sources=hostile.sources, claims=hostile.claims)
    assert "\n" not in repr(hostile)


def test_html_reprs_are_small_tables_with_everything_escaped() -> None:
    evil = "<script>alert(1)</script> & \"quotes\""
    dataset = dataset_of("5 <b>bold</b> men", note=evil, title=evil)
    claim = dataset.claims[0]
    for html in (dataset._repr_html_(), claim._repr_html_(),
                 dataset.sources["demo"]._repr_html_()):
        assert html.startswith("<table>") and html.endswith("</table>")
        assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in claim._repr_html_()
    assert "<mark>5</mark> &lt;b&gt;bold" in claim._repr_html_()
    assert "&lt;script&gt;" in dataset.sources["demo"]._repr_html_()
    assert len(claimset.load()._repr_html_()) < 2000


def test_without_pandas_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(claimset.UsageError) as error:
        dataset_of().to_pandas()
    assert error.value.code == "CS801" and "claimset[pandas]" in str(error.value)


def test_the_html_of_a_large_dataset_stays_small() -> None:
    base = dataset_of()
    source = base.sources["demo"]
    sources = {f"s{n}": Source(id=f"s{n}", title=None, authors=(), publisher=None,
                               published=None, url=None, path="seeds/x.txt", sha256="0" * 64,
                               length=source.length, notes=None, text=source.text)
               for n in range(5000)}
    large = Dataset(name="claimset", version="1.0.0", description="d", license="l",
                    sources=sources, claims=())
    html = large._repr_html_()
    assert len(html) < 1000 and "and 4,990 more" in html


def test_a_quantity_shows_as_a_table_of_its_claims_in_a_notebook() -> None:
    import claimset

    dataset = claimset.load()
    quantity = dataset.quantity("us-troops-in-iraq-2003")
    html = quantity._repr_html_()
    assert html.startswith("<table><caption>Quantity us-troops-in-iraq-2003: agree (")
    assert html.count("<tr>") == 1 + len(quantity.claims)
    for claim in quantity.claims:
        assert f"<td style=\"text-align:left\">{claim.id}</td>" in html
        assert claim.said in html
