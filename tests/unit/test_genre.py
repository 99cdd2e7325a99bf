"""Genre per document from its own signals, and the genre setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.extract import extract


def genre_of(tmp_path: Path, text: str, name: str = "doc.md", **settings) -> tuple[str, tuple[str, ...]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ex = extract(load_document(path), genre=Settings(**settings).genre)
    return ex.genre, ex.genre_reading.signals


NEWS = """# Storm closes the Kestova harbour

KESTOVA — The storm closed the harbour on Monday, the harbour master, Piet Olsen, said.

"We have never lost three boats in one night," said Ana Lindqvist, a fisherman's daughter. The mayor, Ilse Varga, told reporters the quay would reopen in a week.
"""

PAPER = """# Storage in the Marrow basin

## Abstract

We measure storage at five dams (Halloran, 2021; Varga & Sato, 2019).

## Methods

Storage fell (Halloran, 2021). Wells were dug (Varga & Sato, 2019). Canals were lined (Olsen, 2018).

## Results

Farmers adapted (Lee, 2017). The dams silted (Halloran, 2020).

## References

Halloran, P. (2021). A River on a Schedule. Kestova University Press.

Halloran, P. (2020). Dams of the Marrow. Kestova University Press.

Varga, I., & Sato, M. (2019). Wells and water. Journal of Basin Studies, 4(2), 1-20. https://doi.org/10.1234/jbs.2019.2

Olsen, P. (2018). The lower Marrow. Kestova University Press.

Lee, A. (2017). Irrigation in Kestova. Journal of Basin Studies, 2(1), 5-9.
"""

WEB = """# How to clean a rain gauge

Empty the gauge after each reading. Rinse it with warm water and dry it in the shade.

Check the funnel for leaves once a week.
"""


def test_a_news_story_by_its_dateline_and_named_sources(tmp_path):
    genre, signals = genre_of(tmp_path, NEWS)
    assert genre == "news"
    assert any(s.startswith("dateline 'KESTOVA —'") for s in signals)


def test_a_paper_by_its_headings_references_and_citations(tmp_path):
    genre, signals = genre_of(tmp_path, PAPER)
    assert genre == "scholarly"
    assert "5 reference entries" in signals


SHORT_PAPER = """Canopy and summer heat

Streets under trees were 2.1 degrees cooler (Ziter, 2019). Parks cool the blocks around them
(Bowler, 2010). The effect is strongest at night (Nowak, 2018). Dense canopy matters most (Ziter, 2019).
Species matter less (Bowler, 2010; Nowak, 2018).

References

Bowler, D. (2010). Urban greening. Landscape and Urban Planning, 97(3), 147-155. https://doi.org/10.1016/j.x.2010.05.006

Nowak, D. (2018). Tree cover. Urban Forestry, 32, 32-55. https://doi.org/10.1016/j.x.2018.03.006

Ziter, C. (2019). Canopy and heat. Proceedings of the Academy, 116(15), 7575-7580. https://doi.org/10.1073/x.1817561116
"""


def test_a_short_paper_with_three_references_is_no_web_page(tmp_path):
    """Three entries with DOIs, each cited: a brief or a short paper, whose uncited figures are
    warnings. With five entries needed for any point, it was a web page, its claims to check info."""
    genre, signals = genre_of(tmp_path, SHORT_PAPER, name="canopy.txt")
    assert genre == "scholarly"
    assert signals == ("3 reference entries", "a reference list", "3 entries with a DOI", "6 author-date citations")
    two = SHORT_PAPER[:SHORT_PAPER.index("Ziter, C. (2019)")]  # two entries: no list to go by
    assert genre_of(tmp_path, two, name="canopy.txt")[0] == "web"


def test_a_page_with_no_signal_is_a_web_page(tmp_path):
    assert genre_of(tmp_path, WEB) == ("web", ("no sign of a paper, a report or a news story",))


def test_page_metadata_decides(tmp_path):
    html = ("<html><head><title>Storm closes the harbour</title>"
            '<meta property="og:type" content="article"><meta name="citation_journal_title" content="Basin Studies">'
            "</head><body><article><h1>Storm closes the harbour</h1><p>The storm closed the harbour.</p>"
            "</article></body></html>")
    genre, signals = genre_of(tmp_path, html, "page.html")
    assert genre == "scholarly" and "meta citation_journal_title" in signals
    wiki = html.replace('<meta name="citation_journal_title" content="Basin Studies">',
                        '<meta name="generator" content="MediaWiki 1.40">')
    assert genre_of(tmp_path, wiki, "wiki.html")[0] == "web"


def test_the_setting_wins_and_is_validated(tmp_path):
    assert genre_of(tmp_path, WEB, genre="news") == ("news", ("set in the settings",))
    with pytest.raises(ValidationError):
        Settings(genre="poem")
    with pytest.raises(ValidationError):
        Settings(language="English")
