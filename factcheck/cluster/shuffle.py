"""DATE001/NUM001 across documents on a cluster: ``find_conflicts`` as a shuffle by fact key.

The same conflicts as ``factcheck.claims.conflicts.find_conflicts(..., across_documents=True)``
over every statement of the run, found without one process holding them all. Each step runs
on the workers over the batches' statements, which the client has sent out from its file, a
part to each worker's holder in turn (``factcheck.cluster.session``; what a holder is and why
the steps are not Dask tasks: ``factcheck.cluster.holders``; a shuffle here hashes each key
itself: ``dask.bag``'s groupby tokenizes every record's key, which cost ten times the
comparisons):

1. per part the client sent (consecutive batches, at most ``PART_DOCUMENTS`` documents; a part
   is what one step holds as objects, so a worker's working set does not grow with its share of
   the corpus): each document's statements numbered as the corpus numbers it, repeats grouped
   (``repeat_groups``), each group named by ``(document, group)``, an order that is the local
   index order; the groups are made again from the pickled statements by each step that reads
   them, and kept between steps pickled;
2. the words, in shards (``factcheck.cluster.vocabulary``): each part learns how often each of
   its own words occurs in the corpus, no process holding every word; then the words each
   statement is filed under (``filed_words``) and its rare ones, and for each statement's rarest
   word its spelling variants among the words filed under (``FactIndex.variants``, found by the
   shards of the word's edit keys). Two small summaries, merged by the client as each part's
   comes and sent to the steps that read them, are all that every worker reads: which kinds
   and roles occur in two documents, and how many groups are filed
   under each key of a common word (``crowd``): a key with more than ``MAX_BUCKET`` is too common
   to tell facts apart, and its records are never sent;
3. shuffle by ``(kind, role, word)``, over one partition per ``PARTITION_DOCUMENTS`` documents
   (one per worker at least): a group holds the statements filed under the word and those
   that look it up (their rarest word and its variants); each group compares its pairs
   (``rarest_shared``, ``pair_verdict``) as ``FactIndex.candidates`` pairs them;
4. shuffle by statement group: a pair found under several words counts once, its verdict read
   from the side that looked it up as the local index does; agreements add up to each group's
   support; the pairs that clash go on with it;
5. shuffle by pair: the two sides of a clash meet, each with its group's support, and the side
   with less support (the later document when even) is blamed;
6. shuffle by the blamed group's document, a range of documents per partition: each blamed
   group's statements get one ``Conflict`` each, its others ``distinct_others`` over every
   clash it is blamed for, sorted; the client takes the partitions one after another, so the
   conflicts come in order, a range at a time (into a file, ``ItemSpool``), and words the
   findings as locally as they come. Nothing of the check is held whole in one process.
"""

from __future__ import annotations

import math
import pickle
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from typing import Any, NamedTuple

from factcheck.claims.conflicts import Conflict, pair_verdict, rarest_shared, repeat_groups
from factcheck.claims.fact_index import MAX_BUCKET, RARE, filed_words
from factcheck.claims.facts import SEQUENCE_MARKS, Statement
from factcheck.cluster import vocabulary
from factcheck.cluster.blame import PairRecord, blamed_pieces, conflicts_of, supported
from factcheck.cluster.holders import Held, Holders, Inbox, Targets, moves
from factcheck.cluster.pieces import Sid, key_part, pickled, sid_part
from factcheck.config import Thresholds

class Group(NamedTuple):
    """Statements of one document repeated word for word; the first stands for them all."""

    sid: Sid
    members: tuple[Statement, ...]
    filed: tuple[str, ...] = ()  # its rarest words, filed under (step 2)
    size: int = 0  # how many words it has
    rare: frozenset[str] = frozenset()  # its words in at most ``RARE`` groups of the corpus (step 2)

    @property
    def first(self) -> Statement:
        return self.members[0]


