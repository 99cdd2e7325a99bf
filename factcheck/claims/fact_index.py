"""An index that finds the statements of the same fact without comparing every pair.

``FactIndex`` files each statement under its ``KEY_WORDS`` rarest words (in one global order:
frequency, then the word) and looks each statement up by its rarest word. When one statement's
words are the other's plus at most ``MAX_EXTRA`` words and one spelling variant, the smaller
statement's rarest word (or its variant) is among the larger's ``KEY_WORDS`` rarest, so
blocking loses no pair that ``factcheck.claims.conflicts.same_fact`` would accept.

Built for a corpus of hundreds of thousands of statements: one pass over them, each one's
words found once and not kept; spelling variants found by one rapidfuzz call per word looked
up, among the indexed words of its first letter and length (and only the rare ones, when the
word itself is not rare); candidates handed out per statement, in bulk.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from operator import attrgetter

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from factcheck.claims.facts import MAX_EXTRA, Statement

KEY_WORDS = MAX_EXTRA + 2  # rarest words a statement is filed under (extras and a variant + 1)
RARE = 2  # statements a word may appear in and still be taken for a typo of a similar word
MAX_BUCKET = 400  # a key shared by more statements is too common to tell facts apart
SHORTEST_VARIANT = 4  # letters a word needs to be a spelling variant of another
_KIND_ROLE = attrgetter("kind", "role")


def spelling_variants(x: str, y: str, word_match: float = 90.0) -> bool:
    """Two spellings of one word: close by fuzzy ratio and with the same first letter (a typo
    rarely changes it, while "Eldminster" and "Belminster" are two towns)."""
    return (len(x) >= SHORTEST_VARIANT and len(y) >= SHORTEST_VARIANT and x[0] == y[0]
            and fuzz.ratio(x, y) >= word_match)


def kept_variants(word: str, near: Iterable[str], rare: bool, is_rare: Callable[[str], bool],
                  word_match: float) -> tuple[str, ...]:
    """The spelling variants of ``word`` among ``near`` (words one edit from it), sorted: a rare
    word may be a typo of any of them, another only of a rare one (a typo of it)."""
    return tuple(sorted(v for v in near if v != word and (rare or is_rare(v)) and spelling_variants(word, v, word_match)))


def filed_words(words: Iterable[str], frequency: Mapping[str, int]) -> list[str]:
    """The ``KEY_WORDS`` rarest of a statement's words in the one global order (frequency, then
    the word): what ``FactIndex`` files it under, given the frequency of every word."""
    return sorted(words, key=lambda word: (frequency[word], word))[:KEY_WORDS]


class FactIndex:
    """Statements blocked by (kind, role, rare word): candidate pairs without comparing all pairs.

    Each statement is filed under its ``KEY_WORDS`` rarest words and looked up by its rarest
    word and that word's spelling variants (indexed words one edit away). Only the statements
    filed under what a statement looks up are compared with it, so the work grows with the
    corpus, not with its square.

    ``frequency``: in how many statements each word appears, when the statements indexed are a
    part of those compared (the rest cannot pair with them): rarity is the same either way.
    """

    def __init__(self, statements: Sequence[Statement], word_match: float = 90.0,
                 frequency: Mapping[str, int] | None = None):
        self.statements = statements
        self.word_match = word_match
        if frequency is None:
            frequency = Counter(chain.from_iterable(s.words for s in statements))
        self.frequency = frequency
        self.rare_words = {word for word, count in frequency.items() if count <= RARE}
        # One global order of the words, rarest first (ties by the word), as a rank per word:
        # sorting a statement's words is then a C-level sort on a dict lookup.
        ordered = sorted(frequency)
        ordered.sort(key=frequency.__getitem__)  # stable: by frequency, then by the word
        rank = dict(zip(ordered, range(len(ordered)))).__getitem__
        del ordered
        # One pass, each statement's words found once and dropped: a corpus's would not fit.
        self.rare: list[list[str]] = []
        self.sizes: list[int] = []  # how many words each statement has
        # Buckets by kind and role, then by word: one dict per kind and role is fetched once per
        # statement rather than a key built for each of its words.
        self.buckets: dict[tuple[str, str], dict[str, list[int]]] = {}
        for number, statement in enumerate(statements):
            words = statement.words
            rare = sorted(words, key=rank)[:KEY_WORDS]
            self.rare.append(rare)
            self.sizes.append(len(words))
            by_word = self.buckets.get(kind_role := _KIND_ROLE(statement))
            if by_word is None:
                by_word = self.buckets[kind_role] = {}
            for word in rare:
                members = by_word.get(word)
                if members is None:
                    by_word[word] = [number]
                else:
                    members.append(number)
        # Two spellings are variants only when one is rare: a word that is not rare is compared
        # with the rare indexed words alone (few), a rare one with all of them.
        # Both are built when first needed: a document's words are nearly all rare, a corpus's not.
        self._indexed = set(chain.from_iterable(self.rare))
        self._shapes_by_rarity: dict[bool, dict[str, tuple[list[str], list[int]]]] = {}
        self._variants: dict[str, tuple[str, ...]] = {}

    def bucket(self, kind: str, role: str, word: str) -> Sequence[int]:
        """The statements of this kind and role filed under ``word``."""
        return self.buckets.get((kind, role), {}).get(word, ())

    def is_rare(self, word: str) -> bool:
        """Seen in at most ``RARE`` statements: a spelling that may be a typo of a commoner one."""
        return word in self.rare_words or word not in self.frequency

    def variants(self, word: str) -> tuple[str, ...]:
        """Indexed words one edit from ``word`` and at ``word_match`` or above ("threkled").

        One edit: one letter deleted, inserted or replaced (an Indel distance of at most 2 and
        lengths at most 1 apart); a variant also shares the first letter, so only the indexed
        words of that letter and of the lengths next to it are compared, in one rapidfuzz call."""
        found = self._variants.get(word)
        if found is None:
            found = ()
            rare = self.is_rare(word)
            shape = self._shapes(rare).get(word[:1]) if len(word) >= SHORTEST_VARIANT else None
            if shape is not None:
                words, lengths = shape
                near = words[bisect_left(lengths, len(word) - 1):bisect_left(lengths, len(word) + 2)]
                if near:
                    hits = process.extract(word, near, scorer=Indel.distance, score_cutoff=2, limit=None)
                    found = kept_variants(word, (v for v, _, _ in hits), rare, self.is_rare, self.word_match)
            self._variants[word] = found
        return found

    def _shapes(self, rare: bool) -> dict[str, tuple[list[str], list[int]]]:
        """The indexed words a word may be a variant of, by first letter: all of them for a rare
        word, the rare ones for another."""
        shapes = self._shapes_by_rarity.get(rare)
        if shapes is None:
            shapes = self._shapes_by_rarity[rare] = _by_first_letter(
                self._indexed if rare else self._indexed & self.rare_words)
        return shapes

    def lookups(self, number: int) -> tuple[str, ...]:
        """What statement ``number`` is looked up by: its rarest word and that word's variants."""
        rare = self.rare[number]
        return self.lookups_of(rare[0]) if rare else ()

    def lookups_of(self, rarest: str) -> tuple[str, ...]:
        """What a statement whose rarest word is ``rarest`` is looked up by: it and its variants."""
        variants = self.variants(rarest)
        return (rarest, *variants) if variants else (rarest,)

    def candidates(self, apart: Sequence | None = None) -> Iterator[tuple[int, list[int]]]:
        """For each statement, the others filed under what it looks up, less those that find it
        in turn and come before it: so each pair once, and no set of the pairs seen is kept (it
        would grow with the number of candidates). In bulk per statement, for the caller to
        loop over with what it knows of the statement at hand.

        ``apart``: a value per statement (its document, its claim); two statements with the same
        value are never candidates. An array read here, in the one loop over the candidates."""
        statements, rare, buckets = self.statements, self.rare, self.buckets
        # Each statement's search: None for the commonest case, its rarest word alone.
        searched: list[tuple[str, ...] | None] = []
        for number, (statement, filed) in enumerate(zip(statements, rare)):
            by_word = buckets[_KIND_ROLE(statement)]
            words = self._search(by_word, filed[0]) if filed else ()
            searched.append(None if len(words) == 1 and words[0] is filed[0] else words)
            if len(words) == 1:
                found: Iterable[int] = by_word[words[0]]  # its members are distinct
            else:
                found = set().union(*(by_word[word] for word in words))
            others = []
            mine = apart[number] if apart is not None else None
            for other in found:
                if mine is not None and apart[other] == mine:
                    continue
                if other < number:  # then found from the other's side if its search finds this one
                    theirs = searched[other]
                    if (rare[other][0] in filed if theirs is None else any(word in filed for word in theirs)):
                        continue
                elif other == number:
                    continue
                others.append(other)
            if others:
                yield number, others

    def _search(self, by_word: dict[str, list[int]], word: str) -> tuple[str, ...]:
        """What a statement with this rarest word looks up, among the buckets of its kind and
        role: the word and its variants, less those whose bucket is too common to tell facts
        apart."""
        variants = self.variants(word)
        if not variants:
            return (word,) if len(by_word[word]) <= MAX_BUCKET else ()
        return tuple(looked_up for looked_up in (word, *variants)
                     if 0 < len(by_word.get(looked_up, ())) <= MAX_BUCKET)


def _by_first_letter(words: set[str]) -> dict[str, tuple[list[str], list[int]]]:
    """The words of each first letter sorted by length, and their lengths: the words of lengths
    n-1..n+1 are then one slice."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for word in sorted(words, key=len):
        grouped[word[:1]].append(word)
    return {letter: (group, [len(word) for word in group]) for letter, group in grouped.items()}
