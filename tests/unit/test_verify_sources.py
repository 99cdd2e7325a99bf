"""The folder of cited works: files matched to works, read once through the cache, errors named,
and what is found carried into the claim records, the JSON and the ledger."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import factcheck
from factcheck.config import ConfigError, Settings
from factcheck.configure import load_settings
from factcheck.documents import load_document
from factcheck.pipeline import audit, audit_document
from factcheck.reports.ledger import write_ledgers
from factcheck.verify import library as library_module
from factcheck.verify.library import open_library, read_library

PAPER = """\
# Storage and the calendar

Published on 14 March 2024

Brandt writes that "a right to water in August is worth little when the water arrives in May" (Brandt, 2016).
Early-season releases rose from 38 to 47 percent of the annual total (Ferreira & Sato, 2018). Okafor (2019)
calls storage "a promise the river does not make".

## References

Brandt, K. (2016). *Rivers of contention: Upstream storage and downstream rights*. Meridian Academic Press.

Ferreira, A., & Sato, Y. (2018). Seasonal flow variability in semi-arid basins. *Journal of Dryland Hydrology*, 7(3), 140–157. https://doi.org/10.5555/jdh.2018.0703

Okafor, N. (2019). Allocation rules under uncertainty. *Water Policy Review*, 21(4), 677–694.

