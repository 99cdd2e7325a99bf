"""Page furniture a PDF prints around its text: running headers and footers, page numbers,
margin line numbers. Found from repetition and position, removed before the text is read, and
kept (as ``LeftOut`` records) so that ``factcheck extract`` can show what was dropped.
"""

from __future__ import annotations

import math
import re

from factcheck.documents.model import LeftOut
from factcheck.documents.pdf_chars import Char
from factcheck.documents.pdf_columns import Frag, Row
from factcheck.documents.pdf_words import word_gap

MARGIN_ZONE = 0.1  # running headers/footers live in the top/bottom tenth of the page...
REPEATED = 0.3  # ...and repeat on this share of the pages (odd and even pages differ)
_PAGE_NUMBER = re.compile(r"(page|p\.)?\d{1,4}((of|/)\d{1,4})?|[ivxlc]{1,7}")
_DIGITS = re.compile(r"\d+")
_LINE_NUMBER = re.compile(r"\d{1,5}")
MIN_LINE_NUMBERS = 3
FEW_LINE_NUMBERS = 6


def spaced(chars: list[Char]) -> str:
    """The text of one line of characters (sorted by x), words spaced from the gaps."""
    visible = [c for c in chars if not c.text.isspace()]
    if not visible:
        return ""
    size = sorted(c.size for c in visible)[len(visible) // 2]
    gap = word_gap(chars, size)
    out = [visible[0].text]
    for a, b in zip(visible, visible[1:]):
        if b.x0 - a.x1 > gap:
            out.append(" ")
        out.append(b.text)
    return "".join(out)


def _key(frag: Frag) -> str:
    return _DIGITS.sub("#", "".join(frag.text.split()).lower())


def drop_running_lines(pages: list[tuple[int, float, list[Row]]]) -> list[LeftOut]:
    """Remove, from each page's rows, the running heads and feet (fragments in the page margins
    that repeat, at the same height, on several pages) and page numbers (a number alone on the
    first or last row, or in a margin). ``pages``: (number, height, rows)."""
    found: list[list[tuple[Frag, float, bool, bool]]] = []  # (frag, top, in the margin, alone on an edge row)
    for _, height, rows in pages:
        frags = []
        for i, row in enumerate(rows):
            edge = i == 0 or i == len(rows) - 1
            for frag in row:
                top = min(c.top for c in frag.chars)
                bottom = max(c.bottom for c in frag.chars)
                zone = bottom < MARGIN_ZONE * height or top > (1 - MARGIN_ZONE) * height
                if zone or edge:
                    frags.append((frag, top, zone, edge and len(row) == 1))
        found.append(frags)
    tops: dict[str, list[tuple[int, float]]] = {}
    for n, frags in enumerate(found):
        for frag, top, zone, _ in frags:
            if zone:
                tops.setdefault(_key(frag), []).append((n, top))
    needed = max(2, math.ceil(REPEATED * len(pages)))

    def repeated(key: str, top: float) -> bool:
        if sum(ch.isalpha() for ch in key) < 2:
            return False  # "[#]", "#": a label or a number, not a running head
        return len({n for n, t in tops.get(key, ()) if abs(t - top) <= 4}) >= needed

    # Where the repeated ones stand: a running head printed on one page only (the odd pages of
    # a four-page paper) stands at the same height as the others. Not on the first page, whose
    # head is the journal's masthead (with the publication date) rather than a running head.
    heights = [top for frags in found for frag, top, zone, _ in frags if zone and repeated(_key(frag), top)]
    left_out: list[LeftOut] = []
    for n, ((number, height, rows), frags) in enumerate(zip(pages, found)):
        dropped = set()
        for frag, top, zone, _ in frags:
            if zone and (repeated(_key(frag), top) or (n and any(abs(top - h) <= 2 for h in heights))):
                dropped.add(id(frag))
        # A page number stands alone on its row, or beside the running head only.
        row_of = {id(f): row for row in rows for f in row}
        for frag, top, zone, alone in frags:
            if id(frag) in dropped or not _PAGE_NUMBER.fullmatch(_key(frag).replace("#", "1").strip("-–—|")):
                continue
            if alone or (zone and all(id(f) in dropped for f in row_of[id(frag)] if f is not frag)):
                dropped.add(id(frag))
        for frag, _, _, _ in frags:
            if id(frag) in dropped:
                left_out.append(LeftOut(kind="running-header", text=spaced(frag.chars), locator=f"page {number}"))
        if dropped:
            for row in rows:
                row[:] = [f for f in row if id(f) not in dropped]
            rows[:] = [row for row in rows if row]
    return left_out


LineCount = tuple[int, float]  # the last line number dropped, and its font size


def drop_line_numbers(rows: list[Row], page: int,
                      counted: LineCount | None = None) -> tuple[LeftOut | None, LineCount | None]:
    """Remove the margin line numbers of a page: small integers in a narrow column (aligned on
    their right or left edge) beside the text, one for (nearly) every line beside them, and
    mostly increasing down the page. Two-column preprints have one such column per text column.
    A page with too few lines for a column (a heading over a table) keeps its numbers only if
    they do not go on counting from the pages before (``counted``), in the same type size.
    Returns what was left out and the count to go on from."""
    found = _number_columns(rows)
    if not found and counted:
        found = _continued_count(rows, counted)
    if not found:
        return None, counted
    ids = {id(f) for f in found}
    for row in rows:
        row[:] = [f for f in row if id(f) not in ids]
    rows[:] = [row for row in rows if row]
    values = sorted(int(f.text.strip()) for f in found)
    shown = f"{values[0]}–{values[-1]}" if len(values) > 1 else str(values[0])
    return LeftOut(kind="line-numbers", text=shown, locator=f"page {page}"), (values[-1], found[0].size)


def _continued_count(rows: list[Row], counted: LineCount) -> list[Frag]:
    """The numbers at a row's start or end that go on from ``counted`` one by one, in its size."""
    expected, size = counted[0] + 1, counted[1]
    found: list[Frag] = []
    for row in rows:
        for frag in (row[0], row[-1]) if len(row) > 1 else (row[0],):
            if frag.text.strip() == str(expected) and abs(frag.size - size) < 0.5:
                found.append(frag)
                expected += 1
                break
    return found


def _number_columns(rows: list[Row]) -> list[Frag]:
    found: list[Frag] = []
    for side in ("left", "right"):
        beside: list[tuple[float, int, Frag]] = []
        for r, row in enumerate(rows):
            for k, frag in enumerate(row):
                neighbour = k + 1 if side == "left" else k - 1
                alone = not 0 <= neighbour < len(row)  # a number on a row of its own (beside a title)
                if _LINE_NUMBER.fullmatch(frag.text.strip()) \
                        and (alone or not _LINE_NUMBER.fullmatch(row[neighbour].text.strip())):
                    beside.append((frag.x1 if side == "left" else frag.x0, r, frag))
        beside.sort(key=lambda item: item[0])
        cluster: list[tuple[float, int, Frag]] = []
        for item in beside + [(math.inf, -1, None)]:  # type: ignore[list-item]
            if cluster and item[0] - cluster[0][0] > 3.0:
                found.extend(_numbers(cluster, rows, side))
                cluster = []
            cluster.append(item)
    return found


def _numbers(cluster: list[tuple[float, int, Frag]], rows: list[Row], side: str) -> list[Frag]:
    """The cluster's frags if they are line numbers: enough of them, mostly increasing, and one
    for nearly every text line beside them (a numbered list labels only its first lines)."""
    if len(cluster) < MIN_LINE_NUMBERS:
        return []
    cluster.sort(key=lambda item: item[1])
    values = [int(f.text.strip()) for _, _, f in cluster]
    rising = sum(1 for a, b in zip(values, values[1:]) if b > a)
    if rising < 0.7 * (len(values) - 1):
        return []
    if len(cluster) < FEW_LINE_NUMBERS and any(b != a + 1 for a, b in zip(values, values[1:])):
        return []  # a short column of numbers counts only when it counts lines one by one
    edge = cluster[0][0]
    em = cluster[0][2].size
    reach = 8 * max(em, max(f.size for row in rows for f in row) * 0.5)
    texted = 0
    for row in rows[cluster[0][1]:cluster[-1][1] + 1]:
        for f in row:
            if not _LINE_NUMBER.fullmatch(f.text.strip()) and (
                    (side == "left" and edge <= f.x0 <= edge + reach) or (side == "right" and edge - reach <= f.x1 <= edge)):
                texted += 1
                break
    if len(cluster) < 0.6 * texted:
        return []
    return [f for _, _, f in cluster]
