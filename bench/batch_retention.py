"""What Dask keeps for each audit batch once it is back: bytes a batch, in the process that holds
the client and the scheduler.

Until 2026-12-04 a batch's statements stayed on the worker that audited it until the corpus
check, and Dask kept the batch's task, its arguments included, as long as the future of those
statements was held (to audit the batch again should the worker die): that grew with the corpus
in the process of the scheduler. Now the statements come back with the results (to a file of
the client) and the batch's task is let go. This runs ``Cluster.audit`` on a LocalCluster of two
worker processes (its scheduler in this process) over made-up paths (each an input error at
once: the real work, no audit) and reads ``tracemalloc``'s traced memory before and after, and
the tasks the scheduler still has. The baseline, in the same process: the same batches submitted
as they were first, a list of path strings and the work function as it is, each batch's
statements held as a future.

    .venv/bin/python bench/batch_retention.py [--batches 160]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from functools import partial
from operator import getitem
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.cluster.session import DASK_SETTINGS, MAX_BATCH, Cluster, local_cluster  # noqa: E402
from factcheck.config import Settings  # noqa: E402
from factcheck.pipeline import audit_to_store  # noqa: E402


def made_up_paths(count: int, first: int) -> list[str]:
    """Paths of an archive's shape: 58 characters, a folder per section."""
    return [f"/srv/archive/newsroom/2019/section-{(first + i) % 40:02d}/article-{first + i:08d}.txt"
            for i in range(count)]


def unpacked_batch(work, paths: list[str]) -> tuple[list, bytes]:
    """The baseline's task: the paths as a list, the work as given (what a batch carried before)."""
    return [work(path) for path in paths], b""


def held_per_batch(client, hold_batches) -> float:
    """Traced bytes a batch kept, over ``hold_batches()`` (which returns the futures it holds)."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    held = hold_batches()
    time.sleep(1)  # the scheduler's last transitions
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    count = len(held)
    client.cancel([future for future in held if future is not None])
    return (after - before) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batches", type=int, default=160, help="batches of 250 held (a multiple of 8)")
    args = parser.parse_args()
    import dask
    from distributed import Client

    work = partial(audit_to_store, settings=Settings(), bibliography=None, statements=True)
    rounds = max(1, args.batches // 8)
    with dask.config.set(DASK_SETTINGS), local_cluster(2) as cluster, Client(cluster) as client:
        session = Cluster(client, 2)
        list(session.audit(work, made_up_paths(MAX_BATCH * 8, 0)))  # warm-up: imports, the first tasks

        def ours() -> list:
            for number in range(rounds):  # 8 batches of 250 a call: the batch size of 2,000 documents
                list(session.audit(work, made_up_paths(MAX_BATCH * 8, 10_000_000 + number * 2_000)))
            return [None] * (rounds * 8)  # nothing held: the batches counted

        def before() -> list:
            held = []
            for number in range(rounds * 8):
                paths = made_up_paths(MAX_BATCH, 20_000_000 + number * MAX_BATCH)
                whole = client.submit(unpacked_batch, work, paths, pure=False)
                outcomes = client.submit(getitem, whole, 0)
                held.append(client.submit(getitem, whole, 1))
                outcomes.result()
                outcomes.release()
            return held

        base = held_per_batch(client, before)
        mine = held_per_batch(client, ours)
        time.sleep(1)
        tasks = client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks))
        session.close()
    print(f"{rounds * 8} batches of {MAX_BATCH} made-up paths audited: {mine / 1e3:5.2f} KB a batch kept "
          f"({mine * 400 / 1e6:5.2f} MB at 100,000 documents), {tasks} tasks left in the scheduler; "
          f"statements held on the workers, the paths as a list and the work as it is: "
          f"{base / 1e3:5.1f} KB a batch")


if __name__ == "__main__":
    main()
