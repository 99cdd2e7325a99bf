"""A made-up two-column journal article as a PDF, and the text it must read as.

Everything a journal page throws at the reader: a masthead, a full-width title, an author block
with affiliation marks, the article's history dates, a full-width abstract, two justified
columns with first-line indents, citations broken across lines and across the column break, a
word hyphenated at a line end, an exponent, a note marker and its footnote, a caption set across
both columns at the head of a page, inside a sentence running over from the page before, a running head and page numbers, a vertical
"Downloaded from" stamp, and a two-column reference list with hanging indents whose entries run
over the column break.
"""

from __future__ import annotations

from pathlib import Path

from make_layout import Frame, Page, Para, make_layout_pdf

L, R, W = 54.0, 300.0, 230.0  # left column x, right column x, column width (points): a 16-point gutter
FULL = 476.0

TITLE = "Sediment Transport Below the Kessa Dam: Ten Years of Gauging"
HEADER = "Okafor et al.: Sediment below the Kessa Dam"
WATERMARK = "Downloaded from riverstudies.example.org by guest on 1 May 2024"

page1 = Page([
    Frame(L, 40, FULL, [Para(["Journal of River Studies 12 (2024) 101-103"], size=8, justify=False)]),
    Frame(L, 70, FULL, [Para(["Sediment Transport Below the Kessa Dam:", "Ten Years of Gauging"], size=18, bold=True,
                             justify=False)]),
    Frame(L, 125, FULL, [
        Para(["Ngozi Okafor^1,*, Erik Lindqvist^2 and Mariam Haddad^1"], size=11, justify=False),
        Para(["^1 Institute of Hydrology, University of Lanfeld, Lanfeld, Norland"], size=9, justify=False, gap=4),
        Para(["^2 Department of Earth Sciences, Sorvik University, Sorvik, Norland"], size=9, justify=False),
        Para(["Received: 12 October 2023; Accepted: 2 February 2024; Published: 5 March 2024"], size=8,
             justify=False, gap=6),
    ]),
    Frame(L, 222, FULL, [
        Para(["Abstract"], size=10, bold=True, justify=False),
        Para(["We report ten years of suspended sediment measurements at three gauges below the Kessa Dam, on the",
              "river that drains the northern plateau. Loads fell by half after the reservoir filled, and the fine",
              "fraction recovered within four years."], size=9),
    ]),
    Frame(L, 300, W, [
        Para(["1 Introduction"], size=11, bold=True, justify=False),
        Para(["Dams trap most of the sediment their rivers carry, and",
              "the reaches below them adjust for decades (Varga and",
              "Chen, 2015). The Kessa reservoir holds about 10^6 cubic",
              "metres of silt, a figure first estimated by Haddad (2020)",
              "and confirmed by repeated soundings.^1 How fast the bed",
              "below the dam coarsens is less clear: earlier work found",
              "little change in the decade after closure (Lindqvist et",
              "al., 2019), while flushing experiments elsewhere released",
              "pulses of fine material that were carried downstream",
              "within weeks of each opening of the gates (Brandt and"], size=9, gap=4),
    ]),
    Frame(R, 300, W, [
        Para(["Osei, 2017). We test both views against a continuous",
              "record."], size=9, gap=4 + 11 * 1.25),
        Para(["The record comes from three gauges operated by the",
              "basin authority since 2013. Each reports turbidity every",
              "fifteen minutes, calibrated against bottle samples taken",
              "at high flows (Moreau et al., 2018). Gaps longer than a",
              "day were filled from the nearest gauge upstream, as"], size=9, indent=12),
    ]),
], footnotes=["^1 Soundings of 2016 and 2019, made from a survey launch on fixed transects."])

page2 = Page([
    Frame(L, 60, FULL, [Para(["Figure 1. Daily suspended load at the middle gauge, 2013 to 2023, with the dates of the four",
                             "flushing events marked."], size=8)]),
    Frame(L, 100, W, [
        Para(["recommended for regulated rivers (Okafor, 2021)."], size=9, justify=False),
        Para(["2 Results"], size=11, bold=True, justify=False, gap=8),
        Para(["Annual loads at the middle gauge fell from 3.1 to 1.4",
              "million tonnes between 2013 and 2016 and have not re-",
              "turned to their former level since then."], size=9, gap=4),
        Para(["The fine fraction behaved differently. It recovered",
              "within four years, as the flushing studies predicted",
              "(Brandt and Osei, 2017), and it now makes up most of",
              "the load in wet years."], size=9, indent=12),
    ]),
    Frame(R, 100, W, [
        Para(["References"], size=11, bold=True, justify=False),
        Para(["Brandt, K., & Osei, A. (2017). Bedload pulses after reservoir",
              "flushing. Journal of Hydraulic Engineering, 143(4), 1-12."], size=8, hanging=12, gap=4),
        Para(["Haddad, M. (2020). Siltation of the Kessa reservoir. Water",
              "Resources Review, 31(2), 55-71."], size=8, hanging=12),
        Para(["Lindqvist, E., Okafor, N., & Tanaka, H. (2019). Bed coarsening",
              "below large dams: a decade of surveys. Geomorphic Letters,",
              "8, 210-224."], size=8, hanging=12),
    ]),
])

