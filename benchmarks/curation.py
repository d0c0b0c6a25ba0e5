"""The curation assistant against the curated dataset: decisions, claim recall, drafts, speed.

    python benchmarks/curation.py [CHECKOUT] [--rounds 5] [--show] [--no-save]

For each source of the checkout (default: this repository), its curated claims and
exclusions are taken out (a copy; nothing is changed), and ``claimset suggest SOURCE
--triage`` (:func:`claimset.contrib.triage.triage_source`) runs on it: every number is
decided again and every claim's judgement fields drafted.  Then, against the curation:

* **decisions**: each curated record's number made the same claim, or the same exclusion
  with the same reason; **claim recall**: the curated claims triaged as claims.  Retracted
  claims are left out (their numbers carry no current decision).
* **judgement fields** of the curated claims the triage made claims, each ``right``,
  ``wrong`` or ``empty`` (left blank for the person):

  - ``quote``, ``unit``, ``period``, ``place``, ``stance``: equal to the curation;
  - ``attribution``: equal, or naming no word the curated one lacks ("Iraq Study Group"
    for "Iraq Study Group (Baker-Hamilton) report");
  - ``measure`` (free prose): its content words all in the curated measure's (it says
    less than the curator's, and nothing else);
  - ``tags``: every drafted tag one the curator chose;
  - the ``id`` is reported apart: any unique name is a valid id.

  A blank draft is ``empty`` even where the curation is null: it proposed nothing.
* **speed**: the whole loop for one source (read the dataset, extract, find the uncovered
  numbers, decide, draft, canonical JSON), CPU and wall time, median of ``--rounds``
  alternating rounds, against extracting the same text (the floor any triage pays).

Tags are chosen among the tags of the *other* sources, as for a new source.  Targets
(issue 25): decisions >= 95% with claim recall 100%; judgement fields right >= 60% of the
curated fields with wrong <= 5%; under 2 s per source.  The figures go to
``benchmarks/results/curation.json`` (``benchmarks/record.py``); docs/curation.md and the
README render their tables from it (``python benchmarks/figures.py``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import record  # noqa: E402
from claimset.contrib.drafts import BLANK  # noqa: E402
from claimset.contrib.triage import Triage, dataset_tags, triage_source  # noqa: E402
from claimset.contrib.wording import content_words  # noqa: E402
from claimset.grammar.extract import extract  # noqa: E402
from claimset.grammar.sentences import is_whole_sentences  # noqa: E402
from claimset.store.canonical import canonical_text  # noqa: E402
from claimset.store.layout import read_dataset  # noqa: E402

#: The fields the grammar reads from the figure's words (the checker proves them).
MECHANICAL = ("figure", "value", "qualifier", "lower", "upper")
#: The judgement fields scored together (the id is reported apart).
FIELDS = ("quote", "unit", "measure", "period", "place", "attribution", "stance", "tags")
TARGETS = {"decisions": 0.95, "recall": 1.0, "right": 0.60, "wrong": 0.05, "seconds": 2.0}


def _words(value: str) -> set[str]:
    return set(content_words(value))


#: What a whole-sentence quote may leave off its end (the checker's rule): a full stop and
#: closing marks.
OMISSIBLE_END = ".\"'”’)]*_» \t"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in OMISSIBLE_END:
        end -= 1
    return start, end


def score_field(field: str, drafted: Any, curated: Any, *, text: str = "",
                claim: dict[str, Any] | None = None) -> str:
    """``right``, ``wrong`` or ``empty`` for one drafted field against the curation."""
    if drafted is BLANK:
        return "empty"
    if field == "quote":
        span = _trimmed(text, drafted[0], drafted[1])
        if span == _trimmed(text, curated["start"], curated["end"]):
            return "right"
        # A curator's declared excerpt, drafted as the sentence(s) it was cut from.
        if claim is not None and claim.get("excerpt") and \
                drafted[0] <= curated["start"] and curated["end"] <= drafted[1] and \
                is_whole_sentences(text, drafted[0], drafted[1]):
            return "right"
        return "wrong"
    if field == "measure":
        return "right" if _words(drafted) <= _words(curated) else "wrong"
    if field == "attribution":
        if drafted == curated:
            return "right"
        if drafted is None or curated is None:
            return "wrong"
        words = _words(drafted)
        return "right" if words and words <= _words(curated) else "wrong"
    if field == "tags":
        return "right" if drafted and set(drafted) <= set(curated) else "wrong"
    return "right" if drafted == curated else "wrong"


def _without_records(root: Path, source_id: str, target: Path) -> Path:
    """A copy of the checkout at ``root`` whose ``source_id`` has no claims or exclusions."""
    shutil.copytree(root / "dataset", target / "dataset")
    shutil.copytree(root / "seeds", target / "seeds")
    path = target / "dataset" / f"{source_id}.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["claims"], document["exclusions"] = [], []
    path.write_text(canonical_text(document, kind="source"), encoding="utf-8")
    return target


def compare(document: dict[str, Any], result: Triage, text: str) -> dict[str, Any]:
    """The scores of one source's triage against its curated document."""
    decided = {(d.start, d.end): d for d in result.decisions}
    drafts = {(d.record["figure"]["start"], d.record["figure"]["end"]): d
              for d in result.drafts}
    decisions = right_decisions = claims = recalled = 0
    mechanical = {"right": 0, "wrong": 0}
    misses: list[dict[str, Any]] = []
    fields: dict[str, dict[str, int]] = {f: {"right": 0, "wrong": 0, "empty": 0}
                                         for f in (*FIELDS, "id")}
    wrong: list[dict[str, Any]] = []
    for item in document["exclusions"]:
        decisions += 1
        decision = decided.get((item["start"], item["end"]))
        got = decision.reason if decision else "(not found)"
        if got == item["reason"]:
            right_decisions += 1
        else:
            misses.append({"text": item["text"], "start": item["start"],
                           "curated": item["reason"], "triage": got or "claim"})
    for claim in document["claims"]:
        if claim.get("retracted"):
            continue
        decisions += 1
        claims += 1
        span = (claim["figure"]["start"], claim["figure"]["end"])
        decision = decided.get(span)
        if decision is None or not decision.is_claim:
            misses.append({"text": claim["figure"]["text"], "start": span[0],
                           "curated": "claim", "triage": decision.reason if decision
                           else "(not found)"})
            continue
        right_decisions += 1
        recalled += 1
        draft = drafts[span]
        for field in MECHANICAL:
            mechanical["right" if draft.record[field] == claim.get(field) else "wrong"] += 1
        for field in (*FIELDS, "id"):
            drafted = draft.judgement[field]
            if field == "id":
                outcome = "right" if drafted == claim["id"] else "wrong"
            else:
                outcome = score_field(field, drafted, claim[field], text=text, claim=claim)
            fields[field][outcome] += 1
            if outcome == "wrong" and field != "id":
                wrong.append({"claim": claim["id"], "field": field,
                              "drafted": list(drafted) if isinstance(drafted, tuple)
                              else drafted,
                              "curated": claim[field] if field != "quote" else
                              [claim["quote"]["start"], claim["quote"]["end"]]})
    return {"decisions": decisions, "right_decisions": right_decisions, "claims": claims,
            "recalled": recalled, "fields": fields, "mechanical": mechanical,
            "exclusions": len(document["exclusions"]), "misses": misses, "wrong": wrong}


