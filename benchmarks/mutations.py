"""Corruption caught: apply one random corruption at a time and count what the checker catches.

``python benchmarks/mutations.py [PATH] [--per-kind N] [--seed S] [--no-coverage]``

PATH is a checkout (default: this repository's dataset/ and seeds/); it is read
into memory and never written: every mutated copy goes to a temporary
directory.  Each corruption is checked with the in-process checker
(``claimset.validate``) and compared with the unmutated copy's report, so a
dataset that is not fully valid yet still gives a fair count: a corruption is
*caught* when a new error appears, and caught *with the right code* when one of
the new errors has the code the catalogue expects.

Some corruptions cannot be caught by any citation check: a unit swapped for
another plausible unit ("troops" for "soldiers") leaves every quote, figure
and value true to the text.  Such kinds have no expected code; the table shows
them apart and they do not count towards the rate.  Kinds that a checker could
catch but claimset does not (yet), or catches under another code, name the gap.

The catalogue is importable (tests/test_mutations.py runs it on a small
synthetic dataset so that a regression fails CI).
"""

from __future__ import annotations

import argparse
import collections
import copy
import importlib.util
import json
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from claimset.store.canonical import canonical_text
from claimset.testing import Symlink, Tree, write_tree

ROOT = Path(__file__).resolve().parents[1]


@attrs.frozen
class Mutation:
    """One corrupted copy of a tree, and the codes that would name the corruption."""

    kind: str
    detail: str
    tree: Tree
    #: Any one of these codes names the corruption; empty: no citation check can see it.
    expected: frozenset[str]
    #: The expected code comes from the value check, which needs claimset.grammar.extract.
    needs_values: bool = False


Apply = Callable[[Tree, random.Random], Mutation | None]


@attrs.frozen
class Kind:
    name: str
    description: str
    apply: Apply
    #: False: no citation check can catch it (the corrupted data is still true to the text).
    catchable: bool = True
    #: A catchable corruption that claimset misses today, or names with another code.
    gap: str | None = None


# -- reading a tree --------------------------------------------------------------------


def read_tree(root: Path) -> Tree:
    """dataset/*.json and seeds/* of a checkout, as bytes."""
    tree: Tree = {}
    for folder in ("dataset", "seeds"):
        for path in sorted((root / folder).iterdir()):
            if path.is_file() and not path.name.startswith("."):
                tree[f"{folder}/{path.name}"] = path.read_bytes()
    return tree


def _source_files(tree: Tree) -> list[str]:
    return sorted(path for path in tree if path.startswith("dataset/") and path.endswith(".json")
                  and path != "dataset/index.json")


def _document(tree: Tree, path: str) -> dict[str, Any] | None:
    content = tree[path]
    if isinstance(content, Symlink):
        return None
    try:
        document = json.loads(content)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _text_of(tree: Tree, document: dict[str, Any]) -> str | None:
    content = tree.get(document.get("source", {}).get("path", ""))
    return None if content is None or isinstance(content, Symlink) else content.decode("utf-8")


def _claims(tree: Tree, keep: Callable[[dict[str, Any]], bool] = lambda claim: True,
            ) -> list[tuple[str, dict[str, Any], int]]:
    """(file, document, position) of every claim that ``keep`` accepts."""
    found = []
    for path in _source_files(tree):
        document = _document(tree, path)
        if document is None or not isinstance(document.get("claims"), list):
            continue
        for position, claim in enumerate(document["claims"]):
            if isinstance(claim, dict) and keep(claim):
                found.append((path, document, position))
    return found


def _pick_claim(tree: Tree, rng: random.Random,
                keep: Callable[[dict[str, Any]], bool] = lambda claim: True,
                ) -> tuple[str, dict[str, Any], int] | None:
    found = _claims(tree, keep)
    if not found:
        return None
    path, document, position = rng.choice(found)
    return path, copy.deepcopy(document), position


def _with(tree: Tree, **changes: bytes | Symlink) -> Tree:
    new = dict(tree)
    new.update(changes)
    return new


def _with_document(tree: Tree, path: str, document: dict[str, Any]) -> Tree:
    # Canonical form, so the only new problem is the corruption itself (no CS105).
    new = dict(tree)
    new[path] = canonical_text(document, kind="source").encode("utf-8")
    return new


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# -- spans -------------------------------------------------------------------------------

_SPAN_CODE = {"quote": "CS201", "figure": "CS202"}


def span_code(text: str, start: int, end: int, quoted: str, label: str) -> str | None:
    """The code the checker's rules give a span, or None when it still matches."""
    if start < 0 or end < 0:
        return "CS104"  # the schema's minimum
    if start >= end:
        return "CS204"
    if end > len(text):
        return "CS203"
    if text[start:end] == quoted:
        return None
    return _SPAN_CODE[label]


def _move_span(tree: Tree, rng: random.Random, *, kind: str, delta: Callable[[], int],
               both_ends: bool) -> Mutation | None:
    picked = _pick_claim(tree, rng)
    if picked is None:
        return None
    path, document, position = picked
    text = _text_of(tree, document)
    if text is None:
        return None
    claim = document["claims"][position]
    label = rng.choice(["quote", "figure"])
    span = claim[label]
    shift = delta()
    ends = ["start", "end"] if both_ends else [rng.choice(["start", "end"])]
    for end in ends:
        span[end] += shift
    code = span_code(text, span["start"], span["end"], span["text"], label)
    if code is None:
        return None  # the same words sit there too: nothing was corrupted
    if (code == _SPAN_CODE[label] and label == "figure"
            and text[span["start"]:span["end"]] == span["text"]):
        code = "CS205"
    return Mutation(kind, f"{claim['id']} {label}.{'/'.join(ends)} {shift:+d}",
                    _with_document(tree, path, document), frozenset({code}))


def _off_by_one(tree: Tree, rng: random.Random) -> Mutation | None:
    return _move_span(tree, rng, kind="offset-off-by-one", delta=lambda: rng.choice([-1, 1]),
                      both_ends=False)


def _moved(tree: Tree, rng: random.Random) -> Mutation | None:
    return _move_span(tree, rng, kind="offset-moved",
                      delta=lambda: rng.choice([-1, 1]) * rng.randint(2, 400), both_ends=True)


# Look-alikes first: the corruptions a person does not see in review.
_LOOKALIKES = {"'": "’", "’": "'", "-": "–", "–": "-", " ": "\u00a0", "\u00a0": " ",
               "—": "–", '"': "”", "”": '"', "“": '"', ",": ".", ".": ","}


