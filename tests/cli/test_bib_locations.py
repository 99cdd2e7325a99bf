"""A finding about an entry of a .bib or CSL-JSON bibliography points into that file, in every output,
with the citations that use the entry as related places in the manuscript."""

from __future__ import annotations

import json
from datetime import datetime
import xml.etree.ElementTree as ET

from factcheck import render
from factcheck.config import Settings
from factcheck.pipeline import audit
from factcheck.reports import artifact_uri
from factcheck.reports.html.view import build_document_view

DOC = """---
title: Silt in the Kessa delta
---

# Silt

The delta lost a tenth of its area in a decade [@okafor2019]. Dredging made it worse [@hale].
"""

BIB = """@article{okafor2019,
  author = {Okafor, Ngozi},
  title = {Water Allocation on Shared Rivers},
  journal = {Hydropolitics},
  year = {2019},
  doi = {10.12/abc},
}

@book{hale,
  author = {Hale, Rosa},
  title = {River Basins under Pressure},
  publisher = {Meridian Press},
}
"""


def _run(tmp_path):
    (tmp_path / "delta.md").write_text(DOC, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    return audit([tmp_path / "delta.md"], Settings(select=("REF",)), bib=str(tmp_path / "refs.bib"))


def test_json_places_the_finding_in_the_bib_with_the_citation_as_related(tmp_path):
    result = _run(tmp_path)
    bib = str(tmp_path / "refs.bib")
    (doc,) = json.loads(render(result, "json"))["documents"]
    found = {(f["code"], f["path"], f["line"], f["excerpt"]) for f in doc["findings"]}
    assert (("REF002", bib, 6, "10.12/abc") in found)
    incomplete = next(f for f in doc["findings"] if f["code"] == "REF001")
    assert incomplete["path"] == bib and incomplete["line"] == 9
    assert incomplete["excerpt"].startswith("@book{hale,") and "no year or date" in incomplete["message"]
    (cited,) = incomplete["related"]
    assert (cited["path"], cited["line"], cited["excerpt"]) == (str(tmp_path / "delta.md"), 7, "@hale")


def test_text_sarif_github_junit_and_html_name_the_bib_file_and_its_line(tmp_path):
    result = _run(tmp_path)
    bib = str(tmp_path / "refs.bib")
    text = render(result, "text")
    assert f"{bib}:9:1: REF001" in text and "@book{hale," in text and "delta.md:7" in text
    sarif = json.loads(render(result, "sarif"))
    locations = [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                  r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in sarif["runs"][0]["results"]]
    assert ("REF001", artifact_uri(bib), 9) in locations and ("REF002", artifact_uri(bib), 6) in locations
    github = render(result, "github")
    assert "::warning file=" in github and "refs.bib,line=9," in github
    junit = ET.fromstring(render(result, "junit", fail_on="warning"))
    failure = junit.find(".//testcase[@name='REF001 incomplete-reference']/failure")
    assert failure is not None and f"{bib}:9:1: REF001" in failure.text
    view = build_document_view(result.documents[0], datetime(2026, 1, 1), {}, (), side_texts=result.side_texts)
    listed = {(f.code, f.where) for f in view.findings}
    assert ("REF001", f"{bib} line 9") in listed
    assert all(f.href == "" for f in view.findings)  # not marked in the manuscript's text


def test_sarif_gives_a_file_outside_the_working_folder_an_absolute_uri_and_no_base(tmp_path, monkeypatch):
    """SARIF reads a uri with a uriBaseId as relative to it: an absolute file: URI with the base,
    or "../refs.bib" under the source root, pointed nowhere a code-scanning upload could show."""
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    result = _run(tmp_path)  # the paper and refs.bib in tmp_path, the working folder below them
    sarif = json.loads(render(result, "sarif"))
    places = {r["ruleId"]: r["locations"][0]["physicalLocation"]["artifactLocation"] for r in sarif["runs"][0]["results"]}
    assert places["REF001"] == {"uri": (tmp_path / "refs.bib").as_uri()}
    assert artifact_uri("../refs.bib") == (tmp_path / "refs.bib").as_uri()
    assert artifact_uri("notes/a.md") == "notes/a.md"
    assert artifact_uri("notes/../../refs.bib") == (tmp_path / "refs.bib").as_uri()  # out of it, however written


def test_junit_failures_follow_fail_on(tmp_path):
    result = _run(tmp_path)
    strict = ET.fromstring(render(result, "junit", fail_on="warning"))
    lenient = ET.fromstring(render(result, "junit", fail_on="error"))
    assert strict.get("failures") == "2" and lenient.get("failures") == "0"
    case = lenient.find(".//testcase[@name='REF002 malformed-locator']")
    assert case.find("failure") is None and "10.12/abc" in case.find("system-out").text
