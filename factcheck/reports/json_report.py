"""The JSON document of the contract: documents with claims, citations, references, findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from factcheck import __version__
from factcheck.citations.resolve import cited_by
from factcheck.claims.model import Claim, Evidence
from factcheck.reports import RenderOptions
from factcheck.reports.json_stream import Encoded, Streamed, encoder, write_object
from factcheck.reports.prepared import own_places_only, records_of
from factcheck.reports.texts import SourceTexts
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
        "quote_kinds": [q.kind for q in claim.quotes], "speaker": claim.speaker,
        "attribution": claim.attribution, "vague": claim.vague,
        "evidence": [evidence_record(e) for e in claim.evidence],
    }


def evidence_record(evidence: Evidence) -> dict[str, Any]:
    """Where a claim's quotation or figure is in a cited work (``--sources``): offsets into the
    source's extracted text, its page, the passage and the words or value found there."""
    return {"kind": evidence.kind, "claimed": evidence.claimed, "source": evidence.path, "work": evidence.work,
            "page": evidence.page, "start": evidence.start, "end": evidence.end, "passage": evidence.passage,
            "match_start": evidence.match_start, "match_end": evidence.match_end, "found": evidence.found}


def finding_record(finding: Finding, texts: SourceTexts, document_path: str | None = None) -> dict[str, Any]:
    """A finding as the JSON lists it. ``path`` is shown for a corpus finding (no
    ``document_path``) and for a document's finding that points into another file (its .bib)."""
    path = texts.path_of(finding, document_path or "")
    lines = texts.lines(path)
    record: dict[str, Any] = {
        "code": finding.code, "rule": finding.rule, "severity": finding.severity.value, "message": finding.message,
        "start": finding.start, "end": finding.end, "line": lines.line(finding.start),
        "column": lines.column(finding.start), "excerpt": finding.excerpt, "suggestion": finding.suggestion,
        "related": [],
    }
    elsewhere = document_path is not None and path != document_path
    if document_path is None or elsewhere:
        record = {"path": path, **record}
    for rel in finding.related:
        rel_path = rel.path or document_path or path  # the file the offsets are in
        # A document's own related places keep path null, unless the finding is in another file.
        shown = rel.path or (rel_path if document_path is None or elsewhere else None)
        record["related"].append({"path": shown, "start": rel.start, "end": rel.end,
                                  "line": texts.lines(rel_path).line(rel.start), "excerpt": rel.excerpt,
                                  "label": rel.label})
    return record


def note_as_reference(note: dict[str, Any]) -> dict[str, Any]:
    """A note in the shape of a reference entry (its own fields are in ``notes``)."""
    return {"id": note["id"], "kind": "note", "text": note["text"], "start": note["start"], "end": note["end"],
            "line": note["line"], "authors": [], "year": None, "date": None, "title": None, "container": None,
            "url": None, "doi": None, "cited_by": note["cited_by"]}


def document_record(result: DocumentResult, texts: SourceTexts) -> dict[str, Any]:
    doc, ex = result.document, result.extraction
    lines = texts.lines(doc.path)
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
    references = [{"id": r.id, "kind": "entry", "text": r.text, "start": r.start, "end": r.end,
                   "line": lines.line(r.start), "authors": [a.surname for a in r.authors], "year": r.year,
                   "date": r.date, "title": r.title, "container": r.container, "url": r.url, "doi": r.doi,
                   "cited_by": targets.get(r.id, [])}
                  for r in ex.references]
    notes = [{"id": n.id, "block": n.block, "number": n.number, "text": n.text, "start": n.start, "end": n.end,
              "line": lines.line(n.start), "cited_by": targets.get(n.id, []), "short_form": n.short_form,
              "resolves_to": n.resolves_to,
              "works": [{"text": w.text, "start": w.start, "end": w.end, "form": w.form, "reference": w.reference_id}
                        for w in n.works]} for n in ex.notes]
    # A marker's `reference` is a note's id: the note is what it cites (Wikipedia's numbered
    # "References" are notes, each its own source), so every note is listed among the references
    # too, as a `kind: "note"` entry, and every citation's `reference` names a record there.
    references += [note_as_reference(note) for note in notes]
    if ex.sources is not None:  # --sources: the file found for each entry and note, or none
        found = {m.work_id: m for m in ex.sources}
        for record in (*references, *notes):
            match = found.get(record["id"])
            record["source"] = match.path if match else None
            record["source_match"] = match.how if match else None
    return {
        "path": doc.path, "format": doc.format, "title": doc.metadata.title, "published": doc.metadata.published,
        "genre": ex.genre, "genre_source": ex.genre_reading.source, "genre_signals": list(ex.genre_reading.signals),
        "language": ex.language, "citation_style": ex.citation_style,
        "claims": [claim_record(c, lines) for c in ex.claims], "citations": citations, "references": references,
        "notes": notes, "findings": [finding_record(f, texts, doc.path) for f in result.findings],
    }


