"""A PDF page's characters, read from pdfminer's layout objects, for the PDF loader.

pdfplumber's ``page.chars`` turns every character into a dict of some twenty resolved
attributes; reading the same ``LTChar`` objects straight from ``page.layout`` (pdfplumber's own
pdfminer pass, with the same coordinates) costs half as much, which is what pays for the layout
analysis. Upright characters are kept for the text; rotated ones (a vertical "Downloaded from"
stamp, an arXiv sidebar, a diagonal watermark) are gathered into strings to be left out.
Characters drawn inside a form XObject that is a figure (``LTFigure``) are flagged, so that a
plot's tick labels do not become paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_CID = re.compile(r"\(cid:\d{1,6}\)")
# Typographic ligatures are their letters ("diﬀerent" is "different", "Moﬃtt" is "Moffitt"):
# each letter then maps back to the ligature's glyph.
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
_MONO = re.compile(r"mono|courier|consol|menlo|typewriter|code|cmtt|inconsolata", re.IGNORECASE)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|-b$|\.b$|medi", re.IGNORECASE)
# A form XObject holding more than this share of a page's characters is the page itself
# (some producers wrap every page in one), not a figure.
FIGURE_SHARE = 0.5
DOT_MIN, DOT_MAX = 1.5, 8.0  # points: the size of a drawn bullet


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    figure: bool = False
    mono: bool = False  # a monospaced (code) font


@dataclass(slots=True)
class PageChars:
    number: int
    width: float
    height: float
    chars: list[Char]
    rotated: list[str] = field(default_factory=list)  # rotated text runs, in reading order
    # Small drawn shapes that can be list bullets: (x0, top, x1, bottom).
    dots: list[tuple[float, float, float, float]] = field(default_factory=list)


def read_page(page: Any, number: int) -> PageChars:
    """The upright characters of a pdfplumber page (overprinted duplicates dropped once) and
    its rotated text.

    Unmapped glyphs ``(cid:N)`` become U+FFFD. pdfplumber's ``dedupe_chars`` does the same
    de-duplication but is quadratic: 40 s on a 37-page report against milliseconds here.
    """
    from pdfminer.layout import LTChar, LTContainer, LTCurve, LTFigure

    width, height = float(page.width), float(page.height)
    mx, my = float(page.mediabox[0]), float(page.mediabox[1])
    out: list[Char] = []
    rotated: list[tuple[Any, str]] = []
    dots: list[tuple[float, float, float, float]] = []
    seen: dict[tuple[str, int], list[float]] = {}
    total = 0

    def walk(objects: list[Any], figure: bool) -> None:
        nonlocal total
        for obj in objects:
            if isinstance(obj, LTChar):
                total += 1
                text = obj.get_text()
                if not text:
                    continue
                if "(cid:" in text:
                    text = _CID.sub("\ufffd", text)
                text = "".join(ch if ch >= " " or ch == "\t" else "" for ch in text).replace("\t", " ")
                if "\ufb00" <= text[:1] <= "\ufb06":
                    text = text.translate(_LIGATURES)
                if not text:
                    continue
                if not obj.upright:
                    rotated.append((obj, text))
                    continue
                x0, x1 = obj.x0 + mx, obj.x1 + mx
                top, bottom = height - obj.y1 + my, height - obj.y0 + my
                if x1 < 0 or x0 > width or bottom < 0 or top > height:
                    continue
                near = seen.setdefault((text, round(top)), [])
                if not text.isspace() and any(abs(x0 - x) < min(1.0, 0.3 * (x1 - x0) + 0.1) for x in near):
                    continue
                near.append(x0)
                size = float(obj.size or 0) or (bottom - top)
                font = obj.fontname or ""
                out.append(Char(text, x0, x1, top, bottom, size, bool(_BOLD.search(font)), figure,
                                bool(_MONO.search(font))))
            elif isinstance(obj, LTContainer):
                walk(obj._objs, figure or (isinstance(obj, LTFigure) and _is_figure(obj, page_area)))
            elif isinstance(obj, LTCurve):
                w, h = obj.x1 - obj.x0, obj.y1 - obj.y0
                if DOT_MIN <= w <= DOT_MAX and DOT_MIN <= h <= DOT_MAX and 0.5 <= w / h <= 2:
                    dots.append((obj.x0 + mx, height - obj.y1 + my, obj.x1 + mx, height - obj.y0 + my))

    page_area = width * height
    walk(page.layout._objs, False)
    if total and sum(1 for c in out if c.figure) > FIGURE_SHARE * total:
        for c in out:  # the "figure" is the page: its characters are the text
            c.figure = False
    return PageChars(number, width, height, out, _rotated_runs(rotated), dots)


def _is_figure(obj: Any, page_area: float) -> bool:
    """A form XObject that is not the whole page."""
    w, h = obj.x1 - obj.x0, obj.y1 - obj.y0
    return 0 < w * h < 0.8 * page_area


def _rotated_runs(rotated: list[tuple[Any, str]]) -> list[str]:
    """Rotated characters as text runs: ordered along their writing direction, one run per
    line of rotated text (characters whose baselines are on one line across the direction)."""
    if not rotated:
        return []
    groups: dict[tuple[int, int, int], list[tuple[float, float, float, str]]] = {}
    for obj, text in rotated:
        a, b = obj.matrix[0], obj.matrix[1]
        norm = (a * a + b * b) ** 0.5 or 1.0
        ux, uy = a / norm, b / norm  # the writing direction
        # pdfminer's size of a rotated glyph is its advance; the type size is its extent across.
        size = max(abs(ux) * (obj.y1 - obj.y0) + abs(uy) * (obj.x1 - obj.x0), 1.0)
        advance = abs(ux) * (obj.x1 - obj.x0) + abs(uy) * (obj.y1 - obj.y0)
        cx, cy = (obj.x0 + obj.x1) / 2, (obj.y0 + obj.y1) / 2
        along = cx * ux + cy * uy - advance / 2
        across = -cx * uy + cy * ux
        key = (round(ux * 4), round(uy * 4), round(across / size))
        groups.setdefault(key, []).append((along, along + advance, size, text))
    runs = []
    for key in sorted(groups, key=lambda k: min(g[0] for g in groups[k])):
        chars = sorted(groups[key])
        parts = [chars[0][3]]
        for (_, end, size, _), (start, _, _, text) in zip(chars, chars[1:]):
            if start - end > 0.15 * size and parts[-1] != " ":
                parts.append(" ")
            parts.append(text)
        run = " ".join("".join(parts).split())
        if run:
            runs.append(run)
    return runs
