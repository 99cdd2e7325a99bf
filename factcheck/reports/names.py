"""File names for per-document outputs (HTML reports, claim ledgers): unique, stable, readable.

``<stem><suffix>``; on a clash (compared lower-cased: some file systems ignore case) the
format, ``<stem>.<format><suffix>``, then a number, ``<stem>.<format>-2<suffix>``. A stem too
long for a file name (with room for the temporary file's) is cut and given a hash. Names are
given in path order, so the same inputs always get the same names whatever order they were
audited in, and two documents never share one (one would overwrite the other's output).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from factcheck.reports.atomic import shorten

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


def unique_names(documents: Iterable[Named], suffix: str, reserved: Iterable[str] = (),
                 stem: Callable[[str], str] = lambda path: Path(path).stem) -> dict[str, str]:
    """Document path -> file name; ``reserved`` names are never given (``index.html``)."""
    taken = {name.lower() for name in reserved}
    by_path = {document.path: document for document in documents}
    names: dict[str, str] = {}
    for path in sorted(by_path):
        base, fmt = shorten(stem(path), MAX_STEM_BYTES), by_path[path].format
        candidates = itertools.chain((f"{base}{suffix}", f"{base}.{fmt}{suffix}"),
                                     (f"{base}.{fmt}-{n}{suffix}" for n in itertools.count(2)))
        names[path] = next(c for c in candidates if c.lower() not in taken)
        taken.add(names[path].lower())
    return names
