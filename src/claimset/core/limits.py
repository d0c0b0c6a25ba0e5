"""Every limit on what claimset reads or serves, in one place.

Data is untrusted, so the cost of reading it must be bounded wherever it enters:
each limit below is checked *before* the work it bounds, and passing it gives a
problem with a code (never a hang, a crash or a memory error).  The modules that
enforce a limit read its number from here, so it is written once;
docs/robustness.md's table of limits is :func:`markdown_table`'s output, and
``tests/test_limits.py`` fails when the two differ.

Pure data: no I/O, no imports beyond attrs.
"""

from __future__ import annotations

import attrs

_MIB = 1024 * 1024


@attrs.frozen(kw_only=True)
class Limit:
    """One limit: its value, what it bounds, where it is checked and its code."""

    name: str
    value: int | float
    shown: str  #: the value as people read it ("64 MiB")
    bounds: str  #: what it bounds, and where the input enters
    code: str  #: the problem code when input passes the limit ("-": cut, not refused)
    setting: str = "-"  #: how to set another value, if one may


#: A JSON file (dataset file, index, bundle, manifest, shard, annotations, registry),
#: refused by its size before a byte is read.
JSON_BYTES = 64 * _MIB
#: A seed, a bundle's text, a corpus document, a reanchor or add-source text file.
TEXT_BYTES = 16 * _MIB
#: Numbers (digit runs and number words) one text may hold: counted up to the limit
#: before extracting, for every text claimset extracts that it did not write.
NUMBERS_PER_TEXT = 200_000
#: Largest value, lower or upper bound of a claim (in magnitude).
VALUE_MAGNITUDE = 1e300
#: A base revision (``validate --base``, ``diff REV``): one file, the files, all bytes.
BASE_FILE_BYTES = JSON_BYTES
BASE_FILES = 100_000
BASE_BYTES = 1024 * _MIB
#: Shards one release manifest may list, and their bytes in all (each shard is read,
#: hashed and parsed once: a shard listed twice, by name or by sha256, is refused).
RELEASE_SHARDS = 10_000
RELEASE_BYTES = 4096 * _MIB
#: A download: its whole time (retries included, seconds) and the redirects followed.
DOWNLOAD_DEADLINE = 900.0
DOWNLOAD_REDIRECTS = 10
#: How long a writer waits for the checkout's lock (seconds).
LOCK_WAIT = 120.0
#: W3C annotations in one file, selectors, targets and bodies read per annotation.
ANNOTATIONS = 100_000
ANNOTATION_SELECTORS = 16
#: Code points of a TextQuoteSelector's prefix and of its suffix compared with the text
#: (the nearest ones; annotation tools write 32, claimset's export 32 or more).
QUOTE_CONTEXT = 128
#: The searches by quote of one import: code points of the text searched in all (each
#: search scans it), and occurrences scored against their prefix and suffix (each a
#: difflib comparison of up to QUOTE_CONTEXT code points); what is over is left unplaced.
QUOTE_SEARCH_CODE_POINTS = 1_000_000_000
QUOTE_SCORES = 40_000
#: ``claimset serve``: connections served at once, seconds a connection may stay idle,
#: and the longest request path.
SERVE_CONNECTIONS = 32
SERVE_IDLE_SECONDS = 10.0
SERVE_PATH_BYTES = 2048

