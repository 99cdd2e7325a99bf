"""Measure verification on the fixture set: recall per planted defect, false findings on clean copies.

Used by ``tests/verify/test_fixture_set.py`` (which holds the floors of the issue) and by
``bench/verify_sources.py`` (which prints the table).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.citations.bib import read_bibliography
from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document
from tests.verify.fixture_set import DEFECTS, VERIFY_RULES, build, locate


@dataclass
class Score:
    planted: Counter = field(default_factory=Counter)  # kind -> planted
    found: Counter = field(default_factory=Counter)  # kind -> found by its rule
    found_any: Counter = field(default_factory=Counter)  # kind -> found by any verification rule
    verified: Counter = field(default_factory=Counter)  # "quote" / "figure" on the clean copies
    false: list = field(default_factory=list)  # findings on the clean copies
    missed: list = field(default_factory=list)  # (kind, manuscript, text)
    formats: Counter = field(default_factory=Counter)  # manuscript formats

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.planted[kind] if self.planted[kind] else 0.0

    @property
    def false_rate(self) -> float:
        checked = sum(self.verified.values())
        return len(self.false) / checked if checked else 0.0


def audit(path: Path, bib: Path | None, cited: Path):
    bibliography = read_bibliography(bib) if bib else None
    settings = Settings(select=VERIFY_RULES, sources=str(cited))
    return audit_document(load_document(path), settings, bibliography)


def measure(folder: Path) -> Score:
    score = Score()
    for variant in ("clean", *DEFECTS):
        cited, written = build(folder, variant)
        for path, bib, planted in written:
            result = audit(path, bib, cited)
            findings = [f for f in result.findings if f.code in VERIFY_RULES]
            if variant == "clean":
                score.formats[path.suffix] += 1
                score.false.extend((path.name, f.code, f.excerpt, f.message) for f in findings)
                for claim in result.extraction.claims:
                    score.verified.update(e.kind for e in claim.evidence)
                continue
            code = DEFECTS[variant][1]
            text = result.document.text
            for before, value in planted:
                score.planted[variant] += 1
                span = locate(text, before, value)
                if span is None:
                    score.missed.append((variant, path.name, value, "not located"))
                    continue
                overlapping = [f for f in findings if f.start < span[1] and span[0] < f.end]
                if any(f.code == code for f in overlapping):
                    score.found[variant] += 1
                else:
                    score.missed.append((variant, path.name, value, [f.code for f in overlapping]))
                if overlapping:
                    score.found_any[variant] += 1
    return score
