"""Language per document: function-word shares for Latin scripts, the script for the others."""

from __future__ import annotations

import pytest

from factcheck.text.language import detect_language, language_name

ENGLISH = ("The ferry to Varenby stopped running after the spring floods, and the council has not said "
           "when it will return. Residents who cross every day to work in Orlinsk now drive around the lake.")


@pytest.mark.parametrize("text, code", [
    (ENGLISH, "en"),
    ("El transbordador a Varenby dejó de funcionar después de las inundaciones de primavera, y el "
     "ayuntamiento no ha dicho cuándo volverá. Los vecinos que cruzan cada día para trabajar en Orlinsk "
     "ahora rodean el lago en coche.", "es"),
    ("Die Fähre nach Varenby fährt seit dem Hochwasser im Frühjahr nicht mehr, und der Gemeinderat hat "
     "nicht gesagt, wann sie wieder fahren wird. Wer jeden Tag zur Arbeit nach Orlinsk muss, fährt jetzt "
     "um den See herum.", "de"),
    ("Le bac pour Varenby ne circule plus depuis les crues du printemps, et le conseil n'a pas dit quand "
     "il reprendra. Les habitants qui traversent chaque jour pour travailler à Orlinsk font maintenant le "
     "tour du lac en voiture.", "fr"),
    ("Паром в Варенби перестал ходить после весеннего паводка, и совет не сказал, когда он вернётся.", "ru"),
    ("ヴァレンビー行きのフェリーは春の洪水の後で運休しており、再開の時期は発表されていない。", "ja"),
])
def test_language_of_a_paragraph(text: str, code: str) -> None:
    assert detect_language(text).code == code


def test_english_with_a_quotation_in_another_language_stays_english() -> None:
    text = ENGLISH + ' A neighbour put it in her own words: "Vamos a reconstruir el puente antes del invierno."'
    guess = detect_language(text)
    assert guess.code == "en" and guess.english


def test_too_little_text_is_undetermined_and_read_as_english() -> None:
    guess = detect_language("Ferry stops.")
    assert guess.code is None and guess.english
    assert language_name(None) == "undetermined" and language_name("es") == "Spanish"


def test_a_long_text_is_sampled_and_still_read() -> None:
    text = (ENGLISH + "\n\n") * 5000  # about 1.3 MB
    assert detect_language(text).code == "en"
