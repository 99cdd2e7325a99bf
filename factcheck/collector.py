"""Python's cyclic garbage collector paused while one document is loaded or audited.

An audit builds hundreds of thousands of small records (citations, links, claims, findings) that
form no reference cycles: plain reference counting frees them. The cyclic collector, though, runs
every 700 allocations and now and then walks every object alive, so on a document of 100,000
citations it took a fifth of the audit's time to find nothing to free. ``with collector_paused():``
turns it off for the block and back on after it (only if it was on: blocks nest); whatever cycles
the block did leave are collected at the collector's next run after that.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