def _changed_char(text: str, rng: random.Random) -> tuple[str, str]:
    """``text`` with one character replaced, inserted or deleted, and what was done."""
    position = rng.randrange(len(text))
    old = text[position]
    how = rng.choice(["lookalike", "replace", "replace", "insert", "delete", "nfd"])
    if how == "lookalike" and old in _LOOKALIKES:
        new = _LOOKALIKES[old]
    elif how == "insert":
        invisible = rng.choice(["\u200b", "\u200f", "\ufeff", "x", "𝟙"])
        return text[:position] + invisible + text[position:], f"insert {invisible!r} at {position}"
    elif how == "delete" and len(text) > 1:
        return text[:position] + text[position + 1:], f"delete {old!r} at {position}"
    elif how == "nfd" and old.isalpha():
        # A combining accent: NFC 'é' and NFD 'e\u0301' look the same and differ here.
        return (text[:position + 1] + "\u0301" + text[position + 1:],
                f"combining accent after {old!r} at {position}")
    else:
        pool = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,-$%"
        new = rng.choice([c for c in pool if c != old])
    return text[:position] + new + text[position + 1:], f"{old!r}->{new!r} at {position}"


def _span_char(label: str) -> Apply:
    def apply(tree: Tree, rng: random.Random) -> Mutation | None:
        picked = _pick_claim(tree, rng)
        if picked is None:
            return None
        path, document, position = picked
        claim = document["claims"][position]
        changed, detail = _changed_char(claim[label]["text"], rng)
        claim[label]["text"] = changed
        return Mutation(f"{label}-char", f"{claim['id']} {label}.text {detail}",
                        _with_document(tree, path, document), frozenset({_SPAN_CODE[label]}))
    return apply


# -- values, units, qualifiers, bounds ---------------------------------------------------


def _changed_digit(number: int | float, rng: random.Random) -> int | float:
    literal = repr(number)
    digits = [index for index, char in enumerate(literal) if char.isdigit()]
    index = rng.choice(digits)
    new = rng.choice([d for d in "123456789" if d != literal[index]])
    edited = literal[:index] + new + literal[index + 1:]
    changed = float(edited) if isinstance(number, float) else int(edited)
    return changed if changed != number else number + 1


def _value_digit(tree: Tree, rng: random.Random) -> Mutation | None:
    picked = _pick_claim(tree, rng, lambda c: _is_number(c.get("value"))
                         or (_is_number(c.get("lower")) and _is_number(c.get("upper"))))
    if picked is None:
        return None
    path, document, position = picked
    claim = document["claims"][position]
    if claim["qualifier"] == "range":
        name, code = rng.choice(["lower", "upper"]), "CS211"
    else:
        name, code = "value", "CS206"
    before = claim[name]
    claim[name] = _changed_digit(before, rng)
    return Mutation("value-digit", f"{claim['id']} {name} {before}->{claim[name]}",
                    _with_document(tree, path, document), frozenset({code}), needs_values=True)


#: Units that only a figure's own words can state ("$20 billion", "61%"): checked (CS215).
STATED_UNITS = ("USD", "EUR", "GBP", "percent")


def _units(tree: Tree) -> list[str]:
    return sorted({claim["unit"] for _, document, position in _claims(tree)
                   for claim in [document["claims"][position]] if claim.get("unit")})


def _stated(claim: dict[str, Any]) -> bool:
    return claim.get("unit") in STATED_UNITS


def _figure_states_unit(claim: dict[str, Any]) -> bool:
    """True when the figure's own words carry the unit ("$20 billion", "six months")."""
    if claim.get("unit") in STATED_UNITS:
        return True
    try:
        from claimset.grammar.extract import read_figure
    except ImportError:
        return False
    reading = read_figure(claim["figure"]["text"])
    return reading is not None and reading.unit is not None


def _unit_noun_swapped(tree: Tree, rng: random.Random) -> Mutation | None:
    """A counted noun for another ("troops" -> "refugees"): the curator's reading, unchecked."""
    def counted(claim: dict[str, Any]) -> bool:
        return bool(claim.get("unit")) and not _figure_states_unit(claim)

    nouns = sorted({claim["unit"] for _, document, position in _claims(tree, counted)
                    for claim in [document["claims"][position]]})
    picked = _pick_claim(tree, rng, counted)
    if picked is None or len(nouns) < 2:
        return None
    path, document, position = picked
    claim = document["claims"][position]
    before = claim["unit"]
    claim["unit"] = rng.choice([unit for unit in nouns if unit != before])
    return Mutation("unit-noun-swapped", f"{claim['id']} unit {before!r}->{claim['unit']!r}",
                    _with_document(tree, path, document), frozenset())


def _unit_stated_swapped(tree: Tree, rng: random.Random) -> Mutation | None:
    """A unit the figure states replaced, or a counted noun replaced by such a unit."""
    picked = _pick_claim(tree, rng, lambda c: c.get("unit") is not None)
    if picked is None:
        return None
    path, document, position = picked
    claim = document["claims"][position]
    before = claim["unit"]
    if _stated(claim):
        choices = [unit for unit in (*STATED_UNITS, *_units(tree)) if unit != before]
    else:
        choices = list(STATED_UNITS)
    claim["unit"] = rng.choice(choices)
    return Mutation("unit-stated-swapped", f"{claim['id']} unit {before!r}->{claim['unit']!r}",
                    _with_document(tree, path, document), frozenset({"CS215"}),
                    needs_values=True)


_HEDGES = ["exact", "approximately", "nearly", "at least", "more than", "at most", "up to",
           "less than"]


def _qualifier_range(tree: Tree, rng: random.Random) -> Mutation | None:
    """To or from 'range': the schema ties the qualifier to value/lower/upper."""
    picked = _pick_claim(tree, rng)
    if picked is None:
        return None
    path, document, position = picked
    claim = document["claims"][position]
    before = claim["qualifier"]
    if before == "range":
        claim["qualifier"] = rng.choice(_HEDGES)
        expected, needs_values = frozenset({"CS104"}), False  # value null needs 'range'
    else:
        claim["qualifier"] = "range"
        both = _is_number(claim.get("lower")) and _is_number(claim.get("upper"))
        expected, needs_values = (frozenset({"CS211"}), True) if both else (
            frozenset({"CS104"}), False)
    return Mutation("qualifier-range", f"{claim['id']} qualifier {before!r}->"
                                       f"{claim['qualifier']!r}",
                    _with_document(tree, path, document), expected, needs_values=needs_values)


