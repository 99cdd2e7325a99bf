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

``factcheck.claims.typos`` reads the index to find rare words one typing slip away from a
spelling the document trusts.

Building the index is one pass over the text plus dictionary look-ups: linear in its length.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

_LETTERS = re.compile(r"[^\W\d_]+")
_NOT_PROSE = re.compile(r"[@_\\]|://|www\.")

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


@lru_cache(maxsize=1 << 16)
def family(word: str) -> str:
    """A key shared by a word's inflected and derived forms ("relationships" -> "relation").

    Cached: the same words come back in every document of a run.
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

    Counts are taken at C speed (``findall``); the occurrences themselves (``tokens``, with
    their offsets) are listed only when a reader asks for them, which most documents never need.
    """

    count: Counter = field(default_factory=Counter)  # folded word -> occurrences
    family_count: Counter = field(default_factory=Counter)  # family key -> occurrences
    in_references: set[str] = field(default_factory=set)  # folded words seen in the reference list
    surface: dict[str, str] = field(default_factory=dict)  # folded word -> its most common spelling
    lower_seen: set[str] = field(default_factory=set)  # folded words written in lower case somewhere
    text: str = field(default="", repr=False)
    # The prose stretches the words were counted in (spans less the chunks that are not prose).
    runs: list[tuple[int, int]] = field(default_factory=list, repr=False)
    families: dict[str, str] = field(default_factory=dict, repr=False)  # folded word -> family key
    folds: dict[str, str] = field(default_factory=dict, repr=False)  # spelling -> folded word
    _tokens: list[Token] | None = field(default=None, repr=False)
    _places: dict[str, list[int]] | None = field(default=None, repr=False)
    _contexts: dict[str, set[tuple[int, str]]] = field(default_factory=dict, repr=False)

    @property
    def tokens(self) -> list[Token]:
        """Every word occurrence in text order (listed on first use)."""
        if self._tokens is None:
            text, folds, new = self.text, self.folds, tuple.__new__
            tokens: list[Token] = []
            append = tokens.append
            for start, end in self.runs:
                for m in _WORD_RUN.finditer(text, start, end):
                    word = m.group()
                    append(new(Token, (*m.span(), word, folds.get(word) or word.casefold())))
            self._tokens = tokens
        return self._tokens

    def is_name(self, word: str) -> bool:
        """A capitalised word never written in lower case in the document: "Kestova", not "Regional"."""
        return word[:1].isupper() and word.casefold() not in self.lower_seen

    def family_of(self, folded: str) -> int:
        key = self.families.get(folded)
        return self.family_count[key if key is not None else family(folded)]

    def places(self, folded: str) -> list[int]:
        """Indexes in ``tokens`` of a word's occurrences (the table is built on first use)."""
        if self._places is None:
            self._places = defaultdict(list)
            for i, tok in enumerate(self.tokens):
                self._places[tok.folded].append(i)
        return self._places.get(folded, [])

    def context(self, folded: str) -> set[tuple[int, str]]:
        """Content words one or two places before (-1) and after (+1) any occurrence of a word.

        Function words ("the", "of") are left out: "the Strati of Hormuz" and "the Strait of
        Hormuz" share their context through "closure" and "Hormuz", not through "of".
        """
        if folded in self._contexts:
            return self._contexts[folded]
        out: set[tuple[int, str]] = set()
        toks = self.tokens
        for i in self.places(folded):
            for k in (i - 2, i - 1, i + 1, i + 2):
                if 0 <= k < len(toks) and _is_content(toks[k].folded):
                    out.add((-1 if k < i else 1, toks[k].folded))
        self._contexts[folded] = out
        return out


# A maximal run of letters not glued to a digit ("R45122", "2020a" are identifiers, not words).
# Letters are ``[^\W\d_]``; a run cannot start after a letter or digit (``[^\W_]``) and the
# possessive ``++`` keeps a run glued to a digit from matching a shorter piece of itself.
_WORD_RUN = re.compile(r"(?<![^\W_])[^\W\d_]++(?!\d)")


