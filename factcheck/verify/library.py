"""The folder of cited works (``--sources``): each file read once, through the cache.

Every supported format is read by the loaders the audit itself uses
(``factcheck.documents.load_document``), so a PDF source keeps its pages and an HTML source its
article without the page around it. A file that cannot be read is a problem of the run (one
line, naming it), never the end of it. ``sources.toml`` in the folder maps works to files where
nothing in the files says which work they are (see ``factcheck.verify.matching``).

A library is opened once per process and folder state (``open_library`` remembers it by the
files' names, sizes and times), so the documents audited in one process share it, and worker
processes read the texts from the cache rather than the files.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from factcheck.citations.names import fold
from factcheck.documents import MAX_INPUT_BYTES, SUFFIXES, Document, LoadError, load_document
from factcheck.documents.files import read_bounded
from factcheck.timelimit import TimeLimitExceeded
from factcheck.verify.cache import TextCache, content_key
from factcheck.verify.source_index import SourceIndex

MAPPING_NAME = "sources.toml"
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"'<>]+)", re.IGNORECASE)
_HEAD = 4000  # characters of a source where its title, authors and DOI are looked for
_MAX_MAPPING_BYTES = 1024 * 1024


def normal_doi(doi: str) -> str:
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi.strip(), flags=re.IGNORECASE)
    return doi.rstrip(".,;:)]}>").lower()


@dataclass
class SourceText:
    """One cited work's file, read: its document and what identifies it."""

    path: str  # as shown: the folder given, joined with the file's path inside it
    relative: str  # inside the folder, with forward slashes ("brandt-2016.pdf", "web/okafor.html")
    document: Document

    @property
    def stem(self) -> str:
        return Path(self.relative).stem

    @cached_property
    def head(self) -> str:
        return self.document.text[:_HEAD]

    @cached_property
    def folded_head(self) -> str:
        return fold(self.head)

    @cached_property
    def dois(self) -> frozenset[str]:
        found = {normal_doi(m.group(1)) for m in _DOI.finditer(self.document.text[:20_000])}
        for _, value in self.document.metadata.extra:
            found.update(normal_doi(m.group(1)) for m in _DOI.finditer(value))
        return frozenset(found)

    @cached_property
    def title(self) -> str:
        """The work's title: the document's metadata title, else its first line."""
        if self.document.metadata.title:
            return self.document.metadata.title
        for line in self.head.splitlines():
            line = line.strip().lstrip("#").strip()
            if len(line.split()) >= 2:
                return line[:300]
        return ""

    @cached_property
    def index(self) -> SourceIndex:
        return SourceIndex(self.document)


@dataclass
class SourceLibrary:
    folder: str
    sources: tuple[SourceText, ...] = ()
    # sources.toml: a work's key or reference text -> the source's relative path.
    mapping: dict[str, str] = field(default_factory=dict)
    problems: tuple[tuple[str, str], ...] = ()  # (path, one-line reason)
    extracted: int = 0  # files read by a loader (not found in the cache) when the library was opened

    def by_relative(self, relative: str) -> SourceText | None:
        relative = _relative(relative)
        return next((s for s in self.sources if s.relative == relative), None)


def _relative(path: str) -> str:
    """A path inside the folder as the library names it: forward slashes, no leading "./"."""
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def _files(folder: Path) -> list[Path]:
    out = []
    for here, names, files in os.walk(folder):
        names[:] = sorted(n for n in names if not n.startswith("."))
        out.extend(Path(here) / name for name in sorted(files)
                   if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES)
    return out


def signature(folder: str | Path) -> tuple:
    """What changes when a file of the folder changes: names, sizes and modification times."""
    items = []
    root = Path(folder)
    for path in _files(root) + [root / MAPPING_NAME]:
        try:
            st = path.stat()
        except OSError:
            continue
        items.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(items)


def read_library(folder: str | Path, cache_path: str | Path | None = None,
                 guard: Callable[[], object] | None = None) -> SourceLibrary:
    """Read every supported file of ``folder`` (recursively, hidden files left out).

    ``guard()`` is entered around each file's reading (a time or memory limit), when given.
    """
    shown = str(folder)
    root = Path(folder)
    if not root.is_dir():
        return SourceLibrary(shown, problems=((shown, "--sources: not a folder" if root.exists()
                                                else "--sources: no such folder"),))
    cache = TextCache(cache_path)
    sources, problems, extracted = [], [], 0
    try:
        for path in _files(root):
            relative = path.relative_to(root).as_posix()
            display = str(Path(shown) / relative)
            try:
                if guard is not None:
                    with guard():  # type: ignore[attr-defined]
                        document, fresh = _read(path, cache)
                else:
                    document, fresh = _read(path, cache)
            except LoadError as error:
                problems.append((display, f"cited work: {error}"))
                continue
            except TimeLimitExceeded as exceeded:
                problems.append((display, f"cited work: reading took longer than {exceeded.seconds:g} s (time limit; "
                                          "raise it with --time-limit, 0 for none)"))
                continue
            except MemoryError:
                problems.append((display, "cited work: reading needed more memory than the memory limit"))
                continue
            except Exception as error:  # noqa: BLE001 - one bad source must not stop the run
                problems.append((display, f"cited work: cannot read ({type(error).__name__}: {error})"))
                continue
            extracted += fresh
            sources.append(SourceText(display, relative, document.model_copy(update={"path": display})))
    finally:
        cache.close()
    mapping, mapping_problems = _read_mapping(root, shown, {s.relative for s in sources})
    return SourceLibrary(shown, tuple(sources), mapping, tuple(problems + mapping_problems), extracted)


def _read(path: Path, cache: TextCache) -> tuple[Document, int]:
    """The document of ``path`` from the cache, else read by its loader (and cached)."""
    fmt = SUFFIXES[path.suffix.lower()]
    data = read_bounded(path, MAX_INPUT_BYTES, f"{fmt} file")
    key = content_key(data, fmt)
    cached = cache.get(key)
    if cached is not None:
        return cached, 0
    document = load_document(path)
    cache.put(key, document)
    return document, 1


def _read_mapping(root: Path, shown: str, known: set[str]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    path = root / MAPPING_NAME
    display = str(Path(shown) / MAPPING_NAME)
    if not path.is_file():
        return {}, []
    try:
        data = tomllib.loads(read_bounded(path, _MAX_MAPPING_BYTES, "mapping file").decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        return {}, [(display, f"invalid TOML: {error}")]
    except LoadError as error:
        return {}, [(display, str(error))]
    table = data.get("sources", data) if isinstance(data.get("sources"), dict) else data
    mapping, problems = {}, []
    for work, file in table.items():
        if not isinstance(file, str):
            problems.append((display, f"'{work}' must name a file (a string)"))
            continue
        relative = _relative(file)
        if relative not in known:
            problems.append((display, f"'{work}' names '{file}', which is not a readable file of {shown}"))
            continue
        mapping[str(work)] = relative
    return mapping, problems


_OPENED: dict[tuple, SourceLibrary] = {}


def open_library(folder: str | Path, cache_path: str | Path | None = None,
                 guard: Callable[[], object] | None = None) -> SourceLibrary:
    """The library of ``folder``, read once per process while its files stay the same."""
    key = (str(Path(folder).absolute()), str(cache_path), signature(folder))
    library = _OPENED.get(key)
    if library is None:
        _OPENED.clear()  # one folder at a time: a changed folder replaces the old reading
        library = _OPENED[key] = read_library(folder, cache_path, guard)
    return library
