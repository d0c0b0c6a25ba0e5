"""What a long job tells whoever watches it: the step it is on, and how far into it.

The library's long calls (``build_release``, ``build_site``) take an optional
``progress`` with these two methods; the command line passes a status line that
shows on a terminal only (``claimset.cli._status``), a program may pass its own,
and without one nothing is reported.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def step(self, label: str) -> None:
        """Now doing ``label`` (plain words: "checking 1,000 sources")."""

    def count(self, done: int, total: int) -> None:
        """``done`` of ``total`` items of the current step."""


class Silent:
    """A :class:`Progress` that reports nothing."""

    def step(self, label: str) -> None:
        pass

    def count(self, done: int, total: int) -> None:
        pass


SILENT: Progress = Silent()
