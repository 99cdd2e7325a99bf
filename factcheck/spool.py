"""What a large run keeps of each document, on disk instead of in memory: files appended to and
read back, the list of files to audit, and the documents sorted by path.

Why: the process that starts a run must not grow with the corpus. At 100,000 documents its list
of files as Python strings was 11 MB, and sorting the walk's ``Path`` objects several times
that; a path in a file costs its bytes on disk and nothing in memory.

Every file here is created unlinked (``tempfile.TemporaryFile``): it has no name to leave
behind, and the system frees its room when it is closed or its process ends, however the run
ends (an error, Ctrl-C, a kill). Reads and writes go through ``os.pread`` / ``os.pwrite`` at
explicit offsets, so that two readers (a reporter and a text lookup) never move each other's
position (where there are none, Windows, a seek before each: a run reads from one thread).
"""

from __future__ import annotations

import heapq
import os
import pickle
import tempfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

#: Bytes read at a time when going through a file from the start.
CHUNK_BYTES = 1 << 16
#: Items sorted in memory at a time by ``sorted_on_disk``; more are sorted in runs written to
#: disk and merged.
SORT_RUN = 50_000
#: Items pickled together in a sorted run on disk (the merge holds one block per run).
SORT_BLOCK = 1_000


def encode_path(path: str) -> bytes:
    """A path's bytes: UTF-8, with the lone surrogates of undecodable file names kept (they round-trip)."""
    return path.encode("utf-8", "surrogatepass")


def decode_path(data: bytes) -> str:
    return data.decode("utf-8", "surrogatepass")


def _pread(fd: int, length: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, length, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, length)


