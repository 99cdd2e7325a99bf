"""Build small PDFs for the loader tests with fpdf2, line by line, so layouts are exact.

A page is a list of blocks; a block is a list of lines. In a line, ``^12`` writes "12" as a
superscript (fpdf2's ``char_vpos = "SUP"``). Blocks are separated by extra vertical space.
"""

from __future__ import annotations

import re
from pathlib import Path

from fpdf import FPDF

_SUP = re.compile(r"\^(\d+)")
LINE_HEIGHT = 6  # mm, for 12 pt text
NOTE_LINE_HEIGHT = 4.5


class _Paper(FPDF):
    running_header: str | None = None
    page_numbers: bool = False

    def header(self) -> None:
        if self.running_header:
            self.set_font("Helvetica", size=9)
            self.set_xy(self.l_margin, 8)
            self.cell(0, 5, self.running_header)
            self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        if self.page_numbers:
            self.set_font("Helvetica", size=9)
            self.set_y(-12)
            self.cell(0, 5, str(self.page_no()), align="C")


def _write_line(pdf: FPDF, line: str, height: float) -> None:
    pdf.set_x(pdf.l_margin)
    pos = 0
    for m in _SUP.finditer(line):
        pdf.write(height, line[pos:m.start()])
        pdf.char_vpos = "SUP"
        pdf.write(height, m.group(1))
        pdf.char_vpos = "LINE"
        pos = m.end()
    pdf.write(height, line[pos:])
    pdf.ln(height)


def make_pdf(path: Path, pages: list[list[list[str]]], *, header: str | None = None, page_numbers: bool = False,
             footnotes: dict[int, list[str]] | None = None, title: str | None = None,
             password: str | None = None) -> Path:
    """Write ``pages`` (blocks of lines) to ``path``; ``footnotes[i]`` go at the foot of page i."""
    pdf = _Paper(format="A4")
    pdf.running_header = header
    pdf.page_numbers = page_numbers
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 25, 25)
    if title:
        pdf.set_title(title)
    if password:
        pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    for index, blocks in enumerate(pages):
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        for block in blocks:
            for line in block:
                _write_line(pdf, line, LINE_HEIGHT)
            pdf.ln(4)
        notes = (footnotes or {}).get(index, [])
        if notes:
            pdf.set_font("Helvetica", size=9)
            pdf.set_y(297 - 25 - NOTE_LINE_HEIGHT * len(notes))
            for line in notes:
                _write_line(pdf, line, NOTE_LINE_HEIGHT)
    pdf.output(str(path))
    return path
