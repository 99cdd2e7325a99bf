"""Which rare word of a document looks like a slip of the pen on a word the document trusts.

Reads the frequency index of ``factcheck.claims.lexicon`` (SPL001). A misspelling is a rare
spelling one typing slip away (``edit_kind``) from a trusted one (``_evidence``): frequent in the
document, in the lexicon, or in the reference list next to the same words.

Near neighbours are found through keys, never by comparing every word with every other: a
word's one-letter deletions (two words one edit apart share one) and its sorted letters (two
anagrams share them). Each distinct word costs a few dictionary look-ups per letter; the context
of a word is read once and remembered. Linear in the size of the document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from factcheck.claims.lexicon import WordIndex, family

MIN_LENGTH = 5  # shorter words have too many legitimate neighbours ("form"/"from")
LONG = 8  # from this length on, a word has few real neighbours one letter away
MIN_FREQUENT = 3  # a spelling (or its family) seen this often is one the document trusts
MIN_FREQUENT_WORD = 5  # ...a weak slip (a letter missing or extra) needs the very word this often
DOMINANCE = 4  # the trusted family is at least this many times more frequent than the rare one
STRONG = ("transposed letters", "swapped letters", "a doubled letter")
# Spelling conventions, not slips: colour/color, neighbouring/neighboring, judgement/judgment.
_CONVENTIONS = (("o", "u"), ("g", "e"))


@dataclass(frozen=True)
class Misspelling:
    """A rare spelling, the trusted spelling it is close to, and why we think it is a slip."""

    folded: str
    suggestion: str
    edit: str  # one of STRONG, "a missing letter", "an extra letter"
    evidence: str  # "frequent in the document", "in the reference list", "in the lexicon"


def find_misspellings(index: WordIndex, lexicon: dict[str, str] | None = None) -> dict[str, Misspelling]:
    """Folded rare words of the index that look like misspellings, with their likely spelling.

    A word qualifies when it could be a name or a word (five letters or more, not an acronym in
    capitals, no capital inside it), and is one typing slip (see ``edit_kind``) away from a
    spelling the document trusts:

    * a frequent one: its family occurs at least ``DOMINANCE`` times as often as the rare
      word's. A strong slip (transposed letters, a first letter typed twice) needs no more. A
      weak one (a letter missing or extra) is how many real words differ ("party"/"partly"),
      so it also needs the trusted word itself to be frequent, and the rare word to be long or
      to share a content word of context with it ("United Staters" / "United States");
    * a word of the lexicon;
    * for a word outside the reference list, a word of the list with which it shares context:
      the list names what the text writes about ("Strati of Hormuz" / "Strait of Hormuz").
    """
    lexicon = lexicon or {}
    frequent = {w for w in index.count if index.family_of(w) >= MIN_FREQUENT}
    pool = frequent | index.in_references | set(lexicon)
    by_delete, by_letters = _neighbour_keys(w for w in pool if len(w) >= MIN_LENGTH - 1)
    found: dict[str, Misspelling] = {}
    for word in index.count:
        if word in lexicon or not _eligible(index.surface[word]):
            continue
        best = _best_candidate(index, word, _candidates(word, by_delete, by_letters), frequent, lexicon)
        if best is not None:
            found[word] = best
    # A spelling that is itself a slip cannot vouch for another one.
    return {w: m for w, m in found.items() if m.suggestion.casefold() not in found}


def _eligible(surface: str) -> bool:
    if len(surface) < MIN_LENGTH or surface.isupper():
        return False
    return not any(ch.isupper() for ch in surface[1:])


def _neighbour_keys(words: Iterable[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Words by each of their one-letter deletions (and themselves), and by their sorted letters.

    Two words one edit apart share a deletion key; two words that are anagrams share their
    sorted letters. Both look-ups are a dictionary access per key: no word is compared with
    every other word.
    """
    by_delete: dict[str, set[str]] = defaultdict(set)
    by_letters: dict[str, set[str]] = defaultdict(set)
    for w in words:
        for key in _deletes(w):
            by_delete[key].add(w)
        by_letters["".join(sorted(w))].add(w)
    return by_delete, by_letters


