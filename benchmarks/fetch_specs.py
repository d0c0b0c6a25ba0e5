"""Download the public test suites the accuracy benchmarks score against, checksums pinned.

    python benchmarks/fetch_specs.py [--cache DIR] [--check]

benchmarks/recognizers.py and benchmarks/peers.py read other projects' published test
data (Microsoft Recognizers-Text's English specs; the suites of w2n, number-parser,
numerizer, quantulum3 and price-parser).  None of it is in this repository, and no
test needs it.  This script downloads each file listed in ``benchmarks/specs.json``
from its project's repository at a pinned commit, checks its size and sha256 before
anything is kept, and writes it into a cache folder (default: the user cache's
``claimset/specs``, e.g. ``~/.cache/claimset/specs``), atomically, beside the project's
licence.  Files already there with the right sha256 are not fetched again; ``--check``
only verifies what is there.  It prints the two benchmark commands to run next:

    python benchmarks/recognizers.py ~/.cache/claimset/specs/benchmarks/recognizers-text
    python benchmarks/peers.py ~/.cache/claimset/specs/peers

This is the only step that uses the network: run it once, before the benchmarks
(never at test time).  Exit status 0 when every file is in place and verified, 1 when
any is missing or does not match (nothing unverified is left in the cache).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

MANIFEST = Path(__file__).resolve().parent / "specs.json"
TIMEOUT = (10, 60)
#: Largest file the manifest may name (the largest suite file is about 1 MB).
MAX_BYTES = 16 * 1024 * 1024


def default_cache() -> Path:
    try:
        from platformdirs import user_cache_dir
    except ImportError:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "claimset"
    else:
        base = Path(user_cache_dir("claimset"))
    return base / "specs"


def manifest(path: Path = MANIFEST) -> list[dict[str, Any]]:
    """The files to fetch, each checked to be a plain relative path with a sha256."""
    files = json.loads(path.read_text(encoding="utf-8"))["files"]
    for entry in files:
        parts = PurePosixPath(entry["path"]).parts
        if PurePosixPath(entry["path"]).is_absolute() or not parts or ".." in parts:
            raise SystemExit(f"{path}: {entry['path']!r} is not a plain relative path")
        if not entry["url"].startswith("https://"):
            raise SystemExit(f"{path}: {entry['url']!r} is not an https address")
        if len(entry["sha256"]) != 64 or not 0 < entry["bytes"] <= MAX_BYTES:
            raise SystemExit(f"{path}: {entry['path']}: bad sha256 or size")
    return list(files)


def verified(path: Path, entry: dict[str, Any]) -> bool:
    if path.is_symlink() or not path.is_file() or path.stat().st_size != entry["bytes"]:
        return False
    return hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]


def download(entry: dict[str, Any]) -> bytes:
    import requests

    with requests.get(entry["url"], timeout=TIMEOUT, stream=True) as response:
        response.raise_for_status()
        data = bytearray()
        for chunk in response.iter_content(65536):
            data += chunk
            if len(data) > entry["bytes"]:
                raise ValueError(f"longer than the pinned {entry['bytes']} bytes")
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise ValueError(f"sha256 {hashlib.sha256(data).hexdigest()} is not the pinned "
                         f"{entry['sha256']}")
    return bytes(data)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=None,
                        help="where to keep the files (default: the user cache's "
                             "claimset/specs)")
    parser.add_argument("--check", action="store_true",
                        help="only verify the files already there; fetch nothing")
    args = parser.parse_args(argv)
    cache = args.cache if args.cache is not None else default_cache()
    failed = 0
    fetched = kept = 0
    for entry in manifest():
        path = cache.joinpath(*PurePosixPath(entry["path"]).parts)
        if verified(path, entry):
            kept += 1
            continue
        if args.check:
            print(f"missing or changed: {path}", file=sys.stderr)
            failed += 1
            continue
        try:
            data = download(entry)
        except Exception as error:  # one line per file, then the others
            print(f"{entry['url']}: {error}", file=sys.stderr)
            failed += 1
            continue
        write_atomic(path, data)
        fetched += 1
    print(f"{kept + fetched} of {kept + fetched + failed} files in {cache} verified "
          f"({fetched} fetched now)")
    if failed:
        return 1
    print(f"python benchmarks/recognizers.py {cache / 'benchmarks' / 'recognizers-text'}\n"
          f"python benchmarks/peers.py {cache / 'peers'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
