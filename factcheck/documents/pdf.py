"""PDF: text rebuilt from the page characters, every character mapped back to its page and box.

The steps, each in its module: characters read from pdfminer's layout (``pdf_chars``); rows and
fragments, then columns found from the geometry and put in reading order (``pdf_columns``);
running headers and footers, page numbers and margin line numbers dropped (``pdf_furniture``);
lines grouped in each column, word spaces read from the gaps and superscripts read as note
markers or exponents (``pdf_lines``, ``pdf_words``, ``pdf_superscripts``); the title, the author
block and the document's own dates of the first page (``pdf_front``); footnotes moved to a
"Notes" section at the end; lines rejoined into paragraphs, captions set apart
(``pdf_paragraphs``). So a PDF yields the same text shape as its ``.txt`` twin, and every
segment is one run of one line with its page, box and ``char_x``. What was dropped is kept in
``Document.left_out``; the title, author block, headings and captions are ``Document.regions``.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path
from collections.abc import Callable
from typing import Any

from factcheck.documents.assemble import TextBuilder
from factcheck.documents.metadata import text_metadata
from factcheck.documents.model import Document, LeftOut, LoadError, Region, check_text_size
from factcheck.documents.pdf_chars import PageChars, read_page
from factcheck.documents.pdf_columns import cut, fragments
from factcheck.documents.pdf_front import Front, affiliation_footers, own_dates, read_author_details, read_front
from factcheck.documents.pdf_furniture import drop_line_numbers, drop_running_lines, spaced
from factcheck.documents.pdf_lines import Line, Piece, build_pieces, group_lines, mend_split_markers, relabel
from factcheck.documents.pdf_paragraphs import Paragraph, is_references_heading, paragraphs, write_paragraph

NOTE_SIZE = 0.9  # footnote lines are smaller than this share of the body size
FOOT_LINES = 8  # small print at the foot of a page, set apart: at most this many lines...
FOOT_ZONE = 0.3  # ...starting in the bottom share of the page
HEADING_SIZE = 1.1  # a heading is set this much larger than the body text (or in bold)
# First halves that make compounds with a hyphen ("non-parametric", "multi-dimensional").
_COMPOUND_PREFIXES = frozenset("non multi self well co pre post semi anti cross sub inter intra over under high low "
                               "long short large small full half open real third first second two one three "
                               "data time user case".split())
_WORD = re.compile(r"[^\W\d_]{3,}")
_MATH = frozenset("=+−±×·÷≤≥≈≠∑∏∫√∞∂∈∉⊂⊆∪∩|^<>")
_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’"
_PLAIN_LABEL = re.compile(r"(\d{1,3}) ")
_PDF_DATE = re.compile(r"(\d{4})(\d{2})?(\d{2})?")
_CAPTION = re.compile(r"(?:fig(?:ure)?|table|box|scheme|algorithm|listing|plate|chart|exhibit)\.?\s*"
                      r"(?:s?\d+[a-z]?|[IVX]+)\s*[.:|—–-]", re.IGNORECASE)


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
    notes = _take_footnotes(lines, body_size, heights)
    lines = [line for line in lines if line.kind != "note"]
    _set_edges(lines)
    mend_split_markers(lines)
    front = read_front(lines, body_size)
    details, marks = read_author_details(lines)
    front.byline.extend(details)
    _mark_floats(lines)
    marks.extend(affiliation_footers(lines, front))
    left_out.extend(front.left_out + marks)
    out = TextBuilder()
    parts = _merge_title(paragraphs(lines, _hyphen_rule(lines)), front)
    _kinds(parts, front, body_size)
    for n, part in enumerate(parts):
        write_paragraph(part, out, mark=None if part.kind == "body" else f"{n} {part.kind}")
    _write_notes(notes, out)
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
    return repr(head[:end].decode("latin-1"))


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
    for number, _, rows in rows_by_page:
        dropped = drop_line_numbers(rows, number)
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


# -- footnotes, captions, headings ---------------------------------------------------------------

def _take_footnotes(lines: list[Line], body_size: float, heights: dict[int, float]) -> list[tuple[str, list[Line]]]:
    """Mark footnotes ("note" lines): the smaller lines at the foot of a column, the first one
    labelled. A foot block without a label continues the last note only when the page before
    ended with notes (a footnote running over the page break). A column all in small print
    holds notes only when it is the last on its page and starts with a label. Other small print
    at the foot of a page (a correspondence address, a licence, the received and accepted
    dates) is set apart as a "boilerplate" float, so that it does not cut the paragraph running
    past it."""
    notes: list[tuple[str, list[Line]]] = []
    previous_had_notes = False
    columns: list[list[Line]] = []
    for line in lines:
        if columns and columns[-1][-1].column == line.column:
            columns[-1].append(line)
        else:
            columns.append([line])
    page_of_notes = None
    for n, col in enumerate(columns):
        page = col[0].page
        if page_of_notes is not None and page != page_of_notes:
            previous_had_notes = page_of_notes == page - 1 and previous_had_notes
        last_on_page = n + 1 == len(columns) or columns[n + 1][0].page != page
        cut = len(col)
        while cut > 0 and col[cut - 1].size < NOTE_SIZE * body_size:
            cut -= 1
        if cut == 0 and not last_on_page:
            continue
        block = col[cut:]
        for line in block:
            m = _PLAIN_LABEL.match(line.text) if line.label is None else None
            if m:
                line.label = m.group(1)
        if not block:
            continue
        height = heights.get(page, 1e9)
        # Set apart from the text above it: a column of its own, or a wider gap than a line's.
        apart = cut == 0 or block[0].top - col[cut - 1].bottom > 0.8 * block[0].size
        if cut == 0 and (len(block) > 2 * FOOT_LINES or block[0].top < 0.5 * height):
            continue  # a whole column in small print (a reference list), not the page's foot
        if not apart or block[0].top < 0.5 * height:
            continue  # small print inside the column (a reference list in smaller type), not its foot
        if block[0].label is None and (not (previous_had_notes and cut) or cut == 0):
            if len(block) <= FOOT_LINES and block[0].top > (1 - FOOT_ZONE) * height:
                for line in block:
                    line.kind = "boilerplate"
            continue
        for line in block:
            line.kind = "note"
            if line.label is not None or not notes:
                notes.append((line.label or "?", [line]))
            else:
                notes[-1][1].append(line)
        previous_had_notes, page_of_notes = True, page
    return notes


def _mark_floats(lines: list[Line]) -> None:
    """Captions and tables are floats. A caption is a block opening with "Figure 3." /
    "Table 2:" and the lines that follow it in the same size and column without a wider gap; a
    table row is a line of three cells or more (cells: runs of text with a wide gap between)."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind != "body":
            i += 1
            continue
        if _table_row(lines, i):
            line.kind = "table"
            i += 1
            continue
        if _equation(line):
            line.kind = "equation"
            for piece in line.pieces:
                if piece.role == "note":  # a raised index in a formula is no note marker
                    relabel(line, piece, "plain")
            i += 1
            continue
        prev = lines[i - 1] if i else None
        opens_block = prev is None or prev.column != line.column or abs(prev.size - line.size) > 0.12 * line.size \
            or line.top - prev.bottom > 0.8 * line.size or prev.text.endswith(".")
        if not (opens_block and _CAPTION.match(line.text)):
            i += 1
            continue
        line.kind = "caption"
        j = i + 1
        while j < len(lines):
            nxt, last = lines[j], lines[j - 1]
            # The caption's last line may have gone with the column under it, when it is short.
            below = nxt.column == last.column or (nxt.page == last.page and abs(nxt.x0 - line.x0) < 2)
            if nxt.kind != "body" or not below or abs(nxt.size - last.size) > 0.12 * last.size \
                    or not 0 <= nxt.top - last.bottom <= 0.8 * last.size or _CAPTION.match(nxt.text):
                break
            nxt.kind = "caption"
            j += 1
        i = j