LIMITS: tuple[Limit, ...] = (
    Limit(name="JSON_BYTES", value=JSON_BYTES, shown="64 MiB",
          bounds="a JSON file: dataset file, index, bundle, manifest, shard, annotations, "
                 "registry (`stat` before reading)", code="CS106"),
    Limit(name="TEXT_BYTES", value=TEXT_BYTES, shown="16 MiB",
          bounds="a text: seed, a bundle's text, a corpus document (file, JSONL line, stdin), "
                 "`reanchor`'s and `add-source`'s new file", code="CS106"),
    Limit(name="NUMBERS_PER_TEXT", value=NUMBERS_PER_TEXT, shown="200,000",
          bounds="digit runs and number words in one text (the same texts: counted up to "
                 "the limit before extracting)", code="CS117"),
    Limit(name="VALUE_MAGNITUDE", value=VALUE_MAGNITUDE, shown="1e300",
          bounds="a claim's value, lower or upper bound", code="CS116"),
    Limit(name="BASE_FILE_BYTES", value=BASE_FILE_BYTES, shown="64 MiB",
          bounds="one file of a base revision (`git archive`, read from the tar headers)",
          code="CS506"),
    Limit(name="BASE_FILES", value=BASE_FILES, shown="100,000",
          bounds="files of a base revision", code="CS506"),
    Limit(name="BASE_BYTES", value=BASE_BYTES, shown="1 GiB",
          bounds="bytes of a base revision in all", code="CS506"),
    Limit(name="RELEASE_SHARDS", value=RELEASE_SHARDS, shown="10,000",
          bounds="shards a release manifest lists (each once: a name or sha256 listed twice "
                 "is CS118)", code="CS633"),
    Limit(name="RELEASE_BYTES", value=RELEASE_BYTES, shown="4 GiB",
          bounds="the bytes of a release's shards in all, from the manifest, before any is "
                 "read", code="CS119"),
    Limit(name="DOWNLOAD_DEADLINE", value=DOWNLOAD_DEADLINE, shown="900 s",
          bounds="a download's whole time, retries included", code="CS612",
          setting="`CLAIMSET_DOWNLOAD_DEADLINE`, `--deadline`"),
    Limit(name="DOWNLOAD_REDIRECTS", value=DOWNLOAD_REDIRECTS, shown="10",
          bounds="redirects a download follows", code="CS609"),
    Limit(name="LOCK_WAIT", value=LOCK_WAIT, shown="120 s",
          bounds="a writer's wait for the checkout's lock", code="CS114",
          setting="`CLAIMSET_LOCK_TIMEOUT`"),
    Limit(name="ANNOTATIONS", value=ANNOTATIONS, shown="100,000",
          bounds="W3C annotations in one `import-annotations` file", code="CS806"),
    Limit(name="ANNOTATION_SELECTORS", value=ANNOTATION_SELECTORS, shown="16",
          bounds="selectors, targets and bodies read per annotation (the rest ignored)",
          code="-"),
    Limit(name="QUOTE_CONTEXT", value=QUOTE_CONTEXT, shown="128 code points",
          bounds="a quote selector's prefix and suffix compared with the text (the nearest "
                 "ones; the rest ignored)", code="-"),
    Limit(name="QUOTE_SEARCH_CODE_POINTS", value=QUOTE_SEARCH_CODE_POINTS,
          shown="1,000,000,000", bounds="code points of the text the quote searches of one "
          "import scan in all (the annotations left are reported unplaced)", code="CS120"),
    Limit(name="QUOTE_SCORES", value=QUOTE_SCORES, shown="40,000",
          bounds="occurrences of quotes scored against their context in one import (the "
                 "annotations left are reported unplaced)", code="CS120"),
    Limit(name="SERVE_CONNECTIONS", value=SERVE_CONNECTIONS, shown="32",
          bounds="connections `claimset serve` serves at once (another gets a 503 at once)",
          code="-"),
    Limit(name="SERVE_IDLE_SECONDS", value=SERVE_IDLE_SECONDS, shown="10 s",
          bounds="how long a `serve` connection may send nothing before it is closed",
          code="-"),
    Limit(name="SERVE_PATH_BYTES", value=SERVE_PATH_BYTES, shown="2048",
          bounds="a request path `serve` accepts (longer: 404)", code="-"),
)


def markdown_table() -> str:
    """The limits as the Markdown table docs/robustness.md shows."""
    rows = ["| limit | value | what it bounds | code | set another |",
            "|---|---:|---|---|---|"]
    rows += [f"| `{limit.name}` | {limit.shown} | {limit.bounds} | {limit.code} | "
             f"{limit.setting} |" for limit in LIMITS]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":  # pragma: no cover - `python -m claimset.core.limits`
    print(markdown_table(), end="")
