"""The subject of a reporting verb, read from the tokens around it: whom an attribution credits.

``subject_before`` walks back from the verb over a noun phrase ("Pakistan’s Information
Minister, Attaullah Tarar, said"), ``subject_after`` reads the inverted form ("..., said the
minister"); ``classify`` tells a named source from an unnamed one ("a regional diplomat") and
from an anaphor ("the piece", "she") resolved later against the sources named before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.claims.attribution_words import (
    ADVERBS,
    BE,
    CLAUSE,
    DETS,
    GENERIC,
    MODIFIERS,
    PARTICIPLES,
    PREPS,
    PRONOUNS,
    HONORIFICS,
    PUBLICATIONS,
    ROLE_WORDS,
    SOURCE_NOUNS,
    VERBS,
    Tok,
    head_noun,
)


@dataclass(frozen=True)
class Phrase:
    """One attributing phrase in a sentence, before ids and anaphora are settled."""

    start: int
    end: int
    source: str | None
    vague: bool
    speaker: str | None = None  # a person's name when the source names one
    anaphor: str | None = None  # "publication" or "person": resolve against earlier sources



def boundary_before(toks: list[Tok], j: int, extra: frozenset[str] = frozenset()) -> bool:
    """Whether a subject may start right after token ``j`` (a clause boundary)."""
    if j < 0:
        return True
    t = toks[j]
    if not t.word:
        return t.text in ",;:(—–-\"“”’‘]"
    return t.low in CLAUSE or t.low in extra or t.text.isdigit()


def subject_before(text: str, toks: list[Tok], v: int, last: int, participle: bool) -> Phrase | None:
    i = v - 1
    while i >= 0 and toks[i].word and not toks[i].cap and (
            toks[i].low in ADVERBS or (toks[i].low.endswith("ly") and len(toks[i].low) > 3)):
        i -= 1
    appositive = i >= 0 and toks[i].text == ","
    if appositive:
        i -= 1
    # A lower-case pronoun is a subject of its own: "“...,” she said".
    j = i if i >= 0 and toks[i].low in PRONOUNS and not appositive else np_start(toks, i)
    if appositive and (j > i or j - 1 < 0 or toks[j - 1].text != ","):
        return _described_name(text, toks, i, last, participle)
    if j > i:
        return None
    if appositive:
        j2 = np_start(toks, j - 2)
        if j2 > j - 2:  # "the harbour master, Piet Olsen, said": a role of plain words
            j2 = role_before_name(toks, j - 2, j - 2, apposition=True)
        if j2 is None or j2 > j - 2:
            return _described_name(text, toks, i, last, participle)
        j = j2
    while j <= i and toks[j].low in PREPS | {"and"}:
        j += 1
    if j > i or not boundary_before(toks, j - 1, frozenset({"with"}) if participle else frozenset()):
        return None
    first = j - 1 if j > 0 and toks[j - 1].low == "as" else j
    segment_end = next((k - 1 for k in range(j, i + 1) if toks[k].text == ","), i)
    head = head_noun(toks, segment_end if appositive else i)
    np = toks[j : i + 1]
    if head.low in PRONOUNS and len(np) == 1:
        return Phrase(toks[first].start, toks[last].end, None, False, anaphor="person")
    if appositive and not can_head(head):
        head = toks[i]  # "the harbour master, Piet Olsen,": the name heads it
    if not can_head(head):
        return None  # "a move that suggests", "Kabul’s claims that"
    return classify(text, np, np, toks[first].start, toks[last].end)


def _described_name(text: str, toks: list[Tok], i: int, last: int, participle: bool) -> Phrase | None:
    """ "Tarek Oumari, a member of the party's general secretariat, said": a name, then a
    description between commas (a noun phrase of plain words, prepositions and names), then the
    verb. ``i`` is the description's last token, before the second comma."""
    for c in range(i - 1, max(-1, i - 24), -1):
        t = toks[c]
        if t.text == ",":
            break
        if not t.word and t.text not in ("-", "&"):
            return None  # a quote mark, a bracket, a semicolon: not one apposition
        if t.low in BE or (t.low in CLAUSE and t.low not in ("and",)):
            return None
    else:
        return None
    first = toks[c + 1] if c + 1 <= i else None
    if first is None or not (first.low in DETS or first.low in MODIFIERS or first.low in GENERIC
                             or first.low in SOURCE_NOUNS or first.low.endswith(("’s", "'s")) or first.cap):
        return None
    j = np_start(toks, c - 1)
    if j > c - 1 or not boundary_before(toks, j - 1, frozenset({"with"}) if participle else frozenset()):
        return None
    name = person_name(toks[j:c]) or single_name(toks[j:c])
    if name is None:
        return None
    start = toks[j - 1].start if j > 0 and toks[j - 1].low == "as" else toks[j].start
    return Phrase(start, toks[last].end, name, False, name)


