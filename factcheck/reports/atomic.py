"""Write files atomically: a temporary file in the same folder, then a rename.

A reader (a browser, CI picking up the SARIF file, the next run reading the claim ledger) sees
either the old file or the complete new one, never a truncated one, even when the run is killed
mid-write: ``os.replace`` swaps the name in one step. There is no fsync: that guards against a
power cut, not a killed process, and would cost a disk flush per report.

A process killed between creating its temporary file and renaming it (SIGKILL, out of memory)
leaves that file behind. Its name says what it is and hides it: ``.<name>.<8 random>.tmp``
beside ``<name>`` (``reports/.index.html.k2x9_q1a.tmp``); it ends in neither ``.html`` nor
``.json``, so nothing takes it for a report, and ``remove_stale_temporaries`` deletes it on a
later run once it is old enough that no live writer can still own it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

#: What ``mkstemp`` names our temporary files: ``.`` + target name + ``.`` + 8 random + ``.tmp``.
TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")

#: A temporary file older than this belongs to a writer that died: writing one file takes
#: milliseconds, so an hour leaves a wide margin for a concurrent run on a stalled disk.
STALE_AFTER = 3600.0


def write_text_atomic(path: Path, content: str, mode: int = 0o644) -> None:
    """Write ``content`` (UTF-8, ``\\n`` line ends) to ``path`` through a temporary file and a rename.

    ``mode`` is set before the rename (mkstemp makes 0600), so the file never appears with
    other permissions than its own.
    """
    with open_text_atomic(path, mode) as handle:
        handle.write(content)


@contextlib.contextmanager
def open_text_atomic(path: Path, mode: int = 0o644) -> Iterator[TextIO]:
    """A text file (UTF-8, ``\\n`` line ends) to write in pieces, which becomes ``path`` by a rename
    when the block ends without an error (and is removed when it does not).

    A character UTF-8 cannot hold, a lone surrogate (a file name that is not UTF-8, read with
    ``os.fsdecode``, keeps its bytes so), is written as its escape, ``\\udce9``: in a JSON
    string that is the JSON escape of the same character, so the name reads back as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{shorten(path.name)}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            if hasattr(os, "fchmod"):  # not on Windows, where the mode means little anyway
                os.fchmod(handle.fileno(), mode)
            yield handle
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def shorten(name: str, limit: int = 200) -> str:
    """``name`` as is when it fits in ``limit`` UTF-8 bytes, else its start and a hash of the
    whole (two long names that share their start still differ). Used for the temporary file's
    prefix, so that a legal but long target name (up to 255 bytes) cannot push the temporary name
    past the file system's limit and make its own write fail, and for report and ledger names."""
    raw = name.encode("utf-8", "surrogateescape")  # the bytes the file system gets (``os.fsencode``)
    if len(raw) <= limit:
        return name
    digest = hashlib.sha256(raw).hexdigest()[:10]
    return raw[: limit - len(digest) - 1].decode("utf-8", errors="ignore") + "-" + digest


def remove_stale_temporaries(folder: Path, of: str | None = None, older_than: float = STALE_AFTER,
                             now: float | None = None) -> list[Path]:
    """Delete the temporary files killed writers left in ``folder``; returns those removed.

    Only files named as ``write_text_atomic`` names them, and last written more than
    ``older_than`` seconds ago: a concurrent run's file in the middle of being written is left
    alone. ``of`` limits it to the temporaries of one file name, for a folder that is not ours
    (``--output``'s). A folder that does not exist, or a file that cannot be removed, is no
    error: the files are hidden and harmless, and this is tidying.
    """
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not TEMPORARY.match(entry.name) or (of is not None and not entry.name.startswith(f".{shorten(of)}.")):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed
