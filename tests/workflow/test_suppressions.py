"""Inline suppression comments and the baseline file; unused suppressions are reported."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import ERRORS

AUDIT = ("--no-html", "--no-claims")

MD = """# Harbour dredging

Published on 2 May 2025

Costs overran by a third (Hale, 2017). <!-- factcheck: ignore CIT001 -->

<!-- factcheck: ignore CIT -->
The quay was rebuilt (Mensah, 2020).

The berth was moved (Stone, 2011). <!-- factcheck: ignore FN001 -->

The crane fell (Brandt, 2015).

## References

Okafor, N. (2019). Dredging the Outer Harbour. Port Economics, 12(1), 3-21. <!-- factcheck: ignore -->
"""


def audit_json(cli, *paths: str, extra: tuple[str, ...] = ()) -> tuple[int, dict]:
    code, out, err = cli("audit", *paths, *AUDIT, "--format", "json", *extra)
    return code, json.loads(out)


def test_inline_comments_in_markdown(cli, workdir):
    (workdir / "doc.md").write_text(MD, encoding="utf-8")
    code, data = audit_json(cli, "doc.md")
    (doc,) = data["documents"]
    # Same line (CIT001), alone on the line before (a prefix, CIT), and a blanket comment
    # (the uncited Okafor entry, CIT002) suppress; Stone's comment names another rule.
    assert [(f["code"], f["excerpt"]) for f in doc["findings"]] == [("CIT001", "Stone, 2011"),
                                                                    ("CIT001", "Brandt, 2015")]
    assert data["summary"]["suppressed"] == 3 and data["summary"]["errors"] == 2
    assert data["unused_suppressions"] == [{"kind": "inline", "path": "doc.md", "code": "FN001", "line": 10}]
    assert code == 1
    code, out, _ = cli("audit", "doc.md", *AUDIT)
    assert "doc.md:10: unused suppression FN001 (inline comment matches no finding)" in out.splitlines()
    assert out.splitlines()[-1].endswith("0 unreadable; 3 suppressed; 1 unused suppression(s)")


CLAIMS = """{heading}

The lock keepers counted 12,000 boats on the canal in 2021. <!-- factcheck: ignore CLM001 -->

The canal carried 3,400 tonnes of grain in 2020.
"""


@pytest.mark.parametrize(("name", "heading"), [("canal.md", "# Canal traffic"), ("canal.txt", "Canal traffic")])
def test_a_comment_after_a_paragraph_leaves_its_claim_read(cli, workdir, name, heading):
    """The comment on a paragraph's last line is no word of its last sentence: the paragraph is
    still body text, its claim is read, and the comment suppresses that claim's finding."""
    (workdir / name).write_text(CLAIMS.format(heading=heading), encoding="utf-8")
    code, data = audit_json(cli, name, extra=("--genre", "report"))
    (doc,) = data["documents"]
    assert [c["text"] for c in doc["claims"]] == ["The lock keepers counted 12,000 boats on the canal in 2021.",
                                                  "The canal carried 3,400 tonnes of grain in 2020."]
    assert [(f["code"], f["excerpt"][:20]) for f in doc["findings"]] == [("CLM001", "The canal carried 3,")]
    assert data["summary"]["suppressed"] == 1 and data["unused_suppressions"] == []


def test_suppressed_findings_do_not_fail_and_unused_ones_never_do(cli, workdir):
    text = ERRORS.replace("(Hale, 2017).", "(Hale, 2017). <!-- factcheck: ignore CIT001, CLM005 -->")
    (workdir / "doc.md").write_text(text, encoding="utf-8")
    code, data = audit_json(cli, "doc.md", extra=("--fail-on", "info"))
    assert data["documents"][0]["findings"] == [] and data["summary"]["suppressed"] == 1
    assert [u["code"] for u in data["unused_suppressions"]] == ["CLM005"]
    assert code == 0


def test_unused_is_only_said_of_rules_that_ran(cli, workdir):
    (workdir / "doc.md").write_text(MD, encoding="utf-8")
    _, data = audit_json(cli, "doc.md", extra=("--select", "CIT"))
    assert data["unused_suppressions"] == []  # FN001 did not run: its comment may well be needed


def test_inline_comments_in_text_files(cli, workdir):
    text = ERRORS.replace("(Hale, 2017).", "(Hale, 2017). <!-- factcheck: ignore CIT001 -->")
    (workdir / "doc.txt").write_text(text, encoding="utf-8")
    _, data = audit_json(cli, "doc.txt")
    assert data["documents"][0]["findings"] == [] and data["summary"]["suppressed"] == 1


