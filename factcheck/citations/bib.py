"""Load an external bibliography (``--bib``): BibTeX ``.bib`` or CSL-JSON, as reference entries.

Why this shape:
- The entries stand in for a document's reference list, so they are the same ``ReferenceEntry``
  records (``origin="bib"``, ``key`` = the citation key, ids "b1"..) and the same rules apply.
- ``start``/``end`` are offsets into the decoded bibliography text and ``text`` is the entry as
  written there, so a report can point into the .bib file the way it points into a document.
- A bibliography with broken entries is still useful: entries that fail to parse, duplicate keys
  and items that are not records are named in the returned problems and skipped. Only a file that
  cannot be read at all raises ``LoadError``.
- BibTeX goes through bibtexparser v2 (``parse_string``); CSL-JSON items are decoded one at a time
  with ``JSONDecoder.raw_decode`` so each keeps its exact span.
"""

from __future__ import annotations

import calendar
import functools
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from factcheck.citations.model import Author, ReferenceEntry
from factcheck.documents.encoding import decode
from factcheck.documents.files import read_bounded
from factcheck.text.dates import MONTHS
from factcheck.text.lazy_regex import regex

_CONTAINER_FIELDS = ("journal", "journaltitle", "booktitle", "publisher", "howpublished", "institution",
                     "organization", "school", "series")
