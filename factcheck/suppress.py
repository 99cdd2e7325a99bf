"""Suppressions, applied after the rules: inline comments and a baseline file of accepted findings.

``Suppressor`` (and ``apply(results, corpus_findings, errors, baseline)``, the same over a list) is
the one place findings are dropped:
each document's inline comments (read by its loader into ``Document.suppressions``, see
``factcheck.documents.suppressions``) mask its findings and the corpus findings placed in it,
then the baseline drops the findings it accepts. It returns the run's ``AuditResult`` with the
suppressed findings counted and the suppressions that matched nothing listed. Nothing here
writes a file (``factcheck.reports.baseline`` writes baselines).

A finding is covered by an inline comment when one of its lines is the line the comment covers
and the comment's code is the finding's code or a prefix of it (``*``: every rule).

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
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.documents.files import read_bounded
from factcheck.documents.model import InlineSuppression, LoadError
from factcheck.results import AuditResult, DocumentResult, Finding, InputError, UnusedSuppression
from factcheck.spans import LineIndex

BASELINE_VERSION = 1
# A baseline of a million findings is some 200 MB; a larger file is refused unread.
MAX_BASELINE_BYTES = 256 * 1024 * 1024

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

class _InlineMask:
    """One document's inline suppressions, asked finding by finding; remembers which matched."""

    def __init__(self, result: DocumentResult) -> None:
        self.path = result.document.path
        self.rules = result.rules
        self.suppressions: tuple[InlineSuppression, ...] = result.document.suppressions
        # Where each comment's line begins and the next begins: all of the text a mask keeps (it
        # is kept until the corpus findings are through, for every document with a comment).
        text = result.document.text
        lines = LineIndex(text)
        last_line = lines.line(len(text))
        self.length = len(text)
        past = len(text) + 1  # a line past the text's last (a comment on the last line, for the next) covers nothing
        self.bounds = tuple((lines.line_start(s.line) if s.line <= last_line else past,
                             lines.line_start(s.line + 1) if s.line < last_line else past)
                            for s in self.suppressions)
        self.used: set[int] = set()

    def covers(self, finding: Finding) -> bool:
        """Whether a comment covers a line the finding is on, as its code says (and remembered)."""
        if finding.path is not None and finding.path != self.path:
            return False  # in the bibliography file: the document's comments do not reach it
        # An offset past the text is on its last line, as a line index says.
        first, last = min(finding.start, self.length), min(max(finding.start, finding.end - 1), self.length)
        hits = [index for index, (begins, next_begins) in enumerate(self.bounds)
                if first < next_begins and begins <= last and code_matches(self.suppressions[index].code, finding.code)]
        self.used.update(hits)
        return bool(hits)

    def split(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        kept: list[Finding] = []
        dropped: list[Finding] = []
        for finding in findings:
            (dropped if self.covers(finding) else kept).append(finding)
        return kept, dropped

    def unused(self) -> list[UnusedSuppression]:
        """Suppressions that matched nothing, for rules that ran (one for a rule turned off by
        ``--select`` is not known to be unused)."""
        return [UnusedSuppression("inline", self.path, s.code, line=s.comment_line)
                for index, s in enumerate(self.suppressions)
                if index not in self.used and any(code_matches(s.code, code) for code in self.rules)]


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
            data = json.loads(read_bounded(path, MAX_BASELINE_BYTES, "baseline file").decode("utf-8"))
        except LoadError as error:
            if str(error) == "no such file":
                raise BaselineError(f"baseline file '{path}' not found") from None
            raise BaselineError(f"cannot read baseline file '{path}': {error}") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise BaselineError(f"baseline file '{path}' is not valid JSON: {error}") from None
        except RecursionError:
            raise BaselineError(f"baseline file '{path}' is nested too deeply to be a factcheck baseline") from None
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
    """Consumes baseline counts finding by finding, then tells which entries were left over.

    What was used is counted apart from the baseline's entries, which are not copied: a worker
    makes a matcher for each document it audits (``suppressed_alone``)."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self.used: Counter = Counter()

    def split(self, path: str, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        kept: list[Finding] = []
        dropped: list[Finding] = []
        entries, used = self.baseline.entries, self.used
        for finding in findings:
            key = self.baseline.key(path, finding)
            if entries.get(key, 0) > used[key]:
                used[key] += 1
                dropped.append(finding)
            else:
                kept.append(finding)
        return kept, dropped

    def _remaining(self) -> Iterator[tuple[BaselineKey, int]]:
        used = self.used
        return ((key, count - used[key]) for key, count in self.baseline.entries.items())

    def left_over_paths(self) -> set[str]:
        """The path keys of the entries not all used."""
        return {key_path for (key_path, _, _), count in self._remaining() if count > 0}

    def unused(self, audited: dict[str, tuple[str, Sequence[str]]]) -> list[UnusedSuppression]:
        """Left-over entries of documents in ``audited`` (path key -> (shown path, rules run))."""
        out = []
        for (key_path, code, excerpt), count in sorted(self._remaining()):
            if count <= 0 or key_path not in audited:
                continue
            shown, rules = audited[key_path]
            if code in rules:
                out.append(UnusedSuppression("baseline", shown, code, excerpt=excerpt, count=count))
        return out


# -- both ----------------------------------------------------------------------------------------

class Suppressor:
    """Inline comments, then the baseline, applied to a run's documents one at a time as they
    finish (``document``), then to the corpus findings (``finish``): nothing here holds the
    documents, only the inline comments of those that have some (for the corpus findings placed
    in them) and the baseline's counts. The same as applying them to all at once: a baseline
    entry names its document's path, so each document's findings take from their own entries,
    in the order the documents come, and the corpus findings after them."""

    def __init__(self, baseline: Baseline | None = None) -> None:
        self.masks: dict[str, _InlineMask] = {}
        self.matcher = BaselineMatcher(baseline) if baseline is not None and baseline.entries else None

    def document(self, result: DocumentResult) -> DocumentResult:
        """``result`` with the findings its inline comments and the baseline accept moved to ``suppressed``."""
        findings, suppressed = list(result.findings), list(result.suppressed)
        if result.document.suppressions:
            mask = self.masks[result.document.path] = _InlineMask(result)
            findings, dropped = mask.split(findings)
            suppressed += dropped
        if self.matcher is not None:
            findings, dropped = self.matcher.split(result.document.path, findings)
            suppressed += dropped
        if len(suppressed) == len(result.suppressed):
            return result
        return result.with_findings(tuple(findings), tuple(suppressed))

    def finish(self, corpus_findings: Iterable[Finding], audited: Iterable[tuple[str, Sequence[str]]],
               kept: MutableSequence[Finding] | None = None, dropped: MutableSequence[Finding] | None = None,
               ) -> tuple[MutableSequence[Finding], MutableSequence[Finding], list[UnusedSuppression]]:
        """(corpus findings kept, corpus findings dropped, unused suppressions), once every
        document has been through ``document``; ``audited`` is (path, rules run) of each
        document, in the documents' order, gone through once (a large run's are read from disk):
        only those an unused suppression names are kept. The corpus findings are gone through
        once, each appended to ``kept`` or ``dropped`` (lists unless given: a large run's are
        spools on disk, ``factcheck.spool.ItemSpool``): an inline comment where a finding is,
        then the baseline's entries, taken in the findings' order."""
        kept = [] if kept is None else kept
        dropped = [] if dropped is None else dropped
        for finding in corpus_findings:
            mask = self.masks.get(finding.path or "")
            if mask is not None and mask.covers(finding):
                dropped.append(finding)
            elif self.matcher is not None and self.matcher.split(finding.path or "", [finding])[1]:
                dropped.append(finding)
            else:
                kept.append(finding)
        baseline_unused: list[UnusedSuppression] = []
        left = None if self.matcher is None else self.matcher.left_over_paths()
        named: dict[str, tuple[str, Sequence[str]]] = {}  # path key -> (path, rules) of a document in ``left``
        inline_unused = []
        for path, rules in (audited if self.masks or left else ()):
            if path in self.masks:
                inline_unused += self.masks[path].unused()
            if left:
                key = self.matcher.baseline.path_key(path)
                if key in left:
                    named[key] = (path, rules)  # a path given twice: the last, as a dict of all kept it
        if self.matcher is not None:
            baseline_unused = self.matcher.unused(named)
        return kept, dropped, inline_unused + baseline_unused


# -- where a document is audited -----------------------------------------------------------------

#: A baseline file a worker reads for itself at most (``baseline_for_worker``): a larger one
#: (some 80,000 accepted findings) would be held again by every worker process, and is left to
#: the process that gathers the results, as before.
WORKER_BASELINE_BYTES = 16 * 2**20

_worker_baseline: dict[tuple[str, int, int], Baseline] = {}


def baseline_for_worker(path: str) -> Baseline | None:
    """The baseline file at ``path`` as a worker reads it, once per process while the file stays
    the same (its modification time and size); None when it cannot be read or is larger than
    ``WORKER_BASELINE_BYTES``. What the worker makes of it is checked against the run's own
    suppression (``suppressed_alone``): a file changed or missing here costs time, not output."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if stat.st_size > WORKER_BASELINE_BYTES:
        return None
    key = (path, stat.st_mtime_ns, stat.st_size)
    found = _worker_baseline.get(key)
    if found is None:
        try:
            found = Baseline.load(path)
        except BaselineError:
            return None
        _worker_baseline.clear()  # one file a run: the last one read
        _worker_baseline[key] = found
    return found


