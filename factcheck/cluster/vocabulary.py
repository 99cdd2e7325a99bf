"""The words of a corpus's statements, counted and searched for spelling variants in shards.

``FactIndex`` needs two things of the whole corpus's words: how many statements each word is
in (a statement is filed under its rarest words, and a word in at most ``RARE`` may be a typo),
and, for a statement's rarest word, the indexed words that are its spelling variants. On a
cluster no process holds every word (a vocabulary grows with the corpus: names keep coming).
Instead:

* counts: each part of the statements counts its words, split by the word's hash into as many
  shards as the exchange has partitions (``count_pieces``); a shard's step adds its pieces up
  and answers each part with the totals of that part's own words (``word_totals``). A part then
  knows the totals of its words, and no more;
* variants: a variant is one edit away (an Indel distance of at most 2, lengths at most 1
  apart), which is the same as sharing an *edit key*: the word itself or the word less one of
  its letters ("kestova" and "kestovaa" share "kestova", "harbour" and "harbor" share
  "harbor", "tarn" and "tern" share "trn"). Each indexed word goes to the shards of its edit
  keys, each rarest word looked up likewise (``search_pieces``); a shard pairs the words that
  share one of its own keys and answers each part with the variants of its words
  (``word_variants``), kept as ``FactIndex.variants`` keeps them; a part adds up its answers
  from every shard (``merged_variants``).

What one step holds is a shard's words: the vocabulary divided by the partitions (times a
word's keys, some ten, spread over the shards), which grow with the corpus
(``factcheck.cluster.shuffle.PARTITION_DOCUMENTS``).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Mapping

from factcheck.claims.fact_index import RARE, SHORTEST_VARIANT, kept_variants


def word_part(word: str, shards: int) -> int:
    """A word's shard for its count: the same in every process (``hash`` is seeded per process)."""
    return zlib.crc32(word.encode()) % shards


def edit_keys(word: str) -> set[str]:
    """The word and the word less each one of its letters: two words one edit apart (an Indel
    distance of at most 2, lengths at most 1 apart) share one, and words that share one are so."""
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


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


def merged(*answers: Mapping) -> dict:
    """A part's answers from every shard as one mapping (the shards' words do not overlap)."""
    out: dict = {}
    for answer in answers:
        out.update(answer)
    return out


def merged_variants(*answers: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """A part's variants from every shard, as one mapping: a word and its variant that share
    several edit keys are paired by the shard of each."""
    found: dict[str, set[str]] = {}
    for answer in answers:
        for word, variants in answer.items():
            found.setdefault(word, set()).update(variants)
    return {word: tuple(sorted(variants)) for word, variants in found.items()}


def search_pieces(indexed: Mapping[str, int], looked_up: Mapping[str, int],
                  shards: int) -> tuple[tuple[dict[str, int], dict[str, int]], ...]:
    """What a part sends to each shard of the variant search: its indexed words (the words its
    statements are filed under) and the words it looks up (its statements' rarest), each with its
    total, to the shards of its edit keys."""
    pieces: list[tuple[dict[str, int], dict[str, int]]] = [({}, {}) for _ in range(shards)]
    for side, words in enumerate((indexed, looked_up)):
        for word, count in words.items():
            if len(word) >= SHORTEST_VARIANT:
                for shard in {word_part(key, shards) for key in edit_keys(word)}:
                    pieces[shard][side][word] = count
    return tuple(pieces)


def word_variants(word_match: float, shard: int, shards: int,
                  *pieces: tuple[Mapping[str, int], Mapping[str, int]]) -> tuple[dict, ...]:
    """Shard ``shard`` of the variant search: for each word a part looks up, the indexed words
    that share one of this shard's edit keys with it, of the same first letter and at
    ``word_match`` or above, of which one is rare (``FactIndex.variants``); each part answered
    with its own words (those with no variant here left out)."""
    indexed: dict[str, int] = merged(*(piece[0] for piece in pieces))
    by_key: dict[str, list[str]] = {}
    for word in indexed:
        for key in edit_keys(word):
            if word_part(key, shards) == shard:
                by_key.setdefault(key, []).append(word)
    found: dict[str, tuple[str, ...]] = {}
    answers = []
    for _, looked_up in pieces:
        answer = {}
        for word, count in looked_up.items():
            variants = found.get(word)
            if variants is None:
                near = {v for key in edit_keys(word) if word_part(key, shards) == shard for v in by_key.get(key, ())}
                variants = found[word] = kept_variants(word, near, count <= RARE, lambda v: indexed[v] <= RARE,
                                                       word_match)
            if variants:
                answer[word] = variants
        answers.append(answer)
    return tuple(answers)
