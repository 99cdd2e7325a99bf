"""CLM rules about how claims are sourced: unsourced claims, unattributed quotes, vague sources.

CLM003, CLM004, CLM006 and CLM007 (claims checked against the cited works themselves, with
``--sources``) are in ``factcheck.rules.verification``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from factcheck.citations.model import Citation
from factcheck.claims.attribution import GENERIC
from factcheck.claims.attribution_words import RESEARCH_SUBJECTS
from factcheck.claims.conventions import claim_facts
from factcheck.claims.extract import salient_words
from factcheck.claims.model import Claim, Quotation
from factcheck.context import AuditContext
from factcheck.model import Severity
from factcheck.rules.registry import Hit, rule
from factcheck.text.lazy_regex import regex

# Where a clause ends inside a sentence: a comma, semicolon or colon before a space, a dash
# between spaces, a bracket.
_WORDS = regex(r"[a-z]+")
_CLAUSE_BREAK = regex(r"[,;:](?=\s)|\s[—–-]\s|[()]")
_MIN_CLAUSE_WORDS = 4
# Quoted words with no one said to speak them and fewer words than this are a term ("grand
# bargain", "reasonable and equitable"), not a quotation of speech.
_MIN_SPEECH_WORDS = 5
_INDEFINITE = frozenset("a an one some many several few certain another various numerous most other "
                        "others".split())
# A sentence about the document's own work ("We interviewed 23 managers", "This memo summarises
# the inspection of November 2023") is sourced by the document itself.
_OWN_WORK_OPENERS = frozenset("we our".split())
_DOCUMENT_NOUNS = frozenset("""memo report paper study brief article review analysis section chapter
survey note essay book thesis briefing""".split())
# The people an attribution can leave unnamed ("officials", "diplomats"), as opposed to bodies
# that speak collectively ("governments", "states").
_PEOPLE = GENERIC - frozenset("reports governments countries capitals states them".split())


# ---------------------------------------------------------------------------------------------
# CLM001


def checkworthy_element(ctx: AuditContext, claim: Claim) -> tuple[int, int, str] | None:
    """The most checkable thing a claim states, as (start, end, what), else None.

    In order: a specific number, a day or month date, a superlative or "first", a magnitude
    ("thousands of"). Years, decades and spelled-out small counts are background ("in the
    1990s", "two decades"); quotations, and the figures inside them, are left to CLM002.
    """
    quoted = [(q.start, q.end) for q in claim.quotes]

    def in_quote(start: int, end: int) -> bool:
        # Figures inside quotation marks are the speaker's (CLM002 asks who), or no claim at all:
        # "such as “the disk fills in 4 hours”".
        return any(a <= start and end <= b for a, b in quoted)

    for n in claim.numbers:
        if (any(ch.isdigit() for ch in n.text) or n.value >= 1000) and not in_quote(n.start, n.end):
            return n.start, n.end, f"the number '{n.text}'"
    for d in claim.dates:
        if d.precision in ("day", "month") and not in_quote(d.start, d.end):
            return d.start, d.end, f"the date '{d.text}'"
    words = salient_words(ctx.text, claim.start, claim.end)
    if "superlative" in words:
        s, e = words["superlative"]
        return s, e, f"the superlative '{ctx.text[s:e]}'"
    if "magnitude" in words:
        s, e = words["magnitude"]
        return s, e, f"the magnitude '{ctx.text[s:e]} of'"
    return None


def restates_cited_fact(ctx: AuditContext, claim: Claim) -> bool:
    """A claim of an abstract, summary or conclusion whose numbers and dates a cited claim states.

    Summaries restate what the body sources; the conclusion's "190,000 people" is covered by
    the cited "190,000 people" of the body.
    """
    facts = claim_facts(claim)
    return claim.block in ctx.summary_blocks and bool(facts) and facts <= ctx.cited_facts


def about_own_work(sentence: str) -> bool:
    """ "We then interviewed 23 district managers", "This memo summarises the inspection of
    November 2023": the document reports its own work, and is its own source."""
    words = sentence.split(None, 2)
    if not words:
        return False
    first = words[0].casefold()
    if first in _OWN_WORK_OPENERS:
        return True
    return first == "this" and len(words) > 1 and words[1].casefold().strip(",") in _DOCUMENT_NOUNS


def clause_around(text: str, claim: Claim, start: int, end: int) -> tuple[int, int]:
    """The clause of the claim's sentence that holds ``text[start:end]``.

    Clauses end at commas, semicolons, colons, spaced dashes and brackets outside the element
    itself ("February 28, 2026" keeps its comma); a clause of fewer than four words grows into
    its neighbour, so that the excerpt reads as a statement.
    """
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text, claim.start, claim.end)
              if not start <= m.start() < end]
    left = max((b for b in breaks if b < start), default=None)
    right = min((b for b in breaks if b >= end), default=None)
    lo = claim.start if left is None else left + 1
    hi = claim.end if right is None else right
    while len(text[lo:hi].split()) < _MIN_CLAUSE_WORDS and (left is not None or right is not None):
        if right is not None:
            right = min((b for b in breaks if b > right), default=None)
            hi = claim.end if right is None else right
        elif left is not None:
            left = max((b for b in breaks if b < left), default=None)
            lo = claim.start if left is None else left + 1
    while lo < hi and (text[lo].isspace() or text[lo] in "—–-"):
        lo += 1
    while hi > lo and (text[hi - 1].isspace() or text[hi - 1] in ".;,"):
        hi -= 1
    return lo, hi


