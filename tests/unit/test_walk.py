"""Folder walks audit the user's documents, not the tool's output, VCS, environments or ignored files."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from factcheck.walk import expand_paths


def _tree(root: Path, files: list[str]) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("The Vell rose.\n" if not name.endswith(".gitignore") else "", encoding="utf-8")


def _found(root: Path, **options) -> list[str]:
    files, errors = expand_paths([root], **options)
    assert errors == []
    return [p.relative_to(root).as_posix() for p in files]


def test_vcs_environments_caches_and_egg_info_are_not_entered(tmp_path):
    _tree(tmp_path, ["paper.md", ".git/notes.md", ".venv/lib/readme.md", "node_modules/pkg/README.md",
                     "__pycache__/x.txt", "factcheck.egg-info/PKG-INFO.txt", "env/pyvenv.cfg", "env/lib/a.md",
                     "venv-docs/guide.md", "drafts/ch1.md"])
    assert _found(tmp_path) == ["drafts/ch1.md", "paper.md", "venv-docs/guide.md"]


def test_the_runs_own_outputs_are_skipped(tmp_path):
    _tree(tmp_path, ["paper.md", "reports/index.html", "reports/paper.html", "site/page.html"])
    assert _found(tmp_path, skip=[tmp_path / "reports"]) == ["paper.md", "site/page.html"]


def test_a_folder_of_reports_an_earlier_run_wrote_is_skipped(tmp_path):
    """Reports written elsewhere (--out old-reports, or by a run from another folder) quote the
    documents they report on: audited, they were documents of their own, full of findings."""
    from factcheck.config import Settings
    from factcheck.pipeline import audit
    from factcheck.reports.html.render import write_reports

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "memo.md").write_text("# Memo\n\nThe weir was rebuilt in 2011 (Koskinen, 2011).\n",
                                                encoding="utf-8")
    write_reports(audit([tmp_path / "docs"], Settings(claims_dir=None)), tmp_path / "docs" / "old-reports",
                  datetime(2024, 6, 4, tzinfo=timezone.utc))
    assert sorted(p.name for p in (tmp_path / "docs" / "old-reports").iterdir()) == ["index.html", "memo.html"]
    assert _found(tmp_path) == ["docs/memo.md"]
    # A folder with an index.html of its own is a folder of documents like any other.
    _tree(tmp_path, ["site/index.html", "site/about.html"])
    assert _found(tmp_path) == ["docs/memo.md", "site/about.html", "site/index.html"]
    # One whose index.html is a pipe is not read (it would wait for a writer forever).
    if hasattr(os, "mkfifo"):
        (tmp_path / "piped").mkdir()
        os.mkfifo(tmp_path / "piped" / "index.html")
        _tree(tmp_path, ["piped/notes.md"])
        assert "piped/notes.md" in _found(tmp_path)


def test_gitignore_of_the_repository_and_of_subfolders(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".gitignore").write_text("build/\n*.tmp.md\n/site/\n", encoding="utf-8")
    _tree(repo, ["docs/a.md", "docs/build/out.html", "docs/b.tmp.md", "site/x.html", "docs/site/keep.md",
                 "docs/drafts/old.md", "docs/drafts/new.md"])
    (repo / "docs" / "drafts" / ".gitignore").write_text("old.md\n", encoding="utf-8")
    # Walking a subfolder still applies the repository's .gitignore above it.
    assert _found(repo / "docs") == ["a.md", "drafts/new.md", "site/keep.md"]
    assert _found(repo) == ["docs/a.md", "docs/drafts/new.md", "docs/site/keep.md"]


def test_files_named_explicitly_are_audited_whatever_the_walk_would_skip(tmp_path):
    _tree(tmp_path, ["node_modules/pkg/README.md"])
    files, errors = expand_paths([tmp_path / "node_modules" / "pkg" / "README.md"])
    assert files == [tmp_path / "node_modules" / "pkg" / "README.md"] and errors == []


def test_a_folder_whose_listing_fails_part_way_is_passed_over(tmp_path, monkeypatch):
    # A folder removed during the walk, or a network file system failing while it is listed: as
    # os.walk did, that folder is passed over and the walk goes on with the others.
    for folder in ("broken", "good"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text("A paper.")
        (tmp_path / folder / "b.md").write_text("A paper.")
    real_scandir = os.scandir

    class FailingListing:
        def __init__(self, entries):
            self.entries = entries

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.entries.close()

        def __iter__(self):
            yield next(iter(self.entries))
            raise OSError(5, "Input/output error")

    def scandir(path):
        entries = real_scandir(path)
        return FailingListing(entries) if Path(path).name == "broken" else entries

    monkeypatch.setattr(os, "scandir", scandir)
    files, errors = expand_paths([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["good/a.md", "good/b.md"]
    assert errors == []
