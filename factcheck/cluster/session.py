"""A Dask cluster for one run: documents audited on its workers, results streamed back in order.

Documents go out in batches (``batch_size``): a task per batch runs the local pipeline's own
``audit_path`` on each path, and returns the results (extractions packed, as a large local run
keeps them) and, apart, the batch's fact statements for the corpus check, pickled. Both come back
as each batch finishes; the results are handed on in input order through a reorder buffer and
the statements written to a temporary file of this process, and the batch's task is then let go:
Dask forgets it, and no worker keeps anything of it. At most ``IN_FLIGHT_PER_WORKER`` batches per
worker are out at once, so neither the buffer nor the scheduler's queue grows with the corpus.
For the check (``factcheck.cluster.shuffle``) the statements go back out from that file, a part
at a time, each part to a worker in turn.

Why through this process and not kept on the workers: Dask keeps the task that made a result as
long as the result is held (to make it again should its worker die). Statements kept on the
workers until the check kept every batch's task in the scheduler, and a key per batch in every
worker, all through the audit: what grew with the corpus there (``docs/scaling.md``). Statements
sent out again by ``scatter`` have no task behind them: should a worker die during the check,
its part is lost, the check fails with ``CancelledError``, and it runs again from the file
(``CHECK_ATTEMPTS``). The cost: each statement crosses the network twice more (0.55 KB a
document of the bench's, against some 25 KB of results and records already coming back).

Faults: a worker that dies during the audit has its tasks run again elsewhere by Dask. A batch
whose task fails is run again one document per task, and a document whose task still fails (it
kills every worker it runs on, say) becomes an input error naming it, as a document that fails
locally does. The time and memory limits of a document apply only where
``factcheck.timelimit`` can set them: a Dask worker runs tasks in a thread, so there they do not
(the worker's own memory limit still stops a runaway).

The cluster ``--scheduler dask`` starts keeps at most ``HELD_IN_MEMORY`` bytes of task results in
each worker's memory and spills the rest to disk (``local_cluster``): what a worker holds between
tasks then does not grow with the corpus (see ``docs/scaling.md``).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import math
import os
import pickle
import zlib
from array import array
from concurrent.futures import CancelledError
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from pathlib import Path
from typing import Any

from factcheck.claims.conflicts import Conflict
from factcheck.cluster.heap import trim_heap
from factcheck.cluster.install import ClusterError
from factcheck.config import Thresholds
from factcheck.context import CorpusContext
from factcheck.corpus_documents import corpus_statements
from factcheck.collect import Finished
from factcheck.results import DocumentResult, InputError
from factcheck.spool import AppendFile, decode_path, encode_path

Outcome = DocumentResult | Finished | InputError
ProgressCallback = Callable[[int, int, str], None]

#: Documents per task at most: enough to make a task's overhead small against its audits (~4 ms
#: a document), few enough that results stream back and work stays balanced. Measured on 10,000
#: documents and 2 workers: 100 a batch left the client and scheduler 3.6 s of CPU and two workers
#: 1.63x faster than one; 250, 2.4 s and 1.77x.
MAX_BATCH = 250
#: Batches out at once per worker: one running, the next queued so the worker never waits.
IN_FLIGHT_PER_WORKER = 3
#: Times the check between documents is run before a run fails: a worker that dies during it
#: takes its parts' statements with it, and the check starts again from the client's file.
CHECK_ATTEMPTS = 3
#: Bytes of task results a worker of the cluster started here keeps in memory; past it Dask
#: writes the least recently used to the worker's directory and reads them back when a task needs
#: them. Those results are the statements the client sends for the cross-document check and the
#: check's pieces, all pickled bytes and each read once or twice: what a worker holds that grows
#: with its share of the corpus (0.55 KB a document of statements; at 100,000 documents on 2
#: workers, up to 70 MB each during the check with a budget of 64 MiB), where a LocalCluster by default
#: holds up to 60% of the machine's memory divided among its workers. A task's own objects are
#: bounded apart (a part's or a partition's, ``factcheck.cluster.shuffle``). The largest inputs
#: one task reads are a partition's pieces, some 8 MB (the statements of 5,000 documents are 2.7
#: MB): this holds them twice (measured: 14.5 MB held at most at 30,000 documents, 22 MB at
#: 100,000, the rest on disk; see ``docs/scaling.md``).
HELD_IN_MEMORY = 16 * 2**20
#: Dask's configuration for the cluster ``--scheduler dask`` starts and for the client of any run.
#: No profile of the workers' tasks (``local_cluster``). And Dask's debugging logs shortened: each
#: batched stream (the client's to the scheduler, the scheduler's to each worker and client)
#: keeps its last ``low-level-log-length`` messages, 1,000 by default, and the client's messages
#: carry each batch's paths and its pickled ``work``: a client auditing 200,000 documents with a
#: trivial ``work`` grew by 7 KB a batch until its 1,000th message (82 to 89 MB, at some 120,000
#: documents), and with a log of 100 stayed flat from the first thousands (``docs/scaling.md``).
#: The scheduler's and each worker's logs of their transitions are as long (the stories Dask
#: tells for debugging). On a cluster of your own, only the client's stream is ours to set.
DASK_SETTINGS = {"distributed.worker.profile.enabled": False, "distributed.admin.low-level-log-length": 100}


class WorkerLost(RuntimeError):
    """A worker the check's statements were going to is gone: the check runs again."""


