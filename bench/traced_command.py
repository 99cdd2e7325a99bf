"""``factcheck`` run under tracemalloc, for ``bench/cli_memory.py --tracemalloc``: what the command
holds once its report is written (its run's result still alive), by the line that allocated it,
and a census of its live objects by type against its RSS (with ``FACTCHECK_CENSUS_ONLY`` set, the
census alone, without tracemalloc's cost: a traced run is some 20 times slower).

Runs ``factcheck.cli.main`` with the arguments given, after ``tracemalloc.start(FRAMES)``; when
the report has been written (the run's state at its largest: every document in, the corpus
check done, the JSON written), takes a snapshot and writes to ``FACTCHECK_TRACE_OUTPUT`` (a
JSON file) the traced memory then, the traced peak, and the largest allocation sites. Compared
at two corpus sizes, the difference divided by the documents added is what each document costs.

    python bench/traced_command.py audit DIR --format json --output FILE ...
"""

from __future__ import annotations

import json
import os
import sys
import tracemalloc
from pathlib import Path

FRAMES = 8
TOP = 15


def census() -> dict:
    """The live objects the garbage collector tracks, by type (the largest counts), and the
    process's RSS: without tracemalloc's cost, what is alive against what is resident."""
    import gc
    from collections import Counter

    gc.collect()
    counts = Counter(type(o).__name__ for o in gc.get_objects())
    with open("/proc/self/status", encoding="ascii") as status:
        rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return {"rss_mb": round(rss / 1024, 1), "gc_objects": sum(counts.values()), "by_type": dict(counts.most_common(TOP))}


def main() -> int:
    tracing = not os.environ.get("FACTCHECK_CENSUS_ONLY")  # else the census alone, at full speed
    if tracing:
        tracemalloc.start(FRAMES)
    import factcheck.reports as reports
    from factcheck import cli

    original = reports.write_report
    taken: dict = {}

    def traced(result, stream, fmt="text", **options):  # noqa: ANN001, ANN003 - write_report's own
        original(result, stream, fmt, **options)
        if taken:  # the summary after --output: the first report is the one measured
            return
        taken.update(documents=len(result.documents), census=census())
        if not tracing:
            return
        current, peak = tracemalloc.get_traced_memory()
        snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
        sites = snapshot.statistics("lineno")[:TOP]
        taken.update(traced_mb=round(current / 2**20, 2),
                     traced_peak_mb=round(peak / 2**20, 2),
                     sites=[{"where": f"{Path(s.traceback[0].filename).name}:{s.traceback[0].lineno}",
                             "kb": round(s.size / 1024), "blocks": s.count} for s in sites])

    reports.write_report = traced
    try:
        return cli.main(sys.argv[1:])
    finally:
        target = os.environ.get("FACTCHECK_TRACE_OUTPUT")
        if target:
            Path(target).write_text(json.dumps(taken), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
