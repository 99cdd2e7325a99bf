"""A fixture set for checking claims against cited works: seven invented sources, six manuscripts.

Everything here is written for this project: the works, their authors, places and figures are
fictional. Each source states the figures the manuscripts cite among others of the same subject
(other years, other counts, other measures), as a real report does. The sources come in five
formats (two typeset as PDF with fpdf2, with words hyphenated at line ends; a Word report; a web
page; Markdown; plain text); the manuscripts in five styles and formats (APA author-year in
Markdown, pandoc keys with a ``.bib`` whose keys name the source files, numbered notes in plain
text, APA in Word, numbered references in a web page with looser paraphrases).

A manuscript is written with slots. ``{clean|f=fabricated|a=altered}`` is a quotation (written
inside its quote marks); ``{clean|n=…|u=…|y=…}`` a figure with a changed number, a changed unit
and a changed year, as far as each applies. ``build(folder, variant)`` writes the sources and
the manuscripts with the slots of one kind of defect planted (``clean`` plants none), and
returns where each planted defect is in each manuscript.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.formats.make_docx import make_docx
from tests.formats.make_pdf import make_pdf

DEFECTS = {  # variant -> (slot letter, the rule that must find it)
    "fabricated": ("f", "CLM003"),
    "altered": ("a", "CLM006"),
    "number": ("n", "CLM004"),
    "unit": ("u", "CLM004"),
    "year": ("y", "CLM004"),
}
VERIFY_RULES = ("CLM003", "CLM004", "CLM006", "CLM007")


@dataclass
class Source:
    name: str  # file name in the sources folder
    title: str
    byline: str
    paragraphs: list[str]
    doi: str | None = None


SOURCES = [
    Source("halloran-2021.pdf", "The River That Keeps Its Own Calendar", "Ines Halloran", [
        "For most of the twentieth century the Ardent flooded in late April, when snowmelt from the Keld hills met "
        "the spring rains. Since the Brannock dam was closed in 1978, the main flood has arrived on average 23 days "
        "earlier.",
        "The Keld hills receive about 1,100 millimetres of rain a year, most of it between November and March. Snow "
        "lies on the higher slopes for 60 to 90 days in an ordinary winter.",
        "Between 1950 and 1975 the Ardent's spring flood peaked in the last week of April in 19 years out of 26.",
        "The dam holds 410 million cubic metres when full, a little under a third of the river's mean annual flow. "
        "Its operators release water to suit the hydropower contract, not the farmers downstream, and the contract "
        "was renewed in 2016 for another 25 years.",
        "The irrigation district downstream covers 14,000 hectares, of which about 9,000 are under rice in a normal "
        "year.",
        "Farmers on the lower Ardent have learned to plant earlier, but not all of them can. A river that keeps its "
        "own calendar forces everyone downstream to keep it too.",
        "A second, smaller dam at Coldharbour was proposed in 1994 and again in 2008, but neither plan reached the "
        "planning stage.",
        "In the drought of 2011 the operators held back water for eleven weeks. Downstream, 1,450 hectares of rice "
        "failed, and the district lost an estimated 6.2 million euros in harvests.",
        "In 2003 the district association asked the operators to publish their release schedule; they agreed in "
        "2005 and stopped in 2009.",
        "Nobody decided that the river should run on the dam's timetable; it happened one contract at a time.",
        "The flood gauge at Merrow recorded a peak of 2,300 cubic metres per second in March 2015, the highest since "
        "records began in 1931.",
    ]),
    Source("vasquez-lindqvist-2019.html", "Groundwater Decline in the Corvan Plain", "Teresa Vásquez and Olof Lindqvist", [
        "The Corvan Plain covers 4,200 square kilometres and is home to about 310,000 people. Rainfall over the "
        "plain averaged 380 millimetres a year between 1981 and 2010.",
        "Between 2001 and 2017, the water table beneath the Corvan Plain fell by an average of 0.8 metres a year. "
        "In the driest districts the fall reached 1.7 metres a year.",
        "Our earlier survey, in 2009, found 260 working wells in the same districts.",
        "We surveyed 312 irrigation wells in the spring of 2018. Of these, 41 percent had been deepened at least "
        "once since 2005, and the typical well now draws from 65 metres below the surface.",
        "Pumping is cheap because electricity for agriculture is subsidised: farmers pay 0.03 euros per "
        "kilowatt-hour, about a fifth of the household tariff.",
        "Electricity subsidies for agriculture were introduced in 1987 and extended in 1999.",
        "The aquifer is being mined, not managed. What is taken out in a year takes a decade to return.",
        "The regional authority licensed 2,100 new wells in 2012 alone, more than in the previous ten years together.",
        "Recharge from the Sallow river, once the plain’s main source of new groundwater, has fallen by half since "
        "the river was canalised in 1994.",
    ], doi="10.5555/gw.2019.114"),
    Source("kessel2022.docx", "Harbour Dredging Programme: Final Report", "Kessel Port Authority", [
        "The programme removed 1,900,000 cubic metres of silt from the outer channel between 2017 and 2020.",
        "Dredging raised the share of vessels able to enter at low tide to 0.4 of all arrivals. Before the works, "
        "vessels with a draught of more than 9 metres had to wait for high tide.",
        "The harbour handled 3.1 million tonnes of cargo in 2019, up from 2.6 million tonnes in 2015.",
        "Some 2,950 fishing boats are registered in the harbour district. The new breakwater, completed in 2021, "
        "extends 12 kilometres along the northern shore.",
        "The works cost €240 million, of which the national government paid 60 percent. Channel depth increased "
        "from 9.5 to 14 metres.",
        "The contract for the breakwater was awarded in 2018 to a consortium of three firms. Some 420 people were "
        "employed on the works at their peak in the summer of 2019.",
        "“We dredged for the ships we will have, not the ships we had,” the harbour master told the board in "
        "September 2019.",
        "Silt returns faster than expected: surveys in 2022 found 180,000 cubic metres had already settled in the "
        "inner basin.",
        "The Authority will review the maintenance budget — now 8 million euros a year — before the end of 2024.",
    ]),
    Source("moreau-2020.md", "Small Farms, Long Droughts: Interviews from the Sallow Valley", "Elise Moreau", [
        "Between October 2018 and May 2019 I interviewed 46 farmers in eleven villages of the Sallow valley.",
        "Most of them farm less than 4 hectares, and two thirds rely on a single well. The valley's population was "
        "about 23,000 at the 2011 census.",
        "Average rainfall at the Ostra station fell from 520 millimetres in the 1980s to 410 millimetres in the "
        "2010s. Eight of the eleven villages have lost their weekly market since 2000.",
        "“The rain comes when it likes now; we plant when the radio tells us,” said a woman who has farmed the same "
        "plot for thirty years.",
        "Younger farmers are leaving. In Ostra, the largest village, the school roll fell from 180 pupils in 2010 "
        "to 95 in 2019.",
        "Drought is not an event here but a season that has grown longer; people speak of it the way they speak of "
        "winter.",
        "Households spent, on average, 18 percent of their income on water in 2019, against 7 percent a decade "
        "earlier.",
    ]),
    Source("oyelaran2018.pdf", "The Price of a Cubic Metre: Water Tariffs in Three Cities", "Bisi Oyelaran", [
        "In Dalmar, Hesk and Port Annis, the price of a cubic metre of piped water rose by 64 percent between 2010 "
        "and 2017, while household incomes rose by 22 percent.",
        "Dalmar is the largest of the three cities, with 1.3 million inhabitants; Hesk has 640,000 and Port Annis "
        "460,000. Hesk privatised its water utility in 2008, the other two cities in 2011.",
        "Dalmar charges $1.85 per cubic metre, the highest of the three; Port Annis charges $0.95.",
        "In 2017 the minimum monthly wage was $210 in all three cities. Average household consumption fell from 14 "
        "to 11 cubic metres a month between 2010 and 2017.",
        "A tariff is a political document disguised as an engineering one.",
        "Connection fees are the hidden barrier: a new household in Hesk pays $420 to connect, roughly two months "
        "of a minimum wage.",
        "Losses in the network remain high. Port Annis loses 38 percent of the water it treats before it reaches a "
        "tap.",
        "The three utilities together serve 2.4 million people, and all three raised their tariffs in January 2016.",
    ]),
    Source("olsen2019.txt", "Tarn Valley Flood Review", "Marguerite Olsen, for the Tarn District Council", [
        "The embankments held for nine hours before the first breach. The gauges were read twice a day — at dawn "
        "and at dusk — and telephoned to the district office.",
        "Our review found that the pumping station at Vell was designed for a flood with a return period of fifty "
        "years, not the hundred-year event that struck in March 2019. Its operators did what the manual asked of "
        "them; the manual asked too little.",
        "The Tarn rose 3.4 metres in 18 hours at the Vell gauge. The previous major flood, in 1968, flooded 210 "
        "homes.",
        "In all, 640 homes were flooded and 2,800 people were evacuated; the water stood 1.6 metres deep in the "
        "lower town.",
        "The pumping station was built in 1986 and refurbished in 2005. The district council has 42 members and "
        "meets monthly.",
        "The council’s own engineers had warned in 2014 that the international standard for river defences would "
        "soon be revised upward.",
        "Repairs are estimated at £17 million, of which the national flood fund will meet 80 percent.",
        "A warning that arrives after the water is not a warning but a report.",
    ]),
]


# Written after the rest, and measured before any change was made for it (it then found 12 of 12
# planted defects, one of them only as CLM007, and nothing on the clean copy).
SOURCES.append(Source("quist-2020.md", "Coastal Erosion on the Vantry Peninsula", "Amara Quist", [
    "Between 1990 and 2018 the cliffs at Hollin Head retreated by an average of 1.3 m per year. The peninsula lost "
    "roughly 46 hectares of farmland to the sea over that period.",
    "Storm surges above 2.5 metres were recorded on 17 occasions between 2000 and 2019, compared with 6 occasions "
    "in the 1980s.",
    "A rock revetment built in 2009 at a cost of £4.8m protects 800 metres of the shore at Carrow. Half of the 120 "
    "households in Carrow village are within 200 metres of the cliff edge.",
    "The county council estimates that 35 homes will be lost by 2050 if no further defences are built. \"We cannot "
    "hold the line everywhere, and we should stop pretending we can,\" the council's coastal engineer told the "
    "inquiry in May 2017.",
    "Sea level at the Vantry tide gauge has risen by 19 cm since 1960. The managed-retreat scheme offered owners "
    "85 per cent of a home's pre-erosion value.",
]))


@dataclass
class Manuscript:
    name: str
    title: str
    paragraphs: list[str]
    references: list[str] = field(default_factory=list)  # a reference list (APA)
    notes: list[str] = field(default_factory=list)  # numbered notes
    bib: str | None = None  # a .bib file beside it, passed as --bib


H = "(Halloran, 2021)"
V = "(Vásquez & Lindqvist, 2019)"
M = "(Moreau, 2020)"
T = "(Olsen, 2019)"

MANUSCRIPTS = [
    Manuscript("ardent-and-corvan.md", "Dams, Wells and the Farming Calendar", [
        "Two recent studies describe how storage and pumping change the farming calendar of dry river basins.",
        f"Since the Brannock dam was closed in {{1978|y=1983}}, the Ardent's main flood has arrived on average "
        f"{{23 days|n=31 days|u=23 weeks}} earlier {H}. When full, the dam holds "
        f"{{410 million cubic metres|n=520 million cubic metres|u=410 million cubic feet}} {H}. The hydropower "
        f"contract was renewed in {{2016|y=2013}} for another {{25 years|n=40 years|u=25 months}} {H}.",
        f"Halloran sums it up: \"{{A river that keeps its own calendar forces everyone downstream to keep it too|"
        f"f=Every dam is a promise made upstream and broken downstream|"
        f"a=A river that keeps its own calendar forces everyone downstream to follow it too}}\" {H}. She adds that "
        f"\"{{nobody decided that the river should run on the dam’s timetable|"
        f"f=the operators answer to the power company and to no one else|"
        f"a=nobody decided that the river should run on the operator’s timetable}}\" {H}.",
        "Halloran (2021) observes that \"{Farmers on the lower Ardent have learned to plant earlier, but not all "
        "of them can|f=Planting is a gamble that the poorest can no longer afford to take|"
        "a=Farmers on the lower Ardent have learned to plant earlier, but few of them can}\".",
        f"In the drought of {{2011|y=2009}}, {{1,450 hectares|n=2,450 hectares|u=1,450 acres}} of rice failed "
        f"downstream {H}. The district lost an estimated {{6.2 million euros|n=9.2 million euros|u=6.2 million "
        f"dollars}} in harvests {H}. The operators held back water for {{eleven weeks|n=seven weeks|u=eleven days}} "
        f"in {{2011|y=2010}} {H}. The Merrow gauge recorded a peak of {{2,300 cubic metres|n=3,300 cubic metres|"
        f"u=2,300 cubic feet}} per second in {{March 2015|y=March 2012}} {H}. Records at Merrow began in "
        f"{{1931|y=1913}} {H}.",
        f"Between {{2001|y=1991}} and 2017, the water table beneath the Corvan Plain fell by an average of "
        f"{{0.8 metres|n=1.3 metres|u=0.8 feet}} a year {V}. In the driest districts the fall reached "
        f"{{1.7 metres|n=2.9 metres|u=1.7 feet}} a year {V}. A survey of {{312|n=512}} irrigation wells in the "
        f"spring of {{2018|y=2016}} found that {{41 percent|n=61 percent}} of them had been deepened at least once "
        f"since 2005 {V}. The typical well now draws from {{65 metres|n=95 metres|u=65 feet}} below the surface {V}.",
        f"The authors are blunt: \"{{The aquifer is being mined, not managed|"
        f"f=There is more water under the plain than anyone has dared to estimate|"
        f"a=The aquifer is being drained, not managed}}\" {V}. \"{{What is taken out in a year takes a decade to "
        f"return|f=The wells will be dry before the subsidies end|"
        f"a=What is taken out in a year takes a century to return}},\" they write {V}.",
        f"\"{{[It] is cheap because electricity for agriculture is subsidised|"
        f"f=[Farmers] pump day and night because nobody stops them|"
        f"a=[It] is cheap because electricity for farming is subsidised}}\" {V}. Farmers pay "
        f"{{0.03 euros|n=0.08 euros|u=0.03 dollars}} per kilowatt-hour {V}. The regional authority licensed "
        f"{{2,100|n=3,100}} new wells in {{2012|y=2014}} alone {V}. Vásquez and Lindqvist find that \"{{in the "
        f"driest districts the fall reached 1.7 metres a year|f=in the driest districts families now buy water "
        f"from tankers|a=in the driest districts the fall reached 2.7 metres a year}}\" {V}.",
        f"Recharge from the Sallow has fallen by half since the river was canalised in {{1994|y=1989}} {V}.",
    ], references=[
        "Halloran, I. (2021). *The river that keeps its own calendar*. Northfield Press.",
        "Vásquez, T., & Lindqvist, O. (2019). Groundwater decline in the Corvan Plain. *Journal of Arid "
        "Hydrogeology*, 12(2), 114–131. https://doi.org/10.5555/gw.2019.114",
    ]),
    Manuscript("harbours-and-tariffs.md", "Paying for Water and Ports", [
        "Public works are paid for twice: once when they are built and again every year after.",
        "The programme removed {1.9 million cubic metres|n=2.6 million cubic metres|u=1.9 million cubic feet} "
        "of silt from the outer channel between 2017 and {2020|y=2021} [@kessel2022]. Some {2,950|n=4,950} "
        "fishing boats are registered in the harbour district [@kessel2022]. The new breakwater, completed in "
        "{2021|y=2019}, extends {12 kilometres|n=18 kilometres|u=12 miles} along the northern shore "
        "[@kessel2022].",
        "The works cost {€240 million|n=€310 million|u=$240 million}, {60 percent|n=75 percent} of it paid by "
        "the national government [@kessel2022]. Channel depth increased from 9.5 to {14 metres|n=16 metres|"
        "u=14 feet} [@kessel2022]. Surveys in {2022|y=2023} found {180,000 cubic metres|n=280,000 cubic "
        "metres|u=180,000 cubic feet} already settled in the inner basin [@kessel2022]. The maintenance budget "
        "is now {8 million euros|n=12 million euros|u=8 million dollars} a year [@kessel2022].",
        "“{We dredged for the ships we will have, not the ships we had|f=We were told to dig and we dug|"
        "a=We dredged for the ships we want, not the ships we had},” the harbour master told the board "
        "[@kessel2022]. The report warns that “{silt returns faster than expected|"
        "f=the inner basin is as clean as the day it was built|a=silt returns faster than predicted}” "
        "[@kessel2022] and that the Authority will review “{the maintenance budget -- now 8 million euros a year "
        "-- before the end of 2024|f=a plan to close the inner basin to larger vessels|a=the maintenance budget "
        "-- now 8 million euros a year -- before the end of 2025}” [@kessel2022]. “{The programme removed "
        "1,900,000 cubic metres of silt from the outer channel|f=Nothing we did will matter if the river keeps "
        "carrying the hills into the sea|a=The programme removed 1,900,000 cubic metres of sand from the outer "
        "channel}” [@kessel2022].",
        "The price of a cubic metre of piped water rose by {64 percent|n=46 percent} between {2010|y=2012} "
        "and 2017 in the three cities [@oyelaran2018]. Household incomes rose by {22 percent|n=32 percent} "
        "over the same years [@oyelaran2018]. Dalmar charges {$1.85|n=$2.85|u=€1.85} per cubic metre "
        "[@oyelaran2018]. A new household in Hesk pays {$420|n=$620|u=£420} to connect [@oyelaran2018].",
        "Port Annis loses {38 percent|n=58 percent} of the water it treats before it reaches a tap "
        "[@oyelaran2018]. The three utilities serve {2.4 million|n=3.4 million} people and all raised their "
        "tariffs in {January 2016|y=January 2015} [@oyelaran2018].",
        "Oyelaran puts it sharply: “{A tariff is a political document disguised as an engineering one|"
        "f=Nobody in the three cities can say what water really costs|"
        "a=A tariff is a political document dressed up as an engineering one}” [@oyelaran2018, p. 2]. "
        "“{Connection fees are the hidden barrier|f=Poor households simply go without a connection|"
        "a=Connection fees are the real barrier},” she writes [@oyelaran2018]. Across the three cities "
        "“{the price of a cubic metre of piped water rose by 64 percent between 2010 and 2017|f=water in these "
        "cities is priced for the people who never run short of it|a=the price of a cubic metre of piped water "
        "rose by 46 percent between 2010 and 2017}” [@oyelaran2018]. “{Losses in the network remain high|"
        "f=The utilities have stopped counting what they lose|a=Losses in the network remain stubborn}” "
        "[@oyelaran2018].",
    ], bib="""\
