"""Regenerate the binary demo sources (PDF, Word) from their text twins in tools/source-texts/.

    .venv/bin/python tools/make_sources.py           # rewrite sources/*.pdf, sources/*.docx (and sources/cited/)
    .venv/bin/python tools/make_sources.py --check   # also load each file back and compare with its twin

A twin is written exactly as factcheck extracts the binary document: paragraphs separated by
one blank line, note markers as ``[n]`` in the text, and the notes after a final ``Notes``
heading as ``[n] text`` paragraphs. This script typesets that text:

- PDF (fpdf2, core Helvetica, so the twin must be Latin-1): A4, a running header and page
  numbers, markers as superscript digits, each note at the foot of the page that cites it.
  Paragraphs are kept whole on a page (so a page never ends mid-paragraph) and a heading is
  kept with the paragraph after it.
- Word (python-docx): headings as Heading 1, markers as real footnote references, the notes in
  ``word/footnotes.xml`` (python-docx has no footnote API; the part is added through its OPC
  layer, as tests/formats/make_docx.py does).

A paragraph is typeset as a heading when it is one short line with no final punctuation, no
digits and no colon; the first paragraph is the title. Nothing else is inferred.

fpdf2 is a dev dependency (``pip install -e '.[dev]'``); the generated files are committed, so
only someone editing a twin needs to run this.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tools" / "source-texts"
SOURCES = ROOT / "sources"

# Fixed dates keep regenerated files byte-stable where the libraries allow it.
CREATED = datetime(2024, 6, 3, 9, 0, tzinfo=timezone.utc)

_MARKER = re.compile(r"\[(\d{1,3})\]")
_NOTE = re.compile(r"\[(\d{1,3})\] (.+)", re.DOTALL)


# -- the twin ------------------------------------------------------------------------------------

@dataclass
class Twin:
    title: str
    blocks: list[tuple[str, str]]  # ("h1" | "p", text), after the title
    notes: dict[int, str] = field(default_factory=dict)


def read_twin(path: Path) -> Twin:
    paragraphs = [p for p in path.read_text(encoding="utf-8").strip().split("\n\n")]
    for p in paragraphs:
        if "\n" in p:
            raise ValueError(f"{path.name}: a paragraph spans lines; write it on one line: {p[:60]!r}")
    notes: dict[int, str] = {}
    if "Notes" in paragraphs:
        cut = paragraphs.index("Notes")
        for p in paragraphs[cut + 1:]:
            m = _NOTE.fullmatch(p)
            if not m:
                raise ValueError(f"{path.name}: not a note after 'Notes': {p[:60]!r}")
            notes[int(m.group(1))] = m.group(2)
        paragraphs = paragraphs[:cut]
    blocks = [("h1" if is_heading(p) else "p", p) for p in paragraphs[1:]]
    cited = [int(n) for _, text in blocks for n in _MARKER.findall(text)]
    if cited != sorted(notes) or len(set(cited)) != len(cited):
        raise ValueError(f"{path.name}: markers {cited} must run 1..n once each, matching the notes {sorted(notes)}")
    return Twin(title=paragraphs[0], blocks=blocks, notes=notes)


def is_heading(paragraph: str) -> bool:
    return (len(paragraph) <= 70 and not paragraph.endswith((".", "?", "!", ")", "]"))
            and not any(ch.isdigit() or ch == ":" for ch in paragraph))


# -- PDF -----------------------------------------------------------------------------------------

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 25.0
TEXT_W = PAGE_W - 2 * MARGIN - 3.0  # slack: fpdf2's write() keeps cell margins and wraps early otherwise
BODY_PT, BODY_LH = 11.0, 5.6
HEAD_PT, HEAD_LH = 12.5, 7.0
TITLE_PT, TITLE_LH = 16.0, 8.0
NOTE_PT, NOTE_LH = 8.5, 4.2
PARA_GAP = 3.0
NOTES_BOTTOM = 270.0  # above the page-number line and the loader's bottom margin zone
NOTES_RULE_GAP = 3.0


def _pdf_class():
    from fpdf import FPDF

    class Brief(FPDF):
        running_header = ""

        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.set_xy(MARGIN, 10)
            self.cell(0, 5, self.running_header)

        def footer(self) -> None:
            self.set_font("Helvetica", size=9)
            self.set_y(-15)
            self.cell(0, 5, str(self.page_no()), align="C")

    return Brief


def _pieces(text: str) -> list[tuple[str, bool]]:
    """("text", False) and ("12", True) for a superscript marker."""
    out, pos = [], 0
    for m in _MARKER.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False))
        out.append((m.group(1), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _width(pdf, word: str, size: float) -> float:
    total = 0.0
    for piece, sup in _pieces(word):
        pdf.set_font_size(size * pdf.sup_scale if sup else size)
        total += pdf.get_string_width(piece)
    pdf.set_font_size(size)
    return total


def _wrap(pdf, text: str, size: float, width: float = TEXT_W) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and _width(pdf, candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _draw(pdf, line: str, height: float) -> None:
    pdf.set_x(MARGIN)
    for piece, sup in _pieces(line):
        pdf.char_vpos = "SUP" if sup else "LINE"
        pdf.write(height, piece)
    pdf.char_vpos = "LINE"
    pdf.ln(height)


def make_pdf(twin: Twin, path: Path, *, header: str, author: str) -> Path:
    for text in [twin.title, *(t for _, t in twin.blocks), *twin.notes.values()]:
        odd = sorted({ch for ch in text if ord(ch) > 0xFF})
        if odd:  # the core fonts cover Latin-1 only; use straight quotes and hyphens in a PDF twin
            raise ValueError(f"not Latin-1, cannot be typeset with the core fonts: {''.join(odd)!r} in {text[:60]!r}")
    pdf = _pdf_class()(format="A4")
    pdf.running_header = header
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_title(twin.title)
    pdf.set_author(author)
    pdf.set_creator("tools/make_sources.py")
    pdf.set_creation_date(CREATED)

    # Wrap the notes once, at their own size.
    pdf.set_font("Helvetica", size=NOTE_PT)
    note_lines = {n: _wrap(pdf, f"[{n}] {text}", NOTE_PT) for n, text in twin.notes.items()}

    def notes_height(numbers: list[int]) -> float:
        return NOTES_RULE_GAP + sum(len(note_lines[n]) for n in numbers) * NOTE_LH if numbers else 0.0

    page_notes: list[int] = []

    def finish_page() -> None:
        if not page_notes:
            return
        top = NOTES_BOTTOM - notes_height(page_notes) + NOTES_RULE_GAP
        pdf.line(MARGIN, top - 1.5, MARGIN + 50, top - 1.5)
        pdf.set_font("Helvetica", size=NOTE_PT)
        pdf.set_y(top)
        for n in page_notes:
            for line in note_lines[n]:
                _draw(pdf, line, NOTE_LH)  # the "[n]" label becomes a superscript n
        page_notes.clear()

    def new_page() -> None:
        finish_page()
        pdf.add_page()
        pdf.set_y(MARGIN)

    new_page()
    pdf.set_font("Helvetica", "B", TITLE_PT)
    for line in _wrap(pdf, twin.title, TITLE_PT):
        _draw(pdf, line, TITLE_LH)
    pdf.ln(PARA_GAP + 1)

    blocks = twin.blocks
    for i, (kind, text) in enumerate(blocks):
        if kind == "h1":
            pdf.set_font("Helvetica", "B", HEAD_PT)
            lines = _wrap(pdf, text, HEAD_PT)
            pdf.set_font("Helvetica", "", BODY_PT)
            nxt = _wrap(pdf, blocks[i + 1][1], BODY_PT) if i + 1 < len(blocks) else []
            needed = len(lines) * HEAD_LH + PARA_GAP + min(len(nxt), 3) * BODY_LH + 2
            if pdf.get_y() + needed > NOTES_BOTTOM - notes_height(page_notes):
                new_page()
            pdf.ln(2)
            pdf.set_font("Helvetica", "B", HEAD_PT)
            for line in lines:
                _draw(pdf, line, HEAD_LH)
            pdf.ln(PARA_GAP - 1)
            continue
        pdf.set_font("Helvetica", "", BODY_PT)
        lines = _wrap(pdf, text, BODY_PT)
        cited = [int(n) for n in _MARKER.findall(text)]
        if pdf.get_y() + len(lines) * BODY_LH > NOTES_BOTTOM - notes_height(page_notes + cited):
            new_page()
            pdf.set_font("Helvetica", "", BODY_PT)
        for line in lines:
            _draw(pdf, line, BODY_LH)
        page_notes.extend(cited)
        pdf.ln(PARA_GAP)
    finish_page()
    pdf.output(str(path))
    return path


# -- Word ----------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _footnotes_xml(notes: dict[int, str]) -> bytes:
    """word/footnotes.xml with the two separator notes Word always writes; note n has id n + 1."""
    parts = [f'<w:footnotes xmlns:w="{W_NS}">',
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
             '</w:p></w:footnote>']
    number = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
    for n, text in notes.items():
        parts.append(f'<w:footnote w:id="{n + 1}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>{number}'
                     f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>')
    parts.append("</w:footnotes>")
    return "".join(parts).encode("utf-8")


def _add_runs(paragraph, text: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for piece, is_marker in _pieces(text):
        if not is_marker:
            paragraph.add_run(piece)
            continue
        run = paragraph.add_run()
        rpr = run._r.get_or_add_rPr()
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript")
        rpr.append(align)
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(int(piece) + 1))
        run._r.append(reference)


def make_docx(twin: Twin, path: Path, *, author: str) -> Path:
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    document.add_heading(twin.title, level=0)
    for kind, text in twin.blocks:
        if kind == "h1":
            document.add_heading(text, level=1)
        else:
            _add_runs(document.add_paragraph(), text)
    if twin.notes:
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, _footnotes_xml(twin.notes),
                    document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
    props = document.core_properties
    props.title = twin.title
    props.author = author
    props.created = props.modified = CREATED
    props.last_modified_by = author
    props.revision = 1
    document.save(str(path))
    _stable_zip(path)
    return path


def _stable_zip(path: Path) -> None:
    """Rewrite the package with fixed member dates, so regenerating an unchanged twin changes no byte."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = [(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=CREATED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)


