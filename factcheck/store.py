"""The results of a large run kept on disk, each read back when a reporter comes to it.

Why: a run used to hold every document's result (its text, its findings, its extraction packed)
until the reports were written, about 13 KB a small document: 1.3 GB at 100,000 documents in
the process that starts the run, growing with the corpus. Then it held a ``DocumentSummary`` per
document (path, rules, counts; 11 MB at 100,000) and dicts from path to position. Now both the
results, the summaries and where each summary is are in temporary files (``factcheck.spool``):
what stays in memory is the running totals the reports print (``SummaryTotals``), and the
documents' order by path only when they did not come in that order (8 bytes each).

``ResultStore`` reads as the sequence of the results: ``len``, an index, or an iteration that
loads one result at a time, so a reporter that goes through the documents holds one at a time;
``summaries`` the same for the summaries, ``order`` gives the documents in path order and
``position(path)`` finds one by its path (a binary search through that order).
"""

from __future__ import annotations

import pickle
import struct
import zlib
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import overload

from factcheck.results import DocumentResult, DocumentSummary, SummaryTotals
from factcheck.spool import AppendFile, NumberFile, first_at_least, inverse, sorted_positions

#: Results kept unpickled, most recently read first: a reporter often reads one document
#: several times in a row (its findings, then its text, then its summary row).
RECENT = 2
#: Paths looked up by ``position`` kept with their answer (a corpus finding's documents are
#: asked for again by each reporter).
LOOKUPS = 256
# A summary's record: where its result is in the results' file, how long it is, and how long the
# reports' records prepared for it are (0: none; ``encode_prepared``), which follow it there.
_HEADER = struct.Struct("<QQQ")
#: A prepared record this long or longer (in UTF-8 bytes) is kept compressed: a document's JSON
#: record is some 24 KB, its HTML report 64 KB (24 of them the inline CSS and JS), its claim ledger
#: 38 KB (the bench's generated reports), and a run's temporary file, often on a RAM-backed /tmp,
#: would otherwise hold as much as the outputs: 1 GB at 10,000 documents writing all three. zlib
#: at level 1 makes them a sixth for 0.09 ms a 24 KB record on the worker and 0.06 ms to read back.
COMPRESSED_FROM = 16 * 1024
_RAW, _ZLIB, _PIECES = b"u", b"z", b"p"
_COUNT = struct.Struct("<H")

#: A record prepared for the reports: one text, or several (``factcheck.reports.prepared.Bundle``),
#: None where one was not made.
Prepared = str | tuple[str | None, ...]


def encode_prepared(prepared: Prepared) -> bytes:
    """A prepared record as the store keeps it, after a byte saying how: one text in UTF-8 (lone
    surrogates kept, as a file name that is not UTF-8 has them), compressed from
    ``COMPRESSED_FROM`` bytes; several texts each so, after their count and lengths, so that a
    reporter reads and decompresses its own alone."""
    if isinstance(prepared, str):
        data = prepared.encode("utf-8", "surrogatepass")
        return _ZLIB + zlib.compress(data, 1) if len(data) >= COMPRESSED_FROM else _RAW + data
    encoded = [b"" if text is None else encode_prepared(text) for text in prepared]
    return (_PIECES + _COUNT.pack(len(encoded)) + struct.pack(f"<{len(encoded)}Q", *map(len, encoded))
            + b"".join(encoded))


def kept_pieces(data: bytes, keep: Sequence[bool]) -> bytes:
    """The record of several texts (``encode_prepared``) with only the pieces ``keep`` says, the
    others none (empty: none left, or ``data`` is not several texts)."""
    if data[:1] != _PIECES:
        return b""
    (count,) = _COUNT.unpack_from(data, 1)
    lengths = struct.unpack_from(f"<{count}Q", data, 1 + _COUNT.size)
    at = 1 + _COUNT.size + 8 * count
    pieces = []
    for number, length in enumerate(lengths):
        pieces.append(data[at:at + length] if number < len(keep) and keep[number] else b"")
        at += length
    if not any(pieces):
        return b""
    return _PIECES + _COUNT.pack(count) + struct.pack(f"<{count}Q", *map(len, pieces)) + b"".join(pieces)


