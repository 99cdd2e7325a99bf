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
from factcheck.documents.html_elements import (
    KIND_TAGS,
    block_kind,
    children,
    chrome_named,
    class_words,
    hidden,
    holds_title,
    is_decoration,
    is_toc,
    keeps_notes,
    list_numbers,
)
from factcheck.documents.html_notes import BACKLINK_SYMBOLS, NoteIndex
from factcheck.documents.html_text import comment_text, element_text, node_text
from factcheck.documents.model import LeftOut, SegmentOrigin
from factcheck.documents.suppressions import COMMENT_BODY, codes

_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure "
    "footer h1 h2 h3 h4 h5 h6 header hr html legend li main nav ol p pre section summary table tbody td tfoot th "
    "thead tr ul".split())
_INLINE = frozenset("a abbr b bdi cite em i q small span strong sub sup u".split())
# Never text: dropped without a trace.
_SILENT = frozenset(
    "script style noscript template form iframe svg math button select textarea input head object canvas video "
    "audio map embed frameset frame title meta link base".split())
# Site furniture: left out, and recorded as chrome.
_CHROME_TAGS = frozenset(("nav", "aside", "footer"))
_CHROME_ROLES = frozenset(("navigation", "complementary", "search", "menu", "menubar", "dialog", "alert",
                           "contentinfo", "banner"))
CONTENT_ROOTS = frozenset(("article", "main"))
_LISTS = frozenset(("ul", "ol"))  # the elements a table of contents may be without a name saying so
_COMMENT_TAGS = frozenset(("-comment", "_comment"))  # as ``html_text.comment_text`` knows them
_MAX_PATH = 10
_BLANK_LINES = re.compile(r"\n[ \t\r\f]*(?=\n)")
# An element holding at most one text node has it written at once rather than queued (off only
# in the test that compares the two).
_WRITE_LEAVES_NOW = True
_UNITS = frozenset("km m cm mm nm µm μm ft mi yd in s ms kg g mg l ml mol kwh mw kw w hz sq".split())


# Anchors (``TextBuilder.anchor``) that mark where an inline ``<code>`` starts and ends; the
# loader turns them into "code" regions and keeps them apart from suppression anchors.
CODE_START = "\x00code-start"
CODE_END = "\x00code-end"


class _Anchor(NamedTuple):
    """A stack item: set an anchor when the walk gets here (after an element's children)."""

    value: str


_new_tuple = tuple.__new__


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


def chain_ids(chain: tuple | None, limit: int = 400) -> list[int]:
    """The serials of a chain of ancestors, innermost first (at most ``limit``)."""
    out = []
    while chain is not None and len(out) < limit:
        out.append(chain[0])
        chain = chain[1]
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
            tag = node.tag  # read once: each read makes a new string
            if tag in _COMMENT_TAGS:
                comment = comment_text(node)
                if comment is not None:
                    self._comment(comment)
                continue
            if tag is None or tag.startswith(("-", "_", "!")):
                continue
            self._element(node, tag.lower(), ctx, stack)

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

    def _element(self, node: Any, tag: str, ctx: WalkContext, stack: list[Item]) -> None:
        """``tag``: the element's tag, lower-cased."""
        if tag in _SILENT:
            return
        attrs = node.attributes
        # Most elements of a long page have no attribute at all: nothing to read in them.
        blob = class_words(attrs) if attrs else ""
        if attrs and hidden(attrs, blob):
            return
        role = (attrs.get("role") or "").lower() if attrs else ""
        if (tag in _CHROME_TAGS or role in _CHROME_ROLES or (tag == "header" and not ctx.in_content
                                                              and not holds_title(node))) \
                and not keeps_notes(attrs, blob, role):
            self.leave_out("chrome", node, ctx)
            return
        if (blob or role or tag in _LISTS) and is_toc(node, tag, attrs, blob, role, self.headings):
            self.leave_out("toc", node, ctx)
            return
        if ctx.kind == "heading" and (blob or tag == "a") and is_decoration(node, tag, blob):
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
            label = self.notes.label_of(node)
            if label and (attrs.get("href") or "")[1:] in self.notes.targets:
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
        block = tag in _BLOCK
        if block and (parent := node.parent) is not None and parent.tag in _INLINE and not node.text(strip=True):
            return  # an empty box a browser extension put inside a <cite> or a link breaks no paragraph
        if block:
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
                label = self.notes.label_of(links[0])
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
        serial = self._serial
        self._serial += 1
        chain = (serial, ctx.chain)
        kind = ctx.kind
        if ctx.origin != "note" and kind not in ("references", "notes"):
            if attrs or tag in KIND_TAGS:  # most elements of a long page are neither
                kind = block_kind(node, tag, attrs, blob, role) or kind
        hint = serial if (blob and chrome_named(blob)) else ctx.hint
        citation = ctx.citation or (bool(blob) and "citation" in blob) or "data-cites" in attrs
        # Built field by field, not by ``_replace``: one is made per element and per child (the
        # walk's most frequent step on a page of many paragraphs). Fields in WalkContext's order.
        child_ctx = _new_tuple(WalkContext, (ctx.path, locator, ctx.origin, ctx.flat, ctx.pre or tag == "pre",
                                             ctx.in_content or tag in CONTENT_ROOTS, kind, serial, chain, hint,
                                             citation, None))
        nodes = children(node)
        if _WRITE_LEAVES_NOW and len(nodes) <= 1 and (not nodes or nodes[0].is_text_node):
            # No element inside (a paragraph of text, most of a page): its text is written now
            # rather than queued, as it would be popped next. Its subtree is itself, which
            # ``inside`` assumes of a serial that ``last`` lacks.
            if nodes:
                self._text(node_text(nodes[0]), child_ctx)
            return
        stack.append((serial, None))  # the end of its subtree: ``last`` is set when popped
        shared = child_ctx[1:-1]  # all but the path and the list item number, which each child sets
        numbers: dict[int, int] = {}
        if tag == "ol" and not ctx.flat and kind != "notes":
            entries = [child for child in nodes if (child.tag or "").lower() == "li"]
            numbers = dict(zip((child.mem_id for child in entries), list_numbers(node, entries) or ()))
        counts: dict[str, int] = {}
        items = []
        # Each child's path is the parent's, kept to its last _MAX_PATH - 1 steps, and its own step.
        kept_path = ctx.path[1 - _MAX_PATH:]
        for child in nodes:
            child_tag = child.tag or ""
            if child_tag[:1].isalpha():
                child_tag = child_tag.lower()
                count = counts[child_tag] = counts.get(child_tag, 0) + 1
                path = (*kept_path, f"{child_tag}:nth-of-type({count})")
                number = numbers.get(child.mem_id) if numbers else None
                # tuple.__new__ fills the record without the Python-level __new__ a NamedTuple
                # call runs (one per child element; a page of 40,000 paragraphs)
                items.append((child, _new_tuple(WalkContext, (path, *shared, number))))
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
