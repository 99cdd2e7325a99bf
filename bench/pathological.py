"""Pathological inputs of at most 1 MB (tests/robust/pathological.py: the shapes of issue 14,
then the older robustness set): the median time to load and audit each with every rule, and the peak
memory of that audit against the input's size.

Targets (issue 14): at most 2 s each, and a peak RSS of at most 20 times the input plus 200 MB.
Each input runs in a fresh interpreter (so peak RSS is that input's alone), ``--runs`` times in a
row: the first run's lazy imports are left out of the median when there are three or more runs.
Asserts nothing; prints a table (each input's median wall and CPU time beside the target), flagging
what misses a target.

    .venv/bin/python bench/pathological.py [--runs 3] [--only issue14,HTML] [--limit 120]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 2.0
BUDGET_FACTOR, BUDGET_BASE_MB = 20, 200


def child(path: str, runs: int) -> None:
    """In the fresh interpreter: load and audit ``runs`` times; print times and peak RSS as JSON."""
    import resource

    from factcheck.config import Settings
    from factcheck.documents import load_document
    from factcheck.pipeline import audit_document

    times, cpu, findings = [], [], 0
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = audit_document(load_document(path), Settings(time_limit=0, memory_limit=0))
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        findings = len(result.findings)
        # Released before the next run: the peak is one audit's, not one audit's plus the last result.
        del result
        gc.collect()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(json.dumps({"times": times, "cpu": cpu, "findings": findings, "peak_mb": peak_kb / 1024}))


def measure(path: Path, runs: int, limit: float) -> dict | str:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(path), "--runs", str(runs)]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=limit * runs + 30, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return f"over {limit * runs + 30:.0f} s"
    if proc.returncode != 0:
        return "failed: " + (proc.stderr.strip().splitlines() or ["?"])[-1]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="only the inputs whose name contains one of these "
                                                   "comma-separated strings; 'issue14' for the shapes of issue 14")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per run before an input is stopped")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.runs)
        return
    from tests.robust.pathological import INPUTS, ISSUE_14_INPUTS, build

    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
          f"median of {args.runs} runs (first run left out from 3); targets: {TARGET_SECONDS:g} s, "
          f"peak RSS <= {BUDGET_FACTOR}x input + {BUDGET_BASE_MB} MB")
    # "cpu" is the process's CPU time: on a machine shared with other work it moves less than the wall time.
    print(f"{'input':44} {'size':>8} {'median':>8} {'cpu':>7} {'target':>7} {'peak RSS':>9} {'budget':>7} "
          f"{'findings':>8}")
    misses = 0
    with tempfile.TemporaryDirectory() as folder:
        wanted = [part for part in args.only.split(",") if part]
        for name in [*ISSUE_14_INPUTS, *INPUTS]:
            chosen = any(part in name or (part == "issue14" and name in ISSUE_14_INPUTS) for part in wanted)
            if wanted and not chosen:
                continue
            suffix, text = build(name)
            data = text.encode("utf-8")
            path = Path(folder) / f"input.{suffix}"
            path.write_bytes(data)
            size_mb = len(data) / 2**20
            outcome = measure(path, args.runs, args.limit)
            if isinstance(outcome, str):
                print(f"{name:44} {size_mb:6.2f}MB  {outcome}", flush=True)
                misses += 1
                continue
            skip = 1 if len(outcome["times"]) >= 3 else 0
            median = statistics.median(outcome["times"][skip:])
            cpu = statistics.median(outcome["cpu"][skip:])
            budget = BUDGET_FACTOR * size_mb + BUDGET_BASE_MB
            flags = [what for what, bad in (("slow", median > TARGET_SECONDS),
                                            ("memory", outcome["peak_mb"] > budget)) if bad]
            misses += bool(flags)
            print(f"{name:44} {size_mb:6.2f}MB {median:7.2f}s {cpu:6.2f}s {TARGET_SECONDS:6.2f}s "
                  f"{outcome['peak_mb']:7.0f}MB {budget:5.0f}MB "
                  f"{outcome['findings']:8}  {' '.join(flags)}", flush=True)
    print(f"{misses} input(s) miss a target")


if __name__ == "__main__":
    main()
