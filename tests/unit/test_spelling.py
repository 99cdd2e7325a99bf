"""SPL001's pieces: the document's word index, word families, typing slips, trusted spellings."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.lexicon import build_index, family, load_lexicon
from factcheck.text.typos import edit_kind, find_misspellings
from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document


def index_of(text: str, references: list[tuple[int, int]] | None = None):
    return build_index(text, [(0, len(text))], references or [])


def slips(text: str, lexicon: dict[str, str] | None = None) -> dict[str, str]:
    return {w: m.suggestion for w, m in find_misspellings(index_of(text), lexicon).items()}


# -- the index ---------------------------------------------------------------------------------


def test_index_counts_words_and_skips_what_is_not_prose() -> None:
    text = ("The Orlinsk dam (see https://orlinsk.example/Orlinsk-dam, mail dam_office@orlinsk.example "
            "or @OrlinskDam) holds R45122 and 2020a; the Orlinsk-Kestova canal is Orlinsk’s.")
    index = index_of(text)
    assert index.count["orlinsk"] == 3  # "Orlinsk", "Orlinsk-Kestova", "Orlinsk’s"
    assert "https" not in index.count and "example" not in index.count and "orlinskdam" not in index.count
    assert "r" not in index.count and "a" not in index.count  # glued to digits
    for token in index.tokens:
        assert text[token.start:token.end] == token.text


def test_index_knows_the_reference_list_names_and_case() -> None:
    text = "Regional officials met in Kestova. regional trade grew.\n\nHalloran, P. (2021). Kestova."
    ref_start = text.index("Halloran")
    index = index_of(text, [(ref_start, len(text))])
    assert "halloran" in index.in_references and "officials" not in index.in_references
    assert index.is_name("Kestova") and not index.is_name("Regional")
    assert index.surface["kestova"] == "Kestova"


@pytest.mark.parametrize("word, key", [
    ("relationships", "relation"), ("relationship", "relation"), ("relations", "relation"),
    ("Iranians", "iran"), ("Iranian", "iran"), ("politically", "politic"), ("political", "politic"),
    ("states", "state"), ("Staters", "stater"), ("countries", "country"), ("Khorasan", "khorasan"),
])
def test_family(word: str, key: str) -> None:
    assert family(word) == key


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Orlinsk", " ", "dam", "-", "’s", "2020", "a", "@x", "_y", "https://e.x/z",
                                 "\n\n", "Kestova", ".", "é", "KESTOVA"]), max_size=40).map("".join))
def test_tokens_are_exact_spans_of_the_text(text: str) -> None:
    index = index_of(text)
    assert sum(index.count.values()) == len(index.tokens)
    for token in index.tokens:
        assert text[token.start:token.end] == token.text and token.text.isalpha()


# -- typing slips ------------------------------------------------------------------------------


@pytest.mark.parametrize("word, cand, edit", [
    ("afghansitan", "afghanistan", "transposed letters"),
    ("strati", "strait", "transposed letters"),
    ("afghnasitan", "afghanistan", "swapped letters"),
    ("khosaran", "khorasan", "swapped letters"),
    ("rrelationship", "relationship", "a doubled letter"),
    ("politcal", "political", "a missing letter"),
    ("staters", "states", "an extra letter"),
    # how legitimate words and names differ: quiet
    ("tarik", "tariq", None), ("uighur", "uyghur", None), ("feeling", "fleeing", None),
    ("khanna", "khan", None), ("ahmadi", "ahmad", None), ("latter", "later", None),
    ("massoud", "masoud", None), ("neighboring", "neighbouring", None), ("judgment", "judgement", None),
    ("relationship", "rrelationship", None), ("strait", "sstrait", None),
])
def test_edit_kind(word: str, cand: str, edit: str | None) -> None:
    assert edit_kind(word, cand) == edit


# -- trusted spellings -------------------------------------------------------------------------

BASIN = ("The Orlinsk dam holds the water of the Marrow basin. The Orlinsk dam releases it in spring. "
         "The Orlinsk dam traps the silt, and the Orlinsk dam's gates open in May. ")


def test_a_transposed_name_among_frequent_ones() -> None:
    assert slips(BASIN + "Farmers below the Orlisnk dam wait.") == {"orlisnk": "Orlinsk"}


def test_rare_spellings_need_a_dominant_trusted_one() -> None:
    text = "The Orlinsk dam holds water. The Orlinsk dam releases it. Farmers below the Orlisnk dam wait."
    assert slips(text) == {}  # two against one: which is right?


def test_quiet_on_inflections_short_words_acronyms_and_variants() -> None:
    text = BASIN + ("The dams hold water; the Orlinsk’s gates opened. The mdoe of the UNSECO plan is "
                    "ORLISNK. Tarik Khanna met Tariq Khan, Tariq Khan and Tariq Khan and Tariq Khan.")
    assert slips(text) == {}


def test_weak_slips_need_a_long_word_or_shared_context() -> None:
    text = ("The provinces agreed. The provinces signed. The provinces paid. The provinces met. "
            "The provinces voted. The upper provnces refused. The party was right. Rain fell partly in "
            "May, partly in June, partly in July, partly at night and partly at dawn.")
    assert slips(text) == {"provnces": "provinces"}  # "party" is a word of its own


def test_a_letter_added_or_dropped_that_makes_a_dictionary_word_is_that_word() -> None:
    """"width" is "with" and a letter, beside it in the same context, and a word: not a slip (it
    was flagged); "wilth", the same slip making no word, still is."""
    context = ("The channel with the float was read. The channel with the logger was read. A channel with a "
               "torch was read. The channel with gloves was read. The channel with boats was read. ")
    assert slips(context + "The channel width varies along the reach.") == {}
    assert slips(context + "The channel wilth varies along the reach.") == {"wilth": "with"}


def test_lexicon_words_are_trusted_and_never_flagged() -> None:
    text = "Farmers below the Orlisnk dam wait. The Kestvoa estuary silts up."
    lexicon = {"orlinsk": "Orlinsk", "kestvoa": "Kestvoa"}
    assert slips(text, lexicon) == {"orlisnk": "Orlinsk"}


def test_a_reference_list_word_vouches_for_a_body_word_in_the_same_context() -> None:
    text = "Tankers avoid the Strati of Hormuz.\n\nKilian, L. (2026). The Strait of Hormuz and oil."
    ref = text.index("Kilian")
    found = find_misspellings(index_of(text, [(ref, len(text))]))
    assert {w: m.suggestion for w, m in found.items()} == {"strati": "Strait"}
    assert found["strati"].evidence == "in the reference list"


def test_a_slip_cannot_vouch_for_another() -> None:
    text = ("The Kestova estuary silts up. Kestova fishermen, Kestova boats, Kestova nets. The Kestvao "
            "estuary.\n\nHalloran, P. (2021). The Kestvoa estuary.")
    ref = text.index("Halloran")
    found = find_misspellings(index_of(text, [(ref, len(text))]))
    # "Kestvoa" (in the list) is itself a slip of "Kestova": it cannot vouch for "Kestvao".
    assert {w: m.suggestion for w, m in found.items()} == {"kestvoa": "Kestova"}


# -- the rule ----------------------------------------------------------------------------------


def test_rule_reports_every_occurrence_with_the_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "basin.md"
    path.write_text("# Storage\n\n" + BASIN + BASIN + "Below the Orlisnk dam, and the Orlisnk weir.\n",
                    encoding="utf-8")
    result = audit_document(load_document(path), Settings(select=("SPL001",)))
    assert [(f.excerpt, f.suggestion) for f in result.findings] == [("Orlisnk", "Orlinsk")] * 2
    assert "transposed letters" in result.findings[0].message


def test_rule_reads_the_lexicon_setting(tmp_path: Path) -> None:
    lexicon = tmp_path / "names.txt"
    lexicon.write_text("# house names\nOrlinsk\nKestvoa\n", encoding="utf-8")
    path = tmp_path / "basin.md"
    path.write_text("# Storage\n\nFarmers below the Orlisnk dam wait. The Kestvoa estuary silts up.\n",
                    encoding="utf-8")
    result = audit_document(load_document(path), Settings(select=("SPL001",), lexicon=str(lexicon)))
    assert [(f.excerpt, f.suggestion) for f in result.findings] == [("Orlisnk", "Orlinsk")]
    assert load_lexicon(str(lexicon)) == {"orlinsk": "Orlinsk", "kestvoa": "Kestvoa"}
