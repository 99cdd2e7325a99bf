"""The passages of a source that best match a claim: BM25 over its sentences, re-ranked by rapidfuzz.

BM25 (Okapi, k1 = 1.5, b = 0.75) over the stems of each sentence's content words finds the
sentences that share the claim's rarer words; the best of them are re-ranked by rapidfuzz's
``token_set_ratio`` of the two sets of stems, which rewards a sentence that says the claim's
words and little else (BM25 alone favours long sentences that happen to repeat one of them).
Small enough to write: a posting list per term, a few dozen lines.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz

K1 = 1.5
B = 0.75
_RERANKED = 12  # BM25's best sentences that are re-ranked


class BM25:
    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        self.lengths = [len(d) for d in documents]
        self.average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for i, terms in enumerate(documents):
            for term, count in Counter(terms).items():
                self.postings.setdefault(term, []).append((i, count))
        n = len(documents)
        self.idf = {term: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for term, p in self.postings.items()}

    def scores(self, query: Sequence[str]) -> dict[int, float]:
        out: dict[int, float] = {}
        average = self.average or 1.0
        for term in set(query):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for i, tf in self.postings[term]:
                norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * self.lengths[i] / average))
                out[i] = out.get(i, 0.0) + idf * norm
        return out


def best_passages(query: Sequence[str], bm25: BM25, terms: Sequence[Sequence[str]], k: int = 5) -> list[tuple[float, int]]:
    """(score in [0, 1], sentence index) of the ``k`` best sentences for the query's terms."""
    scores = bm25.scores(query)
    if not scores:
        return []
    top = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:_RERANKED]
    best = top[0][1] or 1.0
    wanted = " ".join(sorted(set(query)))
    ranked = []
    for i, score in top:
        fuzzy = fuzz.token_set_ratio(wanted, " ".join(sorted(set(terms[i])))) / 100
        ranked.append((0.5 * score / best + 0.5 * fuzzy, i))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return ranked[:k]
