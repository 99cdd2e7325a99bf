"""Loaders: one per format, each returning a Document. ``load_document(path)`` dispatches.

A format is one line of ``LOADERS``: its suffixes, its name (``Document.format``) and the loader
``module:function``, which takes ``(path, data, fmt)`` and returns a Document with its text, source
map, metadata and inline suppressions. Heavy parsers (pdfplumber, python-docx, selectolax) are
imported only when their format is met.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from factcheck.collector import collector_paused
from factcheck.documents.files import FileTooLarge, read_bounded
from factcheck.documents.model import MAX_TEXT_CHARS, Document, DocumentMetadata, LoadError, Segment, check_text_size

#: format -> (suffixes, "module:function" of its loader)
LOADERS: dict[str, tuple[tuple[str, ...], str]] = {
    "txt": ((".txt", ".text"), "factcheck.documents.text:load_text"),
    "md": ((".md", ".markdown"), "factcheck.documents.markdown:load_markdown"),
    "html": ((".html", ".htm"), "factcheck.documents.html:load_html"),
    "pdf": ((".pdf",), "factcheck.documents.pdf:load_pdf"),
    "docx": ((".docx",), "factcheck.documents.docx:load_docx"),
}

#: suffix -> format
SUFFIXES = {suffix: fmt for fmt, (suffixes, _) in LOADERS.items() for suffix in suffixes}

# Refuse larger inputs with a clear message rather than exhaust memory.
MAX_INPUT_BYTES = 200 * 1024 * 1024
# A file whose text is read as it is (no container) holds at least one character per four
# bytes: a larger one is refused unread.
_PLAIN_TEXT_FORMATS = ("txt", "md")
_MAX_TEXT_FILE_BYTES = 4 * MAX_TEXT_CHARS

__all__ = ["Document", "DocumentMetadata", "LOADERS", "LoadError", "MAX_TEXT_CHARS", "Segment", "SUFFIXES",
           "check_text_size", "load_document", "loader"]


def loader(fmt: str) -> Callable[[Path, bytes, str], Document]:
    """The loader function of a format, imported on first use."""
    module, _, function = LOADERS[fmt][1].partition(":")
    return getattr(importlib.import_module(module), function)


def load_document(path: str | Path) -> Document:
    """Read one file into a Document, or raise LoadError with a one-line reason."""
    path = Path(path)
    fmt = SUFFIXES.get(path.suffix.lower())
    if path.is_dir():  # "factcheck extract docs/": one file is read here, a folder is audited
        raise LoadError(f"is a directory, not a {fmt or 'document'} file")
    if fmt is None:
        raise LoadError(f"unsupported file type '{path.suffix or path.name}' (supported: {', '.join(sorted(SUFFIXES))})")
    limit = _MAX_TEXT_FILE_BYTES if fmt in _PLAIN_TEXT_FORMATS else MAX_INPUT_BYTES
    try:
        data = read_bounded(path, limit, f"{fmt} file")
    except FileTooLarge as error:
        if fmt in _PLAIN_TEXT_FORMATS:
            size = f"{error.size / 1e6:.0f} MB" if error.size else f"over {limit / 1e6:.0f} MB"
            raise LoadError(f"text file is {size}; the limit is {MAX_TEXT_CHARS / 1e6:.0f} million "
                            "characters per document (split it into parts)") from None
        size = f"{error.size // (1024 * 1024)} MB" if error.size else f"over {limit // (1024 * 1024)} MB"
        raise LoadError(f"file is {size}; the limit is {MAX_INPUT_BYTES // (1024 * 1024)} MB") from None
    if not data:  # an empty file is an empty document (a placeholder, a new draft), not an error
        return Document(path=str(path), format=fmt, text="")
    with collector_paused():
        document = loader(fmt)(path, data, fmt)
    check_text_size(len(document.text))
    return document
