"""Unreadable inputs give a LoadError with a one-line reason, never another exception."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from fpdf import FPDF
from make_docx import make_docx
from make_pdf import make_pdf

from factcheck.documents import LoadError, load_document

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _text_pdf(path: Path) -> Path:
    return make_pdf(path, [[["The reservoir reached its design level in 2018."]]])


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _declare_size(data: bytes, name: bytes, size: int) -> bytes:
    """Patch the uncompressed size the central directory declares for ``name`` (the bytes stay small)."""
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos >= 0:
        name_length = struct.unpack_from("<H", out, pos + 28)[0]
        if bytes(out[pos + 46 : pos + 46 + name_length]) == name:
            struct.pack_into("<I", out, pos + 24, size)
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)


def _real_bomb() -> bytes:
    """210 MB of zeros deflated to about 1 MB, written in a stream (about half a second)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):
                member.write(chunk)
    return buf.getvalue()


def _no_text_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 60, style="F")
    pdf.output(str(path))
    return path


def _encrypted_pdf(path: Path) -> Path:
    return make_pdf(path, [[["Confidential dam inspection notes."]]], password="secret")


def _truncated_pdf(path: Path) -> Path:
    data = _text_pdf(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


CASES = {
    "png named pdf": ("scan.pdf", lambda p: p.write_bytes(PNG), "not a PDF file (starts with '\\x89PNG')"),
    "gif named pdf": ("anim.pdf", lambda p: p.write_bytes(b"GIF89a\x01\x00\x01\x00\x80\x00\x00"),
                      "not a PDF file (starts with 'GIF89a')"),
    "truncated pdf": ("cut.pdf", _truncated_pdf, "damaged PDF"),
    "garbage after header": ("junk.pdf", lambda p: p.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20),
                             "damaged PDF"),
    "encrypted pdf": ("locked.pdf", _encrypted_pdf, "encrypted PDF (password required)"),
    "pdf without text": ("scan2.pdf", _no_text_pdf, "PDF has no text layer (scanned image?); run OCR first"),
    "text named docx": ("notes.docx", lambda p: p.write_text("just some text"),
                        "not a Word document (not a zip archive)"),
    "zip without document": ("other.docx", lambda p: p.write_bytes(_zip({"hello.txt": b"hi"})),
                             "not a Word document (no word/document.xml in the zip)"),
    "odt named docx": ("draft.docx", lambda p: p.write_bytes(_zip({"mimetype": b"x", "content.xml": b"<x/>"})),
                       "not a Word document (an OpenDocument file; save it as .docx)"),
    "declared zip bomb": ("bomb.docx", lambda p: p.write_bytes(_declare_size(
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), b"word/document.xml", 300 << 20)),
        "docx too large when uncompressed (300 MB; zip bomb?)"),
    "real zip bomb": ("bomb2.docx", lambda p: p.write_bytes(_real_bomb()),
                      "docx too large when uncompressed (210 MB; zip bomb?)"),
    "absurd ratio": ("dense.docx", lambda p: p.write_bytes(_zip({"word/document.xml": b"\0" * (20 << 20)})),
                     "docx part word/document.xml expands"),
    "broken docx xml": ("broken.docx", lambda p: p.write_bytes(_zip({
        "[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"})), "damaged Word document"),
    "directory named docx": ("x.docx", lambda p: p.mkdir(), "is a directory, not a docx file"),
    "binary html": ("pic.html", lambda p: p.write_bytes(PNG * 4), "binary data, not HTML"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_gives_a_clear_load_error(tmp_path, case):
    name, make, message = CASES[case]
    path = tmp_path / name
    make(path)
    with pytest.raises(LoadError) as info:
        load_document(path)
    reason = str(info.value)
    assert reason.startswith(message), reason
    assert "\n" not in reason


def test_pdf_with_only_an_owner_password_opens(tmp_path):
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Printing is restricted, reading is not.")
    path = tmp_path / "owner.pdf"
    pdf.output(str(path))
    assert load_document(path).text == "Printing is restricted, reading is not."


def test_macro_document_is_named(tmp_path):
    good = make_docx(tmp_path / "ok.docx", [("p", "Text.")]).read_bytes()
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
    path = tmp_path / "macro.docx"
    path.write_bytes(_zip(members))
    with pytest.raises(LoadError, match=r"^not a Word document \(content type .*macroEnabled"):
        load_document(path)


@pytest.mark.parametrize("name", ["empty.txt", "empty.md", "empty.html", "empty.pdf", "empty.docx"])
def test_an_empty_file_is_an_empty_document(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"")
    document = load_document(path)
    assert (document.text, document.format) == ("", name.rsplit(".", 1)[1])