def batch_size(documents: int, workers: int) -> int:
    """At least four batches per worker, at most ``MAX_BATCH`` documents each."""
    return max(1, min(MAX_BATCH, math.ceil(documents / (4 * max(1, workers)))))


def packed_paths(paths: Sequence[str | Path]) -> bytes:
    """A batch's paths (at least one) as the task that audits them carries them: joined by NUL
    and compressed: the message to the scheduler, and the task it keeps while the batch is out,
    are small (250 paths of 60 characters: 1 KB, against 15 KB pickled as a list of strings). A
    path is encoded as the run's list of paths encodes it (``factcheck.spool``: an undecodable
    file name's lone surrogates kept); one holding NUL, which no file name holds, is refused."""
    names = [os.fsdecode(path) for path in paths]
    if not names or any("\0" in name for name in names):
        raise ValueError("packed_paths: no paths, or a path holding NUL")
    return zlib.compress(encode_path("\0".join(names)), 6)


def pickled_work(work: Callable[[str], Outcome]) -> bytes:
    """The work function as each batch's task carries it: pickled once, by the client (each task
    still carries the bytes, some 0.9 KB for the pipeline's work), and unpickled on the worker.
    Dask's scheduler unpickles a task's arguments and keeps them with the task: the work (the
    run's settings, a pydantic model) was some 50 objects, 3 KB, a batch (``tracemalloc``)."""
    import cloudpickle  # Dask's own pickler, a dependency of ``distributed``: the work may be a closure

    return cloudpickle.dumps(work, protocol=pickle.HIGHEST_PROTOCOL)


def unpacked_paths(packed: bytes) -> list[str]:
    """The paths of ``packed_paths``, as the strings given (or ``os.fsdecode`` of them)."""
    return decode_path(zlib.decompress(packed)).split("\0")


def audit_batch(work: bytes, paths: bytes) -> tuple[list[Outcome], bytes]:
    """Runs on a worker: ``work`` (pickled by ``pickled_work``) on each path of the batch
    (``packed_paths``), each document's result packed without its fact statements, and the
    statements apart (each document's, numbered as document 0), pickled: the client keeps them
    until the corpus check, and as Python objects they take seven times the room (714 bytes a
    statement, unpickled, against 97 pickled, on the bench's generated reports)."""
    outcomes: list[Outcome] = []
    facts: list[tuple] = []
    audit = pickle.loads(work)
    for path in unpacked_paths(paths):
        outcome = audit(path)
        if isinstance(outcome, Finished):  # pickled already, its statements apart
            facts.append(outcome.statements or ())
            outcome = outcome.without_statements()
        elif isinstance(outcome, DocumentResult):
            facts.append(tuple(corpus_statements(outcome)))
            kept = {name: value for name, value in outcome.corpus_inputs.items() if name != "fact_statements"}
            outcome = outcome.with_corpus_inputs(kept).packed()
        outcomes.append(outcome)
    packed = pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL)
    del facts
    trim_heap()  # the documents' free heap pages back to the system (``factcheck.cluster.heap``)
    return outcomes, packed


