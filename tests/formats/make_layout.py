"""Build journal-like PDFs for the layout tests with fpdf2, word by word, so layouts are exact.

Unlike ``make_pdf`` (one column, lines written as strings), every word is placed on its own at
a computed position, as TeX does: the file holds no space characters, so word spaces must be
read from the gaps, and lines can be justified. A page is a list of frames (a column, or a
full-width block) holding paragraphs of pre-broken lines. In a line, ``^12`` writes "12" raised
and smaller after the word before it (a note marker, a citation, an affiliation mark or an
exponent: the reader has to tell which); a word in backticks ("`lenstool`") is set in Courier, as
Markdown's inline code is typeset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

_SUP = re.compile(r"\^([0-9–*†a-z]+(?:[,-][0-9–*†a-z]+)*)")
_PART = re.compile(_SUP.pattern + r"|`([^`]+)`")
SUP_SCALE = 0.7


@dataclass
class Para:
    lines: list[str]
    size: float = 10.0
    bold: bool = False
    indent: float = 0.0  # first-line indent, points
    hanging: float = 0.0  # indent of the other lines, points
    justify: bool = True  # every line but the last fills the frame's width
    gap: float = 0.0  # extra space before the paragraph, points


@dataclass
class Frame:
    x: float  # left edge, points
    top: float  # first baseline minus the size, points
    width: float
    paras: list[Para] = field(default_factory=list)
    leading: float = 1.25  # baseline distance as a share of the size


@dataclass
class Page:
    frames: list[Frame]
    footnotes: list[str] = field(default_factory=list)  # lines at the foot of the page, 8 pt


def make_layout_pdf(path: Path, pages: list[Page], *, header: str | None = None, page_numbers: bool = False,
                    watermark: str | None = None, line_numbers: bool = False) -> Path:
    """Write ``pages`` to ``path`` (US letter, points). ``header`` runs at the top of every page
    but the first; ``watermark`` is printed vertically along the right margin of every page;
    ``line_numbers`` prints a running number beside every line of the frames, in the left margin."""
    pdf = FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    number = 0
    for index, page in enumerate(pages):
        pdf.add_page()
        if header and index:
            _place(pdf, 54, 40, header, 8, False, None)
        if page_numbers:
            pdf.set_font("Helvetica", size=8)
            _place(pdf, 300, 760, str(index + 1), 8, False, None)
        if watermark:
            pdf.set_font("Helvetica", size=7)
            with pdf.rotation(90, 590, 600):
                pdf.text(590, 600, watermark)
        for frame in page.frames:
            y = frame.top
            for para in frame.paras:
                y += para.gap
                for k, line in enumerate(para.lines):
                    y += para.size * frame.leading
                    x = frame.x + (para.indent if k == 0 else para.hanging)
                    width = frame.width - (x - frame.x)
                    last = k == len(para.lines) - 1
                    _place(pdf, x, y, line, para.size, para.bold, width if para.justify and not last else None)
                    if line_numbers:
                        number += 1
                        pdf.set_font("Helvetica", size=6)
                        text = str(number)
                        pdf.text(frame.x - 14 - pdf.get_string_width(text), y, text)
        y = 740 - 10 * len(page.footnotes)
        for line in page.footnotes:
            y += 10
            _place(pdf, 54, y, line, 8, False, None)
    pdf.output(str(path))
    return path


def _place(pdf: FPDF, x: float, y: float, line: str, size: float, bold: bool, justify: float | None) -> None:
    """Write ``line`` word by word from ``x`` on the baseline ``y``; justified to ``justify``
    points when given."""
    style = "B" if bold else ""
    words = line.split(" ")
    pieces = []  # per word: [(text, raised, monospaced)]
    for word in words:
        parts, pos = [], 0
        for m in _PART.finditer(word):
            if m.start() > pos:
                parts.append((word[pos:m.start()], False, False))
            parts.append((m.group(1), True, False) if m.group(1) else (m.group(2), False, True))
            pos = m.end()
        if pos < len(word):
            parts.append((word[pos:], False, False))
        pieces.append(parts)

    def font(raised: bool, mono: bool) -> None:
        pdf.set_font("Courier" if mono else "Helvetica", style, size * SUP_SCALE if raised else size)

    def width(parts: list[tuple[str, bool, bool]]) -> float:
        total = 0.0
        for text, raised, mono in parts:
            font(raised, mono)
            total += pdf.get_string_width(text)
        return total

    pdf.set_font("Helvetica", style, size)
    space = pdf.get_string_width(" ")
    widths = [width(parts) for parts in pieces]
    if justify is not None and len(words) > 1:
        space = (justify - sum(widths)) / (len(words) - 1)
        if space < 0.6 * pdf.get_string_width(" "):
            raise ValueError(f"line too long for its frame: {line!r}")
    for parts, w in zip(pieces, widths):
        cursor = x
        for text, raised, mono in parts:
            font(raised, mono)
            pdf.text(cursor, y - (0.38 * size if raised else 0), text)
            cursor += pdf.get_string_width(text)
        x += w + space
