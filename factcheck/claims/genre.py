"""What kind of writing a document is — scholarly, report, news or web page — from its own signals.

Why: what a claim needs to count as sourced depends on the genre. A scholarly paper cites each
statistic, so an uncited one is a defect; a news story names who says so and carries most facts
with no citation at all (the reporter's own reporting), so an uncited figure there is a claim to
check, not an error; a web page (a blog post, documentation, an encyclopedia entry) is closer to
news than to a paper. The claim rules take their severity from the genre
(``factcheck.rules.registry``: ``by_genre``).

How: each genre gathers points from signals a reader would see, and the genre with the most
points wins (ties go in the order scholarly, report, news); a document with no signal of the
first three is a web page. Signals, each recorded as a short phrase for the JSON and the report:

- the page's metadata: JSON-LD or microdata ``@type`` (NewsArticle, ScholarlyArticle, Report,
  BlogPosting...), ``og:type``, news meta tags (``article:section``, ``news_keywords``, a ``genre``
  of "News"), scholarly meta tags (``citation_journal_title``, ``citation_doi``, ``prism.*``), a
  wiki or blog engine as ``generator``;
- front matter (pandoc, JATS): ``abstract``, ``doi``, ``journal``, ``bibliography``;
- the text: a dateline opening a paragraph ("LONDON — ", "KESTOVA, May 3 (Reuters) -"), a byline
  ("By Ilse Varga"), many named speakers ("..., the mayor said"); a reference list, notes, in-text
  citations; headings of a paper ("Abstract", "Methods", "Discussion") or of a report
  ("Executive summary", "Recommendations"); notes printed as a wiki prints them (back-links "^ a b", "Archived from the original on ...").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.citations.model import Citation, Note, ReferenceEntry
from factcheck.genres import Genre
from factcheck.text.lazy_regex import regex
from factcheck.text.model import Block

# JSON-LD / microdata types, lower-cased, by genre.
_TYPES = {
    "news": ("newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
             "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting"),
    "scholarly": ("scholarlyarticle", "medicalscholarlyarticle", "thesis", "dissertation"),
    "report": ("report",),
    "web": ("blogposting", "techarticle", "howto", "webpage", "faqpage", "qapage", "socialmediaposting",
            "discussionforumposting"),
}
_TYPE_KEYS = ("@type", "json-ld:@type", "jsonld:@type", "ld+json:@type", "schema:@type", "itemtype")
_NEWS_META = ("article:section", "news_keywords", "article:opinion", "dc.type.articletype", "original-source",
              "syndication-source")
_SCHOLARLY_META_PREFIXES = ("citation_journal", "citation_doi", "citation_conference", "citation_dissertation",
                            "citation_technical_report", "prism.", "dc.identifier.doi", "bepress_citation")
_WEB_GENERATORS = ("mediawiki", "wordpress", "ghost", "hugo", "jekyll", "blogger", "docusaurus", "sphinx",
                   "mkdocs", "gatsby", "hexo", "eleventy", "drupal", "joomla")
_FRONT_MATTER_SCHOLARLY = ("abstract", "doi", "journal", "bibliography", "keywords", "citation_journal_title")

# "LONDON — ", "TUNIS, Tunisia — ", "WASHINGTON (AP) — ", "Kestova, 3 May (Reuters) - ": a place in
# capitals (or any place before a news agency in brackets) and a dash, opening a paragraph.
_DATELINE = regex(
    r"^(?:[A-Z][A-Z.'’-]{2,}(?:[ /][A-Z][A-Za-z.'’-]+){0,3}(?:,[ ][A-Z][\w.'’ ]{1,30}?)?(?:[ ]\([A-Z][\w .&]{1,24}\))?"
    r"|[A-Z][\w.'’-]+(?:[ /][A-Z][\w.'’-]+){0,3}(?:,[ ][\w.'’ ]{1,30}?)?[ ]\((?:AP|AFP|Reuters|UPI|dpa|ANSA|"
    r"Bloomberg|[A-Z]{2,6})\))"
    r"[ \u00a0]?[—–-]{1,2}[ \u00a0]", re.MULTILINE)
_BYLINE = regex(r"^(?:By|BY|Written by|Reporting by|Words by)[ \u00a0]+[A-Z][\w.'’-]+(?:[ \u00a0]+[A-Z][\w.'’-]+){0,3}"
                r"(?:,?[ \u00a0]+(?:and|&)[ \u00a0]+[A-Z][\w.'’-]+(?:[ \u00a0]+[A-Z][\w.'’-]+){0,3})?[ \t]*$",
                re.MULTILINE)
_WORD = regex(r"[^\W\d_]+")
_SCHOLARLY_HEADINGS = frozenset("abstract keywords methods methodology materials results discussion "
                                "acknowledgements acknowledgments literature hypotheses".split())
_REPORT_HEADINGS = (("executive", "summary"), ("recommendations",), ("key", "findings"), ("policy", "recommendations"))
_HEADING_WORDS = _SCHOLARLY_HEADINGS | {w for r in _REPORT_HEADINGS for w in r}
_WIKI_CITATION = regex(r"\bArchived from the original\b")
_DOI = regex(r"\b10\.\d{4,9}/\S")

# Named speakers and publications per 1,000 words of body text: news stories have 4 to 20,
# papers, reports and web pages under 2 (their sources are citations, or none).
_SPEAKERS_PER_K = 4.0
_HEAD_CHARS = 4000  # where datelines and bylines are looked for
_MIN_POINTS = 2  # below this for every genre, a document is a web page
_ORDER = ("scholarly", "report", "news")


@dataclass(frozen=True)
class GenreReading:
    """The genre of a document, where it came from ("detected" or "settings"), and why."""

    genre: Genre
    source: str
    signals: tuple[str, ...] = ()


def detect_genre(text: str, blocks: Sequence[Block], extra: Sequence[tuple[str, str]],
                 references: Sequence[ReferenceEntry], notes: Sequence[Note], citations: Sequence[Citation],
                 attributions: Sequence[Citation]) -> GenreReading:
    """The genre with the most points from the document's signals (see the module docstring)."""
    points = {"scholarly": 0.0, "report": 0.0, "news": 0.0, "web": 0.0}
    signals: list[str] = []

    def add(genre: str, amount: float, why: str) -> None:
        points[genre] += amount
        signals.append(why)

    _metadata_signals(extra, add)
    _text_signals(text, blocks, add)
    _source_signals(text, blocks, references, notes, citations, attributions, add)
    best = max(_ORDER, key=lambda g: (points[g], -_ORDER.index(g)))
    if points["web"] > points[best] or points[best] < _MIN_POINTS:
        return GenreReading("web", "detected", tuple(signals) or ("no sign of a paper, a report or a news story",))
    return GenreReading(best, "detected", tuple(signals))  # type: ignore[arg-type]


