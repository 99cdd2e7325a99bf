"""Find a quotation in a source's words: verbatim, or with words changed, or not at all.

1. Verbatim: the quotation's runs of words (between omissions and insertions) are found in
   order, each starting within what the gap before it allows; anchored on the rarest word of
   the first run, so a 300-page source costs a few dictionary look-ups per quotation.
2. Otherwise the places where most of its words occur close together are aligned with it, word
   by word (an edit distance in which the source words an ellipsis or an insertion stands for
   cost nothing). When most of its words, and most of its content words, line up with one place,
   the quotation is there with words changed; the alignment is the word diff.
3. Otherwise it is not in the source.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from factcheck.claims.clauses import STOPWORDS
from factcheck.verify.quote_pattern import QuotePattern, QuoteWord
from factcheck.verify.words import Word

# A quotation is "there with words changed" when at least this share of its words, and of its
# content words, line up with one place of the source (and at least MIN_ALIGNED words do).
ALTERED_WORDS = 0.6
ALTERED_CONTENT = 0.5
MIN_ALIGNED = 3
# What a source word left out of the quotation with no ellipsis costs in the alignment: less than
# a word added, so that "hold back the flood" for "hold back the early flood" lines "flood" up.
_DROPPED = 0.45
_CANDIDATES = 3  # places aligned per quotation
_COMMON = 5000  # a word this frequent in the source does not help to find a place
_SLACK = 12  # source words aligned beyond each end of a place

Status = Literal["found", "altered", "missing"]
# One step of an alignment: the quotation's word index (or None) and the source's (or None).
# "same": equal; "case": equal but for case; "changed": another word; "added": only in the
# quotation; "dropped": a source word left out with no ellipsis; "omitted": left out at an
# ellipsis or under an insertion (allowed); "joined": the second half of a source word the
# quotation writes as one ("the water" for "thewater" is two "same" steps; "longterm" for "long
# term" is "same" and "joined").
Op = tuple[str, int | None, int | None]


@dataclass(frozen=True)
class QuoteMatch:
    status: Status
    first: int = 0  # source word indexes of the matched place, first and last + 1
    last: int = 0
    ops: tuple[Op, ...] = ()
    aligned: int = 0  # quotation words that line up with the source's


class SourceWords:
    """A source's words with an index from word to positions, built once per source."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = list(words)
        self.keys = [w.key for w in self.words]
        self.positions: dict[str, list[int]] = {}
        for i, key in enumerate(self.keys):
            self.positions.setdefault(key, []).append(i)

    def __len__(self) -> int:
        return len(self.words)


def search_quote(pattern: QuotePattern, source: SourceWords) -> QuoteMatch:
    words = pattern.words
    if not words or not len(source):
        return QuoteMatch("missing")
    exact = _verbatim(words, pattern.fragments, source)
    if exact is not None:
        ops = tuple(_compare(words[qi], source.words[si], qi, si) for qi, si in exact)
        filled = _with_omissions(ops, source)
        status: Status = "found" if all(op[0] in ("same", "omitted") for op in filled) else "altered"
        return QuoteMatch(status, exact[0][1], exact[-1][1] + 1, filled, len(words))
    best: QuoteMatch | None = None
    for lo, hi in _places(pattern, source):
        match = _align(words, source, lo, hi)
        if best is None or (match.aligned, -len(match.ops)) > (best.aligned, -len(best.ops)):
            best = match
        if best.aligned >= 0.9 * len(words):
            break  # the places are tried best first: one this close is the place
    if best is None or not _close_enough(words, best):
        return QuoteMatch("missing", best.first if best else 0, best.last if best else 0,
                          best.ops if best else (), best.aligned if best else 0)
    ops = _mend_spacing(best.ops, words, source)
    if all(op[0] in ("same", "omitted", "joined") for op in ops):
        return QuoteMatch("found", best.first, best.last, ops, len(words))
    return QuoteMatch("altered", best.first, best.last, ops, sum(1 for op in ops if op[0] in ("same", "case")))


def _mend_spacing(ops: tuple[Op, ...], words: Sequence[QuoteWord], source: SourceWords) -> tuple[Op, ...]:
    """A run of changes whose words are the same letters split or joined otherwise ("the water"
    for a PDF's "thewater", "long term" for "long-term") is no change: the words are the same."""
    out: list[Op] = []
    k = 0
    while k < len(ops):
        if ops[k][0] not in ("changed", "added", "dropped"):
            out.append(ops[k])
            k += 1
            continue
        j = k
        while j < len(ops) and ops[j][0] in ("changed", "added", "dropped"):
            j += 1
        run = ops[k:j]
        quoted = "".join(words[qi].key for _, qi, _ in run if qi is not None)
        found = "".join(source.keys[si] for _, _, si in run if si is not None)
        if quoted and quoted == found:
            out.extend(("same", qi, si) if qi is not None else ("omitted", None, si) for _, qi, si in run)
        else:
            out.extend(run)
        k = j
    return tuple(out)


