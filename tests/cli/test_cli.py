"""The command line as a user meets it: exit codes, unreadable inputs, JSON shape, the ledger."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli import main
from factcheck.gate import exit_code
from factcheck.model import Severity

PAPER = """# Harbour dredging

Published on 2 May 2025

Dredging doubled the port's depth (Okafor, 2019). Costs overran by a third (Hale, 2017).

## References

Okafor, N. (2019). Dredging the Outer Harbour. Port Economics, 12(1), 3-21.
"""


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_unreadable_inputs_are_named_and_the_rest_is_audited(tmp_path):
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"GIF89a\x00\x01 not a pdf")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "folder.docx").mkdir()
    proc = run(["audit", "paper.md", "bad.pdf", "empty.txt", "folder.docx", "missing.md", "--format", "json",
                "--no-claims"], tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        "factcheck: missing.md: no such file or directory",
        "factcheck: bad.pdf: not a PDF file (starts with 'GIF89a')",
        "factcheck: folder.docx: is a directory, not a docx file",
        f"factcheck: HTML reports in reports (open {Path('reports') / 'index.html'})",
    ]
    data = json.loads(proc.stdout)
    assert [e["path"] for e in data["errors"]] == ["missing.md", "bad.pdf", "folder.docx"]
    doc, empty = data["documents"]
    assert (empty["path"], empty["findings"], empty["claims"]) == ("empty.txt", [], [])
    assert doc["path"] == "paper.md" and doc["published"] == "2025-05-02"
    assert [(f["code"], f["excerpt"], f["line"]) for f in doc["findings"]] == [("CIT001", "Hale, 2017", 5)]
    citation = next(c for c in doc["citations"] if c["text"] == "Okafor, 2019")
    reference = doc["references"][0]
    assert citation["reference"] == reference["id"] and reference["cited_by"] == [citation["id"]]


def test_exit_codes_follow_fail_on(tmp_path):
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    assert main(["audit", str(tmp_path / "paper.md"), "--no-claims", "--no-html", "-q"]) == 1
    assert main(["audit", str(tmp_path / "paper.md"), "--no-claims", "--no-html", "-q", "--fail-on", "never"]) == 0
    assert main(["audit", str(tmp_path / "paper.md"), "--no-claims", "--no-html", "-q", "--exit-zero"]) == 0
    assert main(["audit", str(tmp_path / "paper.md"), "--no-claims", "--no-html", "-q", "--ignore", "CIT001",
                 "--select", "CIT,REF,FN"]) == 0


THREE_RULES = """# Dredging

Published on 2 May 2025

Critics argue that dredging doubled the depth of the harbour (Okafor, 2019).

## References

Hale, T. (2017). Port costs. Harbour Review, 3(2), 1-9.
"""


def test_repeated_select_and_ignore_add_up_and_an_empty_one_is_refused(tmp_path, capsys):
    (tmp_path / "paper.md").write_text(THREE_RULES, encoding="utf-8")

    def codes(*options: str) -> list[str]:
        assert main(["audit", str(tmp_path / "paper.md"), "--no-claims", "--no-html", "--format", "json",
                     "--exit-zero", *options]) == 0
        return sorted({f["code"] for d in json.loads(capsys.readouterr().out)["documents"] for f in d["findings"]})

    assert codes() == ["CIT001", "CIT002", "CLM005"]  # Okafor uncited, Hale cited nowhere, "Critics argue"
    assert codes("--select", "CIT001", "--select", "CLM005") == ["CIT001", "CLM005"]
    assert codes("--select", "CIT", "--ignore", "CIT001", "--ignore", "CIT002") == []
    assert codes("--ignore", "CIT001", "--ignore", "CLM") == ["CIT002"]
    with pytest.raises(SystemExit) as raised:  # an unset variable in a script: "--select $RULES"
        main(["audit", str(tmp_path / "paper.md"), "--select", ""])
    assert raised.value.code == 2 and "argument --select: no rule code given" in capsys.readouterr().err
    assert codes("--ignore", "") == ["CIT001", "CIT002", "CLM005"]  # an empty --ignore ignores nothing


def test_baseline_and_no_baseline_together_are_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as raised:
        main(["audit", str(tmp_path), "--baseline", "accepted.json", "--no-baseline"])
    assert raised.value.code == 2
    assert "argument --no-baseline: not allowed with argument --baseline" in capsys.readouterr().err


def test_bytes_of_a_file_that_is_no_pdf_are_shown_as_escapes(tmp_path, capsys):
    (tmp_path / "scan.pdf").write_bytes(bytes([0x59, 0xD5, 0xF4, 0xEA, 0x38, 0xA1, 0xFC, 0x01]))
    assert main(["audit", str(tmp_path / "scan.pdf"), "--no-claims", "--no-html", "-q"]) == 2
    assert "scan.pdf: not a PDF file (starts with 'Y\\xd5\\xf4\\xea8\\xa1\\xfc')" in capsys.readouterr().err
    assert main(["extract", str(tmp_path)]) == 2
    assert f"factcheck: {tmp_path}: is a directory, not a document file" in capsys.readouterr().err


def test_a_run_that_finds_no_document_says_so(tmp_path, capsys):
    """A folder of other files (or one emptied, or every file excluded) passes, as nothing was
    found wrong, but says that nothing was read, so that a green CI run of nothing shows."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.rst").write_text("The berth was dredged in 2019.\n", encoding="utf-8")
    assert main(["audit", str(tmp_path / "docs"), "--no-claims", "--no-html", "-q"]) == 0
    err = capsys.readouterr().err
    assert f"factcheck: warning: no document to audit in {tmp_path / 'docs'} (factcheck reads .docx .htm" in err
    (tmp_path / "docs" / "notes.md").write_text("The berth was dredged in 2019.\n", encoding="utf-8")
    assert main(["audit", str(tmp_path / "docs"), "--no-claims", "--no-html", "-q"]) == 0
    assert "no document to audit" not in capsys.readouterr().err


