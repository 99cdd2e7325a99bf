"""Word (.docx): body paragraphs in order, footnote/endnote references as ``[n]``, notes at the end.

python-docx has no public footnotes API, so the notes parts are read through the document
part's relationships and parsed with lxml. References are numbered as Word displays them: in
order of first reference, footnotes and endnotes separately, in the number format the
document sets (Word's defaults: 1, 2, 3 for footnotes; i, ii, iii for endnotes). The zip is
checked before anything is decompressed, so a zip bomb costs nothing.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any, Iterator

from factcheck.documents.assemble import TextBuilder, note_label
from factcheck.documents.metadata import text_metadata
from factcheck.documents.model import Document, LoadError, SegmentOrigin

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 500  # deflate cannot do much better than ~1000:1; real parts stay far below this

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_CONTAINERS = frozenset(_W + t for t in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "txbxContent"))
_INLINE = frozenset(_W + t for t in ("hyperlink", "ins", "smartTag", "customXml", "fldSimple", "sdt", "sdtContent",
                                     "moveTo", "dir", "bdo"))
_NOTE_KINDS = ("footnote", "endnote")
_DEFAULT_FORMAT = {"footnote": "decimal", "endnote": "lowerRoman"}


def load_docx(path: Path, data: bytes, fmt: str = "docx") -> Document:
    """Check the zip, open with python-docx, walk the body, append the notes."""
    check_zip(data)
    import docx  # lazy: heavy import

    try:
        document = docx.Document(io.BytesIO(data))
        reader = _Reader(document)
        reader.read()
        text, segments, _ = reader.out.build()
        props = _core_properties(document)
    except LoadError:
        raise
    except ValueError as error:
        if "not a Word file" in str(error):
            content_type = str(error).split("content type is")[-1].strip(" '")
            raise LoadError(f"not a Word document (content type {content_type})") from None
        raise LoadError(f"damaged Word document: {_short(error)}") from None
    except Exception as error:  # lxml, zipfile (bad CRC), KeyError for missing parts...
        raise LoadError(f"damaged Word document: {_short(error)}") from None
    title = dict(props).get("title")
    metadata = text_metadata(text, title=title, extra=tuple((k, v) for k, v in props if k != "title"))
    authors = tuple(a.strip() for a in dict(props).get("author", "").split(";") if a.strip())
    if authors:
        metadata = metadata.model_copy(update={"authors": authors})
    return Document(path=str(path), format=fmt, text=text, segments=segments, metadata=metadata)


def _short(error: Exception) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__


def check_zip(data: bytes) -> None:
    """Refuse non-zips, non-Word zips and zip bombs using only the central directory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise LoadError("not a Word document (not a zip archive)") from None
    except Exception as error:  # e.g. NotImplementedError for a zip version from the future
        raise LoadError(f"damaged Word document: {_short(error)}") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise LoadError(f"not a Word document ({len(infos)} parts in the zip)")
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED:
            raise LoadError(f"docx too large when uncompressed ({total // (1024 * 1024)} MB; zip bomb?)")
        for info in infos:
            ratio = info.file_size // max(info.compress_size, 1)
            if info.file_size > 10 * 1024 * 1024 and ratio > MAX_RATIO:
                raise LoadError(f"docx part {info.filename} expands {ratio}:1 (zip bomb?)")
        names = {info.filename for info in infos}
    if not any(name.startswith("word/document") and name.endswith(".xml") for name in names):
        if "content.xml" in names and "mimetype" in names:
            raise LoadError("not a Word document (an OpenDocument file; save it as .docx)")
        raise LoadError("not a Word document (no word/document.xml in the zip)")


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


# -- numbering ---------------------------------------------------------------------------------

def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    return str(n)


def _note_format(document: Any, kind: str) -> tuple[str, int]:
    """(number format, start) for footnotes or endnotes: section setting, else document setting."""
    fmt, start = _DEFAULT_FORMAT[kind], 1
    places = []
    try:
        places.append(document.settings.element)
    except Exception:  # no settings part: Word's defaults apply
        pass
    places.extend(document.element.body.iter(_W + "sectPr"))
    for place in places:
        pr = place.find(f"{_W}{kind}Pr")
        if pr is None:
            continue
        num_fmt, num_start = pr.find(_W + "numFmt"), pr.find(_W + "numStart")
        if num_fmt is not None and num_fmt.get(_W + "val"):
            fmt = num_fmt.get(_W + "val")
        if num_start is not None and (num_start.get(_W + "val") or "").isdigit():
            start = int(num_start.get(_W + "val"))
    return fmt, start


