"""Which citation family a document is written in, from what its grammars found and the shape of
its reference list and notes (or from ``citation-style`` in the settings).

The family decides what is ambiguous on its own: whether "[3]" points at a note or at entry 3,
whether "(1)" is a citation or an equation number, whether "²" is a reference or an exponent, and
whether "(Hunter)" cites a work. The unambiguous grammars (author-date, pandoc keys) run in every
family.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.citations.model import CITATION_FAMILIES


@dataclass(frozen=True)
class StyleSignals:
    """Counts of what each grammar found in a document's body, and of its lists."""

    author_date: int = 0  # author-year items ("Smith, 2019")
    author_page: int = 0  # year-less items naming an entry ("(Smith 23)", "(Bezanson et al.)")
    brackets: int = 0  # typed "[3]" groups
    raised: int = 0  # superscripts, "^(2,3)", and "[3]" a reader wrote for a raised digit
    parentheses: int = 0  # "(3)" groups whose numbers are entries of a numbered list
    pandoc: int = 0  # "[@key]" and link-style citations
    entries: int = 0
    numbered_entries: int = 0  # entries labelled "[3]", "3." or "3)"
    notes: int = 0


def numbered_list(signals: StyleSignals) -> bool:
    return signals.numbered_entries > 0 and signals.numbered_entries * 2 >= signals.entries


def detect_family(signals: StyleSignals, setting: str | None = None) -> str:
    """The document's family: the setting when it names one, else the evidence.

    Notes win when there are markers for them; a numbered list makes numbers citations (raised
    ones "superscript", bracketed or parenthesised ones "numeric"); else the commonest of pandoc
    keys, author-date and author-page items.
    """
    if setting and setting != "auto" and setting in CITATION_FAMILIES:
        return setting
    markers = signals.brackets + signals.raised
    if signals.notes and markers and markers >= max(signals.author_date, signals.author_page, signals.pandoc):
        return "notes"  # a paper citing in parentheses may have a footnote or two: its family is theirs
    if numbered_list(signals) and (markers or signals.parentheses):
        return "superscript" if signals.raised > signals.brackets + signals.parentheses else "numeric"
    best = max(signals.pandoc, signals.author_date, signals.author_page)
    if best:
        if signals.pandoc == best:
            return "pandoc"
        return "author-date" if signals.author_date >= signals.author_page else "author-page"
    if signals.notes:
        return "notes"
    if signals.brackets or signals.raised:
        return "numeric"
    return "none"
