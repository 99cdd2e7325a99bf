"""Word (.docx): body paragraphs in order, footnote/endnote references as ``[n]``, notes at the end.

Paragraph and character styles become regions, raised text is classified from its context
(``factcheck.documents.docx_marks``: note marker or citation ``[n]``, exponent ``^n``,
affiliation mark left out of the author block), and the fields of reference managers (Zotero,
Mendeley) become citation fields over their displayed text (``factcheck.documents.docx_fields``).

Notes are numbered as Word displays them (``factcheck.documents.docx_notes``). The zip is
checked before python-docx sees it (``factcheck.documents.docx_zip``).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from factcheck.documents.assemble import TextBuilder
from factcheck.documents.docx_breaks import broken_lines
from factcheck.documents.docx_xml import NOTE_REFERENCES, W, body_paragraphs, inline_events, plain_text, raised_marks
from factcheck.documents.docx_zip import check_zip, short_error
from factcheck.documents.docx_fields import OpenField, parse_instruction
from factcheck.documents.docx_marks import (
    BYLINE_PARAGRAPHS,
    byline_paragraphs,
    classify_raised,
    is_code_character_style,
    is_raised,
    style_kind,
    style_names,
)
from factcheck.documents.docx_notes import NOTE_KINDS, format_number, note_format, notes_part
from factcheck.documents.metadata import text_metadata
from factcheck.documents.model import (
    CitationField,
    Document,
    FieldItem,
    LeftOut,
    LoadError,
    Region,
    SegmentOrigin,
    laminar_regions,
)

_MAX_FIELD_DEPTH = 64  # fields nest a few deep (a hyperlink in a citation); a deeper stack is damage


def load_docx(path: Path, data: bytes, fmt: str = "docx") -> Document:
    """Check the zip, open with python-docx, walk the body, append the notes."""
    check_zip(data)
    import docx  # lazy: heavy import

    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(document)
        reader.read()
        text, segments, anchors = reader.out.build()
        regions, fields = reader.result(anchors)
        props = _core_properties(document)
    except LoadError:
        raise
    except ValueError as error:
        if "not a Word file" in str(error):
            content_type = str(error).split("content type is")[-1].strip(" '")
            raise LoadError(f"not a Word document (content type {content_type})") from None
        raise LoadError(f"damaged Word document: {short_error(error)}") from None
    except Exception as error:  # lxml, zipfile (bad CRC), KeyError for missing parts...
        raise LoadError(f"damaged Word document: {short_error(error)}") from None
    title = dict(props).get("title")
    metadata = text_metadata(text, title=title, extra=tuple((k, v) for k, v in props if k != "title"))
    authors = tuple(a.strip() for a in dict(props).get("author", "").split(";") if a.strip())
    if authors:
        metadata = metadata.model_copy(update={"authors": authors})
    return Document(path=str(path), format=fmt, text=text, segments=segments, metadata=metadata, regions=regions,
                    fields=fields, left_out=tuple(reader.left_out))


def _core_properties(document: Any) -> list[tuple[str, str]]:
    """Core properties as strings. ``created`` stays an extra: it is the file's (often the
    template's) creation date, not the publication date, and the .txt twin would not have it."""
    props = document.core_properties
    out = []
    for name in ("title", "author", "subject", "keywords", "category", "comments", "content_status",
                 "identifier", "language", "last_modified_by", "version", "created", "modified"):
        try:
            value = getattr(props, name)
        except (ValueError, TypeError):  # a malformed date in core.xml
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        value = " ".join(str(value or "").split())
        if value:
            out.append((name, value))
    return out


# -- the walk ----------------------------------------------------------------------------------

