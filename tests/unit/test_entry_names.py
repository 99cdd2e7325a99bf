"""Reference entries in every style: the authors (five name conventions), year and title.

All works and names below are fictional; each line is the shape one style or reader produces.
"""

from __future__ import annotations

import pytest

from factcheck.citations.entries import parse_entry


def names(entry: str) -> list[tuple[str, str]]:
    return [(a.surname, a.initials) for a in parse_entry(entry)["authors"]]


@pytest.mark.parametrize("entry, authors, year, title", [
    # APA 7 / Harvard: inverted, initials; particles after initials; a body at the end
    ("Brandt, J. O., Osei, K., & Lind, A.-M. (2019a). Ferries and fares. Maritime Review, 4(2), 1–9.",
     [("Brandt", "JO"), ("Osei", "K"), ("Lind", "AM")], "2019a", "Ferries and fares"),
    ("Dorn, P. van, Mele, H., & Arem, B. van. (2018). Pulse counting. Heart Data, 66, 3–8.",
     [("van Dorn", "P"), ("Mele", "H"), ("van Arem", "B")], "2018", "Pulse counting"),
    ("Tamsin, O. and Rask, K.M. (2011) ‘Weirs of the north’, Mill Studies, 187(3), pp. 92–108.",
     [("Tamsin", "O"), ("Rask", "KM")], "2011", "Weirs of the north"),
    ("Brandt, J., Osei, K., & The Harbour Survey Group. (2020). Tides. Port Press.",
     [("Brandt", "J"), ("Osei", "K"), ("The Harbour Survey Group", "")], "2020", "Tides"),
    # Nature: inverted list, then a title that may open in lowercase, the year last
    ("Quill, M. & Rask, T. lockstep: a tool for canal locks. Canal Journal 22, 189–201 (2018).",
     [("Quill", "M"), ("Rask", "T")], "2018", "lockstep: a tool for canal locks"),
    ("Oake, C. R. et al. Sluice gates revisited. Water Letters 5, 12 (2015).",
     [("Oake", "CR")], "2015", "Sluice gates revisited"),
    # Chicago author-date and MLA: the first author inverted, the others in reading order
    ("Brandt, Johan, Kesi Osei, and Anna-Lena van der Berg. 2019. “Ferries and Fares.” Maritime Review 4 (2): 1–9.",
     [("Brandt", "J"), ("Osei", "K"), ("van der Berg", "AL")], "2019", "Ferries and Fares"),
    ("Brandt, J. Tomas, Kesi Osei, and Lu Wen. 2021. “Harbour Dues.” Port Economics 7: 22–30.",
     [("Brandt", "JT"), ("Osei", "K"), ("Wen", "L")], "2021", "Harbour Dues"),
    ("Osei, K. A., and B. L. Tamsin. “Quays.” Port Review, vol. 3, no. 2, 2017, pp. 5–9.",
     [("Osei", "KA"), ("Tamsin", "BL")], "2017", "Quays"),
    ("Quill, Marta, et al. “Dredging the Delta.” River Notes, vol. 12, 2020, p. 44.",
     [("Quill", "M")], "2020", "Dredging the Delta"),
    ("Rask, Tova K. LOCKS - A Canal Simulator. 2.1, Zenodo, 2022, https://doi.org/10.5281/zenodo.1234567.",
     [("Rask", "TK")], "2022", "LOCKS - A Canal Simulator"),
    ("Harbour Survey Collaboration, P. J. Osei, et al. “The Survey.” Port Journal 9 (2018): 1–3.",
     [("Harbour Survey Collaboration", ""), ("Osei", "PJ")], "2018", "The Survey"),
    # IEEE: initials first; split initials as citeproc writes them
    ("A. Quill, B.-T. Rask, and C. J. -P. Oake, “Locks,” J. Canal Eng., vol. 3, no. 2, pp. 1–9, Oct. 2019.",
     [("Quill", "A"), ("Rask", "BT"), ("Oake", "CJP")], "2019", "Locks"),
    # Vancouver: surname and bare initials
    ("Brandt J, Osei KA, Nájera Ó, et al. Ferries and fares. Maritime Review. 2019 Mar 5;4(2):1-9.",
     [("Brandt", "J"), ("Osei", "KA"), ("Nájera", "Ó")], "2019", "Ferries and fares"),
])
def test_authors_year_and_title_in_each_convention(entry, authors, year, title):
    fields = parse_entry(entry)
    assert names(entry) == authors
    assert (fields["year"], fields["title"]) == (year, title)


