"""Suppressions, applied after the rules: inline comments and a baseline file of accepted findings.

Inline, in Markdown, HTML and plain text::

    Dredging doubled the port's depth (Okafor, 2019). <!-- factcheck: ignore CIT001 -->

    <!-- factcheck: ignore CLM001, SPL -->
    The dam is the highest in the region.

A comment covers the line it is on or, when it stands alone on its line, the line after it; a
finding is covered when one of its lines is. Codes may be prefixes (``CLM``); a comment with no
code covers every rule. Text and Markdown keep comments in their text, so they are found there;
the HTML loader records them in ``metadata.extra`` as ``("suppress", "CODE@offset")``.

The baseline (``factcheck baseline PATH...`` writes it, ``factcheck audit`` reads it) lists
accepted findings by rule, path and excerpt with whitespace squeezed, with a count: not by
offset or line, so that it keeps matching after edits elsewhere in the document.

A suppression that matches nothing is reported as unused, for the rules that ran on the
document it names; it never changes the exit code.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from factcheck.rules.model import Finding
from factcheck.spans import LineIndex

if TYPE_CHECKING:
    from factcheck.documents.model import Document
    from factcheck.pipeline import AuditResult

BASELINE_VERSION = 1

_COMMENT = re.compile(r"<!--[ \t]*factcheck:[ \t]*ignore\b([^\n]*?)-->", re.IGNORECASE)
_CODE_TOKEN = re.compile(r"[A-Za-z]+[0-9]*")
_SPACES = re.compile(r"\s+")


class BaselineError(Exception):
    """A baseline file that cannot be read; ``str(error)`` is the one-line reason."""


def normalize_excerpt(text: str) -> str:
    """Whitespace squeezed to single spaces and stripped; case kept."""
    return _SPACES.sub(" ", text).strip()


def code_matches(pattern: str, code: str) -> bool:
    """``*`` matches every rule; otherwise a code or a prefix of codes."""
    return pattern == "*" or code.startswith(pattern)


# -- inline comments -------------------------------------------------------------------------

@dataclass(frozen=True)
class InlineSuppression:
    code: str  # a code, a prefix, or "*" for every rule
    line: int  # the line of the text it covers (1-based)
    comment_line: int  # the line the comment is on


def _codes(rest: str) -> list[str]:
    """Codes listed after ``ignore``: tokens up to the first that is not a code (a reason)."""
    codes = []
    for token in re.split(r"[\s,]+", rest.strip()):
        if not token:
            continue
        if not _CODE_TOKEN.fullmatch(token) or not token.isupper():
            break
        codes.append(token)
    return codes or ["*"]


def find_inline(document: Document, lines: LineIndex | None = None) -> tuple[InlineSuppression, ...]:
    """The inline suppressions of a document, in text order."""
    lines = lines or LineIndex(document.text)
    found: list[InlineSuppression] = []
    if document.format in ("txt", "md"):
        text = document.text
        for match in _COMMENT.finditer(text):
            if match.start() and text[match.start() - 1] == "`":
                continue  # quoted as code: `<!-- factcheck: ignore CODE -->` in documentation
            line = lines.line(match.start())
            start = lines.line_start(line)
            end = text.find("\n", start)
            rest = _COMMENT.sub("", text[start: len(text) if end == -1 else end])
            covered = line + 1 if not rest.strip() else line
            found.extend(InlineSuppression(code, covered, line) for code in _codes(match.group(1)))
    elif document.format == "html":
        for key, value in document.metadata.extra:
            if key != "suppress" or "@" not in value:
                continue
            code, _, offset = value.rpartition("@")
            if not offset.isdigit():
                continue
            line = lines.line(min(int(offset), len(document.text)))
            found.append(InlineSuppression(code.upper() if code != "*" else code, line, line))
    return tuple(found)


def apply_inline(findings: Iterable[Finding], suppressions: Sequence[InlineSuppression], lines: LineIndex,
                 used: set[int]) -> tuple[list[Finding], list[Finding]]:
    """(kept, suppressed); the indexes of the suppressions that matched are added to ``used``."""
    kept: list[Finding] = []
    dropped: list[Finding] = []
    if not suppressions:
        return list(findings), dropped
    by_line: dict[int, list[int]] = {}
    for index, suppression in enumerate(suppressions):
        by_line.setdefault(suppression.line, []).append(index)
    for finding in findings:
        first = lines.line(finding.start)
        last = lines.line(max(finding.start, finding.end - 1))
        hits = [i for line in range(first, last + 1) for i in by_line.get(line, ())
                if code_matches(suppressions[i].code, finding.code)]
        if hits:
            used.update(hits)
            dropped.append(finding)
        else:
            kept.append(finding)
    return kept, dropped


# -- unused suppressions ---------------------------------------------------------------------

@dataclass(frozen=True)
class UnusedSuppression:
    kind: Literal["inline", "baseline"]
    path: str
    code: str
    line: int | None = None  # inline: the comment's line
    excerpt: str | None = None  # baseline: the entry's excerpt
    count: int = 1  # baseline: how many of the entry's findings did not occur

    def describe(self) -> str:
        if self.kind == "inline":
            return f"{self.path}:{self.line}: unused suppression {self.code} (inline comment matches no finding)"
        times = f" ×{self.count}" if self.count > 1 else ""
        return f"{self.path}: unused suppression {self.code} “{self.excerpt}”{times} (baseline entry matches no finding)"

    def record(self) -> dict:
        record: dict = {"kind": self.kind, "path": self.path, "code": self.code}
        if self.kind == "inline":
            record["line"] = self.line
        else:
            record.update(excerpt=self.excerpt, count=self.count)
        return record


def unused_inline(path: str, suppressions: Sequence[InlineSuppression], used: Iterable[int],
                  rules: Sequence[str]) -> list[UnusedSuppression]:
    """Inline suppressions that matched nothing, for rules that ran (a suppression for a rule
    turned off by ``--select`` is not known to be unused)."""
    used = set(used)
    out = []
    for index, suppression in enumerate(suppressions):
        if index in used or not any(code_matches(suppression.code, code) for code in rules):
            continue
        out.append(UnusedSuppression("inline", path, suppression.code, line=suppression.comment_line))
    return out


# -- baseline --------------------------------------------------------------------------------

BaselineKey = tuple[str, str, str]  # (path relative to the baseline's folder, code, normalized excerpt)


@dataclass
class Baseline:
    """Accepted findings by (path, code, excerpt) with a count; paths relative to ``root``."""

    root: Path
    entries: Counter = field(default_factory=Counter)
    source: Path | None = None

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Baseline:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"baseline file '{path}' not found") from None
        except OSError as error:
            raise BaselineError(f"cannot read baseline file '{path}': {error.strerror or error}") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise BaselineError(f"baseline file '{path}' is not valid JSON: {error}") from None
        entries: Counter = Counter()
        try:
            if data.get("version") != BASELINE_VERSION:
                raise BaselineError(f"baseline file '{path}': unsupported version {data.get('version')!r}")
            for entry in data["findings"]:
                key = (str(entry["path"]), str(entry["code"]), normalize_excerpt(str(entry["excerpt"])))
                entries[key] += int(entry.get("count", 1))
        except (AttributeError, KeyError, TypeError, ValueError):
            raise BaselineError(f"baseline file '{path}' is not a factcheck baseline "
                                "(expected {\"version\": 1, \"findings\": [...]})") from None
        return cls(root=path.resolve().parent, entries=entries, source=path)

    def path_key(self, path: str) -> str:
        absolute = os.path.abspath(path)
        try:
            relative = os.path.relpath(absolute, self.root)
        except ValueError:  # another drive
            return Path(absolute).as_posix()
        return Path(relative).as_posix()

    def key(self, path: str, finding: Finding) -> BaselineKey:
        return (self.path_key(path), finding.code, normalize_excerpt(finding.excerpt))


class BaselineMatcher:
    """Consumes baseline counts finding by finding, then tells which entries were left over."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self.remaining = Counter(baseline.entries)

    def split(self, path: str, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        kept: list[Finding] = []
        dropped: list[Finding] = []
        for finding in findings:
            key = self.baseline.key(path, finding)
            if self.remaining[key] > 0:
                self.remaining[key] -= 1
                dropped.append(finding)
            else:
                kept.append(finding)
        return kept, dropped

    def split_each(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """As ``split`` for findings that carry their own ``path`` (corpus findings)."""
        kept: list[Finding] = []
        dropped: list[Finding] = []
        for finding in findings:
            k, d = self.split(finding.path or "", [finding])
            kept += k
            dropped += d
        return kept, dropped

    def unused(self, audited: dict[str, tuple[str, Sequence[str]]]) -> list[UnusedSuppression]:
        """Left-over entries of documents in ``audited`` (path key -> (shown path, rules run))."""
        out = []
        for (key_path, code, excerpt), count in sorted(self.remaining.items()):
            if count <= 0 or key_path not in audited:
                continue
            shown, rules = audited[key_path]
            if code in rules:
                out.append(UnusedSuppression("baseline", shown, code, excerpt=excerpt, count=count))
        return out


def baseline_payload(result: AuditResult, baseline_path: str | os.PathLike[str]) -> dict:
    """The baseline of every finding ``result`` still reports (inline-suppressed ones left out)."""
    base = Baseline(root=Path(baseline_path).resolve().parent)
    counts: Counter = Counter()
    names: dict[str, str] = {}
    for doc in result.documents:
        for finding in doc.findings:
            counts[base.key(doc.document.path, finding)] += 1
            names[finding.code] = finding.rule
    for finding in result.corpus_findings:
        counts[base.key(finding.path or "", finding)] += 1
        names[finding.code] = finding.rule
    findings = [{"path": path, "code": code, "rule": names[code], "excerpt": excerpt, "count": count}
                for (path, code, excerpt), count in sorted(counts.items())]
    return {"tool": "factcheck", "version": BASELINE_VERSION, "findings": findings}


def write_baseline(result: AuditResult, path: str | os.PathLike[str]) -> int:
    """Write the baseline file atomically; returns the number of findings it accepts."""
    from factcheck.reports.atomic import write_text_atomic

    payload = baseline_payload(result, path)
    write_text_atomic(Path(path), json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return sum(entry["count"] for entry in payload["findings"])
