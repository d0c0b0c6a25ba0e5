"""Exceptions raised by claimset.

Every exception carries a stable ``code`` (the same catalogue as the checker's
problems, see :mod:`claimset.core.codes`) so that users can search for it, and a
message that says what to do.  The command line turns any :class:`ClaimsetError`
into one line on stderr and exit status 2; nothing else escapes as a traceback.
"""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: importing typing costs every command start-up
if TYPE_CHECKING:  # pragma: no cover
    from claimset.core.problems import Problem


class ClaimsetError(Exception):
    """Base class of every error claimset raises on purpose."""

    code: str = "CS001"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


class UsageError(ClaimsetError):
    """A command or function was called with arguments it cannot use."""

    code = "CS001"


class ArgumentError(UsageError, TypeError, ValueError):
    """A public function was given an argument of a type or value it does not take
    (CS121).  Also a :class:`TypeError` and a :class:`ValueError`, so code that catches
    Python's own errors for a wrong argument still does."""

    code = "CS121"


class InputError(ClaimsetError):
    """A file could not be read or parsed; ``problems`` says where and why."""

    code = "CS109"

    def __init__(self, message: str, *, code: str | None = None,
                 problems: Sequence[Problem] = ()) -> None:
        super().__init__(message, code=code)
        self.problems: tuple[Problem, ...] = tuple(problems)


class DatasetError(InputError):
    """A dataset failed the checks that loading it requires."""

    code = "CS310"


class DownloadError(ClaimsetError):
    """A release could not be fetched or failed its checksum."""

    code = "CS601"
