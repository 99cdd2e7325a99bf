"""Split body blocks into sentences, keeping exact offsets into the document text.

Why a hand-written scanner rather than a library: pySBD and friends re-search the text to recover
offsets, which breaks as soon as the same sentence occurs twice, and they know nothing of the
things our documents carry after a full stop (note markers ``state.[3]``, parenthesised citations
``... 2021. (Tariq, 2020)``). The scanner visits every candidate full stop once (a C-level regex
for ``[.!?…]``) and decides with a few bounded look-arounds, so it is linear in the text.

A full stop ends a sentence when, after the closing quotes/brackets and note markers that follow
it, there is whitespace and then something that can start a sentence (a capital, a digit, an
opening quote or bracket before one). Abbreviations change that decision:

* titles (``Dr.``, ``Mr.``) and ``e.g.``/``i.e.`` never end a sentence;
* locator abbreviations (``p.``, ``pp.``, ``vol.``, ``no.``, ``et al.``) do not end one before a
  number or a bracket;
* initials (``Aaron Y. Zelin``), dotted acronyms (``U.S.``, ``U.K.``), ``etc.`` and ellipses end
  a sentence only when the next word is a common sentence opener ("The", "But", "In" ...).

Decimals (``3.8``), ``3..8`` and ``U.S.-backed`` never qualify: no whitespace follows the stop.
A block joined across a page break contains ``"\\n\\n"``; it is whitespace like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from factcheck.text.lazy_regex import regex
from factcheck.text.model import Block, Sentence

_TERMINALS = regex(r"[.!?…]+")  # a run of them: "?!", "...", "…"
_SPACES = regex(r"\s*")  # str.isspace's characters, as \s is for str patterns
_ASCII_LETTERS_AND_STOP = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."
_OPENERS = frozenset("\"“‘'([«")
# What may follow a sentence's stop and still be its own: closing quotes and brackets,
# superscripts, and note markers "[3]", "[3, 4]" (digits, commas, dashes and spaces, at most 12).
_CLOSERS_RUN = regex("(?:[\"”’')\\]»⁰¹²³⁴⁵⁶⁷⁸⁹]|\\[[0-9,–\\- ]{1,12}\\])*")
_CLOSER_STARTS = frozenset("\"”’')]»⁰¹²³⁴⁵⁶⁷⁸⁹[")  # what a match of _CLOSERS_RUN can start with

# Never the end of a sentence.
_NEVER = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "maj", "adm", "rev",
    "hon", "sen", "rep", "gov", "pres", "mt", "messrs", "mme", "cmdr", "brig", "supt", "insp",
    "e.g", "i.e", "cf", "viz", "vs", "v", "approx", "eg", "ie",
})
# Not the end of a sentence before a number or an opening bracket ("p. 12", "et al. (2020)").
_LOCATOR = frozenset({
    "p", "pp", "vol", "vols", "no", "nos", "nr", "fig", "figs", "ch", "chap", "sec", "para",
    "paras", "art", "ed", "eds", "n", "op", "tab", "app", "ca", "c", "ref", "pt", "pts", "al",
    "ser", "cl", "l", "ll", "sect",
})
# The end of a sentence only before a common sentence opener.
_CAN_END = frozenset({"etc", "inc", "ltd", "co", "corp", "jr", "sr", "bros", "a.m", "p.m", "al"})
_STARTERS = frozenset("""
the a an this that these those it its in on at but and however yet still he she they we i there
since as after before when while if although though meanwhile moreover furthermore instead so
thus then such some many most all one for with without by from to under despite during over our
their his her no not nor only even also both each other another what why how where who which
later today now here indeed nevertheless nonetheless overall finally first second third similarly
likewise accordingly hence regional western see ibid
""".split())

_MAX_CITATION = 160  # longest parenthesised citation absorbed after a full stop


# A line that opens a list item: a bullet ("-", "*", "+", "•") or a number ("1.", "2)") and a space.
_ITEM = regex(r"\n[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]")
_ITEM_OPENERS = frozenset("-*+•0123456789")
_STOPS = (".", "!", "?", "…")
_AFTER_STOP = "\"”’')]»"  # closing quotes and brackets after an item's stop


def split_sentences(text: str, blocks: Sequence[Block]) -> list[Sentence]:
    """Sentences of every block of kind ``body``, in text order; in a list, of each item apart."""
    out: list[Sentence] = []
    for block in blocks:
        if block.kind != "body":
            continue
        for lo, hi in list_items(text, block.start, block.end):
            for start, end in sentence_spans(text, lo, hi):
                out.append(Sentence(start, end, block.index))
    return out


def list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block that is a list (its first line opens an item) cut before each item that follows
    an item ending a sentence; else the block whole. Such an item is a statement of its own:
    "- Recharge rose [@lee2021].\n- Silt doubled." is two sentences, the second not covered by
    the first's citation, though "- Silt" starts with no capital. Items that end no sentence
    (formulas, "Uranus: Connerney et al.") stay together, as a paragraph's lines do."""
    if start >= end or text[start] not in _ITEM_OPENERS or not _ITEM.match("\n" + text[start:start + 6]):
        return [(start, end)]
    bounds = [start]
    for m in _ITEM.finditer(text, start, end):
        if text[bounds[-1]:m.start()].rstrip().rstrip(_AFTER_STOP).endswith(_STOPS):
            bounds.append(m.start() + 1)
    bounds.append(end)
    return [(lo, hi) for lo, hi in zip(bounds, bounds[1:])]


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, stripped of surrounding whitespace.

    Usable on any run of prose: a body block, a note's text, a whole paragraph of a loader.
    """
    end = len(text) if end is None else min(end, len(text))
    spans: list[tuple[int, int]] = []
    cur = _skip_space(text, start, end)
    pos = cur
    search, append = _TERMINALS.search, spans.append
    while cur < end:
        m = search(text, pos, end)
        if m is None:
            break
        boundary, resume, after = _boundary_after(text, m.start(), m.end(), end)
        pos = resume
        if boundary is None:
            continue
        if boundary > cur:
            append((cur, boundary))
        cur = after
        if cur > pos:
            pos = cur
    if cur < end:
        tail = end
        while tail > cur and text[tail - 1].isspace():
            tail -= 1
        if tail > cur:
            spans.append((cur, tail))
    return spans


def _skip_space(text: str, pos: int, end: int) -> int:
    return _SPACES.match(text, pos, end).end() if pos < end else pos


def _boundary_after(text: str, i: int, j: int, end: int) -> tuple[int | None, int, int]:
    """Where the sentence ends if the run of terminals ``text[i:j]`` ends it (else None), where
    to resume, and where the next sentence starts (past the spaces after the end)."""
    run = text[i:j]
    resume = j
    ellipsis = run != "." and ("…" in run or run.count(".") >= 2) and not run.endswith(("?", "!"))
    # Each regex only where its first character is there: most stops have a space right after
    # them, no closer, and a single space.
    if j < end and text[j] in _CLOSER_STARTS:
        j = _CLOSERS_RUN.match(text, j, end).end()
    boundary = j
    k = j
    if k < end and text[k].isspace():
        k += 1
        if k < end and text[k].isspace():
            k = _SPACES.match(text, k, end).end()
    if k >= end:
        return boundary, k, k  # the block ends here
    if k == j:
        return None, resume, resume  # "3.8", "U.S.-backed", "state.Next": no whitespace, no break
    # A parenthesised citation (or a bracketed marker) right after the stop belongs to it.
    absorbed = _citation_after(text, k, end) if text[k] == "(" else None
    if absorbed is not None:
        boundary = absorbed
        k = _skip_space(text, absorbed, end)
        if k >= end:
            return boundary, k, k
    if not (text[k].isupper() and text[k].isalpha()) and not _can_start(text, k, end):
        return None, resume, resume
    if run == ".":
        word = _word_before(text, i)
        kind = _abbreviation_kind(word)
        if kind == "never":
            return None, resume, resume
        if kind == "locator" and (text[k].isdigit() or text[k] in "(["):
            return None, resume, resume
        if kind in ("can-end", "locator-can-end") and not _next_is_starter(text, k, end):
            return None, resume, resume
    elif ellipsis and not _next_is_starter(text, k, end):
        return None, resume, resume
    return boundary, resume, k


def _citation_after(text: str, k: int, end: int) -> int | None:
    """End of a "(Author, 2020)" citation (plus its own stop) that follows a sentence's stop."""
    if text[k] != "(":
        return None
    close = text.find(")", k + 1, min(end, k + _MAX_CITATION))
    if close == -1:
        return None
    inner = text[k + 1 : close]
    if "(" in inner or inner.rstrip().endswith((".", "!", "?")) or not _has_year(inner):
        return None
    stop = close + 1
    if stop < end and text[stop] == ".":
        stop += 1
    after = _skip_space(text, stop, end)
    if after < end and (after == stop or not _can_start(text, after, end)):
        return None
    return stop


