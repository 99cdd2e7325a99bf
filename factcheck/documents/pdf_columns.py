"""The columns of a PDF page, found from the geometry of its characters, in reading order.

A page's characters are first grouped into rows (characters at one height, across the whole
page) and each row into fragments (runs of characters with no gap wider than a word space).
The page is then cut recursively, like an XY-cut, but along whitespace *runs*: a gutter is an
x position that a run of consecutive rows leaves open (no fragment crosses it) while text lies
on both sides, and each side holds lines of a text column (several em wide, not table cells).
The rows above the run, its left side, its right side and the rows below are read in that
order, each cut again, so one, two or three columns, a full-width title and abstract above
them, a full-width figure between them, or a sidebar beside them all come out in reading
order. Nothing here knows a page size: every threshold is relative to the type size.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.documents.pdf_chars import Char

# Characters further apart than this share of their size are in different fragments (a word
# space of justified text stays under 0.6 em; the narrowest column gutters are over 1 em).
FRAGMENT_GAP = 0.8
# Each side of a gutter must hold at least two lines at least this many em wide.
COLUMN_EM = 6.0
MIN_RUN_ROWS = 3
MAX_CANDIDATES = 40
GUTTER_MARGIN = 1.2  # a gutter is wider than any word gap of a row it crosses by this much
SIDEBAR = 1.6  # a column this many times narrower than the one beside it is a sidebar


@dataclass(slots=True)
class Frag:
    """A run of one row's characters with no wide gap, sorted by x."""

    x0: float
    x1: float
    size: float
    chars: list[Char]

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


Row = list[Frag]


@dataclass(slots=True)
class Region:
    """A block of rows read as one column (fragments of each row, top to bottom)."""

    rows: list[Row]
    sidebar: bool = False  # a narrow column beside a main one (funding, correspondence, history)

    def chars(self) -> list[Char]:
        return [c for row in self.rows for frag in row for c in frag.chars]


def fragments(chars: list[Char]) -> Row:
    """Split one row's characters (sorted by x) where the gap is wider than a word space."""
    out: Row = []
    current: list[Char] = []
    right = 0.0
    for c in chars:
        if c.text.isspace():
            if current:
                current.append(c)  # an explicit word space is kept with its fragment
            continue
        if current:
            gap = c.x0 - right
            prev = next(p for p in reversed(current) if not p.text.isspace())
            big, small = max(c.size, prev.size), min(c.size, prev.size)
            if gap > FRAGMENT_GAP * big or (big > 1.3 * small and gap > 0.3 * big):
                out.append(_frag(current))
                current = []
        right = c.x1 if not current else max(right, c.x1)
        current.append(c)
    if current:
        out.append(_frag(current))
    return out


