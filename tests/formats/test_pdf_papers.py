"""The PDF reader on shapes seen in published papers that the journal fixture does not have.

Each PDF is our own (``make_layout.py``), set as a real paper was set; each test states the text
it must read as, the citations or notes found and what they link to, and that no finding comes
from the reading.
"""

from __future__ import annotations

from make_layout import Frame, Page, Para, make_layout_pdf
from twin import check_glyphs

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document

READING_RULES = ("CIT001", "CIT002", "CIT003", "CIT004", "CIT007", "REF001", "FN001", "FN002", "FN004")


def _marker_links(result) -> list[tuple[str, str]]:
    """(marker, opening of the note it links to) for every note marker, in text order."""
    ex = result.extraction
    notes = {n.id: result.document.text[n.body_start:n.end] for n in ex.notes}
    links = {link.citation_id: link.target_id for link in ex.links}
    return [(c.text, notes.get(links.get(c.id), "")[:12]) for c in ex.citations if c.style == "note"]


# -- a list of programs set in code font, each with its note (pandoc's Chicago notes) -----------------

SOFTWARE = [Page([
    Frame(72, 60, 460, [Para(["Gauge Software for Regulated Rivers"], size=18, bold=True, justify=False),
                        Para(["Ada Marr and Tomas Quill"], size=11, justify=False, gap=6)]),
    Frame(72, 130, 460, [
        Para(["Several programs read the gauges of regulated rivers and turn their turbidity records into",
              "daily sediment loads.^1 Most of them are free to use, and two of them also read the older",
              "paper charts that basin authorities kept before digital loggers.^2"], size=10),
        Para(["Related software"], size=12, bold=True, justify=False, gap=8),
        Para(["`gaugeflow`^3"], size=10, justify=False, gap=4),
        Para(["`riverkit`^4"], size=10, justify=False, gap=4),
        Para(["`silt-tools`^5"], size=10, justify=False, gap=4),
        Para(["A gauge record is read in two lines of Python, and the loads come out as a table:"], size=10,
             justify=False, gap=6),
        Para(["`import` `gaugeflow`", "`loads` `=` `gaugeflow.read(path)`"], size=10, justify=False, gap=4),
        Para(["Notes"], size=12, bold=True, justify=False, gap=8),
        *[Para([note], size=9, justify=False, gap=3) for note in (
            "1. Nia Okafor, Gauges of the Vell (Harbour Press, 2019), 12.",
            "2. Okafor, Gauges of the Vell, 40.",
            "3. Lena Varga, 'Gaugeflow: reading gauges,' River Software 2 (2020): 1-9.",
            "4. Tunde Brandt, 'Riverkit,' River Software 3 (2021): 10-19.",
            "5. Mei Chen, 'Silt tools for Python,' River Software 4 (2022): 20-29.")],
    ]),
])]


def test_program_names_in_code_font_keep_their_note_markers(tmp_path):
    path = make_layout_pdf(tmp_path / "software.pdf", SOFTWARE)
    doc = load_document(path)
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[3:7] == ["Related software", "gaugeflow[3]", "riverkit[4]", "silt-tools[5]"]
    code = [doc.text[r.start:r.end] for r in doc.regions if r.kind == "code"]
    assert code == ["import gaugeflow loads = gaugeflow.read(path)"]  # the listing alone is code
    check_glyphs(doc, path)
    result = audit_document(doc, Settings())
    assert _marker_links(result) == [("[1]", "Nia Okafor, "), ("[2]", "Okafor, Gaug"), ("[3]", "Lena Varga, "),
                                     ("[4]", "Tunde Brandt"), ("[5]", "Mei Chen, 'S")]
    assert [(f.code, f.excerpt) for f in result.findings if f.code in READING_RULES] == []


# -- Nature: superscript citations after names that end in digits -----------------------------------

