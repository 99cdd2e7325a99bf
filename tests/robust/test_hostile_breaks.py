"""The breaks a hostile user found (issue 14), one regression test each: each failed before its fix.

Inputs are made in a temp folder; the command line runs in a subprocess where a break could hang
or kill the process, so a regression fails the test instead of the test run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from factcheck import render
from factcheck.config import Settings
from factcheck.pipeline import audit

PAPER = "# Silt\n\nThe delta lost a tenth of its area in a decade (Okafor, 2019).\n\n## References\n\n" \
        "Okafor, N. (2019). Water allocation on shared rivers. Hydropolitics, 4(2), 1-20.\n"


def cli(args: list[str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "CI": "1"})


def _seconds(path: Path) -> float:
    started = time.perf_counter()
    audit([path], Settings(time_limit=0), jobs=1)
    return time.perf_counter() - started


def test_1_a_line_of_spaces_before_a_date_like_tail_costs_linear_time(tmp_path):
    """Break 1: `_DATELINE` took 34-40 s on 10 KB: thousands of spaces, then `x, 2020)`."""
    times = []
    for spaces in (1_000, 4_000):
        path = tmp_path / f"spaces{spaces}.md"
        path.write_text((" " * spaces + "x, 2020)\n") * 2, encoding="utf-8")
        times.append(_seconds(path))
    # Four times the input in at most about four times the time (small runs are noisy: a floor).
    assert times[1] <= 8 * max(times[0], 0.05), times


def _bomb(path: Path, parts: dict[str, int]) -> None:
    """A Word-shaped zip whose parts inflate to the given megabytes at about 330:1 each (under the
    central directory's 500:1 check): a megabyte of zeros but for 2 KB that deflate cannot shrink."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, megabytes in parts.items():
            with archive.open(name, "w", force_zip64=True) as member:
                for _ in range(megabytes):
                    member.write(bytes(1024 * 1024 - 2048) + os.urandom(2048))


@pytest.mark.parametrize("parts", [{"word/document.xml": 190},
                                   {"word/document.xml": 1, **{f"word/media/part{i}.xml": 10 for i in range(19)}}],
                         ids=["one 190 MB part", "nineteen 10 MB parts"])
def test_2_a_zip_bomb_in_word_stops_inflating_at_the_cap(tmp_path, monkeypatch, parts):
    """Break 2: a 711 KB .docx whose document.xml inflated to 190 MB (294:1, under the 500:1 check)
    drove the process to 5.3 GB; nineteen 10 MB parts passed the ratio check one by one. The parts
    are now inflated as a stream, counted as read, and reading stops at the cap."""
    from factcheck.documents import docx_zip as docx_reader

    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    bomb = tmp_path / "bomb.docx"
    _bomb(bomb, parts)
    size = bomb.stat().st_size
    assert size < 2 * 1024 * 1024 and sum(parts.values()) >= 190  # small file, ~190 MB inside
    inflated = []
    real_read = zipfile.ZipExtFile.read

    def counted(self, n=-1):
        assert n is not None and n >= 0, "a part was read whole, not as a stream"
        data = real_read(self, n)
        inflated.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted)
    result = audit([bomb, tmp_path / "paper.md"], Settings(), jobs=1)
    cap = docx_reader.INFLATE_ALLOWANCE + docx_reader.INFLATE_FACTOR * size
    (error,) = result.errors
    assert error.path == str(bomb)
    assert error.message.startswith("docx too large when uncompressed: part word/")
    assert error.message.endswith(f"passed {round(cap / 2**20)} MB in all, where reading stopped (zip bomb?)")
    assert round(cap / 2**20) < 60  # the cap scales with the file: far below the 190 MB inside
    assert sum(inflated) == cap + 1 and max(inflated) <= 1024 * 1024  # stopped one byte past it, a chunk at a time
    assert [d.document.path for d in result.documents] == [str(tmp_path / "paper.md")]  # the batch went on


