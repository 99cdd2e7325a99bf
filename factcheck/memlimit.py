"""A memory limit on a block of code, so one hostile document cannot take the whole machine.

``with memory_limit(megabytes):`` lowers the process's address-space limit (``RLIMIT_AS``) to what
it uses now plus ``megabytes`` for the block, and puts the old limit back after it. An allocation
past it fails inside the block as ``MemoryError``, which the pipeline reports as that document's
input error; the run goes on with the memory freed. As for the time limit, it applies where it
can be safely set: on POSIX systems with ``resource`` (Linux, macOS), from the main thread (the
command line and each ``--jobs`` worker), never from another thread, whose process the limit
would also bind.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]


def _address_space() -> int | None:
    """Bytes of virtual memory the process maps now (Linux /proc), else None."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    import os

    return pages * os.sysconf("SC_PAGE_SIZE")


@contextmanager
def memory_limit(megabytes: float) -> Iterator[bool]:
    """Limit the block to ``megabytes`` more address space (0: no limit); yields whether it applies."""
    if not megabytes or resource is None or threading.current_thread() is not threading.main_thread():
        yield False
        return
    used = _address_space()
    if used is None:
        yield False
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = used + int(megabytes * 1024 * 1024)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft <= wanted:
        yield False  # a tighter limit is already set by someone else: keep it
        return
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
    try:
        yield True
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