# -- verbatim ----------------------------------------------------------------------------------

def _verbatim(words: Sequence[QuoteWord], fragments: list[tuple[int, int]],
              source: SourceWords) -> list[tuple[int, int]] | None:
    """(quotation word, source word) pairs of the first verbatim place, or None."""
    first_lo, first_hi = fragments[0]
    for start in _fragment_starts(words, first_lo, first_hi, source, 0, len(source)):
        placed = _rest(words, fragments, 1, start + (first_hi - first_lo), source)
        if placed is not None:
            return [(first_lo + k, start + k) for k in range(first_hi - first_lo)] + placed
    return None


def _rest(words: Sequence[QuoteWord], fragments: list[tuple[int, int]], f: int, after: int,
          source: SourceWords) -> list[tuple[int, int]] | None:
    if f == len(fragments):
        return []
    lo, hi = fragments[f]
    limit = after + words[lo].skip_before + 1
    for start in _fragment_starts(words, lo, hi, source, after, limit):
        placed = _rest(words, fragments, f + 1, start + (hi - lo), source)
        if placed is not None:
            return [(lo + k, start + k) for k in range(hi - lo)] + placed
    return None


def _fragment_starts(words: Sequence[QuoteWord], lo: int, hi: int, source: SourceWords,
                     earliest: int, before: int):
    """Source positions in [earliest, before) where words[lo:hi] occur verbatim (folded)."""
    anchor = min((k for k in range(lo, hi) if not words[k].loose),
                 key=lambda k: len(source.positions.get(words[k].key, ())), default=None)
    keys = source.keys
    n = hi - lo
    if anchor is None:  # only words with brackets inside: look at every position of the range
        candidates = range(earliest, min(before, len(keys) - n + 1))
    else:
        where = source.positions.get(words[anchor].key, [])
        offset = anchor - lo
        i, j = bisect_left(where, earliest + offset), bisect_left(where, before + offset)
        candidates = (p - offset for p in where[i:j])
    for start in candidates:
        if start + n <= len(keys) and all(words[lo + k].matches(keys[start + k]) for k in range(n)):
            yield start


def _compare(word: QuoteWord, found: Word, qi: int, si: int) -> Op:
    if word.loose or word.surface == found.surface:
        return ("same", qi, si)
    if word.free_case and word.surface[1:] == found.surface[1:]:
        return ("same", qi, si)
    return ("case", qi, si)


def _with_omissions(ops: Sequence[Op], source: SourceWords) -> tuple[Op, ...]:
    """The pairs with the source words between them marked as omitted."""
    out: list[Op] = []
    previous = None
    for op in ops:
        if previous is not None and op[2] is not None:
            out.extend(("omitted", None, si) for si in range(previous + 1, op[2]))
        out.append(op)
        previous = op[2] if op[2] is not None else previous
    return tuple(out)


# -- near matches ------------------------------------------------------------------------------

def _places(pattern: QuotePattern, source: SourceWords) -> list[tuple[int, int]]:
    """Source ranges where the quotation's words cluster, best first (at most ``_CANDIDATES``)."""
    words = pattern.words
    hits: list[tuple[int, int]] = []  # (source position, quotation word)
    for qi, word in enumerate(words):
        if word.loose:
            continue
        where = source.positions.get(word.key, ())
        if len(where) <= _COMMON:
            hits.extend((p, qi) for p in where)
    if not hits:
        return []
    hits.sort()
    span = len(words) + _SLACK + sum(min(w.skip_before, 60) for w in words)
    scored = []
    counts: Counter[int] = Counter()
    left = 0
    for right, (pos, qi) in enumerate(hits):
        counts[qi] += 1
        while hits[left][0] < pos - span:
            counts[hits[left][1]] -= 1
            if not counts[hits[left][1]]:
                del counts[hits[left][1]]
            left += 1
        scored.append((len(counts), hits[left][0], pos))
    scored.sort(key=lambda t: (-t[0], t[1]))
    chosen: list[tuple[int, int]] = []
    for _, first, last in scored:
        lo, hi = max(0, first - len(words) - _SLACK), min(len(source), last + len(words) + _SLACK)
        if any(lo < c_hi and c_lo < hi for c_lo, c_hi in chosen):
            continue
        chosen.append((lo, hi))
        if len(chosen) == _CANDIDATES:
            break
    return chosen


