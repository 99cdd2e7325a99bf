"""The cycle collector paused around a document's load and audit, and on again after."""

from __future__ import annotations

import gc

import pytest

from factcheck.collector import collector_paused


def test_the_collector_is_off_inside_and_on_again_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: the inner block leaves it off
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_on_again_after_an_error() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a document that fails")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Record:
    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


def test_many_records_kept_by_the_block_go_to_the_oldest_generation_unwalked() -> None:
    gc.collect()
    with collector_paused():
        kept = [_Record(i) for i in range(60_000)]
        assert gc.get_count()[0] >= 60_000
    # No young collection is left to walk them: the young count starts again from (near) nothing,
    # and the records sit in the oldest generation.
    assert gc.get_count()[0] < 1_000
    assert gc.is_tracked(kept[0])
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(kept[0]) in oldest and id(kept[-1]) in oldest


def test_a_cycle_left_by_a_large_block_is_freed_by_a_full_collection() -> None:
    import weakref

    class Node:
        pass

    with collector_paused():
        kept = [_Record(i) for i in range(60_000)]
        a, b = Node(), Node()
        a.other, b.other = b, a
        alive = weakref.ref(a)
        del a, b
    assert alive() is not None  # a cycle: not freed by reference counting
    gc.collect()
    assert alive() is None
    assert len(kept) == 60_000


def test_objects_the_caller_froze_stay_frozen_after_a_large_block() -> None:
    # A server may freeze its objects before forking workers; leaving a large block must not
    # unfreeze them (the block's own records then go through the usual collections).
    gc.collect()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            kept = [_Record(i) for i in range(60_000)]
        assert gc.get_freeze_count() == frozen > 0
        assert id(kept[0]) not in {id(o) for o in gc.get_objects(generation=2)}
    finally:
        gc.unfreeze()