_READ_FIELDS = frozenset(("title", "url", "doi", "date", "year", "month", "day") + _CONTAINER_FIELDS)
_DOI_PREFIX = regex(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s?)", re.IGNORECASE)
_ISO = regex(r"(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
# A brace, or " and " between names. The lookbehind starts a match only where its run of spaces
# starts: without it a long run of spaces was rescanned from each of its positions (quadratic).
_AND = regex(r"[{}]|(?<!\s)\s+and\s+", re.IGNORECASE)
_ITEMS_KEY = regex(r"\"items\"\s*:\s*\[")
# A bibliography of 100,000 entries is some 50 MB; a larger file is refused unread.
MAX_BIB_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class Bibliography:
    """A bibliography file as read: its decoded text (which the entries' offsets point into), its
    entries ("b1"..) and its problems (one line each)."""

    path: str
    text: str
    entries: tuple[ReferenceEntry, ...]
    problems: tuple[str, ...]


def combined_entries(bibliographies: Sequence[Bibliography]) -> list[ReferenceEntry]:
    """The entries of one or more bibliographies as one reference list (ids "b1".. across them;
    each entry keeps the path of its file)."""
    if len(bibliographies) == 1:
        return list(bibliographies[0].entries)
    entries = [entry for bibliography in bibliographies for entry in bibliography.entries]
    return [replace(entry, id=f"b{i}") for i, entry in enumerate(entries, 1)]


def load_bibliography(path: str | Path) -> tuple[list[ReferenceEntry], list[str]]:
    """Entries ("b1"..) and problems (one line each) of a .bib or CSL-JSON file."""
    bibliography = read_bibliography(path)
    return list(bibliography.entries), list(bibliography.problems)


def read_bibliography(path: str | Path) -> Bibliography:
    """Read a .bib or CSL-JSON file; raise LoadError only for a file that cannot be read at all."""
    shown = str(path)
    path = Path(path)
    data = read_bounded(path, MAX_BIB_BYTES, "bibliography")
    text, _ = decode(data) if data.strip() else ("", None)
    if not text.strip():
        return Bibliography(shown, text, (), ("the bibliography is empty",))
    suffix = path.suffix.lower()
    is_json = suffix in (".json", ".csl", ".csljson") or (
        suffix not in (".bib", ".bibtex") and text.lstrip()[:1] in ("[", "{"))
    entries, problems = (_load_csl(text) if is_json else _load_bibtex(text))
    entries = [replace(e, id=f"b{i}", path=shown) for i, e in enumerate(entries, 1)]
    if not entries and not problems:
        problems.append("no entries found")
    return Bibliography(shown, text, tuple(entries), tuple(problems))


# --- BibTeX -------------------------------------------------------------------------------------

def _load_bibtex(text: str) -> tuple[list[ReferenceEntry], list[str]]:
    import bibtexparser
    from bibtexparser import model

    splitter_log = logging.getLogger("bibtexparser.splitter")
    level = splitter_log.level
    splitter_log.setLevel(logging.CRITICAL)  # failures are returned as problems, not logged to stderr
    try:
        library = bibtexparser.parse_string(text)
    except Exception as error:  # the parser's own bugs must not stop an audit
        return [], [f"could not parse the BibTeX file: {error}"]
    finally:
        splitter_log.setLevel(level)
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    entries: list[ReferenceEntry] = []
    problems: list[str] = []
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            problems.append(f"line {line}: duplicate key '{block.key}'; this entry was skipped")
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            keys = ", ".join(sorted(block.duplicate_keys))
            problems.append(f"line {line}: entry '{block.ignore_error_block.key}' repeats the field(s) {keys}; "
                            "the last value was kept")
            entries.append(_bib_entry(text, line_starts, block.ignore_error_block))
        elif isinstance(block, model.ParsingFailedBlock):
            head = (block.raw or "").strip().split("\n", 1)[0][:60]
            reason = getattr(block.error, "abort_reason", None) or str(block.error) or type(block.error).__name__
            problems.append(f"line {line}: could not parse '{head}': {reason.strip()}")
        elif isinstance(block, model.Entry):
            entries.append(_bib_entry(text, line_starts, block))
    return entries, problems


def _bib_entry(text: str, line_starts: list[int], entry: Any) -> ReferenceEntry:
    raw = entry.raw or ""
    line_start = line_starts[min(entry.start_line or 0, len(line_starts) - 1)]
    start = text.find(raw, line_start) if raw else -1
    if start < 0:
        start = max(text.find("@", line_start), 0)
        end = text.find("\n\n", start) if text.find("\n\n", start) >= 0 else len(text)
    else:
        end = start + len(raw)
    raw_fields = {f.key.lower(): str(f.value) for f in entry.fields}
    # Only the fields an entry is read from are converted: LaTeX is slow to convert, and an
    # abstract or a keyword list can hold most of an entry's text.
    fields = {k: _clean(v) for k, v in raw_fields.items() if k in _READ_FIELDS}
    names = raw_fields.get("author") or raw_fields.get("editor") or ""
    authors, et_al = _bib_names(names)
    year, date = _bib_date(fields)
    container = next((fields[k] for k in _CONTAINER_FIELDS if fields.get(k)), None)
    doi = _DOI_PREFIX.sub("", fields["doi"]) if fields.get("doi") else None
    return _entry(text, start, end, entry.key, authors, et_al, year, date, fields.get("title"), container,
                  fields.get("url"), doi)


def _clean(value: str) -> str:
    """LaTeX to text ("Caf{\\'e}" -> "Café"), braces dropped, spaces squeezed."""
    if "\\" in value:
        try:
            value = _latex_converter().latex_to_text(value)
        except Exception:  # malformed LaTeX: keep the raw value
            pass
    return " ".join(value.replace("{", "").replace("}", "").split())


@functools.cache
def _latex_converter() -> Any:
    """One converter for the run: building one loads pylatexenc's macro tables (~10 ms each)."""
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text()


def _bib_names(value: str) -> tuple[list[Author], bool]:
    """BibTeX names split on "and": "Last, First", "First Last", "{Corporate Name}", "others"."""
    authors, et_al = [], False
    for name in _split_top_level_and(value):
        name = name.strip()
        if not name:
            continue
        if name.lower() == "others":
            et_al = True
        elif name.startswith("{") and name.endswith("}"):
            authors.append(Author(surname=_clean(name), corporate=True))
        elif "," in name:
            parts = [_clean(p) for p in name.split(",")]
            given = parts[-1] if len(parts) > 1 and parts[-1] else None
            authors.append(Author(surname=parts[0], given=given, initials=_initials(given)))
        else:
            words = _clean(name).split()
            cut = len(words) - 1
            while cut > 0 and words[cut - 1][:1].islower():  # "Ludwig van Beethoven"
                cut -= 1
            given = " ".join(words[:cut]) or None
            authors.append(Author(surname=" ".join(words[cut:]), given=given, initials=_initials(given)))
    return authors, et_al


def _split_top_level_and(value: str) -> list[str]:
    """Split on " and " outside braces, so "{Smith and Sons}" stays one corporate name."""
    out, depth, start = [], 0, 0
    for m in _AND.finditer(value):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(value[start:m.start()])
            start = m.end()
    out.append(value[start:])
    return out


def _bib_date(fields: dict[str, str]) -> tuple[str | None, str | None]:
    m = _ISO.match(fields.get("date", "")) or _ISO.search(fields.get("year", ""))
    if not m:
        return None, None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if not month and fields.get("month"):
        raw = fields["month"].strip().lower().rstrip(".")
        month = raw if raw.isdigit() else str(MONTHS[raw]) if raw in MONTHS else None
    if not day and month and fields.get("day", "").isdigit():
        day = fields["day"]
    return year, _iso_parts([int(year)] + [int(x) for x in (month, day) if x])


# --- CSL-JSON -----------------------------------------------------------------------------------

def _load_csl(text: str) -> tuple[list[ReferenceEntry], list[str]]:
    decoder = json.JSONDecoder()
    pos = len(text) - len(text.lstrip())
    if text[pos:pos + 1] == "{":
        m = _ITEMS_KEY.search(text, pos)
        if not m:  # one item on its own
            return _csl_items(text, decoder, pos, single=True)
        pos = m.end() - 1
    if text[pos:pos + 1] != "[":
        return [], ["not CSL-JSON: expected a list of items"]
    return _csl_items(text, decoder, pos + 1, single=False)


def _csl_items(text: str, decoder: json.JSONDecoder, pos: int, single: bool) -> tuple[list[ReferenceEntry], list[str]]:
    entries, problems = [], []
    number = 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or (text[pos] == "]" and not single):
            break
        number += 1
        try:
            item, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as error:
            problems.append(f"item {number}: not valid JSON ({error.msg} at line {error.lineno}); "
                            "the rest of the file was skipped")
            break
        except RecursionError:  # "[[[[...]]]]": deeper than any bibliography, and than Python's stack
            problems.append(f"item {number}: nested too deeply to be a CSL-JSON record; the rest of the file was skipped")
            break
        if isinstance(item, dict):
            try:
                entries.append(_csl_entry(text, pos, end, item))
            except (TypeError, ValueError, AttributeError):  # a field of the wrong type: {"author": true}
                problems.append(f"item {number}: not a CSL-JSON record (a field holds the wrong kind of value)")
        else:
            problems.append(f"item {number}: not a CSL-JSON record (a {type(item).__name__})")
        pos = end
        if single:
            break
    return entries, problems


def csl_item_entry(item: dict, text: str, start: int, end: int) -> ReferenceEntry:
    """The entry of one CSL-JSON item (a reference manager's citation field holds them), its
    ``text`` being ``text[start:end]``; ``id`` is left for the caller to set."""
    return _csl_entry(text, start, end, item)


def _csl_entry(text: str, start: int, end: int, item: dict) -> ReferenceEntry:
    authors, et_al = [], False
    people = item.get("author") or item.get("editor") or []
    for person in people if isinstance(people, list) else []:
        if not isinstance(person, dict):
            continue
        if person.get("literal"):
            authors.append(Author(surname=str(person["literal"]), corporate=True))
        elif person.get("family"):
            particle = person.get("non-dropping-particle")
            surname = f"{particle} {person['family']}" if particle else str(person["family"])
            given = str(person["given"]) if person.get("given") else None
            authors.append(Author(surname=surname, given=given, initials=_initials(given)))
    year, date = _csl_date(item.get("issued"))
    container = _text(item.get("container-title")) or _text(item.get("publisher"))
    doi = _DOI_PREFIX.sub("", str(item["DOI"])) if item.get("DOI") else None
    key = str(item["id"]) if item.get("id") is not None else None
    return _entry(text, start, end, key, authors, et_al, year, date, _text(item.get("title")), container,
                  _text(item.get("URL")), doi)


def _csl_date(issued: Any) -> tuple[str | None, str | None]:
    if not isinstance(issued, dict):
        return None, None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            numbers = []
        if numbers:
            return str(numbers[0]), _iso_parts(numbers)
    m = _ISO.search(str(issued.get("raw") or issued.get("literal") or ""))
    return (m.group(1), _iso_parts([int(g) for g in m.groups() if g])) if m else (None, None)


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    return " ".join(str(value).split()) or None


# --- shared -------------------------------------------------------------------------------------

def _iso_parts(numbers: list[int]) -> str:
    """[2019, 3, 5] -> "2019-03-05", as precise as given and valid."""
    year = f"{numbers[0]:04d}"
    if len(numbers) < 2 or not 1 <= numbers[1] <= 12:
        return year
    if len(numbers) < 3 or not 1 <= numbers[2] <= calendar.monthrange(numbers[0], numbers[1])[1]:
        return f"{year}-{numbers[1]:02d}"
    return f"{year}-{numbers[1]:02d}-{numbers[2]:02d}"


def _initials(given: str | None) -> str:
    return "".join(w[0] for w in re.split(r"[\s.\-]+", given or "") if w and w[0].isupper())


def _entry(text: str, start: int, end: int, key: str | None, authors: list[Author], et_al: bool,
           year: str | None, date: str | None, title: str | None, container: str | None, url: str | None,
           doi: str | None) -> ReferenceEntry:
    problems = tuple(f"no {name}" for name, value in (("author", authors), ("year or date", year),
                                                       ("title", title)) if not value)
    return ReferenceEntry(id="", start=start, end=end, text=text[start:end], authors=tuple(authors), et_al=et_al,
                          year=year, date=date, title=title, container=container, url=url, doi=doi, key=key,
                          origin="bib", problems=problems)
