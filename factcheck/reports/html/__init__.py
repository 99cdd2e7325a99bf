"""HTML audit reports: one self-contained page per document plus ``index.html``.

``write_reports(result, out_dir, now)`` is the entry point; ``view`` builds the view model and
``render`` turns it into HTML with Jinja2 (imported only when a report is rendered).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.reports.written import FilesWritten
    from factcheck.results import AuditResult

__all__ = ["write_reports"]


def write_reports(result: "AuditResult", out_dir: Path, now: datetime) -> "FilesWritten":
    """One ``<name>.html`` per document plus ``index.html`` in ``out_dir``; returns the paths
    (a sequence; a large run's on disk, ``close()`` it when done)."""
    from factcheck.reports.html.render import write_reports as write

    return write(result, out_dir, now)
