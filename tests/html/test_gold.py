"""Golden files: the report of each demo document, rendered at a fixed time.

A change to the reports, the templates or anything upstream that changes what a report shows
makes these fail with a diff. When the change is intended, rewrite the golden files with

    make update-gold            # = FACTCHECK_UPDATE_GOLD=1 pytest tests/html -k gold

and review the diff of tests/html/gold/ before committing. The version in the generator
comment and meta tag is scrubbed, so a release does not touch them.
"""

from __future__ import annotations

import difflib
import os
import re

import pytest

from factcheck.reports.html.render import render_document, render_index
from factcheck.reports.html.format import report_names
from factcheck.reports.html.view import build_document_view, build_index_view, corpus_findings_by_path, numbered
from tests.html.conftest import NOW, ROOT, SOURCES

GOLD = ROOT / "tests" / "html" / "gold"
UPDATE = os.environ.get("FACTCHECK_UPDATE_GOLD") == "1"
_VERSION = re.compile(r"factcheck \d+\.\d+[\w.+-]*")


def scrub(html: str) -> str:
    return _VERSION.sub("factcheck VERSION", html)


def compare(name: str, html: str) -> None:
    path = GOLD / name
    actual = scrub(html)
    if UPDATE:
        GOLD.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `make update-gold`")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(list(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                 f"gold/{name}", "rendered", n=1))[:80])
        pytest.fail(f"report differs from gold/{name} (run `make update-gold` if intended):\n{diff}")


def render(result, path: str) -> str:
    names = report_names(result)
    doc = next(d for d in result.documents if d.document.path == path)
    others = {d.document.path: d.document.text for d in result.documents}
    corpus = numbered(result, corpus_findings_by_path(result).get(path, []))
    return render_document(build_document_view(doc, NOW, names, corpus, others))


@pytest.mark.parametrize("source", SOURCES)
def test_gold_document_report(demo_result, source):
    path = f"sources/{source}"
    assert path in {d.document.path for d in demo_result.documents}, demo_result.errors
    compare(f"{source.rsplit('.', 1)[0]}.html", render(demo_result, path))


def test_gold_index(demo_result):
    compare("index.html", render_index(build_index_view(demo_result, NOW, report_names(demo_result))))


def test_rendering_is_deterministic(demo_result):
    path = "sources/river-basin-paper.md"
    assert render(demo_result, path) == render(demo_result, path)
