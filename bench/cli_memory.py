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
    .venv/bin/python bench/cli_memory.py --corpus planted --documents 200000 --conflict-every 5000 --dask 2
    .venv/bin/python bench/cli_memory.py --corpus reports --documents 2000 --jobs 2 --outputs
    .venv/bin/python bench/cli_memory.py --corpus reports --documents 2000 --jobs 2 --outputs --accept-all

``--outputs`` has the command write what it writes by default as well, the HTML reports and the
claim ledgers (a file each per document), and prints their count, size and one digest of them.
``--accept-all`` first writes a baseline accepting every finding of the corpus and has the command
read it: each document then has findings suppressed, the case of a team's CI after adopting
factcheck.

With ``--tracemalloc`` the command runs under tracemalloc (``bench/traced_command.py``) and the
figures add what it holds once the JSON is written (its result still alive), its traced peak,
and the largest allocation sites: run at two sizes, the difference over the documents added is
what a document costs the client. ``--census`` counts the live objects by type and reads the RSS
at the same moment, without tracemalloc (full speed): live objects that do not grow while the RSS
does point at the allocator, not at something kept.

``--probe FILE`` (with ``--dask``) reads each worker (and the command's RSS) every
``--probe-every`` seconds while the command runs (``client.run``): its RSS, the bytes Dask holds for it (``worker.data``, in memory and
spilled) by task name, each value counted once however many keys share it (a ``getitem`` of a
tuple is the tuple's element), the tasks it is running, what the check's holder there keeps
(``factcheck.cluster.holders``: values, on disk, in memory, written to disk); and writes them to FILE, a JSON line a
reading, then prints each worker's reading at its highest RSS and the largest Dask held:

    .venv/bin/python bench/cli_memory.py --corpus planted --documents 30000 --dask 2 --probe /tmp/probe.jsonl
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.process_memory import Sampler, TreeMemory, peak_rss_mb, status_kb  # noqa: E402

VERSION = 1  # of the generated corpora; bump when a generator changes




def start_cluster(workers: int):
    """The cluster ``--scheduler dask`` would start (``factcheck.cluster.session.local_cluster``: its
    settings included), started here so that its processes can be measured. Its
    workers import this script's checkout (they get its ``sys.path``): to measure another, run
    its copy of the script."""
    from factcheck.cluster.session import local_cluster

    return local_cluster(workers)


def corpus(kind: str, documents: int, conflict_every: int = 100) -> tuple[Path, list[tuple[str, str, str]]]:
    """The folder of generated documents and the conflicts planted in it (file, value, code):
    for ``planted``, one every ``conflict_every`` documents."""
    rate = "" if kind != "planted" or conflict_every == 100 else f"-every{conflict_every}"
    folder = Path(tempfile.gettempdir()) / f"factcheck-cli-memory-v{VERSION}-{kind}-{documents}{rate}"
    marker = folder / "planted.json"
    if not marker.exists():
        docs = folder / "docs"
        docs.mkdir(parents=True, exist_ok=True)
        if kind == "planted":
            from tests.cluster.planted import write_corpus

            planted = [(p.path, p.value, "DATE001" if p.kind == "date" else "NUM001")
                       for p in write_corpus(docs, documents, seed=11, conflict_every=conflict_every)]
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


def held_by_task(dask_worker) -> dict:
    """Runs in a worker (``client.run``): its RSS, what Dask holds for it by task name (bytes by
    ``sizeof``, each object once: a ``getitem``'s value is an element of its input's), what it
    is running, and which ``factcheck`` it imported."""
    from dask.sizeof import sizeof
    from dask.utils import key_split

    def label(key) -> str:
        name = key_split(key)
        state = dask_worker.state.tasks.get(key)
        if name == "getitem" and state is not None:
            # Which step's output it is an element of, and which step reads it (when known here).
            if state.dependencies:
                name += "(" + min(key_split(d.key) for d in state.dependencies) + ")"
            if state.dependents:
                name += ">" + min(key_split(d.key) for d in state.dependents)
        return name

    memory = getattr(dask_worker.data, "memory", dask_worker.data)
    disk = getattr(dask_worker.data, "disk", {})
    held: dict[str, int] = {}
    counted: set[int] = set()
    # Keys of derived values (getitem) last, so that a shared object is counted where it was made.
    for key in sorted(list(memory.keys()), key=lambda k: key_split(k) == "getitem"):
        try:
            value = memory[key]
        except KeyError:  # released meanwhile
            continue
        parts = value if type(value) in (tuple, list) and len(value) < 1000 else (value,)
        size = sum(sizeof(part) for part in parts if id(part) not in counted)
        counted.update(map(id, parts))
        held[label(key)] = held.get(label(key), 0) + size
    spilled = getattr(dask_worker.data, "spilled_total", None)
    # The check's values, kept by its holder on this worker (an actor, not task results).
    holders = []
    for actor in list(dask_worker.state.actors.values()):
        if hasattr(actor, "held"):
            values, on_disk, written = actor.held()
            in_memory = getattr(getattr(actor._values, "fast", None), "total_weight", 0)
            holders.append({"values": values, "on_disk": on_disk, "in_memory_mb": round(in_memory / 2**20, 1),
                            "written_to_disk_mb": round(written / 2**20, 1)})
    import factcheck

    return {"rss_mb": round(status_kb(os.getpid(), "VmRSS") / 1024, 1), "heap": heap_figures(),
            "tasks": len(dask_worker.state.tasks), "data_keys": len(dask_worker.data),
            "held_mb": {name: round(size / 2**20, 2) for name, size in sorted(held.items(), key=lambda kv: -kv[1])},
            "spilled_mb": round(spilled[0] / 2**20, 1) if spilled else 0.0, "on_disk_keys": len(disk),
            "in_memory_target_mb": round(getattr(dask_worker.data, "n", 0) / 2**20, 1),
            "written_to_disk_mb": round(sum(v for k, v in dask_worker.digests_total.items()
                                            if isinstance(k, tuple) and k[-2:] == ("disk-write", "bytes")) / 2**20, 1),
            "running": sorted(key_split(t.key) for t in dask_worker.state.tasks.values() if t.state == "executing"),
            "holders": holders, "factcheck": factcheck.__file__}


def heap_figures() -> dict:
    """Where a process's memory is, in MB: glibc's heap (``mallinfo2``: taken from the system by
    ``brk`` and in blocks of its own ``mmap``, in use, free inside it), Python's small-object
    blocks in use (``sys.getallocatedblocks``, a count, in thousands) and the arenas holding them.
    Memory free inside the heap, or arenas, that grow while what is in use does not are the
    allocators' holes."""
    import ctypes  # here: the function is pickled by value into the workers
    import os
    import sys
    import tempfile

    class Mallinfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in
                    "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]

    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = Mallinfo2
    info = libc.mallinfo2()
    # Python's allocator reports to the C stderr only: it goes to a file for the moment, and
    # whatever another thread of the worker writes to stderr meanwhile is lost (a bench's probe).
    with tempfile.TemporaryFile() as stats:
        saved = os.dup(2)
        os.dup2(stats.fileno(), 2)
        try:
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        stats.seek(0)
        report = stats.read().decode("ascii", "replace")
    arenas = report.split("# arenas allocated current")[1].split("=")[1].split()[0]
    return {"brk_mb": round(info.arena / 2**20, 1), "mmap_mb": round(info.hblkhd / 2**20, 1),
            "in_use_mb": round(info.uordblks / 2**20, 1), "free_mb": round(info.fordblks / 2**20, 1),
            "python_blocks_k": sys.getallocatedblocks() // 1000,
            "python_arenas_mb": int(arenas.replace(",", ""))}  # arenas of 1 MiB (Python 3.10+ on 64 bits)


class WorkerProbe(Sampler):
    """``held_by_task`` on every worker every ``every`` seconds, in a thread, each reading a JSON line."""

    def __init__(self, client, log: Path, every: float) -> None:
        super().__init__()
        self.client, self.log, self.every = client, log, every
        self.started = time.perf_counter()
        self.command: int | None = None  # the command's process, once started: its RSS read too

    def _command_rss_mb(self) -> float | None:
        try:
            status = Path(f"/proc/{self.command}/status").read_text(encoding="ascii")
        except (OSError, TypeError):
            return None
        kilobytes = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), None)
        return None if kilobytes is None else round(kilobytes / 1024, 1)

    def _sample(self) -> None:
        with self.log.open("w", encoding="utf-8") as log:
            while not self._stop.wait(self.every):
                try:
                    readings = self.client.run(held_by_task)
                except Exception as error:  # noqa: BLE001 - a reading missed is not the run's failure
                    readings = {"error": repr(error)}
                log.write(json.dumps({"t": round(time.perf_counter() - self.started, 1),
                                      "load": round(os.getloadavg()[0], 1), "command_rss_mb": self._command_rss_mb(),
                                      "workers": readings}) + "\n")
                log.flush()


