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
from factcheck.cli import main
from factcheck.config import Settings
from factcheck.reports import FORMATS, json_report, render, write_report
from factcheck.reports.json_report import DocumentJSON
from factcheck.reports.json_stream import Members, Streamed, write_object
from factcheck.store import ResultStore
from factcheck import suppress
from factcheck.suppress import Baseline
from tests.workflow.helpers import documents_folder, made_here, with_a_bibliography

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
    return documents_folder(tmp_path, {"note.md": NOTE, "letter.txt": LETTER, "letter-copy.txt": LETTER,
                                       "digest.txt": DIGEST})


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
    assert list(streamed.corpus_findings) == [] and [f.excerpt for f in streamed.suppressed_corpus] == ["October 2009"]
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


def records_made(monkeypatch) -> list[str]:
    """The names of the documents whose JSON record is made in this process from now on."""
    return made_here(monkeypatch, json_report, "document_record")


@pytest.mark.parametrize(("indent", "jobs"), [(None, 1), (2, 1), (None, 2)])
def test_records_made_where_documents_are_audited_are_written_as_they_are(folder, monkeypatch, indent, jobs):
    in_memory = _audit(folder)
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    # With two jobs the records are made in the worker processes and come back through the pool.
    streamed = pipeline.audit([folder], Settings(claims_dir=None), jobs=jobs, prepare=DocumentJSON(indent))
    store = streamed.documents
    assert isinstance(store, ResultStore) and store.prepared_as == DocumentJSON(indent)
    # Each document has its record, note.md's made without the finding its inline comment drops
    # (the CIT001 of "(Ilves, 2016)"; that of "(Rautio, 2012)", whose comment names FN001, stays).
    prepared = {Path(d.document.path).name: store.prepared(i) for i, d in enumerate(store)}
    assert [name for name, record in prepared.items() if record is None] == []
    note = next(d for d in in_memory.documents if d.document.path.endswith("note.md"))
    assert [(f.code, f.excerpt) for f in note.suppressed] == [("CIT001", "Ilves, 2016")]
    assert [f["code"] for f in json.loads(prepared["note.md"])["findings"]] == [f.code for f in note.findings]
    digest = json.loads(prepared["digest.txt"])
    assert [(f["code"], f["excerpt"], f["line"]) for f in digest["findings"]] == [
        ("CLM001", "The Morrow lock at Tavistry was reopened in October 2009", 3)]
    # The report copies the records...
    other = 4 if indent is None else None
    expected = {layout: render(in_memory, "json", indent=layout) for layout in (indent, other)}
    made = records_made(monkeypatch)
    assert render(streamed, "json", indent=indent) == expected[indent]
    assert made == []
    # ...and makes every one for a report of another layout than the records'.
    made.clear()
    assert render(streamed, "json", indent=other) == expected[other]
    assert sorted(made) == ["digest.txt", "letter-copy.txt", "letter.txt", "note.md"]


def test_a_document_with_findings_in_its_bibliography_leaves_its_record_to_the_report(tmp_path, monkeypatch):
    docs, bib = with_a_bibliography(tmp_path, ("essay.md", "# Levees\n\nThe levee held in 2016 (Ilves, 2016).\n"),
                                    ("ilves", "Ilves, Aino", "2016"), ("rautio", "Rautio, Eero", "2012"))
    in_memory = pipeline.audit([docs], Settings(claims_dir=None), bib=str(bib), jobs=1)
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    streamed = pipeline.audit([docs], Settings(claims_dir=None), bib=str(bib), jobs=1, prepare=DocumentJSON())
    essay = streamed.documents[0]
    # The entry never cited is a finding in refs.bib, whose text the run holds, not the document.
    assert [(f.code, f.excerpt[:13], Path(f.path).name) for f in essay.findings if f.path] == [
        ("CIT002", "@book{rautio,", "refs.bib")]
    assert streamed.documents.prepared(0) is None
    assert render(streamed, "json") == render(in_memory, "json")


def test_the_command_has_the_workers_make_the_json_records(folder, monkeypatch, capsys):
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    monkeypatch.chdir(folder.parent)
    made = records_made(monkeypatch)
    status = main(["audit", "docs", "--format", "json", "--indent", "2", "--no-html", "--no-claims", "-q",
                   "--isolated", "--jobs", "1"])
    report = json.loads(capsys.readouterr().out)
    # Each record made as its document was audited (here, in this process: --jobs 1), once:
    # note.md's without the finding its inline comment drops, as the report shows it.
    assert status == 1 and made == ["digest.txt", "letter-copy.txt", "letter.txt", "note.md"]
    assert [(Path(d["path"]).name, [f["code"] for f in d["findings"]]) for d in report["documents"]] == [
        ("digest.txt", ["CLM001"]), ("letter-copy.txt", ["CLM001"]), ("letter.txt", ["CLM001"]),
        ("note.md", ["CIT001", "CLM001"])]


