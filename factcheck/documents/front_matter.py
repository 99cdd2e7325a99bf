"""A Markdown front matter (YAML between ``---`` lines): title, date, authors and bibliography.

JOSS papers write ``authors:`` as a list of ``name``/``affiliation`` records, pandoc documents
``author:`` as a string or a list; ``date:`` is a YAML date or a phrase ("5 January 2021");
``bibliography:`` is a path or a list of them, relative to the document. Values that are not
what they should be are ignored, never an error: the front matter is still not prose. A date
YAML cannot construct (``2024-02-30``) is such a value, the rest read all the same. A front matter
that is not YAML at all is a problem of the document (``Document.problems``): none of it is read,
and without its ``bibliography:`` every citation would be missing.
"""

from __future__ import annotations

import re
from datetime import date as calendar_date
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.documents.model import DocumentMetadata
from factcheck.text.dates import parse_date

# A front matter longer than this is not metadata but a document in YAML: it is not parsed.
MAX_FRONT_MATTER = 256 * 1024


def with_front_matter(metadata: DocumentMetadata, text: str, front: tuple[int, int, str],
                      path: Path) -> tuple[DocumentMetadata, tuple[str, ...]]:
    """Title, date, authors and bibliography from the YAML front matter, over what the text says;
    and the problem with it, when it cannot be read, as the one-line reason a user is shown."""
    start, end, yaml_text = front
    values, problem = _yaml(yaml_text)
    if problem is not None:
        return metadata, (f"front matter is not YAML ({problem}): its title, date, authors and bibliography "
                          "were not read; fix it, or quote the value",)
    if not values:
        return metadata, ()
    update: dict[str, Any] = {}
    title = _plain(values.get("title"))
    if title:
        update["title"] = title
    date = _date(values.get("date"))
    if date:
        update["published"] = date
        line = re.search(r"^date[ \t]*:[ \t]*['\"]?(.+?)['\"]?[ \t]*$", text[start:end], re.MULTILINE)
        own = [d for d in metadata.own_dates if not start <= d[2] < end]
        if line:
            own.append(("published", date, start + line.start(1), start + line.end(1)))
        update["own_dates"] = tuple(sorted(own, key=lambda d: d[2]))
    authors = _authors(values.get("authors", values.get("author")))
    if authors:
        update["authors"] = authors
    bibliography = bibliography_paths(values.get("bibliography"), path)
    if bibliography:
        update["bibliography"] = bibliography
    return metadata.model_copy(update=update), ()


def _yaml(source: str) -> tuple[dict, str | None]:
    """The front matter's mapping (empty when it holds none), and why it could not be parsed."""
    if len(source) > MAX_FRONT_MATTER:
        return {}, None
    import yaml  # here, not at the top: only a document with a front matter needs the parser (~15 ms)

    try:
        value = yaml.load(source, Loader=_loader())  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        # Where the construct that failed began ("while scanning a quoted scalar": the opening
        # quote), else where the parser stopped; lines of the file, the first being "---".
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        said = ", ".join(part for part in (getattr(error, "context", None), getattr(error, "problem", None)) if part)
        return {}, f"{f'line {mark.line + 2}: ' if mark is not None else ''}{said or error}"
    except Exception as error:  # noqa: BLE001 - a value YAML cannot build: still a document to audit
        return {}, f"{type(error).__name__}: {error}"
    return (value if isinstance(value, dict) else {}), None


@lru_cache(maxsize=1)
def _loader() -> type:
    """YAML's safe loader (the C one where there is one), with dates that are not real dates
    (``2024-02-30``) read as the strings they are, instead of failing the whole front matter."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    def timestamp(loader: Any, node: Any) -> Any:
        try:
            return loader.construct_yaml_timestamp(node)
        except ValueError:
            return loader.construct_scalar(node)

    Loader.add_constructor("tag:yaml.org,2002:timestamp", timestamp)
    return Loader


def _plain(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value if isinstance(v, (str, int, float)))
    if not isinstance(value, (str, int, float)):
        return None
    return " ".join(str(value).split()).strip() or None


def _date(value: Any) -> str | None:
    if hasattr(value, "isoformat"):  # YAML reads 2021-01-05 as a date
        return value.isoformat()[:10]
    text = _plain(value)
    if not text:
        return None
    parsed = parse_date(text)
    if parsed and parsed[1] in ("day", "month", "year"):
        if parsed[1] == "day":
            try:  # "2023-02-30" is written as a day, and is none
                calendar_date.fromisoformat(parsed[0])
            except ValueError:
                return None
        return parsed[0]
    return None


def _authors(value: Any) -> tuple[str, ...]:
    """``authors: [{name: ...}, "Name"]``, ``author: "A and B"``, or one name."""
    if isinstance(value, str):
        return tuple(a.strip() for a in re.split(r"\s+and\s+|;", value) if a.strip())
    if not isinstance(value, list):
        value = [value] if isinstance(value, dict) else []
    names = []
    for person in value[:500]:
        if isinstance(person, dict):
            name = person.get("name")
            if isinstance(name, dict):  # name: {given: ..., surname: ...}
                name = " ".join(str(name.get(k, "")) for k in ("given", "given-names", "surname", "family")).strip()
            name = _plain(name)
        else:
            name = _plain(person)
        if name:
            names.append(name)
    return tuple(names)


def bibliography_paths(value: Any, path: Path) -> tuple[str, ...]:
    """The ``bibliography:`` files, relative to the document's folder (a string or a list)."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items[:20]:
        if not isinstance(item, str) or not item.strip():
            continue
        named = Path(item.strip()).expanduser()
        resolved = named if named.is_absolute() else path.parent / named
        if not resolved.exists():
            renamed = path.parent / (path.stem + named.suffix)
            if named.suffix and renamed.exists() and renamed != path:
                resolved = renamed
        out.append(str(resolved))
    return tuple(out)
