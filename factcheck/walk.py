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
from factcheck.spool import sorted_on_disk

SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
_SKIPPED_SUFFIXES = (".egg-info",)


def expand_paths(paths: Iterable[str | Path], exclude: Sequence[str] = (), force_exclude: bool = False,
                 skip: Iterable[str | Path] = ()) -> tuple[list[Path], list[InputError]]:
    """Files to audit (folders walked, supported suffixes, sorted) and paths that cannot be.

    ``exclude`` globs (see ``factcheck.config.path_matches``) apply to files found in folders,
    and to files named explicitly too with ``force_exclude``; ``skip`` folders are never entered.
    """
    files: list[Path] = []
    errors: list[InputError] = []
    for found in walk_paths(paths, exclude, force_exclude, skip):
        (errors if isinstance(found, InputError) else files).append(found)
    return files, errors


def walk_paths(paths: Iterable[str | Path], exclude: Sequence[str] = (), force_exclude: bool = False,
               skip: Iterable[str | Path] = ()) -> Iterator[Path | InputError]:
    """What ``expand_paths`` returns, a file (or a path that cannot be audited) at a time, in the
    same order: a large run writes them down as they come instead of holding them all."""
    skipped = {_resolved(Path(folder)) for folder in skip}
    patterns = tuple(exclude)
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and path.suffix.lower() not in SUFFIXES:
            yield from (p for p in _walk(path, skipped) if not excluded(p, patterns))
        elif force_exclude and excluded(path, patterns):
            continue
        elif not path.exists() and not path.is_symlink():
            yield InputError(str(path), "no such file or directory")
        else:
            yield path  # load_document explains what is wrong with odd files


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
    """The files under ``root`` in the order of their ``Path`` (part by part): each folder's
    entries by name, a subfolder's files where its name falls among them. A folder's listing is
    sorted on disk when it is very large (``factcheck.spool.sorted_on_disk``), so that no list of
    every file is held."""
    yield from _folder(root, skipped, _GitIgnores(root))


def _folder(here: Path, skipped: set[Path], ignores: _GitIgnores) -> Iterator[Path]:
    ignores.enter(here)
    try:
        listing = os.scandir(here)
    except OSError:  # as os.walk: a folder that cannot be listed is passed over
        return
    failed: list[OSError] = []
    with listing:
        entries = sorted_on_disk(_listed(listing, failed))
    if failed:  # as os.walk: a folder whose listing fails part way is passed over
        return
    for name, kind in entries:
        if kind == _FOLDER:
            if not _skipped_folder(here, name, skipped) and not ignores.ignored(here / name, folder=True):
                yield from _folder(here / name, skipped, ignores)
        elif kind == _OTHER:
            path = here / name
            if (not name.startswith(".") and path.suffix.lower() in SUFFIXES and path.is_file()
                    and not ignores.ignored(path)):
                yield path


def _listed(listing: Iterator[os.DirEntry], failed: list[OSError]) -> Iterator[tuple[str, int]]:
    """(name, kind) of each entry of a folder's listing; an error reading it (the folder removed
    during the walk, a network file system failing) ends the listing and is put in ``failed``."""
    try:
        for entry in listing:
            yield entry.name, _kind(entry)
    except OSError as error:
        failed.append(error)


# What os.walk made of an entry: a folder it enters, a link to a folder it lists but does not
# enter (so none of its files are audited), anything else.
_FOLDER, _LINKED_FOLDER, _OTHER = 0, 1, 2


def _kind(entry: os.DirEntry) -> int:
    try:
        folder = entry.is_dir()
    except OSError:
        folder = False
    if not folder:
        return _OTHER
    try:
        return _LINKED_FOLDER if entry.is_symlink() else _FOLDER
    except OSError:
        return _LINKED_FOLDER


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
