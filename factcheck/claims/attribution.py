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
from dataclasses import dataclass
from typing import NamedTuple

from factcheck.claims.model import Sentence
from factcheck.sources.model import Citation

_TOKEN = re.compile(r"[^\W_](?:[\w’'\-]|\.(?=[^\W_]))*|\S")
_HEDGE_ADVERBS = "reportedly allegedly purportedly supposedly rumouredly rumoredly"
_PASSIVES = "said believed thought seen reported rumoured rumored alleged perceived regarded understood claimed estimated"
_IT_IS = "claimed said believed reported alleged rumoured rumored thought argued suggested"
_HEDGES = re.compile(
    rf"\b(?:{_HEDGE_ADVERBS.replace(' ', '|')})\b"
    r"|\b(?:is|are|was|were|been|be)\s(?:(?:also|widely|often|generally|commonly|largely|still|"
    rf"even|increasingly|frequently|sometimes|long|now)\s)?(?:{_PASSIVES.replace(' ', '|')})\s(?:to|as)\b"
    rf"|\bit\s(?:is|was|has been|had been)\s(?:widely\s)?(?:{_IT_IS.replace(' ', '|')})\b",
    re.IGNORECASE)


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


VERBS = _words("""said says say told tells tell stated argued argues argue noted notes warned warns
warn emphasised emphasized emphasises emphasizes emphasise emphasize highlighted highlights
stressed stresses suggested suggests claimed claims explained explains added adds insisted insists
acknowledged acknowledges admitted admits reported reports wrote writes announced announces
declared declares confirmed confirms contended contends asserted asserts urged urges accused
accuses cautioned cautions concluded concludes maintained maintains alleged alleges conceded
concedes complained complains predicted predicts estimated estimates recalled recalls remarked
mentioned""")
_AMBIGUOUS = _words("states notes claims reports highlights estimates")  # also plural nouns
_OPINION = _words("believe believes believed think thinks regarded regard feel feels fear fears "
                  "suspect suspects doubt claim")
_MULTI = (("summed", "it", "up"), ("sums", "it", "up"), ("points", "out"), ("pointed", "out"),
          ("point", "out"), ("put", "it"), ("puts", "it"), ("called", "for"), ("calls", "for"),
          ("call", "for"), ("calling", "for"), ("pointing", "out"))
_MULTI_FIRST = frozenset(m[0] for m in _MULTI)
PARTICIPLES = _words("adding saying urging noting warning arguing stressing insisting claiming "
                     "stating emphasising emphasizing explaining accusing calling pointing")
_INVERTED = _words("said says added noted explained wrote insisted warned continued")

GENERIC = _words("""official officials diplomat diplomats analyst analysts expert experts observer
observers source sources critic critics people person persons someone somebody others resident
residents witness witnesses insider insiders commentator commentators scholar scholars specialist
specialists entrepreneur entrepreneurs investor investors trader traders officer officers activist
activists member members aide aides staffer staffers researcher researchers academic academics
journalist journalists reports governments countries capitals states interviewees interlocutors
individuals some many several few them""")
PUBLICATIONS = _words("""piece article op-ed oped editorial column report study paper analysis
commentary story book publication newspaper magazine outlet blog survey review brief briefing""")
_SOURCE_NOUNS = PUBLICATIONS | _words("""minister ministry ministries spokesman spokeswoman
spokesperson president secretary ambassador envoy government department agency office commission
council committee army military police court embassy emir leader chief head director general
representative premier chancellor king prince administration regime bank fund organisation
organization institute group party movement authorities authority statement website tweet letter
foundation union alliance mission delegation operator company utility regulator firm board
corporation executive chair chairman chairwoman mayor governor""")
_MODIFIERS = _words("""foreign interior defence defense prime deputy acting former senior top
regional western eastern local security opinion information finance economic military
intelligence political state federal provincial anonymous unnamed independent international
national tiny small junior high-ranking high-level news recent latest new own""")
_DETS = _words("a an the one some many several few certain another other various numerous this "
               "that these those its their his her our both two three four five six seven eight "
               "nine ten most")
_INDEF = _words("a an one some many several few certain another various numerous two three four "
                "five")
_ADVERBS = _words("also even later recently once again repeatedly publicly privately still often "
                  "already further then have has had previously")
_BE = _words("is are was were be been being")
_CLAUSE = _words("as while when but and since because although though whereas so yet instead "
                 "meanwhile however also where after before if then thus now that")