def _equation(line: Line) -> bool:
    """A line of a displayed formula: few words, mostly symbols, digits and lone letters."""
    text = line.text
    if len(text) > 200:
        return False
    words = _WORD.findall(text)
    visible = sum(1 for ch in text if not ch.isspace())
    return visible > 0 and len(words) <= 2 and sum(map(len, words)) < 0.5 * visible and any(ch in _MATH for ch in text)


def _table_row(lines: list[Line], i: int) -> bool:
    """A line of three cells or more next to another such line of its column whose cells start
    at the same places (a justified line with wide word spaces has cells too, but unaligned)."""
    line = lines[i]
    if line.cells < 3:
        return False
    starts = _cell_starts(line)
    for k in (i - 1, i + 1):
        if 0 <= k < len(lines) and lines[k].column == line.column and lines[k].cells >= 3:
            other = _cell_starts(lines[k])
            if sum(1 for x in starts if any(abs(x - y) <= 2.0 for y in other)) >= 2:
                return True
    return False


def _cell_starts(line: Line) -> list[float]:
    visible = [c for c in line.chars if not c.text.isspace()]
    return [b.x0 for a, b in zip(visible, visible[1:]) if b.x0 - a.x1 > 0.8 * line.size]


def _hyphen_rule(lines: list[Line]) -> Callable[[str, str, bool], bool]:
    """Whether a line-end hyphen between ``left`` and ``right`` is a real one (kept): the left
    half is already a compound ("seed-and-"), or the document writes the pair with a hyphen
    elsewhere more often than as one word, or (``ragged``) the text is set ragged-right, where
    nothing hyphenates, the document never writes the pair as one word and one half is a word
    of it ("problem-" "specific", not "infor-" "mation")."""
    words: Counter[str] = Counter()
    after_hyphen = False
    for line in lines:
        tokens = line.text.split()
        for word in tokens[1:] if after_hyphen else tokens:  # not the second half of a broken word
            words[word.strip(_PUNCTUATION).lower()] += 1
        after_hyphen = line.text.endswith("-")

    def keeps(left: str, right: str, ragged: bool) -> bool:
        left, right = left.strip(_PUNCTUATION).lower(), right.strip(_PUNCTUATION).lower()
        if not left or not right:
            return False
        if "-" in left:
            return True
        joined, hyphened = words[left + right], words[f"{left}-{right}"]
        return hyphened > joined or (ragged and not joined and (
            bool(words[left]) or bool(words[right]) or left in _COMPOUND_PREFIXES))
    return keeps


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
    """Say what each paragraph is: title, byline, heading, caption (set by the float), the
    entries under a references heading (up to the next heading), body."""
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
        elif _is_heading(part, body_size):
            part.kind = "heading"
            in_references = is_references_heading(" ".join(line.text for line in part.lines))
        elif in_references:
            part.kind = "references"


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