@report{kessel2022,
  author = {{Kessel Port Authority}},
  title = {Harbour dredging programme: Final report},
  year = {2022}
}

@book{oyelaran2018,
  author = {Oyelaran, Bisi},
  title = {The price of a cubic metre: Water tariffs in three cities},
  publisher = {Coastal Institute},
  year = {2018}
}
"""),
    Manuscript("three-basins-notes.txt", "Notes on Three Basins", [
        "Three basins, three kinds of scarcity: timing, depth and price.",
        "The Brannock dam holds a little under a third of the Ardent's mean annual flow, and was closed in "
        "{1978|y=1987}.[1] Halloran concludes that \"{it happened one contract at a time|f=it was settled long "
        "before anyone asked the farmers|a=it happened one decision at a time}\".[1]",
        "On the Corvan Plain, \"{Recharge from the Sallow river [...] has fallen by half since the river was "
        "canalised|f=nobody has measured how much water the canal takes from the plain|a=Recharge from the Sallow "
        "river [...] has fallen by a third since the river was canalised}\".[2] Pumping electricity costs farmers "
        "{0.03 euros|n=0.05 euros|u=0.03 dollars} per kilowatt-hour, about a fifth of the household tariff.[2] In "
        "{2012|y=2002} alone the regional authority licensed {2,100|n=1,100} new wells.[2]",
        "In Dalmar, Hesk and Port Annis the price of piped water rose by {64 percent|n=84 percent} from 2010 to "
        "{2017|y=2019}, while incomes rose by {22 percent|n=12 percent}.[3] Connecting a new household in Hesk costs "
        "\"{roughly two months of a minimum wage|f=more than most families earn in a year|a=roughly three months "
        "of a minimum wage}\".[3]",
    ], notes=[
        "Ines Halloran, The River That Keeps Its Own Calendar (Northfield Press, 2021), 14.",
        "Teresa Vásquez and Olof Lindqvist, \"Groundwater Decline in the Corvan Plain,\" Journal of Arid "
        "Hydrogeology 12, no. 2 (2019): 118.",
        "Bisi Oyelaran, The Price of a Cubic Metre: Water Tariffs in Three Cities (Coastal Institute, 2018), 3.",
    ]),
    Manuscript("sallow-and-tarn.docx", "Drought and Flood in Two Valleys", [
        "Two valleys a few hundred kilometres apart show the two faces of a changing river.",
        f"Between {{October 2018|y=October 2016}} and May 2019, Moreau interviewed {{46|n=64}} farmers in eleven "
        f"villages of the Sallow valley {M}. In Ostra, the school roll fell from {{180|n=240}} pupils in "
        f"{{2010|y=2012}} to 95 in 2019 {M}. Households spent, on average, {{18 percent|n=28 percent}} of their "
        f"income on water in {{2019|y=2017}}, against 7 percent a decade earlier {M}.",
        f"One farmer told Moreau: “{{The rain comes when it likes now; we plant when the radio tells us|"
        f"f=Our grandfathers knew the river better than the engineers do|"
        f"a=The rain comes when it likes now; we plant when the neighbours tell us}}” {M}. Moreau concludes that "
        f"“{{drought is not an event here but a season that has grown longer|f=the valley has always been dry and "
        f"always will be|a=drought is not an event here but a season that has grown harsher}}” {M}.",
        f"“{{Younger farmers are leaving. … the school roll fell from 180 pupils in 2010 to 95 in 2019|f=There is "
        f"no future here for anyone under thirty|a=Younger farmers are leaving. … the school roll fell from 180 "
        f"pupils in 2010 to 85 in 2019}}” {M}. “{{[m]ost of them farm less than 4 hectares|f=[m]ost of them would "
        f"sell their land tomorrow if anyone would buy it|a=[m]ost of them farm less than 6 hectares}},” she "
        f"writes {M}.",
        f"The embankments held for {{nine hours|n=six hours|u=nine days}} before the first breach {T}. In all, "
        f"{{640|n=840}} homes were flooded and {{2,800|n=3,800}} people were evacuated {T}. The water stood "
        f"{{1.6 metres|n=2.1 metres|u=1.6 feet}} deep in the lower town {T}. Repairs are estimated at "
        f"{{£17 million|n=£27 million|u=€17 million}}, {{80 percent|n=60 percent}} of it to be met by the national "
        f"flood fund {T}. The flood struck in {{March 2019|y=March 2018}} {T}. The council's engineers had warned "
        f"of a stricter standard in {{2014|y=2011}} {T}.",
        f"The review's verdict on the pumping station is plain: “{{Its operators did what the manual asked of "
        f"them; the manual asked too little|f=Its operators panicked and opened every gate at once|a=Its operators "
        f"did what the manual asked of them; the manual asked too much}}” {T}. “{{A warning that arrives after the "
        f"water is not a warning but a report|f=Sirens are useless in a town that has forgotten what they mean|"
        f"a=A warning that arrives after the flood is not a warning but a report}},” Olsen writes {T}.",
        f"Olsen recalls that “{{The council's own engineers had warned in 2014|f=The engineers were overruled by "
        f"men who had never seen a flood|a=The council's own engineers had warned in 2012}}” {T}. The gauges "
        f"“{{were read twice a day -- at dawn and at dusk -- and telephoned to the district office|f=were never "
        f"checked at night, when the river rose fastest|a=were read twice a day -- at dawn and at noon -- and "
        f"telephoned to the district office}}” {T}.",
    ], references=[
        "Moreau, E. (2020). *Small farms, long droughts: Interviews from the Sallow valley*. Valley Press.",
        "Olsen, M. (2019). *Tarn valley flood review*. Tarn District Council.",
    ]),
]

# Looser paraphrases, in another style (numbered references) and format (a web page): the same
# facts in other words, other units and other precision.
MANUSCRIPTS.append(Manuscript("paraphrases.html", "What the Studies Say, in Other Words", [
    "This page restates the findings of five studies in plain words.",
    "Rice on {1,450 hectares|n=1,950 hectares|u=1,450 acres} was lost when the operators withheld water during the "
    "{2011|y=2012} drought [1]. Roughly {410 million cubic metres|n=610 million cubic metres} can be stored behind "
    "the Brannock dam [1]. Flows at Merrow peaked at {2,300 cubic metres|n=2,900 cubic metres} a second in "
    "{March 2015|y=March 2016}, a record for a gauge first read in {1931|y=1936} [1].",
    "Each year the Corvan water table dropped by about {80 centimetres|n=120 centimetres|u=80 inches} on average "
    "between 2001 and 2017 [2]. Wells had been deepened at least once since {2005|y=2008} in {41 percent|n=14 "
    "percent} of the surveyed cases [2]. As the authors put it, \"{what is taken out in a year takes a decade to "
    "return|f=the plain will not recover in our lifetime|a=what is taken out in a year takes a generation to "
    "return}\" [2].",
    "Dredging removed almost {2 million cubic metres|n=3 million cubic metres} of silt from the outer channel [3]. "
    "The government met most of the {€240 million|n=€420 million|u=£240 million} bill [3]. The breakwater runs for "
    "{12 km|n=21 km|u=12 mi} along the north shore and was finished in {2021|y=2020} [3].",
    "By {2017|y=2018} water cost {64 percent|n=74 percent} more than in 2010 in the three cities, though incomes "
    "had risen by only {22 percent|n=42 percent} [4]. About {2.4 million|n=1.4 million} people are served by the "
    "three utilities [4]. Tariffs, in Oyelaran's words, are \"{a political document disguised as an engineering "
    "one|f=the last thing any mayor wants to touch|a=a political document disguised as a technical one}\" [4].",
    "Some {2,800|n=1,800} residents had to leave their homes and {640|n=460} houses were flooded in "
    "{March 2019|y=May 2019} [5]. Flood water reached a depth of {160 centimetres|n=190 centimetres|u=160 "
    "millimetres} in the lower town [5]. The national fund is to pay most of the {£17 million|n=£71 million|u=$17 "
    "million} repair bill [5]. In the review's words, \"{the manual asked too little|f=the manual was never "
    "read|a=the manual asked too much}\" [5].",
], references=[
    "Halloran I. The river that keeps its own calendar. Northfield Press; 2021.",
    "Vásquez T, Lindqvist O. Groundwater decline in the Corvan Plain. J Arid Hydrogeol. 2019;12(2):114-31. "
    "doi:10.5555/gw.2019.114",
    "Kessel Port Authority. Harbour dredging programme: final report. Kessel; 2022.",
    "Oyelaran B. The price of a cubic metre: water tariffs in three cities. Coastal Institute; 2018.",
    "Olsen M. Tarn valley flood review. Tarn District Council; 2019.",
]))

Q = "(Quist, 2020)"
MANUSCRIPTS.append(Manuscript("vantry-coast.md", "The Retreating Coast", [
    f"Cliffs at Hollin Head have been retreating at about {{1.3 metres|n=1.8 metres|u=1.3 feet}} a year since "
    f"{{1990|y=1980}} {Q}. Some {{46 hectares|n=64 hectares|u=46 acres}} of farmland have been lost to the sea {Q}. "
    f"Between 2000 and 2019 there were {{17|n=27}} storm surges higher than 2.5 metres {Q}.",
    f"The Carrow revetment, finished in {{2009|y=2011}}, cost {{£4.8 million|n=£6.8 million|u=$4.8 million}} and "
    f"protects {{800 m|n=900 m|u=800 feet}} of shoreline {Q}. Sixty of Carrow's {{120|n=150}} households live within "
    f"{{200 metres|n=400 metres|u=200 yards}} of the cliff edge {Q}. Without new defences, {{35|n=53}} homes are "
    f"expected to be lost by {{2050|y=2040}} {Q}.",
    f"The council's coastal engineer told the inquiry in {{2017|y=2015}} that \"{{we cannot hold the line "
    f"everywhere|f=the sea always wins in the end|a=we cannot hold the line anywhere}}\" {Q}. Sea level at Vantry "
    f"has climbed {{19 centimetres|n=29 centimetres|u=19 inches}} since {{1960|y=1950}} {Q}. Owners were offered "
    f"{{85%|n=75%}} of their home's value before erosion {Q}. The number of surges above 2.5 m nearly tripled, from "
    f"{{6|n=4}} in the 1980s to 17 between 2000 and 2019 {Q}.",
], references=["Quist, A. (2020). *Coastal erosion on the Vantry peninsula*. Shoreline Press."]))

_SLOT = re.compile(r"\{([^{}|]+)((?:\|[fanuy]=[^{}|]+)*)\}")


@dataclass
class Planted:
    kind: str  # a variant of DEFECTS
    code: str  # the rule that must find it
    manuscript: str
    start: int  # in the manuscript's loaded text
    end: int
    text: str


@dataclass
class Slot:
    clean: str
    variants: dict[str, str]

    @property
    def is_quote(self) -> bool:
        return "f" in self.variants or "a" in self.variants


def slots(text: str) -> list[Slot]:
    out = []
    for m in _SLOT.finditer(text):
        variants = dict(part.split("=", 1) for part in m.group(2).split("|")[1:])
        out.append(Slot(m.group(1), variants))
    return out


def render(text: str, variant: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The text with the slots of ``variant`` planted, and where each planted slot is."""
    letter = DEFECTS[variant][0] if variant in DEFECTS else None
    out, planted, pos = [], [], 0
    length = 0
    for m in _SLOT.finditer(text):
        out.append(text[pos:m.start()])
        length += m.start() - pos
        variants = dict(part.split("=", 1) for part in m.group(2).split("|")[1:])
        value = variants.get(letter, m.group(1)) if letter else m.group(1)
        if letter in variants:
            planted.append((length, length + len(value), value))
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), planted


