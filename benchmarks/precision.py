"""False positives of the extractor: numbers it reads where a careful reader sees none.

    python benchmarks/precision.py [--show]

Two sets, both in this repository:

* the seeds: every candidate the dataset excludes as "not a quantity" is a false
  positive (the other exclusion reasons - year, date, ordinal, identifier, name or
  title, rhetorical, quoted speech - are numbers, correctly read, that are not
  claims); so is any candidate that is neither a claim nor an exclusion;
* FIGURE_FREE below: sentences with no figure at all (the impersonal "one", "one
  of", names with numbers, number words inside other words, vague words that are
  not counts).  A candidate of a quantity kind (count, money, percent, ratio,
  duration, rate) there is a false positive; a name read as an identifier is not.

The target is zero on both.  The number printed is the count of false positives.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import claimset  # noqa: E402
from claimset.grammar.extract import extract  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
import record  # noqa: E402

QUANTITY_KINDS = frozenset({"count", "money", "percent", "ratio", "duration", "rate"})

FIGURE_FREE = [
    # the impersonal and pronoun "one"
    "One cannot know what the generals intended.",
    "One may count the cost of the war in many ways.",
    "One should not assume that the occupation will end soon.",
    "It is one of the reasons the coalition failed.",
    "He was one of the most senior officials in Baghdad.",
    "One of them asked whether the figures were reliable.",
    "No one knows how many people have died.",
    "Anyone who visited Basra saw the damage.",
    "Someone must take responsibility for the failure.",
    "The ministers blamed one another for the collapse.",
    "That was the one thing the planners forgot.",
    "She was the only one who understood the tribes.",
    "One's view of the surge depends on one's politics.",
    "It was a one-sided debate.",
    "The tribunal was a one-off.",
    "The same one appeared again.",
    "Which one of the plans was adopted?",
    "One by one, the provinces were handed over.",
    # names and titles with numbers in them
    "He flew home on Air Force One.",
    "The race was broadcast on Channel Four.",
    "She follows Formula One closely.",
    "The Gang of Four was put on trial.",
    "They watched Ocean's Eleven on the plane.",
    "The Big Three met at Yalta.",
    "He wrote a history of World War One.",
    # number words inside other words, and words that only look like numbers
    "Nonetheless, the fighting continued.",
    "The tone of the report was often cautious.",
    "Someone left the door of the embassy open.",
    "Everyone agreed that the plan was flawed.",
    "The weight of the evidence pointed elsewhere.",
    "They were often at odds with the ministry.",
    "It was a second-hand account of the meeting.",
    "The first-rate analysis was ignored.",
    "A tenth-century mosque was damaged.",
    # vague and comparative words that are not counts
    "Few people believed the official account.",
    "Many people fled the city.",
    "Most of the refugees went to Syria.",
    "Some officials resigned in protest.",
    "The couple fled to Jordan.",
    "Half-hearted reforms did not help.",
    "The dozen-odd rumours were never checked.",
    "They doubled down on the strategy.",
    "The price of oil was a major concern.",
    "The casualty figures were disputed.",
    "Numbers alone cannot tell the story.",
    "It was a matter of percentages, not principles.",
    "The dollar weakened against the euro.",
    "The pound fell after the announcement.",
    "Try to understand the tribal structure.",
    "He won the argument but lost the vote.",
    "It is a real problem for the government.",
    "The mark of a good plan is its flexibility.",
]


def seed_false_positives() -> list[tuple[str, object]]:
    dataset = claimset.load()
    found: list[tuple[str, object]] = []
    for source_id in dataset.sources:
        text = dataset.sources[source_id].text
        claimed = [(c.figure.start, c.figure.end) for c in dataset.claims_of(source_id)]
        excluded = {(e.start, e.end): e.reason for e in dataset.exclusions_of(source_id)}
        for candidate in extract(text):
            reason = excluded.get((candidate.start, candidate.end))
            covered = any(s < candidate.end and candidate.start < e for s, e in claimed)
            if reason == "not a quantity" or (reason is None and not covered):
                found.append((source_id, candidate))
    return found


def figure_free_false_positives() -> list[tuple[str, object]]:
    return [(sentence, candidate) for sentence in FIGURE_FREE for candidate in extract(sentence)
            if candidate.kind in QUANTITY_KINDS]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print every false positive")
    record.add_arguments(parser)
    args = parser.parse_args(argv)
    run = record.Run("precision", args, argv)
    seeds = seed_false_positives()
    free = figure_free_false_positives()
    print(f"seeds: {len(seeds)} false positive(s) ('not a quantity' exclusions and uncovered)")
    print(f"figure-free sentences: {len(free)} false positive(s) in {len(FIGURE_FREE)} "
          "sentences")
    if args.show:
        for where, candidate in [*seeds, *free]:
            print(f"  {where[:70]!r}: {candidate.text!r} ({candidate.kind})")  # type: ignore[attr-defined]
    run.figure("figure-free", "extractor false positives on figure-free sentences", len(free),
               unit="", digits=0, detail=f"of {len(FIGURE_FREE)} sentences", target="0",
               met=not free)
    run.figure("seeds", "'not a quantity' candidates and uncovered numbers in the seeds",
               len(seeds), unit="", digits=0, note="`--show` lists them")
    run.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
