"""Turning a report into text: for people, for programs, for GitHub.

As in check-jsonschema, one base class and reporters chosen by name; the
GitHub reporter prints workflow commands with the real line and column, so
each problem shows up on the offending line of the pull request.
"""

from __future__ import annotations

import json
from typing import ClassVar, TextIO

from claimset.core.codes import Severity
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
            self.stream.write(self.line(problem) + "\n")
        verdict = "ok" if report.ok else "FAILED"
        self.stream.write(f"{subject}: {verdict}: {report.summary()}\n")


class TextReporter(_LineReporter):
    """``file:line:col: CODE message`` like a compiler."""

    name = "text"

    def line(self, problem: Problem) -> str:
        label = "" if problem.severity is Severity.ERROR else f"{problem.severity.value}: "
        return f"{problem.location}: {problem.code} {label}{problem.message}"


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
        self.stream.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command for ``problem``."""
    level = {"error": "error", "warning": "warning", "note": "notice"}[problem.severity.value]
    properties = []
    if problem.file:
        properties.append(f"file={_escape_property(problem.file)}")
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    properties.append(f"title={_escape_property(problem.code + ' ' + problem.title)}")
    return f"::{level} {','.join(properties)}::{_escape_data(problem.code + ' ' + problem.message)}"


class GithubReporter(_LineReporter):
    """GitHub workflow commands, one per problem, and the summary as plain text."""

    name = "github"

    def line(self, problem: Problem) -> str:
        return github_annotation(problem)


REPORTERS: dict[str, type[Reporter]] = {
    reporter.name: reporter for reporter in (TextReporter, JsonReporter, GithubReporter)
}


def reporter(name: str, stream: TextIO, *, verbose: bool = False) -> Reporter:
    return REPORTERS[name](stream, verbose=verbose)