# -- writing the files ---------------------------------------------------------------------------

def _wrap_hyphenated(paragraph: str, width: int = 72) -> list[str]:
    """Lines of at most ``width`` characters; a long lower-case word at a line end is hyphenated."""
    lines: list[str] = []
    line = ""
    for word in paragraph.split():
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        elif word.isalpha() and word.islower() and len(word) >= 9 and len(line) + 6 <= width:
            cut = min(len(word) - 4, width - len(line) - 2)
            lines.append(f"{line} {word[:cut]}-")
            line = word[cut:]
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def write_source(folder: Path, source: Source) -> Path:
    path = folder / source.name
    suffix = path.suffix
    doi_line = f"doi:{source.doi}" if source.doi else ""
    if suffix == ".pdf":
        blocks = [[source.title], [source.byline]] + [_wrap_hyphenated(p) for p in source.paragraphs]
        pages = [blocks[:5], blocks[5:]]
        return make_pdf(path, [p for p in pages if p], title=source.title, page_numbers=True)
    if suffix == ".docx":
        return make_docx(path, [("h1", source.title), ("p", source.byline)] + [("p", p) for p in source.paragraphs],
                         title=source.title, author=source.byline)
    if suffix == ".html":
        body = "".join(f"<p>{p}</p>" for p in source.paragraphs)
        meta = f'<meta name="citation_doi" content="{source.doi}">' if source.doi else ""
        path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>{source.title}</title>{meta}"
                        f"<meta name='author' content='{source.byline}'></head><body><nav><a href='/'>Home</a></nav>"
                        f"<article><h1>{source.title}</h1><p class='byline'>{source.byline}</p>"
                        f"<p>{doi_line}</p>{body}</article></body></html>", encoding="utf-8")
        return path
    if suffix == ".md":
        head = f"# {source.title}\n\n{source.byline}\n\n" + (f"{doi_line}\n\n" if doi_line else "")
        path.write_text(head + "\n\n".join(source.paragraphs) + "\n", encoding="utf-8")
        return path
    # Plain text, as a typewriter would lay it out: lines wrapped, words broken at line ends.
    lines = [source.title, "", source.byline, ""]
    for p in source.paragraphs:
        lines += [*_wrap_hyphenated(p, 78), ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_manuscript(folder: Path, manuscript: Manuscript, variant: str) -> tuple[Path, list[tuple[str, int]]]:
    """The manuscript's file; each planted slot as (its text, which occurrence of the text before it
    in the paragraph), found again in the loaded text by ``locate``."""
    path = folder / manuscript.name
    rendered = []
    planted: list[tuple[str, str]] = []
    for paragraph in manuscript.paragraphs:
        text, spans = render(paragraph, variant)
        rendered.append(text)
        for start, end, value in spans:
            planted.append((text[max(0, start - 40):start], value))
    suffix = path.suffix
    if suffix == ".md":
        parts = [f"# {manuscript.title}", "Published on 2 September 2024", *rendered]
        if manuscript.references:
            parts += ["## References", *manuscript.references]
        path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
        if manuscript.bib:
            (folder / (path.stem + ".bib")).write_text(manuscript.bib, encoding="utf-8")
    elif suffix == ".txt":
        parts = [manuscript.title, "2 September 2024", *rendered, "Notes",
                 *[f"[{n}] {note}" for n, note in enumerate(manuscript.notes, 1)]]
        path.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
    elif suffix == ".html":
        body = "".join(f"<p>{p}</p>" for p in rendered)
        refs = "".join(f"<p>{n}. {r}</p>" for n, r in enumerate(manuscript.references, 1))
        path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>{manuscript.title}</title>"
                        f"<meta property='article:published_time' content='2024-09-02'></head><body>"
                        f"<nav><a href='/'>Home</a> <a href='/about'>About</a></nav><article><h1>{manuscript.title}</h1>"
                        f"{body}<h2>References</h2>{refs}</article><footer>© 2024</footer></body></html>",
                        encoding="utf-8")
    else:
        blocks = [("h1", manuscript.title), ("p", "Published on 2 September 2024")] + [("p", p) for p in rendered]
        blocks += [("h1", "References")] + [("p", r.replace("*", "")) for r in manuscript.references]
        make_docx(path, blocks, title=manuscript.title)
    return path, planted  # type: ignore[return-value]


