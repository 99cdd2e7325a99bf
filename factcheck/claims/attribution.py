"""News-style attributions: who a sentence credits ("the minister said", "according to X").

Why: a news article sources its claims by naming people and publications rather than by citing
works, and CLM005 needs to tell a named source from an anonymous one ("a regional diplomat
said", "reportedly"). Each attribution becomes a ``Citation`` of style ``attribution`` whose span
is the attributing phrase, so claims link to it by id like to any other citation.

How, per sentence, with a word tokenizer and small word lists (no parser, no nested regex):

1. hedges and passives: "reportedly", "allegedly", "is (also) said to", "were believed to",
   "is seen as", "it is claimed" -> vague, no source;
2. an unnamed subject read forward: "An official of the State Department ... stated",
   "Some experts on the narcotics trade say", "As one diplomat put it" -> vague;
3. a publication named as the place of an argument: "raised in an Asia Times opinion piece";
4. "according to X" (with an apposition: "according to the acting minister, Amir Khan Muttaqi");
5. a reporting verb read backward to its subject: "Pakistan’s Information Minister, Attaullah
   Tarar, said", "The Asia Times piece stresses", "the piece points out"; the subject must stand
   where a subject stands (after a clause boundary) and end in a name or a source noun;
6. "..., said X" after a quotation, and participles ("Mao Ning urging", ", adding").

"the piece" / "the opinion piece" resolve to the latest publication named before; "he"/"she" to
the latest named person. Unresolved anaphora are dropped (in a report "the report argues" is the
document itself).
"""


from __future__ import annotations

import re
from collections.abc import Sequence
from operator import attrgetter, itemgetter

from factcheck.citations.model import Citation
from factcheck.claims.attribution_subjects import (
    NameTrail,
    Phrase,
    boundary_before,
    classify,
    person_name,
    subject_after,
    subject_before,
)
from factcheck.claims.attribution_words import (
    ADVERBS,
    AMBIGUOUS,
    BE,
    CLAUSE,
    DETS,
    GENERIC,
    HEDGE_ADVERBS,
    HEDGES,
    INDEF,
    INVERTED,
    IT_IS,
    MODIFIERS,
    MULTI,
    MULTI_FIRST,
    NOT_SUBJECT_BEFORE_VERB,
    OPINION,
    PARTICIPLES,
    PASSIVES,
    PREPS,
    PUBLICATIONS,
    SOURCE_NOUNS,
    VERBS,
    Tok,
    head_noun,
    token_indices,
    token_positions,
    tokenize,
    word_set,
)
from factcheck.text.lazy_regex import regex
from factcheck.text.model import Sentence

# Phrase and GENERIC are read by quotes.py and the CLM005 rule through this module.
__all__ = ["GENERIC", "Phrase", "attribution_phrases", "find_attributions"]


# Every strategy below needs one of these words, or an opinion verb with an unnamed subject
# (``OPINION`` and ``INDEF``); most sentences have none and skip tokenizing. (A set lookup per
# word is far cheaper than a case-insensitive alternation over the text.)
_LOWER_WORD = regex(r"[a-z]+")
_LOW = itemgetter(1)  # a Tok's lower-case form
# The words a phrase of ``_verbs`` can start at: a verb (``_verb_at``), a participle, or a
# noun-like verb form in an as-clause.
_VERB_OPENERS = VERBS | MULTI_FIRST | PARTICIPLES | AMBIGUOUS
_TRIGGERS = (VERBS | PARTICIPLES | PUBLICATIONS
             | word_set("according put puts summed sums call calls called point points pointed op"))
# ``HEDGES`` needs a hedging adverb, or a form of "be" with a passive and "to"/"as" ("is said
# to"), or "it" with "is"/"was"/"been" and a verb ("it is claimed"): a sentence whose words hold
# none of these combinations is not searched (a "said" alone was enough before, and the
# case-insensitive alternation costs a microsecond a character).
_HEDGE_ADVERBS = word_set(HEDGE_ADVERBS)
_PASSIVES, _IT_IS = word_set(PASSIVES), word_set(IT_IS)
_BE_FORMS, _TO_AS, _IT_BE = word_set("is are was were been be"), word_set("to as"), word_set("is was been")


