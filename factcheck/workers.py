"""Audit documents in worker processes: how many, and how the work is handed out.

Results come back in input order, so a run with several jobs gives the same output as one. A
worker that dies (killed, out of memory) or a result that will not pickle does not end the run:
what is left is finished in this process, where every failure is one document's error.
"""

from __future__ import annotations

import importlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from factcheck.documents import LOADERS, SUFFIXES

#: Below this many documents a run stays in one process unless ``jobs`` is set: starting
#: workers costs more than it saves.
AUTO_JOBS_MIN_DOCUMENTS = 8

#: Documents per chunk at most: some 0.3 s of work for 32 documents of 5 KB, against a
#: millisecond or so of handing a chunk over and its results back. 10,000 generated 5 KB
#: documents on 2 cores, the cross-document check included (``bench/speed.py --only corpus``,
#: 2026-12-04): median 54.5 s of five runs, the largest worker 113 MB; with chunks of 1,250,
#: median 63.0 s of four, the largest worker 226 MB (a chunk's results held until it ended).
MAX_CHUNK = 32

Outcome = TypeVar("Outcome")
ProgressCallback = Callable[[int, int, str], None]


def default_jobs(documents: int) -> int:
    """One job per core for a large enough run, else one."""
    if documents < AUTO_JOBS_MIN_DOCUMENTS:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, documents))


def chunk_size(documents: int, workers: int) -> int:
    """Documents a worker is handed at a time: four chunks per worker at least, ``MAX_CHUNK`` at
    most. A chunk's results come back together when its last document is done, and the chunks
    are handed out as workers free up; with chunks of a quarter of a worker's share (1,250 of
    10,000 documents, some 13 s of work each), the worker that finished first sat idle for
    seconds at the end of a run while the other finished its last chunk, and progress moved in
    steps of 1,250."""
    return max(1, min(MAX_CHUNK, documents // (workers * 4)))


def warm_up(files: Sequence[str | Path]) -> None:
    """Import the rules and the loaders the files need before forking, so that workers inherit
    them instead of each importing them again."""
    from factcheck.rules.registry import all_rules

    all_rules()
    for fmt in {SUFFIXES.get(os.path.splitext(path)[1].lower()) for path in files} - {None}:
        importlib.import_module(LOADERS[fmt][1].partition(":")[0])


def die_with_parent(parent: int) -> None:
    """Make this worker process end when ``parent`` dies, even by SIGKILL, instead of living on
    orphaned: on Linux the kernel signals it (``PR_SET_PDEATHSIG``); elsewhere a daemon thread
    watches the parent's pid."""
    try:
        import ctypes
        import signal

        if ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL) == 0:  # 1: PR_SET_PDEATHSIG
            if os.getppid() != parent:  # the parent died before the request: nobody will signal
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="factcheck-parent-watch", daemon=True).start()


def map_in_order(work: Callable[[Path], Outcome], files: Iterable[str | Path] | Sequence[str | Path], jobs: int,
                 on_progress: ProgressCallback | None = None) -> Iterator[Outcome]:
    """``work(path)`` for every file, in order, in ``jobs`` processes, each outcome handed on as it
    comes (the caller keeps or writes it: nothing here holds the outcomes), ``on_progress(done,
    total, path)`` after each. ``files`` is read from the start again rather than indexed (a large
    run's list is a file, ``factcheck.spool.PathSpool``)."""
    done = 0
    total = len(files)  # type: ignore[arg-type]
    if jobs > 1 and total > 1:
        from concurrent.futures import ProcessPoolExecutor

        workers = min(jobs, total)
        chunksize = chunk_size(total, workers)
        warm_up(files)
        try:
            with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent,
                                     initargs=(os.getpid(),)) as pool:
                results = pool.map(work, files, chunksize=chunksize)
                names = iter(files)
                while True:
                    try:
                        outcome = next(results)
                    except StopIteration:
                        break
                    done += 1
                    path = next(names)
                    if on_progress:
                        on_progress(done, total, str(path))
                    yield outcome
        except Exception:  # noqa: BLE001 - a worker died (killed, out of memory), a result would not pickle:
            pass  # finish what is left in this process, where every failure is one document's error
    for path in itertools.islice(files, done, None):
        outcome = work(path)
        done += 1
        if on_progress:
            on_progress(done, total, str(path))
        yield outcome
