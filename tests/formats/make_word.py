"""Build .docx files with raised marks, character styles and reference-manager fields.

Paragraphs are written in a small markup, each run as Word writes it:

- ``^{1,2}`` a superscript run; ``^^{1}`` a run raised with ``w:position`` (as PDF converters do);
- ``` `name` ``` a run in the "Verbatim Char" character style (inline code, as pandoc writes it);
- ``{fn:key}`` a footnote reference;
- ``{field:key}...{/field}`` a complex field (``w:fldChar`` begin / separate / end) whose
  instruction ``fields[key]`` is split over several ``w:instrText`` runs and whose result is the
  markup inside; it may open in one paragraph and close in a later one (a bibliography);
- ``{simple:key}...{/simple}`` the same as a ``w:fldSimple``.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TOKEN = re.compile(r"\^\^\{([^}]*)\}|\^\{([^}]*)\}|`([^`]+)`|\{fn:(\w+)\}|\{(field|simple):(\w+)\}|\{/(field|simple)\}")
_INSTRUCTION_CHUNK = 37  # Word splits long instructions over many runs


def _run(text: str, props: str = "") -> str:
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _instruction_runs(instruction: str) -> str:
    chunks = [instruction[i:i + _INSTRUCTION_CHUNK] for i in range(0, len(instruction), _INSTRUCTION_CHUNK)]
    return "".join(f'<w:r><w:instrText xml:space="preserve">{escape(c)}</w:instrText></w:r>' for c in chunks)


def _field_char(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


class _Writer:
    def __init__(self, fields: dict[str, str], note_ids: dict[str, int]) -> None:
        self.fields = fields
        self.note_ids = note_ids

    def paragraph_xml(self, markup: str) -> str:
        """The runs of one paragraph (a simple field must close in its paragraph)."""
        out: list[str] = []
        pos = 0
        for m in _TOKEN.finditer(markup):
            if m.start() > pos:
                out.append(_run(markup[pos:m.start()]))
            if m.group(1) is not None:
                out.append(_run(m.group(1), '<w:position w:val="6"/><w:sz w:val="14"/>'))
            elif m.group(2) is not None:
                out.append(_run(m.group(2), '<w:vertAlign w:val="superscript"/>'))
            elif m.group(3) is not None:
                out.append(_run(m.group(3), '<w:rStyle w:val="VerbatimChar"/>'))
            elif m.group(4) is not None:
                out.append('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                           f'<w:footnoteReference w:id="{self.note_ids[m.group(4)]}"/></w:r>')
            elif m.group(5) == "field":
                out.append(_field_char("begin") + _instruction_runs(self.fields[m.group(6)]) + _field_char("separate"))
            elif m.group(5) == "simple":
                out.append(f"<w:fldSimple w:instr={quoteattr(self.fields[m.group(6)])}>")
            elif m.group(7) == "field":
                out.append(_field_char("end"))
            else:
                out.append("</w:fldSimple>")
            pos = m.end()
        if pos < len(markup):
            out.append(_run(markup[pos:]))
        return "".join(out)


def make_word(path: Path, paragraphs: list[tuple[str | None, str]], *, fields: dict[str, str] | None = None,
              footnotes: dict[str, str] | None = None) -> Path:
    """Write a .docx of ``paragraphs`` as (style name or None, markup)."""
    document = docx.Document()
    note_ids = {key: n for n, key in enumerate(footnotes or {}, 2)}
    writer = _Writer(fields or {}, note_ids)
    for style, markup in paragraphs:
        paragraph = document.add_paragraph(style=style)
        wrapper = parse_xml(f'<w:p xmlns:w="{W_NS}">{writer.paragraph_xml(markup)}</w:p>')
        for child in list(wrapper):
            paragraph._p.append(child)
    if footnotes:
        notes = [f'<w:footnotes xmlns:w="{W_NS}">',
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
                 '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
                 '</w:r></w:p></w:footnote>']
        for key, markup in footnotes.items():
            notes.append(f'<w:footnote w:id="{note_ids[key]}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
                         f'</w:rPr><w:footnoteRef/></w:r>{_run(" ")}{writer.paragraph_xml(markup)}</w:p></w:footnote>')
        notes.append("</w:footnotes>")
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, "".join(notes).encode("utf-8"),
                    document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
    document.save(str(path))
    return path
