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
sent out again to the check's holders have no task behind them: should a worker die during the
check, its part is lost, the check fails with ``WorkerLost``, and it runs again from the file
(``CHECK_ATTEMPTS``). The cost: each statement crosses the network twice more (0.55 KB a
document of the bench's, against some 25 KB of results and records already coming back).

Faults: a worker that dies during the audit has its tasks run again elsewhere by Dask. A batch
whose task fails is run again one document per task, and a document whose task still fails (it
kills every worker it runs on, say) becomes an input error naming it, as a document that fails
locally does. The time and memory limits of a document apply only where
``factcheck.timelimit`` can set them: a Dask worker runs tasks in a thread, so there they do not
(the worker's own memory limit still stops a runaway).

What a worker keeps for the check between documents is kept by a Dask actor there, not as task
results (``factcheck.cluster.holders``): at most ``holders.HELD_IN_MEMORY`` bytes in memory, the
rest on disk, and no task in the scheduler for each step.
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.claims.conflicts import Conflict
from factcheck.cluster.heap import trim_heap
from factcheck.cluster.holders import Holders, WorkerLost
from factcheck.cluster.install import ClusterError
from factcheck.config import Thresholds
from factcheck.context import CorpusContext
from factcheck.corpus_documents import corpus_statements
from factcheck.collect import Finished
from factcheck.results import DocumentResult, InputError
from factcheck.spool import AppendFile, ItemSpool, decode_path, encode_path

if TYPE_CHECKING:
    from factcheck.cluster.shuffle import Part

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
#: Seconds the check waits for a worker when the cluster has none (a lost worker restarting).
WORKERS_WAIT = 60
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

    def fact_conflicts(self, corpus: CorpusContext, thresholds: Thresholds) -> Sequence[Conflict]:
        """The conflicts between documents, found on the cluster, in order; documents numbered as
        ``corpus.paths`` (``corpus.numbers``: the number of each, as the run took them in). They
        come back a range of documents at a time, into a temporary file (an ``ItemSpool``): the
        client holds one range's at a time, however many the corpus has. A worker that dies
        takes its holder with it (``factcheck.cluster.holders``: nothing there that Dask could
        make again): the check then runs again, with new holders and the statements sent out
        again from the file, ``CHECK_ATTEMPTS`` times at most."""
        from factcheck.cluster.shuffle import find_conflicts

        if not any(self._batches[2::3]):  # no document audited: no statements to send, no holder to make
            return []
        for attempt in range(1, CHECK_ATTEMPTS + 1):
            conflicts: ItemSpool[Conflict] = ItemSpool("factcheck-conflicts-")
            try:
                if not self.client.nthreads():  # its only worker lost and restarting, say
                    self.client.wait_for_workers(1, timeout=WORKERS_WAIT)
                holders = Holders(self.client, sorted(self.client.nthreads()))  # every worker
                try:
                    find_conflicts(holders, self._parts_sent(holders, corpus.numbers), thresholds,
                                   partial(_written, conflicts))
                except BaseException:  # a worker lost, or Ctrl-C: not a call to holders still busy
                    holders.let_go()
                    raise
                holders.close()
                return conflicts
            except BaseException as error:
                conflicts.close()  # an attempt's conflicts, some of them: the next finds them all again
                if isinstance(error, _NotWritten):
                    raise error.error from None
                if not isinstance(error, (CancelledError, WorkerLost, OSError)):
                    raise
                if attempt == CHECK_ATTEMPTS:
                    raise ClusterError(f"scheduler: the check between documents failed {attempt} times, its workers "
                                       f"lost ({type(error).__name__}: {error})") from None
            # The failed attempt's values live on in its traceback's frames (a cycle through
            # Dask's ``sync``): collected now, before the next attempt sends its own.
            gc.collect()
        return []  # not reached

    def _parts_sent(self, holders: Holders, numbers: Sequence[int]) -> list[Part]:
        """Every batch's statements sent out from the file, a part at a time (read and sent
        together), each part to the next worker's holder in turn: per part, its worker, and per
        batch its documents' numbers and its statements' name there (``shuffle.find_conflicts``).
        Parts of consecutive batches, at most ``shuffle.PART_DOCUMENTS`` documents each and
        about as many for every worker (the check's steps on a part run where it is)."""
        from factcheck.cluster import shuffle

        workers = holders.workers
        total = sum(self._batches[2::3])
        parts_each = math.ceil(total / (shuffle.PART_DOCUMENTS * len(workers)))
        size = math.ceil(total / max(1, parts_each * len(workers)))
        parts: list[Part] = []
        for number, part in enumerate(shuffle.bounded(self._stored(numbers), shuffle.PART_DOCUMENTS, size)):
            place = workers[number % len(workers)]
            names = [f"facts/{number}/{batch}" for batch in range(len(part))]
            holders.put(place, [(name, self._statements.read(offset, length))
                                for name, ((offset, length), _) in zip(names, part, strict=True)])
            parts.append((place, [batch_numbers for _, batch_numbers in part], names))
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


class _NotWritten(Exception):
    """This process could not write the conflicts to its file (a full disk): not a worker lost,
    whose ``OSError`` runs the check again, but the run's end (``error``, raised as it was)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def _written(conflicts: ItemSpool[Conflict], conflict: Conflict) -> None:
    """A conflict from the cluster to its file, an error there told from the cluster's."""
    try:
        conflicts.append(conflict)
    except OSError as error:
        raise _NotWritten(error) from error


def _path_of(outcome: Outcome) -> str:
    return outcome.document.path if isinstance(outcome, DocumentResult) else outcome.path


def local_cluster(workers: int) -> Any:
    """The cluster ``--scheduler dask`` starts on this machine: ``workers`` processes of one thread
    (the audit holds the GIL). Its memory limit stays Dask's (the machine's divided among the
    workers), which pauses and restarts a worker whose own objects outgrow it. What a worker
    keeps for the check between documents is its holder's, on disk past a budget
    (``factcheck.cluster.holders``), on this cluster or any other.

    Its workers do not profile their tasks (``distributed.worker.profile``): a worker samples its
    running task's stack every 10 ms and keeps a tree of the stacks seen for each second of the
    last 1,000 (twice: in all, and by task), for the dashboard's profile page. The audit's stacks
    are deep and many, and that history was what a worker's memory grew by while auditing,
    beyond the statements it then kept (``tracemalloc`` in a worker, 20,000 documents). Nor do they,
    or the scheduler, keep more than 100 messages of a stream for debugging (``DASK_SETTINGS``).
    And they ignore the terminal's Ctrl-C, which is the command's (``factcheck.cluster.interrupts``)."""
    import dask
    from distributed import LocalCluster

    from factcheck.cluster.interrupts import PRELOAD, spawned_ignoring_interrupts

    # The nannies hand the configuration at hand to the worker processes they start (and restart):
    # the settings, and the preload by which a worker ignores the terminal's Ctrl-C.
    theirs = dask.config.get("distributed.worker.preload", None) or []
    preloads = [*([theirs] if isinstance(theirs, str) else theirs), PRELOAD]  # the user's kept
    with dask.config.set({**DASK_SETTINGS, "distributed.worker.preload": preloads}), spawned_ignoring_interrupts():
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                            silence_logs=logging.ERROR)


def _connected(scheduler: str) -> Any:
    """A client of the running cluster at ``scheduler``; waits as long as Dask's
    distributed.comm.timeouts.connect says (30 s unless set)."""
    from distributed import Client

    try:
        return Client(scheduler)
    except TypeError as error:
        if scheduler.startswith("tls://"):  # Dask wants an ssl context it has not been given
            raise ClusterError(f"scheduler: cannot connect to the Dask scheduler at {scheduler}: {error} (a "
                               "tls:// scheduler needs Dask's distributed.comm.tls settings)") from None
        raise


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
                client = _connected(scheduler)
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
