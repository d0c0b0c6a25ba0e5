"""Re-anchoring claims on a corrected source text (claimset.contrib.reanchor and the command)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimset.check.api import validate
from claimset.cli import main
from claimset.contrib.reanchor import apply, figure_signature, reanchor
from prdata import (
    PARAGRAPH_COST,
    PARAGRAPH_POLL,
    PARAGRAPH_TROOPS,
    TEXT,
    fail_nth_rename,
    read_source,
    source_document,
    tree_digest,
    write_checkout,
)

DOCUMENT = source_document()


def kinds(old: str, new: str) -> dict[str, str]:
    return {item.target: item.kind for item in reanchor(old, new, DOCUMENT).placements}


def assert_cites(new_text: str, document: dict) -> None:
    for claim in document["claims"]:
        for key in ("quote", "figure"):
            span = claim[key]
            assert new_text[span["start"]:span["end"]] == span["text"], (claim["id"], key)
    for item in document["exclusions"]:
        assert new_text[item["start"]:item["end"]] == item["text"]


def test_unchanged_text_keeps_everything():
    result = reanchor(TEXT, TEXT, DOCUMENT)
    assert {item.kind for item in result.placements} == {"kept"}
    assert len(result.placements) == 5


def test_inserted_paragraph_shifts_every_claim_exactly():
    inserted = "An opening paragraph about the plan, added in the corrected edition.\n\n"
    new = inserted + TEXT
    result = reanchor(TEXT, new, DOCUMENT)
    assert {item.kind for item in result.placements} == {"exact"}
    for item in result.placements:
        assert item.new == (item.old[0] + len(inserted), item.old[1] + len(inserted))
    updated = apply(DOCUMENT, result, new)
    assert_cites(new, updated)
    assert updated["source"]["length"] == len(new)
    assert not any("review" in claim for claim in updated["claims"])


def test_deleted_paragraph_orphans_its_claim_and_does_not_move_it_onto_a_look_alike():
    look_alike = ("Critics said a force of some 150,000 soldiers could never maintain order "
                  "in the cities.")
    new = "\n\n".join([PARAGRAPH_COST, PARAGRAPH_POLL, look_alike]) + "\n"
    result = reanchor(TEXT, new, DOCUMENT)
    placed = {item.target: item for item in result.placements}
    assert placed["tiny/troops"].kind == "orphaned"
    assert placed["tiny/troops"].new is None and placed["tiny/troops"].figure is None
    assert placed["tiny/cost"].kind == placed["tiny/poll"].kind == "exact"


def test_look_alike_in_the_same_place_is_not_the_same_passage():
    new = TEXT.replace(PARAGRAPH_TROOPS, "Critics said a force of some 150,000 soldiers could "
                                         "never maintain order anywhere.")
    assert kinds(TEXT, new)["tiny/troops"] == "orphaned"


@pytest.mark.parametrize("edited", ["16%", "62%", "61.5%", "six percent"])
def test_edited_number_orphans_its_claim(edited):
    assert kinds(TEXT, TEXT.replace("61%", edited))["tiny/poll"] == "orphaned"


def test_edited_number_is_not_moved_to_the_same_figure_elsewhere():
    new = TEXT.replace("61%", "16%") + "\nIn another survey 61% said nothing at all.\n"
    assert kinds(TEXT, new)["tiny/poll"] == "orphaned"


def test_corrected_typo_is_a_fuzzy_placement_marked_for_review():
    new = TEXT.replace("wanted the troops home", "wanted the troops back home")
    result = reanchor(TEXT, new, DOCUMENT)
    [poll] = [item for item in result.placements if item.target == "tiny/poll"]
    assert poll.kind == "fuzzy" and 0.85 <= poll.score < 1 and poll.label.startswith("fuzzy(0.")
    updated = apply(DOCUMENT, result, new)
    claim = updated["claims"][2]
    assert claim["quote"]["text"] == ("By the third year, 61% of those asked wanted the troops "
                                      "back home.")
    assert claim["figure"]["text"] == "61%"
    assert claim["review"].startswith("reanchor: placed by fuzzy match")
    assert_cites(new, updated)


def test_context_breaks_ties_between_exact_occurrences():
    # The poll paragraph now appears twice; only the second keeps its old neighbours.
    new = "\n\n".join([PARAGRAPH_TROOPS, PARAGRAPH_POLL, PARAGRAPH_COST, PARAGRAPH_POLL]) + "\n"
    result = reanchor(TEXT, new, DOCUMENT)
    [poll] = [item for item in result.placements if item.target == "tiny/poll"]
    assert poll.kind == "exact"
    assert poll.new[0] == new.rindex(PARAGRAPH_POLL)


def test_indistinguishable_occurrences_orphan_rather_than_guess():
    filler = "Unrelated words fill this paragraph so that both copies look exactly alike."
    new = "\n\n".join([filler, PARAGRAPH_POLL, filler, PARAGRAPH_POLL, filler]) + "\n"
    placed = {item.target: item for item in reanchor(TEXT, new, DOCUMENT).placements}
    assert placed["tiny/poll"].kind == "orphaned"
    assert "occurs 2 times" in placed["tiny/poll"].why


def test_short_exclusion_needs_its_context():
    # "2003" now occurs only in a new sentence: the old one is gone.
    new = TEXT.replace("by the end of 2003", "by the end of the year") + \
        "\nA different report appeared in 2003.\n"
    placed = {item.target: item for item in reanchor(TEXT, new, DOCUMENT).placements}
    assert placed["exclusion '2003'"].kind == "orphaned"


def test_figure_signature():
    assert figure_signature("61%") == ("61", ())
    assert figure_signature("$20 billion") == ("20", ("billion",))
    assert figure_signature("nearly two dozen") == ("", ("two", "dozen"))
    assert figure_signature("61%") != figure_signature("16%")


def test_long_text_is_handled():
    filler = "Nothing numeric happens in this sentence at all. " * 4000
    new = filler + "\n" + TEXT
    assert set(kinds(TEXT, new).values()) == {"exact"}


_ALPHABET = st.text(alphabet="abcdefgh ,.\n", min_size=1, max_size=40)
_SPANS = [(c["quote"]["start"], c["quote"]["end"]) for c in DOCUMENT["claims"]]
_SPANS += [(e["start"], e["end"]) for e in DOCUMENT["exclusions"]]
_GAPS = [offset for offset in range(len(TEXT) + 1)
         if not any(start < offset < end for start, end in _SPANS)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_GAPS), _ALPHABET), min_size=1, max_size=6))
def test_random_insertions_outside_quotes_keep_every_claim_exact(insertions):
    new, shifts = TEXT, []
    for offset, inserted in sorted(insertions, reverse=True):
        new = new[:offset] + inserted + new[offset:]
        shifts.append((offset, len(inserted)))
    result = reanchor(TEXT, new, DOCUMENT)
    for item in result.placements:
        if not item.is_claim:
            continue
        shift = sum(length for offset, length in shifts if offset <= item.old[0])
        assert item.kind == ("kept" if shift == 0 else "exact"), item
        assert item.new == (item.old[0] + shift, item.old[1] + shift)
    updated = apply(DOCUMENT, result, new)
    for claim in updated["claims"]:
        assert new[claim["figure"]["start"]:claim["figure"]["end"]] == claim["figure"]["text"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["61%", "150,000", "$20 billion"]),
       st.sampled_from(["16%", "15,000", "$2 billion", "$20 million", "160,000", "71%"]))
def test_a_changed_figure_never_moves(old_figure, replacement):
    new = TEXT.replace(old_figure, replacement)
    claim = {"61%": "tiny/poll", "150,000": "tiny/troops", "$20 billion": "tiny/cost"}
    if new == TEXT:
        return
    assert kinds(TEXT, new)[claim[old_figure]] == "orphaned"


# -- the command -------------------------------------------------------------------------


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    return write_checkout(tmp_path / "repo")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["reanchor", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def new_file(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "corrected.txt"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_report_without_write_changes_nothing(checkout, tmp_path, capsys):
    before = tree_digest(checkout)
    path = new_file(tmp_path, "An opening paragraph.\n\n" + TEXT)
    code, out, _ = run(capsys, "tiny", str(path), str(checkout))
    assert code == 0
    assert "exact" in out and "tiny/troops" in out and "0 kept, 5 exact" in out
    assert "--write" in out
    assert tree_digest(checkout) == before


def test_write_applies_and_the_result_validates(checkout, tmp_path, capsys):
    new = "An opening paragraph.\n\n" + TEXT.replace("troops home", "troops back home")
    code, out, _ = run(capsys, "tiny", str(new_file(tmp_path, new)), str(checkout), "--write")
    assert code == 0, out
    assert "1 claim(s) marked for review" in out
    assert (checkout / "seeds" / "tiny.txt").read_text("utf-8") == new
    report = validate(checkout)
    assert report.ok, report.problems
    assert report.codes() == {"CS212"}


def test_write_refuses_orphans_and_changes_nothing(checkout, tmp_path, capsys):
    before = tree_digest(checkout)
    path = new_file(tmp_path, TEXT.replace("61%", "16%"))
    code, out, err = run(capsys, "tiny", str(path), str(checkout), "--write")
    assert code == 1 and "orphaned" in out and "refusing to write" in err
    assert tree_digest(checkout) == before
    code, out, _ = run(capsys, "tiny", str(path), str(checkout))
    assert code == 1 and "1 orphaned" in out


def test_allow_orphans_writes_and_validation_then_fails_on_them(checkout, tmp_path, capsys):
    path = new_file(tmp_path, TEXT.replace("61%", "16%"))
    code, _, _ = run(capsys, "tiny", str(path), str(checkout), "--write", "--allow-orphans")
    assert code == 0
    claim = read_source(checkout)["claims"][2]
    assert claim["review"].startswith("reanchor: orphaned")
    report = validate(checkout)
    assert not report.ok and "CS201" in report.codes()


@pytest.mark.parametrize(("content", "words"), [
    (b"caf\xe9 61%\n", "not UTF-8"),
    (b"\xef\xbb\xbf" + TEXT.encode(), "byte order mark"),
    (TEXT.replace("\n", "\r\n").encode(), "line endings"),
    (b"61%\x00\n", "NUL"),
])
def test_bad_new_files_are_one_line_errors(checkout, tmp_path, capsys, content, words):
    before = tree_digest(checkout)
    code, out, err = run(capsys, "tiny", str(new_file(tmp_path, content)), str(checkout),
                         "--write")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err
    assert tree_digest(checkout) == before


def test_unknown_source_and_missing_file(checkout, tmp_path, capsys):
    code, _, err = run(capsys, "nope", str(new_file(tmp_path, TEXT)), str(checkout))
    assert code == 2 and "no source 'nope'" in err and "tiny" in err
    code, _, err = run(capsys, "tiny", str(tmp_path / "absent.txt"), str(checkout))
    assert code == 2 and "no such file" in err


def test_seed_already_overwritten_is_refused(checkout, tmp_path, capsys):
    (checkout / "seeds" / "tiny.txt").write_text("changed\n", "utf-8")
    before = tree_digest(checkout)
    corrected = new_file(tmp_path, "An opening paragraph.\n\n" + TEXT)
    code, _, err = run(capsys, "tiny", str(corrected), str(checkout), "--write")
    assert code == 2 and "git checkout" in err
    assert tree_digest(checkout) == before


def test_a_write_interrupted_between_document_and_seed_is_finished_by_a_rerun(
        checkout, tmp_path, capsys, monkeypatch):
    import claimset
    from claimset.store import atomic

    corrected = new_file(tmp_path, "An opening paragraph.\n\n" + TEXT)
    fail_nth_rename(monkeypatch, 2, KeyboardInterrupt())  # dies after the document's rename
    monkeypatch.setattr(atomic, "_undo", lambda replaced: None)  # a dead process undoes nothing
    with pytest.raises(KeyboardInterrupt):
        claimset.reanchor("tiny", corrected, checkout=checkout, write=True)
    monkeypatch.undo()
    assert not validate(checkout).ok  # the document pins a text the seed is not yet
    code, out, _ = run(capsys, "tiny", str(corrected), str(checkout))
    assert code == 1 and "interrupted" in out
    code, out, _ = run(capsys, "tiny", str(corrected), str(checkout), "--write")
    assert code == 0 and "finished an interrupted" in out
    assert validate(checkout).ok


def test_a_failed_second_rename_puts_the_document_back(checkout, tmp_path, monkeypatch):
    import claimset

    before = tree_digest(checkout)
    corrected = new_file(tmp_path, "An opening paragraph.\n\n" + TEXT)
    fail_nth_rename(monkeypatch, 2, OSError(28, "No space left on device"))
    with pytest.raises(claimset.InputError, match="No space") as caught:
        claimset.reanchor("tiny", corrected, checkout=checkout, write=True)
    assert caught.value.code == "CS109"
    monkeypatch.undo()
    assert tree_digest(checkout) == before  # all or nothing: the document's rename undone
    assert not list(checkout.rglob(".*.tmp"))
    assert validate(checkout).ok



# -- re-anchoring reads the number words the grammar reads (issue 23) --------------------------


def _lexicon_words() -> set[str]:
    """Every single word of the grammar's lexicon tables that could be a number word."""
    from claimset.grammar import _lexicon as lex

    tables = (lex.UNITS, lex.TEENS, lex.TENS, lex.SCALES, lex.PLURAL_SCALES, lex.DOZENS,
              lex.VAGUE_PLURALS, lex.ORDINAL_UNITS, lex.ORDINAL_TEENS, lex.ORDINAL_TENS,
              lex.ORDINAL_SCALES, lex.HALVES, lex.MULTIPLIER_WORDS)
    words = {word for table in tables for word in table}
    words |= {word for phrase in lex.VAGUE_COUNTS for word in phrase.split()}
    words |= {word + "s" for table in (lex.ORDINAL_UNITS, lex.ORDINAL_TEENS, lex.ORDINAL_TENS,
                                       lex.ORDINAL_SCALES) for word in table}
    words |= {"hundred", "tens"}
    return {word for word in words if " " not in word}


