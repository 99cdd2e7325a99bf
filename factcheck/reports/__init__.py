"""Reporters: text, JSON, SARIF, JUnit, GitHub workflow commands, the claim ledger and HTML.

``render(result, fmt)`` returns what ``factcheck audit --format FMT`` prints; ``write_report``
writes it to a stream (the JSON a document at a time).
"""

from __future__ import annotations

import importlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO
from urllib.parse import quote

if TYPE_CHECKING:
    from factcheck.results import AuditResult


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False  # ANSI colours (text only)
    quiet: bool = False  # the summary without the findings (text only)
    fail_on: str = "error"  # the severity that fails the run: JUnit marks only such findings as failures
    indent: int | None = None  # JSON and SARIF: spaces of indentation; None writes them compact


class Reporter(Protocol):
    """What a reporter module exposes as ``report``: the whole output of one format."""

    def __call__(self, result: AuditResult, options: RenderOptions) -> str: ...


#: format -> "module:function" of its reporter; a new format is its module plus one line here.
REPORTERS: dict[str, str] = {
    "text": "factcheck.reports.text:report",
    "json": "factcheck.reports.json_report:report",
    "sarif": "factcheck.reports.sarif:report",
    "junit": "factcheck.reports.junit:report",
    "github": "factcheck.reports.github:report",
}
FORMATS: tuple[str, ...] = tuple(REPORTERS)
# The name of an output format: a key of REPORTERS.
Format = str


def reporter(fmt: str) -> Reporter:
    """The reporter of a format, imported on first use."""
    if fmt not in REPORTERS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    module, _, function = REPORTERS[fmt].partition(":")
    return getattr(importlib.import_module(module), function)


def render(result: AuditResult, fmt: Format = "text", *, color: bool = False, quiet: bool = False,
           fail_on: str = "error", indent: int | None = None) -> str:
    """The report of ``result`` in one of FORMATS (``color`` and ``quiet`` apply to text, ``fail_on``
    to JUnit, whose failures are the findings that fail the run, ``indent`` to JSON and SARIF)."""
    return reporter(fmt)(result, RenderOptions(color=color, quiet=quiet, fail_on=fail_on, indent=indent))


def write_report(result: AuditResult, stream: TextIO, fmt: Format = "text", *, color: bool = False,
                 quiet: bool = False, fail_on: str = "error", indent: int | None = None) -> None:
    """``render`` written to ``stream``; a format whose module has ``write(result, options, stream)``
    (JSON) writes it as it is produced, a document at a time, instead of as one string."""
    if fmt not in REPORTERS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    options = RenderOptions(color=color, quiet=quiet, fail_on=fail_on, indent=indent)
    module, _, function = REPORTERS[fmt].partition(":")
    streaming = getattr(importlib.import_module(module), "write", None)
    if streaming is not None:
        streaming(result, options, stream)
    else:
        stream.write(reporter(fmt)(result, options))


def dump_json(payload: object, indent: int | None) -> str:
    """JSON text of a report, with a final newline. Compact unless ``indent``: the standard
    library encodes compact JSON in C and indented JSON in Python, several times slower."""
    if indent is None:
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(payload, ensure_ascii=False, indent=indent) + "\n"


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
    else an absolute ``file:`` URI (a relative path out of it, "../refs.bib", made absolute)."""
    posix = relative_posix(os.path.normpath(path))  # "sub/../../refs.bib" is "../refs.bib"
    if posix == ".." or posix.startswith("../"):
        posix = Path(os.path.abspath(path)).as_posix()
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return Path(posix).as_uri()
    while posix.startswith("./"):
        posix = posix[2:]
    # A file name that is not UTF-8: its bytes, percent-encoded (the URI of the file it names).
    return quote(posix, safe="/", errors="surrogateescape")
