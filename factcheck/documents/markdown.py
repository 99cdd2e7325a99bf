"""Markdown (CommonMark, GitHub and pandoc habits): the file's own text, with its structure declared.

Why this shape:
- The text of a ``.md`` document is the file itself (line ends normalized), so that every
  excerpt is exactly the source at its offsets. Nothing is rewritten; what the parser
  (markdown-it-py, with the front matter, footnote, table and dollar-math extensions) knows is
  declared beside the text: ``regions`` from its tokens' line maps (front matter, fenced and
  indented code, inline code, math and raw HTML tags as "code", headings, tables, lists,
  figures, footnote definitions as "notes", link reference definitions and tag-only HTML as
  "boilerplate"), ``note_marks`` for ``[^label]`` references and their notes (numbered in order
  of first reference, as pandoc and markdown-it number them, whatever the labels), ``anchors``
  for named places (``<a name="x"></a>``, ``::: {#x}``) and ``fields`` for links to them
  (``[Lee 2019](#lee2019)``), which ``factcheck.citations.fields`` turns into citations.
- The YAML front matter gives the title, the date (``metadata.published``), the authors (JOSS
  ``authors:`` with ``name``, pandoc ``author:``) and the ``bibliography:`` files, resolved
  against the document's folder. A bibliography named there but missing, when the document's
  own name with that suffix is beside it (a ``paper.md`` renamed with its ``paper.bib``), is
  taken from there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from factcheck.documents.encoding import decode
from factcheck.documents.front_matter import with_front_matter
from factcheck.documents.markdown_bounds import QuickReader, over_budget, parser
from factcheck.documents.markdown_inline import InlineLocator, anchor_target, named_anchor
from factcheck.documents.metadata import dateline, guess_title, own_dates, text_metadata
from factcheck.documents.model import (
    NOT_PROSE,
    Anchor,
    CitationField,
    Document,
    DocumentMetadata,
    FieldItem,
    Format,
    NoteMark,
    Region,
    RegionKind,
    check_text_size,
    laminar_regions,
)
from factcheck.documents.suppressions import text_suppressions
from factcheck.documents.text import normalize_newlines
from factcheck.text.lazy_regex import regex

_TAG = regex(r"<!--.*?-->|<[A-Za-z/!?][^<>]*>", re.DOTALL)
_FOOTNOTE_DEFINITION = regex(r"[ ]{0,3}\[\^([^\]\s]{1,60})\]:[ \t]*")
# A pandoc fenced div or bracketed span that names its place: "::: {#ref-lee2019 .csl-entry}".
_DIV_ANCHOR = regex(r"^[ ]{0,3}(:{3,})[ \t]*\{#([^\s}]+)[^}\n]*\}[ \t]*$", re.MULTILINE)
_DIV_FENCE = regex(r"^[ ]{0,3}:{3,}[ \t]*(?:\{[^}\n]*\}|[\w-]*)[ \t]*$", re.MULTILINE)
# A span's anchor "]{#name attributes}": its head (the id, taken whole), then up to the first "}" on
# its line (``_span_anchors``). The id is taken whole ("++": giving characters back to the attributes
# after it can never help, and split every unclosed "{#..." both ways: cubic on repeated "]{#").
_SPAN_ANCHOR_HEAD = regex(r"\]\{#([^\s}]++)")
_BRACE_OR_LINE_END = regex(r"[}\n]")
_BLOCK_KINDS: dict[str, RegionKind] = {"fence": "code", "code_block": "code", "math_block": "code",
                                       "math_block_label": "code", "heading_open": "heading",
                                       "table_open": "table", "bullet_list_open": "body",
                                       "ordered_list_open": "body"}




def load_markdown(path: Path, data: bytes, fmt: Format = "md") -> Document:
    raw, encoding = decode(data)
    check_text_size(len(raw))
    text, segments = normalize_newlines(raw)
    too_much = over_budget(text)
    reader = _Reader(text) if not too_much else QuickReader(text)
    reader.read()
    regions = reader.regions()
    metadata = _text_metadata(text, [(r.start, r.end) for r in regions if r.kind in NOT_PROSE], encoding)
    if too_much:
        metadata = metadata.model_copy(update={"extra": metadata.extra + (("markdown", too_much),)})
    problems: tuple[str, ...] = ()
    if reader.front_matter is not None:
        metadata, problems = with_front_matter(metadata, text, reader.front_matter, path)
    return Document(path=str(path), format=fmt, text=text, segments=segments, metadata=metadata,
                    suppressions=text_suppressions(text), regions=regions, fields=tuple(reader.fields),
                    anchors=tuple(reader.anchors), note_marks=tuple(reader.note_marks), problems=problems)


def _text_metadata(text: str, hidden: list[tuple[int, int]], encoding: str) -> DocumentMetadata:
    """The title and own dates the text states, none of them read inside code or front matter."""
    if not hidden:
        return text_metadata(text, extra=(("encoding", encoding),))
    starts = [s for s, _ in hidden]

    def shown(offset: int) -> bool:
        k = bisect_right(starts, offset) - 1
        return k < 0 or offset >= hidden[k][1]

    dates = tuple(d for d in own_dates(text) if shown(d[2]))
    published = next((iso for label, iso, _, _ in dates if label == "published"), None)
    if published is None:
        found = dateline(text)
        if found and shown(found[1]):
            published = found[0]
            dates += (("published", found[0], found[1], found[2]),)
    title = guess_title(text)  # a line alone between blank lines: never one of a code block or a front matter
    return DocumentMetadata(title=title, published=published, own_dates=dates, extra=(("encoding", encoding),))


def _span_anchors(text: str) -> Iterator[tuple[str, int]]:
    """(name, start) of each "]{#name ...}", as ``re.finditer(r"\\]\\{#([^\\s}]++)[^}\\n]*\\}")`` finds
    them, in linear time. A "]{#" inside the id of another reads the same id and the same rest, so
    the search goes on after the id; a head whose line has no "}" after it fails, and so does every
    head before that line's end (their rest runs into the same end): the search goes on from there."""
    pos = 0
    while (head := _SPAN_ANCHOR_HEAD.search(text, pos)) is not None:
        stop = _BRACE_OR_LINE_END.search(text, head.end())
        if stop is not None and stop.group() == "}":
            yield head.group(1), head.start()
            pos = stop.end()
        else:
            pos = stop.start() if stop is not None else len(text)