def can_head(head: Tok) -> bool:
    return ((head.cap or head.low in GENERIC or head.low in SOURCE_NOUNS) and head.low not in DETS
            and not head.low.endswith(("’s", "'s")))


def np_start(toks: list[Tok], i: int) -> int:
    """Walk back from token ``i`` over a noun phrase; the index of its first token."""
    j = i
    while j >= 0 and i - j < 10:
        t = toks[j]
        right = toks[j + 1] if j + 1 <= i else None
        ok = t.word and (
            (t.cap and t.low not in CLAUSE) or t.low in DETS or t.low in GENERIC or t.low in SOURCE_NOUNS
            or t.low in MODIFIERS or t.low.endswith(("’s", "'s"))
            or (t.low in PREPS and right is not None and (right.cap or right.low in DETS))
            or (t.low == "and" and right is not None and right.cap)
            or noun_modifier(toks, j, right))
        if not ok:
            role_start = role_before_name(toks, j, i)
            if role_start is None:
                break
            j = role_start
        j -= 1
    return j + 1


def role_before_name(toks: list[Tok], j: int, i: int, apposition: bool = False) -> int | None:
    """ "the harbour master [Piet Olsen]": a determiner and up to three plain words before a name.

    With ``apposition`` the name follows after a comma ("the harbour master, Piet Olsen, said").
    """
    right = toks[j + 1] if j + 1 <= i else None
    if not apposition and (right is None or not (right.cap or right.low in SOURCE_NOUNS)):
        return None
    for k in range(j, max(-1, j - 4), -1):
        t = toks[k]
        if t.word and t.low.endswith(("’s", "'s")):
            while k > 0 and toks[k - 1].word and toks[k - 1].cap:
                k -= 1  # the possessor's whole name: "Meridia Transmission's chief executive"
            return k
        if t.word and t.low in ("the", "a", "an"):
            return k
        if not apposition and k < j and not t.word and t.text in _ROLE_OPENERS:
            return k + 1  # "“...,” Pakistan-based developer Ammar Askar wrote": no determiner
        if not t.word or (t.cap and "-" not in t.text and (k > 0 or apposition)) or t.low in CLAUSE \
                or t.low in BE or t.low in PREPS or t.low in VERBS or t.low in PARTICIPLES:
            return None
    if not apposition and j - 3 <= 0 and all(toks[k].word for k in range(0, j + 1)):
        return 0  # the same at the start of the sentence: "Veteran skipper Ole Brand said"
    return None


# Marks after which a role of plain words may open a subject with no determiner.
_ROLE_OPENERS = frozenset({",", "“", "”", "\"", "—", "–", ":", ";", "(", "‘", "’"})


def noun_modifier(toks: list[Tok], j: int, right: Tok | None) -> bool:
    """An unlisted word between a determiner or possessive and a source noun: "X’s port authority"."""
    if right is None or right.low not in SOURCE_NOUNS | GENERIC or j == 0:
        return False
    left = toks[j - 1]
    return left.word and (left.low in DETS or left.low in MODIFIERS or left.low.endswith(("’s", "'s")))