def probe_summary(log: Path, top: int = 8) -> dict:
    """Per worker, the reading at its highest RSS and the one where Dask held the most."""
    readings = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    summary: dict[str, dict] = {}
    for index, name in enumerate(sorted({w for r in readings for w in r["workers"] if w != "error"})):
        mine = [(r["t"], r["load"], r["workers"][name]) for r in readings if name in r["workers"]]

        def brief(reading: tuple) -> dict:
            t, load, worker = reading
            return {"t": t, "load": load, "rss_mb": worker["rss_mb"], "held_mb": round(sum(worker["held_mb"].values()), 1),
                    "spilled_mb": worker["spilled_mb"], "written_to_disk_mb": worker.get("written_to_disk_mb"),
                    "running": worker["running"],
                    "largest": dict(list(worker["held_mb"].items())[:top])}

        summary[f"worker {index}"] = {"highest_rss": brief(max(mine, key=lambda m: m[2]["rss_mb"])),
                                      "most_held": brief(max(mine, key=lambda m: sum(m[2]["held_mb"].values()))),
                                      "readings": len(mine), "factcheck": mine[0][2]["factcheck"]}
    commands = [(r["t"], r.get("command_rss_mb")) for r in readings if r.get("command_rss_mb") is not None]
    if commands:
        t, rss = max(commands, key=lambda reading: reading[1])
        summary["command"] = {"highest_rss": {"t": t, "rss_mb": rss}, "last": dict(zip(("t", "rss_mb"), commands[-1]))}
    return summary