def _qualifier_hedge(tree: Tree, rng: random.Random) -> Mutation | None:
    picked = _pick_claim(tree, rng, lambda c: c.get("qualifier") in _HEDGES)
    if picked is None:
        return None
    path, document, position = picked
    claim = document["claims"][position]
    before = claim["qualifier"]
    claim["qualifier"] = rng.choice([hedge for hedge in _HEDGES if hedge != before])
    # The words before the figure say the qualifier (CS214); a one-sided bound that no
    # longer fits the new qualifier is named too (CS213): either code is right.
    return Mutation("qualifier-hedge", f"{claim['id']} qualifier {before!r}->"
                                       f"{claim['qualifier']!r}",
                    _with_document(tree, path, document), frozenset({"CS214", "CS213"}),
                    needs_values=True)


def _bounds_swapped(tree: Tree, rng: random.Random) -> Mutation | None:
    """Swap two of lower/value/upper that differ: the order lower <= value <= upper breaks."""
    def pairs(claim: dict[str, Any]) -> list[tuple[str, str]]:
        named = [name for name in ("lower", "value", "upper") if _is_number(claim.get(name))]
        return [(a, b) for i, a in enumerate(named) for b in named[i + 1:] if claim[a] < claim[b]]

    picked = _pick_claim(tree, rng, lambda c: bool(pairs(c)))
    if picked is None:
        return None
    path, document, position = picked
    claim = document["claims"][position]
    first, second = rng.choice(pairs(claim))
    claim[first], claim[second] = claim[second], claim[first]
    return Mutation("bounds-swapped", f"{claim['id']} {first}<->{second}",
                    _with_document(tree, path, document), frozenset({"CS208"}))


def _bound_side(tree: Tree, rng: random.Random) -> Mutation | None:
    """A one-sided bound moved to the other side ('at least' 24: lower 24 -> upper 24)."""
    def one_sided(claim: dict[str, Any]) -> bool:
        return (claim.get("qualifier") != "range"
                and _is_number(claim.get("lower")) != _is_number(claim.get("upper")))

    picked = _pick_claim(tree, rng, one_sided)
    if picked is None:
        return None
    path, document, position = picked
    claim = document["claims"][position]
    claim["lower"], claim["upper"] = claim.get("upper"), claim.get("lower")
    return Mutation("bound-side", f"{claim['id']} ({claim['qualifier']}) lower<->upper",
                    _with_document(tree, path, document), frozenset({"CS213"}))


# -- sources ---------------------------------------------------------------------------------


def _pick_source(tree: Tree, rng: random.Random) -> tuple[str, dict[str, Any]] | None:
    found = [(path, document) for path in _source_files(tree)
             if (document := _document(tree, path)) is not None
             and isinstance(tree.get(document["source"]["path"]), bytes)]
    if not found:
        return None
    path, document = rng.choice(found)
    return path, copy.deepcopy(document)


def _seed_edited(tree: Tree, rng: random.Random) -> Mutation | None:
    picked = _pick_source(tree, rng)
    if picked is None:
        return None
    _, document = picked
    seed = document["source"]["path"]
    text = _text_of(tree, document)
    if not text:
        return None
    changed, detail = _changed_char(text, rng)
    return Mutation("seed-edited", f"{seed} {detail}", _with(tree, **{seed: changed.encode()}),
                    frozenset({"CS304"}))


def _sha_changed(tree: Tree, rng: random.Random) -> Mutation | None:
    picked = _pick_source(tree, rng)
    if picked is None:
        return None
    path, document = picked
    digest = document["source"]["sha256"]
    index = rng.randrange(len(digest))
    new = rng.choice([c for c in "0123456789abcdef" if c != digest[index]])
    document["source"]["sha256"] = digest[:index] + new + digest[index + 1:]
    return Mutation("sha256-changed", f"{path} sha256[{index}] -> {new}",
                    _with_document(tree, path, document), frozenset({"CS304"}))


# ("seeds/./x.txt" is not here: it names a file inside seeds/, and the schema's
# path pattern rejects it as CS104, which is right for a path that is merely unusual.)
_OUTSIDE = ["../seeds/{name}", "/etc/passwd", "seeds/../dataset/index.json", "dataset/{name}",
            "seeds/sub/{name}", "seeds\\..\\{name}", "C:/seeds/{name}", "~/{name}",
            "../../../../../../etc/{name}", "seeds/../../{name}"]


def _seed_path_outside(tree: Tree, rng: random.Random) -> Mutation | None:
    picked = _pick_source(tree, rng)
    if picked is None:
        return None
    path, document = picked
    name = document["source"]["path"].rsplit("/", 1)[-1]
    document["source"]["path"] = rng.choice(_OUTSIDE).format(name=name)
    return Mutation("seed-path-outside", f"{path} path {document['source']['path']!r}",
                    _with_document(tree, path, document), frozenset({"CS302"}))


def _seed_symlink_outside(tree: Tree, rng: random.Random) -> Mutation | None:
    """The seed is a symlink to a byte-identical copy outside seeds/: only CS302 can tell."""
    picked = _pick_source(tree, rng)
    if picked is None:
        return None
    _, document = picked
    seed = document["source"]["path"]
    outside = f"elsewhere/{seed.rsplit('/', 1)[-1]}"
    return Mutation("seed-symlink-outside", f"{seed} -> ../{outside}",
                    _with(tree, **{outside: tree[seed], seed: Symlink(f"../{outside}")}),
                    frozenset({"CS302"}))


# -- ids and files ---------------------------------------------------------------------------


def _ids_equal(tree: Tree, rng: random.Random) -> Mutation | None:
    claims = _claims(tree)
    if len(claims) < 2:
        return None
    (_, first_doc, first), (path, document, position) = rng.sample(claims, 2)
    document = copy.deepcopy(document)
    claim_id = first_doc["claims"][first]["id"]
    before = document["claims"][position]["id"]
    document["claims"][position]["id"] = claim_id
    return Mutation("claim-ids-equal", f"{before} -> {claim_id}",
                    _with_document(tree, path, document), frozenset({"CS209"}))


