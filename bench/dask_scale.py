"""Audit on a Dask LocalCluster: wall time with 1 and 2 workers, peak memory, planted conflicts.

Generates ``--documents`` short reports (``tests/cluster/planted.py``: about 600 bytes each,
facts restated across documents, one conflict planted every ``--conflict-every`` documents),
then audits them

* with ``--jobs 1`` in this process (the reference; skipped with ``--no-local``),
* on a LocalCluster of 1 worker process, then of 2 (one thread each), started before the clock
  starts, reached by its address as an existing cluster would be.

For each run it prints the wall time of the documents' audit (until the last result is back)
and of the whole run (the corpus check's shuffle included), the peak RSS of each worker (its
``VmHWM``, read in the worker), and the peak RSS of the whole process tree (this process, the
nannies and the workers, sampled every 0.2 s with psutil). It checks that every planted conflict
is reported on the planted document with the planted value, and that the JSON of each cluster
run equals that of ``--jobs 1``. One run of each: the machine may be shared, so say so with the
figures.

    .venv/bin/python bench/dask_scale.py [--documents 10000] [--workers 1 2] [--repeat 3] [--no-local] [--volume 1000]
    .venv/bin/python bench/dask_scale.py --documents 100000 --workers 2 --no-local
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck import pipeline  # noqa: E402
from factcheck.config import Settings  # noqa: E402
from factcheck.reports import render  # noqa: E402
from bench.process_memory import TreeMemory, peak_rss_mb  # noqa: E402
from tests.cluster.planted import write_corpus  # noqa: E402

VERSION = 2  # of the generated corpus; bump when planted.py changes


def _cpu_seconds() -> float:
    """Runs in a worker: the CPU time its process has used."""
    return time.process_time()




def corpus(documents: int, conflict_every: int) -> tuple[Path, list]:
    folder = Path(tempfile.gettempdir()) / f"factcheck-dask-scale-v{VERSION}-{documents}-{conflict_every}"
    marker = folder / "planted.json"
    if marker.exists():
        from tests.cluster.planted import Planted

        return folder / "docs", [Planted(**p) for p in json.loads(marker.read_text())]
    planted = write_corpus(folder / "docs", documents, seed=11, conflict_every=conflict_every)
    marker.write_text(json.dumps([p.__dict__ for p in planted]))
    return folder / "docs", planted


def timed_audit(folder: Path, settings: Settings) -> tuple[object, float, float]:
    started = time.perf_counter()
    last = [started]
    result = pipeline.audit([folder], settings, on_progress=lambda *_: last.__setitem__(0, time.perf_counter()))
    return result, last[0] - started, time.perf_counter() - started


def planted_found(result, planted) -> tuple[int, int]:
    found = {(Path(f.path).name, f.excerpt, f.code) for f in result.corpus_findings}
    wanted = {(p.path, p.value, "DATE001" if p.kind == "date" else "NUM001") for p in planted}
    for missed in sorted(wanted - found):
        print(f"  planted and not reported: {missed}", flush=True)
    return len(wanted & found), len(wanted)


def on_cluster(folder: Path, workers: int) -> tuple[object, dict]:
    from distributed import Client

    from bench.cli_memory import start_cluster

    started = time.perf_counter()
    with start_cluster(workers) as cluster, Client(cluster) as client:
        client.run(lambda: __import__("factcheck.pipeline") and None)
        startup = time.perf_counter() - started
        cpu_before, mine = client.run(_cpu_seconds), time.process_time()
        with TreeMemory([os.getpid()]) as tree:
            result, audit, total = timed_audit(folder, Settings(scheduler=cluster.scheduler_address))
        cpu = [after - cpu_before[worker] for worker, after in client.run(_cpu_seconds).items()]
        peaks = sorted(client.run(peak_rss_mb).values())
    # On a shared machine the wall time says how much CPU the run was given; the CPU time of each
    # worker says how the work was divided (the busiest worker bounds the wall time on free cores).
    return result, {"workers": workers, "startup_s": round(startup, 1), "audit_s": round(audit, 1),
                    "total_s": round(total, 1), "corpus_check_s": round(total - audit, 1),
                    "worker_cpu_s": sorted(round(c, 1) for c in cpu),
                    "client_and_scheduler_cpu_s": round(time.process_time() - mine, 1),
                    "worker_peak_rss_mb": [round(p) for p in peaks], "tree_peak_rss_mb": round(tree.peak / 2**20)}


def shuffle_volume(folder: Path, sample: int) -> dict:
    """What the check moves and holds, on ``sample`` documents taken as one part (a worker's
    batches, up to ``shuffle.PART_DOCUMENTS``), its steps run in this process as a worker runs
    them: the statements kept, the pieces of the exchange by fact key (pickled, as they move and
    as a worker keeps them), and what each step's task holds at its peak (tracemalloc, above what
    was traced before it): a partition serving the sample's documents is one of a run of
    ``sample / PARTITION_DOCUMENTS`` times that many."""
    import pickle
    import tracemalloc
    from functools import partial

    from factcheck.cluster import blame, shuffle, vocabulary
    from factcheck.cluster.session import MAX_BATCH, audit_batch, packed_paths, pickled_work
    from factcheck.config import Thresholds
    from factcheck.pipeline import audit_to_store

    files = sorted(folder.iterdir())[:sample]
    work = partial(audit_to_store, settings=Settings(), statements=True)  # what a worker runs
    sent = pickled_work(work)  # once, as the cluster's client pickles it
    started = time.perf_counter()
    facts = [audit_batch(sent, packed_paths(files[first:first + MAX_BATCH]))[1]
             for first in range(0, len(files), MAX_BATCH)]
    audit = (time.perf_counter() - started) / len(files)
    numbers = [range(first, min(first + MAX_BATCH, len(files))) for first in range(0, len(files), MAX_BATCH)]
    thresholds = Thresholds()
    held: dict[str, float] = {}

    def step(name: str, function, *args):
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        out = function(*args)
        held[f"{name}_peak_mb"] = round((tracemalloc.get_traced_memory()[1] - before) / 2**20, 1)
        return out

    tracemalloc.start()
    started = time.perf_counter()
    # The words in one shard: the part learns the counts of its own words, and their variants.
    where, counts = step("summarize", shuffle._summarize, 1, numbers, *facts)
    (frequency,) = step("word_totals", vocabulary.word_totals, counts)
    filed, crowd, shapes = step("filed", shuffle._filed, shuffle._merge_where([where]), frequency, 1, numbers, *facts)
    (variants,) = step("word_variants", vocabulary.word_variants, thresholds.fact_word_match, 0, 1, shapes)
    pieces = {partitions: step(f"keyed_{partitions}_partitions", shuffle._keyed_pieces, filed, crowd, partitions, variants)
              for partitions in (1, 2, 20)}
    # One partition serving the sample's documents, its pieces from this one part.
    pairs = step("pairs_1_partition", shuffle._pairs_pieces, thresholds, 1, *pieces[1])
    clashing = step("supported", blame.supported, 1, *pairs)
    blamed = step("blamed", blame.blamed_pieces, len(files), 1, *clashing)
    step("conflicts", blame.conflicts_of, *blamed)
    steps = (time.perf_counter() - started) / len(files)
    tracemalloc.stop()
    size = len(files)
    statements = [s for batch in facts for s in pickle.loads(batch)]
    return {"documents_sampled": size, "audit_ms_per_document": round(audit * 1e3, 1),
            "statements_per_document": round(sum(map(len, statements)) / size, 1),
            "statement_bytes_per_document": round(sum(map(len, facts)) / size),
            "filed_bytes_per_document": round(len(filed) / size),
            # A statement's group goes once into each piece that has one of its keys: the more
            # partitions, the more copies.
            **{f"key_piece_bytes_per_document_{partitions}_partitions": round(sum(map(len, made)) / size)
               for partitions, made in pieces.items()},
            "pair_piece_bytes_per_document": round(sum(map(len, pairs)) / size),
            "vocabulary_bytes": len(pickle.dumps(frequency, protocol=5)), "vocabulary_words": len(frequency),
            "indexed_words_searched": len(shapes[0]), "task_peaks_traced": held,
            "shuffle_steps_ms_per_document_traced": round(steps * 1e3, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--conflict-every", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2], help="none: the --volume figures alone")
    parser.add_argument("--no-local", action="store_true", help="skip the --jobs 1 reference run")
    parser.add_argument("--repeat", type=int, default=1, help="cluster runs of each worker count (medians)")
    parser.add_argument("--volume", type=int, default=0, metavar="N",
                        help="also measure what the shuffle moves, on N documents in this process")
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    folder, planted = corpus(args.documents, args.conflict_every)
    print(f"{args.documents} documents in {folder}, {len(planted)} conflicts planted; cores: {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    if args.volume:
        print(json.dumps({"run": "shuffle volume", **shuffle_volume(folder, args.volume)}), flush=True)
    reference = None
    if not args.no_local:
        cpu = time.process_time()
        result, audit, total = timed_audit(folder, Settings(jobs=1))
        cpu = time.process_time() - cpu
        reference = render(result, "json")
        found, wanted = planted_found(result, planted)
        print(json.dumps({"run": "--jobs 1", "audit_s": round(audit, 1), "total_s": round(total, 1), "cpu_s": round(cpu, 1),
                          "corpus_findings": len(result.corpus_findings), "planted_found": f"{found}/{wanted}",
                          "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}),
              flush=True)
        del result
    totals: dict[int, list[float]] = {workers: [] for workers in args.workers}
    busiest: dict[int, list[float]] = {workers: [] for workers in args.workers}
    for _ in range(args.repeat):  # the worker counts taken in turn, so that each sees the same load
        for workers in args.workers:
            result, figures = on_cluster(folder, workers)
            found, wanted = planted_found(result, planted)
            figures.update(corpus_findings=len(result.corpus_findings), planted_found=f"{found}/{wanted}",
                           load_average=round(os.getloadavg()[0], 1))
            if reference is not None:
                figures["json_equals_jobs_1"] = render(result, "json") == reference
            totals[workers].append(figures["total_s"])
            busiest[workers].append(max(figures["worker_cpu_s"]))
            del result
            print(json.dumps({"run": f"LocalCluster, {workers} worker(s)", **figures}), flush=True)
    if 1 in totals and 2 in totals:
        wall = median(totals[1]) / median(totals[2])
        # On cores of its own, a run lasts about as long as its busiest worker computes: the CPU
        # ratio is what the wall time ratio would be without the other jobs of a shared machine.
        cpu = median(busiest[1]) / median(busiest[2])
        print(f"speed-up of 2 workers over 1: {wall:.2f}x (whole run, median wall time of {args.repeat}; "
              f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores); "
              f"{cpu:.2f}x by the CPU time of the busiest worker", flush=True)


if __name__ == "__main__":
    main()
