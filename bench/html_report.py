"""HTML report at scale: a 300-page document (~600 KB of text) with 5,000 findings.

Builds the audit result directly (a synthetic PDF-like document with pages, paragraphs,
claims, author-year citations, a reference list and findings of several rules, some nested
and some crossing claim boundaries), then prints, as the median of several runs:

- render: view model + Jinja2, in Python;
- load: headless Chromium (Debian's /usr/bin/chromium) from navigation start to the load event;
- filter: a click round-trip on the findings filter (select a rule, wait for the list to update);
- ready: load + filter, the time until the page is loaded and has answered one interaction;
- and, for responsiveness, a jump to the claims table and a sort of it.

    .venv/bin/python bench/html_report.py [--runs 3] [--pages 300] [--findings 5000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.claims.model import Claim  # noqa: E402
from factcheck.text.model import Block  # noqa: E402
from factcheck.extract import Extraction  # noqa: E402
from factcheck.documents.model import Document, DocumentMetadata, Segment  # noqa: E402
from factcheck.model import Severity  # noqa: E402
from factcheck.results import DocumentResult  # noqa: E402
from factcheck.reports.html.render import render_document  # noqa: E402
from factcheck.reports.html.format import shown_status  # noqa: E402
from factcheck.reports.html.view import LIST_LIMIT, build_document_view  # noqa: E402
from factcheck.results import Finding, Related  # noqa: E402
from factcheck.citations.model import Author, Citation, Link, ReferenceEntry  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
WORDS = ("water basin reservoir release storage district allocation season flow river dam operator "
         "irrigation schedule commission record sediment catchment downstream upstream contract tariff "
         "agreement policy drought flood volume timing share rainfall plateau engineer manager farmer").split()
SURNAMES = ("Okafor Brandt Mensah Ferreira Sato Haddad Achterberg Ruiz Nakamura Tavares Keane Castellanos "
            "Halvorsen Ndiaye Oduya Brennan Vellmar Larsen Obi Delacroix").split()
RULES = [("CLM001", "unsourced-claim", Severity.WARNING), ("SPL001", "misspelling", Severity.WARNING),
         ("CIT003", "author-mismatch", Severity.ERROR), ("NUM002", "malformed-number", Severity.INFO),
         ("DATE001", "date-conflict", Severity.ERROR), ("CLM005", "vague-attribution", Severity.INFO)]


def synthetic(pages: int, n_findings: int, seed: int = 7) -> DocumentResult:
    rng = random.Random(seed)
    parts: list[str] = []
    pos = 0
    blocks, segments, claims, citations, sentences_at = [], [], [], [], []
    refs_cited: dict[str, list[str]] = {}

    def emit(piece: str) -> tuple[int, int]:
        nonlocal pos
        start = pos
        parts.append(piece)
        pos += len(piece)
        return start, pos

    for page in range(1, pages + 1):
        page_start = pos
        for _paragraph in range(4):
            block_start = pos
            for s in range(rng.randint(3, 5)):
                words = [rng.choice(WORDS) for _ in range(rng.randint(11, 18))]
                words[0] = words[0].capitalize()
                start, _ = emit(" ".join(words) + f" in {rng.randint(1950, 2023)}")
                if rng.random() < 0.4:
                    author, year = rng.choice(SURNAMES), rng.randint(1990, 2023)
                    emit(" (")
                    c0, c1 = emit(f"{author}, {year}")
                    cid = f"k{len(citations) + 1}"
                    citations.append(Citation(id=cid, style="author-year", start=c0, end=c1, text=f"{author}, {year}",
                                              authors=(author,), year=str(year)))
                    refs_cited.setdefault(author, []).append(cid)
                    emit(")")
                end = pos
                emit(". ")
                sentences_at.append((start, end))
                if s % 2 == 0:
                    cid = f"c{len(claims) + 1}"
                    support = rng.choice(("cited", "attributed", "inherited", "unsourced"))
                    claims.append(Claim(id=cid, kind=rng.choice(("statistic", "temporal", "general")), start=start,
                                        end=end, text="".join(parts)[start:end] if False else "", block=len(blocks),
                                        support=support, checkworthiness=round(rng.random(), 2)))
            pos -= 1
            parts[-1] = parts[-1][:-1]
            blocks.append(Block(index=len(blocks), start=block_start, end=pos))
            emit("\n\n")
        segments.append(Segment(start=page_start, end=pos, page=page))
    # the reference list
    refs_start = pos
    emit("References\n\n")
    references, links = [], []
    for n, author in enumerate(SURNAMES * 8, 1):
        r0, r1 = emit(f"{author}, A. ({1990 + n % 30}). A study of {rng.choice(WORDS)} and {rng.choice(WORDS)}. "
                      f"Journal of {rng.choice(WORDS).capitalize()} Studies, {n}(2), 1-20.")
        references.append(ReferenceEntry(id=f"r{n}", start=r0, end=r1, text="", authors=(Author(surname=author),),
                                         year=str(1990 + n % 30), title=f"A study {n}", container="Journal"))
        blocks.append(Block(index=len(blocks), start=r0, end=r1, kind="references"))
        emit("\n\n")
    segments.append(Segment(start=refs_start, end=pos, page=pages))
    text = "".join(parts)
    claims = [c.model_copy(update={"text": text[c.start:c.end]}) for c in claims]
    references = [r.model_copy(update={"text": text[r.start:r.end]}) for r in references]
    first_ref = {}
    for r in references:
        first_ref.setdefault(r.authors[0].surname, r.id)
    for c in citations:
        links.append(Link(citation_id=c.id, target_id=first_ref[c.authors[0]], score=100.0, how="exact"))
    # findings: on claims (whole or part), on citations, on single words, some nested, some crossing
    findings = []
    for i in range(n_findings):
        code, name, severity = RULES[i % len(RULES)]
        if code == "CIT003" and citations:
            c = citations[rng.randrange(len(citations))]
            start, end = c.start, c.end
        elif code == "CLM001" and claims:
            c = claims[rng.randrange(len(claims))]
            start, end = c.start, min(c.end, c.start + rng.randint(20, 120))
        else:
            s0, s1 = sentences_at[rng.randrange(len(sentences_at))]
            start = rng.randint(s0, max(s0, s1 - 12))
            end = min(len(text), start + rng.randint(4, 40))  # may cross into the next sentence
        related = ()
        if code == "DATE001":
            o0 = rng.randrange(0, len(text) - 10)
            related = (Related(start=o0, end=o0 + 8, excerpt=text[o0:o0 + 8], label="other statement"),)
        findings.append(Finding(code=code, rule=name, severity=severity, message=f"Synthetic {name} finding number {i}.",
                                start=start, end=end, excerpt=text[start:end], suggestion="a suggested fix",
                                related=related))
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    doc = Document(path="bench/synthetic-300-pages.pdf", format="pdf", text=text, segments=tuple(segments),
                   metadata=DocumentMetadata(title="A synthetic 300-page report", published="2024-03-14"))
    extraction = Extraction(blocks=tuple(blocks), claims=tuple(claims), citations=tuple(citations),
                            references=tuple(references), links=tuple(links))
    return DocumentResult(document=doc, extraction=extraction, findings=tuple(findings))


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--findings", type=int, default=5000)
    parser.add_argument("--keep", help="folder to keep the rendered report in")
    args = parser.parse_args()

    result = synthetic(args.pages, args.findings)
    doc = result.document
    print(f"document: {args.pages} pages, {len(doc.text.encode('utf-8')) / 1000:.0f} KB of text, "
          f"{len(result.findings)} findings, {len(result.extraction.claims)} claims, "
          f"{len(result.extraction.citations)} citations, {len(result.extraction.references)} references")
    render_times, html = [], ""
    for _ in range(args.runs):
        t0 = time.perf_counter()
        view = build_document_view(result, NOW, {doc.path: "synthetic.html"})
        t1 = time.perf_counter()
        html = render_document(view)
        t2 = time.perf_counter()
        render_times.append((t1 - t0, t2 - t1))
    view_s = median([a for a, _ in render_times])
    template_s = median([b for _, b in render_times])
    print(f"render:  {view_s + template_s:6.2f} s  (view model {view_s:.2f} s, template {template_s:.2f} s), "
          f"HTML {len(html.encode('utf-8')) / 1e6:.1f} MB")

    if not Path(CHROMIUM).exists():
        print(f"browser: skipped ({CHROMIUM} not found)")
        return
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
        page_path = Path(args.keep) / "synthetic.html"
        page_path.write_text(html, encoding="utf-8")
        browse(page_path, result, args.runs)
        print(f"report:  {page_path}")
        return
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as folder:
        page_path = Path(folder) / "synthetic.html"
        page_path.write_text(html, encoding="utf-8")
        browse(page_path, result, args.runs)


def browse(page_path: Path, result: DocumentResult, runs: int) -> None:
    total = len(result.findings)
    matching = sum(f.code == "CIT003" for f in result.findings)
    expected = shown_status(min(matching, LIST_LIMIT), matching, total)
    frames = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    from playwright.sync_api import sync_playwright

    loads, filters, jumps, sorts, nodes, errors = [], [], [], [], 0, []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            t0 = time.perf_counter()
            page.goto(page_path.as_uri(), wait_until="load")
            t1 = time.perf_counter()
            t2 = time.perf_counter()
            page.select_option("#rule-filter", "CIT003")
            page.wait_for_function(f"() => document.getElementById('shown').textContent === '{expected}'")
            page.evaluate(frames)
            t3 = time.perf_counter()
            page.evaluate("() => { location.hash = '#claims'; }")
            page.evaluate(frames)
            t4 = time.perf_counter()
            page.click("#claims-table thead th:nth-child(3) button")
            page.evaluate(frames)
            t5 = time.perf_counter()
            loads.append(t1 - t0)
            filters.append(t3 - t2)
            jumps.append(t4 - t3)
            sorts.append(t5 - t4)
            nodes = page.evaluate("document.getElementsByTagName('*').length")
            context.close()
        browser.close()
    load, flt = median(loads), median(filters)
    print(f"browser: load {load:6.2f} s, filter round-trip {flt:5.2f} s, ready {load + flt:5.2f} s "
          f"(median of {runs}; {nodes} elements){'; page errors: ' + str(errors) if errors else ''}")
    print(f"         jump to the claims table {median(jumps):5.2f} s, sort it {median(sorts):5.2f} s")


if __name__ == "__main__":
    main()
