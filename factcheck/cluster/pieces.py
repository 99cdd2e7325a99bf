"""The pieces of the cross-document check's exchanges (``factcheck.cluster.shuffle``): how a
step's output is packed to cross between workers, and which partition each record goes to."""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable
from typing import Any

Sid = tuple[int, int]  # a group of repeated statements: (document number, group in the document)


def pickled(piece: Any) -> bytes:
    """A piece of an exchange as one pickle: Dask moves bytes between workers as they are, but a
    list of many small tuples it handles record by record, 70 times slower (200,000 records: 0.14
    s as bytes, 9.8 s as a list, between two idle workers of a LocalCluster)."""
    return pickle.dumps(piece, protocol=pickle.HIGHEST_PROTOCOL)


def key_part(key: tuple[str, str, str], partitions: int) -> int:
    """A key's partition: the same in every process (a string's ``hash`` is seeded per process)."""
    return zlib.crc32("\x1f".join(key).encode()) % partitions


def sid_part(sid: Sid, partitions: int) -> int:
    return (sid[0] * 1_000_003 + sid[1]) % partitions


def document_part(document: int, documents: int, partitions: int) -> int:
    """The partition of ``documents`` split into ``partitions`` consecutive ranges that holds
    ``document`` (a number past the last, in the last)."""
    return min(partitions - 1, document * partitions // max(1, documents))


def grouped(records: Iterable[tuple[Any, Any]]) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = {}
    for key, value in records:
        out.setdefault(key, []).append(value)
    return out
