"""Where the audit time goes: each extraction stage and each rule, timed on the same documents.

The pipeline's own functions are called in its order (``factcheck.extract.extract`` spelled
out), every stage timed separately; the medians of several runs are printed as seconds and as a
share of the whole, with a single regex pass over the same text as the same-process baseline.
Use it to find the stage to speed up and to give before/after figures.

    .venv/bin/python bench/stages.py [--runs 5] [--copies 40] [--top 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.claims.attribution import find_attributions  # noqa: E402
from factcheck.claims.extract import extract_claims  # noqa: E402
from factcheck.text.layout import layout, mark_regions  # noqa: E402
from factcheck.text.sentences import split_sentences  # noqa: E402
from factcheck.config import Settings  # noqa: E402
from factcheck.context import AuditContext  # noqa: E402
from factcheck.extract import Extraction  # noqa: E402
from factcheck.documents import Document, load_document  # noqa: E402
from factcheck.rules.registry import select_rules  # noqa: E402
from factcheck.citations.find import find_citations  # noqa: E402
from factcheck.citations.notes import find_notes  # noqa: E402
from factcheck.citations.references import find_references  # noqa: E402
from factcheck.citations.resolve import resolve  # noqa: E402
from bench.timing import regex_pass_seconds  # noqa: E402



def timed_audit(document: Document, settings: Settings, clock: dict[str, float]) -> None:
    """One document through the stages of ``factcheck.extract.extract`` and every selected rule."""
    def stage(name, function, *args):
        start = time.perf_counter()
        value = function(*args)
        clock[name] += time.perf_counter() - start
        return value

    text = document.text
    blocks = stage("layout", layout, text)
    region, references = stage("references", find_references, text, blocks)
    note_blocks, notes = stage("notes", find_notes, text, blocks)
    regions = [(nb.notes_start, nb.notes_end, "notes") for nb in note_blocks]
    if region:
        regions.append((region[0], region[1], "references"))
    blocks = stage("layout", mark_regions, blocks, regions)
    found = stage("citations", find_citations, text, blocks, note_blocks)
    citations = sorted(found, key=lambda c: (c.start, c.end))
    sentences = stage("sentences", split_sentences, text, blocks)
    attributions = stage("attributions", find_attributions, text, sentences)
    links = stage("linking", resolve, found, references, notes)
    claims = stage("claims", extract_claims, text, blocks, sentences, citations, attributions)
    extraction = Extraction(blocks=tuple(blocks), sentences=tuple(sentences), claims=tuple(claims),
                            citations=tuple(citations), attributions=tuple(attributions),
                            references=tuple(references), reference_region=region,
                            note_blocks=tuple(note_blocks), notes=tuple(notes), links=tuple(links))
    ctx = AuditContext(document=document, extraction=extraction, settings=settings)
    for spec in select_rules(settings.select, settings.ignore):
        stage(f"rule {spec.code}", lambda: list(spec.check(ctx)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=40, help="times each sources/ document is audited per run")
    parser.add_argument("--top", type=int, default=15, help="stages shown, largest first")
    args = parser.parse_args()
    paths = [p for p in sorted((ROOT / "sources").iterdir())
             if p.suffix in (".txt", ".md", ".html", ".pdf", ".docx")]
    documents = [load_document(p) for p in paths] * args.copies
    settings = Settings()
    megabytes = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    for document in documents[: len(paths)]:  # warm-up: imports, compiled patterns, caches
        timed_audit(document, settings, defaultdict(float))
    runs: list[dict[str, float]] = []
    for _ in range(args.runs):
        clock: dict[str, float] = defaultdict(float)
        for document in documents:
            timed_audit(document, settings, clock)
        runs.append(clock)
    medians = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    total = statistics.median(sum(run.values()) for run in runs)
    texts = [d.text for d in documents]
    regex = regex_pass_seconds(texts, args.runs)
    print(f"{len(documents)} documents, {megabytes:.2f} MB, median of {args.runs} runs: "
          f"{total:.3f} s = {megabytes / total:.2f} MB/s; one regex pass {regex:.3f} s, ratio {total / regex:.0f}x")
    shown = sorted(medians.items(), key=lambda item: -item[1])[: args.top]
    for name, seconds in shown:
        print(f"  {name:22} {seconds:7.3f} s  {100 * seconds / total:5.1f}%  {megabytes / seconds:7.2f} MB/s alone")
    rest = total - sum(seconds for _, seconds in shown)
    print(f"  {'the other stages':22} {rest:7.3f} s  {100 * rest / total:5.1f}%")


if __name__ == "__main__":
    main()
