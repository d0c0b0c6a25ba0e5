"""Turning a report into text: for people, for programs, for GitHub.

As in check-jsonschema, one base class and reporters chosen by name; the
GitHub reporter prints workflow commands with the real line and column, so
each problem shows up on the offending line of the pull request.
"""

from __future__ import annotations

import json
from typing import ClassVar, TextIO

from claimset.core.codes import Severity
from claimset.core.escape import github_data, github_property, log_line, write_command
from claimset.core.problems import Problem, Report


class Reporter:
    name: ClassVar[str]

    def __init__(self, stream: TextIO, *, verbose: bool = False) -> None:
        self.stream = stream
        self.verbose = verbose

    def report(self, report: Report, *, subject: str) -> None:
        raise NotImplementedError


class _LineReporter(Reporter):
    """One line per problem (notes only when verbose), then a one-line summary."""

    def line(self, problem: Problem) -> str:
        raise NotImplementedError

    def report(self, report: Report, *, subject: str) -> None:
        for problem in report.problems:
            if problem.severity is Severity.NOTE and not self.verbose:
                continue
            self.write_problem(self.line(problem))
        verdict = "ok" if report.ok else "FAILED"
        self.stream.write(self.summary_line(f"{subject}: {verdict}: {report.summary()}") + "\n")

    def summary_line(self, text: str) -> str:
        return log_line(text)

    def write_problem(self, line: str) -> None:
        self.stream.write(line + "\n")


class TextReporter(_LineReporter):
    """``file:line:col: CODE message`` like a compiler."""

    name = "text"

    def line(self, problem: Problem) -> str:
        return log_line(str(problem))  # str(problem) is one line; no command either


class JsonReporter(Reporter):
    """One JSON document: ok, summary counts and every problem."""

    name = "json"

    def report(self, report: Report, *, subject: str) -> None:
        document = {
            "subject": subject,
            "ok": report.ok,
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "problems": [problem.to_dict() for problem in report.problems],
        }
        self.stream.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")  # escapes C0


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command for ``problem``."""
    level = {"error": "error", "warning": "warning", "note": "notice"}[problem.severity.value]
    properties = []
    if problem.file:
        properties.append(f"file={github_property(problem.file)}")
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    properties.append(f"title={github_property(problem.code + ' ' + problem.title)}")
    return f"::{level} {','.join(properties)}::{github_data(problem.code + ' ' + problem.message)}"


class GithubReporter(_LineReporter):
    """GitHub workflow commands, one per problem, and the summary as plain text."""

    name = "github"

    def line(self, problem: Problem) -> str:
        return github_annotation(problem)

    def write_problem(self, line: str) -> None:
        write_command(self.stream, line)  # the one line that may start with "::"


REPORTERS: dict[str, type[Reporter]] = {
    reporter.name: reporter for reporter in (TextReporter, JsonReporter, GithubReporter)
}


def reporter(name: str, stream: TextIO, *, verbose: bool = False) -> Reporter:
    return REPORTERS[name](stream, verbose=verbose)
