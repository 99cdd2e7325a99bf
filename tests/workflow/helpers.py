"""What the tests of a large run's outputs share: a folder of documents, and a spy on who makes what."""

from __future__ import annotations

from pathlib import Path


def documents_folder(parent: Path, texts: dict[str, str], name: str = "docs") -> Path:
    """A folder ``name`` in ``parent`` holding a document per (file name, text)."""
    folder = parent / name
    folder.mkdir()
    for file_name, text in texts.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    return folder


def with_a_bibliography(parent: Path, document: tuple[str, str], cited: tuple[str, str, str],
                        spare: tuple[str, str, str]) -> tuple[Path, Path]:
    """A folder "docs" in ``parent`` holding one document (file name, text), and ``refs.bib``
    beside it with two entries (key, author, year): the one the document cites, and a spare one
    never cited (a CIT002 finding in the .bib, not in the document)."""
    docs = documents_folder(parent, dict([document]))
    bib = parent / "refs.bib"
    bib.write_text("".join(f"@book{{{key}, author = {{{author}}}, title = {{{key.title()}}}, year = {{{year}}}}}\n"
                           for key, author, year in (cited, spare)), encoding="utf-8")
    return docs, bib


def made_here(monkeypatch, module, name: str) -> list[str]:
    """The file names of the documents whose output ``module.name`` (a function of the result
    first) makes in this process from now on."""
    made: list[str] = []
    make = getattr(module, name)

    def spy(result, *args):
        made.append(Path(result.document.path).name)
        return make(result, *args)

    monkeypatch.setattr(module, name, spy)
    return made