def _notes_part(document: Any, kind: str) -> dict[str, Any]:
    """Note id → ``w:footnote``/``w:endnote`` element, separators left out."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    reltype = RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype == reltype and not rel.is_external), None)
    if part is None:
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    root = etree.fromstring(part.blob, parser)
    return {note.get(_W + "id"): note for note in root.iterchildren(_W + kind)
            if note.get(_W + "type") in (None, "normal")}


# -- the walk ----------------------------------------------------------------------------------

class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.out = TextBuilder()
        self.notes = {kind: _notes_part(document, kind) for kind in _NOTE_KINDS}
        self.formats = {kind: _note_format(document, kind) for kind in _NOTE_KINDS}
        self.labels: dict[str, dict[str, str]] = {kind: {} for kind in _NOTE_KINDS}  # id → label, by first use
        self._lstrip = False

    def read(self) -> None:
        for number, paragraph in enumerate(_paragraphs(self.document.element.body), 1):
            self._paragraph(paragraph, "text", f"paragraph {number}")
            self.out.end_paragraph()
        used = [(kind, note_id, label) for kind in _NOTE_KINDS for note_id, label in self.labels[kind].items()
                if note_id in self.notes[kind]]
        if used:
            self.out.add("Notes", "note", locator="notes")
            self.out.end_paragraph()
        for kind, note_id, label in used:
            locator = f"{kind} {label}"
            self.out.add(f"[{label}] ", "note", locator=locator)
            for paragraph in self.notes[kind][note_id].iter(_W + "p"):
                self._paragraph(paragraph, "note", locator, lstrip=True)
                self.out.add(" ", "note", locator=locator)
            self.out.end_paragraph()

    def _paragraph(self, paragraph: Any, origin: SegmentOrigin, locator: str, lstrip: bool = False) -> None:
        """Write the runs of one ``w:p`` in order; ``lstrip`` drops leading spaces (after "[n] ")."""
        self._lstrip = lstrip
        for run in _walk(paragraph, _W + "r", _INLINE):
            self._run(run, origin, locator)

    def _write(self, text: str, origin: SegmentOrigin, locator: str) -> None:
        if self._lstrip:
            text = text.lstrip()
            if not text:
                return
            self._lstrip = False
        self.out.add(text, origin, locator=locator)

    def _run(self, run: Any, origin: SegmentOrigin, locator: str) -> None:
        props = run.find(_W + "rPr")
        superscript = False
        if props is not None:
            vanish = props.find(_W + "vanish")
            if vanish is not None and vanish.get(_W + "val") not in ("0", "false", "off"):
                return  # hidden text
            align = props.find(_W + "vertAlign")
            superscript = align is not None and align.get(_W + "val") == "superscript"
        if superscript:
            text = "".join(t.text or "" for t in run.iter(_W + "t"))
            label = note_label(text)
            if label:
                self.out.add(f"[{label}]", "marker", locator=locator)
                return
        for child in run:
            tag = child.tag
            if tag == _W + "t":
                self._write(child.text or "", origin, locator)
            elif tag == _W + "tab":
                self._write("\t", origin, locator)
            elif tag in (_W + "br", _W + "cr"):
                if child.get(_W + "type") in ("page", "column"):
                    self._write(" ", origin, locator)
                else:
                    self.out.line_break(origin, locator=locator)
            elif tag == _W + "noBreakHyphen":
                self._write("-", origin, locator)
            elif tag in (_W + "footnoteReference", _W + "endnoteReference"):
                kind = "footnote" if tag == _W + "footnoteReference" else "endnote"
                label = self._label_for(kind, child.get(_W + "id") or "")
                self.out.add(f"[{label}]", "marker", locator=locator)

    def _label_for(self, kind: str, note_id: str) -> str:
        """The displayed number of a note: the order of its first reference, formatted."""
        labels = self.labels[kind]
        if note_id not in labels:
            fmt, start = self.formats[kind]
            labels[note_id] = format_number(start + len(labels), fmt)
        return labels[note_id]


def _paragraphs(body: Any) -> Iterator[Any]:
    """Every ``w:p`` in reading order: body, table cells, content controls, then text boxes."""
    return _walk(body, _W + "p", _CONTAINERS, inside=_text_boxes)


def _walk(root: Any, wanted: str, containers: Any, inside: Any = None) -> Iterator[Any]:
    """The ``wanted`` elements under ``root`` in document order, looking into ``containers`` and
    into the chosen branch of ``mc:AlternateContent`` (never its fallback, a duplicate); after each
    element found, what ``inside(element)`` lists (a paragraph's text boxes)."""
    stack = list(reversed(root))
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == wanted:
            yield el
            if inside is not None:
                stack.extend(reversed(inside(el)))
        elif tag in containers:
            stack.extend(reversed(el))
        elif tag == _MC + "AlternateContent":
            choice = el.find(_MC + "Choice")
            if choice is not None:
                stack.extend(reversed(choice))


def _text_boxes(paragraph: Any) -> list[Any]:
    """Top-level ``w:txbxContent`` inside a paragraph, skipping ``mc:Fallback`` duplicates."""
    found = []
    stack = list(reversed(paragraph))
    while stack:
        el = stack.pop()
        if el.tag == _W + "txbxContent":
            found.append(el)
        elif el.tag != _MC + "Fallback" and el.tag != _W + "p":
            stack.extend(reversed(el))
    return found