def build_index(text: str, spans: Iterable[tuple[int, int]],
                references: Sequence[tuple[int, int]] = ()) -> WordIndex:
    """Index the words of ``text`` inside ``spans`` (sorted, disjoint), in one pass.

    ``references``: the spans of the reference entries, whose words are marked ``in_references``.
    Spellings are counted by the regex engine (``findall``) stretch by stretch of prose; counts
    by folded word, most common spellings and families are derived from the distinct
    spellings afterwards. Word offsets are found only when asked for (``WordIndex.tokens``).
    """
    runs: list[tuple[int, int]] = []
    for start, end in spans:
        pos = start
        for lo, hi in _not_prose_chunks(text, start, end):
            if lo > pos:
                runs.append((pos, lo))
            pos = max(pos, hi)
        if pos < end:
            runs.append((pos, end))
    spellings: Counter = Counter()
    findall = _WORD_RUN.findall
    for start, end in runs:
        spellings.update(findall(text, start, end))
    index = WordIndex(text=text, runs=runs)
    if references:
        index.in_references = _reference_words(text, runs, sorted(references))
    # Per distinct spelling, not per occurrence; map/filter keep the common case at C speed.
    words = list(spellings)
    folds = list(map(str.casefold, words))
    index.folds = dict(zip(words, folds))
    count: dict[str, int] = dict(zip(folds, spellings.values()))
    surface: dict[str, str] = dict(zip(folds, words))
    if len(count) < len(words):  # spellings that fold together ("The", "the"): add them up
        count.clear()
        best: dict[str, int] = {}
        for word, folded in zip(words, folds):
            n = spellings[word]
            count[folded] = count.get(folded, 0) + n
            if n > best.get(folded, 0):
                best[folded] = n
                surface[folded] = word
    index.count = Counter(count)
    index.surface = surface
    index.lower_seen = set(map(str.casefold, filter(str.islower, words)))
    families = index.families = dict(zip(count, map(family, count)))
    family_count: dict[str, int] = {}
    for folded, n in count.items():
        key = families[folded]
        family_count[key] = family_count.get(key, 0) + n
    index.family_count = Counter(family_count)
    return index


def _reference_words(text: str, runs: list[tuple[int, int]], refs: list[tuple[int, int]]) -> set[str]:
    """Folded words starting inside a reference span (and inside a prose stretch)."""
    out: set[str] = set()
    r = 0
    for start, end in runs:
        while r < len(refs) and refs[r][1] <= start:
            r += 1
        k = r
        while k < len(refs) and refs[k][0] < end:
            lo, hi = max(start, refs[k][0]), min(end, refs[k][1])
            for m in _WORD_RUN.finditer(text, lo, end):  # to the stretch's end: words stay whole
                if m.start() >= hi:
                    break
                out.add(m.group().casefold())
            k += 1
    return out


def _not_prose_chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the whitespace-delimited chunks of ``text[start:end]`` that are not prose.

    Found from their marks (``@``, ``_``, a backslash, ``://``, ``www.``) and widened to the
    surrounding whitespace; each character is looked at a bounded number of times.
    """
    out: list[tuple[int, int]] = []
    for m in _NOT_PROSE.finditer(text, start, end):
        if out and m.start() < out[-1][1]:
            continue  # a second mark in the same chunk
        lo = m.start()
        floor = out[-1][1] if out else start
        while lo > floor and not text[lo - 1].isspace():
            lo -= 1
        hi = m.end()
        while hi < end and not text[hi].isspace():
            hi += 1
        out.append((lo, hi))
    return out


@lru_cache(maxsize=4)
def load_lexicon(path: str | Path | None) -> dict[str, str]:
    """Words of a lexicon file (one a line, ``#`` comments) by their case-folded form.

    The lexicon is the house list of names and terms: its words are never flagged, and a rare
    word one slip away from one of them is. Raises OSError when the file cannot be read. Read
    once per path and run (cached); callers must not change the dict.
    """
    if not path:
        return {}
    lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    words = (line.strip() for line in lines)
    return {w.casefold(): w for w in words if w and not w.startswith("#")}
