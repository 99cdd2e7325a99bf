"""Find in-text citations: author-year (parenthetical and narrative), note markers, pandoc keys.

News attributions ("the minister said") are found by ``factcheck.claims.attribution``.
Each pattern is bounded (a parenthesis holds at most 400 characters, no newline; look-behind
windows are fixed) so that scanning stays linear on hostile input.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import lru_cache

from factcheck.citations.model import Citation, NoteBlock
from factcheck.text.dates import MONTHS, SEASONS
from factcheck.text.model import Block

_PAREN = re.compile(r"\(([^()\n]{4,400})\)")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?|n\.\s?d\."
_PART = re.compile(
    rf"^\s*(?:(?:see also|see|e\.g\.,?|cf\.|also|for example,?|i\.e\.,?)\s+)?"
    rf"(?P<authors>[^\d;]{{1,300}}?),?\s+(?P<years>(?:{_YEAR})(?:\s*,\s*(?:{_YEAR}))*)"
    rf"(?:\s*[,:]\s*(?P<loc>(?:p|pp|para|chap|ch|sec|fig)\.?\s*[\w–-]+(?:\s*[-–]\s*\w+)?))?\s*$",
    re.IGNORECASE,
)
_AUTHOR_SPLIT = re.compile(r"\s*,\s*(?:&|and)\s+|\s+&\s+|\s+and\s+|\s*,\s*")
_NAME = re.compile(r"^(?:(?:van|von|de|der|den|da|di|du|la|le|al|el|bin|ibn|mac|o’|o')[ -]?)*[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3}$")
_ET_AL = re.compile(r",?\s*et\s+al\.?\s*$")
_NARRATIVE_YEAR = re.compile(rf"\((?P<year>{_YEAR})(?:\s*,\s*(?P<loc>(?:p|pp)\.\s*[\w–-]+))?\)")
_NARRATIVE_AUTHORS = re.compile(
    r"(?P<authors>[A-Z][\w’'-]+(?:\s+(?:et\s+al\.|(?:and|&)\s+[A-Z][\w’'-]+|[A-Z][\w’'-]+))?)(?:’s|'s)?\s*$"
)
_YEAR_SPLIT = re.compile(r"\s*,\s*")
_MARKER = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3}){0,20})\]")
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_DIGITS = str.maketrans(_SUPERSCRIPTS, "0123456789")
_SUPERSCRIPT_RUN = re.compile(r"(?<=[\w.,;:!?”’\")])[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}(?![\w⁰¹²³⁴⁵⁶⁷⁸⁹])")
_PANDOC_BRACKET = re.compile(r"\[([^\[\]\n]{0,300}?@[^\[\]\n]{1,300}?)\]")
_PANDOC_KEY = re.compile(r"(?:(?<=^)|(?<=[\s\[;-]))-?@(?P<key>[\w][\w:.#$%&+?<>~/-]*[\w])")
_NOT_AUTHOR = {"see", "in", "the", "and", "of", "from", "to", "since", "between", "until", "circa", "c", "ca"}
_SKIP_KINDS = ("references", "notes", "boilerplate", "metadata")


def _is_author(chunk: str) -> bool:
    words = chunk.split()
    if not words or not _NAME.match(chunk):
        return False
    lowered = chunk.lower().rstrip(".")
    return lowered not in MONTHS and lowered not in SEASONS and lowered not in _NOT_AUTHOR


@lru_cache(maxsize=4096)
def parse_author_list(raw: str) -> tuple[tuple[str, ...], bool] | None:
    """"Tariq, Khan, & Khan" -> (("Tariq", "Khan", "Khan"), False); None when not names.

    Cached: a document cites the same authors again and again.
    """
    raw = raw.strip().strip(",")
    et_al = bool(_ET_AL.search(raw))
    if et_al:
        raw = _ET_AL.sub("", raw)
    chunks = [c.strip() for c in _AUTHOR_SPLIT.split(raw) if c.strip()]
    if not chunks or len(chunks) > 50 or not all(_is_author(c) for c in chunks):
        return None
    return tuple(chunks), et_al


def _author_year(text: str, start: int, end: int) -> Iterator[dict]:
    """Fields of each author-year citation: parenthetical "(Tariq, 2020; Khan, 2019)", then
    narrative "Tariq (2020)"."""
    for paren in _PAREN.finditer(text, start, end):
        offset = paren.start(1)
        for part_start, part in _split_parts(paren.group(1)):
            match = _PART.match(part)
            if not match:
                continue
            parsed = parse_author_list(match.group("authors"))
            if not parsed:
                continue
            authors, et_al = parsed
            s = offset + part_start + match.start("authors")
            e = offset + part_start + len(part.rstrip())
            for year in _YEAR_SPLIT.split(match.group("years")):
                yield dict(style="author-year", start=s, end=e, text=text[s:e], authors=authors, et_al=et_al,
                           year=_clean_year(year), locator=match.group("loc"))
    for ym in _NARRATIVE_YEAR.finditer(text, start, end):
        window_start = max(start, ym.start() - 80)
        am = _NARRATIVE_AUTHORS.search(text, window_start, ym.start())
        if not am:
            continue
        parsed = parse_author_list(am.group("authors"))
        if not parsed:
            continue
        s, e = am.start("authors"), ym.end()
        yield dict(style="author-year", start=s, end=e, text=text[s:e], authors=parsed[0], et_al=parsed[1],
                   year=_clean_year(ym.group("year")), locator=ym.group("loc"), narrative=True)


def _split_parts(inner: str) -> list[tuple[int, str]]:
    parts, pos = [], 0
    for piece in inner.split(";"):
        parts.append((pos, piece))
        pos += len(piece) + 1
    return parts


def _clean_year(year: str) -> str:
    return "n.d." if year.lower().startswith("n") else year


def find_markers(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(number, start, end) of each note marker: ``[3]``, ``[2, 4]``, ``[1-3]``, ``³``."""
    out = []
    for m in _MARKER.finditer(text, start, end):
        if m.start() > 0 and text[m.start() - 1] == "\n" or m.start() == start and _at_line_start(text, m.start()):
            continue  # a note's own label, not a marker
        for number in _expand(m.group(1)):
            out.append((number, m.start(), m.end()))
    for m in _SUPERSCRIPT_RUN.finditer(text, start, end):
        number = int(m.group().translate(_SUPERSCRIPT_DIGITS))
        out.append((number, m.start(), m.end()))
    out.sort(key=lambda t: (t[1], t[0]))
    return out