Part = tuple[str, list[Sequence[int]], list[str]]  # (its worker, per batch its numbers, per batch its statements' name)


def find_conflicts(holders: Holders, given: list[Part], thresholds: Thresholds,
                   found: Callable[[Conflict], None]) -> None:
    """The conflicts between documents; ``given``: the parts, each a worker's address and, per
    batch of consecutive documents, their numbers in the corpus and the name of their
    statements, held by that worker's holder (``factcheck.cluster.session`` sends them so, at
    most ``PART_DOCUMENTS`` documents a part). The holders let the statements go once filed
    (step 2; the groups hold them after).

    The work goes where the statements are: every step of a part runs on its worker's holder
    (``factcheck.cluster.holders``), one stage at a time on every holder, each stage awaited;
    should a worker die, the check fails with ``WorkerLost`` and the client runs it again. Each
    shuffle has a partition per ``PARTITION_DOCUMENTS`` documents (one per worker at least): what
    one step holds as objects is bounded, and what a holder keeps between steps past its budget
    is on disk. Only the pieces of the exchanges (the words' counts and variants, small; the
    records by fact key, by group, by pair and by document, pickled, ``pickled``) move between
    workers, straight from holder to holder; two small summaries (``where``, ``crowd``) come to
    the client, merged there and sent back to every step that reads them. Each conflict is
    given to ``found`` in order (``Conflict.statement.order``), a partition's at a time."""
    if not given:
        return
    parts = given
    workers = holders.workers
    documents = sum(len(numbers) for _, batches, _ in parts for numbers in batches)
    partitions = max(len(workers), math.ceil(documents / PARTITION_DOCUMENTS))
    # Parts and partitions go to the workers in turn: an exchange's calls name the workers alone.
    places, targets = Targets(workers, len(parts)), Targets(workers, partitions)
    if [place for place, _, _ in parts] != list(places):  # how ``session._parts_sent`` places them
        raise ValueError("find_conflicts: the parts are not on the workers in turn")
    run = holders.run

    def each_part(function: Callable, output: str, spread: bool, *args: Any, inputs: Callable) -> None:
        """``function`` on each part's worker, over ``args`` and ``inputs(number, numbers, facts)``."""
        run([(place, "compute", (function, (*args, *inputs(number, numbers, facts)), f"{output}/{number}", spread))
             for number, (place, numbers, facts) in enumerate(parts)])

    def each_shard(function: Callable, output: str, name: str, *args: Any, numbered: bool = False) -> None:
        """``function`` on each shard's worker, over ``args`` and what every part sent it as ``name``."""
        run([(target, "compute", (function, (*args, *((shard, partitions) if numbered else ()),
                                             Inbox(name, shard, len(parts))), f"{output}/{shard}", True))
             for shard, target in enumerate(targets)])

    def each_partition(function: Callable, output: str, name: str, spread: bool, *args: Any) -> None:
        """``function`` on each partition's worker, over ``args`` and what every partition sent it as ``name``."""
        run([(target, "compute", (function, (*args, Inbox(name, shard, partitions)), f"{output}/{shard}", spread))
             for shard, target in enumerate(targets)])

    def answered(output: str, name: str, merge: Callable) -> None:
        """Each part's answers from every shard (``output``), merged on the part's worker."""
        run(moves([(target, f"{output}/{shard}") for shard, target in enumerate(targets)], 0, places, name))
        run([(place, "compute", (merge, (Inbox(name, number, partitions),), f"{name}-merged/{number}", False))
             for number, place in enumerate(places)])

    def taken(output: str, element: int) -> Iterator[Any]:
        for number, place in enumerate(places):
            yield from run([(place, "take", ([f"{output}/{number}/{element}"],))])[0]

    each_part(_summarize, "counted", True, partitions,
              inputs=lambda number, numbers, facts: (numbers, *[Held(name, keep=True) for name in facts]))
    where = _merge_where(taken("counted", 0))
    run(moves([(place, f"counted/{number}") for number, place in enumerate(places)], 1, targets, "counts"))
    each_shard(vocabulary.word_totals, "totals", "counts")
    answered("totals", "frequency", vocabulary.merged)
    each_part(_filed, "filed", True, where,
              inputs=lambda number, numbers, facts: (Held(f"frequency-merged/{number}"), partitions, numbers,
                                                     *[Held(name) for name in facts]))
    crowd = _merge_counts(taken("filed", 1))
    run([(address, "put", ([("crowd", crowd)],)) for address in workers])
    run(moves([(place, f"filed/{number}") for number, place in enumerate(places)], 2, targets, "searches"))
    each_shard(vocabulary.word_variants, "variants", "searches", thresholds.fact_word_match, numbered=True)
    answered("variants", "lookups", vocabulary.merged_variants)
    each_part(_keyed_pieces, "keyed", True,
              inputs=lambda number, _, __: (Held(f"filed/{number}/0"), Held("crowd", keep=True), partitions,
                                            Held(f"lookups-merged/{number}")))
    run(moves([(place, f"keyed/{number}") for number, place in enumerate(places)], 0, targets, "keys"))
    each_shard(_pairs_pieces, "pairs", "keys", thresholds, partitions)
    run(moves([(target, f"pairs/{shard}") for shard, target in enumerate(targets)], 0, targets, "sides"))
    each_partition(supported, "clashes", "sides", True, partitions)
    run(moves([(target, f"clashes/{shard}") for shard, target in enumerate(targets)], 0, targets, "clashing"))
    each_partition(blamed_pieces, "blamed", "clashing", True, documents, partitions)
    run(moves([(target, f"blamed/{shard}") for shard, target in enumerate(targets)], 0, targets, "blames"))
    each_partition(conflicts_of, "conflicts", "blames", False)
    # Partition ``i`` holds the conflicts of the ``i``-th range of documents, in order: taken one
    # after another they are in order, and the client holds one partition's at a time.
    last: tuple[int, int, int] = (-1, -1, -1)
    for shard, target in enumerate(targets):
        for conflict in run([(target, "take", ([f"conflicts/{shard}"],))])[0][0]:
            # Cannot happen while ``document_part`` keeps its ranges in order: a change that broke
            # the promise of order fails here, not as a report in another order than --jobs 1's.
            if conflict.statement.order < last:
                raise RuntimeError("find_conflicts: conflicts out of document order")
            last = conflict.statement.order
            found(conflict)


