"""The front matter of a PDF's first page: its title, its author block and its own dates.

The title is the largest type on the first page that reads like one (two words or more, not a
journal's name in capitals). The author block ("byline") follows it: lines whose names carry
raised affiliation marks ("Okafor¹,²"), and the affiliation lines that start with one. Those
marks are not notes: they are dropped from the text (kept as ``LeftOut`` records). The
document's own dates ("Received: 3 May 2021; Accepted: ...", "Published: 30 November 2016")
are read where they are printed, inline or on a line of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.documents.model import LeftOut
from factcheck.documents.pdf_lines import Line, relabel
from factcheck.text.dates import parse_date

TITLE_SIZE = 1.15  # a title is set at least this much larger than the body text
MAX_BYLINE_GAP = 2  # lines without a mark inside an author block (a line of names that wrapped)
_STOP = re.compile(r"(?:\d\.?\s*)?(?:abstract|summary|background|introduction|keywords?|key words|motivation|"
                   r"significance|highlights)\b", re.IGNORECASE)
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DATE_LABEL = (r"(?P<label>received|accepted|revised|published(?: online)?|first published(?: online)?|"
               r"publication date|advance access publication date|date of publication|epub(?: ahead of print)?)")
_DATE = rf"(?P<date>(?:\d{{1,2}}\s+)?{_MONTH},?\s+(?:\d{{1,2}},?\s+)?{_YEAR}|{_YEAR}-\d\d-\d\d)"
_OWN_DATE = re.compile(rf"\b{_DATE_LABEL}(?:\s+(?:on|in))?\s*:?\s*{_DATE}", re.IGNORECASE)
_MARKS = ("note", "symbol")
_AFFILIATIONS = re.compile(r"(?:author details|authors?'? (?:details|information|affiliations)|affiliations?|"
                           r"author information)\s*:?", re.IGNORECASE)
_LABEL_KEY = {"received": "received", "accepted": "accepted", "revised": "revised"}


@dataclass(slots=True)
class Front:
    title: list[Line] = field(default_factory=list)
    byline: list[Line] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


def read_front(lines: list[Line], body_size: float) -> Front:
    """The title and author block among the first page's lines (in reading order); the
    author block's affiliation marks are taken out of its lines."""
    front = Front()
    if not lines:
        return front
    page = lines[0].page
    first = [line for line in lines if line.page == page]
    front.title = _title(first, body_size)
    if not front.title:
        return front  # no title set apart: no author block to look for under it
    front.byline = _byline(first[first.index(front.title[-1]) + 1:])
    for line in front.byline:
        for piece in [p for p in line.pieces if p.role in _MARKS]:
            relabel(line, piece, "affiliation")
            front.left_out.append(LeftOut(kind="affiliation-mark", text=piece.raised, locator=f"page {page}"))
    return front


def read_author_details(lines: list[Line]) -> tuple[list[Line], list[LeftOut]]:
    """An "Author details" / "Affiliations" section (at the end of many articles): its lines,
    whose raised labels are affiliation marks (taken out), not note labels."""
    found: list[Line] = []
    left_out: list[LeftOut] = []
    i = 0
    while i < len(lines):
        if not _AFFILIATIONS.fullmatch(lines[i].text.strip()):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and j - i <= 12 and (lines[j].column == lines[j - 1].column or _has_marks(lines[j])) \
                and not (lines[j].size > 1.05 * lines[i + 1].size if i + 1 < len(lines) else False):
            if j == i + 1 and not _has_marks(lines[j]):
                break
            if lines[j].top - lines[j - 1].bottom > 1.2 * lines[j].size and lines[j].column == lines[j - 1].column \
                    and not _has_marks(lines[j]):
                break
            j += 1
        for line in lines[i + 1:j]:
            for piece in [p for p in line.pieces if p.role in _MARKS]:
                relabel(line, piece, "affiliation")
                left_out.append(LeftOut(kind="affiliation-mark", text=piece.raised, locator=f"page {line.page}"))
            found.append(line)
        i = max(j, i + 1)
    return found, left_out


