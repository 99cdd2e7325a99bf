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
