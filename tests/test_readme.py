"""The README's Python example runs and prints what the README says it prints."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_python_example_prints_what_the_readme_shows() -> None:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"```python\n(?P<code>.*?)```\n```\n(?P<output>.*?)```", text, re.DOTALL)
    assert match is not None, "README lost its Python example and its output"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(match["code"], "README.md", "exec"), {})
    assert printed.getvalue() == match["output"]


def test_the_examples_comments_state_true_values() -> None:
    import claimset

    ds = claimset.load()
    claim = ds.claim("daalder-lake-2004/occupation-troops")
    assert ds.version == "1.2.0"
    assert (claim.figure.text, claim.value, claim.qualifier) == ("150,000", 150000,
                                                                 "approximately")
    sources = {c.source for c in ds.find(tag="us-troops-in-iraq")}
    assert sources == {"wrong-lessons-2008"}
    assert {c.source for c in ds.find(tag="foreign-troops-in-iraq")} == {"steele-2008"}
    assert claim in ds.find(tag="occupation-force-size")


@pytest.mark.parametrize("document", [README, README.parent / "docs" / "dataset.md"],
                         ids=["README", "docs-dataset"])
def test_the_dataset_table_counts_what_the_dataset_holds(document: Path) -> None:
    import claimset

    ds = claimset.load()
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| [^|]+ \| (\d+) \| (\d+) \|$",
                      document.read_text(encoding="utf-8"), re.MULTILINE)
    table = {source: (int(claims), int(exclusions)) for source, claims, exclusions in rows}
    assert table == {source: (len(ds.claims_of(source)), len(ds.exclusions_of(source)))
                     for source in ds.sources}


def test_the_changelog_entry_of_this_version_counts_what_the_dataset_holds() -> None:
    """The entry of the dataset's version, or its [Unreleased] section while changes wait
    for a release (Keep a Changelog), counts what the dataset holds."""
    import claimset

    ds = claimset.load()
    changelog = (README.parent / "dataset" / "CHANGELOG.md").read_text(encoding="utf-8")
    heading = "## [Unreleased]" if "\n## [Unreleased]" in changelog else f"## [{ds.version}]"
    entry = changelog.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\s*\| `([a-z0-9-]+)` \| (\d+) \| (\d+) \|$", entry, re.MULTILINE)
    assert {source: (int(c), int(e)) for source, c, e in rows} == {
        source: (len(ds.claims_of(source)), len(ds.exclusions_of(source)))
        for source in ds.sources}
