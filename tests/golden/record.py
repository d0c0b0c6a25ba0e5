"""Record the golden outputs that ``tests/test_golden.py`` compares against.

Run it only when a change of output is intended, and say why in the commit::

    python tests/golden/record.py

The outputs are the user-visible bytes of the main commands on the checkout's
own dataset: ``validate --format json``, ``extract --format jsonl`` on the seeds
and on ``synthetic.txt``, ``export`` as CSV and JSONL, and the sha256 of every
file ``build`` writes.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def run(*args: str) -> bytes:
    done = subprocess.run([sys.executable, "-m", "claimset", *args], cwd=ROOT,
                          capture_output=True, check=False)
    return done.stdout + f"exit {done.returncode}\n".encode()


def outputs() -> dict[str, bytes]:
    """Each golden file's name -> the bytes the current code produces for it."""
    seeds = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "seeds").glob("*.txt"))
    found = {
        "validate.json": run("validate", "--format", "json", "."),
        "extract-seeds.jsonl": run("extract", "--format", "jsonl", *seeds),
        "extract-synthetic.jsonl": run("extract", "--format", "jsonl",
                                       str((HERE / "synthetic.txt").relative_to(ROOT))),
        "export.csv": run("export", "--format", "csv", "."),
        "export.jsonl": run("export", "--format", "jsonl", "."),
    }
    with tempfile.TemporaryDirectory() as tmp:
        status = run("build", "--out", tmp, ".")
        lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {path.name}\n"
                 for path in sorted(Path(tmp).iterdir()) if path.is_file()]
        found["build.sha256"] = "".join(lines).encode() + status.replace(tmp.encode(), b"OUT")
    return found


def main() -> int:
    for name, data in outputs().items():
        (HERE / name).write_bytes(data)
        print(f"wrote tests/golden/{name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
