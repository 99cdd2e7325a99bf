"""What grows per document in one process that audits document after document, without Dask.

A cluster's worker runs ``factcheck.cluster.session.audit_batch`` over batch after batch; this
does the same in a plain loop over the planted generator's documents (``tests/cluster/planted.py``,
as ``bench/cli_memory.py --corpus planted``), dropping each batch's outcomes and statements (what
a worker sends back or keeps pickled is counted elsewhere). At a few counts it prints the RSS,
the memory traced (with ``--trace``), and the size of every module-level cache of ``factcheck``
(``lru_cache``s and the plain dicts, sets and lists at module level): what is left per document
once the documents are gone.

With ``--trace`` it compares the snapshots at the first and the last count by traceback and
prints the sites that grew, with their innermost ``factcheck`` frame: what a document leaves
behind, by the line that allocated it. Traced memory that stays flat while the RSS grows is the
allocator's (each batch ends with ``malloc_trim(0)``, as on a worker: ``audit_batch`` calls
``factcheck.cluster.heap.trim_heap``). ``--repeat`` times the untraced loop (the speed of the
audits, to compare a change with; medians of one run).

    .venv/bin/python bench/loop_growth.py --documents 8000 --marks 2000 8000 --trace
    .venv/bin/python bench/loop_growth.py --documents 4000 --repeat 3
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
import tracemalloc
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.cli_memory import corpus  # noqa: E402
from bench.process_memory import status_kb  # noqa: E402
from factcheck.cluster.session import MAX_BATCH, audit_batch, packed_paths, pickled_work  # noqa: E402
from factcheck.config import Settings  # noqa: E402
from factcheck.pipeline import audit_to_store  # noqa: E402


def module_caches() -> dict[str, int]:
    """Entries held by each module-level cache of ``factcheck``: ``lru_cache``s (``currsize``) and
    module-level dicts, sets and lists with anything in them."""
    sizes: dict[str, int] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("factcheck") or module is None:
            continue
        for attribute, value in list(vars(module).items()):
            if hasattr(value, "cache_info") and getattr(value, "__module__", None) == name:
                sizes[f"{name}.{attribute}"] = value.cache_info().currsize
            elif type(value) in (dict, set, list) and value and not attribute.startswith("__"):
                sizes[f"{name}.{attribute}"] = len(value)
    return sizes


def audit_loop(paths: list[Path], marks: set[int], on_mark) -> float:
    work = partial(audit_to_store, settings=Settings(), statements=True)  # what a cluster's worker runs
    sent = pickled_work(work)  # once, as the cluster's client pickles it
    started = time.perf_counter()
    for first in range(0, len(paths), MAX_BATCH):
        audit_batch(sent, packed_paths(paths[first:first + MAX_BATCH]))  # outcomes and statements dropped
        done = min(first + MAX_BATCH, len(paths))
        if done in marks:
            on_mark(done)
    return time.perf_counter() - started


def innermost_factcheck(traceback: tracemalloc.Traceback) -> str:
    for frame in reversed(traceback):  # most recent call last
        if "/factcheck/" in frame.filename:
            return f"{frame.filename.split('/factcheck/', 1)[1]}:{frame.lineno}"
    return f"{traceback[-1].filename}:{traceback[-1].lineno}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=8000)
    parser.add_argument("--marks", type=int, nargs="*", default=[2000, 8000],
                        help="counts (multiples of the batch, 250) at which to read the memory")
    parser.add_argument("--corpus-size", type=int, default=100_000,
                        help="the planted corpus whose first documents are read (its vocabulary grows with its size)")
    parser.add_argument("--trace", action="store_true", help="tracemalloc (25 frames), sites compared by traceback")
    parser.add_argument("--repeat", type=int, default=0, help="time the untraced loop this many times")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    folder, _ = corpus("planted", args.corpus_size)
    paths = sorted(folder.iterdir())[:args.documents]
    marks = {m for m in args.marks if m <= len(paths)}

    if args.repeat:
        times = [audit_loop(paths, set(), lambda _: None) for _ in range(args.repeat)]
        print(json.dumps({"documents": len(paths), "seconds": [round(t, 2) for t in times],
                          "median_ms_a_document": round(statistics.median(times) / len(paths) * 1000, 3)}))
        return

    snapshots: dict[int, tracemalloc.Snapshot] = {}
    readings: dict[int, dict] = {}

    def on_mark(done: int) -> None:
        gc.collect()
        reading = {"documents": done, "rss_kb": status_kb(os.getpid(), "VmRSS"), "caches": module_caches()}
        if args.trace:
            reading["traced_kb"] = tracemalloc.get_traced_memory()[0] // 1024
            snapshots[done] = tracemalloc.take_snapshot().filter_traces(
                [tracemalloc.Filter(False, tracemalloc.__file__)])
        readings[done] = reading
        print(json.dumps({k: v for k, v in reading.items() if k != "caches"}), flush=True)

    if args.trace:
        tracemalloc.start(25)
    audit_loop(paths, marks, on_mark)
    low, high = min(readings), max(readings)
    added = high - low
    caches = {name: (readings[low]["caches"].get(name, 0), size) for name, size in readings[high]["caches"].items()}
    growth = {"documents_added": added,
              "rss_bytes_a_document": round((readings[high]["rss_kb"] - readings[low]["rss_kb"]) * 1024 / added, 1),
              "caches_grown": {name: f"{a} -> {b}" for name, (a, b) in sorted(caches.items()) if b != a}}
    if args.trace:
        growth["traced_bytes_a_document"] = round(
            (readings[high]["traced_kb"] - readings[low]["traced_kb"]) * 1024 / added, 1)
    print(json.dumps(growth, indent=1))
    if args.trace:
        by_site: dict[str, list[int]] = {}
        for stat in snapshots[high].compare_to(snapshots[low], "traceback"):
            if stat.size_diff:
                site = by_site.setdefault(innermost_factcheck(stat.traceback), [0, 0, None])
                site[0] += stat.size_diff
                site[1] += stat.count_diff
                if site[2] is None:
                    site[2] = stat.traceback
        ranked = sorted(by_site.items(), key=lambda item: -abs(item[1][0]))[:args.top]
        for site, (size, count, traceback) in ranked:
            print(f"{size / added:8.1f} B/doc {count / added:7.2f} blocks/doc  {site}   <- "
                  f"{' < '.join(f'{f.filename.rsplit(chr(47), 1)[-1]}:{f.lineno}' for f in list(traceback)[-1:-5:-1])}")


if __name__ == "__main__":
    main()