def _timed(function: Any) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    function()
    return time.process_time() - cpu, time.perf_counter() - wall


def run_sources(root: Path, *, rounds: int) -> dict[str, Any]:
    raw = read_dataset(root)
    documents = {entry.data["source"]["id"]: entry.data for entry in raw.entries}
    sources: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="claimset-curation-") as scratch:
        for source_id, document in documents.items():
            others = read_dataset(root)
            tags = [tag for tag in dataset_tags(others) if not any(
                tag in claim.get("tags", ()) for claim in document["claims"]) or any(
                tag in claim.get("tags", ()) for other_id, other in documents.items()
                if other_id != source_id for claim in other["claims"])]
            copy = _without_records(root, source_id, Path(scratch) / source_id)
            text = (root / document["source"]["path"]).read_text(encoding="utf-8")
            result = triage_source(copy, source_id, tags=tags)
            loop: list[tuple[float, float]] = []
            floor: list[tuple[float, float]] = []
            for _ in range(rounds):  # alternating: the loop, then the floor
                loop.append(_timed(lambda copy=copy, source_id=source_id, tags=tags: (
                    canonical_text(
                        {**documents[source_id],
                         **triage_source(copy, source_id, tags=tags).document()},
                        kind="source"))))
                floor.append(_timed(lambda text=text: extract(text)))
            scores = compare(document, result, text)
            scores["cpu_rounds"] = [cpu for cpu, _ in loop]
            scores["wall_rounds"] = [wall for _, wall in loop]
            scores["floor_rounds"] = [max(cpu, 1e-6) for cpu, _ in floor]
            scores["cpu_seconds"] = statistics.median(scores["cpu_rounds"])
            scores["wall_seconds"] = statistics.median(scores["wall_rounds"])
            scores["floor_cpu_seconds"] = statistics.median(scores["floor_rounds"])
            sources[source_id] = scores
    return sources


