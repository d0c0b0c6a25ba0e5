"""Corpus extraction: ``claimset extract CORPUS... --out``, its engines, resume and limits."""

from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimset
from claimset.cli import main
from claimset.corpus import documents, journal
from claimset.corpus.runner import write
from claimset.grammar.extract import extract

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FIELDS = ["document", "sha256", "start", "end", "text", "value", "kind", "unit", "qualifier",
          "lower", "upper", "qualifier_span"]


def command(*args: str, timeout: float = 120,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """The command in a fresh process, never allowed to hang the suite."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
    return subprocess.run([sys.executable, "-m", "claimset", *args], capture_output=True,
                          timeout=timeout, env=env, check=False)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Seeds in a tree, a JSONL corpus among them, and files the glob leaves out."""
    root = tmp_path / "corpus"
    (root / "b" / "deeper").mkdir(parents=True)
    (root / "a").mkdir()
    for number, seed in enumerate(SEEDS):
        folder = [root, root / "a", root / "b", root / "b" / "deeper"][number % 4]
        (folder / seed.name).write_bytes(seed.read_bytes())
    (root / "a" / "notes.md").write_text("Not 5 documents.", encoding="utf-8")
    return root


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_rows_carry_the_document_its_sha256_and_every_field(corpus: Path, tmp_path: Path,
                                                             capsys) -> None:
    out = tmp_path / "figures.jsonl"
    assert main(["extract", str(corpus), "--out", str(out), "--jobs", "1"]) == 0
    found = rows(out)
    assert found and all(list(row) == FIELDS for row in found)
    walked = [str(corpus / name) for name in ("a/" + SEEDS[1].name, "b/deeper/" + SEEDS[3].name,
                                              "b/" + SEEDS[2].name, SEEDS[0].name)]
    # Document order is the walk's (names sorted, depth first), figures in text order.
    assert list(dict.fromkeys(row["document"] for row in found)) == sorted(walked)
    for document in {row["document"] for row in found}:
        data = Path(document).read_bytes()
        mine = [row for row in found if row["document"] == document]
        assert {row["sha256"] for row in mine} == {hashlib.sha256(data).hexdigest()}
        assert [(row["start"], row["end"], row["value"]) for row in mine] == \
            [(c.start, c.end, c.value) for c in extract(data.decode())]
    assert "notes.md" not in out.read_text()
    assert not (tmp_path / "figures.jsonl.part").exists()
    assert not (tmp_path / "figures.jsonl.journal").exists()
    assert f"in {out}" in capsys.readouterr().err


def test_a_pool_of_two_writes_the_same_bytes_as_one_process(corpus: Path, tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": n, "text": f"Item {n} cost ${n} million."}) + "\n"
                    for n in range(300))  # several batches, so order across workers matters
    (corpus / "many.jsonl").write_text(lines, encoding="utf-8")
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.jsonl"
        assert main(["extract", str(corpus), "--glob", "*", "--out", str(out), "--jobs",
                     jobs]) == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    ids = [row["document"] for row in rows(tmp_path / "jobs2.jsonl")
           if not row["document"].startswith(str(corpus))]
    assert list(dict.fromkeys(ids)) == [str(n) for n in range(300)]


@pytest.mark.slow
def test_dask_on_a_local_cluster_of_two_processes_writes_the_same_bytes(corpus: Path,
                                                                        tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert command("extract", str(corpus), "--out", str(local), "--jobs", "2").returncode == 0
    done = command("extract", str(corpus), "--out", str(dask), "--engine", "dask",
                   "--jobs", "2", timeout=180)
    assert done.returncode == 0, done.stderr
    assert dask.read_bytes() == local.read_bytes()


@pytest.mark.slow
def test_the_local_cluster_runs_its_workers_without_the_dashboard_monitors() -> None:
    distributed = pytest.importorskip("distributed")
    import dask.config

    from claimset.corpus import engines

    def settings() -> dict[str, object]:
        return {key: dask.config.get(key) for key in engines.QUIET_LOCAL_CLUSTER}

    before = settings()
    assert before != engines.QUIET_LOCAL_CLUSTER  # Dask's defaults differ
    with engines._client(distributed, workers=1, scheduler=None) as client:
        assert list(client.run(settings).values()) == [engines.QUIET_LOCAL_CLUSTER]
    assert settings() == before  # this process's configuration is left as it was


@pytest.mark.parametrize("fmt", ["rows", "corpus", "jsonl", "text"])
def test_a_dask_worker_sends_compressed_rows_that_decompress_to_the_same_results(
        fmt: str) -> None:
    from claimset.corpus import engines
    from claimset.corpus.work import process_batch

    batch = [documents.Job(index=n, document=f"d{n}", display=f"d{n}",
                           content=f"Item {n} cost ${n} million and 5% more.".encode())
             for n in range(20)]
    batch.append(documents.Job(index=20, document="bad", display="bad", content=b"\xff\xfe"))
    packed = engines.process_batch_compressed(batch, fmt)
    plain = process_batch(batch, fmt)
    if fmt != "rows":
        assert sum(len(result.payload) for result in packed) < sum(
            len(result.payload) for result in plain)
    assert [engines._decompressed(result) for result in packed] == plain


def test_parquet_holds_the_jsonl_rows_with_the_documented_schema(corpus: Path,
                                                                 tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from claimset.corpus.parquet import COLUMNS

    assert main(["extract", str(corpus), "--out", str(tmp_path / "f.jsonl"), "--jobs", "1"]) == 0
    assert main(["extract", str(corpus), "--out", str(tmp_path / "f.parquet"),
                 "--jobs", "1"]) == 0
    table = pq.read_table(tmp_path / "f.parquet")
    assert [(field.name, str(field.type)) for field in table.schema] == \
        [(name, kind.replace("float64", "double")) for name, kind in COLUMNS.items()]
    expected = rows(tmp_path / "f.jsonl")
    got = table.to_pylist()
    assert len(got) == len(expected)
    for want, have in zip(expected, got, strict=True):
        span = want.pop("qualifier_span") or [None, None]
        assert [have.pop("qualifier_start"), have.pop("qualifier_end")] == span
        assert have == {k: (float(v) if k in {"value", "lower", "upper"} and v is not None
                            else v) for k, v in want.items()}


def test_the_python_api_yields_the_same_rows(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.jsonl"
    assert main(["extract", str(corpus), "--out", str(out), "--jobs", "1"]) == 0
    figures = list(claimset.extract_corpus([corpus], jobs=2))
    assert [[getattr(f, name) for name in FIELDS] for f in figures] == \
        [[tuple(v) if k == "qualifier_span" and v else v for k, v in row.items()]
         for row in rows(out)]


def test_the_python_api_raises_or_reports_an_unreadable_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xff 12 boats")
    (tmp_path / "b.txt").write_text("It took 12 boats.", encoding="utf-8")
    with pytest.raises(claimset.InputError) as raised:
        list(claimset.extract_corpus([tmp_path], jobs=1))
    assert raised.value.code == "CS110"
    skipped: list[claimset.SkippedDocument] = []
    found = list(claimset.extract_corpus([tmp_path], jobs=1, on_skip=skipped.append))
    assert [f.text for f in found] == ["12"]
    assert [(s.document, s.code) for s in skipped] == [(str(tmp_path / "a.txt"), "CS110")]


def test_unreadable_documents_are_reported_with_their_code_and_skipped(
        tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 1000)
    root = tmp_path / "c"
    root.mkdir()
    (root / "1-good.txt").write_text("It took 12 boats.", encoding="utf-8")
    (root / "2-binary.txt").write_bytes(b"\x00\x01\x02 12")
    (root / "3-latin1.txt").write_bytes("caf\xe9 12".encode("latin-1"))
    (root / "4-large.txt").write_bytes(b"9 " * 600)
    os.mkfifo(root / "5-fifo.txt")
    corpus_lines = [b'{"id": "x", "text": "It cost $5."}', b"not json", b'{"id": true}',
                    b'{"id": "big", "text": "' + b"1 " * 600 + b'"}', b"",
                    b'{"id": "y", "text": "lone \\ud800 7 boats"}', b'{"id": 3, "text": "3 men"}']
    (root / "6.jsonl").write_bytes(b"\n".join(corpus_lines) + b"\n")
    out = tmp_path / "f.jsonl"
    before = capsys.readouterr()
    assert main(["extract", str(root), "--glob", "*", "--out", str(out), "--jobs", "1"]) == 2
    err = capsys.readouterr().err.splitlines()
    del before
    reported = [line.split()[2] for line in err if line.endswith("(skipped)")]
    # orjson refuses a lone surrogate escape, so that line is no JSON document (CS901).
    assert reported == ["CS110", "CS110", "CS106", "CS110", "CS901", "CS901", "CS106", "CS901"]
    assert all(line.startswith("claimset: error: CS") for line in err[:-1])
    assert "8 unreadable documents skipped" in err[-1]
    assert [(row["document"], row["text"]) for row in rows(out)] == \
        [(str(root / "1-good.txt"), "12"), ("x", "$5"), ("3", "3")]


def test_a_binary_file_among_named_files_does_not_stop_the_others(tmp_path: Path,
                                                                  capsys) -> None:
    bad, good = tmp_path / "bad.txt", tmp_path / "good.txt"
    bad.write_bytes(b"\xff\xfe 12")
    good.write_text("It took 12 boats.", encoding="utf-8")
    assert main(["extract", str(bad), str(good), "--format", "jsonl"]) == 2
    captured = capsys.readouterr()
    assert [json.loads(line)["file"] for line in captured.out.splitlines()] == [str(good)]
    assert captured.err.startswith(f"claimset: error: CS110 {bad}:")


def test_standard_input_is_a_document(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"It took 12 boats.")))
    assert main(["extract", "-", "--format", "jsonl"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["file"], record["text"]) == ("<stdin>", "12")
    assert main(["extract", "-", "-"]) == 2


def test_text_format_uses_the_abbreviation_aware_sentence_finder(tmp_path: Path,
                                                                 capsys) -> None:
    path = tmp_path / "t.txt"
    path.write_text("He served under Gen. Smith with 300 men. Then \x1b[2Jleft 4 boats.",
                    encoding="utf-8")
    assert main(["extract", str(path)]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first.endswith("| He served under Gen. Smith with [300] men.")
    assert second.endswith("| Then \\x1b[2Jleft [4] boats.")


@pytest.mark.parametrize("args", [
    ["--scheduler", "tcp://127.0.0.1:1"],
    ["--resume"],
    ["--format", "parquet"],
    ["--jobs", "0"],
    ["--engine", "spark"],
])
def test_options_that_do_not_fit_are_usage_errors(corpus: Path, capsys, args) -> None:
    try:
        code = main(["extract", str(corpus), *args])
    except SystemExit as exit_info:  # argparse's own refusal
        code = exit_info.code
    assert code == 2
    assert capsys.readouterr().out == ""


def test_an_unreachable_scheduler_is_one_line(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    done = command("extract", str(corpus), "--out", str(tmp_path / "f.jsonl"), "--engine",
                   "dask", "--scheduler", "tcp://127.0.0.1:9", timeout=120,
                   env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert done.returncode == 2
    assert done.stderr.decode().startswith("claimset: error: CS904 ")
    assert not (tmp_path / "f.jsonl").exists()


# -- resume ------------------------------------------------------------------------------


def big_corpus(root: Path, documents: int = 400) -> Path:
    root.mkdir()
    text = SEEDS[2].read_text(encoding="utf-8")
    for number in range(documents):
        (root / f"{number:04d}.txt").write_text(f"Document {number}.\n" + text,
                                                encoding="utf-8")
    return root


@pytest.mark.slow
def test_a_killed_run_resumes_without_losing_or_repeating_a_document(tmp_path: Path) -> None:
    corpus = big_corpus(tmp_path / "big")
    clean = tmp_path / "clean.jsonl"
    assert command("extract", str(corpus), "--out", str(clean), "--jobs", "2").returncode == 0
    out = tmp_path / "f.jsonl"
    previous = out.with_name("f.jsonl")
    previous.write_text("an older output\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.Popen([sys.executable, "-m", "claimset", "extract", str(corpus), "--out",
                            str(out), "--jobs", "2"], env=env, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    journal_path = tmp_path / "f.jsonl.journal"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None:
        if journal_path.exists() and journal_path.read_bytes().count(b"\n") > 40:
            break
        time.sleep(0.02)
    os.killpg(run.pid, signal.SIGKILL)  # the pool's workers too
    run.wait(timeout=30)
    assert previous.read_text(encoding="utf-8") == "an older output\n"  # untouched until done
    done_before = journal_path.read_bytes().count(b"\n") - 1
    assert 0 < done_before < 400
    resumed = command("extract", str(corpus), "--out", str(out), "--jobs", "2", "--resume")
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == clean.read_bytes()
    assert not journal_path.exists()


@settings(max_examples=25, deadline=None)
@given(cut=st.floats(min_value=0, max_value=1), torn=st.binary(max_size=30),
       extra=st.binary(max_size=200))
def test_resume_from_any_torn_state_gives_the_clean_output(tmp_path_factory, cut, torn,
                                                           extra) -> None:
    """A kill at any moment: the journal cut anywhere (a torn last line), rows of an
    unjournaled document already in the part file."""
    tmp = tmp_path_factory.mktemp("torn")
    corpus = tmp / "c"
    corpus.mkdir()
    for number in range(12):
        (corpus / f"{number:02d}.txt").write_text(f"Day {number}: {number * 7} boats, "
                                                  f"{number}% more.", encoding="utf-8")
    clean = tmp / "clean.jsonl"
    write([str(corpus)], out=clean, fmt="jsonl", jobs=1)
    out = tmp / "f.jsonl"
    part, journal_path = tmp / "f.jsonl.part", tmp / "f.jsonl.journal"
    run = {"paths": [str(corpus.absolute())], "glob": "*.txt", "format": "jsonl"}
    full = clean.read_bytes().splitlines(keepends=True)
    entries, offset = [], 0
    for number in range(12):
        document = str(corpus / f"{number:02d}.txt")
        mine = [line for line in full if json.loads(line)["document"] == document]
        offset += sum(map(len, mine))
        entries.append(json.dumps({"n": number, "id": document, "end": offset,
                                   "skipped": None, "figures": len(mine)}).encode() + b"\n")
    kept = int(cut * 12)
    journal_path.write_bytes(journal.header(run) + b"".join(entries[:kept]) + torn.replace(
        b"\n", b""))
    written = json.loads(entries[kept - 1])["end"] if kept else 0
    part.write_bytes(clean.read_bytes()[:written] + extra)
    summary = write([str(corpus)], out=out, fmt="jsonl", jobs=1, resume=True)
    assert out.read_bytes() == clean.read_bytes()
    assert summary.documents == 12


def test_resume_refuses_a_different_run_or_a_changed_corpus(tmp_path: Path, capsys) -> None:
    corpus = big_corpus(tmp_path / "c", documents=3)
    out = tmp_path / "f.jsonl"
    journal_path = tmp_path / "f.jsonl.journal"
    run = {"paths": [str(corpus.absolute())], "glob": "*.txt", "format": "jsonl"}
    (tmp_path / "f.jsonl.part").write_bytes(b"")
    journal_path.write_bytes(journal.header({**run, "glob": "*"}))
    assert main(["extract", str(corpus), "--out", str(out), "--resume"]) == 2
    assert "CS902" in capsys.readouterr().err
    journal_path.write_bytes(journal.header(run) + json.dumps(
        {"n": 0, "id": "elsewhere.txt", "end": 0, "skipped": None, "figures": 0}).encode()
        + b"\n")
    assert main(["extract", str(corpus), "--out", str(out), "--resume"]) == 2
    assert "CS902 cannot resume: document 1 was 'elsewhere.txt'" in capsys.readouterr().err
    assert not out.exists()
    # Without --resume the stale journal is simply replaced by a fresh run.
    assert main(["extract", str(corpus), "--out", str(out)]) == 0
    assert out.exists() and not journal_path.exists()


def test_symlinked_directories_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "c"
    root.mkdir()
    (root / "a.txt").write_text("It took 12 boats.", encoding="utf-8")
    (root / "loop").symlink_to(root, target_is_directory=True)
    found = [job.document for job in documents.find_documents([str(root)])]
    assert found == [str(root / "a.txt")]


def test_a_symlinked_file_in_a_directory_is_skipped_but_a_named_one_is_read(
        tmp_path: Path, capsys) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("It took 12 boats.", encoding="utf-8")
    root = tmp_path / "c"
    root.mkdir()
    (root / "link.txt").symlink_to(outside)
    (root / "real.txt").write_text("It took 7 boats.", encoding="utf-8")
    assert main(["extract", str(root), "--format", "jsonl"]) == 2
    captured = capsys.readouterr()
    assert [json.loads(line)["text"] for line in captured.out.splitlines()] == ["7"]
    assert captured.err.startswith("claimset: error: CS111 ")
    assert main(["extract", str(root / "link.txt"), "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "12"
