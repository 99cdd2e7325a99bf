"""A wall-clock limit on a block of code, so one runaway document cannot hang a whole run.

``with time_limit(seconds):`` raises ``TimeLimitExceeded`` inside the block when it runs longer.
It uses a one-shot ``ITIMER_REAL`` timer and a ``SIGALRM`` handler, which POSIX delivers only
to a process's main thread; so the limit applies where that is where the block runs (the
command line, and the worker processes of ``--jobs``, each the main thread of its own process)
and silently does not apply elsewhere: on Windows, in a thread other than the main one (a
library call from a web server's worker thread), or when something else in the process already
has an alarm timer running (we do not take over a timer we did not set).

Python runs the handler between bytecodes, and the regular-expression engine checks for signals
as it backtracks, so both Python loops and catastrophic regexes are interrupted; a single long
call into C code that never checks (one huge fuzzy comparison) ends before the limit is noticed.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Longer limits are no limit: ``setitimer`` overflows beyond the platform's time_t, and no
#: document is worth years.
_LONGEST = 1e8


class TimeLimitExceeded(BaseException):
    """The block ran past its limit.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` between the
    alarm and the caller (a loader falling back to another parser, a rule skipping a bad
    entry) can swallow it and carry on with the runaway work.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


def limit_available() -> bool:
    """Whether ``time_limit`` can enforce a limit here (POSIX, main thread, alarm timer free)."""
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0)


@contextmanager
def time_limit(seconds: float) -> Iterator[bool]:
    """Raise ``TimeLimitExceeded`` in the block after ``seconds`` (0: no limit).

    Yields whether the limit is enforced (see ``limit_available``). The previous ``SIGALRM``
    handler is put back afterwards, and the timer is off again.
    """
    if not seconds or seconds >= _LONGEST or not limit_available():
        yield False
        return
    armed = True

    def on_alarm(signum: int, frame: object) -> None:
        if armed:  # an alarm that lands after the block finished is a no-op
            raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield True
    finally:
        # Nested so that an alarm arriving right here, before ``armed`` is cleared, still
        # leaves the previous handler in place as it propagates.
        try:
            armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            # None: the handler was set outside Python; the default is the closest we can restore.
            signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
