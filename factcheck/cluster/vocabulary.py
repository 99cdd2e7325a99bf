"""The words of a corpus's statements, counted and searched for spelling variants in shards.

``FactIndex`` needs two things of the whole corpus's words: how many statements each word is
in (a statement is filed under its rarest words, and a word in at most ``RARE`` may be a typo),
and, for a statement's rarest word, the indexed words that are its spelling variants. On a
cluster no process holds every word (a vocabulary grows with the corpus: names keep coming).
Instead:

* counts: each part of the statements counts its words, split by the word's hash into as many
  shards as the exchange has partitions (``count_pieces``); a shard's task adds its pieces up
  and answers each part with the totals of that part's own words (``word_totals``). A part then
  knows the totals of its words, and no more;
* variants: a variant shares the word's first letter and is at most one letter longer or
  shorter; each indexed word is sent to the shards of the three (letter, length) keys that may
  look for it, each rarest word to the shard of its own key (``shape_part``), and a shard's task
  answers each part with the variants of its words (``word_variants``), as
  ``FactIndex.variants`` finds them.

What one task holds is a shard's words: the vocabulary divided by the partitions, which grow
with the corpus (``factcheck.cluster.shuffle.PARTITION_DOCUMENTS``).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import chain

from rapidfuzz import process
from rapidfuzz.distance import Indel

from factcheck.claims.fact_index import RARE, spelling_variants

#: Shortest word that can be a spelling variant (``spelling_variants``): shorter ones are never
#: looked for or sent.
SHORTEST_VARIANT = 4


def word_part(word: str, shards: int) -> int:
    """A word's shard for its count: the same in every process (``hash`` is seeded per process)."""
    return zlib.crc32(word.encode()) % shards


def shape_part(letter: str, length: int, shards: int) -> int:
    """The shard of the (first letter, length) key a word of that shape is looked up under."""
    return zlib.crc32(f"{letter}\x1f{length}".encode()) % shards


def count_pieces(counts: Counter, shards: int) -> tuple[Counter, ...]:
    """A part's word counts, split by shard."""
    pieces: list[Counter] = [Counter() for _ in range(shards)]
    for word, count in counts.items():
        pieces[word_part(word, shards)][word] = count
    return tuple(pieces)


def word_totals(*pieces: Mapping[str, int]) -> tuple[dict[str, int], ...]:
    """A shard of the counts: ``pieces`` (one per part, in part order) added up, and each part
    answered with the totals of its own words."""
    totals: Counter = Counter()
    for piece in pieces:
        totals.update(piece)
    return tuple({word: totals[word] for word in piece} for piece in pieces)


def merged(answers: Iterable[Mapping]) -> dict:
    """A part's answers from every shard as one mapping (the shards' words do not overlap)."""
    out: dict = {}
    for answer in answers:
        out.update(answer)
    return out


def shape_pieces(indexed: Mapping[str, int], looked_up: Mapping[str, int],
                 shards: int) -> tuple[tuple[dict[str, int], dict[str, int]], ...]:
    """What a part sends to each shard of the variant search: its indexed words (the words its
    statements are filed under) with their totals, each to the shards of the three keys that
    may look for it, and the words it looks up (its statements' rarest) with their totals, each
    to the shard of its own key."""
    pieces: list[tuple[dict[str, int], dict[str, int]]] = [({}, {}) for _ in range(shards)]
    for word, count in indexed.items():
        if len(word) >= SHORTEST_VARIANT:
            for length in {len(word) - 1, len(word), len(word) + 1}:
                pieces[shape_part(word[0], length, shards)][0][word] = count
    for word, count in looked_up.items():
        if len(word) >= SHORTEST_VARIANT:
            pieces[shape_part(word[0], len(word), shards)][1][word] = count
    return tuple(pieces)


def word_variants(word_match: float, *pieces: tuple[Mapping[str, int], Mapping[str, int]]) -> tuple[dict, ...]:
    """A shard of the variant search: for each word a part looks up, the indexed words of its
    first letter and of its length or one more or less, one edit away and at ``word_match`` or
    above, of which one is rare (``FactIndex.variants``); each part answered with its own words
    (those with no variant left out)."""
    indexed: dict[str, int] = merged(piece[0] for piece in pieces)
    by_shape: dict[tuple[str, int], list[str]] = {}
    for word in indexed:
        by_shape.setdefault((word[0], len(word)), []).append(word)
    found: dict[str, tuple[str, ...]] = {}
    answers = []
    for _, looked_up in pieces:
        answer = {}
        for word, count in looked_up.items():
            variants = found.get(word)
            if variants is None:
                variants = found[word] = _variants(word, count <= RARE, indexed, by_shape, word_match)
            if variants:
                answer[word] = variants
        answers.append(answer)
    return tuple(answers)


def _variants(word: str, rare: bool, indexed: Mapping[str, int], by_shape: Mapping[tuple[str, int], list[str]],
              word_match: float) -> tuple[str, ...]:
    # A rare word may be a typo of any indexed word; another only of a rare one (a typo of it).
    near = [v for v in chain.from_iterable(by_shape.get((word[0], length), ())
                                           for length in (len(word) - 1, len(word), len(word) + 1))
            if rare or indexed[v] <= RARE]
    if not near:
        return ()
    hits = process.extract(word, near, scorer=Indel.distance, score_cutoff=2, limit=None)
    return tuple(sorted(v for v, _, _ in hits if v != word and spelling_variants(word, v, word_match)))