def _pwrite(fd: int, data: memoryview, offset: int) -> int:
    if hasattr(os, "pwrite"):
        return os.pwrite(fd, data, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.write(fd, data)


class AppendFile:
    """An unlinked temporary file written only at its end; each write returns its offset."""

    def __init__(self, prefix: str, directory: str | None = None) -> None:
        self._file = tempfile.TemporaryFile(prefix=prefix, dir=directory, buffering=0)
        self._fd = self._file.fileno()
        self.size = 0

    def _open(self) -> int:
        """The file's descriptor; once closed, its number may be another file's: refused."""
        if self._file.closed:
            raise ValueError("I/O operation on a closed temporary file")
        return self._fd

    def append(self, data: bytes) -> int:
        at = self.size
        view = memoryview(data)
        fd = self._open()
        while view:  # a large write may be cut short by the system
            written = _pwrite(fd, view, self.size)
            view = view[written:]
            self.size += written
        return at

    def read(self, offset: int, length: int) -> bytes:
        fd = self._open()
        data = _pread(fd, length, offset)
        while len(data) < length:  # a large read may be cut short too
            more = _pread(fd, length - len(data), offset + len(data))
            if not more:
                raise EOFError(f"temporary file ends at {offset + len(data)}, {length - len(data)} bytes short")
            data += more
        return data

    def chunks(self, start: int = 0) -> Iterator[bytes]:
        """The file's bytes from ``start`` to its end (as it is now), a chunk at a time."""
        offset, end = start, self.size
        while offset < end:
            data = _pread(self._open(), min(CHUNK_BYTES, end - offset), offset)
            if not data:
                return
            offset += len(data)
            yield data

    def close(self) -> None:
        self._file.close()

    @property
    def closed(self) -> bool:
        return self._file.closed


class NumberFile:
    """Numbers (0 to 2**64 - 1) appended to an unlinked temporary file, 8 bytes each, read by
    index: an array of which only the count is in memory (a large run's offset of each
    document, 8 bytes a document: 80 MB at 10 million)."""

    _WIDTH = 8

    def __init__(self, prefix: str, directory: str | None = None) -> None:
        self._file = AppendFile(prefix, directory)
        self._count = 0

    def append(self, number: int) -> None:
        self._file.append(number.to_bytes(self._WIDTH, "little"))
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def this_and_next(self, index: int) -> tuple[int, int | None]:
        """The numbers at ``index`` and ``index + 1`` (None past the last), in one read."""
        if not 0 <= index < self._count:
            raise IndexError("number file index out of range")
        width = self._WIDTH
        data = self._file.read(width * index, width * (2 if index + 1 < self._count else 1))
        return int.from_bytes(data[:width], "little"), (int.from_bytes(data[width:], "little") if len(data) > width
                                                         else None)

    def close(self) -> None:
        self._file.close()


class PathSpool:
    """The files of a run, in the walk's order, in a temporary file: each path's bytes ended by a
    NUL (which no path holds). Iterated from the start as often as needed; only its count is in
    memory."""

    def __init__(self, directory: str | None = None) -> None:
        self._file = AppendFile("factcheck-paths-", directory)
        self._count = 0

    def append(self, path: str) -> None:
        self._file.append(encode_path(path) + b"\0")
        self._count += 1

    def extend(self, paths: Iterable[str]) -> None:
        for path in paths:
            self.append(path)

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        rest = b""
        for chunk in self._file.chunks():
            pieces = (rest + chunk).split(b"\0")
            rest = pieces.pop()
            for piece in pieces:
                yield decode_path(piece)

    def close(self) -> None:
        self._file.close()

    @property
    def closed(self) -> bool:
        return self._file.closed


def sorted_on_disk(items: Iterable[T], directory: str | None = None) -> Iterator[T]:
    """``items`` sorted (stable), without holding them all: up to ``SORT_RUN`` are sorted in
    memory; more are sorted in runs written to a temporary file and merged, a block of each run
    in memory at a time. ``items`` are all taken before the first is given back (a folder's
    listing can be closed), and the file is freed once the last is given."""
    runs: list[tuple[int, int]] = []  # (first block, blocks) of each sorted run in ``spill``
    lengths: list[int] = []  # of each block written, in order
    batch: list[T] = []
    spill: AppendFile | None = None
    for item in items:
        batch.append(item)
        if len(batch) >= SORT_RUN:
            spill = spill or AppendFile("factcheck-sort-", directory)
            runs.append(_write_run(spill, batch, lengths))
            batch = []
    if spill is None:  # all in memory: no file
        batch.sort()
        return iter(batch)
    if batch:
        runs.append(_write_run(spill, batch, lengths))
    offsets = [0]
    for length in lengths:
        offsets.append(offsets[-1] + length)
    return _merged(spill, offsets, runs)


def _write_run(spill: AppendFile, batch: list, lengths: list[int]) -> tuple[int, int]:
    batch.sort()
    first = len(lengths)
    for at in range(0, len(batch), SORT_BLOCK):
        data = pickle.dumps(batch[at:at + SORT_BLOCK], protocol=pickle.HIGHEST_PROTOCOL)
        spill.append(data)
        lengths.append(len(data))
    return first, len(lengths) - first


def _merged(spill: AppendFile, offsets: list[int], runs: list[tuple[int, int]]) -> Iterator:
    def run(first: int, blocks: int) -> Iterator:
        for block in range(first, first + blocks):
            yield from pickle.loads(spill.read(offsets[block], offsets[block + 1] - offsets[block]))

    try:
        yield from heapq.merge(*(run(first, blocks) for first, blocks in runs))
    finally:
        spill.close()


def sorted_positions(paths: Iterable[str], directory: str | None = None) -> array:
    """The positions of ``paths`` (as they come) in the order of the paths, stable: what
    ``sorted(range(n), key=paths.__getitem__)`` gives, without holding every path (8 bytes a
    path in memory; see ``sorted_on_disk``)."""
    pairs = ((path, position) for position, path in enumerate(paths))
    return array("Q", (position for _, position in sorted_on_disk(pairs, directory)))


def inverse(order: array) -> array:
    """``rank`` such that ``rank[order[r]] == r``."""
    rank = array("Q", bytes(8 * len(order)))
    for number, position in enumerate(order):
        rank[position] = number
    return rank


def first_at_least(count: int, key: Callable[[int], str], wanted: str) -> int:
    """The first ``i`` in ``range(count)`` with ``key(i) >= wanted`` (``key`` ascending), or ``count``."""
    low, high = 0, count
    while low < high:
        middle = (low + high) // 2
        if key(middle) < wanted:
            low = middle + 1
        else:
            high = middle
    return low


class ItemSpool(Sequence[T]):
    """Items appended in order and kept pickled in an unlinked temporary file, ``BLOCK`` to a
    pickle: gone through from the start as often as needed, or read by index (its block read
    back, the last one read kept). In memory: the block being filled, the count, and where each
    block starts (8 bytes per ``BLOCK`` items). What a run reports of a whole corpus (the
    conflicts between documents, its corpus findings) is as long as the corpus is large."""

    #: Items pickled together: one read brings back a few dozen findings (some 1.5 KB each).
    BLOCK = 64

    def __init__(self, prefix: str = "factcheck-items-", directory: str | None = None) -> None:
        self._file = AppendFile(prefix, directory)
        self._starts = array("Q")  # of each block written
        self._pending: list[T] = []
        self._count = 0
        self._last: tuple[int, list[T]] | None = None  # (block, its items) last read by index

    def append(self, item: T) -> None:
        if self.closed:  # its items would be kept in memory and lost
            raise ValueError("append to a closed spool")
        self._pending.append(item)
        self._count += 1
        if len(self._pending) >= self.BLOCK:
            self._starts.append(self._file.append(pickle.dumps(self._pending, protocol=pickle.HIGHEST_PROTOCOL)))
            self._pending = []

    def __len__(self) -> int:
        return self._count

    def _block(self, block: int) -> list[T]:
        if self.closed:  # its pending items let go, its file gone: not an empty spool
            raise ValueError("I/O operation on a closed spool")
        if block == len(self._starts):
            return self._pending
        start = self._starts[block]
        end = self._starts[block + 1] if block + 1 < len(self._starts) else self._file.size
        return pickle.loads(self._file.read(start, end - start))

    def __iter__(self) -> Iterator[T]:
        if self.closed:
            raise ValueError("I/O operation on a closed spool")
        written = len(self._starts)  # as it is now: an item appended while this goes is not given
        pending = list(self._pending)
        for block in range(written):
            yield from self._block(block)
        yield from pending

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError("spool index out of range")
        block, at = divmod(index, self.BLOCK)
        if self._last is None or self._last[0] != block or block == len(self._starts):
            self._last = (block, self._block(block))
        return self._last[1][at]

    def close(self) -> None:
        self._pending = []
        self._last = None
        self._file.close()

    @property
    def closed(self) -> bool:
        return self._file.closed
