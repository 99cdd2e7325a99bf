"""The command line on a large corpus: wall time and peak memory of ``factcheck audit --format json``.

What a user runs, measured from outside: ``factcheck audit DIR --format json --output FILE
--no-html --no-claims`` in a subprocess, with ``--jobs N`` or on a Dask LocalCluster of N
workers (started by this script, before the clock starts, and given to the command as an
existing cluster's address). For each run it prints

* the wall time of the command, and the CPU time of its own process (with its worker
  processes' for ``--jobs``: ``wait4`` counts the children it waited for);
* the peak RSS of the command's own process (the client, with ``--scheduler``: what must not
  grow with the corpus), its ``ru_maxrss`` read with ``wait4``;
* the peak of the summed RSS of the whole process tree (the command, its worker processes,
  and the cluster's nannies and workers; sampled every 0.2 s with psutil);
* with ``--scheduler``, each worker's peak (``VmHWM``, read in the worker);
* the size and SHA-256 of the JSON written, and the corpus findings in it (with the planted
  conflicts found, for ``--corpus planted``).

The corpora: ``reports`` are the ~5 KB reports of ``bench/corpus_scale.py`` (one planted conflict
every 200 documents, as ``bench/speed.py``'s corpus figure), ``planted`` the ~600-byte reports of
``tests/cluster/planted.py`` (as ``bench/dask_scale.py``). Both are written once to the temp
folder and reused. ``--root`` runs another checkout's package (the same corpus, the same
measures), for a before/after in one session.

    .venv/bin/python bench/cli_memory.py --corpus reports --documents 10000 --jobs 2
    .venv/bin/python bench/cli_memory.py --corpus planted --documents 100000 --dask 2
    .venv/bin/python bench/cli_memory.py --corpus planted --documents 10000 --dask 2 --tracemalloc
    .venv/bin/python bench/cli_memory.py --corpus planted --documents 30000 --dask 2 --census

With ``--tracemalloc`` the command runs under tracemalloc (``bench/traced_command.py``) and the
figures add what it holds once the JSON is written (its result still alive), its traced peak,
and the largest allocation sites: run at two sizes, the difference over the documents added is
what a document costs the client. ``--census`` counts the live objects by type and reads the RSS
at the same moment, without tracemalloc (full speed): live objects that do not grow while the RSS
does point at the allocator, not at something kept.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.process_memory import TreeMemory, peak_rss_mb  # noqa: E402

VERSION = 1  # of the generated corpora; bump when a generator changes




def corpus(kind: str, documents: int) -> tuple[Path, list[tuple[str, str, str]]]:
    """The folder of generated documents and the conflicts planted in it (file, value, code)."""
    folder = Path(tempfile.gettempdir()) / f"factcheck-cli-memory-v{VERSION}-{kind}-{documents}"
    marker = folder / "planted.json"
    if not marker.exists():
        docs = folder / "docs"
        docs.mkdir(parents=True, exist_ok=True)
        if kind == "planted":
            from tests.cluster.planted import write_corpus

            planted = [(p.path, p.value, "DATE001" if p.kind == "date" else "NUM001")
                       for p in write_corpus(docs, documents, seed=11, conflict_every=100)]
        else:
            from bench.corpus_scale import World, document

            world = World(documents, 7)
            planted = []
            for number in range(documents):
                text, _ = document(world, number, plant=number % 200 == 199)
                (docs / f"doc{number:05d}.txt").write_text(text, encoding="utf-8")
        marker.write_text(json.dumps(planted))
    return folder / "docs", [tuple(p) for p in json.loads(marker.read_text())]


def corpus_findings(output: Path) -> list[dict]:
    """The corpus findings of a JSON report, read without loading its documents (it may be GBs)."""
    data = output.read_bytes()
    at = data.rfind(b'"corpus_findings":')
    decoder = json.JSONDecoder()
    tail = data[at + len(b'"corpus_findings":'):].decode("utf-8")
    findings, _ = decoder.raw_decode(tail.lstrip())
    return findings


def run_command(folder: Path, output: Path, options: list[str], root: Path,
                cluster_pids: list[int], trace: Path | None = None, census: bool = False) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(root)}
    program = ["-m", "factcheck"]
    if trace is not None:  # under tracemalloc (slower): what the command holds once the JSON is written
        program = [str(ROOT / "bench" / "traced_command.py")]
        env["FACTCHECK_TRACE_OUTPUT"] = str(trace)
        if census:
            env["FACTCHECK_CENSUS_ONLY"] = "1"
    command = [sys.executable, *program, "audit", str(folder), "--format", "json", "--output", str(output),
               "--no-html", "--no-claims", "--fail-on", "never", "--quiet", *options]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with TreeMemory([process.pid, *cluster_pids]) as tree:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"the command failed ({process.returncode}): {stderr.strip()[-2000:]}")
    figures = {"wall_s": round(wall, 1), "command_cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
               "command_peak_rss_mb": round(usage.ru_maxrss / 1024),
               "tree_peak_rss_mb": round(tree.peak / 2**20)}
    if trace is not None:
        figures["tracemalloc"] = json.loads(trace.read_text(encoding="utf-8"))
    return figures


def describe_output(output: Path, planted: list[tuple[str, str, str]]) -> dict:
    digest = hashlib.sha256()
    with output.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    found = {(Path(f["path"]).name, f["excerpt"], f["code"]) for f in corpus_findings(output)}
    return {"json_mb": round(output.stat().st_size / 1e6, 1), "json_sha256": digest.hexdigest()[:16],
            "corpus_findings": len(found), "planted_found": f"{len(set(planted) & found)}/{len(planted)}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=["reports", "planted"], default="reports")
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--jobs", type=int, nargs="*", default=[], help="local runs with --jobs N")
    parser.add_argument("--dask", type=int, nargs="*", default=[], help="runs on a LocalCluster of N workers")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout whose package runs")
    parser.add_argument("--keep", type=Path, help="a folder to keep the JSON outputs in")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="run the command under tracemalloc (bench/traced_command.py): what it holds once the "
                             "JSON is written, by allocation site (slower: its wall and CPU times say little)")
    parser.add_argument("--census", action="store_true",
                        help="instead of --tracemalloc: only a census of the live objects by type and the RSS once the JSON is "
                             "written, at full speed (no tracemalloc)")
    args = parser.parse_args()
    traced = args.tracemalloc or args.census
    folder, planted = corpus(args.corpus, args.documents)
    print(f"{args.documents} documents ({args.corpus}) in {folder}; package of {args.root}; cores: {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="factcheck-cli-memory-") as scratch:
        where = args.keep or Path(scratch)
        where.mkdir(parents=True, exist_ok=True)
        for jobs in args.jobs:
            output = where / f"jobs{jobs}.json"
            figures = run_command(folder, output, ["--jobs", str(jobs)], args.root, [],
                                  where / "trace.json" if traced else None, args.census)
            print(json.dumps({"run": f"--jobs {jobs}", **figures, **describe_output(output, planted),
                              "load_average": round(os.getloadavg()[0], 1)}), flush=True)
        for workers in args.dask:
            from distributed import Client, LocalCluster

            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                              silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
                client.run(lambda: __import__("factcheck.pipeline") and None)
                pids = list(client.run(os.getpid).values())
                output = where / f"dask{workers}.json"
                figures = run_command(folder, output, ["--scheduler", cluster.scheduler_address], args.root, pids,
                                      where / "trace.json" if traced else None, args.census)
                peaks = sorted(round(p) for p in client.run(peak_rss_mb).values())
            print(json.dumps({"run": f"--scheduler, {workers} workers", **figures, "worker_peak_rss_mb": peaks,
                              **describe_output(output, planted), "load_average": round(os.getloadavg()[0], 1)}),
                  flush=True)


if __name__ == "__main__":
    main()