def _claim_moved(tree: Tree, rng: random.Random) -> Mutation | None:
    files = _source_files(tree)
    picked = _pick_claim(tree, rng)
    if picked is None or len(files) < 2:
        return None
    path, document, position = picked
    target = rng.choice([other for other in files if other != path])
    target_document = _document(tree, target)
    if target_document is None:
        return None
    claim = document["claims"].pop(position)
    target_document["claims"].insert(rng.randint(0, len(target_document["claims"])), claim)
    new = _with_document(_with_document(tree, path, document), target, target_document)
    return Mutation("claim-moved", f"{claim['id']} -> {target}", new, frozenset({"CS210"}))


_SCALAR_LINE = re.compile(r'^(?P<indent> *)(?P<key>"[^"]+"): (?P<value>[^\[{].*?),?$')


def _key_duplicated(tree: Tree, rng: random.Random) -> Mutation | None:
    path = rng.choice([p for p in tree if p.startswith("dataset/") and p.endswith(".json")])
    content = tree[path]
    if isinstance(content, Symlink):
        return None
    lines = content.decode("utf-8").split("\n")
    candidates = [number for number, line in enumerate(lines) if _SCALAR_LINE.match(line)]
    if not candidates:
        return None
    number = rng.choice(candidates)
    match = _SCALAR_LINE.match(lines[number])
    assert match is not None
    # Half the time with another value: the case a lenient parser hides (the last one wins).
    value = match["value"] if rng.random() < 0.5 else rng.choice(["null", "0", '"x"', "true"])
    lines.insert(number, f"{match['indent']}{match['key']}: {value},")
    return Mutation("key-duplicated", f"{path}:{number + 1} {match['key']}",
                    _with(tree, **{path: "\n".join(lines).encode("utf-8")}),
                    frozenset({"CS102"}))


_NUMBER_FIELD = re.compile(r'"(?:value|lower|upper|start|end|length)": (-?[0-9][0-9.eE+-]*)')


def _rewrite_number(tree: Tree, rng: random.Random, pattern: re.Pattern[str],
                    literal: Callable[[str, random.Random], str],
                    ) -> tuple[str, re.Match[str], str, str] | None:
    """A random number ``pattern`` finds in a random source file, rewritten by ``literal``.

    Returns the file, the match, the new literal and the file's changed text.
    """
    files = [p for p in _source_files(tree) if isinstance(tree[p], bytes)]
    if not files:
        return None
    path = rng.choice(files)
    content = tree[path]
    assert isinstance(content, bytes)
    text = content.decode("utf-8")
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    match = rng.choice(matches)
    new = literal(match.group(1), rng)
    return path, match, new, text[:match.start(1)] + new + text[match.end(1):]


def _non_finite(tree: Tree, rng: random.Random) -> Mutation | None:
    found = _rewrite_number(tree, rng, _NUMBER_FIELD, lambda _number, rng: rng.choice(
        ["NaN", "Infinity", "-Infinity", "1e999", "-1e400"]))
    if found is None:
        return None
    path, match, literal, changed = found
    return Mutation("non-finite-number", f"{path} {match.group(0)!r} -> {literal}",
                    _with(tree, **{path: changed.encode("utf-8")}), frozenset({"CS103"}))


def _number_literal(kind: str, fields: str, literal: Callable[[str, random.Random], str],
                    expected: str) -> Apply:
    """A number field rewritten in the JSON text as a literal the schema admits."""
    pattern = re.compile(rf'"(?:{fields})": (-?[0-9]+)(?=[,\n])')

    def apply(tree: Tree, rng: random.Random) -> Mutation | None:
        found = _rewrite_number(tree, rng, pattern, literal)
        if found is None:
            return None
        path, match, new, changed = found
        return Mutation(kind, f"{path} {match.group(0)!r} -> {new[:20]}",
                        _with(tree, **{path: changed.encode("utf-8")}), frozenset({expected}))

    return apply


def _as_float(number: str, rng: random.Random) -> str:
    value = int(number)
    return rng.choice([f"{value}.0", f"{value / 1000:g}e3" if value else "-0.0", "-0.0"])


def _huge(number: str, rng: random.Random) -> str:
    return rng.choice(["9" * 401, "1" + "0" * 309, "-" + "7" * 350])


def _id_newline(tree: Tree, rng: random.Random) -> Mutation | None:
    """A trailing newline on an id: Python's $ let the pure-Python validator accept it."""
    picked = _pick_claim(tree, rng)
    if picked is None:
        return None
    path, document, position = picked
    claim = document["claims"][position]
    before = claim["id"]
    claim["id"] = before + rng.choice(["\n", "\n\n", "\r\n"])
    return Mutation("id-trailing-newline", f"{before!r} -> {claim['id']!r}",
                    _with_document(tree, path, document), frozenset({"CS104"}))


# -- relations ---------------------------------------------------------------------------


def _decidable_relations(tree: Tree) -> list[tuple[str, dict[str, Any], int, int]]:
    """(file, document, claim position, relation position) of each relation whose every
    side is a claim of the tree: the ones a checker can evaluate."""
    ids = {claim["id"] for _, document, position in _claims(tree)
           for claim in [document["claims"][position]]}
    found = []
    for path, document, position in _claims(tree, lambda c: isinstance(c.get("relations"), list)):
        for number, relation in enumerate(document["claims"][position]["relations"]):
            names = relation.get("of") if isinstance(relation, dict) else None
            if isinstance(names, list) and names and all(name in ids for name in names):
                found.append((path, document, position, number))
    return found


def _claim_by_id(tree: Tree, claim_id: str) -> tuple[str, dict[str, Any], int] | None:
    for path, document, position in _claims(tree, lambda c: c.get("id") == claim_id):
        return path, copy.deepcopy(document), position
    return None


def _at_figures(tree: Tree, relation: dict[str, Any]) -> Any:
    from claimset.core.intervals import combine, figure_interval

    figures = []
    for name in relation["of"]:
        found = _claim_by_id(tree, name)
        assert found is not None
        claim = found[1]["claims"][found[2]]
        figures.append(figure_interval(claim["qualifier"], claim.get("value"), claim.get("lower"),
                                       claim.get("upper")))
    return combine(relation["kind"], figures)


