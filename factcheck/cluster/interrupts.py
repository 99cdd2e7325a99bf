"""Ctrl-C is the command's, not its workers': the worker processes of the cluster ``--scheduler
dask`` starts ignore SIGINT.

A terminal sends SIGINT to every process of its foreground group, and the worker processes the
command starts are in it: each raised ``KeyboardInterrupt`` wherever it was and printed Dask's
tracebacks over the command's one line (``factcheck: interrupted``), four runs in six on a
pseudo-terminal. The command closes its cluster as it stops, and the cluster its workers.

A worker process is started with SIGINT ignored (``spawned_ignoring_interrupts``, around the
cluster's start), and ignores it from its start-up on (``dask_setup``, run by Dask in every
worker it starts or restarts, named in ``distributed.worker.preload``).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any

#: This module, as Dask's configuration names a worker's preload.
PRELOAD = __name__


def dask_setup(worker: Any) -> None:
    """Runs in each worker process as Dask starts it."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def spawned_ignoring_interrupts() -> Iterator[None]:
    """SIGINT ignored in this process while the cluster starts its processes, which inherit that
    (an ignored signal stays ignored across ``exec``, and Python installs no handler over it); a
    Ctrl-C in that second is lost, and the disposition is the whole process's: a process another
    thread starts meanwhile inherits it too. Blocking it instead did not reach the processes:
    Dask starts them from a thread of its own, whose mask is not this thread's. From the main
    thread only, where signals are set, and not over a handler set from C (Python cannot put
    it back); the preload covers the workers then."""
    previous = signal.getsignal(signal.SIGINT) if threading.current_thread() is threading.main_thread() else None
    if previous is None:  # not the main thread, or a handler set from C that could not be put back
        yield
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