def affiliation_footers(lines: list[Line], front: Front) -> list[LeftOut]:
    """The first page's small print (a float at its foot or a sidebar) may list affiliations
    under the author block's marks ("¹Computer Science department, ..."): those labels are
    affiliation marks too, taken out of the lines, which become part of the byline."""
    labels = {label for item in front.left_out if item.kind == "affiliation-mark"
              for label in re.findall(r"[0-9]+|[a-z]", item.text)}
    if not labels or not lines:
        return []
    page = lines[0].page
    out = []
    for line in lines:
        if line.page != page or line.kind not in ("boilerplate", "sidebar") or not line.pieces:
            continue
        first = line.pieces[0]
        if first.role in _MARKS and set(re.findall(r"[0-9]+|[a-z]", first.raised)) <= labels:
            relabel(line, first, "affiliation")
            out.append(LeftOut(kind="affiliation-mark", text=first.raised, locator=f"page {page}"))
    return out


def _title(lines: list[Line], body_size: float) -> list[Line]:
    sizes = sorted({round(line.size, 1) for line in lines if line.size >= TITLE_SIZE * body_size}, reverse=True)
    for size in sizes:
        for i, line in enumerate(lines):
            if abs(line.size - size) > 0.05 * size:
                continue
            group = [line]
            for other in lines[i + 1:]:
                if abs(other.size - size) > 0.05 * size or other.column != line.column \
                        or other.top - group[-1].bottom > 1.5 * size:
                    break
                group.append(other)
            words = " ".join(g.text for g in group).split()
            if len(words) >= 3 or (len(words) == 2 and not " ".join(words).isupper()):
                return group
    return []


def _byline(lines: list[Line]) -> list[Line]:
    """The author block right under the title: from the first line with affiliation marks to the
    last one, stopping at the abstract or an introduction heading, or at running text."""
    marked: list[int] = []
    for i, line in enumerate(lines[:60]):
        if _STOP.match(line.text):
            break
        if _running_text(line) and (_has_marks(line) or line.text.rstrip().endswith(".")):
            break  # the first paragraph of a paper whose authors carry no marks: its markers are notes
        if _has_marks(line):
            if marked and i - marked[-1] > MAX_BYLINE_GAP + 1:
                break
            marked.append(i)
        elif i - (marked[-1] if marked else -1) > MAX_BYLINE_GAP + 1:
            break  # running text, not an author block
    if not marked:
        return []
    end = marked[-1] + 1
    last = lines[marked[-1]]
    while end < len(lines) and end - marked[-1] <= MAX_BYLINE_GAP and lines[end].column == last.column \
            and abs(lines[end].size - last.size) < 0.05 * last.size and not _STOP.match(lines[end].text) \
            and lines[end].top - lines[end - 1].bottom < 0.8 * last.size:
        end += 1  # the last affiliation's own continuation lines
    return lines[marked[0]:end]


def _running_text(line: Line) -> bool:
    """A line of prose, not of names or affiliations: six words or more, most of them in lower
    case, and no mark opening it ("¹Laboratoire de physique théorique et ..." is an affiliation)."""
    words = line.text.split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 6 and 2 * lower > len(words) and bool(line.pieces) and line.pieces[0].role not in _MARKS


def _has_marks(line: Line) -> bool:
    """Raised marks after a name ("Okafor¹,²", "Lee*"), between affiliations ("Austin; ²Dept.")
    or opening an affiliation line ("¹Dept. of ...")."""
    return any(p.role in _MARKS for p in line.pieces)


def own_dates(text: str, start: int, end: int) -> list[tuple[str, str, int, int]]:
    """(label, ISO date, start, end) of each labelled date the text states between ``start``
    and ``end`` (the first page), wherever it stands on its line."""
    found = []
    for m in _OWN_DATE.finditer(text, start, end):
        parsed = parse_date(m.group("date"))
        if not parsed or parsed[1] not in ("day", "month", "year"):
            continue
        label = m.group("label").lower()
        found.append((_LABEL_KEY.get(label.split()[0], "published"), parsed[0], m.start("date"), m.end("date")))
    return found
