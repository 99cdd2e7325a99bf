"""A large run keeps nothing per document in memory: its files, its documents' summaries and their
order by path are on disk (``factcheck.spool``, ``factcheck.store``), and what the reporters read
back from there is what a run held in memory gives.

``STORE_MIN_DOCUMENTS`` is lowered so that a handful of documents take the large run's path.
"""

from __future__ import annotations

import io
import os
import random
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

import factcheck.pipeline as pipeline
import factcheck.spool as spool
from factcheck.config import Settings
from factcheck.reports import render, write_report
from factcheck.reports.html import write_reports
from factcheck.store import ResultStore
from factcheck.walk import expand_paths

DIGEST = "Digest\n\nThe Morrow lock at Tavistry was reopened in October 2009.\n"
LETTER = "Letters\n\nThe Morrow lock at Tavistry was reopened in April 2003. Boats returned (Ilves, 2016).\n"
NOTE = "Note\n\nThe Morrow lock at Tavistry was reopened in April 2003.\n"


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    (docs / "b").mkdir(parents=True)
    (docs / "b-side.txt").write_text(LETTER, encoding="utf-8")
    (docs / "b" / "digest.txt").write_text(DIGEST, encoding="utf-8")
    (docs / "a.txt").write_text(NOTE, encoding="utf-8")
    (docs / "c.txt").write_text(LETTER, encoding="utf-8")
    return docs


def _audit(paths, **options):
    return pipeline.audit(paths, Settings(claims_dir=None), jobs=1, **options)


def _both(paths, monkeypatch):
    in_memory = _audit(paths)
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    stored = _audit(paths)
    assert isinstance(stored.documents, ResultStore) and isinstance(in_memory.documents, tuple)
    return in_memory, stored


def test_junit_text_and_summaries_read_back_from_disk_equal_a_run_in_memory(folder, monkeypatch):
    monkeypatch.chdir(folder.parent)  # short paths: the text report's rows show them whole
    in_memory, stored = _both([Path("docs")], monkeypatch)
    junit = ET.fromstring(render(stored, "junit", fail_on="warning"))
    # The testcases of each document, with its name, and the failures where its findings are.
    failed = sorted((Path(case.get("classname")).name, case.get("name").split()[0])
                    for case in junit.iter("testcase") if case.find("failure") is not None)
    assert ("c.txt", "CIT001") in failed and ("b-side.txt", "CIT001") in failed and ("digest.txt", "DATE001") in failed
    # In the walk's order (by part: "b/digest" before "b-side"), not the string order of the paths.
    assert [Path(s.get("name")).name for s in junit.iter("testsuite")] == ["a.txt", "digest.txt", "b-side.txt", "c.txt"]
    assert not isinstance(stored.documents.order, range)
    assert junit.get("failures") == str(sum(int(s.get("failures")) for s in junit.iter("testsuite")))
    # The text report's rows, one per document read back, and the totals kept as the run went.
    text = render(stored, "text", quiet=True)
    rows = [line.split()[0] for line in text.splitlines()[1:5]]
    assert rows == ["docs/a.txt", "docs/b/digest.txt", "docs/b-side.txt", "docs/c.txt"]
    assert "by rule: CIT001 2" in text and "DATE001 1" in text
    assert list(stored.summaries()) == list(in_memory.summaries())
    assert stored.totals() == in_memory.totals() and stored.totals().codes["CIT001"] == 2
    for fmt, fail_on in (("junit", "warning"), ("junit", "error"), ("text", "error"), ("sarif", "error")):
        assert render(stored, fmt, fail_on=fail_on) == render(in_memory, fmt, fail_on=fail_on), fmt
        written = io.StringIO()
        write_report(stored, written, fmt, fail_on=fail_on)
        assert written.getvalue() == render(in_memory, fmt, fail_on=fail_on), fmt


