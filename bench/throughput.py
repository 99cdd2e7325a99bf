"""Audit throughput in MB of text per second (median of several runs, no HTML, no ledger).

Two inputs: the documents of ../shared/corpus, and a ~10 MB text made by concatenating the
text of our sources/ examples. A single regex pass over the same text is timed in the same
process as a baseline, so the ratio says how far we are from a bare scan whatever the machine.

    .venv/bin/python bench/throughput.py [--runs 5] [--mb 10]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.config import Settings  # noqa: E402
from factcheck.documents import Document, load_document  # noqa: E402
from factcheck.pipeline import audit_document  # noqa: E402
from bench.timing import median_seconds, regex_pass_seconds  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"


def audit_files(documents: list[Document], settings: Settings) -> None:
    for document in documents:
        audit_document(document, settings)


def report(label: str, documents: list[Document], runs: int) -> None:
    settings = Settings()
    texts = [d.text for d in documents]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    audit_files(documents, settings)  # warm-up: imports, regex compilation
    seconds = median_seconds(lambda: audit_files(documents, settings), runs)
    regex = regex_pass_seconds(texts, runs)
    print(f"{label:28} {megabytes:7.2f} MB  audit {seconds:7.3f} s = {megabytes / seconds:6.2f} MB/s   "
          f"regex pass {regex:6.3f} s = {megabytes / regex:7.1f} MB/s   ratio {seconds / regex:6.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=float, default=10.0, help="size of the concatenated text")
    args = parser.parse_args()
    print(f"median of {args.runs} runs, one process, one core")
    if CORPUS.is_dir():
        report("shared/corpus (3 documents)", [load_document(p) for p in sorted(CORPUS.glob("*.txt"))], args.runs)
    else:
        print("../shared/corpus absent: skipped")
    sources = [p for p in sorted((ROOT / "sources").glob("*"))
               if p.suffix in (".txt", ".md", ".html", ".pdf", ".docx") and p.name != "README.md"]
    pieces = [load_document(p).text for p in sources]
    if not pieces:
        print("sources/ is empty: skipped")
        return
    unit = "\n\n".join(pieces) + "\n\n"
    copies = max(1, int(args.mb * 1e6 / len(unit.encode("utf-8"))))
    # Built in memory: the loader refuses single texts above its size limit, and loading a .txt
    # is not what is measured here.
    big = Document(path="concatenated-sources.txt", format="txt", text=unit * copies)
    report(f"sources/ x{copies} (one text)", [big], max(1, args.runs // 2))


if __name__ == "__main__":
    main()
