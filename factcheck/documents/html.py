"""HTML: the article text without the page's chrome, one paragraph per block element.

Decode and parse the page (selectolax/Lexbor), read what it says about itself
(``html_meta``), walk the content root (``<article>``, ``<main>`` or ``<body>``) into paragraphs
(``html_walk``: notes, markers, bibliography entries, decorations and tables of contents;
``html_elements`` says what each element is),
then keep the paragraphs that are the article (``html_article``: trafilatura as a classifier,
widened to the article's container) and record the rest in ``Document.left_out``. What each
kept paragraph is (title, heading, byline, caption, code, table, notes, references) becomes
``Document.regions``. Every segment carries a CSS-ish locator of its block ("body >
p:nth-of-type(4)"); source offsets are not kept, because the parser does not report them.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from factcheck.documents.encoding import binary_signature, control_count, utf8_or_cp1252
from factcheck.documents.html_article import Paragraph, classify, keep_paragraphs, words
from factcheck.documents.html_meta import iso_date, metadata_fields, page_facts
from factcheck.documents.html_notes import NoteIndex, localize_links
from factcheck.documents.html_elements import content_root, heading_ids
from factcheck.documents.html_text import collapsed
from factcheck.documents.html_walk import CODE_END, CODE_START, CONTENT_ROOTS, WalkContext, Walker
from factcheck.documents.metadata import text_metadata
from factcheck.documents.model import Document, LeftOut, LoadError, Region
from factcheck.documents.suppressions import anchored_suppressions

__all__ = ["decode_html", "iso_date", "load_html"]

# Share of control characters above which the bytes are binary data, not a page.
_BINARY_CONTROL_SHARE = 0.05
_META_TAG = re.compile(rb"<meta\b[^>]{0,512}>", re.IGNORECASE)
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
# A byline is a line or two; a longer paragraph named "author" is a biography or a body.
_MAX_BYLINE_WORDS = 40
_MARKER_LABEL = re.compile(r"\[([^\[\]]{1,20})\]")
_REGION_KINDS = frozenset(("title", "heading", "byline", "caption", "code", "table", "references", "notes",
                           "boilerplate"))


def load_html(path: Path, data: bytes, fmt: str = "html", *, article: bool = True) -> Document:
    """Decode, parse and walk the page; raise LoadError only for bytes that are not text.

    ``article=False`` keeps every paragraph of the content root (no article classifier).
    """
    text_in, encoding = decode_html(data)
    sample = text_in[:65536]
    if control_count(sample) > _BINARY_CONTROL_SHARE * len(sample):
        raise LoadError(f"binary data, not HTML (starts with {data[:8]!r})")
    kind = binary_signature(data)
    if kind:
        raise LoadError(f"not HTML but {kind}")
    tree = _parse(text_in)
    localize_links(tree)
    facts = page_facts(tree)
    root = content_root(tree)
    walker = Walker(NoteIndex(tree), heading_ids(tree))
    if root is not None:
        walker.walk(root, WalkContext(path=(root.tag,), locator=root.tag, in_content=root.tag in CONTENT_ROOTS))
    walker.leftover_notes(tree)
    text, segments, anchors = walker.out.build()
    paragraphs: list[Paragraph] = walker.out.paragraphs

    fields = metadata_fields(facts, root, encoding)
    title_index = _title_paragraph(text, paragraphs, fields["title"])
    left_out = list(walker.left_out)
    keep = [True] * len(paragraphs)
    if article and root is not None and paragraphs:
        keep = classify(text_in, paragraphs, text, title_index, walker.inside)
        ends = [segment.end for segment in segments]
        left_out += [LeftOut(kind="chrome", text=collapsed(text[start:end]), locator=_locator(segments, ends, start))
                     for (start, end, _), flag in zip(paragraphs, keep) if not flag]
    orphans = _unmarked_notes(text, segments, paragraphs, keep, set(walker.notes.targets.values()))
    if any(orphans):
        left_out += _left_notes(text, segments, paragraphs, orphans)
        keep = [k and not o for k, o in zip(keep, orphans)]
    if not all(keep):
        kept_title = sum(keep[:title_index]) if title_index is not None and keep[title_index] else None
        text, segments, anchors, paragraphs = keep_paragraphs(text, segments, anchors, paragraphs, keep)
        title_index = kept_title

    metadata = text_metadata(text, title=fields["title"], published=fields["published"], extra=fields["extra"])
    if fields["authors"]:
        metadata = metadata.model_copy(update={"authors": fields["authors"]})
    if fields["modified"]:
        metadata = metadata.model_copy(update={"modified": fields["modified"]})
    code = [(value, offset) for value, offset in anchors if value in (CODE_START, CODE_END)]
    anchors = tuple((value, offset) for value, offset in anchors if value not in (CODE_START, CODE_END))
    regions = _with_inline_code(_regions(text, paragraphs, title_index), code)
    return Document(path=str(path), format=fmt, text=text, segments=segments, metadata=metadata,
                    suppressions=anchored_suppressions(text, anchors), regions=regions, left_out=tuple(left_out))


# -- structure -----------------------------------------------------------------------------------

def _title_paragraph(text: str, paragraphs: Sequence[Paragraph], title: str | None) -> int | None:
    """The heading that is the document's title: the one the metadata names, else a heading
    that opens the text."""
    headings = [i for i, (_, _, ctx) in enumerate(paragraphs) if ctx is not None and ctx.kind == "heading"]
    if not headings:
        return None
    wanted = " ".join(words(title or ""))
    if wanted:
        for i in headings[:20]:
            start, end, _ = paragraphs[i]
            found = " ".join(words(text[start:end]))
            if found and (found in wanted or wanted in found):
                return i
    return headings[0] if headings[0] == 0 else None


def _regions(text: str, paragraphs: Sequence[Paragraph], title_index: int | None) -> tuple[Region, ...]:
    """One region per run of paragraphs of the same kind (body paragraphs declare none)."""
    out: list[Region] = []
    for i, (start, end, ctx) in enumerate(paragraphs):
        kind = "title" if i == title_index else (ctx.kind if ctx is not None else None)
        if kind == "byline" and len(words(text[start:end])) > _MAX_BYLINE_WORDS:
            kind = None
        if kind not in _REGION_KINDS:
            continue
        if out and out[-1].kind == kind and kind != "title" and out[-1].end + 2 == start:
            out[-1] = out[-1].model_copy(update={"end": end})
        else:
            out.append(Region(start=start, end=end, kind=kind))
    return tuple(out)


def _with_inline_code(regions: tuple[Region, ...], marks: Sequence[tuple[str, int]]) -> tuple[Region, ...]:
    """Add a "code" region for each outermost inline ``<code>`` that lies outside every other region."""
    spans = []
    depth = 0
    start = 0
    for value, offset in marks:
        if value == CODE_START:
            if depth == 0:
                start = offset
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0 and offset > start:
                spans.append((start, offset))
    if not spans:
        return regions
    starts = [r.start for r in regions]
    out = list(regions)
    for start, end in spans:
        i = bisect_left(starts, end)  # regions starting before the code's end
        if i and regions[i - 1].end > start:
            continue
        out.append(Region(start=start, end=end, kind="code"))
    return tuple(sorted(out, key=lambda r: r.start))


def _unmarked_notes(text: str, segments: Sequence[Any], paragraphs: Sequence[Paragraph], keep: Sequence[bool],
                    labels: set[str]) -> list[bool]:
    """For each paragraph, whether it is a kept note whose markers all stand in paragraphs left out
    (a navigation box's "[254]"): the note belongs to that text, and kept without it would be
    reported as a note that nothing refers to."""
    if not labels or not paragraphs:
        return [False] * len(paragraphs)
    starts = [start for start, _, _ in paragraphs]
    marked = set()
    for segment in segments:
        if segment.origin != "marker":
            continue
        i = bisect_right(starts, segment.start) - 1
        if i >= 0 and keep[i]:  # one segment may hold adjacent markers: "[245][n 8]"
            marked.update(_MARKER_LABEL.findall(text, segment.start, segment.end))
    out = []
    for (_, _, ctx), flag in zip(paragraphs, keep):
        label = ctx.locator[len("footnote "):] if flag and ctx is not None and ctx.origin == "note" \
            and ctx.locator.startswith("footnote ") else None
        out.append(label is not None and label in labels and label not in marked)
    return out


def _left_notes(text: str, segments: Sequence[Any], paragraphs: Sequence[Paragraph],
                flags: Sequence[bool]) -> list[LeftOut]:
    """The notes left out because their markers were (``Walker.unmarked_notes``)."""
    ends = [segment.end for segment in segments]
    return [LeftOut(kind="note", text=collapsed(text[start:end]), locator=_locator(segments, ends, start))
            for (start, end, _), flag in zip(paragraphs, flags) if flag]


def _locator(segments: Sequence[Any], ends: list[int], offset: int) -> str | None:
    i = bisect_left(ends, offset + 1)
    return segments[i].locator if i < len(segments) else None


# -- decoding and parsing --------------------------------------------------------------------

def decode_html(data: bytes) -> tuple[str, str]:
    """BOM, then ``<meta charset>``, then UTF-8 (Windows-1252 when undeclared bytes are not UTF-8)."""
    for bom, name in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    declared = _declared_charset(data[:4096])
    if declared:
        return data.decode(declared, errors="replace"), declared
    return utf8_or_cp1252(data)


def _declared_charset(head: bytes) -> str | None:
    """The charset a ``<meta>`` declares, as a Python codec name (WHATWG aliases applied)."""
    for tag in _META_TAG.finditer(head):
        m = _CHARSET.search(tag.group(0))
        if not m:
            continue
        try:
            name = codecs.lookup(m.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            return None
        if name in ("latin-1", "iso8859-1", "ascii"):
            return "cp1252"  # browsers read these labels as Windows-1252
        if name.startswith("utf-16") or name.startswith("utf-32"):
            return "utf-8"  # an ASCII-compatible page cannot really be UTF-16
        return name
    return None


def _parse(text: str) -> Any:
    """Lexbor (selectolax ≥ 0.3); the Modest backend only where Lexbor is missing."""
    try:
        from selectolax.lexbor import LexborHTMLParser as Parser
    except ImportError:  # pragma: no cover - old selectolax builds
        from selectolax.parser import HTMLParser as Parser
    try:
        return Parser(text)
    except Exception as error:  # the C parser should not fail, but never leak its errors
        raise LoadError(f"cannot parse HTML: {error}") from None
