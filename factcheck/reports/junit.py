"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).

One ``<testsuite>`` per document, one ``<testcase>`` per document and rule that ran on it:
a rule with no finding at or above ``--fail-on`` is a passing case (its findings below that
level, if any, listed in the case's ``<system-out>``), a rule with such findings a ``<failure>``
whose text lists them as ``path:line:col: CODE [severity] message``: CI shows red exactly what
fails the run. Corpus findings (between documents)
join the case of their rule in the document they point at. An unreadable input is a suite with
one ``<error>`` case. No timestamps or timings: the output is deterministic. The suites are
written as the documents are read, the totals put before them at the end (``write_junit``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO
from xml.etree import ElementTree as ET

from factcheck.model import Severity
from factcheck.reports import RenderOptions
from factcheck.reports.texts import SourceTexts
from factcheck.reports.visible import xml_safe
from factcheck.results import AuditResult, Finding
from factcheck.rules.registry import REGISTRY, all_rules


def _describe(texts: SourceTexts, document_path: str, finding: Finding) -> str:
    path = texts.path_of(finding, document_path)
    lines = texts.lines(path)
    where = f"{path}:{lines.line(finding.start)}:{lines.column(finding.start)}"
    text = f"{where}: {finding.code} [{finding.severity.value}] {finding.message}"
    excerpt = " ".join(finding.excerpt.split())
    if excerpt:
        text += f"\n    “{excerpt}”"
    if finding.suggestion:
        text += f"\n    help: {finding.suggestion}"
    return text


def write_junit(result: AuditResult, write: Callable[[str], object], fail_on: str = "error") -> None:
    """The JUnit XML handed to ``write`` piece by piece. Its totals open it and are known only
    once every document is in: the suites are written to an unlinked temporary file as the
    documents are read (a large run's are on disk), then the opening tag with the totals, then
    the suites copied from the file. The bytes are those of the whole tree indented by
    ``ET.indent``: each suite is indented at its level, and the whitespace between suites is
    what ``indent`` puts there."""
    all_rules()  # make sure every family is registered
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as body:
        totals = _write_suites(result, body.write, fail_on)
        if not totals.suites:
            write(_XML_DECLARATION + ET.tostring(_root(totals), encoding="unicode") + "\n")
            return
        opening = ET.tostring(_root(totals), encoding="unicode", short_empty_elements=False)
        write(_XML_DECLARATION + opening[:opening.rindex("</")])
        body.seek(0)
        for chunk in iter(lambda: body.read(1 << 16), ""):
            write(chunk)
        write("\n</testsuites>\n")


def render_junit(result: AuditResult, fail_on: str = "error") -> str:
    pieces: list[str] = []
    write_junit(result, pieces.append, fail_on)
    return "".join(pieces)


_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass
class _Totals:
    suites: int = 0
    tests: int = 0
    failures: int = 0
    errors: int = 0


def _root(totals: _Totals) -> ET.Element:
    return ET.Element("testsuites", name="factcheck", tests=str(totals.tests), failures=str(totals.failures),
                      errors=str(totals.errors))


def _write_suites(result: AuditResult, write: Callable[[str], object], fail_on: str) -> _Totals:
    """Each document's suite, then each unreadable input's, written as ``write("\\n  " + suite)``."""
    texts = SourceTexts(result)
    threshold = Severity(fail_on).rank if fail_on != "never" else Severity.ERROR.rank + 1
    # Per path, the positions of its corpus findings (a large run's are on disk, read for its suite).
    corpus: dict[str, list[int]] = {}
    for position, finding in enumerate(result.corpus_findings):
        corpus.setdefault(finding.path or "", []).append(position)
    totals = _Totals()

    def emit(suite: ET.Element) -> None:
        _make_xml_safe(suite)
        ET.indent(suite, level=1)
        write("\n  " + ET.tostring(suite, encoding="unicode"))
        totals.suites += 1

    for doc in result.documents:
        path = doc.document.path
        by_code: dict[str, list[Finding]] = {}
        for finding in [*doc.findings, *(result.corpus_findings[p] for p in corpus.get(path, ()))]:
            by_code.setdefault(finding.code, []).append(finding)
        codes = list(doc.rules) or sorted(by_code)
        codes += [code for code in sorted(by_code) if code not in codes]
        suite = ET.Element("testsuite", name=path)
        failures = 0
        for code in codes:
            spec = REGISTRY.get(code)
            name = f"{code} {spec.name}" if spec else code
            case = ET.SubElement(suite, "testcase", classname=path, name=name)
            found = by_code.get(code, [])
            if any(f.severity.rank >= threshold for f in found):
                failures += 1
                worst = max(found, key=lambda f: f.severity.rank).severity.value
                failure = ET.SubElement(case, "failure", type=worst,
                                        message=f"{len(found)} finding(s) of {code}")
                failure.text = "\n".join(_describe(texts, path, f) for f in found)
            elif found:  # below --fail-on: shown, not failed
                ET.SubElement(case, "system-out").text = "\n".join(_describe(texts, path, f) for f in found)
        suite.set("tests", str(len(codes)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        totals.tests += len(codes)
        totals.failures += failures
        emit(suite)
    for error in result.errors:
        suite = ET.Element("testsuite", name=error.path, tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname=error.path, name="load")
        ET.SubElement(case, "error", type="unreadable", message=error.message).text = f"{error.path}: {error.message}"
        totals.tests += 1
        totals.errors += 1
        emit(suite)
    return totals


def _make_xml_safe(root: ET.Element) -> None:
    """Every text and attribute value with the characters XML 1.0 forbids written as escapes: a
    control character in a document or a file name must not make CI's parser reject the file."""
    for element in root.iter():
        if element.text:
            element.text = xml_safe(element.text)
        for key, value in element.attrib.items():
            element.set(key, xml_safe(value))


def report(result: AuditResult, options: RenderOptions) -> str:
    """The ``junit`` format (see ``factcheck.reports.REPORTERS``)."""
    return render_junit(result, options.fail_on)


def write(result: AuditResult, options: RenderOptions, stream: TextIO) -> None:
    """The ``junit`` format written to ``stream`` as it is produced (see ``factcheck.reports.write_report``)."""
    write_junit(result, stream.write, options.fail_on)
