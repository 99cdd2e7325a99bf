"""The vocabulary of news attributions, and the tokens a sentence is read in.

Why a module of its own: the reporting verbs, source nouns and function words below are what
``factcheck.claims.attribution`` (finding attributing phrases) and
``factcheck.claims.attribution_subjects`` (reading the subject of a reporting verb) both decide
by, and CLM005 reads ``GENERIC``. Word lists are frozensets of lower-cased words: one set lookup
per token instead of case-insensitive alternations over the text.
"""

from __future__ import annotations

import re
from functools import partial
from itertools import accumulate
from operator import add, and_, itemgetter
from typing import NamedTuple

from factcheck.text.lazy_regex import regex

# Titles and initials keep their full stop, so that "Mr. Hale" and "C. Edwin Marlow" read as
# one name and the stop is not taken for a clause boundary.
HONORIFICS = ("Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Gov", "Rep", "Gen", "Col", "Lt", "Sgt", "Capt",
              "Maj", "Adm", "Rev", "Hon", "Pres", "Supt", "Insp", "Cmdr", "Brig", "Messrs", "Mme", "Sr", "Sra",
              "Fr", "Atty", "Amb", "Rt", "Cllr", "Det", "Cpl", "Pvt")
# An honorific's full stop ("Dr."), an initial before a name ("A. Cole"), a word (inner full stops
# kept: "U.S", "e.g"), or any other character. (The first two are tried only at a capital, and a
# word is read as runs of word characters, not a character at a time: the same tokens, faster.)
_TOKEN = (rf"(?=[A-Z])(?:(?:{'|'.join(HONORIFICS)})\.(?=\s)|[A-Z]\.(?=\s+[A-Z]))"
          r"|[^\W_][\w’'\-]*(?:\.(?=[^\W_])[\w’'\-]*)*|\S")
TOKEN = regex(_TOKEN)
# A token and the spaces after it. Every non-space opens a token (``\S`` last), and every token
# ends in a non-space, so these matches lie end to end from the first token on: their lengths give
# the offsets. (The spaces follow the token so that a run of them at the end costs one failed try
# a position, not a rescan of the run from each.)
_SPACED_TOKEN = regex(rf"(?:{_TOKEN})\s*")
_SPACES = regex(r"\s*")
HEDGE_ADVERBS = "reportedly allegedly purportedly supposedly rumouredly rumoredly"
PASSIVES = "said believed thought seen reported rumoured rumored alleged perceived regarded understood claimed estimated"
IT_IS = "claimed said believed reported alleged rumoured rumored thought argued suggested"
HEDGES = regex(
    rf"\b(?:{HEDGE_ADVERBS.replace(' ', '|')})\b"
    r"|\b(?:is|are|was|were|been|be)\s(?:(?:also|widely|often|generally|commonly|largely|still|"
    rf"even|increasingly|frequently|sometimes|long|now)\s)?(?:{PASSIVES.replace(' ', '|')})\s(?:to|as)\b"
    rf"|\bit\s(?:is|was|has been|had been)\s(?:widely\s)?(?:{IT_IS.replace(' ', '|')})\b",
    re.IGNORECASE)


def word_set(s: str) -> frozenset[str]:
    return frozenset(s.split())


VERBS = word_set("""said says say told tells tell stated argued argues argue noted notes warned warns
warn emphasised emphasized emphasises emphasizes emphasise emphasize highlighted highlights
stressed stresses suggested suggests claimed claims explained explains added adds insisted insists
acknowledged acknowledges admitted admits reported reports wrote writes announced announces
declared declares confirmed confirms contended contends asserted asserts urged urges accused
accuses cautioned cautions concluded concludes maintained maintains alleged alleges conceded
concedes complained complains predicted predicts estimated estimates recalled recalls remarked
mentioned written tweeted tweets posted posts replied replies responded responds asked asks wondered
joked jokes quipped testified testifies countered counters observed observes vowed vows pledged
lamented laments boasted boasts recounted recounts acknowledged explained shared shares""")
AMBIGUOUS = word_set("states notes claims reports highlights estimates")  # also plural nouns
OPINION = word_set("believe believes believed think thinks regarded regard feel feels fear fears "
                  "suspect suspects doubt claim")
MULTI = (("summed", "it", "up"), ("sums", "it", "up"), ("points", "out"), ("pointed", "out"),
          ("point", "out"), ("put", "it"), ("puts", "it"), ("called", "for"), ("calls", "for"),
          ("call", "for"), ("calling", "for"), ("pointing", "out"))
MULTI_FIRST = frozenset(m[0] for m in MULTI)
PARTICIPLES = word_set("adding saying urging noting warning arguing stressing insisting claiming "
                     "stating emphasising emphasizing explaining accusing calling pointing")
INVERTED = word_set("said says added noted explained wrote insisted warned continued asked replied recalled "
                    "tweeted responded recalls writes observed quipped joked")