#: Documents whose statements one of the steps before the exchange reads at most (a part):
#: a step holds its part's statements as objects (some 4 KB a document here), so a worker's
#: share of the corpus goes through them a part at a time instead of at once.
PART_DOCUMENTS = 5_000
#: Documents a partition of the exchange serves, about: one partition per worker at least, more
#: as the corpus grows, so that what one step unpickles and compares does not grow with it.
PARTITION_DOCUMENTS = 5_000


def bounded(batches: Iterable[tuple[Any, Sequence[int]]], documents: int,
            enough: int | None = None) -> Iterator[list[tuple[Any, Sequence[int]]]]:
    """Consecutive batches (anything, with their documents' numbers) in parts of at most
    ``documents`` documents (a batch is never split), a part closed as soon as it has ``enough``;
    read as they come."""
    part: list[tuple[Any, Sequence[int]]] = []
    count = 0
    for batch in batches:
        if part and count + len(batch[1]) > documents:
            yield part
            part, count = [], 0
        part.append(batch)
        count += len(batch[1])
        if enough is not None and count >= enough:
            yield part
            part, count = [], 0
    if part:
        yield part


# -- 1. groups of repeats ---------------------------------------------------------------------

def _groups(numbers: list[Sequence[int]], facts: Sequence[bytes]) -> Iterator[Group]:
    """The statements of some batches, in groups of repeats (``numbers``: per batch, its
    documents' numbers in the corpus; ``facts``: per batch, its documents' statements pickled),
    a batch unpickled at a time."""
    for number, statements in zip(chain.from_iterable(numbers), chain.from_iterable(map(pickle.loads, facts)),
                                  strict=True):  # a document's statements missing would shift every later one
        numbered = [_interned(s.in_document(number)) for s in statements]
        firsts, repeats = repeat_groups(numbered)
        for group, first in enumerate(firsts):
            members = (numbered[first], *(numbered[r] for r in repeats.get(group, ())))
            yield Group((number, group), members)