def forget_worker_baseline() -> None:
    """Drop the baseline ``baseline_for_worker`` read: a run whose work ran in this process (one
    job, the API) does not keep a second copy of it after it ends."""
    _worker_baseline.clear()


def suppressed_alone(result: DocumentResult, baseline: Baseline | None) -> tuple[DocumentResult, tuple[int, ...]]:
    """``result`` with its inline comments and ``baseline`` applied as a run applies them to a
    document whose path no earlier document had, and the positions of the findings that dropped
    out (``dropped_positions``). A large run's workers make the reports' records of this
    (``factcheck.pipeline.audit_to_store``), so that a run with a baseline or inline comments has
    its pages made there too. The process that gathers the results still applies the run's
    suppressions, and keeps those records only where it drops the same findings: not for a path
    given twice, whose second document finds the baseline's entries taken."""
    after = Suppressor(baseline).document(result)
    return after, dropped_positions(result, after)


def dropped_positions(before: DocumentResult, after: DocumentResult) -> tuple[int, ...]:
    """The positions in ``before.findings`` of those ``after`` (``Suppressor.document`` of it)
    no longer has: the same objects are kept, the others moved to ``suppressed``."""
    if after is before:
        return ()
    kept = {id(finding) for finding in after.findings}
    return tuple(position for position, finding in enumerate(before.findings) if id(finding) not in kept)


def apply(results: Sequence[DocumentResult], corpus_findings: Sequence[Finding], errors: Sequence[InputError],
          baseline: Baseline | None = None) -> AuditResult:
    """The run's result: inline comments, then the baseline, applied to the documents' findings
    and the corpus findings; the suppressions that matched nothing collected."""
    suppressor = Suppressor(baseline)
    documents = tuple(suppressor.document(result) for result in results)
    kept, dropped, unused = suppressor.finish(corpus_findings, [(d.document.path, d.rules) for d in documents])
    return AuditResult(documents=documents, errors=tuple(errors), corpus_findings=tuple(kept),
                       suppressed_corpus=tuple(dropped), unused_suppressions=tuple(unused))
