"""The client's file of the conflicts between documents on a cluster: let go once the corpus
checks have read it; an error writing it ends the run in one line, not as a lost worker's."""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

import pytest

from factcheck import pipeline
from factcheck.config import Settings
from factcheck.spool import ItemSpool

pytest.importorskip("distributed")


def _planted(corpus) -> set[tuple[str, str, str]]:
    return {(p.path, p.value, "DATE001" if p.kind == "date" else "NUM001") for p in corpus[1]}


def test_the_conflicts_file_is_closed_once_the_corpus_checks_have_read_it(cluster, corpus, monkeypatch):
    from factcheck.cluster import session

    made: list[ItemSpool] = []

    class Recorded(ItemSpool):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(session, "ItemSpool", Recorded)
    result = pipeline.audit([corpus[0]], Settings(scheduler=cluster))
    found = {(Path(f.path).name, f.excerpt, f.code) for f in result.corpus_findings}
    assert _planted(corpus) <= found  # read by DATE001 and NUM001 before it was closed
    assert len(made) == 1 and len(made[0]) >= len(_planted(corpus)) and made[0].closed
    result.documents.close()


def test_a_full_disk_writing_the_conflicts_is_the_runs_end_not_a_lost_worker(cluster, corpus, monkeypatch, capsys):
    """The check is not run again (it would be, three times, for a worker lost), and the command
    says what stopped it in one line."""
    from factcheck.cli import main
    from factcheck.cluster import session, shuffle

    checks = []
    checked = shuffle.find_conflicts

    def counted(*args, **kwargs):
        checks.append(1)
        return checked(*args, **kwargs)

    class Full(ItemSpool):
        def append(self, item) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shuffle, "find_conflicts", counted)
    monkeypatch.setattr(session, "ItemSpool", Full)
    capsys.readouterr()
    status = main(["audit", str(corpus[0]), "--scheduler", cluster, "--format", "json", "--no-html", "--no-claims",
                   "-q", "--isolated"])
    out, err = capsys.readouterr()
    assert status == 2 and out == "" and len(checks) == 1
    assert err == ("factcheck: error: the audit stopped: No space left on device (its temporary files are in "
                   f"{tempfile.gettempdir()}; TMPDIR sets another folder)\n")
