"""File names for per-document outputs (HTML reports, claim ledgers): unique, stable, readable.

``<stem><suffix>``; on a clash (compared lower-cased: some file systems ignore case) the
format, ``<stem>.<format><suffix>``, then a number, ``<stem>.<format>-2<suffix>``. A stem too
long for a file name (with room for the temporary file's) is cut and given a hash. Names are
given in path order, so the same inputs always get the same names whatever order they were
audited in, and two documents never share one (one would overwrite the other's output).
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from factcheck.reports.atomic import shorten
from factcheck.spool import decode_path, encode_path

if TYPE_CHECKING:
    import sqlite3

#: The longest stem a name keeps, in UTF-8 bytes: with the suffixes, the clash number and the
#: temporary file's ``.`` + ``.<8 random>.tmp`` the name stays far below the 255-byte limit of
#: common file systems.
MAX_STEM_BYTES = 120


class Named(Protocol):
    """What a name is made of: a document, or its summary (``factcheck.results.DocumentSummary``)."""

    @property
    def path(self) -> str: ...

    @property
    def format(self) -> str: ...


def file_stem(path: str) -> str:
    """A name's stem, as a file's: ``a/paper.md`` -> ``paper``."""
    return Path(path).stem


def unique_names(documents: Iterable[Named], suffix: str, reserved: Iterable[str] = (),
                 stem: Callable[[str], str] = file_stem) -> dict[str, str]:
    """Document path -> file name; ``reserved`` names are never given (``index.html``)."""
    by_path = {document.path: document for document in documents}
    taken = {name.lower() for name in reserved}
    return dict(_named(((by_path[path], _base(by_path[path], stem)) for path in sorted(by_path)), suffix,
                       taken.__contains__, taken.add))


def output_names(summaries: Sequence[Named], order: Sequence[int], suffix: str, reserved: Iterable[str] = (),
                 stem: Callable[[str], str] = file_stem) -> Mapping[str, str]:
    """``unique_names`` of a run's documents (``order``: their indexes in path order), the same
    names; from ``NAMES_ON_DISK`` documents on, kept on disk (``NamesOnDisk``): close it after."""
    if len(order) < NAMES_ON_DISK:
        return unique_names((summaries[index] for index in order), suffix, reserved, stem)
    return NamesOnDisk((summaries[index] for index in order), suffix, reserved, stem)


class NamesInPathOrder:
    """The name of each path, asked in path order (a path given twice, twice in a row), read
    along ``names`` (which go in path order, as ``unique_names`` and ``NamesOnDisk`` give them)
    rather than looked up one at a time: on disk, a look-up is a query whose pages SQLite's
    small cache seldom holds. A path asked out of that order is looked up."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self._names = names
        self._rows = iter(names.items())
        self._path: str | None = None
        self._name = ""

    def __call__(self, path: str) -> str:
        while self._path is None or self._path < path:  # the paths ahead, in the order they sort
            try:
                self._path, self._name = next(self._rows)
            except StopIteration:
                break
        return self._name if self._path == path else self._names[path]


def close_names(names: Mapping[str, str]) -> None:
    if isinstance(names, NamesOnDisk):
        names.close()


#: Documents from which a run's output names are kept on disk: a dict of them, with the set of
#: names taken and the summaries they were made from, was most of the 3 KB a document that
#: the client held with the default outputs (``docs/scaling.md``).
NAMES_ON_DISK = 5_000


#: Documents named together: one query asks which of their first names are taken (SQLite's
#: older builds allow 999 values a query).
_CHUNK = 500


