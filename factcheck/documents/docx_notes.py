"""Word's footnotes and endnotes: their parts, and the numbers Word displays for them.

python-docx has no public footnotes API, so the notes parts are read through the document
part's relationships and parsed with lxml. References are numbered as Word displays them: in
order of first reference, footnotes and endnotes separately, in the number format the
document sets (Word's defaults: 1, 2, 3 for footnotes; i, ii, iii for endnotes).
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NOTE_KINDS = ("footnote", "endnote")
_DEFAULT_FORMAT = {"footnote": "decimal", "endnote": "lowerRoman"}


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa..."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    return str(n)


def note_format(document: Any, kind: str) -> tuple[str, int]:
    """(number format, start) for footnotes or endnotes: section setting, else document setting."""
    fmt, start = _DEFAULT_FORMAT[kind], 1
    places = []
    try:
        places.append(document.settings.element)
    except Exception:  # no settings part: Word's defaults apply
        pass
    places.extend(document.element.body.iter(_W + "sectPr"))
    for place in places:
        pr = place.find(f"{_W}{kind}Pr")
        if pr is None:
            continue
        num_fmt, num_start = pr.find(_W + "numFmt"), pr.find(_W + "numStart")
        if num_fmt is not None and num_fmt.get(_W + "val"):
            fmt = num_fmt.get(_W + "val")
        if num_start is not None and (num_start.get(_W + "val") or "").isdigit():
            start = int(num_start.get(_W + "val"))
    return fmt, start


def notes_part(document: Any, kind: str) -> dict[str, Any]:
    """Note id → ``w:footnote``/``w:endnote`` element, separators left out."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    reltype = RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype == reltype and not rel.is_external), None)
    if part is None:
        return {}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    root = etree.fromstring(part.blob, parser)
    return {note.get(_W + "id"): note for note in root.iterchildren(_W + kind)
            if note.get(_W + "type") in (None, "normal")}
