"""Write a baseline file: every finding a run still reports, accepted by rule, path and excerpt.

``factcheck baseline PATH...`` writes it; ``factcheck.suppress.Baseline`` reads it back.
"""

from __future__ import annotations

import itertools

import json
import os
from collections import Counter
from pathlib import Path

from factcheck.reports.atomic import write_text_atomic
from factcheck.results import AuditResult
from factcheck.suppress import BASELINE_VERSION, Baseline


def baseline_payload(result: AuditResult, baseline_path: str | os.PathLike[str]) -> dict:
    """The baseline of every finding ``result`` still reports (inline-suppressed ones left out)."""
    base = Baseline(root=Path(baseline_path).resolve().parent)
    counts: Counter = Counter()
    names: dict[str, str] = {}
    placed = ((doc.document.path, finding) for doc in result.documents for finding in doc.findings)
    corpus = ((finding.path or "", finding) for finding in result.corpus_findings)
    for path, finding in itertools.chain(placed, corpus):
        counts[base.key(path, finding)] += 1
        names[finding.code] = finding.rule
    findings = [{"path": path, "code": code, "rule": names[code], "excerpt": excerpt, "count": count}
                for (path, code, excerpt), count in sorted(counts.items())]
    return {"tool": "factcheck", "version": BASELINE_VERSION, "findings": findings}


def write_baseline(result: AuditResult, path: str | os.PathLike[str]) -> int:
    """Write the baseline file atomically; returns the number of findings it accepts."""
    payload = baseline_payload(result, path)
    write_text_atomic(Path(path), json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return sum(entry["count"] for entry in payload["findings"])
