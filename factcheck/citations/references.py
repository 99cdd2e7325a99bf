"""Find a document's reference list and cut it into entries (parsed by ``factcheck.citations.entries``).

Why this shape:
- The list is found under its heading ("References", "## Bibliography", ...) or, when a document
  has none, as the trailing run of at least three paragraphs or lines that read like author-date
  entries. Body text almost never ends in such a run, so the rule is safe without a heading.
- One entry per line or paragraph; a line that does not start a new entry (hanging indent, a
  wrapped URL) continues the previous one. Bullets and numbers are labels, outside the span.
- Spans are cut from the raw text once; parsing works on a whitespace-collapsed copy, so a
  reader of ``text[e.start:e.end]`` always sees exactly ``e.text``.
- Each entry is parsed by ``factcheck.citations.entries`` (APA/Harvard, Vancouver, Chicago).
No pattern nests an unbounded quantifier inside a repeated group, so none can backtrack
catastrophically; long inputs are cut to bounded windows before the costlier searches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.citations.entries import (
    ANY_YEAR,
    APA_DATE,
    CHICAGO_DATE,
    DOI,
    SURNAME_COMMA_INITIAL,
    has_url,
    parse_entry,
    vancouver_authors,
)
from factcheck.citations.entry_names import opening
from factcheck.citations.model import ReferenceEntry
from factcheck.text.lazy_regex import regex
from factcheck.text.model import Block

__all__ = ["find_references", "parse_entry"]

_HEADINGS = {"references", "bibliography", "works cited", "literature cited", "sources", "reference list",
             "references cited", "select bibliography", "selected bibliography", "sources cited",
             # The same in the languages the citation rules also run on (the claim rules read English).
             "referencias", "referencias bibliográficas", "bibliografía", "obras citadas", "fuentes",  # es
             "referências", "referências bibliográficas", "bibliografia",  # pt, it
             "références", "références bibliographiques", "bibliographie",  # fr, de
             "literatur", "literaturverzeichnis", "quellen", "quellenverzeichnis",  # de
             "riferimenti bibliografici", "literatuur", "literatuurlijst", "referenties", "bronnen"}  # it, nl
_STOP_HEADINGS = ("notes", "endnotes", "footnotes", "appendix", "annex", "acknowledg", "about the author",
                  "tables", "figures", "supplementary", "author biograph", "subscribe")
_HEADING_DECOR = regex(r"^(?:#{1,6}\s*|(?:\d{1,2}|[IVX]{1,5})[.)]?\s+)")
_LABEL = regex(r"(?:[-*•–]\s+|\[(\d{1,4})\]\s*|(\d{1,3})[.)]\s+)(?=\S)")
_LONE_LABEL = regex(r"\[(\d{1,4})\]|(\d{1,3})[.)]")
_ENTRY_END = ".>)*"
_UNDERLINE = regex(r"\n[ \t]*(?:={3,}|-{3,}|~{3,})[ \t]*(?=\n|$)")
# An entry may end with its DOI or URL and no full stop (APA 7).
_LOCATOR_END = regex(r"(?:https?://|doi\.org/|doi:\s?|10\.\d{4,9}/)\S+$", re.IGNORECASE)


_UNREAD = object()  # a value not yet worked out
# Without a heading, a paragraph holding an entry longer than this is no part of a reference list.
_RUN_ENTRY_LIMIT = 1000


class _ParsedEntries(dict):
    """``parse_entry``'s fields by entry text, parsed on first use: a list that repeats an entry word
    for word (a pasted block, a generated page) parses it once. Readers copy the fields before
    changing them."""

    def __missing__(self, entry_text: str) -> dict:
        fields = self[entry_text] = parse_entry(entry_text)
        return fields


def find_references(text: str, blocks: Sequence[Block]) -> tuple[tuple[int, int] | None, list[ReferenceEntry]]:
    """The reference-list region (from its heading, when it has one) and its entries, "r1".. in order."""
    blocks = sorted(blocks, key=lambda b: b.start)
    parsed = _ParsedEntries()
    for i in range(len(blocks) - 1, -1, -1):
        b = blocks[i]
        first_line_end = text.find("\n", b.start, b.end)
        first_line_end = b.end if first_line_end < 0 else first_line_end
        if not _is_reference_heading(text[b.start:first_line_end]):
            continue
        underline = _UNDERLINE.match(text, first_line_end, b.end)
        if underline:  # "References" over a row of "=" or "-" (plain-text and setext headings)
            first_line_end = underline.end()
        spans: list[tuple[int, int]] = [(first_line_end, b.end)] if first_line_end < b.end else []
        labelled = False  # the paragraph before was a label on its own ("5."): this one is its entry
        for nb in blocks[i + 1:]:
            chunk = text[nb.start:nb.end]
            if _is_stop_heading(chunk) or not (labelled or _entry_like(chunk) or _continues(chunk)
                                               or _plain_entry(chunk)):
                break
            labelled = bool(_LONE_LABEL.fullmatch(chunk.strip()))
            if spans and _opens_numbered_run(chunk) and not any(_LABEL.match(text, s) for s, _ in spans):
                break  # "[1] …" after an unnumbered bibliography: the notes, printed after it
            spans.append((nb.start, nb.end))
        entries = _split_entries(text, spans, parsed)
        if entries:
            return (b.start, entries[-1][1]), _build(text, entries, parsed)
    # No heading, but the source marked its bibliography (pandoc's HTML "div#refs" without a
    # reference-section-title, a JATS "ref-list"): its paragraphs are the entries.
    declared = [(b.start, b.end) for b in blocks if b.kind == "references"]
    entries = _split_entries(text, declared, parsed) if declared else []
    if entries:
        return (declared[0][0], entries[-1][1]), _build(text, entries, parsed)
    return _trailing_run(text, blocks, parsed)


def _opens_numbered_run(chunk: str) -> bool:
    label = _LABEL.match(chunk.lstrip()) or _LONE_LABEL.fullmatch(chunk.strip())
    return bool(label) and (label.group(1) or label.group(2)) == "1"


def _is_reference_heading(line: str) -> bool:
    name = _HEADING_DECOR.sub("", line.strip()).strip(" *_:#").lower()
    return name in _HEADINGS


def _is_stop_heading(chunk: str) -> bool:
    first = chunk.strip().split("\n", 1)[0]
    name = _HEADING_DECOR.sub("", first).strip(" *_:#").lower()
    return len(first) < 60 and name.startswith(_STOP_HEADINGS)


def _entry_like(chunk: str) -> bool:
    """A paragraph that can be (or start) an entry: a label, a year early on, or "Surname, X"."""
    head = chunk.lstrip()[:250]
    return bool(_LABEL.match(head) or _LONE_LABEL.fullmatch(chunk.strip()) or ANY_YEAR.search(head)
                or SURNAME_COMMA_INITIAL.match(head) or has_url(head) or DOI.search(head) or _names_open(head)
                or _long_name_list(chunk))


def _long_name_list(chunk: str) -> bool:
    """An entry with so many authors that its date comes late: a run of commas, then a year."""
    return _head_commas(chunk) >= 4 and bool(ANY_YEAR.search(chunk, 0, 2000))


def _head_commas(chunk: str) -> int:
    return chunk.lstrip()[:200].count(",")


def _names_open(head: str) -> bool:
    """The paragraph opens with people's names as entries write them ("Alm, Erik, et al.",
    "S. Birrer and A. Amara,", "Fraux G, Cersonsky RK."), not with a body or a title."""
    return opening(head.lstrip()) is not None


def _plain_entry(chunk: str) -> bool:
    """Under a heading, an entry may lack every marker ("Ministry of Water. Annual Report."): accept a
    paragraph of a few sentences, but not a heading-like line or a page of prose."""
    return len(chunk) < 600 and chunk.rstrip()[-1:] in tuple(_ENTRY_END) and not chunk.lstrip().startswith("#")


def _continues(chunk: str) -> bool:
    """A paragraph that continues the previous entry: indented, lowercase, or a bare locator."""
    stripped = chunk.lstrip()
    return bool(stripped) and (chunk[0] in " \t" or stripped[0].islower() or stripped.startswith(("<", "http", "doi")))


_ONE_WORD = regex(r"[^\W\d_][\w.-]{0,40}\s")


def _whole_entry(chunk: str) -> bool:
    """A paragraph that opens in lowercase but is an entry of its own ("xarray. Xarray: N-d
    labeled arrays. 2018."): a short first sentence that is a name, then a year; or a name and
    its date in parentheses (Harvard: "xarray (2018) Xarray: N-d labeled arrays")."""
    stripped = chunk.lstrip()
    name = _ONE_WORD.match(stripped)
    if name and APA_DATE.match(stripped, name.end()):
        return True
    stop = stripped.find(". ", 0, 80)
    return (0 < stop and stripped[:1].isalpha() and " " not in stripped[:stop].strip()
            and bool(ANY_YEAR.search(stripped, stop, 400)))


def _split_entries(text: str, spans: Sequence[tuple[int, int]], parsed: _ParsedEntries,
                   longest: int | None = None) -> list[tuple[int, int, str | None]]:
    """(start, end, label) of each entry in the paragraphs ``spans``; a block may hold several.

    With ``longest``, the reading stops as soon as an entry runs past that many characters, and
    what was read so far is returned, the long entry last: an entry only grows, so a caller that
    rejects long entries rejects the whole list anyway (a page of 500,000 short lines read as one
    paragraph is one entry that no one asks for past its first 1,000 characters).
    """
    entries: list[list] = []
    unnumbered = 0  # entries without a label so far (a numbered list has none)
    pending: str | None = None
    # How the first entry opens (a paragraph opening so starts one): read from ``first`` when first
    # asked, since most lists never ask (and a page read as 40,000 one-entry lists would ask each).
    first: str = ""
    convention: str | None | object = _UNREAD
    for block_start, block_end in spans:
        pos = block_start
        first_in_block = True
        while pos < block_end:
            nl = text.find("\n", pos, block_end)
            line_end = block_end if nl < 0 else nl
            line = text[pos:line_end]
            stripped = line.strip()
            lone = _LONE_LABEL.fullmatch(stripped)
            if lone:  # "[1]" or "1." on a line of its own: the label of the entry that follows
                pending = lone.group(1) or lone.group(2)
                pos = line_end + 1
                continue
            if stripped:
                indent = len(line) - len(line.lstrip())
                label = _LABEL.match(line, indent)
                content_start = pos + (label.end() if label else indent)
                content_end = pos + len(line.rstrip())
                new = label is not None or not entries
                if not new and first_in_block:
                    paragraph = text[pos:block_end]
                    new = not _continues(paragraph) or _whole_entry(paragraph)
                    if new and _unfinished(text, entries[-1]):
                        if convention is _UNREAD:
                            convention = opening(first)
                        new = opening(stripped) == convention
                    if new and _broken_off(text, entries[-1], paragraph, parsed):
                        new = False
                    elif new and len(entries) > 1 and not unnumbered and opening(stripped) is None:
                        new = False  # in a numbered list, a paragraph with no number and no names goes on
                elif not new:
                    new = indent == 0 and text[entries[-1][1] - 1] in _ENTRY_END and _starts_entry(stripped)
                if pending is not None:
                    new, label_number, pending = True, pending, None
                else:
                    label_number = (label.group(1) or label.group(2)) if label else None
                if new:
                    if not entries:
                        first = stripped
                    entries.append([content_start, content_end, label_number])
                    unnumbered += not label_number
                else:
                    entries[-1][1] = content_end
                first_in_block = False
                if longest is not None and content_end - entries[-1][0] > longest:
                    return _nonempty(entries)
            pos = line_end + 1
    return _nonempty(entries)


def _nonempty(entries: list[list]) -> list[tuple[int, int, str | None]]:
    return [(s, e, n) for s, e, n in entries if e > s]


def _broken_off(text: str, entry: list, paragraph: str, parsed: _ParsedEntries) -> bool:
    """A paragraph that is the rest of the entry before it, cut off where a page or line ended
    (Word files made from PDFs lose hanging indents): the entry before opens with names, has a
    date, but stops before its source ("Lee, A. (2018)." or
    "Lee, A. (2018). A title."), and this paragraph has neither names nor a date of its own
    ("A title. Journal, 3(2), 1–9." or "Boca Raton: CRC Press.")."""
    head = paragraph.lstrip()[:250]
    if opening(head) is not None or SURNAME_COMMA_INITIAL.match(head) or _LABEL.match(head) or len(paragraph) > 600:
        return False
    if ANY_YEAR.search(DOI.sub(" ", paragraph)):
        return False
    previous = text[entry[0]:entry[1]]
    if opening(previous[:250]) is None:
        return False
    fields = parsed[previous]
    return bool(fields["authors"] and fields["year"] and not fields["container"] and not fields["url"]
                and not fields["doi"])


def _unfinished(text: str, entry: list) -> bool:
    """An entry cut short: no full stop (or closing mark, or final DOI or URL) at its end, or a
    comma or "and" there."""
    start, end = entry[0], entry[1]
    tail = text[max(start, end - 5):end]
    if tail.endswith((",", " and", "&", "-", "–")):
        return True
    return tail[-1:] not in _ENTRY_END and not _LOCATOR_END.search(text, max(start, end - 200), end)


def _starts_entry(line: str) -> bool:
    head = line[:250]
    return bool(head[:1].isupper() and (APA_DATE.search(head) or CHICAGO_DATE.search(head)
                                        or SURNAME_COMMA_INITIAL.match(head) or vancouver_authors(head)))


def _trailing_run(text: str, blocks: Sequence[Block],
                  parsed: _ParsedEntries) -> tuple[tuple[int, int] | None, list[ReferenceEntry]]:
    """Without a heading: the last paragraphs of the text, when at least three read as entries."""
    paragraphs: list[list[tuple[int, int, str | None]]] = []  # the run's paragraphs, last first
    for b in reversed(blocks):
        spans = _block_entries(text, b.start, b.end, parsed, _RUN_ENTRY_LIMIT)
        found = []
        if all(e - s <= _RUN_ENTRY_LIMIT for s, e, _ in spans):
            for s, e, n in spans:  # stop at the first paragraph that is no entry: the run ends there
                fields = parsed[text[s:e]]
                if not (fields["authors"] and fields["year"] and fields["style"] != "other"):
                    found = []
                    break
                found.append((s, e, n))
        if not found:
            if not paragraphs and b.kind == "boilerplate":
                continue  # a site footer after the list
            break
        paragraphs.append(found)  # not prepended to the run: that moved the whole run each time
    run = [entry for found in reversed(paragraphs) for entry in found]
    if len(run) < 3:
        return None, []
    return (run[0][0], run[-1][1]), _build(text, run, parsed)


def _block_entries(text: str, start: int, end: int, parsed: _ParsedEntries,
                   longest: int | None = None) -> list[tuple[int, int, str | None]]:
    """``_split_entries`` of the one paragraph ``text[start:end]``. A paragraph of one line (every
    paragraph of a page read as a list of 40,000) is read here as ``_split_entries`` reads the
    first line of a list: a line that is only a label gives no entry; any other line, past its
    label, is one."""
    if text.find("\n", start, end) >= 0:
        return _split_entries(text, [(start, end)], parsed, longest)
    line = text[start:end]
    stripped = line.strip()
    if not stripped or _LONE_LABEL.fullmatch(stripped):
        return []
    indent = len(line) - len(line.lstrip())
    label = _LABEL.match(line, indent)
    content_start = start + (label.end() if label else indent)
    content_end = start + len(line.rstrip())
    if content_end <= content_start:
        return []
    return [(content_start, content_end, (label.group(1) or label.group(2)) if label else None)]


def _build(text: str, entries: Sequence[tuple[int, int, str | None]], parsed: _ParsedEntries) -> list[ReferenceEntry]:
    out: list[ReferenceEntry] = []
    for i, (start, end, label) in enumerate(entries, 1):
        entry_text = text[start:end]
        fields = parsed[entry_text]
        if fields["repeated_authors"] and out:  # "———. 2019." / "---, et al.": the authors of the entry before
            previous = out[-1]
            fields = dict(fields)  # the parsed fields are shared by the entries of the same text
            fields["authors"] = previous.authors
            fields["et_al"] = fields["et_al"] or previous.et_al
            fields["problems"] = tuple(p for p in fields["problems"] if p != "no author")
        out.append(ReferenceEntry.parsed(f"r{i}", start, end, entry_text, label, fields))
    return out
