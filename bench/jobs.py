"""Wall time of ``--jobs 1`` against ``--jobs N`` on a folder of small documents (median of 3).

The documents are made from the demo sources (as in the --jobs test): 50 by default, most of them
Markdown, text and HTML copies cut to a dozen paragraphs, a few PDF and Word copies. Each run
audits the folder and renders the JSON report, in this process, as ``factcheck audit DIR
--format json --jobs N`` does; the outputs are compared byte for byte. The load average is
printed too: on a busy machine worker processes have no idle core to run on.

    .venv/bin/python bench/jobs.py [--documents 50] [--jobs 2] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.config import Settings  # noqa: E402
from factcheck.pipeline import audit  # noqa: E402
from factcheck.reports.json_report import render_json  # noqa: E402
from tests.workflow.corpus_variants import make_corpus  # noqa: E402


def timed(folder: Path, jobs: int, runs: int) -> tuple[float, list[float], str]:
    settings = Settings(claims_dir=None)
    times, output = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        output = render_json(audit([folder], settings, jobs=jobs))
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--jobs", type=int, default=min(os.cpu_count() or 2, 4) if (os.cpu_count() or 1) > 1 else 2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        make_corpus(folder, count=args.documents)
        cwd = os.getcwd()
        os.chdir(tmp)
        try:
            audit([Path("docs")], Settings(claims_dir=None), jobs=1)  # warm-up: imports, caches
            one, one_all, out_one = timed(Path("docs"), 1, args.runs)
            many, many_all, out_many = timed(Path("docs"), args.jobs, args.runs)
        finally:
            os.chdir(cwd)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"{args.documents} documents, {cores} core(s), load average {load}")
    print(f"--jobs 1: {one:6.2f} s median of {args.runs} ({', '.join(f'{t:.2f}' for t in one_all)})")
    print(f"--jobs {args.jobs}: {many:6.2f} s median of {args.runs} ({', '.join(f'{t:.2f}' for t in many_all)})")
    print(f"speed-up: {one / many:.2f}x; JSON identical: {out_one == out_many}")


if __name__ == "__main__":
    main()
