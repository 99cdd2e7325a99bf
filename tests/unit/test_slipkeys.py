"""The slip keys find every spelling that ``edit_kind`` trusts, and never the word itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.slipkeys import Neighbours
from factcheck.text.typos import edit_kind

words = st.text(alphabet="abcdeilnorst", min_size=4, max_size=14)


@st.composite
def slipped(draw):
    """A word and the word after one slip of any kind (trusted or not, anywhere in the word)."""
    word = draw(words)
    i = draw(st.integers(0, len(word) - 1))
    j = draw(st.integers(0, len(word) - 1))
    letter = draw(st.sampled_from("aeinrst"))
    kind = draw(st.sampled_from(["transpose", "swap", "insert", "delete", "double", "replace"]))
    if kind == "transpose" and i + 1 < len(word):
        other = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    elif kind == "swap":
        chars = list(word)
        chars[i], chars[j] = chars[j], chars[i]
        other = "".join(chars)
    elif kind == "insert":
        other = word[:i] + letter + word[i:]
    elif kind == "delete":
        other = word[:i] + word[i + 1:]
    elif kind == "double":
        other = word[:i] + word[i] + word[i:]
    else:
        other = word[:i] + letter + word[i + 1:]
    return word, other


@settings(max_examples=1500, deadline=None)
@given(slipped(), st.lists(words, max_size=6))
def test_every_trusted_slip_is_found(pair, others) -> None:
    word, spelling = pair
    found = Neighbours([spelling, *others]).near([word]).get(word, set())
    assert word not in found
    if edit_kind(word, spelling) is not None:
        assert spelling in found


@settings(max_examples=300, deadline=None)
@given(st.lists(words, min_size=1, max_size=12))
def test_a_word_of_the_pool_is_not_its_own_neighbour(pool) -> None:
    near = Neighbours(pool).near(pool)
    for word, found in near.items():
        assert word not in found
        assert found, "a word listed has a neighbour"
        assert any(sorted(w) == sorted(word) or abs(len(w) - len(word)) == 1 for w in found)