def test_html_index_rows_and_reports_read_back_equal_a_run_in_memory(folder, monkeypatch, tmp_path):
    in_memory, stored = _both([folder], monkeypatch)
    now = datetime(2024, 1, 2, 3, 4, tzinfo=timezone.utc)
    write_reports(in_memory, tmp_path / "memory", now)
    write_reports(stored, tmp_path / "stored", now)
    names = sorted(os.listdir(tmp_path / "memory"))
    assert names == ["a.html", "b-side.html", "c.html", "digest.html", "index.html"]
    assert sorted(os.listdir(tmp_path / "stored")) == names
    for name in names:
        assert (tmp_path / "stored" / name).read_bytes() == (tmp_path / "memory" / name).read_bytes(), name
    index = (tmp_path / "stored" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{name}"' in index for name in names if name != "index.html")


def test_documents_given_out_of_path_order_are_numbered_and_reported_as_in_memory(folder, monkeypatch):
    files = [folder / "c.txt", folder / "b" / "digest.txt", folder / "a.txt", folder / "b-side.txt"]
    in_memory, stored = _both(files, monkeypatch)
    assert not isinstance(stored.documents.order, range)  # sorted on disk, not the identity
    assert [Path(stored.documents.summary(i).path).name for i in stored.documents.order] == [
        "a.txt", "b-side.txt", "digest.txt", "c.txt"]  # "b-side" < "b/digest": by the string, not by part
    assert [(f.code, Path(f.path).name, f.excerpt, [Path(r.path).name for r in f.related])
            for f in stored.corpus_findings] == [("DATE001", "digest.txt", "October 2009",
                                                  ["a.txt", "b-side.txt", "c.txt"])]
    assert stored.position(str(folder / "a.txt")) == 2 and stored.position(str(folder / "none.txt")) is None
    for fmt in ("json", "sarif", "junit", "text"):
        assert render(stored, fmt, indent=2) == render(in_memory, fmt, indent=2), fmt


def test_the_files_are_walked_in_the_order_of_their_paths_whatever_the_size_of_a_folder(tmp_path, monkeypatch):
    names = ["a.md", "a/x.md", "a-b.md", "a b.md", "B.md", "b/c/d.md", "b.txt", "é.md", "z/.hidden.md", "zz.md"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("The Vell rose.\n", encoding="utf-8")
    expected = sorted(tmp_path / name for name in names if ".hidden" not in name)
    assert expand_paths([tmp_path])[0] == expected
    monkeypatch.setattr(spool, "SORT_RUN", 2)  # each listing sorted in runs on disk, merged
    monkeypatch.setattr(spool, "SORT_BLOCK", 1)
    assert expand_paths([tmp_path])[0] == expected


def test_sorting_on_disk_is_stable_and_paths_round_trip(monkeypatch):
    monkeypatch.setattr(spool, "SORT_RUN", 7)
    monkeypatch.setattr(spool, "SORT_BLOCK", 3)
    generator = random.Random(3)
    paths = [generator.choice(["a", "a/b", "a-b", "ä", "b\udcff"]) + str(generator.randint(0, 4)) for _ in range(120)]
    assert list(spool.sorted_positions(paths)) == sorted(range(len(paths)), key=paths.__getitem__)
    assert list(spool.sorted_on_disk(iter(paths))) == sorted(paths)
    order = spool.sorted_positions(paths)
    assert all(order[rank] == position for position, rank in enumerate(spool.inverse(order)))
    kept = spool.PathSpool()
    odd = ["plain.md", "line\nbreak.md", "undecodable-\udcff.md", "ünï/cödé.md"]
    kept.extend(odd)
    monkeypatch.setattr(spool, "CHUNK_BYTES", 3)  # records cut across reads
    assert len(kept) == 4 and list(kept) == odd and list(kept) == odd
    kept.close()
    assert kept.closed


class _Recorded(spool.AppendFile):
    opened: list[spool.AppendFile] = []

    def __init__(self, prefix: str, *args, **kwargs) -> None:
        super().__init__(prefix, *args, **kwargs)
        self.prefix = prefix
        self.opened.append(self)


@pytest.fixture
def recorded(monkeypatch, tmp_path):
    """Every temporary file of a run, recorded; they are made in an empty folder of their own."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(spool, "SORT_RUN", 1)  # the order sorted on disk too
    for module in ("factcheck.spool", "factcheck.store"):
        monkeypatch.setattr(f"{module}.AppendFile", _Recorded)
    _Recorded.opened = []
    return scratch


def test_the_temporary_files_are_gone_after_a_run(folder, recorded):
    result = _audit([folder / "c.txt", folder / "a.txt", folder / "b-side.txt"])
    assert os.listdir(recorded) == []  # created unlinked: never a name in the folder
    assert [f.excerpt for f in result.corpus_findings] == []
    assert [Path(result.documents.summary(i).path).name for i in result.documents.order] == [
        "a.txt", "b-side.txt", "c.txt"]
    # The list of files and the sort's runs are closed; the store's three files (results,
    # summaries, where each summary is) and the corpus findings' two (kept, suppressed) stay for
    # the reports.
    assert {f.prefix for f in _Recorded.opened if f.closed} == {"factcheck-paths-", "factcheck-sort-"}
    assert sorted(f.prefix for f in _Recorded.opened if not f.closed) == [
        "factcheck-corpus-findings-", "factcheck-corpus-suppressed-", "factcheck-offsets-", "factcheck-results-",
        "factcheck-summaries-"]
    result.documents.close()
    result.corpus_findings.close()
    result.suppressed_corpus.close()
    assert all(f.closed for f in _Recorded.opened)


@pytest.mark.parametrize("stop", [KeyboardInterrupt, RuntimeError])
def test_the_temporary_files_are_closed_after_an_error_or_ctrl_c(folder, recorded, monkeypatch, stop):
    def failing(*args, **kwargs):
        raise stop("stopped")

    monkeypatch.setattr(pipeline, "_corpus_findings", failing)
    with pytest.raises(stop):
        _audit([folder / "c.txt", folder / "a.txt"])
    assert _Recorded.opened and all(f.closed for f in _Recorded.opened)
    assert os.listdir(recorded) == []

    def interrupt(done: int, total: int, path: str) -> None:
        if done == 1:
            raise KeyboardInterrupt

    _Recorded.opened = []
    with pytest.raises(KeyboardInterrupt):
        _audit([folder], on_progress=interrupt)
    # The list of files, the results, the summaries and where each is, and the walk's listings
    # sorted on disk (the corpus findings' files are made after the documents).
    assert len(_Recorded.opened) == 6 and all(f.closed for f in _Recorded.opened)


def test_items_spooled_are_read_back_in_order_whole_blocks_and_the_one_filling(monkeypatch):
    """A large run's conflicts and corpus findings are kept pickled on disk a block at a time:
    gone through twice, read by index across blocks and in the block not yet written, as a list."""
    monkeypatch.setattr(spool.ItemSpool, "BLOCK", 3)
    kept = spool.ItemSpool()
    items = [("finding", n, "x" * n) for n in range(8)]  # two blocks written, two items pending
    for item in items:
        kept.append(item)
    assert len(kept) == 8 and list(kept) == items and list(kept) == items
    assert [kept[i] for i in (7, 0, 4, 3, -1)] == [items[7], items[0], items[4], items[3], items[7]]
    assert kept[2:6] == items[2:6]
    kept.append(("finding", 8, ""))  # fills the pending block: written, and still read back
    assert kept[8] == ("finding", 8, "") and list(kept)[6:] == items[6:] + [("finding", 8, "")]
    with pytest.raises(IndexError):
        kept[9]
    kept.close()
    assert kept.closed
    # Its file's number may be another's by now: read, it is an error, not another file's items.
    other = spool.ItemSpool()
    for item in items:
        other.append(("other",) + item[1:])
    for read in (lambda: kept[0], lambda: list(kept), lambda: kept[7]):
        with pytest.raises(ValueError, match="closed"):
            read()
    assert other[0] == ("other", 0, "")
    other.close()


def test_numbers_on_disk_are_read_by_index_with_the_next():
    offsets = spool.NumberFile("factcheck-test-")
    for number in (0, 7, 2**64 - 1, 12):
        offsets.append(number)
    assert len(offsets) == 4 and [offsets.this_and_next(i) for i in range(4)] == [
        (0, 7), (7, 2**64 - 1), (2**64 - 1, 12), (12, None)]
    with pytest.raises(IndexError):
        offsets.this_and_next(4)
    offsets.close()
    with pytest.raises(ValueError, match="closed"):
        offsets.this_and_next(0)


def test_a_large_runs_corpus_findings_are_spooled_on_disk_and_reported_as_in_memory(folder, monkeypatch):
    monkeypatch.setattr(spool.ItemSpool, "BLOCK", 1)  # every finding a block of its own
    (folder / "e.txt").write_text("Log\n\nThe Morrow lock at Tavistry was reopened in May 1998.\n", encoding="utf-8")
    in_memory, stored = _both([folder], monkeypatch)
    assert isinstance(stored.corpus_findings, spool.ItemSpool) and isinstance(in_memory.corpus_findings, tuple)
    found = [(f.code, Path(f.path).name, f.excerpt) for f in stored.corpus_findings]
    assert found == [(f.code, Path(f.path).name, f.excerpt) for f in in_memory.corpus_findings]
    assert ("DATE001", "digest.txt", "October 2009") in found and ("DATE001", "e.txt", "May 1998") in found
    for fmt in ("json", "sarif", "junit", "text", "github"):
        assert render(stored, fmt) == render(in_memory, fmt), fmt