def _at_line_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _expand(spec: str) -> list[int]:
    numbers: list[int] = []
    for piece in re.split(r"\s*,\s*", spec):
        if "-" in piece or "–" in piece:
            a, b = (int(x) for x in re.split(r"\s*[–-]\s*", piece))
            if 0 < b - a <= 50:
                numbers.extend(range(a, b + 1))
            else:
                numbers.append(a)
        else:
            numbers.append(int(piece))
    return numbers


def _pandoc(text: str, start: int, end: int) -> Iterator[dict]:
    for bm in _PANDOC_BRACKET.finditer(text, start, end):
        inner_start = bm.start(1)
        for part_start, part in _split_parts(bm.group(1)):
            km = _PANDOC_KEY.search(part)
            if not km:
                continue
            locator = part[km.end():].strip(" ,") or None
            s = inner_start + part_start + km.start()
            e = inner_start + part_start + len(part.rstrip())
            yield dict(style="pandoc", start=s, end=e, text=text[s:e], key=km.group("key"), locator=locator)


def find_citations(text: str, blocks: Sequence[Block], note_blocks: Sequence[NoteBlock] = ()) -> list[Citation]:
    """All author-year, marker and pandoc citations in the body, ids "k1".. in text order.

    Markers are ``note`` citations when the document has note lists (their ``block`` says which
    list they belong to, as numbering may restart), ``numeric`` otherwise.
    """
    found: list[dict] = []
    style = "note" if note_blocks else "numeric"
    block_of = _NoteBodies(note_blocks)
    for block in blocks:
        if block.kind in _SKIP_KINDS:
            continue
        found.extend(_author_year(text, block.start, block.end))
        found.extend(_pandoc(text, block.start, block.end))
        for number, s, e in find_markers(text, block.start, block.end):
            found.append(dict(style=style, start=s, end=e, text=text[s:e], number=number, block=block_of(s)))
    found.sort(key=lambda c: (c["start"], c["end"], c.get("number") or 0))
    unique: list[Citation] = []
    seen: set[tuple] = set()
    for c in found:
        key = (c["style"], c["start"], c["end"], c.get("number"), c.get("year"))
        if key in seen:
            continue
        seen.add(key)
        unique.append(Citation(id=f"k{len(unique) + 1}", **c))
    return unique


class _NoteBodies:
    """The note block whose body holds an offset: a bisect when the bodies follow each other (as
    ``find_notes`` builds them), else the first in list order that holds it."""

    def __init__(self, note_blocks: Sequence[NoteBlock]) -> None:
        self.blocks = list(note_blocks)
        self.starts = [nb.body_start for nb in self.blocks]
        self.ordered = all(a.body_end <= b.body_start for a, b in zip(self.blocks, self.blocks[1:]))

    def __call__(self, offset: int) -> int | None:
        if self.ordered:
            k = bisect_right(self.starts, offset) - 1
            candidates = self.blocks[k:k + 1] if k >= 0 else []
        else:
            candidates = self.blocks
        for nb in candidates:
            if nb.body_start <= offset < nb.body_end:
                return nb.index
        return None
