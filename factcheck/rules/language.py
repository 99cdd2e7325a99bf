"""LNG rules: what the audit could not do because of the document's language."""

from __future__ import annotations

from collections.abc import Iterator

from factcheck.context import AuditContext
from factcheck.model import Severity
from factcheck.rules.registry import Hit, rule
from factcheck.text.language import language_name


@rule("LNG001", "language-not-checked", Severity.INFO)
def language_not_checked(ctx: AuditContext) -> Iterator[Hit]:
    """The document is not in English: the rules that read English did not run on it.

    The language is detected from the body text (the share of each language's function
    words, or the script), or set with `language = "es"` in the settings. The claim rules
    (CLM001, CLM002, CLM005) and the spelling rule (SPL001) read English words — reporting
    verbs, hedges, superlatives, word families — and would raise false alarms on other
    languages, so they are skipped; the citation, reference, note, date and number rules run on
    every language. One finding per document names the language and the rules skipped; its
    excerpt is the document's first sentence.

    ## Why is this bad?
    It is not: the finding says what was not checked, so that a clean report is not read as
    "every rule passed".

    ## Example
    `El alcalde dijo que el puente se reabrirá en mayo.` (a document in Spanish)

    ## Fix
    Nothing to fix. Check quotations and unsourced claims by hand, or set `language = "en"` if
    the document is in English and was misread.
    """
    skipped = ctx.skipped_for_language
    if not skipped:
        return
    ex = ctx.extraction
    place = next(((s.start, s.end) for s in ex.sentences), None) or next(
        ((b.start, b.end) for b in ex.blocks if b.end > b.start), None)
    if place is None:
        return
    start, end = place
    line_end = ctx.text.find("\n", start, end)
    end = line_end if line_end > start else end
    name = language_name(ex.language)
    yield Hit(start, end, f"The document is in {name}: rules that read English were not run "
                          f"({', '.join(skipped)}).",
              suggestion="check quotations and unsourced claims by hand")
