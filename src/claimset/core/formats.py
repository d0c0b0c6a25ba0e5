"""How ``claimset validate --format`` writes a report: a vocabulary the command line needs
to print its help, so it lives in a module that imports nothing.

:mod:`claimset.core.vocabulary`, where every other closed vocabulary is, re-exports it;
it is kept apart because that module imports ``typing`` for its ``Literal`` types,
which is a fifth of what ``claimset validate --help`` would cost
(``benchmarks/startup.py``).  The reporters (:mod:`claimset.check.reporters`) are
tested to be exactly these.
"""

from __future__ import annotations

__all__ = ["REPORT_FORMATS"]

#: How ``claimset validate --format`` writes a report (``claimset.check.reporters``).
REPORT_FORMATS: tuple[str, ...] = ("github", "json", "text")
