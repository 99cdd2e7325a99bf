"""The records of the HTML reports' view model: plain frozen data the templates loop over.

Built by ``factcheck.reports.html.view`` (documents and index) and
``factcheck.reports.html.runs`` (the annotated text); every string is plain text that Jinja
escapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

INDEX_NAME = "index.html"
# The findings list shows this many items at first (and after each filter), with a button for
# more; the claims table this many rows (of its sorted order). The other items wait in an inert
# <template> (parsed, never styled or laid out) until a filter or the button asks for them, so
# 5,000 findings load about as fast as 200.
LIST_LIMIT = 200


@dataclass(frozen=True, slots=True)
class LinkView:
    """A link with its visible text; ``href`` is always ours (``#id`` or ``name.html#id``)."""

    text: str
    href: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text whose set of covering spans is constant.

    ``tag`` is ``""`` for bare text, ``"a"`` inside a linked citation, ``"mark"`` inside a
    finding, else ``"span"``.
    ``anchor`` is the element's id; ``extra_anchors`` are ids of other spans starting here,
    rendered as empty ``<span class="anc">`` before the run. ``head`` marks the first run of a
    finding (focusable; unless it is a link, which is focusable anyway); ``tip`` is the tooltip
    text of every finding covering the run (report.js shows it in ``#tip``, which the run's
    ``aria-describedby`` names); ``backlinks`` follow the run (the last run of a reference
    entry or note links back to each citation of it).
    """

    text: str
    tag: str = ""
    classes: str = ""
    anchor: str = ""
    extra_anchors: tuple[str, ...] = ()
    href: str = ""
    tip: str = ""
    head: bool = False
    codepoint: str = ""
    backlinks: tuple[LinkView, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    id: str
    kind: str
    line: int
    loc: str  # what the gutter shows: "17" or "p. 2 · 17"
    runs: tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class RelatedView:
    label: str
    excerpt: str
    where: str  # "line 49", "line 12 · p. 2", "other.md line 3"
    href: str


@dataclass(frozen=True, slots=True)
class FindingView:
    id: str  # text anchor; the list item is "i" + id
    item_id: str
    code: str
    rule: str
    summary: str
    severity: str
    message: str
    excerpt: str
    suggestion: str
    where: str
    href: str
    related: tuple[RelatedView, ...]
    path: str = ""  # corpus findings: the document holding the finding


@dataclass(frozen=True, slots=True)
class Count:
    key: str
    label: str
    n: int
    severity: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class ReferenceView:
    id: str
    anchor: str  # "" when the entry has no place in the text (a --bib bibliography)
    href: str  # the entry in the text, else its table row
    row_id: str
    label: str
    text: str
    authors: str
    year: str
    title: str
    container: str
    url: str
    url_href: str  # only http(s) URLs become links
    doi: str
    doi_href: str
    cited_by: tuple[LinkView, ...]
    status: str  # "cited" | "uncited"
    where: str
    problems: str
    findings: tuple[LinkView, ...]
    source: str = ""  # with --sources: the file found for the entry ("" none)
    source_how: str = ""  # how it was found: "doi", "key", "title", "mapping"


@dataclass(frozen=True, slots=True)
class NoteView:
    id: str
    anchor: str
    row_id: str
    number: int
    text: str
    cited_by: tuple[LinkView, ...]
    status: str
    short_form: str
    resolves_to: LinkView | None
    where: str
    findings: tuple[LinkView, ...]
    source: str = ""
    source_how: str = ""


@dataclass(frozen=True, slots=True)
class NoteBlockView:
    index: int
    lines: str
    notes: tuple[NoteView, ...]


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """Where a claim's quotation or figure is in a cited work: the passage, cut into the words
    before the match, the match (highlighted) and the words after it."""

    kind: str  # "quote" | "figure"
    claimed: str
    where: str  # "cited/brandt.pdf, p. 12"
    before: str
    found: str
    after: str


@dataclass(frozen=True, slots=True)
class ClaimView:
    id: str
    href: str
    line: int
    where: str
    kind: str
    checkworthiness: str
    support: str
    dates: str
    numbers: str
    citations: tuple[LinkView, ...]
    text: str
    findings: tuple[LinkView, ...]
    evidence: tuple[EvidenceView, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentView:
    title: str
    path: str
    format: str
    published: str
    authors: str
    citation_style: str  # the citation family detected (or set), "none" when the document cites nothing
    generated: str
    generated_iso: str
    version: str
    counts: tuple[Count, ...]
    rules: tuple[Count, ...]
    supports: tuple[Count, ...]
    worst: str
    paragraphs: tuple[Paragraph, ...]
    findings: tuple[FindingView, ...]  # the first LIST_LIMIT; the rest wait in a <template>
    more_findings: tuple[FindingView, ...]
    corpus_findings: tuple[FindingView, ...]
    references: tuple[ReferenceView, ...]
    note_blocks: tuple[NoteBlockView, ...]
    claims: tuple[ClaimView, ...]  # the first LIST_LIMIT rows; the rest wait in a <template>
    more_claims: tuple[ClaimView, ...]
    paged: bool
    note_count: int = 0
    large: bool = False
    finding_count: int = 0
    claim_count: int = 0
    list_limit: int = LIST_LIMIT
    shown_text: str = ""  # the findings list's status line before any filter
    index_href: str = INDEX_NAME
    genre: str = ""  # scholarly, report, news, web
    genre_source: str = ""  # "detected" or "settings"
    genre_signals: str = ""  # why, for the title attribute
    language: str = ""  # "English (en)"; "" when undetermined
    sources: bool = False  # the run had --sources: tables show the source files and passages


@dataclass(frozen=True, slots=True)
class IndexRow:
    name: str
    href: str
    title: str
    path: str
    format: str
    claims: int
    errors: int
    warnings: int
    info: int
    worst: str
    worst_rank: int  # for sorting: 0 error, 1 warning, 2 info, 3 none


@dataclass(frozen=True, slots=True)
class CorpusRow:
    code: str
    rule: str
    severity: str
    message: str
    excerpt: str
    at: LinkView
    related: tuple[RelatedView, ...]


@dataclass(frozen=True, slots=True)
class ErrorRow:
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class IndexView:
    generated: str
    generated_iso: str
    version: str
    documents: Sequence[IndexRow]  # made as they are rendered (``view.IndexRows``)
    counts: tuple[Count, ...]
    corpus: Sequence[CorpusRow]  # made as they are rendered (``view.CorpusRows``)
    errors: tuple[ErrorRow, ...]
    worst: str
