"""The results of a large run kept on disk, each read back when a reporter comes to it.

Why: a run used to hold every document's result (its text, its findings, its extraction packed)
until the reports were written, about 13 KB a small document: 1.3 GB at 100,000 documents in
the process that starts the run, growing with the corpus. Here each result is pickled to one
temporary file as it arrives and dropped; the run keeps only its place in the file and a
``DocumentSummary`` (path, rules, counts), some 200 bytes. ``ResultStore`` reads as the sequence
of the results: ``len``, an index, or an iteration that loads one result at a time, so a
reporter that goes through the documents holds one at a time.

The file is created unlinked (``tempfile.TemporaryFile``): it has no name to leave behind, and
the system frees its room when the store is closed or its process ends, however the run ends
(an error, Ctrl-C, a kill).
"""

from __future__ import annotations

import pickle
import tempfile
from array import array
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import overload

from factcheck.results import DocumentResult, DocumentSummary

#: Results kept unpickled, most recently read first: a reporter often reads one document
#: several times in a row (its findings, then its text, then its summary row).
RECENT = 2


class ResultStore(Sequence[DocumentResult]):
    """Document results appended as a run finishes them, on disk; ``summaries`` in memory."""

    def __init__(self, directory: str | None = None) -> None:
        self._file = tempfile.TemporaryFile(prefix="factcheck-results-", dir=directory)
        self._offsets = array("q")
        self._lengths = array("q")
        self._end = 0
        self._index: dict[str, int] | None = None
        self._recent: OrderedDict[int, DocumentResult] = OrderedDict()
        #: One per document, in the order appended: what the summaries and the corpus check read.
        self.summaries: list[DocumentSummary] = []

    def append(self, result: DocumentResult) -> None:
        """Write ``result`` (its extraction packed) to the file and keep its summary."""
        self.append_pickled(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), DocumentSummary.of(result))

    def append_pickled(self, data: bytes, summary: DocumentSummary) -> None:
        """Write a result pickled already (by the worker that audited it) and keep its summary."""
        self._file.seek(self._end)
        self._file.write(data)
        self._offsets.append(self._end)
        self._lengths.append(len(data))
        self._end += len(data)
        self.summaries.append(summary)
        self._index = None

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> DocumentResult: ...

    @overload
    def __getitem__(self, index: slice) -> list[DocumentResult]: ...

    def __getitem__(self, index: int | slice) -> DocumentResult | list[DocumentResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("result store index out of range")
        hit = self._recent.get(index)
        if hit is not None:
            self._recent.move_to_end(index)
            return hit
        self._file.flush()
        self._file.seek(self._offsets[index])
        result = pickle.loads(self._file.read(self._lengths[index]))
        self._recent[index] = result
        if len(self._recent) > RECENT:
            self._recent.popitem(last=False)
        return result

    def __iter__(self) -> Iterator[DocumentResult]:
        for index in range(len(self)):
            yield self[index]

    def position(self, path: str) -> int | None:
        """The index of the document at ``path`` (the first, if given twice), or None."""
        if self._index is None:
            self._index = {}
            for number, summary in enumerate(self.summaries):
                self._index.setdefault(summary.path, number)
        return self._index.get(path)

    def in_order(self, order: Sequence[int]) -> Iterator[DocumentResult]:
        """The results at the indexes of ``order``, loaded one at a time."""
        for index in order:
            yield self[index]

    def close(self) -> None:
        """Free the file now (it is freed anyway when the store is collected or the process ends)."""
        self._recent.clear()
        self._file.close()

    @property
    def closed(self) -> bool:
        return self._file.closed
