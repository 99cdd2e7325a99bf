"""What a large run's gathering costs the process that starts it, per document, without a cluster.

Audits one generated document (``tests/cluster/planted.py``'s kind, as ``bench/dask_scale.py``),
then hands its pickled result to ``factcheck.collect.Collected`` (the store on disk, the
summaries beside it, the running totals) ``--documents`` times under other paths, as a cluster's
results come back, and prints the RSS and the memory traced (tracemalloc) at a few counts:
what grows with the documents in the gathering itself, apart from Dask's own client.

    .venv/bin/python bench/store_growth.py [--documents 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.process_memory import status_kb  # noqa: E402
from factcheck.collect import Collected  # noqa: E402
from factcheck.config import Settings  # noqa: E402
from factcheck.pipeline import audit_to_store  # noqa: E402
from factcheck.suppress import Suppressor  # noqa: E402
from tests.cluster.planted import write_corpus  # noqa: E402


def rss_mb() -> int:
    return status_kb(os.getpid(), "VmRSS") // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), 2, seed=11, conflict_every=100)
        first = sorted(Path(folder).iterdir())[0]
        finished = audit_to_store(str(first), Settings(), statements=True)
    marks = {args.documents // 10, args.documents // 2, args.documents}
    collected = Collected(Suppressor(None), store=True, statements=False)  # as on a cluster
    tracemalloc.start()
    for number in range(1, args.documents + 1):
        copy = replace(finished, data=bytes(finished.data),
                       summary=replace(finished.summary, path=f"/archive/docs/doc{number:07d}.txt"))
        collected.add(pickle.loads(pickle.dumps(copy)))  # as it comes from a worker
        if number in marks:
            traced = tracemalloc.get_traced_memory()[0]
            print(json.dumps({"documents": number, "rss_mb": rss_mb(), "traced_mb": round(traced / 2**20, 2),
                              "traced_bytes_a_document": round(traced / number, 1)}), flush=True)


if __name__ == "__main__":
    main()
