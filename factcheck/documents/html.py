"""HTML: the article text without site furniture, one paragraph per block element.

Navigation, scripts, styles, forms, headers/footers and hidden elements are dropped; the
``<article>`` (or ``<main>``) is preferred over the whole ``<body>``. Note references
(``<sup>3</sup>``, ``<a href="#fn3">``) become ``[3]`` markers and footnote bodies
``[3] note text`` paragraphs, so that an HTML page yields the same text shape as its ``.txt``
twin. Every segment carries a CSS-ish locator of its block ("body > p:nth-of-type(4)").
Source offsets are not kept: the parser does not report them.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any, NamedTuple

from factcheck.documents.assemble import TextBuilder, note_label
from factcheck.documents.encoding import binary_signature, control_count, utf8_or_cp1252
from factcheck.documents.metadata import text_metadata
from factcheck.documents.model import Document, LoadError, SegmentOrigin

_BLOCK = frozenset(
    "address article blockquote body caption center dd details dialog div dl dt fieldset figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr html legend li main ol p pre section summary table tbody td tfoot th thead tr ul".split())
_SKIP = frozenset(
    "script style noscript template nav aside footer form iframe svg math button select textarea input head object "
    "canvas video audio map embed frameset frame title meta link base".split())
_SKIP_ROLES = frozenset(("navigation", "complementary", "search", "menu", "menubar", "dialog", "alert",
                         "contentinfo"))
# A page's header is site furniture, an article's header holds its title and byline. Footers are
# always dropped (tags, share bars, bios); footnotes placed there are recovered by their ids.
_CHROME = frozenset(("header",))
_CHROME_ROLES = frozenset(("banner",))
_CONTENT_ROOTS = frozenset(("article", "main"))
_NOTE_HINTS = ("fn", "note", "foot", "cite")
_BACKLINK_HINTS = ("fnref", "footnote-back", "backref", "noteref")
_MAX_NOTE = 5000  # characters; a longer element is a section, not a note
_MAX_PATH = 10
# Share of control characters above which the bytes are binary data, not a page.
_BINARY_CONTROL_SHARE = 0.05
_SUPPRESS = re.compile(r"^\s*factcheck:\s*ignore\b([^\n]*)$", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]+[0-9]*")
_META_TAG = re.compile(rb"<meta\b[^>]{0,512}>", re.IGNORECASE)
_CHARSET = re.compile(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.IGNORECASE)
_ISO_PREFIX = re.compile(r"\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?!\d)")
_BLANK_LINES = re.compile(r"\n[ \t\r\f]*(?=\n)")

_TITLE_KEYS = ("citation_title", "og:title", "dc.title", "dcterms.title", "twitter:title")
_DATE_KEYS = ("citation_publication_date", "citation_date", "article:published_time", "dc.date.issued",
              "dcterms.issued", "dc.date", "dcterms.date", "date", "datepublished", "pubdate",
              "publication_date", "sailthru.date")
_AUTHOR_KEYS = ("citation_author", "author", "dc.creator", "dcterms.creator", "article:author")


class _Ctx(NamedTuple):
    """Walk state inherited by children: where we are and how text is written."""

    path: tuple[str, ...]
    locator: str
    origin: SegmentOrigin = "text"
    flat: bool = False  # inside a note: blocks do not break the paragraph
    pre: bool = False
    in_content: bool = False


def load_html(path: Path, data: bytes) -> Document:
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
    root = _content_root(tree)
    walker = _Walker(_note_targets(tree))
    if root is not None:
        walker.walk(root, _Ctx(path=(root.tag,), locator=root.tag, in_content=root.tag in _CONTENT_ROOTS))
    walker.leftover_notes(tree)
    text, segments, anchors = walker.out.build()

    title = _first(meta, _TITLE_KEYS) or title_tag
    published = _first_date(meta) or _time_date(root)
    authors = tuple(value for key, value in meta if key in _AUTHOR_KEYS and not value.startswith("http"))
    used = set(_TITLE_KEYS + _DATE_KEYS + _AUTHOR_KEYS)
    extra = [("encoding", encoding)] + ([("lang", lang)] if lang else [])
    extra += [(key, value) for key, value in meta if key not in used]
    extra += [("suppress", f"{code}@{offset}") for code, offset in anchors]
    metadata = text_metadata(text, title=title, published=published, extra=tuple(extra))
    if authors:
        metadata = metadata.model_copy(update={"authors": authors})
    return Document(path=str(path), format="html", text=text, segments=segments, metadata=metadata)


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


def _node_text(node: Any) -> str:
    value = getattr(node, "text_content", None)
    if isinstance(value, str):
        return value
    return node.text(deep=False) or ""


def _comment_text(node: Any) -> str | None:
    """The text of a comment node, or None when ``node`` is not a comment."""
    if node.tag not in ("-comment", "_comment"):
        return None
    content = getattr(node, "comment_content", None)
    if content is None:
        content = (node.html or "").removeprefix("<!--").removesuffix("-->")
    return content


def _children(node: Any) -> list[Any]:
    out = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out


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

    from factcheck.claims.dates import parse_date

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


# -- choosing the content and finding notes ---------------------------------------------------

def _content_root(tree: Any) -> Any:
    """The largest ``<article>`` holding a fair share of the page's text, else ``<main>``, else ``<body>``."""
    body = tree.body if tree.body is not None else tree.root
    if body is None:
        return None
    total = len(body.text(strip=True))
    articles = tree.css("article")
    if articles:
        best = max(articles, key=lambda node: len(node.text(strip=True)))
        if len(best.text(strip=True)) >= 0.3 * total:
            return best
    main = tree.css_first("main")
    return main if main is not None else body


