"""The words of one document, counted once: the frequency index that SPL001 reads.

Why an index of the document's own words rather than a dictionary: the words a fact-checker
cares about most are names (people, places, groups, journals), which no general dictionary
knows, and which a document spells the same way many times. A name written once in a way
close to a name written twenty times is the misspelling to look at. So the index records, for
every word of the document, how often it occurs, how often its *family* occurs (its inflected and
derived forms: "relation", "relations", "relationship"), where it occurs, the words next to it,
and whether it occurs in the reference list.

What counts as a word: a run of letters. Chunks of text that are not prose are skipped whole:
URLs, e-mail addresses, handles (``@user``), file names and identifiers (anything holding ``@``,
``://``, ``www.``, ``_`` or a backslash), and letter runs glued to digits (``R45122``, ``2020a``).
Hyphenated compounds count as their parts ("Afghanistan-Tajikistan"); a possessive "’s" is its
own short run, so "Kabul’s" counts as "Kabul".

``factcheck.text.typos`` reads the index to find rare words one typing slip away from a
spelling the document trusts.

Building the index is one pass over the text plus dictionary look-ups: linear in its length.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from factcheck.text.wordcount import WORD_RUN, count_words, prose_runs, reading_end, word_list

# Suffix stripping for word families. Deliberately crude: it only decides which words count
# together when we ask "how frequent is this word?", never what a word means. "-er"/"-ers" are
# left out on purpose: "Staters" must not count as a form of "States".
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("ly", ""), ("es", ""), ("s", ""))
_DERIVATIONS = ("ship", "ment", "ness", "ism", "ist", "ity", "ian", "ese", "al", "ic")
_MIN_BASE = 4
_FUNCTION_WORDS = frozenset("""with from that this these those their there which into over have been
were than they them also such when where what while about after before under between""".split())


def _is_content(folded: str) -> bool:
    return len(folded) >= 4 and folded not in _FUNCTION_WORDS


#: Words whose result a word cache keeps (``family`` here, ``stem`` and ``_content_key`` in
#: ``factcheck.claims.clauses``): the frequent words, which come back in every document. At
#: 65,536, a process auditing document after document kept about 1.5 new names a document in
#: each (some 200 bytes an entry), 13 MB a cache before they stopped; 8,192 keep the words that
#: come back with the same hit rate within a few tenths of a percent.
WORDS_CACHED = 1 << 13


@lru_cache(maxsize=WORDS_CACHED)
def family(word: str) -> str:
    """A key shared by a word's inflected and derived forms ("relationships" -> "relation").

    Cached (the frequent words, ``WORDS_CACHED``): the same words come back in every document of a run.
    """
    w = word.casefold()
    for suffix, repl in _INFLECTIONS:
        if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_BASE:
            if suffix == "es" and not w.endswith(("ses", "xes", "zes", "ches", "shes")):
                continue
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                continue
            w = w[: len(w) - len(suffix)] + repl
            break
    for suffix in _DERIVATIONS:
        if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_BASE:
            return w[: len(w) - len(suffix)]
    return w


class Token(NamedTuple):
    """One word occurrence (a named tuple: an index holds hundreds of thousands of them)."""

    start: int
    end: int
    text: str
    folded: str


@dataclass
class WordIndex:
    """Every word of a document with its counts, places, neighbours and reference-list use.

    Counts are taken at C speed (``factcheck.text.wordcount``); the occurrences themselves
    (``tokens``, with their offsets) are listed only when a reader asks for them, which most
    documents never need.
    """

    count: Counter = field(default_factory=Counter)  # folded word -> occurrences
    family_count: Counter = field(default_factory=Counter)  # family key -> occurrences
    in_references: set[str] = field(default_factory=set)  # folded words seen in the reference list
    surface: dict[str, str] = field(default_factory=dict)  # folded word -> its most common spelling
    text: str = field(default="", repr=False)
    # The prose stretches the words were counted in (spans less the chunks that are not prose).
    runs: list[tuple[int, int]] = field(default_factory=list, repr=False)
    families: dict[str, str] = field(default_factory=dict, repr=False)  # folded word -> family key
    # Each spelling as written, in order of first occurrence, and its folded form (in step).
    spellings: list[str] = field(default_factory=list, repr=False)
    folded: list[str] = field(default_factory=list, repr=False)
    # Derived on first use (most documents never ask): see ``folds`` and ``lower_seen``.
    _folds: dict[str, str] | None = field(default=None, repr=False)
    _lower_seen: set[str] | None = field(default=None, repr=False)
    _tokens: list[Token] | None = field(default=None, repr=False)
    _sequence: list[str] | None = field(default=None, repr=False)  # folded words in text order
    _places: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _contexts: dict[str, set[tuple[int, str]]] = field(default_factory=dict, repr=False)

    @property
    def folds(self) -> dict[str, str]:
        """Each spelling -> its folded word."""
        if self._folds is None:
            self._folds = dict(zip(self.spellings, self.folded))
        return self._folds

    @property
    def lower_seen(self) -> set[str]:
        """Folded words written in lower case somewhere."""
        if self._lower_seen is None:
            self._lower_seen = set(map(str.casefold, filter(str.islower, self.spellings)))
        return self._lower_seen

    @property
    def tokens(self) -> list[Token]:
        """Every word occurrence in text order (listed on first use)."""
        if self._tokens is None:
            text, folds, new = self.text, self.folds, tuple.__new__
            tokens: list[Token] = []
            append = tokens.append
            for start, end in self.runs:
                for m in WORD_RUN.finditer(text, start, end):
                    word = m.group()
                    append(new(Token, (*m.span(), word, folds.get(word) or word.casefold())))
            self._tokens = tokens
        return self._tokens

    def occurrences(self, folded: Collection[str]) -> Iterator[tuple[int, int, str]]:
        """``(start, end, spelling)`` of each occurrence of the folded words, in text order.

        The same occurrences as ``tokens`` holds, found by searching for their spellings only:
        a document with one misspelt word need not list its other ten thousand words.
        """
        spellings = sorted((s for s, f in self.folds.items() if f in folded), key=lambda s: (-len(s), s))
        if not spellings:
            return
        # A spelling not followed by a letter or digit; one preceded by a letter or digit is
        # part of a longer run (checked below: the regex need not look behind at every place).
        pattern = re.compile(f"(?:{'|'.join(map(re.escape, spellings))})(?![^\\W_])")
        text = self.text
        for start, end in self.runs:
            for m in pattern.finditer(text, start, end):
                at = m.start()
                if at and text[at - 1].isalnum():
                    continue
                yield at, m.end(), m.group()

    def is_name(self, word: str) -> bool:
        """A capitalised word never written in lower case in the document: "Kestova", not "Regional"."""
        return word[:1].isupper() and word.casefold() not in self.lower_seen

    def family_of(self, folded: str) -> int:
        key = self.families.get(folded)
        return self.family_count[key if key is not None else family(folded)]

    def places(self, folded: str) -> list[int]:
        """Indexes in ``tokens`` of a word's occurrences (remembered once asked for).

        Found by ``list.index`` over the folded words, at C speed: a document asks this of a
        handful of words, and a table of every word would cost a Python step per occurrence.
        """
        found = self._places.get(folded)
        if found is None:
            sequence, found, i = self._folded_sequence(), [], -1
            try:
                while True:
                    i = sequence.index(folded, i + 1)
                    found.append(i)
            except ValueError:
                pass
            self._places[folded] = found
        return found

    def _folded_sequence(self) -> list[str]:
        """The folded word of each token, in text order (without the tokens' offsets)."""
        if self._sequence is None:
            if self._tokens is not None:
                self._sequence = [tok.folded for tok in self._tokens]
            else:
                self._sequence = list(map(self.folds.__getitem__, word_list(self.text, self.runs)))
        return self._sequence

    def context(self, folded: str) -> set[tuple[int, str]]:
        """Content words one or two places before (-1) and after (+1) any occurrence of a word.

        Function words ("the", "of") are left out: "the Strati of Hormuz" and "the Strait of
        Hormuz" share their context through "closure" and "Hormuz", not through "of".
        """
        if folded in self._contexts:
            return self._contexts[folded]
        out: set[tuple[int, str]] = set()
        sequence = self._folded_sequence()
        for i in self.places(folded):
            for k in (i - 2, i - 1, i + 1, i + 2):
                if 0 <= k < len(sequence) and _is_content(sequence[k]):
                    out.add((-1 if k < i else 1, sequence[k]))
        self._contexts[folded] = out
        return out


def build_index(text: str, spans: Iterable[tuple[int, int]],
                references: Sequence[tuple[int, int]] = ()) -> WordIndex:
    """Index the words of ``text`` inside ``spans`` (sorted, disjoint), in one pass.

    ``references``: the spans of the reference entries, whose words are marked ``in_references``.
    Spellings are counted stretch by stretch of prose (``count_words``); counts by folded word,
    most common spellings and families are derived from the distinct spellings afterwards. Word
    offsets are found only when asked for (``WordIndex.tokens``).
    """
    runs = prose_runs(text, spans)
    spellings = count_words(text, runs)
    index = WordIndex(text=text, runs=runs)
    if references:
        index.in_references = _reference_words(text, runs, sorted(references))
    # Per distinct spelling, not per occurrence; map/zip keep the common case at C speed.
    words = index.spellings = list(spellings)
    folds = index.folded = list(map(str.casefold, words))
    count = index.count  # a Counter filled in place: no copy
    dict.update(count, zip(folds, spellings.values()))
    surface = index.surface
    dict.update(surface, zip(folds, words))  # the last spelling of each folded word, for now
    if len(count) < len(words):  # spellings that fold together ("The", "the"): add them up
        shared = {folded for folded, n in Counter(folds).items() if n > 1}
        best: dict[str, int] = dict.fromkeys(shared, 0)
        for folded in shared:
            count[folded] = 0
        for word, folded in zip(words, folds):
            if folded in shared:
                n = spellings[word]
                count[folded] += n
                if n > best[folded]:  # the first of the most common spellings
                    best[folded] = n
                    surface[folded] = word
    families = index.families = dict(zip(count, map(family, count)))
    family_count = index.family_count
    get = family_count.get
    for key, n in zip(families.values(), count.values()):
        family_count[key] = get(key, 0) + n
    return index


def _reference_words(text: str, runs: list[tuple[int, int]], refs: list[tuple[int, int]]) -> set[str]:
    """Folded words starting inside a reference span (and inside a prose stretch)."""
    windows: list[tuple[int, int]] = []
    r = 0
    for start, end in runs:
        while r < len(refs) and refs[r][1] <= start:
            r += 1
        k = r
        while k < len(refs) and refs[k][0] < end:
            lo, hi = max(start, refs[k][0]), min(end, refs[k][1])
            windows.append((lo, reading_end(text, lo, hi, end)))
            k += 1
    return set(map(str.casefold, count_words(text, windows)))


class Lexicon(dict):
    """The words of a lexicon file by their case-folded form.

    ``load_lexicon`` gives every document of a run the same one, so what is derived from its
    words is kept on it (``neighbours``: SPL001's slip keys, see ``factcheck.text.typos``).
    It must not change.
    """

    neighbours: object = None


@lru_cache(maxsize=4)
def load_lexicon(path: str | Path | None) -> dict[str, str]:
    """Words of a lexicon file (one a line, ``#`` comments) by their case-folded form.

    The lexicon is the house list of names and terms: its words are never flagged, and a rare
    word one slip away from one of them is. Raises OSError when the file cannot be read. Read
    once per path and run (cached); callers must not change the dict (a ``Lexicon``).
    """
    if not path:
        return {}
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    words = (line.strip() for line in lines)
    return Lexicon((w.casefold(), w) for w in words if w and not w.startswith("#"))
