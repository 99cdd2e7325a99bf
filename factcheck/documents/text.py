"""Plain text and Markdown: decode, normalize line ends, keep a source map when that shifts offsets."""

from __future__ import annotations

from pathlib import Path

from factcheck.documents.encoding import decode
from factcheck.documents.metadata import text_metadata
from factcheck.documents.model import Document, Format, Segment, check_text_size, laminar_regions
from factcheck.documents.suppressions import comment_spans, text_suppressions


def load_text(path: Path, data: bytes, fmt: Format) -> Document:
    raw, encoding = decode(data)
    check_text_size(len(raw))
    text, segments = normalize_newlines(raw)
    metadata = text_metadata(text, extra=(("encoding", encoding),))
    suppressions = text_suppressions(text)
    # A suppression comment is no part of the sentence it follows ("... in 2021. <!-- ... -->").
    regions = laminar_regions([(s, e, "code") for s, e in comment_spans(text)]) if suppressions else ()
    return Document(path=str(path), format=fmt, text=text, segments=segments, metadata=metadata,
                    suppressions=suppressions, regions=regions)


def normalize_newlines(raw: str) -> tuple[str, tuple[Segment, ...]]:
    """CRLF/CR -> LF. Without CRs the text is the source, one segment; with them, one per line."""
    if "\r" not in raw:
        return raw, (Segment(start=0, end=len(raw), source_start=0, source_end=len(raw)),)
    segments = []
    out = []
    src = 0
    dst = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        ending = "\n" if len(body) < len(line) else ""
        segments.append(Segment(start=dst, end=dst + len(body) + len(ending), source_start=src,
                                source_end=src + len(line)))
        out.append(body + ending)
        src += len(line)
        dst += len(body) + len(ending)
    return "".join(out), tuple(segments)
