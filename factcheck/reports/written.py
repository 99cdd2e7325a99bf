"""The files a reporter wrote (a report or a claim ledger per document), as it returns them."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from factcheck.spool import ItemSpool


class FilesWritten(Sequence[Path]):
    """The files written, in order: a list, or for a large run (``on_disk``) their paths in a
    temporary file, read back as they are gone through (a ``Path`` is some 200 bytes: 2 GB a
    list at 10 million documents). ``close`` lets the file go."""

    def __init__(self, on_disk: bool) -> None:
        self._paths: list[str] | ItemSpool[str] = ItemSpool("factcheck-written-") if on_disk else []

    def append(self, path: Path) -> None:
        self._paths.append(os.fspath(path))

    def __len__(self) -> int:
        return len(self._paths)

    def __getitem__(self, index):  # type: ignore[override]  # noqa: ANN001 - Sequence's own overloads
        if isinstance(index, slice):
            return [Path(path) for path in self._paths[index]]
        return Path(self._paths[index])

    def __iter__(self) -> Iterator[Path]:
        return map(Path, self._paths)

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __repr__(self) -> str:
        return f"FilesWritten({len(self)} files)"

    def close(self) -> None:
        if isinstance(self._paths, ItemSpool):
            self._paths.close()