def find_attributions(text: str, sentences: Sequence[Sentence]) -> list[Citation]:
    """Attribution citations in every given sentence, ids ``a1``, ``a2``... in text order."""
    out: list[Citation] = []
    last_pub: str | None = None
    last_person: str | None = None
    for sentence in _may_attribute(text, sorted(sentences, key=attrgetter("start"))):
        for p in attribution_phrases(text, sentence.start, sentence.end):
            source, speaker = p.source, p.speaker
            if p.anaphor == "publication":
                # "As the report states": the work named before, else the phrase itself (a report
                # the story is about, or the document speaking of itself).
                source = last_pub or _publication_phrase(text, p)
            elif p.anaphor == "person":
                # "he said": the person named last, in an attribution or, failing one, in the text.
                if last_person is None:
                    last_person = _name_before(text, p.start)
                if last_person is None:
                    continue
                source = speaker = last_person
            elif not p.vague and source:
                low_words = set(source.lower().split())
                if low_words & PUBLICATIONS and any(w[:1].isupper() for w in source.split()):
                    last_pub = source
                if speaker:
                    last_person = speaker
            out.append(Citation(id=f"a{len(out) + 1}", style="attribution", start=p.start,
                                end=p.end, text=text[p.start:p.end], source=source, vague=p.vague))
    return out


_PUBLICATION_PHRASE = regex(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:%s)\b" % "|".join(sorted(PUBLICATIONS)),
                            re.IGNORECASE)
_NAME_WINDOW = 2000  # characters read back for the person a pronoun stands for


def _publication_phrase(text: str, p: Phrase) -> str:
    m = _PUBLICATION_PHRASE.search(text, p.start, p.end)
    return m.group() if m else text[p.start:p.end]


def _name_before(text: str, offset: int) -> str | None:
    """The last person's name (two capitalised words or more) in the text before ``offset``."""
    lo = max(0, offset - _NAME_WINDOW)
    return person_name(tokenize(text, lo, offset))


def attribution_phrases(text: str, start: int, end: int) -> list[Phrase]:
    """Attributing phrases of one sentence ``text[start:end]``, in text order, not overlapping."""
    words = set(_LOWER_WORD.findall(text[start:end].lower()))
    found: list[Phrase] = []
    if _may_hedge(words):
        found = [Phrase(m.start(), m.end(), None, True) for m in HEDGES.finditer(text, start, end)]
    if words.isdisjoint(_TRIGGERS) and (words.isdisjoint(OPINION) or words.isdisjoint(INDEF)):
        return found  # opinion verbs attribute only after an unnamed subject: "Some experts fear"
    toks = tokenize(text, start, end)
    # Each pass starts only at the tokens that can open its phrase, found in the lower-case forms
    # at C speed (a sentence of 300,000 tokens holds a few thousand such).
    lows = list(map(_LOW, toks))
    used: set[int] = set()
    found += _vague_subjects(text, toks, token_indices(lows, INDEF), used)
    found += _publication_mentions(text, toks, token_positions(lows, "in"))
    found += _according_to(text, toks, token_positions(lows, "according"))
    found += _verbs(text, toks, token_indices(lows, _VERB_OPENERS), used)
    found.sort(key=lambda p: (p.start, -p.end))
    kept: list[Phrase] = []
    # The quote marks before each phrase, counted on from the phrase before (not again from the
    # sentence's start for each: quadratic in a long sentence of many phrases).
    counted, opened, closed, straight = start, 0, 0, 0
    for p in found:
        if p.start > counted:
            opened += text.count("“", counted, p.start)
            closed += text.count("”", counted, p.start)
            straight += text.count('"', counted, p.start)
            counted = p.start
        if (kept and p.start < kept[-1].end) or opened > closed or straight % 2:
            continue  # overlapping, or inside a quotation: "“US says it is working”", a headline
        kept.append(p)
    return kept


