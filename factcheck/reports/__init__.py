"""Reporters: text, JSON, SARIF, JUnit, GitHub workflow commands, the claim ledger and HTML.

``render(result, fmt)`` returns what ``factcheck audit --format FMT`` prints.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

if TYPE_CHECKING:
    from factcheck.pipeline import AuditResult

Format = Literal["text", "json", "sarif", "junit", "github"]
FORMATS: tuple[str, ...] = ("text", "json", "sarif", "junit", "github")


def render(result: AuditResult, fmt: Format = "text", *, color: bool = False, quiet: bool = False) -> str:
    """The report of ``result`` in one of FORMATS (``color`` and ``quiet`` apply to text)."""
    if fmt == "text":
        from factcheck.reports.text import render_text

        return render_text(result, show_findings=not quiet, color=color)
    if fmt == "json":
        from factcheck.reports.json_report import render_json

        return render_json(result)
    if fmt == "sarif":
        from factcheck.reports.sarif import render_sarif

        return render_sarif(result)
    if fmt == "junit":
        from factcheck.reports.junit import render_junit

        return render_junit(result)
    if fmt == "github":
        from factcheck.reports.github import render_github

        return render_github(result)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def relative_posix(path: str, cwd: str | None = None) -> str:
    """``path`` relative to the working folder when inside it, with forward slashes."""
    if not os.path.isabs(path):
        return Path(path).as_posix()
    base = cwd or os.getcwd()
    try:
        relative = os.path.relpath(path, base)
    except ValueError:  # another drive
        return Path(path).as_posix()
    return Path(path).as_posix() if relative.startswith("..") else Path(relative).as_posix()


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative and percent-encoded inside the working folder,
    else an absolute ``file:`` URI."""
    posix = relative_posix(path)
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return Path(posix).as_uri()
    while posix.startswith("./"):
        posix = posix[2:]
    return quote(posix, safe="/")