def _interned(statement: Statement) -> Statement:
    """The statement with its words shared with every other statement of the worker: a word
    comes back from each audit as a string of its own, and a part holds hundreds of thousands
    of statements; shared, a word is held once here and pickled once per exchange piece."""
    return statement._replace(sequence=tuple(map(sys.intern, statement.sequence)),
                              names=tuple(map(sys.intern, statement.names)))


# -- 2. the words --------------------------------------------------------------------------------

def _summarize(shards: int, numbers: list[Sequence[int]], *facts: bytes) -> tuple:
    """The documents of each kind and role of a part (two are enough to know that it is
    compared), then the count of each word over its groups' first statements, split by shard
    (``vocabulary.count_pieces``). The groups are not kept: the next step makes them again from
    the pickled statements (cheaper than holding them between steps)."""
    frequency: Counter[str] = Counter()
    where: dict[tuple[str, str], set[int]] = {}
    for group in _groups(numbers, facts):
        frequency.update(set(group.first.sequence))
        seen = where.setdefault((group.first.kind, group.first.role), set())
        if len(seen) < 2:
            seen.add(group.sid[0])
    for mark in SEQUENCE_MARKS:
        frequency.pop(mark, None)
    return (where, *vocabulary.count_pieces(frequency, shards))


def _merge_where(parts: Iterable[dict]) -> dict:
    where: dict[tuple[str, str], set[int]] = {}
    for kinds in parts:
        for kind_role, docs in kinds.items():
            seen = where.setdefault(kind_role, set())
            if len(seen) < 2:
                seen.update(docs)
                if len(seen) > 2:
                    where[kind_role] = set(sorted(seen)[:2])
    return where


def _filed(where: dict, frequency: dict[str, int], shards: int, numbers: list[Sequence[int]],
           *facts: bytes) -> tuple:
    """A part's groups of compared kinds and roles, each with the words it is filed under and
    its rare words, pickled (``pickled``: the worker holds them as bytes until the next step, a
    seventh of their room as objects); the part's ``crowd``: how many of its groups are filed
    under each key whose word more than ``MAX_BUCKET`` groups of the corpus have (no other key
    can hold more than ``MAX_BUCKET``: the few common words alone are counted); then, per shard,
    what the part sends to the search for variants (``vocabulary.search_pieces``).
    ``frequency``: the corpus's count of each of the part's words."""
    out = []
    crowd: Counter[tuple[str, str, str]] = Counter()
    for group in _groups(numbers, facts):
        s = group.first
        if len(where[(s.kind, s.role)]) > 1:
            words = s.words
            filed = tuple(filed_words(words, frequency))
            rare = frozenset(word for word in words if frequency[word] <= RARE)
            out.append(group._replace(filed=filed, size=len(words), rare=rare))
            crowd.update((s.kind, s.role, word) for word in filed if frequency[word] > MAX_BUCKET)
    indexed = {word: frequency[word] for group in out for word in group.filed}
    looked_up = {group.filed[0]: frequency[group.filed[0]] for group in out if group.filed}
    return (pickled(out), crowd, *vocabulary.search_pieces(indexed, looked_up, shards))


def _merge_counts(parts: Iterable[Counter]) -> Counter:
    merged: Counter = Counter()
    for counts in parts:
        merged.update(counts)
    return merged


# -- 3. by fact key ------------------------------------------------------------------------------

