"""The words in shards (``factcheck.cluster.vocabulary``) find what one index of every word finds.

The counts: each part learns the corpus's total of each of its own words. The variants: each
word looked up gets, from the shards of its edit keys, the spelling variants ``FactIndex.variants``
finds among every indexed word: one edit away, the same first letter, at the word match or
above, and one of the two rare (a common word is no typo of another common word).
"""

from __future__ import annotations

from collections import Counter

import pytest

from factcheck.claims.fact_index import FactIndex
from factcheck.claims.facts import Statement
from factcheck.cluster import vocabulary

# word: in how many statements of the corpus it is (RARE is 2)
CORPUS = {
    "harbour": 5, "harbor": 1,  # a typo of a common word
    "whitehaven": 4, "whitehoven": 4,  # two common places a letter apart: no typo
    "whitehaevn": 1,  # letters swapped, rare
    "kestova": 2, "kestovaa": 1, "pestova": 1,  # a letter added; another first letter
    "tarn": 1, "tern": 2, "tar": 1, "tarns": 3,  # short words: 3 letters are never variants
    "ostrava": 3, "ostravia": 2, "ostrva": 9,
}


def _statement(number: int, word: str) -> Statement:
    return Statement(doc=number, claim="c", kind="number", role="r", start=0, end=1, text="1",
                     sequence=(word,), names=(), values=frozenset(), value=None)


def _parts() -> list[list[str]]:
    words = sorted(CORPUS)
    return [words[0::3], words[1::3] + words[:2], words[2::3]]  # overlapping, as parts' words are


def test_each_part_learns_the_corpus_total_of_its_own_words_and_no_other():
    parts = [Counter({word: 1 for word in part}) for part in _parts()]
    shards = 4
    pieces = [vocabulary.count_pieces(counts, shards) for counts in parts]
    answers = [vocabulary.word_totals(*[piece[shard] for piece in pieces]) for shard in range(shards)]
    totals = [vocabulary.merged(*(answer[part] for answer in answers)) for part in range(len(parts))]
    everywhere = sum(parts, Counter())
    assert [set(total) for total in totals] == [set(part) for part in parts]
    assert all(total[word] == everywhere[word] for total in totals for word in total)
    assert totals[0]["harbor"] == totals[1]["harbor"] == 2  # in two parts


@pytest.mark.parametrize("word_match", [90.0, 70.0])
@pytest.mark.parametrize("shards", [1, 2, 5, 13])
def test_the_variants_found_in_shards_are_those_of_one_index(shards, word_match):
    index = FactIndex([_statement(n, word) for n, word in enumerate(CORPUS)], word_match, CORPUS)
    parts = [{word: CORPUS[word] for word in part} for part in _parts()]
    pieces = [vocabulary.search_pieces(part, part, shards) for part in parts]
    answers = [vocabulary.word_variants(word_match, shard, shards, *[piece[shard] for piece in pieces])
               for shard in range(shards)]
    for number, part in enumerate(parts):
        found = vocabulary.merged_variants(*[answer[number] for answer in answers])
        assert {word: found.get(word, ()) for word in part} == {word: index.variants(word) for word in part}
    # What the cases are there for, at the usual word match.
    if word_match == 90.0:
        assert index.variants("harbor") == ("harbour",) and index.variants("harbour") == ("harbor",)
        assert index.variants("whitehaven") == ("whitehaevn",)  # not the other common spelling
        assert index.variants("kestova") == ("kestovaa",)
    else:
        assert index.variants("tarn") == ("tarns", "tern") and index.variants("tar") == ()


def test_a_word_and_its_variant_share_an_edit_key_and_others_do_not():
    assert vocabulary.edit_keys("harbour") & vocabulary.edit_keys("harbor") == {"harbor"}
    assert vocabulary.edit_keys("tarn") & vocabulary.edit_keys("tern") == {"trn"}
    assert not vocabulary.edit_keys("harbour") & vocabulary.edit_keys("harbinger")
