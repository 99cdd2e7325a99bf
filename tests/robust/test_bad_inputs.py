"""Broken and hostile inputs, audited next to a good paper: each gets a one-line reason, or is read
as well as it can be, and the good paper of the same run is still audited and reported.

The loaders' own messages are tested file by file in tests/formats/test_bad_inputs.py; here every
case goes through ``factcheck.pipeline.audit`` (the run goes on) and all of them at once through
``python -m factcheck audit`` (exit code 2, each file named on stderr, no traceback).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from fpdf import FPDF
from make_pdf import make_pdf

from factcheck.config import Settings
from factcheck.documents import MAX_TEXT_CHARS
from factcheck.pipeline import audit
from factcheck.citations.bib import load_bibliography
from tests.robust.helpers import PAPER, PAPER_FINDINGS

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
SENTENCE = "The Kessa dam cost $3 million in 2019 (Okafor, 2019)."


def _pdf(path: Path) -> Path:
    return make_pdf(path, [[["The reservoir reached its design level in 2018."]]])


def _truncated_pdf(path: Path) -> None:
    data = _pdf(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _encrypted_pdf(path: Path) -> None:
    make_pdf(path, [[["Confidential dam inspection notes."]]], password="secret")


def _owner_password_pdf(path: Path) -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner")  # the user password is empty: anyone may read it
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(text="Printing is restricted, reading is not.")
    pdf.output(str(path))


def _image_only_pdf(path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 60, style="F")
    pdf.output(str(path))


def _zip_bomb(path: Path) -> None:
    """210 MB of zeros in a ~1 MB zip: refused from the central directory, never inflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(210):
                member.write(b"\0" * (1 << 20))
    path.write_bytes(buf.getvalue())


def _invalid_utf8(path: Path) -> None:
    # UTF-8 throughout ("é", "—", "“”") but for one stray Windows-1252 byte (0xE9).
    text = "Café owners on the “Kessa” riverbank — the dam cost $3 million (Okafor, 2019). Naïve "
    path.write_bytes(text.encode("utf-8") + b"caf\xe9 " + "costs rose.\n".encode("utf-8"))


Case = tuple[str, Callable[[Path], object], str | None]

# name: (file name, how to make it, the one-line reason; None when the file is read)
CASES: dict[str, Case] = {
    "missing path": ("missing.md", lambda p: None, "no such file or directory"),
    "directory": ("chapter.md", lambda p: p.mkdir(), "is a directory, not a md file"),
    "zero-byte file": ("zero.txt", lambda p: p.write_bytes(b""), None),
    "png named pdf": ("scan.pdf", lambda p: p.write_bytes(PNG), "not a PDF file (starts with '\\x89PNG')"),
    "pdf named txt": ("report.txt", _pdf, "not text but a PDF file (starts with '%PDF-'); give it the suffix .pdf"),
    "pdf named html": ("page.html", _pdf, "not HTML but a PDF file"),
    "png named txt": ("image.txt", lambda p: p.write_bytes(PNG * 8), "binary data, not text"),
    "docx named md": ("notes.md", lambda p: p.write_bytes(b"PK\x03\x04" + b"word/document.xml" * 20),
                      "not text but a zip archive"),
    "truncated pdf": ("cut.pdf", _truncated_pdf, "damaged PDF: unexpected end of file (truncated?)"),
    "encrypted pdf": ("locked.pdf", _encrypted_pdf, "encrypted PDF (password required)"),
    "encrypted pdf, empty user password": ("owner.pdf", _owner_password_pdf, None),
    "pdf without a text layer": ("scanned.pdf", _image_only_pdf,
                                 "PDF has no text layer (scanned image?); run OCR first"),
    "docx that is not a zip": ("memo.docx", lambda p: p.write_text("just some text"),
                               "not a Word document (not a zip archive)"),
    "zip bomb named docx": ("bomb.docx", _zip_bomb, "docx too large when uncompressed (210 MB; zip bomb?)"),
    "invalid utf-8": ("mojibake.txt", _invalid_utf8, None),
    "utf-16 without bom": ("wide.txt", lambda p: p.write_bytes((SENTENCE + "\n").encode("utf-16-le")), None),
    "nul bytes": ("nul.txt", lambda p: p.write_bytes(b"The Kessa dam\x00 cost $3 million\x00 in 2019.\n"), None),
}


