"""Results of a large run keep their extractions packed, and report exactly what unpacked ones do."""

from __future__ import annotations

import pickle
from pathlib import Path

import factcheck.pipeline as pipeline
from factcheck.config import Settings
from factcheck.packing import RECENT, pack, unpack
from factcheck.pipeline import audit
from factcheck.reports.json_report import document_record
from factcheck.reports.texts import SourceTexts

SOURCES = Path(__file__).resolve().parents[2] / "sources"


def test_a_large_run_packs_each_extraction_and_reports_the_same(monkeypatch):
    plain = audit([SOURCES], Settings(), jobs=1)
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    packed = audit([SOURCES], Settings(), jobs=1)
    assert all("extraction" not in r.__dict__ for r in packed.documents)
    assert ([document_record(r, SourceTexts(packed)) for r in packed.documents]
            == [document_record(r, SourceTexts(plain)) for r in plain.documents])
    first = packed.documents[0]
    claim = plain.documents[0].extraction.claims[0]
    assert first.extraction.claims[0] == claim  # read through the packed bytes


def test_a_result_crosses_processes_packed():
    result = audit([SOURCES / "river-basin-paper.md"], Settings(), jobs=1).documents[0]
    received = pickle.loads(pickle.dumps(result))
    assert "extraction" not in received.__dict__
    assert received.extraction == result.extraction and received == result
    assert received.findings == result.findings


def test_only_the_recently_read_extractions_stay_unpacked():
    blobs = [pack(list(range(n))) for n in range(RECENT + 2)]
    first = unpack(blobs[0])
    assert unpack(blobs[0]) is first  # read again at once: the same object
    for blob in blobs[1:]:
        unpack(blob)
    again = unpack(blobs[0])
    assert again == first and again is not first  # fell out of the recent ones, unpacked anew