def build(folder: Path, variant: str = "clean") -> tuple[Path, list[tuple[Path, Path | None, list]]]:
    """Write the sources into ``folder/cited`` and the manuscripts of ``variant`` into
    ``folder/<variant>``; return the sources folder and, per manuscript, its path, its .bib and
    its planted slots (text before, planted text)."""
    cited = folder / "cited"
    if not cited.exists():
        cited.mkdir(parents=True)
        for source in SOURCES:
            write_source(cited, source)
    out = folder / variant
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for manuscript in MANUSCRIPTS:
        path, planted = write_manuscript(out, manuscript, variant)
        bib = out / (path.stem + ".bib") if manuscript.bib else None
        written.append((path, bib, planted))
    return cited, written


def locate(text: str, before: str, value: str) -> tuple[int, int] | None:
    """Where a planted slot is in a manuscript's loaded text: after the words before it."""
    probe = " ".join(before.split()[-4:])
    for m in re.finditer(re.escape(value), text):
        if " ".join(text[max(0, m.start() - 80):m.start()].split()).endswith(probe):
            return m.start(), m.end()
    return None


def counts() -> dict[str, int]:
    """How many quotations and figures the manuscripts hold, and defects of each kind."""
    found = {"quotations": 0, "figures": 0, **{kind: 0 for kind in DEFECTS}}
    for manuscript in MANUSCRIPTS:
        for paragraph in manuscript.paragraphs:
            for slot in slots(paragraph):
                found["quotations" if slot.is_quote else "figures"] += 1
                for kind, (letter, _) in DEFECTS.items():
                    found[kind] += letter in slot.variants
    return found


__all__ = ["DEFECTS", "MANUSCRIPTS", "SOURCES", "VERIFY_RULES", "build", "counts", "locate"]
