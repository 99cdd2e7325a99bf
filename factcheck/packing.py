"""A document's extraction kept as compressed bytes until a report reads it.

Why: a run over thousands of documents keeps every result until the corpus check and the reports
are done, and a result's extraction (blocks, sentences, claims with their mentions) takes ~200 KB
of Python objects for a 5 KB document: 2 GB at 10,000 documents. Pickled and compressed it is
~8 KB. The corpus check reads only each document's fact statements, and the reports read the
documents one after another, so each extraction is unpacked when read and a few recent ones are
kept (``RECENT``), not all.
"""

from __future__ import annotations

import pickle
import zlib
from collections import OrderedDict
from typing import Any

#: Unpacked extractions kept, most recently read first: a report reads one document's
#: extraction many times in a row, then moves on.
RECENT = 4

_recent: OrderedDict[int, tuple[bytes, Any]] = OrderedDict()


def pack(value: Any) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(packed: bytes) -> Any:
    """The value of ``pack``; the same object again while it is among the ``RECENT`` read."""
    # Keyed by the bytes object's id, which the entry keeps alive, so the id cannot be reused.
    key = id(packed)
    hit = _recent.get(key)
    if hit is not None:
        _recent.move_to_end(key)
        return hit[1]
    value = pickle.loads(zlib.decompress(packed))
    _recent[key] = (packed, value)
    if len(_recent) > RECENT:
        _recent.popitem(last=False)
    return value