def _write_notes(notes: list[tuple[str, list[Line]]], out: TextBuilder) -> None:
    """Footnotes as ``[n] text`` paragraphs after a "Notes" heading."""
    if not notes:
        return
    out.end_paragraph()
    out.add("Notes", "note", locator="notes")
    for label, note_lines in notes:
        first = note_lines[0]
        if first.pieces and first.pieces[0].origin != "marker" and first.label:
            _bracket_plain_label(first)
        for line in note_lines:
            line.kind = "body"
        for part in paragraphs(note_lines):
            part.how = ["space" if how == "break" else how for how in part.how]
        merged = Paragraph([line for part in paragraphs(note_lines) for line in part.lines], [])
        merged.how = ["break"] + _note_joins(merged.lines)
        write_paragraph(merged, out, locator=f"footnote {label}", origin="note")


def _note_joins(lines: list[Line]) -> list[str]:
    from factcheck.documents.pdf_paragraphs import joins

    how = joins(lines)
    return ["space" if h == "break" else h for h in how[1:]]


def _bracket_plain_label(line: Line) -> None:
    """"12 Note text" → "[12] Note text" (the digits keep their positions)."""
    piece = line.pieces[0]
    n = len(line.label or "")
    xs = piece.xs[:n]
    marker = Piece("marker", f"[{line.label}]", [xs[0], *xs, xs[-1]], piece.boxes[:n], [0, n + 1], line.label or "",
                   "note")
    piece.text, piece.xs, piece.boxes = piece.text[n:], piece.xs[n:], piece.boxes[n:]
    piece.inserted = [k - n for k in piece.inserted if k >= n]
    line.pieces.insert(0, marker)
