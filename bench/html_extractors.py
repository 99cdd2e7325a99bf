"""Article extraction: our HTML loader against trafilatura, jusText and readability-lxml.

    .venv/bin/python bench/html_extractors.py [--pages DIR --expected DIR] [--runs 3]

For each page of a folder of web pages with, beside it, the article alone (``--expected``, an
HTML file of the same name), prints token precision / recall / F1 of each extractor's text
against the article's text (multisets of lower-cased word tokens), and the median time per
page. Extractors that are not installed are skipped, saying so. The default folders are the
development set ``../shared/realdocs/news``.

This is the measurement behind the choice of an article classifier in
``factcheck.documents.html_article`` (README, dependency table).
"""

from __future__ import annotations

import argparse
import collections
import html.parser
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_seconds  # noqa: E402

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


class _TextOnly(html.parser.HTMLParser):
    """Every text node outside script and style."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(markup: str) -> str:
    parser = _TextOnly()
    parser.feed(markup)
    return " ".join(parser.parts)


def tokens(text: str) -> collections.Counter[str]:
    return collections.Counter(word.lower() for word in WORD.findall(text))


def ours(markup: str, path: Path) -> str:
    from factcheck.documents.html import load_html

    return load_html(path, markup.encode("utf-8")).text


def ours_whole(markup: str, path: Path) -> str:
    """Our walk without the article classifier (every block of the content root)."""
    from factcheck.documents import html as loader

    return loader.load_html(path, markup.encode("utf-8"), article=False).text


def trafilatura_text(markup: str, path: Path) -> str:
    import trafilatura

    return trafilatura.extract(markup, include_comments=False, include_tables=True, favor_recall=True) or ""


def trafilatura_precision(markup: str, path: Path) -> str:
    import trafilatura

    return trafilatura.extract(markup, include_comments=False, include_tables=True) or ""


def justext_text(markup: str, path: Path) -> str:
    import justext

    paragraphs = justext.justext(markup.encode("utf-8"), justext.get_stoplist("English"))
    return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def readability_text(markup: str, path: Path) -> str:
    from readability import Document

    return page_text(Document(markup).summary(html_partial=True))


EXTRACTORS: dict[str, tuple[str, Callable[[str, Path], str]]] = {
    "factcheck": ("factcheck", ours),
    "factcheck-walk-only": ("factcheck", ours_whole),
    "trafilatura": ("trafilatura", trafilatura_text),
    "trafilatura-precision": ("trafilatura", trafilatura_precision),
    "justext": ("justext", justext_text),
    "readability-lxml": ("readability", readability_text),
}


def available(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def score(got: collections.Counter[str], expected: collections.Counter[str]) -> tuple[float, float, float]:
    inter = sum((got & expected).values())
    p = inter / max(1, sum(got.values()))
    r = inter / max(1, sum(expected.values()))
    return p, r, 2 * p * r / max(1e-9, p + r)


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    news = here.parent / "shared" / "realdocs" / "news"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=news / "pages")
    ap.add_argument("--expected", type=Path, default=news / "articles")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", nargs="*", help="extractor names")
    args = ap.parse_args()
    names = [n for n in EXTRACTORS if not args.only or n in args.only]
    missing = [n for n in names if not available(EXTRACTORS[n][0])]
    for name in missing:
        print(f"(skipped {name}: {EXTRACTORS[name][0]} is not installed)")
    names = [n for n in names if n not in missing]
    pages = sorted(args.pages.glob("*.html"))
    totals = {n: collections.Counter() for n in names}
    seconds = {n: 0.0 for n in names}
    worst = {n: (2.0, "") for n in names}
    print(f"{'page':24} " + " ".join(f"{n[:18]:>18}" for n in names))
    for page in pages:
        markup = page.read_text(encoding="utf-8", errors="replace")
        expected = tokens(page_text((args.expected / page.name).read_text(encoding="utf-8", errors="replace")))
        cells = []
        for name in names:
            extract = EXTRACTORS[name][1]
            try:
                text = extract(markup, page)
            except Exception as error:  # a library failing on a page is a result, not a crash
                text = ""
                print(f"  {name} failed on {page.name}: {type(error).__name__}: {error}"[:160])
            seconds[name] += median_seconds(lambda: extract(markup, page), args.runs) if text else 0.0
            got = tokens(text)
            inter = sum((got & expected).values())
            totals[name].update(inter=inter, got=sum(got.values()), expected=sum(expected.values()))
            p, r, f = score(got, expected)
            if f < worst[name][0]:
                worst[name] = (f, page.stem)
            cells.append(f"{p:.2f}/{r:.2f}/{f:.2f}")
        print(f"{page.stem:24} " + " ".join(f"{c:>18}" for c in cells))
    print("\nper extractor (micro-averaged P/R/F1 over the pages; F1 of the worst page; median ms per page)")
    for name in names:
        t = totals[name]
        p = t["inter"] / max(1, t["got"])
        r = t["inter"] / max(1, t["expected"])
        f = 2 * p * r / max(1e-9, p + r)
        print(f"  {name:22} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  worst {worst[name][0]:.2f} ({worst[name][1]})"
              f"  {1000 * seconds[name] / max(1, len(pages)):7.1f} ms/page")


if __name__ == "__main__":
    main()
