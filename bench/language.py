"""Language detection: our function-word detector against py3langid, on texts of our own.

``factcheck.text.language`` counts each language's function words; py3langid (langid.py's
maintained fork, a naive Bayes model over byte n-grams shipped with the package) is the
dependency the issue names as the alternative. Both are run here on the same texts, written for
this bench (two paragraphs in each of 14 languages, about invented towns), at three lengths:
the paragraphs joined (a short document), one paragraph, one sentence. Printed: accuracy per
length, the English/not-English decision (what the rules need) on the documents, the median
time per call, and the import time of each.

    .venv/bin/python bench/language.py            # py3langid is measured when installed

py3langid is not a dependency of factcheck: ``pip install py3langid`` to include it.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.text.language import detect_language  # noqa: E402

TEXTS = {
    "en": ["The council of Varenby voted on Tuesday to close the old ferry landing after the spring floods. "
           "Residents who depend on the crossing said they had not been consulted. The mayor promised a new "
           "bridge within three years, but the budget for it has not been approved.",
           "Farmers in the valley have planted less wheat this year because the rains came late. Prices at the "
           "market in Orlinsk rose by a fifth in a month. The cooperative says it will share its seed with "
           "anyone who lost a harvest."],
    "es": ["El ayuntamiento de Varenby votó el martes cerrar el viejo embarcadero después de las inundaciones de "
           "primavera. Los vecinos que dependen del cruce dijeron que no habían sido consultados. El alcalde "
           "prometió un puente nuevo en tres años, pero el presupuesto todavía no se ha aprobado.",
           "Los agricultores del valle han sembrado menos trigo este año porque las lluvias llegaron tarde. Los "
           "precios en el mercado de Orlinsk subieron una quinta parte en un mes. La cooperativa dice que "
           "compartirá sus semillas con quien haya perdido la cosecha."],
    "pt": ["A câmara de Varenby votou na terça-feira pelo fecho do velho cais depois das cheias da primavera. Os "
           "moradores que dependem da travessia disseram que não foram consultados. O presidente da câmara "
           "prometeu uma ponte nova dentro de três anos, mas o orçamento ainda não foi aprovado.",
           "Os agricultores do vale semearam menos trigo este ano porque as chuvas chegaram tarde. Os preços no "
           "mercado de Orlinsk subiram um quinto num mês. A cooperativa diz que vai partilhar as sementes com "
           "quem perdeu a colheita."],
    "fr": ["Le conseil de Varenby a voté mardi la fermeture du vieux débarcadère après les crues du printemps. "
           "Les habitants qui dépendent de la traversée disent qu'ils n'ont pas été consultés. Le maire a promis "
           "un nouveau pont dans les trois ans, mais le budget n'a pas encore été approuvé.",
           "Les agriculteurs de la vallée ont semé moins de blé cette année parce que les pluies sont arrivées "
           "tard. Les prix au marché d'Orlinsk ont augmenté d'un cinquième en un mois. La coopérative dit qu'elle "
           "partagera ses semences avec tous ceux qui ont perdu une récolte."],
    "de": ["Der Gemeinderat von Varenby hat am Dienstag beschlossen, die alte Fähranlegestelle nach dem "
           "Frühjahrshochwasser zu schließen. Anwohner, die auf die Fähre angewiesen sind, sagten, sie seien nicht "
           "gefragt worden. Der Bürgermeister versprach eine neue Brücke in drei Jahren, aber das Geld dafür ist "
           "noch nicht bewilligt.",
           "Die Bauern im Tal haben in diesem Jahr weniger Weizen gesät, weil der Regen spät kam. Die Preise auf "
           "dem Markt in Orlinsk stiegen in einem Monat um ein Fünftel. Die Genossenschaft will ihr Saatgut mit "
           "allen teilen, die eine Ernte verloren haben."],
    "it": ["Il consiglio di Varenby ha votato martedì la chiusura del vecchio approdo dei traghetti dopo le "
           "alluvioni di primavera. Gli abitanti che dipendono dalla traversata hanno detto di non essere stati "
           "consultati. Il sindaco ha promesso un nuovo ponte entro tre anni, ma il bilancio non è ancora stato "
           "approvato.",
           "Gli agricoltori della valle hanno seminato meno grano quest'anno perché le piogge sono arrivate tardi. "
           "I prezzi al mercato di Orlinsk sono saliti di un quinto in un mese. La cooperativa dice che "
           "condividerà i suoi semi con chi ha perso il raccolto."],
    "nl": ["De gemeenteraad van Varenby heeft dinsdag besloten de oude veersteiger te sluiten na de "
           "overstromingen van het voorjaar. Bewoners die van de overtocht afhankelijk zijn, zeggen dat ze niet "
           "zijn geraadpleegd. De burgemeester beloofde binnen drie jaar een nieuwe brug, maar het geld is nog "
           "niet goedgekeurd.",
           "De boeren in het dal hebben dit jaar minder tarwe gezaaid omdat de regen laat kwam. De prijzen op de "
           "markt in Orlinsk stegen in een maand met een vijfde. De coöperatie zegt dat ze haar zaad deelt met "
           "iedereen die een oogst heeft verloren."],
    "sv": ["Kommunfullmäktige i Varenby röstade på tisdagen för att stänga den gamla färjeläget efter "
           "vårens översvämningar. Invånare som är beroende av överfarten säger att de inte har tillfrågats. "
           "Borgmästaren lovade en ny bro inom tre år, men pengarna har ännu inte beviljats.",
           "Bönderna i dalen har sått mindre vete i år eftersom regnet kom sent. Priserna på marknaden i "
           "Orlinsk steg med en femtedel på en månad. Kooperativet säger att det ska dela sitt utsäde med alla "
           "som har förlorat en skörd."],
    "pl": ["Rada miasta Varenby zagłosowała we wtorek za zamknięciem starej przystani promowej po wiosennych "
           "powodziach. Mieszkańcy, którzy korzystają z przeprawy, mówią, że nikt ich nie pytał o zdanie. "
           "Burmistrz obiecał nowy most w ciągu trzech lat, ale budżet nie został jeszcze zatwierdzony.",
           "Rolnicy w dolinie zasiali w tym roku mniej pszenicy, bo deszcze przyszły późno. Ceny na targu w "
           "Orlinsku wzrosły w ciągu miesiąca o jedną piątą. Spółdzielnia mówi, że podzieli się ziarnem z "
           "każdym, kto stracił plony."],
    "tr": ["Varenby belediye meclisi salı günü bahar sellerinden sonra eski feribot iskelesinin kapatılması "
           "için oy kullandı. Geçişe bağımlı olan sakinler kendilerine danışılmadığını söyledi. Belediye başkanı "
           "üç yıl içinde yeni bir köprü sözü verdi, ancak bütçe henüz onaylanmadı.",
           "Vadideki çiftçiler bu yıl yağmurlar geç geldiği için daha az buğday ektiler. Orlinsk pazarındaki "
           "fiyatlar bir ayda beşte bir oranında arttı. Kooperatif, hasadını kaybeden herkesle tohumlarını "
           "paylaşacağını söylüyor."],
    "id": ["Dewan kota Varenby pada hari Selasa memutuskan untuk menutup dermaga feri yang lama setelah banjir "
           "musim semi. Warga yang bergantung pada penyeberangan itu mengatakan bahwa mereka tidak diajak bicara. "
           "Wali kota menjanjikan jembatan baru dalam tiga tahun, tetapi anggarannya belum disetujui.",
           "Para petani di lembah itu menanam lebih sedikit gandum tahun ini karena hujan datang terlambat. Harga "
           "di pasar Orlinsk naik seperlima dalam sebulan. Koperasi mengatakan akan berbagi benih dengan siapa "
           "saja yang kehilangan panen."],
    "ru": ["Городской совет Варенби во вторник проголосовал за закрытие старой паромной пристани после "
           "весеннего наводнения. Жители, которые зависят от переправы, говорят, что с ними не советовались. "
           "Мэр пообещал новый мост в течение трёх лет, но бюджет ещё не утверждён.",
           "Фермеры в долине посеяли в этом году меньше пшеницы, потому что дожди пришли поздно. Цены на рынке "
           "в Орлинске выросли за месяц на пятую часть. Кооператив обещает поделиться семенами со всеми, кто "
           "потерял урожай."],
    "ar": ["صوّت مجلس مدينة فارنبي يوم الثلاثاء على إغلاق مرسى العبّارة القديم بعد فيضانات الربيع. وقال السكان "
           "الذين يعتمدون على العبور إنهم لم يُستشاروا. ووعد رئيس البلدية بجسر جديد خلال ثلاث سنوات، لكن "
           "الميزانية لم تُعتمد بعد.",
           "زرع المزارعون في الوادي قمحاً أقل هذا العام لأن الأمطار تأخرت. وارتفعت الأسعار في سوق أورلينسك "
           "بمقدار الخُمس خلال شهر. وتقول التعاونية إنها ستتقاسم بذورها مع كل من فقد محصوله."],
    "ja": ["ヴァレンビー市議会は火曜日、春の洪水の後で古いフェリー乗り場を閉鎖することを決めた。渡し船を頼りにし"
           "ている住民は、相談がなかったと話している。市長は三年以内に新しい橋を約束したが、予算はまだ承認されていない。",
           "谷の農家は雨が遅れたため、今年は小麦の作付けを減らした。オルリンスクの市場の価格は一か月で五分の一上が"
           "った。協同組合は、収穫を失った人と種を分け合うと言っている。"],
}

_SENTENCE = re.compile(r"(?<=[.!?。])\s*")


def samples() -> dict[str, list[tuple[str, str]]]:
    """(language, text) at three lengths."""
    out: dict[str, list[tuple[str, str]]] = {"document": [], "paragraph": [], "sentence": []}
    for lang, paragraphs in TEXTS.items():
        out["document"].append((lang, "\n\n".join(paragraphs)))
        out["paragraph"].extend((lang, p) for p in paragraphs)
        out["sentence"].extend((lang, s) for p in paragraphs for s in _SENTENCE.split(p) if len(s) > 20)
    return out


def ours(text: str) -> str | None:
    return detect_language(text).code


def median_time(fn, texts: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for t in texts:
            fn(t)
        times.append((time.perf_counter() - start) / len(texts))
    return statistics.median(times)


def import_time(module: str) -> float:
    code = f"import time; s = time.perf_counter(); import {module}; print(time.perf_counter() - s)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout or "nan")
            for _ in range(3)]
    return statistics.median(runs)


def main() -> int:
    detectors = {"factcheck (function words)": ours}
    try:
        import py3langid

        detectors["py3langid"] = lambda text: py3langid.classify(text)[0]
    except ImportError:
        print("py3langid not installed: measuring factcheck's detector only (pip install py3langid)\n")
    sets = samples()
    print(f"{'detector':28} " + " ".join(f"{k + ' acc':>14}" for k in sets) + f" {'en/not-en':>10} {'ms/doc':>8}")
    for name, detect in detectors.items():
        cells = []
        for items in sets.values():
            right = sum(1 for lang, text in items if detect(text) == lang)
            cells.append(f"{right}/{len(items)} {right / len(items):.2f}")
        docs = sets["document"]
        english_right = sum(1 for lang, text in docs if (detect(text) in ("en", None)) == (lang == "en"))
        ms = 1000 * median_time(detect, [t for _, t in docs])
        print(f"{name:28} " + " ".join(f"{c:>14}" for c in cells) + f" {english_right}/{len(docs):>7} {ms:8.3f}")
    wrong = [(lang, detect_language(text).code, text[:50]) for kind in ("paragraph", "sentence")
             for lang, text in sets[kind] if ours(text) != lang]
    if wrong:
        print("\nfactcheck's misses (expected, got, text):")
        for lang, got, text in wrong:
            print(f"  {lang} -> {got}: {text!r}")
    print("\nimport time (median of 3, fresh process):")
    print(f"  factcheck.text.language {import_time('factcheck.text.language') * 1000:7.1f} ms")
    if "py3langid" in detectors:
        print(f"  py3langid               {import_time('py3langid') * 1000:7.1f} ms "
              "(the model loads on the first classify; numpy is a dependency)")
        first = subprocess.run([sys.executable, "-c", "import time, py3langid; s = time.perf_counter(); "
                                "py3langid.classify('a b c'); print(time.perf_counter() - s)"],
                               capture_output=True, text=True).stdout
        print(f"  py3langid first call    {float(first or 'nan') * 1000:7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