@pytest.mark.parametrize("severities, unreadable, fail_on, exit_zero, expected", [
    ([], 0, "error", False, 0),
    ([Severity.WARNING], 0, "error", False, 0),
    ([Severity.WARNING], 0, "warning", False, 1),
    ([Severity.INFO], 0, "warning", False, 0),
    ([Severity.INFO], 0, "info", False, 1),
    ([Severity.ERROR], 0, "never", False, 0),
    ([Severity.ERROR], 0, "error", True, 0),
    ([], 1, "error", True, 2),
])
def test_gate(severities, unreadable, fail_on, exit_zero, expected):
    assert exit_code(severities, unreadable, fail_on, exit_zero) == expected


def test_usage_errors_exit_2_without_traceback(tmp_path, capsys):
    with pytest.raises(SystemExit) as raised:
        main(["audit"])
    assert raised.value.code == 2
    assert main(["explain", "NOPE999"]) == 2
    assert "unknown rule 'NOPE999'" in capsys.readouterr().err


def test_ledger_keeps_review_status_across_audits(tmp_path):
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    assert run(["audit", "paper.md", "-q"], tmp_path).returncode == 1
    ledger_path = tmp_path / "claims" / "paper.json"
    ledger = json.loads(ledger_path.read_text(encoding="utf-8"))
    claim = next(c for c in ledger["claims"] if "doubled" in c["text"])
    assert claim["status"] == "unreviewed" and claim["citations"]
    claim["status"] = "verified"
    ledger_path.write_text(json.dumps(ledger), encoding="utf-8")
    edited = PAPER.replace("# Harbour dredging", "# Harbour dredging\n\nA new opening paragraph was added.")
    (tmp_path / "paper.md").write_text(edited, encoding="utf-8")
    run(["audit", "paper.md", "-q"], tmp_path)
    again = json.loads(ledger_path.read_text(encoding="utf-8"))
    assert next(c for c in again["claims"] if "doubled" in c["text"])["status"] == "verified"