def _related_value(tree: Tree, rng: random.Random) -> Mutation | None:
    """A figure a relation names gets another value (its bound moved with it), so the
    relation no longer adds up: the relation check names it (CS701), the value check
    that the figure's words say otherwise (CS206)."""
    relations = _decidable_relations(tree)
    if not relations:
        return None
    _, document, position, number = rng.choice(relations)
    relation = document["claims"][position]["relations"][number]
    name = rng.choice(relation["of"])
    found = _claim_by_id(tree, name)
    if found is None or not _is_number(found[1]["claims"][found[2]].get("value")):
        return None
    other_path, other_document, other_position = found
    claim = other_document["claims"][other_position]
    old = claim["value"]
    claim["value"] = old * rng.choice([0.1, 0.25, 4, 10]) if old else 1000
    for bound in ("lower", "upper"):
        if claim.get(bound) == old:
            claim[bound] = claim["value"]
    new_tree = _with_document(tree, other_path, other_document)
    return Mutation("related-value", f"{name} (named by {document['claims'][position]['id']}) "
                                     f"value {old!r}->{claim['value']!r}", new_tree,
                    frozenset({"CS701", "CS206"}))


def _relation_qualifier(tree: Tree, rng: random.Random) -> Mutation | None:
    """A relation's qualifier flipped to a hedge its figures, as given, do not satisfy
    ('more than 2' -> 'less than 2'); a flip they still satisfy is no corruption."""
    from claimset.core.intervals import statement_interval

    relations = _decidable_relations(tree)
    if not relations:
        return None
    path, document, position, number = rng.choice(relations)
    document = copy.deepcopy(document)
    relation = document["claims"][position]["relations"][number]
    value = relation.get("value")
    at_figures = _at_figures(tree, relation)
    if not _is_number(value) or at_figures is None:
        return None
    before = relation["qualifier"]
    flips = [hedge for hedge in _HEDGES if hedge != before
             and not statement_interval(hedge, value).meets(at_figures)]
    if not flips:
        return None
    relation["qualifier"] = rng.choice(flips)
    bound = {"at least": "lower", "more than": "lower", "nearly": "upper", "at most": "upper",
             "up to": "upper", "less than": "upper"}.get(relation["qualifier"])
    relation["lower"] = value if bound == "lower" else None
    relation["upper"] = value if bound == "upper" else None
    return Mutation("relation-qualifier", f"{document['claims'][position]['id']} relation "
                                          f"{number} qualifier {before!r}->"
                                          f"{relation['qualifier']!r}",
                    _with_document(tree, path, document), frozenset({"CS701"}))


# -- meaning: what a claim says against its text ------------------------------------------
#
# Each corruption makes, on real data, the error its check exists for: a quote cut inside
# its sentence, an excerpt that drops the reporting frame or a hedge, a reported figure
# given as the author's, a quote that starts at a sentence pointing back, a fact the text
# does not give added to a measure, an exclusion reason that does not fit its number.


def _cites(text: str, span: Any) -> bool:
    """Whether ``span`` is a span object whose whole-number offsets hold its text."""
    if not isinstance(span, dict):
        return False
    start, end = span.get("start"), span.get("end")
    return type(start) is int and type(end) is int and 0 <= start <= end <= len(text) \
        and text[start:end] == span.get("text")


def _meaning_claims(tree: Tree, wanted: Callable[[str, dict[str, Any]], bool],
                    ) -> list[tuple[str, dict[str, Any], int, str]]:
    """(file, document, position, text) of every claim quoting its text exactly for which
    ``wanted(text, claim)`` holds."""
    found = []
    for path, document, position in _claims(tree):
        text = _text_of(tree, document)
        claim = document["claims"][position]
        quote, figure = claim.get("quote"), claim.get("figure")
        if text is None or not _cites(text, quote) or not _cites(text, figure):
            continue  # an earlier corruption left it unreadable: nothing of sense to corrupt
        if wanted(text, claim):
            found.append((path, document, position, text))
    return found


def _pick_meaning(tree: Tree, rng: random.Random, wanted: Callable[[str, dict[str, Any]], bool],
                  ) -> tuple[str, dict[str, Any], dict[str, Any], str] | None:
    found = _meaning_claims(tree, wanted)
    if not found:
        return None
    path, document, position, text = rng.choice(found)
    document = copy.deepcopy(document)
    return path, document, document["claims"][position], text


def _set_quote(claim: dict[str, Any], text: str, start: int, end: int) -> None:
    while start < end and text[start] in " \t\n,;:—–-'\"‘“(":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:—–-":
        end -= 1
    claim["quote"] = {"start": start, "end": end, "text": text[start:end]}


def _quote_cut(tree: Tree, rng: random.Random) -> Mutation | None:
    """A quote of whole sentences cut at a word inside its sentence (no 'excerpt')."""
    from claimset.grammar.sentences import is_whole_sentences

    def whole(text: str, claim: dict[str, Any]) -> bool:
        return not claim.get("excerpt") and is_whole_sentences(
            text, claim["quote"]["start"], claim["quote"]["end"])

    picked = _pick_meaning(tree, rng, whole)
    if picked is None:
        return None
    path, document, claim, text = picked
    quote, figure = claim["quote"], claim["figure"]
    cuts = [("start", at + 1) for at in range(quote["start"], figure["start"]) if text[at] == " "]
    cuts += [("end", at) for at in range(figure["end"], quote["end"]) if text[at] == " "]
    cuts = [(side, at) for side, at in cuts if not is_whole_sentences(
        text, at if side == "start" else quote["start"], at if side == "end" else quote["end"])]
    if not cuts:
        return None
    side, at = rng.choice(cuts)
    _set_quote(claim, text, at if side == "start" else quote["start"],
               at if side == "end" else quote["end"])
    return Mutation("quote-cut", f"{claim['id']} quote.{side} -> {at}",
                    _with_document(tree, path, document), frozenset({"CS220"}))


def _excerpt_dropping(kind: str, found: Callable[[str, dict[str, Any]], list[Any]],
                      expected: frozenset[str]) -> Apply:
    """An excerpt (marked as one) cut so that it leaves out one of what ``found`` gives in
    its quote (a reporting frame; a negation, hedge or qualifier governing the figure)."""
    def inside(text: str, claim: dict[str, Any]) -> list[Any]:
        quote = claim["quote"]
        return [item for item in found(text, claim)
                if quote["start"] <= item.start and item.end <= quote["end"]]

    def apply(tree: Tree, rng: random.Random) -> Mutation | None:
        picked = _pick_meaning(tree, rng, lambda text, claim: bool(inside(text, claim)))
        if picked is None:
            return None
        path, document, claim, text = picked
        quote, figure = claim["quote"], claim["figure"]
        item = rng.choice(inside(text, claim))
        if item.end <= figure["start"]:
            _set_quote(claim, text, item.end, quote["end"])
        else:
            _set_quote(claim, text, quote["start"], item.start)
        claim["excerpt"] = "the words around the figure that are not needed"
        return Mutation(kind, f"{claim['id']} quote without {item.text!r}",
                        _with_document(tree, path, document), expected)
    return apply


