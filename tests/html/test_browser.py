"""The reports in a real browser: navigation, filters, tooltips, sorting, no console noise."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import Settings
from factcheck.pipeline import audit
from factcheck.reports.html import write_reports
from tests.html.conftest import NOW, ROOT, screenshot


@pytest.fixture(scope="module")
def river_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("river")
    result = audit([ROOT / "sources" / "river-basin-paper.md"], Settings(claims_dir=None))
    paths = write_reports(result, out, NOW)
    assert [p.name for p in paths] == ["river-basin-paper.html", "index.html"]
    return paths[0]


@pytest.fixture(scope="module")
def demo_reports(tmp_path_factory, demo_result) -> Path:
    out = tmp_path_factory.mktemp("demo")
    write_reports(demo_result, out, NOW)
    return out


def in_viewport(page, element_id: str) -> bool:
    return page.evaluate("""id => {
        const r = document.getElementById(id).getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
    }""", element_id)


def assert_quiet(page) -> None:
    watch = page.watch
    assert watch.errors == [], watch.errors
    assert watch.console == [], watch.console
    assert watch.dialogs == [], watch.dialogs
    assert all(url.startswith("file://") for url in watch.requests), watch.requests


def test_citation_jumps_to_its_entry_and_back(page, river_report):
    page.goto(river_report.as_uri())
    screenshot(page, "river-basin-top.png")
    citation = page.locator("a.cit", has_text="Achterburg, 2018")
    target = citation.get_attribute("href")
    assert target.startswith("#ref-")
    citation.click()
    assert page.evaluate("location.hash") == target
    entry = page.locator(target)
    assert entry.evaluate("e => e.matches(':target')")
    assert "Achterberg, L. (2018)" in entry.inner_text()
    assert in_viewport(page, target[1:])
    screenshot(page, "river-basin-entry.png")
    # the entry links back to the citation that cites it
    back = page.locator(f"{target} ~ a.back").first
    cite_id = citation.get_attribute("id")
    assert back.get_attribute("href") == f"#{cite_id}"
    back.click()
    assert page.evaluate("location.hash") == f"#{cite_id}"
    assert in_viewport(page, cite_id)
    assert_quiet(page)


def test_filter_findings_by_rule(page, river_report):
    page.goto(river_report.as_uri())
    items = page.locator("#flist > li")
    total = items.count()
    assert total >= 9
    page.select_option("#rule-filter", "CIT003")
    visible = page.locator("#flist > li:not([hidden])")
    assert visible.count() == 1
    assert visible.first.get_attribute("data-rule") == "CIT003"
    assert page.locator("#shown").inner_text() == f"1 of {total} findings shown"
    screenshot(page, "river-basin-filter-rule.png")
    # severity and text filters combine with it; clearing restores everything
    page.select_option("#rule-filter", "")
    page.uncheck("input[data-sev=error]")
    assert all(s != "error" for s in page.locator("#flist > li:not([hidden])").evaluate_all(
        "els => els.map(e => e.dataset.sev)"))
    page.fill("#text-filter", "achterberg")
    page.wait_for_function("() => document.getElementById('shown').textContent.startsWith('0 of')")
    page.click("button[type=reset]")
    page.wait_for_function(f"() => document.getElementById('shown').textContent.startsWith('{total} of')")
    # a rule chip in the header filters too
    page.click("button[data-rule=REF002]")
    assert page.locator("#flist > li:not([hidden])").evaluate_all("els => els.map(e => e.dataset.rule)") == ["REF002"]
    assert_quiet(page)


def test_finding_tooltip_on_hover_and_keyboard_focus(page, river_report):
    page.goto(river_report.as_uri())
    tip = page.locator("#tip")
    assert tip.is_hidden()
    mark = page.locator("mark.fh", has_text="largest tributary").first
    mark.hover()
    assert tip.is_visible()
    assert "CLM001" in tip.inner_text() and "Suggestion:" in tip.inner_text()
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    # keyboard only: Tab until a finding in the text has the focus
    page.mouse.move(0, 0)
    page.locator("body").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.blk [data-tip]')"):
            break
    else:
        pytest.fail("no finding in the text is reachable with Tab")
    assert tip.is_visible()
    described = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert described and page.locator("#" + described.split()[0]).count() == 1
    screenshot(page, "river-basin-tooltip.png")
    assert_quiet(page)


def test_finding_links_to_its_place_and_related_entry(page, river_report):
    page.goto(river_report.as_uri())
    item = page.locator("#flist > li[data-rule=CIT004]")
    item.locator("a.head").click()
    hash_ = page.evaluate("location.hash")
    assert page.locator(hash_).count() == 1 and in_viewport(page, hash_[1:])
    item.locator("ul.rel a").first.click()
    target = page.evaluate("location.hash")
    assert target.startswith("#at-")
    # the related place is the entry "Ferreira, A., & Sato, Y. (2018)": its run is flashed
    flashed = page.locator(".flash")
    assert flashed.count() == 1 and flashed.inner_text().startswith("Ferreira")
    assert_quiet(page)


def test_claims_table_sorts_by_header(page, river_report):
    page.goto(river_report.as_uri())
    table = page.locator("#claims table")
    column = table.locator("thead th").nth(2)  # check-worthiness
    column.locator("button").click()
    values = table.locator("tbody tr td:nth-child(3)").all_inner_texts()
    assert values == sorted(values, key=float)
    assert column.get_attribute("aria-sort") == "ascending"
    column.locator("button").click()
    values = table.locator("tbody tr td:nth-child(3)").all_inner_texts()
    assert values == sorted(values, key=float, reverse=True)
    assert_quiet(page)


def test_index_links_every_report(page, demo_reports):
    page.goto((demo_reports / "index.html").as_uri())
    screenshot(page, "index.png")
    links = page.locator("#documents tbody a")
    assert links.count() == 5
    hrefs = links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert all((demo_reports / h).is_file() for h in hrefs)
    links.first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(hrefs[0])
    assert_quiet(page)


def test_pdf_report_shows_pages(page, demo_reports):
    page.goto((demo_reports / "water-tariffs-brief.html").as_uri())
    locs = page.locator(".blk").evaluate_all("els => els.map(e => e.dataset.loc)")
    assert locs[0].startswith("p. 1 ·") and any(loc.startswith("p. 2 ·") for loc in locs)
    wheres = page.locator("#flist .where").all_inner_texts()
    assert wheres and all("· p. " in w for w in wheres)
    screenshot(page, "water-tariffs-brief.png")
    assert_quiet(page)


def test_notes_report_links_markers_to_notes(page, demo_reports):
    page.goto((demo_reports / "port-expansion-report.html").as_uri())
    marker = page.locator("a.cit[href^='#note-']").first
    target = marker.get_attribute("href")
    marker.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(target).evaluate("e => e.matches(':target')")
    assert page.locator("#notes h3").count() >= 2  # notes restart per block
    assert_quiet(page)


def test_long_findings_list_filters_over_every_item_and_shows_more(page, tmp_path):
    from factcheck.claims.model import Claim
    from factcheck.text.model import Block
    from factcheck.extract import Extraction
    from factcheck.documents.model import Document
    from factcheck.model import Severity
    from factcheck.results import AuditResult, DocumentResult
    from factcheck.reports.html.view import LIST_LIMIT
    from factcheck.results import Finding

    words = [f"word{n:03d}" for n in range(LIST_LIMIT + 60)]
    text = " ".join(words)
    findings, pos = [], 0
    for n, word in enumerate(words):
        code, severity = ("SPL001", Severity.WARNING) if n < LIST_LIMIT else ("NUM002", Severity.INFO)
        findings.append(Finding(code=code, rule="rule", severity=severity, message=f"finding {word}", start=pos,
                                end=pos + len(word), excerpt=word))
        pos += len(word) + 1
    claims = tuple(Claim(id=f"c{n}", kind="general", start=f.start, end=f.end, text=f.excerpt, block=0,
                         checkworthiness=1 - n / 1000) for n, f in enumerate(findings))
    doc = DocumentResult(document=Document(path="long.txt", format="txt", text=text),
                         extraction=Extraction(blocks=(Block(index=0, start=0, end=len(text)),), claims=claims),
                         findings=tuple(findings))
    report = write_reports(AuditResult(documents=(doc,)), tmp_path, NOW)[0]
    page.goto(report.as_uri())
    total = len(words)
    assert page.locator("#flist > li").count() == LIST_LIMIT
    assert page.locator("#shown").inner_text() == f"first {LIST_LIMIT} of {total} findings shown"
    page.select_option("#rule-filter", "NUM002")  # every one of them waits in the <template>
    assert page.locator("#flist > li").count() == 60
    assert "finding word200" in page.locator("#flist > li").first.inner_text()
    page.fill("#text-filter", "word259")
    page.wait_for_function("() => document.getElementById('shown').textContent === '1 of %d findings shown'" % total)
    page.click("button[type=reset]")
    page.wait_for_function("() => document.getElementById('shown').textContent.startsWith('first')")
    assert page.locator("#more").is_visible()
    page.click("#more")
    assert page.locator("#flist > li").count() == total
    assert page.locator("#more").is_hidden()
    assert page.locator("#shown").inner_text() == f"{total} of {total} findings shown"
    # the claims table: the first rows shown, sorting orders every row, then all rows on request
    rows = page.locator("#claims-table tbody tr")
    assert rows.count() == LIST_LIMIT
    page.click("#claims-table thead th:nth-child(3) button")  # check-worthiness, ascending
    assert rows.count() == LIST_LIMIT
    assert rows.first.locator("td").nth(2).inner_text() == f"{1 - (total - 1) / 1000:.2f}"  # from the template
    page.click("button[data-show-all]")
    assert rows.count() == total
    values = [float(v) for v in page.locator("#claims-table tbody tr td:nth-child(3)").all_inner_texts()]
    assert values == sorted(values)
    assert_quiet(page)


def test_claims_are_shown_on_demand_and_only_findings_look_like_problems(page, demo_reports):
    page.goto((demo_reports / "grid-outage-news.html").as_uri())

    def underline(selector: str) -> str:
        return page.locator(selector).first.evaluate("e => getComputedStyle(e).textDecorationLine")

    def style(selector: str) -> str:
        return page.locator(selector).first.evaluate("e => getComputedStyle(e).textDecorationStyle")

    # A calm page: claims carry no underline until asked for; a finding is tinted all along.
    assert underline(".doc .cl.s-unsourced") == "none"
    assert underline(".doc .cl.s-attributed") == "none"
    assert page.locator(".legend .claims-only").first.is_hidden()
    finding = page.locator(".doc mark.f.sev-warning").first
    assert finding.evaluate("e => getComputedStyle(e).borderBottomStyle") == "solid"
    screenshot(page, "grid-outage-calm.png")
    page.locator("#show-claims").check()
    assert underline(".doc .cl.s-attributed") == "underline" and style(".doc .cl.s-attributed") == "dashed"
    # an unsourced claim is a quiet dotted line, not a red wavy one
    assert underline(".doc .cl.s-unsourced") == "underline" and style(".doc .cl.s-unsourced") == "dotted"
    assert page.locator(".legend .claims-only").first.is_visible()
    screenshot(page, "grid-outage-claims.png")
    page.locator("#show-claims").uncheck()
    assert underline(".doc .cl.s-unsourced") == "none"
    assert_quiet(page)
