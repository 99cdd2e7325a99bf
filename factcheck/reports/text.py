"""Human output on a terminal, in the style of ruff: each finding with its line and a caret.

::

    sources/river-basin-paper.md:19:196: CIT003 [error] Cited author 'Achterburg' is spelled ...
       |
    19 | …the delta (Achterburg, 2018). Later work…
       |             ^^^^^^^^^^^^^^^^
       |
       = help: Achterberg
       = note: reference entry at line 92: “Achterberg, P. (2018)”

then unused suppressions, one line each, and a summary table. Colour only when asked
(``color=True``: the CLI asks on a terminal, never with ``NO_COLOR``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import TextIO

from factcheck.reports import RenderOptions
from factcheck.reports.json_report import summary
from factcheck.reports.texts import SourceTexts
from factcheck.reports.visible import visible
from factcheck.results import AuditResult, Finding
from factcheck.spans import LineIndex

# Controls (tab included) and DEL, C1 controls, and the bidirectional controls.
_SOURCE_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The widest source line shown; longer lines (a paragraph is one line) are cut around the excerpt.
MAX_WIDTH = 100
_CONTEXT = 24

_RESET = "\x1b[0m"
_STYLES = {"bold": "\x1b[1m", "error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;34m",
           "gutter": "\x1b[34m", "help": "\x1b[1;36m", "dim": "\x1b[2m"}


class _Paint:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, style: str) -> str:
        return f"{_STYLES[style]}{text}{_RESET}" if self.color and text else text


def _one_line(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _printable(text: str) -> str:
    """A source line as it can be shown: tabs and other controls as spaces (so carets line up),
    bidi controls as ⟨?⟩ (they would reorder the line on screen)."""
    return _SOURCE_UNSAFE.sub(lambda m: "⟨?⟩" if m.group() >= "\u061c" else " ", text)


def source_window(text: str, lines: LineIndex, start: int, end: int) -> tuple[int, str, str]:
    """(line number, the line cut to MAX_WIDTH around the excerpt, the caret line under it)."""
    number = lines.line(start)
    line_start = lines.line_start(number)
    line_end = text.find("\n", line_start)
    if line_end == -1:
        line_end = len(text)
    line = _printable(text[line_start:line_end])
    s = start - line_start
    e = max(s + 1, min(end, line_end) - line_start)  # at least one caret, even for an empty span
    a, b = 0, len(line)
    if _width(line) > MAX_WIDTH:
        a = max(0, s - _CONTEXT)
        b = a
        while b < len(line) and _width(line[a:b + 1]) <= MAX_WIDTH - 2:
            b += 1
        if b == len(line):  # the window reached the end: give the room to the left instead
            while a > 0 and _width(line[a - 1:b]) <= MAX_WIDTH - 2:
                a -= 1
    head = "…" if a > 0 else ""
    tail = "…" if b < len(line) else ""
    shown = head + line[a:b] + tail
    pad = _width(head + line[a:max(a, min(s, b))])
    carets = "^" * max(1, _width(line[max(a, s):min(e, b)]))
    return number, shown, " " * pad + carets


def render_finding(finding: Finding, document_path: str, texts: SourceTexts, paint: _Paint) -> list[str]:
    """A finding with its line and a caret, in the file it points into (its document, or the
    bibliography an entry comes from); related places in another file are named with it."""
    severity = finding.severity.value
    path = texts.path_of(finding, document_path)
    lines = texts.lines(path)
    line, column = lines.line(finding.start), lines.column(finding.start)
    out = [f"{paint(visible(f'{path}:{line}:{column}:'), 'bold')} {paint(finding.code, severity)} "
           f"[{paint(severity, severity)}] {visible(finding.message)}"]
    number, shown, carets = source_window(texts.text(path), lines, finding.start, finding.end)
    gutter = " " * len(str(number))
    bar = paint("|", "gutter")
    out += [f"{gutter} {bar}", f"{paint(str(number), 'gutter')} {bar} {shown}",
            f"{gutter} {bar} {paint(carets, severity)}", f"{gutter} {bar}"]
    if finding.suggestion:
        out.append(f"{gutter} {paint('=', 'gutter')} {paint('help:', 'help')} "
                   f"{visible(_one_line(finding.suggestion, 200))}")
    for rel in finding.related:
        rel_path = rel.path or document_path
        rel_line = texts.lines(rel_path).line(rel.start)
        where = f"{rel_path}:{rel_line}" if rel_path != path else f"line {rel_line}"
        label = rel.label or "see"
        out.append(visible(f"{gutter} {paint('=', 'gutter')} {paint('note:', 'bold')} {label} at {where}: ")
                   + f"“{visible(_one_line(rel.excerpt, 100))}”")
    return out


def render_text(result: AuditResult, show_findings: bool = True, color: bool = False) -> str:
    pieces: list[str] = []
    write_text(result, pieces.append, show_findings, color)
    return "".join(pieces)


def write_text(result: AuditResult, write: Callable[[str], object], show_findings: bool = True,
               color: bool = False) -> None:
    """The text report handed to ``write`` a finding at a time (a large run's documents are read
    one after another), then the unused suppressions and the summary."""
    paint = _Paint(color)
    texts = SourceTexts(result)
    first = True

    def block(text: str) -> None:
        nonlocal first
        write(text if first else "\n\n" + text)
        first = False

    if show_findings:
        for doc in result.documents:
            for f in doc.findings:
                block("\n".join(render_finding(f, doc.document.path, texts, paint)))
        for f in result.corpus_findings:
            path = f.path or ""
            if path in texts:
                block("\n".join(render_finding(f, path, texts, paint)))
            else:
                block(visible(f"{path}: {f.code} [{f.severity.value}] {f.message}"))
    out = "" if first else "\n\n"
    unused = [visible(u.describe()) for u in result.unused_suppressions]
    if unused:
        out += "\n".join(unused) + "\n\n"
    write(out)
    for row in summary_rows(result):  # a row per document: a large run's read back one at a time
        write(row + "\n")


def summary_rows(result: AuditResult) -> Iterator[str]:
    """The summary table's lines: a row per document (read from disk in a large run), the
    unreadable inputs, the findings by rule and the totals."""
    yield f"{'document':48} {'claims':>6} {'errors':>6} {'warn':>5} {'info':>5}"
    for doc in result.summaries():
        yield (f"{_one_line(visible(doc.path), 48):48} {doc.claims:>6} {doc.errors:>6} "
               f"{doc.warnings:>5} {doc.info:>5}")
        if doc.cited_works is not None:  # --sources: how many of the works it cites were found there
            found, works = doc.cited_works
            yield f"  cited works in --sources: {found} of {works} references and notes"
    rows = []
    for error in result.errors:
        rows.append(visible(f"{_one_line(error.path, 48):48} unreadable: {error.message}"))
    by_rule = dict(result.totals().codes)
    for finding in result.corpus_findings:
        by_rule[finding.code] = by_rule.get(finding.code, 0) + 1
    if by_rule:
        rows.append("by rule: " + ", ".join(f"{code} {n}" for code, n in sorted(by_rule.items())))
    s = summary(result)
    line = (f"{s['documents']} document(s), {s['claims']} claims: {s['errors']} error(s), "
            f"{s['warnings']} warning(s), {s['info']} info; {s['unreadable']} unreadable")
    if s["suppressed"]:
        line += f"; {s['suppressed']} suppressed"
    if result.unused_suppressions:
        line += f"; {len(result.unused_suppressions)} unused suppression(s)"
    rows.append(line)
    yield from rows


def report(result: AuditResult, options: RenderOptions) -> str:
    """The ``text`` format (see ``factcheck.reports.REPORTERS``)."""
    return render_text(result, show_findings=not options.quiet, color=options.color)


def write(result: AuditResult, options: RenderOptions, stream: TextIO) -> None:
    """The ``text`` format written to ``stream`` as it is produced (see ``factcheck.reports.write_report``)."""
    write_text(result, stream.write, show_findings=not options.quiet, color=options.color)
