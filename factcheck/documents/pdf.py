"""PDF: text rebuilt from the page characters, every character mapped back to its page and box.

The steps, each in its module: characters read from pdfminer's layout (``pdf_chars``); rows and
fragments, then columns found from the geometry and put in reading order (``pdf_columns``);
running headers and footers, page numbers and margin line numbers dropped (``pdf_furniture``);
lines grouped in each column, word spaces read from the gaps and superscripts read as note
markers or exponents (``pdf_lines``, ``pdf_words``, ``pdf_superscripts``); the title, the author
block and the document's own dates of the first page (``pdf_front``); footnotes moved to a
"Notes" section at the end, captions, tables, formulas and page-foot small print set apart
(``pdf_floats``); lines rejoined into paragraphs (``pdf_paragraphs``). So a PDF yields the same text shape as its ``.txt`` twin, and every
segment is one run of one line with its page, box and ``char_x``. What was dropped is kept in
``Document.left_out``; the title, author block, headings, captions, tables, page-foot small print
and the reference list are ``Document.regions``.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path
from typing import Any

from factcheck.documents.assemble import TextBuilder
from factcheck.documents.metadata import text_metadata
from factcheck.documents.model import Document, LeftOut, LoadError, Region, check_text_size
from factcheck.documents.pdf_chars import PageChars, read_page
from factcheck.documents.pdf_columns import cut, fragments
from factcheck.documents.pdf_floats import mark_floats, take_footnotes, write_notes
from factcheck.documents.pdf_front import Front, affiliation_footers, own_dates, read_author_details, read_front
from factcheck.documents.pdf_furniture import drop_line_numbers, drop_running_lines, spaced
from factcheck.documents.pdf_lines import Line, build_pieces, group_lines, mend_split_markers
from factcheck.documents.pdf_paragraphs import (Paragraph, hyphen_rule, is_references_heading, paragraphs,
                                                write_paragraph)

HEADING_SIZE = 1.1  # a heading is set this much larger than the body text (or in bold)
_PDF_DATE = re.compile(r"(\d{4})(\d{2})?(\d{2})?")


def load_pdf(path: Path, data: bytes, fmt: str = "pdf") -> Document:
    """Read the text layer; raise LoadError for non-PDFs, encrypted, damaged or image-only files."""
    if b"%PDF-" not in data[:1024]:
        raise LoadError(f"not a PDF file (starts with {_shown(data)})")
    pages, info = _read(data)
    if not any(page.chars for page in pages):
        raise LoadError("PDF has no text layer (scanned image?); run OCR first")
    lines, left_out = _layout(pages)
    if not lines:
        raise LoadError("PDF has no text layer (scanned image?); run OCR first")
    body_size = _body_size(lines)
    heights = {page.number: page.height for page in pages}
    notes = take_footnotes(lines, body_size, heights)
    lines = [line for line in lines if line.kind != "note"]
    _set_edges(lines)
    mend_split_markers(lines)
    front = read_front(lines, body_size)
    details, marks = read_author_details(lines)
    front.byline.extend(details)
    mark_floats(lines)
    marks.extend(affiliation_footers(lines, front))
    left_out.extend(front.left_out + marks)
    out = TextBuilder()
    parts = _merge_title(paragraphs(lines, hyphen_rule(lines)), front)
    _kinds(parts, front, body_size)
    for n, part in enumerate(parts):
        write_paragraph(part, out, mark=None if part.kind == "body" else f"{n} {part.kind}")
    write_notes(notes, out)
    text, segments, anchors = out.build()
    regions = _regions(anchors)
    first_page = [s for s in segments if s.page == segments[0].page] if segments else []
    dates = own_dates(text, 0, first_page[-1].end) if first_page else []
    title = " ".join(" ".join(line.text for line in front.title).split()) or None
    extra = (("pages", str(len(pages))),) + info
    published = next((iso for label, iso, _, _ in dates if label == "published"), None)
    metadata = text_metadata(text, title=title, published=published, extra=extra)
    if dates:
        known = {(d[2], d[3]) for d in metadata.own_dates}
        merged = metadata.own_dates + tuple(d for d in dates if (d[2], d[3]) not in known)
        metadata = metadata.model_copy(update={"own_dates": tuple(sorted(merged, key=lambda d: d[2]))})
    return Document(path=str(path), format=fmt, text=text, segments=segments, metadata=metadata,
                    regions=regions, left_out=tuple(left_out))


def _shown(data: bytes) -> str:
    """The first bytes as the user would recognize them: 'GIF89a', '\\x89PNG'."""
    head = data[:8]
    end = next((i for i, b in enumerate(head) if i and (b < 0x20 or b == 0x7F)), len(head))
    # Bytes past ASCII as escapes: random bytes read as Latin-1 looked like text ('YÕôê8¡ü').
    return f"'{head[:end].decode('ascii', 'backslashreplace')}'"


# -- reading ---------------------------------------------------------------------------------

def _read(data: bytes) -> tuple[list[PageChars], tuple[tuple[str, str], ...]]:
    """Pages with grouped lines, and the document info as extras; parser errors → LoadError.

    pdfminer (and pdfplumber, for bad metadata) log a warning for every flaw they work around
    in a damaged file; a file they can read is read, one they cannot gives a LoadError, so
    those warnings are held back meanwhile.
    """
    import pdfplumber  # lazy: heavy import

    logs = [logging.getLogger(name) for name in ("pdfminer", "pdfplumber")]
    levels = [log.level for log in logs]
    for log in logs:
        log.setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:  # the empty user password only
            info = _info(pdf.metadata or {})
            pages = []
            chars = 0
            for number, page in enumerate(pdf.pages, 1):
                read = read_page(page, number)
                chars += len(read.chars)
                check_text_size(chars)  # stop reading a huge file as soon as its text is too long
                pages.append(read)
                page.close()
            return pages, info
    except LoadError:
        raise
    except Exception as error:  # pdfminer raises many kinds; all mean "cannot read"
        raise _translate(error) from None
    finally:
        for log, level in zip(logs, levels):
            log.setLevel(level)


def _translate(error: Exception) -> LoadError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSEOF

    cause = error.args[0] if type(error).__name__ == "PdfminerException" and error.args else error
    if isinstance(cause, PDFPasswordIncorrect):
        return LoadError("encrypted PDF (password required)")
    if isinstance(cause, PDFEncryptionError):
        return LoadError(f"encrypted PDF ({cause or 'unsupported encryption'})")
    if isinstance(cause, PSEOF):
        return LoadError("damaged PDF: unexpected end of file (truncated?)")
    reason = " ".join(str(cause).split())[:120] or type(cause).__name__
    return LoadError(f"damaged PDF: {reason}")


def _info(meta: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """PDF info entries as extras; titles there are often file names, so never the title."""
    out = []
    for key in ("Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate", "ModDate"):
        value = meta.get(key)  # pdfplumber has decoded PDF strings already
        value = " ".join(str(value).split()) if value is not None else ""
        if key.endswith("Date") and value.startswith("D:"):
            value = _pdf_date(value[2:])
        if value:
            out.append(("pdf_" + key.lower(), value))
    return tuple(out)


def _pdf_date(digits: str) -> str:
    """"20190301120000Z" → "2019-03-01" (as far as the digits go)."""
    m = _PDF_DATE.match(digits)
    return "-".join(part for part in m.groups() if part) if m else ""




# -- layout ----------------------------------------------------------------------------------

def _layout(pages: list[PageChars]) -> tuple[list[Line], list[LeftOut]]:
    """Every page's lines in reading order (column by column), without the page furniture."""
    left_out: list[LeftOut] = []
    rows_by_page = []
    for page in pages:
        for run in page.rotated:
            left_out.append(LeftOut(kind="watermark", text=run, locator=f"page {page.number}"))
        figure = [c for c in page.chars if c.figure]
        if figure:
            shown = " / ".join(t for t in (spaced(line.chars) for line in group_lines(figure, page.number)) if t)
            left_out.append(LeftOut(kind="figure-text", text=shown, locator=f"page {page.number}"))
        rows = [fragments(line.chars) for line in group_lines([c for c in page.chars if not c.figure], page.number)]
        rows_by_page.append((page.number, page.height, [row for row in rows if row]))
    counted = None  # line numbering goes on from page to page
    for number, _, rows in rows_by_page:
        dropped, counted = drop_line_numbers(rows, number, counted)
        if dropped:
            left_out.append(dropped)
    left_out.extend(drop_running_lines(rows_by_page))
    lines: list[Line] = []
    column = 0
    for page, (number, _, rows) in zip(pages, rows_by_page):
        for region in cut(rows):
            grouped = [line for line in group_lines(region.chars(), number) if build_pieces(line)]
            if not grouped:
                continue
            for line in grouped:
                line.column = column
                if region.sidebar:
                    line.kind = "sidebar"
                if page.dots and _after_dot(line, page.dots):
                    line.starts_item = True
            lines.extend(grouped)
            column += 1
    return lines, left_out