def subject_after(text: str, toks: list[Tok], v: int) -> Phrase | None:
    """ "“...”, said the minister" / "..., said Attaullah Tarar"."""
    if v == 0 or toks[v - 1].text not in (",", "”", "\"", "’"):
        return None
    k = v + 1
    while k < len(toks) and toks[k].word and k - v <= 6 and (
            toks[k].cap or toks[k].low in DETS | MODIFIERS | SOURCE_NOUNS | GENERIC):
        k += 1
    if k == v + 1:
        return None
    np = toks[v + 1 : k]
    head = np[-1]
    if not (head.cap or head.low in GENERIC or head.low in SOURCE_NOUNS):
        return None
    return classify(text, np, np, toks[v].start, toks[k - 1].end)


def classify(text: str, np: list[Tok], full: list[Tok], start: int, end: int) -> Phrase | None:
    """Named, vague or anaphoric source of a subject noun phrase."""
    if not np:
        return None
    head = head_noun(np, len(np) - 1)
    for k, t in enumerate(np):
        if t.text == ",":
            head = head_noun(np, k - 1) if k else head
            break
    words = [t for t in full if t.word]
    if words and words[0].low in ("no", "none", "neither", "nobody"):
        return None  # "No regional diplomat has admitted ...": nobody is credited
    body = words[1:] if words and words[0].low in DETS else words
    name = person_name(full)
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
    return Phrase(start, end, source, False, name or single_name(body))


def person_name(toks: Sequence[Tok]) -> str | None:
    """The last run of capitalised words that names a person: two words or more that are not a
    title, role or organisation ("Edwin Marlow", "Peter J. Vale"), or one after a title
    ("Mr. Hale")."""
    trail = NameTrail(toks)
    return trail.before(len(toks))


class NameTrail:
    """``person_name(toks[:k])`` for rising ``k``, read in one pass over the tokens: a slice read
    from the start for each ``k`` is quadratic in a long sentence ("..., adding" again and again)."""

    def __init__(self, toks: Sequence[Tok]) -> None:
        self.toks = toks
        self.pos = 0  # tokens read so far
        self.run: list[Tok] = []  # the capitalised words being read
        self.best: str | None = None  # the last name of the runs that have ended

    def before(self, k: int) -> str | None:
        """The last person's name in ``toks[:k]`` (``k`` no less than the last call's)."""
        toks, run = self.toks, self.run
        while self.pos < k:
            t = toks[self.pos]
            self.pos += 1
            if t.word and t.cap and not t.low.endswith(("’s", "'s")):
                run.append(t)
            elif run:
                self.best = _name_of_run(run) or self.best
                run.clear()
        return (_name_of_run(run) or self.best) if run else self.best


def _name_of_run(run: Sequence[Tok]) -> str | None:
    """The name a run of capitalised words holds, less the titles, roles and acronyms it opens with."""
    k, titled = 0, False
    while k < len(run) and (_role(run[k]) or run[k].text.replace(".", "").isupper()
                            or run[k].low in CLAUSE or run[k].low in DETS):
        titled = titled or run[k].text.rstrip(".") in HONORIFICS
        k += 1
    rest = run[k:]
    if (len(rest) >= 2 or (titled and len(rest) == 1)) and not any(_role(r) for r in rest):
        return " ".join(r.text for r in rest)
    return None


def _role(t: Tok) -> bool:
    return t.text.rstrip(".") in ROLE_WORDS


_NOT_NAMES = frozenset("""it its this that these those they them their we our you your he she his her i
there here what which who whom whose one none nobody everyone everybody someone somebody all each
both either neither such""".split())


def single_name(np: Sequence[Tok]) -> str | None:
    """A subject that is one capitalised word, not a title, a publication or an acronym:
    "Rothman said", "Hamilton recalls" (news names a person by surname after the first mention)."""
    words = [t for t in np if t.word]
    if len(words) != 1:
        return None
    t = words[0]
    if (not t.cap or _role(t) or t.text.isupper() or t.low in _NOT_NAMES or t.low in PUBLICATIONS or t.low in SOURCE_NOUNS
            or t.low in GENERIC or t.low in CLAUSE or t.low in DETS or t.low.endswith(("’s", "'s"))):
        return None
    return t.text
