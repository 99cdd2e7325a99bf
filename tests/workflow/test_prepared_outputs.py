"""A large run's workers make each document's HTML report and claim ledger beside its result
(``factcheck.reports.prepared``); the reporters write them as they are, and what they write is
what a small run writes, byte for byte.

``STORE_MIN_DOCUMENTS`` is lowered so that a handful of documents take the large run's path.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
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
from factcheck.reports.prepared import Bundle, join_pieces, records_of, split_pieces
from factcheck.store import COMPRESSED_FROM, decode_prepared, encode_prepared

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
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "gauge.txt").write_text(GAUGE, encoding="utf-8")
    (docs / "bulletin.txt").write_text(BULLETIN, encoding="utf-8")
    (docs / "circular.txt").write_text(CIRCULAR, encoding="utf-8")
    (docs / "memo.md").write_text(MEMO, encoding="utf-8")
    (docs / "plain.txt").write_text("Notes\n\nThe reading room opens at nine.\n", encoding="utf-8")
    return docs


BUNDLE = Bundle((DocumentJSON(2), DocumentPage(NOW), DocumentLedger()))


def _audit(folder: Path, prepare=None):
    return pipeline.audit([folder], Settings(claims_dir=None), jobs=1, prepare=prepare)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def made_here(monkeypatch, module, name: str) -> list[str]:
    """The documents whose output ``module.name`` (a function of the result first) makes in this
    process from now on."""
    made: list[str] = []
    make = getattr(module, name)

    def spy(result, *args):
        made.append(Path(result.document.path).name)
        return make(result, *args)

    monkeypatch.setattr(module, name, spy)
    return made


def test_pieces_come_apart_as_they_were_put_together():
    pieces = ["a,b\n-", None, "", "caf\udce9 \u00e9", None]
    assert split_pieces(join_pieces(pieces)) == pieces
    assert join_pieces([None, "xy"]) == "-,2\nxy"


def test_a_record_is_kept_compressed_only_when_large():
    small, large = "caf\udce9 " * 10, "<p>caf\udce9</p>\n" * (COMPRESSED_FROM // 8)
    assert encode_prepared(small)[:1] == b"u" and decode_prepared(encode_prepared(small)) == small
    encoded = encode_prepared(large)
    assert encoded[:1] == b"z" and len(encoded) < len(large) // 10 and decode_prepared(encoded) == large


def test_a_part_that_fails_leaves_its_record_alone_to_the_report(folder):
    result = pipeline.audit_path(str(folder / "plain.txt"), Settings())

    def failing(result):
        raise MemoryError

    pieces = split_pieces(Bundle((failing, DocumentLedger())).__call__(result))
    assert pieces[0] is None and json.loads(pieces[1])["document"] == str(folder / "plain.txt")
    assert Bundle((failing,))(result) is None


def test_each_reporter_finds_its_own_records_in_a_bundle(folder, monkeypatch):
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    store = _audit(folder, BUNDLE).documents
    plain = [Path(s.path).name for s in store.summaries].index("plain.txt")
    page = records_of(store, DocumentPage(NOW))(plain)
    assert page.startswith("<!DOCTYPE html>") and "The reading room opens at nine." in page
    assert json.loads(records_of(store, DocumentLedger())(plain))["claims"][0]["status"] == "unreviewed"
    assert json.loads(records_of(store, DocumentJSON(2))(plain))["path"] == str(folder / "plain.txt")
    # Another audit time, another layout: not this run's records.
    assert records_of(store, DocumentPage(datetime(2025, 1, 1, tzinfo=timezone.utc))) is None
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
    # Rendered here: the three that the corpus finding involves (known only after the audit),
    # and memo.md, whose inline comment changed its findings in this process.
    assert sorted(made) == ["bulletin.txt", "circular.txt", "gauge.txt", "memo.md"]
    assert _files(tmp_path / "large") == _files(tmp_path / "small")
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
    assert made == ["memo.md"]  # its inline comment changed the result here: no record kept
    assert _files(tmp_path / "large") == _files(tmp_path / "small")
    # An editor reviews a claim of the bulletin: the next run carries the review over, so that
    # ledger is made again here; the others, still unreviewed, are copied.
    bulletin = tmp_path / "large" / "bulletin.json"
    reviewed = json.loads(bulletin.read_text(encoding="utf-8"))
    reviewed["claims"][0].update(status="verified", review_note="checked against the 1998 survey")
    bulletin.write_text(json.dumps(reviewed, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    made.clear()
    write_ledgers(streamed.documents, tmp_path / "large")
    assert made == ["bulletin.txt", "memo.md"]
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
    again = ["bulletin.txt", "circular.txt", "gauge.txt", "memo.md"]
    if jobs == "1":
        assert sorted(pages) == sorted(["bulletin.txt", "circular.txt", "gauge.txt", "memo.md", "plain.txt", *again])
        assert sorted(ledgers) == ["bulletin.txt", "circular.txt", "gauge.txt", "memo.md", "memo.md", "plain.txt"]
    else:
        assert sorted(pages) == again and ledgers == ["memo.md"]
