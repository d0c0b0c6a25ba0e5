"""A progress line on a terminal: documents and MB done, rate, time left.

Shown only when the stream is a terminal (never in a pipe or a log); redrawn at
most :data:`INTERVAL` times a second.  The corpus's total size, which the time left
needs, is summed by a background thread (a walk of sizes only), so a large corpus
starts at once and the estimate appears when the sum is known.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

__all__ = ["Progress"]

INTERVAL = 0.2


class Progress:
    def __init__(self, stream: TextIO, *, paths: Sequence[str], glob: str) -> None:
        self._stream = stream
        self._started = time.monotonic()
        self._shown = 0.0
        self._documents = 0
        self._bytes = 0
        self._total: int | None = None
        threading.Thread(target=self._sum, args=(paths, glob), daemon=True).start()

    @staticmethod
    def wanted(stream: TextIO) -> bool:
        try:
            return stream.isatty()
        except (AttributeError, ValueError):
            return False

    def _sum(self, paths: Sequence[str], glob: str) -> None:
        import fnmatch

        total = 0
        for name in paths:
            path = Path(name)
            try:
                if path.is_dir():
                    for root, _, files in os.walk(path):
                        total += sum((Path(root) / file).stat().st_size
                                     for file in files if fnmatch.fnmatchcase(file, glob))
                elif path.is_file():
                    total += path.stat().st_size
            except OSError:
                return  # no estimate rather than a wrong one
        self._total = total

    def update(self, *, size: int) -> None:
        self._documents += 1
        self._bytes += size
        now = time.monotonic()
        if now - self._shown >= INTERVAL:
            self._shown = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self._started, 1e-9)
        rate = self._bytes / elapsed
        line = f"{self._documents:,} documents  {self._bytes / 1e6:,.1f} MB  " \
               f"{rate / 1e6:,.2f} MB/s"
        if self._total and rate > 0:
            left = max(0.0, (self._total - self._bytes) / rate)
            share = min(100.0, 100.0 * self._bytes / self._total)
            line += f"  {share:.0f}%  {int(left) // 60}:{int(left) % 60:02d} left"
        self._stream.write("\r" + line + "\x1b[K")
        self._stream.flush()

    def close(self) -> None:
        if self._documents:
            self._draw(time.monotonic())
            self._stream.write("\n")
            self._stream.flush()
