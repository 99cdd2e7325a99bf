"""Human output on a terminal: one line per finding (ruff style) and a short summary."""

from __future__ import annotations

from factcheck.pipeline import AuditResult
from factcheck.reports.json_report import summary
from factcheck.spans import LineIndex


def _one_line(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_text(result: AuditResult, show_findings: bool = True) -> str:
    out: list[str] = []
    if show_findings:
        for doc in result.documents:
            lines = LineIndex(doc.document.text)
            for f in doc.findings:
                out.append(f"{doc.document.path}:{lines.line(f.start)}:{lines.column(f.start)}: {f.code} "
                           f"[{f.severity.value}] {f.message}")
                hint = f"    “{_one_line(f.excerpt)}”"
                if f.suggestion:
                    hint += f"  → {_one_line(f.suggestion, 60)}"
                out.append(hint)
        for f in result.corpus_findings:
            out.append(f"{f.path}: {f.code} [{f.severity.value}] {f.message}")
    return "\n".join(out + [render_summary(result)]) + "\n"


def render_summary(result: AuditResult) -> str:
    rows = [f"{'document':48} {'claims':>6} {'errors':>6} {'warn':>5} {'info':>5}"]
    for doc in result.documents:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in doc.findings:
            counts[f.severity.value] += 1
        rows.append(f"{_one_line(doc.document.path, 48):48} {len(doc.extraction.claims):>6} {counts['error']:>6} "
                    f"{counts['warning']:>5} {counts['info']:>5}")
    for error in result.errors:
        rows.append(f"{_one_line(error.path, 48):48} unreadable: {error.message}")
    by_rule: dict[str, int] = {}
    for finding in [f for d in result.documents for f in d.findings] + list(result.corpus_findings):
        by_rule[finding.code] = by_rule.get(finding.code, 0) + 1
    if by_rule:
        rows.append("by rule: " + ", ".join(f"{code} {n}" for code, n in sorted(by_rule.items())))
    s = summary(result)
    rows.append(f"{s['documents']} document(s), {s['claims']} claims: {s['errors']} error(s), "
                f"{s['warnings']} warning(s), {s['info']} info; {s['unreadable']} unreadable")
    return "\n".join(rows)
