"""The JSON document of the contract: documents with claims, citations, references, findings."""

from __future__ import annotations

import json
from typing import Any

from factcheck import __version__
from factcheck.citations.resolve import cited_by
from factcheck.claims.model import Claim
from factcheck.reports import RenderOptions
from factcheck.results import AuditResult, DocumentResult, Finding
from factcheck.spans import LineIndex
from factcheck.text.model import DateMention


def date_value(date: DateMention) -> str:
    return f"{date.iso}/{date.range_end}" if date.range_end else date.iso


def claim_record(claim: Claim, lines: LineIndex) -> dict[str, Any]:
    return {
        "id": claim.id, "kind": claim.kind, "text": claim.text, "start": claim.start, "end": claim.end,
        "line": lines.line(claim.start), "citations": list(claim.citation_ids), "support": claim.support,
        "checkworthiness": round(claim.checkworthiness, 2), "dates": [date_value(d) for d in claim.dates],
        "numbers": [n.normalized for n in claim.numbers], "quotes": [q.text for q in claim.quotes],
        "speaker": claim.speaker,
    }


def finding_record(finding: Finding, lines: LineIndex, path: str | None = None,
                   other_lines: dict[str, LineIndex] | None = None) -> dict[str, Any]:
    elsewhere = finding.line is not None  # in the document's bibliography file
    record: dict[str, Any] = {
        "code": finding.code, "rule": finding.rule, "severity": finding.severity.value, "message": finding.message,
        "start": finding.start, "end": finding.end,
        "line": finding.line if elsewhere else lines.line(finding.start),
        "column": finding.column if elsewhere else lines.column(finding.start),
        "excerpt": finding.excerpt, "suggestion": finding.suggestion, "related": [],
    }
    if path is not None or elsewhere:
        record = {"path": finding.path if elsewhere else path, **record}
    for rel in finding.related:
        rel_lines = (other_lines or {}).get(rel.path or "", lines) if rel.path else lines
        if rel.path and rel.path not in (other_lines or {}) and rel.path != path:
            rel_lines = None  # a place in the bibliography file: its line is not known here
        record["related"].append({"path": rel.path or path, "start": rel.start, "end": rel.end,
                                  "line": rel_lines.line(rel.start) if rel_lines else None, "excerpt": rel.excerpt,
                                  "label": rel.label})
    return record


def document_record(result: DocumentResult) -> dict[str, Any]:
    doc, ex = result.document, result.extraction
    lines = LineIndex(doc.text)
    links = {link.citation_id: link for link in ex.links}
    targets = cited_by(ex.links, notes=ex.notes)
    citations = []
    for c in ex.all_citations():
        link = links.get(c.id)
        record = {"id": c.id, "style": c.style, "text": c.text, "start": c.start, "end": c.end,
                  "line": lines.line(c.start), "authors": list(c.authors), "year": c.year,
                  "reference": link.target_id if link else None, "score": link.score if link else None,
                  "match": link.how if link else None}
        for key in ("kind", "number", "block", "locator", "key", "source", "title"):
            value = getattr(c, key)
            if value is not None:
                record[key] = value
        if c.style == "attribution":
            record["vague"] = c.vague
        citations.append(record)
    references = [{"id": r.id, "text": r.text, "start": r.start, "end": r.end, "line": lines.line(r.start),
                   "authors": [a.surname for a in r.authors], "year": r.year, "date": r.date, "title": r.title,
                   "container": r.container, "url": r.url, "doi": r.doi, "cited_by": targets.get(r.id, [])}
                  for r in ex.references]
    notes = [{"id": n.id, "block": n.block, "number": n.number, "text": n.text, "start": n.start, "end": n.end,
              "line": lines.line(n.start), "cited_by": targets.get(n.id, []), "short_form": n.short_form,
              "resolves_to": n.resolves_to,
              "works": [{"text": w.text, "start": w.start, "end": w.end, "form": w.form, "reference": w.reference_id}
                        for w in n.works]} for n in ex.notes]
    return {
        "path": doc.path, "format": doc.format, "title": doc.metadata.title, "published": doc.metadata.published,
        "citation_style": ex.citation_style,
        "claims": [claim_record(c, lines) for c in ex.claims], "citations": citations, "references": references,
        "notes": notes, "findings": [finding_record(f, lines) for f in result.findings],
    }


def summary(result: AuditResult) -> dict[str, int]:
    counts = {"documents": len(result.documents), "claims": 0, "errors": 0, "warnings": 0, "info": 0,
              "unreadable": len(result.errors), "suppressed": result.suppressed}
    key = {"error": "errors", "warning": "warnings", "info": "info"}
    for doc in result.documents:
        counts["claims"] += len(doc.extraction.claims)
        for finding in doc.findings:
            counts[key[finding.severity.value]] += 1
    for finding in result.corpus_findings:
        counts[key[finding.severity.value]] += 1
    return counts


def render_json(result: AuditResult) -> str:
    line_indexes = {d.document.path: LineIndex(d.document.text) for d in result.documents}
    payload = {
        "tool": {"name": "factcheck", "version": __version__},
        "documents": [document_record(d) for d in result.documents],
        "corpus_findings": [finding_record(f, line_indexes.get(f.path or "", LineIndex("")), f.path, line_indexes)
                            for f in result.corpus_findings],
        "errors": [{"path": e.path, "message": e.message} for e in result.errors],
        "unused_suppressions": [u.record() for u in result.unused_suppressions],
        "summary": summary(result),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def report(result: AuditResult, options: RenderOptions) -> str:
    """The ``json`` format (see ``factcheck.reports.REPORTERS``)."""
    return render_json(result)
