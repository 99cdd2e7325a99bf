"""Mutation tests: plant one defect in a clean document and expect exactly that finding.

Each case takes a fixture from tests/fixtures/ (zero CIT/REF/FN findings, checked below), makes
a small string edit that a careless author or editor could make, audits the result and compares
the CIT/REF/FN findings, as ``(code, excerpt)`` pairs, with the one finding the defect should
cause, and its suggestion where the rule gives one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAPER = "clean-paper.md"
REPORT = "clean-report.txt"
FAMILIES = ("CIT", "REF", "FN")

@dataclass(frozen=True)
class Edit:
    old: str
    new: str
    count: int = 1  # how many occurrences to replace; each must exist


@dataclass(frozen=True)
class Case:
    id: str
    fixture: str
    edits: tuple[Edit, ...]
    expected: tuple[tuple[str, str], ...]  # (code, excerpt)
    suggestions: tuple[str | None, ...] = ()  # per expected finding, where the rule gives one
    what: str = field(default="", compare=False)


CASES = [
    # -- CIT: citations against the reference list (clean-paper.md) --------------------------------
    Case("CIT001-entry-deleted", PAPER,
         (Edit("Haddad, R., Obi, C., & Larsen, M. (2021). Groundwater recharge below regulated rivers. "
               "*Journal of Dryland Hydrology*, 10(1), 55–79.\n\n", ""),),
         (("CIT001", "Haddad et al., 2021"),),
         ("add the cited work to the reference list or correct the citation",),
         what="the only entry a citation points to is deleted"),
    Case("CIT002-citation-deleted", PAPER,
         (Edit(" (Serrano Basin Commission, 2022)", ""),),
         (("CIT002", "Serrano Basin Commission. (2022)"),),
         ("cite it where it supports a claim, or remove it",),
         what="the only citation of an entry is cut in editing"),
    Case("CIT003-first-author-misspelled", PAPER,
         (Edit("(Haddad et al., 2021)", "(Hadad et al., 2021)"),),
         (("CIT003", "Hadad et al., 2021"),), ("Haddad",),
         what="the cited first author loses a letter"),
    Case("CIT003-co-author-misspelled", PAPER,
         (Edit("Okafor & Lindqvist, 2019", "Okafor & Lindkvist, 2019"),),
         (("CIT003", "Okafor & Lindkvist, 2019"),), ("Lindqvist",), what="the cited second author is spelled the Swedish way"),
    Case("CIT004-year-changed", PAPER,
         (Edit("(Haddad et al., 2021)", "(Haddad et al., 2020)"),),
         (("CIT004", "Haddad et al., 2020"),), ("2021",),
         what="the cited year is off by one"),
    Case("CIT005-same-author-year", PAPER,
         (Edit("Okafor, N., & Lindqvist, E. (2019). Water allocation on shared rivers.",
               "Okafor, N., & Lindqvist, E. (2019). Seasonal entitlements in river treaties. *Water Policy Review*, "
               "21(4), 677–694.\n\nOkafor, N., & Lindqvist, E. (2019). Water allocation on shared rivers."),),
         (("CIT005", "Okafor & Lindqvist, 2019"),), ("distinguish them as 2019a, 2019b",), what="a second 2019 work by the same authors is listed without 2019a/2019b"),
    Case("CIT006-entry-duplicated", PAPER,
         (Edit("Brandt, K. (2016). *Rivers of contention: Upstream storage and downstream rights*. "
               "Meridian Academic Press.\n\n",
               "Brandt, K. (2016). *Rivers of contention: Upstream storage and downstream rights*. "
               "Meridian Academic Press.\n\n"
               "Brandt, K. (2016). *Rivers of contention*. Meridian Academic Press.\n\n"),),
         (("CIT006", "Brandt, K. (2016)"),), ("remove one of the two entries",), what="the same book is pasted twice, once with a short title"),
    Case("CIT007-co-author-changed", PAPER,
         (Edit("(Brandt, 2016; Okafor & Lindqvist, 2019)", "(Brandt, 2016; Okafor & Diallo, 2019)"),),
         (("CIT007", "Okafor & Diallo, 2019"),), ("Okafor & Lindqvist",),
         what="the citation names another co-author than the entry"),
    Case("CIT007-et-al-for-one-author", PAPER,
         (Edit("(Mensah, 2020b)", "(Mensah et al., 2020b)"),),
         (("CIT007", "Mensah et al., 2020b"),), ("Mensah",),
         what="'et al.' for a single-author work"),
    # -- REF: the entries themselves (clean-paper.md) -----------------------------------------------
    Case("REF001-year-dropped", PAPER,
         (Edit("Brandt, K. (2016). *Rivers", "Brandt, K. *Rivers"),),
         (("REF001", "Brandt, K. *Rivers of contention: Upstream storage and downstream rights*. "
                     "Meridian Academic Press."),),
         ("complete the entry from the cited work",),
         what="the date is lost from an entry"),
    Case("REF002-url-broken", PAPER,
         (Edit("https://www.wbo.example/", "https//www.wbo.example/"),),
         (("REF002", "https//www.wbo.example/drought-monitor/methods"),),
         ("check the URL against the work's landing page",),
         what="the colon of a URL's scheme is lost"),
    Case("REF003-entry-after-publication", PAPER,
         (Edit("Serrano Basin Commission, 2022)", "Serrano Basin Commission, 2025)"),
          Edit("Serrano Basin Commission. (2022)", "Serrano Basin Commission. (2025)")),
         (("REF003", "Serrano Basin Commission. (2025)"),),
         ("check the entry's date and the document's publication date",),
         what="a cited report is dated after the paper's own publication"),
    # -- no defect: a variation that is still clean must stay silent --------------------------------
    Case("none-entry-ending-in-doi", PAPER,
         (Edit("*Journal of Dryland Hydrology*, 10(1), 55–79.",
               "*Journal of Dryland Hydrology*, 10(1), 55–79. https://doi.org/10.5555/jdh.2021.0101"),),
         (), what="an APA 7 entry ends with its DOI, before another entry"),
    # -- FN: markers and notes (clean-report.txt) ---------------------------------------------------
    Case("FN001-note-deleted", REPORT,
         (Edit("[3] Oskar Vey, “Tariffs at Sea: Freight Routes after the 2022 Increases”, Harbour Review 8 "
               "(2023): 101–117.\n", ""),),
         (("FN001", "[3]"),), ("restore note 3 or renumber the markers",),
         what="a note of the second block is deleted, its marker stays"),
    Case("FN002-marker-deleted", REPORT,
         (Edit("without a public consultation.[4]", "without a public consultation."),),
         (("FN002", "[4]"),), ("add the marker [4] where the note applies, or remove the note",),
         what="the last marker of the first block is lost"),
    Case("FN003-op-cit-unresolved", REPORT,
         (Edit("Lind, “The Price of a Berth”, op. cit., p. 31.", "Okoro, “Ferries and Fares”, op. cit., p. 31."),),
         (("FN003", "Okoro, “Ferries and Fares”, op. cit."),),
         ("give the full citation where the work is first cited",),
         what="an op. cit. names a work never cited in full"),
    Case("FN003-ibid-first", REPORT,
         (Edit("[1] Northern Ports Authority, “Schedule of Harbour Dues 2022”, circular no. 4, 3 March 2022.",
               "[1] Ibid., circular no. 4, 3 March 2022."),),
         (("FN003", "Ibid."),), ("replace 'Ibid.' with the full citation",),
         what="the first note of the document says Ibid."),
    Case("FN004-markers-swapped", REPORT,
         (Edit("within a month.[2]", "within a month.[3]"),
          Edit("than those on cars.[3]", "than those on cars.[2]")),
         (("FN004", "[3]"),), ("[2]",),
         what="two markers swapped in the first block"),
]


def plant(fixture: str, edits: tuple[Edit, ...]) -> str:
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    for edit in edits:
        found = text.count(edit.old)
        assert found >= edit.count, f"{edit.old[:60]!r} occurs {found} time(s) in {fixture}"
        text = text.replace(edit.old, edit.new, edit.count)
    return text


def findings_of(path: Path) -> list:
    result = audit_document(load_document(path), Settings(select=FAMILIES))
    findings = [f for f in result.findings if f.code.startswith(FAMILIES)]
    for f in findings:
        assert result.document.text[f.start:f.end] == f.excerpt, f
    return findings


def audit_planted(tmp_path: Path, case: Case) -> list:
    path = tmp_path / case.fixture
    path.write_text(plant(case.fixture, case.edits), encoding="utf-8")
    return findings_of(path)


def _params():
    for case in CASES:
        yield pytest.param(case, id=case.id)


@pytest.mark.parametrize("fixture", [PAPER, REPORT])
def test_fixture_is_clean(fixture):
    assert [(f.code, f.excerpt) for f in findings_of(FIXTURES / fixture)] == []


def test_every_citation_and_note_rule_has_a_mutation():
    from factcheck.rules.registry import all_rules

    codes = {spec.code for spec in all_rules() if spec.code.startswith(FAMILIES)}
    planted = {code for case in CASES for code, _ in case.expected}
    assert codes <= planted, sorted(codes - planted)


@pytest.mark.parametrize("case", list(_params()))
def test_exactly_the_planted_finding(tmp_path, case):
    findings = audit_planted(tmp_path, case)
    assert [(f.code, f.excerpt) for f in findings] == list(case.expected)
    if case.suggestions:
        assert [f.suggestion for f in findings] == list(case.suggestions)
