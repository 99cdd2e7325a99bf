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
        if path.name == "README.md":
            continue
        assert path.stat().st_size < 50 * 1024, path.name
        words = len(load_document(path).text.split())
        assert 400 <= words <= 1200, (path.name, words)