_PREPS = _words("of in at for from on")
_PRONOUNS = _words("he she")
_NOT_SUBJECT_BEFORE_VERB = _BE | {"to"}
_ROLE_WORDS = _words("""Minister Ministry Secretary President Prime Deputy Foreign Information
Interior Defence Defense Spokesman Spokeswoman Acting Chief General Ambassador Envoy Emir Senator
Governor Mayor Chairman Director Head Leader King Prince Premier Chancellor Commander Representative
Special Office Department Affairs State Government Council Committee Group Times Post News The A
An Agency Institute University Bank Fund Mr Mrs Ms Dr Prof""")


@dataclass(frozen=True)
class Phrase:
    """One attributing phrase in a sentence, before ids and anaphora are settled."""

    start: int
    end: int
    source: str | None
    vague: bool
    speaker: str | None = None  # a person's name when the source names one
    anaphor: str | None = None  # "publication" or "person": resolve against earlier sources


# Every strategy below needs one of these words, or an opinion verb with an unnamed subject
# (``_OPINION`` and ``_INDEF``); most sentences have none and skip tokenizing. (A set lookup per
# word is far cheaper than a case-insensitive alternation over the text.)
_LOWER_WORD = re.compile(r"[a-z]+")
_TRIGGERS = (VERBS | PARTICIPLES | PUBLICATIONS
             | _words("according put puts summed sums call calls called point points pointed op"))
_HEDGE_TRIGGERS = _words(" ".join((_HEDGE_ADVERBS, _PASSIVES, _IT_IS)))


class _Tok(NamedTuple):
    """A token of a sentence (a NamedTuple: built for every word of every attributing sentence)."""

    text: str
    low: str
    start: int
    end: int
    word: bool
    cap: bool


def find_attributions(text: str, sentences: Sequence[Sentence]) -> list[Citation]:
    """Attribution citations in every given sentence, ids ``a1``, ``a2``... in text order."""
    out: list[Citation] = []
    last_pub: str | None = None
    last_person: str | None = None
    for sentence in sorted(sentences, key=lambda s: s.start):
        for p in attribution_phrases(text, sentence.start, sentence.end):
            source, speaker = p.source, p.speaker
            if p.anaphor == "publication":
                if last_pub is None:
                    continue
                source = last_pub
            elif p.anaphor == "person":
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


def attribution_phrases(text: str, start: int, end: int) -> list[Phrase]:
    """Attributing phrases of one sentence ``text[start:end]``, in text order, not overlapping."""
    words = set(_LOWER_WORD.findall(text[start:end].lower()))
    found: list[Phrase] = []
    if not words.isdisjoint(_HEDGE_TRIGGERS):
        found = [Phrase(m.start(), m.end(), None, True) for m in _HEDGES.finditer(text, start, end)]
    if words.isdisjoint(_TRIGGERS) and (words.isdisjoint(_OPINION) or words.isdisjoint(_INDEF)):
        return found  # opinion verbs attribute only after an unnamed subject: "Some experts fear"
    toks = _tokens(text, start, end)
    used: set[int] = set()
    found += _vague_subjects(text, toks, used)
    found += _publication_mentions(text, toks)
    found += _according_to(text, toks)
    found += _verbs(text, toks, used)
    found.sort(key=lambda p: (p.start, -p.end))
    kept: list[Phrase] = []
    for p in found:
        before = text[start:p.start]
        if (kept and p.start < kept[-1].end) or before.count("“") > before.count("”"):
            continue  # overlapping, or inside a quotation: "“US says it is working”", a headline
        kept.append(p)
    return kept


def _head(toks: list[_Tok], i: int) -> _Tok:
    """The noun a hyphenated word ends in: "ex-official" -> "official"."""
    t = toks[i]
    if "-" in t.low:
        tail = t.low.rsplit("-", 1)[1]
        return _Tok(t.text, tail, t.start, t.end, t.word, t.cap)
    return t


def _tok(m: re.Match[str]) -> _Tok:
    s = m.group()
    word = s[0].isalnum()
    return _Tok(s, s.lower(), m.start(), m.end(), word, word and s[0].isupper())


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    """The tokens of ``text[start:end]`` (what ``_tok`` makes of each match, built inline: this
    runs for every word of every sentence that might attribute)."""
    new = tuple.__new__
    out: list[_Tok] = []
    append = out.append
    for m in _TOKEN.finditer(text, start, end):
        s = m.group()
        first = s[0]
        word = first.isalnum()
        a, b = m.span()
        append(new(_Tok, (s, s.lower(), a, b, word, word and first.isupper())))
    return out


