"""``find._unique`` against its plain definition: sort by place and priority, drop a citation that
reads the same words as one kept, or that a higher-priority style's span overlaps, or that lies
inside a longer one kept."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.citations.find import _PRIORITY, _unique
from factcheck.citations.model import Citation


def _plain_unique(found: list[dict]) -> list[Citation]:
    # The definition: one set of every kept citation's words, a key made for each.
    def order(c):
        return c["start"], _PRIORITY.get(c["style"], 3), -c["end"], c.get("number") or 0

    unique, seen, claimed = [], set(), []
    for c in sorted(found, key=order):
        key = (c["style"], c["start"], c["end"], c.get("number"), c.get("year"), c.get("title"), c.get("authors"))
        if key in seen:
            continue
        priority = _PRIORITY.get(c["style"], 3)
        if any(s < c["end"] and c["start"] < e and other != c["style"] and _PRIORITY.get(other, 3) < priority
               for s, e, other in claimed[-8:]):
            continue
        if any(s <= c["start"] and c["end"] <= e and (s, e) != (c["start"], c["end"]) for s, e, _ in claimed[-8:]):
            continue
        seen.add(key)
        claimed.append((c["start"], c["end"], c["style"]))
        fields = {k: v for k, v in c.items() if k != "abbreviation"}
        unique.append(Citation(id=f"k{len(unique) + 1}", **fields))
    return unique


_citation = st.builds(
    lambda style, start, length, number, year, authors, text: {
        "style": style, "kind": None, "start": start, "end": start + length, "text": text, "number": number,
        "year": year, "authors": authors},
    st.sampled_from(["author-year", "numeric", "note", "pandoc", "attribution"]), st.integers(0, 12),
    st.integers(1, 6), st.sampled_from([None, 1, 2]), st.sampled_from([None, "2017", "2019a"]),
    st.sampled_from([(), ("Hale",), ("Vale", "Orrin")]), st.sampled_from(["[1]", "Hale, 2017"]))


@settings(max_examples=500, deadline=None)
@given(st.lists(_citation, max_size=14))
def test_unique_keeps_what_its_definition_keeps(found):
    # Many share a start (starts 0-12), repeat one another word for word, overlap and nest.
    expected = _plain_unique([dict(c) for c in found])
    assert _unique([dict(c) for c in found]) == expected


def test_a_citation_read_twice_is_kept_once_and_a_nested_one_dropped():
    found = [{"style": "numeric", "kind": "bracket", "start": 4, "end": 7, "text": "[2]", "number": 2},
             {"style": "numeric", "kind": "bracket", "start": 4, "end": 7, "text": "[2]", "number": 2},
             {"style": "numeric", "kind": "bracket", "start": 4, "end": 7, "text": "[2]", "number": 3},
             {"style": "author-year", "kind": "parenthetical", "start": 20, "end": 31, "text": "Hale, 2017",
              "authors": ("Hale",), "year": "2017"},
             {"style": "author-year", "kind": "parenthetical", "start": 22, "end": 26, "text": "le, ",
              "authors": ("Le",), "year": "2017"}]
    kept = _unique(found)
    assert [(c.id, c.start, c.end, c.number, c.text) for c in kept] == [
        ("k1", 4, 7, 2, "[2]"), ("k2", 4, 7, 3, "[2]"), ("k3", 20, 31, None, "Hale, 2017")]
