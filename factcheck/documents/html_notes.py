"""Note references and note bodies as pages publish them, found before the walk.

One shape underlies every publisher: a marker in the text is an in-page link (``<a href="#x">``),
usually raised (``<sup>``), to the element holding the note, which links back. Wikipedia
(``<sup class="reference" id="cite_ref-…"><a href="#cite_note-…">[12]</a></sup>`` →
``<ol class="references"><li id="cite_note-…">^ a b …``), pandoc (``a.footnote-ref`` →
``section.footnotes li#fn3`` with ``a.footnote-back``), WordPress (Gutenberg ``ol.wp-block-footnotes``,
footnote plugins whose target is an empty ``<span id>`` inside the note's ``<li>``) and news sites
all fit it. So a link is a marker when its text is a note label and it points at an element of
the page; that element (or its list item, when it is an empty anchor) is the note body; and a
link inside a note that points back at a marker, or is only an arrow, is the backlink.

Labels are the note numbers (``3``, ``[3]``, ``1,2``, ``4–6``) and Wikipedia's grouped labels
(``[n 1]``, ``[note 2]``, ``[a]``), written as ``[n 1]`` in the text.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from factcheck.documents.assemble import note_label

_NOTE_HINTS = ("fn", "note", "foot", "cite")
_BACKLINK_HINTS = ("fnref", "footnote-back", "backref", "noteref", "backlink", "to-top", "cite_ref", "returnto")
_GROUP_LABEL = re.compile(r"^\[?\s*((?:[A-Za-z]{1,12}[ \u00a0]?\d{1,3})|[a-z]{1,2})\s*\]?$")
# The arrows and carets publishers put before or after a note to lead back to its marker.
BACKLINK_SYMBOLS = frozenset("^↑↩⤴⮌︎️ \u00a0\t\n[]")
MAX_NOTE = 5000  # characters; a longer element is a section, not a note


def localize_links(tree: Any) -> int:
    """Rewrite links to this very page (``https://site/page#cite_note-3``) as in-page links
    (``#cite_note-3``), so that markers, backlinks and tables of contents read the same whether the
    page was served with relative links or saved with its links made absolute. Returns how many.

    The page's own addresses are its canonical URL and ``og:url``, and the address that most of its
    absolute fragment links share when their fragments are ids of this page (a saved page often
    keeps no canonical link). Every link to those addresses becomes in-page, also one whose target
    is missing (a marker whose note was deleted). A link to another page whose fragment happens to
    be an id here keeps its address: it is not the page's.
    """
    ids = {node.attributes.get("id") for node in tree.css("[id]")}
    ids.discard(None)
    if not ids:
        return 0
    candidates = []
    for node in tree.css("a[href*='#']"):
        href = node.attributes.get("href") or ""
        base, _, fragment = href.partition("#")
        if base and fragment:
            candidates.append((node, _address(base), fragment))
    if not candidates:
        return 0
    own = {_address(node.attributes.get("href") or "") for node in tree.css("link[rel=canonical]")}
    own |= {_address(node.attributes.get("content") or "") for node in tree.css("meta[property='og:url']")}
    landing = Counter(address for _, address, fragment in candidates if fragment in ids).most_common(1)
    if landing and landing[0][1] >= 2:
        own.add(landing[0][0])
    own.discard("")
    changed = 0
    for node, address, fragment in candidates:
        if address in own:
            node.attrs["href"] = "#" + fragment
            changed += 1
    return changed


def _address(url: str) -> str:
    """A URL without its fragment, scheme or trailing slash: the same page however it is written."""
    url = url.strip().partition("#")[0]
    url = re.sub(r"^[a-z][a-z0-9+.-]*:", "", url, flags=re.IGNORECASE)
    return url.rstrip("/")


def hints(attrs: dict[str, Any], words: tuple[str, ...]) -> bool:
    """Whether the link's address, class, id or role holds one of ``words``."""
    get = attrs.get
    blob = f"{get('href') or ''} {get('class') or ''} {get('id') or ''} {get('role') or ''}".lower()
    for word in words:
        if word in blob:
            return True
    return False


def anchor_label(node: Any) -> str | None:
    """The label of a note reference anchor (``<a href="#fn3">3</a>``), else None."""
    attrs = node.attributes
    href = attrs.get("href") or ""
    if not href.startswith("#") or len(href) < 2:
        return None
    text = node.text()
    label = note_label(text)
    if label is None and not text.lstrip().startswith("["):
        return None  # neither a number nor a grouped label, raised or not
    parent = node.parent
    # The cheap tests first: a search of the link's subtree for a <sup> costs more than the rest.
    if label:
        if (parent is not None and parent.tag == "sup") or hints(attrs, _NOTE_HINTS) \
                or node.css_first("sup") is not None:
            return label
        return None
    if (parent is not None and parent.tag == "sup") or node.css_first("sup") is not None:
        m = _GROUP_LABEL.match(text.strip())  # "[n 1]", "[a]": Wikipedia's grouped notes
        if m:
            return " ".join(m.group(1).split())
    return None


def _visible_length(node: Any) -> int:
    """The length of an element's text without its ``<style>`` and ``<script>`` blocks (Wikipedia
    puts a stylesheet inside the first note that uses a citation template)."""
    hidden = sum(len(inner.text()) for inner in node.css("style, script"))
    return len(node.text()) - hidden


class NoteIndex:
    """The page's markers and notes: note id → label, marker ids, and the note body elements."""

    def __init__(self, tree: Any) -> None:
        self.targets: dict[str, str] = {}  # id of a note's element → its label
        self.marker_ids: set[str] = set()  # ids of markers (and of their <sup>), which backlinks point to
        # mem_id → label of every anchor that has one, for the walk (``label_of``): the same anchors
        # are read again there, and a page of 50,000 markers spent a third of its load reading each twice.
        self._labels: dict[int, str] = {}
        for node in tree.css("a[href^='#']"):
            label = anchor_label(node)
            if not label:
                continue
            self._labels[node.mem_id] = label
            self.targets.setdefault(node.attributes["href"][1:], label)
            for element in (node, node.parent):
                element_id = element.attributes.get("id") if element is not None else None
                if element_id:
                    self.marker_ids.add(element_id)
        # A numbered backlink ("<a href="#ref22">22</a>" at the head of note 22) looks like a marker;
        # what it points at is a marker, not a note.
        self.targets = {key: label for key, label in self.targets.items() if key not in self.marker_ids}
        # Each note's body: the element with the target id, or the list item around an empty one
        # (footnote plugins put ``<span id="…"></span>`` at the start of the note's <li>).
        self.bodies: dict[int, tuple[str, str]] = {}  # mem_id → (target id, label)
        if not self.targets:
            return
        for node in tree.css("[id]"):
            node_id = node.attributes.get("id")
            if node_id not in self.targets:
                continue
            body = node
            if not node.text(strip=True) and node.parent is not None and node.parent.tag in ("li", "p", "div", "dd"):
                body = node.parent
            if _visible_length(body) <= MAX_NOTE and not any(a.attributes.get("href") == "#" + node_id
                                                        for a in body.css("a")):
                self.bodies.setdefault(body.mem_id, (node_id, self.targets[node_id]))

    def label_of(self, node: Any) -> str | None:
        """``anchor_label(node)`` for an ``<a>`` of the indexed page, as read when it was indexed
        (every anchor with a label links in the page, so the index read them all)."""
        return self._labels.get(node.mem_id)

    def is_backlink(self, node: Any) -> bool:
        """The link from a note back to its marker: it points at a marker, or it is only an arrow."""
        attrs = node.attributes
        href = attrs.get("href") or ""
        if not href.startswith("#"):
            return False
        if href[1:] in self.marker_ids or (attrs.get("role") or "") == "doc-backlink":
            return True
        text = node.text().strip()
        return not any(ch.isalnum() for ch in text) or (len(text) <= 12 and hints(attrs, _BACKLINK_HINTS))

    def is_backlink_box(self, node: Any, attrs: dict[str, Any]) -> bool:
        """A wrapper of backlinks (Wikipedia's ``^ a b``): hinted by name, holding only backlinks
        and symbols."""
        blob = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
        if "backlink" not in blob and "back-link" not in blob:
            return False
        links = node.css("a")
        return all(self.is_backlink(a) for a in links)