def _frames(text: str, claim: dict[str, Any]) -> list[Any]:
    from claimset.grammar.frames import governing_frames

    figure = claim["figure"]
    return [frame for frame in governing_frames(text, figure["start"], figure["end"])
            if frame.kind != "quotation"]


def _governors(text: str, claim: dict[str, Any]) -> list[Any]:
    from claimset.grammar.frames import governing_words

    return governing_words(text, claim["figure"]["start"], claim["figure"]["end"])


def _attribution_dropped(tree: Tree, rng: random.Random) -> Mutation | None:
    """A figure a reporting frame gives as another's, recorded as the author's own."""
    from claimset.grammar.frames import governing_frames

    def reported(text: str, claim: dict[str, Any]) -> bool:
        figure = claim["figure"]
        return bool(claim.get("attribution") or claim.get("adopted")) and bool(
            governing_frames(text, figure["start"], figure["end"]))

    picked = _pick_meaning(tree, rng, reported)
    if picked is None:
        return None
    path, document, claim, _ = picked
    before = (claim.get("attribution"), claim.get("stance"))
    claim["attribution"], claim["stance"] = None, "asserted"
    claim.pop("adopted", None)
    return Mutation("attribution-dropped", f"{claim['id']} {before} -> (None, 'asserted')",
                    _with_document(tree, path, document), frozenset({"CS224"}))


def _back_reference_quote(tree: Tree, rng: random.Random) -> Mutation | None:
    """A quote started at a sentence of it that points back (and no 'refers')."""
    from claimset.grammar.references import back_references
    from claimset.grammar.sentences import sentences_of

    def starts(text: str, claim: dict[str, Any]) -> list[int]:
        quote, figure = claim["quote"], claim["figure"]
        return [start for start, _ in sentences_of(text, quote["start"], quote["end"])[1:]
                if start <= figure["start"] and back_references(text, start, quote["end"])]

    picked = _pick_meaning(tree, rng, lambda text, claim: bool(starts(text, claim)))
    if picked is None:
        return None
    path, document, claim, text = picked
    start = rng.choice(starts(text, claim))
    _set_quote(claim, text, start, claim["quote"]["end"])
    claim.pop("refers", None)
    return Mutation("back-reference-quote", f"{claim['id']} quote.start -> {start}",
                    _with_document(tree, path, document), frozenset({"CS226"}))


_ADDED_FACTS = ("the UN", "NATO", "the Pentagon", "Reuters", "Amnesty International",
                "the Red Cross", "Kuwait", "in 1987", "in 2011", "since 1999", "in October",
                "Human Rights Watch", "the Associated Press", "in 2015")


def _fact_added(tree: Tree, rng: random.Random) -> Mutation | None:
    """A measure that names a source, place, year or month the text does not give."""
    from claimset.grammar.facts import facts_in, text_facts

    def unknown(text: str, phrase: str) -> bool:
        known = text_facts(text)
        return all(not known.knows(fact) for fact in facts_in("x " + phrase))

    picked = _pick_meaning(tree, rng, lambda text, claim: any(
        unknown(text, phrase) for phrase in _ADDED_FACTS))
    if picked is None:
        return None
    path, document, claim, text = picked
    phrase = rng.choice([phrase for phrase in _ADDED_FACTS if unknown(text, phrase)])
    claim["measure"] = f"{claim['measure']} ({phrase})"
    return Mutation("fact-added", f"{claim['id']} measure + {phrase!r}",
                    _with_document(tree, path, document), frozenset({"CS228"}))


_OTHER_SPEAKERS = ("the Pentagon", "Reuters", "Amnesty International", "the Red Cross",
                   "Human Rights Watch", "the Associated Press", "NATO", "the UN")


def _attribution_swapped(tree: Tree, rng: random.Random) -> Mutation | None:
    """A reported figure's attribution given to someone the frame does not name."""
    from claimset.grammar.frames import governing_frames, speaker_words

    def others(text: str, claim: dict[str, Any]) -> list[str]:
        figure = claim["figure"]
        if claim.get("stance") not in {"attributed", "quoted", "hypothetical"} or \
                not claim.get("attribution"):
            return []
        speakers = set().union(*(speaker_words(text, frame) for frame in governing_frames(
            text, figure["start"], figure["end"])))
        if not speakers:
            return []
        return [name for name in _OTHER_SPEAKERS
                if not speakers & {word.casefold() for word in name.split()}]

    picked = _pick_meaning(tree, rng, lambda text, claim: bool(others(text, claim)))
    if picked is None:
        return None
    path, document, claim, text = picked
    before = claim["attribution"]
    claim["attribution"] = rng.choice(others(text, claim))
    return Mutation("attribution-swapped", f"{claim['id']} {before!r} -> "
                                           f"{claim['attribution']!r}",
                    _with_document(tree, path, document), frozenset({"CS225"}))


def _note_fact_added(tree: Tree, rng: random.Random) -> Mutation | None:
    """An exclusion's note that names a source, place, year or month the text does not."""
    from claimset.grammar.facts import facts_in, text_facts

    found = []
    for path in _source_files(tree):
        document = _document(tree, path)
        text = _text_of(tree, document) if document is not None else None
        if document is None or text is None or not isinstance(document.get("exclusions"), list):
            continue
        known = text_facts(text)
        phrases = [phrase for phrase in _ADDED_FACTS
                   if all(not known.knows(fact) for fact in facts_in("x " + phrase))]
        for number, item in enumerate(document["exclusions"]):
            if _cites(text, item) and phrases:
                found.append((path, document, number, phrases))
    if not found:
        return None
    path, document, number, phrases = rng.choice(found)
    document = copy.deepcopy(document)
    item = document["exclusions"][number]
    phrase = rng.choice(phrases)
    # The phrase joins the note's last sentence (a name that opens a sentence is no
    # name to the check: docs/dataset.md, "Facts in prose").
    note = (item.get("note") or "excluded").rstrip(". ")
    item["note"] = f"{note} ({phrase})"
    return Mutation("note-fact-added", f"{path} exclusion {item['text']!r} note + {phrase!r}",
                    _with_document(tree, path, document), frozenset({"CS411"}))


