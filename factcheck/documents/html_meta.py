"""What an HTML page says about itself: meta tags, JSON-LD, ``<time>``, the page language.

The title, the publication date and the authors come from the first of these that states them:
``citation_*`` (Highwire, Google Scholar) and Open Graph / ``article:*`` meta tags, then JSON-LD
(``headline``, ``datePublished``, ``author``), then the ``<title>`` and the article's ``<time>``.
The genre signals another stage reads (``og:type``, JSON-LD ``@type`` such as ``NewsArticle`` or
``ScholarlyArticle``, ``citation_journal_title``) go into ``metadata.extra`` under their own names.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

# Used with match(); the lookbehind keeps a search from rescanning a run of spaces from each of
# its positions (quadratic), without changing what match() finds.
_ISO_PREFIX = re.compile(r"(?<!\s)\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?!\d)")
TITLE_KEYS = ("citation_title", "og:title", "dc.title", "dcterms.title", "twitter:title")
DATE_KEYS = ("citation_publication_date", "citation_date", "article:published_time", "dc.date.issued",
             "dcterms.issued", "dc.date", "dcterms.date", "date", "datepublished", "pubdate",
             "publication_date", "sailthru.date")
MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "dcterms.modified", "dc.date.modified",
                 "datemodified", "last-modified", "lastmod")
AUTHOR_KEYS = ("citation_author", "author", "dc.creator", "dcterms.creator", "article:author")
# A JSON-LD block larger than this is data, not the page's description of itself.
_MAX_JSON_LD = 500_000
_MAX_JSON_LD_NODES = 2000
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


class PageFacts(NamedTuple):
    """The page's own statements, before the text is read."""

    meta: list[tuple[str, str]]  # (lower-cased name, content) of every meta tag, in page order
    title_tag: str | None
    lang: str | None
    linked: list[tuple[str, str]]  # ("jsonld:@type", "NewsArticle"), ("jsonld:datePublished", ...)


def page_facts(tree: Any) -> PageFacts:
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
    return PageFacts(meta, title or None, lang or None, list(json_ld_facts(tree)))


def json_ld_facts(tree: Any) -> Iterator[tuple[str, str]]:
    """("jsonld:@type" | "jsonld:headline" | "jsonld:datePublished" | "jsonld:author", value) from the
    page's JSON-LD blocks, the article's own node first (a ``@graph`` is searched)."""
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text() or ""
        if len(raw) > _MAX_JSON_LD:
            continue
        raw = _CDATA.sub("", raw)  # pages written as XHTML wrap the JSON in <![CDATA[ ... ]]>
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for item in _ld_nodes(data):
            kinds = item.get("@type")
            kinds = [kinds] if isinstance(kinds, str) else [k for k in kinds or () if isinstance(k, str)]
            for kind in kinds:
                yield "jsonld:@type", kind
            for key in ("headline", "datePublished", "dateModified"):
                value = item.get(key)
                if isinstance(value, str) and value.strip():
                    yield f"jsonld:{key}", " ".join(value.split())
            for author in _ld_list(item.get("author")):
                name = author.get("name") if isinstance(author, dict) else author
                if isinstance(name, str) and name.strip():
                    yield "jsonld:author", " ".join(name.split())


def _ld_nodes(data: Any) -> Iterator[dict]:
    """The typed nodes of a JSON-LD document (top level, lists and ``@graph``), breadth first."""
    queue = [data]
    seen = 0
    while queue and seen < _MAX_JSON_LD_NODES:
        item = queue.pop(0)
        seen += 1
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            if "@type" in item:
                yield item
            if isinstance(item.get("@graph"), list):
                queue.extend(item["@graph"])


def _ld_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def first(pairs: list[tuple[str, str]], keys: tuple[str, ...]) -> str | None:
    """The value of the first of ``keys`` present (keys in order of preference)."""
    found = dict(reversed(pairs))
    return next((found[key] for key in keys if key in found), None)


def published_date(facts: PageFacts, root: Any) -> str | None:
    """The publication date: meta tags, then JSON-LD, then the article's ``<time>``."""
    for key in DATE_KEYS:
        for name, value in facts.meta:
            if name == key and (iso := iso_date(value)):
                return iso
    for name, value in facts.linked:
        if name == "jsonld:datePublished" and (iso := iso_date(value)):
            return iso
    return time_date(root)


def modified_date(facts: PageFacts) -> str | None:
    """When the page says it was last revised: meta tags, then JSON-LD ``dateModified``."""
    for key in MODIFIED_KEYS:
        for name, value in facts.meta:
            if name == key and (iso := iso_date(value)):
                return iso
    for name, value in facts.linked:
        if name == "jsonld:dateModified" and (iso := iso_date(value)):
            return iso
    return None


def time_date(root: Any) -> str | None:
    """``<time datetime>`` marked as the publication date, else the first in the article."""
    if root is None:
        return None
    times = [t for t in root.css("time") if t.attributes.get("datetime")]
    marked = [t for t in times if t.attributes.get("itemprop") == "datePublished" or "pubdate" in t.attributes]
    for node in marked or times[:1]:
        iso = iso_date(node.attributes["datetime"] or "")
        if iso:
            return iso
    return None


def iso_date(value: str) -> str | None:
    """"2026-03-25T10:00Z", "2019/05/03", "2019" or "25 March 2026" → ISO date, else None."""
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


def metadata_fields(facts: PageFacts, root: Any, encoding: str) -> dict[str, Any]:
    """title, published, modified, authors and extra (every other fact, genre signals included)."""
    title = first(facts.meta, TITLE_KEYS) or first(facts.linked, ("jsonld:headline",)) or facts.title_tag
    authors = tuple(dict.fromkeys(value for key, value in facts.meta if key in AUTHOR_KEYS
                                  and not value.startswith("http")))
    if not authors:
        authors = tuple(dict.fromkeys(value for key, value in facts.linked if key == "jsonld:author"))
    used = set(TITLE_KEYS + DATE_KEYS + AUTHOR_KEYS)
    extra = [("encoding", encoding)] + ([("lang", facts.lang)] if facts.lang else [])
    extra += [(key, value) for key, value in facts.meta if key not in used]
    extra += list(dict.fromkeys(facts.linked))
    return {"title": title, "published": published_date(facts, root), "modified": modified_date(facts),
            "authors": authors, "extra": tuple(extra)}