def command_loop(root: Path, source_id: str, *, rounds: int) -> dict[str, list[float]]:
    """The loop as a contributor runs it, for one source: ``claimset suggest SOURCE
    --triage --write`` then ``claimset validate``, each a fresh process (start-up, the
    grammar and the whole dataset's check included), on a copy whose source has no
    records, restored before each round; alternating with ``claimset --version`` (the
    start-up alone).  ``validate`` must pass: the written drafts are warnings only."""
    env = record.environment()
    loop_cpu: list[float] = []
    loop_wall: list[float] = []
    startup: list[float] = []
    with tempfile.TemporaryDirectory(prefix="claimset-curation-cli-") as scratch:
        copy = _without_records(root, source_id, Path(scratch) / "checkout")
        path = copy / "dataset" / f"{source_id}.json"
        emptied = path.read_bytes()
        for _ in range(rounds):
            path.write_bytes(emptied)
            suggest = record.child(["-m", "claimset", "suggest", "--triage", "--write",
                                    source_id, str(copy)], env)
            check = record.child(["-m", "claimset", "validate", str(copy)], env)
            loop_cpu.append(suggest[0] + check[0])
            loop_wall.append(suggest[1] + check[1])
            startup.append(max(record.child(["-m", "claimset", "--version"], env)[0], 1e-6))
    return {"cpu": loop_cpu, "wall": loop_wall, "startup": startup}


#: A number-dense paragraph: every sentence a claim, a window that dates it, a place and
#: a reporting frame, so every rule and every draft does its work on each repetition.
DENSE = "Over the last five months, 40 people died in Basra, the ministry said. "


def scaling(*, rounds: int, small: int = 250, factor: int = 4) -> list[float]:
    """How triage's time grows with a text's figures: the CPU time of a text ``factor``
    times longer over that of the shorter one, alternating rounds (``factor`` is linear)."""
    from claimset.contrib.drafts import Context
    from claimset.contrib.periods import reference_of
    from claimset.contrib.triage import triage

    def once(repeats: int) -> float:
        text = DENSE * repeats
        candidates = extract(text)
        context = Context(source_id="dense", text=text, candidates=candidates,
                          reference=reference_of("2008-01-30"))
        return _timed(lambda: triage(context, candidates))[0]

    ratios = []
    for _ in range(rounds):
        shorter = once(small)
        ratios.append(once(small * factor) / max(shorter, 1e-6))
    return ratios