def test_a_review_follows_its_claim_when_notes_are_renumbered_and_repeats_keep_their_own(tmp_path, monkeypatch):
    """A note added near the start renumbers every marker after it: the claims' keys held their
    markers, and every later review was lost. A claim written twice shared one review."""
    monkeypatch.chdir(tmp_path)
    notes = "\n\nNotes\n\n[1] Harbour board minutes, 2019.\n\n[2] Port survey, 2021.\n"
    body = ("Report\n\nThe quay was rebuilt in 2019.[1] The berth was dredged to 12 metres.[2]\n\n"
            "Ships returned to the port in 2020. The quay was rebuilt in 2019.")
    (tmp_path / "port.txt").write_text(body + notes, encoding="utf-8")
    assert main(["audit", "port.txt", "--no-html", "-q", "--exit-zero"]) == 0
    ledger = tmp_path / "claims" / "port.json"
    data = json.loads(ledger.read_text(encoding="utf-8"))
    assert [c["text"] for c in data["claims"]] == [
        "The quay was rebuilt in 2019.[1]", "The berth was dredged to 12 metres.[2]",
        "Ships returned to the port in 2020.", "The quay was rebuilt in 2019."]
    assert data["claims"][3]["key"] == data["claims"][0]["key"] + "-2"
    for claim, status in zip(data["claims"], ("verified", "disputed", "unreviewed", "disputed")):
        claim["status"] = status
    # A ledger written before markers were set aside (no "keys" field) keyed each claim by its text
    # whole, markers and all: still read.
    assert data.pop("keys") == 2
    for claim in data["claims"]:
        claim["key"] = hashlib.sha1(" ".join(claim["text"].split()).lower().encode()).hexdigest()[:16]
    ledger.write_text(json.dumps(data), encoding="utf-8")
    assert main(["audit", "port.txt", "--no-html", "-q", "--exit-zero"]) == 0
    assert [c["status"] for c in json.loads(ledger.read_text(encoding="utf-8"))["claims"]] == [
        "verified", "disputed", "unreviewed", "disputed"]
    renumbered = body.replace("[2]", "[3]").replace("[1]", "[2]").replace("Report\n\n", "Report\n\nThe port opened in 1901.[1] ")
    (tmp_path / "port.txt").write_text(renumbered + notes.replace("[2] Port", "[3] Port").replace(
        "[1] Harbour", "[1] City archive, 1901.\n\n[2] Harbour"), encoding="utf-8")
    assert main(["audit", "port.txt", "--no-html", "-q", "--exit-zero"]) == 0
    again = [(c["text"], c["status"]) for c in json.loads(ledger.read_text(encoding="utf-8"))["claims"]]
    assert again == [("The port opened in 1901.[1]", "unreviewed"), ("The quay was rebuilt in 2019.[2]", "verified"),
                     ("The berth was dredged to 12 metres.[3]", "disputed"),
                     ("Ships returned to the port in 2020.", "unreviewed"), ("The quay was rebuilt in 2019.", "disputed")]


def test_claim_keys_set_markers_aside_but_not_years_or_powers():
    from factcheck.reports.ledger import claim_key

    assert claim_key("Costs rose.[1]") == claim_key("Costs rose.[2]") == claim_key("Costs rose.³")
    assert claim_key("The dam was built in [2019].") != claim_key("The dam was built in [2021].")
    assert claim_key("The basin holds 500 m².") != claim_key("The basin holds 500 m³.")


def test_a_ledger_that_cannot_be_read_or_is_anothers_is_left_with_its_reviews(tmp_path, monkeypatch, capsys):
    """An editor's slip in the JSON, or a document of the same name audited by another run: the
    ledger was rewritten and every review in it lost, without a word."""
    monkeypatch.chdir(tmp_path)
    for folder, extra in (("a", "The river rose 2 metres in 2019."), ("b", "The dam was built in 1990.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(
            f"Report\n\nThe plant employs 300 people, the mayor said. {extra}\n", encoding="utf-8")
    assert main(["audit", "a/report.txt", "--no-html", "-q", "--exit-zero"]) == 0
    ledger = tmp_path / "claims" / "report.json"
    data = json.loads(ledger.read_text(encoding="utf-8"))
    for claim in data["claims"]:
        claim.update(status="verified", review_note="checked with the mayor's office")
    ledger.write_text(json.dumps(data, indent=2), encoding="utf-8")
    reviewed = ledger.read_bytes()
    capsys.readouterr()
    # Another document of the same name, audited alone, does not take the ledger over...
    assert main(["audit", "b/report.txt", "--no-html", "-q", "--exit-zero"]) == 2
    assert (f"factcheck: error: claim ledger {Path('claims') / 'report.json'}: the ledger of a/report.txt, not of "
            "b/report.txt, with reviews; left as it was") in capsys.readouterr().err
    assert ledger.read_bytes() == reviewed
    # ...audited together, each has its own, a's reviews carried over.
    assert main(["audit", "a/report.txt", "b/report.txt", "--no-html", "-q", "--exit-zero"]) == 0
    assert {c["status"] for c in json.loads(ledger.read_text(encoding="utf-8"))["claims"]} == {"verified"}
    assert json.loads((tmp_path / "claims" / "report.txt.json").read_text(encoding="utf-8"))["document"] == "b/report.txt"
    # Without a review in it, the other's ledger is taken over, as before (nothing to lose): a
    # folder audited a file at a time, several files of one name in several formats.
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "notes.txt").write_text("Notes\n\nThe quay was rebuilt in 2019.\n", encoding="utf-8")
    (tmp_path / "c" / "notes.md").write_text("# Notes\n\nThe quay was rebuilt in 2020.\n", encoding="utf-8")
    assert main(["audit", "c/notes.txt", "--no-html", "-q", "--exit-zero"]) == 0
    assert main(["audit", "c/notes.md", "--no-html", "-q", "--exit-zero"]) == 0
    assert json.loads((tmp_path / "claims" / "notes.json").read_text(encoding="utf-8"))["document"] == "c/notes.md"
    # A slip in the JSON: the ledger is left as it was, the run says where.
    broken = ledger.read_text(encoding="utf-8").replace('"verified",', '"verified",,', 1)
    ledger.write_text(broken, encoding="utf-8")
    capsys.readouterr()
    assert main(["audit", "a/report.txt", "--no-html", "-q", "--exit-zero"]) == 2
    assert "report.json: not valid JSON (Expecting" in capsys.readouterr().err
    assert ledger.read_text(encoding="utf-8") == broken


