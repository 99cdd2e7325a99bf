"""A document that runs past the time limit becomes an input error, and the run goes on.

A runaway document is made by patching a pipeline stage to spin in Python for the one file
named ``slow.md`` (for at most ``SPIN`` seconds, so that a broken limit fails these tests instead
of hanging them). The spin swallows every ``Exception`` as it goes, as a careless loader or rule
would: the limit must get through that. Through the API (one job and worker processes) and
through ``python -m factcheck``-style subprocesses: exit code 2, one line on stderr naming the
file and the limit, the good paper of the same run still reported with its finding.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import factcheck.pipeline as pipeline
from factcheck.config import ConfigError, Settings
from factcheck.configure import load_settings
from factcheck.pipeline import audit
from factcheck.results import InputError
from factcheck.timelimit import TimeLimitExceeded, limit_available, time_limit
from tests.cli.conftest import cli, workdir  # noqa: F401 - the in-process command line fixtures
from tests.robust.helpers import PAPER, PAPER_FINDINGS

ROOT = Path(__file__).resolve().parents[2]
SPIN = 30.0  # seconds a runaway document spins at most: far beyond any limit used here
# The good paper must finish well within the limit even on a loaded machine; the runaway spins 30 s.
LIMIT_MESSAGE = ("audit took longer than 2 s (time limit; raise it with --time-limit or 'time-limit' "
                 "in the settings, 0 for none)")


def spin(seconds: float = SPIN) -> None:
    """Busy Python work that catches every Exception on the way, as careless code does."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            sum(range(1000))
        except Exception:  # noqa: BLE001, S112 - the point: the limit must not be swallowed here
            continue


def _slow_when(name: str, stage):
    def slow(document_or_path, *args, **kwargs):
        path = getattr(document_or_path, "path", document_or_path)
        if Path(str(path)).name == name:
            spin()
        return stage(document_or_path, *args, **kwargs)
    return slow


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "paper.md").write_text(PAPER, encoding="utf-8")
    (tmp_path / "docs" / "slow.md").write_text(PAPER, encoding="utf-8")
    return tmp_path / "docs"


def _findings(result) -> dict[str, list[tuple[str, str]]]:
    return {Path(d.document.path).name: [(f.code, f.excerpt) for f in d.findings] for d in result.documents}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_runaway_audit_becomes_an_error_and_the_other_document_is_reported(monkeypatch, folder, jobs):
    monkeypatch.setattr(pipeline, "extract", _slow_when("slow.md", pipeline.extract))
    result = audit([folder], Settings(time_limit=2), jobs=jobs)  # jobs=2: forked workers inherit the patch
    assert result.errors == (InputError(str(folder / "slow.md"), LIMIT_MESSAGE),)
    assert _findings(result) == {"paper.md": PAPER_FINDINGS}


def test_loading_counts_toward_the_limit(monkeypatch, folder):
    monkeypatch.setattr(pipeline, "load_document", _slow_when("slow.md", pipeline.load_document))
    result = audit([folder], Settings(time_limit=2), jobs=1)
    assert result.errors == (InputError(str(folder / "slow.md"), LIMIT_MESSAGE),)
    assert _findings(result) == {"paper.md": PAPER_FINDINGS}


def test_a_limit_of_zero_is_no_limit(monkeypatch, folder):
    def briefly_slow(document, *args, **kwargs):
        spin(0.4)
        return extract(document, *args, **kwargs)

    extract = pipeline.extract
    monkeypatch.setattr(pipeline, "extract", briefly_slow)
    result = audit([folder / "slow.md"], Settings(time_limit=0), jobs=1)
    assert result.errors == () and _findings(result) == {"slow.md": PAPER_FINDINGS}


def test_the_alarm_handler_is_put_back_and_the_timer_left_off():
    def mine(signum, frame):
        raise AssertionError("our own handler must not run")

    previous = signal.signal(signal.SIGALRM, mine)
    try:
        with time_limit(5) as enforced:
            assert enforced and signal.getsignal(signal.SIGALRM) is not mine
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        with pytest.raises(TimeLimitExceeded), time_limit(0.05):
            spin()
        assert signal.getsignal(signal.SIGALRM) is mine
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_an_alarm_timer_someone_else_set_is_left_alone():
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with time_limit(0.05) as enforced:
            assert not enforced  # no limit rather than stealing the other timer
        assert 29 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_outside_the_main_thread_there_is_no_limit():
    seen = []

    def run() -> None:
        seen.append(limit_available())
        with time_limit(0.05) as enforced:
            seen.append(enforced)
            spin(0.2)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert seen == [False, False]


def test_time_limit_is_read_from_the_file_the_environment_and_the_command_line(workdir):
    assert load_settings(cwd=workdir, environ={}, isolated=True).time_limit == 60
    (workdir / "factcheck.toml").write_text("time-limit = 120\n", encoding="utf-8")
    assert load_settings(cwd=workdir, environ={}).time_limit == 120
    assert load_settings(cwd=workdir, environ={"FACTCHECK_TIME_LIMIT": "0"}).time_limit == 0
    assert load_settings(cli={"time_limit": 2.5}, cwd=workdir, environ={"FACTCHECK_TIME_LIMIT": "0"}).time_limit == 2.5
    (workdir / "factcheck.toml").write_text("time-limit = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^factcheck.toml: invalid value for 'time-limit': .* greater than or equal"):
        load_settings(cwd=workdir, environ={})  # named as found from the working folder


# -- the command line, in a subprocess --------------------------------------------------------

# The CLI with one stage patched to spin on slow.md; worker processes are forked, so they
# inherit the patch.
SCRIPT = """
import sys
from tests.robust.test_time_limit import _slow_when
import factcheck.pipeline as pipeline
pipeline.extract = _slow_when("slow.md", pipeline.extract)
from factcheck.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_command_line_names_the_runaway_file_on_one_line_and_exits_2(folder, jobs):
    proc = subprocess.run([sys.executable, "-c", SCRIPT, "audit", "docs", "--time-limit", "2", "--jobs", jobs,
                           "--format", "json", "--no-html", "--no-claims", "--isolated"],
                          cwd=folder.parent, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=120)
    assert proc.stderr == f"factcheck: docs/slow.md: {LIMIT_MESSAGE}\n"
    assert proc.returncode == 2
    report = json.loads(proc.stdout)
    assert report["errors"] == [{"path": "docs/slow.md", "message": LIMIT_MESSAGE}]
    assert [(d["path"], [(f["code"], f["excerpt"]) for f in d["findings"]]) for d in report["documents"]] == \
        [("docs/paper.md", PAPER_FINDINGS)]


def test_a_bad_time_limit_is_a_usage_error(cli, workdir):
    code, out, err = cli("audit", "paper.md", "--time-limit", "soon")
    assert (code, out) == (2, "")
    assert err == ("factcheck: error: argument --time-limit: not a number of seconds: 'soon'\n"
                   "(see 'factcheck --help')\n")

