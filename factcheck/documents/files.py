"""Read a file with bounds: only regular files, never more than a limit, whatever the file says.

A symlink to ``/dev/zero`` reports a size of 0 and never ends; a FIFO named on the command line
blocks ``open`` until a writer comes; a file can grow while it is read. So the file is opened
without blocking, checked to be a regular file on the open descriptor (no race with a swap), and
read up to the limit plus one byte: past the limit it is refused with a one-line reason.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from factcheck.documents.model import LoadError


class FileTooLarge(LoadError):
    """A file over the limit; ``size`` is what the file system says it holds (None: it grew)."""

    def __init__(self, message: str, size: int | None) -> None:
        super().__init__(message)
        self.size = size


def read_bounded(path: str | Path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit``), or LoadError saying why not."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise LoadError("no such file") from None
    except IsADirectoryError:
        raise LoadError(f"is a directory, not a {what}") from None
    except OSError as error:
        raise LoadError(f"cannot read: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(f"is a directory, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(f"not a regular file (a device, pipe or socket), not a {what}")
        if info.st_size > limit:
            raise FileTooLarge(f"{what} is {_megabytes(info.st_size)}; the limit is {_megabytes(limit)}", info.st_size)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise LoadError(f"cannot read: {error.strerror or error}") from None
    finally:
        os.close(fd)
    if total > limit:
        raise FileTooLarge(f"{what} is larger than {_megabytes(limit)}, the limit", None)
    return b"".join(chunks)


def _megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size} bytes"
