"""A PDF page's characters grouped into lines, with superscript note markers, for ``pdf.py``.

Characters come from pdfplumber (overprinted duplicates dropped); lines are grouped by vertical
position, largest characters first; each line becomes pieces: runs of text copied from its
characters, and ``[n]`` markers standing for superscript digits after a word. Every piece keeps
the x position of each character it writes, so offsets map back to the page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from statistics import median
from typing import Any

from factcheck.documents.assemble import note_label
from factcheck.documents.model import SegmentOrigin

SUP_SIZE = 0.8  # a superscript is smaller than this share of its line's size...
SUP_RAISE = 0.15  # ...and its bottom sits this share of the size above the line's
_CID = re.compile(r"\(cid:\d{1,6}\)")
_LABEL_CHARS = frozenset("0123456789,–-")


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass(slots=True)
class Piece:
    """A run of one line: text copied from characters, or a ``[n]`` marker."""

    origin: SegmentOrigin
    text: str = ""
    xs: list[float] = field(default_factory=list)
    boxes: list[Char] = field(default_factory=list)

    def bbox(self) -> tuple[float, float, float, float] | None:
        if not self.boxes:
            return None
        return (round(min(c.x0 for c in self.boxes), 2), round(min(c.top for c in self.boxes), 2),
                round(max(c.x1 for c in self.boxes), 2), round(max(c.bottom for c in self.boxes), 2))


@dataclass(slots=True)
class Line:
    top: float
    bottom: float
    size: float
    chars: list[Char]
    page: int = 0
    pieces: list[Piece] = field(default_factory=list)
    text: str = ""
    xs: list[float] = field(default_factory=list)
    label: str | None = None  # the note label a footnote line starts with

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return max(c.x1 for p in self.pieces for c in p.boxes) if any(p.boxes for p in self.pieces) else self.xs[-1]


@dataclass(slots=True)
class Page:
    number: int
    height: float
    lines: list[Line]


def page_chars(page: Any) -> list[Char]:
    """Upright characters on the page, overprinted duplicates (fake bold) dropped once.

    Unmapped glyphs ``(cid:N)`` become U+FFFD. pdfplumber's ``dedupe_chars`` does the same
    job but is quadratic: 40 s on a 37-page report against milliseconds here.
    """
    width, height = float(page.width), float(page.height)
    out = []
    seen: dict[tuple[str, int], list[float]] = {}
    for c in page.chars:
        text = c.get("text") or ""
        if not c.get("upright", True) or not text:
            continue
        x0, x1, top, bottom = float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"])
        if x1 < 0 or x0 > width or bottom < 0 or top > height:
            continue
        if "(cid:" in text:
            text = _CID.sub("\ufffd", text)
        text = "".join(ch if ch >= " " or ch == "\t" else "" for ch in text).replace("\t", " ")
        if not text:
            continue
        near = seen.setdefault((text, round(top)), [])
        if not text.isspace() and any(abs(x0 - x) < min(1.0, 0.3 * (x1 - x0) + 0.1) for x in near):
            continue
        near.append(x0)
        size = float(c.get("size") or 0) or (bottom - top)
        out.append(Char(text, x0, x1, top, bottom, size))
    return out


def group_lines(chars: list[Char], page: int) -> list[Line]:
    """Group characters into lines by vertical position, largest characters first.

    Taking the largest first makes each line's band that of its body text, so a raised,
    smaller superscript still falls inside the band of the line it belongs to.
    """
    lines: list[Line] = []
    tops: list[float] = []
    tallest = 0.0
    for c in sorted(chars, key=lambda c: (-round(c.size * 2), c.top, c.x0)):
        mid = (c.top + c.bottom) / 2
        i = bisect_right(tops, mid)
        target = None
        for j in range(i - 1, -1, -1):
            line = lines[j]
            if line.top < mid - tallest:
                break
            if mid <= line.bottom and c.size >= 0.45 * line.size:
                target = line
                break
        if target is not None:
            target.chars.append(c)
            continue
        lines.insert(i, Line(c.top, c.bottom, c.size, [c], page))
        tops.insert(i, c.top)
        tallest = max(tallest, c.bottom - c.top)
    out = []
    for line in lines:
        line.chars.sort(key=lambda c: c.x0)
        if build_pieces(line):
            out.append(line)
    return out


def build_pieces(line: Line) -> bool:
    """Fill ``line.pieces``/``text``/``xs``; False for a line with no visible character."""
    visible = [c for c in line.chars if not c.text.isspace()]
    if not visible:
        return False
    line.size = median(c.size for c in visible)
    base = median(c.bottom for c in visible if c.size >= SUP_SIZE * line.size)
    sup = [not c.text.isspace() and c.size < SUP_SIZE * line.size and c.bottom < base - SUP_RAISE * line.size
           for c in line.chars]
    pieces: list[Piece] = []
    run = Piece("text")
    last = ""  # the last character written to the line
    prev: Char | None = None
    chars, i = line.chars, 0
    while i < len(chars):
        c = chars[i]
        if sup[i]:
            j = i
            while j < len(chars) and sup[j]:
                j += 1
            group = chars[i:j]
            label = note_label("".join(g.text for g in group))
            if label and not (prev is not None and prev.text[-1:].isdigit()):
                if run.text:
                    pieces.append(run)
                pieces.append(marker_piece(label, group))
                run, last, prev = Piece("text"), "]", group[-1]
                if not pieces[:-1] and j < len(chars) and not chars[j].text.isspace():
                    run.text, run.xs, last = " ", [group[-1].x1], " "  # "¹Note" at a line start
                i = j
                continue
        if c.text.isspace():
            if last and last != " ":
                run.text += " "
                run.xs.append(c.x0)
                last = " "
        else:
            if prev is not None and last != " " and c.x0 - prev.x1 > 0.2 * min(c.size, prev.size):
                run.text += " "
                run.xs.append(prev.x1)
            run.text += c.text
            run.xs.extend([c.x0] * len(c.text))
            run.boxes.append(c)
            last = c.text[-1]
        prev = c
        i += 1
    if run.text.strip():
        pieces.append(run)
    while pieces and pieces[-1].origin == "text" and pieces[-1].text.endswith(" "):
        pieces[-1].text, pieces[-1].xs = pieces[-1].text[:-1], pieces[-1].xs[:-1]
    line.pieces = [p for p in pieces if p.text]
    line.text = "".join(p.text for p in line.pieces)
    line.xs = [x for p in line.pieces for x in p.xs]
    if line.pieces and line.pieces[0].origin == "marker":
        line.label = line.pieces[0].text[1:-1]
    return bool(line.text)


def marker_piece(label: str, group: list[Char]) -> Piece:
    """``[label]`` mapped onto the superscript characters it replaces."""
    text = f"[{label}]"
    digits = [g.x0 for g in group for ch in g.text if ch in _LABEL_CHARS]
    inner = digits if len(digits) == len(label) else [group[0].x0] * len(label)
    return Piece("marker", text, [group[0].x0, *inner, group[-1].x0], list(group))
