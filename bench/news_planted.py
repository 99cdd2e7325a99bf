"""Planted defects in copies of published web pages: is each one found?

Three defects of news writing, each planted alone in its own copy of a page (a temporary
folder, deleted afterwards; nothing is written into the project):

- ``speaker``: a quotation's speaker clause removed ("“...,” Ana Lee said." -> "“....”"). Only
  where a reader could not recover the speaker either: the quotation's paragraph names no other
  speaker, and, when the quotation opens its paragraph, the paragraph before names none and
  speaks of no one quoted earlier (otherwise a journalist reads the quotation as that
  speaker's continued words, and so does CLM002);
- ``officials``: a named source replaced by an unnamed one ("Ana Lee said" -> "officials said");
- ``headline``: a number of the body changed against the same number in the headline. Where the
  headline states no number of the body, the headline (in the page's ``<title>``, its meta tags
  and its heading) is rewritten to the words around the first figure of the prose (a count or
  an amount, not a version number or code: a headline written from the lede), and that figure
  is changed in the body; where no headline is found in the page's text, the page is left out.

The planted text is found in the HTML source as the page serves it (with its entities); a
candidate whose text cannot be found there verbatim is skipped for the next one.

    .venv/bin/python bench/news_planted.py --docs ../shared/realdocs/news/pages

Prints one row per page (found: yes / NO / - when nothing could be planted) and the share
found per defect, plus the new warnings and errors each copy gained besides the planted one.
"""

from __future__ import annotations

import argparse
import html
from collections import Counter
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.config import Settings  # noqa: E402
from factcheck.documents import load_document  # noqa: E402
from factcheck.documents.html import decode_html  # noqa: E402
from factcheck.pipeline import audit_document  # noqa: E402
from factcheck.results import DocumentResult, Finding  # noqa: E402

DEFECTS = ("speaker", "officials", "headline")
_SAID = re.compile(r"^(?:(?P<before>.+?)\s+(?P<verb>said|says)|(?P<verb2>said|says)\s+(?P<after>.+))$")
_DIGITS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d,]*\d)")


def audit(path: Path) -> DocumentResult:
    return audit_document(load_document(path), Settings())


def forms(s: str) -> Iterator[str]:
    """The ways a text may be written in HTML source: as is, escaped, with quote entities."""
    seen = set()
    escaped = html.escape(s, quote=False)
    for form in (s, escaped, escaped.replace("’", "&#8217;").replace("“", "&#8220;").replace("”", "&#8221;"),
                 escaped.replace("’", "&rsquo;").replace("“", "&ldquo;").replace("”", "&rdquo;"),
                 s.replace("\u00a0", "&nbsp;")):
        if form not in seen:
            seen.add(form)
            yield form


def replace_once(source: str, old: str, new: str) -> str | None:
    """``source`` with ``old`` (in any HTML form) replaced, else None. A page that holds the
    article twice (a print or no-script copy) gets the change in both."""
    for form_old, form_new in zip(forms(old), forms(new)):
        if 1 <= source.count(form_old) <= 2:
            return source.replace(form_old, form_new)
    return None


# -- the defects -----------------------------------------------------------------------------

def _named_in(result: DocumentResult, block: int, but: str | None = None) -> bool:
    ex = result.extraction
    for claim in ex.claims:
        if claim.block != block:
            continue
        if any(q.speaker and q.attribution != but for q in claim.quotes):
            return True
        cited = {c.id: c for c in ex.attributions}
        if any(cid in cited and not cited[cid].vague and cid != but for cid in claim.citation_ids):
            return True
    return False


