"""The value objects of a claim's sense (docs/dataset.md, "The quote's sense" and "Facts in
prose"): what words of a quote that point back refer to, and words a curator adds on
purpose to a prose field.  Frozen, with no I/O; :mod:`claimset.store.model` holds them.
"""

from __future__ import annotations

import attrs

__all__ = ["Addition", "Reference"]


@attrs.frozen(kw_only=True)
class Reference:
    """What words of a quote's first sentence that point back refer to (``refers``)."""

    words: str
    to: str


@attrs.frozen(kw_only=True)
class Addition:
    """Words a curator adds on purpose to a claim's or exclusion's prose, and why
    (``added``): the facts-in-prose check accepts the facts they state."""

    words: str
    why: str