def _make(tmp_path: Path, case: str) -> Path:
    name, make, _ = CASES[case]
    path = tmp_path / "inputs" / name
    path.parent.mkdir(exist_ok=True)
    make(path)
    return path


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_named_and_the_other_document_still_reported(tmp_path, paper, case):
    path = _make(tmp_path, case)
    expected = CASES[case][2]
    result = audit([paper, path], Settings(), jobs=1)
    good = [d for d in result.documents if d.document.path == str(paper)]
    assert len(good) == 1, "the readable paper of the same run must still be audited"
    assert [(f.code, f.excerpt) for f in good[0].findings] == PAPER_FINDINGS
    if expected is None:
        assert not result.errors, result.errors
        (doc,) = [d.document for d in result.documents if d.document.path == str(path)]
        assert doc.text.strip() or path.stat().st_size == 0  # an empty file is an empty document
    else:
        assert [e.path for e in result.errors] == [str(path)]
        message = result.errors[0].message
        assert message.startswith(expected), message
        assert "\n" not in message and "internal error" not in message


def test_zip_bomb_is_refused_without_inflating(tmp_path, paper, monkeypatch):
    path = _make(tmp_path, "zip bomb named docx")

    def refuse(*args, **kwargs):
        raise AssertionError("a member of the zip was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)
    result = audit([path, paper], Settings(), jobs=1)
    assert [e.message for e in result.errors] == ["docx too large when uncompressed (210 MB; zip bomb?)"]
    assert len(result.documents) == 1


def _text_of(tmp_path: Path, case: str) -> tuple[str, dict[str, str]]:
    path = _make(tmp_path, case)
    (doc,) = audit([path], Settings(), jobs=1).documents
    return doc.document.text, dict(doc.document.metadata.extra)


def test_invalid_utf8_is_read_as_utf8_with_the_bad_byte_replaced(tmp_path):
    text, extra = _text_of(tmp_path, "invalid utf-8")
    assert text.startswith("Café owners on the “Kessa” riverbank — ")  # not "CafÃ©": not Windows-1252
    assert "caf\ufffd costs rose." in text
    assert extra["encoding"] == "utf-8 (1 invalid byte replaced)"


def test_utf16_without_bom_is_detected(tmp_path):
    text, extra = _text_of(tmp_path, "utf-16 without bom")
    assert text == SENTENCE + "\n"
    assert extra["encoding"] == "utf-16-le"


def test_nul_bytes_become_replacement_characters_and_spans_stay_exact(tmp_path):
    path = _make(tmp_path, "nul bytes")
    (doc,) = audit([path], Settings(), jobs=1).documents
    assert doc.document.text == "The Kessa dam\ufffd cost $3 million\ufffd in 2019.\n"
    for finding in doc.findings:
        assert doc.document.text[finding.start:finding.end] == finding.excerpt
    for claim in doc.extraction.claims:
        assert doc.document.text[claim.start:claim.end] == claim.text


@pytest.mark.slow
def test_a_100_mb_text_file_is_refused_unread_with_the_limit(tmp_path, paper):
    path = tmp_path / "huge.txt"
    line = ("The Kessa dam held back the river in 2019 (Okafor, 2019). " * 16 + "\n").encode()
    with path.open("wb") as out:
        for _ in range(100 * 1024 * 1024 // len(line) + 1):
            out.write(line)
    assert path.stat().st_size >= 100 * 1024 * 1024
    result = audit([path, paper], Settings(), jobs=1)
    (error,) = result.errors
    assert error.message == ("text file is 105 MB; the limit is 10 million characters per document "
                             "(split it into parts)")
    assert [d.document.path for d in result.documents] == [str(paper)]


@pytest.mark.slow
def test_text_just_over_the_limit_is_refused_after_decoding(tmp_path):
    path = tmp_path / "long.md"
    path.write_bytes(b"word " * (MAX_TEXT_CHARS // 5 + 1000))
    (error,) = audit([path], Settings(), jobs=1).errors
    assert error.message == "text is 10.0 million characters; the limit is 10 million per document (split it into parts)"


# -- the bibliography ---------------------------------------------------------------------------

BROKEN_BIB = """@article{okafor2019,
  author = {Okafor, Ngozi},
  title = {Dredging the Outer Harbour},
  year = {2019},
}

@article{broken,
  author = {Hale, Rosa
  title = {Never closed},

@book{hale2017, author = {Hale, Rosa}, title = {River Basins under Pressure}, year = {2017}}
"""
PANDOC = "# Delta\n\nThe delta lost a tenth of its area [@okafor2019]. Dredging made it worse [@hale2017; @broken].\n"


def test_bib_with_syntax_errors_keeps_the_entries_that_parse_and_names_the_rest(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(BROKEN_BIB, encoding="utf-8")
    entries, problems = load_bibliography(bib)
    assert [e.key for e in entries] == ["okafor2019", "hale2017"]
    (problem,) = problems
    assert problem.startswith("line 7: could not parse '@article{broken,'")
    paper = tmp_path / "delta.md"
    paper.write_text(PANDOC, encoding="utf-8")
    result = audit([paper], Settings(select=("CIT",)), bib=str(bib), jobs=1)
    (doc,) = result.documents
    assert [(f.code, f.excerpt) for f in doc.findings] == [("CIT001", "@broken")]
    # The entry that did not parse is named where a user looks: with the unreadable inputs.
    assert [(e.path, e.message) for e in result.errors] == [(str(bib), problem)]


def test_bib_problems_are_surfaced_by_the_command_line(tmp_path):
    (tmp_path / "refs.bib").write_text(BROKEN_BIB, encoding="utf-8")
    (tmp_path / "delta.md").write_text(PANDOC, encoding="utf-8")
    proc = _cli(["audit", "delta.md", "--bib", "refs.bib", "--format", "json", "--no-html", "--no-claims"], tmp_path)
    assert "Traceback" not in proc.stderr
    assert "factcheck: refs.bib: line 7: could not parse '@article{broken,'" in proc.stderr
    data = json.loads(proc.stdout)
    assert [e["path"] for e in data["errors"]] == ["refs.bib"]
    assert [d["path"] for d in data["documents"]] == ["delta.md"]


# -- the command line ------------------------------------------------------------------------------

def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_command_line_names_every_bad_input_without_a_traceback(tmp_path):
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    names = {case: _make(tmp_path, case).relative_to(tmp_path).as_posix() for case in CASES}
    proc = _cli(["audit", "paper.md", *names.values(), "--format", "json", "--no-html", "--no-claims"], tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    data = json.loads(proc.stdout)
    errors = {e["path"]: e["message"] for e in data["errors"]}
    read = {d["path"] for d in data["documents"]}
    for case, name in names.items():
        expected = CASES[case][2]
        if expected is None:
            assert name in read, case
        else:
            assert errors[name].startswith(expected), (case, errors[name])
            assert f"factcheck: {name}: {errors[name]}" in proc.stderr.splitlines()
    (paper,) = [d for d in data["documents"] if d["path"] == "paper.md"]
    assert [(f["code"], f["excerpt"]) for f in paper["findings"]] == PAPER_FINDINGS


@pytest.mark.parametrize("where, content, message", [
    ("--config", "[tool.factcheck\nselect = [\n", "bad.toml: invalid TOML: Expected ']' at the end of a table"),
    ("pyproject.toml", "[tool.factcheck]\nselect = [\"CIT\"\n", "pyproject.toml: invalid TOML: Unclosed array"),
    ("factcheck.toml", "select = 3\n", "factcheck.toml"),
])
def test_a_bad_config_file_is_a_usage_error_without_a_traceback(tmp_path, where, content, message):
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    target = tmp_path / ("bad.toml" if where == "--config" else where)
    target.write_text(content, encoding="utf-8")
    args = ["audit", "paper.md", "--no-html", "--no-claims"] + (["--config", "bad.toml"] if where == "--config" else [])
    proc = _cli(args, tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    assert line.startswith("factcheck: error: ") and message in line, line
