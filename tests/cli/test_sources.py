"""``--sources`` on the command line: findings against the cited works, the cache beside the
claim ledger (a second run reads no source again), the one-line summary, and usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.verify import library as library_module

PAPER = """# Harbour dredging

Published on 2 May 2025

The outer channel lost "most of its depth within three winters" (Okafor, 2019). Dredging removed
410,000 cubic metres of silt in 2018 (Okafor, 2019).

## References

Okafor, N. (2019). Dredging the outer harbour. Port Economics, 12(1), 3-21.

Hale, R. (2017). River basins under pressure. Meridian Press.
"""

SOURCE = """# Dredging the outer harbour

Nkechi Okafor

The outer channel lost most of its depth within two winters. Dredging removed 410,000 cubic
metres of silt in 2018.
"""


@pytest.fixture
def project(workdir):
    (workdir / "paper.md").write_text(PAPER, encoding="utf-8")
    (workdir / "cited").mkdir()
    (workdir / "cited" / "okafor.md").write_text(SOURCE, encoding="utf-8")
    return workdir


@pytest.fixture
def loads(monkeypatch):
    calls: list[str] = []
    real = library_module.load_document
    monkeypatch.setattr(library_module, "load_document", lambda path: calls.append(Path(path).name) or real(path))
    library_module._OPENED.clear()
    yield calls
    library_module._OPENED.clear()


def test_findings_summary_and_a_cache_beside_the_ledger(cli, project, loads):
    code, out, err = cli("audit", "paper.md", "--sources", "cited", "--no-html", "--select", "CLM")
    assert code == 0  # a warning only
    assert "paper.md:5:25: CLM006 [warning] Quotation differs from the cited work (cited/okafor.md): " \
           "most of its depth within [-two-]{+three+} winters" in out
    assert "  cited works in --sources: 1 of 2 references and notes" in out
    assert loads == ["okafor.md"]
    assert (project / "claims" / ".sources-cache.sqlite3").is_file()
    ledger = json.loads((project / "claims" / "paper.json").read_text(encoding="utf-8"))
    verified = [c for c in ledger["claims"] if c["support"] == "verified-in-source"]
    assert [" ".join(e["found"].split()) for c in verified for e in c["evidence"]] == ["410,000 cubic metres", "2018"]
    library_module._OPENED.clear()  # as a new process would start
    loads.clear()
    assert cli("audit", "paper.md", "--sources", "cited", "--no-html", "--select", "CLM")[1] == out
    assert loads == []  # read from the cache


def test_without_a_ledger_no_cache_is_written(cli, project, loads):
    cli("audit", "paper.md", "--sources", "cited", "--no-html", "--no-claims")
    assert not (project / "claims").exists()


def test_sources_in_the_settings_file(cli, project, loads):
    (project / "factcheck.toml").write_text('sources = "cited"\n', encoding="utf-8")
    code, out, _ = cli("audit", "paper.md", "--no-html", "--no-claims", "--format", "json")
    doc = json.loads(out)["documents"][0]
    assert [(r["source"], r["source_match"]) for r in doc["references"]] == [("cited/okafor.md", "title"),
                                                                            (None, None)]


def test_a_sources_folder_that_is_not_there_is_a_usage_error(cli, project):
    code, out, err = cli("audit", "paper.md", "--sources", "nowhere")
    assert code == 2 and "sources folder 'nowhere' not found" in err


def test_rules_and_explain_list_the_new_rules(cli):
    code, out, _ = cli("rules")
    for code_, name in (("CLM003", "quote-not-in-source"), ("CLM004", "figure-mismatch"), ("CLM006", "altered-quote"),
                        ("CLM007", "figure-not-in-source")):
        assert code_ in out and name in out
        assert cli("explain", code_)[1].startswith(f"{code_} {name}")
