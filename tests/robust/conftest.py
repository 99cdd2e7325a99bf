"""The robustness tests use the PDF and docx builders of tests/formats."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.robust.helpers import PAPER

FORMATS = str(Path(__file__).resolve().parents[1] / "formats")
if FORMATS not in sys.path:
    sys.path.insert(0, FORMATS)


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    path = tmp_path / "paper.md"
    path.write_text(PAPER, encoding="utf-8")
    return path


def pytest_terminal_summary(terminalreporter) -> None:
    """The time each pathological input took, slowest first (the tests assert a 10x limit)."""
    from tests.robust.helpers import PATHOLOGICAL_TIMES

    if not PATHOLOGICAL_TIMES:
        return
    terminalreporter.section("pathological inputs: load + audit with all rules, CPU time (target 2 s, limit 20 s)")
    ranked = sorted(PATHOLOGICAL_TIMES.items(), key=lambda item: -(item[1] if item[1] is not None else 1e9))
    for name, seconds in ranked:
        shown = f"{seconds:6.2f} s" if seconds is not None else "  > limit"
        terminalreporter.write_line(f"{shown}  {name}")
