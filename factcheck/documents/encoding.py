"""Decode the bytes of a text file: UTF-8 (with or without BOM), UTF-16, Windows-1252."""

from __future__ import annotations

from factcheck.documents.model import LoadError

# Share of control characters above which bytes are binary data, not text.
_BINARY_CONTROL_SHARE = 0.05
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}
_DROP_CONTROL = dict.fromkeys(_CONTROL)  # a str.translate table: counting controls at C speed


def control_count(text: str) -> int:
    """How many control characters (not tab, newline, form feed, carriage return) ``text`` holds."""
    return len(text) - len(text.translate(_DROP_CONTROL))


def decode(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding name)`` or raise LoadError for empty or binary data."""
    if not data:
        raise LoadError("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    text, encoding = utf8_or_cp1252(data)
    sample = text[:65536]
    controls = control_count(sample)
    if sample and controls / len(sample) > _BINARY_CONTROL_SHARE:
        raise LoadError(f"binary data, not text (starts with {data[:8]!r})")
    kind = binary_signature(data)
    if kind:  # mostly printable, but still no text: a PDF is ASCII with compressed streams
        raise LoadError(f"not text but {kind}")
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    return text, encoding


# Formats people save under the wrong name, by the bytes they start with.
_SIGNATURES = (
    (b"%PDF-", "a PDF file (starts with '%PDF-'); give it the suffix .pdf"),
    (b"PK\x03\x04", "a zip archive (a Word .docx?); give it its own suffix"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc); save it as .docx"),
    (b"\x1f\x8b", "a gzip archive"),
)


def binary_signature(data: bytes) -> str | None:
    """What a file is when its first bytes are a well-known binary signature, else None."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def utf8_or_cp1252(data: bytes) -> tuple[str, str]:
    """UTF-8 when the bytes are UTF-8, even with a few invalid bytes (replaced); else Windows-1252.

    A file that is mostly UTF-8 (its non-ASCII characters decode as UTF-8 sequences) with a
    stray invalid byte is UTF-8 with a flaw, not Windows-1252: reading it as Windows-1252 would
    turn every "é" into "Ã©". Windows-1252 text almost never forms valid UTF-8 sequences.
    """
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    if non_ascii > replaced:
        return text, f"utf-8 ({replaced} invalid byte{'s' if replaced != 1 else ''} replaced)"
    # Windows-1252 leaves five bytes undefined; replace them rather than fail.
    return data.decode("cp1252", errors="replace"), "cp1252"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL bytes on every other position (ASCII-heavy text)."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None