def _may_attribute(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences (in text order) less those of a paragraph whose words could make no
    attributing phrase (``_may_attribute_words``): one search of the paragraph, not one a sentence
    (a paragraph of 100,000 one-word sentences, a table). Sentences begin and end beside a space or
    their block's ends, so a sentence's words are words of its paragraph, and a paragraph's words
    that make no phrase hold no sentence's that do."""
    out: list[Sentence] = []
    i, n = 0, len(sentences)
    while i < n:
        j = i + 1
        while j < n and sentences[j].block == sentences[i].block:
            j += 1
        run = sentences[i:j]
        start, end = run[0].start, max(s.end for s in run)
        if _may_attribute_words(set(_LOWER_WORD.findall(text[start:end].lower()))):
            out.extend(run)
        i = j
    return out


def _may_attribute_words(words: set[str]) -> bool:
    """Whether ``attribution_phrases`` may find a phrase among these (lower-case) words."""
    return (not words.isdisjoint(_TRIGGERS) or _may_hedge(words)
            or not (words.isdisjoint(OPINION) or words.isdisjoint(INDEF)))


def _may_hedge(words: set[str]) -> bool:
    """Whether a sentence of these (lower-case) words holds what ``HEDGES`` needs."""
    if not words.isdisjoint(_HEDGE_ADVERBS):
        return True
    if not words.isdisjoint(_PASSIVES) and not words.isdisjoint(_BE_FORMS) and not words.isdisjoint(_TO_AS):
        return True
    return "it" in words and not words.isdisjoint(_IT_BE) and not words.isdisjoint(_IT_IS)


def _verb_at(toks: list[Tok], i: int, opinion: bool = False) -> int | None:
    """Index of the last token of a reporting (or ``opinion``) verb starting at ``i``, else None."""
    low = toks[i].low
    if opinion and low in OPINION:
        return i
    if low in MULTI_FIRST:
        for multi in MULTI:
            n = len(multi)
            if tuple(t.low for t in toks[i : i + n]) == multi:
                return i + n - 1
    if low in VERBS:
        if low in AMBIGUOUS:
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is None or not (nxt.cap or nxt.low in ("that", "how", "what", "why", "whether",
                                                          "it", "the", "a", "an", "its", "their")):
                return None
        return i
    return None


def _vague_subjects(text: str, toks: list[Tok], openers: list[int], used: set[int]) -> list[Phrase]:
    """ "Some experts on X say", "An official of Y ... stated", "As one diplomat put it".
    ``openers``: the indices of the tokens in ``INDEF``."""
    out = []
    n = len(toks)
    for i in openers:
        t = toks[i]
        if not boundary_before(toks, i - 1):
            continue
        if i >= 2 and toks[i - 1].text == "," and toks[i - 2].cap:
            continue  # "Tarek Oumari, a member of the secretariat, said": describes a named person
        k = i + 1
        if k + 1 < n and toks[k].low == "of" and toks[k + 1].low in ("the", "these", "those", "them"):
            k += 1 if toks[k + 1].low == "them" else 2
        head = None
        for h in range(k, min(n, k + 4)):
            if toks[h].low in GENERIC:
                head = h
                break
            if not toks[h].word or toks[h].low in CLAUSE or toks[h].low in BE:
                break
        if head is None and t.low in ("some", "many") and k < n and _verb_at(toks, k, True) is not None:
            head = i  # "Some say", "Many believe"
        if head is None:
            head = _plain_head_before_verb(toks, k)  # "one shipper put it", "a study says"
        if head is None:
            continue
        verb = _verb_after_vague_head(toks, head)
        if verb is None:
            continue
        v_start, v_end = verb
        used.update(range(v_start, v_end + 1))
        first = i - 1 if i > 0 and toks[i - 1].low == "as" else i
        out.append(Phrase(toks[first].start, toks[v_end].end,
                          text[t.start:toks[head].end], True))
    return out


def _plain_head_before_verb(toks: list[Tok], k: int) -> int | None:
    for h in range(k, min(len(toks) - 1, k + 3)):
        t = toks[h]
        if not t.word or t.cap or t.low in CLAUSE or t.low in BE or t.low in PREPS or t.low in DETS:
            return None
        if _verb_at(toks, h + 1) is not None:
            return h
    return None


def _verb_after_vague_head(toks: list[Tok], head: int) -> tuple[int, int] | None:
    n = len(toks)
    k = head + 1
    while k < n and (toks[k].low in ADVERBS or (toks[k].low.endswith("ly") and not toks[k].cap)):
        k += 1
    if k >= n:
        return None
    direct = _verb_at(toks, k, opinion=True)
    if direct is not None:
        return k, direct
    if not (toks[k].low in PREPS or toks[k].low in ("who", "while", "based", "with") or toks[k].text == ","):
        return None
    for j in range(k + 1, min(n, k + 26)):
        if toks[j].text in (";", "“", "\""):
            return None
        if toks[j].word and not toks[j].cap and toks[j - 1].low not in NOT_SUBJECT_BEFORE_VERB:
            last = _verb_at(toks, j)
            if last is not None:
                return j, last
    return None


def _publication_mentions(text: str, toks: list[Tok], ins: list[int]) -> list[Phrase]:
    """ "raised in an Asia Times opinion piece": a named publication as the place of a claim.
    ``ins``: the indices of the tokens "in"."""
    out = []
    n = len(toks)
    for i in ins:
        if i + 2 >= n or toks[i + 1].low not in ("a", "an", "the"):
            continue
        k = i + 2
        while k < n and toks[k].cap:
            k += 1
        if k == i + 2:
            continue
        while k < n and toks[k].low in MODIFIERS:
            k += 1
        if k >= n or toks[k].low not in PUBLICATIONS:
            continue
        first = i - 1 if i > 0 and toks[i - 1].word and toks[i - 1].low.endswith("ed") else i
        source = text[toks[i + 2].start:toks[k].end]
        out.append(Phrase(toks[first].start, toks[k].end, source, False))
    return out


def _according_to(text: str, toks: list[Tok], accordings: list[int]) -> list[Phrase]:
    """ "according to officials involved in the talks". ``accordings``: the indices of the tokens
    "according"."""
    out = []
    n = len(toks)
    for i in accordings:
        if i + 2 >= n or toks[i + 1].low != "to":
            continue
        # The noun phrase up to a preposition, a participle or "and": English puts the head
        # first here ("interlocutors involved in talks", "experts and officials").
        k = i + 2
        while k < n and toks[k].word and k - i < 12:
            low = toks[k].low
            if k > i + 2 and (low in PREPS or low in CLAUSE or low in ("who", "which", "involved")
                              or (not toks[k].cap and low.endswith(("ing", "ed"))
                                  and low not in MODIFIERS and low not in SOURCE_NOUNS)):
                break
            k += 1
        if k == i + 2:
            continue
        np = toks[i + 2 : k]
        end_tok = k - 1
        # An apposition naming the person: ", Amir Khan Muttaqi,".
        if k + 1 < n and toks[k].text == ",":
            j = k + 1
            while j < n and toks[j].cap and j - k <= 4:
                j += 1
            if j > k + 1 and (j >= n or toks[j].text in ",.;"):
                end_tok = j - 1
        phrase = classify(text, np, toks[i + 2 : end_tok + 1], toks[i].start, toks[end_tok].end)
        if phrase:
            out.append(phrase)
    return out


def _verbs(text: str, toks: list[Tok], openers: Sequence[int], used: set[int]) -> list[Phrase]:
    """Reporting verbs and participles read backward to their subject; "..., said X".
    ``openers``: the indices of the tokens in ``_VERB_OPENERS``, the only ones that can open one."""
    out = []
    n = len(toks)
    names: NameTrail | None = None  # the names before each participle, read once
    for i in openers:
        t = toks[i]
        if i in used or not t.word:
            continue
        participle = t.low in PARTICIPLES
        last = _verb_at(toks, i)
        # "as the piece notes, ...": a noun-like verb form is a verb in an as-clause.
        as_clause = (last is None and t.low in AMBIGUOUS and i + 1 < n
                     and toks[i + 1].text in ",:")
        if as_clause:
            last = i
        if last is None and participle:
            last = i + 1 if i + 1 < n and (t.low, toks[i + 1].low) in (("calling", "for"), ("pointing", "out")) else i
        if last is None or (i > 0 and toks[i - 1].low in NOT_SUBJECT_BEFORE_VERB):
            continue
        phrase = subject_before(text, toks, i, last, participle)
        if as_clause:
            if (phrase is not None and text[phrase.start:phrase.start + 3].lower() == "as "
                    and not text[max(0, phrase.start - 8):phrase.start].rstrip().lower().endswith("such")
                    and (phrase.speaker or phrase.anaphor or head_noun(toks, i - 1).low in SOURCE_NOUNS)):
                out.append(phrase)
            continue
        if phrase is None and participle and i > 0 and toks[i - 1].text == ",":
            names = names or NameTrail(toks)
            name = names.before(i - 1)
            if name:
                phrase = Phrase(t.start, toks[last].end, name, False, name)
        if phrase is None and t.low in INVERTED:
            phrase = subject_after(text, toks, i)
        if phrase:
            out.append(phrase)
    return out
