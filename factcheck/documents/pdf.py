"""PDF: text rebuilt from pdfplumber's characters, every character mapped back to its page and box.

Lines are grouped from the characters, running headers/footers and page numbers dropped,
footnotes at the foot of a page moved to a "Notes" section at the end, and lines rejoined into
paragraphs (hyphenated words mended, paragraphs cut by a page break continued), so that a PDF
yields the same text shape as its ``.txt`` twin. Superscript digits after a word become
``[n]`` note markers. Each segment is one run of one line with its page, box and ``char_x``.
Two-column layouts are not separated (lines at the same height are read across).
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

from factcheck.documents.assemble import TextBuilder
from factcheck.documents.metadata import text_metadata
from factcheck.documents.model import Document, LoadError, SegmentOrigin, check_text_size
from factcheck.documents.pdf_lines import Line, Page, Piece, group_lines, page_chars

MARGIN_ZONE = 0.08  # running headers/footers live in the top/bottom 8% of the page
NOTE_SIZE = 0.88  # footnote lines are smaller than this share of the body size
_TERMINAL = tuple(".!?:;\"”’)]")
_BULLETS = tuple("•◦▪‣●○■–-*")
_PAGE_NUMBER = re.compile(r"(page |p\. ?)?\d{1,4}( ?(of|/) ?\d{1,4})?|[ivxlc]{1,7}")
_DIGITS = re.compile(r"\d+")
_PLAIN_LABEL = re.compile(r"(\d{1,3}) ")
_PDF_DATE = re.compile(r"(\d{4})(\d{2})?(\d{2})?")


def load_pdf(path: Path, data: bytes, fmt: str = "pdf") -> Document:
    """Read the text layer; raise LoadError for non-PDFs, encrypted, damaged or image-only files."""
    if b"%PDF-" not in data[:1024]:
        raise LoadError(f"not a PDF file (starts with {_shown(data)})")
    pages, info = _read(data)
    if not any(page.lines for page in pages):
        raise LoadError("PDF has no text layer (scanned image?); run OCR first")
    _drop_running_lines(pages)
    body_size = _body_size(pages)
    notes = _take_footnotes(pages, body_size)
    out = TextBuilder()
    _write_lines([line for page in pages for line in page.lines], out, body_size)
    _write_notes(notes, out, body_size)
    text, segments, _ = out.build()
    extra = (("pages", str(len(pages))),) + info
    metadata = text_metadata(text, extra=extra)
    return Document(path=str(path), format=fmt, text=text, segments=segments, metadata=metadata)


def _shown(data: bytes) -> str:
    """The first bytes as the user would recognize them: 'GIF89a', '\\x89PNG'."""
    head = data[:8]
    end = next((i for i, b in enumerate(head) if i and (b < 0x20 or b == 0x7F)), len(head))
    return repr(head[:end].decode("latin-1"))


# -- reading ---------------------------------------------------------------------------------

def _read(data: bytes) -> tuple[list[Page], tuple[tuple[str, str], ...]]:
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
                upright = page_chars(page)
                chars += len(upright)
                check_text_size(chars)  # stop reading a huge file as soon as its text is too long
                pages.append(Page(number, float(page.height), group_lines(upright, number)))
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


# -- running headers, footers and footnotes -------------------------------------------------------

def _drop_running_lines(pages: list[Page]) -> None:
    """Remove lines in the page margins that repeat on half the pages, and bare page numbers."""
    def in_zone(page: Page, line: Line) -> bool:
        return line.bottom < MARGIN_ZONE * page.height or line.top > (1 - MARGIN_ZONE) * page.height

    def key(line: Line) -> str:
        return " ".join(_DIGITS.sub("#", line.text.lower()).split())

    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({key(line) for line in page.lines if in_zone(page, line)})
    needed = max(2, math.ceil(0.5 * len(pages)))
    for page in pages:
        edges = {id(page.lines[0]), id(page.lines[-1])} if len(page.lines) > 1 else set()
        kept = []
        for line in page.lines:
            margin = in_zone(page, line)
            if margin and seen[key(line)] >= needed:
                continue
            if (margin or id(line) in edges) and _PAGE_NUMBER.fullmatch(line.text.strip(" -–—|").lower()):
                continue
            kept.append(line)
        page.lines = kept


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _take_footnotes(pages: list[Page], body_size: float) -> list[tuple[str, list[Line]]]:
    """Move footnotes out of the pages: the smaller lines at a page's foot, first one labelled.

    A foot block without a label continues the last note only when the page before ended
    with notes (a footnote running over the page break).
    """
    notes: list[tuple[str, list[Line]]] = []
    previous_had_notes = False
    for page in pages:
        lines = page.lines
        cut = len(lines)
        while cut > 0 and lines[cut - 1].size < NOTE_SIZE * body_size:
            cut -= 1
        block = lines[cut:] if cut else []  # a page all in small print has no body to annotate
        for line in block:
            m = _PLAIN_LABEL.match(line.text) if line.label is None else None
            if m:
                line.label = m.group(1)
        if not block or (block[0].label is None and not previous_had_notes):
            previous_had_notes = False
            continue
        for line in block:
            if line.label is not None or not notes:
                notes.append((line.label or "?", [line]))
            else:
                notes[-1][1].append(line)
        page.lines = lines[:cut]
        previous_had_notes = True
    return notes


# -- paragraphs ------------------------------------------------------------------------------

def _write_lines(lines: list[Line], out: TextBuilder, body_size: float, note: str | None = None) -> None:
    """Write lines as paragraphs; a note (``note`` = its locator) stays one paragraph."""
    joins = _joins(lines, body_size)
    for i, line in enumerate(lines):
        how = joins[i] if i else "glue"
        if how == "break" and note is None:
            out.end_paragraph()
        elif how in ("space", "break"):
            out.add(" ", "joined", page=lines[i - 1].page, locator=note)
        nxt = joins[i + 1] if i + 1 < len(lines) else "break"
        _write_line(line, out, drop_hyphen=nxt == "hyphen", origin="note" if note else None, locator=note)


def _write_line(line: Line, out: TextBuilder, drop_hyphen: bool = False, origin: SegmentOrigin | None = None,
                locator: str | None = None) -> None:
    for n, piece in enumerate(line.pieces):
        text, xs = piece.text, piece.xs
        if drop_hyphen and n == len(line.pieces) - 1 and text.endswith("-"):
            text, xs = text[:-1], xs[:-1]
        if text:
            out.add(text, origin or piece.origin, char_x=[round(x, 2) for x in xs], page=line.page,
                    bbox=piece.bbox(), locator=locator)


def _joins(lines: list[Line], body_size: float) -> list[str]:
    """For each line, how it follows the previous: "break", "space", "hyphen" or "glue"."""
    # Line pitch as a share of the font size; the commonest one (seen twice) is within a paragraph.
    ratios = Counter(round((b.top - a.top) / a.size * 20) / 20 for a, b in zip(lines, lines[1:])
                     if a.page == b.page and abs(a.size - b.size) < 0.1 * a.size and 0 < b.top - a.top < 3 * a.size)
    ratio, seen = ratios.most_common(1)[0] if ratios else (1.2, 0)
    ratio = ratio if seen >= 2 else 1.2
    ends = sorted(line.x1 for line in lines if abs(line.size - body_size) < 0.1 * body_size) or [0.0]
    right = ends[round(0.8 * (len(ends) - 1))]
    out = ["break"] * len(lines)
    for i in range(1, len(lines)):
        prev, line = lines[i - 1], lines[i]
        if abs(prev.size - line.size) > 0.12 * prev.size or line.text.startswith(_BULLETS):
            continue
        if prev.page == line.page and line.top - prev.top > 1.3 * ratio * prev.size + 0.5:
            continue
        if line.x0 > prev.x0 + 0.8 * line.size and prev.page == line.page:
            continue  # first-line indent
        if len(prev.text) > 1 and prev.text.endswith("-") and prev.text[-2].isalpha():
            out[i] = "hyphen" if line.text[:1].islower() else "glue"
            continue
        if prev.page != line.page:
            # A page break: the paragraph goes on unless its sentence ended there.
            out[i] = "break" if prev.text.endswith(_TERMINAL) else "space"
            continue
        space = line.text.find(" ")
        word = (line.xs[space] if space > 0 else line.x1) - line.x0
        if right - prev.x1 > word + 0.3 * line.size:
            continue  # the next word would have fit: the previous line ended on purpose
        out[i] = "space"
    return out


def _write_notes(notes: list[tuple[str, list[Line]]], out: TextBuilder, body_size: float) -> None:
    """Footnotes as ``[n] text`` paragraphs after a "Notes" heading."""
    if not notes:
        return
    out.end_paragraph()
    out.add("Notes", "note", locator="notes")
    for label, lines in notes:
        out.end_paragraph()
        first = lines[0]
        if first.pieces and first.pieces[0].origin != "marker" and first.label:
            _bracket_plain_label(first)
        _write_lines(lines, out, body_size, note=f"footnote {label}")


def _bracket_plain_label(line: Line) -> None:
    """"12 Note text" → "[12] Note text" (the digits keep their positions)."""
    piece = line.pieces[0]
    n = len(line.label or "")
    xs = piece.xs[:n]
    marker = Piece("marker", f"[{line.label}]", [xs[0], *xs, xs[-1]], piece.boxes[:n])
    piece.text, piece.xs, piece.boxes = piece.text[n:], piece.xs[n:], piece.boxes[n:]
    line.pieces.insert(0, marker)
