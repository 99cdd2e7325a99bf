"""A large run's workers make each document's HTML report and claim ledger beside its result
(``factcheck.reports.prepared``); the reporters write them as they are, and what they write is
what a small run writes, byte for byte.

``STORE_MIN_DOCUMENTS`` is lowered so that a handful of documents take the large run's path.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import factcheck.pipeline as pipeline
import factcheck.reports.html.render as html_render
import factcheck.reports.ledger as ledger
from factcheck.cli import main
from factcheck.config import Settings
from factcheck.reports.html.render import DocumentPage, write_reports
from factcheck.reports.json_report import DocumentJSON
from factcheck.reports.ledger import DocumentLedger, write_ledgers
from factcheck.reports.prepared import Bundle, records_of
from factcheck.store import COMPRESSED_FROM, decode_prepared, encode_prepared, kept_pieces
from tests.workflow.helpers import documents_folder, made_here, with_a_bibliography

NOW = datetime(2024, 6, 4, 12, 0, tzinfo=timezone.utc)
GAUGE = "River gauges\n\nThe Harwick gauge at Lowfold was installed in May 1998 (Saarela, 2001).\n"
BULLETIN = "Bulletin\n\nThe Harwick gauge at Lowfold was installed in May 1998. Readings began.\n"
CIRCULAR = "Circular\n\nThe Harwick gauge at Lowfold was installed in August 2004.\n"
MEMO = """# Ferry timetable

The winter timetable was cut to two crossings (Rautio, 2012). <!-- factcheck: ignore CIT001 -->

