"""The check's last steps on a cluster, each group's support, each clash blamed and the conflicts
of each range of documents, run as the holders run them: every step over the pieces an exchange
brought its partition (``factcheck.cluster.blame``)."""

from __future__ import annotations

import pickle

from factcheck.claims.facts import Statement
from factcheck.cluster.blame import PairRecord, blamed_pieces, conflicts_of, supported
from factcheck.cluster.pieces import pickled, sid_part

PARTITIONS = 2


def _said(doc: int, text: str, start: int = 10) -> Statement:
    return Statement(doc=doc, claim=f"c{doc}", kind="date", role="completed", start=start, end=start + len(text),
                     text=text, sequence=("bridge", "completed", "#"), names=("Harford",), values=frozenset({text}),
                     value=None)


# Groups of repeated statements, (document, group): A said twice in document 0, B and C once.
A, B, C, D, E = (0, 0), (1, 0), (2, 0), (3, 0), (4, 0)
MEMBERS = {A: (_said(0, "1990"), _said(0, "1990", 90)), B: (_said(1, "1991"),), C: (_said(2, "1990"),),
           D: (_said(3, "May 1950"),), E: (_said(4, "June 1950"),)}


def _pair(first, second, verdict: bool) -> PairRecord:
    members = (MEMBERS[first], MEMBERS[second]) if verdict is False else None
    return PairRecord(first, second, True, verdict, len(MEMBERS[first]), len(MEMBERS[second]), members)


def _sent_to_both_groups(records: list[PairRecord]) -> list[bytes]:
    """The pieces of the exchange by group, as the step before makes them (one per partition)."""
    out: list[list] = [[] for _ in range(PARTITIONS)]
    for record in records:
        for sid in (record.first, record.second):
            out[sid_part(sid, PARTITIONS)].append((sid, record))
    return [pickled(piece) for piece in out]


def _exchanged(outputs: list[tuple[bytes, ...]]) -> list[list[bytes]]:
    """Partition ``i`` receives every partition's ``i``-th piece."""
    return [[output[shard] for output in outputs] for shard in range(PARTITIONS)]


def _check(records: list[PairRecord], documents: int = 5):
    pieces = _sent_to_both_groups(records)
    sides = [supported(PARTITIONS, piece) for piece in pieces]
    blames = [blamed_pieces(documents, PARTITIONS, *inbox) for inbox in _exchanged(sides)]
    return sides, [conflicts_of(*inbox) for inbox in _exchanged(blames)]


def _read(conflicts) -> list[tuple[int, int, str, list[tuple[int, str]]]]:
    return [(c.statement.doc, c.statement.start, c.statement.text, [(o.doc, o.text) for o in c.others])
            for c in conflicts]


def test_the_group_with_less_support_is_blamed_with_every_group_it_clashes_with():
    """A (twice in document 0) agrees with C; B clashes with both: B is the odd one out, and its
    conflict names one statement of A and C each, though its two clashes crossed two partitions."""
    _, ranges = _check([_pair(A, C, True), _pair(A, B, False), _pair(B, C, False)])
    assert [_read(found) for found in ranges] == [[(1, 10, "1991", [(0, "1990"), (2, "1990")])], []]


def test_a_clash_between_equals_is_blamed_on_the_later_document_and_the_ranges_keep_document_order():
    """D and E have no support: E, the later, is blamed; each range holds its documents' conflicts."""
    _, ranges = _check([_pair(A, C, True), _pair(A, B, False), _pair(D, E, False)])
    assert [_read(found) for found in ranges] == [[(1, 10, "1991", [(0, "1990")])],
                                                  [(4, 10, "June 1950", [(3, "May 1950")])]]


def test_a_blamed_group_of_repeats_gets_a_conflict_for_each_of_its_statements():
    """C and B agree; A, said twice, clashes with both and has the least support (none)."""
    _, ranges = _check([_pair(B, C, True), _pair(A, B, False), _pair(A, C, False)])
    assert [_read(found) for found in ranges] == [
        [(0, 10, "1990", [(1, "1991"), (2, "1990")]), (0, 90, "1990", [(1, "1991"), (2, "1990")])], []]


def test_a_clashs_statements_travel_with_its_first_group_alone():
    sides, _ = _check([_pair(A, B, False)])
    sent = [(pair, sid, support, record.members is not None)
            for output in sides for piece in output for pair, (sid, support, record) in pickle.loads(piece)]
    assert sorted(sent) == [((A, B), A, 0, True), ((A, B), B, 0, False)]
