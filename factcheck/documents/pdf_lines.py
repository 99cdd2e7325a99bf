"""A PDF column's characters grouped into lines, each line cut into pieces, for ``pdf.py``.

Lines are grouped by vertical position, largest characters first; each line becomes pieces:
runs of text copied from its characters (with the word spaces read from the gaps between them,
``pdf_words``), and markers standing for superscripts (``[3]`` for a note or numeric citation,
``^2`` for an exponent, ``pdf_superscripts``). Every piece keeps the x position of each character
it writes and which characters it inserted, so offsets map back to the page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from statistics import median

from factcheck.documents.assemble import note_label
from factcheck.documents.model import SegmentOrigin
from factcheck.documents.pdf_chars import Char
from factcheck.documents.pdf_superscripts import classify
from factcheck.documents.pdf_words import word_gap

SUP_SIZE = 0.9  # a superscript is smaller than this share of its line's size (a browser sets <sup> at 0.83)...
SUP_RAISE = 0.15  # ...and its bottom sits this share of the size above the line's
SUP_FAR = 0.3  # a character raised this share of the size is a superscript whatever its size
CELL_GAP = 0.8  # em: a gap this wide inside a line separates two cells (a table row)
_LABEL_CHARS = frozenset("0123456789,–-")
# Raised marks that are neither numbers nor exponents: footnote symbols and letters ("a,b"),
# numbers with a symbol ("1*").
_PROSE_WORD = re.compile(r"[^\W\d_]{2,}")
_CLOSING = tuple("*†‡§,;.:)]")
_SYMBOL_MARK = re.compile(r"[*†‡§¶#∗⁎a-z,]{1,6}|[0-9,]{0,6}[*†‡§¶#∗⁎][0-9,*†‡§¶#∗⁎]{0,6}")


@dataclass(slots=True)
class Piece:
    """A run of one line: text copied from characters, or a marker for a superscript.

    ``inserted`` holds the offsets (in ``text``) of characters that stand for no glyph: a word
    space read from a gap, the brackets of ``[3]``, the caret of ``^2``. ``raised`` is the
    superscript's own text for a marker, and ``role`` what it was read as.
    """

    origin: SegmentOrigin
    text: str = ""
    xs: list[float] = field(default_factory=list)
    boxes: list[Char] = field(default_factory=list)
    inserted: list[int] = field(default_factory=list)
    raised: str = ""
    role: str = ""

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
    column: int = 0  # the index of the column (region) it was read in, across the document
    left: float = 0.0  # the column's left and right text edges
    right: float = 0.0
    column_lines: int = 0  # how many lines the column has
    ragged: bool = False  # the column is set ragged-right (not justified)
    bold: bool = False
    mono: bool = False  # set mostly in a monospaced (code) font
    top_size: float = 0.0  # the size of the line's larger type (its text beside inline code)
    kind: str = "body"  # or a float set apart from the body: "caption", "table", "boilerplate"
    cells: int = 1  # fragments (runs without a gap wider than a word space): table rows have several
    starts_item: bool = False  # opened by a mark (an affiliation line): a paragraph of its own
    continues_marker: bool = False  # opens with the rest of a superscript group the line before broke

    @property
    def x0(self) -> float:
        return self.xs[0]

    @property
    def x1(self) -> float:
        return max(c.x1 for p in self.pieces for c in p.boxes) if any(p.boxes for p in self.pieces) else self.xs[-1]


def group_lines(chars: list[Char], page: int) -> list[Line]:
    """Group characters into lines by vertical position, largest characters first; each line's
    characters sorted by x, lines sorted top to bottom. No pieces yet.

    Taking the largest first makes each line's band that of its body text, so a raised,
    smaller superscript still falls inside the band of the line it belongs to.
    """
    lines: list[Line] = []
    tops: list[float] = []
    tallest = 0.0
    for c in sorted(chars, key=lambda c: (-round(c.size, 1), c.top, c.x0)):
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
        if target is None and i < len(lines):
            below = lines[i]  # a character raised above the top of the line it sits on
            if c.size <= below.size and below.top + 0.3 * below.size < c.bottom <= below.bottom \
                    and below.top - mid < 0.5 * below.size:
                target = below
        if target is not None:
            target.chars.append(c)
            continue
        lines.insert(i, Line(c.top, c.bottom, c.size, [c], page))
        tops.insert(i, c.top)
        tallest = max(tallest, c.bottom - c.top)
    for line in lines:
        line.chars.sort(key=lambda c: c.x0)
    return lines


def build_pieces(line: Line) -> bool:
    """Fill ``line.pieces``/``text``/``xs``; False for a line with no visible character."""
    visible = [c for c in line.chars if not c.text.isspace()]
    if not visible:
        return False
    line.size = median(c.size for c in visible)
    sizes = sorted(c.size for c in visible)
    line.top_size = sizes[int(0.8 * (len(sizes) - 1))]
    line.bold = sum(c.bold for c in visible) * 2 > len(visible)
    line.mono = sum(c.mono for c in visible) * 2 > len(visible)
    base = median(c.bottom for c in visible if c.size >= SUP_SIZE * line.size)
    # Raised and smaller, or raised far (a superscript set in the line's own size).
    sup = [not c.text.isspace() and c.size <= line.size and (
               (c.size < SUP_SIZE * line.size and c.bottom < base - SUP_RAISE * line.size)
               or c.bottom < base - SUP_FAR * line.size)
           for c in line.chars]
    gap = word_gap(line.chars, line.size)
    line.cells = 1 + sum(1 for a, b in zip(visible, visible[1:]) if b.x0 - a.x1 > CELL_GAP * line.size)
    pieces: list[Piece] = []
    run = Piece("text")
    written = ""  # the text of the line so far
    prev: Char | None = None
    chars, i = line.chars, 0
    while i < len(chars):
        c = chars[i]
        if sup[i]:
            j = i
            while j < len(chars) and sup[j]:
                j += 1
            group = chars[i:j]
            raised = "".join(g.text for g in group).strip()
            spaced = prev is not None and group[0].x0 - prev.x1 > gap and not written.endswith(" ")
            role = classify(written + (" " if spaced else ""), raised)
            if role == "note" and not written and _digit_follows(chars, j):
                role = "plain"  # "² 2.08" opening a line of an equation, not a note's label
            if role == "plain" and _SYMBOL_MARK.fullmatch(raised):
                role = "symbol"  # "*", "†", "a,b": a mark of its own, kept as written
            if role != "plain":
                if spaced:
                    run.inserted.append(len(run.text))
                    run.text += " "
                    run.xs.append(prev.x1)  # type: ignore[union-attr]
                    written += " "
                if run.text:
                    pieces.append(run)
                pieces.append(marker_piece(raised, group, role))
                written += pieces[-1].text
                run, prev = Piece("text"), group[-1]
                if len(pieces) == 1 and j < len(chars) and not chars[j].text.isspace() \
                        and not chars[j].text.startswith(_CLOSING):
                    run.text, run.xs, run.inserted = " ", [group[-1].x1], [0]  # "¹Note" at a line start
                    written += " "
                i = j
                continue
        if c.text.isspace():
            if written and not written.endswith(" "):
                run.text += " "
                run.xs.append(c.x0)
                written += " "
        else:
            if prev is not None and not written.endswith(" ") and c.x0 - prev.x1 > gap:
                run.inserted.append(len(run.text))
                run.text += " "
                run.xs.append(prev.x1)
                written += " "
            run.text += c.text
            run.xs.extend([c.x0] * len(c.text))
            run.boxes.append(c)
            written += c.text
        prev = c
        i += 1
    if run.text.strip():
        pieces.append(run)
    while pieces and pieces[-1].origin == "text" and pieces[-1].text.endswith(" "):
        last = pieces[-1]
        last.text, last.xs = last.text[:-1], last.xs[:-1]
        last.inserted = [k for k in last.inserted if k < len(last.text)]
    line.pieces = [p for p in pieces if p.text]
    line.text = "".join(p.text for p in line.pieces)
    line.xs = [x for p in line.pieces for x in p.xs]
    if line.pieces and line.pieces[0].origin == "marker" and line.pieces[0].role == "note":
        rest = line.text[len(line.pieces[0].text):]
        if len(_PROSE_WORD.findall(rest)) < 2:
            relabel(line, line.pieces[0], "plain")  # "² E" in a formula: no note's label
        elif not rest.startswith(_CLOSING):
            line.label = line.pieces[0].raised  # "¹ Survey of..." opens a note; "¹⁵, to..." goes on
    return bool(line.text)


def marker_piece(raised: str, group: list[Char], role: str) -> Piece:
    """``[3]`` (a note) or ``^2`` (an exponent) mapped onto the superscript characters; a
    symbol mark ("*", "†") is written as it is."""
    if role == "note":
        label = note_label(raised) or raised
        digits = [g.x0 for g in group for ch in g.text if ch in _LABEL_CHARS]
        inner = digits if len(digits) == len(label) else [group[0].x0] * len(label)
        return Piece("marker", f"[{label}]", [group[0].x0, *inner, group[-1].x0], list(group),
                     [0, len(label) + 1], raised, role)
    xs = [g.x0 for g in group for _ in g.text if not g.text.isspace()]
    body = "".join(g.text for g in group if not g.text.isspace())
    if role == "symbol":
        return Piece("text", body, xs, list(group), [], raised, role)
    return Piece("marker", "^" + body, [group[0].x0, *xs], list(group), [0], raised, role)


def relabel(line: Line, piece: Piece, role: str) -> None:
    """Read a marker piece of ``line`` again as ``role``: "affiliation" drops it from the line."""
    if role == "plain":
        piece.origin, piece.text, piece.role = "text", "".join(c.text for c in piece.boxes), "plain"
        piece.xs = [c.x0 for c in piece.boxes for _ in c.text]
        piece.inserted = []
    elif role == "affiliation":
        at = line.pieces.index(piece)
        del line.pieces[at]
        if at == 0:
            line.starts_item = True
            first = line.pieces[0] if line.pieces else None
            if first is not None and first.text.startswith(" ") and first.inserted[:1] == [0]:
                _drop_first(first)
                if not first.text:
                    del line.pieces[0]
        elif 0 < at < len(line.pieces) and line.pieces[at - 1].text.endswith(" "):
            before, after = line.pieces[at - 1], line.pieces[at]
            if after.text.startswith(" "):
                _drop_first(after)
            elif after.text[:1] in _CLOSING and len(before.text) - 1 in before.inserted:
                before.text, before.xs = before.text[:-1], before.xs[:-1]  # "Lee ¹*," → "Lee*,"
                before.inserted.remove(len(before.text))
    line.text = "".join(p.text for p in line.pieces)
    line.xs = [x for p in line.pieces for x in p.xs]
    if not line.pieces or line.pieces[0].origin != "marker":
        line.label = None


def _digit_follows(chars: list[Char], j: int) -> bool:
    """Whether the first visible character from ``j`` on is a digit."""
    for c in chars[j:]:
        if not c.text.isspace():
            return c.text[:1].isdigit()
    return False


def _drop_first(piece: Piece) -> None:
    piece.text, piece.xs = piece.text[1:], piece.xs[1:]
    piece.inserted = [k - 1 for k in piece.inserted if k > 0]


def mend_split_markers(lines: list[Line]) -> None:
    """A superscript group broken at a line's end ("…projections¹¹⁻" / "¹⁵, to relate…") is one
    marker: the first line's ``[11–`` and the next line's ``15]`` (a line of the same column)."""
    for prev, line in zip(lines, lines[1:]):
        if not prev.pieces or not line.pieces or prev.column != line.column:
            continue
        last, first = prev.pieces[-1], line.pieces[0]
        if not (last.role == first.role == "note" and last.raised.rstrip()[-1:] in "–-,"):
            continue
        last.text, last.xs = last.text[:-1], last.xs[:-1]  # "[11–]" → "[11–"
        last.inserted = [k for k in last.inserted if k < len(last.text)]
        first.text, first.xs = first.text[1:], first.xs[1:]  # "[15]" → "15]"
        first.inserted = [k - 1 for k in first.inserted if k > 0]
        for mended in (prev, line):
            mended.text = "".join(p.text for p in mended.pieces)
            mended.xs = [x for p in mended.pieces for x in p.xs]
        line.label = None
        line.continues_marker = True