def _metadata_signals(extra: Sequence[tuple[str, str]], add) -> None:
    for key, value in extra:
        key_low, value_low = key.lower(), value.strip().lower()
        if key_low in _TYPE_KEYS:
            kind = value_low.rsplit("/", 1)[-1]
            for genre, types in _TYPES.items():
                if kind in types:
                    add(genre, 4, f"{key} {value.strip()}")
        elif key_low == "og:type" and value_low == "article":
            add("news", 0.5, "og:type article")
        elif key_low in _NEWS_META or (key_low == "genre" and value_low == "news"):
            add("news", 1.5, f"meta {key}")
        elif key_low.startswith(_SCHOLARLY_META_PREFIXES):
            add("scholarly", 4, f"meta {key}")
        elif key_low == "generator" and value_low.startswith(_WEB_GENERATORS):
            engine = value.split()[0]
            # A wiki page is a web page whatever its notes; a blog engine also serves news sites.
            add("web", 5 if value_low.startswith("mediawiki") else 1, f"made by {engine}")
        elif key_low.startswith("front-matter:") and key_low.split(":", 1)[1] in _FRONT_MATTER_SCHOLARLY:
            add("scholarly", 2, f"front matter {key.split(':', 1)[1]}")


def _text_signals(text: str, blocks: Sequence[Block], add) -> None:
    head_end = _head_end(text, blocks)
    dateline = _DATELINE.search(text, 0, head_end)
    if dateline:
        add("news", 3, f"dateline '{dateline.group().strip()}'")
    byline = next((b for b in blocks if b.kind == "byline" and b.start < head_end), None)
    if byline is not None:
        add("news", 1, "byline")
    else:
        m = _BYLINE.search(text, 0, head_end)
        if m:
            add("news", 1, f"byline '{m.group().strip()}'")
    carets = sum(1 for b in blocks if text.startswith(("^ ", "↑ "), b.start))
    # (The words looked for first: the pattern opens with \b, so the regex engine would try it
    # at every position of the text.)
    archived = len(_WIKI_CITATION.findall(text)) if "Archived from the original" in text else 0
    if carets >= 3 or archived >= 3:
        # "^ a b Ethnicity figures add to ...", "Archived from the original on 3 May 2015":
        # notes as a wiki prints them (back-links, its citation templates).
        add("web", 5, f"notes as a wiki prints them ({carets} with back-links, {archived} 'archived from the original')")
    scholarly, report = set(), set()
    for block in blocks:
        if block.kind not in ("heading", "title") or block.end - block.start > 80:
            continue
        words = tuple(_WORD.findall(text[block.start:block.end].lower()))
        if _HEADING_WORDS.isdisjoint(words[:3]):
            continue  # both tests read the first three words only: most headings name neither genre
        scholarly.update(w for w in words[:3] if w in _SCHOLARLY_HEADINGS)
        if any(words[: len(r)] == r or words[1 : 1 + len(r)] == r for r in _REPORT_HEADINGS):
            report.add(" ".join(words[:3]))
    if len(scholarly) >= 2:
        add("scholarly", min(3, len(scholarly)), "headings " + ", ".join(sorted(scholarly)))
    if report:
        add("report", 2, "headings " + ", ".join(sorted(report)))


