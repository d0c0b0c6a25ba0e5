"""The small things people trip on at the command line (issue 29), as they meet them."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimset
from claimset.cli import build_parser, main
from claimset.core.problems import Problem, Report
from claimset.store.json_errors import explain
from claimset.testing import tree_digest

REPO = Path(__file__).resolve().parent.parent


def run_claimset(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """The command as a person runs it through a pipe: stdout and stderr into one pipe
    (``2>&1 | cat``), and no PYTHONUNBUFFERED, which would hide buffering mistakes."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONUNBUFFERED", "NO_COLOR") and not key.startswith("CLAIMSET_")}
    env["CLAIMSET_CACHE_DIR"] = os.environ["CLAIMSET_CACHE_DIR"]  # the run's, not the user's
    return subprocess.run([sys.executable, "-m", "claimset", *args], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          check=False)


def test_find_through_a_pipe_prints_the_table_before_its_summary() -> None:
    done = run_claimset("find", "--attribution", "Iraq Body Count")
    lines = done.stdout.splitlines()
    assert done.returncode == 0
    assert lines[0].startswith("id ") and "period" in lines[0]
    assert re.fullmatch(r"\d+ of \d+ claims.* in claimset \d+\.\d+\.\d+", lines[-1]), lines


def test_validate_through_a_pipe_prints_problems_then_the_verdict(checkout: Path) -> None:
    source = checkout / "dataset" / "demo.json"
    source.write_text(source.read_text(encoding="utf-8").replace('"value": 150000',
                                                                 '"value": 150001'),
                      encoding="utf-8")
    done = run_claimset("validate", os.fspath(checkout))
    lines = done.stdout.splitlines()
    assert done.returncode == 1
    assert "CS206" in lines[0] and "FAILED" in lines[-1]


# -- did you mean ------------------------------------------------------------------------

def test_a_mistyped_command_names_the_one_meant() -> None:
    done = run_claimset("valdate")
    assert done.returncode == 2
    assert "CS001 'valdate' is not a claimset command; did you mean 'validate'?" in done.stdout
    assert "Traceback" not in done.stdout


