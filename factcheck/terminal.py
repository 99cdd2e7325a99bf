"""What the command line shows on a terminal: the progress bar, whether to colour, the report time.

Kept out of ``factcheck.cli`` so that the argument handling stays thin; each decision here reads
the stream and the environment it is given, so tests can pass their own.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from datetime import datetime, timezone
from typing import TextIO


class Progress:
    """A one-line progress bar on a terminal: documents done/total, the last file, the ETA.

    Shown only once the run has taken ``delay`` seconds, redrawn at most ten times a second,
    and erased when the run ends, so short runs and the report itself never see it.
    """

    def __init__(self, stream: TextIO, delay: float = 1.0, clock=time.monotonic) -> None:
        self.stream = stream
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.last_draw = 0.0
        self.shown = False
        self._timer: threading.Timer | None = None  # the stage said once the delay has passed
        self._lock = threading.Lock()  # the timer's drawing against ``close``'s erasing
        self._closed = False

    @staticmethod
    def wanted(stream: TextIO, quiet: bool, environ: dict[str, str] | None = None) -> bool:
        env = os.environ if environ is None else environ
        if quiet or env.get("CI") or env.get("TERM") == "dumb":
            return False
        try:
            return stream.isatty()
        except (AttributeError, ValueError):
            return False

    def __call__(self, done: int, total: int, path: str) -> None:
        now = self.clock()
        elapsed = now - self.started
        if elapsed < self.delay or (now - self.last_draw < 0.1 and done < total):
            return
        self.last_draw = now
        self.shown = True
        self.stream.write("\r" + self.line(done, total, path, elapsed) + "\x1b[K")
        self.stream.flush()

    def line(self, done: int, total: int, path: str, elapsed: float, columns: int | None = None) -> str:
        columns = columns or shutil.get_terminal_size((80, 24)).columns
        remaining = elapsed / done * (total - done) if done else 0.0
        eta = f"ETA {int(remaining) // 60}:{int(remaining) % 60:02d}"
        count = f"{done}/{total}"
        width = max(10, min(30, columns // 4))
        filled = width * done // max(total, 1)
        bar = "[" + "#" * filled + "-" * (width - filled) + "]"
        head = f"{bar} {count} {eta} "
        room = columns - len(head) - 1
        name = path if len(path) <= room else "…" + path[-(room - 1):] if room > 1 else ""
        return (head + name)[: columns - 1]

    def stage(self, label: str) -> None:
        """What the run does once every document is audited (the check across documents, which
        a large corpus takes minutes over): said on the bar's line, full, in place of a file;
        once the run has taken ``delay`` seconds, though the documents took less (a timer)."""
        if self._timer is not None:  # a stage said before this one: not to be drawn over it
            self._timer.cancel()
        waited = self.clock() - self.started
        if waited >= self.delay:
            self._draw_stage(label)
            return
        self._timer = threading.Timer(self.delay - waited, self._draw_stage, (label,))
        self._timer.daemon = True
        self._timer.start()

    def _draw_stage(self, label: str) -> None:
        columns = shutil.get_terminal_size((80, 24)).columns
        width = max(10, min(30, columns // 4))
        with self._lock:
            if self._closed:  # the run ended while the timer waited
                return
            try:
                self.stream.write("\r" + f"[{'#' * width}] {label}…"[: columns - 1] + "\x1b[K")
                self.stream.flush()
            except (OSError, ValueError):  # the terminal gone (hung up, closed): the bar with it
                self._closed = True
                return
            self.shown = True

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._closed = True
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False


def color_wanted(choice: str, stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    if choice != "auto":
        return choice == "always"
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ReportTimeError(ValueError):
    """SOURCE_DATE_EPOCH is set to something other than a time."""


def report_time(environ: dict[str, str] | None = None) -> datetime:
    """When the HTML reports say they were audited: now, or ``SOURCE_DATE_EPOCH`` when set.

    That variable (reproducible-builds.org) makes two runs on the same inputs write
    byte-identical reports; a value that is not a whole number of seconds is a usage error,
    as that convention asks, rather than a time silently replaced by another.
    """
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(timezone.utc)
    try:
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise ReportTimeError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, "
                              f"not '{epoch}'") from None