MODELS = [Page([
    Frame(72, 60, 460, [Para(["Field Models of the Outer Planets"], size=18, bold=True, justify=False),
                        Para(["Ada Marr and Tomas Quill"], size=11, justify=False, gap=6)]),
    Frame(72, 130, 460, [
        Para(["The package reads the published field models of each planet."], size=10, justify=False),
        Para(["Jupiter: the TSK-2 model^1, KRV07^2 and KRV31^3,4"], size=10, justify=False, gap=6),
        Para(["Saturn: Probe12^5 and the older HMF model^6"], size=10, justify=False, gap=6),
        Para(["Its grid has 2^10 points in latitude and the field falls off as r^3 with radius."], size=10,
             justify=False, gap=6),
        Para(["References"], size=12, bold=True, justify=False, gap=8),
        *[Para([entry], size=9, justify=False) for entry in (
            "1. Okafor N, Lindqvist E. A field model from Pioneer data. J Geophys Res. 1998;103:1-9.",
            "2. Haddad M. A field model from the first Juno orbits. Geophys Res Lett. 2018;45:22-30.",
            "3. Varga L, Chen Y. A field model from thirty Juno orbits. J Geophys Res. 2022;127:300-12.",
            "4. Moreau P. Secular variation at Jupiter. Nat Astron. 2023;7:77-90.",
            "5. Brandt K, Osei A. Saturn's field after the Grand Finale. Science. 2019;362:5-15.",
            "6. Tanaka H. Saturn's field at orbit insertion. Icarus. 2005;176:40-52.")],
    ]),
])]


def test_superscripts_after_names_ending_in_digits_are_citations(tmp_path):
    path = make_layout_pdf(tmp_path / "models.pdf", MODELS)
    doc = load_document(path)
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[3:6] == ["Jupiter: the TSK-2 model[1], KRV07[2] and KRV31[3,4]",
                               "Saturn: Probe12[5] and the older HMF model[6]",
                               "Its grid has 2^10 points in latitude and the field falls off as r^3 with radius."]
    check_glyphs(doc, path)
    result = audit_document(doc, Settings())
    entries = {entry.id: entry.text for entry in result.extraction.references}
    links = {link.citation_id: link.target_id for link in result.extraction.links}
    cited = [(c.text, c.number, entries[links[c.id]].split()[0]) for c in result.extraction.citations]
    assert cited == [("[1]", 1, "Okafor"), ("[2]", 2, "Haddad"), ("[3,4]", 3, "Varga"), ("[3,4]", 4, "Moreau"),
                     ("[5]", 5, "Brandt"), ("[6]", 6, "Tanaka")]
    assert [(f.code, f.excerpt) for f in result.findings if f.code in READING_RULES] == []


# -- the same list cited in Vancouver style: "(3,4)" in the text font after the code font -----------

VANCOUVER = [Page([
    Frame(72, 60, 460, [Para(["Gauge Software for Regulated Rivers"], size=18, bold=True, justify=False),
                        Para(["Ada Marr and Tomas Quill"], size=11, justify=False, gap=6)]),
    Frame(72, 130, 460, [
        Para(["Several programs read the gauges of regulated rivers (1,2)."], size=10, justify=False),
        Para(["Related software"], size=12, bold=True, justify=False, gap=8),
        Para(["`gaugeflow` (3,4)"], size=10, justify=False, gap=8),
        Para(["`riverkit` (2)"], size=10, justify=False, gap=8),
        Para(["`import` `gaugeflow`", "`loads` `=` `gaugeflow.read(path)`"], size=10, justify=False, gap=8),
        Para(["References"], size=12, bold=True, justify=False, gap=8),
        *[Para([entry], size=9, justify=False, gap=3) for entry in (
            "1. Okafor N. Gauges of the Vell. Harbour Press; 2019.",
            "2. Brandt T. Riverkit: river records in Python. River Softw. 2021;3:10-9.",
            "3. Varga L. Gaugeflow: reading gauges. River Softw. 2020;2:1-9.",
            "4. Chen M, Varga L. Gaugeflow 2. River Softw. 2022;4:20-9.")],
    ]),
])]


def test_program_names_in_code_font_keep_their_numeric_citations(tmp_path):
    path = make_layout_pdf(tmp_path / "vancouver.pdf", VANCOUVER)
    doc = load_document(path)
    assert doc.text.split("\n\n")[4:6] == ["gaugeflow (3,4)", "riverkit (2)"]
    code = [doc.text[r.start:r.end] for r in doc.regions if r.kind == "code"]
    assert code == ["import gaugeflow loads = gaugeflow.read(path)"]
    result = audit_document(doc, Settings())
    entries = {entry.id: entry.text for entry in result.extraction.references}
    links = {link.citation_id: link.target_id for link in result.extraction.links}
    cited = [(c.text, entries[links[c.id]].split()[0]) for c in result.extraction.citations]
    assert cited == [("(1,2)", "Okafor"), ("(1,2)", "Brandt"), ("(3,4)", "Varga"), ("(3,4)", "Chen"),
                     ("(2)", "Brandt")]
    assert [(f.code, f.excerpt) for f in result.findings if f.code in READING_RULES] == []