@dataclass(frozen=True)
class DocumentJSON:
    """A document's record of the JSON report (``indent`` as the report's), made from its result
    where the document is audited: ``factcheck.audit(..., prepare=DocumentJSON(indent))``. A large
    run's workers then make the records side by side while they audit, and the report copies
    them, instead of the process that writes it reading each result back to make its record
    alone after the audit (7.8 s of 10,000 generated reports, one core working, the other idle).

    None, leaving the record to the report, for a document with a finding or a related place in
    another file (the run's ``--bib``, the document's own bibliography, a cited work of
    ``--sources``): the report reads that file's text from the run, not from the document."""

    indent: int | None = None

    def __call__(self, result: DocumentResult) -> str | None:
        if not own_places_only(result):
            return None
        return encoder(self.indent)(document_record(result, SourceTexts(AuditResult(documents=(result,)))))


def document_records(result: AuditResult, texts: SourceTexts, indent: int | None) -> Iterator[object]:
    """Each document's record, in order: made here, or copied as it was made where the document
    was audited (``DocumentJSON`` of the same ``indent``; a document may have none: see
    ``ResultStore.prepared``)."""
    documents = result.documents
    prepared = records_of(documents, DocumentJSON(indent))
    if prepared is None:
        yield from (document_record(d, texts) for d in documents)
        return
    for index in range(len(documents)):
        text = prepared(index)
        yield document_record(documents[index], texts) if text is None else Encoded(text)


def summary(result: AuditResult) -> dict[str, int]:
    totals = result.totals()
    counts = {"documents": len(result.documents), "claims": totals.claims, "errors": totals.errors,
              "warnings": totals.warnings, "info": totals.info, "unreadable": len(result.errors),
              "suppressed": result.suppressed}
    key = {"error": "errors", "warning": "warnings", "info": "info"}
    for finding in result.corpus_findings:
        counts[key[finding.severity.value]] += 1
    return counts


def write_json(result: AuditResult, write: Callable[[str], object], indent: int | None = None) -> None:
    """The JSON report handed to ``write`` piece by piece: one document's record at a time, so a
    large run's documents are read, encoded and released one after another."""
    texts = SourceTexts(result)
    write_object([
        ("tool", {"name": "factcheck", "version": __version__}),
        ("documents", Streamed(document_records(result, texts, indent))),
        ("corpus_findings", Streamed(finding_record(f, texts) for f in result.corpus_findings)),
        ("errors", [{"path": e.path, "message": e.message} for e in result.errors]),
        ("unused_suppressions", [u.record() for u in result.unused_suppressions]),
        ("summary", summary(result)),
    ], write, indent)


def render_json(result: AuditResult, indent: int | None = None) -> str:
    pieces: list[str] = []
    write_json(result, pieces.append, indent)
    return "".join(pieces)


def report(result: AuditResult, options: RenderOptions) -> str:
    """The ``json`` format (see ``factcheck.reports.REPORTERS``)."""
    return render_json(result, options.indent)


def write(result: AuditResult, options: RenderOptions, stream: TextIO) -> None:
    """The ``json`` format written to ``stream`` as it is produced (see ``factcheck.reports.write_report``)."""
    write_json(result, stream.write, options.indent)
