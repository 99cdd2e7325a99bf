"""Decode the bytes of a text file: UTF-8 (with or without BOM), UTF-16, Windows-1252."""

from __future__ import annotations

from factcheck.documents.model import LoadError

# Share of control characters above which bytes are binary data, not text.
_BINARY_CONTROL_SHARE = 0.05
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


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
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Windows-1252 leaves five bytes undefined; replace them rather than fail.
        text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if sample and controls / len(sample) > _BINARY_CONTROL_SHARE:
        raise LoadError(f"binary data, not text (starts with {data[:8]!r})")
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    return text, encoding


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
