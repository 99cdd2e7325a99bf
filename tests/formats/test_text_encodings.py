"""The .txt loader reads the encodings people actually save text in, through load_document."""

from __future__ import annotations

import pytest
from twin import check_segments

from factcheck.documents import LoadError, load_document

TEXT = "Café owners on the “Kessa” riverbank — 40,000 hectares (Okafor & Lindqvist, 2019).\nSecond line."


@pytest.mark.parametrize(("data", "encoding"), [
    (TEXT.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16"),
    (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16"),
    (TEXT.encode("utf-16-le"), "utf-16-le"),
    (TEXT.encode("utf-16-be"), "utf-16-be"),
    (TEXT.replace("—", "-").encode("cp1252"), "cp1252"),
], ids=["utf-8", "utf-8 bom", "utf-16 le bom", "utf-16 be bom", "utf-16 le", "utf-16 be", "cp1252"])
def test_encodings(tmp_path, data, encoding):
    path = tmp_path / "kessa.txt"
    path.write_bytes(data)
    doc = load_document(path)
    expected = TEXT if encoding != "cp1252" else TEXT.replace("—", "-")
    assert doc.text == expected
    assert dict(doc.metadata.extra)["encoding"] == encoding
    check_segments(doc)


def test_crlf_is_normalized_with_a_source_map(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("Line one.\r\nLine “two”.\r\n".encode("cp1252"))
    doc = load_document(path)
    assert doc.text == "Line one.\nLine “two”.\n"
    second = doc.segment_at(doc.text.index("Line “two”"))
    assert (second.source_start, second.source_end) == (11, 24)


def test_binary_named_txt_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(32)) * 20)
    with pytest.raises(LoadError, match="^binary data, not text"):
        load_document(path)
