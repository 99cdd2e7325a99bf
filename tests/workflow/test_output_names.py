"""The names of a run's per-document outputs and the check that none replaces an input, made
without a list or a dict per document: a large run's names are on disk (``NamesOnDisk``), the
files written too (``FilesWritten``), and the inputs are read one at a time against them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

import factcheck.pipeline as pipeline
import factcheck.reports.names as names_module
from factcheck.config import Settings
from factcheck.reports.html import write_reports
from factcheck.reports.ledger import write_ledgers
from factcheck.reports.names import NamesOnDisk, unique_names
from factcheck.reports.outputs import output_over_input

NOTE = "Note\n\nThe Morrow lock at Tavistry was reopened in April 2003.\n"


@dataclass(frozen=True)
class Named:
    path: str
    format: str


# Clashes of every kind: the same stem in two folders, case, a stem that is another's name with
# its format, the reserved index, a path given twice, a stem too long for a file name.
PATHS = ["b/paper.md", "a/paper.md", "a/paper.MD", "paper.txt", "paper.md.md", "index.md", "x/index.md",
         "a/paper.md", "Paper.html", "c/" + "long" * 60 + ".md", "d/" + "long" * 60 + ".md"]


def _named(paths):
    return [Named(path, Path(path).suffix[1:].lower()) for path in sorted(paths)]


def test_names_on_disk_are_the_names_of_a_dict_looked_up_and_gone_through_in_path_order():
    expected = unique_names(_named(PATHS), ".html", reserved=("index.html",))
    assert [expected[p] for p in ("Paper.html", "a/paper.MD", "a/paper.md", "b/paper.md", "paper.md.md")] == [
        "Paper.html", "paper.md.html", "paper.md-2.html", "paper.md-3.html", "paper.md.md.html"]
    assert expected["index.md"] == "index.md.html" and expected["x/index.md"] == "index.md-2.html"
    on_disk = NamesOnDisk(iter(_named(PATHS)), ".html", reserved=("index.html",))
    assert len(on_disk) == len(expected) == len(set(PATHS))
    assert list(on_disk) == sorted(expected) and list(on_disk.values()) == [expected[p] for p in sorted(expected)]
    assert {path: on_disk[path] for path in PATHS} == expected
    with pytest.raises(KeyError):
        on_disk["nowhere.md"]
    on_disk.close()


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("b.txt", "a.txt", "Report.txt", "report.md"):
        (folder / name).write_text(NOTE, encoding="utf-8")
    return folder


def _run(docs, monkeypatch, large: bool):
    if large:  # the store, the names and the files written on disk, as from 5,000 documents
        monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
        monkeypatch.setattr(names_module, "NAMES_ON_DISK", 1)
    return pipeline.audit([docs], Settings(claims_dir=None), jobs=1)


def test_a_large_run_writes_the_same_files_under_the_same_names(docs, tmp_path, monkeypatch):
    now = datetime(2024, 1, 2, 3, 4, tzinfo=timezone.utc)
    small = _run(docs, monkeypatch, large=False)
    pages, ledgers = write_reports(small, tmp_path / "r1", now), write_ledgers(small.documents, tmp_path / "l1")
    large = _run(docs, monkeypatch, large=True)
    pages_on_disk = write_reports(large, tmp_path / "r2", now)
    ledgers_on_disk = write_ledgers(large.documents, tmp_path / "l2")
    assert [p.name for p in pages] == ["Report.html", "a.html", "b.html", "report.md.html", "index.html"]
    assert [p.name for p in ledgers] == ["Report.json", "a.json", "b.json", "report.md.json"]
    assert [p.name for p in pages_on_disk] == [p.name for p in pages]
    assert pages_on_disk[-1] == tmp_path / "r2" / "index.html"
    assert [p.name for p in ledgers_on_disk] == [p.name for p in ledgers] and len(ledgers_on_disk) == 4
    for name in ("a.html", "Report.html", "index.html"):
        assert (tmp_path / "r2" / name).read_bytes() == (tmp_path / "r1" / name).read_bytes()
    pages_on_disk.close()
    ledgers_on_disk.close()
    large.documents.close()


@pytest.mark.parametrize("large", [False, True])
def test_an_input_an_output_would_replace_is_refused_the_first_in_the_order_written(docs, tmp_path, monkeypatch, large):
    monkeypatch.chdir(tmp_path)
    result = _run(docs, monkeypatch, large)
    assert output_over_input(result, "out.json", "reports", "claims") is None
    # A report of the run's in the folder audited: its name is given to a.txt's report.
    (docs / "a.html").write_text("<p>An earlier page.</p>", encoding="utf-8")
    result = _run(docs, monkeypatch, large)
    assert output_over_input(result, None, "docs", "claims") == (
        "refusing to overwrite the input 'docs/a.html' with this run's output (--out); "
        "write the outputs to another folder or file")
    # --output comes first in the order written, then the reports.
    assert "'docs/b.txt' with this run's output (--output)" in output_over_input(result, "docs/b.txt", "docs", None)


@pytest.mark.parametrize("large", [False, True])
def test_a_link_in_the_reports_folder_to_an_input_is_refused_by_its_name(docs, tmp_path, monkeypatch, large):
    """Writing ``reports/b.html`` through a link there would replace what it points to."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "b.html").symlink_to(docs / "b.txt")
    (tmp_path / "reports" / "elsewhere.html").symlink_to(docs / "a.txt")  # no output has its name
    result = _run(docs, monkeypatch, large)
    assert output_over_input(result, None, "reports", None) == (
        "refusing to overwrite the input 'reports/b.html' with this run's output (--out); "
        "write the outputs to another folder or file")
    (tmp_path / "reports" / "b.html").unlink()
    assert output_over_input(result, None, "reports", None) is None