class Cluster:
    """A connected Dask client, and the statements of the batches ``audit`` has had back."""

    def __init__(self, client: Any, workers: int) -> None:
        self.client = client
        self.workers = workers
        # Each batch's statements as its worker pickled them, in an unlinked temporary file; per
        # batch, in input order, three numbers: where they are in the file, how long they are, and
        # how many documents they are of (consecutive among the run's documents: an input error is
        # no document). 24 bytes a batch, some 96 bytes a thousand documents.
        self._statements = AppendFile("factcheck-statements-")
        self._batches = array("Q")
        self._direct = True  # whether the check's statements go straight to the workers (``_sent``)

    def close(self) -> None:
        self._statements.close()

    def audit(self, work: Callable[[str], Outcome], files: Iterable[str | Path],
              on_progress: ProgressCallback | None = None) -> Iterator[Outcome]:
        """``work(path)`` for every file on the workers (each path as a string, as a large run's
        list holds it), the outcomes in input order. ``files`` is read once, a batch at a time (a
        large run's list is a file): only the batches out are held."""
        from distributed import as_completed

        total = len(files)  # type: ignore[arg-type]
        size = batch_size(total, self.workers)
        sent = pickled_work(work)
        names = iter(files)
        queue = enumerate(iter(lambda: list(itertools.islice(names, size)), []))
        running: dict[Any, int] = {}
        batches: dict[int, list[str | Path]] = {}  # the paths of each batch out, for a retry
        finished = as_completed()
        ready: dict[int, tuple[list[Outcome], tuple[int, int, int]]] = {}
        done = following = 0

        def submit() -> None:
            for index, paths in queue:
                # Earlier batches first: results are handed on in input order.
                batches[index] = paths
                whole = self.client.submit(audit_batch, sent, packed_paths(paths), pure=False, priority=-index)
                running[whole] = index
                finished.add(whole)
                if len(running) >= IN_FLIGHT_PER_WORKER * self.workers:
                    return

        submit()
        for future in finished:
            index = running.pop(future)
            paths = batches.pop(index)
            try:
                outcomes, statements = future.result()
            except Exception:  # noqa: BLE001 - the task failed: its documents one by one, each its own error
                outcomes, statements = self._one_by_one(sent, paths, index)
            # Let go as soon as it is in: the scheduler then forgets the task (and its arguments).
            future.release()
            ready[index] = (outcomes, self._kept(statements, outcomes))
            submit()
            while following in ready:
                outcomes, kept = ready.pop(following)
                self._batches.extend(kept)
                for outcome in outcomes:
                    done += 1
                    if on_progress:
                        on_progress(done, total, _path_of(outcome))
                    yield outcome
                following += 1

    def _kept(self, statements: bytes, outcomes: list[Outcome]) -> tuple[int, int, int]:
        """A batch's statements written to the file: where, how long, of how many documents."""
        documents = sum(1 for outcome in outcomes if not isinstance(outcome, InputError))
        if not documents:
            return (0, 0, 0)
        return (self._statements.append(statements), len(statements), documents)

    def _one_by_one(self, sent: bytes, paths: Sequence[str | Path], index: int) -> tuple[list[Outcome], bytes]:
        """A failed batch again, a task per document; a document whose task fails is an input
        error. The statements of the documents that passed, as one batch's."""
        singles = [(path, self.client.submit(audit_batch, sent, packed_paths([path]), pure=False, priority=-index))
                   for path in paths]
        outcomes: list[Outcome] = []
        kept: list[tuple] = []
        for path, whole in singles:
            try:
                (outcome,), statements = whole.result()
            except Exception as error:  # noqa: BLE001 - one document's failure, named, as locally
                outcomes.append(InputError(str(path), f"failed on a Dask worker: {type(error).__name__}: {error}"))
                continue
            finally:
                whole.release()
            if not isinstance(outcome, InputError):
                kept.extend(pickle.loads(statements))
            outcomes.append(outcome)
        return outcomes, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL)

    def fact_conflicts(self, corpus: CorpusContext, thresholds: Thresholds) -> list[Conflict]:
        """The conflicts between documents, found on the cluster; documents numbered as ``corpus.paths``
        (``corpus.numbers``: the number of each, as the run took them in). A worker that dies
        takes its parts' statements with it (they have no task to make them again): the check
        then runs again, its statements sent out again from the file, ``CHECK_ATTEMPTS`` times
        at most."""
        from factcheck.cluster.shuffle import find_conflicts

        for attempt in range(1, CHECK_ATTEMPTS + 1):
            try:
                return find_conflicts(self.client, self._parts_sent(corpus.numbers), thresholds)
            except (CancelledError, WorkerLost, OSError) as error:  # a worker lost (OSError: its connection)
                if attempt == CHECK_ATTEMPTS:
                    raise ClusterError(f"scheduler: the check between documents failed {attempt} times, its workers "
                                       f"lost ({type(error).__name__}: {error})") from None
            # The failed attempt's futures live on in its traceback's frames (a cycle through
            # Dask's ``sync``): collected now, their statements and pieces are let go on the workers.
            gc.collect()
        return []  # not reached

    def _sent(self, part: list[bytes], place: list[str] | None) -> list[Any]:
        """A part's statements sent to ``place``'s worker, straight from this process where it
        can reach the worker (else through the scheduler, from then on). Through the scheduler,
        each part passed through its memory, and its process kept the room: at 200,000 documents
        (40 parts of 2.7 MB) its peak was 226 MB against 131 with the statements kept on the
        workers (``docs/scaling.md``). A worker gone meanwhile is ``WorkerLost`` (the check
        runs again), not a reason to leave the straight route."""
        if self._direct:
            try:
                return self.client.scatter(part, workers=place, hash=False, direct=True)
            except OSError:  # no route from here to the worker (a gateway between), or the worker gone
                self._alive(place)
        try:
            futures = self.client.scatter(part, workers=place, hash=False)
        except (OSError, KeyError) as error:  # the scheduler no longer has the worker (KeyError)
            self._alive(place)
            raise WorkerLost(f"{type(error).__name__}: {error}") from None
        self._direct = False  # the scheduler reached the worker this process could not
        return futures

    def _alive(self, place: list[str] | None) -> None:
        if place and place[0] not in self.client.nthreads():
            raise WorkerLost(f"worker {place[0]} is gone")

    def _parts_sent(self, numbers: Sequence[int]) -> list[Any]:
        """Every batch's statements sent out from the file, a part at a time (read and sent
        together), each part to the next worker in turn: per part, its worker, and per batch its
        documents' numbers and the future of its statements (``shuffle.find_conflicts``). Parts of
        consecutive batches, at most ``shuffle.PART_DOCUMENTS`` documents each and about as many
        for every worker (the check's steps on a part run where it is)."""
        from factcheck.cluster import shuffle

        workers = sorted(self.client.nthreads())  # every worker (``scheduler_info`` may list a few)
        total = sum(self._batches[2::3])
        parts_each = math.ceil(total / (shuffle.PART_DOCUMENTS * max(1, len(workers))))
        size = math.ceil(total / max(1, parts_each * max(1, len(workers))))
        parts = []
        for number, part in enumerate(shuffle.bounded(self._stored(numbers), shuffle.PART_DOCUMENTS, size)):
            place = workers[number % len(workers)] if workers else None
            sent = self._sent([self._statements.read(offset, length) for (offset, length), _ in part],
                              None if place is None else [place])
            parts.append((place, [batch_numbers for _, batch_numbers in part], sent))
        return parts

    def _stored(self, numbers: Sequence[int]) -> Iterator[tuple[tuple[int, int], Sequence[int]]]:
        """Per batch of documents, in input order: where its statements are in the file (offset,
        length), and its documents' numbers (a slice of a ``range``, documents that came in path
        order, or of an array: a few bytes to send, not a list of Python ints)."""
        first = 0
        for at in range(0, len(self._batches), 3):
            offset, length, documents = self._batches[at:at + 3]
            if documents:
                numbered = numbers[first:first + documents]
                yield (offset, length), numbered if isinstance(numbered, (range, array)) else array("Q", numbered)
                first += documents


