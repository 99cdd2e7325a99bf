"""The view model: runs from sorted, clipped spans; ids, names, links; the files written."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.model import Block
from factcheck.config import Settings
from factcheck.extract import Extraction
from factcheck.documents.model import Document
from factcheck.model import Severity
from factcheck.pipeline import audit
from factcheck.results import AuditResult, DocumentResult
from factcheck.reports.html import write_reports
from factcheck.reports.html.format import doi_url, report_names, safe_url
from factcheck.reports.html.runs import build_runs
from factcheck.reports.html.sections import finding_span as _finding_span
from factcheck.reports.html.view import LIST_LIMIT, build_document_view
from factcheck.reports.html.runs import paragraph_bounds
from factcheck.results import Finding
from tests.html.conftest import NOW, ROOT


def finding(text: str, start: int, end: int, code: str = "CLM001", severity: Severity = Severity.WARNING) -> Finding:
    return Finding(code=code, rule="rule", severity=severity, message=f"{code} at {start}", start=start, end=end,
                   excerpt=text[start:end])


def runs_of(text: str, findings: list[Finding], paragraphs: list[tuple[int, int]] | None = None):
    paragraphs = paragraphs or [(0, len(text))]
    bounds = [(a, b, "body") for a, b in paragraphs]
    spans = [_finding_span(f, f"f{n}", len(text)) for n, f in enumerate(findings, 1)]
    return build_runs(text, bounds, spans)


def simple(runs):
    return [(r["text"], tuple(r["anchors"]), r["head"], r["tip"].count("\n\n") + 1 if r["tip"] else 0) for r in runs]


def test_nested_findings_split_into_runs_carrying_both():
    text = "abcdefghij"
    (runs,) = runs_of(text, [finding(text, 2, 8), finding(text, 4, 6, "SPL001")])
    assert simple(runs) == [("ab", (), False, 0), ("cd", ("f1",), True, 1), ("ef", ("f2",), True, 2),
                            ("gh", (), False, 1), ("ij", (), False, 0)]
    assert runs[2]["classes"] == "f sev-warning fh"


def test_crossing_findings_clip_and_the_worse_severity_colours_the_overlap():
    text = "abcdefghij"
    (runs,) = runs_of(text, [finding(text, 2, 6), finding(text, 4, 8, "CIT003", Severity.ERROR)])
    assert [r["text"] for r in runs] == ["ab", "cd", "ef", "gh", "ij"]
    assert [r["classes"] for r in runs][1:4] == ["f sev-warning fh", "f sev-error fh", "f sev-error"]


def test_a_span_crossing_a_paragraph_break_continues_in_the_next_paragraph():
    text = "one two\n\nthree four"
    first, second = runs_of(text, [finding(text, 4, 14)], [(0, 7), (9, 19)])
    assert simple(first) == [("one ", (), False, 0), ("two", ("f1",), True, 1)]
    assert simple(second) == [("three", (), False, 1), (" four", (), False, 0)]


def test_an_empty_finding_still_gets_a_character_to_hover():
    text = "abc"
    (runs,) = runs_of(text, [finding(text, 1, 1)])
    assert [r["text"] for r in runs] == ["a", "b", "c"] and runs[1]["head"]


def test_text_between_blocks_is_kept_when_it_is_not_blank():
    text = "para one\n\nstray\n\npara two"
    blocks = [Block(index=0, start=0, end=8), Block(index=1, start=17, end=25)]
    assert paragraph_bounds(text, blocks) == [(0, 8, "body"), (10, 15, "body"), (17, 25, "body")]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_runs_cover_every_paragraph_exactly_and_anchor_each_finding_once(data):
    text = data.draw(st.text(alphabet="ab \n<&\u202e", min_size=1, max_size=60))
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=6))))
    paragraphs = [(a, b) for a, b in zip([0, *cuts], [*cuts, len(text)]) if b > a][::2] or [(0, len(text))]
    findings = [finding(text, a, b) for a, b in (sorted(data.draw(st.tuples(st.integers(0, len(text)),
                                                                           st.integers(0, len(text)))))
                                                for _ in range(data.draw(st.integers(0, 6))))]
    per_paragraph = runs_of(text, findings, paragraphs)
    for (a, b), runs in zip(paragraphs, per_paragraph):
        assert "".join(r["text"] for r in runs) == text[a:b]
    anchors = [x for runs in per_paragraph for r in runs for x in r["anchors"]]
    assert sorted(anchors) == sorted(f"f{n}" for n in range(1, len(findings) + 1))
    heads = [r for runs in per_paragraph for r in runs if "fh" in r["classes"]]
    assert all(r["tip"] for r in heads)


def test_report_names_are_unique_stable_and_never_index():
    def result_for(paths):
        return AuditResult(documents=tuple(
            DocumentResult(document=Document(path=p, format=Path(p).suffix[1:].lower(), text="x"), extraction=Extraction(),
                           findings=()) for p in paths))

    paths = ["b/paper.md", "a/paper.md", "paper.txt", "index.md", "we ird<>name.md", "a/paper.MD"]
    names = report_names(result_for(paths))
    again = report_names(result_for(list(reversed(paths))))
    assert names == again
    assert len(set(n.lower() for n in names.values())) == len(paths)
    assert "index.html" not in {n.lower() for n in names.values()}
    assert [names[p] for p in ("a/paper.MD", "a/paper.md", "b/paper.md", "paper.txt")] == [
        "paper.html", "paper.md.html", "paper.md-2.html", "paper.txt.html"]
    assert names["index.md"] == "index.md.html"
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+\.html", n) for n in names.values())


def test_only_web_urls_and_dois_become_links():
    assert safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    assert safe_url("javascript:alert(1)") == ""
    assert safe_url("https//broken.example") == ""
    assert safe_url('https://x.example/"onmouseover=') == ""
    assert doi_url("10.5555/jdh.2018.0703") == "https://doi.org/10.5555/jdh.2018.0703"
    assert doi_url("javascript:alert(1)") == ""


def test_jinja_is_imported_only_when_rendering():
    code = ("import sys, factcheck.reports.html, factcheck.reports.html.view, factcheck.reports.html.render;"
            "assert 'jinja2' not in sys.modules, 'jinja2 imported early'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_long_findings_lists_put_the_rest_in_a_template():
    text = "word " * 400
    findings = tuple(finding(text, i * 5, i * 5 + 4) for i in range(LIST_LIMIT + 25))
    doc = DocumentResult(document=Document(path="long.txt", format="txt", text=text),
                         extraction=Extraction(blocks=(Block(index=0, start=0, end=len(text) - 1),)), findings=findings)
    view = build_document_view(doc, NOW)
    assert len(view.findings) == LIST_LIMIT and len(view.more_findings) == 25 and view.finding_count == LIST_LIMIT + 25
    assert view.shown_text == f"first {LIST_LIMIT} of {LIST_LIMIT + 25} findings shown"


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])


def parse(path: Path) -> Ids:
    parser = Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_reports_link_within_and_across_documents(tmp_path):
    from tests.corpus.test_corpus_mode import BRIEFING, NEWS

    (tmp_path / "briefing.md").write_text(BRIEFING, encoding="utf-8")
    (tmp_path / "news.txt").write_text(NEWS, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"GIF89a not a pdf")
    result = audit([tmp_path / "briefing.md", tmp_path / "news.txt", tmp_path / "broken.pdf"],
                   Settings(claims_dir=None))
    assert result.corpus_findings and result.errors
    out = tmp_path / "reports"
    paths = write_reports(result, out, NOW)
    assert [p.name for p in paths] == ["briefing.html", "news.html", "index.html"]
    assert sorted(p.name for p in out.iterdir()) == ["briefing.html", "index.html", "news.html"]  # no temp files
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in paths)
    parsed = {p.name: parse(p) for p in paths}
    for name, page in parsed.items():
        assert len(page.ids) == len(set(page.ids)), name
        for href in page.hrefs:
            target, _, anchor = href.partition("#")
            if href.startswith("http"):
                continue
            where = parsed[target] if target else page
            assert not anchor or anchor in where.ids, (name, href)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="news.html#x1"' in index and 'href="briefing.html#at-' in index
    assert "broken.pdf" in index and "not a PDF" in index
    news = (out / "news.html").read_text(encoding="utf-8")
    assert 'id="x1"' in news and "briefing.html#at-" in news  # the finding, and its other place


def test_untrusted_text_is_escaped_by_the_template(tmp_path):
    path = tmp_path / "t.md"
    path.write_text("# <b>Bold</b> & {{ title }}\n\nText with </p><script>alert(1)</script>.\n", encoding="utf-8")
    result = audit([path], Settings(claims_dir=None))
    html = write_reports(result, tmp_path / "out", NOW)[0].read_text(encoding="utf-8")
    assert "<title>&lt;b&gt;Bold&lt;/b&gt; &amp; {{ title }} — factcheck report</title>" in html
    assert "&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
