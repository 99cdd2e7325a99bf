"""The CI gate: the exit code of a run, as a small pure function."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from factcheck.model import Severity

if TYPE_CHECKING:
    from factcheck.results import AuditResult


def exit_code(severities: Iterable[Severity], unreadable: int, fail_on: str = "error", exit_zero: bool = False) -> int:
    """2 when an input could not be read; 1 when a finding is at or above ``fail_on``; else 0."""
    if unreadable:
        return 2
    if exit_zero or fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(s.rank >= threshold for s in severities) else 0


def result_exit_code(result: "AuditResult", fail_on: str = "error", exit_zero: bool = False) -> int:
    """``exit_code`` of an AuditResult: its reported findings (suppressed ones left out) and
    unreadable inputs. Unused suppressions are informational and never count."""
    return exit_code(_severities(result), len(result.errors), fail_on, exit_zero)


def _severities(result: "AuditResult") -> Iterator[Severity]:
    """The severities of the reported findings, from the documents' counts summed (a large run's
    results stay on disk) and the corpus findings."""
    totals = result.totals()
    if totals.errors:
        yield Severity.ERROR
    if totals.warnings:
        yield Severity.WARNING
    if totals.info:
        yield Severity.INFO
    for finding in result.corpus_findings:
        yield finding.severity
