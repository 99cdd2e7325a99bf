"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure, CircleCI).

One ``<testsuite>`` per document, one ``<testcase>`` per document and rule that ran on it:
a rule with no finding is a passing case, a rule with findings a ``<failure>`` whose text
lists them as ``path:line:col: CODE [severity] message``. Corpus findings (between documents)
join the case of their rule in the document they point at. An unreadable input is a suite with
one ``<error>`` case. No timestamps or timings: the output is deterministic.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from factcheck.reports import RenderOptions
from factcheck.results import AuditResult, Finding
from factcheck.rules.registry import REGISTRY, all_rules
from factcheck.spans import LineIndex


def _describe(path: str, lines: LineIndex, finding: Finding) -> str:
    if finding.line is not None:  # in the document's bibliography file
        where = f"{finding.path}:{finding.line}:{finding.column or 1}"
    else:
        where = f"{path}:{lines.line(finding.start)}:{lines.column(finding.start)}"
    text = f"{where}: {finding.code} [{finding.severity.value}] {finding.message}"
    excerpt = " ".join(finding.excerpt.split())
    if excerpt:
        text += f"\n    “{excerpt}”"
    if finding.suggestion:
        text += f"\n    help: {finding.suggestion}"
    return text


def render_junit(result: AuditResult) -> str:
    all_rules()  # make sure every family is registered
    corpus: dict[str, list[Finding]] = {}
    for finding in result.corpus_findings:
        corpus.setdefault(finding.path or "", []).append(finding)
    root = ET.Element("testsuites", name="factcheck")
    total_tests = total_failures = total_errors = 0
    for doc in result.documents:
        path = doc.document.path
        lines = LineIndex(doc.document.text)
        by_code: dict[str, list[Finding]] = {}
        for finding in [*doc.findings, *corpus.get(path, [])]:
            by_code.setdefault(finding.code, []).append(finding)
        codes = list(doc.rules) or sorted(by_code)
        codes += [code for code in sorted(by_code) if code not in codes]
        suite = ET.SubElement(root, "testsuite", name=path)
        failures = 0
        for code in codes:
            spec = REGISTRY.get(code)
            name = f"{code} {spec.name}" if spec else code
            case = ET.SubElement(suite, "testcase", classname=path, name=name)
            found = by_code.get(code, [])
            if found:
                failures += 1
                worst = max(found, key=lambda f: f.severity.rank).severity.value
                failure = ET.SubElement(case, "failure", type=worst,
                                        message=f"{len(found)} finding(s) of {code}")
                failure.text = "\n".join(_describe(path, lines, f) for f in found)
        suite.set("tests", str(len(codes)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += len(codes)
        total_failures += failures
    for error in result.errors:
        suite = ET.SubElement(root, "testsuite", name=error.path, tests="1", failures="0", errors="1", skipped="0")
        case = ET.SubElement(suite, "testcase", classname=error.path, name="load")
        ET.SubElement(case, "error", type="unreadable", message=error.message).text = f"{error.path}: {error.message}"
        total_tests += 1
        total_errors += 1
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(total_errors))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def report(result: AuditResult, options: RenderOptions) -> str:
    """The ``junit`` format (see ``factcheck.reports.REPORTERS``)."""
    return render_junit(result)
