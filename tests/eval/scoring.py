"""Score factcheck against ../shared/gold: linking, references, note blocks, findings per rule.

A tool finding matches a gold finding when the rule is the same and its span overlaps one of
the places where the gold anchor occurs in the text.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.config import Settings
from factcheck.documents import load_document
from factcheck.pipeline import audit_document
from factcheck.results import DocumentResult
from factcheck.rules.registry import all_rules
from factcheck.spans import LineIndex

SHARED = Path(__file__).resolve().parents[3] / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"

_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.replace("- ", "", 1) if text.startswith("- ") else text).strip()


# The contract's rule table, so gold findings of rules not built yet still count against recall.
CONTRACT_CODES = {
    "missing-reference": "CIT001", "uncited-reference": "CIT002", "author-mismatch": "CIT003",
    "year-mismatch": "CIT004", "ambiguous-citation": "CIT005", "duplicate-reference": "CIT006",
    "author-list-mismatch": "CIT007", "incomplete-reference": "REF001", "malformed-locator": "REF002",
    "reference-after-publication": "REF003", "missing-note": "FN001", "unreferenced-note": "FN002",
    "unresolved-short-form": "FN003", "note-sequence": "FN004", "date-conflict": "DATE001",
    "invalid-date-range": "DATE002", "document-dates-order": "DATE003", "number-conflict": "NUM001",
    "malformed-number": "NUM002", "unsourced-claim": "CLM001", "unattributed-quote": "CLM002",
    "quote-not-in-source": "CLM003", "claim-source-conflict": "CLM004", "vague-attribution": "CLM005",
    "misspelling": "SPL001",
}


def slug_to_code() -> dict[str, str]:
    return {**CONTRACT_CODES, **{spec.name: spec.code for spec in all_rules()}}


def anchor_spans(text: str, anchor: str) -> list[tuple[int, int]]:
    spans, pos = [], text.find(anchor)
    while pos != -1:
        spans.append((pos, pos + len(anchor)))
        pos = text.find(anchor, pos + 1)
    return spans


@dataclass
class RuleScore:
    gold_must: int = 0
    found_must: int = 0
    tool: int = 0
    tool_matched: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)


@dataclass
class DocumentScore:
    name: str
    result: DocumentResult
    rules: dict[str, RuleScore]
    link_tp: int = 0
    link_pred: int = 0
    link_gold: int = 0
    reference_problems: list[str] = field(default_factory=list)
    note_problems: list[str] = field(default_factory=list)

    @property
    def link_f1(self) -> float:
        if not self.link_gold and not self.link_pred:
            return 1.0
        p = self.link_tp / self.link_pred if self.link_pred else 0.0
        r = self.link_tp / self.link_gold if self.link_gold else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_document(name: str, settings: Settings | None = None) -> DocumentScore:
    gold = json.loads((GOLD / f"{name}.json").read_text(encoding="utf-8"))
    result = audit_document(load_document(CORPUS / f"{name}.txt"), settings or Settings())
    text = result.document.text
    codes = slug_to_code()
    score = DocumentScore(name=name, result=result, rules=defaultdict(RuleScore))
    _score_links(score, gold)
    _score_references(score, gold)
    _score_notes(score, gold, LineIndex(text))
    gold_spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for item in gold["findings"]:
        code = codes.get(item["rule"], item["rule"])
        spans = anchor_spans(text, item["anchor"])
        gold_spans[code].extend(spans)
        if item["must"]:
            rs = score.rules[code]
            rs.gold_must += 1
            if any(f.code == code and f.start < e and s < f.end for f in result.findings for s, e in spans):
                rs.found_must += 1
            else:
                rs.missed.append(item["anchor"])
    for f in result.findings:
        rs = score.rules[f.code]
        rs.tool += 1
        if any(f.start < e and s < f.end for s, e in gold_spans.get(f.code, ())):
            rs.tool_matched += 1
        else:
            rs.false_alarms.append(f.excerpt[:70])
    return score


def _score_links(score: DocumentScore, gold: dict) -> None:
    ex = score.result.extraction
    refs = {r.id: _norm(r.text) for r in ex.references}
    links = {link.citation_id: link for link in ex.links}
    predicted: dict[tuple[str, str], int] = defaultdict(int)
    for c in ex.citations:
        if c.style != "author-year":
            continue
        link = links.get(c.id)
        if link and link.target_id:
            score.link_pred += 1
            predicted[(_norm(c.text), refs.get(link.target_id, ""))] += 1
    for item in gold["citations"]:
        score.link_gold += item["count"]
        prefix = _norm(item["reference"])
        hits = sum(n for (cited, ref), n in predicted.items() if cited == _norm(item["text"]) and ref.startswith(prefix))
        score.link_tp += min(hits, item["count"])


def _score_references(score: DocumentScore, gold: dict) -> None:
    ex = score.result.extraction
    cited = {link.target_id for link in ex.links if link.target_id}
    for item in gold["references"]:
        prefix = _norm(item["prefix"])
        entry = next((r for r in ex.references if _norm(r.text).startswith(prefix)), None)
        if entry is None:
            score.reference_problems.append(f"not found: {prefix}")
        elif (entry.id in cited) != item["cited"]:
            score.reference_problems.append(f"cited={entry.id in cited}, gold says {item['cited']}: {prefix}")
    if len(ex.references) != len(gold["references"]):
        score.reference_problems.append(f"{len(ex.references)} entries found, gold has {len(gold['references'])}")


def _score_notes(score: DocumentScore, gold: dict, lines: LineIndex) -> None:
    ex = score.result.extraction
    if len(ex.note_blocks) != len(gold["notes"]):
        score.note_problems.append(f"{len(ex.note_blocks)} note blocks found, gold has {len(gold['notes'])}")
    for item in gold["notes"]:
        offset = lines.line_start(item["block_first_line"])
        block = next((b for b in ex.note_blocks if b.body_start <= offset < b.body_end), None)
        if block is None:
            score.note_problems.append(f"no block at line {item['block_first_line']}")
            continue
        markers = sorted({c.number for c in ex.citations if c.style == "note" and c.block == block.index})
        numbers = sorted(n.number for n in ex.notes if n.block == block.index)
        if markers != item["markers"] or numbers != item["notes"]:
            score.note_problems.append(f"line {item['block_first_line']}: markers {markers} notes {numbers}, "
                                       f"gold {item['markers']} / {item['notes']}")


def family_totals(scores: list[DocumentScore], prefixes: tuple[str, ...]) -> tuple[int, int, int, int]:
    gold_must = found = tool = matched = 0
    for s in scores:
        for code, rs in s.rules.items():
            if code.startswith(prefixes):
                gold_must += rs.gold_must
                found += rs.found_must
                tool += rs.tool
                matched += rs.tool_matched
    return gold_must, found, tool, matched


def table(scores: list[DocumentScore]) -> str:
    rows = ["", f"{'document':34} {'rule':8} {'must':>4} {'found':>5} {'recall':>6} {'tool':>4} {'match':>5} {'prec':>5}"]
    for s in scores:
        for code in sorted(s.rules):
            rs = s.rules[code]
            recall = f"{rs.found_must / rs.gold_must:.2f}" if rs.gold_must else "-"
            prec = f"{rs.tool_matched / rs.tool:.2f}" if rs.tool else "-"
            rows.append(f"{s.name[:34]:34} {code:8} {rs.gold_must:>4} {rs.found_must:>5} {recall:>6} {rs.tool:>4} "
                        f"{rs.tool_matched:>5} {prec:>5}")
        rows.append(f"{s.name[:34]:34} linking F1 {s.link_f1:.3f} ({s.link_tp}/{s.link_gold} gold, "
                    f"{s.link_pred} linked); reference problems {len(s.reference_problems)}; "
                    f"note-block problems {len(s.note_problems)}")
    for label, prefixes in (("CIT/REF/FN", ("CIT", "REF", "FN")), ("DATE/NUM/CLM/SPL", ("DATE", "NUM", "CLM", "SPL"))):
        g, f, t, m = family_totals(scores, prefixes)
        rows.append(f"{'ALL ' + label:43} {g:>4} {f:>5} {(f / g if g else 1):>6.2f} {t:>4} {m:>5} "
                    f"{(m / t if t else 1):>5.2f}")
    return "\n".join(rows)