def _align(words: Sequence[QuoteWord], source: SourceWords, lo: int, hi: int) -> QuoteMatch:
    """The cheapest alignment of the whole quotation with a stretch of ``source[lo:hi]``.

    An edit distance over words where the source words before and after the stretch, and
    those an ellipsis or insertion stands for, cost nothing; a changed, added or dropped word
    costs one (a change of case only, a half; a source word left out, ``_DROPPED``).
    """
    keys = source.keys[lo:hi]
    surfaces = [w.surface for w in source.words[lo:hi]]
    m, n = len(words), len(keys)
    inf = float("inf")
    # cost[i][j]: the quotation's first i words aligned, ending before source word j.
    cost = [[0.0] * (n + 1)] + [[inf] * (n + 1) for _ in range(m)]
    step = [[""] * (n + 1) for _ in range(m + 1)]
    for i in range(1, m + 1):
        word = words[i - 1]
        row, up = cost[i], cost[i - 1]
        free = i < m and words[i].skip_before > 0  # source words may be skipped after word i
        row[0] = up[0] + 1
        step[i][0] = "added"
        for j in range(1, n + 1):
            if word.matches(keys[j - 1]):
                same = word.loose or surfaces[j - 1] == word.surface or (
                    word.free_case and surfaces[j - 1][1:] == word.surface[1:])
                diagonal = up[j - 1] + (0.0 if same else 0.5)
                kind = "same" if same else "case"
            else:
                diagonal = up[j - 1] + 1
                kind = "changed"
            best, how = diagonal, kind
            if up[j] + 1 < best:
                best, how = up[j] + 1, "added"
            # Words the source prints joined or split ("thewater", a PDF that lost a space).
            if i >= 2 and not word.loose and cost[i - 2][j - 1] < best \
                    and words[i - 2].key + word.key == keys[j - 1]:
                best, how = cost[i - 2][j - 1], "two-in-one"
            if j >= 2 and not word.loose and up[j - 2] < best and word.key == keys[j - 2] + keys[j - 1]:
                best, how = up[j - 2], "one-in-two"
            skip = row[j - 1] + (0.0 if free else _DROPPED)
            if i < m and skip < best:
                best, how = skip, ("omitted" if free else "dropped")
            row[j] = best
            step[i][j] = how
    end = min(range(n + 1), key=lambda j: (cost[m][j], -j))  # ties: a changed last word, not an added one
    ops: list[Op] = []
    i, j = m, end
    while i > 0:
        how = step[i][j]
        if how in ("same", "case", "changed"):
            ops.append((how, i - 1, lo + j - 1))
            i, j = i - 1, j - 1
        elif how == "two-in-one":
            ops += [("same", i - 1, None), ("same", i - 2, lo + j - 1)]
            i, j = i - 2, j - 1
        elif how == "one-in-two":
            ops += [("joined", None, lo + j - 1), ("same", i - 1, lo + j - 2)]
            i, j = i - 1, j - 2
        elif how == "added" or j == 0:
            ops.append(("added", i - 1, None))
            i -= 1
        else:
            ops.append((how, None, lo + j - 1))
            j -= 1
    ops.reverse()
    placed = [op[2] for op in ops if op[2] is not None]
    aligned = sum(1 for op in ops if op[0] in ("same", "case"))
    return QuoteMatch("altered", placed[0] if placed else lo, placed[-1] + 1 if placed else lo, tuple(ops), aligned)


def _close_enough(words: Sequence[QuoteWord], match: QuoteMatch) -> bool:
    """Whether an alignment is the quotation with words changed, rather than another text."""
    if match.aligned < min(MIN_ALIGNED, len(words)) or match.aligned < ALTERED_WORDS * len(words):
        return False
    content = [i for i, w in enumerate(words) if not w.loose and w.key not in STOPWORDS]
    if not content:
        return True
    lined_up = {op[1] for op in match.ops if op[0] in ("same", "case")}
    return sum(1 for i in content if i in lined_up) >= ALTERED_CONTENT * len(content)


def word_positions(source: SourceWords, start: int, end: int) -> tuple[int, int]:
    """The source word indexes covering characters [start, end)."""
    starts = [w.start for w in source.words]
    return bisect_left(starts, start), bisect_right(starts, end - 1)
