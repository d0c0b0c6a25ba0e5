"""Subcommands of the ``claimset`` command, one module each.

Each module defines ``NAME``, ``HELP``, ``configure(parser)`` and
``run(args) -> int``; :func:`discover` finds them, so adding a command means
adding a module and touching nothing else.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType
from typing import Protocol, cast


class Command(Protocol):
    NAME: str
    HELP: str

    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def discover() -> list[Command]:
    """Every command module in this package, sorted by command name."""
    found: list[Command] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module: ModuleType = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "NAME") and callable(getattr(module, "run", None)):
            found.append(cast(Command, module))
    return sorted(found, key=lambda command: command.NAME)


Runner = Callable[[argparse.Namespace], int]
