"""``factcheck extract FILE``: the text factcheck audits, and what it made of it.

For an editor who wants to see what was read (the article without the page's chrome, the columns
of a PDF in reading order), and for tests that assert it. ``text`` prints the text itself;
``json`` adds its blocks with their kinds (heading, body, caption, byline, references, notes,
code, front matter...), the regions its loader declared (inline code included), its pages (PDF),
and what the loader left out.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.documents.model import Document
from factcheck.extract import Extraction
from factcheck.spans import LineIndex


def pages(document: Document) -> list[dict[str, int]]:
    """The stretch of text each page gave, in text order (PDF)."""
    out: list[dict[str, int]] = []
    for segment in document.segments:
        if segment.page is None:
            continue
        if out and out[-1]["page"] == segment.page:
            out[-1]["end"] = segment.end
        else:
            out.append({"page": segment.page, "start": segment.start, "end": segment.end})
    return out


def extracted_record(document: Document, extraction: Extraction) -> dict[str, Any]:
    lines = LineIndex(document.text)
    meta = document.metadata
    return {
        "path": document.path, "format": document.format, "title": meta.title, "published": meta.published,
        "authors": list(meta.authors), "text": document.text,
        "blocks": [{"kind": b.kind, "start": b.start, "end": b.end, "line": lines.line(b.start),
                    "text": document.text[b.start:b.end]} for b in extraction.blocks],
        "regions": [{"kind": r.kind, "start": r.start, "end": r.end, "line": lines.line(r.start),
                     "text": document.text[r.start:r.end]} for r in document.regions],
        "pages": pages(document),
        "left_out": [{"kind": item.kind, "text": item.text, "locator": item.locator} for item in document.left_out],
    }


def render_extracted(document: Document, extraction: Extraction, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(extracted_record(document, extraction), ensure_ascii=False, indent=2) + "\n"
    return document.text if document.text.endswith("\n") else document.text + "\n"
