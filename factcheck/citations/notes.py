"""Find note lists and their notes, including documents whose note numbering restarts, and the
short forms (``Ibid.``, ``op. cit.``) inside notes.

Why this shape:
- Think-tank reports put a list of notes after every few paragraphs and restart at [1]: a
  document is a sequence of (body paragraphs with markers [1]..[k], then the note list [1]..[k]).
  Each such pair is a ``NoteBlock`` (``index`` 1-based, in text order), so a marker resolves to
  the note with its number *in its own block*. A document with one "Notes"/"Endnotes" section
  at the end (``[1]``, ``1.`` or ``1`` labels) gives a single block.
- Notes are keyed by the number written on them, never by position: a list that jumps from [3]
  to [5] keeps n.5 as note 5, so FN001 can say that [4] is missing.
- A note runs until the next label or a paragraph that is not part of the list. An unlabelled
  line inside a note's paragraph continues it; an unlabelled paragraph continues it when it opens
  like a citation ("See also", "Ibid.", lowercase) or when the list goes on after it. Anything
  else (a heading, a pull quote, body text) ends the list and starts the next block's body.
- Short forms are found with their exact spans so FN003 can point at each unresolved one.
  ``Ibid.`` resolves to the note before it (the last note of the previous block when first in
  its block). ``op. cit.`` names a title (the quoted one before it, else the last comma-separated
  words, which is the author when nothing else is given) and resolves to the earliest earlier
  note holding that title fuzzily, with earlier short forms masked so that one op. cit. never
  "resolves" to another.
No pattern nests an unbounded quantifier inside a repeated group (no catastrophic backtracking).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz import fuzz

from factcheck.citations.model import Note, NoteBlock, ShortForm
from factcheck.text.layout import split_blocks
from factcheck.text.lazy_regex import regex
from factcheck.text.model import Block

_BRACKET_LABEL = regex(r"\[(\^?)(\d{1,3})\](:?)[ \t\u00a0]*")
# "1. Text", "1) Text", or a bare "1 Text" whose text opens like a note (a word, a quote, a
# bracket), not like the rest of a formula that a line break cut ("1 < z < 2").
_SECTION_LABEL = regex(r"(\d{1,3})(?:[.)][ \t\u00a0]+(?=\S)|[ \t\u00a0]+(?=[^\W\d_]|[“\"‘'(\[]))")
# A section number after the blanks that open a paragraph (skipped first: a pattern starting
# "[ \t]*" would rescan a run of blanks from each of its positions when searched).
_BLANKS = regex(r"[ \t]*")
# The newline before a line that may open a note (its first non-blank a "[" or a digit).
_NOTE_LINE = regex(r"\n(?=[ \t]*[\[\d])")
_SECTION_NUMBER = regex(r"(\d{1,2})[.)]?[ \t]+[A-Z]")
_NOTES_HEADINGS = {"notes", "endnotes", "footnotes", "end notes", "foot notes", "notes and references"}
_REFERENCE_HEADINGS = {"references", "bibliography", "works cited", "literature cited", "reference list"}
_SECTION_HEADINGS = _NOTES_HEADINGS | _REFERENCE_HEADINGS
_HEADING_DECOR = regex(r"^(?:#{1,6}\s*|(?:\d{1,2}|[IVX]{1,5})[.)]?\s+)")
_MARKER = regex(r"\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]")
_CONTINUATION = regex(r"(?:See\b|Ibid\b|Cf\.|Also\b|For (?:example|more)\b|[a-z(])")
_IBID = regex(r"\b(?:ibid|ibidem)\b\.?", re.IGNORECASE)
_OP_CIT = regex(r"\bop\.?\s?cit\b\.?", re.IGNORECASE)
_BOUNDARY = regex(r"[.;?!][”\"’)]?\s")
_LEAD_IN = regex(r"(?:see|also|cf\.|and|e\.g\.,?|for example,?)\s+|,\s*", re.IGNORECASE)
_QUOTED = regex(r"[“\"]([^”\"\n]{3,300})[”\"]")
_ABBREVIATIONS = {"no", "vol", "pp", "p", "ed", "eds", "dr", "mr", "mrs", "ms", "st", "vs", "al", "cf", "n°"}
_NON_WORD = regex(r"[^\w\s]")
_QUOTE_CLOSE = "”\"’"
_MAX_SHORT_CITATION = 400  # how far back from "op. cit." its author and title may start
_MAX_CONTINUATION = 600  # a longer unlabelled paragraph between two lists is body text, not a note
_NON_BODY = ("heading", "pullquote", "boilerplate", "caption")


def find_notes(text: str, blocks: Sequence[Block],
               references: tuple[int, int] | None = None) -> tuple[list[NoteBlock], list[Note]]:
    """Note blocks (1-based ``index``) and notes ("n{block}.{number}") in text order.

    ``references`` is the reference list's region when known: its entries are no notes, and a
    numbered run right after it (notes printed after the bibliography, with no heading of their
    own) is read as a notes section.
    """
    paras = _paragraphs(text, blocks)
    builder = _Builder(text, paras[0][0] if paras else 0)
    in_section = in_refs = False
    for i, (start, end, kind) in enumerate(paras):
        if references and in_refs and start >= references[1]:
            first = _labels(text, start, end, True)
            in_refs, in_section = False, bool(first) and first[0][1] == start
        name = _heading_name(text[start:end].split("\n", 1)[0])
        if name in _NOTES_HEADINGS and "\n" not in text[start:end] and not _in_contents(text, paras, i):
            builder.close()  # the heading is neither body nor note
            in_section, in_refs = True, False
            continue
        if name in _REFERENCE_HEADINGS:
            builder.close()
            in_section, in_refs = False, True
        labels = [] if in_refs else _labels(text, start, end, in_section)
        if labels and labels[0][1] == start:
            builder.add_notes(labels, end)
            continue
        if builder.open:
            chunk = text[start:end]
            if in_section and kind not in _NON_BODY:
                builder.extend(end)
                continue
            if in_section and i + 1 < len(paras) and _labels(text, *paras[i + 1][:2], True):
                continue  # a chapter heading inside the notes section
            if kind not in _NON_BODY and not _MARKER.search(chunk):
                if not builder.pending and _CONTINUATION.match(chunk):
                    builder.extend(end)
                    continue
                builder.pending.append((start, end))
                continue
            in_section = False
        builder.body(start, end)
    builder.close()
    note_blocks, notes = builder.note_blocks, builder.notes
    return note_blocks, _resolve_short_forms(text, notes)


def _in_contents(text: str, paras: list[tuple[int, int, str]], i: int) -> bool:
    """A "9 Notes" line of a table of contents, not a heading: the next line is "10 Citations"."""
    number = _SECTION_NUMBER.match(text, _BLANKS.match(text, paras[i][0]).end())
    if not number or i + 1 >= len(paras):
        return False
    following = _SECTION_NUMBER.match(text, _BLANKS.match(text, paras[i + 1][0]).end())
    return bool(following) and int(following.group(1)) == int(number.group(1)) + 1


def _paragraphs(text: str, blocks: Sequence[Block]) -> list[tuple[int, int, str]]:
    """Layout blocks re-split at blank lines (a block rejoined across a break may hold two), and a
    "Notes" or "References" heading split from the lines under it when no blank line parts them."""
    out = []
    for b in sorted(blocks, key=lambda b: b.start):
        chunk = text[b.start:b.end]
        if "\n" not in chunk:  # one line: no blank line to split at, no heading over lines (most blocks)
            lead, trail = len(chunk) - len(chunk.lstrip()), len(chunk) - len(chunk.rstrip())
            if b.end - trail > b.start + lead:
                out.append((b.start + lead, b.end - trail, b.kind))
            continue
        pieces = split_blocks(chunk)
        for s, e in pieces:
            start, end = b.start + s, b.start + e
            nl = text.find("\n", start, end)
            if nl > 0 and _heading_name(text[start:nl]) in _SECTION_HEADINGS:
                rest = nl + len(text[nl:end]) - len(text[nl:end].lstrip())
                out += [(start, nl, "heading"), (rest, end, "body")]
            else:
                out.append((start, end, b.kind if len(pieces) == 1 else "body"))
    return out


def _heading_name(line: str) -> str:
    """The name of a notes or references heading the line is ("## Notes:" -> "notes"), else "" or
    another name."""
    low = line.lower()
    if "note" not in low and "reference" not in low and "bibliography" not in low and "cited" not in low:
        return ""  # every name of both sets holds one of these (most lines: no heading of theirs)
    return _HEADING_DECOR.sub("", line.strip()).strip(" *_:#").lower()


def _labels(text: str, start: int, end: int, in_section: bool) -> list[tuple[int, int, int]]:
    """(number, label start, text start) of every line in ``text[start:end]`` that opens a note."""
    found = []
    # Only a line whose first non-blank is "[" (or, in a notes section, a digit) can open a note:
    # those are found by one search, so a page of 500,000 lines is not walked a line at a time.
    first = _BLANKS.match(text, start, end).end()
    opens = first < end and (text[first] == "[" or text[first].isdecimal())  # ``\d``: the decimal digits
    line_starts = [start] if opens else []
    if text.find("\n", start, end) >= 0:  # most paragraphs are one line
        line_starts += [m.end() for m in _NOTE_LINE.finditer(text, start, end)]
    for pos in line_starts:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        indent = _BLANKS.match(text, pos, line_end).end()
        m = _BRACKET_LABEL.match(text, indent, line_end)
        if m and (m.group(1) or not m.group(3)):  # "[1]: http://..." is a Markdown link definition
            found.append((int(m.group(2)), indent, m.end()))
        elif in_section:
            m = _SECTION_LABEL.match(text, indent, line_end)
            if m:
                found.append((int(m.group(1)), indent, m.end()))
    return found


class _Builder:
    """Accumulates body paragraphs and note lists into NoteBlocks and Notes as paragraphs arrive."""

    def __init__(self, text: str, doc_start: int) -> None:
        self.text = text
        self.note_blocks: list[NoteBlock] = []
        self.notes: list[dict] = []  # Note fields; the Notes are built once short forms are known
        self.raw: list[list[int]] = []  # [number, start, end, body_start] of the open list
        self.pending: list[tuple[int, int]] = []  # unlabelled paragraphs that may continue a note
        self.body_start: int | None = doc_start
        self.body_end: int | None = None

    @property
    def open(self) -> bool:
        return bool(self.raw)

    def body(self, start: int, end: int) -> None:
        self.close()
        if self.body_start is None:
            self.body_start = start
        self.body_end = end

    def extend(self, end: int) -> None:
        self.raw[-1][2] = end

    def add_notes(self, labels: list[tuple[int, int, int]], end: int) -> None:
        first = labels[0][0]
        if self.raw:
            last = self.raw[-1][0]
            if self.pending and first > last and all(e - s <= _MAX_CONTINUATION for s, e in self.pending):
                self.raw[-1][2] = self.pending[-1][1]  # the list went on: those paragraphs were the note's
                self.pending = []
            elif self.pending or (first == 1 and last >= 1):
                self.close()
        for k, (number, label_start, text_start) in enumerate(labels):
            note_end = labels[k + 1][1] if k + 1 < len(labels) else end
            while note_end > text_start and self.text[note_end - 1].isspace():
                note_end -= 1
            self.raw.append([number, label_start, max(note_end, text_start), text_start])

    def close(self) -> None:
        if not self.raw:
            return
        pending, self.pending = self.pending, []
        notes_start, notes_end = self.raw[0][1], self.raw[-1][2]
        index = len(self.note_blocks) + 1
        body_start = self.body_start if self.body_start is not None else notes_start
        body_end = self.body_end if self.body_end is not None and self.body_start is not None else body_start
        self.note_blocks.append(NoteBlock(index=index, body_start=body_start, body_end=body_end,
                                          notes_start=notes_start, notes_end=notes_end))
        seen: dict[int, int] = {}
        for number, start, end, text_start in self.raw:
            seen[number] = seen.get(number, 0) + 1
            note_id = f"n{index}.{number}" + (f"-{seen[number]}" if seen[number] > 1 else "")  # written twice
            self.notes.append({"id": note_id, "block": index, "number": number, "start": start, "end": end,
                               "text": self.text[start:end], "body_start": text_start})
        self.raw = []
        self.body_start = self.body_end = None
        for start, end in pending:  # paragraphs after the list that did not continue it
            self.body(start, end)


def declared_notes(text: str, notes: Sequence[tuple[int, int, int, int]]) -> tuple[list[NoteBlock], list[Note]]:
    """Notes the source marks up itself (Markdown ``[^label]: text``), as (number, start, end,
    body start): one block of notes, numbered document-wide as the source numbers them, their
    short forms resolved as in a list of notes found in the text."""
    if not notes:
        return [], []
    ordered = sorted(notes, key=lambda n: (n[0], n[1]))  # in number order, as Ibid. reads them
    seen: dict[int, int] = {}
    raw = []
    for number, start, end, body_start in ordered:
        seen[number] = seen.get(number, 0) + 1
        note_id = f"n1.{number}" + (f"-{seen[number]}" if seen[number] > 1 else "")
        raw.append({"id": note_id, "block": 1, "number": number, "start": start, "end": end,
                    "text": text[start:end], "body_start": body_start})
    block = NoteBlock(index=1, body_start=0, body_end=len(text), notes_start=min(n[1] for n in ordered),
                      notes_end=max(n[2] for n in ordered))
    return [block], _resolve_short_forms(text, raw)


def find_short_forms(text: str, start: int, end: int) -> list[tuple[str, str | None, int, int]]:
    """(kind, title, start, end) of every Ibid. and op. cit. in ``text[start:end]`` (a note's body)."""
    found = []
    for m in _IBID.finditer(text, start, end):
        found.append(("ibid", None, m.start(), m.end()))
    for m in _OP_CIT.finditer(text, start, end):
        title, seg_start = _op_cit_title(text, start, m.start())
        found.append(("op-cit", title, seg_start, m.end()))
    if len(found) > 1:
        found.sort(key=lambda f: f[2])
    return found


def _op_cit_title(text: str, lo: int, pos: int) -> tuple[str | None, int]:
    """The title an op. cit. at ``pos`` names, and where its short citation starts."""
    head_end = pos
    while head_end > lo and text[head_end - 1] in " ,\u00a0":
        head_end -= 1
    title = None
    search_to = head_end
    if head_end > lo and text[head_end - 1] in _QUOTE_CLOSE:
        close = head_end - 1
        opener = "“" if text[close] == "”" else "‘" if text[close] == "’" else "\""
        open_at = text.rfind(opener, max(lo, close - _MAX_SHORT_CITATION), close)
        if open_at >= 0:
            title = text[open_at + 1:close].strip(" ,.")
            search_to = open_at
    seg_start = _segment_start(text, max(lo, search_to - _MAX_SHORT_CITATION), search_to)
    lead = _LEAD_IN.match(text, seg_start, head_end)
    while lead and lead.end() > seg_start:  # "See also", "See, for example,"
        seg_start = lead.end()
        lead = _LEAD_IN.match(text, seg_start, head_end)
    if title is None:
        words = text[seg_start:head_end]
        title = words.rsplit(",", 1)[-1].strip(" .") if "," in words else words.strip(" .")
    return title or None, seg_start


def _segment_start(text: str, lo: int, pos: int) -> int:
    """Start of the citation ending at ``pos``: after the last sentence end or ";" before it."""
    best = lo
    for m in _BOUNDARY.finditer(text, lo, pos):
        if text[m.start()] == ".":
            token = text[max(text.rfind(" ", lo, m.start()) + 1, lo):m.start()]
            if (len(token) == 1 and token.isupper()) or "." in token or token.lower() in _ABBREVIATIONS:
                continue
        best = m.end()
    return best


def _norm(s: str) -> str:
    return " ".join(_NON_WORD.sub(" ", s.lower().replace("’", "'")).replace("'", "").split())


def _resolve_short_forms(text: str, notes: list[dict]) -> list[Note]:
    """Attach short forms to notes; Ibid. to the note before, op. cit. to the earliest full citation."""
    found = [find_short_forms(text, n["body_start"], n["end"]) for n in notes]
    haystacks = []
    quoted: list[list[str]] = []
    # The notes' words are read only to find what an op. cit. abbreviates: not at all in a
    # document without one (50,000 notes of "Ibid." cost a second to index).
    op_cits = any(kind == "op-cit" for forms in found for kind, *_ in forms)
    for note, forms in zip(notes, found if op_cits else ()):
        pieces, pos = [], note["body_start"]
        for kind, _, s, e in forms:
            if kind == "op-cit" and s >= pos:  # mask the note's own short citations
                pieces.append(text[pos:s])
                pos = e
        body = " ".join(pieces) + " " + text[pos:note["end"]]
        haystacks.append(_norm(body))
        quoted.append([_norm(q) for q in _QUOTED.findall(body)])
    memo: dict[str, tuple[int, str | None]] = {}
    index: dict[str, list[int]] = {}
    for j, hay in enumerate(haystacks):
        for word in set(hay.split()):
            index.setdefault(word, []).append(j)
    out = []
    for i, (note, forms) in enumerate(zip(notes, found)):
        shorts = []
        for kind, title, s, e in forms:
            if kind == "ibid":
                target = notes[i - 1]["id"] if i > 0 else None
            else:
                target = _earliest(_norm(title or ""), i, notes, haystacks, quoted, memo, index)
            shorts.append(ShortForm(kind, s, e, text[s:e], title, target))  # by position: 50,000 Ibid.
        # The first unresolved form, else the first (looked for only where there are several)
        main = (shorts[0] if len(shorts) == 1 else next((f for f in shorts if f.resolves_to is None), shorts[0])
                ) if shorts else None
        out.append(Note(**note, short_forms=tuple(shorts), short_form=main.kind if main else None,
                        resolves_to=main.resolves_to if main else None, short_title=main.title if main else None))
    return out


def _earliest(title: str, before: int, notes: list[dict], haystacks: list[str], quoted: list[list[str]],
              memo: dict[str, tuple[int, str | None]], index: dict[str, list[int]]) -> str | None:
    """Id of the first note before ``before`` whose text holds ``title`` (fuzzily), else None.

    Only notes sharing one of the title's two longest words are compared (``index``: word ->
    note positions), which keeps a long run of op. cit. notes from costing quadratic time.
    """
    if len(title) < 3:
        return None
    searched, hit = memo.get(title, (0, None))
    if hit is not None:
        return hit
    words = sorted(set(title.split()), key=len, reverse=True)[:2]
    candidates = sorted({j for w in words for j in index.get(w, ()) if searched <= j < before})
    for j in candidates:
        hay = haystacks[j]
        if title in hay or _fuzzy(title, hay, quoted[j]):
            memo[title] = (before, notes[j]["id"])
            return notes[j]["id"]
    memo[title] = (max(before, searched), None)
    return None


def _fuzzy(title: str, hay: str, quoted: list[str]) -> bool:
    if len(hay) >= len(title) and fuzz.partial_ratio(title, hay) >= 90:
        return True
    return len(title.split()) >= 3 and any(fuzz.token_set_ratio(title, q) >= 90 for q in quoted)