@pytest.mark.skipif(not Path("/dev/zero").exists() or not hasattr(os, "mkfifo"), reason="POSIX devices and FIFOs")
def test_3_devices_and_fifos_are_refused_in_one_line_without_reading_or_blocking(tmp_path):
    """Break 3: a .txt symlink to /dev/zero grew memory until MemoryError; a FIFO blocked forever,
    as a document and as --bib, --baseline or --config, even with --time-limit 0."""
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.md")
    os.mkfifo(tmp_path / "refs.bib")
    os.mkfifo(tmp_path / "base.json")
    proc = cli(["audit", "paper.md", "zero.txt", "pipe.md", "--time-limit", "0", "--format", "json", "--no-html",
                "--no-claims", "--bib", "refs.bib", "--baseline", "base.json"], tmp_path, timeout=30)
    assert proc.returncode == 2
    assert "factcheck: error: cannot read baseline file 'base.json': not a regular file" in proc.stderr
    proc = cli(["audit", "paper.md", "zero.txt", "pipe.md", "--time-limit", "0", "--format", "json", "--no-html",
                "--no-claims", "--bib", "refs.bib", "--no-baseline"], tmp_path, timeout=30)
    errors = {e["path"]: e["message"] for e in json.loads(proc.stdout)["errors"]}
    assert errors["zero.txt"].startswith("not a regular file") and errors["pipe.md"].startswith("not a regular file")
    assert errors["refs.bib"].startswith("not a regular file")
    assert [d["path"] for d in json.loads(proc.stdout)["documents"]] == ["paper.md"]
    os.mkfifo(tmp_path / "factcheck.toml")
    proc = cli(["audit", "paper.md", "--config", "factcheck.toml", "--no-html"], tmp_path, timeout=30)
    assert proc.returncode == 2 and "factcheck.toml: cannot read: not a regular file" in proc.stderr


def test_4_deeply_nested_json_is_a_one_line_error_for_that_file(tmp_path):
    """Break 4: `[[[[…]]]]` as --bib, --baseline or an old ledger ended the run with RecursionError."""
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "refs.json").write_text(deep, encoding="utf-8")
    (tmp_path / "base.json").write_text(deep, encoding="utf-8")
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "paper.json").write_text(deep, encoding="utf-8")
    proc = cli(["audit", "paper.md", "--bib", "refs.json", "--baseline", "base.json", "--no-html"], tmp_path)
    assert proc.stderr.strip() == "factcheck: error: baseline file 'base.json' is nested too deeply to be a " \
                                  "factcheck baseline"
    proc = cli(["audit", "paper.md", "--bib", "refs.json", "--no-baseline", "--no-html", "--format", "json"], tmp_path)
    assert "RecursionError" not in proc.stderr and "internal error" not in proc.stderr
    (error,) = json.loads(proc.stdout)["errors"]
    assert error == {"path": "refs.json", "message": "item 1: nested too deeply to be a CSL-JSON record; "
                                                     "the rest of the file was skipped"}
    # The unreadable old ledger is left as it was (it may hold an editor's reviews), named in an error.
    assert (tmp_path / "claims" / "paper.json").read_text(encoding="utf-8") == deep
    assert "factcheck: error: claim ledger " in proc.stderr and "paper.json: not valid JSON (" in proc.stderr


def test_5_junit_holds_no_character_xml_forbids(tmp_path):
    """Break 5: a control character in the text or a file name was written raw into the XML."""
    name = tmp_path / "bell\x01paper.md"
    name.write_text(PAPER.replace("(Okafor, 2019)", "(Okafo\x01r, 2019) (Hale\x00, 2017)"), encoding="utf-8")
    result = audit([name], Settings(), jobs=1)
    xml = render(result, "junit", fail_on="info")
    root = ET.fromstring(xml)  # a strict parser accepts it
    assert "\x01" not in xml and "\x00" not in xml
    assert root.find("testsuite").get("name").endswith("bell\\x01paper.md")


