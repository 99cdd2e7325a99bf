"""Python's cyclic garbage collector paused while one document is loaded or audited.

An audit builds hundreds of thousands of small records (citations, links, claims, findings) that
form no reference cycles: plain reference counting frees them. The cyclic collector, though, runs
every 700 allocations and now and then walks every object alive, so on a document of 100,000
citations it took a fifth of the audit's time to find nothing to free. ``with collector_paused():``
turns it off for the block and back on after it (only if it was on: blocks nest); whatever cycles
the block did leave are collected at the collector's next run after that.

Leaving the block, the records the block made and kept (its result: 100,000 findings and
citations) are all "young": the collector's first run after it, at the next allocation, would walk
every one of them (a seventh of a second for 500,000 records, and the same again a while later when
they are promoted to the middle generation) to free nothing. So when the block kept many, every
object of the young and middle generations (the block's, and any made before it still there) is
handed straight to the oldest generation (``gc.freeze`` then ``gc.unfreeze``: two list splices, no
walk), which the collector walks only in its rare full runs; a cycle the block did leave waits for
the next full run instead. Not when the calling program froze objects itself (a server that calls
``gc.freeze()`` before forking its workers): ``gc.unfreeze`` would unfreeze those too.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


# Young records left by a block past which they go to the oldest generation unwalked: a small
# document's few thousand are left to the usual young collections.
_MANY_YOUNG = 50_000


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_count()[0] >= _MANY_YOUNG and gc.get_freeze_count() == 0:
                gc.freeze()  # every tracked object to the permanent generation...
                gc.unfreeze()  # ...and from there to the oldest: no walk of the young ones
            gc.enable()
