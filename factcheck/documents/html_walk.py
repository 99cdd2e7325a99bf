"""The walk over an HTML page's elements that writes its text: blocks as paragraphs, notes as notes.

Scripts, styles, forms and hidden elements are dropped unseen; navigation, asides, page headers
and footers, tables of contents and heading decorations ("[edit]", "¶") are left out and recorded
(``Document.left_out``). Markers follow the text-shape contract: a raised note number or numeric
citation becomes ``[3]`` (``[n 1]`` for Wikipedia's grouped notes), an exponent ``^2``
(``km<sup>2</sup>``), and an affiliation mark in a byline is left out; footnote bodies become
``[3] note text`` paragraphs without their backlinks, and a bibliography entry (pandoc's
``div.csl-entry``) one paragraph with its number. Every paragraph is tagged with the context it
was written in (its region kind, its chain of ancestors, the nearest chrome-named ancestor) for
the article classifier (``html_article``) and the regions. Every segment carries a CSS-ish
locator of its block ("body > p:nth-of-type(4)"). The walk keeps an explicit stack, so a deeply
nested page cannot exhaust Python's recursion.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from factcheck.documents.assemble import TextBuilder, note_label
from factcheck.documents.html_notes import BACKLINK_SYMBOLS, NoteIndex, anchor_label
from factcheck.documents.model import LeftOut, SegmentOrigin
from factcheck.documents.suppressions import COMMENT_BODY, codes

_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure "
    "footer h1 h2 h3 h4 h5 h6 header hr html legend li main nav ol p pre section summary table tbody td tfoot th "
    "thead tr ul".split())
# Never text: dropped without a trace.
_SILENT = frozenset(
    "script style noscript template form iframe svg math button select textarea input head object canvas video "
    "audio map embed frameset frame title meta link base".split())
# Site furniture: left out, and recorded as chrome.
_CHROME_TAGS = frozenset(("nav", "aside", "footer"))
_CHROME_ROLES = frozenset(("navigation", "complementary", "search", "menu", "menubar", "dialog", "alert",
                           "contentinfo", "banner"))
_NOTE_ROLES = frozenset(("doc-endnotes", "doc-footnotes", "doc-bibliography", "doc-endnote", "doc-footnote"))
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
CONTENT_ROOTS = frozenset(("article", "main"))
_MAX_PATH = 10
_BLANK_LINES = re.compile(r"\n[ \t\r\f]*(?=\n)")
_TOKEN = re.compile(r"[a-z0-9]+")
# Class and id words that name page chrome (share bars, teasers, newsletter boxes, comment
# counts, ads); a prefix matches ("sharebar", "social-links", "newsletter-signup").
_CHROME_PREFIXES = ("share", "sharing", "social", "related", "recommend", "recirc", "newsletter", "subscri",
                    "signup", "promo", "advert", "sponsor", "outbrain", "taboola", "trending", "popular", "comment",
                    "disqus", "breadcrumb", "cookie", "navbox", "sidebar", "widget", "paywall", "pagination",
                    "toolbar", "masthead", "catlinks", "printfooter", "mostread", "readmore", "morestories",
                    "byline-share", "follow", "donate", "teaser")
_CHROME_WORDS = frozenset(("ad", "ads", "adslot", "nav", "navbar", "menu", "tags", "rail", "footer", "banner",
                           "skip", "pager", "noprint", "jump", "promos", "newsletters", "utility", "toast"))
# Visually hidden text (screen-reader labels such as "Share on Facebook", "opens in a new window").
_HIDDEN_CLASSES = ("sronly", "visuallyhidden", "screenreadertext", "screenreader", "a11yhidden", "offscreen",
                   "hiddentext")
_TOC_WORDS = ("table-of-contents", "tableofcontents", "toc_container", "ez-toc")
# In a heading, the links and buttons that are not its words: "[edit]", "¶", "#", permalink icons.
_DECORATION_WORDS = ("editsection", "headerlink", "anchor", "permalink", "hash-link", "heading-link", "anchorjs",
                     "edit-section", "section-edit", "header-anchor")
_BYLINE_WORDS = frozenset(("byline", "author", "authors", "dateline", "posted", "published", "timestamp", "date",
                           "contributor", "contributors", "writer", "pubdate"))
_CAPTION_WORDS = ("caption", "credit", "photo-credit", "image-credit", "wp-caption-text")
_REFERENCE_WORDS = ("csl-bib-body", "bibliography", "refbegin", "works-cited", "reference-list")
_NOTES_WORDS = ("footnotes", "endnotes", "wp-block-footnotes", "easy-footnotes-wrapper")
_UNITS = frozenset("km m cm mm nm µm μm ft mi yd in s ms kg g mg l ml mol kwh mw kw w hz sq".split())


# Anchors (``TextBuilder.anchor``) that mark where an inline ``<code>`` starts and ends; the
# loader turns them into "code" regions and keeps them apart from suppression anchors.
CODE_START = "\x00code-start"
CODE_END = "\x00code-end"


class _Anchor(NamedTuple):
    """A stack item: set an anchor when the walk gets here (after an element's children)."""

    value: str


class WalkContext(NamedTuple):
    """Walk state inherited by children: where we are and how text is written."""

    path: tuple[str, ...]
    locator: str
    origin: SegmentOrigin = "text"
    flat: bool = False  # inside a note or a bibliography entry: blocks do not break the paragraph
    pre: bool = False
    in_content: bool = False
    kind: str | None = None  # region kind of the enclosing block (heading, caption, byline, table...)
    # The enclosing element's serial (elements are numbered in document order as they are walked,
    # so an element's subtree is the serials from its own to ``Walker.last[serial]``) and the
    # chain (serial, parent chain) of its ancestors.
    serial: int = -1
    chain: tuple | None = None
    hint: int | None = None  # the serial of the nearest ancestor whose class or id names chrome
    citation: bool = False  # inside a citation (pandoc's span.citation): raised digits are citations
    item: int | None = None  # the number an ordered list gives this <li>


def node_text(node: Any) -> str:
    value = getattr(node, "text_content", None)
    if isinstance(value, str):
        return value
    return node.text(deep=False) or ""


def comment_text(node: Any) -> str | None:
    """The text of a comment node, or None when ``node`` is not a comment."""
    if node.tag not in ("-comment", "_comment"):
        return None
    content = getattr(node, "comment_content", None)
    if content is None:
        content = (node.html or "").removeprefix("<!--").removesuffix("-->")
    return content


def children(node: Any) -> list[Any]:
    out = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def collapsed(text: str) -> str:
    return " ".join(text.split())


_SPACE_BEFORE = re.compile(r"\s+([\]).,;:!?])")
_SPACE_AFTER = re.compile(r"([\[(])\s+")


def element_text(node: Any) -> str:
    """An element's text on one line, its text nodes apart (blocks do not run together) but no
    space inside brackets or before punctuation ("[edit]", not "[ edit ]")."""
    text = collapsed(node.text(separator=" "))
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


def chain_ids(chain: tuple | None, limit: int = 400) -> list[int]:
    """The serials of a chain of ancestors, innermost first (at most ``limit``)."""
    out = []
    while chain is not None and len(out) < limit:
        out.append(chain[0])
        chain = chain[1]
    return out


# -- choosing the content ------------------------------------------------------------------------

def content_root(tree: Any) -> Any:
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
    if main is not None and len(main.text(strip=True)) >= 0.3 * total:
        return main
    return body


def heading_ids(tree: Any) -> set[str]:
    """Ids a table of contents links to: of headings, inside them, and of the sections they open."""
    ids: set[str] = set()
    for heading in tree.css("h1, h2, h3, h4, h5, h6"):
        for node in heading.css("[id]"):
            ids.add(node.attributes.get("id") or "")
        parent = heading.parent
        if parent is not None and parent.tag in ("section", "div", "article") and parent.attributes.get("id"):
            ids.add(parent.attributes["id"] or "")
    ids.discard("")
    return ids


# -- what an element is ---------------------------------------------------------------------------

def _words(attrs: dict[str, Any]) -> str:
    """The element's class and id, lower-cased ("" when it has neither)."""
    names = attrs.get("class"), attrs.get("id")
    return f"{names[0] or ''} {names[1] or ''}".lower().strip() if names[0] or names[1] else ""


def _named(blob: str, names: tuple[str, ...]) -> bool:
    return any(name in blob for name in names)


def chrome_named(blob: str) -> bool:
    """A class or id that names chrome: a word of ``_CHROME_WORDS`` or a prefix of ``_CHROME_PREFIXES``."""
    for token in _TOKEN.findall(blob):
        if token in _CHROME_WORDS or token.startswith(_CHROME_PREFIXES):
            return True
    return False


def _hidden(attrs: dict[str, Any], blob: str) -> bool:
    if "hidden" in attrs or (attrs.get("aria-hidden") or "").lower() == "true":
        return True
    style = attrs.get("style")
    if style:
        style = style.replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            return True
    return bool(blob) and _named(blob.replace("-", "").replace("_", ""), _HIDDEN_CLASSES)


def _data_table(node: Any) -> bool:
    """A table of data, not of page layout: no table inside it and no long prose in it."""
    return len(node.css("table")) == 1 and len(node.text()) < 20_000


def block_kind(node: Any, tag: str, attrs: dict[str, Any], blob: str, role: str) -> str | None:
    """The region kind an element declares (None: it declares none; its parent's holds)."""
    if tag in _HEADINGS:
        return "heading"
    if tag in ("figcaption", "caption"):
        return "caption"
    if tag == "pre":
        return "code"
    if tag == "table":
        return "table" if _data_table(node) else None
    if tag == "address" or attrs.get("rel") == "author" or attrs.get("itemprop") == "author":
        return "byline"
    if not blob and not role:
        return None
    if role == "doc-bibliography" or attrs.get("id") == "refs" or _named(blob, _REFERENCE_WORDS):
        return "references"
    if role in ("doc-endnotes", "doc-footnotes") or _named(blob, _NOTES_WORDS):
        return "notes"
    if not blob:
        return None
    tokens = set(_TOKEN.findall(blob))
    if _named(blob, _CAPTION_WORDS):
        return "caption"
    if (tokens.intersection(_BYLINE_WORDS) or _named(blob, ("byline", "dateline"))) and len(node.text()) < 300:
        return "byline"
    return None


def is_toc(node: Any, tag: str, attrs: dict[str, Any], blob: str, role: str, headings: set[str]) -> bool:
    """A table of contents: named so, or a list whose items are links to the page's own headings."""
    if role == "doc-toc" or (blob and ("toc" in _TOKEN.findall(blob) or _named(blob, _TOC_WORDS))):
        return True
    if tag not in ("ul", "ol") or not headings:
        return False
    items = [child for child in children(node) if child.tag == "li"]
    if len(items) < 3:
        return False
    linked = 0
    for item in items:
        link = item.css_first("a[href^='#']")
        if link is not None and (link.attributes.get("href") or "#")[1:] in headings:
            linked += 1
    return linked >= 0.8 * len(items)


def _is_decoration(node: Any, tag: str, blob: str) -> bool:
    """In a heading: an edit link, a permalink or an anchor symbol, not the heading's words."""
    if _named(blob, _DECORATION_WORDS):
        return True
    if tag == "a":
        href = node.attributes.get("href") or ""
        text = node.text().strip()
        return href.startswith("#") and not any(ch.isalnum() for ch in text)
    return False


def _keeps_notes(attrs: dict[str, Any], blob: str, role: str) -> bool:
    """An aside or section holding the page's notes or bibliography (pandoc 3's ``aside#footnotes``)."""
    return role in _NOTE_ROLES or _named(blob, _NOTES_WORDS + _REFERENCE_WORDS)


def _holds_title(node: Any) -> bool:
    """A page header holding the document's title (pandoc's ``header#title-block-header``), not a
    site's banner with its menu."""
    return (node.css_first("h1") is not None and node.css_first("nav, form, [role=navigation]") is None
            and len(node.css("a")) <= 3)


def _numbers(node: Any, items: list[Any]) -> list[int] | None:
    """The numbers an ordered list shows before its items (``start``, ``reversed``, ``value``);
    None for letters or roman numerals."""
    attrs = node.attributes
    if (attrs.get("type") or "1") != "1":
        return None
    try:
        number = int(attrs.get("start") or (len(items) if "reversed" in attrs else 1))
    except ValueError:
        number = 1
    step = -1 if "reversed" in attrs else 1
    out = []
    for item in items:
        value = item.attributes.get("value")
        if value and value.strip().lstrip("-").isdigit():
            number = int(value)
        out.append(number)
        number += step
    return out


# -- the walk ------------------------------------------------------------------------------------

Item = tuple[Any, WalkContext] | _Anchor | None


class Walker:
    """Depth-first walk with an explicit stack: deeply nested pages cannot exhaust recursion."""

    def __init__(self, notes: NoteIndex, headings: set[str] = frozenset()) -> None:
        self.out = TextBuilder()
        self.notes = notes
        self.headings = headings
        self.done: set[str] = set()
        self.left_out: list[LeftOut] = []
        self._tail = ""  # the last characters written, to tell an exponent from a marker
        self._serial = 0
        self.last: dict[int, int] = {}  # element serial → the last serial in its subtree

    def inside(self, serial: int, container: int) -> bool:
        """Whether the element numbered ``serial`` is ``container`` or inside it."""
        return container <= serial <= self.last.get(container, container)

    def walk(self, start: Any, ctx: WalkContext) -> None:
        self._run([(start, ctx)])

    def _run(self, stack: list[Item]) -> None:
        while stack:
            item = stack.pop()
            if item is None:  # end of a block
                self.out.end_paragraph()
                continue
            if isinstance(item, _Anchor):
                self.out.anchor(item.value)
                continue
            node, ctx = item
            if isinstance(node, int):  # the end of element ``node``'s subtree
                self.last[node] = self._serial - 1
                continue
            if isinstance(node, str):  # literal text queued after an element (a closing quote)
                self._add(node, ctx)
                continue
            if node.is_text_node:
                self._text(node_text(node), ctx)
                continue
            comment = comment_text(node)
            if comment is not None:
                self._comment(comment)
                continue
            if node.tag is None or node.tag.startswith(("-", "_", "!")):
                continue
            self._element(node, ctx, stack)

    # -- writing ---------------------------------------------------------------------------

    def _add(self, text: str, ctx: WalkContext, origin: SegmentOrigin | None = None) -> None:
        self.out.tag = ctx
        self.out.add(text, origin or ctx.origin, collapse=not ctx.pre, locator=ctx.locator)
        self._tail = (self._tail + text)[-24:]

    def _text(self, text: str, ctx: WalkContext) -> None:
        text = text.replace("\u00ad", "")
        if ctx.pre:
            self.out.tag = ctx
            self.out.add(_BLANK_LINES.sub("", text).replace("\r", ""), ctx.origin, locator=ctx.locator)
            self._tail = (self._tail + text)[-24:]
            return
        if ctx.origin == "note" and text.strip() and set(text) <= BACKLINK_SYMBOLS:
            return  # the caret before a note's backlinks
        self._add(text, ctx)

    def _comment(self, comment: str) -> None:
        m = COMMENT_BODY.match(comment.strip())
        if m:
            for code in codes(m.group(1)):
                self.out.anchor(code)

    def leave_out(self, kind: str, node: Any, ctx: WalkContext) -> None:
        text = element_text(node)
        if text:
            self.left_out.append(LeftOut(kind=kind, text=text, locator=ctx.locator))

    # -- elements ----------------------------------------------------------------------------

    def _element(self, node: Any, ctx: WalkContext, stack: list[Item]) -> None:
        tag = node.tag.lower()
        if tag in _SILENT:
            return
        attrs = node.attributes
        blob = _words(attrs)
        if _hidden(attrs, blob):
            return
        role = (attrs.get("role") or "").lower()
        if (tag in _CHROME_TAGS or role in _CHROME_ROLES or (tag == "header" and not ctx.in_content
                                                              and not _holds_title(node))) \
                and not _keeps_notes(attrs, blob, role):
            self.leave_out("chrome", node, ctx)
            return
        if is_toc(node, tag, attrs, blob, role, self.headings):
            self.leave_out("toc", node, ctx)
            return
        if ctx.kind == "heading" and (blob or tag == "a") and _is_decoration(node, tag, blob):
            self.leave_out("decoration", node, ctx)
            return
        if tag == "br":
            if ctx.flat:
                self._add(" ", ctx)
            else:
                self.out.line_break(ctx.origin, locator=ctx.locator)
            return
        if tag == "sup" and (ctx.origin == "note" and self._only_backlinks(node) or self._sup(node, ctx)):
            return
        if tag == "a":
            if ctx.origin == "note" and self.notes.is_backlink(node):
                return
            label = anchor_label(node)
            if label and (node.attributes.get("href") or "")[1:] in self.notes.targets:
                self._add(f"[{label}]", ctx, "marker")
                return
            if label is None and not ctx.origin == "note" and _stray_backlink(node):
                return
        if ctx.origin == "note" and blob and self.notes.is_backlink_box(node, attrs):
            return
        body = self.notes.bodies.get(node.mem_id)
        if body is not None and body[0] not in self.done and not ctx.flat:
            self._note(node, body, ctx, stack)
            return
        if (blob and "csl-entry" in blob) or role == "doc-biblioentry":
            self._flat_paragraph(node, ctx._replace(kind="references"), stack)
            return
        if tag == "q":
            self._add("“", ctx)
            stack.append(("”", ctx))
        elif tag == "code" and not ctx.pre and ctx.kind != "code":
            self.out.anchor(CODE_START)
            stack.append(_Anchor(CODE_END))
        if tag in _BLOCK:
            if ctx.flat:
                self._add(" ", ctx)
            else:
                self.out.end_paragraph()
                stack.append(None)
                if tag == "li" and ctx.item is not None:
                    self._add(f"{ctx.item}. ", ctx, "marker")
        self._push_children(node, tag, attrs, blob, role, ctx, stack)

    def _sup(self, node: Any, ctx: WalkContext) -> bool:
        """Write a raised number as a marker or an exponent, or leave an affiliation mark out.
        False: the ``<sup>`` is ordinary text (an ordinal "th", a trademark) and is walked."""
        text = node.text().strip()
        links = [a for a in node.css("a[href^='#']") if (a.attributes.get("href") or "")[1:] in self.notes.targets]
        if ctx.kind == "byline" and text and len(text) <= 12:
            self.left_out.append(LeftOut(kind="affiliation-mark", text=text, locator=ctx.locator))
            return True
        label = note_label(text)
        if links:
            if label is None:
                label = anchor_label(links[0])
            if label:
                self._add(f"[{label}]", ctx, "marker")
                return True
            return False
        if label is None:
            power = text.replace("−", "-").replace("–", "-")
            if re.fullmatch(r"-\d{1,3}", power) and self._after_quantity():
                self._add(f"^{power}", ctx, "marker")
                return True
            return False
        if not ctx.citation and label.isdigit() and self._after_quantity():
            self._add(f"^{label}", ctx, "marker")
            return True
        self._add(f"[{label}]", ctx, "marker")
        return True

    def _only_backlinks(self, node: Any) -> bool:
        """A raised group of links back to the markers, at the head of a note."""
        links = node.css("a")
        return bool(links) and all(self.notes.is_backlink(a) for a in links)

    def _after_quantity(self) -> bool:
        """The raised digits follow a number, a unit or a one-letter symbol: an exponent (``2^20``,
        ``km^2``, ``x^2``), not a note after a word."""
        tail = self._tail.rstrip("\u00a0")
        if not tail or tail[-1] == " ":
            return False
        if tail[-1].isdigit() or tail[-1] in ")]":
            return True
        word = re.search(r"([^\W\d_]+)$", tail)
        if word is None:
            return False
        token = word.group(1)
        return len(token) == 1 or token.lower() in _UNITS

    def _push_children(self, node: Any, tag: str, attrs: dict[str, Any], blob: str, role: str,
                       ctx: WalkContext, stack: list[Item]) -> None:
        """Children in reverse on the stack, each with its ``tag:nth-of-type(k)`` path."""
        block = tag in _BLOCK and not ctx.flat
        locator = " > ".join(ctx.path) if block else ctx.locator
        serial = self._enter(stack)
        chain = (serial, ctx.chain)
        kind = ctx.kind
        if ctx.origin != "note" and kind not in ("references", "notes"):
            kind = block_kind(node, tag, attrs, blob, role) or kind
        hint = serial if (blob and chrome_named(blob)) else ctx.hint
        citation = ctx.citation or (bool(blob) and "citation" in blob) or "data-cites" in attrs
        child_ctx = ctx._replace(locator=locator, in_content=ctx.in_content or tag in CONTENT_ROOTS,
                                 pre=ctx.pre or tag == "pre", kind=kind, serial=serial, chain=chain, hint=hint,
                                 citation=citation, item=None)
        nodes = children(node)
        numbers: dict[int, int] = {}
        if tag == "ol" and not ctx.flat and kind != "notes":
            entries = [child for child in nodes if (child.tag or "").lower() == "li"]
            numbers = dict(zip((child.mem_id for child in entries), _numbers(node, entries) or ()))
        counts: dict[str, int] = {}
        items = []
        for child in nodes:
            child_tag = child.tag or ""
            if child_tag[:1].isalpha():
                child_tag = child_tag.lower()
                counts[child_tag] = counts.get(child_tag, 0) + 1
                path = (ctx.path + (f"{child_tag}:nth-of-type({counts[child_tag]})",))[-_MAX_PATH:]
                number = numbers.get(child.mem_id) if numbers else None
                items.append((child, child_ctx._replace(path=path, item=number) if number is not None
                              else child_ctx._replace(path=path)))
            else:
                items.append((child, child_ctx))
        stack.extend(reversed(items))

    def _enter(self, stack: list[Item]) -> int:
        """Number the element whose children are about to be pushed; mark the end of its subtree."""
        serial = self._serial
        self._serial += 1
        stack.append((serial, None))
        return serial

    def _flat_paragraph(self, node: Any, ctx: WalkContext, stack: list[Item]) -> None:
        """One paragraph whatever blocks the element holds (a bibliography entry and its number)."""
        self.out.end_paragraph()
        stack.append(None)
        serial = self._enter(stack)
        flat = ctx._replace(flat=True, serial=serial, chain=(serial, ctx.chain))
        stack.extend(reversed([(child, flat) for child in children(node)]))

    def _note(self, node: Any, body: tuple[str, str], ctx: WalkContext, stack: list[Item]) -> None:
        """A footnote body: one paragraph ``[n] text`` whatever blocks it holds."""
        node_id, label = body
        self.done.add(node_id)
        locator = f"footnote {label}"
        self.out.end_paragraph()
        stack.append(None)
        serial = self._enter(stack)
        note_ctx = ctx._replace(origin="note", flat=True, locator=locator, kind="notes", serial=serial,
                                chain=(serial, ctx.chain))
        self.out.tag = note_ctx
        self.out.add(f"[{label}] ", "note", locator=locator)
        stack.extend(reversed([(child, note_ctx) for child in children(node)]))

    def leftover_notes(self, tree: Any) -> None:
        """Notes outside the walked content (in a skipped footer or aside) go to the end."""
        missing = {node_id for node_id, _ in self.notes.bodies.values() if node_id not in self.done}
        if not missing:
            return
        found = [node for node in tree.css("[id], li, p, div") if node.mem_id in self.notes.bodies
                 and self.notes.bodies[node.mem_id][0] in missing]
        if not found:
            return
        ctx = WalkContext(path=("notes",), locator="notes", in_content=True, kind="notes")
        self.out.end_paragraph()
        self.out.tag = ctx._replace(kind="heading")
        self.out.add("Notes", "note", locator="notes")
        self.out.end_paragraph()
        for node in found:
            body = self.notes.bodies[node.mem_id]
            if body[0] in self.done:  # the same id twice in a page
                continue
            stack: list[Item] = []
            self._note(node, body, WalkContext(path=(node.tag,), locator=node.tag, in_content=True), stack)
            self._run(stack)


def _stray_backlink(node: Any) -> bool:
    """An in-page link without words outside a note (a "↑ back to top" arrow)."""
    href = node.attributes.get("href") or ""
    return href.startswith("#") and not any(ch.isalnum() for ch in node.text())
