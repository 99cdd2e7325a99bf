"""Dates found and normalized with their precision, ranges merged, non-dates left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.dates import find_dates, iso_bounds, parse_date
from factcheck.documents.metadata import dateline, guess_title, own_dates


def found(text: str) -> list[tuple]:
    return [(d.text, d.iso, d.precision, d.qualifier, d.range_end, d.valid) for d in find_dates(text)]


@pytest.mark.parametrize("text, expected", [
    ("It opened on 28th February 2026.", [("28th February 2026", "2026-02-28", "day", None, None, True)]),
    ("It opened on February 28, 2026.", [("February 28, 2026", "2026-02-28", "day", None, None, True)]),
    ("Published on 25 March, 2026", [("25 March, 2026", "2026-03-25", "day", None, None, True)]),
    ("Received on 18 Feb, 2026", [("18 Feb, 2026", "2026-02-18", "day", None, None, True)]),
    ("It closed in March 2026.", [("March 2026", "2026-03", "month", None, None, True)]),
    ("As of mid-2025, aid stopped.", [("mid-2025", "2025", "year", "mid", None, True)]),
    ("in mid-November 2023, when", [("mid-November 2023", "2023-11", "month", "mid", None, True)]),
    ("by late 2022 the canal", [("late 2022", "2022", "year", "late", None, True)]),
    ("during the 1990s they", [("1990s", "1990", "decade", None, None, True)]),
    ("the 1996-2001 rule", [("1996-2001", "1996", "year", None, "2001", True)]),
    ("the 1996 -2001 rule", [("1996 -2001", "1996", "year", None, "2001", True)]),
    ("in 2018-21 the", [("2018-21", "2018", "year", None, "2021", True)]),
    ("from 2001 to 2001 also", [("from 2001 to 2001", "2001", "year", None, "2001", True)]),
    ("between August 2021 and mid-2025 (x)", [("between August 2021 and mid-2025", "2021-08", "month", None, "2025", True)]),
    ("between March 2020 and January 2020 the dam",
     [("between March 2020 and January 2020", "2020-03", "month", None, "2020-01", True)]),
    ("On 2023-05-12 it rose.", [("2023-05-12", "2023-05-12", "day", None, None, True)]),
    ("on 30 February 2023 the", [("30 February 2023", "2023-02-30", "day", None, None, False)]),
    ("in spring 2023 the", [("spring 2023", "2023", "season", "spring", None, True)]),
])
def test_dates(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", ["2000 troops crossed", "Report N°320 says", "75 fighters", "$3.8 billion",
                                  "190,000 people", "page 2021x"])
def test_not_dates(text):
    assert found(text) == []


def test_bounds_follow_precision():
    assert iso_bounds("2026-03", "month") == ("2026-03-01", "2026-03-31")
    assert iso_bounds("2024-02", "month") == ("2024-02-01", "2024-02-29")
    assert iso_bounds("1990", "decade") == ("1990-01-01", "1999-12-31")
    assert iso_bounds("2021", "year") == ("2021-01-01", "2021-12-31")
    assert parse_date("25 March, 2026") == ("2026-03-25", "day", None, True)
    assert parse_date("not a date") is None


def test_document_metadata_from_text():
    text = ("\n\nA Study of River Ports and Their Hinterlands\n\nDr. A. Mensah\n\nReceived on 18 Feb, 2026\n\n"
            "Accepted on 22 March, 2026\n\nPublished on 25 March, 2026\n\nBody text.\n")
    assert guess_title(text) == "A Study of River Ports and Their Hinterlands"
    assert [(label, iso, text[s:e]) for label, iso, s, e in own_dates(text)] == [
        ("received", "2026-02-18", "18 Feb, 2026"), ("accepted", "2026-03-22", "22 March, 2026"),
        ("published", "2026-03-25", "25 March, 2026")]
    news = "menu\n\nHarbour strike ends after nine days\n\n31 October 2025 23:03\n\nText.\n"
    iso, s, e = dateline(news)
    assert (iso, news[s:e]) == ("2025-10-31", "31 October 2025")
    report = "Body.\n\nLagos/Accra, 30 January 2024\n"
    iso, s, e = dateline(report)
    assert (iso, report[s:e]) == ("2024-01-30", "30 January 2024")


@given(st.text(alphabet=st.sampled_from(list("0123456789 -–abJanMrchfromtobetweend,.\n")), max_size=300))
def test_spans_are_exact(text):
    last = -1
    for d in find_dates(text):
        assert 0 <= d.start < d.end <= len(text) and text[d.start:d.end] == d.text
        assert d.start >= last
        last = d.end
