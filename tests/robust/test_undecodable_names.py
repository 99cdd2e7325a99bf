"""A file name that is not UTF-8 (a Latin-1 "é" from an old archive) is audited and reported
like any other, by every output of the command: no "internal error", and the name kept.

Python reads such a name with a lone surrogate standing for the stray byte (``os.fsdecode``:
b"caf\\xe9" is "caf\\udce9"), which no UTF-8 file can hold. What each output writes instead: the
escape ``\\udce9`` where people read it (the text report, the HTML pages), the same escape in JSON
(a JSON escape of that very character, so the name reads back as it was), its byte
percent-encoded in a SARIF URI (``caf%E9.txt``, the URI of the file); the report and ledger
files take names of their own (a ledger the document's name, its byte and all).
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import factcheck.pipeline as pipeline
from factcheck.cli import main

CLAIM = "The Morrow lock at Tavistry was reopened in April 2003."


@pytest.fixture
def docs(tmp_path, monkeypatch):
    folder = tmp_path / "docs"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"caf\xe9.txt")).write_text(f"Notes\n\n{CLAIM}\n", encoding="utf-8")
    except (UnicodeEncodeError, OSError):  # a file system (or platform) that refuses such names
        pytest.skip("this file system does not take a name that is not UTF-8")
    (folder / "plain.txt").write_text("Notes\n\nThe reading room opens at nine.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


ODD = os.path.join("docs", os.fsdecode(b"caf\xe9.txt"))


@pytest.mark.parametrize("large", [False, True])
def test_the_default_outputs_keep_the_name(docs, tmp_path, monkeypatch, capsys, large):
    if large:  # the results kept on disk and the pages and ledgers made by the workers
        monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    assert main(["audit", "docs", "--isolated", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "docs/caf\\udce9.txt:3:1: CLM001 [info]" in out
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    page = (tmp_path / "reports" / "caf.html").read_text(encoding="utf-8")
    assert "docs/caf\\udce9.txt" in index and "<title>caf\\udce9.txt — factcheck report</title>" in page
    ledger = tmp_path / "claims" / os.fsdecode(b"caf\xe9.json")
    recorded = json.loads(ledger.read_text(encoding="utf-8"))
    assert recorded["document"] == ODD and recorded["claims"][0]["text"] == CLAIM


def test_every_report_format_keeps_the_name(docs, tmp_path, capsys):
    for fmt in ("json", "sarif", "junit", "github", "text"):
        assert main(["audit", "docs", "--isolated", "--no-html", "--no-claims", "-q", "--format", fmt,
                     "--output", f"out.{fmt}"]) == 0, fmt
    capsys.readouterr()
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in report["documents"]] == [ODD, os.path.join("docs", "plain.txt")]
    sarif = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]] \
        == ["docs/caf%E9.txt"]
    suites = ET.parse(tmp_path / "out.junit").getroot()
    assert "docs/caf\\udce9.txt" in [suite.get("name") for suite in suites]
    assert "file=docs/caf\\udce9.txt,line=3" in (tmp_path / "out.github").read_text(encoding="utf-8")
    assert "docs/caf\\udce9.txt" in (tmp_path / "out.text").read_text(encoding="utf-8")


def test_a_baseline_of_the_name_suppresses_its_finding_again(docs, tmp_path, capsys):
    assert main(["baseline", "docs", "--isolated"]) == 0
    accepted = json.loads((tmp_path / ".factcheck-baseline.json").read_text(encoding="utf-8"))
    assert [(f["path"], f["code"]) for f in accepted["findings"]] == [(Path(ODD).as_posix(), "CLM001")]
    assert main(["audit", "docs", "--isolated", "--no-html", "--no-claims"]) == 0
    assert "1 suppressed" in capsys.readouterr().out
