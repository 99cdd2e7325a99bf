"""Build ``Document.text`` paragraph by paragraph while keeping the source map in step.

The html, pdf and docx loaders all produce the same text shape as a ``.txt`` twin of the
document: paragraphs separated by one blank line, whitespace trimmed at paragraph edges.
Doing the trimming, the separators and the offset bookkeeping here, once, keeps every loader
from re-deriving offsets (and getting them subtly wrong). Offsets are recorded as the text is
written, never recovered afterwards by searching.
"""

from __future__ import annotations

import re

from factcheck.documents.model import Segment, SegmentOrigin

PARAGRAPH_SEPARATOR = "\n\n"
# HTML collapses only ASCII whitespace; a no-break space is content.
_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_FOLDABLE = re.compile(r"[\t\n\r\f]| [ \t\n\r\f]")  # what ``_ASCII_SPACE`` would change
_TRAILING = " \t\n\r\f\v\u00a0"
_LABEL_CHARS = frozenset("0123456789,–-")


def note_label(text: str) -> str | None:
    """The label of a note reference written as "3", "[3]", "1,2" or "4–6"; else None.

    Shared by the loaders so that a superscript "3" in HTML, PDF or Word becomes the same "[3]".
    """
    core = text.strip().removeprefix("[").removesuffix("]").replace(" ", "")
    if 0 < len(core) <= 12 and core[0].isdigit() and set(core) <= _LABEL_CHARS:
        return core
    return None


class _Run:
    """A piece of the open paragraph: its text, origin, segment fields and char positions. A plain
    slotted class: one is made per run written (a page of 40,000 paragraphs writes as many), and
    a dataclass with list factories takes twice as long to build.

    Text added to the run after its first piece waits in ``more`` until the run is read
    (``joined``): appending to ``text`` itself copied the whole run each time, quadratic in a
    paragraph of 50,000 markers."""

    __slots__ = ("text", "more", "origin", "fields", "char_x", "inserted")

    def __init__(self, text: str, origin: SegmentOrigin, fields: dict[str, object], char_x: list[float],
                 inserted: list[int]) -> None:
        self.text = text
        self.more: list[str] | None = None
        self.origin = origin
        self.fields = fields
        self.char_x = char_x
        self.inserted = inserted

    def joined(self) -> str:
        """The run's whole text (its waiting pieces joined to it once)."""
        if self.more:
            self.text = self.text + "".join(self.more)
            self.more = None
        return self.text


