"""Which rare word of a document looks like a slip of the pen on a word the document trusts.

Reads the frequency index of ``factcheck.text.lexicon`` (SPL001). A misspelling is a rare
spelling one typing slip away (``edit_kind``) from a trusted one (``_evidence``): frequent in the
document, in the lexicon, or in the reference list next to the same words.

Near neighbours are found through keys (``factcheck.text.slipkeys``), never by comparing
every word with every other. The slips we trust either keep the letters (transpositions,
swaps) or add or drop one letter inside the word; a letter replaced by another is never
trusted, so no key is needed for it. A rare word costs a few set look-ups, with its keys
computed once per run; only the few words with a neighbour go on to ``edit_kind`` and
``_evidence``, and the context of a word is read once and remembered. Linear in the size of the
document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import ge, le

from rapidfuzz.distance import OSA

from factcheck.text.english import is_english_word
from factcheck.text.lexicon import Lexicon, WordIndex, family
from factcheck.text.slipkeys import Neighbours

MIN_LENGTH = 5  # shorter words have too many legitimate neighbours ("form"/"from")
MAX_LENGTH = 45  # a longer run of letters is no word anyone types (and its neighbours cost its square)
LONG = 8  # from this length on, a word has few real neighbours one letter away
MIN_FREQUENT = 3  # a spelling (or its family) seen this often is one the document trusts
MIN_FREQUENT_WORD = 5  # ...a weak slip (a letter missing or extra) needs the very word this often
DOMINANCE = 4  # the trusted family is at least this many times more frequent than the rare one
_TRUSTED = max(MIN_FREQUENT, DOMINANCE)  # a family this frequent can vouch as "frequent in the document"
# Pool spellings: one letter shorter than the shortest word that can be a slip, one letter
# longer than the longest.
_POOL_SIZES = range(MIN_LENGTH - 1, MAX_LENGTH + 2)
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
      to share a content word of context with it ("United Staters" / "United States"), and
      not to be a word of the English dictionary ("width" / "with");
    * a word of the lexicon;
    * for a word outside the reference list, a word of the list with which it shares context:
      the list names what the text writes about ("Strati of Hormuz" / "Strait of Hormuz").
    """
    lexicon = lexicon or {}
    in_refs = index.in_references
    # Every word with the frequency of its family, in order of first occurrence (at C speed).
    words = list(index.families)
    sizes = list(map(index.family_count.__getitem__, index.families.values()))
    # Only a word whose family is at least DOMINANCE times as frequent can vouch as "frequent in
    # the document" (see ``_evidence``); those, the reference list and the lexicon make the pool.
    trusted = list(compress(words, map(le, repeat(_TRUSTED), sizes)))
    most = max(index.family_count.values()) if trusted else 0  # the most frequent family is trusted
    # Cheap necessary conditions of ``_evidence`` first: most words cannot be a slip of anything
    # (their family is too frequent, and no lexicon or reference list vouches).
    cap = max(most // DOMINANCE, 2 if lexicon else 0)
    if in_refs:
        rare = [w for w, n in zip(words, sizes) if n <= cap or w not in in_refs]
    else:
        rare = list(compress(words, map(ge, repeat(cap), sizes)))
    if not rare:
        return {}
    near = Neighbours(_sized(chain(trusted, in_refs))).near(rare)
    if lexicon:
        in_lexicon = _lexicon_neighbours(lexicon).near(rare)
        near = {w: near.get(w, set()) | in_lexicon.get(w, set()) for w in rare if w in near or w in in_lexicon}
    found: dict[str, Misspelling] = {}
    for word, candidates in near.items():  # in the order of ``rare``
        if word in lexicon or not _eligible(index.surface[word]):
            continue
        best = _best_candidate(index, word, candidates, lexicon)
        # A letter added or dropped that makes a word of the dictionary is that word ("width",
        # not "with"); letters swapped that make one may still be a slip ("Strati of Hormuz").
        if best is not None and (best.edit in STRONG or not is_english_word(word)):
            found[word] = best
    # A spelling that is itself a slip cannot vouch for another one.
    return {w: m for w, m in found.items() if m.suggestion.casefold() not in found}


def _eligible(surface: str) -> bool:
    """Could be a name or a word: long enough, not an acronym in capitals, no capital inside."""
    if not MIN_LENGTH <= len(surface) <= MAX_LENGTH or surface.isupper():
        return False
    rest = surface[1:]
    return rest.islower() or not any(map(str.isupper, rest))


def _lexicon_neighbours(lexicon: dict[str, str]) -> Neighbours:
    """The lexicon's words by their keys: kept on a ``Lexicon`` (``load_lexicon`` gives every
    document of a run the same one), computed afresh for any other dict."""
    kept = getattr(lexicon, "neighbours", None)
    if kept is None:
        shared = isinstance(lexicon, Lexicon)
        kept = Neighbours(_sized(lexicon), index_all=shared)
        if shared:
            lexicon.neighbours = kept
    return kept


def _sized(words: Iterable[str]) -> Iterator[str]:
    """The words of a length a slip can be one letter from (see ``_POOL_SIZES``)."""
    words = list(words)
    return compress(words, map(_POOL_SIZES.__contains__, map(len, words)))


def _best_candidate(index: WordIndex, word: str, candidates: set[str],
                    lexicon: dict[str, str]) -> Misspelling | None:
    """The most frequent trusted spelling among the candidates, if any is trusted."""
    best: tuple[int, Misspelling] | None = None
    rare = index.family_of(word)
    in_refs = index.in_references
    for cand in sorted(candidates):  # sorted: ties go to the same spelling whatever the hash seed
        common = index.family_of(cand)
        if not ((common >= DOMINANCE * rare and _frequent(index, cand)) or (rare <= 2 and cand in lexicon)
                or (rare <= common and cand in in_refs and word not in in_refs)):
            continue  # no evidence could vouch for it (the conditions of ``_evidence``, cheaply)
        if family(cand) == family(word):
            continue  # an inflection or derivation of the same word
        edit = edit_kind(word, cand)
        evidence = _evidence(index, word, cand, edit, lexicon) if edit else None
        if evidence is None:
            continue
        weight = index.family_of(cand) if evidence == "frequent in the document" else 0
        spelling = lexicon.get(cand) or index.surface.get(cand, cand)
        found = Misspelling(word, _match_case(index.surface[word], spelling), edit, evidence)
        if best is None or weight > best[0]:
            best = (weight, found)
    return best[1] if best else None


def _evidence(index: WordIndex, word: str, cand: str, edit: str, lexicon: dict[str, str]) -> str | None:
    """Why ``cand`` is a trusted spelling for the rare ``word``, or None when it is not."""
    rare = index.family_of(word)
    shared = None  # computed only when needed: it walks the occurrences of both words

    def share() -> bool:
        nonlocal shared
        if shared is None:
            shared = bool(index.context(word) & index.context(cand))
        return shared

    if _frequent(index, cand) and index.family_of(cand) >= DOMINANCE * rare:
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


def _frequent(index: WordIndex, word: str) -> bool:
    """A word of the document whose family occurs at least MIN_FREQUENT times."""
    return word in index.count and index.family_of(word) >= MIN_FREQUENT


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
