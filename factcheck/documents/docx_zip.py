"""A .docx is a zip: checked before python-docx sees it, first from its central directory (the
sizes the archive declares), then by inflating every part as a stream and counting the bytes that
come out, so a header that lies about a part's size cannot let a zip bomb through; reading stops
at the cap."""

from __future__ import annotations

import io
import zipfile

from factcheck.documents.model import LoadError

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 500  # deflate cannot do much better than ~1000:1; real parts stay far below this
# Inflated bytes a docx may hold: a fixed allowance for small files plus INFLATE_FACTOR times the
# file's size. Real Word files inflate 5-22 times (their XML parts up to ~32:1 each); python-docx
# then holds every part in memory and lxml's tree takes ~25 bytes per byte of XML, so the bound
# on inflation is the bound on the memory a small hostile file can make the loader take.
INFLATE_ALLOWANCE = 16 * 1024 * 1024
INFLATE_FACTOR = 20
_CHUNK = 1 << 20


def short_error(error: Exception) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__


def check_zip(data: bytes) -> None:
    """Refuse non-zips, non-Word zips and zip bombs using only the central directory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise LoadError("not a Word document (not a zip archive)") from None
    except Exception as error:  # e.g. NotImplementedError for a zip version from the future
        raise LoadError(f"damaged Word document: {short_error(error)}") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise LoadError(f"not a Word document ({len(infos)} parts in the zip)")
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED:
            raise LoadError(f"docx too large when uncompressed ({total // (1024 * 1024)} MB; zip bomb?)")
        for info in infos:
            ratio = info.file_size // max(info.compress_size, 1)
            if info.file_size > 10 * 1024 * 1024 and ratio > MAX_RATIO:
                raise LoadError(f"docx part {info.filename} expands {ratio}:1 (zip bomb?)")
        names = {info.filename for info in infos}
    if not any(name.startswith("word/document") and name.endswith(".xml") for name in names):
        if "content.xml" in names and "mimetype" in names:
            raise LoadError("not a Word document (an OpenDocument file; save it as .docx)")
        raise LoadError("not a Word document (no word/document.xml in the zip)")
    check_inflated(data)


def check_inflated(data: bytes) -> None:
    """Inflate every part as a stream, counting what comes out: past the cap, refuse (zip bomb).

    The count is of the bytes read, never the sizes the headers declare, and reading stops at the
    cap, so memory stays at one chunk whatever the parts hold.
    """
    cap = min(MAX_UNCOMPRESSED, INFLATE_ALLOWANCE + INFLATE_FACTOR * len(data))
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                with archive.open(info) as member:
                    while chunk := member.read(min(_CHUNK, cap + 1 - total)):
                        total += len(chunk)
                        if total > cap:
                            raise LoadError(f"docx too large when uncompressed: part {info.filename} passed "
                                            f"{_mb(cap)} MB in all, where reading stopped (zip bomb?)")
    except LoadError:
        raise
    except Exception as error:  # bad CRC, truncated stream, unsupported compression, encryption...
        raise LoadError(f"damaged Word document: {short_error(error)}") from None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"
