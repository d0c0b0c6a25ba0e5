"""The public API checks its arguments: a wrong type or value is claimset's own error.

``claimset.load(123)`` used to end in a raw ``TypeError`` from deep inside, and
``claimset.extract(b"12 apples")`` returned ``[]`` as if bytes held no figure.
Each public function now checks what it is given on the way in, with these
helpers, and raises :class:`~claimset.core.errors.ArgumentError` (CS121, also a
``TypeError`` and a ``ValueError``) naming the function, the argument, what it
takes and what it got.  Pure: no I/O.
"""

from __future__ import annotations

import math
import os
from collections.abc import Collection
from typing import Any

from claimset.core.errors import ArgumentError


def _got(value: Any) -> str:
    shown = repr(value)
    return f"{type(value).__name__} {shown[:60]}{'...' if len(shown) > 60 else ''}"


def refused(function: str, name: str, takes: str, value: Any) -> ArgumentError:
    """The error for ``value``, which ``function``'s argument ``name`` does not take."""
    return ArgumentError(f"{function}(): {name} must be {takes}, not {_got(value)}")


def text(function: str, name: str, value: Any, *, optional: bool = False) -> None:
    """``value`` is a str (or None when ``optional``)."""
    if isinstance(value, str) or (optional and value is None):
        return
    takes = "a str" + (" or None" if optional else "")
    if isinstance(value, bytes | bytearray):
        takes += " (decode bytes first, e.g. data.decode('utf-8'))"
    raise refused(function, name, takes, value)


def path(function: str, name: str, value: Any, *, optional: bool = True) -> None:
    """``value`` is a str or an ``os.PathLike`` of str (or None when ``optional``)."""
    if value is None and optional:
        return
    if isinstance(value, str) or (isinstance(value, os.PathLike)
                                  and isinstance(os.fspath(value), str)):
        if "\x00" in os.fspath(value):
            raise ArgumentError(f"{function}(): {name} holds a NUL character: no file has "
                                "such a name")
        return
    raise refused(function, name, "a path (str or os.PathLike)" + (" or None" if optional
                                                                    else ""), value)


def paths(function: str, name: str, value: Any) -> list[str]:
    """``value`` as a list of path strings: one path, or an iterable of paths."""
    if isinstance(value, str | os.PathLike):
        path(function, name, value, optional=False)
        return [os.fspath(value)]
    if isinstance(value, bytes | bytearray) or not hasattr(value, "__iter__") or \
            isinstance(value, dict):
        raise refused(function, name, "a path or an iterable of paths (str or os.PathLike)",
                      value)
    found = []
    for item in value:
        path(function, f"each of {name}", item, optional=False)
        found.append(os.fspath(item))
    return found


def flag(function: str, name: str, value: Any, *, optional: bool = False) -> None:
    """``value`` is True or False (or None when ``optional``)."""
    if isinstance(value, bool) or (optional and value is None):
        return
    raise refused(function, name, "True or False" + (" or None" if optional else ""), value)


def number(function: str, name: str, value: Any, *, minimum: float = 0.0,
           above: bool = False, integer: bool = False, optional: bool = False) -> None:
    """``value`` is a finite int (or float unless ``integer``) at least ``minimum`` (above
    it when ``above``), or None when ``optional``."""
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or (
            integer and not isinstance(value, int)):
        raise refused(function, name, ("an int" if integer else "a number")
                      + (" or None" if optional else ""), value)
    try:
        given = float(value)
    except OverflowError:  # an int too large for a float: refused as not finite
        given = math.inf
    if not math.isfinite(given) or given < minimum or (above and given == minimum):
        bound = f"{'above' if above else 'at least'} {minimum:g}"
        raise ArgumentError(f"{function}(): {name} must be {bound}, not {value!r}")


def choice(function: str, name: str, value: Any, choices: Collection[str]) -> None:
    """``value`` is one of ``choices``."""
    if isinstance(value, str) and value in choices:
        return
    raise refused(function, name, "one of " + ", ".join(repr(item) for item in choices), value)


def callable_or_none(function: str, name: str, value: Any) -> None:
    if value is None or callable(value):
        return
    raise refused(function, name, "a function or None", value)


def instance(function: str, name: str, value: Any, kind: type | tuple[type, ...], *,
             takes: str) -> None:
    if not isinstance(value, kind):
        raise refused(function, name, takes, value)

