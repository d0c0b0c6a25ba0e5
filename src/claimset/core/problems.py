"""Problems found by the checker, and the report that collects them."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from claimset.core.codes import Severity, problem_type
from claimset.core.escape import one_line


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong (or worth a look) at one place in one file.

    ``line`` and ``column`` are 1-based and count code points; ``pointer`` is
    the RFC 6901 JSON pointer of the offending value ("" for the whole file).
    """

    code: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    pointer: str | None = None
    severity: Severity = attrs.field(default=None, converter=attrs.converters.optional(Severity))

    def __attrs_post_init__(self) -> None:
        if self.severity is None:
            object.__setattr__(self, "severity", problem_type(self.code).severity)

    @property
    def title(self) -> str:
        return problem_type(self.code).title

    @property
    def location(self) -> str:
        """``file:line:col`` as compilers print it (parts that are unknown are left out)."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        """``file:line:col: CODE message``, as ``claimset validate`` prints it (severity
        named when it is not an error), one line whatever the data held."""
        label = "" if self.severity is Severity.ERROR else f"{self.severity.value}: "
        return one_line(f"{self.location}: {self.code} {label}{self.message}")

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "title": self.title,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
        }


def _sort_key(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.file or "", problem.line or 0, problem.column or 0, problem.code)


def _sorted(found: Iterable[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(found, key=_sort_key))


@attrs.frozen
class Report:
    """Everything a check found, sorted by file and position."""

    problems: tuple[Problem, ...] = attrs.field(default=(), converter=_sorted)

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> Report:
        return cls(tuple(problems))

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings and notes do not fail a check)."""
        return not self.errors

    def codes(self) -> set[str]:
        return {problem.code for problem in self.problems}

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        notes = len(self.problems) - errors - warnings
        return f"{errors} error(s), {warnings} warning(s), {notes} note(s)"

    def __str__(self) -> str:
        """Each problem on its line (``str(problem)``), then ``ok``/``FAILED`` and the counts."""
        verdict = "ok" if self.ok else "FAILED"
        return "\n".join([*(str(problem) for problem in self.problems),
                          f"{verdict}: {self.summary()}"])