def accept_all(folder: Path, baseline: Path, root: Path) -> list[str]:
    """A baseline of every finding of the corpus, written by the package of ``root``; the options
    that have the command read it. Printed: how long writing it took and what it accepts."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "factcheck", "baseline", str(folder), "--baseline", str(baseline),
                           "--jobs", "2", "--isolated"], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(root)})
    if done.returncode != 0:
        raise SystemExit(f"factcheck baseline failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    print(f"baseline: {done.stdout.strip()} ({time.perf_counter() - started:.1f} s)", flush=True)
    return ["--baseline", str(baseline)]


def run_command(folder: Path, output: Path, options: list[str], root: Path,
                cluster_pids: list[int], trace: Path | None = None, census: bool = False,
                probe: WorkerProbe | None = None, outputs: bool = False) -> dict:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(root)}
    program = ["-m", "factcheck"]
    if trace is not None:  # under tracemalloc (slower): what the command holds once the JSON is written
        program = [str(ROOT / "bench" / "traced_command.py")]
        env["FACTCHECK_TRACE_OUTPUT"] = str(trace)
        if census:
            env["FACTCHECK_CENSUS_ONLY"] = "1"
    # With ``outputs``, what the command writes by default too: the HTML reports and claim ledgers.
    written = (["--out", str(output.with_suffix(".reports")), "--claims", str(output.with_suffix(".claims"))]
               if outputs else ["--no-html", "--no-claims"])
    command = [sys.executable, *program, "audit", str(folder), "--format", "json", "--output", str(output),
               *written, "--fail-on", "never", "--quiet", *options]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if probe is not None:
        probe.command = process.pid
    with TreeMemory([process.pid, *cluster_pids]) as tree, probe or contextlib.nullcontext():
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"the command failed ({process.returncode}): {stderr.strip()[-2000:]}")
    figures = {"wall_s": round(wall, 1), "command_cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
               # With --jobs wait4's figure as before (the largest of the command and the workers
               # it waited for, not their sum, and counting this process's memory from before the
               # command's exec, as ``TreeMemory`` says); else the command's own ``VmHWM``.
               "command_peak_rss_mb": round(usage.ru_maxrss / 1024 if "--jobs" in options else tree.first_peak / 2**20),
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
    figures = {"json_mb": round(output.stat().st_size / 1e6, 1), "json_sha256": digest.hexdigest()[:16],
               "corpus_findings": len(found), "planted_found": f"{len(set(planted) & found)}/{len(planted)}"}
    written = [folder for folder in (output.with_suffix(".reports"), output.with_suffix(".claims")) if folder.is_dir()]
    if written:  # the HTML reports and ledgers of --outputs: how many, how large, one digest of them all
        files = sorted(path for folder in written for path in folder.iterdir())
        outputs = hashlib.sha256()
        for path in files:
            outputs.update(path.name.encode("utf-8", "surrogateescape") + b"\0" + path.read_bytes())
        figures.update(outputs_files=len(files), outputs_mb=round(sum(p.stat().st_size for p in files) / 1e6, 1),
                       outputs_sha256=outputs.hexdigest()[:16])
        for folder in written:
            shutil.rmtree(folder)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=["reports", "planted"], default="reports")
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--conflict-every", type=int, default=100, metavar="N",
                        help="--corpus planted: a conflict planted every N documents (fewer findings, the same "
                             "documents: what grows with the findings told from what grows with the corpus)")
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
    parser.add_argument("--probe", type=Path, metavar="FILE",
                        help="with --dask: read each worker's RSS and what Dask holds for it by task name, every "
                             "--probe-every seconds, into FILE (JSON lines); prints each worker's highest reading")
    parser.add_argument("--probe-every", type=float, default=2.0)
    parser.add_argument("--outputs", action="store_true",
                        help="write the HTML reports and claim ledgers as well, as the command does by default "
                             "(their count, size and one digest of them all are printed)")
    parser.add_argument("--accept-all", action="store_true",
                        help="first write a baseline that accepts every finding of the corpus (factcheck baseline, "
                             "--jobs 2), then run the command with it (--baseline): a team's CI after adopting "
                             "factcheck, every document's findings suppressed")
    args = parser.parse_args()
    traced = args.tracemalloc or args.census
    folder, planted = corpus(args.corpus, args.documents, args.conflict_every)
    print(f"{args.documents} documents ({args.corpus}) in {folder}; package of {args.root}; cores: {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="factcheck-cli-memory-") as scratch:
        where = args.keep or Path(scratch)
        where.mkdir(parents=True, exist_ok=True)
        accepted = accept_all(folder, where / "accepted.json", args.root) if args.accept_all else []
        for jobs in args.jobs:
            output = where / f"jobs{jobs}.json"
            figures = run_command(folder, output, ["--jobs", str(jobs), *accepted], args.root, [],
                                  where / "trace.json" if traced else None, args.census, outputs=args.outputs)
            print(json.dumps({"run": f"--jobs {jobs}", **figures, **describe_output(output, planted),
                              "load_average": round(os.getloadavg()[0], 1)}), flush=True)
        for workers in args.dask:
            import dask
            from distributed import Client

            from factcheck.cluster.session import DASK_SETTINGS

            # Dask's settings of ``--scheduler dask`` for the cluster's whole life, as the command
            # holds them for its run (the scheduler is then in its process): a stream opened later,
            # the scheduler's to the command's client, keeps as few messages as there.
            with dask.config.set(DASK_SETTINGS), start_cluster(workers) as cluster, Client(cluster) as client:
                client.run(lambda: __import__("factcheck.pipeline") and None)
                pids = list(client.run(os.getpid).values())
                output = where / f"dask{workers}.json"
                probe = WorkerProbe(client, args.probe, args.probe_every) if args.probe else None
                figures = run_command(folder, output, ["--scheduler", cluster.scheduler_address, *accepted], args.root, pids,
                                      where / "trace.json" if traced else None, args.census, probe, args.outputs)
                peaks = sorted(round(p) for p in client.run(peak_rss_mb).values())
                # The scheduler runs in this process (with the bench's own objects: the planted
                # list), and this is the process's peak so far: one corpus size per invocation.
                scheduler_peak = round(status_kb(os.getpid()) / 1024)
            print(json.dumps({"run": f"--scheduler, {workers} workers", **figures, "worker_peak_rss_mb": peaks,
                              "scheduler_process_peak_rss_mb": scheduler_peak,
                              **describe_output(output, planted), "load_average": round(os.getloadavg()[0], 1)}),
                  flush=True)
            if args.probe:
                print(json.dumps(probe_summary(args.probe), indent=1), flush=True)


if __name__ == "__main__":
    main()
