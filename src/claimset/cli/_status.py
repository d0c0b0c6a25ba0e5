"""A status line on a terminal: what a long command is doing, and for how long.

``claimset build``, ``serve`` and ``validate`` on 100,000 claims each work for a
minute or more; on a terminal, stderr shows the step and its count
(``claimset build: site: page 340 of 1,005 (12 s)``), redrawn by a background thread
a few times a second, so a silent step still shows its time passing.  Nothing is
shown when stderr is not a terminal (a pipe, a log, CI), nor for a command that is
done within :data:`DELAY` seconds (``CLAIMSET_STATUS_DELAY`` sets another, 0 to show it
at once); the line is cleared before the command prints its result.  ``claimset
extract`` has its own line (documents, MB and time left).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from types import TracebackType
from typing import TextIO

from claimset.core.escape import one_line

#: Seconds before the line first shows (a quick command shows nothing), and between redraws.
DELAY = 0.5
INTERVAL = 0.2


def _terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _delay_from_environment() -> float:
    try:
        chosen = float(os.environ.get("CLAIMSET_STATUS_DELAY", DELAY))
    except ValueError:
        return DELAY
    return chosen if 0 <= chosen < 3600 else DELAY


class Status:
    """``with Status("build") as status: status.step("reading"); status.count(3, 10)``."""

    def __init__(self, command: str, *, stream: TextIO | None = None, delay: float | None = None,
                 interval: float = INTERVAL) -> None:
        chosen = stream if stream is not None else sys.stderr
        # Underneath the command line's escaping stream: the line's \r and \x1b[K are
        # claimset's own; every label is claimset's text too (no data reaches it).
        self._stream: TextIO = getattr(chosen, "unescaped", chosen)
        self.enabled = _terminal(self._stream)
        self._command = command
        self._delay = delay if delay is not None else _delay_from_environment()
        self._interval = interval
        self._label = ""
        self._done: int | None = None
        self._total: int | None = None
        self._started = time.monotonic()
        self._shown = False
        self._lock = threading.Lock()
        self._drawing = threading.Lock()  # the ticker and step() both draw: one at a time
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> Status:
        if self.enabled:
            self._thread = threading.Thread(target=self._tick, name="claimset-status",
                                            daemon=True)
            self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def step(self, label: str) -> None:
        """Now doing ``label`` (a count, if any, is reset).

        Once the line shows, a new step is drawn at once rather than at the next tick: a
        step shorter than the redraw interval is still seen (and a test can rely on it).
        """
        with self._lock:
            self._label, self._done, self._total = label, None, None
        if self._thread is not None and time.monotonic() - self._started >= self._delay:
            self._redraw()

    def count(self, done: int, total: int) -> None:
        """``done`` of ``total`` items of the current step."""
        with self._lock:
            self._done, self._total = done, total

    def line(self, now: float | None = None) -> str:
        """The text shown, without the terminal's control characters."""
        elapsed = (time.monotonic() if now is None else now) - self._started
        with self._lock:
            label, done, total = self._label, self._done, self._total
        counted = f" {done:,} of {total:,}" if done is not None and total is not None else ""
        return one_line(f"claimset {self._command}: {label}{counted} ({elapsed:.0f} s)")

    def _tick(self) -> None:
        if self._stop.wait(self._delay):
            return
        while not self._stop.is_set():
            self._redraw()
            self._stop.wait(self._interval)

    def _redraw(self) -> None:
        with self._drawing:
            if not self._stop.is_set():
                self._draw("\r" + self.line() + "\x1b[K")
                self._shown = True

    def _draw(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):  # the terminal went away: nothing left to show
            self._stop.set()

    def close(self) -> None:
        """Stop redrawing and clear the line, so the command's own output starts clean."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._drawing:
            if self._shown:
                self._draw("\r\x1b[K")
                self._shown = False