def decode_prepared(data: bytes, piece: int | None = None) -> str | None:
    """The text of ``encode_prepared``: of one text, or the ``piece``-th of several (None where
    none was made, or when ``data`` does not hold the kind asked for)."""
    tag = data[:1]
    if tag == _PIECES:
        if piece is None:
            return None
        (count,) = _COUNT.unpack_from(data, 1)
        if not 0 <= piece < count:
            return None
        lengths = struct.unpack_from(f"<{count}Q", data, 1 + _COUNT.size)
        start = 1 + _COUNT.size + 8 * count + sum(lengths[:piece])
        return decode_prepared(data[start:start + lengths[piece]]) if lengths[piece] else None
    if piece is not None:
        return None
    if tag == _ZLIB:
        return str(zlib.decompress(memoryview(data)[1:]), "utf-8", "surrogatepass")
    if tag == _RAW:
        return str(memoryview(data)[1:], "utf-8", "surrogatepass")
    raise ValueError(f"not a prepared record (tag {tag!r})")


class ResultStore(Sequence[DocumentResult]):
    """Document results appended as a run finishes them, with their summaries, on disk."""

    def __init__(self, directory: str | None = None, prepared_as: object = None) -> None:
        self._results = AppendFile("factcheck-results-", directory)
        self._summaries = AppendFile("factcheck-summaries-", directory)
        self._offsets = NumberFile("factcheck-offsets-", directory)  # of each summary's record in its file
        self._recent: OrderedDict[int, DocumentResult] = OrderedDict()
        self._lookups: OrderedDict[str, int | None] = OrderedDict()
        self._last_path: str | None = None
        self._in_path_order = True  # appended in path order so far: ``order`` is then the identity
        self._order: Sequence[int] | None = None
        self._rank: Sequence[int] | None = None
        #: What the reports print of the whole run, summed as documents are appended.
        self.totals = SummaryTotals()
        #: One per document, in the order appended, read from disk when asked.
        self.summaries = StoredSummaries(self)
        #: What made the records kept with the results (``prepared``): a reporter that writes
        #: them as they are finds its own by it (``factcheck.reports.prepared.records_of``).
        self.prepared_as = prepared_as

    def append(self, result: DocumentResult, prepared: bytes = b"") -> None:
        """Write ``result`` (its extraction packed) to the file, and its summary (and ``prepared``,
        as ``append_pickled``)."""
        self.append_pickled(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), DocumentSummary.of(result),
                            prepared)

    def append_pickled(self, data: bytes, summary: DocumentSummary, prepared: bytes = b"") -> None:
        """Write a result pickled already (by the worker that audited it), and its summary; with
        ``prepared``, the reports' record of the document made there too (``encode_prepared``),
        read back by ``prepared``."""
        at = self._results.append(data)
        if prepared:
            self._results.append(prepared)  # right after the result: ``prepared`` reads it at at + len(data)
        record = _HEADER.pack(at, len(data), len(prepared)) + pickle.dumps(summary, protocol=pickle.HIGHEST_PROTOCOL)
        self._offsets.append(self._summaries.append(record))
        self.totals.add(summary)
        if self._last_path is not None and summary.path < self._last_path:
            self._in_path_order = False
        self._last_path = summary.path
        self._order = self._rank = None
        self._lookups.clear()

    def __len__(self) -> int:
        return len(self._offsets)

    def _record(self, index: int) -> bytes:
        start, end = self._offsets.this_and_next(index)
        return self._summaries.read(start, (self._summaries.size if end is None else end) - start)

    def summary(self, index: int) -> DocumentSummary:
        return pickle.loads(memoryview(self._record(index))[_HEADER.size:])

    @overload
    def __getitem__(self, index: int) -> DocumentResult: ...

    @overload
    def __getitem__(self, index: slice) -> list[DocumentResult]: ...

    def __getitem__(self, index: int | slice) -> DocumentResult | list[DocumentResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        index = _checked(index, len(self))
        hit = self._recent.get(index)
        if hit is not None:
            self._recent.move_to_end(index)
            return hit
        at, length, _ = _HEADER.unpack_from(self._record(index))
        result = pickle.loads(self._results.read(at, length))
        self._recent[index] = result
        if len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return result

    def prepared(self, index: int, piece: int | None = None) -> str | None:
        """The reports' record of document ``index`` made where it was audited (by ``prepared_as``),
        or None when it has none: the run was not asked for records, the record was not made there
        (``DocumentJSON`` says when), or a suppression changed the result here. ``piece``: the
        record of that place among several made together (a ``Bundle``'s part). A reporter finds
        its own with ``factcheck.reports.prepared.records_of``."""
        at, length, prepared = _HEADER.unpack_from(self._record(_checked(index, len(self))))
        return decode_prepared(self._results.read(at + length, prepared), piece) if prepared else None

    def __iter__(self) -> Iterator[DocumentResult]:
        for index in range(len(self)):
            yield self[index]

    @property
    def order(self) -> Sequence[int]:
        """The indexes of the documents in path order (stable): a ``range`` when they were
        appended in that order, else sorted on disk (``factcheck.spool.sorted_positions``)."""
        if self._order is None:
            if self._in_path_order:
                self._order = range(len(self))
            else:
                self._order = sorted_positions(summary.path for summary in self.summaries)
        return self._order

    @property
    def rank(self) -> Sequence[int]:
        """The place of each document (by index) in ``order``."""
        if self._rank is None:
            order = self.order
            self._rank = order if isinstance(order, range) else inverse(order)
        return self._rank

    def position(self, path: str) -> int | None:
        """The index of a document at ``path`` (of one of them, should a file be given twice;
        they hold the same text), or None."""
        for index, result in self._recent.items():  # a reporter asks first for the document it is on
            if result.document.path == path:
                return index
        if path in self._lookups:
            self._lookups.move_to_end(path)
            return self._lookups[path]
        order = self.order
        at = first_at_least(len(order), lambda r: self.summary(order[r]).path, path)
        found = order[at] if at < len(order) and self.summary(order[at]).path == path else None
        self._lookups[path] = found
        if len(self._lookups) > LOOKUPS:
            self._lookups.popitem(last=False)
        return found

    def close(self) -> None:
        """Free the files now (they are freed anyway when the store is collected or the process ends)."""
        self._recent.clear()
        self._results.close()
        self._summaries.close()
        self._offsets.close()

    @property
    def closed(self) -> bool:
        return self._results.closed


class StoredSummaries(Sequence[DocumentSummary]):
    """The summaries of a store's documents, in the order appended, each read from disk when asked."""

    def __init__(self, store: ResultStore) -> None:
        self._store = store

    def __len__(self) -> int:
        return len(self._store)

    @overload
    def __getitem__(self, index: int) -> DocumentSummary: ...

    @overload
    def __getitem__(self, index: slice) -> list[DocumentSummary]: ...

    def __getitem__(self, index: int | slice) -> DocumentSummary | list[DocumentSummary]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._store.summary(_checked(index, len(self)))

    def __iter__(self) -> Iterator[DocumentSummary]:
        for index in range(len(self)):
            yield self._store.summary(index)

    @property
    def totals(self) -> SummaryTotals:
        return self._store.totals


def _checked(index: int, length: int) -> int:
    if index < 0:
        index += length
    if not 0 <= index < length:
        raise IndexError("result store index out of range")
    return index
