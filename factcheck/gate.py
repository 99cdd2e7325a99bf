"""The CI gate: the exit code of a run, as a small pure function."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.model import Severity

if TYPE_CHECKING:
    from factcheck.results import AuditResult


def exit_code(severities: list[Severity], unreadable: int, fail_on: str = "error", exit_zero: bool = False) -> int:
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
    return exit_code([f.severity for f in result.all_findings()], len(result.errors), fail_on, exit_zero)