page3 = Page([
    Frame(L, 60, W, [
        Para(["Moreau, P., Diallo, S., Kerr, J., & Nilsen, T. (2018). Turbidity",
              "as a surrogate for suspended sediment in regulated rivers.",
              "Hydrological Methods, 12(1), 3-19."], size=8, hanging=12),
        Para(["Okafor, N. (2021). Filling gaps in gauge records with upstream",
              "neighbours. Journal of Applied Hydrology, 44(7), 801-815."], size=8, hanging=12),
    ]),
    Frame(R, 60, W, [
        Para(["Varga, L., & Chen, Y. (2015). River channel response to",
              "impoundment. Annual Review of Rivers, 2, 1-30."], size=8, hanging=12),
    ]),
])

PAGES = [page1, page2, page3]

AUTHORS = "Ngozi Okafor, Erik Lindqvist and Mariam Haddad"
AFFILIATIONS = ["Institute of Hydrology, University of Lanfeld, Lanfeld, Norland",
                "Department of Earth Sciences, Sorvik University, Sorvik, Norland"]
DATES = "Received: 12 October 2023; Accepted: 2 February 2024; Published: 5 March 2024"
INTRO = ("Dams trap most of the sediment their rivers carry, and the reaches below them adjust for decades (Varga and "
         "Chen, 2015). The Kessa reservoir holds about 10^6 cubic metres of silt, a figure first estimated by Haddad "
         "(2020) and confirmed by repeated soundings.[1] How fast the bed below the dam coarsens is less clear: earlier "
         "work found little change in the decade after closure (Lindqvist et al., 2019), while flushing experiments "
         "elsewhere released pulses of fine material that were carried downstream within weeks of each opening of the "
         "gates (Brandt and Osei, 2017). We test both views against a continuous record.")
GAUGES = ("The record comes from three gauges operated by the basin authority since 2013. Each reports turbidity every "
          "fifteen minutes, calibrated against bottle samples taken at high flows (Moreau et al., 2018). Gaps longer "
          "than a day were filled from the nearest gauge upstream, as recommended for regulated rivers (Okafor, 2021).")
CAPTION = ("Figure 1. Daily suspended load at the middle gauge, 2013 to 2023, with the dates of the four flushing "
           "events marked.")
RESULTS = ("Annual loads at the middle gauge fell from 3.1 to 1.4 million tonnes between 2013 and 2016 and have not "
           "returned to their former level since then.")
FINE = ("The fine fraction behaved differently. It recovered within four years, as the flushing studies predicted "
        "(Brandt and Osei, 2017), and it now makes up most of the load in wet years.")
REFERENCES = [
    "Brandt, K., & Osei, A. (2017). Bedload pulses after reservoir flushing. Journal of Hydraulic Engineering, "
    "143(4), 1-12.",
    "Haddad, M. (2020). Siltation of the Kessa reservoir. Water Resources Review, 31(2), 55-71.",
    "Lindqvist, E., Okafor, N., & Tanaka, H. (2019). Bed coarsening below large dams: a decade of surveys. "
    "Geomorphic Letters, 8, 210-224.",
    "Moreau, P., Diallo, S., Kerr, J., & Nilsen, T. (2018). Turbidity as a surrogate for suspended sediment in "
    "regulated rivers. Hydrological Methods, 12(1), 3-19.",
    "Okafor, N. (2021). Filling gaps in gauge records with upstream neighbours. Journal of Applied Hydrology, "
    "44(7), 801-815.",
    "Varga, L., & Chen, Y. (2015). River channel response to impoundment. Annual Review of Rivers, 2, 1-30.",
]
NOTE = "[1] Soundings of 2016 and 2019, made from a survey launch on fixed transects."

EXPECTED = [
    "Journal of River Studies 12 (2024) 101-103",
    TITLE, AUTHORS, *AFFILIATIONS, DATES,
    "Abstract",
    "We report ten years of suspended sediment measurements at three gauges below the Kessa Dam, on the river that "
    "drains the northern plateau. Loads fell by half after the reservoir filled, and the fine fraction recovered "
    "within four years.",
    "1 Introduction", INTRO, GAUGES, CAPTION,
    "2 Results", RESULTS, FINE,
    "References", *REFERENCES,
    "Notes", NOTE,
]

# The citations (as printed) and the first words of the entry each must link to.
CITED = {
    "Varga and Chen, 2015": "Varga, L.", "Haddad (2020)": "Haddad, M.", "Lindqvist et al., 2019": "Lindqvist, E.",
    "Brandt and Osei, 2017": "Brandt, K.", "Moreau et al., 2018": "Moreau, P.", "Okafor, 2021": "Okafor, N.",
}


def write_journal(path: Path) -> Path:
    return make_layout_pdf(path, PAGES, header=HEADER, page_numbers=True, watermark=WATERMARK)