def _exclusion_reason(kind: str, reason: str, code: str,
                      fits: Callable[[str, int, int], bool]) -> Apply:
    """An exclusion given ``reason`` where the grammar says it does not fit."""
    def apply(tree: Tree, rng: random.Random) -> Mutation | None:
        found = []
        for path in _source_files(tree):
            document = _document(tree, path)
            text = _text_of(tree, document) if document is not None else None
            if document is None or text is None or not isinstance(document.get("exclusions"),
                                                                   list):
                continue
            for number, item in enumerate(document["exclusions"]):
                if isinstance(item, dict) and item.get("reason") != reason and \
                        _cites(text, item) and not fits(text, item["start"], item["end"]):
                    found.append((path, document, number))
        if not found:
            return None
        path, document, number = rng.choice(found)
        document = copy.deepcopy(document)
        item = document["exclusions"][number]
        before = item["reason"]
        item["reason"] = reason
        return Mutation(kind, f"{path} exclusion {item['text']!r} {before!r} -> {reason!r}",
                        _with_document(tree, path, document), frozenset({code}))
    return apply


def _one_reading(text: str, start: int, end: int) -> bool:
    from claimset.grammar.reasons import pronoun_or_article

    return pronoun_or_article(text, start, end) is not None


def _quoted(text: str, start: int, end: int) -> bool:
    from claimset.grammar.reasons import in_quotation

    return in_quotation(text, start, end)


def _named(text: str, start: int, end: int) -> bool:
    from claimset.grammar.reasons import in_name

    return in_name(text, start, end)


CATALOGUE: tuple[Kind, ...] = (
    Kind("related-value", "a figure a relation names given another value (its bound with it)",
         _related_value),
    Kind("relation-qualifier", "a relation's qualifier flipped to a hedge its figures do not "
                               "satisfy", _relation_qualifier),
    Kind("offset-off-by-one", "a quote's or figure's start or end moved by ±1", _off_by_one),
    Kind("offset-moved", "a whole quote or figure span moved by 2..400 code points", _moved),
    Kind("quote-char", "one character of a quote's text changed, inserted or deleted "
                       "(look-alikes, zero-width, NFD accents)", _span_char("quote")),
    Kind("figure-char", "one character of a figure's text changed, inserted or deleted",
         _span_char("figure")),
    Kind("value-digit", "one digit of a value (or a range's bound) changed", _value_digit),
    Kind("qualifier-range", "qualifier swapped to or from 'range'", _qualifier_range),
    Kind("bounds-swapped", "two of lower/value/upper swapped", _bounds_swapped),
    Kind("seed-edited", "a source text edited by one character", _seed_edited),
    Kind("sha256-changed", "one hex digit of a source's sha256 changed", _sha_changed),
    Kind("claim-ids-equal", "a claim's id set to another claim's", _ids_equal),
    Kind("claim-moved", "a claim moved to another source's file", _claim_moved),
    Kind("key-duplicated", "a key written twice in one object", _key_duplicated),
    Kind("non-finite-number", "NaN, Infinity or 1e999 written as a number", _non_finite),
    Kind("offset-float", "an offset or length written as 2711.0, 2.711e3 or -0.0 (the schema "
                         "admits them as integers)",
         _number_literal("offset-float", "start|end|length", _as_float, "CS115")),
    Kind("value-huge", "a value or bound written with 310 to 401 digits (beyond any float)",
         _number_literal("value-huge", "value|lower|upper", _huge, "CS116")),
    Kind("id-trailing-newline", "a claim id with a trailing newline", _id_newline),
    Kind("seed-path-outside", "a seed path pointed outside seeds/ (.., absolute, other "
                              "folder)", _seed_path_outside),
    Kind("seed-symlink-outside", "the seed replaced by a symlink to an identical copy "
                                 "outside seeds/", _seed_symlink_outside),
    Kind("unit-stated-swapped", "a unit the figure states ($, %) swapped, or a counted noun "
                                "swapped for such a unit", _unit_stated_swapped),
    Kind("qualifier-hedge", "the qualifier swapped for another hedge (exact, approximately, "
                            "nearly, at least ...)", _qualifier_hedge,
         gap="read from the words before the figure: only when the extractor finds a number "
             "at exactly the figure's span"),
    Kind("bound-side", "a one-sided bound moved to the other side (lower <-> upper)",
         _bound_side),
    Kind("quote-cut", "a quote of whole sentences cut at a word inside its sentence",
         _quote_cut),
    Kind("frame-dropped", "an excerpt that leaves out its figure's reporting frame",
         _excerpt_dropping("frame-dropped", _frames, frozenset({"CS221"}))),
    # Cutting at a hedge may drop a frame before it too: either code names the loss.
    Kind("hedge-dropped", "an excerpt that leaves out a negation, hedge or qualifier "
                          "governing its figure",
         _excerpt_dropping("hedge-dropped", _governors, frozenset({"CS222", "CS221"}))),
    Kind("attribution-dropped", "a figure a reporting frame gives as another's, recorded as "
                                "the author's (attribution null, stance asserted)",
         _attribution_dropped),
    Kind("attribution-swapped", "a reported figure's attribution given to someone its frame "
                                "does not name", _attribution_swapped),
    Kind("note-fact-added", "a source, place, year or month the text does not give added to "
                            "an exclusion's note", _note_fact_added),
    Kind("back-reference-quote", "a quote started at a sentence of it that points back",
         _back_reference_quote),
    Kind("fact-added", "a source, place, year or month the text does not give added to a "
                       "measure", _fact_added),
    Kind("reason-not-a-quantity", "'not a quantity' on an excluded number that is no "
                                  "pronoun or article",
         _exclusion_reason("reason-not-a-quantity", "not a quantity", "CS408", _one_reading)),
    Kind("reason-quoted-speech", "'quoted speech' on an excluded number outside any quotation",
         _exclusion_reason("reason-quoted-speech", "quoted speech", "CS409", _quoted)),
    Kind("reason-name-or-title", "'name or title' on an excluded number beside no name",
         _exclusion_reason("reason-name-or-title", "name or title", "CS410", _named)),
    Kind("unit-noun-swapped", "a counted noun swapped for another ('troops' -> 'refugees')",
         _unit_noun_swapped, catchable=False,
         gap="the counted noun is the curator's reading of the sentence, not a quotation: "
             "'troops' for 'soldiers' leaves every quote, figure and value true"),
)


