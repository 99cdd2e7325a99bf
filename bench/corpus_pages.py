"""The corpus findings each document's HTML page lists: one index per run against a scan per page.

Each page of a run lists the corpus findings naming its document. Found by reading every corpus
finding for every page, the work was documents x findings; ``corpus_findings_by_path`` reads them
once. Prints both on made-up findings (``--findings``, each with four related places in other
documents) for ``--documents`` pages, the scan timed on ``--sample`` pages and scaled:

    .venv/bin/python bench/corpus_pages.py --documents 200000 --findings 1855
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.reports.html.view import corpus_findings_by_path  # noqa: E402
from factcheck.results import AuditResult, Finding, Related  # noqa: E402


def scanned(result: AuditResult, path: str) -> list:
    """What a page found before: every corpus finding read for it."""
    return [n for n, f in enumerate(result.corpus_findings, 1)
            if f.path == path or any((r.path or f.path) == path for r in f.related)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--findings", type=int, default=1_855)
    parser.add_argument("--sample", type=int, default=2_000, help="pages the scan is timed on")
    args = parser.parse_args()
    documents, count = args.documents, args.findings

    def name(number: int) -> str:
        return f"doc{number % documents:07d}.txt"

    findings = tuple(Finding(code="DATE001", rule="date-conflict-across", severity="warning", message="m", start=0,
                             end=4, excerpt="2019", path=name(i * 107),
                             related=tuple(Related(start=0, end=4, excerpt="2021", path=name(i * 107 + k * 13))
                                           for k in range(1, 5)))
                     for i in range(count))
    result = AuditResult(documents=(), corpus_findings=findings)
    paths = [name(n) for n in range(documents)]
    sample = paths[:min(args.sample, documents)]
    started = time.perf_counter()
    before = [scanned(result, path) for path in sample]
    scan = (time.perf_counter() - started) * documents / len(sample)
    started = time.perf_counter()
    index = corpus_findings_by_path(result)
    after = [index.get(path, []) for path in paths]
    indexed = time.perf_counter() - started
    assert before == after[:len(sample)], "the index lists what the scan found"
    print(f"{documents:,} pages, {count:,} corpus findings of 4 related places each: a scan per page "
          f"{scan:.1f} s (timed on {len(sample):,} pages), one index {indexed:.3f} s ({scan / indexed:,.0f}x)")


if __name__ == "__main__":
    main()
