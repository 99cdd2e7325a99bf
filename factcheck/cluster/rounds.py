"""The Dask tasks of the cross-document check: each step where its part or partition is, the
reductions as trees, the exchanges (every part's piece to every partition) in waves.

``factcheck.cluster.shuffle`` says what each step computes; this says how the steps go out to
the cluster. An exchange is a ``getitem`` task per piece, ``(N/5,000)²`` of them a round: sent
at once, the tasks waiting and running grew with the square of the corpus (at 200,000
documents a worker held 5,534), so they go out in waves of about ``TASKS_AT_ONCE``, each wave
awaited. Dask still remembers a round's ``getitem``s, released, as the lineage of the outputs
that read them (to make those again should a worker die), until the next round has read them.
Each step hands its heap's free pages back as it ends (``factcheck.cluster.heap``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from operator import getitem
from typing import Any

from factcheck.cluster.heap import run_then_trim_heap

FAN_IN = 8  # results one reduction task merges
#: Tasks of an exchange sent at once, about (``Rounds.all_to_all``): each costs the scheduler
#: and the worker some kilobytes of state while it waits and runs.
TASKS_AT_ONCE = 1_000


class Rounds:
    """The steps of one check on ``client``'s cluster: ``places`` are the parts' workers,
    ``targets`` the partitions' (a partition per shard of an exchange)."""

    def __init__(self, client: Any, workers: list, places: list, targets: list) -> None:
        self.client, self.workers, self.places, self.targets = client, workers, places, targets

    def run(self, place: Any, function: Callable, *args: Any) -> Any:
        """``function(*args)`` on ``place``'s worker (elsewhere if it dies; anywhere for None)."""
        from dask.utils import funcname

        pinned = {} if place is None else {"workers": [place], "allow_other_workers": True}
        if function is getitem:  # an element of a result: nothing allocated
            return self.client.submit(function, *args, pure=False, **pinned)
        # Its key keeps the step's name (Dask's dashboard and the bench's probe group tasks by it).
        return self.client.submit(run_then_trim_heap, function, *args, key=f"{funcname(function)}-{uuid.uuid4().hex}",
                                  **pinned)

    def reduced(self, merge: Callable[[list], Any], pieces: list) -> Any:
        """``merge`` over every piece, as a tree of ``FAN_IN`` pieces a task."""
        while len(pieces) > 1:
            pieces = [self.run(None, merge, pieces[i:i + FAN_IN]) for i in range(0, len(pieces), FAN_IN)]
        return self.run(None, merge, pieces)

    def all_to_all(self, calls: list[tuple[Any, Callable, tuple, int]], sources: list[tuple[Any, Any]]) -> list:
        """Per call (place, function, args, index): ``function(*args, *pieces)``, the pieces being
        element ``index`` of every source's output (a ``getitem`` task each, where the source
        is). Calls go out a wave at a time, each wave awaited: the tasks waiting or running at
        once are some ``TASKS_AT_ONCE``, not sources x calls. A wave is a call per worker at
        least: past ``TASKS_AT_ONCE / workers`` sources (2.5 million documents on two workers)
        its tasks grow with the corpus again, linearly."""
        from distributed import wait

        wave = max(len(self.workers), TASKS_AT_ONCE // max(1, len(sources)))
        done: list = []
        for start in range(0, len(calls), wave):
            sent = [self.run(place, function, *args, *[self.run(where, getitem, out, index) for where, out in sources])
                    for place, function, args, index in calls[start:start + wave]]
            wait(sent)
            done.extend(sent)
        return done

    def exchange(self, function: Callable, outputs: list, first: int, *args: Any, numbered: bool = False) -> list:
        """Per shard (a partition's worker), ``function`` over every part's piece of it: piece
        ``first + shard`` of each part's output (after ``args``, and the shard's number and
        count when ``numbered``)."""
        partitions = len(self.targets)
        return self.all_to_all([(target, function, (*args, *((shard, partitions) if numbered else ())), first + shard)
                                for shard, target in enumerate(self.targets)], list(zip(self.places, outputs)))

    def answers(self, merge: Callable, shards: list) -> list:
        """Each part's answers from every shard, merged."""
        return self.all_to_all([(place, merge, (), part) for part, place in enumerate(self.places)],
                               list(zip(self.targets, shards)))
