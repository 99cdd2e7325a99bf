"""The walk over an HTML page's elements that writes its text: blocks as paragraphs, notes as notes.

Navigation, scripts, styles, forms, headers/footers and hidden elements are dropped; note
references (``<sup>3</sup>``, ``<a href="#fn3">``) become ``[3]`` markers and footnote bodies
``[3] note text`` paragraphs; ``factcheck: ignore`` comments become suppression anchors. Every
segment carries a CSS-ish locator of its block ("body > p:nth-of-type(4)"). The walk keeps an
explicit stack, so a deeply nested page cannot exhaust Python's recursion.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from factcheck.documents.assemble import TextBuilder, note_label
from factcheck.documents.model import SegmentOrigin
from factcheck.documents.suppressions import COMMENT_BODY, codes

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
CONTENT_ROOTS = frozenset(("article", "main"))
_NOTE_HINTS = ("fn", "note", "foot", "cite")
_BACKLINK_HINTS = ("fnref", "footnote-back", "backref", "noteref")
_MAX_NOTE = 5000  # characters; a longer element is a section, not a note
_MAX_PATH = 10
_BLANK_LINES = re.compile(r"\n[ \t\r\f]*(?=\n)")


class WalkContext(NamedTuple):
    """Walk state inherited by children: where we are and how text is written."""

    path: tuple[str, ...]
    locator: str
    origin: SegmentOrigin = "text"
    flat: bool = False  # inside a note: blocks do not break the paragraph
    pre: bool = False
    in_content: bool = False



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


# -- choosing the content and finding notes ---------------------------------------------------

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


def note_targets(tree: Any) -> dict[str, str]:
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


def _hidden(node: Any, tag: str, ctx: WalkContext) -> bool:
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

class Walker:
    """Depth-first walk with an explicit stack: deeply nested pages cannot exhaust recursion."""

    def __init__(self, notes: dict[str, str]) -> None:
        self.out = TextBuilder()
        self.notes = notes
        self.done: set[str] = set()

    def walk(self, start: Any, ctx: WalkContext) -> None:
        self._run([(start, ctx)])

    def _run(self, stack: list[tuple[Any, WalkContext] | None]) -> None:
        while stack:
            item = stack.pop()
            if item is None:  # end of a block
                self.out.end_paragraph()
                continue
            node, ctx = item
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

    def _text(self, text: str, ctx: WalkContext) -> None:
        text = text.replace("\u00ad", "")
        if ctx.pre:
            self.out.add(_BLANK_LINES.sub("", text).replace("\r", ""), ctx.origin, locator=ctx.locator)
        else:
            self.out.add(text, ctx.origin, collapse=True, locator=ctx.locator)

    def _comment(self, comment: str) -> None:
        m = COMMENT_BODY.match(comment.strip())
        if m:
            for code in codes(m.group(1)):
                self.out.anchor(code)

    def _element(self, node: Any, ctx: WalkContext, stack: list[tuple[Any, WalkContext] | None]) -> None:
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

    def _push_children(self, node: Any, tag: str, ctx: WalkContext, stack: list[tuple[Any, WalkContext] | None]) -> None:
        """Children in reverse on the stack, each with its ``tag:nth-of-type(k)`` path."""
        block = tag in _BLOCK and not ctx.flat
        locator = " > ".join(ctx.path) if block else ctx.locator
        in_content = ctx.in_content or tag in CONTENT_ROOTS
        pre = ctx.pre or tag == "pre"
        counts: dict[str, int] = {}
        items = []
        for child in children(node):
            child_tag = child.tag or ""
            if child_tag[:1].isalpha():
                child_tag = child_tag.lower()
                counts[child_tag] = counts.get(child_tag, 0) + 1
                path = (ctx.path + (f"{child_tag}:nth-of-type({counts[child_tag]})",))[-_MAX_PATH:]
            else:
                path = ctx.path
            items.append((child, ctx._replace(path=path, locator=locator, in_content=in_content, pre=pre)))
        stack.extend(reversed(items))

    def _note(self, node: Any, node_id: str, ctx: WalkContext, stack: list[tuple[Any, WalkContext] | None]) -> None:
        """A footnote body: one paragraph ``[n] text`` whatever blocks it holds."""
        self.done.add(node_id)
        label = self.notes[node_id]
        locator = f"footnote {label}"
        self.out.end_paragraph()
        self.out.add(f"[{label}] ", "note", locator=locator)
        stack.append(None)
        note_ctx = ctx._replace(origin="note", flat=True, locator=locator)
        stack.extend(reversed([(child, note_ctx) for child in children(node)]))

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
            stack: list[tuple[Any, WalkContext] | None] = []
            ctx = WalkContext(path=(node.tag,), locator=node.tag, in_content=True)
            self._note(node, node_id, ctx, stack)
            self._run(stack)
