"""Floats of a PDF's text: what is set apart from the running paragraphs.

Footnotes (the smaller, labelled lines at the foot of a column) move to a "Notes" section at
the end; other small print at a page's foot (a correspondence address, a licence, the received
and accepted dates), captions ("Figure 3." / "Table 2:" blocks), table rows and displayed
formulas stay in the text but are written after the paragraph they interrupt, so that a sentence
running past them is not cut (``pdf_paragraphs.paragraphs``).
"""

from __future__ import annotations

import re

from factcheck.documents.assemble import TextBuilder
from factcheck.documents.pdf_lines import Line, Piece, relabel
from factcheck.documents.pdf_paragraphs import Paragraph, joins, paragraphs, write_paragraph

NOTE_SIZE = 0.9  # footnote lines are smaller than this share of the body size
FOOT_LINES = 8  # small print at the foot of a page, set apart: at most this many lines...
FOOT_ZONE = 0.3  # ...starting in the bottom share of the page
_WORD = re.compile(r"[^\W\d_]{3,}")
_MATH = frozenset("=+−±×·÷≤≥≈≠∑∏∫√∞∂∈∉⊂⊆∪∩|^<>")
_PLAIN_LABEL = re.compile(r"(\d{1,3}) ")
_CAPTION = re.compile(r"(?:fig(?:ure)?|table|box|scheme|algorithm|listing|plate|chart|exhibit)\.?\s*"
                      r"(?:s?\d+[a-z]?|[IVX]+)\s*[.:|—–-]", re.IGNORECASE)


def take_footnotes(lines: list[Line], body_size: float, heights: dict[int, float]) -> list[tuple[str, list[Line]]]:
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


def mark_floats(lines: list[Line]) -> None:
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


def write_notes(notes: list[tuple[str, list[Line]]], out: TextBuilder) -> None:
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