def totals(sources: dict[str, Any]) -> dict[str, Any]:
    decisions = sum(s["decisions"] for s in sources.values())
    right = sum(s["right_decisions"] for s in sources.values())
    claims = sum(s["claims"] for s in sources.values())
    recalled = sum(s["recalled"] for s in sources.values())
    fields = {field: {outcome: sum(s["fields"][field][outcome] for s in sources.values())
                      for outcome in ("right", "wrong", "empty")} for field in (*FIELDS, "id")}
    curated = sum(sum(fields[field].values()) for field in FIELDS)
    judged = {outcome: sum(fields[field][outcome] for field in FIELDS)
              for outcome in ("right", "wrong", "empty")}
    # Every field of every curated record, as the baseline counts them (36.7%
    # before the assistant): a claim's figure, value, qualifier and bounds, its judgement
    # fields and id, an exclusion's reason; a claim not triaged as one has none right.
    every = claims * (len(MECHANICAL) + len(FIELDS) + 1) + sum(
        s["exclusions"] for s in sources.values())
    every_right = (sum(s["mechanical"]["right"] for s in sources.values())
                   + sum(fields[field]["right"] for field in (*FIELDS, "id"))
                   + right - recalled)
    slowest = max(s["wall_seconds"] for s in sources.values())
    slowest_cpu = max(s["cpu_seconds"] for s in sources.values())
    return {
        "decisions": decisions, "right_decisions": right,
        "decision_share": right / decisions if decisions else None,
        "claims": claims, "recalled": recalled,
        "recall": recalled / claims if claims else None,
        "fields": fields, "curated_fields": curated, "judged": judged,
        "right_share": judged["right"] / curated if curated else None,
        "wrong_share": judged["wrong"] / curated if curated else None,
        "empty_share": judged["empty"] / curated if curated else None,
        "slowest_source_wall_seconds": slowest, "slowest_source_cpu_seconds": slowest_cpu,
        "every_field": every, "every_field_right": every_right,
    }


def report(sources: dict[str, Any], total: dict[str, Any], *, show: bool) -> str:
    lines = [f"{'source':<22} {'decisions':>10} {'recall':>8} {'cpu s':>7} {'wall s':>7} "
             f"{'x extract':>9}"]
    for source_id, s in sources.items():
        ratio = s["cpu_seconds"] / s["floor_cpu_seconds"] if s["floor_cpu_seconds"] else 0
        lines.append(f"{source_id:<22} {s['right_decisions']:>4}/{s['decisions']:<5} "
                     f"{s['recalled']:>3}/{s['claims']:<4} {s['cpu_seconds']:>7.3f} "
                     f"{s['wall_seconds']:>7.3f} {ratio:>8.1f}x")
    lines.append(f"decisions {total['right_decisions']}/{total['decisions']} = "
                 f"{100 * total['decision_share']:.1f}% (target >= 95%); claim recall "
                 f"{total['recalled']}/{total['claims']} = {100 * total['recall']:.1f}% "
                 "(target 100%)")
    lines.append(f"{'field':<12} {'right':>6} {'wrong':>6} {'empty':>6}")
    for field in (*FIELDS, "id"):
        counts = total["fields"][field]
        lines.append(f"{field:<12} {counts['right']:>6} {counts['wrong']:>6} "
                     f"{counts['empty']:>6}" + ("   (not in the total: any unique name is "
                                                "a valid id)" if field == "id" else ""))
    judged = total["judged"]
    lines.append(f"judgement fields: right {judged['right']}/{total['curated_fields']} = "
                 f"{100 * total['right_share']:.1f}% (target >= 60%), wrong "
                 f"{judged['wrong']} = {100 * total['wrong_share']:.1f}% (target <= 5%), "
                 f"empty {judged['empty']} = {100 * total['empty_share']:.1f}%")
    lines.append(f"every field of the curated records: right {total['every_field_right']}/"
                 f"{total['every_field']} = "
                 f"{_share(total['every_field_right'], total['every_field']):.1f}%")
    lines.append(f"slowest source: {total['slowest_source_wall_seconds']:.3f} s wall, "
                 f"{total['slowest_source_cpu_seconds']:.3f} s CPU (target < 2 s)")
    if show:
        for source_id, s in sources.items():
            for miss in s["misses"]:
                lines.append(f"  decision {source_id}@{miss['start']} {miss['text']!r}: "
                             f"curated {miss['curated']}, triage {miss['triage']}")
            for item in s["wrong"]:
                lines.append(f"  wrong {item['claim']} {item['field']}: drafted "
                             f"{item['drafted']!r}, curated {item['curated']!r}")
    return "\n".join(lines)