def test_inline_comments_in_html(cli, workdir):
    html = """<html><head><title>Harbour</title></head><body><article>
<h1>Harbour dredging</h1>
<p>Published on 2 May 2025</p>
<p>Costs overran by a third (Hale, 2017). <!-- factcheck: ignore CIT001 --></p>
<!-- factcheck: ignore CIT001 -->
<p>The quay was rebuilt (Mensah, 2020).</p>
<p>The crane fell (Brandt, 2015).</p>
<!-- factcheck: ignore REF001 -->
<p>Nothing to see.</p>
<h2>References</h2>
<p>Brandtt, K. (2015). Cranes. Port Economics, 2(1), 1-9.</p>
</article></body></html>
"""
    (workdir / "doc.html").write_text(html, encoding="utf-8")
    _, data = audit_json(cli, "doc.html", extra=("--select", "CIT001,REF001"))
    (doc,) = data["documents"]
    assert [f["excerpt"] for f in doc["findings"] if f["code"] == "CIT001"] == []
    assert data["summary"]["suppressed"] == 2
    assert [(u["code"], u["kind"]) for u in data["unused_suppressions"]] == [("REF001", "inline")]


def test_comments_quoted_as_code_are_not_suppressions(cli, workdir):
    text = ERRORS.replace("(Hale, 2017).", "(Hale, 2017). Write `<!-- factcheck: ignore CIT001 -->` to silence it.")
    (workdir / "doc.md").write_text(text, encoding="utf-8")
    _, data = audit_json(cli, "doc.md")
    assert [f["code"] for f in data["documents"][0]["findings"]] == ["CIT001"]


# -- baseline --------------------------------------------------------------------------------

PAPER = """# Harbour dredging

Published on 2 May 2025

Dredging doubled the port's depth (Okafor, 2019). Costs overran by a third (Hale, 2017).

The quay was rebuilt (Mensah, 2020) and rebuilt again (Mensah, 2020). In 2021 the new quay, 410 metres long, became the
longest in the region.

## References

Okafor, N. (2019). Dredging the Outer Harbour. Port Economics, 12(1), 3-21.
"""


def test_baseline_survives_edits_elsewhere_and_reports_fixed_entries(cli, workdir):
    doc = workdir / "paper.md"
    doc.write_text(PAPER, encoding="utf-8")
    code, out, err = cli("baseline", "paper.md")
    assert code == 0 and "wrote .factcheck-baseline.json: 4 finding(s) accepted in 1 document(s)" in out
    baseline = json.loads((workdir / ".factcheck-baseline.json").read_text(encoding="utf-8"))
    assert baseline["version"] == 1
    # Keyed by rule, path and excerpt with whitespace squeezed (the line break in the claim).
    assert [(e["code"], e["path"], e["excerpt"], e["count"]) for e in baseline["findings"]] == [
        ("CIT001", "paper.md", "Hale, 2017", 1), ("CIT001", "paper.md", "Mensah, 2020", 2),
        ("CLM001", "paper.md", "410 metres long, became the longest in the region", 1)]

    # Read automatically: nothing left to report.
    code, data = audit_json(cli, "paper.md")
    assert (code, data["documents"][0]["findings"], data["summary"]["suppressed"]) == (0, [], 4)

    # Edits elsewhere: new paragraphs above, the citation rewrapped. Same findings, still accepted.
    edited = PAPER.replace("Published on 2 May 2025\n", "Published on 2 May 2025\n\nA new opening.\n\nAnother.\n")
    edited = edited.replace("became the\nlongest", "became\nthe  longest")
    doc.write_text(edited, encoding="utf-8")
    code, data = audit_json(cli, "paper.md")
    assert (code, data["documents"][0]["findings"], data["unused_suppressions"]) == (0, [], [])

    # A new finding is reported; a third "Mensah, 2020" is one more than the baseline accepts.
    doc.write_text(edited.replace("rebuilt again (Mensah, 2020).", "rebuilt again (Mensah, 2020), twice "
                                  "(Mensah, 2020), by Stone (Stone, 2011)."), encoding="utf-8")
    code, data = audit_json(cli, "paper.md")
    assert [f["excerpt"] for f in data["documents"][0]["findings"]] == ["Mensah, 2020", "Stone, 2011"]
    assert code == 1

    # Fixing a defect leaves its entry unused: said so, never failing the run.
    doc.write_text(edited.replace(" Costs overran by a third (Hale, 2017).", ""), encoding="utf-8")
    code, data = audit_json(cli, "paper.md", extra=("--fail-on", "info"))
    assert code == 0
    assert data["unused_suppressions"] == [{"kind": "baseline", "path": "paper.md", "code": "CIT001",
                                            "excerpt": "Hale, 2017", "count": 1}]
    code, out, _ = cli("audit", "paper.md", *AUDIT)
    assert "paper.md: unused suppression CIT001 “Hale, 2017” (baseline entry matches no finding)" in out

    # --no-baseline shows everything again.
    code, data = audit_json(cli, "paper.md", extra=("--no-baseline",))
    assert len(data["documents"][0]["findings"]) == 3 and code == 1


