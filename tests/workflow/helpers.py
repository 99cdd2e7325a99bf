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
