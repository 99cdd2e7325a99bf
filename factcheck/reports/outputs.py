"""The files a run will write (HTML reports, claim ledgers, ``--output``), checked against its inputs
before anything is written: a report must never replace the manuscript it reports on."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from factcheck.reports.names import close_names
from factcheck.results import AuditResult


def output_over_input(result: AuditResult, output: str | None, out: str | None, claims_dir: str | None) -> str | None:
    """Why writing this run's outputs would overwrite one of its inputs, else None: the first
    output that would, in the order they are written (``--output``, the HTML reports in path
    order then the index, the ledgers), as when every output's real path was listed.

    Without listing them (two paths a document): an output's real path is its folder's joined
    with its name, or, when a link of that name is there, the link's target. So the inputs are
    read one at a time, and only those in a folder of outputs, the ``--output`` file, or the
    target of a link in a folder of outputs are looked up in the run's names."""
    # In the order written: (folder, its option, its names made when needed, the names after them).
    folders: list[tuple[Path, str, Callable[[], Mapping[str, str]], tuple[str, ...]]] = []
    if out:
        # Only a run that writes HTML reads the HTML modules (their records cost 20-30 ms to import).
        from factcheck.reports.html.format import report_names
        from factcheck.reports.html.records import INDEX_NAME

        folders.append((Path(out), "--out", lambda: report_names(result), (INDEX_NAME,)))
    if claims_dir:
        from factcheck.reports.ledger import ledger_names

        folders.append((Path(claims_dir), "--claims", lambda: ledger_names(result.documents), ()))
    output_real = os.path.realpath(output) if output else None
    # The same folder may be given twice (--out and --claims), and links to one input be many.
    real_folders: dict[str, list[int]] = {}
    links: dict[str, list[tuple[int, str]]] = {}
    for number, (folder, _, _, _) in enumerate(folders):
        real_folders.setdefault(os.path.realpath(folder), []).append(number)
        for name, target in _links(folder):
            links.setdefault(target, []).append((number, name))
    # (folder, name) of each input a planned output may be: a few, whatever the corpus.
    suspects: set[tuple[int, str]] = set()
    for path in _inputs(result):
        real = os.path.realpath(path)
        if real == output_real:
            return _refusal(Path(output or ""), "--output")
        head, name = os.path.split(real)
        suspects.update((number, name) for number in real_folders.get(head, ()))
        suspects.update(links.get(real, ()))
    clashes: list[tuple[int, int, Path, str]] = []
    for number, (folder, option, names_of, last) in enumerate(folders):
        wanted = {name for at, name in suspects if at == number}
        if not wanted:
            continue
        names = names_of()
        try:
            for position, name in enumerate(itertools.chain(names.values(), last)):
                if name in wanted:
                    clashes.append((number, position, folder / name, option))
                    break  # the first of this folder's outputs in order
        finally:
            close_names(names)
    if not clashes:
        return None
    _, _, path, option = min(clashes, key=lambda clash: clash[:2])
    return _refusal(path, option)


def _inputs(result: AuditResult) -> Iterator[str]:
    yield from result.paths()
    yield from (error.path for error in result.errors)


def _links(folder: Path) -> Iterator[tuple[str, str]]:
    """(name, real path of its target) of each link in ``folder``: an output written there is
    compared by its target, as ``os.path.realpath`` of the output's path resolves it."""
    try:
        with os.scandir(folder) as entries:  # one entry at a time: it may hold a report per document
            for entry in entries:
                if entry.is_symlink():
                    yield entry.name, os.path.realpath(entry.path)
    except OSError:  # not made yet, or not a folder: no link in it
        return


def _refusal(path: Path, option: str) -> str:
    return (f"refusing to overwrite the input '{path}' with this run's output ({option}); "
            "write the outputs to another folder or file")
