"""Issue 16's figures: claims checked against the cited works (--sources).

    .venv/bin/python bench/verify_sources.py

1. The fixture set (tests/verify/fixture_set.py: seven invented sources in five formats, two of
   them PDFs; six manuscripts in five styles and formats) with each kind of defect planted:
   recall of each kind by the rule that must find it (and by any verification rule), and the
   false findings per verified quotation or figure on the unaltered copies.
2. Re-runs: the same sources read twice through the content-hash cache, with a 120-page PDF
   among them: loader calls and time, cold against warm, in the same process.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.verify import library as library_module  # noqa: E402
from factcheck.verify.library import read_library  # noqa: E402
from tests.formats.make_pdf import make_pdf  # noqa: E402
from tests.verify.fixture_set import DEFECTS, MANUSCRIPTS, SOURCES, counts  # noqa: E402
from tests.verify.measure import measure  # noqa: E402


def fixture_table(folder: Path) -> None:
    started = time.perf_counter()
    score = measure(folder)
    elapsed = time.perf_counter() - started
    found = counts()
    formats = sorted(source.name.rsplit(".", 1)[1] for source in SOURCES)
    print(f"fixture set: {found['quotations']} quotations, {found['figures']} figures in {len(MANUSCRIPTS)} manuscripts "
          f"({', '.join(sorted(score.formats))}); {len(SOURCES)} sources ({', '.join(formats)})")
    print()
    print(f"{'defect planted':18} {'rule':7} {'planted':>7} {'found':>6} {'recall':>7} {'any rule':>9}")
    for kind, (_, code) in DEFECTS.items():
        print(f"{kind:18} {code:7} {score.planted[kind]:7d} {score.found[kind]:6d} {score.recall(kind):7.3f} "
              f"{score.found_any[kind] / score.planted[kind]:9.3f}")
    checked = sum(score.verified.values())
    print()
    print(f"unaltered copies: {score.verified['quote']} quotations and {score.verified['figure']} figures verified, "
          f"{len(score.false)} false findings = {score.false_rate:.3f} per verified item")
    for name, code, excerpt, message in score.false:
        print(f"  false: {name} {code} {excerpt!r}: {message}")
    for missed in score.missed:
        print(f"  missed: {missed}")
    print(f"({len(MANUSCRIPTS) * (len(DEFECTS) + 1)} audits in {elapsed:.1f} s; {checked} verified items)")


def rerun_table(folder: Path) -> None:
    cited = folder / "cited"
    lines = [f"Paragraph {n} of a long report on the Ardent basin, line {k}." for n in range(1, 121) for k in range(30)]
    pages = [[[line] for line in lines[i:i + 30]] for i in range(0, len(lines), 30)]
    make_pdf(cited / "long-report.pdf", pages, title="A long report on the Ardent basin")
    calls: list[str] = []
    real = library_module.load_document

    def counting(path):
        calls.append(Path(path).name)
        return real(path)

    library_module.load_document = counting
    try:
        cache = folder / "claims" / ".sources-cache.sqlite3"
        runs = {}
        for label in ("cold (first audit)", "warm (second audit)", "warm (third audit)"):
            calls.clear()
            started = time.perf_counter()
            library = read_library(cited, cache)
            runs[label] = (time.perf_counter() - started, len(calls), library)
        no_cache = []
        for _ in range(3):
            started = time.perf_counter()
            read_library(cited, None)
            no_cache.append(time.perf_counter() - started)
    finally:
        library_module.load_document = real
    sources = len(runs["cold (first audit)"][2].sources)
    print(f"re-runs: {sources} sources (one a 120-page PDF), read by a new process each time")
    print(f"{'run':22} {'loader calls':>12} {'seconds':>8}")
    for label, (seconds, loads, _) in runs.items():
        print(f"{label:22} {loads:12d} {seconds:8.3f}")
    print(f"{'no cache (median of 3)':22} {sources:12d} {statistics.median(no_cache):8.3f}")
    warm = runs["warm (second audit)"][0]
    print(f"warm / no cache: {warm / statistics.median(no_cache):.3f}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        fixture_table(folder)
        print()
        rerun_table(folder)


if __name__ == "__main__":
    main()