def _hints(node: Any, hints: tuple[str, ...]) -> bool:
    attrs = node.attributes
    blob = " ".join(str(attrs.get(name) or "") for name in ("href", "class", "id", "role")).lower()
    return any(hint in blob for hint in hints)


def _ref_label(node: Any) -> str | None:
    """The label of a footnote reference anchor (``<a href="#fn3">3</a>``), else None."""
    href = node.attributes.get("href") or ""
    if not href.startswith("#") or len(href) < 2:
        return None
    label = note_label(node.text())
    in_sup = node.parent is not None and node.parent.tag == "sup"
    if label and (in_sup or _hints(node, _NOTE_HINTS)):
        return label
    return None


def _note_targets(tree: Any) -> dict[str, str]:
    """Element id → label for every element a footnote reference points at."""
    targets: dict[str, str] = {}
    for node in tree.css("a"):
        label = _ref_label(node)
        if label:
            targets.setdefault(node.attributes["href"][1:], label)
    return targets


def _is_backlink(node: Any) -> bool:
    """The "↩" link from a note back to its reference (an in-page link without words)."""
    href = node.attributes.get("href") or ""
    text = node.text().strip()
    if not href.startswith("#"):
        return False
    return not any(ch.isalnum() for ch in text) or (len(text) <= 12 and _hints(node, _BACKLINK_HINTS))


def _is_note_body(node: Any, node_id: str) -> bool:
    """A note is short and does not hold its own reference (``href="#top"`` is no footnote)."""
    return len(node.text()) <= _MAX_NOTE and not any(a.attributes.get("href") == "#" + node_id
                                                     for a in node.css("a"))