def _by_key(groups: Iterable[Group], crowded: set[tuple[str, str, str]],
            variants: dict[str, tuple[str, ...]]) -> Iterator[tuple[tuple[str, str, str], tuple[Group, bool, bool]]]:
    """(kind, role, word) -> (group, filed under it, looks it up), but for the keys of more than
    ``MAX_BUCKET`` groups (``crowded``): their partition would drop them, and they are what grows
    with the corpus (on the bench's documents, 70% of the records at 20,000 documents, a key's
    records all in one partition). A group looks up its rarest word and that word's
    ``variants``."""
    for group in groups:
        if not group.filed:
            continue
        s = group.first
        rarest = group.filed[0]
        looks = (rarest, *variants[rarest]) if rarest in variants else (rarest,)
        for word in dict.fromkeys(chain(group.filed, looks)):
            key = (s.kind, s.role, word)
            if key not in crowded:
                yield key, (group, word in group.filed, word in looks)


def _keyed_pieces(filed: bytes, crowd: Counter, partitions: int, variants: dict[str, tuple[str, ...]]) -> tuple[bytes, ...]:
    """The records by fact key of a part, split for the exchange: per partition, its keys'
    records (each key once in a piece, not once per record), pickled (``pickled``)."""
    pieces: list[dict] = [{} for _ in range(partitions)]
    crowded = {key for key, count in crowd.items() if count > MAX_BUCKET}
    for key, record in _by_key(pickle.loads(filed), crowded, variants):
        pieces[key_part(key, partitions)].setdefault(key, []).append(record)
    return tuple(map(pickled, pieces))


def _pairs_pieces(thresholds: Thresholds, partitions: int, *pieces: bytes) -> tuple[bytes, ...]:
    """A partition of the exchange by fact key: each key's pairs that are one fact, to both of
    its groups, split for the exchange by statement group."""
    keys: dict[Any, list] = {}
    for piece in map(pickle.loads, pieces):
        for key, records in piece.items():
            keys.setdefault(key, []).extend(records)
    out: list[list] = [[] for _ in range(partitions)]
    for sid, record in _pairs_of(keys, thresholds):
        out[sid_part(sid, partitions)].append((sid, record))
    return tuple(map(pickled, out))


def _pairs_of(keys: dict[Any, list], thresholds: Thresholds) -> Iterator[tuple[Sid, PairRecord]]:
    for records in keys.values():
        bucket = [group for group, filed, _ in records if filed]
        if not 0 < len(bucket) <= MAX_BUCKET:
            continue
        seen: set[tuple[Sid, Sid, bool]] = set()
        for looker in (group for group, _, looks in records if looks):
            looker_rare = looker.filed[0] in looker.rare
            for other in bucket:
                if other.sid[0] == looker.sid[0]:
                    continue  # statements of one document are its document findings
                a, b = (looker, other) if looker.sid < other.sid else (other, looker)
                if (a.sid, b.sid, a is looker) in seen:
                    continue
                seen.add((a.sid, b.sid, a is looker))
                # The prefilter depends on who looks: computed for both sides, so that the step
                # after can read the verdict of the side the local index would have.
                rare = looker_rare or other.filed[0] in other.rare
                mine = rare or rarest_shared(looker.filed, other.filed, looker.size, other.size)
                theirs = rare or rarest_shared(other.filed, looker.filed, other.size, looker.size)
                if not (mine or theirs):
                    continue
                # Every word asked about is one of the two statements' (``same_fact``).
                verdict = pair_verdict(a.first, b.first, thresholds, lambda word: word in a.rare or word in b.rare)
                if verdict is None:
                    continue
                seen_here = verdict if mine else None
                record = PairRecord(a.sid, b.sid, a is looker, seen_here, len(a.members), len(b.members),
                                    (a.members, b.members) if seen_here is False else None)
                yield a.sid, record
                yield b.sid, record