def _has_year(s: str) -> bool:
    if "n.d." in s:
        return True
    digits = 0
    for ch in s:
        digits = digits + 1 if ch.isdigit() else 0
        if digits == 4:
            return True
    return False


def _can_start(text: str, k: int, end: int) -> bool:
    ch = text[k]
    if ch in _OPENERS:
        k += 1
        while k < end and text[k] in _OPENERS:
            k += 1
        if k >= end:
            return False
        ch = text[k]
    if ch.isdigit():
        return True
    return ch.isalpha() and not ch.islower()


def _word_before(text: str, i: int) -> str:
    """The token ending at the stop ``text[i]``: letters and inner dots ("U.S", "e.g", "Dr")."""
    lo = max(0, i - 12)
    before = text[lo:i]
    if before.isascii():  # letters are [A-Za-z] there: one strip instead of a loop
        j = lo + len(before.rstrip(_ASCII_LETTERS_AND_STOP))
    else:
        j = i
        while j > lo and (text[j - 1].isalpha() or text[j - 1] == "."):
            j -= 1
    if j > 0 and text[j - 1] == "°":
        return ""
    return text[j:i]


@lru_cache(maxsize=4096)  # the same few words end most sentences
def _abbreviation_kind(word: str) -> str | None:
    if not word:
        return None
    low = word.lower().strip(".")
    if low in _NEVER:
        return "never"
    if len(word) == 1 and word.isupper():
        return "can-end"  # an initial ("said C. Edwin Marlow"), not "c." for circa
    if low in _LOCATOR:
        return "locator-can-end" if low in _CAN_END else "locator"
    if low in _CAN_END:
        return "can-end"
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        return "can-end"  # a dotted acronym: "U.S", "U.K", "D.C"
    return None


def _next_is_starter(text: str, k: int, end: int) -> bool:
    while k < end and text[k] in _OPENERS:
        k += 1
    j = k
    while j < end and j - k < 16 and text[j].isalpha():
        j += 1
    return text[k:j].lower() in _STARTERS
