"""Findings: what a rule reports, anchored to an exact span of the text."""

from __future__ import annotations

from factcheck.model import FrozenModel, Severity


class Related(FrozenModel):
    """Another place that explains a finding: the entry, the conflicting date."""

    start: int
    end: int
    excerpt: str
    path: str | None = None  # set when the place is in another document
    label: str | None = None  # "reference entry", "other statement"


class Finding(FrozenModel):
    code: str
    rule: str
    severity: Severity
    message: str
    start: int
    end: int
    excerpt: str
    suggestion: str | None = None
    related: tuple[Related, ...] = ()
    path: str | None = None  # set on corpus findings