# -- running ----------------------------------------------------------------------------------


def extractor_available() -> bool:
    return importlib.util.find_spec("claimset.grammar.extract") is not None


@attrs.frozen
class Outcome:
    mutation: Mutation
    new_codes: frozenset[str]

    @property
    def caught(self) -> bool:
        return bool(self.new_codes)

    @property
    def right(self) -> bool:
        return bool(self.mutation.expected & self.new_codes)


def _signature(problem: Any) -> tuple[str, str | None, str]:
    return problem.code, problem.file, problem.message


def check(root: Path, *, values: bool, coverage: bool) -> collections.Counter[tuple[Any, ...]]:
    """The errors and warnings of ``root`` (the checks of meaning report several classes as
    warnings: a quote pointing back, a fact the text does not give)."""
    import claimset

    report = claimset.validate(root, values=values, coverage=coverage)
    return collections.Counter(_signature(problem)
                               for problem in (*report.errors, *report.warnings))


def mutations(tree: Tree, kind: Kind, count: int, rng: random.Random, *,
              values: bool) -> Iterator[Mutation]:
    """Up to ``count`` mutations of ``kind`` (fewer when the tree has nothing to mutate)."""
    made = attempts = 0
    while made < count and attempts < count * 20:
        attempts += 1
        mutation = kind.apply(tree, rng)
        if mutation is None or (mutation.needs_values and not values):
            continue
        made += 1
        yield mutation


def run(tree: Tree, *, per_kind: int, seed: int = 0, values: bool | None = None,
        coverage: bool = True, kinds: tuple[Kind, ...] = CATALOGUE,
        workdir: Path | None = None) -> dict[str, list[Outcome]]:
    """Mutate ``tree`` ``per_kind`` times per kind; the outcomes by kind name."""
    values = extractor_available() if values is None else values
    coverage = coverage and values
    base = Path(tempfile.mkdtemp(prefix="claimset-mutations-", dir=workdir))
    try:
        baseline = check(write_tree(tree, base / "baseline"), values=values, coverage=coverage)
        results: dict[str, list[Outcome]] = {}
        for number, kind in enumerate(kinds):
            rng = random.Random(f"{seed}/{kind.name}")
            outcomes = results.setdefault(kind.name, [])
            for attempt, mutation in enumerate(mutations(tree, kind, per_kind, rng,
                                                         values=values)):
                root = write_tree(mutation.tree, base / f"m{number}-{attempt}")
                found = check(root, values=values, coverage=coverage) - baseline
                outcomes.append(Outcome(mutation, frozenset(code for code, _, _ in found)))
                shutil.rmtree(root)
        return results
    finally:
        shutil.rmtree(base, ignore_errors=True)


def table(results: dict[str, list[Outcome]], kinds: tuple[Kind, ...] = CATALOGUE) -> str:
    rows = [f"{'kind':<22} {'tried':>5} {'caught':>7} {'right code':>10}  expected / note"]
    totals = [0, 0, 0]
    for kind in kinds:
        outcomes = results.get(kind.name, [])
        tried = len(outcomes)
        caught = sum(outcome.caught for outcome in outcomes)
        right = sum(outcome.right for outcome in outcomes)
        expected = sorted(set().union(*(o.mutation.expected for o in outcomes)) if outcomes
                          else set())
        if kind.catchable:
            totals = [totals[0] + tried, totals[1] + caught, totals[2] + right]
            note = ", ".join(expected) or "-"
            if not tried:
                note += " (skipped: nothing to mutate, or the value check is unavailable)"
            if kind.gap:
                codes = collections.Counter(code for o in outcomes for code in o.new_codes)
                note += f"; limit: {kind.gap} (seen: {', '.join(sorted(codes)) or 'none'})"
            rows.append(f"{kind.name:<22} {tried:>5} {caught:>7} {right:>10}  {note}")
        else:
            rows.append(f"{kind.name:<22} {tried:>5} {caught:>7} {'n/a':>10}  not catchable by a "
                        f"citation check; {kind.gap}")
    tried, caught, right = totals
    rows.append(f"{'catchable, overall':<22} {tried:>5} {caught:>7} {right:>10}  "
                f"caught {caught / max(tried, 1):.1%}, right code {right / max(tried, 1):.1%}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=ROOT,
                        help="a checkout (default: this repository)")
    parser.add_argument("--per-kind", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-coverage", action="store_true")
    parser.add_argument("--synthetic", type=str, default=None, metavar="SOURCESxCLAIMS",
                        help="mutate a synthetic dataset (e.g. 4x20) instead of PATH")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import record

    record.add_arguments(parser)
    args = parser.parse_args(argv)
    recorded = record.Run("mutations", args, argv)
    if args.synthetic:
        from claimset.testing import build_tree

        sources, claims = (int(part) for part in args.synthetic.lower().split("x"))
        tree, label = build_tree(sources, claims, seed=args.seed), f"synthetic {args.synthetic}"
    else:
        tree, label = read_tree(args.path), str(args.path)
    values = extractor_available()
    started = time.perf_counter()
    results = run(tree, per_kind=args.per_kind, seed=args.seed, values=values,
                  coverage=not args.no_coverage)
    print(f"claimset mutation benchmark: {label}, {args.per_kind} per kind, seed {args.seed}, "
          f"values {'on' if values else 'OFF (claimset.grammar.extract missing)'}, coverage "
          f"{'on' if values and not args.no_coverage else 'off'}")
    print(table(results))
    print(f"({time.perf_counter() - started:.1f} s)")
    catchable = [outcome for kind in CATALOGUE if kind.catchable
                 for outcome in results.get(kind.name, [])]
    right = sum(outcome.right for outcome in catchable)
    kinds = sum(1 for kind in CATALOGUE if kind.catchable)
    recorded.figure("right-code", f"corruptions caught with the right code ({kinds} kinds, "
                    f"{label if args.synthetic else 'the real dataset'})",
                    100 * right / max(len(catchable), 1), unit="%", digits=1,
                    detail=f"{right}/{len(catchable)}", target="100%",
                    met=right == len(catchable))
    recorded.save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
