"""Semantic versions (https://semver.org) of the dataset: parsing and precedence.

One implementation for the version policy (`validate --base`) and for choosing
"latest" among released downloads.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

SEMVER = re.compile(
    r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
)


@attrs.frozen(order=False)
class Version:
    major: int
    minor: int
    patch: int
    prerelease: tuple[Any, ...] = ()
    text: str = attrs.field(default="", eq=False)

    @classmethod
    def parse(cls, text: str) -> Version | None:
        """The version ``text`` says, or None when it is not MAJOR.MINOR.PATCH[-PRE]."""
        match = SEMVER.match(text)
        if match is None:
            return None
        pre = tuple(int(part) if part.isdigit() else part
                    for part in (match.group(4).split(".") if match.group(4) else ()))
        return cls(int(match.group(1)), int(match.group(2)), int(match.group(3)), pre, text)

    @property
    def core(self) -> tuple[int, int, int]:
        return (self.major, self.minor, self.patch)

    @property
    def is_prerelease(self) -> bool:
        return bool(self.prerelease)

    def sort_key(self) -> tuple[Any, ...]:
        """Semver precedence: 1.0.0-rc.1 < 1.0.0 < 1.0.1 < 1.10.0.

        A release sorts after its pre-releases; numeric pre-release identifiers
        sort numerically and before alphanumeric ones (semver 11.4.3).
        """
        identifiers = tuple((0, part, "") if isinstance(part, int) else (1, 0, part)
                            for part in self.prerelease)
        return (*self.core, 0 if self.prerelease else 1, identifiers)

    def precedes(self, other: Version) -> bool:
        return self.sort_key() < other.sort_key()