def _verb_at(toks: list[_Tok], i: int, opinion: bool = False) -> int | None:
    """Index of the last token of a reporting (or ``opinion``) verb starting at ``i``, else None."""
    low = toks[i].low
    if opinion and low in _OPINION:
        return i
    if low in _MULTI_FIRST:
        for multi in _MULTI:
            n = len(multi)
            if tuple(t.low for t in toks[i : i + n]) == multi:
                return i + n - 1
    if low in VERBS:
        if low in _AMBIGUOUS:
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if nxt is None or not (nxt.cap or nxt.low in ("that", "how", "what", "why", "whether",
                                                          "it", "the", "a", "an", "its", "their")):
                return None
        return i
    return None


def _boundary_before(toks: list[_Tok], j: int, extra: frozenset[str] = frozenset()) -> bool:
    """Whether a subject may start right after token ``j`` (a clause boundary)."""
    if j < 0:
        return True
    t = toks[j]
    if not t.word:
        return t.text in ",;:(—–-\"“”’‘]"
    return t.low in _CLAUSE or t.low in extra or t.text.isdigit()


def _vague_subjects(text: str, toks: list[_Tok], used: set[int]) -> list[Phrase]:
    """ "Some experts on X say", "An official of Y ... stated", "As one diplomat put it"."""
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        if t.low not in _INDEF or not _boundary_before(toks, i - 1):
            continue
        k = i + 1
        if k + 1 < n and toks[k].low == "of" and toks[k + 1].low in ("the", "these", "those", "them"):
            k += 1 if toks[k + 1].low == "them" else 2
        head = None
        for h in range(k, min(n, k + 4)):
            if toks[h].low in GENERIC:
                head = h
                break
            if not toks[h].word or toks[h].low in _CLAUSE or toks[h].low in _BE:
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


def _plain_head_before_verb(toks: list[_Tok], k: int) -> int | None:
    for h in range(k, min(len(toks) - 1, k + 3)):
        t = toks[h]
        if not t.word or t.cap or t.low in _CLAUSE or t.low in _BE or t.low in _PREPS or t.low in _DETS:
            return None
        if _verb_at(toks, h + 1) is not None:
            return h
    return None


def _verb_after_vague_head(toks: list[_Tok], head: int) -> tuple[int, int] | None:
    n = len(toks)
    k = head + 1
    while k < n and (toks[k].low in _ADVERBS or (toks[k].low.endswith("ly") and not toks[k].cap)):
        k += 1
    if k >= n:
        return None
    direct = _verb_at(toks, k, opinion=True)
    if direct is not None:
        return k, direct
    if not (toks[k].low in _PREPS or toks[k].low in ("who", "while", "based", "with") or toks[k].text == ","):
        return None
    for j in range(k + 1, min(n, k + 26)):
        if toks[j].text in (";", "“", "\""):
            return None
        if toks[j].word and not toks[j].cap and toks[j - 1].low not in _NOT_SUBJECT_BEFORE_VERB:
            last = _verb_at(toks, j)
            if last is not None:
                return j, last
    return None


def _publication_mentions(text: str, toks: list[_Tok]) -> list[Phrase]:
    """ "raised in an Asia Times opinion piece": a named publication as the place of a claim."""
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        if t.low != "in" or i + 2 >= n or toks[i + 1].low not in ("a", "an", "the"):
            continue
        k = i + 2
        while k < n and toks[k].cap:
            k += 1
        if k == i + 2:
            continue
        while k < n and toks[k].low in _MODIFIERS:
            k += 1
        if k >= n or toks[k].low not in PUBLICATIONS:
            continue
        first = i - 1 if i > 0 and toks[i - 1].word and toks[i - 1].low.endswith("ed") else i
        source = text[toks[i + 2].start:toks[k].end]
        out.append(Phrase(toks[first].start, toks[k].end, source, False))
    return out


def _according_to(text: str, toks: list[_Tok]) -> list[Phrase]:
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        if t.low != "according" or i + 2 >= n or toks[i + 1].low != "to":
            continue
        # The noun phrase up to a preposition, a participle or "and": English puts the head
        # first here ("interlocutors involved in talks", "experts and officials").
        k = i + 2
        while k < n and toks[k].word and k - i < 12:
            low = toks[k].low
            if k > i + 2 and (low in _PREPS or low in _CLAUSE or low in ("who", "which", "involved")
                              or (not toks[k].cap and low.endswith(("ing", "ed"))
                                  and low not in _MODIFIERS and low not in _SOURCE_NOUNS)):
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
        phrase = _classify(text, np, toks[i + 2 : end_tok + 1], toks[i].start, toks[end_tok].end)
        if phrase:
            out.append(phrase)
    return out