def _after_dot(line: Line, dots: list[tuple[float, float, float, float]]) -> bool:
    """Whether a drawn dot (a list bullet printed as a shape) stands just left of the line."""
    for x0, top, x1, bottom in dots:
        if x1 <= line.x0 and line.x0 - x1 < 2 * line.size and line.top <= (top + bottom) / 2 <= line.bottom:
            return True
    return False


def _set_edges(lines: list[Line]) -> None:
    """Give each line its column's text edges and line count (footnotes left out)."""
    columns: dict[int, list[Line]] = {}
    for line in lines:
        columns.setdefault(line.column, []).append(line)
    for column in columns.values():
        left, right = _edges(column)
        # Justified text reaches the right edge on most lines; ragged text, which nothing
        # hyphenates, does not (its line-end hyphens are the words' own).
        flush = sum(1 for line in column if right - line.x1 <= 1.5)
        ragged = len(column) >= 4 and flush < 0.4 * len(column)
        for line in column:
            line.left, line.right, line.column_lines, line.ragged = left, right, len(column), ragged


def _edges(lines: list[Line]) -> tuple[float, float]:
    """A column's left and right text edges: its outermost line starts and ends, unless one line
    alone sticks out further than an em (a protruding formula, a hanging label)."""
    def outer(values: list[float], reverse: bool, em: float) -> float:
        ordered = sorted(values, reverse=reverse)
        if len(ordered) >= 5 and abs(ordered[0] - ordered[1]) > em:
            return ordered[1]
        return ordered[0]

    em = sorted(line.size for line in lines)[len(lines) // 2]
    return outer([line.x0 for line in lines], False, em), outer([line.x1 for line in lines], True, em)


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _merge_title(parts: list[Paragraph], front: Front) -> list[Paragraph]:
    """The title's lines are one paragraph, however short its first line."""
    if len(front.title) < 2:
        return parts
    title = {id(line) for line in front.title}
    out: list[Paragraph] = []
    for part in parts:
        if out and all(id(line) in title for line in part.lines) and all(id(line) in title for line in out[-1].lines):
            out[-1].lines.extend(part.lines)
            out[-1].how.extend(["space"] + part.how[1:])
        else:
            out.append(part)
    return out


def _kinds(parts: list[Paragraph], front: Front, body_size: float) -> None:
    """Say what each paragraph is: title, byline, code (all its lines monospaced), heading,
    caption (set by the float), the entries under a references heading (up to the next heading),
    body."""
    title = {id(line) for line in front.title}
    byline = {id(line) for line in front.byline}
    in_references = False
    for part in parts:
        if part.kind != "body":
            continue
        if title and all(id(line) in title for line in part.lines):
            part.kind = "title"
        elif byline and all(id(line) in byline for line in part.lines):
            part.kind = "byline"
        elif all(line.mono for line in part.lines) and not _cites_a_note(part):
            # a listing set in a monospaced font: never read as prose; but a package's name in
            # code font with a note marker after it ("skylens¹²") is an item of a list
            part.kind = "code"
        elif _is_heading(part, body_size):
            part.kind = "heading"
            in_references = is_references_heading(" ".join(line.text for line in part.lines))
        elif in_references:
            part.kind = "references"


def _cites_a_note(part: Paragraph) -> bool:
    """A note marker or a few characters in the text font ("skylens (3,4)") beside the code
    font: a name in a list with its citation, not a listing (whose characters are all of it)."""
    plain = sum(1 for line in part.lines for c in line.chars if not c.mono and not c.text.isspace())
    return plain >= 3 or any(piece.role == "note" and not any(c.mono for c in piece.boxes)
                             for line in part.lines for piece in line.pieces)


def _is_heading(part: Paragraph, body_size: float) -> bool:
    if len(part.lines) > 2:
        return False
    text = " ".join(line.text for line in part.lines)
    if len(text) > 120 or text.endswith((".", ",", ";")) or not any(ch.isalpha() for ch in text):
        return False
    if is_references_heading(text):
        return True
    first = part.lines[0]
    return first.size >= HEADING_SIZE * body_size or all(line.bold for line in part.lines)


# What a paragraph's kind is as a Document region.
_REGION_KIND = {"title": "title", "byline": "byline", "heading": "heading", "caption": "caption", "table": "table",
                "code": "code",
                "boilerplate": "boilerplate", "sidebar": "boilerplate", "references": "references"}


def _regions(anchors: tuple[tuple[str, int], ...]) -> tuple[Region, ...]:
    starts: dict[str, int] = {}
    out = []
    for value, offset in anchors:
        edge, number, kind = value.split(" ", 2)
        if edge == "start":
            starts[number] = offset
        elif number in starts and offset > starts[number]:
            start = starts.pop(number)
            if kind in _REGION_KIND:
                out.append(Region(start=start, end=offset, kind=_REGION_KIND[kind]))
    merged: list[Region] = []
    for region in sorted(out, key=lambda r: r.start):
        if merged and region.kind == merged[-1].kind == "references" and region.start - merged[-1].end <= 2:
            merged[-1] = merged[-1].model_copy(update={"end": region.end})  # the entries of one list
        else:
            merged.append(region)
    return tuple(merged)
