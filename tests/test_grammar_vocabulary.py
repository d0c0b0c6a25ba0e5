"""One source per vocabulary in the grammar: word lists live in ``grammar/_lexicon.py``.

A list of words written inside another grammar module is a second copy waiting to
drift (re-anchoring's copy of the number words did).  This test reads every grammar
module's syntax tree and fails on a module-level set, tuple, list or dict that holds
four or more words, outside the lexicon and the generated ISO 4217 table.
"""

from __future__ import annotations

import ast
from pathlib import Path

import claimset.grammar

GRAMMAR = Path(claimset.grammar.__file__).parent
#: The lexicon itself; the generated currency table and its generator's list of ISO codes
#: that are no money; the sentence splitter's abbreviations (its own vocabulary, kept
#: beside the one function that reads them).
ALLOWED = {"_lexicon.py", "_units_lexicon.py", "_iso4217.py", "_iso4217_generate.py", "_units.py",
           "sentences.py"}


_TYPED_SUBSETS = ("_KINDS", "_ROLES", "_FORMS")


def _words_in(node: ast.expr) -> int:
    elements: list[ast.expr | None] = []
    if isinstance(node, ast.Call) and node.args:  # frozenset({...}), frozenset([...])
        return _words_in(node.args[0])
    if isinstance(node, ast.Set | ast.Tuple | ast.List):
        elements = list(node.elts)
    elif isinstance(node, ast.Dict):
        elements = list(node.keys)
    return sum(1 for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str)
               and e.value.replace(" ", "").replace("'", "").isalpha())


def test_word_lists_live_in_the_lexicon() -> None:
    found = []
    for path in sorted(GRAMMAR.glob("*.py")):
        if path.name in ALLOWED:
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            target = node.targets[0] if isinstance(node, ast.Assign) else \
                node.target if isinstance(node, ast.AnnAssign) else None
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            name = ast.unparse(target) if target is not None else ""
            if name == "__all__" or name.endswith(_TYPED_SUBSETS):
                continue  # names, and subsets of the typed vocabularies (Kind, Role, Form)
            if value is not None and _words_in(value) >= 4:
                found.append(f"{path.name}:{node.lineno} {name}")
    assert not found, "word lists outside grammar/_lexicon.py: " + ", ".join(found)


def test_the_test_sees_a_word_list() -> None:
    tree = ast.parse('NOT_VERBS = frozenset({"means", "series", "species", "times"})')
    assert isinstance(tree.body[0], ast.Assign)
    assert _words_in(tree.body[0].value) == 4
