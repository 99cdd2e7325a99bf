"""GitHub Actions workflow commands: each finding an annotation on the pull request's diff.

::

    ::error file=paper.md,line=5,col=51,endLine=5,endColumn=61,title=CIT001 missing-reference::Citation ...

error → ``::error``, warning → ``::warning``, info → ``::notice``. Values are escaped as the
runner expects: ``%``, CR and LF in the message; those and ``:`` and ``,`` in properties.
Unreadable inputs become ``::error`` lines naming the file.
"""

from __future__ import annotations

import itertools

from factcheck.reports import RenderOptions, relative_posix
from factcheck.reports.texts import SourceTexts
from factcheck.results import AuditResult, Finding
from factcheck.spans import LineIndex

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(finding: Finding, path: str, lines: LineIndex) -> str:
    last = max(finding.start, finding.end - 1)
    message = finding.message
    if finding.suggestion:
        message += f"\nSuggestion: {finding.suggestion}"
    line, end_line = lines.line(finding.start), lines.line(last)
    return command(COMMANDS[finding.severity.value], message, file=relative_posix(path), line=line,
                   col=lines.column(finding.start), endLine=end_line,
                   endColumn=lines.column(last) + 1 if finding.end > finding.start else lines.column(finding.start),
                   title=f"{finding.code} {finding.rule}")


def render_github(result: AuditResult) -> str:
    out: list[str] = []
    texts = SourceTexts(result)
    placed = ((finding, texts.path_of(finding, doc.document.path)) for doc in result.documents for finding in doc.findings)
    corpus = ((finding, finding.path) for finding in result.corpus_findings if finding.path in texts)
    for finding, path in itertools.chain(placed, corpus):
        out.append(annotation(finding, path, texts.lines(path)))
    for error in result.errors:
        out.append(command("error", f"cannot read: {error.message}", file=relative_posix(error.path),
                           title="factcheck: unreadable input"))
    for unused in result.unused_suppressions:
        out.append(command("notice", unused.describe(), file=relative_posix(unused.path), line=unused.line,
                           title="factcheck: unused suppression"))
    return "\n".join(out) + ("\n" if out else "")


def report(result: AuditResult, options: RenderOptions) -> str:
    """The ``github`` format (see ``factcheck.reports.REPORTERS``)."""
    return render_github(result)
