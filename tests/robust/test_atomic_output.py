"""A run killed with SIGKILL while it writes leaves every output file either as it was or complete.

The HTML reports, the claim ledger and the ``--output`` JSON are each written to a hidden
temporary file and renamed over the old one (``factcheck.reports.atomic``). Here a real
``python -m factcheck audit`` writes all three for 20 documents; the inputs are then edited
(and the report time moved on, through ``SOURCE_DATE_EPOCH``) so that every output changes,
and the same command is started again and killed at moments chosen by watching the output
folders: as the first ledger is being written, the first report, reports part-way through,
and the JSON file. After each kill every output file must
be byte-identical to its old version or to its new one (what a complete run writes, found by
running it to the end last), parse or end as a whole file does, and anything else in the
folders must be a hidden temporary file that the next run leaves alone while it is fresh and
removes once it is stale.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from factcheck.reports.atomic import STALE_AFTER, TEMPORARY, remove_stale_temporaries
from tests.workflow.corpus_variants import make_corpus

ROOT = Path(__file__).resolve().parents[2]
COMMAND = ["audit", "docs", "--jobs", "1", "--format", "json", "--output", "report.json", "--out", "reports",
           "--claims", "claims", "-q", "--isolated"]
OLD_TIME, NEW_TIME = "1700000000", "1800000000"  # SOURCE_DATE_EPOCH: the report time of each version


def _start(cwd: Path, epoch: str) -> subprocess.Popen:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": epoch}
    return subprocess.Popen([sys.executable, "-m", "factcheck", *COMMAND], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _complete(cwd: Path, epoch: str) -> None:
    proc = _start(cwd, epoch)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1 and not err, err.decode()  # the corpus has errors; nothing unreadable


def _outputs(cwd: Path) -> dict[str, bytes]:
    """Every file in the output folders, and report.json with whatever lies beside it, by name."""
    files = {p.relative_to(cwd).as_posix(): p.read_bytes()
             for folder in ("reports", "claims") for p in sorted((cwd / folder).iterdir())}
    files.update({p.name: p.read_bytes() for p in cwd.iterdir() if p.is_file()})
    return files


def _state(folder: Path) -> tuple[int, ...]:
    """The folder's modification time and its files': what changes when a file in it is written,
    through a temporary file (a new name in the folder) or in place."""
    times = [folder.stat().st_mtime_ns]
    for entry in os.scandir(folder):
        try:
            if entry.is_file():
                times.append(entry.stat().st_mtime_ns)
        except FileNotFoundError:  # a temporary file renamed since the folder was listed
            continue
    return tuple(sorted(times))


def _killed_when(cwd: Path, watched: str, after: float = 0.0, epoch: str = NEW_TIME) -> int | None:
    """Start the run, SIGKILL it ``after`` seconds once a file in the ``watched`` folder is
    being written; the return code, -9 when it was killed."""
    folder = cwd / watched
    before = _state(folder)
    proc = _start(cwd, epoch)
    try:
        while proc.poll() is None and _state(folder) == before:
            time.sleep(0.001)
        if after:
            time.sleep(after)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode


def _whole(name: str, content: bytes) -> None:
    """The file ends as a complete one of its kind does."""
    if name.endswith(".json"):
        json.loads(content)
    else:
        assert name.endswith(".html") and content.endswith(b"</html>\n"), name


def _is_temporary(name: str) -> bool:
    return bool(TEMPORARY.match(Path(name).name))


def _target_of(name: str) -> str:
    """``reports/.a.html.k2x9_q1a.tmp`` -> ``reports/a.html``."""
    path = Path(name)
    return (path.parent / path.name[1:-len(".k2x9_q1a.tmp")]).as_posix()


@pytest.mark.slow
def test_a_killed_run_leaves_each_output_old_or_new_never_partial(tmp_path):
    paths = make_corpus(tmp_path / "docs", count=20, binary_every=0)  # text: its outputs all change
    _complete(tmp_path, OLD_TIME)
    old = _outputs(tmp_path)
    assert not any(_is_temporary(name) for name in old)
    assert sum(name.startswith("reports/") for name in old) == 21  # 20 documents and the index
    assert sum(name.startswith("claims/") for name in old) == 20
    for path in paths:  # new content for every document, its report, its ledger and the JSON
        if path.suffix in (".md", ".txt"):
            path.write_text(path.read_text(encoding="utf-8") + "\nThe weir was raised by 40% in 2021.\n",
                            encoding="utf-8")
        elif path.suffix == ".html":
            path.write_text(path.read_text(encoding="utf-8").replace(
                "</h1>", "</h1>\n<p>The weir was raised by 40% in 2021.</p>", 1), encoding="utf-8")

    moments = [("claims", 0.0), ("reports", 0.0), ("reports", 0.03), ("reports", 0.08), (".", 0.0)]
    states = []
    for watched, after in moments:
        returncode = _killed_when(tmp_path, watched, after)
        states.append((f"killed when {watched}/ changed + {after} s (exit {returncode})", _outputs(tmp_path)))

    # What a complete run writes; it also removes the temporary files the kills left, once stale.
    leftovers = sorted({name for _, files in states for name in files if _is_temporary(name)})
    for name in leftovers:
        if (tmp_path / name).exists():
            os.utime(tmp_path / name, (time.time() - STALE_AFTER - 60,) * 2)
    fresh = tmp_path / "reports" / ".index.html.zzzzzzzz.tmp"  # a concurrent writer's: left alone
    fresh.write_bytes(b"<html")
    _complete(tmp_path, NEW_TIME)
    new = _outputs(tmp_path)
    assert [name for name in new if _is_temporary(name)] == ["reports/.index.html.zzzzzzzz.tmp"]
    del new["reports/.index.html.zzzzzzzz.tmp"]

    assert new.keys() == old.keys()
    changed = sorted(name for name in old if old[name] != new[name])
    assert changed == sorted(old)  # so that "old or new" tells which one each file is

    mixed = 0
    for moment, files in states:
        reports = {name: content for name, content in files.items() if not _is_temporary(name)}
        assert reports.keys() == old.keys(), moment  # nothing deleted, nothing extra but temporaries
        for name, content in reports.items():
            assert content in (old[name], new[name]), f"{moment}: {name} is neither the old nor the new file"
            _whole(name, content)
        for name in files.keys() - reports.keys():  # hidden, and named after the file it was to become
            assert _target_of(name) in old, f"{moment}: unexpected {name}"
        mixed += any(reports[name] == old[name] for name in changed) and \
            any(reports[name] == new[name] for name in changed)
    # Unless a kill caught the run part-way through its writes, this test proved nothing.
    assert mixed, [moment for moment, _ in states]


def test_stale_temporaries_are_removed_and_fresh_or_foreign_ones_kept(tmp_path):
    now = time.time()
    names = {"stale": ".a.html.k2x9_q1a.tmp", "fresh": ".b.html.abcdefgh.tmp", "report": "c.html",
             "other tool's": "d.html.tmp", "stale, of report.json": ".report.json.12345678.tmp",
             "stale, of notes.txt": ".notes.txt.87654321.tmp"}
    for name in names.values():
        (tmp_path / name).write_text("x", encoding="utf-8")
        if name != names["fresh"]:
            os.utime(tmp_path / name, (now - STALE_AFTER - 1,) * 2)
    removed = remove_stale_temporaries(tmp_path, of="report.json", now=now)
    assert removed == [tmp_path / names["stale, of report.json"]]  # beside --output: only its own
    removed = remove_stale_temporaries(tmp_path, now=now)
    assert sorted(p.name for p in removed) == sorted([names["stale"], names["stale, of notes.txt"]])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([names["fresh"], names["report"],
                                                                 names["other tool's"]])
    assert remove_stale_temporaries(tmp_path / "missing") == []
