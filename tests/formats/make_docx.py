"""Build small .docx files with real footnotes and endnotes for the loader tests.

python-docx has no footnote API, so the notes parts are added through its OPC layer (a
``Part`` related to the document part by the footnotes/endnotes relationship type); the
package writer records their content types. In paragraph text, ``{fn:a}`` places a reference
to footnote ``a`` and ``{en:b}`` one to endnote ``b``; ``^3`` writes a manual superscript "3".
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TOKEN = re.compile(r"\{(fn|en):(\w+)\}|\^(\d+)")


def _notes_xml(kind: str, notes: dict[str, str], ids: dict[str, int]) -> bytes:
    """footnotes.xml / endnotes.xml with the two separator notes Word always writes."""
    tag = "footnote" if kind == "fn" else "endnote"
    ref = "footnoteRef" if kind == "fn" else "endnoteRef"
    parts = [f'<w:{tag}s xmlns:w="{W_NS}">',
             f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>',
             f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
             f'</w:p></w:{tag}>']
    number_run = f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:{ref}/></w:r>'
    for key, text in notes.items():
        paragraphs = []
        for i, chunk in enumerate(text.split("\n\n")):
            lead = "" if i else number_run
            space = "" if i else " "
            paragraphs.append(f'<w:p>{lead}<w:r><w:t xml:space="preserve">{space}{escape(chunk)}</w:t></w:r></w:p>')
        parts.append(f'<w:{tag} w:id="{ids[key]}">{"".join(paragraphs)}</w:{tag}>')
    parts.append(f"</w:{tag}s>")
    return "".join(parts).encode("utf-8")


def _add_runs(paragraph, text: str, ids: dict[str, dict[str, int]]) -> None:
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos:m.start()])
        if m.group(3):
            paragraph.add_run(m.group(3)).font.superscript = True
        else:
            kind, key = m.group(1), m.group(2)
            run = paragraph.add_run()
            rpr = run._r.get_or_add_rPr()
            align = OxmlElement("w:vertAlign")
            align.set(qn("w:val"), "superscript")
            rpr.append(align)
            reference = OxmlElement("w:footnoteReference" if kind == "fn" else "w:endnoteReference")
            reference.set(qn("w:id"), str(ids[kind][key]))
            run._r.append(reference)
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def make_docx(path: Path, blocks: list[tuple[str, object]], *, footnotes: dict[str, str] | None = None,
              endnotes: dict[str, str] | None = None, title: str | None = None, author: str | None = None,
              created: datetime | None = None, endnote_format: str | None = None) -> Path:
    """Write a .docx. ``blocks``: ("h1", text), ("p", text), ("li", text) or ("table", rows of cell texts).

    Note ids in the XML are assigned in dictionary order starting at 2, deliberately unlike
    the displayed numbers, which follow the order of the references in the body.
    """
    document = docx.Document()
    ids = {"fn": {key: n for n, key in enumerate(footnotes or {}, 2)},
           "en": {key: n for n, key in enumerate(endnotes or {}, 2)}}
    for kind, content in blocks:
        if kind == "h1":
            document.add_heading(str(content), level=1)
        elif kind == "li":
            _add_runs(document.add_paragraph(style="List Bullet"), str(content), ids)
        elif kind == "table":
            rows = list(content)  # type: ignore[call-overload]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell_text in enumerate(row):
                    table.cell(r, c).text = cell_text
        else:
            _add_runs(document.add_paragraph(), str(content), ids)
    package = document.part.package
    for kind, notes, name, content_type, reltype in (
            ("fn", footnotes, "footnotes", CT.WML_FOOTNOTES, RT.FOOTNOTES),
            ("en", endnotes, "endnotes", CT.WML_ENDNOTES, RT.ENDNOTES)):
        if notes:
            part = Part(PackURI(f"/word/{name}.xml"), content_type, _notes_xml(kind, notes, ids[kind]), package)
            document.part.relate_to(part, reltype)
    if endnote_format:  # as Word writes it when the user picks another number format
        pr = OxmlElement("w:endnotePr")
        num_fmt = OxmlElement("w:numFmt")
        num_fmt.set(qn("w:val"), endnote_format)
        pr.append(num_fmt)
        document.settings.element.append(pr)
    props = document.core_properties
    props.title = title or ""
    props.author = author or ""
    if created:
        props.created = created
    document.save(str(path))
    return path
