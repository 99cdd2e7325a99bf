"""Which spellings of a pool are one trusted typing slip from a word, found through keys.

``factcheck.text.typos.edit_kind`` trusts two kinds of slip:

* letters transposed or two letters swapped: the word keeps its sorted letters;
* a letter added or dropped, never at either end: the first and the last letter stay.

For the second, take the shorter word (``m`` letters) and the place ``i`` of the extra letter
in the longer one (``1 <= i <= m - 1``: not at either end). The longer word less that letter is
the shorter one, so the two share their first ``i`` letters and their last ``m - i``. Cut the
places ``1 .. m - 1`` into three stretches; for ``i`` in the stretch ``lo .. hi`` the two words
share their first ``lo`` letters and their last ``m - hi``. So a pair has a key in common,
(m, stretch, first ``lo`` letters, last ``m - hi`` letters), each key fixing about two thirds
of the letters (two stretches fixing half would let "sanctions" and "stations" meet on their
"tions"). Keys are marked as the shorter's or the longer's side: two words of one length are
no pair. A word has its sorted letters and six such keys, as the shorter and as the longer of
a pair, and looks its partners up by the six with the side turned. The keys find every
candidate, with a few that ``edit_kind`` then turns down, and no word needs its one-letter
deletions listed. A word's keys are cached: the same words come back in every document of a
run. If ``edit_kind`` ever trusts a slip these keys miss, this module must change with it
(tests/unit/test_slipkeys.py checks that the two agree).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain

Keys = tuple[str, ...]  # sorted letters, then pair keys
LONGEST = 64  # a longer run of letters is no word: it has no keys, and no neighbours


def keys_of(word: str) -> tuple[Keys, Keys]:
    """A word's own keys, and the keys it looks its candidates up by: its sorted letters, and
    its pair keys as the longer and as the shorter of a pair (the same with the side turned).

    Cached in a plain dict (an ``lru_cache`` costs several times a dict look-up, and this is
    asked for every rare word of every document), started afresh when it holds ``KEYS_HELD``.
    """
    keys = _KEYS.get(word)
    if keys is None:
        if len(_KEYS) >= KEYS_HELD:
            _KEYS.clear()
        keys = _KEYS[word] = _keys(word)
    return keys


def _keys(word: str) -> tuple[Keys, Keys]:
    n = len(word)
    if not 1 < n <= LONGEST:
        return (), ()
    letters = "".join(sorted(word))
    return ((letters, *_pair_keys(word, n - 1, ">"), *_pair_keys(word, n, "<")),
            (letters, *_pair_keys(word, n - 1, "<"), *_pair_keys(word, n, ">")))


_KEYS: dict[str, tuple[Keys, Keys]] = {}
#: Words whose keys are kept at most. A word's keys take some 1.2 KB, and the rare words they are
#: asked for are mostly names, new ones in document after document: at 65,536 a worker auditing
#: generated reports held 1.7 more a document, 2 KB a document until 78 MB. 8,192 (10 MB) keep
#: what a batch of documents asks for again; the keys of a large pool (the lexicon) are kept by
#: its ``Neighbours``, not here.
KEYS_HELD = 1 << 13


def _pair_keys(word: str, m: int, side: str) -> tuple[str, ...]:
    """The keys of ``word`` in a pair whose shorter word has ``m`` letters (see above), on the
    shorter's side ("<") or the longer's (">").

    Strings, not tuples: a string keeps its hash, and the keys are looked up again and again.
    A word of a document holds no space, so no two different keys are spelt alike (a lexicon
    entry of two words could make two keys alike: that only adds candidates ``edit_kind`` turns
    down). No key is spelt like sorted letters: those hold no space, or begin with one.
    """
    keys = []
    for part in range(3):
        lo, hi = 1 + part * (m - 1) // 3, (part + 1) * (m - 1) // 3
        if lo <= hi:
            keys.append(f"{m} {part} {word[:lo]} {word[hi - m:]} {side}")
    return tuple(keys)


class Neighbours:
    """A pool of spellings, asked which are one slip from a word.

    ``index_all``: list the whole pool under its keys at once, for a pool asked about many
    documents (the lexicon); otherwise only the keys some word asks for are listed.
    """

    def __init__(self, words: Iterable[str], index_all: bool = False) -> None:
        self.words = list(dict.fromkeys(words))
        self.pool = set(self.words)
        self.own = [keys_of(w)[0] for w in self.words]
        pair_keys = set(chain.from_iterable(own[1:] for own in self.own))
        letters = Counter(own[0] for own in self.own if own)
        # What a word looks up: the keys of the pool, less, for a word of the pool, its own
        # letters when no other word shares them (a word is no slip of itself; its pair keys
        # carry its side of a pair, and its look-ups the other side, so they never meet).
        self.keys_for_others = pair_keys.union(letters)
        self.keys_for_members = pair_keys.union(k for k, n in letters.items() if n > 1)
        self._owners = self._owners_of(None) if index_all else None

    def near(self, words: Iterable[str]) -> dict[str, set[str]]:
        """The words with a spelling of the pool one slip away (never the word itself), each with
        those spellings, in the order of ``words``. Most words have none: one cheap test each."""
        pool, members, others, cached = self.pool, self.keys_for_members, self.keys_for_others, _KEYS.get
        hits = []
        for word in words:
            lookups = (cached(word) or keys_of(word))[1]
            if not (members if word in pool else others).isdisjoint(lookups):
                hits.append(word)
        if not hits:
            return {}
        owners = self._owners or self._owners_of(set(chain.from_iterable(keys_of(w)[1] for w in hits)))
        out = {}
        for word in hits:
            found = set().union(*(owners.get(key, ()) for key in keys_of(word)[1]))
            found.discard(word)
            out[word] = found
        return out

    def _owners_of(self, wanted: set[str] | None) -> dict[str, list[str]]:
        """The spellings of the pool under each of their keys (only the ``wanted`` keys, unless None)."""
        owners: dict[str, list[str]] = defaultdict(list)
        for word, own in zip(self.words, self.own):
            if wanted is None or not wanted.isdisjoint(own):
                for key in own:
                    owners[key].append(word)
        return owners
