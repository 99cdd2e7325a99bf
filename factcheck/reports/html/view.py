"""The view model of the HTML reports: everything the templates show, computed here.

The records are in ``records.py``; a document's sections in ``sections.py`` (with its ids and
places in ``places.py``), the runs of annotated text in ``runs.py``; this module puts a
document's view and the index's together from an audit result.

coverage.py's habit: build plain records first (runs of text with their classes and ids, counts,
line and page numbers, links), then let a template loop over them. The template never
computes, and it never sees HTML built in Python: every string here is plain text that Jinja
escapes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from factcheck import __version__
from factcheck.reports.html.format import (
    SEVERITIES,
    clip,
    format_time,
    rule_docs,
    severity_counts,
    severity_rank,
    shown_status,
    worst_severity,
)
from factcheck.reports.html.places import Places
from factcheck.reports.html.records import (
    LIST_LIMIT,
    CorpusRow,
    Count,
    DocumentView,
    ErrorRow,
    IndexRow,
    IndexView,
    LinkView,
    RelatedView,
)
from factcheck.reports.html.sections import (
    FindingsWithin,
    claim_views,
    corpus_finding_views,
    finding_views,
    note_block_views,
    paragraphs,
    reference_views,
)
from factcheck.reports.names import NamesInPathOrder
from factcheck.reports.visible import visible
from factcheck.reports.texts import SourceTexts
from factcheck.results import AuditResult, DocumentResult, Finding, path_order
from factcheck.text.language import language_name

__all__ = ["LIST_LIMIT", "build_document_view", "build_index_view", "corpus_findings_by_path", "numbered"]

T = TypeVar("T")

SUPPORTS = ("cited", "attributed", "inherited", "unsourced")
# With --sources, claims whose quotations and figures were all found in the cited works.
VERIFIED = "verified-in-source"
# Above this much text, or this many findings, paragraphs and tables are laid out only when
# scrolled near (CSS content-visibility). Below it everything is laid out, so that the whole
# text is in innerText, selectable and copyable at once.
LARGE_TEXT = 150_000
LARGE_FINDINGS = 1_000


def build_document_view(result: DocumentResult, now: datetime, names: Mapping[str, str] | None = None,
                        corpus_findings: Sequence[tuple[int, Finding]] = (),
                        others: Mapping[str, str] | None = None,
                        side_texts: Mapping[str, str] | None = None) -> DocumentView:
    """The view of one document's report.

    ``names`` maps document paths to report file names (links between reports);
    ``corpus_findings`` are the corpus findings that involve this document, each with its
    1-based position in ``AuditResult.corpus_findings`` (see ``corpus_findings_by_path``);
    ``others`` gives the texts of the other documents by path, and ``side_texts`` the side files (a bibliography), for
    line numbers of places in them.
    """
    doc, ex = result.document, result.extraction
    places = Places(result, names, others, side_texts)
    docs = rule_docs()
    findings = sorted(result.findings, key=lambda f: (f.start, f.end, f.code, f.message))
    spans: list = []
    views = finding_views(places, findings, docs, spans)
    corpus_views = corpus_finding_views(places, corpus_findings, docs, spans)
    text_paragraphs = paragraphs(places, ex, spans)
    within = FindingsWithin(findings, views)
    references = reference_views(places, ex, within)
    note_blocks = note_block_views(places, ex, within)
    claims = claim_views(places, ex, within)

    sev = severity_counts(result.findings)
    counts = tuple(Count(s, s, sev.get(s, 0), s) for s in SEVERITIES)
    by_rule: Counter = Counter(f.code for f in result.findings)
    rule_sev = {f.code: f.severity.value for f in result.findings}
    rules = tuple(Count(code, docs.get(code, (code, ""))[0], n, rule_sev[code], docs.get(code, ("", ""))[1])
                  for code, n in sorted(by_rule.items()))
    support = Counter(c.support for c in ex.claims)
    checked = ex.sources is not None
    supports = tuple(Count(s, s, support.get(s, 0)) for s in ((VERIFIED, *SUPPORTS) if checked else SUPPORTS))
    shown, iso = format_time(now)
    meta = doc.metadata
    return DocumentView(
        title=visible(meta.title or Path(doc.path).name), path=visible(doc.path),
        format=doc.format, published=meta.published or "", authors=", ".join(meta.authors),
        citation_style=ex.citation_style, generated=shown,
        generated_iso=iso, version=__version__, counts=counts, rules=rules, supports=supports,
        worst=worst_severity(f.severity.value for f in result.findings), paragraphs=tuple(text_paragraphs),
        findings=tuple(views[:LIST_LIMIT]), more_findings=tuple(views[LIST_LIMIT:]),
        corpus_findings=tuple(corpus_views), references=tuple(references),
        note_blocks=tuple(note_blocks), claims=tuple(claims[:LIST_LIMIT]),
        more_claims=tuple(claims[LIST_LIMIT:]), claim_count=len(claims), paged=places.paged,
        note_count=len(ex.notes), finding_count=len(views),
        large=len(doc.text) > LARGE_TEXT or len(findings) > LARGE_FINDINGS,
        shown_text=shown_status(min(len(findings), LIST_LIMIT), len(findings), len(findings)),
        genre=ex.genre, genre_source=ex.genre_reading.source, genre_signals="; ".join(ex.genre_reading.signals),
        language=f"{language_name(ex.language)} ({ex.language})" if ex.language else "", sources=checked)


class _RowsAsRendered(Sequence[T]):
    """Rows of the index made as the template reaches them, none kept: what they are made of
    (a large run's documents or findings) is read back from disk one at a time."""

    def __init__(self, result: AuditResult, names: Mapping[str, str]) -> None:
        self._result = result
        self._names = names

    def __getitem__(self, index):  # noqa: ANN001 - Sequence's own overloads
        return list(self)[index]


class IndexRows(_RowsAsRendered[IndexRow]):
    """The index's row of each document, in path order."""

    def __len__(self) -> int:
        return len(self._result.documents)

    def __iter__(self) -> Iterator[IndexRow]:
        documents = self._result.documents
        summaries = self._result.summaries()
        name_of = NamesInPathOrder(self._names)
        for index in path_order(documents):  # one document read at a time
            d, summary = documents[index], summaries[index]
            worst = worst_severity(s for s, n in (("error", summary.errors), ("warning", summary.warnings),
                                                  ("info", summary.info)) if n)
            name = name_of(d.document.path)
            yield IndexRow(name=name, href=name, title=visible(d.document.metadata.title or Path(d.document.path).name),
                           path=visible(d.document.path), format=d.document.format, claims=summary.claims,
                           errors=summary.errors, warnings=summary.warnings, info=summary.info,
                           worst=worst, worst_rank=severity_rank(worst))


class CorpusRows(_RowsAsRendered[CorpusRow]):
    """The index's row of each finding across documents, in order."""

    def __len__(self) -> int:
        return len(self._result.corpus_findings)

    def __iter__(self) -> Iterator[CorpusRow]:
        names = self._names
        texts = SourceTexts(self._result)

        def line_of(path: str | None, offset: int) -> str:
            if path is None or not texts.is_document(path):
                return ""
            return f"line {texts.lines(path).line(offset)}"

        for number, f in enumerate(self._result.corpus_findings, 1):
            name = names.get(f.path or "", "")
            at = LinkView(visible(f"{f.path} {line_of(f.path, f.start)}".strip()), f"{name}#x{number}" if name else "")
            related = []
            for rel in f.related:
                rel_path = rel.path or f.path
                rel_name = names.get(rel_path or "", "")
                related.append(RelatedView(rel.label or "related", clip(rel.excerpt),
                                           f"{rel_path} {line_of(rel_path, rel.start)}".strip(),
                                           f"{rel_name}#at-{rel.start}" if rel_name else ""))
            yield CorpusRow(code=f.code, rule=f.rule, severity=f.severity.value, message=f.message,
                            excerpt=clip(f.excerpt, 200), at=at, related=tuple(related))


def build_index_view(result: AuditResult, now: datetime, names: Mapping[str, str]) -> IndexView:
    """The index's view; its rows of documents (``IndexRows``) and of findings across documents
    (``CorpusRows``) are made as they are rendered, and its counts come from the documents'
    totals (a large run keeps them as it goes)."""
    document_totals = result.totals()
    totals: dict[str, int] = {severity: count for severity, count in (
        ("error", document_totals.errors), ("warning", document_totals.warnings), ("info", document_totals.info))
        if count}
    rows = IndexRows(result, names)
    for severity, count in severity_counts(result.corpus_findings).items():
        totals[severity] = totals.get(severity, 0) + count
    sev = totals
    shown, iso = format_time(now)
    return IndexView(generated=shown, generated_iso=iso, version=__version__, documents=rows,
                     counts=tuple(Count(s, s, sev.get(s, 0), s) for s in SEVERITIES),
                     corpus=CorpusRows(result, names),
                     errors=tuple(ErrorRow(visible(e.path), visible(e.message)) for e in result.errors),
                     worst=worst_severity(severity for severity in SEVERITIES if sev.get(severity)))


def corpus_findings_by_path(result: AuditResult) -> dict[str | None, list[int]]:
    """Per document, the corpus findings naming it (as the finding's or a related place's
    document), by their 1-based position in ``result.corpus_findings`` (the ``x<n>`` ids), in
    that order (``numbered`` reads them). Made once for a run's pages: looked up for each page,
    the findings were read again for every document (at 200,000 documents and 1,855 findings,
    some 370 million looks). Positions, not the findings: a large run's are on disk."""
    by_path: dict[str | None, list[int]] = {}
    for number, finding in enumerate(result.corpus_findings, 1):
        for path in dict.fromkeys([finding.path, *((r.path or finding.path) for r in finding.related)]):
            by_path.setdefault(path, []).append(number)
    return by_path


def numbered(result: AuditResult, numbers: Sequence[int]) -> list[tuple[int, Finding]]:
    """The corpus findings at these 1-based positions, each with its position."""
    return [(number, result.corpus_findings[number - 1]) for number in numbers]
