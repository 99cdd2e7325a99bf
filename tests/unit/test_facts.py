"""Fact statements, same-fact matching, precision-aware agreement and conflict blame (DATE001/NUM001)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.dates import find_dates
from factcheck.claims.fact_index import MAX_BUCKET, FactIndex
from factcheck.claims.facts import statements_of, stem
from factcheck.text.numbers import find_numbers
from factcheck.documents.model import Document
from factcheck.pipeline import extract
from factcheck.claims.fact_values import dates_agree, granularity, numbers_agree
from factcheck.claims.conflicts import find_conflicts, same_fact


def statements(text: str):
    extraction = extract(Document(path="t.md", format="md", text=text))
    return [s for claim in extraction.claims for s in statements_of(claim)]


def one(text: str, value: str):
    """The statement of ``value`` in a one-paragraph text."""
    found = [s for s in statements(text) if s.text == value]
    assert len(found) == 1, (value, [s.text for s in statements(text)])
    return found[0]


def date(text: str):
    return next(find_dates(text))


def number(text: str):
    return find_numbers(text)[0]


def conflicts(text: str):
    return [(c.statement.text, [o.text for o in c.others]) for c in find_conflicts(statements(text))]


# Keys ------------------------------------------------------------------------------------------

def test_light_stemming_joins_forms_of_a_word():
    assert stem("completed") == stem("completion") == stem("complete") == stem("completes")
    assert stem("dams") == stem("dam")
    assert stem("Harlow’s") == "harlow"
    assert stem("exports") != stem("imports")


def test_statement_words_drop_stopwords_the_value_and_reporting():
    s = one("The northern dam was completed in 2012, the ministry said.", "2012")
    assert s.kind == "date" and s.role == "actual"
    assert s.words == {"northern", "dam", "complet"}
    assert "2012" not in s.phrase


def test_other_values_of_the_clause_are_exact_tokens():
    s = one("The flood of March 2019 displaced 190,000 people across the Vell basin.", "190,000")
    assert s.values == {"#y2019"}
    assert s.role == "peopl actual"


def test_planned_and_actual_roles():
    assert one("The Harlow bridge was to be completed in 2020.", "2020").role == "planned"
    assert one("The Harlow bridge was scheduled for completion in 2020.", "2020").role == "planned"
    assert one("The Harlow bridge was completed in August 2021.", "August 2021").role == "actual"
    assert one("The authority will irrigate 40,000 hectares of farmland by 2030.", "40,000").role.endswith("planned")


def test_negated_speculative_and_relational_dates_state_nothing():
    for sentence in ("The Harlow bridge was not completed in 2020 as hoped.",
                     "The Harlow bridge may have been completed in 2020 after all.",
                     "The Harlow bridge was completed before 2020 by the river board.",
                     "By 2020 the Harlow bridge carried most of the valley traffic."):
        assert statements(sentence) == [], sentence


def test_a_year_qualifying_a_percentage_is_a_period_not_an_event():
    kinds = [s.kind for s in statements("Grain exports through the port of Andrin rose 12 percent in 2021.")]
    assert kinds == ["number"]


def test_a_dateline_states_no_event():
    assert statements("Crisis Group interviews with regional diplomats, Kabul, October 2022.") == []
    assert statements("The harbour board report on silting, Andrin Gazette, 19 June 2022 [Vell].") == []


def test_a_note_states_its_sources_not_facts():
    claim = extract(Document(path="t.md", format="md", text=FERRY.format(1996) + "\n")).claims[0]
    assert statements_of(claim) != []
    assert statements_of(claim.model_copy(update={"region": "note"})) == []


def test_a_relative_clause_does_not_cut_the_main_clause():
    s = one("In 1999 the Vell ferry between Andrin and Harlow, which had started in 1998, ran hourly.", "1999")
    assert {"ran", stem("hourly")} <= s.words


# Same fact -------------------------------------------------------------------------------------

def test_a_verbatim_sentence_is_the_same_fact():
    a = one("The Vell ferry service between Andrin and Harlow started in 1996.", "1996")
    b = one("The Vell ferry service between Andrin and Harlow started in 1998.", "1998")
    assert same_fact(a, b)


def test_a_substituted_word_makes_another_fact():
    a = one("The northern dam on the river was completed in 2012.", "2012")
    b = one("The southern dam on the river was completed in 2015.", "2015")
    assert not same_fact(a, b)
    a = one("Grain exports through the port of Andrin rose 12 percent in 2021.", "12 percent")
    b = one("Grain imports through the port of Andrin rose 8 percent in 2021.", "8 percent")
    assert not same_fact(a, b)


def test_planned_is_not_actual():
    a = one("The new Harlow bridge was to be completed in 2020.", "2020")
    b = one("The new Harlow bridge was completed in August 2021.", "August 2021")
    assert not same_fact(a, b)


def test_two_events_sharing_a_year_are_not_one_fact():
    a = one("The Andrin lighthouse was first lit in 1894 by the harbour board.", "1894")
    b = one("The Harlow lighthouse was first lit in 1902 by the harbour board.", "1902")
    assert not same_fact(a, b)  # a name stands in for another


def test_a_clause_about_something_named_before_states_no_fact_to_compare():
    """Under two headings, or in two documents, "Its first phase opened in ..." may be about two
    things: nothing in the clause says which, so it is not compared (it was a DATE001 error)."""
    text = ("# Velmor dam\n\nThe Velmor dam was planned for a decade. Its first phase opened in 2019 after delays.\n\n"
            "# Ardley dam\n\nThe Ardley dam was planned for a decade. Its first phase opened in 2021 after delays.\n")
    assert [s.text for s in statements(text)] == []
    assert conflicts(text) == []
    # Named, the same clause is a statement, and two of them conflict.
    named = ("# Dams\n\nThe Velmor dam's first phase opened in 2019 after delays.\n\n"
             "Records show the Velmor dam's first phase opened in 2021 after delays.\n")
    assert [s.text for s in statements(named)] == ["2019", "2021"]
    assert conflicts(named) == [("2021", ["2019"])]  # the later one, against the earlier


def test_an_extra_name_makes_another_fact():
    a = one("The old stone dam on the river was completed in 2012.", "2012")
    b = one("The old stone Harlow dam on the river was completed in 2014.", "2014")
    assert not same_fact(a, b)


def test_a_different_year_in_the_clause_makes_another_fact():
    a = one("Grain exports through the port of Andrin rose 12 percent in 2021.", "12 percent")
    b = one("Grain exports through the port of Andrin rose 9 percent in 2022.", "9 percent")
    assert not same_fact(a, b)


def test_a_word_added_inside_qualifies_the_subject():
    a = one("The museum was founded in 1950 by the town council.", "1950")
    b = one("The museum library was founded in 1962 by the town council.", "1962")
    assert not same_fact(a, b)


def test_a_word_added_next_to_the_subject_qualifies_it():
    a = one("The bridge over the Vell was completed in 1890 by the county.", "1890")
    b = one("The new bridge over the Vell was completed in 2015 by the county.", "2015")
    assert not same_fact(a, b)


def test_a_word_added_at_the_edge_is_context():
    a = one("The northern dam was completed in 2012 after years of delay.", "2012")
    b = one("The northern dam was completed in 2014, the ministry said.", "2014")
    assert same_fact(a, b)


def test_again_is_another_event():
    a = one("President Olsen visited Harlow in March 2022.", "March 2022")
    b = one("President Olsen visited Harlow again in March 2023.", "March 2023")
    assert not same_fact(a, b)


def test_spelling_variants_still_match():
    a = one("The Threkled survey of the Vell basin counted 3,400 wells.", "3,400")
    b = one("The Threkkled survey of the Vell basin counted 3,900 wells.", "3,900")
    assert same_fact(a, b)


def test_two_common_spellings_are_two_names_not_a_typo():
    a = one("The Threkled survey of the Vell basin counted 3,400 wells.", "3,400")
    b = one("The Threkkled survey of the Vell basin counted 3,900 wells.", "3,900")
    assert not same_fact(a, b, rare=lambda word: False)


# Agreement -------------------------------------------------------------------------------------

def test_dates_agree_when_their_days_overlap():
    assert dates_agree(date("in March 2026"), date("on 20 March 2026"))
    assert dates_agree(date("in 2021"), date("in August 2021"))
    assert dates_agree(date("in late 2022"), date("in October 2022"))
    assert dates_agree(date("in the 1990s"), date("in 1994"))
    assert not dates_agree(date("in late 2022"), date("in March 2022"))
    assert not dates_agree(date("in March 2019"), date("in April 2019"))
    assert not dates_agree(date("in 2012"), date("in 2014"))
    assert dates_agree(date("in 2012"), date("in 2013"), "about")


def test_a_range_is_compared_only_with_a_range():
    assert dates_agree(date("from 2001 to 2021"), date("in 2001")) is None
    assert dates_agree(date("from 2001 to 2021"), date("between 2001 and 2021"))
    assert dates_agree(date("from 2001 to 2021"), date("from 2001 to 2001")) is False


def test_numbers_agree_as_written():
    assert numbers_agree(number("1.9 million cattle"), number("1,900,000 cattle"))
    assert numbers_agree(number("1.9 million cattle"), number("1,894,000 cattle"))
    assert numbers_agree(number("about 190,000 people"), number("190,000 people"), "about")
    assert numbers_agree(number("about 190,000 people"), number("200,000 people"), "about")
    assert numbers_agree(number("12 percent"), number("12.4 percent"))
    assert numbers_agree(number("6,000 militants"), number("6,000 militants"), "lower", "upper")
    assert not numbers_agree(number("about 190,000 people"), number("240,000 people"), "about")
    assert not numbers_agree(number("12 percent"), number("13 percent"))
    assert not numbers_agree(number("100 boats"), number("150 boats"))
    assert not numbers_agree(number("3 dams"), number("4 dams"))
    assert not numbers_agree(number("1.9 million cattle"), number("2.6 million cattle"))


def test_granularity_reads_how_a_number_is_rounded():
    assert granularity(number("1.9 million")) == 100_000
    assert granularity(number("190,000 people")) == 10_000
    assert granularity(number("12 percent")) == 1
    assert granularity(number("3.25 percent")) == 0.01


# Conflicts -------------------------------------------------------------------------------------

FERRY = "The Vell ferry service between Andrin and Harlow started in {}."


def test_a_copied_sentence_with_a_changed_value_is_one_conflict_on_the_later():
    text = f"{FERRY.format(1996)} Timetables were printed weekly.\n\n{FERRY.format(1998)}\n"
    assert conflicts(text) == [("1998", ["1996"])]


def test_the_odd_one_out_is_blamed_even_when_it_comes_first():
    restated = "Records show that t" + FERRY.format(1998)[1:]
    text = f"{FERRY.format(1996)}\n\n{FERRY.format(1998)}\n\n{restated}\n"
    assert conflicts(text) == [("1996", ["1998"])]  # one related place per document and value


def test_consistent_restatements_and_near_twins_are_quiet():
    text = ("The northern dam on the river was completed in 2012. The southern dam on the river was "
            "completed in 2015. The Harlow bridge was to be completed in 2020. The Harlow bridge was "
            "completed in August 2021. The flood of March 2019 displaced about 190,000 people across "
            "the Vell basin.\n\nThe northern dam on the river was completed in 2012, the ministry said. "
            "The flood of 20 March 2019 displaced 190,000 people across the Vell basin.\n")
    assert conflicts(text) == []


def test_values_in_one_sentence_are_never_compared():
    assert conflicts("The Vell ferry carried 48,000 passengers in 2019 and 51,000 passengers in 2020.") == []


def test_the_index_compares_only_statements_sharing_rare_words():
    towns = [a + b for a in ("Ash", "Bel", "Cor", "Dun", "Eld", "Fal", "Gar", "Hol", "Ing", "Jor")
             for b in ("bury", "field", "mouth", "stead", "wick", "ham", "ley", "port", "croft", "combe",
                       "thorpe", "minster", "hithe", "worth", "haven", "gate", "bridge", "marsh", "dale", "moor")]
    text = "\n\n".join(f"The {t} water tower was completed in {1900 + n % 90}." for n, t in enumerate(towns))
    found = statements(text)
    assert len(found) == 200
    pairs = _pairs(FactIndex(found))
    assert len(pairs) < 20  # all pairs would be 19,900
    assert conflicts(text) == []


def test_candidate_pairs_are_every_pair_sharing_a_lookup_once():
    sentences = [FERRY.format(1990 + n % 4) for n in range(6)]
    sentences += [f"The {w} of Andrin on the Vell estuary was rebuilt in {1900 + n}." for n, w in enumerate(_WORDS)]
    sentences += ["The Threkled survey of the Vell basin counted 3,400 wells.",
                  "The Threkkled survey of the Vell basin counted 3,900 wells."]
    found = statements("\n\n".join(sentences))
    index = FactIndex(found)
    pairs = _pairs(index)
    expected = set()
    for n, s in enumerate(found):
        for word in index.lookups(n):
            members = index.bucket(s.kind, s.role, word)
            expected |= {(min(n, m), max(n, m)) for m in members if m != n and len(members) <= MAX_BUCKET}
    assert len(pairs) == len(set(pairs)) and set(pairs) == expected
    assert any({found[i].text, found[j].text} == {"3,400", "3,900"} for i, j in pairs)  # through a variant



def _pairs(index: FactIndex) -> list[tuple[int, int]]:
    """Each (lower, higher) pair of statement numbers ``FactIndex.candidates`` offers."""
    return [(min(n, m), max(n, m)) for n, others in index.candidates() for m in others]


_WORDS = ["harbour", "granary", "quarry", "tannery", "foundry", "brewery", "mill", "orchard",
          "chapel", "barracks", "school", "library", "market", "station"]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_WORDS), st.sampled_from(_WORDS), st.integers(1800, 1990), st.integers(1, 9))
def test_changed_year_conflicts_and_changed_subject_does_not(thing, other, year, shift):
    sentence = "The old {} of Andrin on the Vell estuary was rebuilt in {}."
    first = sentence.format(thing, year)
    assert conflicts(f"{first}\n\n{sentence.format(thing, year + shift)}\n") == [(str(year + shift), [str(year)])]
    if other != thing:
        assert conflicts(f"{first}\n\n{sentence.format(other, year + shift)}\n") == []


def test_a_claim_past_the_bound_states_what_its_scanned_part_states() -> None:
    # A "sentence" longer than MAX_CLAIM_CHARS has its values read in its first part, and so are
    # their clauses: its statements are those of that part alone, read as a sentence of its own
    # (with a full stop, or the layout takes a paragraph without one for a caption).
    from factcheck.claims.claimed_parts import MAX_CLAIM_CHARS, scan_end

    unit = "the pier held 7 cranes in May 2021 while the quay took 12 ships along the harbour wall, "
    text = "In short " + unit * (2 * MAX_CLAIM_CHARS // len(unit)) + "and so on [1]."
    scanned = text[:scan_end(text, 0, len(text))]
    assert len(scanned) < len(text)
    long_claim, = extract(Document(path="t.md", format="md", text=text)).claims
    part_claim, = extract(Document(path="t.md", format="md", text=scanned + ".")).claims
    found = [(s.text, s.start, s.sequence, s.names) for s in statements_of(long_claim)]
    assert found == [(s.text, s.start, s.sequence, s.names) for s in statements_of(part_claim)]
    assert {text for text, *_ in found} == {"7", "May 2021", "12"}
    assert max(start for _, start, *_ in found) < len(scanned)


def test_a_value_by_the_bound_is_read_without_the_words_past_it() -> None:
    from factcheck.claims.claimed_parts import MAX_CLAIM_CHARS, scan_end

    filler = "and the quay was calm "
    head = "In short " + filler * ((MAX_CLAIM_CHARS - 40) // len(filler)) + "the quay took 12 ships "
    text = head + "as Harbour Master Mira Olsen watched " + "the sea " * 400 + "[1]."
    bound = scan_end(text, 0, len(text))
    assert text.index("12 ships") < bound < text.index("Olsen")
    claim, = extract(Document(path="t.md", format="md", text=text)).claims
    statement, = statements_of(claim)
    assert (statement.text, statement.start) == ("12", text.index("12 ships"))
    assert "olsen" not in statement.names and "olsen" not in statement.sequence


def test_a_long_headline_with_a_value_past_the_bound_is_read(tmp_path) -> None:
    # A headline's dates and numbers are found in all of it (a sentence's only in its first part):
    # its statements are read up to the last of them, not cut at the bound under it (the audit
    # ended in an IndexError).
    from factcheck.config import Settings
    from factcheck.documents import load_document
    from factcheck.pipeline import audit_document

    path = tmp_path / "m.md"
    path.write_text("# Rates rose " + "x " * 5000 + "in 2020\n\nBody.\n", encoding="utf-8")
    result = audit_document(load_document(str(path)), Settings())
    headline = result.extraction.headline
    assert headline is not None and [d.text for d in headline.dates] == ["2020"]
    assert [(s.text, s.start, s.sequence) for s in statements_of(headline)] == [
        ("2020", headline.text.index("2020") + 2, ("rat", "ros", "", "#", "body"))]


def test_a_letter_whose_lower_case_is_longer_keeps_the_offsets():
    # "İ" lowers to two characters ("i̇"): the claim's lower-cased view was longer than its text,
    # and a word of the view was looked up in the text past its end (IndexError, found by the
    # fuzzing campaign on "İ İ 0:A0").
    from factcheck.text.mask import lower_keeping_offsets

    assert lower_keeping_offsets("İzmir İSTAT") == "izmir istat" and lower_keeping_offsets("ABC") == "abc"
    from factcheck.config import Settings
    from factcheck.pipeline import audit_document

    audited = audit_document(Document(path="t.txt", format="txt", text="İ İ 0:A0"), Settings())  # its headline read
    assert [(f.code, f.excerpt) for f in audited.findings] == []
    text = "İstanbul İzmir Ankara grew by 40 percent in 2020 said the İSTAT office."
    found = one(text, "40 percent")
    assert text[found.start:found.end] == "40 percent"
