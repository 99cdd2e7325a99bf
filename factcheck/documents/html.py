"""HTML: the article text without site furniture, one paragraph per block element.

Navigation, scripts, styles, forms, headers/footers and hidden elements are dropped; the
``<article>`` (or ``<main>``) is preferred over the whole ``<body>``. Note references
(``<sup>3</sup>``, ``<a href="#fn3">``) become ``[3]`` markers and footnote bodies
``[3] note text`` paragraphs, so that an HTML page yields the same text shape as its ``.txt``
twin. Every segment carries a CSS-ish locator of its block ("body > p:nth-of-type(4)").
Source offsets are not kept: the parser does not report them. This module decodes and parses the
page and reads its metadata; ``factcheck.documents.html_walk`` writes its text.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from factcheck.documents.encoding import binary_signature, control_count, utf8_or_cp1252
from factcheck.documents.html_walk import CONTENT_ROOTS, WalkContext, Walker, content_root, note_targets
from factcheck.documents.metadata import text_metadata
from factcheck.documents.model import Document, LoadError
from factcheck.documents.suppressions import anchored_suppressions

# Share of control characters above which the bytes are binary data, not a page.
_BINARY_CONTROL_SHARE = 0.05
_META_TAG = re.compile(rb"<meta\b[^>]{0,512}>", re.IGNORECASE)
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
_ISO_PREFIX = re.compile(r"\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?!\d)")
_TITLE_KEYS = ("citation_title", "og:title", "dc.title", "dcterms.title", "twitter:title")
_DATE_KEYS = ("citation_publication_date", "citation_date", "article:published_time", "dc.date.issued",
              "dcterms.issued", "dc.date", "dcterms.date", "date", "datepublished", "pubdate",
              "publication_date", "sailthru.date")
_AUTHOR_KEYS = ("citation_author", "author", "dc.creator", "dcterms.creator", "article:author")


def load_html(path: Path, data: bytes, fmt: str = "html") -> Document:
    """Decode, parse and walk the page; raise LoadError only for bytes that are not text."""
    text_in, encoding = decode_html(data)
    sample = text_in[:65536]
    if control_count(sample) > _BINARY_CONTROL_SHARE * len(sample):
        raise LoadError(f"binary data, not HTML (starts with {data[:8]!r})")
    kind = binary_signature(data)
    if kind:
        raise LoadError(f"not HTML but {kind}")
    tree = _parse(text_in)
    meta, title_tag, lang = _head_facts(tree)
    root = content_root(tree)
    walker = Walker(note_targets(tree))
    if root is not None:
        walker.walk(root, WalkContext(path=(root.tag,), locator=root.tag, in_content=root.tag in CONTENT_ROOTS))
    walker.leftover_notes(tree)
    text, segments, anchors = walker.out.build()

    title = _first(meta, _TITLE_KEYS) or title_tag
    published = _first_date(meta) or _time_date(root)
    authors = tuple(value for key, value in meta if key in _AUTHOR_KEYS and not value.startswith("http"))
    used = set(_TITLE_KEYS + _DATE_KEYS + _AUTHOR_KEYS)
    extra = [("encoding", encoding)] + ([("lang", lang)] if lang else [])
    extra += [(key, value) for key, value in meta if key not in used]
    metadata = text_metadata(text, title=title, published=published, extra=tuple(extra))
    if authors:
        metadata = metadata.model_copy(update={"authors": authors})
    return Document(path=str(path), format=fmt, text=text, segments=segments, metadata=metadata,
                    suppressions=anchored_suppressions(text, anchors))


# -- decoding and parsing --------------------------------------------------------------------

def decode_html(data: bytes) -> tuple[str, str]:
    """BOM, then ``<meta charset>``, then UTF-8 (Windows-1252 when undeclared bytes are not UTF-8)."""
    for bom, name in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name
    declared = _declared_charset(data[:4096])
    if declared:
        return data.decode(declared, errors="replace"), declared
    return utf8_or_cp1252(data)


def _declared_charset(head: bytes) -> str | None:
    """The charset a ``<meta>`` declares, as a Python codec name (WHATWG aliases applied)."""
    for tag in _META_TAG.finditer(head):
        m = _CHARSET.search(tag.group(0))
        if not m:
            continue
        try:
            name = codecs.lookup(m.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            return None
        if name in ("latin-1", "iso8859-1", "ascii"):
            return "cp1252"  # browsers read these labels as Windows-1252
        if name.startswith("utf-16") or name.startswith("utf-32"):
            return "utf-8"  # an ASCII-compatible page cannot really be UTF-16
        return name
    return None


def _parse(text: str) -> Any:
    """Lexbor (selectolax ≥ 0.3); the Modest backend only where Lexbor is missing."""
    try:
        from selectolax.lexbor import LexborHTMLParser as Parser
    except ImportError:  # pragma: no cover - old selectolax builds
        from selectolax.parser import HTMLParser as Parser
    try:
        return Parser(text)
    except Exception as error:  # the C parser should not fail, but never leak its errors
        raise LoadError(f"cannot parse HTML: {error}") from None


# -- metadata ------------------------------------------------------------------------------------

def _head_facts(tree: Any) -> tuple[list[tuple[str, str]], str | None, str | None]:
    """Meta tags as (lowercased name, content), the ``<title>`` text and the page language."""
    meta = []
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("name") or attrs.get("property") or attrs.get("itemprop")
        value = attrs.get("content")
        if key and value and value.strip():
            meta.append((key.strip().lower(), " ".join(value.split())))
    title_node = tree.css_first("title")
    title = " ".join(title_node.text().split()) if title_node is not None else ""
    lang = (tree.root.attributes.get("lang") or "").strip() if tree.root is not None else ""
    return meta, title or None, lang or None


def _first(meta: list[tuple[str, str]], keys: tuple[str, ...]) -> str | None:
    """The value of the first of ``keys`` present (keys in order of preference)."""
    found = dict(reversed(meta))
    return next((found[key] for key in keys if key in found), None)


def _first_date(meta: list[tuple[str, str]]) -> str | None:
    return next((iso for key in _DATE_KEYS for name, value in meta if name == key and (iso := iso_date(value))), None)


def _time_date(root: Any) -> str | None:
    """``<time datetime>`` marked as the publication date, else the first in the article."""
    if root is None:
        return None
    times = [t for t in root.css("time") if t.attributes.get("datetime")]
    marked = [t for t in times if t.attributes.get("itemprop") == "datePublished" or "pubdate" in t.attributes]
    for node in marked or times[:1]:
        iso = iso_date(node.attributes["datetime"])
        if iso:
            return iso
    return None


def iso_date(value: str) -> str | None:
    """"2026-03-25T10:00Z", "2019/05/03", "2019" or "25 March 2026" → ISO date, else None."""
    import datetime as dt

    from factcheck.text.dates import parse_date

    m = _ISO_PREFIX.match(value)
    if m:
        year, month, day = m.group(1), m.group(2), m.group(3)
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            return None
        return "-".join([year] + [f"{int(part):02d}" for part in (month, day) if part])
    parsed = parse_date(value.strip())
    return parsed[0] if parsed and parsed[3] else None