class NamesOnDisk(Mapping[str, str]):
    """Document path -> file name, as ``unique_names`` gives them, in a private SQLite database in
    a temporary file (unlinked at once where the system allows, in Python's temporary folder as
    every temporary file of a run; SQLite keeps at most 2 MB of it in memory), for a run whose
    process must hold nothing per document. Iterated in path order. Paths and names are kept as
    their bytes (a file name that is not UTF-8 has lone surrogates, which SQLite's text refuses);
    an error of SQLite's (a full disk) is raised as an ``OSError``, as a temporary file's."""

    def __init__(self, in_path_order: Iterable[Named], suffix: str, reserved: Iterable[str] = (),
                 stem: Callable[[str], str] = file_stem) -> None:
        import sqlite3

        self._error = sqlite3.Error
        handle, self._file = tempfile.mkstemp(prefix="factcheck-names-", suffix=".sqlite")
        os.close(handle)
        self._db: sqlite3.Connection | None = None  # none until connected (``close`` after a failure)
        try:
            with self._errors():
                self._db = db = sqlite3.connect(self._file)
                self._unlink()
                self._build(db, in_path_order, suffix, reserved, stem)
        except BaseException:
            self.close()
            raise

    def _build(self, db: sqlite3.Connection, in_path_order: Iterable[Named], suffix: str, reserved: Iterable[str],
               stem: Callable[[str], str]) -> None:
        db.execute("PRAGMA journal_mode = OFF")  # a scratch table: nothing to roll back
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA cache_size = -2048")  # KiB: 2 MB of pages in memory at most
        # A name taken is a row; the reserved ones have no path. Both indexes made as the rows go
        # in: made after, SQLite would sort them in its own temporary folder.
        db.execute("CREATE TABLE names (path BLOB, name BLOB NOT NULL, lowered BLOB NOT NULL UNIQUE)")
        db.execute("CREATE INDEX by_path ON names (path)")
        add = "INSERT INTO names VALUES (?, ?, ?)"
        db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)",
                       ((None, encode_path(name), encode_path(name.lower())) for name in reserved))
        # A chunk at a time, as ``unique_names`` names one at a time: the names taken before the
        # chunk are on disk, asked about its documents' first names in one query (most take
        # theirs), the chunk's own in a set; a name further down the candidates is asked alone.
        documents = _last_of_each(in_path_order)
        numbered: dict[str, int] = {}  # a stem's numbered names: as many entries as stems named thrice
        while chunk := list(itertools.islice(documents, _CHUNK)):
            based = [(document, _base(document, stem)) for document in chunk]
            firsts = [f"{base}{suffix}".lower() for _, base in based]
            taken_before = {decode_path(lowered) for (lowered,) in db.execute(
                f"SELECT lowered FROM names WHERE lowered IN ({','.join('?' * len(firsts))})",
                [encode_path(first) for first in firsts])}
            taken_here: set[str] = set()
            asked = set(firsts)

            def taken(lowered: str) -> bool:
                return lowered in taken_here or lowered in taken_before or (lowered not in asked and db.execute(
                    "SELECT 1 FROM names WHERE lowered = ?", (encode_path(lowered),)).fetchone() is not None)

            named = list(_named(based, suffix, taken, taken_here.add, numbered))
            db.executemany(add, ((encode_path(path), encode_path(name), encode_path(name.lower()))
                                 for path, name in named))
        db.commit()
        self._count = db.execute("SELECT count(path) FROM names").fetchone()[0]

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except self._error as error:  # "database or disk is full", say
            raise OSError(errno.ENOSPC if "full" in str(error) else None,
                          f"the names of the outputs: {error}") from None

    def _unlink(self) -> None:
        try:
            os.unlink(self._file)
            self._file = None
        except OSError:  # a system that cannot remove an open file: removed when closed
            pass

    def __getitem__(self, path: str) -> str:
        with self._errors():
            found = self._db.execute("SELECT name FROM names WHERE path = ?", (encode_path(path),)).fetchone()
        if found is None:
            raise KeyError(path)
        return decode_path(found[0])

    def __iter__(self) -> Iterator[str]:
        return (path for path, _ in self.items())

    def __len__(self) -> int:
        return self._count

    def values(self) -> Iterator[str]:  # type: ignore[override]
        """The names, in path order, in one query."""
        return (name for _, name in self.items())

    def items(self) -> Iterator[tuple[str, str]]:  # type: ignore[override]
        """(path, name), in path order, in one query."""
        with self._errors():
            rows = self._db.execute("SELECT path, name FROM names WHERE path IS NOT NULL ORDER BY rowid")
            for path, name in rows:
                yield decode_path(path), decode_path(name)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
        if self._file is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._file)
            self._file = None


def _last_of_each(in_path_order: Iterable[Named]) -> Iterator[Named]:
    """A path given twice (the same file named two ways) named once, by the last of its documents
    (they are adjacent), as ``unique_names``'s dict by path keeps it."""
    held: Named | None = None
    for document in in_path_order:
        if held is not None and document.path != held.path:
            yield held
        held = document
    if held is not None:
        yield held


def _base(document: Named, stem: Callable[[str], str]) -> str:
    return shorten(stem(document.path), MAX_STEM_BYTES)


def _named(in_path_order: Iterable[tuple[Named, str]], suffix: str, taken: Callable[[str], bool],
           take: Callable[[str], None], numbered: dict[str, int] | None = None) -> Iterator[tuple[str, str]]:
    """(path, name) of each document (with its stem, cut: ``_base``), in path order: the first of ``<stem><suffix>``,
    ``<stem>.<format><suffix>``, ``<stem>.<format>-2<suffix>``, ... whose lower-cased name is not
    ``taken`` yet, then ``take``n. A numbered name starts after the last one given to the same
    ``<stem>.<format>``, all below it being taken: an ``index.md`` in each of 10,000 folders
    would otherwise try 50 million names."""
    numbered = {} if numbered is None else numbered  # lower-cased "<stem>.<format>" -> its last number
    for document, base in in_path_order:
        name = f"{base}{suffix}"
        if taken(name.lower()):
            with_format = f"{base}.{document.format}"
            name = f"{with_format}{suffix}"
            if taken(name.lower()):
                key = with_format.lower()
                number = numbered.get(key, 1) + 1
                while taken(f"{key}-{number}{suffix}".lower()):
                    number += 1
                numbered[key] = number
                name = f"{with_format}-{number}{suffix}"
        take(name.lower())
        yield document.path, name
