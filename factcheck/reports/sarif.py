"""SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.

One run. ``tool.driver.rules`` is the whole rule registry (id, name, descriptions, help from the
docstring, default level). Results carry a region in the document's text (1-based lines and
columns counted in code points, ``columnKind: unicodeCodePoints``; for PDF, Word and HTML these
are lines of the extracted text, as in the JSON report, with the PDF page or the Word/HTML
locator in ``properties``), the excerpt as the snippet, related places as
``relatedLocations`` and ``partialFingerprints`` built from the rule, the path and the excerpt
with whitespace squeezed, never from offsets, so that a finding keeps its identity across edits
elsewhere in the document.

``helpUri`` is left out: SARIF requires an absolute URI there (``format: uri``), and the rule
pages we ship (``docs/rules.md#<code>``) have no absolute address of their own. The rule's whole
page is in ``help.text`` / ``help.markdown`` instead.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from factcheck import __version__
from factcheck.reports import RenderOptions, artifact_uri
from factcheck.reports.json_stream import Members, Streamed, write_object
from factcheck.reports.texts import SourceTexts
from factcheck.results import AuditResult, Finding, Related
from factcheck.rules.docs import description
from factcheck.rules.registry import all_rules
from factcheck.spans import LineIndex
from factcheck.suppress import normalize_excerpt

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "factcheck/v1"


def fingerprint(code: str, uri: str, excerpt: str, occurrence: int) -> str:
    # ``surrogatepass``: a file name that is not UTF-8 keeps its stand-ins (the same bytes as before for any other).
    key = f"{code}\0{uri}\0{normalize_excerpt(excerpt)}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{digest}:{occurrence}"


def region(lines: LineIndex, start: int, end: int, snippet: str | None = None) -> dict[str, Any]:
    last = max(start, end - 1)
    out: dict[str, Any] = {"startLine": lines.line(start), "startColumn": lines.column(start)}
    if end > start:
        out.update(endLine=lines.line(last), endColumn=lines.column(last) + 1)
    else:
        out.update(endLine=out["startLine"], endColumn=out["startColumn"])
    if snippet is not None:
        out["snippet"] = {"text": snippet}
    return out


def _location(uri: str, lines: LineIndex, start: int, end: int, excerpt: str) -> dict[str, Any]:
    return {"physicalLocation": {"artifactLocation": artifact_location(uri),
                                 "region": region(lines, start, end, excerpt)}}


def artifact_location(uri: str) -> dict[str, str]:
    """SARIF's artifactLocation of an ``artifact_uri``: relative to the source root, or an absolute
    ``file:`` URI with no base (SARIF 3.4.4: a URI given with a ``uriBaseId`` is relative)."""
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": "%SRCROOT%"}


def rule_descriptor(spec) -> dict[str, Any]:
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.summary},
        "fullDescription": {"text": description(spec)},
        "help": {"text": spec.doc or spec.summary, "markdown": spec.doc or spec.summary},
        "defaultConfiguration": {"level": LEVELS[spec.severity.value]},
        "properties": {"tags": ["factcheck", spec.code.rstrip("0123456789").lower()]},
    }


def write_sarif(result: AuditResult, write: Callable[[str], object], indent: int | None = None) -> None:
    """The SARIF log handed to ``write`` piece by piece: its results a finding at a time, so a
    large run's documents are read and released one after another."""
    specs = all_rules()
    rule_index = {spec.code: index for index, spec in enumerate(specs)}
    texts = SourceTexts(result)
    seen: Counter = Counter()

    def record_of(finding: Finding, document_path: str) -> dict[str, Any]:
        path = texts.path_of(finding, document_path)
        uri = artifact_uri(path)
        index = texts.lines(path)
        key = (finding.code, uri, normalize_excerpt(finding.excerpt))
        seen[key] += 1
        text = finding.message + (f" Suggestion: {finding.suggestion}" if finding.suggestion else "")
        location = _location(uri, index, finding.start, finding.end, finding.excerpt)
        record: dict[str, Any] = {
            "ruleId": finding.code,
            "level": LEVELS[finding.severity.value],
            "message": {"text": text},
            "locations": [location],
            "partialFingerprints": {FINGERPRINT: fingerprint(finding.code, uri, finding.excerpt, seen[key])},
        }
        if finding.code in rule_index:
            record["ruleIndex"] = rule_index[finding.code]
        related = [_related(rel, document_path, number) for number, rel in enumerate(finding.related, 1)]
        related = [r for r in related if r]
        if related:
            record["relatedLocations"] = related
        properties: dict[str, Any] = {"severity": finding.severity.value}
        if finding.suggestion:
            properties["suggestion"] = finding.suggestion
        document = texts.document(path)
        segment = document.segment_at(finding.start) if document is not None else None
        if segment is not None and segment.page is not None:
            properties["page"] = segment.page
        elif segment is not None and segment.locator:
            properties["locator"] = segment.locator
        record["properties"] = properties
        return record

    def _related(rel: Related, path: str, number: int) -> dict[str, Any] | None:
        where = rel.path or path
        if where not in texts:
            return None
        location = _location(artifact_uri(where), texts.lines(where), rel.start, rel.end, rel.excerpt)
        location["id"] = number
        location["message"] = {"text": f"{rel.label or 'related'}: {rel.excerpt}"}
        return location

    def results() -> Iterator[dict[str, Any]]:
        for doc in result.documents:
            for finding in doc.findings:
                yield record_of(finding, doc.document.path)
        for finding in result.corpus_findings:
            if finding.path in texts:
                yield record_of(finding, finding.path)

    notifications = [{"level": "error", "message": {"text": f"{error.path}: {error.message}"},
                      "locations": [{"physicalLocation": {"artifactLocation": artifact_location(
                          artifact_uri(error.path))}}]}
                     for error in result.errors]
    run = Members([
        ("tool", {"driver": {"name": "factcheck", "version": __version__, "semanticVersion": __version__,
                             "rules": [rule_descriptor(spec) for spec in specs]}}),
        ("columnKind", "unicodeCodePoints"),
        ("results", Streamed(results())),
        ("invocations", [{"executionSuccessful": not result.errors, "toolExecutionNotifications": notifications}]),
        ("properties", {"suppressed": result.suppressed,
                        "unusedSuppressions": [u.record() for u in result.unused_suppressions]}),
    ])
    write_object([("$schema", SCHEMA), ("version", "2.1.0"), ("runs", Streamed([run]))], write, indent)


def render_sarif(result: AuditResult, indent: int | None = None) -> str:
    pieces: list[str] = []
    write_sarif(result, pieces.append, indent)
    return "".join(pieces)


def report(result: AuditResult, options: RenderOptions) -> str:
    """The ``sarif`` format (see ``factcheck.reports.REPORTERS``)."""
    return render_sarif(result, options.indent)


def write(result: AuditResult, options: RenderOptions, stream: TextIO) -> None:
    """The ``sarif`` format written to ``stream`` as it is produced (see ``factcheck.reports.write_report``)."""
    write_sarif(result, stream.write, options.indent)
