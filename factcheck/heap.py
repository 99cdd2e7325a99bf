"""The cycle collector paused while one document is loaded or audited.

A document's stages build tens or hundreds of thousands of small records (blocks, entries,
citations, findings) that hold no reference cycles and stay alive until the audit returns. Each
allocation counts towards the collector's thresholds, so it runs again and again as they are made,
each time walking everything young, and now and then the whole heap, and finds nothing to free:
on a 1 MB page of 40,000 paragraphs that was a third of the audit's time. Paused, it catches up at
its next run after the block (cyclic garbage made inside is freed then; the memory limit bounds a
document that would make much of it).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off; on again after it, if it was on (nested blocks
    leave it to the outermost)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