def _accepting_digest(path: Path, count: int = 1) -> Path:
    """A baseline file that accepts digest.txt's finding ``count`` times."""
    path.write_text(json.dumps({"version": 1, "findings": [
        {"path": "docs/digest.txt", "code": "CLM001", "count": count,
         "excerpt": "The Morrow lock at Tavistry was reopened in October 2009"}]}), encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_baseline_is_applied_where_documents_are_audited_for_their_records(folder, monkeypatch, tmp_path, jobs):
    accepted = _accepting_digest(tmp_path / "baseline.json")
    monkeypatch.chdir(folder.parent)  # the baseline's path "docs/digest.txt" is relative to its folder
    in_memory = _audit(folder, Baseline.load(accepted))
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    streamed = pipeline.audit([folder], Settings(claims_dir=None), baseline=Baseline.load(accepted), jobs=jobs,
                              prepare=DocumentJSON())
    store = streamed.documents
    records = {Path(d.document.path).name: store.prepared(i) for i, d in enumerate(store)}
    # digest.txt's finding accepted by the baseline, note.md's CIT001 by its comment: each record
    # was made without them, where the document was audited, and the report makes none.
    assert sorted(name for name, record in records.items() if record is not None) == [
        "digest.txt", "letter-copy.txt", "letter.txt", "note.md"]
    assert json.loads(records["digest.txt"])["findings"] == []
    assert [f.code for f in store[store.position(str(folder / "digest.txt"))].findings] == []
    assert suppress._worker_baseline == {}  # read here with one job, and not kept past the run
    expected = render(in_memory, "json")
    made = records_made(monkeypatch)
    assert render(streamed, "json") == expected
    assert made == []


def test_a_path_given_twice_has_the_second_record_made_by_the_report(folder, monkeypatch, tmp_path):
    accepted = Baseline.load(_accepting_digest(tmp_path / "baseline.json"))
    monkeypatch.chdir(folder.parent)
    twice = [Path("docs/digest.txt"), Path("docs/digest.txt")]
    in_memory = pipeline.audit(twice, Settings(claims_dir=None), baseline=accepted, jobs=1)
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    streamed = pipeline.audit(twice, Settings(claims_dir=None), baseline=accepted, jobs=1, prepare=DocumentJSON())
    store = streamed.documents
    # The baseline accepts the finding once: the first document takes it, the second keeps its
    # finding. Each worker dropped it, alone: the second record is not the run's, and is made again.
    assert [[f.code for f in d.findings] for d in store] == [[], ["CLM001"]]
    assert [store.prepared(i) is None for i in range(2)] == [False, True]
    expected = render(in_memory, "json")
    made = records_made(monkeypatch)
    assert render(streamed, "json") == expected
    assert made == ["digest.txt"]


def test_a_baseline_file_changed_during_the_run_costs_time_not_output(folder, monkeypatch, tmp_path):
    accepted = _accepting_digest(tmp_path / "baseline.json")
    monkeypatch.chdir(folder.parent)
    loaded = Baseline.load(accepted)  # the run's baseline, read before the file changes
    in_memory = _audit(folder, loaded)
    _accepting_digest(accepted, count=0)  # what the workers read: it accepts nothing
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    streamed = pipeline.audit([folder], Settings(claims_dir=None), baseline=loaded, jobs=2, prepare=DocumentJSON())
    store = streamed.documents
    assert store.prepared(store.position(str(folder / "digest.txt"))) is None
    expected = render(in_memory, "json")
    made = records_made(monkeypatch)
    assert render(streamed, "json") == expected
    assert made == ["digest.txt"]


def test_a_file_name_that_is_not_utf8_keeps_its_record(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    odd = docs / os.fsdecode(b"caf\xe9.txt")  # a byte of Latin-1: a lone surrogate in the str
    odd.write_text(LETTER, encoding="utf-8")
    (docs / "digest.txt").write_text(DIGEST, encoding="utf-8")
    in_memory = _audit(docs)
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    streamed = _audit(docs, prepare=DocumentJSON(2))
    paths = [d.document.path for d in streamed.documents]
    record = streamed.documents.prepared(paths.index(str(odd)))
    assert record is not None and json.loads(record)["path"] == str(odd)
    assert render(streamed, "json", indent=2) == render(in_memory, "json", indent=2)


def test_a_record_that_cannot_be_made_is_left_to_the_report(folder, monkeypatch):
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    make = DocumentJSON()

    def prepare(result):
        if result.document.path.endswith("digest.txt"):
            raise MemoryError  # a record too large for the worker: the document stays audited
        return make(result)

    streamed = _audit(folder, prepare=prepare)
    store = streamed.documents
    assert [(Path(d.document.path).name, store.prepared(i) is None) for i, d in enumerate(store)] == [
        ("digest.txt", True), ("letter-copy.txt", False), ("letter.txt", False), ("note.md", False)]
    assert streamed.errors == ()
    assert json.loads(render(streamed, "json"))["documents"][0]["findings"][0]["excerpt"] == (
        "The Morrow lock at Tavistry was reopened in October 2009")
