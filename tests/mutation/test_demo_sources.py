"""The demo corpus in sources/: every planted defect is found, and nothing else by CIT/REF/FN rules.

The planted defects are listed here and, for people, in sources/README.md; keep the two in step.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document

SOURCES = Path(__file__).resolve().parent.parent.parent / "sources"
FAMILIES = ("CIT", "REF", "FN")

# (code, excerpt, suggestion or None when the rule gives none worth pinning)
PLANTED: dict[str, list[tuple[str, str, str | None]]] = {
    "river-basin-paper.md": [
        ("CIT003", "Achterburg, 2018", "Achterberg"),
        ("CIT004", "Ferreira & Sato, 2017", "2018"),
        ("CIT001", "Delacroix, 2014", None),
        ("REF003", "Nakamura, H. (2024, May 2)", None),
        ("REF001", "Ruiz, M. L. Hydropower contracts and downstream ecology. Energy and Environment Papers, "
                   "Institute for Water and Society.", None),
        ("REF002", "https//www.serranobasin.example/reports/annual-2022.pdf", None),
        ("CIT002", "Tavares, P., & Keane, D. (2015)", None),
    ],
    "port-expansion-report.txt": [
        ("FN004", "[3]", "[2]"),
        ("FN001", "[5]", None),
        ("FN003", "Okonjo, “Who Owns the Quay?”, op. cit.", None),
        ("FN002", "[4]", None),
    ],
    # Its planted defects (a vague attribution, an unattributed quotation) are for CLM005 and
    # CLM002; for the citation and note rules it must be clean.
    "grid-outage-news.html": [],
    "water-tariffs-brief.pdf": [
        ("CIT007", "Halvorsen & Diallo, 2021", "Halvorsen & Ndiaye"),
        ("CIT006", "Oduya, F., & Brennan, L. (2020)", "remove one of the two entries"),
    ],
    "dam-safety-memo.docx": [
        ("CIT005", "Vellmar Reservoir Authority, 2022", "distinguish them as 2022a, 2022b"),
        ("CIT005", "Vellmar Reservoir Authority, 2022", "distinguish them as 2022a, 2022b"),
        ("FN003", "Ibid.", "replace 'Ibid.' with the full citation"),
    ],
}



def findings_of(name: str) -> list:
    result = audit_document(load_document(SOURCES / name), Settings(select=FAMILIES))
    return [f for f in result.findings if f.code.startswith(FAMILIES)]


def _order(items):
    return sorted(items, key=lambda t: (t[0], t[1]))


def test_every_source_is_listed():
    on_disk = sorted(p.name for p in SOURCES.iterdir() if p.is_file() and p.name != "README.md")
    assert on_disk == sorted(PLANTED)


@pytest.mark.parametrize("name", [
    pytest.param(name) for name in PLANTED])
def test_exactly_the_planted_defects(name):
    found = [(f.code, f.excerpt) for f in findings_of(name)]
    assert _order(found) == _order((code, excerpt) for code, excerpt, _ in PLANTED[name])


@pytest.mark.parametrize("name", list(PLANTED))
def test_every_planted_defect_is_found(name):
    found = [(f.code, f.excerpt, f.suggestion) for f in findings_of(name)]
    for code, excerpt, suggestion in PLANTED[name]:
        matches = [f for f in found if f[:2] == (code, excerpt)]
        assert matches, f"{code} {excerpt!r} not found in {name}"
        if suggestion is not None:
            assert suggestion in [m[2] for m in matches]
        found.remove(matches[0])  # a defect planted twice must be found twice


def test_sources_are_small_and_realistic():
    for path in SOURCES.iterdir():
        if path.name == "README.md" or not path.is_file():
            continue
        assert path.stat().st_size < 50 * 1024, path.name
        words = len(load_document(path).text.split())
        assert 400 <= words <= 1200, (path.name, words)


# -- the works the demo paper cites (sources/cited/, checked with --sources) ----------------------

CITED = SOURCES / "cited"
# (code, excerpt, the source file named in the message)
PLANTED_IN_SOURCES = [
    ("CLM003", "a calendar written by the operator", "okafor-2019.md"),
    ("CLM006", "a right to water in August is worth little if the water arrives in May", "brandt-2016.pdf"),
    ("CLM004", "44 percent", "sbc-ar-2022.docx"),
]
VERIFY = ("CLM003", "CLM004", "CLM006", "CLM007")


def _verified(name: str):
    return audit_document(load_document(SOURCES / name), Settings(select=VERIFY, sources=str(CITED)))


def test_the_paper_quotes_and_figures_checked_against_its_cited_works():
    result = _verified("river-basin-paper.md")
    found = [(f.code, f.excerpt) for f in result.findings]
    assert _order(found) == _order((code, excerpt) for code, excerpt, _ in PLANTED_IN_SOURCES)
    for finding, (_, _, source) in zip(sorted(result.findings, key=lambda f: (f.code, f.excerpt)),
                                       sorted(PLANTED_IN_SOURCES)):
        assert source in finding.message
    altered = next(f for f in result.findings if f.code == "CLM006")
    assert "[-when-]{+if+}" in altered.message and altered.suggestion.startswith("A right to water in August")
    # Each cited work in the folder is found for its entry, four ways of finding it among them.
    matched = {Path(m.path).name: m.how for m in result.extraction.sources}
    assert matched == {"brandt-2016.pdf": "title", "ferreira-sato-2018.html": "doi", "okafor-2019.md": "title",
                       "sbc-ar-2022.docx": "mapping"}
    verified = [c for c in result.extraction.claims if c.support == "verified-in-source"]
    assert any("more than 80 per cent" in c.text for c in verified)


@pytest.mark.parametrize("name", [n for n in PLANTED if n != "river-basin-paper.md"])
def test_the_other_demo_documents_cite_no_work_in_the_folder(name):
    result = _verified(name)
    assert result.findings == () and not result.extraction.sources
