"""The extracted texts of cited works, cached by content hash in a small SQLite file.

Why: reading a 300-page PDF takes seconds, and the same sources are read at every audit. A
source is looked up by the SHA-256 of its bytes and a fingerprint of the readers (the modules of
``factcheck.documents``: a change to a loader makes its old texts stale), so a renamed or moved
file is still found and an edited one is read again. The document is stored as its JSON
(zlib-compressed), never pickled: a cache file is data, and loading it runs no code.

The file lives beside the claim ledger (``claims/.sources-cache.sqlite3`` from the command line);
a cache that cannot be opened or written is no cache, never an error. Texts not read for
``KEEP_DAYS`` days (an edited file's old text, a source no longer cited) are dropped, so the file
stays the size of what is in use.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
import zlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from factcheck import __version__
from factcheck.documents.model import Document

CACHE_NAME = ".sources-cache.sqlite3"
KEEP_DAYS = 90
_SCHEMA = 1


@lru_cache(maxsize=1)
def reader_fingerprint() -> str:
    """A hash of the package version and of the source of every reader module."""
    digest = hashlib.sha256(f"{__version__}/{_SCHEMA}".encode())
    package = resources.files("factcheck.documents")
    for entry in sorted(package.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".py"):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:20]


def content_key(data: bytes, fmt: str) -> str:
    return f"{hashlib.sha256(data).hexdigest()}:{fmt}:{reader_fingerprint()}"


class TextCache:
    """Documents by content key; in memory only when ``path`` is None or cannot be used."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self._db: sqlite3.Connection | None = None
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=10)
                self._db.execute("CREATE TABLE IF NOT EXISTS texts (key TEXT PRIMARY KEY, document BLOB NOT NULL, "
                                 "used REAL NOT NULL)")
                self._db.execute("DELETE FROM texts WHERE used < ?", (time.time() - KEEP_DAYS * 86400,))
                self._db.commit()
            except (OSError, sqlite3.Error):
                self.close()

    def get(self, key: str) -> Document | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT document FROM texts WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            document = Document.model_validate_json(zlib.decompress(row[0]))
            self._db.execute("UPDATE texts SET used = ? WHERE key = ?", (time.time(), key))
            self._db.commit()
            return document
        except (sqlite3.Error, zlib.error, ValueError):
            return None  # a damaged entry: read the file again

    def put(self, key: str, document: Document) -> None:
        if self._db is None:
            return
        try:
            blob = zlib.compress(document.model_dump_json().encode("utf-8"), 6)
            self._db.execute("INSERT OR REPLACE INTO texts (key, document, used) VALUES (?, ?, ?)",
                             (key, blob, time.time()))
            self._db.commit()
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