def _verbs(text: str, toks: list[_Tok], used: set[int]) -> list[Phrase]:
    """Reporting verbs and participles read backward to their subject; "..., said X"."""
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        if i in used or not t.word:
            continue
        participle = t.low in PARTICIPLES
        last = _verb_at(toks, i)
        # "as the piece notes, ...": a noun-like verb form is a verb in an as-clause.
        as_clause = (last is None and t.low in _AMBIGUOUS and i + 1 < n
                     and toks[i + 1].text in ",:")
        if as_clause:
            last = i
        if last is None and participle:
            last = i + 1 if i + 1 < n and (t.low, toks[i + 1].low) in (("calling", "for"), ("pointing", "out")) else i
        if last is None or (i > 0 and toks[i - 1].low in _NOT_SUBJECT_BEFORE_VERB):
            continue
        phrase = _subject_before(text, toks, i, last, participle)
        if as_clause:
            if (phrase is not None and text[phrase.start:phrase.start + 3].lower() == "as "
                    and not text[max(0, phrase.start - 8):phrase.start].rstrip().lower().endswith("such")
                    and (phrase.speaker or phrase.anaphor or _head(toks, i - 1).low in _SOURCE_NOUNS)):
                out.append(phrase)
            continue
        if phrase is None and participle and i > 0 and toks[i - 1].text == ",":
            name = _person_name(toks[:i - 1])
            if name:
                phrase = Phrase(t.start, toks[last].end, name, False, name)
        if phrase is None and t.low in _INVERTED:
            phrase = _subject_after(text, toks, i)
        if phrase:
            out.append(phrase)
    return out


def _subject_before(text: str, toks: list[_Tok], v: int, last: int, participle: bool) -> Phrase | None:
    i = v - 1
    while i >= 0 and toks[i].word and not toks[i].cap and (
            toks[i].low in _ADVERBS or (toks[i].low.endswith("ly") and len(toks[i].low) > 3)):
        i -= 1
    appositive = i >= 0 and toks[i].text == ","
    if appositive:
        i -= 1
    # A lower-case pronoun is a subject of its own: "“...,” she said".
    j = i if i >= 0 and toks[i].low in _PRONOUNS and not appositive else _np_start(toks, i)
    if j > i:
        return None
    if appositive:
        if j - 1 < 0 or toks[j - 1].text != ",":
            return None
        j2 = _np_start(toks, j - 2)
        if j2 > j - 2:  # "the harbour master, Piet Olsen, said": a role of plain words
            j2 = _role_before_name(toks, j - 2, j - 2, apposition=True)
        if j2 is None or j2 > j - 2:
            return None
        j = j2
    while j <= i and toks[j].low in _PREPS | {"and"}:
        j += 1
    if j > i or not _boundary_before(toks, j - 1, frozenset({"with"}) if participle else frozenset()):
        return None
    first = j - 1 if j > 0 and toks[j - 1].low == "as" else j
    segment_end = next((k - 1 for k in range(j, i + 1) if toks[k].text == ","), i)
    head = _head(toks, segment_end if appositive else i)
    np = toks[j : i + 1]
    if head.low in _PRONOUNS and len(np) == 1:
        return Phrase(toks[first].start, toks[last].end, None, False, anaphor="person")
    if appositive and not _can_head(head):
        head = toks[i]  # "the harbour master, Piet Olsen,": the name heads it
    if not _can_head(head):
        return None  # "a move that suggests", "Kabul’s claims that"
    return _classify(text, np, np, toks[first].start, toks[last].end)


def _can_head(head: _Tok) -> bool:
    return ((head.cap or head.low in GENERIC or head.low in _SOURCE_NOUNS) and head.low not in _DETS
            and not head.low.endswith(("’s", "'s")))


def _np_start(toks: list[_Tok], i: int) -> int:
    """Walk back from token ``i`` over a noun phrase; the index of its first token."""
    j = i
    while j >= 0 and i - j < 10:
        t = toks[j]
        right = toks[j + 1] if j + 1 <= i else None
        ok = t.word and (
            (t.cap and t.low not in _CLAUSE) or t.low in _DETS or t.low in GENERIC or t.low in _SOURCE_NOUNS
            or t.low in _MODIFIERS or t.low.endswith(("’s", "'s"))
            or (t.low in _PREPS and right is not None and (right.cap or right.low in _DETS))
            or (t.low == "and" and right is not None and right.cap)
            or _noun_modifier(toks, j, right))
        if not ok:
            role_start = _role_before_name(toks, j, i)
            if role_start is None:
                break
            j = role_start
        j -= 1
    return j + 1