def speaker_removed(result: DocumentResult, source: str) -> Iterator[tuple[str, str]]:
    """Copies with one quotation's speaker clause removed, and the quotation (each planter yields
    the copy's HTML and the text of the planted place, to find it in the copy)."""
    ex, text = result.extraction, result.document.text
    by_id = {c.id: c for c in ex.attributions}
    body = [b.index for b in ex.blocks if b.kind == "body"]
    quoted_names: set[str] = set()
    for claim in ex.claims:
        for q in claim.quotes:
            a = by_id.get(q.attribution or "")
            if q.kind == "speech" and q.speaker and a is not None and not a.vague and a.start > q.end:
                gap = text[q.end:a.start]
                tail = text[a.end:a.end + 1]
                if gap.strip() in (",”", ",\"", ", ”", "”,", "\",") and tail == ".":
                    position = body.index(claim.block) if claim.block in body else 0
                    before = body[position - 1] if position > 0 else None
                    block = next(b for b in ex.blocks if b.index == claim.block)
                    opens = not text[block.start:q.start - 1].strip()
                    # A quotation that opens its paragraph continues the paragraph before when
                    # that one names a speaker or someone quoted earlier; one inside a paragraph
                    # continues an earlier speaker of the paragraph.
                    orphan = not _named_in(result, claim.block, but=a.id) and (
                        not opens or before is None or (not _named_in(result, before) and not any(
                            re.search(rf"\b{re.escape(n)}\b", text[b.start:b.end])
                            for b in ex.blocks if b.index == before for n in quoted_names)))
                    if orphan:
                        close = gap.strip().replace(",", "")
                        anchor = max(q.start, q.end - 30)
                        planted = replace_once(source, text[anchor:a.end + 1], text[anchor:q.end] + "." + close)
                        if planted is not None:
                            yield planted, text[q.start:q.end]
            if q.speaker:
                quoted_names.add(q.speaker.split()[-1])


def named_to_officials(result: DocumentResult, source: str) -> Iterator[tuple[str, str]]:
    """Copies with one named "X said" / "said X" turned into "officials said"."""
    text = result.document.text
    for a in result.extraction.attributions:
        if a.vague or not a.source:
            continue
        m = _SAID.match(a.text)
        if m is None or not any(w[:1].isupper() for w in a.source.split()):
            continue
        new = "officials " + m.group("verb") if m.group("before") else m.group("verb2") + " officials"
        if text[a.start:a.start + 1].isupper() and m.group("before"):
            new = new.capitalize()
        planted = replace_once(source, a.text, new)
        if planted is not None:
            yield planted, new + text[a.end:a.end + 30]


def _changed(number: str) -> str:
    value = float(number.replace(",", ""))
    new = value + max(1, round(value * 0.4)) if value == int(value) else round(value * 1.4, 1)
    return f"{int(new):,}" if value == int(value) and "," in number else (
        str(int(new)) if value == int(value) else str(new))


_CODE = re.compile(r"[{}();=<>/\\]|\bversion\b|\bv?\d+\.\d+\.\d+")
_HEADLINE_WORDS = 14
_BOUND = re.compile(r"(?:more than|fewer than|less than|over|under|at least|nearly|almost|about|around|up to|some)\s*\$?$",
                    re.IGNORECASE)


def headline_number_changed(result: DocumentResult, source: str) -> Iterator[tuple[str, str]]:
    """Copies with a body number changed against the headline (written from the lede if need be)."""
    ex, text = result.extraction, result.document.text
    head = ex.headline
    if head is None:
        return
    head_numbers = {m.group() for m in _DIGITS.finditer(head.text)}
    for claim in ex.claims:
        sentence = text[claim.start:claim.end]
        if claim.kind != "statistic" or _CODE.search(sentence):
            continue  # a figure of prose, not a version number or a line of code
        for n in claim.numbers:
            digits = _DIGITS.search(n.text)
            if digits is None or n.unit is None:
                continue
            number = digits.group()
            at = n.start + digits.start() - claim.start
            if n.approximate or _BOUND.search(sentence[max(0, at - 16):at]):
                continue  # "more than 500" and "more than 700" do not conflict
            if any(q.start <= n.start < q.end for q in claim.quotes):
                continue  # someone's words: the reporter's prose is what a headline restates
            lo, hi = max(0, at - 25), min(len(sentence), at + len(number) + 25)
            anchor = sentence[lo:hi]
            changed = anchor[:at - lo] + _changed(number) + anchor[at - lo + len(number):]
            planted = replace_once(source, anchor, changed)
            if planted is None:
                continue
            if number not in head_numbers:
                words = sentence.rstrip(".").split()
                k = len(sentence[:at].split())
                first = max(0, min(k - 4, len(words) - _HEADLINE_WORDS))
                window = " ".join(words[first:first + _HEADLINE_WORDS]).strip(",;: ")
                rewritten = planted
                for old_title in {head.text, result.document.metadata.title or head.text}:
                    for form in forms(old_title):
                        rewritten = rewritten.replace(form, window)
                if not any(re.search(r"<h[12][^>]*>\s*(?:<[^>]+>\s*)*" + re.escape(form), rewritten)
                           for form in forms(window)):
                    continue  # no heading of the page written as its title is: not rewritable
                planted = rewritten
            yield planted, changed
            return


