"""Quantities: what is one, its normalized value and unit, hedges and broken groupings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.numbers import find_numbers, uses_indian_grouping


def found(text: str) -> list[tuple[str, float, str | None, str, bool, bool]]:
    return [(n.text, n.value, n.unit, n.normalized, n.approximate, n.malformed) for n in find_numbers(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Veloria spent $3.8 billion on the quay.", [("$3.8 billion", 3.8e9, "USD", "3800000000", False, False)]),
        ("It received over \\$3.8 billion in loans.", [("\\$3.8 billion", 3.8e9, "USD", "3800000000", True, False)]),
        ("Some 1.9 million tonnes moved.", [("1.9 million", 1.9e6, "tonnes", "1900000", True, False)]),
        ("About 190, 000 dockers joined.", [("190, 000", 190000.0, "dockers", "190000", True, True)]),
        ("Nearly 190,000 dockers joined.", [("190,000", 190000.0, "dockers", "190000", True, False)]),
        ("Fees rose 40 percent.", [("40 percent", 40.0, "percent", "40", False, False)]),
        ("Fees rose 40 per cent.", [("40 per cent", 40.0, "percent", "40", False, False)]),
        ("Fees rose 40%.", [("40%", 40.0, "percent", "40", False, False)]),
        ("Depth grew by 3..8 metres.", [("3..8", 3.8, "metres", "3.8", False, True)]),
        ("A loan of £5m and €2 bn arrived.", [("£5m", 5e6, "GBP", "5000000", False, False),
                                               ("€2 bn", 2e9, "EUR", "2000000000", False, False)]),
        ("It cost two million dollars.", [("two million dollars", 2e6, "USD", "2000000", False, False)]),
        ("More than 100 companies and 75 fighters came.", [("100", 100.0, "companies", "100", True, False),
                                                           ("75", 75.0, "fighters", "75", False, False)]),
        ("They run 42 representative offices abroad.", [("42", 42.0, "offices", "42", False, False)]),
        ("Roughly 3,000 Afghan people crossed.", [("3,000", 3000.0, "people", "3000", True, False)]),
        ("It was split into three contingents.", [("three", 3.0, "contingents", "3", False, False)]),
        ("The crew worked for approximately four years.", [("four", 4.0, "years", "4", True, False)]),
        ("A 20-year lease was signed.", [("20", 20.0, "year", "20", False, False)]),
    ],
)
def test_quantities(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The quay opened in 2021 and closed on 4 March 2023.",
        "The berth was dredged in the 1990s and again in mid-2022.",
        "Dredging resumed.[3] It stopped.[12]",
        "See Harbour Report N°320 and Resolution 2593.",
        "See p. 12, pp. 3-4 and vol. 16, no. 5 of the survey.",
        "As Section 3 and Table 2 explain, the 4th berth is shallow.",
        "The ship docked at 2:34pm, not 2.28pm, after the 9/11 alarm.",
        "Code R45122 and COVID-19 rules applied (Varn, 2020a).",
        "Version 2.5.1 of the tide tables was used.",
        "One berth and a crane were idle.",
    ],
)
def test_labels_and_dates_are_not_quantities(text: str) -> None:
    assert found(text) == []


def test_dates_passed_in_are_skipped_and_others_found() -> None:
    text = "In 2021 some 2000 troops guarded the quay."
    assert [n.text for n in find_numbers(text)] == ["2000"]
    assert [n.text for n in find_numbers(text, dates=[])] == ["2021", "2000"]


def test_range_of_text_is_respected() -> None:
    text = "First 10 cranes. Then 20 cranes."
    start = text.index("Then")
    assert [(n.text, n.start) for n in find_numbers(text, start)] == [("20", start + 5)]


def test_indian_grouping() -> None:
    consistent = "The port handled 1,90,000 tonnes and 12,50,000 tonnes."
    assert uses_indian_grouping(consistent)
    assert [n.malformed for n in find_numbers(consistent)] == [False, False]
    mixed = "The port handled 1,90,000 tonnes and 250,000 tonnes."
    assert not uses_indian_grouping(mixed)
    assert [n.malformed for n in find_numbers(mixed)] == [True, False]
    assert find_numbers(mixed)[0].value == 190000


def test_list_of_small_numbers_is_not_joined() -> None:
    assert [n.text for n in find_numbers("Berths 3, 4, 500 and 6 were closed.")] == ["3", "4", "500", "6"]


_ALPHABET = st.sampled_from(list("0123456789 ,.%$£\\-[]:/abc") + [" million", " per cent", "about ", "N°", "p. ", " 000"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_number_spans_equal_their_text(text: str) -> None:
    previous = -1
    for n in find_numbers(text):
        assert 0 <= n.start < n.end <= len(text)
        assert text[n.start:n.end] == n.text
        assert n.start >= previous
        previous = n.start


def test_numbers_between_many_dates_are_found_and_the_dates_skipped() -> None:
    # The dates and the numbers are kept in two lists (inserting each number among the dates was
    # quadratic on a long source): a number is still found between dates, and a date's own digits
    # are still not read as numbers.
    text = "In May 2020 it cost $3 million and 45 ships; by June 2021, 12 more. " * 300
    found = find_numbers(text)
    assert [(n.text, n.unit, n.start % 68) for n in found] == [
        ("$3 million", "USD", 20), ("45", "ships", 35), ("12", None, 59)] * 300


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 400), st.integers(1, 30)), max_size=40),
       st.lists(st.tuples(st.integers(0, 400), st.integers(1, 30)), max_size=40),
       st.integers(0, 400), st.integers(1, 30))
def test_taken_spans_answer_as_one_sorted_list(dates, numbers, start, length) -> None:
    from bisect import bisect_left, insort

    from factcheck.text.numbers import _Taken

    dated = sorted((s, s + n) for s, n in dates)
    taken, merged = _Taken(list(dated)), list(dated)
    for s, n in numbers:
        taken.add(s, s + n)
        insort(merged, (s, s + n))
    i = bisect_left(merged, (start + length,))
    expected = any(merged[k][1] > start for k in range(max(0, i - 2), i))
    assert taken.overlaps(start, start + length) is expected


@pytest.mark.parametrize(("text", "numbers"), [
    # A decimal right after a name is its version, not a quantity.
    ("Chemiscope 1.0 turns the visualizer into a multi-purpose tool.", []),
    ("Tests ran on Ubuntu Linux 22.04 with 128 GB of memory.", ["128"]),
    ("The development of Velmor 2.0 was funded by the foundation.", []),
    # Not after a name: a sentence's opening word, a determiner, a currency code.
    ("About 2.5 tonnes of silt were removed.", ["2.5"]),
    ("The 2.5 metre wall was raised.", ["2.5"]),
    ("Fees rose to USD 2.5 a tonne.", ["USD 2.5"]),
    # After a name, but a scale, percent or currency follows: a quantity.
    ("Ruritania 2.5 million people voted.", ["2.5 million"]),
    ("Ruritania 2.5% of the vote went blank.", ["2.5%"]),
    # ... or a measure: a quantity after a place or a sentence's first word.
    ("In Madrid 41.5 mm of rain fell.", ["41.5"]),
    ("Mount Everest 8.8 km high is the summit.", ["8.8"]),
    ("Measuring 2.5 metres across, the gate was raised.", ["2.5"]),
    ("Weighing 3.5 tonnes, the buoy sank.", ["3.5"]),
])
def test_a_decimal_after_a_name_is_a_version(text, numbers):
    assert [mention.text for mention in find_numbers(text)] == numbers