GENERIC = word_set("""official officials diplomat diplomats analyst analysts expert experts observer
observers source sources critic critics people person persons someone somebody others resident
residents witness witnesses insider insiders commentator commentators scholar scholars specialist
specialists entrepreneur entrepreneurs investor investors trader traders officer officers activist
activists member members aide aides staffer staffers researcher researchers academic academics
journalist journalists reports governments countries capitals states interviewees interlocutors
individuals some many several few them respondent respondents participant participants interviewee
engineer engineers scientist scientists economist economists doctor doctors lawyer lawyers worker workers
farmer farmers neighbour neighbours neighbor neighbors local locals villager villagers parent parents
teacher teachers student students nurse nurses employee employees""")
PUBLICATIONS = word_set("""piece article op-ed oped editorial column report study paper analysis
commentary story book publication newspaper magazine outlet blog survey review brief briefing""")
SOURCE_NOUNS = PUBLICATIONS | word_set("""minister ministry ministries spokesman spokeswoman
spokesperson president secretary ambassador envoy government department agency office commission
council committee army military police court embassy emir leader chief head director general
representative premier chancellor king prince administration regime bank fund organisation
organization institute group party movement authorities authority statement website tweet letter
foundation union alliance mission delegation operator company utility regulator firm board
corporation executive chair chairman chairwoman mayor governor""")
MODIFIERS = word_set("""foreign interior defence defense prime deputy acting former senior top
regional western eastern local security opinion information finance economic military
intelligence political state federal provincial anonymous unnamed independent international
national tiny small junior high-ranking high-level news recent latest new own""")
DETS = word_set("a an the one some many several few certain another other various numerous this "
               "that these those its their his her our both two three four five six seven eight "
               "nine ten most")
INDEF = word_set("a an one some many several few certain another various numerous two three four "
                "five")
ADVERBS = word_set("also even later recently once again repeatedly publicly privately still often "
                  "already further then have has had previously")
BE = word_set("is are was were be been being")
CLAUSE = word_set("as while when but and since because although though whereas so yet instead "
                 "meanwhile however also where after before if then thus now that")
PREPS = word_set("of in at for from on")
PRONOUNS = word_set("he she")
NOT_SUBJECT_BEFORE_VERB = BE | {"to"}
ROLE_WORDS = word_set("""Minister Ministry Secretary President Prime Deputy Foreign Information
Interior Defence Defense Spokesman Spokeswoman Acting Chief General Ambassador Envoy Emir Senator
Governor Mayor Chairman Director Head Leader King Prince Premier Chancellor Commander Representative
Special Office Department Affairs State Government Council Committee Group Times Post News The A
An Agency Institute University Bank Fund Mr Mrs Ms Dr Prof Sen Gov Rep Gen Col Lt Sgt Capt Maj Adm
Rev Hon Pres Mx Messrs Mme Senator Representative Judge Justice Professor Doctor Bishop Father Sister
Rabbi Imam Pastor Officer Detective Sergeant Captain Lieutenant Colonel Major Admiral Ambassador""")
# Research subjects: people who answered the document's own survey or interviews, anonymous on purpose.
RESEARCH_SUBJECTS = word_set("respondent respondents participant participants interviewee interviewees")



class Tok(NamedTuple):
    """A token of a sentence (a NamedTuple: built for every word of every attributing sentence)."""

    text: str
    low: str
    start: int
    end: int
    word: bool
    cap: bool


_new_tok = partial(tuple.__new__, Tok)  # a Tok from its fields' tuple, without a Python call


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """The tokens of ``text[start:end]``, built as plain tuples (this runs for every word of every
    sentence that might attribute: a 1 MB sentence has 300,000 tokens). Each column is made by a
    builtin over the whole list, not by a Python loop over the tokens."""
    spaced = _SPACED_TOKEN.findall(text, start, end)
    texts = list(map(str.rstrip, spaced))  # ``\s`` and ``str.isspace`` are the same characters
    starts = list(accumulate(map(len, spaced), initial=_SPACES.match(text, start, end).end()))
    ends = map(add, starts, map(len, texts))
    firsts = list(map(itemgetter(0), texts))
    words = list(map(str.isalnum, firsts))
    caps = map(and_, words, map(str.isupper, firsts))
    return list(map(_new_tok, zip(texts, map(str.lower, texts), starts, ends, words, caps)))


def head_noun(toks: list[Tok], i: int) -> Tok:
    """The noun a hyphenated word ends in: "ex-official" -> "official"."""
    t = toks[i]
    if "-" in t.low:
        tail = t.low.rsplit("-", 1)[1]
        return Tok(t.text, tail, t.start, t.end, t.word, t.cap)
    return t


def token_indices(lows: list[str], words: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-case form is one of ``words``."""
    return [i for i, low in enumerate(lows) if low in words]


def token_positions(lows: list[str], word: str) -> list[int]:
    """Indices of the tokens whose lower-case form is ``word`` (``list.index`` scans in C)."""
    out: list[int] = []
    i = -1
    try:
        while True:
            i = lows.index(word, i + 1)
            out.append(i)
    except ValueError:
        return out
