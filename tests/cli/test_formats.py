"""Output formats: SARIF (validated against the official schema), JUnit, GitHub workflow
commands, the ruff-style text report, --output, and the rule catalogue."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from factcheck.reports.github import command, escape_data, escape_property
from tests.cli.conftest import CLEAN, ERRORS, ROOT, WARNINGS_ONLY

SCHEMA = ROOT / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"
DEMO = ("dam-safety-memo.docx", "grid-outage-news.html", "port-expansion-report.txt", "river-basin-paper.md",
        "water-tariffs-brief.pdf")


@pytest.fixture(scope="module")
def demo_sarif(tmp_path_factory):
    """SARIF for our sources/, audited from the repository root as a CI job would."""
    from factcheck.cli import main

    out = tmp_path_factory.mktemp("sarif") / "factcheck.sarif"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = main(["audit", *(f"sources/{name}" for name in DEMO), "--no-html", "--no-claims", "-q", "--isolated",
                     "--no-baseline", "--format", "sarif", "--output", str(out)])
    finally:
        os.chdir(cwd)
    assert code == 1
    return json.loads(out.read_text(encoding="utf-8"))


def test_sarif_validates_against_the_schema(demo_sarif):
    if not SCHEMA.is_file():
        pytest.skip(f"{SCHEMA} not found")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(demo_sarif), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_sarif_rules_results_and_locations(demo_sarif):
    from factcheck.rules.registry import all_rules

    (run,) = demo_sarif["runs"]
    assert demo_sarif["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    specs = all_rules()
    assert [r["id"] for r in rules] == [s.code for s in specs]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for rule, spec in zip(rules, specs):
        assert rule["name"] == spec.name and rule["shortDescription"]["text"] == spec.summary
        assert rule["defaultConfiguration"]["level"] == levels[spec.severity.value]
        assert "## Fix" in rule["help"]["markdown"] and rule["fullDescription"]["text"]
        assert "helpUri" not in rule  # SARIF wants an absolute URI there; we have none to give
    results = run["results"]
    assert len(results) == 24
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {f"sources/{name}" for name in DEMO}
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startColumn"] >= 1 and region["endColumn"] >= 1 and region["startLine"] >= 1
        assert (region["endLine"], region["endColumn"]) > (region["startLine"], region["startColumn"])
        assert region["snippet"]["text"]
        assert list(result["partialFingerprints"]) == ["factcheck/v1"]
    author = next(r for r in results if r["ruleId"] == "CIT003")
    assert author["level"] == "error"
    assert author["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "Achterburg, 2018"
    (related,) = author["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "sources/river-basin-paper.md"
    assert related["message"]["text"].startswith("reference entry: Achterberg")
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    pdf = next(r for r in results if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".pdf"))
    assert pdf["properties"]["page"] >= 1


def test_sarif_region_columns_are_code_points(cli, workdir):
    (workdir / "doc.md").write_text("# Ünïcödé\n\nPublished on 2 May 2025\n\nThe Ørsta dam grew — fast (Hale, 2017).\n\n"
                                    "## References\n\nOkafor, N. (2019). Dredging. Port Economics, 12(1), 3-21.\n",
                                    encoding="utf-8")
    cli("audit", "doc.md", "--no-html", "--no-claims", "--format", "sarif", "--output", "out.sarif", "--select", "CIT001")
    (result,) = json.loads((workdir / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = "The Ørsta dam grew — fast (Hale, 2017)."
    assert region == {"startLine": 5, "startColumn": line.index("Hale") + 1, "endLine": 5,
                      "endColumn": line.index(")") + 1, "snippet": {"text": "Hale, 2017"}}


def test_sarif_fingerprints_survive_edits_elsewhere(cli, workdir):
    def fingerprints(text: str) -> dict[str, str]:
        (workdir / "doc.md").write_text(text, encoding="utf-8")
        cli("audit", "doc.md", "--no-html", "--no-claims", "--format", "sarif", "--output", "out.sarif")
        results = json.loads((workdir / "out.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
        return {r["ruleId"]: r["partialFingerprints"]["factcheck/v1"] for r in results}

    before = fingerprints(ERRORS)
    after = fingerprints(ERRORS.replace("# Harbour dredging\n", "# Harbour dredging\n\nA new first paragraph.\n"))
    assert before and before == after


def test_junit_one_suite_per_document_one_case_per_rule(cli, workdir):
    (workdir / "errors.md").write_text(ERRORS, encoding="utf-8")
    (workdir / "clean.md").write_text(CLEAN, encoding="utf-8")
    (workdir / "broken.pdf").write_bytes(b"GIF89a nope")
    code, out, _ = cli("audit", "errors.md", "clean.md", "broken.pdf", "--no-html", "--no-claims", "--format", "junit",
                       "--select", "CIT,FN")
    assert code == 2
    root = ET.fromstring(out)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert list(suites) == ["errors.md", "clean.md", "broken.pdf"]
    cases = suites["errors.md"].findall("testcase")
    assert [c.get("name") for c in cases][:3] == ["CIT001 missing-reference", "CIT002 uncited-reference",
                                                  "CIT003 author-mismatch"]
    assert len(cases) == 11 and suites["errors.md"].get("tests") == "11"
    failed = [c for c in cases if c.find("failure") is not None]
    assert [c.get("name") for c in failed] == ["CIT001 missing-reference"]
    failure = failed[0].find("failure")
    assert failure.get("type") == "error" and failure.get("message") == "1 finding(s) of CIT001"
    assert failure.text.startswith("errors.md:5:77: CIT001 [error] Citation 'Hale, 2017' matches no entry")
    assert suites["clean.md"].get("failures") == "0" and len(suites["clean.md"].findall("testcase")) == 11
    assert suites["broken.pdf"].find("testcase/error") is not None
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("23", "1", "1")


def test_github_escaping():
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    assert command("warning", "msg: a, b", file="dir/a,b.md", line=3, title="CIT002 x:y") == \
        "::warning file=dir/a%2Cb.md,line=3,title=CIT002 x%3Ay::msg: a, b"


def test_github_annotations(cli, workdir):
    (workdir / "doc.md").write_text(ERRORS, encoding="utf-8")
    code, out, _ = cli("audit", "doc.md", "--no-html", "--no-claims", "--format", "github")
    assert code == 1
    assert out == ("::error file=doc.md,line=5,col=77,endLine=5,endColumn=87,title=CIT001 missing-reference::"
                   "Citation 'Hale, 2017' matches no entry in the reference list.%0ASuggestion: add the cited work "
                   "to the reference list or correct the citation\n")
    (workdir / "warn.md").write_text(WARNINGS_ONLY, encoding="utf-8")
    _, out, _ = cli("audit", "warn.md", "--no-html", "--no-claims", "--format", "github")
    assert out.startswith("::warning file=warn.md,line=9,col=1,")


def test_text_report_ruff_style(cli, workdir):
    (workdir / "doc.md").write_text(ERRORS, encoding="utf-8")
    code, out, _ = cli("audit", "doc.md", "--no-html", "--no-claims")
    assert code == 1
    lines = out.splitlines()
    assert lines[:7] == [
        "doc.md:5:77: CIT001 [error] Citation 'Hale, 2017' matches no entry in the reference list.",
        "  |",
        "5 | Dredging doubled the port's depth (Okafor, 2019). Costs overran by a third (Hale, 2017).",
        "  |                                                                             ^^^^^^^^^^",
        "  |",
        "  = help: add the cited work to the reference list or correct the citation",
        "",
    ]
    assert "\x1b[" not in out
    assert lines[-1] == "1 document(s), 2 claims: 1 error(s), 0 warning(s), 0 info; 0 unreadable"


def test_text_report_cuts_long_lines_around_the_excerpt():
    from factcheck.reports.text import MAX_WIDTH, source_window
    from factcheck.spans import LineIndex

    text = "word " * 60 + "(Hale, 2017)" + " more" * 60
    start = text.index("(Hale")
    number, shown, carets = source_window(text, LineIndex(text), start + 1, start + 11)
    assert number == 1 and len(shown) <= MAX_WIDTH and shown.startswith("…") and shown.endswith("…")
    assert shown[carets.index("^"):carets.index("^") + 10] == "Hale, 2017" and carets.strip() == "^" * 10
    # Wide characters take two columns: the carets stay under the excerpt.
    text = "東京で (Hale, 2017)"
    _, shown, carets = source_window(text, LineIndex(text), text.index("Hale"), text.index(")"))
    assert carets == " " * 8 + "^" * 10


def test_colour_only_when_asked_or_on_a_terminal(cli, workdir, monkeypatch):
    from factcheck.terminal import color_wanted as _color

    class Tty:
        def isatty(self):
            return True

    assert _color("auto", Tty(), {}) is True
    assert _color("auto", Tty(), {"NO_COLOR": "1"}) is False
    assert _color("auto", Tty(), {"TERM": "dumb"}) is False
    assert _color("auto", object(), {}) is False
    assert _color("always", object(), {"NO_COLOR": "1"}) is True
    (workdir / "doc.md").write_text(ERRORS, encoding="utf-8")
    _, out, _ = cli("audit", "doc.md", "--no-html", "--no-claims", "--color", "always")
    assert "\x1b[1;31mCIT001\x1b[0m" in out


def test_output_file_gets_the_format_and_the_terminal_the_text_report(cli, workdir):
    (workdir / "doc.md").write_text(ERRORS, encoding="utf-8")
    code, out, _ = cli("audit", "doc.md", "--no-html", "--no-claims", "--format", "json", "--output", "out/r.json")
    assert code == 1
    data = json.loads((workdir / "out" / "r.json").read_text(encoding="utf-8"))
    assert data["summary"]["errors"] == 1
    assert out.startswith("doc.md:5:77: CIT001") and out.rstrip().endswith("0 unreadable")
    assert sorted(p.name for p in (workdir / "out").iterdir()) == ["r.json"]  # no temporary file left
    code, out, _ = cli("audit", "doc.md", "--no-html", "--no-claims", "-q", "--format", "sarif", "--output", "r.sarif")
    assert json.loads((workdir / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert out.startswith("document ")


def test_html_reports_are_written_unless_no_html(cli, workdir):
    (workdir / "doc.md").write_text(ERRORS, encoding="utf-8")
    cli("audit", "doc.md", "--no-claims", "-q", "--out", "html")
    assert (workdir / "html" / "index.html").is_file()
    shutil.rmtree(workdir / "html")
    cli("audit", "doc.md", "--no-claims", "-q", "--out", "html", "--no-html")
    assert not (workdir / "html").exists()


def test_rules_as_json_and_docs_are_up_to_date(cli):
    from factcheck.rules.docs import render_rules_markdown
    from factcheck.rules.registry import all_rules

    code, out, _ = cli("rules", "--format", "json")
    records = json.loads(out)
    assert code == 0 and [r["code"] for r in records] == [s.code for s in all_rules()]
    assert records[0]["url"] == "docs/rules.md#cit001" and "## Fix" in records[0]["doc"]
    shipped = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert shipped == render_rules_markdown(), "docs/rules.md is stale: run `make docs`"
    for spec in all_rules():
        assert f"\n## {spec.code}\n" in shipped  # the anchor #<code> that rules[].url points at


def test_help_has_examples(cli):
    code, out, _ = cli("audit", "--help")
    assert code == 0
    for example in ("--format sarif --output", "--format github", "factcheck baseline", "factcheck: ignore"):
        assert example in out


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_is_compact_unless_indented(cli, workdir, fmt):
    (workdir / "doc.md").write_text(ERRORS, encoding="utf-8")
    _, compact, _ = cli("audit", "doc.md", "--no-html", "--no-claims", "--format", fmt)
    _, indented, _ = cli("audit", "doc.md", "--no-html", "--no-claims", "--format", fmt, "--indent", "2")
    assert compact == json.dumps(json.loads(compact), ensure_ascii=False, separators=(",", ":")) + "\n"
    assert indented.startswith('{\n  "') and json.loads(indented) == json.loads(compact)
    code, _, err = cli("audit", "doc.md", "--no-html", "--indent", "x")
    assert code == 2 and "not a number of spaces from 0 to 16: 'x'" in err
