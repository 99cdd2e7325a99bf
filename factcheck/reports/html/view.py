"""The view model of the HTML reports: everything the templates show, computed here.

The records are in ``records.py``, the runs of annotated text in ``runs.py``; this module builds
a document's view and the index's from an audit result.

coverage.py's habit: build plain records first (runs of text with their classes and ids, counts,
line and page numbers, links), then let a template loop over them. The template never
computes, and it never sees HTML built in Python: every string here is plain text that Jinja
escapes.

The annotated text is a list of paragraphs, each a list of :class:`Run` s. Runs come from one
sweep over the sorted boundaries of every span that marks the text (claims, citations,
reference entries, notes, findings, and the places findings point at): between two consecutive
boundaries the set of covering spans is constant, so each run carries that set as classes,
finding ids and a tooltip. Overlapping spans therefore nest (an inner run carries both) or clip
(a span crossing a paragraph end continues in the next paragraph) without any tree building.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path

from factcheck import __version__
from factcheck.documents.model import Document
from factcheck.model import Severity
from factcheck.pipeline import AuditResult, DocumentResult
from factcheck.reports.html.records import (INDEX_NAME, LIST_LIMIT, ClaimView, CorpusRow, Count, DocumentView,
                                            ErrorRow, FindingView, IndexRow, IndexView, LinkView, NoteBlockView,
                                            NoteView, Paragraph, ReferenceView, RelatedView, Run)
from factcheck.reports.html.runs import (CIT, CLAIM, CONTROL, FIND, NOTE, POINT, REF, MarkSpan, build_runs, freeze_run,
                                         paragraph_bounds)
from factcheck.reports.json_report import date_value
from factcheck.reports.names import unique_names
from factcheck.rules.model import Finding
from factcheck.spans import LineIndex

SEVERITIES = ("error", "warning", "info")
SUPPORTS = ("cited", "attributed", "inherited", "unsourced")
# Above this much text, or this many findings, paragraphs and tables are laid out only when
# scrolled near (CSS content-visibility). Below it everything is laid out, so that the whole
# text is in innerText, selectable and copyable at once.
LARGE_TEXT = 150_000
LARGE_FINDINGS = 1_000
# At most this many ↩ links follow a reference entry or note in the text; the table has them all.
BACKLINKS = 9

# Bidirectional controls (Trojan Source): each one is isolated in its own run and shown.
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SPACES = re.compile(r"\s+")


# --------------------------------------------------------------------------- helpers


def clip(text: str, limit: int = 160) -> str:
    """One line of at most ``limit`` characters (whitespace collapsed)."""
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_id(raw: str) -> str:
    return _ID_UNSAFE.sub("-", raw)


def safe_url(url: str | None) -> str:
    """The URL as a link target, only for well-formed http(s) URLs; otherwise no link."""
    if not url:
        return ""
    url = url.strip()
    if re.match(r"https?://[^\s\"'<>\\]+$", url, re.IGNORECASE):
        return url
    return ""


def doi_url(doi: str | None) -> str:
    if not doi:
        return ""
    doi = doi.strip()
    if re.match(r"10\.\d{4,9}/[^\s\"'<>\\]+$", doi):
        return "https://doi.org/" + doi
    return ""


def format_time(now: datetime) -> tuple[str, str]:
    iso = now.isoformat(timespec="seconds")
    shown = now.strftime("%Y-%m-%d %H:%M")
    if now.utcoffset() is not None:
        shown += " UTC" if not now.utcoffset() else now.strftime(" %z")
    return shown, iso


def worst_severity(severities: Iterable[str]) -> str:
    present = set(severities)
    return next((s for s in SEVERITIES if s in present), "")


def severity_counts(findings: Iterable[Finding]) -> Counter:
    return Counter(f.severity.value for f in findings)


def rule_docs() -> dict[str, tuple[str, str]]:
    """code -> (name, one-line summary) from the registry (the report's help text)."""
    from factcheck.rules.registry import all_rules

    return {spec.code: (spec.name, spec.summary) for spec in all_rules()}


def report_names(result: AuditResult) -> dict[str, str]:
    """Document path -> report file name: ``<stem>.html``, unique, stable, never ``index.html``
    (see ``factcheck.reports.names``); the stem is cut to characters safe in a URL."""
    return unique_names((d.document for d in result.documents), ".html", reserved=(INDEX_NAME,),
                        stem=lambda path: _NAME_UNSAFE.sub("_", Path(path).stem).strip("._") or "document")


def shown_status(shown: int, matching: int, total: int) -> str:
    """The findings list's status line; report.js writes the same sentence after each filter."""
    if matching == total:
        return f"{total} of {total} findings shown" if shown == total else f"first {shown} of {total} findings shown"
    if shown == matching:
        return f"{matching} of {total} findings shown"
    return f"first {shown} of {matching} matching findings shown ({total} in all)"


def _where(line: int, page: int | None) -> str:
    return f"line {line} · p. {page}" if page else f"line {line}"


def _tip(finding: Finding) -> str:
    parts = [f"{finding.severity.value.upper()} · {finding.code} {finding.rule}", clip(finding.message, 300)]
    if finding.suggestion:
        parts.append("Suggestion: " + clip(finding.suggestion, 200))
    return "\n".join(parts)


# --------------------------------------------------------------------------- document


class _Ids:
    """Safe, unique element ids for the extraction's own ids."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.made: dict[tuple[str, str], str] = {}

    def __call__(self, prefix: str, raw: str) -> str:
        key = (prefix, raw)
        if key not in self.made:
            base = f"{prefix}-{safe_id(raw)}"
            made, n = base, 2
            while made in self.taken:
                made, n = f"{base}-{n}", n + 1
            self.taken.add(made)
            self.made[key] = made
        return self.made[key]


def build_document_view(result: DocumentResult, now: datetime, names: Mapping[str, str] | None = None,
                        corpus_findings: Sequence[tuple[int, Finding]] = (),
                        others: Mapping[str, Document] | None = None) -> DocumentView:
    """The view of one document's report.

    ``names`` maps document paths to report file names (links between reports);
    ``corpus_findings`` are the corpus findings that involve this document, each with its
    1-based position in ``AuditResult.corpus_findings`` (see ``corpus_findings_for``);
    ``others`` gives the other documents, for line numbers of related places in them.
    """
    doc, ex = result.document, result.extraction
    text = doc.text
    lines = LineIndex(text)
    names = names or {}
    others = others or {}
    paged = doc.format == "pdf" and any(s.page for s in doc.segments)
    docs = rule_docs()
    ids = _Ids()

    seg_starts = [s.start for s in doc.segments]

    def page(offset: int) -> int | None:
        if not paged:
            return None
        found = doc.page_of(offset)
        if found is None:  # between segments (a synthesized newline): the page of the text before
            i = bisect_right(seg_starts, offset) - 1
            found = doc.segments[i].page if i >= 0 else doc.segments[0].page
        return found

    def where(offset: int) -> str:
        return _where(lines.line(offset), page(offset))

    def point(offset: int) -> str:
        return f"at-{offset}"

    # -- links and what cites what
    link_by_citation = {link.citation_id: link for link in ex.links}
    ref_ids = {r.id for r in ex.references}
    note_ids = {n.id for n in ex.notes}
    in_text_refs = {r.id for r in ex.references if r.origin == "text" and 0 <= r.start < r.end <= len(text)}
    cited_by: dict[str, list[str]] = defaultdict(list)
    for link in ex.links:
        targets = link.candidates if link.how == "ambiguous" and link.candidates else (
            (link.target_id,) if link.target_id else ())
        for target in targets:
            cited_by[target].append(link.citation_id)
    citation_by_id = {c.id: c for c in ex.citations}

    def target_href(target: str) -> str:
        if target in note_ids:
            return "#" + ids("note", target)
        if target in in_text_refs:
            return "#" + ids("ref", target)
        if target in ref_ids:
            return "#" + ids("row", target)
        return ""

    def citation_links(citation_ids: Iterable[str]) -> tuple[LinkView, ...]:
        out = []
        for cid in citation_ids:
            c = citation_by_id.get(cid)
            if c is not None:
                out.append(LinkView(clip(c.text, 60), "#" + ids("cit", cid), where(c.start)))
        return tuple(out)

    def backlinks(target: str, table_row: str) -> tuple[LinkView, ...]:
        """↩ links to the citations of an entry or note; past BACKLINKS, one link to its table row."""
        cites = [citation_by_id[c] for c in cited_by.get(target, ()) if c in citation_by_id]
        out = [LinkView("↩" if len(cites) == 1 else f"↩{n}", "#" + ids("cit", c.id),
                        f"back to “{clip(c.text, 60)}”, {where(c.start)}")
               for n, c in enumerate(cites[:BACKLINKS], 1)]
        if len(cites) > BACKLINKS:
            out.append(LinkView(f"+{len(cites) - BACKLINKS}", "#" + table_row,
                                f"all {len(cites)} citations of it, in the table"))
        return tuple(out)

    # -- findings
    findings = sorted(result.findings, key=lambda f: (f.start, f.end, f.code, f.message))
    finding_views: list[FindingView] = []
    spans: list[MarkSpan] = []
    points: dict[int, None] = {}

    other_lines: dict[str, LineIndex] = {}

    def line_in(path: str | None, offset: int) -> str:
        other = others.get(path or "")
        if other is None:
            return ""
        if other.path not in other_lines:
            other_lines[other.path] = LineIndex(other.text)
        return f" line {other_lines[other.path].line(offset)}"

    def related_views(finding: Finding, here: str | None) -> tuple[RelatedView, ...]:
        out = []
        for rel in finding.related:
            rel_path = rel.path or here
            label = rel.label or "related"
            if rel_path in (None, doc.path):
                points[rel.start] = None
                out.append(RelatedView(label, clip(rel.excerpt), where(rel.start), "#" + point(rel.start)))
            else:
                line = line_in(rel_path, rel.start)
                name = names.get(rel_path, "")
                href = f"{name}#{point(rel.start)}" if name else ""
                out.append(RelatedView(label, clip(rel.excerpt), f"{rel_path}{line}", href))
        return tuple(out)

    for number, finding in enumerate(findings, 1):
        fid = f"f{number}"
        summary = docs.get(finding.code, (finding.rule, finding.rule))[1]
        view = FindingView(id=fid, item_id="i" + fid, code=finding.code, rule=finding.rule, summary=summary,
                           severity=finding.severity.value, message=finding.message, excerpt=clip(finding.excerpt, 200),
                           suggestion=clip(finding.suggestion or "", 200), where=where(finding.start),
                           href="#" + fid, related=related_views(finding, None))
        finding_views.append(view)
        spans.append(_finding_span(finding, fid, len(text)))

    corpus_views: list[FindingView] = []
    for number, finding in corpus_findings:
        fid = f"x{number}"
        summary = docs.get(finding.code, (finding.rule, finding.rule))[1]
        mine = finding.path == doc.path
        if mine:
            spans.append(_finding_span(finding, fid, len(text)))
            fwhere, href = where(finding.start), "#" + fid
        else:
            fwhere = f"{finding.path}{line_in(finding.path, finding.start)}"
            report = names.get(finding.path or "", "")
            href = f"{report}#{fid}" if report else ""
        corpus_views.append(FindingView(
            id=fid, item_id="i" + fid, code=finding.code, rule=finding.rule, summary=summary,
            severity=finding.severity.value, message=finding.message, excerpt=clip(finding.excerpt, 200),
            suggestion=clip(finding.suggestion or "", 200), where=fwhere, href=href,
            related=related_views(finding, finding.path), path=finding.path or ""))

    # -- claims, citations, entries, notes as spans
    for ref in ex.references:
        if ref.id in in_text_refs:
            spans.append(MarkSpan(REF, ref.start, ref.end, ids("ref", ref.id), "ref",
                               backlinks=backlinks(ref.id, ids("row", ref.id))))
    for note in ex.notes:
        if 0 <= note.start < note.end <= len(text):
            spans.append(MarkSpan(NOTE, note.start, note.end, ids("note", note.id), "note",
                               backlinks=backlinks(note.id, ids("nrow", note.id))))
    for c in ex.citations:
        link = link_by_citation.get(c.id)
        href = target_href(link.target_id) if link and link.target_id else ""
        classes = "cit" if c.style != "attribution" else ("attr vague" if c.vague else "attr")
        if c.style != "attribution" and not href:
            classes += " unres"
        spans.append(MarkSpan(CIT, c.start, c.end, ids("cit", c.id), classes, href=href))
    for claim in ex.claims:
        spans.append(MarkSpan(CLAIM, claim.start, claim.end, ids("claim", claim.id), "cl s-" + claim.support))
    for m in _BIDI.finditer(text):
        spans.append(MarkSpan(CONTROL, m.start(), m.end(), "", "ctl", tip=f"U+{ord(m.group()):04X}"))
    for offset in sorted(points):
        spans.append(MarkSpan(POINT, offset, offset, point(offset)))

    bounds = paragraph_bounds(text, ex.blocks)
    runs = build_runs(text, bounds, spans)
    paragraphs = []
    for number, ((start, _end, kind), para_runs) in enumerate(zip(bounds, runs), 1):
        line = lines.line(start)
        pg = page(start)
        paragraphs.append(Paragraph(id=f"p{number}", kind=kind, line=line,
                                    loc=f"p. {pg} · {line}" if pg else str(line),
                                    runs=tuple(freeze_run(r) for r in para_runs)))

    # -- tables
    finding_starts = [f.start for f in findings]

    def findings_within(start: int, end: int) -> tuple[LinkView, ...]:
        out = []
        for i in range(bisect_left(finding_starts, start), len(findings)):
            raw = findings[i]
            if raw.start >= end:
                break
            if raw.end <= end:
                out.append(LinkView(raw.code, "#" + finding_views[i].id, raw.message))
        return tuple(out)

    references = []
    for ref in ex.references:
        anchor = ids("ref", ref.id) if ref.id in in_text_refs else ""
        row = ids("row", ref.id)
        cites = cited_by.get(ref.id, [])
        references.append(ReferenceView(
            id=ref.id, anchor=anchor, href="#" + (anchor or row), row_id=row, label=ref.label or "",
            text=clip(ref.text, 400), authors="; ".join(_author(a) for a in ref.authors), year=ref.year or "",
            title=ref.title or "", container=ref.container or "", url=ref.url or "", url_href=safe_url(ref.url),
            doi=ref.doi or "", doi_href=doi_url(ref.doi), cited_by=citation_links(cites),
            status="cited" if cites else "uncited", where=where(ref.start) if anchor else "bibliography",
            problems="; ".join(ref.problems), findings=findings_within(ref.start, ref.end) if anchor else ()))

    note_blocks = []
    notes_by_block: dict[int, list] = defaultdict(list)
    for note in ex.notes:
        notes_by_block[note.block].append(note)
    block_by_index = {nb.index: nb for nb in ex.note_blocks}
    for index in sorted(notes_by_block):
        nb = block_by_index.get(index)
        span = f"lines {lines.line(nb.body_start)}–{lines.line(max(nb.notes_end - 1, nb.body_start))}" if nb else ""
        views = []
        for note in notes_by_block[index]:
            cites = cited_by.get(note.id, [])
            resolves = None
            if note.resolves_to and note.resolves_to in note_ids:
                resolves = LinkView(note.resolves_to, "#" + ids("note", note.resolves_to))
            views.append(NoteView(
                id=note.id, anchor=ids("note", note.id), row_id=ids("nrow", note.id), number=note.number, text=clip(note.text, 300),
                cited_by=citation_links(cites), status="cited" if cites else "uncited",
                short_form=note.short_form or "", resolves_to=resolves, where=where(note.start),
                findings=findings_within(note.start, note.end)))
        note_blocks.append(NoteBlockView(index=index, lines=span, notes=tuple(views)))

    claims = []
    for claim in ex.claims:
        claims.append(ClaimView(
            id=claim.id, href="#" + ids("claim", claim.id), line=lines.line(claim.start), where=where(claim.start),
            kind=claim.kind, checkworthiness=f"{claim.checkworthiness:.2f}", support=claim.support,
            dates=", ".join(date_value(d) for d in claim.dates),
            numbers=", ".join(n.normalized for n in claim.numbers),
            citations=citation_links(claim.citation_ids), text=clip(claim.text, 220),
            findings=findings_within(claim.start, claim.end)))

    # -- counts
    sev = severity_counts(result.findings)
    counts = tuple(Count(s, s, sev.get(s, 0), s) for s in SEVERITIES)
    by_rule: Counter = Counter(f.code for f in result.findings)
    rule_sev = {f.code: f.severity.value for f in result.findings}
    rules = tuple(Count(code, docs.get(code, (code, ""))[0], n, rule_sev[code], docs.get(code, ("", ""))[1])
                  for code, n in sorted(by_rule.items()))
    support = Counter(c.support for c in ex.claims)
    supports = tuple(Count(s, s, support.get(s, 0)) for s in SUPPORTS)
    shown, iso = format_time(now)
    meta = doc.metadata
    return DocumentView(
        name=names.get(doc.path, ""), title=meta.title or Path(doc.path).name, path=doc.path, format=doc.format,
        published=meta.published or "", authors=", ".join(meta.authors), generated=shown, generated_iso=iso,
        version=__version__, counts=counts, rules=rules, supports=supports,
        worst=worst_severity(f.severity.value for f in result.findings), paragraphs=tuple(paragraphs),
        findings=tuple(finding_views[:LIST_LIMIT]), more_findings=tuple(finding_views[LIST_LIMIT:]),
        corpus_findings=tuple(corpus_views), references=tuple(references),
        note_blocks=tuple(note_blocks), claims=tuple(claims[:LIST_LIMIT]),
        more_claims=tuple(claims[LIST_LIMIT:]), claim_count=len(claims), paged=paged, note_count=len(ex.notes),
        finding_count=len(finding_views), large=len(text) > LARGE_TEXT or len(findings) > LARGE_FINDINGS,
        shown_text=shown_status(min(len(findings), LIST_LIMIT), len(findings), len(findings)))


def _finding_span(finding: Finding, fid: str, length: int) -> MarkSpan:
    start, end = finding.start, finding.end
    if end <= start:  # an empty span still needs a character to hover and focus
        start, end = (start, start + 1) if start < length else (max(start - 1, 0), max(start, 1))
    return MarkSpan(FIND, start, end, fid, tip=_tip(finding), severity=Severity(finding.severity).rank)


def _author(author) -> str:
    if author.corporate or not (author.given or author.initials):
        return author.surname
    return f"{author.surname}, {author.given or author.initials}"


# --------------------------------------------------------------------------- index


def build_index_view(result: AuditResult, now: datetime, names: Mapping[str, str]) -> IndexView:
    rows = []
    for d in sorted(result.documents, key=lambda d: d.document.path):
        sev = severity_counts(d.findings)
        rows.append(IndexRow(name=names[d.document.path], href=names[d.document.path],
                             title=d.document.metadata.title or Path(d.document.path).name, path=d.document.path,
                             format=d.document.format, claims=len(d.extraction.claims), errors=sev.get("error", 0),
                             warnings=sev.get("warning", 0), info=sev.get("info", 0),
                             worst=worst_severity(f.severity.value for f in d.findings),
                             worst_rank=_rank(worst_severity(f.severity.value for f in d.findings))))
    texts = {d.document.path: d.document.text for d in result.documents}
    line_indexes: dict[str, LineIndex] = {}

    def line_of(path: str | None, offset: int) -> str:
        if path not in texts:
            return ""
        if path not in line_indexes:
            line_indexes[path] = LineIndex(texts[path])
        return f"line {line_indexes[path].line(offset)}"

    corpus = []
    for number, f in enumerate(result.corpus_findings, 1):
        name = names.get(f.path or "", "")
        at = LinkView(f"{f.path} {line_of(f.path, f.start)}".strip(), f"{name}#x{number}" if name else "")
        related = []
        for rel in f.related:
            rel_path = rel.path or f.path
            rel_name = names.get(rel_path or "", "")
            related.append(RelatedView(rel.label or "related", clip(rel.excerpt),
                                       f"{rel_path} {line_of(rel_path, rel.start)}".strip(),
                                       f"{rel_name}#at-{rel.start}" if rel_name else ""))
        corpus.append(CorpusRow(code=f.code, rule=f.rule, severity=f.severity.value, message=f.message,
                                excerpt=clip(f.excerpt, 200), at=at, related=tuple(related)))
    everything = [f for d in result.documents for f in d.findings] + list(result.corpus_findings)
    sev = severity_counts(everything)
    shown, iso = format_time(now)
    return IndexView(generated=shown, generated_iso=iso, version=__version__, documents=tuple(rows),
                     counts=tuple(Count(s, s, sev.get(s, 0), s) for s in SEVERITIES), corpus=tuple(corpus),
                     errors=tuple(ErrorRow(e.path, e.message) for e in result.errors),
                     worst=worst_severity(f.severity.value for f in everything))


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def corpus_findings_for(result: AuditResult, path: str) -> list[tuple[int, Finding]]:
    """The corpus findings naming ``path`` (as the finding's or a related place's document),
    each with its 1-based position in ``result.corpus_findings`` (the ``x<n>`` ids)."""
    return [(n, f) for n, f in enumerate(result.corpus_findings, 1)
            if f.path == path or any((r.path or f.path) == path for r in f.related)]