@rule("CLM001", "unsourced-claim", Severity.WARNING, english=True,
      by_genre={"news": Severity.INFO, "web": Severity.INFO})
def unsourced_claim(ctx: AuditContext) -> Iterator[Hit]:
    """A check-worthy claim with no citation, note or attribution.

    Check-worthy: the claim states a specific number, a day or month date, a superlative or a
    "first", or a magnitude ("thousands of deaths"), and its check-worthiness score reaches the
    threshold `thresholds.checkworthiness` (default 0.6; the score adds up what makes a claim
    worth checking: numbers, precise dates, superlatives, quotations, named people and places,
    minus hedges and restatements in summaries and conclusions). Background phrased generally
    ("in the 1990s", "for two decades") stays quiet, and so do a claim of an abstract,
    summary or conclusion whose numbers and dates a cited sentence of the body states, and a
    sentence about the document's own work ("We interviewed 23 managers", "This memo
    summarises the inspection of November 2023").

    Sourced: a citation or note in the sentence, or a named speaker or publication. A citation
    elsewhere in the paragraph covers the sentence only when the document's own convention is
    one citation at the end of each paragraph (decided from how the document cites).

    The excerpt is the clause that holds the check-worthy part, not the whole sentence.

    ## Why is this bad?
    Numbers, dates and "firsts" are what readers repeat and what is most often wrong; without
    a source, neither a reader nor an editor can check them.

    ## Example
    `The Vell basin, which supplies 60 percent of the region's water, is shrinking.`

    ## Fix
    Cite the source of the claim in its sentence (a citation or a note), or name who says so.
    """
    threshold = ctx.settings.thresholds.checkworthiness
    paragraphs_cover = ctx.paragraph_citations_cover
    for claim in ctx.extraction.claims:
        if claim.support in ("cited", "attributed") or (claim.support == "inherited" and paragraphs_cover):
            continue
        if claim.checkworthiness < threshold:
            continue
        element = checkworthy_element(ctx, claim)
        if element is None or restates_cited_fact(ctx, claim) or about_own_work(claim.text):
            continue
        start, end, what = element
        lo, hi = clause_around(ctx.text, claim, start, end)
        yield Hit(lo, hi, f"Check-worthy claim ({what}; check-worthiness {claim.checkworthiness:.2f}) "
                          "has no citation, note or attribution.",
                  suggestion="cite the source of this claim in its sentence")