def test_a_baseline_is_not_written_when_an_input_cannot_be_read(cli, workdir):
    """A mistyped path, or a document unreadable for now, must not replace the baseline with one
    that accepts less: their findings would come back as new on the next audit."""
    (workdir / "paper.md").write_text(PAPER, encoding="utf-8")
    assert cli("baseline", "paper.md")[0] == 0
    written = (workdir / ".factcheck-baseline.json").read_bytes()
    code, out, err = cli("baseline", "papr.md")
    assert code == 2 and "papr.md" in err
    assert ".factcheck-baseline.json not written: 1 input(s) above could not be read" in err
    assert "wrote" not in out
    code, out, err = cli("baseline", "paper.md", "papr.md")
    assert code == 2 and (workdir / ".factcheck-baseline.json").read_bytes() == written
    # A folder with no document in it (moved, or mistyped as another that exists) neither.
    (workdir / "notes").mkdir()
    (workdir / "notes" / "todo.rst").write_text("Dredge the berth.\n", encoding="utf-8")
    code, out, err = cli("baseline", "notes")
    assert code == 2 and "error: .factcheck-baseline.json not written: no document to audit in notes (" in err
    assert (workdir / ".factcheck-baseline.json").read_bytes() == written


def test_a_baseline_is_written_when_a_problem_is_inside_a_document_that_was_audited(cli, workdir):
    """A broken entry of the bibliography a document names is an input error, but the document
    was audited: its findings are all there for the baseline to accept."""
    (workdir / "paper.md").write_text("---\nbibliography: refs.bib\n---\n\n" + PAPER, encoding="utf-8")
    (workdir / "refs.bib").write_text("@book{okafor2019, author = {Okafor, N.}, title = {Dredging}, year = {2019}}\n"
                                      "@article{broken,\n", encoding="utf-8")
    code, out, err = cli("baseline", "paper.md")
    assert code == 2 and "refs.bib" in err and "not written" not in err
    assert "wrote .factcheck-baseline.json:" in out
    # Every finding of the document accepted: the citations the broken entry left unmatched too.
    accepted = {(e["path"], e["code"], e["excerpt"])
                for e in json.loads((workdir / ".factcheck-baseline.json").read_text(encoding="utf-8"))["findings"]}
    assert ("paper.md", "CIT001", "Hale, 2017") in accepted and {path for path, _, _ in accepted} == {"paper.md"}


def test_baseline_paths_are_relative_to_the_baseline_file(cli, workdir):
    (workdir / "book").mkdir()
    (workdir / "book" / "paper.md").write_text(PAPER, encoding="utf-8")
    assert cli("baseline", "book/paper.md", "--baseline", "ci/accepted.json")[0] == 0
    entries = json.loads((workdir / "ci" / "accepted.json").read_text(encoding="utf-8"))["findings"]
    assert {e["path"] for e in entries} == {"../book/paper.md"}
    # The same baseline matches when the document is named another way (absolute path).
    code, data = audit_json(cli, str(workdir / "book" / "paper.md"), extra=("--baseline", "ci/accepted.json"))
    assert (code, data["summary"]["suppressed"]) == (0, 4)
    # A baseline for other documents says nothing about the ones audited.
    (workdir / "other.md").write_text(ERRORS, encoding="utf-8")
    code, data = audit_json(cli, "other.md", extra=("--baseline", "ci/accepted.json"))
    assert data["unused_suppressions"] == [] and code == 1


@pytest.mark.parametrize("content, message", [
    ("{not json", "is not valid JSON"),
    ('{"version": 7, "findings": []}', "unsupported version 7"),
    ('{"version": 1, "findings": [{"path": "a"}]}', "is not a factcheck baseline"),
])
def test_a_broken_baseline_is_a_usage_error(cli, workdir, content, message):
    (workdir / "paper.md").write_text(PAPER, encoding="utf-8")
    (workdir / ".factcheck-baseline.json").write_text(content, encoding="utf-8")
    code, out, err = cli("audit", "paper.md", *AUDIT)
    assert code == 2 and message in err and out == ""
