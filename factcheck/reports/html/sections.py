"""The sections of one document's report, each built from the extraction and the ``Places``:
the findings, the annotated text, the tables of references, notes and claims.

The annotated text is a list of paragraphs, each a list of :class:`Run` s. Runs come from one
sweep over the sorted boundaries of every span that marks the text (claims, citations,
reference entries, notes, findings, and the places findings point at): between two consecutive
boundaries the set of covering spans is constant, so each run carries that set as classes,
finding ids and a tooltip. Overlapping spans therefore nest (an inner run carries both) or clip
(a span crossing a paragraph end continues in the next paragraph) without any tree building.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence

from factcheck.extract import Extraction
from factcheck.model import Severity
from factcheck.reports.html.format import author_name, clip, doi_url, finding_tip, safe_url
from factcheck.reports.html.places import Places
from factcheck.claims.model import Evidence
from factcheck.reports.html.records import (
    ClaimView,
    EvidenceView,
    FindingView,
    LinkView,
    NoteBlockView,
    NoteView,
    Paragraph,
    ReferenceView,
    RelatedView,
)
from factcheck.reports.html.runs import (
    CIT,
    CLAIM,
    CONTROL,
    FIND,
    NOTE,
    POINT,
    REF,
    MarkSpan,
    build_runs,
    freeze_run,
    paragraph_bounds,
)
from factcheck.reports.json_report import date_value
from factcheck.reports.visible import visible
from factcheck.results import Finding

# Bidirectional controls (Trojan Source): each one is isolated in its own run and shown.
BIDI_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# --------------------------------------------------------------------------- findings


def related_views(places: Places, finding: Finding, here: str | None) -> tuple[RelatedView, ...]:
    """The places a finding points at: anchors in this text, or links into other reports."""
    out = []
    for rel in finding.related:
        rel_path = rel.path or here
        label = rel.label or "related"
        if rel_path in (None, places.doc.path):
            places.points[rel.start] = None
            out.append(RelatedView(label, clip(rel.excerpt), places.where(rel.start), "#" + places.point(rel.start)))
        else:
            line = places.line_in(rel_path, rel.start)
            name = places.names.get(rel_path, "")
            href = f"{name}#{places.point(rel.start)}" if name else ""
            out.append(RelatedView(label, clip(rel.excerpt), f"{rel_path}{line}", href))
    return tuple(out)


def finding_views(places: Places, findings: Sequence[Finding], docs: dict[str, tuple[str, str]],
                  spans: list[MarkSpan]) -> list[FindingView]:
    """The document's findings, ids ``f1``, ``f2``... in order; their marks go to ``spans``. A
    finding in another file (an entry of the bibliography) is listed with its place there."""
    views = []
    for number, finding in enumerate(findings, 1):
        fid = f"f{number}"
        summary = docs.get(finding.code, (finding.rule, finding.rule))[1]
        elsewhere = finding.path is not None and finding.path != places.doc.path
        views.append(FindingView(
            id=fid, item_id="i" + fid, code=finding.code, rule=finding.rule, summary=summary,
            severity=finding.severity.value, message=finding.message, excerpt=clip(finding.excerpt, 200),
            suggestion=clip(finding.suggestion or "", 200),
            where=f"{finding.path}{places.line_in(finding.path, finding.start)}" if elsewhere
            else places.where(finding.start),
            href="" if elsewhere else "#" + fid, related=related_views(places, finding, None),
            path=finding.path if elsewhere else ""))
        if not elsewhere:
            spans.append(finding_span(finding, fid, len(places.text)))
    return views


def corpus_finding_views(places: Places, corpus_findings: Sequence[tuple[int, Finding]],
                         docs: dict[str, tuple[str, str]], spans: list[MarkSpan]) -> list[FindingView]:
    """The corpus findings that involve the document, ids ``x<n>`` as in the index; those
    placed in this document are marked in its text."""
    views = []
    for number, finding in corpus_findings:
        fid = f"x{number}"
        summary = docs.get(finding.code, (finding.rule, finding.rule))[1]
        if finding.path == places.doc.path:
            spans.append(finding_span(finding, fid, len(places.text)))
            fwhere, href = places.where(finding.start), "#" + fid
        else:
            fwhere = f"{finding.path}{places.line_in(finding.path, finding.start)}"
            report = places.names.get(finding.path or "", "")
            href = f"{report}#{fid}" if report else ""
        views.append(FindingView(
            id=fid, item_id="i" + fid, code=finding.code, rule=finding.rule, summary=summary,
            severity=finding.severity.value, message=finding.message, excerpt=clip(finding.excerpt, 200),
            suggestion=clip(finding.suggestion or "", 200), where=fwhere, href=href,
            related=related_views(places, finding, finding.path), path=finding.path or ""))
    return views


def finding_span(finding: Finding, fid: str, length: int) -> MarkSpan:
    start, end = finding.start, finding.end
    if end <= start:  # an empty span still needs a character to hover and focus
        start, end = (start, start + 1) if start < length else (max(start - 1, 0), max(start, 1))
    return MarkSpan(FIND, start, end, fid, tip=finding_tip(finding), severity=Severity(finding.severity).rank)


# --------------------------------------------------------------------------- the text


def paragraphs(places: Places, ex: Extraction, spans: list[MarkSpan]) -> list[Paragraph]:
    """The annotated text: ``spans`` (the findings' marks) plus entries, notes, citations,
    claims, bidi controls and the anchors of related places, cut into runs per paragraph."""
    text, ids = places.text, places.ids
    for ref in ex.references:
        if ref.id in places.in_text_refs:
            spans.append(MarkSpan(REF, ref.start, ref.end, ids("ref", ref.id), "ref",
                                  backlinks=places.backlinks(ref.id, ids("row", ref.id))))
    for note in ex.notes:
        if 0 <= note.start < note.end <= len(text):
            spans.append(MarkSpan(NOTE, note.start, note.end, ids("note", note.id), "note",
                                  backlinks=places.backlinks(note.id, ids("nrow", note.id))))
    for c in ex.all_citations():
        link = places.link_by_citation.get(c.id)
        href = places.target_href(link.target_id) if link and link.target_id else ""
        classes = "cit" if c.style != "attribution" else ("attr vague" if c.vague else "attr")
        if c.style != "attribution" and not href:
            classes += " unres"
        spans.append(MarkSpan(CIT, c.start, c.end, ids("cit", c.id), classes, href=href))
    for claim in ex.claims:
        spans.append(MarkSpan(CLAIM, claim.start, claim.end, ids("claim", claim.id), "cl s-" + claim.support))
    for m in BIDI_CONTROL.finditer(text):
        spans.append(MarkSpan(CONTROL, m.start(), m.end(), "", "ctl", tip=f"U+{ord(m.group()):04X}"))
    for offset in sorted(places.points):
        spans.append(MarkSpan(POINT, offset, offset, places.point(offset)))

    bounds = paragraph_bounds(text, ex.blocks)
    out = []
    for number, ((start, _end, kind), para_runs) in enumerate(zip(bounds, build_runs(text, bounds, spans)), 1):
        line = places.lines.line(start)
        pg = places.page(start)
        out.append(Paragraph(id=f"p{number}", kind=kind, line=line, loc=f"p. {pg} · {line}" if pg else str(line),
                             runs=tuple(freeze_run(r) for r in para_runs)))
    return out


# --------------------------------------------------------------------------- tables


class FindingsWithin:
    """The findings inside a span of the document (or, with ``path``, of its bibliography file), as
    links to their list items (for the tables' rows). ``findings`` are sorted by place."""

    def __init__(self, findings: Sequence[Finding], views: Sequence[FindingView]) -> None:
        self.by_path: dict[str, list[tuple[Finding, FindingView]]] = defaultdict(list)
        for finding, view in zip(findings, views):
            self.by_path[view.path].append((finding, view))
        self.starts = {path: [f.start for f, _ in pairs] for path, pairs in self.by_path.items()}

    def __call__(self, start: int, end: int, path: str | None = None) -> tuple[LinkView, ...]:
        pairs, out = self.by_path.get(path or "", []), []
        for i in range(bisect_left(self.starts.get(path or "", []), start), len(pairs)):
            raw, view = pairs[i]
            if raw.start >= end:
                break
            if raw.end <= end:
                out.append(LinkView(raw.code, "#" + view.id, raw.message))
        return tuple(out)


def _sources(ex: Extraction) -> dict[str, tuple[str, str]]:
    """With --sources: the source file found for each entry or note, and how."""
    return {m.work_id: (m.path, m.how) for m in ex.sources or ()}


def reference_views(places: Places, ex: Extraction, within: FindingsWithin) -> list[ReferenceView]:
    out = []
    sources = _sources(ex)
    for ref in ex.references:
        anchor = places.ids("ref", ref.id) if ref.id in places.in_text_refs else ""
        row = places.ids("row", ref.id)
        cites = places.cited_by.get(ref.id, [])
        out.append(ReferenceView(
            id=ref.id, anchor=anchor, href="#" + (anchor or row), row_id=row, label=ref.label or "",
            text=clip(ref.text, 400), authors="; ".join(author_name(a) for a in ref.authors), year=ref.year or "",
            title=ref.title or "", container=ref.container or "", url=ref.url or "", url_href=safe_url(ref.url),
            doi=ref.doi or "", doi_href=doi_url(ref.doi), cited_by=places.citation_links(cites),
            status="cited" if cites else "uncited", where=places.where(ref.start) if anchor else "bibliography",
            problems="; ".join(ref.problems),
            findings=within(ref.start, ref.end, None if anchor else places.entry_path(ref)),
            source=visible(sources.get(ref.id, ("", ""))[0]), source_how=sources.get(ref.id, ("", ""))[1]))
    return out


def note_block_views(places: Places, ex: Extraction, within: FindingsWithin) -> list[NoteBlockView]:
    ids, lines = places.ids, places.lines
    notes_by_block: dict[int, list] = defaultdict(list)
    for note in ex.notes:
        notes_by_block[note.block].append(note)
    block_by_index = {nb.index: nb for nb in ex.note_blocks}
    sources = _sources(ex)
    out = []
    for index in sorted(notes_by_block):
        nb = block_by_index.get(index)
        span = f"lines {lines.line(nb.body_start)}–{lines.line(max(nb.notes_end - 1, nb.body_start))}" if nb else ""
        views = []
        for note in notes_by_block[index]:
            cites = places.cited_by.get(note.id, [])
            resolves = None
            if note.resolves_to and note.resolves_to in places.note_ids:
                resolves = LinkView(note.resolves_to, "#" + ids("note", note.resolves_to))
            views.append(NoteView(
                id=note.id, anchor=ids("note", note.id), row_id=ids("nrow", note.id), number=note.number,
                text=clip(note.text, 300), cited_by=places.citation_links(cites),
                status="cited" if cites else "uncited", short_form=note.short_form or "", resolves_to=resolves,
                where=places.where(note.start), findings=within(note.start, note.end),
                source=visible(sources.get(note.id, ("", ""))[0]), source_how=sources.get(note.id, ("", ""))[1]))
        out.append(NoteBlockView(index=index, lines=span, notes=tuple(views)))
    return out


def claim_views(places: Places, ex: Extraction, within: FindingsWithin) -> list[ClaimView]:
    return [ClaimView(
        id=claim.id, href="#" + places.ids("claim", claim.id), line=places.lines.line(claim.start),
        where=places.where(claim.start), kind=claim.kind, checkworthiness=f"{claim.checkworthiness:.2f}",
        support=claim.support, dates=", ".join(date_value(d) for d in claim.dates),
        numbers=", ".join(n.normalized for n in claim.numbers), citations=places.citation_links(claim.citation_ids),
        text=clip(claim.text, 220), findings=within(claim.start, claim.end),
        evidence=tuple(evidence_view(e) for e in claim.evidence)) for claim in ex.claims]


_WHITESPACE = re.compile(r"\s+")
_CONTEXT = 160  # characters of a source passage shown on each side of the words found


def evidence_view(evidence: Evidence) -> EvidenceView:
    """The passage of a cited work that holds a claim's quotation or figure, cut around the match."""
    offset = evidence.match_start - evidence.start
    length = evidence.match_end - evidence.match_start
    before = _WHITESPACE.sub(" ", evidence.passage[:offset])
    after = _WHITESPACE.sub(" ", evidence.passage[offset + length:])
    before = ("…" + before[-_CONTEXT:].lstrip()) if len(before) > _CONTEXT else before
    after = (after[:_CONTEXT].rstrip() + "…") if len(after) > _CONTEXT else after
    where = f"{evidence.path}, p. {evidence.page}" if evidence.page else evidence.path
    return EvidenceView(kind=evidence.kind, claimed=evidence.claimed, where=visible(where),
                        before=visible(before), found=visible(_WHITESPACE.sub(" ", evidence.found)), after=visible(after))