# -- the sources ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Spec:
    twin: str
    output: str
    author: str
    header: str = ""


SPECS = (
    Spec("water-tariffs-brief.txt", "water-tariffs-brief.pdf", "Meridian Water Forum",
         header="Meridian Water Forum  |  Policy Brief 2024/06"),
    Spec("dam-safety-memo.txt", "dam-safety-memo.docx", "Dam Safety Unit, Vellmar Reservoir Authority"),
    # Works the paper cites, whose texts `make demo` checks its quotations and figures against.
    Spec("cited/brandt-2016.txt", "cited/brandt-2016.pdf", "Karin Brandt", header="Brandt  |  Rivers of Contention"),
    Spec("cited/serrano-commission-2022.txt", "cited/sbc-ar-2022.docx", "Serrano Basin Commission"),
)


def build(spec: Spec, out_dir: Path = SOURCES) -> Path:
    twin = read_twin(TEXTS / spec.twin)
    out = out_dir / spec.output
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".pdf":
        return make_pdf(twin, out, header=spec.header, author=spec.author)
    return make_docx(twin, out, author=spec.author)


def check(spec: Spec, path: Path) -> list[str]:
    """Differences between the file as factcheck loads it and its twin (empty when they agree)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from factcheck.documents import load_document

    expected = (TEXTS / spec.twin).read_text(encoding="utf-8").strip().split("\n\n")
    got = load_document(path).text.strip().split("\n\n")
    problems = []
    for i in range(max(len(expected), len(got))):
        want = expected[i] if i < len(expected) else "<nothing>"
        have = got[i] if i < len(got) else "<nothing>"
        if want != have:
            problems.append(f"paragraph {i + 1}:\n  twin:   {want[:150]!r}\n  loaded: {have[:150]!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="load each file back and compare it with its twin")
    args = parser.parse_args(argv)
    status = 0
    for spec in SPECS:
        path = build(spec)
        size = path.stat().st_size
        print(f"{path.relative_to(ROOT)}  {size // 1024} KB")
        if size > 50 * 1024:
            print("  larger than 50 KB", file=sys.stderr)
            status = 1
        if args.check:
            problems = check(spec, path)
            for problem in problems:
                print("  " + problem, file=sys.stderr)
            status = status or (1 if problems else 0)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
