"""A large run keeps its results on disk (``factcheck.store``) and reports exactly what a small one does.

``STORE_MIN_DOCUMENTS`` is lowered so that a handful of documents take the large run's path: each
result written to the store as it finishes, suppressed on the way, the corpus check reading the
texts back for its excerpts, and every reporter reading the documents back one at a time.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

import pytest

import factcheck.collect as collect
import factcheck.pipeline as pipeline
from factcheck.config import Settings
from factcheck.reports import FORMATS, render, write_report
from factcheck.reports.json_stream import Members, Streamed, write_object
from factcheck.store import ResultStore
from factcheck.suppress import Baseline

NOTE = """# Pier works

Published on 4 June 2024

Dredging took two winters (Ilves, 2016). <!-- factcheck: ignore CIT001 -->

The old pier was widened (Rautio, 2012). <!-- factcheck: ignore FN001 -->

The Morrow lock at Tavistry was reopened in April 2003.
"""
LETTER = "Letters\n\nThe Morrow lock at Tavistry was reopened in April 2003. Boats returned.\n"
DIGEST = "Digest\n\nThe Morrow lock at Tavistry was reopened in October 2009.\n"


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.md").write_text(NOTE, encoding="utf-8")
    (docs / "letter.txt").write_text(LETTER, encoding="utf-8")
    (docs / "letter-copy.txt").write_text(LETTER, encoding="utf-8")
    (docs / "digest.txt").write_text(DIGEST, encoding="utf-8")
    return docs


def _audit(folder: Path, baseline: Baseline | None = None, **options):
    return pipeline.audit([folder], Settings(claims_dir=None), jobs=1, baseline=baseline, **options)


def test_a_streamed_run_reads_back_what_it_wrote(folder, monkeypatch):
    in_memory = _audit(folder)
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    streamed = _audit(folder)
    assert isinstance(streamed.documents, ResultStore) and isinstance(in_memory.documents, tuple)
    # Each document read back from the file: its findings (code and excerpt), what its inline
    # comments suppressed, and the comment that matched nothing.
    note = next(d for d in streamed.documents if d.document.path.endswith("note.md"))
    assert [(f.code, f.excerpt) for f in note.findings] == [
        ("CIT001", "Rautio, 2012"), ("CLM001", "The Morrow lock at Tavistry was reopened in April 2003")]
    assert [(f.code, f.excerpt) for f in note.suppressed] == [("CIT001", "Ilves, 2016")]
    assert [(Path(u.path).name, u.code, u.line) for u in streamed.unused_suppressions] == [("note.md", "FN001", 7)]
    # The conflict between documents, its excerpts read from the texts in the store.
    assert [(f.code, Path(f.path).name, f.excerpt, [(Path(r.path).name, r.excerpt) for r in f.related])
            for f in streamed.corpus_findings] == [
        ("DATE001", "digest.txt", "October 2009",
         [("letter-copy.txt", "April 2003"), ("letter.txt", "April 2003"), ("note.md", "April 2003")])]
    assert [d.document.path for d in streamed.documents] == [d.document.path for d in in_memory.documents]
    for fmt in FORMATS:
        assert render(streamed, fmt, indent=2) == render(in_memory, fmt, indent=2), fmt
        written = io.StringIO()  # the reporters that write as they go (JSON, text) write the same
        write_report(streamed, written, fmt, indent=2)
        assert written.getvalue() == render(in_memory, fmt, indent=2), fmt
    assert render(streamed, "json") == render(in_memory, "json")


def test_the_baseline_applies_to_each_document_as_it_is_stored(folder, monkeypatch, tmp_path):
    accepted = tmp_path / "baseline.json"
    accepted.write_text(json.dumps({"version": 1, "findings": [
        {"path": "docs/note.md", "code": "CIT001", "excerpt": "Rautio, 2012"},
        {"path": "docs/digest.txt", "code": "DATE001", "excerpt": "October 2009"},
        {"path": "docs/letter.txt", "code": "NUM001", "excerpt": "9"}]}), encoding="utf-8")
    in_memory = _audit(folder, Baseline.load(accepted))
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    streamed = _audit(folder, Baseline.load(accepted))
    note = next(d for d in streamed.documents if d.document.path.endswith("note.md"))
    assert [f.code for f in note.findings] == ["CLM001"]
    assert [f.excerpt for f in note.suppressed] == ["Ilves, 2016", "Rautio, 2012"]
    assert streamed.corpus_findings == () and [f.excerpt for f in streamed.suppressed_corpus] == ["October 2009"]
    assert [(u.kind, Path(u.path).name, u.code) for u in streamed.unused_suppressions] == [
        ("inline", "note.md", "FN001"), ("baseline", "letter.txt", "NUM001")]
    assert streamed.suppressed == 3
    assert render(streamed, "json") == render(in_memory, "json")


def test_the_store_leaves_no_file_behind(folder, monkeypatch, tmp_path):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    result = _audit(folder)
    # The file was created unlinked: nothing in the temporary folder even while it is in use.
    assert os.listdir(scratch) == []
    assert [f.excerpt for d in result.documents for f in d.findings if f.code == "CIT001"] == ["Rautio, 2012"]
    result.documents.close()
    assert result.documents.closed


def test_the_store_is_closed_when_the_run_stops(folder, monkeypatch):
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    opened: list[ResultStore] = []

    class Recorded(ResultStore):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            opened.append(self)

    monkeypatch.setattr(collect, "ResultStore", Recorded)

    def interrupt(done: int, total: int, path: str) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _audit(folder, on_progress=interrupt)
    assert len(opened) == 1 and opened[0].closed


@pytest.mark.parametrize("indent", [None, 0, 2])
@pytest.mark.parametrize("results", [[], [{"id": 1, "tags": ["a", "b"]}, {"id": 2, "tags": []}]])
def test_nested_streamed_members_are_the_json_of_the_whole(indent, results):
    run = [("tool", {"driver": {"rules": [{"id": "X"}]}}), ("results", results), ("properties", {})]
    pieces: list[str] = []
    write_object([("version", "2.1.0"), ("runs", Streamed([Members((k, Streamed(iter(v)) if k == "results" else v)
                                                                    for k, v in run)])), ("empty", Streamed([]))],
                 pieces.append, indent)
    whole = {"version": "2.1.0", "runs": [dict(run)], "empty": []}
    if indent is None:
        expected = json.dumps(whole, ensure_ascii=False, separators=(",", ":")) + "\n"
    else:
        expected = json.dumps(whole, ensure_ascii=False, indent=indent) + "\n"
    assert "".join(pieces) == expected


@pytest.mark.parametrize("indent", [None, 0, 2, 4])
@pytest.mark.parametrize("records", [[], [{"a": [1, {"b": "é\n"}], "c": {}}], [{"x": []}, {"y": [1, 2]}, 3]])
def test_a_streamed_object_is_the_json_of_the_whole(indent, records):
    members = [("tool", {"name": "t", "list": [1, 2]}), ("documents", records), ("empty", []), ("end", {"n": 1})]
    pieces: list[str] = []
    write_object([(key, Streamed(iter(value)) if key == "documents" else value) for key, value in members],
                 pieces.append, indent)
    whole = dict(members)
    if indent is None:
        expected = json.dumps(whole, ensure_ascii=False, separators=(",", ":")) + "\n"
    else:
        expected = json.dumps(whole, ensure_ascii=False, indent=indent) + "\n"
    assert "".join(pieces) == expected
