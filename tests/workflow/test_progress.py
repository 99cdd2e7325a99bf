"""The progress bar: only on a terminal, not in CI or with --quiet, after a second; erased at the end."""

from __future__ import annotations

import io

from factcheck.terminal import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_shown_only_on_a_terminal_outside_ci_and_without_quiet():
    assert Progress.wanted(Terminal(), quiet=False, environ={}) is True
    assert Progress.wanted(Terminal(), quiet=True, environ={}) is False
    assert Progress.wanted(Terminal(), quiet=False, environ={"CI": "true"}) is False
    assert Progress.wanted(Terminal(), quiet=False, environ={"TERM": "dumb"}) is False
    assert Progress.wanted(io.StringIO(), quiet=False, environ={}) is False


def test_waits_a_second_then_draws_done_total_file_and_eta_then_erases():
    now = [100.0]
    stream = Terminal()
    progress = Progress(stream, clock=lambda: now[0])
    now[0] = 100.5
    progress(1, 10, "a.md")
    assert stream.getvalue() == ""  # a run shorter than a second never shows a bar
    now[0] = 102.0
    progress(4, 10, "docs/b.md")
    drawn = stream.getvalue()
    assert drawn.startswith("\r[") and drawn.endswith("\x1b[K")
    assert " 4/10 ETA 0:03 docs/b.md" in drawn  # 2 s for 4 documents: 3 s for the other 6
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_line_fits_the_terminal():
    line = Progress(Terminal()).line(3, 7, "a/very/long/path/" * 10 + "doc.md", 30.0, columns=60)
    assert len(line) <= 59 and line.endswith("doc.md") and "3/7" in line and "ETA 0:40" in line


def test_no_progress_output_when_stderr_is_not_a_terminal(cli, workdir):
    (workdir / "doc.md").write_text("# Title\n\nText.\n", encoding="utf-8")
    code, out, err = cli("audit", "doc.md", "--no-html", "--no-claims")
    assert err == ""


def test_once_every_document_is_done_the_bar_says_the_check_across_documents_is_running(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")  # the bar a quarter of the terminal's width
    now = [100.0]
    stream = Terminal()
    progress = Progress(stream, clock=lambda: now[0])
    progress.stage("checking across documents")
    assert stream.getvalue() == ""  # a run shorter than a second: nothing
    now[0] = 103.0
    progress(400, 400, "doc400.md")
    progress.stage("checking across documents")
    assert stream.getvalue().endswith("\r[" + "#" * 20 + "] checking across documents…\x1b[K")
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_the_stage_comes_after_the_last_document_and_only_with_a_check_across_documents(tmp_path):
    import factcheck

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.md").write_text(f"# {name}\n\nThe dam at Harford was completed in 1950.\n",
                                             encoding="utf-8")
    told: list[tuple] = []
    factcheck.audit(tmp_path, isolated=True, on_progress=lambda done, total, path: told.append((done, total)),
                    on_stage=lambda label: told.append((label,)))
    assert told == [(1, 3), (2, 3), (3, 3), ("checking across documents",)]
    told.clear()
    factcheck.audit(tmp_path, isolated=True, select=["CIT"], on_progress=lambda *args: None,
                    on_stage=lambda label: told.append(label))
    assert told == []  # no rule across documents selected
    factcheck.audit(tmp_path / "a.md", isolated=True, on_stage=lambda label: told.append(label))
    assert told == []  # one document


def test_a_stage_begun_before_the_delay_is_said_once_it_has_passed_and_not_after_the_end(monkeypatch):
    """Documents audited in under a second, then a check of minutes: the bar appears then."""
    import time

    monkeypatch.setenv("COLUMNS", "80")
    stream = Terminal()
    progress = Progress(stream, delay=0.05)
    progress.stage("checking across documents")
    assert stream.getvalue() == ""
    deadline = time.monotonic() + 5
    while not stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert stream.getvalue() == "\r[" + "#" * 20 + "] checking across documents…\x1b[K"
    progress.close()
    ended = Progress(Terminal(), delay=0.05)
    ended.stage("checking across documents")
    ended.close()  # the run over before the delay: the timer draws nothing
    time.sleep(0.1)
    assert ended.stream.getvalue() == ""


def test_a_terminal_gone_under_the_stage_ends_the_bar_without_a_traceback():
    class Gone(Terminal):
        def write(self, text: str) -> int:
            raise OSError(5, "Input/output error")

    progress = Progress(Gone(), delay=0.0)
    progress.stage("checking across documents")  # drawn at once: the write fails, quietly
    progress.close()
    assert progress.shown is False
