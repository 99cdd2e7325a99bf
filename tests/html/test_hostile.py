"""Untrusted text stays text: hostile markup in a document, its entries, quotes and file name.

Each payload must come out as visible text (in the page's innerText), no dialog may open and the
page must log nothing: not a script error, and not a Content-Security-Policy violation either,
which is what an injected tag that escaping failed to neutralise would cause. The same pages
are opened a second time with the policy bypassed, so that escaping alone is what is tested.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from factcheck.config import Settings
from factcheck.pipeline import audit
from factcheck.reports.html import write_reports
from factcheck.reports.html.render import render_document
from factcheck.reports.html.view import build_document_view
from tests.html.conftest import NOW, screenshot
from tests.html.hostile import hostile_text
from tests.html.payloads import PAYLOADS

HOSTILE_NAME = 'evil"<img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    text = hostile_text()
    md = folder / f"{HOSTILE_NAME}.md"
    txt = folder / "hostile.txt"
    md.write_text(text, encoding="utf-8")
    txt.write_text(text, encoding="utf-8")
    result = audit([md, txt], Settings(claims_dir=None))
    assert not result.errors, result.errors
    out = folder / "reports"
    paths = write_reports(result, out, NOW)
    return result, paths


def test_payload_corpus_is_large_and_reaches_findings_and_entries(hostile):
    result, _paths = hostile
    assert len(PAYLOADS) >= 50
    for doc in result.documents:
        assert all(p in doc.document.text for p in PAYLOADS)
        excerpts = " ".join(f.excerpt + " " + f.message for f in doc.findings)
        assert sum(p in excerpts for p in PAYLOADS) >= 20  # tooltips and the findings list
        entries = " ".join(r.text for r in doc.extraction.references)
        assert "<img src=x onerror=alert(1)>" in entries and "</textarea><script>" in entries
        assert "<script>" in (doc.document.metadata.title or "")


class Markup(HTMLParser):
    """Every tag and attribute of a page, and its text, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


TAGS = {"html", "head", "meta", "title", "style", "body", "a", "header", "nav", "h1", "h2", "h3", "dl", "dt", "dd",
        "code", "span", "ul", "ol", "li", "button", "main", "section", "aside", "p", "mark", "form", "fieldset",
        "legend", "label", "input", "select", "option", "table", "caption", "thead", "tbody", "tr", "th", "td",
        "div", "br", "q", "b", "time", "footer", "script", "template"}
ATTRIBUTES = {"id", "class", "href", "title", "tabindex", "role", "type", "checked", "value", "for", "placeholder",
              "autocomplete", "lang", "charset", "name", "content", "http-equiv", "datetime", "scope", "rel",
              "hidden"}


def test_markup_is_escaped_in_the_html(hostile):
    result, paths = hostile
    for path in paths:
        html = path.read_text(encoding="utf-8")
        parsed = Markup()
        parsed.feed(html)
        assert {tag for tag, _ in parsed.tags} <= TAGS, path.name
        assert [tag for tag, _ in parsed.tags].count("script") == 1
        assert [tag for tag, _ in parsed.tags].count("style") == 1
        for tag, attrs in parsed.tags:
            for name, value in attrs.items():
                assert name in ATTRIBUTES or name.startswith(("data-", "aria-")), (path.name, tag, name)
                if name == "href":
                    assert re.match(r"#|[A-Za-z0-9._-]+\.html(#|$)|https?://", value or ""), (path.name, value)
        if path.name != "index.html":
            text = "".join(parsed.text)
            assert all(p in text for p in PAYLOADS)
    doc_view = build_document_view(result.documents[0], NOW)
    assert "{{ 7*7 }}" in render_document(doc_view)  # never evaluated as a template


