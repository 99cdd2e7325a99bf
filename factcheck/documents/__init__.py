"""Loaders: one per format, each returning a Document. ``load_document(path)`` dispatches.

Heavy parsers (pdfplumber, python-docx, selectolax) are imported only when their format is met.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.documents.model import MAX_TEXT_CHARS, Document, DocumentMetadata, LoadError, Segment, check_text_size

SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".pdf": "pdf", ".docx": "docx"}

# Refuse larger inputs with a clear message rather than exhaust memory.
MAX_INPUT_BYTES = 200 * 1024 * 1024
# A text file holds at least one character per four bytes: a larger one is refused unread.
_MAX_TEXT_FILE_BYTES = 4 * MAX_TEXT_CHARS

__all__ = ["Document", "DocumentMetadata", "LoadError", "MAX_TEXT_CHARS", "Segment", "SUFFIXES", "check_text_size",
           "load_document"]


def load_document(path: str | Path) -> Document:
    """Read one file into a Document, or raise LoadError with a one-line reason."""
    path = Path(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise LoadError(f"unsupported file type '{path.suffix or path.name}' (supported: {', '.join(sorted(SUFFIXES))})")
    if not path.exists():
        raise LoadError("no such file")
    if path.is_dir():
        raise LoadError(f"is a directory, not a {fmt} file")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise LoadError(f"file is {size // (1024 * 1024)} MB; the limit is {MAX_INPUT_BYTES // (1024 * 1024)} MB")
        if fmt in ("txt", "md") and size > _MAX_TEXT_FILE_BYTES:
            raise LoadError(f"text file is {size / 1e6:.0f} MB; the limit is {MAX_TEXT_CHARS / 1e6:.0f} million "
                            "characters per document (split it into parts)")
        data = path.read_bytes()
    except OSError as error:
        raise LoadError(f"cannot read: {error.strerror or error}") from None
    if not data:
        raise LoadError("empty file")
    document = _load(path, data, fmt)
    check_text_size(len(document.text))
    return document


def _load(path: Path, data: bytes, fmt: str) -> Document:
    if fmt in ("txt", "md"):
        from factcheck.documents.text import load_text

        return load_text(path, data, fmt)
    if fmt == "html":
        from factcheck.documents.html import load_html

        return load_html(path, data)
    if fmt == "pdf":
        from factcheck.documents.pdf import load_pdf

        return load_pdf(path, data)
    from factcheck.documents.docx import load_docx

    return load_docx(path, data)
