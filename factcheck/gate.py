"""The CI gate: the exit code of a run, as a small pure function."""

from __future__ import annotations

from factcheck.model import Severity

_THRESHOLD = {"error": 3, "warning": 2, "info": 1}


def exit_code(severities: list[Severity], unreadable: int, fail_on: str = "error", exit_zero: bool = False) -> int:
    """2 when an input could not be read; 1 when a finding is at or above ``fail_on``; else 0."""
    if unreadable:
        return 2
    if exit_zero or fail_on == "never":
        return 0
    threshold = _THRESHOLD[fail_on]
    return 1 if any(s.rank >= threshold for s in severities) else 0
