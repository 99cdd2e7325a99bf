"""The cross-document check's last steps on a cluster (``factcheck.cluster.shuffle`` runs them):
each group's support, each clash blamed on one side, and the conflicts of each range of
documents, in order. Each is a step a holder runs over the pieces an exchange brought it."""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import NamedTuple

from factcheck.claims.conflicts import Conflict, distinct_others
from factcheck.claims.facts import Statement
from factcheck.cluster.pieces import Sid, document_part, grouped, pickled, sid_part


class PairRecord(NamedTuple):
    """A pair of groups that are the same fact, as found under one key."""

    first: Sid
    second: Sid
    looked_from_first: bool  # the first of the pair looked the key up (else the second did)
    verdict: bool | None  # as seen from that side: None when its prefilter stops the pair
    count_first: int
    count_second: int
    members: tuple[tuple[Statement, ...], tuple[Statement, ...]] | None  # for a clash


# -- 4. support --------------------------------------------------------------------------------

def supported(partitions: int, *pieces: bytes) -> tuple[bytes, ...]:
    """A partition of the exchange by statement group: each group's support, passed on with
    each pair it clashes in, split for the exchange by pair."""
    out: list[list] = [[] for _ in range(partitions)]
    for pair, side in _supported_of(grouped(chain.from_iterable(map(pickle.loads, pieces)))):
        out[sid_part(pair[0], partitions)].append((pair, side))
    return tuple(map(pickled, out))


def _supported_of(groups: dict[Sid, list[PairRecord]]) -> Iterator[tuple[tuple[Sid, Sid], tuple]]:
    for sid, records in groups.items():
        by_pair: dict[tuple[Sid, Sid], list[PairRecord]] = {}
        for record in records:
            by_pair.setdefault((record.first, record.second), []).append(record)
        support, clashes = 0, []
        for pair, found in by_pair.items():
            # The local index compares a pair once, from the first's side when the first looks
            # the second up, else from the second's.
            record = next((r for r in found if r.looked_from_first), found[0])
            if record.verdict is True:
                support += record.count_second if sid == pair[0] else record.count_first
            elif record.verdict is False:
                clashes.append((pair, record))
        for pair, record in clashes:
            # Both groups of a pair send it, the statements only once: the first's side.
            yield pair, (sid, support, record if sid == pair[0] else record._replace(members=None))


# -- 5. blame ----------------------------------------------------------------------------------

def blamed_pieces(documents: int, partitions: int, *pieces: bytes) -> tuple[bytes, ...]:
    """A partition of the exchange by pair: each clash blamed on one of its groups, split for
    the exchange by the blamed group's document, a range of ``documents / partitions`` each
    (``document_part``), so that the partitions' conflicts, one after another, are in order."""
    out: list[list] = [[] for _ in range(partitions)]
    for sid, blame in _blamed(grouped(chain.from_iterable(map(pickle.loads, pieces))).items()):
        out[document_part(sid[0], documents, partitions)].append((sid, blame))
    return tuple(map(pickled, out))


def _blamed(pairs: Iterable[tuple[tuple[Sid, Sid], list[tuple]]]) -> Iterator[tuple[Sid, tuple]]:
    """The group blamed for each clash (the odd one out, else the later), with the other's members."""
    for (first, second), sides in pairs:
        support = {sid: count for sid, count, _ in sides}
        members_first, members_second = next(record.members for _, _, record in sides if record.members is not None)
        if support[first] < support[second]:
            yield first, (members_first, members_second)
        else:
            yield second, (members_second, members_first)


def conflicts_of(*pieces: bytes) -> list[Conflict]:
    """A range of documents' conflicts, in order: each statement of a blamed group gets one,
    with the distinct statements of every group it clashes with."""
    return sorted(_conflicts(grouped(chain.from_iterable(map(pickle.loads, pieces))).items()),
                  key=lambda c: c.statement.order)


def _conflicts(targets: Iterable[tuple[Sid, list[tuple]]]) -> Iterator[Conflict]:
    for _, blames in targets:
        mine = blames[0][0]
        others = distinct_others(chain.from_iterable(other for _, other in blames))
        for statement in mine:
            yield Conflict(statement, others)