def _one_at_a_time(paths: list[str], suffix: str, reserved: tuple[str, ...]) -> dict[str, str]:
    """The names as first given: each document tries its names from the first until one is free."""
    taken = {name.lower() for name in reserved}
    names = {}
    for path in sorted(set(paths)):
        stem, fmt = Path(path).stem, Path(path).suffix[1:].lower()
        candidates = [f"{stem}{suffix}", f"{stem}.{fmt}{suffix}", *(f"{stem}.{fmt}-{n}{suffix}" for n in range(2, 999))]
        names[path] = next(name for name in candidates if name.lower() not in taken)
        taken.add(names[path].lower())
    return names


def test_numbered_names_skip_what_is_taken_as_trying_every_number_would(monkeypatch):
    """An index.md in each of many folders, with documents whose own names are some of the
    numbered ones (taken before, or after, their turn): the names that trying every number from
    2 would give, in a dict and on disk (where they are named 7 at a time, across chunks)."""
    paths = [f"{n:03d}/index.md" for n in range(40)] + ["000/index.md-5.md", "zzz/Index.MD-12.md", "index.md",
                                                          "b/index.txt", "c/index.md.md"]
    expected = _one_at_a_time(paths, ".html", ("index.html",))
    assert expected["000/index.md"] == "index.md.html" and expected["000/index.md-5.md"] == "index.md-5.html"
    assert expected["007/index.md"] == "index.md-9.html"  # 5 taken by a document before it
    assert unique_names(_named(paths), ".html", reserved=("index.html",)) == expected
    monkeypatch.setattr(names_module, "_CHUNK", 7)
    on_disk = NamesOnDisk(iter(_named(paths)), ".html", reserved=("index.html",))
    assert dict(zip(on_disk, on_disk.values())) == expected
    on_disk.close()


@pytest.mark.parametrize("large", [False, True])
def test_reports_and_ledgers_in_one_folder_and_two_links_to_one_input_are_each_looked_at(docs, tmp_path, monkeypatch,
                                                                                          large):
    monkeypatch.chdir(tmp_path)
    (docs / "a.html").write_text("<p>An earlier page.</p>", encoding="utf-8")
    result = _run(docs, monkeypatch, large)
    # --out and --claims the same folder, spelt two ways: its reports are not forgotten for its ledgers.
    assert "'docs/a.html' with this run's output (--out)" in output_over_input(result, None, "docs", "./docs/")
    (docs / "a.html").unlink()
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "b.html").symlink_to(docs / "b.txt")
    (tmp_path / "reports" / "zz-other").symlink_to(docs / "b.txt")  # scanned after, named as no output
    result = _run(docs, monkeypatch, large)
    assert "'reports/b.html' with this run's output (--out)" in output_over_input(result, None, "reports", None)


def test_names_on_disk_keep_a_file_name_that_is_not_utf8_and_the_last_of_a_path_given_twice():
    paths = [Named("a/x.txt", "txt"), Named("docs/a.md", "md"), Named("docs/b\udcff.md", "md"), Named("p/x.md", "md"),
             Named("p/x.md", "text"), Named("q/x.md", "md")]
    expected = unique_names(paths, ".json")
    assert expected["docs/b\udcff.md"] == "b\udcff.json" and expected["a/x.txt"] == "x.json"
    assert expected["p/x.md"] == "x.text.json" and expected["q/x.md"] == "x.md.json"  # p/x.md by its last format
    on_disk = NamesOnDisk(iter(paths), ".json")
    assert dict(zip(on_disk, on_disk.values())) == expected and on_disk["docs/b\udcff.md"] == "b\udcff.json"
    on_disk.close()


def test_names_are_read_along_in_path_order_a_path_given_twice_twice():
    from factcheck.reports.names import NamesInPathOrder

    on_disk = NamesOnDisk(iter(_named(["a/x.md", "b/x.md", "c.md"])), ".html")
    name_of = NamesInPathOrder(on_disk)
    assert [name_of(p) for p in ("a/x.md", "a/x.md", "b/x.md", "c.md")] == ["x.html", "x.html", "x.md.html", "c.html"]
    assert name_of("a/x.md") == "x.html"  # behind what was read: looked up
    with pytest.raises(KeyError):
        name_of("b/y.md")
    on_disk.close()


def test_a_full_disk_making_the_names_is_one_line_whether_checking_or_writing_the_outputs(docs, tmp_path, monkeypatch,
                                                                                          capsys):
    import sqlite3
    import tempfile

    from factcheck.cli import main

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(pipeline, "STORE_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(names_module, "NAMES_ON_DISK", 1)
    monkeypatch.setattr(NamesOnDisk, "_build", full)
    hint = f" (its temporary files are in {tempfile.gettempdir()}; TMPDIR sets another folder)\n"
    (docs / "a.html").write_text("<p>An earlier page.</p>", encoding="utf-8")  # an input where reports go
    assert main(["audit", "docs", "--out", "docs", "--no-claims", "-q", "--isolated"]) == 2
    assert capsys.readouterr().err == ("factcheck: error: cannot check the outputs against the inputs: the names of "
                                       "the outputs: database or disk is full" + hint)
    (docs / "a.html").unlink()
    assert main(["audit", "docs", "--out", "reports", "--no-claims", "-q", "--isolated"]) == 2
    assert capsys.readouterr().err == ("factcheck: error: cannot write HTML reports to reports: the names of the "
                                       "outputs: database or disk is full\n")
