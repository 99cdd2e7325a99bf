"""Rule cases as data: tests/rules/<CODE>.yml holds documents that must and must not trigger a rule.

Each ``fail`` case lists the exact findings expected (excerpt, and suggestion, message and
severity when given); each ``pass`` case must yield no finding of that rule. A meta-test checks
every registered rule has both kinds of case.

Optional keys of a case:
- ``settings``: settings for the audit (``genre: news``, ``language: es``, ``citation_style: numeric``...);
- ``genre``, ``language``: what the document must be read as (the detection is then part of the case);
- ``bib``: the text of a bibliography given with --bib (``bib_name``, default ``refs.bib``);
- ``sources``: the texts of the cited works (file name -> text), written into a folder passed as
  ``--sources`` (the rules that check claims against them: CLM003, CLM004, CLM006, CLM007);
- ``style``: the citation family the document must be detected in;
- ``links``: citations that must be found and where each links, as ``[citation text, entry
  opening]`` pairs in text order (the entry opening ``null`` for a citation linked to nothing;
  for a note marker, the opening of its note), so a case shows the grammar as well as the rule.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from factcheck.citations.bib import read_bibliography
from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document
from factcheck.rules.registry import all_rules

HERE = Path(__file__).parent


def _cases():
    for path in sorted(HERE.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("fail", "pass"):
            for number, case in enumerate(data.get(kind, []) or [], 1):
                yield pytest.param(path.stem, kind, case, id=f"{path.stem}-{kind}-{number}")


def run_case(tmp_path: Path, code: str, case: dict):
    name = case.get("name", "case") + "." + case.get("format", "md")
    source = tmp_path / name
    source.write_text(case["doc"], encoding="utf-8")
    sources = None
    if case.get("sources"):
        sources = tmp_path / "cited"
        sources.mkdir()
        for file_name, text in case["sources"].items():
            (sources / file_name).write_text(text, encoding="utf-8")
    bibliography = None
    if "bib" in case:
        bib_file = tmp_path / case.get("bib_name", "refs.bib")
        bib_file.write_text(case["bib"], encoding="utf-8")
        bibliography = read_bibliography(bib_file)
        assert bibliography.problems == ()
    options = {"select": (code,), "published": case.get("published"), "sources": "cited" if sources else None,
               **case.get("settings", {})}
    settings = Settings(**options)
    cwd = os.getcwd()
    os.chdir(tmp_path)  # so that messages name the sources as "cited/<file>"
    try:
        result = audit_document(load_document(source), settings, bibliography)
    finally:
        os.chdir(cwd)
    if "genre" in case:
        assert result.extraction.genre == case["genre"], result.extraction.genre_reading
    if "language" in case:
        assert result.extraction.language == case["language"], result.extraction.language_guess
    return [f for f in result.findings if f.code == code], result


def observed_links(result) -> list[list]:
    """[citation text, opening of what it links to] for each citation of the document."""
    ex = result.extraction
    targets = {r.id: r.text for r in ex.references} | {n.id: result.document.text[n.body_start:n.end]
                                                       for n in ex.notes}
    links = {link.citation_id: link.target_id for link in ex.links}
    return [[c.text, targets.get(links.get(c.id)) if links.get(c.id) else None] for c in ex.citations]


def check_links(result, expected: list[list]) -> None:
    observed = observed_links(result)
    assert len(observed) == len(expected), observed
    for (text, target), (want_text, want_target) in zip(observed, expected):
        assert text == want_text, observed
        if want_target is None:
            assert target is None, (text, target)
        else:
            assert target is not None and target.startswith(want_target), (text, target)


@pytest.mark.parametrize("code, kind, case", list(_cases()))
def test_rule_case(tmp_path, code, kind, case):
    findings, result = run_case(tmp_path, code, case)
    if "style" in case:
        assert result.extraction.citation_style == case["style"]
    if "links" in case:
        check_links(result, case["links"])
    if kind == "pass":
        assert [(f.code, f.excerpt) for f in findings] == []
        return
    expected = case["findings"]
    assert [(f.code, f.excerpt) for f in findings] == [(code, e["excerpt"]) for e in expected]
    for finding, want in zip(findings, expected):
        if "suggestion" in want:
            assert finding.suggestion == want["suggestion"]
        if "message" in want:
            assert want["message"] in finding.message
        if "severity" in want:
            assert finding.severity.value == want["severity"]


def test_every_rule_has_pass_and_fail_cases():
    missing = []
    for spec in all_rules():
        path = HERE / f"{spec.code}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
        if not data.get("fail") or not data.get("pass"):
            missing.append(spec.code)
    assert missing == []
