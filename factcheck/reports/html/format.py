"""Small text helpers of the HTML reports' view model: clipping, safe ids and links, times, counts.

Every function returns plain text that the templates escape; none builds HTML.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path

from factcheck.model import Severity
from factcheck.reports.html.records import INDEX_NAME
from factcheck.reports.names import output_names
from factcheck.results import AuditResult, Finding, path_order

SEVERITIES = tuple(s.value for s in sorted(Severity, key=lambda s: -s.rank))

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")
_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SPACES = re.compile(r"\s+")


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


def severity_rank(severity: str) -> int:
    """Position in the index's sort: errors first, documents without findings last."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def severity_counts(findings: Iterable[Finding]) -> Counter:
    return Counter(f.severity.value for f in findings)


def rule_docs() -> dict[str, tuple[str, str]]:
    """code -> (name, one-line summary) from the registry (the report's help text)."""
    from factcheck.rules.registry import all_rules

    return {spec.code: (spec.name, spec.summary) for spec in all_rules()}


def report_names(result: AuditResult) -> Mapping[str, str]:
    """Document path -> report file name: ``<stem>.html``, unique, stable, never ``index.html``
    (see ``factcheck.reports.names``); the stem is cut to characters safe in a URL. A large
    run's are on disk (``close_names`` them after)."""
    return output_names(result.summaries(), path_order(result.documents), ".html", reserved=(INDEX_NAME,),
                        stem=lambda path: _NAME_UNSAFE.sub("_", Path(path).stem).strip("._") or "document")


def shown_status(shown: int, matching: int, total: int) -> str:
    """The findings list's status line; report.js writes the same sentence after each filter."""
    if matching == total:
        return f"{total} of {total} findings shown" if shown == total else f"first {shown} of {total} findings shown"
    if shown == matching:
        return f"{matching} of {total} findings shown"
    return f"first {shown} of {matching} matching findings shown ({total} in all)"


def where(line: int, page: int | None) -> str:
    return f"line {line} · p. {page}" if page else f"line {line}"


def finding_tip(finding: Finding) -> str:
    parts = [f"{finding.severity.value.upper()} · {finding.code} {finding.rule}", clip(finding.message, 300)]
    if finding.suggestion:
        parts.append("Suggestion: " + clip(finding.suggestion, 200))
    return "\n".join(parts)


def author_name(author) -> str:
    if author.corporate or not (author.given or author.initials):
        return author.surname
    return f"{author.surname}, {author.given or author.initials}"