def _frag(chars: list[Char]) -> Frag:
    while chars[-1].text.isspace():
        chars.pop()
    sizes = sorted(c.size for c in chars)
    return Frag(chars[0].x0, max(c.x1 for c in chars if not c.text.isspace()), sizes[len(sizes) // 2], chars)


def cut(rows: list[Row]) -> list[Region]:
    """The rows (top to bottom) as regions in reading order."""
    rows = [row for row in rows if row]
    if len(rows) < MIN_RUN_ROWS:
        return [Region(rows)] if rows else []
    found = _best_gutter(rows)
    if found is None:
        return [Region(rows)]
    x, first, last = found
    run = rows[first:last + 1]
    left = [[f for f in row if f.x1 <= x] for row in run]
    right = [[f for f in row if f.x0 >= x] for row in run]
    continued = _left_column_continued(rows, x, first, last)
    left += rows[last + 1:continued + 1]  # whole: such a line may reach past x, short of the right column
    last = continued
    main, other = (right, left) if _narrower(left, right) else (left, right)
    regions = cut(main)
    beside = cut(other)
    if _narrower(other, main):
        for region in beside:  # a sidebar beside the main column, read after it
            region.sidebar = True
    return cut(rows[:first]) + regions + beside + cut(rows[last + 1:])


def _left_column_continued(rows: list[Row], x: float, first: int, last: int) -> int:
    """The run's last row, extended over the rows right below it that go on with its left column
    alone: a left column longer than the right one (the last page of an article), whose lines
    below the right column's end are read with it, before the right column, not after it. Such a
    row starts where the left column's lines start, stops short of the right column, and follows
    the row above at the column's own line spacing (a heading after both columns stands apart)."""
    run = rows[first:last + 1]
    right_start = min((f.x0 for row in run for f in row if f.x0 >= x), default=None)
    lefts = [[f for f in row if f.x1 <= x] for row in run]
    starts = sorted(side[0].x0 for side in lefts if side)
    tops = [side[0].chars[0].top for side in lefts if side]
    if right_start is None or len(tops) < 2:
        return last
    left_start = starts[len(starts) // 2]
    leading = sorted(b - a for a, b in zip(tops, tops[1:]))[(len(tops) - 1) // 2]
    previous = tops[-1]
    while last + 1 < len(rows) and rows[last + 1]:
        row = rows[last + 1]
        size, top = row[0].size, row[0].chars[0].top
        if (row[-1].x1 >= right_start - size or abs(row[0].x0 - left_start) > 2 * size
                or not 0 < top - previous <= 1.5 * leading):
            break
        last, previous = last + 1, top
    return last


def _narrower(side: list[Row], beside: list[Row]) -> bool:
    """Whether ``side`` is a sidebar beside ``beside``: narrower by ``SIDEBAR`` both in its extent
    and in its typical line, so that one long line (a ragged column's, a heading's) beside a
    column of short unjustified lines does not make that column a sidebar, read second."""
    return _width(beside) > SIDEBAR * _width(side) and _line_width(beside) > SIDEBAR * _line_width(side)


def _width(rows: list[Row]) -> float:
    frags = [f for row in rows for f in row]
    return max(f.x1 for f in frags) - min(f.x0 for f in frags) if frags else 0.0


def _line_width(rows: list[Row]) -> float:
    """The median width of the rows' lines: how wide a side's text typically runs."""
    widths = sorted(row[-1].x1 - row[0].x0 for row in rows if row)
    return widths[len(widths) // 2] if widths else 0.0


def _best_gutter(rows: list[Row]) -> tuple[float, int, int] | None:
    """(x, first row, last row) of the longest run of rows a gutter at x divides, if any."""
    best: tuple[int, float, int, int] | None = None
    for x in _candidates(rows):
        start = None
        for i in range(len(rows) + 1):
            is_open = i < len(rows) and _open(rows[i], x)
            if is_open:
                if start is None:
                    start = i
                continue
            if start is not None:
                length = i - start
                if length >= MIN_RUN_ROWS and (best is None or length > best[0]) and _divides(rows[start:i], x):
                    best = (length, x, start, i - 1)
                start = None
    return None if best is None else best[1:]


def _open(row: Row, x: float) -> bool:
    """No fragment of the row crosses x; and where single words stand on both sides of x, the
    gap at x is the row's widest by a margin (a loosely justified line has many wide word gaps,
    one of which may fall on a gutter below it)."""
    if any(f.x0 < x + 1 and f.x1 > x - 1 for f in row):
        return False
    gap = None
    others = 0.0
    for a, b in zip(row, row[1:]):
        if a.x1 <= x <= b.x0:
            gap = b.x0 - a.x1
            if a.x1 - a.x0 >= COLUMN_EM * a.size or b.x1 - b.x0 >= COLUMN_EM * b.size:
                return True  # a line of a column meets the gap
        else:
            others = max(others, b.x0 - a.x1)
    return gap is None or gap >= GUTTER_MARGIN * others


def _candidates(rows: list[Row]) -> list[float]:
    """x positions that every row of some window of ``MIN_RUN_ROWS`` consecutive rows leaves
    open over a gap of at least a few points, between text on its left and on its right.

    Each row is a bitmask of the 1-point bins its fragments cover, so a window's union is a
    few integer ORs however wide the page."""
    lo = int(min(f.x0 for row in rows for f in row))
    covered = []
    sizes = []
    for row in rows:
        mask = 0
        for f in row:
            a, b = int(f.x0) - lo, int(f.x1) - lo + 1
            mask |= ((1 << (b - a)) - 1) << a
            sizes.append(f.size)
        covered.append(mask)
    min_gap = max(2, int(0.4 * sorted(sizes)[len(sizes) // 2]))
    centers: dict[float, int] = {}
    for r in range(len(rows) - MIN_RUN_ROWS + 1):
        union = 0
        for mask in covered[r:r + MIN_RUN_ROWS]:
            union |= mask
        low, high = (union & -union).bit_length() - 1, union.bit_length() - 1
        gaps = ~union & ((1 << high) - 1) & ~((1 << (low + 1)) - 1)  # open bins between the text
        while gaps:
            start = (gaps & -gaps).bit_length() - 1
            shifted = gaps >> start
            length = (~shifted & (shifted + 1)).bit_length() - 1  # the run of open bins from start
            if length >= min_gap:
                center = lo + start + length / 2
                centers[center] = centers.get(center, 0) + 1
            gaps &= ~(((1 << length) - 1) << start)
    # The gaps open in the most windows first; a page of scattered glyphs (a plot set in text)
    # has hundreds, of which the few that run longest are worth trying.
    return sorted(sorted(centers, key=lambda c: -centers[c])[:MAX_CANDIDATES])


def _divides(run: list[Row], x: float) -> bool:
    """Both sides of x hold a text column: most lines meet the gutter with a fragment several
    em wide (table cells beside a gap are narrow), at least two on each side."""
    wide = [0, 0]
    narrow = [0, 0]
    for row in run:
        left = [f for f in row if f.x1 <= x]
        right = [f for f in row if f.x0 >= x]
        for side, frag in ((0, left[-1] if left else None), (1, right[0] if right else None)):
            if frag is None:
                continue
            if frag.x1 - frag.x0 >= COLUMN_EM * frag.size:
                wide[side] += 1
            else:
                narrow[side] += 1
    return all(wide[side] >= 2 and wide[side] >= narrow[side] for side in (0, 1))