# ---------------------------------------------------------------------------------------------
# CLM002


def _quote_span(text: str, q: Quotation) -> tuple[int, int]:
    """The quotation with its quote marks, when they are right around it."""
    start = q.start - 1 if q.start > 0 and text[q.start - 1] in "“\"‘" else q.start
    end = q.end
    if text[end:end + 1] in (",", ".", "?", "!") and text[end + 1:end + 2] in ("”", "\"", "’"):
        end += 1  # "…comes," she said: the comma stood inside the marks
    if end < len(text) and text[end] in "”\"’":
        end += 1
    return start, end


def _citations_of(ctx: AuditContext, claim: Claim) -> list[Citation]:
    by_id = ctx.citation_by_id
    return [by_id[i] for i in claim.citation_ids if i in by_id]


def _sourced(ctx: AuditContext, claim: Claim) -> bool:
    """A citation or note in the claim, or a named attribution."""
    return any(c.style != "attribution" or not c.vague for c in _citations_of(ctx, claim))


def _attributions(ctx: AuditContext, claim: Claim) -> list[Citation]:
    return [c for c in _citations_of(ctx, claim) if c.style == "attribution"]


def _told_the_authors(ctx: AuditContext, claim: Claim) -> bool:
    """ "One engineer told us that ...": an interview of the authors' own, their data."""
    return any(ctx.text[a.end:a.end + 4].lower() in (" us ", " me ") for a in _attributions(ctx, claim))


@rule("CLM002", "unattributed-quote", Severity.WARNING, english=True)
def unattributed_quote(ctx: AuditContext) -> Iterator[Hit]:
    """A direct quotation with no speaker, citation or note.

    A quotation of speech (three words or more between quote marks) whose sentence names no
    speaker, or only an unnamed one ("an official said"), and carries no citation or note. A
    speaker is read as a journalist writes one: before or after the quotation with any reporting
    verb (said, told reporters, wrote, tweeted, noted, added, argued, warned...), with titles and
    initials ("Mr. Hale", "C. Edwin Marlow"), a description between commas ("Tarek Oumari,
    a member of the party's secretariat, said"), "according to", a clause introducing the
    quotation with a colon, a caption ("Ana Lee: ‘...’"), "he said" for the person named
    before. The speaker of a paragraph carries to its later quotations and to a next paragraph
    that opens with a quotation (a continued quote); a heading starts afresh.

    Only speech needs a speaker: titles of works, terms and scare quotes ("grand bargain"), words
    no one said ("as if to say ...", "rules such as ...") and the text of a sign or headline are
    left alone, and so are what an interviewee "told us" or a survey respondent wrote: the
    authors' own data.

    ## Why is this bad?
    Words in quote marks claim to be someone's exact words. Without a speaker or a source the
    reader cannot tell whose, and no one can check them.

    ## Example
    `The minister promised the dam would be “finished within the year”.` (no minister named,
    no source)

    ## Fix
    Name the speaker and cite where the words were said or written.
    """
    claims = ctx.extraction.claims
    passages = _sourced_passages(ctx, claims)
    seen: set[tuple[int, int]] = set()
    for k, claim in enumerate(claims):
        covered: bool | None = None  # whether the claim is sourced: the same for all its quotes
        for q in claim.quotes:
            if q.kind != "speech" or q.speaker or (q.start, q.end) in seen:
                continue
            seen.add((q.start, q.end))
            if not RESEARCH_SUBJECTS.isdisjoint(_WORDS.findall(claim.text.lower())):
                continue  # "one survey respondent said": the document's own survey, anonymous on purpose
            if covered is None:
                covered = passages[k] or _told_the_authors(ctx, claim)
                attributed = bool(_attributions(ctx, claim))
            if covered:
                continue
            if not attributed and len(q.text.split()) < _MIN_SPEECH_WORDS:
                continue
            start, end = _quote_span(ctx.text, q)
            yield Hit(start, end, "Quotation with no speaker, citation or note.",
                      suggestion="name the speaker and cite where the words were said or written")