def _deletes(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _candidates(word: str, by_delete: dict[str, set[str]], by_letters: dict[str, set[str]]) -> set[str]:
    out: set[str] = set()
    for key in _deletes(word):
        out |= by_delete.get(key, set())
    out |= by_letters.get("".join(sorted(word)), set())
    out.discard(word)
    return out


def _best_candidate(index: WordIndex, word: str, candidates: set[str], frequent: set[str],
                    lexicon: dict[str, str]) -> Misspelling | None:
    """The most frequent trusted spelling among the candidates, if any is trusted."""
    best: tuple[int, Misspelling] | None = None
    for cand in candidates:
        if family(cand) == family(word):
            continue  # an inflection or derivation of the same word
        edit = edit_kind(word, cand)
        evidence = _evidence(index, word, cand, edit, frequent, lexicon) if edit else None
        if evidence is None:
            continue
        weight = index.family_of(cand) if evidence == "frequent in the document" else 0
        spelling = lexicon.get(cand) or index.surface.get(cand, cand)
        found = Misspelling(word, _match_case(index.surface[word], spelling), edit, evidence)
        if best is None or weight > best[0]:
            best = (weight, found)
    return best[1] if best else None


def _evidence(index: WordIndex, word: str, cand: str, edit: str, frequent: set[str],
              lexicon: dict[str, str]) -> str | None:
    """Why ``cand`` is a trusted spelling for the rare ``word``, or None when it is not."""
    rare = index.family_of(word)
    shared = None  # computed only when needed: it walks the occurrences of both words

    def share() -> bool:
        nonlocal shared
        if shared is None:
            shared = bool(index.context(word) & index.context(cand))
        return shared

    if cand in frequent and index.family_of(cand) >= DOMINANCE * rare:
        if edit in STRONG and (len(word) >= 7 or share()):
            return "frequent in the document"
        if index.count[cand] >= MIN_FREQUENT_WORD and (len(word) >= LONG or share()):
            return "frequent in the document"
    if cand in lexicon and rare <= 2:
        return "in the lexicon"
    if cand in index.in_references and word not in index.in_references and rare <= index.family_of(cand) \
            and share():
        return "in the reference list"
    return None


def edit_kind(word: str, cand: str) -> str | None:
    """The typing slip that turns ``cand`` into ``word``, or None when it is not one we trust.

    Trusted: letters transposed ("Afghansitan"), two letters swapped in a long word
    ("Khosaran"), a first letter typed twice ("rrelationship"), a letter missing or extra
    inside the word ("Politcal", "Staters"). Not trusted, because that is how legitimate words
    and names differ: one letter replaced by another (Tarik/Tariq, Uighur/Uyghur), letters
    added or dropped at the end (Khan/Khanna, Ahmad/Ahmadi, plurals), a doubled letter inside
    a word (later/latter, Masoud/Massoud), and spelling conventions (neighbouring/neighboring,
    judgement/judgment).
    """
    if len(word) == len(cand):
        if sorted(word) != sorted(cand):
            return None
        distance = OSA.distance(word, cand, score_cutoff=2)
        if distance == 1:
            return "transposed letters"
        return "swapped letters" if distance == 2 and len(word) >= LONG else None
    if abs(len(word) - len(cand)) != 1:
        return None
    longer, shorter = (word, cand) if len(word) > len(cand) else (cand, word)
    i = next((k for k in range(len(shorter)) if longer[k] != shorter[k]), len(shorter))
    if longer[:i] + longer[i + 1 :] != shorter or i == len(longer) - 1:
        return None  # more than one edit, or a letter at the end
    doubled = (i > 0 and longer[i - 1] == longer[i]) or longer[i + 1] == longer[i]
    if i <= 1:
        return "a doubled letter" if doubled and i == 1 and len(word) > len(cand) else None
    if doubled or (longer[i - 1], longer[i]) in _CONVENTIONS:
        return None
    return "an extra letter" if len(word) > len(cand) else "a missing letter"


def _match_case(surface: str, spelling: str) -> str:
    """The suggestion in the case the writer used: "Politcal" -> "Political", "Afghan" stays "Afghan"."""
    if surface[:1].isupper() and spelling[:1].islower():
        return spelling[:1].upper() + spelling[1:]
    return spelling