def _share(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def save(run: record.Run, sources: dict[str, Any], total: dict[str, Any], *,
         root: Path | None = None) -> None:
    """The figures, as ``benchmarks/record.py`` keeps them."""
    run.figure("decisions", "curated decisions made again (claim, or the same exclusion reason)",
               _share(total["right_decisions"], total["decisions"]), unit="%", digits=1,
               detail=f"{total['right_decisions']}/{total['decisions']}", target="≥ 95%",
               met=total["decision_share"] >= TARGETS["decisions"])
    run.figure("recall", "curated claims triaged as claims",
               _share(total["recalled"], total["claims"]), unit="%", digits=1,
               detail=f"{total['recalled']}/{total['claims']}", target="100%",
               met=total["recall"] == 1.0)
    judged, curated = total["judged"], total["curated_fields"]
    run.figure("right", "judgement fields drafted right, of the curated claims' fields",
               _share(judged["right"], curated), unit="%", digits=1,
               detail=f"{judged['right']}/{curated}", target="≥ 60%",
               met=total["right_share"] >= TARGETS["right"])
    run.figure("wrong", "judgement fields drafted wrong", _share(judged["wrong"], curated),
               unit="%", digits=1, detail=f"{judged['wrong']}/{curated}", target="≤ 5%",
               met=total["wrong_share"] <= TARGETS["wrong"])
    run.figure("empty", "judgement fields left blank for the person",
               _share(judged["empty"], curated), unit="%", digits=1,
               detail=f"{judged['empty']}/{curated}")
    run.figure("every-field", "every field of the curated records right (figure, value, "
               "qualifier, bounds, judgement fields and id of each claim; each exclusion's "
               "reason), as the issue's baseline of 36.7% counts them",
               _share(total["every_field_right"], total["every_field"]), unit="%", digits=1,
               detail=f"{total['every_field_right']}/{total['every_field']}")
    for field in (*FIELDS, "id"):
        counts = total["fields"][field]
        whole = sum(counts.values())
        run.figure(f"field-{field}", f"`{field}` right" + (" (not in the total)"
                                                           if field == "id" else ""),
                   _share(counts["right"], whole), unit="%", digits=1,
                   detail=f"right {counts['right']}, wrong {counts['wrong']}, empty "
                          f"{counts['empty']} of {whole}")
    slowest = max(sources, key=lambda name: sources[name]["cpu_seconds"])
    scores = sources[slowest]
    run.figure("seconds", f"the whole loop for one source (the slowest, {slowest}: read, "
               "extract, decide, draft, canonical JSON)", scores["cpu_rounds"], unit="s",
               digits=3, cpu=True, wall=scores["wall_rounds"], target="< 2 s",
               met=max(scores["wall_rounds"]) < TARGETS["seconds"])
    run.figure("ratio", f"that loop against extracting the same text ({slowest})",
               [loop / floor for loop, floor in zip(scores["cpu_rounds"],
                                                    scores["floor_rounds"], strict=True)],
               unit="x", digits=1, cpu=True, baseline="the extractor alone on the text")
    loop = command_loop(ROOT if root is None else root, slowest, rounds=len(scores["cpu_rounds"]))
    run.figure("command-seconds", f"the loop from the command line ({slowest}): `claimset "
               "suggest --triage --write`, then `claimset validate` passing with the drafts "
               "flagged, each a fresh process", loop["cpu"], unit="s", digits=2, cpu=True,
               wall=loop["wall"], target="< 2 s", met=max(loop["wall"]) < TARGETS["seconds"])
    run.figure("command-ratio", "that loop against the command's start-up alone",
               [cpu / startup for cpu, startup in zip(loop["cpu"], loop["startup"],
                                                      strict=True)],
               unit="x", digits=1, cpu=True, baseline="`claimset --version`")
    run.figure("scaling", f"triage's CPU time on a number-dense text {4}x longer "
               f"({250 * 2 * 4:,} figures against {250 * 2:,})", scaling(rounds=3), unit="x",
               digits=2, cpu=True, target="≈ 4x (linear)",
               baseline="the same text 4x shorter")
    run.save()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkout", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--show", action="store_true",
                        help="list every decision missed and every wrong draft")
    record.add_arguments(parser)
    args = parser.parse_args()
    run = record.Run("curation", args)
    sources = run_sources(args.checkout, rounds=args.rounds)
    total = totals(sources)
    print(report(sources, total, show=args.show))
    save(run, sources, total, root=args.checkout)
    met = (total["decision_share"] >= TARGETS["decisions"] and total["recall"] == 1.0
           and total["right_share"] >= TARGETS["right"]
           and total["wrong_share"] <= TARGETS["wrong"]
           and total["slowest_source_wall_seconds"] < TARGETS["seconds"])
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
