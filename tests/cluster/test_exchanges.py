"""What the client sends to the check's holders for an exchange: as small as the list of workers,
whatever the count of parts and partitions (``factcheck.cluster.holders``)."""

from __future__ import annotations

import pickle

import pytest

pytest.importorskip("distributed")

from factcheck.cluster.holders import Held, Inbox, Targets, moves  # noqa: E402
from factcheck.cluster.pieces import document_part  # noqa: E402


def test_targets_are_the_workers_in_turn_and_pickle_as_the_workers_alone():
    targets = Targets(["tcp://a:1", "tcp://b:2"], 5)
    assert list(targets) == ["tcp://a:1", "tcp://b:2", "tcp://a:1", "tcp://b:2", "tcp://a:1"]
    assert len(targets) == 5 and targets[-1] == "tcp://a:1" and targets[1:4] == ["tcp://b:2", "tcp://a:1", "tcp://b:2"]
    with pytest.raises(IndexError):
        targets[5]
    assert pickle.loads(pickle.dumps(targets)) == targets
    # 2,000 partitions cost what 2 do: the workers' addresses, not a name per piece.
    assert len(pickle.dumps(Targets(targets.workers, 2_000))) - len(pickle.dumps(targets)) < 8


def test_an_exchange_is_a_call_per_source_each_as_small_as_the_workers():
    workers = ["tcp://a:1", "tcp://b:2"]
    for partitions in (2, 2_000):
        targets = Targets(workers, partitions)
        sends = moves([(targets[n], f"pairs/{n}") for n in range(partitions)], 0, targets, "sides")
        assert len(sends) == partitions
        assert sends[7 % partitions] == (targets[7 % partitions], "send", (f"pairs/{7 % partitions}", 0, targets,
                                                                            "sides", 7 % partitions))
        assert max(len(pickle.dumps(call)) for call in sends) < 300


def test_an_inbox_is_read_as_one_argument_per_source_in_source_order():
    assert list(Inbox("sides", 3, 4).pieces()) == [Held(f"sides/3/{n}") for n in range(4)]


def test_the_conflicts_go_to_consecutive_ranges_of_documents():
    # 10 documents, 3 partitions: 0-3, 4-6, 7-9; a number past the last stays in the last.
    assert [document_part(n, 10, 3) for n in range(11)] == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2]
    assert [document_part(n, 1, 4) for n in range(2)] == [0, 3]