Crossings take forty minutes in calm weather.
"""


@pytest.fixture
def folder(tmp_path):
    return documents_folder(tmp_path, {"gauge.txt": GAUGE, "bulletin.txt": BULLETIN, "circular.txt": CIRCULAR,
                                       "memo.md": MEMO, "plain.txt": "Notes\n\nThe reading room opens at nine.\n"})


BUNDLE = Bundle((DocumentJSON(2), DocumentPage(NOW), DocumentLedger()))


def _audit(folder: Path, prepare=None):
    return pipeline.audit([folder], Settings(claims_dir=None), jobs=1, prepare=prepare)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_records_made_together_are_read_back_each_alone():
    large = "<p>caf\udce9</p>\n" * (COMPRESSED_FROM // 8)
    encoded = encode_prepared(("a,b\n-", None, large, "caf\udce9"))
    assert encoded[:1] == b"p" and len(encoded) < len(large) // 10
    assert [decode_prepared(encoded, piece) for piece in range(5)] == ["a,b\n-", None, large, "caf\udce9", None]
    assert decode_prepared(encoded) is None  # several records: ask for one
    # One record: compressed only when large; it is no piece of several.
    small = "caf\udce9 " * 10
    assert encode_prepared(small)[:1] == b"u" and decode_prepared(encode_prepared(small)) == small
    assert encode_prepared(large)[:1] == b"z" and decode_prepared(encode_prepared(large)) == large
    assert decode_prepared(encode_prepared(small), 0) is None
    with pytest.raises(ValueError, match="not a prepared record"):
        decode_prepared(b"?abc")


def test_only_the_records_asked_for_are_kept():
    encoded = encode_prepared(("{}", "<p>page</p>", "ledger"))
    kept = kept_pieces(encoded, [False, False, True])
    assert [decode_prepared(kept, piece) for piece in range(3)] == [None, None, "ledger"]
    assert kept_pieces(encoded, [False, False, False]) == b"" and kept_pieces(encode_prepared("one"), [True]) == b""


def test_a_suppression_leaves_a_ledger_made_alone_as_it_is(folder, monkeypatch, tmp_path):
    in_memory = _audit(folder)
    write_ledgers(in_memory.documents, tmp_path / "small")
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    store = _audit(folder, DocumentLedger()).documents
    memo = [Path(s.path).name for s in store.summaries].index("memo.md")
    assert json.loads(store.prepared(memo))["document"] == str(folder / "memo.md")
    made = made_here(monkeypatch, ledger, "ledger_text")
    write_ledgers(store, tmp_path / "large")
    assert made == [] and _files(tmp_path / "large") == _files(tmp_path / "small")


def test_a_part_that_fails_or_makes_nothing_leaves_its_record_to_the_report(folder):
    result = pipeline.audit_path(str(folder / "plain.txt"), Settings())

    def failing(result):
        raise MemoryError

    failed, empty, ledger_text = Bundle((failing, lambda result: "", DocumentLedger()))(result)
    assert failed is None and empty is None
    assert json.loads(ledger_text)["document"] == str(folder / "plain.txt")
    assert Bundle((failing, lambda result: ""))(result) is None


def test_a_page_is_made_for_the_time_it_shows():
    # One instant written with two offsets: two pages, each saying its own time.
    noon_here = NOW.astimezone(timezone(timedelta(hours=3)))
    assert noon_here == NOW and DocumentPage(noon_here) != DocumentPage(NOW)
    assert DocumentPage(noon_here).shown == ("2024-06-04 15:00 +0300", "2024-06-04T15:00:00+03:00")
    assert DocumentPage(NOW.replace()) == DocumentPage(NOW)


def test_each_reporter_finds_its_own_records_in_a_bundle(folder, monkeypatch):
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    store = _audit(folder, BUNDLE).documents
    plain = [Path(s.path).name for s in store.summaries].index("plain.txt")
    page = records_of(store, DocumentPage(NOW))(plain)
    assert page.startswith("<!DOCTYPE html>") and "The reading room opens at nine." in page
    assert json.loads(records_of(store, DocumentLedger())(plain))["claims"][0]["status"] == "unreviewed"
    assert json.loads(records_of(store, DocumentJSON(2))(plain))["path"] == str(folder / "plain.txt")
    # Another audit time (or the same written with another offset), another layout: not this run's records.
    assert records_of(store, DocumentPage(datetime(2025, 1, 1, tzinfo=timezone.utc))) is None
    assert records_of(store, DocumentPage(NOW.astimezone(timezone(timedelta(hours=-5))))) is None
    assert records_of(store, DocumentJSON(None)) is None


def test_reports_made_where_documents_are_audited_are_written_as_they_are(folder, monkeypatch, tmp_path):
    in_memory = _audit(folder)
    write_reports(in_memory, tmp_path / "small", NOW)
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    streamed = _audit(folder, BUNDLE)
    # The conflict between documents (installed in May 1998 or August 2004) names three of them.
    assert [(f.code, Path(f.path).name, f.excerpt, sorted(Path(r.path).name for r in f.related))
            for f in streamed.corpus_findings] == [
        ("DATE001", "circular.txt", "August 2004", ["bulletin.txt", "gauge.txt"])]
    made = made_here(monkeypatch, html_render, "build_document_view")
    write_reports(streamed, tmp_path / "large", NOW)
    # Rendered here: the three that the corpus finding involves (known only after the audit).
    # memo.md's inline comment drops its CIT001 where it is audited as here: its page is copied.
    assert sorted(made) == ["bulletin.txt", "circular.txt", "gauge.txt"]
    assert _files(tmp_path / "large") == _files(tmp_path / "small")
    assert "Rautio, 2012" in (tmp_path / "large" / "memo.html").read_text(encoding="utf-8")
    circular = (tmp_path / "large" / "circular.html").read_text(encoding="utf-8")
    assert "August 2004" in circular and 'id="x1"' in circular


def test_ledgers_made_where_documents_are_audited_are_written_unless_reviews_carry_over(folder, monkeypatch,
                                                                                        tmp_path):
    in_memory = _audit(folder)
    write_ledgers(in_memory.documents, tmp_path / "small")
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    streamed = _audit(folder, BUNDLE)
    made = made_here(monkeypatch, ledger, "ledger_text")
    write_ledgers(streamed.documents, tmp_path / "large")
    # None made here: memo.md's inline comment changed its findings here, which its ledger does
    # not read (its page and JSON record were dropped, its ledger kept).
    assert made == []
    assert _files(tmp_path / "large") == _files(tmp_path / "small")
    # An editor reviews a claim of the bulletin: the next run carries the review over, so that
    # ledger is made again here; the others, still unreviewed, are copied.
    bulletin = tmp_path / "large" / "bulletin.json"
    reviewed = json.loads(bulletin.read_text(encoding="utf-8"))
    reviewed["claims"][0].update(status="verified", review_note="checked against the 1998 survey")
    bulletin.write_text(json.dumps(reviewed, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    made.clear()
    write_ledgers(streamed.documents, tmp_path / "large")
    assert made == ["bulletin.txt"]
    claim = json.loads(bulletin.read_text(encoding="utf-8"))["claims"][0]
    assert (claim["text"], claim["status"], claim["review_note"]) == (
        "The Harwick gauge at Lowfold was installed in May 1998.", "verified", "checked against the 1998 survey")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_has_the_workers_make_reports_and_ledgers(folder, monkeypatch, tmp_path, jobs):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717502400")
    monkeypatch.chdir(folder.parent)
    options = ["-q", "--isolated", "--exit-zero", "--jobs", jobs]
    assert main(["audit", "docs", "--out", str(tmp_path / "r-small"), "--claims", str(tmp_path / "c-small"),
                 *options]) == 0
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    pages = made_here(monkeypatch, html_render, "build_document_view")
    ledgers = made_here(monkeypatch, ledger, "ledger_text")
    assert main(["audit", "docs", "--out", str(tmp_path / "r-large"), "--claims", str(tmp_path / "c-large"),
                 *options]) == 0
    assert _files(tmp_path / "r-large") == _files(tmp_path / "r-small")
    assert _files(tmp_path / "c-large") == _files(tmp_path / "c-small")
    # With --jobs 1 the workers' part is done in this process too: each document's page and
    # ledger once as it is audited, then again here only where the run's end changed them.
    again = ["bulletin.txt", "circular.txt", "gauge.txt"]
    if jobs == "1":
        assert sorted(pages) == sorted(["bulletin.txt", "circular.txt", "gauge.txt", "memo.md", "plain.txt", *again])
        assert sorted(ledgers) == ["bulletin.txt", "circular.txt", "gauge.txt", "memo.md", "plain.txt"]
    else:
        assert sorted(pages) == again and ledgers == []


def test_a_document_with_findings_in_its_bibliography_leaves_its_page_to_the_report(tmp_path, monkeypatch):
    docs, bib = with_a_bibliography(tmp_path, ("survey.md", "# Weirs\n\nThe weir was rebuilt in 2011 (Koskinen, 2011).\n"),
                                    ("koskinen", "Koskinen, Ilmari", "2011"), ("vaara", "Vaara, Helka", "1987"))
    in_memory = pipeline.audit([docs], Settings(claims_dir=None), bib=str(bib), jobs=1)
    write_reports(in_memory, tmp_path / "small", NOW)
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    streamed = pipeline.audit([docs], Settings(claims_dir=None), bib=str(bib), jobs=1, prepare=BUNDLE)
    # The entry never cited is a finding in refs.bib, which the page quotes with its line there.
    assert [(f.code, Path(f.path).name) for f in streamed.documents[0].findings if f.path] == [("CIT002", "refs.bib")]
    assert records_of(streamed.documents, DocumentPage(NOW))(0) is None
    assert records_of(streamed.documents, DocumentLedger())(0) is not None  # a ledger has no findings
    write_reports(streamed, tmp_path / "large", NOW)
    assert _files(tmp_path / "large") == _files(tmp_path / "small")
    assert "refs.bib line 2" in (tmp_path / "large" / "survey.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(("options", "parts"), [
    ([], ["DocumentPage", "DocumentLedger"]),
    (["--format", "json", "--indent", "2"], ["DocumentJSON", "DocumentPage", "DocumentLedger"]),
    (["--no-html"], ["DocumentLedger"]),
    (["--no-html", "--no-claims", "--format", "json"], ["DocumentJSON"]),
    (["--no-html", "--no-claims"], []),
])
def test_the_command_asks_the_workers_for_what_it_writes(folder, monkeypatch, tmp_path, options, parts):
    asked = []
    run = pipeline.audit
    monkeypatch.setattr(pipeline, "audit", lambda *args, prepare=None, **kwargs: asked.append(prepare) or run(
        *args, prepare=prepare, **kwargs))
    monkeypatch.chdir(tmp_path)
    main(["audit", str(folder), "-q", "--isolated", "--exit-zero", "--jobs", "1", *options])
    prepare = asked[0]
    made = prepare.parts if isinstance(prepare, Bundle) else (prepare,) if prepare is not None else ()
    assert [type(part).__name__ for part in made] == parts
    indent = 2 if "--indent" in options else None
    assert all(part.indent == indent for part in made if isinstance(part, DocumentJSON))