class TextBuilder:
    """Accumulate runs into paragraphs; ``build()`` returns the text, segments and anchors.

    ``fields`` given to :meth:`add` (``locator``, ``page``, ``bbox``, ``source_start``...) go
    to the run's Segment as they are. ``char_x``, when given, has one entry per character and
    is trimmed together with the text, so it always stays aligned; so do ``inserted`` (offsets
    in ``text`` of characters that stand for no glyph of the source).

    ``tag`` is the caller's note on what is being written (an HTML block, a Word style): each
    paragraph written keeps the tag that was set when its first character was added, and
    ``paragraphs`` lists them as ``(start, end, tag)`` in text order.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._segments: list[Segment] = []
        self._runs: list[_Run] = []
        self._open_length = 0
        self._last_char = ""
        self._waiting: list[str] = []  # anchors for the start of the next paragraph
        self._open_anchors: list[tuple[str, int]] = []
        self._anchors: list[tuple[str, int]] = []
        self.tag: object = None
        self._open_tag: object = None
        self.paragraphs: list[tuple[int, int, object]] = []

    # -- writing ---------------------------------------------------------------------------

    def add(self, text: str, origin: SegmentOrigin = "text", *, char_x: list[float] | tuple[float, ...] = (),
            inserted: list[int] | tuple[int, ...] = (), collapse: bool = False, **fields: object) -> None:
        """Append ``text`` to the open paragraph (opening one if needed).

        ``collapse`` folds runs of ASCII whitespace into one space, HTML-style, across run
        boundaries. Leading whitespace of a paragraph is always dropped.
        """
        # Empty positions stay the shared empty tuple (most runs have none: html, docx); a run's
        # own list is made only for positions given, which trimming may cut.
        xs: list[float] | tuple[()] = list(char_x) if char_x else ()
        if xs and len(xs) != len(text):
            raise ValueError("char_x must have one entry per character")
        added: list[int] | tuple[()] = list(inserted) if inserted else ()
        if collapse and added:
            raise ValueError("inserted offsets cannot be kept through collapsing")
        if collapse:
            if xs:
                text, xs = _collapse(text, xs)
            elif _FOLDABLE.search(text):  # most pieces have no space to fold: no new string
                text = _ASCII_SPACE.sub(" ", text)
            if self._last_char in ("", " ", "\n") and text.startswith(" "):
                text, xs = text[1:], xs[1:]
        elif not self._open_length:
            stripped = text.lstrip()
            cut = len(text) - len(stripped)
            if cut:
                xs = xs[cut:]
                added = [k - cut for k in added if k >= cut] if added else ()
            text = stripped
        if not text:
            return
        if not self._open_length:
            self._open_tag = self.tag
        last = self._runs[-1] if self._runs else None
        if last is not None and not xs and not added and not last.char_x and not last.inserted \
                and last.origin == origin and last.fields == fields:
            if last.more is None:
                last.more = [text]
            else:
                last.more.append(text)
        else:
            self._runs.append(_Run(text, origin, fields, xs, added))  # ``fields`` is this call's own dict
        self._open_length += len(text)
        self._last_char = text[-1]

    def line_break(self, origin: SegmentOrigin = "text", **fields: object) -> None:
        """A hard line break (``<br>``, a Word ``w:br``); a second one in a row ends the paragraph."""
        if not self._open_length:
            return
        if self._last_char == "\n":
            self.end_paragraph()
            return
        self._trim_end(" \t")
        if self._open_length:
            self.add("\n", origin, **fields)

    def anchor(self, value: str) -> None:
        """Remember the current output position for ``value`` (e.g. an inline suppression).

        Inside a paragraph it is the current position; between paragraphs, the start of the
        next paragraph (the element the comment stands before); at the end, the text's end.
        """
        if self._open_length:
            self._open_anchors.append((value, self._open_length))
        else:
            self._waiting.append(value)

    def end_paragraph(self) -> None:
        """Close the open paragraph; an empty one leaves no trace but its anchors wait on."""
        if self._runs:
            last = self._runs[-1]
            if (last.more[-1] if last.more else last.text)[-1] in _TRAILING:  # else nothing to trim
                self._trim_end(_TRAILING)
        else:  # nothing open (a block starting after one that ended): what ``_trim_end`` would leave
            self._last_char = ""
        if not self._open_length:
            if self._open_anchors:
                self._waiting.extend(value for value, _ in self._open_anchors)
                self._open_anchors.clear()
            self._runs.clear()
            return
        if self._length:
            self._parts.append(PARAGRAPH_SEPARATOR)
            self._length += len(PARAGRAPH_SEPARATOR)
        start = self._length
        for run in self._runs:
            if run.more:
                run.joined()
            end = self._length + len(run.text)
            fields = run.fields
            if not run.char_x and not run.inserted:  # html, docx: a locator at most
                segment = Segment.of(self._length, end, run.origin, fields)
            else:
                segment = Segment(start=self._length, end=end, origin=run.origin, char_x=tuple(run.char_x),
                                  inserted=tuple(run.inserted), **fields)
            self._segments.append(segment)
            self._parts.append(run.text)
            self._length = end
        self.paragraphs.append((start, self._length, self._open_tag))
        if self._waiting:
            self._anchors.extend((value, start) for value in self._waiting)
            self._waiting.clear()
        if self._open_anchors:
            self._anchors.extend((value, start + min(offset, self._length - start))
                                 for value, offset in self._open_anchors)
            self._open_anchors.clear()
        self._runs.clear()
        self._open_length = 0
        self._last_char = ""

    def build(self) -> tuple[str, tuple[Segment, ...], tuple[tuple[str, int], ...]]:
        """Close the last paragraph; return (text, segments, anchors as (value, offset))."""
        self.end_paragraph()
        self._anchors.extend((value, self._length) for value in self._waiting)
        self._waiting.clear()
        return "".join(self._parts), tuple(self._segments), tuple(self._anchors)

    # -- internals -------------------------------------------------------------------------

    def _trim_end(self, chars: str) -> None:
        while self._runs:
            run = self._runs[-1]
            if run.more:  # only the last piece is read (a run without char positions or insertions)
                piece = run.more[-1]
                kept = piece.rstrip(chars)
                removed = len(piece) - len(kept)
                if not removed:
                    break
                self._open_length -= removed
                if kept:
                    run.more[-1] = kept
                    break
                run.more.pop()
                continue
            kept = run.text.rstrip(chars)
            removed = len(run.text) - len(kept)
            if not removed:
                break
            self._open_length -= removed
            if kept:
                run.text = kept
                if run.char_x:
                    del run.char_x[len(kept):]
                if run.inserted:
                    run.inserted = [k for k in run.inserted if k < len(kept)]
                break
            self._runs.pop()
        self._last_char = _last_char(self._runs[-1]) if self._runs else ""


def _last_char(run: _Run) -> str:
    return run.more[-1][-1] if run.more else run.text[-1]


def _collapse(text: str, xs: list[float]) -> tuple[str, list[float]]:
    """Fold ASCII whitespace runs into one space, keeping ``xs`` aligned when given."""
    if not xs:
        return _ASCII_SPACE.sub(" ", text), xs
    out: list[str] = []
    kept: list[float] = []
    pos = 0
    for m in _ASCII_SPACE.finditer(text):
        out.append(text[pos:m.start()])
        kept.extend(xs[pos:m.start()])
        out.append(" ")
        kept.append(xs[m.start()])
        pos = m.end()
    out.append(text[pos:])
    kept.extend(xs[pos:])
    return "".join(out), kept
