"""What a pair of quote marks holds: speech, a title, a term, words no one said, or displayed text.

Why: only speech needs a speaker. Writers put quote marks around far more than words someone
said: the title of a work ("‘The Deepest, Darkest Secret’"), a term or a scare quote ("the
“sharing economy”"), a thought the writer lends someone ("as if to say “You think you got me?”",
rules "such as “If the database is slow, alert”"), the words on a sign or a label. Flagging those
as unattributed quotations is what makes a checker cry wolf on published writing.

How, from the quotation and the words around it (cheap tests, no parser):

- ``title``: Title Case (most content words capitalised: "In the Loop: Repeat Performance"), or
  a capitalised quotation after "titled", "entitled", "headlined", "called", "named", or one in a
  bibliographic paragraph (an entry with "Retrieved", "Archived", "ISBN", "doi", or a wiki's
  note opened by its back-link "^");
- ``hypothetical``: right after "as if (to say)", "as though", "such as", "for example", "for
  instance", "e.g.", "like", "imagine", "say," — words offered as an example, not as a record;
- ``text``: in a sentence about a sign, label, banner, headline, slogan, poster, caption... ("a
  sign advertised “...”", "“...,” reads one");
- ``mention``: a fragment that opens in lower case ("was seen as “a career with words”") in a
  sentence that attributes nothing (the caller knows that; a fragment in "X said the dam was “not
  safe”" is speech, and so is one after a passive that hides a speaker, "it has been called
  “...”", or after a colon, "closed with a warning: “...”", and a fragment of seven words or
  more);
- ``speech``: everything else.
"""

from __future__ import annotations

import re

from factcheck.claims.model import QuoteKind
from factcheck.text.lazy_regex import regex

_SMALL_WORDS = frozenset("a an the and or nor but of in on at to for from by with as is it its vs via "
                         "de la le el y et du des von van der".split())
_WORD = regex(r"[^\W\d_][\w’'-]*")
_TITLE_SHARE = 0.75
_BEFORE = 40  # characters read before the opening mark for a cue
_AROUND = 160  # characters read on each side of a quotation for a sign, a label, a headline
_TITLE_CUES = regex(r"\b(?:titled|entitled|headlined|named|called|dubbed|tagged)\s*[:,]?\s*$", re.IGNORECASE)
_HYPOTHETICAL_CUES = regex(
    r"(?:\bas if(?: to say| saying)?|\bas though(?: to say)?|\bsuch as|\bfor example|\bfor instance|\be\.g\.|\bi\.e\.|"
    r"\blike|\bimagine|\bsomething like|\blet[’']?s say|\bseemed to say|\bthe equivalent of|\bas in|\bthe thought)"
    r"\s*[:,]?\s*[(]?\s*$", re.IGNORECASE)
_DISPLAY_NOUNS = frozenset("""sign signs signage label labels banner banners headline headlines slogan slogans
poster posters billboard billboards placard placards caption captions tagline taglines motto mottos
notice notices inscription inscriptions sticker stickers t-shirt t-shirts shirt shirts button buttons
menu screen screens message-board plaque plaques advert adverts ad ads advertisement advertisements
logo packaging wrapper box boxes subject-line""".split())
_DISPLAY_VERBS = frozenset("reads read reading displayed displays advertised advertises proclaims proclaimed "
                           "declares announces announced".split())
# What every display word holds (the words holding no other: "sign" for "signs", "signage"), for
# ``may_display``. Substrings, not words: ``_displayed`` reads a window whose edges may cut a word.
_DISPLAY_PARTS = regex("|".join(sorted(
    w for w in _DISPLAY_NOUNS | _DISPLAY_VERBS if not any(o != w and o in w for o in _DISPLAY_NOUNS | _DISPLAY_VERBS))))