def test_report_names_are_safe(hostile):
    _result, paths = hostile
    names = [p.name for p in paths]
    assert names[-1] == "index.html"
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+\.html", n) for n in names), names


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_payloads_are_visible_text_and_inert_in_chromium(browser, hostile, bypass_csp):
    _result, paths = hostile
    context = browser.new_context(viewport={"width": 1300, "height": 900}, bypass_csp=bypass_csp)
    context.route(lambda url: not url.startswith("file://"), lambda route: route.abort())
    page = context.new_page()
    console, errors, dialogs, requests = [], [], [], []
    page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))

    def dialog(d):
        dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    try:
        for path in paths:
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            if path.name == "index.html":
                text = page.evaluate("document.body.innerText")
                assert HOSTILE_NAME in text
                assert page.title() == "factcheck reports"
                continue
            assert "<script>alert(1)</script>" in page.title()
            text = page.evaluate("document.body.innerText")
            missing = [p for p in PAYLOADS if p not in text]
            assert not missing, missing
            if bypass_csp:
                # every element gets the pointer and every focusable one the focus (events
                # dispatched in the page: an injected handler would fire on them too)
                touched = page.evaluate("""() => {
                    let n = 0;
                    for (const e of document.querySelectorAll('body *')) {
                        e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
                        if (!e.closest('a[href], button, form, label')) {
                            e.dispatchEvent(new MouseEvent('click', {bubbles: true}));
                        }
                        if (e.tabIndex >= 0) { e.focus(); e.blur(); }
                        n++;
                    }
                    return n;
                }""")
                assert touched > 500
            for _ in range(15):
                page.keyboard.press("Tab")
            tip = page.locator("#tip")
            marks = page.locator(".blk mark.fh")
            tips = marks.evaluate_all("els => els.map(e => e.dataset.tip)")
            # REF002 quotes the hostile URL in its message: the tooltip shows it, unevaluated
            ref002 = next(i for i, t in enumerate(tips) if "REF002" in t)
            marks.nth(ref002).focus()
            assert tip.is_visible()
            assert "'https//evil.example/{{7*7}}'" in tip.inner_text()
            marks.nth(ref002).hover()
            assert "{{7*7}}" in tip.inner_text()
            # the findings list quotes the excerpts, payloads included
            listed = page.locator("#flist").inner_text()
            assert sum(p in listed for p in PAYLOADS) >= 20
            # the tables show parsed titles with the payloads as text
            assert "Allocation rules under <img src=x onerror=alert(1)>" in page.locator("#references").inner_text()
            if not bypass_csp:
                screenshot(page, f"hostile-{path.stem[:20].replace('<', '_').replace('>', '_')}.png")
        page.wait_for_timeout(100)  # a late onerror/onload would fire by now
    finally:
        context.close()
    assert dialogs == []
    assert errors == []
    assert console == []
    assert all(url.startswith("file://") for url in requests), requests


def test_bidi_controls_are_isolated_and_shown(hostile):
    result, _paths = hostile
    view = build_document_view(result.documents[1], NOW)
    controls = [r for p in view.paragraphs for r in p.runs if r.codepoint]
    assert {r.codepoint for r in controls} >= {"U+202E", "U+2066", "U+2069", "U+202D", "U+202C"}
    assert all(len(r.text) == 1 and "ctl" in r.classes for r in controls)


_CONTROL = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# The tag right before a control: a span or mark of class "ctl" that names the control.
_ISOLATING = re.compile(r'<(?:span|mark) class="[^"]*\bctl\b[^"]*"[^>]*data-cp="U\+[0-9A-F]{4}">')


def test_no_bidi_control_stands_raw_anywhere_in_the_pages(hostile, tmp_path):
    """Outside the document's text too (excerpts, claims, messages, notes, the index), each
    bidirectional control is isolated in a span that names it: raw in an excerpt, a right-to-left
    override reversed the rest of the line it was quoted on."""
    _result, paths = hostile
    pages = [path.read_text(encoding="utf-8") for path in paths]
    pages.append(render_document(build_document_view(_one_claim_with_an_override(tmp_path), NOW)))
    for html in pages:
        raw = [m.start() for m in _CONTROL.finditer(html) if not _ISOLATING.fullmatch(html[html.rfind("<", 0, m.start()):m.start()])]
        assert raw == [], [html[max(0, i - 60):i + 5] for i in raw[:3]]
    page = pages[-1]
    assert '<td class="wrap">The plant employs 3,000 people in 2021 <span class="ctl" data-cp="U+202E">\u202e</span>' in page
    assert 'href="https://example.org/a%E2%80%AEb"' in page  # a link's target: the control percent-encoded
    assert '>https://example.org/a<span class="ctl" data-cp="U+202E">\u202e</span>b</a>' in page


def _one_claim_with_an_override(tmp_path):
    doc = tmp_path / "override.md"
    doc.write_text("# Report\n\nThe plant employs 3,000 people in 2021 \u202e(reversed string) and more (Lee, 2020).\n\n"
                   "## References\n\nLee, A. (2020). Plants. https://example.org/a\u202eb\n", encoding="utf-8")
    return audit([doc], Settings(claims_dir=None, genre="report")).documents[0]
