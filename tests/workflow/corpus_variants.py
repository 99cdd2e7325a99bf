"""Many small documents made from the demo sources: the same defects, small edits per copy."""

from __future__ import annotations

import shutil
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[2] / "sources"
TEXT_SOURCES = ("river-basin-paper.md", "port-expansion-report.txt", "grid-outage-news.html")
BINARY_SOURCES = ("dam-safety-memo.docx", "water-tariffs-brief.pdf")


def _vary(text: str, number: int, suffix: str) -> str:
    """A small copy: a line of its own, text files cut to a dozen paragraphs plus their end
    (references, notes), and in every other copy of a source a date changed."""
    note = f"This copy is number {number}."
    if suffix == ".html":
        text = text.replace("</h1>", f"</h1>\n<p>{note}</p>", 1)
    else:
        paragraphs = text.split("\n\n")
        keep = 12 + number % 4
        if len(paragraphs) > keep + 8:
            paragraphs = paragraphs[:keep] + paragraphs[-8:]
        text = "\n\n".join([paragraphs[0], note, *paragraphs[1:]])
    if number // 3 % 2:  # a date stated differently in other copies: DATE001 between documents
        text = text.replace("between 1987 and 2009", "between 1987 and 2011")
    return text


def make_corpus(folder: Path, count: int = 50, binary_every: int = 25) -> list[Path]:
    """``count`` documents in ``folder``; one in ``binary_every`` is a copy of a PDF or docx source."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        if binary_every and number % binary_every == binary_every - 1:
            source = SOURCES / BINARY_SOURCES[(number // binary_every) % len(BINARY_SOURCES)]
            target = folder / f"doc-{number:03d}{source.suffix}"
            shutil.copyfile(source, target)
        else:
            source = SOURCES / TEXT_SOURCES[number % len(TEXT_SOURCES)]
            target = folder / f"doc-{number:03d}{source.suffix}"
            target.write_text(_vary(source.read_text(encoding="utf-8"), number, source.suffix), encoding="utf-8")
        paths.append(target)
    return paths