def _role_before_name(toks: list[_Tok], j: int, i: int, apposition: bool = False) -> int | None:
    """ "the harbour master [Piet Olsen]": a determiner and up to three plain words before a name.

    With ``apposition`` the name follows after a comma ("the harbour master, Piet Olsen, said").
    """
    right = toks[j + 1] if j + 1 <= i else None
    if not apposition and (right is None or not (right.cap or right.low in _SOURCE_NOUNS)):
        return None
    for k in range(j, max(-1, j - 4), -1):
        t = toks[k]
        if t.word and t.low.endswith(("’s", "'s")):
            while k > 0 and toks[k - 1].word and toks[k - 1].cap:
                k -= 1  # the possessor's whole name: "Meridia Transmission's chief executive"
            return k
        if t.word and t.low in ("the", "a", "an"):
            return k
        if not t.word or t.cap or t.low in _CLAUSE or t.low in _BE or t.low in _PREPS:
            return None
    return None


def _noun_modifier(toks: list[_Tok], j: int, right: _Tok | None) -> bool:
    """An unlisted word between a determiner or possessive and a source noun: "X’s port authority"."""
    if right is None or right.low not in _SOURCE_NOUNS | GENERIC or j == 0:
        return False
    left = toks[j - 1]
    return left.word and (left.low in _DETS or left.low in _MODIFIERS or left.low.endswith(("’s", "'s")))


def _subject_after(text: str, toks: list[_Tok], v: int) -> Phrase | None:
    """ "“...”, said the minister" / "..., said Attaullah Tarar"."""
    if v == 0 or toks[v - 1].text not in (",", "”", "\"", "’"):
        return None
    k = v + 1
    while k < len(toks) and toks[k].word and k - v <= 6 and (
            toks[k].cap or toks[k].low in _DETS | _MODIFIERS | _SOURCE_NOUNS | GENERIC):
        k += 1
    if k == v + 1:
        return None
    np = toks[v + 1 : k]
    head = np[-1]
    if not (head.cap or head.low in GENERIC or head.low in _SOURCE_NOUNS):
        return None
    return _classify(text, np, np, toks[v].start, toks[k - 1].end)


def _classify(text: str, np: list[_Tok], full: list[_Tok], start: int, end: int) -> Phrase | None:
    """Named, vague or anaphoric source of a subject noun phrase."""
    if not np:
        return None
    head = _head(np, len(np) - 1)
    for k, t in enumerate(np):
        if t.text == ",":
            head = _head(np, k - 1) if k else head
            break
    words = [t for t in full if t.word]
    if words and words[0].low in ("no", "none", "neither", "nobody"):
        return None  # "No regional diplomat has admitted ...": nobody is credited
    body = words[1:] if words and words[0].low in _DETS else words
    name = _person_name(full)
    if head.low in GENERIC and not any(t.text == "," for t in full):
        # "Central Asian states", "Crisis Group officials": a named place or body qualifying a
        # generic noun still leaves the person unnamed; only an apposition names one.
        return Phrase(start, end, text[full[0].start:full[-1].end], True)
    if (head.low in PUBLICATIONS and words and words[0].low in ("the", "this", "that")
            and not any(t.cap for t in body)):
        return Phrase(start, end, None, False, anaphor="publication")
    if not body:
        return None
    source = text[body[0].start:full[-1].end]
    return Phrase(start, end, source, False, name)


def _person_name(toks: Sequence[_Tok]) -> str | None:
    """The last run of two or more capitalised words that is not a title, role or organisation."""
    best = None
    run: list[_Tok] = []
    for t in list(toks) + [None]:  # type: ignore[list-item]
        if t is not None and t.word and t.cap and not t.low.endswith(("’s", "'s")):
            run.append(t)
            continue
        while run and (run[0].text in _ROLE_WORDS or run[0].text.replace(".", "").isupper()
                       or run[0].low in _CLAUSE or run[0].low in _DETS):
            run.pop(0)
        if len(run) >= 2 and not any(r.text in _ROLE_WORDS for r in run):
            best = " ".join(r.text for r in run)
        run = []
    return best
