"""Which files a run audits: the paths given, folders walked for the supported formats.

A folder walk leaves out what is not the user's writing: hidden files and folders (``.git``,
``.venv``, our own temporary files), virtual environments (a folder with ``pyvenv.cfg``),
``node_modules``, ``__pycache__``, ``*.egg-info`` and ``site-packages``, the run's own output
folders (the HTML reports and the claim ledger, given as ``skip``), the ``exclude`` globs of the
settings, and whatever the ``.gitignore`` files of the repository say git ignores (read with
pathspec, which implements git's matching rules). Files named explicitly are audited whatever
those say, except ``exclude`` with ``force_exclude`` (pre-commit names every staged file).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from factcheck.config import excluded
from factcheck.documents import SUFFIXES
from factcheck.results import InputError

SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
_SKIPPED_SUFFIXES = (".egg-info",)


def expand_paths(paths: Iterable[str | Path], exclude: Sequence[str] = (), force_exclude: bool = False,
                 skip: Iterable[str | Path] = ()) -> tuple[list[Path], list[InputError]]:
    """Files to audit (folders walked, supported suffixes, sorted) and paths that cannot be.

    ``exclude`` globs (see ``factcheck.config.path_matches``) apply to files found in folders,
    and to files named explicitly too with ``force_exclude``; ``skip`` folders are never entered.
    """
    skipped = {_resolved(Path(folder)) for folder in skip}
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and path.suffix.lower() not in SUFFIXES:
            found = sorted(_walk(path, skipped))
            files.extend(p for p in found if not excluded(p, tuple(exclude)))
        elif force_exclude and excluded(path, tuple(exclude)):
            continue
        elif not path.exists() and not path.is_symlink():
            errors.append(InputError(str(path), "no such file or directory"))
        else:
            files.append(path)  # load_document explains what is wrong with odd files
    return files, errors


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _skipped_folder(folder: Path, name: str, skipped: set[Path]) -> bool:
    if name.startswith(".") or name in SKIPPED_FOLDERS or name.endswith(_SKIPPED_SUFFIXES):
        return True
    child = folder / name
    return (child / "pyvenv.cfg").is_file() or (bool(skipped) and _resolved(child) in skipped)


def _walk(root: Path, skipped: set[Path]) -> Iterator[Path]:
    ignores = _GitIgnores(root)
    for folder, names, filenames in os.walk(root):
        here = Path(folder)
        ignores.enter(here)
        names[:] = sorted(n for n in names if not _skipped_folder(here, n, skipped)
                          and not ignores.ignored(here / n, folder=True))
        for name in filenames:
            path = here / name
            if (not name.startswith(".") and path.suffix.lower() in SUFFIXES and path.is_file()
                    and not ignores.ignored(path)):
                yield path


class _GitIgnores:
    """The ``.gitignore`` files that apply under a folder: those of its repository above it (up to
    the folder holding ``.git``), and those met on the way down."""

    def __init__(self, root: Path) -> None:
        self.specs: list[tuple[Path, object]] = []
        absolute = root.absolute()
        above = []
        for folder in absolute.parents:
            above.append(folder)
            if (folder / ".git").exists():
                break
        else:
            above = []  # not in a repository: only the walked tree's own .gitignore files count
        for folder in reversed(above):
            self._read(folder)

    def _read(self, folder: Path) -> None:
        ignore = folder / ".gitignore"
        if not ignore.is_file():
            return
        try:
            lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return
        import pathspec

        self.specs.append((folder.absolute(), pathspec.GitIgnoreSpec.from_lines(lines)))

    def enter(self, folder: Path) -> None:
        self._read(folder)

    def ignored(self, path: Path, folder: bool = False) -> bool:
        absolute = path.absolute()
        for base, spec in self.specs:
            try:
                relative = absolute.relative_to(base).as_posix()
            except ValueError:
                continue
            if spec.match_file(relative + ("/" if folder else "")):
                return True
        return False