def _path_of(outcome: Outcome) -> str:
    return outcome.document.path if isinstance(outcome, DocumentResult) else outcome.path


def spill_buffer(worker_local_directory: str, held_in_memory: int) -> MutableMapping:
    """Runs in a worker as it starts: its store of task results (Dask's own), ``held_in_memory``
    bytes in memory at most, the rest on disk in the worker's directory (removed with it)."""
    from distributed.spill import SpillBuffer

    return SpillBuffer(os.path.join(worker_local_directory, "storage"), target=held_in_memory)


def local_cluster(workers: int, held_in_memory: int | None = None) -> Any:
    """The cluster ``--scheduler dask`` starts on this machine: ``workers`` processes of one thread
    (the audit holds the GIL), each keeping at most ``held_in_memory`` bytes of results in memory
    (``HELD_IN_MEMORY``). Its memory limit stays Dask's (the machine's divided among the
    workers), which pauses and restarts a worker whose own objects outgrow it.

    Its workers do not profile their tasks (``distributed.worker.profile``): a worker samples its
    running task's stack every 10 ms and keeps a tree of the stacks seen for each second of the
    last 1,000 (twice: in all, and by task), for the dashboard's profile page. The audit's stacks
    are deep and many, and that history was what a worker's memory grew by while auditing,
    beyond the statements it then kept (``tracemalloc`` in a worker, 20,000 documents). Nor do they,
    or the scheduler, keep more than 100 messages of a stream for debugging (``DASK_SETTINGS``)."""
    import dask
    from distributed import LocalCluster

    budget = HELD_IN_MEMORY if held_in_memory is None else held_in_memory
    # The nannies hand the configuration at hand to the worker processes they start (and restart).
    with dask.config.set(DASK_SETTINGS):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                            silence_logs=logging.ERROR, data=(spill_buffer, {"held_in_memory": budget}))


@contextlib.contextmanager
def open_cluster(scheduler: str, workers: int) -> Iterator[Cluster]:
    """``"dask"``: a cluster of ``workers`` processes on this machine, one thread each (the audit
    holds the GIL), closed afterwards; an address: the running cluster there."""
    import dask
    from distributed import Client

    # For the whole run: Dask reads them as each stream is opened, and a worker restarted or a
    # client reconnecting opens new ones.
    with dask.config.set(DASK_SETTINGS):
        local = None
        try:
            if scheduler == "dask":
                local = local_cluster(workers)
                client = Client(local)
            else:
                # Waits as long as Dask's distributed.comm.timeouts.connect says (30 s unless set).
                client = Client(scheduler)
        except OSError as error:
            if local is not None:
                local.close()
            raise ClusterError(f"scheduler: cannot reach the Dask scheduler at {scheduler}: {error}") from None
        try:
            count = len(client.nthreads()) or workers
            cluster = Cluster(client, count)
            try:
                yield cluster
            finally:
                cluster.close()
        finally:
            client.close()
            if local is not None:
                local.close()
