"""The cross-document check's share on each worker: a Dask actor per worker (a ``Holder``) keeps
the values of the check between its steps, runs each step where its inputs are, and sends the
pieces of an exchange straight to the holder that reads them.

Why actors and not tasks: Dask keeps every task that an output held still depends on, however
long ago it ran (to make that output again should a worker die). The check's steps read each
other's outputs, so as tasks the whole check stayed in the scheduler and the workers until it
ended: its exchanges alone were ``(N/5,000)²`` tasks a round over six rounds, some 5,100 in each
worker's records at 200,000 documents, the thing that still grew with the corpus
(``docs/scaling.md``). An actor's calls are messages, not tasks: for the whole check the
scheduler knows a task per worker (the holder's), whatever the corpus.

The cost: what Dask no longer does. A piece that a lost worker held is not made again: its
holder is gone, every call to it fails, the check fails with ``WorkerLost`` and the client runs
it again from its file (``CHECK_ATTEMPTS``), as it did when a worker took the statements the
client had sent it. A holder keeps at most ``HELD_IN_MEMORY`` bytes of values in memory, the
rest on disk in the worker's directory (Dask's own ``SpillBuffer``), on our cluster or anyone's.

The calls go through Dask's handler for an actor's methods (``actor_execute``), over the client's
or the worker's pool of connections, and not through ``distributed.Actor``'s proxy: a call by
the proxy to a worker that has died can wait for ever (on a failed connection it awaits the
actor's own future, and when Dask fails that, the error escapes the callback that would have set
the call's result: distributed 2026.8, two actors, a worker killed).
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import threading
import uuid
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from factcheck.cluster.heap import run_then_trim_heap

#: Bytes of values a holder keeps in memory; past it the least recently used go to disk, read
#: back by the step that needs them. What a worker holds between the check's steps is its parts'
#: statements and the pieces of the exchanges, which grow with its share of the corpus (0.55 KB
#: a document of statements; at 100,000 documents on 2 workers, up to 70 MB each during the
#: check). The largest inputs one step reads are a partition's pieces, some 8 MB: this holds
#: them twice.
HELD_IN_MEMORY = 16 * 2**20


#: Seconds between looks at the cluster while the holders are made: a holder waits for its worker.
HOLDER_WAIT = 10.0


class WorkerLost(RuntimeError):
    """A worker the check was running on, or sending to, is gone: the check runs again."""


class Held(NamedTuple):
    """A value a holder keeps, named as an argument of a step run there: let go once read unless
    ``keep`` (a part's statements, read by two steps)."""

    name: str
    keep: bool = False


class Holder:
    """Runs on a worker, as a Dask actor: the check's values there, by name, and the steps."""

    def __init__(self, held_in_memory: int) -> None:
        from distributed import get_worker
        from distributed.spill import SpillBuffer

        worker = get_worker()
        self.address = worker.address
        self._folder = tempfile.mkdtemp(prefix="factcheck-check-", dir=worker.local_directory)
        self._values = SpillBuffer(self._folder, target=held_in_memory)
        # Steps run in the worker's thread for actors, values arrive on its event loop: the client
        # waits for one stage before the next, and this keeps the store whole should it not.
        self._lock = threading.Lock()
        self._peers: dict[str, str] = {}  # each worker's address: its holder's key
        self._closed = False
        self._finalizer = weakref.finalize(self, shutil.rmtree, self._folder, True)

    def meet(self, peers: dict[str, str]) -> None:
        """The other holders of the check, by worker address."""
        self._peers = dict(peers)

    def compute(self, function: Callable, args: Sequence[Any], output: str, spread: bool) -> None:
        """``function`` over ``args`` (a ``Held`` read from here, an ``Inbox`` its pieces read
        from here, each an argument), its result kept as ``output``, or when ``spread`` each
        element of it as ``output/i``."""
        values: list[Any] = []
        for arg in args:
            if isinstance(arg, Inbox):
                values.extend(self._read(held) for held in arg.pieces())
            else:
                values.append(self._read(arg) if isinstance(arg, Held) else arg)
        result = run_then_trim_heap(function, *values)
        del values
        self._keep(((f"{output}/{index}", value) for index, value in enumerate(result)) if spread
                   else [(output, result)])

    async def put(self, values: list[tuple[str, Any]]) -> None:
        """Values sent here, kept by name."""
        self._keep(values)

    async def send(self, output: str, first: int, targets: Targets, inbox: str, source: int) -> None:
        """An output's pieces ``first`` to ``first + len(targets) - 1`` (let go here), piece
        ``first + i`` to the holder of ``targets[i]`` as ``inbox/i/source``."""
        from distributed import get_worker

        worker = get_worker()
        for shard, address in enumerate(targets):
            there = f"{inbox}/{shard}/{source}"
            value = self._read(Held(f"{output}/{first + shard}"))
            if address == self.address:
                self._keep([(there, value)])
            else:
                await _called(worker.rpc(address), self._peers[address], "put", [(there, value)])
            del value

    def take(self, names: list[str]) -> list[Any]:
        """The values named, let go here (to the client)."""
        return [self._read(Held(name)) for name in names]

    def held(self) -> tuple[int, int, float]:
        """How many values are kept, how many of them on disk, and the bytes written to disk so far."""
        with self._lock:
            written = sum(value for (label, unit), value in self._values.cumulative_metrics.items()
                          if label == "disk-write" and unit == "bytes")
            return len(self._values), len(self._values.slow), written

    def close(self) -> None:
        """Every value let go, the folder removed (as when Dask drops the actor)."""
        with self._lock:
            self._closed = True
            for name in list(self._values):  # ``clear()`` would read each value back from disk first
                del self._values[name]
        self._finalizer()

    def _keep(self, values: Iterable[tuple[str, Any]]) -> None:
        with self._lock:
            if self._closed:  # a failed check's call, still running: nothing to keep it for
                return
            for name, value in values:
                self._values[name] = value

    def _read(self, held: Held) -> Any:
        with self._lock:
            value = self._values[held.name]
            if not held.keep:
                del self._values[held.name]
            return value


async def _called(route: Any, key: str, method: str, *args: Any) -> Any:
    """``method(*args)`` of the holder ``key`` through ``route`` (a connection to its worker, or the
    scheduler's proxy to it): its result, or the error it raised. A worker unreachable, gone,
    or that no longer has the holder (restarted) is ``WorkerLost``."""
    from distributed.protocol import to_serialize

    try:
        answer = await route.actor_execute(actor=key, function=method, args=[to_serialize(arg) for arg in args],
                                           kwargs={})
    except (OSError, KeyError) as error:  # the connection, or the holder gone from the worker's actors
        raise WorkerLost(f"{type(error).__name__}: {error}") from None
    if answer.get("status") != "OK":
        error = answer.get("exception")
        raise error if isinstance(error, BaseException) else RuntimeError(str(answer))
    return answer["result"]


class _SchedulerRoute:
    """A worker reached through the scheduler (its ``proxy`` handler), for a client with no
    route of its own to the workers."""

    def __init__(self, scheduler: Any, address: str) -> None:
        self.scheduler, self.address = scheduler, address

    async def actor_execute(self, **message: Any) -> Any:
        return await self.scheduler.proxy(msg={"op": "actor_execute", **message}, worker=self.address)


class Holders:
    """The client's side of the check: a holder on each worker (``workers``), the calls to them."""

    def __init__(self, client: Any, workers: Sequence[str]) -> None:
        from concurrent.futures import CancelledError

        self.client = client
        self.workers = list(workers)
        check = uuid.uuid4().hex
        self._futures = {address: client.submit(Holder, HELD_IN_MEMORY, actor=True, workers=[address],
                                                allow_other_workers=False, key=f"factcheck-holder-{check}-{number}")
                         for number, address in enumerate(self.workers)}
        self.keys = {address: future.key for address, future in self._futures.items()}
        self._direct = True
        try:
            self._made()
            self._route_tried()
            self.run([(address, "meet", (self.keys,)) for address in self.workers])
        except (CancelledError, OSError) as error:
            self.let_go()
            raise WorkerLost(f"{type(error).__name__}: {error}") from None
        except BaseException:
            self.let_go()
            raise

    def _made(self) -> None:
        """Each holder made on its worker. Dask waits for a worker that is gone (the holder runs
        there or nowhere), and fails a holder whose worker dies once it is made: either is
        ``WorkerLost``, found each ``HOLDER_WAIT`` seconds. (A worker that stays in the cluster
        without ever running the holder's task, paused over its memory limit say, is waited for.)"""
        from distributed import wait

        futures = list(self._futures.values())
        while True:
            try:
                wait(futures, timeout=HOLDER_WAIT)
                break
            except TimeoutError:
                self._not_lost()
        for future in futures:
            try:
                future.result()
            except Exception:  # a holder that failed: its worker lost, else its own error
                self._not_lost()
                raise

    def _not_lost(self) -> None:
        """``WorkerLost`` if a holder's worker has left the cluster, or a holder made has failed
        (Dask fails an actor whose worker died, even when a worker comes back at its address)."""
        workers = self.client.nthreads()
        for address, future in self._futures.items():
            if address not in workers:
                raise WorkerLost(f"worker {address} is gone")
            if future.status in ("error", "cancelled", "lost"):
                raise WorkerLost(f"the check's holder on worker {address} is lost")

    def _route_tried(self) -> None:
        """Straight to each worker from here where it can be (a call that does nothing), else,
        when no holder can be reached so, through the scheduler for the whole check: sent
        through it, the statements passed through its memory (at 200,000 documents its process
        peaked at 226 MB against 99; ``docs/scaling.md``). A worker that one route reaches and
        another not is a worker lost."""
        async def each() -> list[Any]:
            return await asyncio.gather(*[_called(self._route(address), self.keys[address], "held")
                                          for address in self.workers], return_exceptions=True)

        failed = [answer for answer in self.client.sync(each) if isinstance(answer, BaseException)]
        if not failed:
            return
        self._not_lost()
        if len(failed) < len(self.workers) or not all(isinstance(error, WorkerLost) for error in failed):
            raise failed[0]
        self._direct = False  # no route from this process to the workers (a gateway between)
        self.run([(address, "held", ()) for address in self.workers])

    def _route(self, address: str) -> Any:
        if self._direct:
            return self.client.rpc(address)
        return _SchedulerRoute(self.client.scheduler, address)

    def run(self, calls: Iterable[tuple[str, str, tuple]]) -> list[Any]:
        """Per call (worker, method, args), the method of that worker's holder; every call at once
        (each holder runs its steps one after another), their results once all are back."""
        calls = list(calls)

        async def every() -> list[Any]:
            return await asyncio.gather(*[_called(self._route(address), self.keys[address], method, *args)
                                          for address, method, args in calls])

        try:
            return self.client.sync(every)
        except Exception:
            # Through the scheduler a holder gone is a plain error, not the connection's or the
            # missing actor's: what the cluster says of the holders decides.
            self._not_lost()
            raise

    def put(self, address: str, values: list[tuple[str, Any]]) -> None:
        self.run([(address, "put", (values,))])

    def close(self) -> None:
        """Each holder's values let go and its folder removed, then the holders themselves (a
        check done: each holder is idle)."""
        for address, future in self._futures.items():
            if future.status == "finished":
                try:
                    self.run([(address, "close", ())])
                except Exception:  # noqa: BLE001 - a holder gone or failing: Dask drops it with its worker
                    pass
        self.let_go()

    def let_go(self) -> None:
        """The holders let go at once, for Dask to drop (a check failed or interrupted): a call to
        close them would wait behind the steps they are still running (35 s of a step, measured),
        and what they keep goes with them (their folders removed as they are collected)."""
        for future in self._futures.values():
            future.release()
        self._futures = {}


class Targets(Sequence[str]):
    """The workers of ``count`` pieces, parts or partitions, in turn: the ``i``-th is
    ``workers[i % len(workers)]``. Sent as the workers alone: an exchange's calls would otherwise
    list every piece's place, ``parts x partitions`` names (4 million at 10 million documents)."""

    def __init__(self, workers: Sequence[str], count: int) -> None:
        self.workers = tuple(workers)
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.count))]
        if not -self.count <= index < self.count:
            raise IndexError("targets index out of range")
        return self.workers[index % self.count % len(self.workers)]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Targets) and (self.workers, self.count) == (other.workers, other.count)

    def __hash__(self) -> int:
        return hash((self.workers, self.count))

    def __repr__(self) -> str:
        return f"Targets({self.workers!r}, {self.count})"


class Inbox(NamedTuple):
    """What an exchange sent to ``shard``, one piece per source, in source order: an argument of
    ``Holder.compute`` read there as one argument per piece (each let go once read)."""

    name: str
    shard: int
    sources: int

    def pieces(self) -> Iterator[Held]:
        return (Held(f"{self.name}/{self.shard}/{number}") for number in range(self.sources))


def moves(sources: Sequence[tuple[str, str]], first: int, targets: Targets, inbox: str) -> list:
    """The sends of an exchange: per source (its worker, its output's name), piece ``first + i``
    of it to target ``i``'s worker as ``inbox/i/source``: a call per source, each as small as
    the list of workers (``Holder.send``)."""
    return [(place, "send", (output, first, targets, inbox, number)) for number, (place, output) in enumerate(sources)]