class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.out = TextBuilder()
        self.notes = {kind: notes_part(document, kind) for kind in NOTE_KINDS}
        self.formats = {kind: note_format(document, kind) for kind in NOTE_KINDS}
        self.labels: dict[str, dict[str, str]] = {kind: {} for kind in NOTE_KINDS}  # id → label, by first use
        self.styles = style_names(document)
        self.left_out: list[LeftOut] = []
        self.fields: list[tuple[int, str, tuple[FieldItem, ...]]] = []  # number, kind, items
        self._open_fields: list[OpenField] = []
        self._field_count = 0
        self._region_count = 0
        self._raised: list[str] = []  # raised runs not yet written: a mark may span several runs
        self._tail = ""  # the last characters written in the paragraph, for the raised text after them
        self._in_byline = False
        self._lstrip = False

    def read(self) -> None:
        paragraphs = list(body_paragraphs(self.document.element.body))
        kinds = [style_kind(self._style(p, "pPr", "pStyle")) for p in paragraphs]
        byline = byline_paragraphs([(kinds[i], plain_text(p), raised_marks(p))
                                    for i, p in enumerate(paragraphs[:BYLINE_PARAGRAPHS])])
        kinds = ["byline" if i in byline else kind for i, kind in enumerate(kinds)]
        texts = [plain_text(p) for p in paragraphs]
        joins = broken_lines(texts, kinds)
        joined = False  # the paragraph before was a line a converter broke off this one
        for number, paragraph in enumerate(paragraphs, 1):
            self._in_byline = number - 1 in byline
            kind = kinds[number - 1]
            region = self._region_start(kind) if kind else None
            self._paragraph(paragraph, "text", f"paragraph {number}", lstrip=joined)
            if region is not None:
                self.out.anchor(("region-end", region, kind))
            if number - 1 in joins:
                if texts[number - 1].strip():  # not an empty paragraph between the two halves
                    self.out.add(" ", "joined", locator=f"paragraph {number}")
                joined = True
            else:
                joined = False
                self.out.end_paragraph()
        self._in_byline = False
        used = [(kind, note_id, label) for kind in NOTE_KINDS for note_id, label in self.labels[kind].items()
                if note_id in self.notes[kind]]
        if used:
            self.out.add("Notes", "note", locator="notes")
            self.out.end_paragraph()
        for kind, note_id, label in used:
            locator = f"{kind} {label}"
            self.out.add(f"[{label}] ", "note", locator=locator)
            for paragraph in self.notes[kind][note_id].iter(W + "p"):
                self._paragraph(paragraph, "note", locator, lstrip=True)
                self.out.add(" ", "note", locator=locator)
            self.out.end_paragraph()

    def result(self, anchors: tuple[tuple[Any, int], ...]) -> tuple[tuple[Region, ...], tuple[CitationField, ...]]:
        """The regions and citation fields, placed by the anchors the walk left in the text."""
        starts: dict[tuple[str, int], int] = {}
        spans: list[tuple[int, int, Any]] = []
        places: dict[int, tuple[int, int]] = {}
        for value, offset in anchors:
            tag, number, kind = value
            if tag in ("region-start", "field-start"):
                starts[(tag, number)] = offset
            elif tag == "region-end" and ("region-start", number) in starts:
                spans.append((starts[("region-start", number)], offset, kind))
            elif tag == "field-end" and ("field-start", number) in starts:
                places[number] = (starts[("field-start", number)], offset)
        fields = []
        for number, kind, items in self.fields:
            if number not in places or places[number][1] <= places[number][0]:
                continue
            start, end = places[number]
            if kind == "bibliography":
                spans.append((start, end, "references"))
            else:
                fields.append(CitationField(start=start, end=end, kind="csl", items=items))
        return laminar_regions(spans), tuple(sorted(fields, key=lambda f: f.start))

    def _region_start(self, kind: str) -> int:
        self._region_count += 1
        self.out.anchor(("region-start", self._region_count, kind))
        return self._region_count

    def _paragraph(self, paragraph: Any, origin: SegmentOrigin, locator: str, lstrip: bool = False) -> None:
        """Write the runs of one ``w:p`` in order; ``lstrip`` drops leading spaces (after "[n] ")."""
        self._lstrip = lstrip
        self._tail = ""
        for event, element in inline_events(paragraph):
            if event == "run":
                self._run(element, origin, locator)
            elif event == "field":
                self._field_begin()
                self._open_fields[-1].instruction.append(element.get(W + "instr") or "")
                self._field_separate(origin, locator)
            else:  # the end of a simple field
                self._field_end(origin, locator)
        self._flush_raised(origin, locator)

    def _write(self, text: str, origin: SegmentOrigin, locator: str) -> None:
        if self._lstrip:
            text = text.lstrip()
            if not text:
                return
            self._lstrip = False
        self.out.add(text, origin, locator=locator)
        self._tail = (self._tail + text)[-40:]

    def _run(self, run: Any, origin: SegmentOrigin, locator: str) -> None:
        props = run.find(W + "rPr")
        hidden = raised = code = False
        if props is not None:
            vanish = props.find(W + "vanish")
            hidden = vanish is not None and vanish.get(W + "val") not in ("0", "false", "off")
            raised = is_raised(props)
            code = is_code_character_style(self._style(run, "rPr", "rStyle"))
        if self._field_chars(run, origin, locator) or hidden:
            return  # field instructions, and hidden text, are not the document's text
        if any(child.tag in NOTE_REFERENCES for child in run):
            raised = False  # a note reference: numbered below, wherever it is raised
        if raised:
            self._raised.append("".join(t.text or "" for t in run.iter(W + "t")))
            return
        self._flush_raised(origin, locator)
        region = self._region_start("code") if code else None
        for child in run:
            tag = child.tag
            if tag == W + "t":
                self._write(child.text or "", origin, locator)
            elif tag == W + "tab":
                self._write("\t", origin, locator)
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") in ("page", "column"):
                    self._write(" ", origin, locator)
                else:
                    self.out.line_break(origin, locator=locator)
            elif tag == W + "noBreakHyphen":
                self._write("-", origin, locator)
            elif tag in NOTE_REFERENCES:
                kind = "footnote" if tag == W + "footnoteReference" else "endnote"
                label = self._label_for(kind, child.get(W + "id") or "")
                self.out.add(f"[{label}]", "marker", locator=locator)
                self._tail = (self._tail + f"[{label}]")[-40:]
        if region is not None:
            self.out.anchor(("region-end", region, "code"))

    def _flush_raised(self, origin: SegmentOrigin, locator: str) -> None:
        """Write the raised text read so far as what its context says it is (see docx_marks)."""
        if not self._raised:
            return
        raised, self._raised = "".join(self._raised), []
        verdict = classify_raised(raised, self._tail, self._in_byline)
        if verdict is None:
            self._write(raised, origin, locator)
            return
        what, shown = verdict
        if what == "affiliation":
            self.left_out.append(LeftOut(kind="affiliation-mark", text=shown, locator=locator))
            if raised[-1:].isspace():
                self._write(" ", origin, locator)
            return
        if raised[:1].isspace() and self._tail[-1:] not in ("", " "):
            self._write(" ", origin, locator)
        self.out.add(shown, "marker", locator=locator)
        self._tail = (self._tail + shown)[-40:]
        if raised[-1:].isspace():
            self._write(" ", origin, locator)

    # -- fields ----------------------------------------------------------------------------

    def _field_chars(self, run: Any, origin: SegmentOrigin, locator: str) -> bool:
        """Read a run's field characters and instruction text; True when the run held nothing else."""
        other = False
        for child in run:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    self._field_begin()
                elif kind == "separate":
                    self._field_separate(origin, locator)
                elif kind == "end":
                    self._field_end(origin, locator)
            elif tag == W + "instrText":
                if self._open_fields and not self._open_fields[-1].in_result:
                    self._open_fields[-1].instruction.append(child.text or "")
            elif tag != W + "rPr":
                other = True
        in_instruction = bool(self._open_fields) and not self._open_fields[-1].in_result
        return not other or in_instruction

    def _field_begin(self) -> None:
        if len(self._open_fields) < _MAX_FIELD_DEPTH:
            self._open_fields.append(OpenField())

    def _field_separate(self, origin: SegmentOrigin, locator: str) -> None:
        if not self._open_fields or self._open_fields[-1].in_result:
            return
        self._flush_raised(origin, locator)
        opened = self._open_fields[-1]
        opened.in_result = True
        self._field_count += 1
        opened.number = self._field_count
        self.out.anchor(("field-start", opened.number, None))

    def _field_end(self, origin: SegmentOrigin, locator: str) -> None:
        if not self._open_fields:
            return
        self._flush_raised(origin, locator)
        closed = self._open_fields.pop()
        if closed.number is None:
            return  # a field without a result shows nothing
        self.out.anchor(("field-end", closed.number, None))
        parsed = parse_instruction("".join(closed.instruction))
        if parsed is not None:
            self.fields.append((closed.number, parsed[0], parsed[1]))

    def _style(self, element: Any, props_tag: str, style_tag: str) -> str | None:
        props = element.find(W + props_tag)
        style = props.find(W + style_tag) if props is not None else None
        style_id = style.get(W + "val") if style is not None else None
        return self.styles.get(style_id, style_id) if style_id else None

    def _label_for(self, kind: str, note_id: str) -> str:
        """The displayed number of a note: the order of its first reference, formatted."""
        labels = self.labels[kind]
        if note_id not in labels:
            fmt, start = self.formats[kind]
            labels[note_id] = format_number(start + len(labels), fmt)
        return labels[note_id]