def test_an_unknown_command_far_from_any_says_where_the_list_is(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["xyzzy"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "'xyzzy' is not a claimset command (`claimset --help` lists them)" in err
    assert "did you mean" not in err


def test_help_and_version_still_act_before_a_command_word(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version", "valdate"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith("claimset ")


def test_find_by_attribution_is_a_case_insensitive_substring() -> None:
    dataset = claimset.load()
    found = dataset.find(attribution="iraq body")
    assert found and {claim.attribution for claim in found} == {"Iraq Body Count"}
    assert found == [claim for claim in dataset.claims if claim.retracted is None
                     and claim.attribution == "Iraq Body Count"]
    assert dataset.find(attribution="IRAQ BODY COUNT") == found


def test_find_names_the_attribution_meant_when_none_matches() -> None:
    done = run_claimset("find", "--attribution", "Irak Body Count")
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == (
        "no claim has --attribution 'Irak Body Count'; did you mean 'Iraq Body Count'?")


@pytest.mark.parametrize(("option", "typed", "meant"), [
    ("--tag", "us-troops-in-irak", "us-troops-in-iraq"),
    ("--unit", "troop", "troops"),
    ("--source", "steele-2009", "steele-2008"),
])
def test_find_names_the_value_meant_for_other_filters(option: str, typed: str,
                                                      meant: str) -> None:
    done = run_claimset("find", option, typed, "--format", "json")
    rows, hint = done.stdout.splitlines()
    assert json.loads(rows) == []
    assert hint.startswith(f"no claim has {option} '{typed}'; did you mean '{meant}'")


def test_find_says_nothing_more_when_the_values_exist_but_do_not_meet() -> None:
    done = run_claimset("find", "--tag", "us-troops-in-iraq", "--unit", "civilians")
    assert done.stdout.startswith("no claim matches among")
    assert "did you mean" not in done.stdout and "no claim has" not in done.stdout


# -- show --------------------------------------------------------------------------------

def test_show_of_a_source_id_says_it_is_one() -> None:
    done = run_claimset("show", "steele-2008")
    assert done.returncode == 2
    assert done.stdout == (
        "claimset: error: CS001 'steele-2008' is a source id, not a claim id: `claimset find "
        "--source steele-2008` lists its claims (ids steele-2008/...)\n")


def test_plain_show_marks_where_the_quote_starts_and_ends() -> None:
    done = run_claimset("show", "daalder-lake-2004/occupation-troops", "--color", "never")
    assert done.returncode == 0
    claim = claimset.load().claim("daalder-lake-2004/occupation-troops")
    text = " ".join(line.strip() for line in done.stdout.splitlines() if line.strip())
    marked = re.search("\u00ab(.*?)\u00bb", text)
    assert marked is not None, text
    expected = claim.quote.text.replace(claim.figure.text, f"[{claim.figure.text}]", 1)
    assert marked[1] == " ".join(expected.split())


def test_coloured_show_has_no_marks() -> None:
    done = run_claimset("show", "daalder-lake-2004/occupation-troops", "--color", "always")
    assert "\u00ab" not in done.stdout and "[150,000]" not in done.stdout
    assert "\x1b[1;7m150,000" in done.stdout


# -- help --------------------------------------------------------------------------------

def test_every_option_of_every_command_has_a_help_line() -> None:
    parser = build_parser()
    commands = next(action for action in parser._actions
                    if isinstance(action, argparse._SubParsersAction))
    missing = [f"{name} {action.option_strings or action.dest}"
               for name, sub in commands.choices.items() for action in sub._actions
               if not isinstance(action, argparse._HelpAction) and not action.help]
    assert missing == []


@pytest.mark.parametrize("command", ["coverage", "diff", "export", "corroborate"])
def test_format_explains_its_choices(command: str) -> None:
    parser = build_parser([command])
    commands = next(action for action in parser._actions
                    if isinstance(action, argparse._SubParsersAction))
    option = next(action for action in commands.choices[command]._actions
                  if "--format" in action.option_strings)
    assert option.help is not None and "default" in option.help
    assert all(choice in option.help for choice in option.choices or ())
    assert "--format" in run_claimset(command, "--help").stdout


# -- JSON syntax a person can fix --------------------------------------------------------

def test_a_trailing_comma_says_what_to_fix_where(checkout: Path) -> None:
    index = checkout / "dataset" / "index.json"
    text = index.read_text(encoding="utf-8")
    broken = text.replace('"demo"\n', '"demo",\n')
    assert broken != text
    index.write_text(broken, encoding="utf-8")
    before = tree_digest(checkout)
    done = run_claimset("validate", os.fspath(checkout))
    assert done.returncode == 1
    comma = broken.index('"demo",') + len('"demo"')
    line = broken.count("\n", 0, comma) + 1
    column = comma - broken.rfind("\n", 0, comma)
    assert done.stdout.splitlines()[0] == (
        f"dataset/index.json:{line}:{column}: CS101 invalid JSON: a comma after the last item "
        "of an array: JSON allows none before ']': remove this comma")
    assert "Expecting value" not in done.stdout
    assert tree_digest(checkout) == before


@pytest.mark.parametrize(("text", "says", "where"), [
    ('{"a": 1,}', "a comma after the last item of an object", (1, 8)),
    ('[1, 2,\n  ]', "a comma after the last item of an array", (1, 6)),
    ("{'a': 1}", "single quote", (1, 2)),
    ('{"a": 1 "b": 2}', "no comma between them", (1, 9)),
    ('{"a" 1}', "without ':'", (1, 6)),
    ('{"a": "x\ny"}', "line break or tab inside a string", (1, 9)),
    ('{"a": "x', "never closed", (1, 7)),
    ('{"a": [1, 2', "ends too early", (1, 11)),
    ('{"a": 1} {}', "text after the end", (1, 10)),
    ('{"a": None}', "JSON writes null, true and false", (1, 7)),
    ('{"a": 1, // note\n"b": 2}', "a comment", (1, 10)),
])
def test_common_json_slips_are_named(text: str, says: str, where: tuple[int, int]) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    hint = explain(text, caught.value)
    assert says in hint.message and hint.message.startswith("invalid JSON: ")
    assert (hint.line, hint.column) == where


@given(st.text(alphabet='{}[],:"\' \n\tab1.-/#nultre', max_size=40))
def test_any_json_error_gets_a_place_inside_the_text(text: str) -> None:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        hint = explain(text, error)
        lines = text.split("\n")
        assert 1 <= hint.line <= len(lines)
        assert 1 <= hint.column <= len(lines[hint.line - 1]) + 1
        assert hint.message.startswith("invalid JSON: ")
    except ValueError:
        pass


# -- str(Problem) --------------------------------------------------------------------------

def test_a_problem_prints_as_a_line_a_person_reads() -> None:
    problem = Problem(code="CS206", message="value is 2906 but figure '2,096' says 2096",
                      file="dataset/steele-2008.json", line=393, column=16)
    assert str(problem) == ("dataset/steele-2008.json:393:16: CS206 value is 2906 but figure "
                            "'2,096' says 2096")
    warning = Problem(code="CS105", message="not canonical\n\x1b[31m", file="a.json")
    assert str(warning) == "a.json: CS105 warning: not canonical\\n\\x1b[31m"
    assert "Problem(" in repr(problem)  # repr stays the full value


def test_a_report_prints_its_problems_and_its_verdict(checkout: Path) -> None:
    assert str(claimset.validate(checkout)) == "ok: 0 error(s), 0 warning(s), 0 note(s)"
    source = checkout / "dataset" / "demo.json"
    source.write_text(source.read_text(encoding="utf-8").replace('"value": 150000',
                                                                 '"value": 150001'),
                      encoding="utf-8")
    shown = str(claimset.validate(checkout)).splitlines()
    assert re.match(r"dataset/demo\.json:\d+:\d+: CS206 ", shown[0])
    assert shown[-1] == "FAILED: 1 error(s), 0 warning(s), 0 note(s)"
    assert isinstance(claimset.validate(checkout), Report)



def test_python_3_13s_trailing_comma_error_reads_as_older_pythons_do() -> None:
    # 3.13's json names the comma ("Illegal trailing comma before end of array", at the
    # comma); 3.11 and 3.12 report "Expecting value" at the bracket: one hint for both.
    import json

    from claimset.store.json_errors import explain

    text = '{"a": [1,\n  2 ,\n ], "b": {"c": 1,}}'
    array_comma, object_comma = text.index(" ,") + 1, text.rindex(",")
    for message, position, closing in (
            ("Illegal trailing comma before end of array", array_comma, "array"),
            ("Expecting value", text.index("]"), "array"),
            ("Illegal trailing comma before end of object", object_comma, "object"),
            ("Expecting property name enclosed in double quotes", text.rindex("}") - 1,
             "object")):
        hint = explain(text, json.JSONDecodeError(message, text, position))
        comma = array_comma if closing == "array" else object_comma
        assert (hint.line, hint.column) == (text.count("\n", 0, comma) + 1,
                                            comma - text.rfind("\n", 0, comma)), message
        assert f"a comma after the last item of an {closing}" in hint.message, message
