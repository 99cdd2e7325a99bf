"""What an element of a web page is, from its tag, class, id and role: chrome, a table of contents,
a heading's decoration, hidden text, or a region (heading, caption, byline, code, table, notes,
references); and which element holds the content.

Class and id words are read as publishers name their parts ("share-bar", "related-stories",
"newsletter-signup", "byline", "wp-caption-text", "csl-bib-body"), never a string of one site.
"""

from __future__ import annotations

import re
from typing import Any

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
NOTE_ROLES = frozenset(("doc-endnotes", "doc-footnotes", "doc-bibliography", "doc-endnote", "doc-footnote"))
_TOKEN = re.compile(r"[a-z0-9]+")
# Class and id words that name page chrome (share bars, teasers, newsletter boxes, comment
# counts, ads); a prefix matches ("sharebar", "social-links", "newsletter-signup").
_CHROME_PREFIXES = ("share", "sharing", "social", "related", "recommend", "recirc", "newsletter", "subscri",
                    "signup", "promo", "advert", "sponsor", "outbrain", "taboola", "trending", "popular", "comment",
                    "disqus", "breadcrumb", "cookie", "navbox", "sidebar", "widget", "paywall", "pagination",
                    "toolbar", "masthead", "catlinks", "printfooter", "mostread", "readmore", "morestories",
                    "follow", "donate", "teaser")
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


def children(node: Any) -> list[Any]:
    out = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
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

def class_words(attrs: dict[str, Any]) -> str:
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


def hidden(attrs: dict[str, Any], blob: str) -> bool:
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


# The tags that declare a region kind by themselves, without an attribute (``block_kind``).
KIND_TAGS = _HEADINGS | {"figcaption", "caption", "pre", "table", "address"}


def block_kind(node: Any, tag: str, attrs: dict[str, Any], blob: str, role: str) -> str | None:
    """The region kind an element declares (None: it declares none; its parent's holds). Only an
    element of ``KIND_TAGS`` declares one without attributes."""
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


def is_decoration(node: Any, tag: str, blob: str) -> bool:
    """In a heading: an edit link, a permalink or an anchor symbol, not the heading's words."""
    if _named(blob, _DECORATION_WORDS):
        return True
    if tag == "a":
        href = node.attributes.get("href") or ""
        text = node.text().strip()
        return href.startswith("#") and not any(ch.isalnum() for ch in text)
    return False


def keeps_notes(attrs: dict[str, Any], blob: str, role: str) -> bool:
    """An aside or section holding the page's notes or bibliography (pandoc 3's ``aside#footnotes``)."""
    return role in NOTE_ROLES or _named(blob, _NOTES_WORDS + _REFERENCE_WORDS)


def holds_title(node: Any) -> bool:
    """A page header holding the document's title (pandoc's ``header#title-block-header``), not a
    site's banner with its menu."""
    return (node.css_first("h1") is not None and node.css_first("nav, form, [role=navigation]") is None
            and len(node.css("a")) <= 3)


def list_numbers(node: Any, items: list[Any]) -> list[int] | None:
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
