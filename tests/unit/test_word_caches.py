"""The word caches hold the words that come back, never every word a long run meets.

A worker audits document after document: caches keyed by words (stems, word families, content
keys, slip keys) met some 1.5 new names a document each, and grew with the corpus until their
65,536 entries were full (78 MB for the slip keys alone). Each is now bounded to what a batch of
documents asks for again.
"""

from __future__ import annotations

from factcheck.claims import clauses
from factcheck.config import Settings
from factcheck.documents.model import Document
from factcheck.pipeline import audit_document
from factcheck.text import lexicon, slipkeys


def made_up_names(count: int) -> list[str]:
    """``count`` distinct made-up place names, none of them a word of the lexicon."""
    syllables = "bal cor dun fel gar hul jor kem lin mor".split()
    names = []
    for number in range(count):
        digits = f"{number:05d}"
        names.append("".join(syllables[int(d)] for d in digits) + "wick")
    return names


def test_the_word_caches_stay_within_their_bound_and_keep_the_recent_words() -> None:
    names = made_up_names(lexicon.WORDS_CACHED + 500)
    for name in names:
        clauses._content_key(name.lower())
        lexicon.family(name)
        clauses.stem(name)
    for cached in (clauses._content_key, lexicon.family, clauses.stem):
        info = cached.cache_info()
        assert info.maxsize == lexicon.WORDS_CACHED
        assert info.currsize == lexicon.WORDS_CACHED
    # The latest word is held (asked again, a hit); the first one was let go (a miss).
    hits = lexicon.family.cache_info().hits
    assert lexicon.family(names[-1]) == names[-1].casefold()
    assert lexicon.family.cache_info().hits == hits + 1
    misses = lexicon.family.cache_info().misses
    lexicon.family(names[0])
    assert lexicon.family.cache_info().misses == misses + 1


def test_the_slip_keys_cache_starts_afresh_at_its_bound() -> None:
    names = made_up_names(slipkeys.KEYS_HELD + 10)
    for name in names:
        slipkeys.keys_of(name)
        assert len(slipkeys._KEYS) <= slipkeys.KEYS_HELD
    assert names[-1] in slipkeys._KEYS
    assert names[0] not in slipkeys._KEYS
    own, looked_up = slipkeys._KEYS[names[-1]]
    assert own[0] == "".join(sorted(names[-1]))
    assert looked_up[0] == own[0]


def test_auditing_document_after_document_of_new_names_keeps_the_slip_keys_bounded(monkeypatch) -> None:
    """Documents like an archive's: each names places no other does (the bound made small here)."""
    monkeypatch.setattr(slipkeys, "KEYS_HELD", 64)
    slipkeys._KEYS.clear()
    names = [name.capitalize() for name in made_up_names(3 * 60)]
    settings = Settings()
    for number in range(60):
        a, b, c = names[3 * number:3 * number + 3]
        text = (f"Report on {a}\n\nThe new bridge at {a} was completed in March 1999. The {b} "
                f"council was founded in 1901 by local families. Merchants of {c} shipped 4,500 "
                f"tonnes of salt through the harbour. The harbour of {a} is busy; the harbour master "
                f"says the harbour needs dredging, and the harbour board agrees.\n")
        audit_document(Document(path=f"doc{number}.txt", text=text, format="text"), settings)
        assert len(slipkeys._KEYS) <= 64
    held = set(slipkeys._KEYS)
    # What the last documents asked for: the words every document has, and the names the last
    # one writes once (its council's and its merchants' places); the first documents' are gone.
    assert {"harbour", "bridge", "merchants"} <= held
    assert {name.casefold() for name in names[-2:]} <= held
    assert not {name.casefold() for name in names[:3]} & held