def _head_end(text: str, blocks: Sequence[Block]) -> int:
    """The end of the document's opening (its first five body blocks, and at least
    ``_HEAD_CHARS``), where a dateline or a byline stands."""
    body = [b for b in blocks if b.kind == "body"]
    end = body[min(4, len(body) - 1)].end if body else 0
    return min(len(text), max(end, _HEAD_CHARS))


def _source_signals(text: str, blocks: Sequence[Block], references: Sequence[ReferenceEntry],
                    notes: Sequence[Note], citations: Sequence[Citation], attributions: Sequence[Citation],
                    add) -> None:
    if len(references) >= 5:
        add("scholarly", 2, f"{len(references)} reference entries")
        add("report", 1.5, "a reference list")
    elif len(references) >= 3:  # a short paper's or brief's list: a point, with its DOIs or citations two
        add("scholarly", 1, f"{len(references)} reference entries")
        add("report", 0.75, "a reference list")
    if len(references) >= 3:
        with_doi = sum(1 for r in references if r.doi or _DOI.search(r.text))
        if with_doi >= 3:
            add("scholarly", 1, f"{with_doi} entries with a DOI")
    works = [c for c in citations if c.style in ("author-year", "pandoc")]
    if len(works) >= 5:
        add("scholarly", 1, f"{len(works)} author-date citations")
    if len(notes) >= 5:
        add("report", 2, f"{len(notes)} notes")
        add("scholarly", 1, "notes")
    named = [a for a in attributions if not a.vague]
    if len(named) < 3:
        return  # (the body's words are counted only for a density that may count)
    words = sum(len(_WORD.findall(text[b.start:b.end])) for b in blocks if b.kind == "body") or 1
    per_k = 1000 / words
    density = len(named) * per_k
    if density >= _SPEAKERS_PER_K:
        add("news", 3 if density >= 2 * _SPEAKERS_PER_K else 2,
            f"{len(named)} named sources ({density:.1f} per 1,000 words)")


def settings_genre(genre: Genre) -> GenreReading:
    return GenreReading(genre, "settings", ("set in the settings",))