def test_corporate_author_and_a_work_with_no_author():
    assert names("Met Survey. 2010 - 2015. Tidemap: A Python Library. Exeter.") == [("Met Survey", "")]
    assert parse_entry("Met Survey. 2010 - 2015. Tidemap: A Python Library. Exeter.")["year"] == "2010"
    titled = parse_entry("Harbour Data Standard: Format and Encoding (HDS 1-2). (2011). Port Consortium.")
    assert (titled["authors"], titled["year"], titled["container"]) == ((), "2011", "Port Consortium")
    assert titled["title"] == "Harbour Data Standard: Format and Encoding (HDS 1-2)"
    assert "no author" in titled["problems"]  # REF001 forgives it on web pages and in news only
    web = parse_entry("“Tide tables for the outer harbour”. Port Gazette. 2019-02-13. Retrieved 2022-03-23.")
    assert (web["year"], web["date"], web["container"], web["problems"]) == ("2019", "2019-02-13", "Port Gazette",
                                                                             ("no author",))
    quoted = parse_entry("“Harbour Archive.” 2026. https://example.org/archive.")
    assert (quoted["authors"], quoted["year"], quoted["title"]) == ((), "2026", "Harbour Archive")


def test_repeated_author_dash_inherits_at_list_level():
    fields = parse_entry("———. 2019. “Second Canal Study.” Canal Review 2: 3–4.")
    assert fields["repeated_authors"] and fields["authors"] == () and "no author" not in fields["problems"]
    assert (fields["year"], fields["title"]) == ("2019", "Second Canal Study")
    mla = parse_entry("---, et al. “Third Canal Study.” Canal Review, vol. 2, 2020.")
    assert mla["repeated_authors"] and mla["et_al"] and mla["title"] == "Third Canal Study"


def test_volume_pages_doi_and_short_doi():
    f = parse_entry("Quill, M. (2018). Canals. Canal Journal, 12(3), 45–67. https://doi.org/10.5555/canal.2018.4")
    assert (f["volume"], f["pages"], f["doi"]) == ("12", "45–67", "10.5555/canal.2018.4")
    short = parse_entry("Quill, M. (2018). Canals. Canal Journal, 12, 45. https://doi.org/10/abc7xq")
    assert short["doi"] == "10/abc7xq" and short["url"] is None


def test_a_year_in_pages_or_a_doi_is_not_the_date():
    f = parse_entry("A. Quill, “Locks,” Canal Eng., vol. 25, pp. 2078–2079, Aug. 2009, doi: 10.1000/2021.55.")
    assert (f["year"], f["date"]) == ("2009", "2009-08")


@pytest.mark.parametrize("entry, authors, year, date", [
    # Wikipedia's citation templates: the full date in parentheses after the authors
    ("Lund, Britt (12 May 2009). \"The bog gives up its cauldron\". Fen Courier. Retrieved 3 March 2019.",
     [("Lund", "Britt")], "2009", "2009-05-12"),
    ("Ask, Tora (September 21, 2016). Bronze in the Bogs. Fen Press. p. 80.", [("Ask", "Tora")], "2016", "2016-09-21"),
    ("Moen, Aud (July 1996). \"Reviews\". Metal Review. 27 (11/12): 123. Retrieved April 28, 2017.",
     [("Moen", "Aud")], "1996", "1996-07"),
    ("Vik, Helge (2011-02-02). \"Mending metal\". Fen Courier. Retrieved 2014-03-27.", [("Vik", "Helge")], "2011",
     "2011-02-02"),
    # Authors apart by semicolons, inverted or in reading order, the date after them with no stop
    ("Vik, Helge; Moen, Aud (2011). Mending Metal. North Academic.", [("Vik", "Helge"), ("Moen", "Aud")], "2011",
     "2011"),
    ("Britt Lund; Tora Ask (2015), Bronze in Popular Culture, Fen Press, ISBN 9780786478071",
     [("Lund", "Britt"), ("Ask", "Tora")], "2015", "2015"),
    # The date a page was seen is not the work's: the work's own date wins, else the access date stands in
    ("\"Bog finds by county\". Fen Museum. 9 March 2017. Retrieved 22 November 2018.", [], "2017", "2017-03"),
    ("\"Bog finds by county\". Fen Museum. Retrieved 22 November 2018.", [], "2018", "2018-11"),
])
def test_dates_and_authors_as_wikipedia_templates_write_them(entry, authors, year, date):
    fields = parse_entry(entry)
    assert [(a.surname, a.given) for a in fields["authors"]] == authors
    assert (fields["year"], fields["date"]) == (year, date)
    assert "no year or date" not in fields["problems"]


def test_a_parenthesised_name_and_year_is_not_a_full_date():
    fields = parse_entry("Ask, T. (2004). Bronze in the Bogs (Smith 2019 edition). Fen Press.")
    assert (fields["year"], fields["date"]) == ("2004", "2004")