def test_6_a_long_legal_file_name_gets_its_report_and_ledger(tmp_path):
    """Break 6: a 243-character name made the temporary file's name pass 255 bytes: no report at all."""
    name = "r" * 240 + ".md"
    (tmp_path / name).write_text(PAPER, encoding="utf-8")
    proc = cli(["audit", name, "--format", "json"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    reports = [p.name for p in (tmp_path / "reports").iterdir()]
    ledgers = [p.name for p in (tmp_path / "claims").iterdir()]
    assert "index.html" in reports and len(reports) == 2 and len(ledgers) == 1
    assert all(len(n.encode()) <= 160 for n in reports + ledgers)
    assert json.loads((tmp_path / "claims" / ledgers[0]).read_text(encoding="utf-8"))["document"] == name


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc to see the workers")
def test_7_workers_die_with_a_parent_killed_by_sigkill(tmp_path):
    """Break 7: `--jobs 2` with the parent killed by SIGKILL left the workers running, orphaned."""
    slow = "".join(f"- item {i}: the basin authority said flows fell in 20{i % 20:02d} (Smith{i % 50} et al., "
                   f"20{i % 20:02d}), according to a survey.\n" for i in range(600))
    for i in range(40):
        (tmp_path / f"d{i}.md").write_text(slow, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "audit", ".", "--jobs", "2", "--no-html",
                             "--no-claims", "-q"], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[str] = []
    for _ in range(100):  # wait for the two workers
        time.sleep(0.1)
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
        if len(children) >= 2:
            break
    assert len(children) >= 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    alive = children
    while alive and time.time() < deadline:
        time.sleep(0.1)
        alive = [c for c in children if Path(f"/proc/{c}").exists()
                 and Path(f"/proc/{c}/stat").read_text().split()[2] not in ("Z", "X")]
    assert alive == []


def test_8_file_names_cannot_drive_the_terminal_or_forge_a_line(tmp_path):
    """Break 8: ESC sequences and newlines in a file name reached the terminal raw; a name could
    forge a second 'one-line' error."""
    evil = "x\x1b[2J\nfactcheck: all.md: forged.txt"
    (tmp_path / evil).write_bytes(b"%PDF-1.7 broken")
    proc = cli(["audit", evil, "--no-html", "--no-claims"], tmp_path)
    assert "\x1b" not in proc.stderr and "\x1b" not in proc.stdout
    (line,) = proc.stderr.splitlines()
    assert line.startswith("factcheck: x\\x1b[2J\\nfactcheck: all.md: forged.txt: ")


def test_9_a_right_to_left_override_cannot_reverse_a_name_in_the_index(tmp_path):
    """Break 9: a U+202E override in a file name showed 'exe.txt' reversed in the index page."""
    name = "report\u202etxt.exe.md"
    (tmp_path / name).write_text(PAPER, encoding="utf-8")
    proc = cli(["audit", name, "--no-claims"], tmp_path)
    index = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "\u202e" not in index and "report\\u202etxt.exe.md" in index
    assert "\u202e" not in proc.stdout


def test_10_outputs_never_overwrite_an_input(tmp_path):
    """Break 10: `audit site --out site` replaced site/x.html with its report; `--output paper.md
    paper.md` overwrote the manuscript."""
    site = tmp_path / "site"
    site.mkdir()
    page = "<html><body><article><p>The Vell rose by two metres on Monday.</p></article></body></html>"
    (site / "x.html").write_text(page, encoding="utf-8")
    (tmp_path / "paper.md").write_text(PAPER, encoding="utf-8")
    proc = cli(["audit", "site", "--out", "site", "--no-claims"], tmp_path)
    assert proc.returncode == 2 and "refusing to overwrite the input 'site/x.html'" in proc.stderr
    assert (site / "x.html").read_text(encoding="utf-8") == page and not (site / "index.html").exists()
    proc = cli(["audit", "paper.md", "--output", "paper.md", "--format", "json", "--no-html"], tmp_path)
    assert proc.returncode == 2 and "refusing to overwrite the input 'paper.md'" in proc.stderr
    assert (tmp_path / "paper.md").read_text(encoding="utf-8") == PAPER


def test_a_document_past_the_memory_limit_is_an_input_error_and_the_run_goes_on(tmp_path, monkeypatch):
    """Beside the time limit, a per-document memory bound: one hostile document cannot take the machine."""
    import factcheck.pipeline as pipeline

    (tmp_path / "a.md").write_text(PAPER, encoding="utf-8")
    (tmp_path / "b.md").write_text(PAPER, encoding="utf-8")
    real = pipeline.audit_document

    def greedy(document, *args, **kwargs):
        if document.path.endswith("b.md"):
            return [bytearray(1024 * 1024) for _ in range(400)]  # 400 MB, past a 100 MB limit
        return real(document, *args, **kwargs)

    monkeypatch.setattr(pipeline, "audit_document", greedy)
    result = audit([tmp_path / "a.md", tmp_path / "b.md"], Settings(memory_limit=100), jobs=1)
    assert [d.document.path for d in result.documents] == [str(tmp_path / "a.md")]
    (error,) = result.errors
    assert error.path == str(tmp_path / "b.md") and error.message.startswith("audit needed more than 100 MB of memory")


@pytest.mark.skipif(not Path("/dev/zero").exists() or not hasattr(os, "mkfifo"), reason="POSIX devices and FIFOs")
def test_3b_a_device_or_fifo_found_in_a_folder_is_refused_not_passed_over(tmp_path):
    """Walked in a folder, a document's name on a device or a FIFO was skipped without a word (a
    new user's trial); it is refused in one line, as when it is named. A broken link is still
    passed over (a git-annex file not fetched, a link into a build folder not built)."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "paper.md").write_text(PAPER, encoding="utf-8")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "broken.md").symlink_to(folder / "gone.md")
    os.mkfifo(folder / "pipe.md")
    (folder / "notes.bin").symlink_to("/dev/zero")  # not a document's name: not walked
    proc = cli(["audit", "mixed", "--format", "json", "--no-html", "--no-claims"], tmp_path, timeout=30)
    assert proc.returncode == 2
    report = json.loads(proc.stdout)
    errors = {e["path"]: e["message"] for e in report["errors"]}
    assert sorted(errors) == ["mixed/pipe.md", "mixed/zero.txt"]
    assert errors["mixed/zero.txt"].startswith("not a regular file")
    assert errors["mixed/pipe.md"].startswith("not a regular file")
    assert [d["path"] for d in report["documents"]] == ["mixed/paper.md"]