#: Phrases in which the grammar reads a word as (part of) a number.
_CONTEXTS = ("{w}", "prices {w} last year", "two {w}", "a {w}", "{w} of them", "a {w} people",
             "one and a {w}")


def test_every_word_the_grammar_reads_as_a_number_is_a_figure_word():
    """The behaviour, not the table: a word of the lexicon that the grammar reads inside a
    number in some phrase must count in a figure's signature, or a claim on it could be
    moved onto a figure with another word ("tripled" onto "quadrupled")."""
    from claimset.grammar.numbers import NUMBER_WORDS, find_numbers

    read = set()
    for word in sorted(_lexicon_words()):
        for context in _CONTEXTS:
            phrase = context.format(w=word)
            start = phrase.index(word)
            if any(number.start <= start and start + len(word) <= number.end
                   for number in find_numbers(phrase)):
                read.add(word)
                break
    assert len(read) > 150  # the oracle finds the lexicon's number words
    assert read <= NUMBER_WORDS, sorted(read - NUMBER_WORDS)
    for word in read:
        assert figure_signature(f"nearly {word.capitalize()}")[1] == (word,), word


def test_the_words_the_old_copy_lacked_are_figure_words():
    for word in ("tripled", "quadrupled", "halved", "tenfold", "thirds", "several", "few",
                 "couple", "tens", "trillions"):
        assert figure_signature(word) == ("", (word,)), word


def test_a_claim_on_tripled_is_orphaned_on_a_text_that_says_quadrupled():
    old = ("Officials said the cost of the programme tripled between 2001 and 2004, "
           "according to the audit office's annual report.\n")
    new = old.replace("tripled", "quadrupled")
    quote = "the cost of the programme tripled between 2001 and 2004"
    start = old.index(quote)
    figure = old.index("tripled")
    document = {"claims": [{"id": "x/cost", "quote": {"start": start, "end": start + len(quote),
                                                      "text": quote},
                            "figure": {"start": figure, "end": figure + len("tripled"),
                                       "text": "tripled"}}],
                "exclusions": []}
    [placement] = reanchor(old, new, document).placements
    assert placement.kind == "orphaned", placement
    same = old.replace("the audit office's", "the national audit office's")
    [placement] = reanchor(old, same, document).placements
    assert placement.kind in ("kept", "exact")