Mensah, K. (2020). *Negotiating the dry season*. Volta Policy Institute.
"""

SOURCES = {
    "brandt.txt": "Rivers of Contention: Upstream Storage and Downstream Rights\n\nKarin Brandt\n\n"
                  "A right to water in August is worth little when the water arrives in May.\n",
    "jdh-0703.md": "# Seasonal flow variability\n\nA. Ferreira and Y. Sato · https://doi.org/10.5555/JDH.2018.0703\n\n"
                   "The share of releases in the early dry season rose from 38 percent to 47 percent of the annual total.\n",
    "allocation.html": "<html><head><title>Allocation rules under uncertainty</title></head><body><article>"
                       "<h1>Allocation rules under uncertainty</h1><p>By Nkechi Okafor</p>"
                       "<p>Storage is a promise the river does not make.</p></article></body></html>",
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    cited = tmp_path / "cited"
    cited.mkdir()
    for name, text in SOURCES.items():
        (cited / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.fixture
def loads(monkeypatch) -> list[str]:
    """The files a loader reads while the library is opened (not found in the cache)."""
    calls: list[str] = []
    real = library_module.load_document

    def counting(path):
        calls.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(library_module, "load_document", counting)
    library_module._OPENED.clear()
    yield calls
    library_module._OPENED.clear()


def _audit(project: Path, **settings):
    return audit_document(load_document(project / "paper.md"), Settings(sources=str(project / "cited"), **settings))


def test_each_work_finds_its_file_by_doi_or_title_and_author(project, loads):
    result = _audit(project)
    found = {m.work_id: (Path(m.path).name, m.how) for m in result.extraction.sources}
    assert found == {"r1": ("brandt.txt", "title"), "r2": ("jdh-0703.md", "doi"), "r3": ("allocation.html", "title")}


def test_a_claim_found_in_its_source_carries_the_evidence(project, loads):
    result = _audit(project)
    claims = {c.text.split()[0]: c for c in result.extraction.claims}
    brandt = claims["Brandt"]
    assert brandt.support == "verified-in-source"
    (evidence,) = brandt.evidence
    source_text = load_document(project / "cited" / "brandt.txt").text
    assert (evidence.kind, Path(evidence.path).name, evidence.found) == (
        "quote", "brandt.txt", "A right to water in August is worth little when the water arrives in May")
    assert source_text[evidence.start:evidence.end] == evidence.passage
    assert source_text[evidence.match_start:evidence.match_end] == evidence.found
    releases = claims["Early-season"]
    assert releases.support == "verified-in-source"
    assert [(e.claimed, e.found) for e in releases.evidence] == [("38", "38 percent"), ("47 percent", "47 percent")]
    assert [(f.code, f.excerpt) for f in result.findings if f.code in ("CLM003", "CLM006")] == []


def test_json_and_ledger_carry_the_source_of_each_reference_and_the_evidence(project, loads, tmp_path):
    cwd = os.getcwd()
    os.chdir(project)
    try:
        result = factcheck.audit(["paper.md"], sources="cited", isolated=True)
        payload = json.loads(factcheck.render(result, "json"))
        ledger = write_ledgers(result.documents, project / "claims")[0]
    finally:
        os.chdir(cwd)
    doc = payload["documents"][0]
    assert [(r["id"], r["source"], r["source_match"]) for r in doc["references"]] == [
        ("r1", "cited/brandt.txt", "title"), ("r2", "cited/jdh-0703.md", "doi"),
        ("r3", "cited/allocation.html", "title"), ("r4", None, None)]
    verified = [c for c in doc["claims"] if c["support"] == "verified-in-source"]
    assert verified and all(c["evidence"] for c in verified)
    assert verified[0]["evidence"][0]["source"] == "cited/brandt.txt"
    claims = json.loads(ledger.read_text(encoding="utf-8"))["claims"]
    assert [c["support"] for c in claims] == [c["support"] for c in doc["claims"]]
    assert [c["evidence"] for c in claims] == [c["evidence"] for c in doc["claims"]]


def test_without_sources_nothing_changes(project):
    result = audit_document(load_document(project / "paper.md"), Settings())
    assert result.extraction.sources is None
    assert {c.support for c in result.extraction.claims} <= {"cited", "attributed", "inherited", "unsourced"}
    payload = json.loads(factcheck.render(factcheck.audit([project / "paper.md"], isolated=True), "json"))
    assert "source" not in payload["documents"][0]["references"][0]


def test_a_second_audit_reads_the_sources_from_the_cache(project, loads):
    cache = project / "claims" / ".sources-cache.sqlite3"
    first = read_library(project / "cited", cache)
    assert first.extracted == 3 and sorted(loads) == sorted(SOURCES)
    loads.clear()
    second = read_library(project / "cited", cache)  # a new process would do this
    assert second.extracted == 0 and loads == []
    assert [s.document.text for s in second.sources] == [s.document.text for s in first.sources]
    # An edited file is read again; a renamed one is found by its content.
    (project / "cited" / "brandt.txt").write_text(SOURCES["brandt.txt"] + "\nA new paragraph.\n", encoding="utf-8")
    (project / "cited" / "allocation.html").rename(project / "cited" / "okafor-2019.html")
    third = read_library(project / "cited", cache)
    assert loads == ["brandt.txt"] and third.extracted == 1
    assert {s.relative for s in third.sources} == {"brandt.txt", "jdh-0703.md", "okafor-2019.html"}


def test_in_one_process_the_library_is_read_once(project, loads):
    for _ in range(3):
        _audit(project)
    assert sorted(loads) == sorted(SOURCES)
    assert open_library(project / "cited") is open_library(project / "cited")


def test_an_unreadable_source_is_named_and_the_run_goes_on(project, loads):
    (project / "cited" / "broken.pdf").write_bytes(b"GIF89a not a pdf")
    cwd = os.getcwd()
    os.chdir(project)
    try:
        result = audit(["paper.md"], Settings(sources="cited"))
    finally:
        os.chdir(cwd)
    assert [(e.path, e.message.split(":")[0]) for e in result.errors] == [("cited/broken.pdf", "cited work")]
    assert "not a PDF" in result.errors[0].message
    assert len(result.documents) == 1 and result.documents[0].extraction.sources


def test_the_sources_folder_is_not_audited_as_documents(project, loads):
    result = audit([project], Settings(sources=str(project / "cited"), claims_dir=None))
    assert [Path(d.document.path).name for d in result.documents] == ["paper.md"]


def test_findings_point_into_the_source_and_its_text_travels_with_the_result(project, loads):
    (project / "paper.md").write_text(PAPER.replace("when the water arrives", "if the water arrives"), encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(project)
    try:
        result = audit(["paper.md"], Settings(sources="cited"))
        sarif = json.loads(factcheck.render(result, "sarif"))
    finally:
        os.chdir(cwd)
    (altered,) = [f for f in result.documents[0].findings if f.code == "CLM006"]
    (related,) = altered.related
    assert related.path == "cited/brandt.txt"
    assert result.side_texts["cited/brandt.txt"][related.start:related.end] == related.excerpt
    (hit,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "CLM006"]
    assert hit["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("cited/brandt.txt")


def test_sources_in_the_settings_file_are_relative_to_it(tmp_path, monkeypatch):
    (tmp_path / "docs" / "cited").mkdir(parents=True)
    (tmp_path / "docs" / "factcheck.toml").write_text('sources = "cited"\n', encoding="utf-8")
    settings = load_settings(config_path=str(tmp_path / "docs" / "factcheck.toml"), environ={})
    assert Path(settings.sources).resolve() == (tmp_path / "docs" / "cited").resolve()
    monkeypatch.chdir(tmp_path)
    assert load_settings(environ={"FACTCHECK_SOURCES": "docs/cited"}, isolated=True).sources == "docs/cited"
    with pytest.raises(ConfigError, match="sources folder 'nowhere' not found"):
        load_settings(cli={"sources": "nowhere"}, isolated=True, environ={})


def test_a_file_found_by_title_for_two_works_goes_to_neither_unless_one_fits_better(tmp_path, loads):
    (tmp_path / "cited").mkdir()
    (tmp_path / "cited" / "report.txt").write_text("Annual Report 2022\n\nKessel Port Authority\n\nThe harbour.\n",
                                                   encoding="utf-8")
    (tmp_path / "paper.md").write_text(
        "# Ports\n\nThe harbour grew (Kessel Port Authority, 2021). It grew again (Kessel Port Authority, 2022).\n\n"
        "## References\n\nKessel Port Authority. (2021). *Annual report 2021*. Kessel.\n\n"
        "Kessel Port Authority. (2022). *Annual report 2022*. Kessel.\n", encoding="utf-8")
    result = audit_document(load_document(tmp_path / "paper.md"), Settings(sources=str(tmp_path / "cited")))
    # The 2021 report's title has a number the file does not: only the 2022 report is this file.
    assert [(m.work_id, Path(m.path).name, m.how) for m in result.extraction.sources] == [("r2", "report.txt", "title")]


def test_the_cache_survives_damage_and_forgets_what_is_not_used(tmp_path, monkeypatch):
    import sqlite3

    from factcheck.verify import cache as cache_module
    from factcheck.verify.cache import TextCache

    document = load_document(_write(tmp_path / "a.txt", "Some words of a source."))
    cache = TextCache(tmp_path / "c.sqlite3")
    cache.put("k", document)
    assert cache.get("k") == document and cache.get("other") is None
    cache.close()
    with sqlite3.connect(tmp_path / "c.sqlite3") as db:
        db.execute("UPDATE texts SET document = ? WHERE key = 'k'", (b"not zlib",))
    assert TextCache(tmp_path / "c.sqlite3").get("k") is None  # damaged: read the file again
    cache = TextCache(tmp_path / "c.sqlite3")
    cache.put("old", document)
    cache.close()
    monkeypatch.setattr(cache_module.time, "time", lambda: 10**12)  # long after
    assert TextCache(tmp_path / "c.sqlite3").get("old") is None
    (tmp_path / "not-a-db.sqlite3").write_text("garbage", encoding="utf-8")
    assert TextCache(tmp_path / "not-a-db.sqlite3").get("k") is None  # no cache, no error
    assert TextCache(tmp_path / "nowhere" / "x" / "c.sqlite3").get("k") is None


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