class _Reader:
    """One walk over markdown-it's tokens, collecting regions, marks, anchors and fields."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.locator = InlineLocator(text, self.line_starts)
        self.blocks: list[tuple[int, int, RegionKind]] = []
        self.inline: list[tuple[int, int, RegionKind]] = []
        self.note_marks: list[NoteMark] = []
        self.anchors: list[Anchor] = []
        self.fields: list[CitationField] = []
        self.front_matter: tuple[int, int, str] | None = None  # start, end, YAML
        self.covered: list[tuple[int, int]] = []  # line ranges of every block token

    def read(self) -> None:
        env: dict = {}
        tokens = parser().parse(self.text, env)
        note_number: int | None = None
        note_lines: list[list[int]] = []
        for i, token in enumerate(tokens):
            if token.map:
                self.covered.append((token.map[0], token.map[1]))
            kind = token.type
            if kind == "front_matter" and token.map:
                start, end = self.locator.span_of(token.map)
                self.front_matter = (start, end, token.content)
                self._block(token.map, "front-matter")
            elif kind in _BLOCK_KINDS and token.map:
                self._block(token.map, _BLOCK_KINDS[kind])
            elif kind == "html_block" and token.map:
                self._html_block(token.map)
            elif kind == "paragraph_open" and token.map and note_number is None:
                inline = tokens[i + 1] if i + 1 < len(tokens) else None
                if inline is not None and inline.type == "inline":
                    self._paragraph(token.map, inline)
            elif kind == "inline":
                self._inline(token)
            elif kind == "footnote_open":
                note_number, note_lines = int((token.meta or {}).get("id", 0)) + 1, []
            elif kind == "footnote_close":
                self._footnote(note_number, note_lines)
                note_number = None
            if note_number is not None and token.map:
                note_lines.append(token.map)
        self._uncovered_lines()
        self._pandoc_anchors()

    # -- blocks -----------------------------------------------------------------------------

    def _block(self, line_map: list[int], kind: RegionKind) -> None:
        start, end = self._trimmed(*self.locator.span_of(line_map))
        if end > start:
            self.blocks.append((start, end, kind))

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        while start < end and text[start] in " \t\n":
            start += 1
        while end > start and text[end - 1] in " \t\n":
            end -= 1
        return start, end

    def _html_block(self, line_map: list[int]) -> None:
        """Tags are markup ("code"); a block of nothing but tags and comments is "boilerplate"."""
        start, end = self._trimmed(*self.locator.span_of(line_map))
        tags = [(m.start(), m.end()) for m in _TAG.finditer(self.text, start, end)]
        rest = _TAG.sub("", self.text[start:end])
        if not rest.strip():
            self.blocks.append((start, end, "boilerplate"))
            # A comment is never prose, even where it hangs from a paragraph's last line (a comment
            # may interrupt a paragraph): text commented out is not audited, as pandoc does not print it.
            self.inline.extend((s, e, "code") for s, e in tags if self.text.startswith("<!--", s))
        else:
            self.inline.extend((s, e, "code") for s, e in tags)
        for m in _TAG.finditer(self.text, start, end):
            name = named_anchor(m.group())
            if name:
                self.anchors.append(Anchor(name=name, start=m.start(), end=m.end(),
                                           target=anchor_target(self.text, m.end())))

    def _paragraph(self, line_map: list[int], inline: Any) -> None:
        children = inline.children or []
        images = [c for c in children if c.type == "image"]
        words = [c for c in children if c.type == "text" and c.content.strip()
                 and not c.content.strip().startswith("{")]
        if images and not words:  # a figure: the image's alt text is its caption
            self._block(line_map, "caption")

    def _inline(self, token: Any) -> None:
        found = self.locator.locate(token)
        self.inline.extend((s, e, "code") for s, e in found.code)
        for start, end, label, number in found.note_refs:
            self.note_marks.append(NoteMark(kind="reference", start=start, end=end,
                                            label=label if label is not None else str(number), number=number))
        for start, end, body_start, number in found.inline_notes:
            self.note_marks.append(NoteMark(kind="note", start=start, end=end, label=str(number), number=number,
                                            body_start=body_start))
        for name, start, end, target in found.anchors:
            self.anchors.append(Anchor(name=name, start=start, end=end, target=target))
        for start, end, name in found.links:
            self.fields.append(CitationField(start=start, end=end, kind="link", items=(FieldItem(key=name),)))
        if token.map:
            lo, hi = self.locator.span_of(token.map)
            taken = {s for s, *_ in found.note_refs}
            for start, end, label in self.locator.text_note_refs(lo, hi, taken):
                if not any(s <= start < e for s, e in found.code):
                    self.note_marks.append(NoteMark(kind="reference", start=start, end=end, label=label))

    def _footnote(self, number: int | None, maps: list[list[int]]) -> None:
        """A ``[^label]: text`` definition: its lines, from the label to its last block."""
        if number is None or not maps:
            return
        start, end = self._trimmed(*self.locator.span_of([min(m[0] for m in maps), max(m[1] for m in maps)]))
        m = _FOOTNOTE_DEFINITION.match(self.text, start)
        if not m:
            return  # an inline note ^[...]: marked where it is
        self.note_marks.append(NoteMark(kind="note", start=start, end=end, label=m.group(1), number=number,
                                        body_start=m.end()))
        self.blocks.append((start, end, "notes"))

    def _uncovered_lines(self) -> None:
        """Lines no block token covers: link reference definitions, and notes no marker names
        (markdown-it drops those)."""
        covered = bytearray(len(self.line_starts))
        for lo, hi in self.covered:
            covered[lo:hi] = b"\x01" * (min(hi, len(covered)) - lo)
        numbers = [m.number for m in self.note_marks if m.number is not None]
        next_number = max(numbers, default=0) + 1
        line = 0
        starts = self.line_starts
        while line < len(starts):
            if covered[line]:
                line += 1
                continue
            lo = starts[line]
            hi = starts[line + 1] if line + 1 < len(starts) else len(self.text)
            if not self.text[lo:hi].strip():
                line += 1
                continue
            last = line
            while last + 1 < len(starts) and not covered[last + 1] and self.text[starts[last + 1]:(
                    starts[last + 2] if last + 2 < len(starts) else len(self.text))].strip():
                last += 1
            end = starts[last + 1] if last + 1 < len(starts) else len(self.text)
            start, end = self._trimmed(lo, end)
            m = _FOOTNOTE_DEFINITION.match(self.text, lo)
            if m:
                self.note_marks.append(NoteMark(kind="note", start=start, end=end, label=m.group(1),
                                                number=next_number, body_start=m.end()))
                next_number += 1
                self.blocks.append((start, end, "notes"))
            elif end > start:
                self.blocks.append((start, end, "boilerplate"))
            line = last + 1

    def _pandoc_anchors(self) -> None:
        """Pandoc's ``::: {#name}`` divs and ``[text]{#name}`` spans: their markup is "code"."""
        text = self.text
        for m in _DIV_ANCHOR.finditer(text):
            self.anchors.append(Anchor(name=m.group(2), start=m.start(1), end=m.end(), target=anchor_target(text, m.end())))
        for m in _DIV_FENCE.finditer(text):
            self.inline.append((m.start() + len(m.group()) - len(m.group().lstrip()), m.end(), "code"))
        for name, start in _span_anchors(text):
            open_at = text.rfind("[", max(0, start - 300), start)
            if open_at >= 0:
                self.anchors.append(Anchor(name=name, start=open_at, end=open_at + 1, target=open_at + 1))

    # -- the result -------------------------------------------------------------------------

    def regions(self) -> tuple[Region, ...]:
        """Block regions, then the inline ones, as a laminar family: sorted by start (the outer
        first), an inline region that partly overlaps another one dropped. Block regions of one
        kind with only white space between them are one (two notes on consecutive lines)."""
        merged: list[tuple[int, int, RegionKind]] = []
        for start, end, kind in sorted(set(self.blocks), key=lambda r: (r[0], -r[1])):
            if merged and merged[-1][2] == kind and merged[-1][1] <= start and not self.text[merged[-1][1]:start].strip():
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]), kind)
            else:
                merged.append((start, end, kind))
        regions = laminar_regions(merged + self.inline)
        self.note_marks.sort(key=lambda m: (m.start, m.kind))
        self.anchors.sort(key=lambda a: a.start)
        self.fields.sort(key=lambda f: f.start)
        return regions