_BIBLIOGRAPHIC = regex(r"\b(?:Retrieved|Archived from|ISBN|ISSN|doi:|Accessed|Vol\.|pp\.)", re.IGNORECASE)
# "It has been called “a river that keeps someone else's calendar”": someone's words, in a
# passive that hides whose: speech with its speaker missing, not a mention.
_CHARACTERISED = regex(r"\b(?:been|was|were|is|are|be)\s+(?:\w+ly\s+)?(?:called|described|dubbed|labell?ed|"
                       r"termed|branded|hailed|derided|characteri[sz]ed|decried|praised)(?:\s+as)?\s*[:,]?\s*$",
                       re.IGNORECASE)
# A fragment this long is someone's words, not a term: "“will have a different view of race
# relations in this country”".
_LONG_FRAGMENT = 7
# "requires someone to “stare at a screen”": an infinitive in quote marks is the writer's irony.
_INFINITIVE = regex(r"\bto\s*$", re.IGNORECASE)
_WIKI_NOTE = ("^ ", "↑ ")  # a wiki's note, opened by its back-link
_LOWER_START = regex(r"[\[(…. ]*([^\W\d_])")


def bibliographic(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` reads as bibliographic entries (asked once per block)."""
    return text.startswith(_WIKI_NOTE, start) or _BIBLIOGRAPHIC.search(text, start, end) is not None


def may_display(text: str, start: int, end: int) -> bool:
    """Whether the sentence ``text[start:end]`` holds a word that could make a quotation in it
    displayed text (asked once per sentence: without one, no quotation of it is read for them)."""
    return _DISPLAY_PARTS.search(text[start:end].lower()) is not None


def quote_kind(text: str, q_start: int, q_end: int, sentence: tuple[int, int], in_bibliography: bool,
               attributed: bool, display_words: bool = True) -> QuoteKind:
    """The kind of the quotation ``text[q_start:q_end]`` (marks excluded) in its sentence.

    ``in_bibliography``: its block reads as bibliographic entries (``bibliographic``);
    ``attributed``: an attributing phrase ("X said", "officials said") stands in its sentence;
    ``display_words``: ``may_display`` of the sentence, when the caller knows it.
    Only a bounded window around the quotation is read: a sentence may hold thousands of them.
    """
    quoted = text[q_start:q_end]
    before = text[max(sentence[0], q_start - 1 - _BEFORE):max(sentence[0], q_start - 1)]
    first = _LOWER_START.match(quoted)
    lower = first is not None and first.group(1).islower()
    if _HYPOTHETICAL_CUES.search(before):
        return "hypothetical"
    if not lower and (_title_case(quoted) or _TITLE_CUES.search(before)):
        return "title"
    if not attributed and in_bibliography:
        return "title"
    if display_words and _displayed(text, sentence, q_start, q_end):
        return "text"
    if (lower and not attributed and not _CHARACTERISED.search(before) and not before.rstrip().endswith(":")
            and (len(quoted.split()) < _LONG_FRAGMENT or _INFINITIVE.search(before))):
        return "mention"
    return "speech"


def _title_case(quoted: str) -> bool:
    """Most content words capitalised, and at least two of them: "The Bulldogs That Bulldogs Fight"."""
    words = [w for w in _WORD.findall(quoted) if w.lower() not in _SMALL_WORDS]
    if len(words) < 2:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= _TITLE_SHARE * len(words) and capitalised >= 2


def _displayed(text: str, sentence: tuple[int, int], q_start: int, q_end: int) -> bool:
    """A sentence about a sign, a label, a headline... holding the quotation."""
    lo, hi = max(sentence[0], q_start - 1 - _AROUND), min(sentence[1], q_end + 1 + _AROUND)
    outside = text[lo:max(lo, q_start - 1)] + " " + text[min(q_end + 1, hi):hi]
    words = {w.lower() for w in _WORD.findall(outside)}
    return not words.isdisjoint(_DISPLAY_NOUNS) or (
        not words.isdisjoint(_DISPLAY_VERBS) and not words.isdisjoint({"one", "it", "another", "which"}))
