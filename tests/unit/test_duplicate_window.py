"""CIT006's search for an earlier entry of the same work, against the plain scan it replaced.

``_first_same_work`` compares a later entry only with the earlier ones of its numbers (or with a
DOI when it has one), found through an index; the plain scan below tests every earlier entry of
the window. Both must name the same earlier entry for every entry of a list, inside the pairwise
window and past it (where exact repeats of a DOI or title are looked up further back).
"""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from factcheck.citations.model import Author, ReferenceEntry
from factcheck.rules.citations import _MAX_PAIRWISE, _first_same_work, _same_work, _Work

_TITLES = ("Silt in the lower delta", "Silt in the lower delta basin", "Report 1 on tariffs",
           "Report 2 on tariffs", "Mud and reeds", None)


def _plain_scan(works: list[_Work], i: int, exact: dict[tuple, int]) -> _Work | None:
    later = works[i]
    numbers, doi = later.numbers, later.doi
    if i <= _MAX_PAIRWISE:
        return next((w for w in works[:i] if (w.numbers == numbers or doi and w.doi) and _same_work(w, later)),
                    None)
    first = i
    for key in later.keys:
        first = min(first, exact.get(key, i))
    for j in range(i - _MAX_PAIRWISE, first):
        w = works[j]
        if (w.numbers == numbers or doi and w.doi) and _same_work(w, later):
            return w
    return works[first] if first < i else None


def _entry(i: int, rng: random.Random) -> ReferenceEntry:
    title = rng.choice(_TITLES)
    doi = rng.choice((None, None, None, "10.5555/mud.1", "10.5555/mud.2"))
    surname = rng.choice(("Hale", "Hale2"))
    text = f"{surname}, A. (2017). {title or 'Untitled'}. Delta Press."
    return ReferenceEntry(id=f"r{i}", start=0, end=len(text), text=text, authors=(Author(surname=surname),),
                          year="2017", title=title, doi=doi)


@pytest.mark.parametrize("seed", range(4))
def test_indexed_search_names_the_entry_the_plain_scan_names(seed: int) -> None:
    rng = random.Random(seed)
    works = [_Work(_entry(i, rng)) for i in range(2 * _MAX_PAIRWISE + 60)]
    exact: dict[tuple, int] = {}
    by_numbers: dict[tuple[str, ...], list[int]] = defaultdict(list)
    with_doi: list[int] = []
    found = []
    for i, later in enumerate(works):
        indexed = _first_same_work(works, i, exact, by_numbers, with_doi)
        plain = _plain_scan(works, i, exact)
        found.append((later.entry.id, indexed and indexed.entry.id, plain and plain.entry.id))
        for key in later.keys:
            exact.setdefault(key, i)
        by_numbers[later.numbers].append(i)
        if later.doi:
            with_doi.append(i)
    assert [(i, a) for i, a, _ in found] == [(i, b) for i, _, b in found]
    # the lists hold entries found inside the window, past it, and none at all
    assert any(a for i, a, _ in found[:_MAX_PAIRWISE]) and any(a for i, a, _ in found[_MAX_PAIRWISE + 1:])
    assert any(a is None for _, a, _ in found)