def _sourced_passages(ctx: AuditContext, claims: tuple[Claim, ...]) -> list[bool]:
    """For each claim, whether it or the quoted passage it belongs to is sourced.

    A quoted passage is a run of neighbouring sentences of the same paragraph that all quote
    ("“...,” she said. “...”"): one of them naming the speaker or carrying the citation sources
    the whole run. Runs are found in one walk (asking each claim for its run would be quadratic
    in a paragraph of quotations).
    """
    out = [False] * len(claims)
    k = 0
    while k < len(claims):
        if not claims[k].quotes:
            out[k] = _sourced(ctx, claims[k])
            k += 1
            continue
        j = k
        while j < len(claims) and claims[j].quotes and claims[j].block == claims[k].block:
            j += 1
        sourced = any(_sourced(ctx, claims[i]) for i in range(k, j))
        out[k:j] = [sourced] * (j - k)
        k = j
    return out


# ---------------------------------------------------------------------------------------------
# CLM005


@rule("CLM005", "vague-attribution", Severity.INFO, english=True)
def vague_attribution(ctx: AuditContext) -> Iterator[Hit]:
    """An attribution to an unnamed source: "some analysts", "an official said", "reportedly".

    The excerpt is the attributing phrase. Counted: an unnamed person or an unnamed subset
    ("a regional diplomat", "one official", "some experts"), and hedges that name no one
    ("reportedly", "allegedly", "is said to", "were believed to", "is seen as") unless the
    sentence names whose view it reports. People of a named body or country ("Taliban
    officials") and bodies that speak collectively ("Central Asian states") are not vague. Reported as
    information: anonymous sources are sometimes unavoidable, but the reader should see that a
    claim rests on one.

    ## Why is this bad?
    A reader cannot weigh, and a fact-checker cannot check, a claim whose source is "some
    experts". Hedges such as "reportedly" hide who reported it.

    ## Example
    `Some analysts say the dam will halve the river's flow.`

    ## Fix
    Name the source (a person, an office, a publication), or cite the work that reports it.
    When the source must stay anonymous, say why and how the claim was checked.
    """
    named = _in_named_sentence(ctx)
    for citation in ctx.extraction.attributions:
        if not citation.vague:
            continue
        if citation.source is None:
            if named(citation.start):
                continue  # "As the Times piece suggests, ... is seen as ...": the piece's view
            who = "no one"
        elif unnamed_people(citation.source, ctx.word_index.is_name):
            who = f"'{citation.source}'"
        else:
            continue
        yield Hit(citation.start, citation.end, f"The claim is attributed to {who}: the source is not named.",
                  suggestion="name the source or cite the work that reports it")


def unnamed_people(source: str, is_name=lambda word: word[:1].isupper()) -> bool:
    """Whether an attribution's subject leaves its people unnamed.

    "a regional diplomat", "one official", "some experts", "Officials in two neighbouring
    states", "Regional officials": yes. "Kestova officials", "Russian and Iranian officials"
    (people of a named body, place or country) and "Central Asian states", "regional
    governments" (bodies that speak collectively): no. ``is_name`` tells a name from a word
    capitalised as the start of a sentence (the document's word index knows).
    """
    words = source.split()
    if words[0].casefold() in _INDEFINITE:
        return True
    head = next((k for k, w in enumerate(words) if w.casefold().strip(",") in _PEOPLE), None)
    if head is None:
        return False
    return not any(is_name(w.strip(",")) for w in words[:head])


def _in_named_sentence(ctx: AuditContext):
    """A test: is this offset inside a claim that credits a named speaker or publication?"""
    spans = sorted((c.start, c.end) for c in ctx.extraction.claims if c.support == "attributed")
    starts = [s for s, _ in spans]

    def inside(offset: int) -> bool:
        k = bisect_right(starts, offset) - 1
        return k >= 0 and offset < spans[k][1]

    return inside