def _hidden(node: Any, tag: str, ctx: _Ctx) -> bool:
    if tag in _SKIP:
        return True
    attrs = node.attributes
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    role = (attrs.get("role") or "").lower()
    if role in _SKIP_ROLES or ((tag in _CHROME or role in _CHROME_ROLES) and not ctx.in_content):
        return True
    style = (attrs.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


# -- the walk ------------------------------------------------------------------------------------

class _Walker:
    """Depth-first walk with an explicit stack: deeply nested pages cannot exhaust recursion."""

    def __init__(self, notes: dict[str, str]) -> None:
        self.out = TextBuilder()
        self.notes = notes
        self.done: set[str] = set()

    def walk(self, start: Any, ctx: _Ctx) -> None:
        self._run([(start, ctx)])

    def _run(self, stack: list[tuple[Any, _Ctx] | None]) -> None:
        while stack:
            item = stack.pop()
            if item is None:  # end of a block
                self.out.end_paragraph()
                continue
            node, ctx = item
            if node.is_text_node:
                self._text(_node_text(node), ctx)
                continue
            comment = _comment_text(node)
            if comment is not None:
                self._comment(comment)
                continue
            if node.tag is None or node.tag.startswith(("-", "_", "!")):
                continue
            self._element(node, ctx, stack)

    def _text(self, text: str, ctx: _Ctx) -> None:
        text = text.replace("\u00ad", "")
        if ctx.pre:
            self.out.add(_BLANK_LINES.sub("", text).replace("\r", ""), ctx.origin, locator=ctx.locator)
        else:
            self.out.add(text, ctx.origin, collapse=True, locator=ctx.locator)

    def _comment(self, comment: str) -> None:
        m = _SUPPRESS.match(comment.strip())
        if m:
            codes = [code.upper() for code in _CODE.findall(m.group(1))]
            for code in codes or ["*"]:
                self.out.anchor(code)

    def _element(self, node: Any, ctx: _Ctx, stack: list[tuple[Any, _Ctx] | None]) -> None:
        tag = node.tag.lower()
        if _hidden(node, tag, ctx):
            return
        if tag == "br":
            if ctx.flat:
                self.out.add(" ", ctx.origin, collapse=True, locator=ctx.locator)
            else:
                self.out.line_break(ctx.origin, locator=ctx.locator)
            return
        label = None
        if tag == "sup":
            label = note_label(node.text())
        elif tag == "a":
            label = _ref_label(node)
            if label is None and _is_backlink(node):
                return
        if label:
            self.out.add(f"[{label}]", "marker", locator=ctx.locator)
            return
        node_id = node.attributes.get("id")
        if node_id in self.notes and node_id not in self.done and not ctx.flat and _is_note_body(node, node_id):
            self._note(node, node_id, ctx, stack)
            return
        if tag in _BLOCK:
            if ctx.flat:
                self.out.add(" ", ctx.origin, collapse=True, locator=ctx.locator)
            else:
                self.out.end_paragraph()
                stack.append(None)
        self._push_children(node, tag, ctx, stack)

    def _push_children(self, node: Any, tag: str, ctx: _Ctx, stack: list[tuple[Any, _Ctx] | None]) -> None:
        """Children in reverse on the stack, each with its ``tag:nth-of-type(k)`` path."""
        block = tag in _BLOCK and not ctx.flat
        locator = " > ".join(ctx.path) if block else ctx.locator
        in_content = ctx.in_content or tag in _CONTENT_ROOTS
        pre = ctx.pre or tag == "pre"
        counts: dict[str, int] = {}
        items = []
        for child in _children(node):
            child_tag = child.tag or ""
            if child_tag[:1].isalpha():
                child_tag = child_tag.lower()
                counts[child_tag] = counts.get(child_tag, 0) + 1
                path = (ctx.path + (f"{child_tag}:nth-of-type({counts[child_tag]})",))[-_MAX_PATH:]
            else:
                path = ctx.path
            items.append((child, ctx._replace(path=path, locator=locator, in_content=in_content, pre=pre)))
        stack.extend(reversed(items))

    def _note(self, node: Any, node_id: str, ctx: _Ctx, stack: list[tuple[Any, _Ctx] | None]) -> None:
        """A footnote body: one paragraph ``[n] text`` whatever blocks it holds."""
        self.done.add(node_id)
        label = self.notes[node_id]
        locator = f"footnote {label}"
        self.out.end_paragraph()
        self.out.add(f"[{label}] ", "note", locator=locator)
        stack.append(None)
        note_ctx = ctx._replace(origin="note", flat=True, locator=locator)
        stack.extend(reversed([(child, note_ctx) for child in _children(node)]))

    def leftover_notes(self, tree: Any) -> None:
        """Notes outside the walked content (in a skipped footer or aside) go to the end."""
        missing = [key for key in self.notes if key not in self.done]
        if not missing:
            return
        wanted = set(missing)
        found = [node for node in tree.css("[id]")
                 if node.attributes.get("id") in wanted and _is_note_body(node, node.attributes["id"])]
        if not found:
            return
        self.out.end_paragraph()
        self.out.add("Notes", "note", locator="notes")
        self.out.end_paragraph()
        for node in found:
            node_id = node.attributes["id"]
            if node_id in self.done:  # the same id twice in a page
                continue
            stack: list[tuple[Any, _Ctx] | None] = []
            ctx = _Ctx(path=(node.tag,), locator=node.tag, in_content=True)
            self._note(node, node_id, ctx, stack)
            self._run(stack)