def test_documents_with_the_same_name_each_get_their_own_ledger(tmp_path):
    # Three paper.md in three folders once shared paper.md.json: the third overwrote the second.
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "paper.md").write_text(PAPER, encoding="utf-8")
    assert run(["audit", "c", "a", "b", "-q", "--no-html"], tmp_path).returncode == 1
    owners = {p.name: json.loads(p.read_text(encoding="utf-8"))["document"]
              for p in (tmp_path / "claims").iterdir()}
    # Named in path order whatever the order on the command line, so a re-audit finds its ledger.
    assert owners == {"paper.json": "a/paper.md", "paper.md.json": "b/paper.md", "paper.md-2.json": "c/paper.md"}


def test_source_date_epoch_sets_the_report_time_and_a_bad_one_is_a_usage_error(cli, workdir, monkeypatch):
    (workdir / "paper.md").write_text(PAPER, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert cli("audit", "paper.md", "-q")[0] == 1
    first = {p.name: p.read_bytes() for p in (workdir / "reports").iterdir()}
    assert b'<time datetime="2023-11-14T22:13:20+00:00">2023-11-14 22:13 UTC</time>' in first["paper.html"]
    assert cli("audit", "paper.md", "-q")[0] == 1
    assert {p.name: p.read_bytes() for p in (workdir / "reports").iterdir()} == first  # byte-identical
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert cli("audit", "paper.md", "-q") == \
        (2, "", "factcheck: error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not 'yesterday'\n")
    assert cli("audit", "paper.md", "-q", "--no-html")[0] == 1  # no report, no time to set


def test_explain_and_rules(capsys):
    assert main(["explain", "CIT003"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("CIT003 author-mismatch (error)") and "## Fix" in page
    assert main(["rules"]) == 0
    assert "FN004" in capsys.readouterr().out


def test_extract_prints_the_audited_text_and_its_blocks(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>T</title></head><body><nav><a href='/'>Home</a> <a href='/x'>Sport</a></nav>"
                    "<article><h1>River rises</h1><p>The Vell rose by two metres on Monday.</p>"
                    "<figure><figcaption>The Vell at dusk</figcaption></figure></article></body></html>",
                    encoding="utf-8")
    assert main(["extract", str(page)]) == 0
    text = capsys.readouterr().out
    assert "The Vell rose by two metres on Monday." in text and "Sport" not in text
    assert main(["extract", str(page), "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    blocks = [(b["kind"], b["text"]) for b in record["blocks"]]
    assert ("body", "The Vell rose by two metres on Monday.") in blocks
    assert record["text"][record["blocks"][0]["start"]:record["blocks"][0]["end"]] == record["blocks"][0]["text"]


def test_extract_names_an_unreadable_file_in_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"GIF89a not a pdf")
    assert main(["extract", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.pdf" in err and "not a PDF" in err


def test_a_folder_audit_says_where_it_wrote_and_never_reads_its_own_reports(tmp_path):
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    first = run(["audit", ".", "--format", "json"], tmp_path)
    assert first.stderr.splitlines() == [
        f"factcheck: HTML reports in reports (open {Path('reports') / 'index.html'}); 1 claim ledger(s) in claims"]
    assert (tmp_path / "reports" / "paper.html").is_file()
    again = run(["audit", ".", "--format", "json"], tmp_path)
    assert [d["path"] for d in json.loads(again.stdout)["documents"]] == ["paper.md"]
    quiet = run(["audit", ".", "--format", "json", "--quiet"], tmp_path)
    assert quiet.stderr == ""
