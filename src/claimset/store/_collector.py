"""Pausing Python's cyclic garbage collector while a dataset is read.

Reading 100,000 claims makes about a million dicts, lists and value objects,
none of them part of a reference cycle.  The collector would still walk them
again and again as they accumulate (a young-generation pass every 700
allocations, an older one every tenth of those): a third of `claimset.load()`'s
time at that size.  Reference counting frees everything as usual; only the
cycle search waits until the read is over.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic collector off, then restore its previous state."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
