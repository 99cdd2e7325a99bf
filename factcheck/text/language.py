"""The language a document is written in, from the share of each language's function words.

Why our own detector and not a model: the rules only need to know whether a text is English (the
attribution, check-worthiness and spelling rules read English words) and to name the language
of the others in one line. Function words ("the", "of", "que", "der") are a fifth to a half of
every running text and almost never shared across languages in the same proportions, so
counting them over a few thousand words is as sure as a statistical model on documents, with no
dependency, no model to load and no start-up cost. ``bench/language.py`` measures it against
py3langid (langid.py's maintained fork) on texts of our own in 14 languages.

How: the words of a sample of the text (up to ``_SAMPLE_WORDS``, taken evenly over it) are
looked up in a small function-word list per Latin-script language; the language with the most
hits wins when they make up at least ``_MIN_SHARE`` of the words and it leads the runner-up
clearly (a word shared by several languages counts for each as a fraction). Texts mostly in another script
(Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, Han, kana, Hangul) are named by the script.
Fewer than ``_MIN_WORDS`` words, or no clear winner: ``None`` (undetermined; callers treat it as
English, which is what the rules did before they knew of languages).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from factcheck.text.lazy_regex import regex

_WORD = regex(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_BEYOND_LATIN = regex(r"[^\u0000-\u036f]")
_LETTER = regex(r"[^\W\d_]")
_SAMPLE_WORDS = 4000
_SAMPLE_CHARS = 200_000
_SLICES = 20
_MIN_WORDS = 8
_MIN_SHARE = 0.12  # of the sample's words that are function words of the winning language
_MIN_LEAD = 1.5  # the winner's hits over the runner-up's

# The most frequent function words of each language: articles, pronouns, prepositions,
# conjunctions, auxiliaries. A word may be in two lists ("de", "la"); the counts over a text
# still separate the languages because each has many words of its own.
_FUNCTION_WORDS: dict[str, str] = {
    "en": """the of and to in is that for it was on with as be by at this are from his but not have
        an they which or had her were their has been its would who will there we more when said
        she what about than them can into only other some could these after also our then our
        over such because those should where while you your him how why""",
    "es": """el la los las de del que y en un una es por con para se no su sus al lo como más pero
        sus le ya o este esta fue ha son entre cuando muy sin sobre también me hasta hay donde
        quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos esto mí
        antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos""",
    "pt": """o a os as de do da dos das que e em um uma é por com para se não no na nos nas ao
        mais mas foi como seu sua ou ser quando muito há já está também só pelo pela até isso ela
        entre era depois sem mesmo aos ter seus quem nas me esse eles estão você tinha foram essa
        num nem suas meu às minha têm numa pelos elas havia seja qual será nós tenho lhe deles""",
    "fr": """le la les de des du un une et en est que qui dans pour pas sur au aux par plus ne se
        ce il elle sont avec son sa ses mais ou comme été leur nous vous ils elles cette été
        était tout aussi bien sans peut entre deux même où dont fait lui ces très après avant
        sous depuis encore être avoir ont fut""",
    "de": """der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als auch
        es an er hat aus bei sie nach wird einer um am sind noch wie einem über einen so zum war
        haben nur oder aber vor zur bis mehr durch man sein wurde sei ihr ihre wenn werden kann
        dass schon unter wir diese dieser gegen""",
    "it": """il lo la i gli le di del della dei delle che e è un una per in con non si da al alla
        sono come più ma anche ha nel nella questo questa ci se suo sua loro essere stato tra
        fra dopo dove quando molto solo già ancora perché hanno cui degli agli sulla sul""",
    "nl": """de het een en van in is dat op te zijn met voor niet aan er die als ook door maar
        om bij nog wordt uit of naar dan wel werd hij zij ze hun haar kan deze dit worden tot
        over al meer geen veel was waren heeft hebben zou moet""",
    "sv": """och i att det som en på är av för med till den har de inte om ett han var jag men
        sig från vi så kan man när år hade skulle detta eller också vara efter alla andra mot
        utan hon nu bara där sin mycket""",
    "da": """og i at det som en på er af for med til den har de ikke om et han var jeg men sig
        fra vi så kan man når år havde skulle dette eller også være efter alle andre mod uden
        hun nu kun der sin meget blev""",
    "fi": """ja on ei se että hän oli ovat mutta kun niin myös joka jos sen tai ole kuin mitä
        tämä ne hänen olla vain jo nyt sitten koska voi kaikki minä me he mikä siitä sekä""",
    "pl": """i w na z się nie do że to jest o jak po co tak ale od za przez dla jego ich tym być
        czy był była było są który która które tylko jednak oraz może już przy pod także też
        gdy bardzo""",
    "cs": """a v se na je že to s z do o k i jako ale by jsou byl byla bylo podle pro který
        která které také jeho jejich není při jak už ještě tak od po za nebo""",
    "tr": """ve bir bu da de için ile olarak çok daha ne gibi olan en ama ancak sonra kadar her
        şey ben sen o biz siz onlar var yok mi mı değil ise veya hem göre üzere""",
    "id": """yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga adalah ada
        oleh karena sebagai bisa mereka kami kita saya atau sudah telah lebih harus hanya""",
    "ro": """și în de la cu a pe este că din o un nu se care mai pentru fost sunt ca al ale
        lui prin dar sau după când foarte fi au va acest această""",
    "hu": """a az és hogy nem is egy de van meg ez már csak mint volt el ki be még azt ami
        vagy lesz kell után között szerint pedig""",
}
_LISTS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
# Each function word and the languages it is one of: a word of one language alone ("och",
# "und") says more than one shared by five ("de").
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _LISTS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _lang)

# Scripts that name their language (or its most widespread one), by Unicode block.
_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("ru", 0x0400, 0x04FF), ("el", 0x0370, 0x03FF), ("he", 0x0590, 0x05FF), ("ar", 0x0600, 0x06FF),
    ("hi", 0x0900, 0x097F), ("th", 0x0E00, 0x0E7F), ("ko", 0xAC00, 0xD7AF), ("ja", 0x3040, 0x30FF),
    ("zh", 0x4E00, 0x9FFF),
)
_UKRAINIAN = frozenset("іїєґІЇЄҐ")
_PERSIAN = frozenset("پچژگ")


@dataclass(frozen=True)
class LanguageGuess:
    """The language (ISO 639-1 code, or None when undetermined) and what decided it."""

    code: str | None
    share: float  # of the sampled words that are function words of that language (1.0 for a script)
    words: int  # words sampled

    @property
    def english(self) -> bool:
        """Whether English rules apply: English, or too little text to tell."""
        return self.code in (None, "en")


def detect_language(text: str) -> LanguageGuess:
    """The language of ``text`` (see the module's docstring for how)."""
    if len(text) > _SAMPLE_CHARS:  # a long text: slices spread over it
        step = len(text) // _SLICES
        text = " ".join(text[i * step : i * step + _SAMPLE_CHARS // _SLICES] for i in range(_SLICES))
    script = _script_language(text)
    if script is not None:
        return script
    # An ASCII text lower-cased whole has the same words, each lower-cased (not so elsewhere:
    # "İ" lower-cased is two characters, the second no letter).
    words = _WORD.findall(text.lower()) if text.isascii() else [w.lower() for w in _WORD.findall(text)]
    if len(words) > _SAMPLE_WORDS:
        step = len(words) / _SAMPLE_WORDS
        words = [words[int(i * step)] for i in range(_SAMPLE_WORDS)]
    if len(words) < _MIN_WORDS:
        return LanguageGuess(None, 0.0, len(words))
    counts: Counter[str] = Counter()  # function words of each language
    weights: Counter[str] = Counter()  # the same, each word weighing 1 / the languages it is in
    # One addition per occurrence, in text order: the weights are sums of 1/3, 1/5… whose last
    # bit depends on the order they are added in, and a tie or a lead of exactly 1.5 decides.
    for w in words:
        langs = _LANGUAGES_OF.get(w)
        if langs:
            for lang in langs:
                counts[lang] += 1
                weights[lang] += 1 / len(langs)
    if not weights:
        return LanguageGuess(None, 0.0, len(words))
    (best, weight), *rest = weights.most_common(2) + [("", 0.0)]
    share = counts[best] / len(words)
    if share < _MIN_SHARE or weight < _MIN_LEAD * rest[0][1]:
        return LanguageGuess(None, round(share, 3), len(words))
    return LanguageGuess(best, round(share, 3), len(words))


def _script_language(text: str) -> LanguageGuess | None:
    """A language named by its script, when most letters of a sample are in one non-Latin script."""
    sample = text[:20000]
    by_script: Counter[str] = Counter()
    ukrainian = persian = 0
    # Only the characters past Latin are looked at one by one: most texts have none, or a few
    # quotation marks and dashes.
    for ch in _BEYOND_LATIN.findall(sample):
        if not ch.isalpha():
            continue
        code = ord(ch)
        for name, lo, hi in _SCRIPTS:
            if lo <= code <= hi:
                by_script[name] += 1
                break
        ukrainian += ch in _UKRAINIAN
        persian += ch in _PERSIAN
    if not by_script:
        return None
    letters = sum(1 for ch in _LETTER.findall(sample) if ch.isalpha())  # "²" is a word character
    if letters < _MIN_WORDS:
        return None
    name, count = by_script.most_common(1)[0]
    if count < letters / 2:
        if not (by_script["ja"] and by_script["ja"] + by_script["zh"] >= letters / 2):
            return None
        name, count = "ja", by_script["ja"] + by_script["zh"]
    if name == "zh" and by_script["ja"] >= count / 20:
        name = "ja"  # Japanese writes kana among its Han characters; Chinese none
    if name == "ru" and ukrainian >= count / 100:
        name = "uk"
    if name == "ar" and persian >= count / 100:
        name = "fa"
    return LanguageGuess(name, 1.0, count)


LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German", "it": "Italian",
    "nl": "Dutch", "sv": "Swedish", "da": "Danish", "fi": "Finnish", "pl": "Polish", "cs": "Czech",
    "tr": "Turkish", "id": "Indonesian", "ro": "Romanian", "hu": "Hungarian", "ru": "Russian",
    "uk": "Ukrainian", "el": "Greek", "he": "Hebrew", "ar": "Arabic", "fa": "Persian", "hi": "Hindi",
    "th": "Thai", "ko": "Korean", "ja": "Japanese", "zh": "Chinese",
}


def language_name(code: str | None) -> str:
    return LANGUAGE_NAMES.get(code or "", code or "undetermined")
