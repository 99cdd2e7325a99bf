"""Figures compared across unit, scale and precision; the passages of a source a claim is checked against."""

from __future__ import annotations

import pytest

from factcheck.text.dates import find_dates
from factcheck.text.numbers import find_numbers
from factcheck.verify.passages import BM25, best_passages
from factcheck.verify.source_index import content_terms
from factcheck.text.measures import measure_after
from factcheck.verify.values import agree, can_compare, date_figure, number_figure, share_units


def number(text: str):
    mention = find_numbers(text)[0]
    return number_figure(mention, text, 0.1)


def date(text: str):
    return date_figure(next(iter(find_dates(text))))


@pytest.mark.parametrize("claim, source", [
    ("1.9 million people", "1,900,000 people"),  # scale
    ("1.9 million people", "1,894,000 people"),  # precision: rounded to the hundred thousand
    ("40 percent of arrivals", "a share of 0.4 of arrivals"),  # a percentage is a fraction
    ("40 per cent of arrivals", "40% of arrivals"),
    ("about 3,000 boats", "2,950 boats"),  # an estimate is within the tolerance
    ("more than 6,000 boats", "6,400 boats"),  # a lower bound
    ("12 miles of shore", "19.3 km of shore"),  # units converted
    ("3 square kilometres", "300 hectares"),
    ("23 managers", "twenty-three managers"),  # spelled out
    ("$3.8 billion", "3.8 billion"),  # the currency said elsewhere in the sentence
])
def test_numbers_that_agree(claim, source):
    assert agree(number(claim), number(source))


@pytest.mark.parametrize("claim, source", [
    ("52 percent of the total", "47 percent of the total"),  # a changed number
    ("12 miles of shore", "12 km of shore"),  # a changed unit
    ("$240 million", "€240 million"),  # a changed currency
    ("4 percent more", "4 percentage points more"),  # percent is not percentage points
    ("1,500 wells", "1,200 wells"),
    ("2.4 million cubic metres", "1,900,000 cubic metres"),
    ("200 yards", "200 metres"),  # the same numeral in another unit is a changed unit, not a conversion
    ("27 storm surges", "17 occasions"),  # "occasions" counts whatever the sentence is about
])
def test_numbers_that_conflict(claim, source):
    a, b = number(claim), number(source)
    assert can_compare(a, b) and not agree(a, b)


def test_a_bare_number_never_agrees_with_a_bound():
    assert not agree(number("from 6 in the 1980s"), number("above 2.5 metres"))
    assert agree(number("cost 3.8 billion"), number("$3.8 billion"))


def test_a_date_against_a_range():
    assert agree(date("in 2010"), date("between 2010 and 2017"))  # within
    assert not agree(date("between 2010 and 2017"), date("in 2010"))  # a range needs a range
    assert can_compare(date("since 1980"), date("between 1990 and 2018"))
    assert not agree(date("since 1980"), date("between 1990 and 2018"))


def test_counts_of_different_things_do_not_compare():
    assert not can_compare(number("340 divers"), number("2,950 boats"))
    assert not can_compare(number("12 km"), number("12 tonnes"))


@pytest.mark.parametrize("claim, source, agrees", [
    ("in March 2021", "in 2021", True),  # within
    ("on 3 May 2020", "in May 2020", True),
    ("between 2005 and 2022", "from 2005 to 2022", True),
    ("in 2019", "in 2018", False),  # a changed year
    ("in March 2021", "in April 2021", False),
    ("between 2005 and 2022", "from 2005 to 2021", False),
])
def test_dates(claim, source, agrees):
    assert agree(date(claim), date(source)) is agrees
    assert can_compare(date(claim), date(source))


def test_a_unit_written_once_serves_both_ends_of_a_range():
    text = "rose from 38 to 52 percent, between 1.2 and 1.5 million tonnes"
    figures = share_units([number_figure(n, text, 0.1) for n in find_numbers(text)], text, 0.1)
    assert [(f.text, f.unit.name, round(f.number.value)) for f in figures] == [
        ("38", "percent", 38), ("52 percent", "percent", 52), ("1.2", "t", 1_200_000),
        ("1.5 million tonnes", "t", 1_500_000)]


@pytest.mark.parametrize("text, unit", [
    ("12 km of road", "km"), ("12 kilometres", "km"), ("3 Square Kilometres", "km2"), ("40 MW", "MW"),
    ("12 km2", "km2"), ("5 miles", "mile"), ("2 tonnes", "t"), ("9 metres deep", "m"),
])
def test_measures_after_a_number(text, unit):
    found = measure_after(text, text.index(" "))
    assert found is not None and found[1] == unit


def test_no_measure_in_ordinary_words():
    assert measure_after("12 mills", 2) is None
    assert measure_after("40 mw", 2) is None  # symbols keep their case


def test_bm25_and_rerank_find_the_passage_about_the_claim():
    sentences = [
        "The harbour district registers its fishing boats every spring.",
        "The programme removed 1,900,000 cubic metres of silt from the outer channel.",
        "Silt is a problem in every harbour.",
        "The new breakwater extends 12 kilometres along the northern shore.",
    ]
    terms = [content_terms(s) for s in sentences]
    query = content_terms("The dredging programme removed 2.4 million cubic metres of silt from the channel")
    ranked = best_passages(query, BM25(terms), terms, k=2)
    assert [i for _, i in ranked][0] == 1
    assert 0 < ranked[0][0] <= 1