PLANTERS = {"speaker": speaker_removed, "officials": named_to_officials, "headline": headline_number_changed}
EXPECTED = {"speaker": ("CLM002",), "officials": ("CLM005", "CLM002"), "headline": ("NUM001",)}


def found(defect: str, findings: list[Finding], span: tuple[int, int], text: str) -> Finding | None:
    """A finding of the defect's rule at the planted place (for a quotation: in its paragraph,
    since the quotations of one passage are reported together)."""
    start, end = span
    if defect == "speaker":
        start = text.rfind("\n\n", 0, start) + 1
        end = len(text) if text.find("\n\n", end) == -1 else text.find("\n\n", end)
    for f in findings:
        if f.code not in EXPECTED[defect]:
            continue
        places = [(f.start, f.end)] + [(r.start, r.end) for r in f.related if r.path is None]
        if defect == "speaker":
            places = [(f.start, f.end)]
        if any(a < end + 2 and start - 2 < b for a, b in places):
            return f
    return None


def serious(findings) -> set[tuple[str, str]]:
    return {(f.code, f.excerpt) for f in findings if f.severity.value in ("warning", "error")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", required=True, help="folder of .html pages")
    ap.add_argument("--tries", type=int, default=1, help="copies per page and defect (different candidates)")
    args = ap.parse_args()
    pages = sorted(Path(args.docs).glob("*.html"))
    totals = {d: [0, 0] for d in DEFECTS}
    misses: list[str] = []
    severities = {d: Counter() for d in DEFECTS}
    print(f"{'page':24} " + " ".join(f"{d:>10}" for d in DEFECTS) + "   other new warnings+errors")
    with tempfile.TemporaryDirectory() as tmp:
        for page in pages:
            original = audit(page)
            source, _ = decode_html(page.read_bytes())
            before = serious(original.findings)
            cells, extra = [], []
            for defect in DEFECTS:
                results = []
                for k, (planted, marker) in enumerate(PLANTERS[defect](original, source)):
                    if k >= args.tries:
                        break
                    copy = Path(tmp) / f"{page.stem}-{defect}-{k}.html"
                    copy.write_text(planted, encoding="utf-8")
                    result = audit(copy)
                    where = result.document.text.find(marker)
                    if where == -1:
                        results.append(False)
                        misses.append(f"  {page.stem} {defect}: planted text not in the copy's text: {marker[:60]!r}")
                        continue
                    span = (where, where + len(marker))
                    hit = found(defect, list(result.findings), span, result.document.text)
                    results.append(hit is not None)
                    if hit is not None:
                        severities[defect][hit.severity.value] += 1
                    if hit is None:
                        t = result.document.text
                        misses.append(f"  {page.stem} {defect}: …{t[max(0, span[0] - 80):span[1] + 40]!r}…")
                    new = serious(result.findings) - before
                    extra.append(len([n for n in new if n[0] not in EXPECTED[defect]]))
                totals[defect][0] += sum(results)
                totals[defect][1] += len(results)
                cells.append("-" if not results else ("yes" if all(results) else f"{sum(results)}/{len(results)}"
                                                       if len(results) > 1 else "NO"))
            print(f"{page.stem:24} " + " ".join(f"{c:>10}" for c in cells) + f"   {sum(extra)}")
    if misses:
        print("\nnot found (the planted place in the copy's text):")
        print("\n".join(misses))
    print()
    for defect in DEFECTS:
        hit, n = totals[defect]
        share = f"{hit / n:.2f}" if n else "n/a"
        by_severity = ", ".join(f"{k} {v}" for k, v in sorted(severities[defect].items()))
        print(f"{defect:10} planted in {n:3} copies, found in {hit:3}: {share}  ({by_severity})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
