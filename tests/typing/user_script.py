"""A user's script: every public name of ``claimset``, used as the README shows it.

``tests/test_public_api.py`` type-checks this file under ``mypy --strict`` (as a user's
own CI would) and checks that it uses every name in ``claimset.__all__``.  It is not
run: ``download`` would need a release server.
"""

from __future__ import annotations

from pathlib import Path

import claimset


def summarise(checkout: Path, cache: Path, corpus: Path, new_text: Path) -> list[str]:
    lines: list[str] = []
    added = claimset.add_source(new_text, source_id="new-source", checkout=checkout,
                                title="A new source", authors=["A. Author"])
    lines.append(f"{added.source_id} {added.sha256} {added.length}")
    moved = claimset.reanchor("new-source", new_text, checkout=checkout, write=False)
    lines.append(moved.source_id)
    ds: claimset.Dataset = claimset.load()
    claim: claimset.Claim = ds.claim("daalder-lake-2004/occupation-troops")
    figure: claimset.Span = claim.figure
    source: claimset.Source = ds.sources[claim.source]
    lines.append(source.text[figure.start:figure.end])
    for exclusion in ds.exclusions[:1]:
        excluded: claimset.Exclusion = exclusion
        lines.append(excluded.reason)
    report: claimset.Report = claimset.validate(checkout)
    for problem in report.problems:
        found: claimset.Problem = problem
        lines.append(f"{found.location}: {found.code} {found.message}")
    candidates: list[claimset.Candidate] = claimset.extract("nearly $20 billion")
    lines.extend(candidate.text for candidate in candidates)
    lines.extend(c.kind for c in claimset.iter_extract("61% of Iraqis"))
    reading = claimset.read_figure("150,000")
    if reading is not None:
        lines.append(str(reading.value))
    skipped: list[claimset.SkippedDocument] = []
    for row in claimset.extract_corpus([corpus], jobs=1, on_skip=skipped.append):
        figure_row: claimset.CorpusFigure = row
        lines.append(f"{figure_row.document}:{figure_row.start}")
    try:
        released: claimset.Dataset = claimset.download("1.0.0", cache_dir=cache, offline=True)
        lines.append(released.version)
    except claimset.DownloadError as error:
        lines.append(error.code)
    except claimset.DatasetError as error:
        lines.extend(p.code for p in error.problems)
    except claimset.InputError as error:
        lines.append(error.message)
    except claimset.UsageError as error:
        lines.append(str(error))
    except claimset.ClaimsetError as error:
        lines.append(error.code)
    lines.append(claimset.__version__)
    return lines
