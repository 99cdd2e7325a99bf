"""Whether a word is in an English dictionary: pyspellchecker's word list (some 160,000 words).

SPL001 asks it of a rare word one letter longer or shorter than a frequent one: "width" beside
"with", "thorough" beside "through", "sequencers" beside "sequences" are words, not slips. The
list is read once per process, and only by a document that has such a word (0.17 s here, some
29 MB of RSS).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from spellchecker import SpellChecker  # here: most documents never ask

    # The words alone, the checker and its counts dropped: 29 MB of RSS instead of 39.
    return frozenset(SpellChecker(language="en").word_frequency.dictionary)


def is_english_word(folded: str) -> bool:
    """Whether ``folded`` (lower case) is a word of the dictionary."""
    return folded in _dictionary()
